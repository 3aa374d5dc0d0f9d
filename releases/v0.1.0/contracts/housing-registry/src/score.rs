//! The published allocation score.
//!
//! A household needs one room per person: `rooms_needed = max(household_size, 1)`.
//! An applicant is **eligible** for a home when the home is `Available`, has at least
//! `rooms_needed` rooms and offers every accessibility feature the household needs. Then
//!
//! ```text
//! fit     = max(0, 1000 + 200 × needs_met − 100 × excess_rooms − 50 × unneeded_features)
//! waiting = 10 × min(days since the application, 3650)
//! score   = fit + waiting
//! ```
//!
//! where `needs_met` is the number of needed features (all of them, when eligible),
//! `excess_rooms = rooms − rooms_needed` and `unneeded_features` counts the home's features the
//! household does not need (accessible homes are kept for those who need them). One day of
//! waiting is worth 10 points: one excess room weighs as much as ten days of waiting.
//!
//! **A round** (`AllocateRound { limit }`, anyone may send it) walks at most `limit` available
//! homes (`limit ≤ MAX_ROUND_HOMES`) in ascending id, starting after the home where the
//! previous round stopped and wrapping around once. Each home goes to the eligible applicant
//! with the highest score; equal scores go to the earlier application (lower queue position,
//! unique). A chosen applicant who is no longer a member of the council loses the application
//! and the next is taken, up to `MAX_LAPSED_PER_HOME` times per home (the home waits for the
//! next round after that). The same state always gives the same result; nothing random is
//! involved.
//!
//! **Why it is bounded.** The score depends on the applicant only through the *need profile*
//! (rooms needed, set of needed features) and the waiting time, and queue positions are given
//! in time order, so the best applicant of a profile is its oldest. Applicants wait in one
//! queue per profile and the registry keeps the oldest of each profile (`state::HEADS`;
//! applying, updating, withdrawing and being housed change a constant number of entries). A
//! round reads those heads once per household size its homes fit: at most `MAX_HOUSEHOLD` ×
//! `PROFILES_PER_SIZE` = 16 × 64 = 1,024 entries however many wait, in practice one per profile
//! anyone waits in; it scores them in memory for each of its ≤ `MAX_ROUND_HOMES` homes and takes
//! at most `MAX_LAPSED_PER_HOME + 1` applicants per home out of the queue (each: one membership
//! query and a constant number of reads and writes). The home's profiles include every
//! applicant it fits, so nobody who fits waits behind people who do not.

use cosmwasm_std::Timestamp;

use crate::msg::{Accessibility, HomeStatus};
use crate::profile::{FeatureSet, Profile};
use crate::state::{Application, Home};

pub const DAY_SECONDS: u64 = 86_400;
pub const MAX_HOUSEHOLD: u32 = 16;
pub const MAX_ROOMS: u32 = 32;
pub const FIT_BASE: u64 = 1_000;
pub const NEED_MET_BONUS: u64 = 200;
pub const EXCESS_ROOM_PENALTY: u64 = 100;
pub const UNNEEDED_FEATURE_PENALTY: u64 = 50;
pub const WAITING_POINTS_PER_DAY: u64 = 10;
pub const MAX_WAITING_DAYS: u64 = 3_650;
/// Homes one round may look at.
pub const MAX_ROUND_HOMES: u32 = 10;
/// Applications of former members one round drops per home before it moves on.
pub const MAX_LAPSED_PER_HOME: u32 = 4;

pub fn rooms_needed(household_size: u32) -> u32 {
    household_size.max(1)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ineligible {
    NotAvailable,
    TooSmall,
    MissingFeature(Accessibility),
}

impl Ineligible {
    pub fn describe(&self) -> String {
        match self {
            Ineligible::NotAvailable => "home is not available".to_string(),
            Ineligible::TooSmall => "home has fewer rooms than the household needs".to_string(),
            Ineligible::MissingFeature(f) => format!("home lacks needed feature {f:?}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score {
    pub ineligible: Option<Ineligible>,
    pub rooms_needed: u32,
    pub excess_rooms: u32,
    pub fit_points: u64,
    pub waiting_days: u64,
    pub waiting_points: u64,
    pub total: u64,
}

pub fn waiting_days(applied_at: Timestamp, now: Timestamp) -> u64 {
    now.seconds().saturating_sub(applied_at.seconds()) / DAY_SECONDS
}

pub fn score(app: &Application, home: &Home, now: Timestamp) -> Score {
    profile_score(Profile::of(app), app.applied_at, home, now)
}

/// The score of an applicant of `profile` who applied at `applied_at`: nothing else about an
/// applicant counts.
pub fn profile_score(
    profile: Profile,
    applied_at: Timestamp,
    home: &Home,
    now: Timestamp,
) -> Score {
    let needed = profile.rooms;
    let offered = FeatureSet::of(&home.accessibility);
    let ineligible = if home.status != HomeStatus::Available {
        Some(Ineligible::NotAvailable)
    } else if home.rooms < needed {
        Some(Ineligible::TooSmall)
    } else {
        profile
            .needs
            .difference(offered)
            .first()
            .map(Ineligible::MissingFeature)
    };
    let excess_rooms = home.rooms.saturating_sub(needed);
    let needs_met = profile.needs.intersection(offered).count();
    let unneeded = offered.difference(profile.needs).count();
    let fit_points = (FIT_BASE + NEED_MET_BONUS * needs_met)
        .saturating_sub(EXCESS_ROOM_PENALTY * u64::from(excess_rooms))
        .saturating_sub(UNNEEDED_FEATURE_PENALTY * unneeded);
    let days = waiting_days(applied_at, now);
    let waiting_points = WAITING_POINTS_PER_DAY * days.min(MAX_WAITING_DAYS);
    Score {
        ineligible,
        rooms_needed: needed,
        excess_rooms,
        fit_points,
        waiting_days: days,
        waiting_points,
        total: fit_points + waiting_points,
    }
}
