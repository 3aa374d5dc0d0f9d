use super::*;
use crate::msg::{ArrearsResponse, HomeResponse, SwapResponse};

#[test]
fn the_holder_relinquishes_and_the_home_returns() {
    let mut t = T::new();
    let (holder, home) = t.housed("holder", 2, 2);
    let res = t
        .exec(&holder, ExecuteMsg::Relinquish { home_id: home })
        .unwrap();
    assert_eq!(attr(&res, "action"), "relinquish");
    assert_eq!(t.home_of(&holder), None);
    let h: HomeResponse = t.q(QueryMsg::Home { home_id: home });
    assert_eq!((h.status, h.holder), (HomeStatus::Available, None));
}

#[test]
fn due_process_needs_lost_membership_and_a_full_grace_period() {
    let mut t = T::new();
    let (holder, home) = t.housed("holder", 2, 2);
    let anyone = t.addr("anyone");
    assert_eq!(
        t.refused(&anyone, ExecuteMsg::CheckMembership { home_id: home }),
        ContractError::HolderIsMember { home_id: home }
    );
    t.leave(&holder);
    let res = t
        .exec(&anyone, ExecuteMsg::CheckMembership { home_id: home })
        .unwrap();
    assert_eq!(attr(&res, "outcome"), "grace_started");
    let ends = t.env.block.time.plus_seconds(GRACE);
    assert_eq!(
        t.refused(&anyone, ExecuteMsg::CheckMembership { home_id: home }),
        ContractError::GracePeriodRunning {
            home_id: home,
            ends
        }
    );
    // A later change of the grace period does not move a running clock.
    let admin = t.admin.clone();
    t.exec(
        &admin,
        ExecuteMsg::UpdateConfig {
            treasury: None,
            fees: None,
            guest: None,
            grace_period_seconds: Some(90 * DAY),
            score_weights: None,
        },
    )
    .unwrap();
    t.advance_days(29);
    assert_eq!(
        t.refused(&anyone, ExecuteMsg::ReclaimHome { home_id: home }),
        ContractError::GracePeriodRunning {
            home_id: home,
            ends
        }
    );
    // Back in the council: the home cannot be taken, and the clock can be cleared.
    t.members.borrow_mut().insert(holder.to_string());
    t.advance_days(1);
    assert_eq!(
        t.refused(&anyone, ExecuteMsg::ReclaimHome { home_id: home }),
        ContractError::HolderIsMember { home_id: home }
    );
    let res = t
        .exec(&anyone, ExecuteMsg::CheckMembership { home_id: home })
        .unwrap();
    assert_eq!(attr(&res, "outcome"), "grace_cleared");
    // Leaving again starts a fresh clock, with the grace period in force now (90 days).
    t.leave(&holder);
    t.exec(&anyone, ExecuteMsg::CheckMembership { home_id: home })
        .unwrap();
    t.advance_days(89);
    assert!(matches!(
        t.refused(&anyone, ExecuteMsg::ReclaimHome { home_id: home }),
        ContractError::GracePeriodRunning { .. }
    ));
    t.advance_days(1);
    let res = t
        .exec(&anyone, ExecuteMsg::ReclaimHome { home_id: home })
        .unwrap();
    assert_eq!(attr(&res, "holder"), holder.to_string());
    assert_eq!(t.home_of(&holder), None);
    // Arrears survive the tenancy.
    let arrears: ArrearsResponse = t.q(QueryMsg::Arrears {
        address: holder.to_string(),
    });
    assert_eq!(arrears.home_id, None);
    assert!(!arrears.arrears.is_zero());
}

#[test]
fn two_holders_swap_by_mutual_consent() {
    let mut t = T::new();
    let (a, home_a) = t.housed("a", 3, 1);
    let (b, home_b) = t.housed("b", 1, 1);
    t.exec(
        &b,
        ExecuteMsg::UpdateHousehold {
            home_id: home_b,
            household_size: 3,
            evidence_commitment: Some(PLAN.into()),
        },
    )
    .unwrap();
    let admin = t.admin.clone();
    t.exec(
        &admin,
        ExecuteMsg::DecideHousehold {
            home_id: home_b,
            approve: true,
        },
    )
    .unwrap();
    t.exec(
        &a,
        ExecuteMsg::ProposeSwap {
            home_id: home_a,
            with_home_id: home_b,
        },
    )
    .unwrap();
    let swap: Option<SwapResponse> = t.q(QueryMsg::Swap { home_id: home_a });
    assert_eq!(swap.unwrap().counterpart, b.to_string());
    // Only b can accept, and only the swap actually proposed.
    let c = t.join("c");
    assert_eq!(
        t.refused(
            &c,
            ExecuteMsg::AcceptSwap {
                home_id: home_b,
                with_home_id: home_a
            }
        ),
        ContractError::NotHolder { home_id: home_b }
    );
    assert_eq!(
        t.refused(
            &a,
            ExecuteMsg::AcceptSwap {
                home_id: home_a,
                with_home_id: home_b
            }
        ),
        ContractError::NoSuchSwap {
            home_id: home_a,
            with_home_id: home_b
        }
    );
    t.exec(
        &b,
        ExecuteMsg::AcceptSwap {
            home_id: home_b,
            with_home_id: home_a,
        },
    )
    .unwrap();
    assert_eq!(t.home_of(&a), Some(home_b));
    assert_eq!(t.home_of(&b), Some(home_a));
    // Fees follow the new fit: b's household of 3 in 3 rooms pays the base fee.
    let fee_b: ArrearsResponse = t.q(QueryMsg::Arrears {
        address: b.to_string(),
    });
    assert_eq!(fee_b.fee_per_period, Uint128::new(100));
    let none: Option<SwapResponse> = t.q(QueryMsg::Swap { home_id: home_a });
    assert!(none.is_none());
}

#[test]
fn a_stale_swap_cannot_be_accepted() {
    let mut t = T::new();
    let (a, home_a) = t.housed("a", 2, 2);
    let (b, home_b) = t.housed("b", 2, 2);
    t.exec(
        &a,
        ExecuteMsg::ProposeSwap {
            home_id: home_a,
            with_home_id: home_b,
        },
    )
    .unwrap();
    t.exec(&a, ExecuteMsg::Relinquish { home_id: home_a })
        .unwrap();
    let c = t.join("c");
    t.apply(&c, 2, vec![]);
    t.round(10);
    assert_eq!(t.home_of(&c), Some(home_a));
    assert_eq!(
        t.refused(
            &b,
            ExecuteMsg::AcceptSwap {
                home_id: home_b,
                with_home_id: home_a
            }
        ),
        ContractError::NoSuchSwap {
            home_id: home_b,
            with_home_id: home_a
        }
    );
    assert_eq!(
        t.refused(
            &a,
            ExecuteMsg::ProposeSwap {
                home_id: home_b,
                with_home_id: home_b
            }
        ),
        ContractError::SwapWithSelf
    );
}

/// Finding 16: one `update_household` used to claim a larger household and drop the
/// excess-room fee at once. Now the claim waits, fee unchanged, for the council's review; a
/// smaller household (the fee can only rise) applies at once.
#[test]
fn the_excess_room_fee_cannot_be_dropped_with_one_message() {
    let mut t = T::new();
    let (holder, home) = t.housed("holder", 4, 1); // fee 100 + 50·(3·4/2) = 400
    let fee = |t: &T| -> Uint128 {
        t.q::<ArrearsResponse>(QueryMsg::Arrears {
            address: holder.to_string(),
        })
        .fee_per_period
    };
    assert_eq!(fee(&t), Uint128::new(400));
    // Without evidence the claim is refused outright.
    assert!(matches!(
        t.refused(
            &holder,
            ExecuteMsg::UpdateHousehold {
                home_id: home,
                household_size: 4,
                evidence_commitment: None,
            }
        ),
        ContractError::InvalidInput { .. }
    ));
    let res = t
        .exec(
            &holder,
            ExecuteMsg::UpdateHousehold {
                home_id: home,
                household_size: 4,
                evidence_commitment: Some(PLAN.into()),
            },
        )
        .unwrap();
    assert_eq!(attr(&res, "pending"), "true");
    assert_eq!(fee(&t), Uint128::new(400));
    let h: crate::msg::HomeResponse = t.q(QueryMsg::Home { home_id: home });
    assert_eq!(
        (h.household_size, h.pending_household_size),
        (Some(1), Some(4))
    );
    // Only the admin decides; a refusal leaves the fee as it was.
    assert_eq!(
        t.refused(
            &holder,
            ExecuteMsg::DecideHousehold {
                home_id: home,
                approve: true
            }
        ),
        ContractError::Admin(dac_common::admin::AdminError::NotAdmin)
    );
    let admin = t.admin.clone();
    t.exec(
        &admin,
        ExecuteMsg::DecideHousehold {
            home_id: home,
            approve: false,
        },
    )
    .unwrap();
    assert_eq!(fee(&t), Uint128::new(400));
    assert_eq!(
        t.refused(
            &admin,
            ExecuteMsg::DecideHousehold {
                home_id: home,
                approve: true
            }
        ),
        ContractError::NoPendingHousehold { home_id: home }
    );
    // Claimed again and approved: the lower fee applies from now.
    t.exec(
        &holder,
        ExecuteMsg::UpdateHousehold {
            home_id: home,
            household_size: 4,
            evidence_commitment: Some(PLAN.into()),
        },
    )
    .unwrap();
    t.exec(
        &admin,
        ExecuteMsg::DecideHousehold {
            home_id: home,
            approve: true,
        },
    )
    .unwrap();
    assert_eq!(fee(&t), Uint128::new(100));
    // Shrinking raises the fee at once, no review needed.
    let res = t
        .exec(
            &holder,
            ExecuteMsg::UpdateHousehold {
                home_id: home,
                household_size: 2,
                evidence_commitment: None,
            },
        )
        .unwrap();
    assert_eq!(attr(&res, "pending"), "false");
    assert_eq!(fee(&t), Uint128::new(100 + 50 * 3));
}

/// A pending claim does not survive the home changing hands.
#[test]
fn a_pending_household_claim_is_dropped_when_the_holder_leaves() {
    let mut t = T::new();
    let (holder, home) = t.housed("holder", 4, 1);
    t.exec(
        &holder,
        ExecuteMsg::UpdateHousehold {
            home_id: home,
            household_size: 4,
            evidence_commitment: Some(PLAN.into()),
        },
    )
    .unwrap();
    t.exec(&holder, ExecuteMsg::Relinquish { home_id: home })
        .unwrap();
    let admin = t.admin.clone();
    assert_eq!(
        t.refused(
            &admin,
            ExecuteMsg::DecideHousehold {
                home_id: home,
                approve: true
            }
        ),
        ContractError::NoPendingHousehold { home_id: home }
    );
}

#[test]
fn a_member_who_moves_gives_the_home_back_at_once_and_their_application_lapses() {
    let mut t = T::new();
    let (mover, home) = t.housed("mover", 2, 2);
    let waiting = t.join("waiting");
    t.apply(&waiting, 4, vec![]);
    let membership = t.addr("membership");
    t.leave(&mover);
    let res = t
        .exec(
            &membership,
            ExecuteMsg::MemberMoved {
                holder: mover.to_string(),
                household_stays: false,
            },
        )
        .unwrap();
    assert_eq!(attr(&res, "outcome"), "relinquish");
    assert_eq!(t.home_of(&mover), None);
    let h: HomeResponse = t.q(QueryMsg::Home { home_id: home });
    assert_eq!((h.status, h.holder), (HomeStatus::Available, None));
    // An applicant who moves leaves the queue with no home to return.
    t.leave(&waiting);
    let res = t
        .exec(
            &membership,
            ExecuteMsg::MemberMoved {
                holder: waiting.to_string(),
                household_stays: false,
            },
        )
        .unwrap();
    assert_eq!(attr(&res, "application_withdrawn"), "true");
    assert_eq!(
        t.q_err(QueryMsg::Application {
            applicant: waiting.to_string()
        }),
        t.q_err(QueryMsg::Application {
            applicant: t.addr("never-applied").to_string()
        })
    );
}

#[test]
fn a_household_that_stays_keeps_the_home_through_due_process() {
    let mut t = T::new();
    let (mover, home) = t.housed("mover", 2, 2);
    let membership = t.addr("membership");
    t.leave(&mover);
    let res = t
        .exec(
            &membership,
            ExecuteMsg::MemberMoved {
                holder: mover.to_string(),
                household_stays: true,
            },
        )
        .unwrap();
    assert_eq!(attr(&res, "outcome"), "grace_started");
    let h: HomeResponse = t.q(QueryMsg::Home { home_id: home });
    assert_eq!(h.holder, Some(mover.to_string()));
    assert_eq!(h.grace_ends, Some(t.env.block.time.plus_seconds(GRACE)));
    let anyone = t.addr("anyone");
    t.advance_days(GRACE / DAY);
    t.exec(&anyone, ExecuteMsg::ReclaimHome { home_id: home })
        .unwrap();
    assert_eq!(t.home_of(&mover), None);
}
