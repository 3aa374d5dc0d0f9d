//! The published allocation score.
//!
//! A household needs one room per person: `rooms_needed = max(household_size, 1)`.
//! An applicant is **eligible** for a home when the home is `Available`, has at least
//! `rooms_needed` rooms and offers every accessibility feature the household needs. Then
//!
//! ```text
//! fit     = max(0, fit_base + need_met_bonus × needs_met
//!                  − excess_room_penalty × excess_rooms
//!                  − unneeded_feature_penalty × unneeded_features)
//! waiting = waiting_points_per_day × min(days since the application, max_waiting_days)
//! score   = fit + waiting
//! ```
//!
//! where `needs_met` is the number of needed features (all of them, when eligible),
//! `excess_rooms = rooms − rooms_needed` and `unneeded_features` counts the home's features the
//! household does not need (accessible homes are kept for those who need them). The weights are
//! the registry's [`ScoreWeights`], set by the admin (the council) within the bounds of
//! [`validate_weights`]; by default `fit = max(0, 1000 + 200 × needs_met − 100 × excess_rooms −
//! 50 × unneeded_features)` and `waiting = 10 × min(days, 3650)`: one excess room weighs as much
//! as ten days of waiting.
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

use crate::error::ContractError;
use crate::msg::{Accessibility, HomeStatus, ScoreWeights};
use crate::profile::{FeatureSet, Profile, ALL_FEATURES};
use crate::state::{Application, Home};

pub const DAY_SECONDS: u64 = 86_400;
pub const MAX_HOUSEHOLD: u32 = 16;
pub const MAX_ROOMS: u32 = 32;
/// The weights as first published: what a registry scores with until the admin changes them.
pub const DEFAULT_WEIGHTS: ScoreWeights = ScoreWeights {
    fit_base: 1_000,
    need_met_bonus: 200,
    excess_room_penalty: 100,
    unneeded_feature_penalty: 50,
    waiting_points_per_day: 10,
    max_waiting_days: 3_650,
};
/// The most any points weight may be. Why: with it and `MAX_WAITING_DAYS_BOUND` the largest
/// score, `(1 + 6) × 10⁶ + 10⁶ × 36,500 ≈ 3.7 × 10¹⁰`, and the largest penalty, `31 × 10⁶`, are
/// far below `u64::MAX`: no score arithmetic can overflow.
pub const MAX_POINTS_WEIGHT: u64 = 1_000_000;
/// The longest waiting time that may count: a century. Why: no wait is longer, and it keeps the
/// waiting points below overflow (see `MAX_POINTS_WEIGHT`).
pub const MAX_WAITING_DAYS_BOUND: u64 = 36_500;
/// Homes one round may look at.
pub const MAX_ROUND_HOMES: u32 = 10;
/// Applications of former members one round drops per home before it moves on.
pub const MAX_LAPSED_PER_HOME: u32 = 4;

impl Default for ScoreWeights {
    fn default() -> Self {
        DEFAULT_WEIGHTS
    }
}

/// The largest fit any eligible applicant can have: every feature needed and offered, no excess.
pub fn max_fit(w: &ScoreWeights) -> u64 {
    w.fit_base + w.need_met_bonus * ALL_FEATURES.len() as u64
}

fn within(weight: &'static str, value: u64, min: u64, max: u64) -> Result<(), ContractError> {
    if (min..=max).contains(&value) {
        return Ok(());
    }
    Err(ContractError::ScoreWeightOutOfBounds { weight, min, max })
}

/// The bounds under which the score keeps its published claims (and the fairness property test
/// holds): each is stated with the claim it keeps.
pub fn validate_weights(w: &ScoreWeights) -> Result<(), ContractError> {
    // Each penalty at least 1: homes go to households that fill them (excess rooms) and
    // accessible homes are kept for those who need them (unneeded features), at equal waiting.
    within(
        "excess_room_penalty",
        w.excess_room_penalty,
        1,
        MAX_POINTS_WEIGHT,
    )?;
    within(
        "unneeded_feature_penalty",
        w.unneeded_feature_penalty,
        1,
        MAX_POINTS_WEIGHT,
    )?;
    // At least each penalty: otherwise a household without needs has no fit left after one
    // excess room or unneeded feature (the fit floors at zero), and the penalties stop telling
    // homes apart for it.
    within(
        "fit_base",
        w.fit_base,
        w.excess_room_penalty.max(w.unneeded_feature_penalty),
        MAX_POINTS_WEIGHT,
    )?;
    // May be zero: no claim rests on the bonus alone (the unneeded-feature penalty keeps
    // accessible homes for those who need them).
    within("need_met_bonus", w.need_met_bonus, 0, MAX_POINTS_WEIGHT)?;
    // Both at least 1 and, together, past the largest fit (below): waiting must count.
    within(
        "waiting_points_per_day",
        w.waiting_points_per_day,
        1,
        MAX_POINTS_WEIGHT,
    )?;
    within(
        "max_waiting_days",
        w.max_waiting_days,
        1,
        MAX_WAITING_DAYS_BOUND,
    )?;
    // Waiting eventually outweighs fit: whoever has waited `max_waiting_days` outranks every
    // newcomer for any home both are eligible for, however much better the newcomer fits, so
    // nobody who fits a home waits forever behind better-fitting newcomers.
    let waiting = w.waiting_points_per_day * w.max_waiting_days;
    let fit = max_fit(w);
    if waiting <= fit {
        return Err(ContractError::WaitingCannotOutweighFit { waiting, fit });
    }
    Ok(())
}

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

pub fn score(app: &Application, home: &Home, now: Timestamp, weights: &ScoreWeights) -> Score {
    profile_score(Profile::of(app), app.applied_at, home, now, weights)
}

/// The score of an applicant of `profile` who applied at `applied_at`: nothing else about an
/// applicant counts.
pub fn profile_score(
    profile: Profile,
    applied_at: Timestamp,
    home: &Home,
    now: Timestamp,
    w: &ScoreWeights,
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
    let fit_points = (w.fit_base + w.need_met_bonus * needs_met)
        .saturating_sub(w.excess_room_penalty * u64::from(excess_rooms))
        .saturating_sub(w.unneeded_feature_penalty * unneeded);
    let days = waiting_days(applied_at, now);
    let waiting_points = w.waiting_points_per_day * days.min(w.max_waiting_days);
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
