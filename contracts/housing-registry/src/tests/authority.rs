//! The authority matrix of SECURITY.md ("Housing-rights registry"), row by row: every execute
//! message (cw20 `Receive` hooks included) is sent from every sender class, each time in a
//! fresh world. The classes a row allows get past authority (they may still fail a condition,
//! never with an authority error); every other class gets a typed authority error and leaves
//! every stored byte as it was.

use cosmwasm_std::Binary;
use dac_common::admin::AdminError;

use super::*;

/// Who sends: one of each kind of party the registry knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Class {
    /// The admin: the council in production.
    Admin,
    /// The address the admin proposed as its successor.
    Successor,
    /// A member holding `home`, who proposed a swap, a modification and a larger household.
    Holder,
    /// A member holding `other_home`, the counterpart of the swap.
    Counterpart,
    /// A member with an open application and no home.
    Applicant,
    /// Paid for the guest booking; not a member.
    Payer,
    /// Neither a member nor anyone the registry knows.
    Stranger,
    /// The node's demurrage token contract.
    Token,
    /// A booking agent the admin named (the node's IBC relay).
    Agent,
    /// The membership contract (the council), which reports moves.
    Membership,
}

pub(super) const CLASSES: [Class; 10] = [
    Class::Admin,
    Class::Successor,
    Class::Holder,
    Class::Counterpart,
    Class::Applicant,
    Class::Payer,
    Class::Stranger,
    Class::Token,
    Class::Agent,
    Class::Membership,
];
const EVERYONE: &[Class] = &CLASSES;
const NOBODY: &[Class] = &[];
const MEMBERS: &[Class] = &[Class::Holder, Class::Counterpart, Class::Applicant];

pub(super) struct World {
    pub t: T,
    pub home: u64,
    pub other_home: u64,
    pub guest_home: u64,
    pub booking: u64,
    pub modification: u64,
}

impl World {
    pub fn new() -> Self {
        let mut t = T::new();
        let (holder, home) = t.housed("holder", 4, 1);
        let (_, other_home) = t.housed("counterpart", 2, 2);
        let applicant = t.join("applicant");
        t.apply(&applicant, 1, vec![]);
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
        let modification = attr(&res, "modification_id").parse().unwrap();
        t.exec(
            &holder,
            ExecuteMsg::UpdateHousehold {
                home_id: home,
                household_size: 3,
                evidence_commitment: Some(PLAN.into()),
            },
        )
        .unwrap();
        let admin = t.admin.clone();
        t.exec(
            &admin,
            ExecuteMsg::ProposeAdmin {
                admin: Some(t.addr("successor").to_string()),
            },
        )
        .unwrap();
        t.exec(
            &admin,
            ExecuteMsg::SetBookingAgents {
                agents: vec![t.addr("relay").to_string()],
            },
        )
        .unwrap();
        let guest_home = t.register_with(1, vec![], HomeStatus::Guest);
        let today = t.today();
        let payer = t.addr("payer");
        let res = t
            .send(
                &payer,
                40,
                ReceiveMsg::BookGuest(crate::msg::BookGuestMsg {
                    home_id: guest_home,
                    guest: "g".into(),
                    start_day: today + 10,
                    end_day: today + 11,
                    on_behalf_of: None,
                }),
            )
            .unwrap();
        let booking = attr(&res, "booking_id").parse().unwrap();
        World {
            t,
            home,
            other_home,
            guest_home,
            booking,
            modification,
        }
    }

    pub fn sender(&self, class: Class) -> Addr {
        match class {
            Class::Admin => self.t.admin.clone(),
            Class::Successor => self.t.addr("successor"),
            Class::Holder => self.t.addr("holder"),
            Class::Counterpart => self.t.addr("counterpart"),
            Class::Applicant => self.t.addr("applicant"),
            Class::Payer => self.t.addr("payer"),
            Class::Stranger => self.t.addr("stranger"),
            Class::Token => self.t.token.clone(),
            Class::Agent => self.t.addr("relay"),
            Class::Membership => self.t.addr("membership"),
        }
    }
}

/// A cw20 `Send` of `amount` from `from` carrying `msg`, as the token would deliver it.
fn receive(from: &Addr, amount: u128, msg: &ReceiveMsg) -> ExecuteMsg {
    ExecuteMsg::Receive(Cw20ReceiveMsg {
        sender: from.to_string(),
        amount: Uint128::new(amount),
        msg: to_json_binary(msg).unwrap(),
    })
}

/// The errors that mean "not yours to send".
fn is_authority_error(err: &ContractError) -> bool {
    matches!(
        err,
        ContractError::Admin(AdminError::NotAdmin | AdminError::NotPendingAdmin)
            | ContractError::NotHolder { .. }
            | ContractError::NotAMember
            | ContractError::NoApplication
            | ContractError::NotPayer { .. }
            | ContractError::WrongToken { .. }
            | ContractError::NonTransferable { .. }
            | ContractError::NotBookingAgent
            | ContractError::NotMembership
    )
}

type Build = fn(&World) -> ExecuteMsg;

/// One row per execute message: its name (as in SECURITY.md), who may send it, the message.
fn matrix() -> Vec<(&'static str, &'static [Class], Build)> {
    vec![
        ("register_home", &[Class::Admin], |_| {
            ExecuteMsg::RegisterHome {
                rooms: 1,
                accessibility: vec![],
                zone: "z".into(),
                status: HomeStatus::Available,
            }
        }),
        ("update_home", &[Class::Admin], |w| ExecuteMsg::UpdateHome {
            home_id: w.guest_home,
            rooms: Some(2),
            accessibility: None,
            zone: None,
            status: None,
        }),
        ("set_guidelines", &[Class::Admin], |_| {
            ExecuteMsg::SetGuidelines { guidelines: vec![] }
        }),
        ("decide_modification", &[Class::Admin], |w| {
            ExecuteMsg::DecideModification {
                home_id: w.home,
                modification_id: w.modification,
                approve: true,
            }
        }),
        ("decide_household", &[Class::Admin], |w| {
            ExecuteMsg::DecideHousehold {
                home_id: w.home,
                approve: true,
            }
        }),
        ("update_config", &[Class::Admin], |w| {
            ExecuteMsg::UpdateConfig {
                treasury: Some(w.t.addr("stranger").to_string()),
                fees: None,
                guest: None,
                grace_period_seconds: None,
                // The score's weights decide who gets a home: only the admin may set them.
                score_weights: Some(ScoreWeights {
                    excess_room_penalty: 10,
                    ..ScoreWeights::default()
                }),
            }
        }),
        ("set_booking_agents", &[Class::Admin], |w| {
            ExecuteMsg::SetBookingAgents {
                agents: vec![w.t.addr("stranger").to_string()],
            }
        }),
        ("set_visitor_cap", &[Class::Admin], |_| {
            ExecuteMsg::SetVisitorCap {
                node: Some("node-b".to_string()),
                cap: Some(0),
            }
        }),
        ("propose_admin", &[Class::Admin], |w| {
            ExecuteMsg::ProposeAdmin {
                admin: Some(w.t.addr("stranger").to_string()),
            }
        }),
        ("accept_admin", &[Class::Successor], |_| {
            ExecuteMsg::AcceptAdmin {}
        }),
        ("apply", MEMBERS, |_| ExecuteMsg::Apply {
            household_size: 1,
            needs: vec![],
            evidence_commitment: None,
        }),
        ("update_application", &[Class::Applicant], |_| {
            ExecuteMsg::UpdateApplication {
                household_size: 2,
                needs: vec![],
                evidence_commitment: None,
            }
        }),
        ("withdraw_application", &[Class::Applicant], |_| {
            ExecuteMsg::WithdrawApplication {}
        }),
        ("relinquish", &[Class::Holder], |w| ExecuteMsg::Relinquish {
            home_id: w.home,
        }),
        ("update_household", &[Class::Holder], |w| {
            ExecuteMsg::UpdateHousehold {
                home_id: w.home,
                household_size: 1,
                evidence_commitment: None,
            }
        }),
        ("request_modification", &[Class::Holder], |w| {
            ExecuteMsg::RequestModification {
                home_id: w.home,
                category: "paint".into(),
                plan_hash: PLAN.into(),
                estimated_cost: Uint128::one(),
            }
        }),
        ("propose_swap", &[Class::Holder], |w| {
            ExecuteMsg::ProposeSwap {
                home_id: w.home,
                with_home_id: w.other_home,
            }
        }),
        ("accept_swap", &[Class::Counterpart], |w| {
            ExecuteMsg::AcceptSwap {
                home_id: w.other_home,
                with_home_id: w.home,
            }
        }),
        ("cancel_swap", &[Class::Holder], |w| {
            ExecuteMsg::CancelSwap { home_id: w.home }
        }),
        ("allocate_round", EVERYONE, |_| ExecuteMsg::AllocateRound {
            limit: 10,
        }),
        ("check_membership", EVERYONE, |w| {
            ExecuteMsg::CheckMembership { home_id: w.home }
        }),
        ("reclaim_home", EVERYONE, |w| ExecuteMsg::ReclaimHome {
            home_id: w.home,
        }),
        ("member_moved", &[Class::Membership], |w| {
            ExecuteMsg::MemberMoved {
                holder: w.t.addr("holder").to_string(),
                household_stays: false,
            }
        }),
        ("refresh_fees", EVERYONE, |w| ExecuteMsg::RefreshFees {
            address: w.t.addr("holder").to_string(),
        }),
        ("release_booking_payment", EVERYONE, |w| {
            ExecuteMsg::ReleaseBookingPayment {
                booking_id: w.booking,
            }
        }),
        ("cancel_booking", &[Class::Payer, Class::Admin], |w| {
            ExecuteMsg::CancelBooking {
                booking_id: w.booking,
            }
        }),
        ("receive: pay_fees", &[Class::Token], |w| {
            receive(
                &w.t.addr("stranger"),
                100,
                &ReceiveMsg::PayFees {
                    holder: Some(w.t.addr("holder").to_string()),
                },
            )
        }),
        ("receive: book_guest", &[Class::Token], |w| {
            let today = w.t.today();
            receive(
                &w.t.addr("stranger"),
                40,
                &ReceiveMsg::BookGuest(crate::msg::BookGuestMsg {
                    home_id: w.guest_home,
                    guest: "g".into(),
                    start_day: today + 20,
                    end_day: today + 21,
                    on_behalf_of: None,
                }),
            )
        }),
        ("transfer_nft", NOBODY, |w| ExecuteMsg::TransferNft {
            recipient: w.t.addr("stranger").to_string(),
            token_id: w.home.to_string(),
        }),
        ("send_nft", NOBODY, |w| ExecuteMsg::SendNft {
            contract: w.t.addr("stranger").to_string(),
            token_id: w.home.to_string(),
            msg: Binary::default(),
        }),
        ("approve", NOBODY, |w| ExecuteMsg::Approve {
            spender: w.t.addr("stranger").to_string(),
            token_id: w.home.to_string(),
            expires: None,
        }),
        ("revoke", NOBODY, |w| ExecuteMsg::Revoke {
            spender: w.t.addr("stranger").to_string(),
            token_id: w.home.to_string(),
        }),
        ("approve_all", NOBODY, |w| ExecuteMsg::ApproveAll {
            operator: w.t.addr("stranger").to_string(),
            expires: None,
        }),
        ("revoke_all", NOBODY, |w| ExecuteMsg::RevokeAll {
            operator: w.t.addr("stranger").to_string(),
        }),
        ("burn", NOBODY, |w| ExecuteMsg::Burn {
            token_id: w.home.to_string(),
        }),
    ]
}

/// The second gate of `receive: book_guest`: naming `on_behalf_of` is for booking agents only.
/// The hook comes from the token each time; the cw20 sender (the payer) is every class in turn.
#[test]
fn only_a_booking_agent_may_book_on_behalf_of_someone_else() {
    for class in CLASSES {
        let mut w = World::new();
        let payer = w.sender(class);
        let today = w.t.today();
        let token = w.t.token.clone();
        let msg = receive(
            &payer,
            40,
            &ReceiveMsg::BookGuest(crate::msg::BookGuestMsg {
                home_id: w.guest_home,
                guest: "g".into(),
                start_day: today + 20,
                end_day: today + 21,
                on_behalf_of: Some("node-b/visitor".into()),
            }),
        );
        let before = w.t.dump();
        let result = w.t.exec(&token, msg);
        if class == Class::Agent {
            result.unwrap();
        } else {
            assert_eq!(
                result.unwrap_err(),
                ContractError::NotBookingAgent,
                "{class:?}"
            );
            assert_eq!(before, w.t.dump(), "{class:?} changed the state");
        }
    }
}

/// The variant's name in the message JSON: `{"<name>":{...}}`.
#[test]
fn every_message_is_sent_only_by_the_classes_its_row_allows() {
    for (name, allowed, build) in matrix() {
        for class in CLASSES {
            let mut w = World::new();
            let sender = w.sender(class);
            let msg = build(&w);
            let before = w.t.dump();
            let result = w.t.exec(&sender, msg);
            if allowed.contains(&class) {
                if let Err(err) = &result {
                    assert!(
                        !is_authority_error(err),
                        "{name}: {class:?} is allowed but was refused: {err}"
                    );
                }
            } else {
                let err = result.expect_err(&format!("{name}: {class:?} must be refused"));
                assert!(
                    is_authority_error(&err),
                    "{name}: {class:?} got a non-authority error: {err}"
                );
                assert_eq!(before, w.t.dump(), "{name}: {class:?} changed the state");
            }
        }
    }
}

/// The table has exactly one row per execute message (and per `Receive` hook): a new message
/// without a row fails here.
#[test]
fn the_matrix_has_one_row_per_execute_message() {
    let w = World::new();
    let mut named: Vec<String> = matrix()
        .into_iter()
        .map(|(name, _, build)| {
            let msg = build(&w);
            match &msg {
                ExecuteMsg::Receive(_) => {
                    assert!(name.starts_with("receive: "));
                    name.to_string()
                }
                _ => {
                    assert_eq!(
                        dac_common::schema::message_name(&msg),
                        name,
                        "row name and message disagree"
                    );
                    name.to_string()
                }
            }
        })
        .collect();
    let rows = named.len();
    named.sort();
    named.dedup();
    assert_eq!(named.len(), rows, "a message has two rows");
    // Every variant of the schema's `ExecuteMsg` (and of `ReceiveMsg`) has its row.
    let variants = dac_common::schema::message_names::<ExecuteMsg>();
    let receive = dac_common::schema::message_names::<ReceiveMsg>();
    let mut expected: Vec<String> = variants
        .into_iter()
        .filter(|v| v != "receive")
        .chain(receive.into_iter().map(|v| format!("receive: {v}")))
        .collect();
    expected.sort();
    assert_eq!(named, expected);
}

/// Messages anyone may send refuse when their condition fails, and change nothing.
#[test]
fn permissionless_messages_refuse_when_their_condition_fails() {
    let mut w = World::new();
    let stranger = w.t.addr("stranger");
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

/// An applicant who left the council can no longer change the application (only withdraw).
#[test]
fn a_former_member_cannot_update_an_application() {
    let mut w = World::new();
    let applicant = w.t.addr("applicant");
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
    w.t.exec(&applicant, ExecuteMsg::WithdrawApplication {})
        .unwrap();
}
