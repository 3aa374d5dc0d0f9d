//! Every execute message sent by the wrong party is refused and leaves the state unchanged.

use dac_common::admin::AdminError;

use super::*;

struct World {
    t: T,
    holder: Addr,
    home: u64,
    other_holder: Addr,
    other_home: u64,
    applicant: Addr,
    stranger: Addr,
    booking: u64,
    pending_modification: u64,
}

fn world() -> World {
    let mut t = T::new();
    let (holder, home) = t.housed("holder", 2, 2);
    let (other_holder, other_home) = t.housed("other", 2, 2);
    let applicant = t.join("applicant");
    t.apply(&applicant, 1, vec![]);
    let stranger = t.addr("stranger");
    t.exec(
        &holder,
        ExecuteMsg::ProposeSwap {
            home_id: home,
            with_home_id: other_home,
        },
    )
    .unwrap();
    let res = t
        .exec(
            &holder,
            ExecuteMsg::RequestModification {
                home_id: home,
                category: "roof".into(),
                plan_hash: PLAN.into(),
                estimated_cost: Uint128::new(9_000),
            },
        )
        .unwrap();
    let pending_modification = attr(&res, "modification_id").parse().unwrap();
    let guest_home = t.register_with(1, vec![], HomeStatus::Guest);
    let today = t.today();
    let payer = t.addr("payer");
    let res = t
        .send(
            &payer,
            40,
            ReceiveMsg::BookGuest {
                home_id: guest_home,
                guest: "g".into(),
                start_day: today + 3,
                end_day: today + 4,
            },
        )
        .unwrap();
    let booking = attr(&res, "booking_id").parse().unwrap();
    World {
        t,
        holder,
        home,
        other_holder,
        other_home,
        applicant,
        stranger,
        booking,
        pending_modification,
    }
}

#[test]
fn admin_messages_from_anyone_else() {
    let mut w = world();
    let not_admin = ContractError::Admin(AdminError::NotAdmin);
    let msgs = vec![
        ExecuteMsg::RegisterHome {
            rooms: 1,
            accessibility: vec![],
            zone: "z".into(),
            status: HomeStatus::Available,
        },
        ExecuteMsg::UpdateHome {
            home_id: 3,
            rooms: Some(1),
            accessibility: None,
            zone: None,
            status: None,
        },
        ExecuteMsg::SetGuidelines { guidelines: vec![] },
        ExecuteMsg::DecideModification {
            home_id: w.home,
            modification_id: w.pending_modification,
            approve: true,
        },
        ExecuteMsg::UpdateConfig {
            treasury: Some(w.stranger.to_string()),
            fees: None,
            guest: None,
            grace_period_seconds: None,
        },
        ExecuteMsg::ProposeAdmin {
            admin: Some(w.stranger.to_string()),
        },
    ];
    for sender in [w.holder.clone(), w.stranger.clone()] {
        for msg in msgs.clone() {
            assert_eq!(w.t.refused(&sender, msg), not_admin);
        }
    }
    assert_eq!(
        w.t.refused(&w.stranger.clone(), ExecuteMsg::AcceptAdmin {}),
        ContractError::Admin(AdminError::NotPendingAdmin)
    );
}

#[test]
fn member_messages_from_the_wrong_party() {
    let mut w = world();
    let stranger = w.stranger.clone();
    assert_eq!(
        w.t.refused(
            &stranger,
            ExecuteMsg::Apply {
                household_size: 1,
                needs: vec![],
                evidence_commitment: None
            }
        ),
        ContractError::NotAMember
    );
    assert_eq!(
        w.t.refused(
            &stranger,
            ExecuteMsg::UpdateApplication {
                household_size: 1,
                needs: vec![],
                evidence_commitment: None
            }
        ),
        ContractError::NoApplication
    );
    assert_eq!(
        w.t.refused(&stranger, ExecuteMsg::WithdrawApplication {}),
        ContractError::NoApplication
    );
    // An applicant who left the council cannot change the application either.
    let applicant = w.applicant.clone();
    w.t.leave(&applicant);
    assert_eq!(
        w.t.refused(
            &applicant,
            ExecuteMsg::UpdateApplication {
                household_size: 2,
                needs: vec![],
                evidence_commitment: None
            }
        ),
        ContractError::NotAMember
    );
}

#[test]
fn holder_messages_from_anyone_else() {
    let mut w = world();
    let (home, other_home) = (w.home, w.other_home);
    let msgs = vec![
        ExecuteMsg::Relinquish { home_id: home },
        ExecuteMsg::UpdateHousehold {
            home_id: home,
            household_size: 5,
            evidence_commitment: None,
        },
        ExecuteMsg::RequestModification {
            home_id: home,
            category: "paint".into(),
            plan_hash: PLAN.into(),
            estimated_cost: Uint128::one(),
        },
        ExecuteMsg::ProposeSwap {
            home_id: home,
            with_home_id: other_home,
        },
        ExecuteMsg::CancelSwap { home_id: home },
    ];
    for sender in [
        w.other_holder.clone(),
        w.stranger.clone(),
        w.t.admin.clone(),
    ] {
        for msg in msgs.clone() {
            assert_eq!(
                w.t.refused(&sender, msg),
                ContractError::NotHolder { home_id: home }
            );
        }
    }
    // Only the counterpart named in the proposal accepts it.
    for sender in [w.stranger.clone(), w.t.admin.clone()] {
        assert_eq!(
            w.t.refused(
                &sender,
                ExecuteMsg::AcceptSwap {
                    home_id: other_home,
                    with_home_id: home
                }
            ),
            ContractError::NotHolder {
                home_id: other_home
            }
        );
    }
}

#[test]
fn permissionless_messages_refuse_when_their_condition_fails() {
    let mut w = world();
    let stranger = w.stranger.clone();
    assert!(matches!(
        w.t.refused(&stranger, ExecuteMsg::AllocateRound { limit: 0 }),
        ContractError::InvalidRoundLimit { .. }
    ));
    assert_eq!(
        w.t.refused(&stranger, ExecuteMsg::CheckMembership { home_id: w.home }),
        ContractError::HolderIsMember { home_id: w.home }
    );
    assert_eq!(
        w.t.refused(&stranger, ExecuteMsg::ReclaimHome { home_id: w.home }),
        ContractError::NoDueProcess { home_id: w.home }
    );
    assert_eq!(
        w.t.refused(
            &stranger,
            ExecuteMsg::RefreshFees {
                address: stranger.to_string()
            }
        ),
        ContractError::NoFeeAccount
    );
    assert_eq!(
        w.t.refused(
            &stranger,
            ExecuteMsg::ReleaseBookingPayment {
                booking_id: w.booking
            }
        ),
        ContractError::StayNotBegun {
            booking_id: w.booking
        }
    );
}

#[test]
fn payer_and_token_messages_from_anyone_else() {
    let mut w = world();
    let (stranger, holder) = (w.stranger.clone(), w.holder.clone());
    for sender in [stranger.clone(), holder.clone()] {
        assert_eq!(
            w.t.refused(
                &sender,
                ExecuteMsg::CancelBooking {
                    booking_id: w.booking
                }
            ),
            ContractError::NotPayer {
                booking_id: w.booking
            }
        );
    }
    // Only the token contract may deliver a payment: a forged `Receive` is refused.
    let forged = ExecuteMsg::Receive(Cw20ReceiveMsg {
        sender: holder.to_string(),
        amount: Uint128::new(1_000),
        msg: to_json_binary(&ReceiveMsg::PayFees { holder: None }).unwrap(),
    });
    assert!(matches!(
        w.t.refused(&holder, forged),
        ContractError::WrongToken { .. }
    ));
}
