use super::*;
use crate::msg::{ApplicationsResponse, HomeResponse, ScoreResponse};
use crate::score::{MAX_LAPSED_PER_HOME, MAX_ROUND_HOMES};

fn score_of(t: &T, who: &Addr, home_id: u64) -> ScoreResponse {
    t.q(QueryMsg::Score {
        applicant: who.to_string(),
        home_id,
    })
}

#[test]
fn need_fit_prefers_the_household_the_home_fits() {
    let mut t = T::new();
    let home = t.register(3, vec![]);
    let single = t.join("single");
    let family = t.join("family");
    t.apply(&single, 1, vec![]); // applied first
    t.apply(&family, 3, vec![]);
    assert_eq!(score_of(&t, &single, home).fit_points, 1000 - 2 * 100);
    assert_eq!(score_of(&t, &family, home).fit_points, 1000);
    let res = t.round(1);
    assert_eq!(
        event_attrs(&res, "housing_allocation", "holder"),
        vec![family.to_string()]
    );
    assert_eq!(t.home_of(&family), Some(home));
    assert_eq!(t.home_of(&single), None);
}

#[test]
fn needed_accessibility_is_required_and_ranks_first() {
    let mut t = T::new();
    let plain = t.register(2, vec![]);
    let accessible = t.register(2, vec![Accessibility::Wheelchair]);
    let walker = t.join("walker");
    let wheel = t.join("wheel");
    t.apply(&walker, 2, vec![]);
    t.apply(
        &wheel,
        2,
        vec![Accessibility::Wheelchair, Accessibility::Wheelchair],
    );

    let s = score_of(&t, &wheel, plain);
    assert!(!s.eligible);
    assert_eq!(
        s.reason.as_deref(),
        Some("home lacks needed feature Wheelchair")
    );
    assert_eq!(score_of(&t, &wheel, accessible).total, 1000 + 200);
    assert_eq!(score_of(&t, &walker, accessible).total, 1000 - 50);

    // Home 1 (plain) first: only the walker fits it; then the accessible one goes to wheel.
    t.round(2);
    assert_eq!(t.home_of(&walker), Some(plain));
    assert_eq!(t.home_of(&wheel), Some(accessible));
}

#[test]
fn accessible_home_goes_to_who_needs_it_even_if_they_applied_later() {
    let mut t = T::new();
    let accessible = t.register(2, vec![Accessibility::StepFree]);
    let walker = t.join("walker");
    let wheel = t.join("wheel");
    t.apply(&walker, 2, vec![]);
    t.apply(&wheel, 2, vec![Accessibility::StepFree]);
    t.round(1);
    assert_eq!(t.home_of(&wheel), Some(accessible));
}

#[test]
fn ties_go_to_the_earlier_application() {
    let mut t = T::new();
    let home = t.register(2, vec![]);
    let first = t.join("first");
    let second = t.join("second");
    t.apply(&first, 2, vec![]);
    t.apply(&second, 2, vec![]);
    assert_eq!(
        score_of(&t, &first, home).total,
        score_of(&t, &second, home).total
    );
    t.round(1);
    assert_eq!(t.home_of(&first), Some(home));
    assert_eq!(t.home_of(&second), None);
}

#[test]
fn waiting_time_outweighs_a_small_misfit() {
    let mut t = T::new();
    let early = t.join("early");
    t.apply(&early, 1, vec![]);
    t.advance_days(20);
    let late = t.join("late");
    t.apply(&late, 2, vec![]);
    let home = t.register(2, vec![]);
    let s = score_of(&t, &early, home);
    assert_eq!(
        (s.waiting_days, s.waiting_points, s.fit_points),
        (20, 200, 900)
    );
    assert_eq!(score_of(&t, &late, home).total, 1000);
    t.round(1);
    assert_eq!(t.home_of(&early), Some(home));
}

#[test]
fn rounds_are_bounded_and_continue_where_the_last_stopped() {
    let mut t = T::new();
    let small = t.register(1, vec![]); // too small for everyone
    let home_a = t.register(2, vec![]);
    let home_b = t.register(2, vec![]);
    let a = t.join("a");
    let b = t.join("b");
    t.apply(&a, 2, vec![]);
    t.apply(&b, 2, vec![]);
    let anyone = t.addr("anyone");
    for limit in [0, MAX_ROUND_HOMES + 1] {
        assert_eq!(
            t.refused(&anyone, ExecuteMsg::AllocateRound { limit }),
            ContractError::InvalidRoundLimit {
                max: MAX_ROUND_HOMES
            }
        );
    }

    // Round 1 looks at the small home only: the bound holds, nobody fits.
    let res = t.round(1);
    assert_eq!(attr(&res, "homes_considered"), "1");
    assert_eq!(attr(&res, "allocated"), "0");
    // Round 2 continues with the next home instead of looking at the small one again.
    let res = t.round(1);
    assert_eq!(attr(&res, "allocated"), "1");
    assert_eq!(t.home_of(&a), Some(home_a));
    let res = t.round(1);
    assert_eq!(attr(&res, "allocated"), "1");
    assert_eq!(t.home_of(&b), Some(home_b));
    let home: HomeResponse = t.q(QueryMsg::Home { home_id: small });
    assert_eq!(home.status, HomeStatus::Available);
}

#[test]
fn nobody_who_fits_waits_behind_those_who_do_not() {
    // The society simulator's case: the oldest applicants of a household size all need
    // step-free access, the vacant home has none; a later applicant who needs nothing fits it.
    let mut t = T::new();
    let mut step_free = vec![];
    for i in 0..8 {
        let who = t.join(&format!("step-free-{i}"));
        t.apply(&who, 1, vec![Accessibility::StepFree]);
        step_free.push(who);
    }
    t.advance_days(3);
    let late = t.join("late");
    t.apply(&late, 1, vec![]);
    let plain = t.register(1, vec![]);
    let res = t.round(1);
    assert_eq!(
        event_attrs(&res, "housing_allocation", "holder"),
        vec![late.to_string()]
    );
    assert_eq!(t.home_of(&late), Some(plain));
    // The step-free applicants keep their places: the next step-free home goes to the oldest.
    let accessible = t.register(1, vec![Accessibility::StepFree]);
    t.round(1);
    assert_eq!(t.home_of(&step_free[0]), Some(accessible));
    assert!(step_free[1..].iter().all(|who| t.home_of(who).is_none()));
}

#[test]
fn the_best_fit_is_found_however_many_applied_before() {
    let mut t = T::new();
    let mut plain = vec![];
    for i in 0..8 {
        let who = t.join(&format!("plain-{i}"));
        t.apply(&who, 1, vec![]);
        plain.push(who);
    }
    let needs_lift = t.join("needs-lift");
    t.apply(&needs_lift, 1, vec![Accessibility::Elevator]);
    let lift = t.register(1, vec![Accessibility::Elevator]);
    // Same day: the household that needs the lift scores 1000 + 200, the others 1000 - 50.
    assert_eq!(score_of(&t, &needs_lift, lift).total, 1200);
    assert_eq!(score_of(&t, &plain[0], lift).total, 950);
    t.round(1);
    assert_eq!(t.home_of(&needs_lift), Some(lift));
}

#[test]
fn same_state_same_result() {
    let play = || {
        let mut t = T::new();
        for (i, size) in [1u32, 3, 2, 2, 4, 1].iter().enumerate() {
            let who = t.join(&format!("m{i}"));
            t.apply(&who, *size, vec![]);
            t.advance_days(i as u64);
        }
        for rooms in [2u32, 4, 1, 3] {
            t.register(rooms, vec![]);
        }
        let res = t.round(MAX_ROUND_HOMES);
        (res.events, t.dump())
    };
    assert_eq!(play(), play());
}

#[test]
fn a_candidate_who_left_the_council_lapses_and_the_next_gets_the_home() {
    let mut t = T::new();
    let home = t.register(2, vec![]);
    let gone = t.join("gone");
    let next = t.join("next");
    t.apply(&gone, 2, vec![]);
    t.apply(&next, 2, vec![]);
    t.leave(&gone);
    let res = t.round(1);
    assert_eq!(
        event_attrs(&res, "housing_lapsed_application", "applicant"),
        vec![gone.to_string()]
    );
    assert_eq!(t.home_of(&next), Some(home));
    let list: ApplicationsResponse = t.q(QueryMsg::ListApplications {
        start_after: None,
        limit: None,
    });
    assert!(list.applications.is_empty());
}

#[test]
fn a_round_drops_a_bounded_number_of_lapsed_applications_per_home() {
    let mut t = T::new();
    let former = MAX_LAPSED_PER_HOME as usize + 2;
    for i in 0..former {
        let who = t.join(&format!("gone-{i}"));
        t.apply(&who, 1, vec![]);
        t.leave(&who);
    }
    let stays = t.join("stays");
    t.apply(&stays, 1, vec![]);
    let home = t.register(1, vec![]);
    // The work per home is bounded: after MAX_LAPSED_PER_HOME lapses the home waits.
    let res = t.round(1);
    let lapsed = event_attrs(&res, "housing_lapsed_application", "applicant");
    assert_eq!(lapsed.len(), MAX_LAPSED_PER_HOME as usize);
    assert_eq!(attr(&res, "allocated"), "0");
    // The next round drops the rest and houses the member.
    let res = t.round(1);
    let lapsed = event_attrs(&res, "housing_lapsed_application", "applicant");
    assert_eq!(lapsed.len(), former - MAX_LAPSED_PER_HOME as usize);
    assert_eq!(t.home_of(&stays), Some(home));
}

#[test]
fn a_holder_who_applies_moves_and_the_old_home_returns() {
    let mut t = T::new();
    let (holder, old) = t.housed("holder", 1, 1);
    let bigger = t.register(3, vec![]);
    t.apply(&holder, 3, vec![]);
    let res = t.round(MAX_ROUND_HOMES);
    assert_eq!(attr(&res, "previous_home_id"), old.to_string());
    assert_eq!(t.home_of(&holder), Some(bigger));
    let old_home: HomeResponse = t.q(QueryMsg::Home { home_id: old });
    assert_eq!(
        (old_home.status, old_home.holder),
        (HomeStatus::Available, None)
    );
}

#[test]
fn guest_and_repair_homes_are_never_allocated() {
    let mut t = T::new();
    let guest = t.register_with(2, vec![], HomeStatus::Guest);
    let repair = t.register_with(2, vec![], HomeStatus::UnderRepair);
    let who = t.join("who");
    t.apply(&who, 2, vec![]);
    assert_eq!(attr(&t.round(MAX_ROUND_HOMES), "homes_considered"), "0");
    assert!(!score_of(&t, &who, guest).eligible);
    assert!(!score_of(&t, &who, repair).eligible);
    assert_eq!(t.home_of(&who), None);
}

#[test]
fn an_evidence_update_keeps_the_place_and_applications_can_be_withdrawn() {
    let mut t = T::new();
    let who = t.join("who");
    t.apply(&who, 2, vec![Accessibility::GroundFloor]);
    t.advance_days(5);
    let res = t
        .exec(
            &who,
            ExecuteMsg::UpdateApplication {
                household_size: 2,
                needs: vec![Accessibility::GroundFloor],
                evidence_commitment: Some(PLAN.to_uppercase()),
            },
        )
        .unwrap();
    assert_eq!(attr(&res, "wait_restarted"), "false");
    let app: crate::msg::ApplicationResponse = t.q(QueryMsg::Application {
        applicant: who.to_string(),
    });
    assert_eq!(app.household_size, 2);
    assert_eq!(app.queue_position, 1);
    assert_eq!(app.evidence_commitment.as_deref(), Some(PLAN));
    let home = t.register(2, vec![Accessibility::GroundFloor]);
    assert_eq!(score_of(&t, &who, home).waiting_days, 5);
    t.exec(&who, ExecuteMsg::WithdrawApplication {}).unwrap();
    assert_eq!(attr(&t.round(1), "allocated"), "0");
}

/// Finding 15: a housed member files an application no home fits (a household of 16), waits,
/// then switches to a real profile. The wait restarts in the new profile, so an honest
/// applicant who waited in that profile keeps the lead.
#[test]
fn waiting_time_cannot_be_banked_in_a_profile_no_home_fits() {
    let mut t = T::new();
    let (banker, _) = t.housed("banker", 1, 1);
    t.apply(&banker, 16, vec![]);
    t.advance_days(300);
    let honest = t.join("honest");
    t.apply(&honest, 2, vec![]);
    t.advance_days(10);
    let res = t
        .exec(
            &banker,
            ExecuteMsg::UpdateApplication {
                household_size: 2,
                needs: vec![],
                evidence_commitment: None,
            },
        )
        .unwrap();
    assert_eq!(attr(&res, "wait_restarted"), "true");
    let home = t.register(2, vec![]);
    assert_eq!(score_of(&t, &banker, home).waiting_days, 0);
    assert_eq!(score_of(&t, &honest, home).waiting_days, 10);
    let app: crate::msg::ApplicationResponse = t.q(QueryMsg::Application {
        applicant: banker.to_string(),
    });
    assert_eq!(app.applied_at, t.env.block.time);
    t.round(1);
    assert_eq!(t.home_of(&honest), Some(home));
    // A change of needed features restarts the wait too.
    let other = t.join("other");
    t.apply(&other, 1, vec![]);
    t.advance_days(3);
    t.exec(
        &other,
        ExecuteMsg::UpdateApplication {
            household_size: 1,
            needs: vec![Accessibility::Elevator],
            evidence_commitment: None,
        },
    )
    .unwrap();
    let lift = t.register(1, vec![Accessibility::Elevator]);
    assert_eq!(score_of(&t, &other, lift).waiting_days, 0);
}
