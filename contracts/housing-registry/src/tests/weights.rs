//! The score's weights are the registry's config: the admin (the council) changes them with
//! `update_config`, the next round scores with them, and every bound `score::validate_weights`
//! states refuses what would break a published claim, changing nothing.

use cosmwasm_std::Timestamp;
use proptest::prelude::*;

use super::*;
use crate::msg::{ConfigResponse, ScoreResponse};
use crate::profile::{FeatureSet, Profile, ALL_FEATURES};
use crate::score::{
    max_fit, profile_score, validate_weights, DEFAULT_WEIGHTS, MAX_POINTS_WEIGHT, MAX_ROOMS,
    MAX_WAITING_DAYS_BOUND,
};
use crate::state::{Home, CONFIG};

/// Any weights within the bounds: small ones (of the size of a few days' fit differences) and
/// large ones, pulled up to the lower bounds where they fall short (so those are often met).
pub(super) fn valid_weights() -> impl Strategy<Value = ScoreWeights> {
    let points = || prop_oneof![0u64..=2_000, 0u64..=MAX_POINTS_WEIGHT];
    let days = prop_oneof![1u64..=60, 1u64..=MAX_WAITING_DAYS_BOUND];
    (points(), points(), points(), points(), points(), days).prop_filter_map(
        "waiting cannot outweigh fit within the bounds",
        |(fit_base, bonus, room, feature, per_day, days)| {
            let room = room.max(1);
            let feature = feature.max(1);
            let mut w = ScoreWeights {
                fit_base: fit_base.max(room).max(feature),
                need_met_bonus: bonus,
                excess_room_penalty: room,
                unneeded_feature_penalty: feature,
                waiting_points_per_day: per_day,
                max_waiting_days: days,
            };
            w.waiting_points_per_day = per_day.max(max_fit(&w) / days + 1);
            validate_weights(&w).is_ok().then_some(w)
        },
    )
}

fn set_weights(t: &mut T, sender: &Addr, weights: ScoreWeights) -> Result<Response, ContractError> {
    t.exec(sender, update_weights(weights))
}

fn update_weights(weights: ScoreWeights) -> ExecuteMsg {
    ExecuteMsg::UpdateConfig {
        treasury: None,
        fees: None,
        guest: None,
        grace_period_seconds: None,
        score_weights: Some(weights),
    }
}

fn config(t: &T) -> ConfigResponse {
    t.q(QueryMsg::Config {})
}

#[test]
fn a_new_registry_scores_with_the_published_weights() {
    let t = T::new();
    assert_eq!(config(&t).score_weights, DEFAULT_WEIGHTS);
    assert_eq!(
        DEFAULT_WEIGHTS,
        ScoreWeights {
            fit_base: 1_000,
            need_met_bonus: 200,
            excess_room_penalty: 100,
            unneeded_feature_penalty: 50,
            waiting_points_per_day: 10,
            max_waiting_days: 3_650,
        }
    );
    assert_eq!(validate_weights(&DEFAULT_WEIGHTS), Ok(()));
}

/// A registry deployed by v0.1.0 (layout 1: no weights, no state version) is converted by
/// `migrate`, which reports it, and then scores as published.
#[test]
fn migrating_a_v0_1_0_config_gives_it_the_published_weights() {
    let mut t = T::new();
    let stored = cosmwasm_std::to_json_string(&CONFIG.load(&t.deps.storage).unwrap()).unwrap();
    let weights = cosmwasm_std::to_json_string(&DEFAULT_WEIGHTS).unwrap();
    let before_weights = stored.replace(&format!(",\"score_weights\":{weights}"), "");
    assert!(!before_weights.contains("score_weights"));
    t.deps.storage.set(b"config", before_weights.as_bytes());
    dac_common::migrate::STATE_VERSION.remove(&mut t.deps.storage);
    cw2::set_contract_version(&mut t.deps.storage, crate::contract::CONTRACT_NAME, "0.1.0")
        .unwrap();
    assert!(
        CONFIG.load(&t.deps.storage).is_err(),
        "layout 2 does not read layout 1's config: only migrate converts it"
    );

    let res = crate::contract::migrate(t.deps.as_mut(), t.env.clone(), crate::msg::MigrateMsg {})
        .unwrap();
    let attr = |k: &str| {
        res.attributes
            .iter()
            .find(|a| a.key == k)
            .map(|a| a.value.as_str())
    };
    assert_eq!(attr("converted"), Some("config"));
    assert_eq!(attr("from_state_version"), Some("1"));
    assert_eq!(attr("to_state_version"), Some("2"));
    assert_eq!(config(&t).score_weights, DEFAULT_WEIGHTS);

    // Migrating again converts nothing.
    let again = crate::contract::migrate(t.deps.as_mut(), t.env.clone(), crate::msg::MigrateMsg {})
        .unwrap();
    assert!(again
        .attributes
        .iter()
        .any(|a| a.key == "converted" && a.value == "none"));
}

/// A single applied before a couple; the two-room home goes to the couple under the published
/// weights (one excess room costs 100 points, more than the single's 5 extra days' 50). After
/// the council lowers the excess-room penalty to 10, the next round gives it to the single.
fn single_and_couple_for_two_rooms(t: &mut T) -> (Addr, Addr, u64) {
    let home = t.register(2, vec![]);
    let single = t.join("single");
    let couple = t.join("couple");
    t.apply(&single, 1, vec![]);
    t.advance_days(5);
    t.apply(&couple, 2, vec![]);
    t.advance_days(5);
    (single, couple, home)
}

#[test]
fn the_next_round_follows_the_weights_the_admin_set() {
    // Unchanged: the couple, whose household fills the home.
    let mut t = T::new();
    let (single, couple, home) = single_and_couple_for_two_rooms(&mut t);
    t.round(1);
    assert_eq!((t.home_of(&couple), t.home_of(&single)), (Some(home), None));

    // Changed before the round: the single, who waited longer.
    let mut t = T::new();
    let (single, couple, home) = single_and_couple_for_two_rooms(&mut t);
    let admin = t.admin.clone();
    let lenient = ScoreWeights {
        excess_room_penalty: 10,
        ..DEFAULT_WEIGHTS
    };
    set_weights(&mut t, &admin, lenient).unwrap();
    assert_eq!(config(&t).score_weights, lenient);
    let score: ScoreResponse = t.q(QueryMsg::Score {
        applicant: single.to_string(),
        home_id: home,
    });
    assert_eq!((score.fit_points, score.total), (1_000 - 10, 990 + 100));
    let res = t.round(1);
    assert_eq!(
        event_attrs(&res, "housing_allocation", "holder"),
        vec![single.to_string()]
    );
    assert_eq!((t.home_of(&single), t.home_of(&couple)), (Some(home), None));
}

#[test]
fn only_the_admin_may_change_the_weights() {
    let mut t = T::new();
    let member = t.join("member");
    let lenient = ScoreWeights {
        excess_room_penalty: 10,
        ..DEFAULT_WEIGHTS
    };
    assert_eq!(
        t.refused(&member, update_weights(lenient)),
        ContractError::Admin(dac_common::admin::AdminError::NotAdmin)
    );
    assert_eq!(config(&t).score_weights, DEFAULT_WEIGHTS);
}

#[test]
fn every_bound_refuses_weights_beyond_it_and_changes_nothing() {
    let d = DEFAULT_WEIGHTS;
    let out = |weight, min, max| ContractError::ScoreWeightOutOfBounds { weight, min, max };
    let cases = [
        (
            ScoreWeights {
                excess_room_penalty: 0,
                ..d
            },
            out("excess_room_penalty", 1, MAX_POINTS_WEIGHT),
        ),
        (
            ScoreWeights {
                excess_room_penalty: MAX_POINTS_WEIGHT + 1,
                ..d
            },
            out("excess_room_penalty", 1, MAX_POINTS_WEIGHT),
        ),
        (
            ScoreWeights {
                unneeded_feature_penalty: 0,
                ..d
            },
            out("unneeded_feature_penalty", 1, MAX_POINTS_WEIGHT),
        ),
        (
            ScoreWeights {
                unneeded_feature_penalty: MAX_POINTS_WEIGHT + 1,
                ..d
            },
            out("unneeded_feature_penalty", 1, MAX_POINTS_WEIGHT),
        ),
        // Below a penalty: the fit of a household without needs would floor at zero.
        (
            ScoreWeights { fit_base: 99, ..d },
            out("fit_base", 100, MAX_POINTS_WEIGHT),
        ),
        (
            ScoreWeights {
                fit_base: MAX_POINTS_WEIGHT + 1,
                ..d
            },
            out("fit_base", 100, MAX_POINTS_WEIGHT),
        ),
        (
            ScoreWeights {
                need_met_bonus: MAX_POINTS_WEIGHT + 1,
                ..d
            },
            out("need_met_bonus", 0, MAX_POINTS_WEIGHT),
        ),
        (
            ScoreWeights {
                waiting_points_per_day: 0,
                ..d
            },
            out("waiting_points_per_day", 1, MAX_POINTS_WEIGHT),
        ),
        (
            ScoreWeights {
                waiting_points_per_day: u64::MAX,
                ..d
            },
            out("waiting_points_per_day", 1, MAX_POINTS_WEIGHT),
        ),
        (
            ScoreWeights {
                max_waiting_days: 0,
                ..d
            },
            out("max_waiting_days", 1, MAX_WAITING_DAYS_BOUND),
        ),
        (
            ScoreWeights {
                max_waiting_days: MAX_WAITING_DAYS_BOUND + 1,
                ..d
            },
            out("max_waiting_days", 1, MAX_WAITING_DAYS_BOUND),
        ),
        // 10 × 220 = 2,200 is exactly the largest fit, 1,000 + 6 × 200: a newcomer who fits
        // perfectly would tie with someone who waited the longest that counts.
        (
            ScoreWeights {
                max_waiting_days: 220,
                ..d
            },
            ContractError::WaitingCannotOutweighFit {
                waiting: 2_200,
                fit: 2_200,
            },
        ),
    ];
    let mut t = T::new();
    let admin = t.admin.clone();
    for (weights, expected) in cases {
        assert_eq!(t.refused(&admin, update_weights(weights)), expected);
    }
    // One more day of waiting that counts than the last case is valid.
    set_weights(
        &mut t,
        &admin,
        ScoreWeights {
            max_waiting_days: 221,
            ..d
        },
    )
    .unwrap();
}

/// At the largest weights and the largest home, the score is computed exactly (tests run with
/// overflow checks: an overflow would panic).
#[test]
fn the_largest_weights_cannot_overflow_the_score() {
    let w = ScoreWeights {
        fit_base: MAX_POINTS_WEIGHT,
        need_met_bonus: MAX_POINTS_WEIGHT,
        excess_room_penalty: MAX_POINTS_WEIGHT,
        unneeded_feature_penalty: MAX_POINTS_WEIGHT,
        waiting_points_per_day: MAX_POINTS_WEIGHT,
        max_waiting_days: MAX_WAITING_DAYS_BOUND,
    };
    assert_eq!(validate_weights(&w), Ok(()));
    let home = Home {
        rooms: MAX_ROOMS,
        accessibility: ALL_FEATURES.to_vec(),
        zone: "z".into(),
        status: HomeStatus::Available,
        open_bookings: 0,
    };
    let needs_all = Profile {
        rooms: MAX_ROOMS,
        needs: FeatureSet::of(&ALL_FEATURES),
    };
    let s = profile_score(
        needs_all,
        Timestamp::from_seconds(0),
        &home,
        Timestamp::from_nanos(u64::MAX),
        &w,
    );
    assert_eq!(s.fit_points, 7 * MAX_POINTS_WEIGHT);
    assert_eq!(
        s.total,
        7 * MAX_POINTS_WEIGHT + MAX_POINTS_WEIGHT * MAX_WAITING_DAYS_BOUND
    );
    // The largest penalties floor the fit at zero instead of wrapping.
    let needs_nothing = Profile {
        rooms: 1,
        needs: FeatureSet::default(),
    };
    let s = profile_score(
        needs_nothing,
        Timestamp::from_seconds(0),
        &home,
        Timestamp::from_seconds(0),
        &w,
    );
    assert_eq!(s.total, 0);
}

fn any_profile() -> impl Strategy<Value = Profile> {
    (1u32..=4, 0u8..(1 << ALL_FEATURES.len())).prop_map(|(rooms, bits)| Profile {
        rooms,
        needs: FeatureSet::from_bits(bits),
    })
}

proptest! {
    /// The bound that waiting outweighs fit, at work: under any valid weights, whoever waited
    /// `max_waiting_days` outranks a newcomer for any home both are eligible for.
    #[test]
    fn a_full_wait_outranks_any_newcomer_under_any_valid_weights(
        w in valid_weights(),
        old in any_profile(),
        new in any_profile(),
        rooms in 4u32..=MAX_ROOMS,
        offered in 0u8..(1 << ALL_FEATURES.len()),
        extra_days in 0u64..1_000,
    ) {
        let home = Home {
            rooms,
            accessibility: FeatureSet::from_bits(offered | old.needs.bits() | new.needs.bits())
                .features(),
            zone: "z".into(),
            status: HomeStatus::Available,
            open_bookings: 0,
        };
        let now = Timestamp::from_seconds((w.max_waiting_days + extra_days) * DAY);
        let long = profile_score(old, Timestamp::from_seconds(0), &home, now, &w);
        let fresh = profile_score(new, now, &home, now, &w);
        prop_assert!(long.ineligible.is_none() && fresh.ineligible.is_none());
        prop_assert!(long.total > fresh.total, "{:?} vs {:?}", long, fresh);
    }
}
