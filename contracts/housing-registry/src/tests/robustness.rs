//! Robustness: arbitrary bytes (as a whole message and as a cw20 hook) and hostile but
//! well-formed messages with random ids, amounts, addresses and parameters, from random senders
//! (the authority matrix's classes), over random time. Nothing panics, and every refused
//! message leaves every stored byte as it was.

use cosmwasm_std::Binary;
use proptest::prelude::*;

use super::authority::{Class, World, CLASSES};
use super::*;

#[derive(Debug, Clone)]
struct Raw {
    kind: u8,
    sender: usize,
    id: u64,
    id2: u64,
    small: u32,
    amount: u128,
    who: usize,
    flag: bool,
    bytes: Vec<u8>,
}

fn id() -> impl Strategy<Value = u64> {
    prop_oneof![0u64..8, Just(u64::MAX), any::<u64>()]
}

fn raw() -> impl Strategy<Value = Raw> {
    (
        0u8..38,
        0..CLASSES.len(),
        (id(), id()),
        prop_oneof![0u32..20, Just(u32::MAX), any::<u32>()],
        prop_oneof![0u128..2_000, Just(u128::MAX), any::<u128>()],
        0usize..13,
        any::<bool>(),
        proptest::collection::vec(any::<u8>(), 0..48),
    )
        .prop_map(
            |(kind, sender, (id, id2), small, amount, who, flag, bytes)| Raw {
                kind,
                sender,
                id,
                id2,
                small,
                amount,
                who,
                flag,
                bytes,
            },
        )
}

/// An address string: a party's, a case or prefix variant of one, or junk.
fn address(w: &World, r: &Raw) -> String {
    let sender = w.sender(CLASSES[r.who % CLASSES.len()]).to_string();
    match r.who {
        0..=8 => sender,
        9 => sender.to_uppercase(),
        10 => String::new(),
        11 => "cosmwasm1short".to_string(),
        _ => String::from_utf8_lossy(&r.bytes).into_owned(),
    }
}

fn status(n: u64) -> HomeStatus {
    [
        HomeStatus::Available,
        HomeStatus::Occupied,
        HomeStatus::UnderRepair,
        HomeStatus::Guest,
    ][(n % 4) as usize]
}

fn features(bits: u64) -> Vec<Accessibility> {
    crate::profile::ALL_FEATURES
        .iter()
        .enumerate()
        .filter(|(i, _)| bits & (1 << i) != 0)
        .map(|(_, f)| *f)
        .collect()
}

fn hash(r: &Raw) -> Option<String> {
    r.flag.then(|| {
        if r.bytes.len().is_multiple_of(2) {
            PLAN.to_string()
        } else {
            String::from_utf8_lossy(&r.bytes).into_owned()
        }
    })
}

fn guest(r: &Raw) -> GuestParams {
    GuestParams {
        price_per_day: Uint128::new(r.amount),
        full_refund_notice_days: r.id2,
        late_refund_share: Decimal::percent(r.id % 200),
        max_stay_days: u64::from(r.small),
        max_advance_days: r.id,
        cancellation_fee: Decimal::percent(r.id2 % 200),
        max_nights_held_per_home: r.id,
        max_nights_held: r.id2,
        max_nights_held_per_agent: r.id.wrapping_add(r.id2),
    }
}

/// The message a `Raw` stands for, or `None` for "time passes".
fn message(w: &World, r: &Raw) -> Option<ExecuteMsg> {
    let today = w.t.today();
    let hook = |msg: Binary| {
        ExecuteMsg::Receive(Cw20ReceiveMsg {
            sender: address(w, r),
            amount: Uint128::new(r.amount),
            msg,
        })
    };
    Some(match r.kind {
        0 => ExecuteMsg::RegisterHome {
            rooms: r.small,
            accessibility: features(r.id),
            zone: if r.flag { String::new() } else { "z".into() },
            status: status(r.id2),
        },
        1 => ExecuteMsg::UpdateHome {
            home_id: r.id,
            rooms: r.flag.then_some(r.small),
            accessibility: Some(features(r.id2)),
            zone: None,
            status: Some(status(r.id2)),
        },
        2 => ExecuteMsg::SetGuidelines {
            guidelines: vec![
                Guideline {
                    category: "c".into(),
                    max_cost: Uint128::new(r.amount),
                };
                (r.small % 40) as usize
            ],
        },
        3 => ExecuteMsg::DecideModification {
            home_id: r.id,
            modification_id: r.id2,
            approve: r.flag,
        },
        4 => ExecuteMsg::DecideHousehold {
            home_id: r.id,
            approve: r.flag,
        },
        5 => ExecuteMsg::UpdateConfig {
            treasury: r.flag.then(|| address(w, r)),
            fees: Some(FeeParams {
                period_seconds: r.id,
                base_fee: Uint128::new(r.amount),
                excess_room_fee: Uint128::new(r.amount),
            }),
            guest: (!r.flag).then(|| guest(r)),
            grace_period_seconds: Some(r.id2),
            score_weights: r.flag.then(|| ScoreWeights {
                fit_base: r.id,
                need_met_bonus: r.id2,
                excess_room_penalty: u64::from(r.small),
                unneeded_feature_penalty: r.amount as u64,
                waiting_points_per_day: r.id2,
                max_waiting_days: r.id,
            }),
        },
        6 => ExecuteMsg::ProposeAdmin {
            admin: r.flag.then(|| address(w, r)),
        },
        7 => ExecuteMsg::AcceptAdmin {},
        8 => ExecuteMsg::Apply {
            household_size: r.small,
            needs: features(r.id),
            evidence_commitment: hash(r),
        },
        9 => ExecuteMsg::UpdateApplication {
            household_size: r.small,
            needs: features(r.id),
            evidence_commitment: hash(r),
        },
        10 => ExecuteMsg::WithdrawApplication {},
        11 => ExecuteMsg::Relinquish { home_id: r.id },
        12 => ExecuteMsg::UpdateHousehold {
            home_id: r.id,
            household_size: r.small,
            evidence_commitment: hash(r),
        },
        13 => ExecuteMsg::RequestModification {
            home_id: r.id,
            category: "paint".into(),
            plan_hash: hash(r).unwrap_or_default(),
            estimated_cost: Uint128::new(r.amount),
        },
        14 => ExecuteMsg::ProposeSwap {
            home_id: r.id,
            with_home_id: r.id2,
        },
        15 => ExecuteMsg::AcceptSwap {
            home_id: r.id,
            with_home_id: r.id2,
        },
        16 => ExecuteMsg::CancelSwap { home_id: r.id },
        17 => ExecuteMsg::AllocateRound { limit: r.small },
        18 => ExecuteMsg::CheckMembership { home_id: r.id },
        19 => ExecuteMsg::ReclaimHome { home_id: r.id },
        20 => ExecuteMsg::RefreshFees {
            address: address(w, r),
        },
        21 => ExecuteMsg::ReleaseBookingPayment { booking_id: r.id },
        22 => ExecuteMsg::CancelBooking { booking_id: r.id },
        23 => hook(
            to_json_binary(&ReceiveMsg::PayFees {
                holder: r.flag.then(|| address(w, r)),
            })
            .unwrap(),
        ),
        24 => {
            let start_day = if r.flag {
                today.saturating_add(r.id2 % 400)
            } else {
                r.id2
            };
            hook(
                to_json_binary(&ReceiveMsg::BookGuest(crate::msg::BookGuestMsg {
                    home_id: if r.id.is_multiple_of(2) {
                        w.guest_home
                    } else {
                        r.id
                    },
                    guest: String::from_utf8_lossy(&r.bytes).into_owned(),
                    start_day,
                    end_day: start_day.saturating_add(u64::from(r.small)),
                    on_behalf_of: match r.bytes.len() % 4 {
                        0 => None,
                        1 => Some("node-b/v1".into()),
                        2 => Some(String::from_utf8_lossy(&r.bytes).into_owned()),
                        _ => Some("x".repeat(usize::from(r.bytes[0]))),
                    },
                }))
                .unwrap(),
            )
        }
        25 => hook(Binary::from(r.bytes.clone())),
        26 => ExecuteMsg::TransferNft {
            recipient: address(w, r),
            token_id: r.id.to_string(),
        },
        27 => ExecuteMsg::SendNft {
            contract: address(w, r),
            token_id: r.id.to_string(),
            msg: Binary::from(r.bytes.clone()),
        },
        28 => ExecuteMsg::Approve {
            spender: address(w, r),
            token_id: r.id.to_string(),
            expires: None,
        },
        29 => ExecuteMsg::Revoke {
            spender: address(w, r),
            token_id: r.id.to_string(),
        },
        30 => ExecuteMsg::ApproveAll {
            operator: address(w, r),
            expires: None,
        },
        31 => ExecuteMsg::RevokeAll {
            operator: address(w, r),
        },
        32 => ExecuteMsg::Burn {
            token_id: r.id.to_string(),
        },
        // The token's index falls, as demurrage makes it.
        33 => {
            let mut index = w.t.index.borrow_mut();
            *index = *index * Uint256::from(99u32) / Uint256::from(100u32);
            return None;
        }
        // A party joins or leaves the council.
        34 => {
            let who = w.sender(CLASSES[r.who % CLASSES.len()]).to_string();
            let mut members = w.t.members.borrow_mut();
            if !members.remove(&who) {
                members.insert(who);
            }
            return None;
        }
        35 => ExecuteMsg::SetBookingAgents {
            agents: if r.flag {
                vec![w.sender(Class::Agent).to_string(), address(w, r)]
            } else {
                vec![address(w, r); (r.small % 10) as usize]
            },
        },
        // A cap on visitors of node-b (those `on_behalf_of` "node-b/v1" above), the default or
        // a hostile name, at any size.
        36 => ExecuteMsg::SetVisitorCap {
            node: match r.who % 3 {
                0 => None,
                1 => Some("node-b".into()),
                _ => Some(String::from_utf8_lossy(&r.bytes).into_owned()),
            },
            cap: r.flag.then_some(if r.id2.is_multiple_of(2) {
                u64::from(r.small % 3)
            } else {
                r.id
            }),
        },
        _ => return None,
    })
}

fn bytes_as_message(bytes: &[u8]) -> Option<ExecuteMsg> {
    from_json(bytes).ok()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn hostile_messages_never_panic_and_refusals_change_nothing(
        ops in proptest::collection::vec(raw(), 1..24)
    ) {
        let mut w = World::new();
        for r in ops {
            let Some(msg) = message(&w, &r) else {
                w.t.advance_days(r.id % 40);
                continue;
            };
            let sender = w.sender(CLASSES[r.sender]);
            let before = w.t.dump();
            if let Err(err) = w.t.exec(&sender, msg) {
                prop_assert_eq!(&before, &w.t.dump(), "state changed on a refusal: {}", err);
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic_and_refusals_change_nothing(
        bytes in proptest::collection::vec(any::<u8>(), 0..200),
        json in "\\{\"[a-z_]{3,24}\":\\{(\"[a-z_]{2,16}\":(1|\"1\"|null|\\[\\]|\\{\\}|-1|\"x\")(,)?){0,4}\\}\\}",
        sender in 0..CLASSES.len(),
    ) {
        let mut w = World::new();
        let sender = w.sender(CLASSES[sender]);
        for candidate in [bytes.as_slice(), json.as_bytes()] {
            if let Some(msg) = bytes_as_message(candidate) {
                let before = w.t.dump();
                if let Err(err) = w.t.exec(&sender, msg) {
                    prop_assert_eq!(&before, &w.t.dump(), "state changed on a refusal: {}", err);
                }
            }
            // The same bytes as a hook from the token itself.
            let token = w.t.token.clone();
            let before = w.t.dump();
            let hook = ExecuteMsg::Receive(Cw20ReceiveMsg {
                sender: sender.to_string(),
                amount: Uint128::new(40),
                msg: Binary::from(candidate.to_vec()),
            });
            if let Err(err) = w.t.exec(&token, hook) {
                prop_assert_eq!(&before, &w.t.dump(), "state changed on a refusal: {}", err);
            }
        }
    }
}

/// Found by reading what the proptest could not reach: a grace period near `u64::MAX` seconds
/// was accepted, and the next `check_membership` overflowed the timestamp (a panic). It is
/// bounded now.
#[test]
fn a_grace_period_that_would_overflow_the_clock_is_refused() {
    let mut w = World::new();
    let admin = w.t.admin.clone();
    for grace in [u64::MAX, 100 * 365 * DAY] {
        assert!(matches!(
            w.t.refused(
                &admin,
                ExecuteMsg::UpdateConfig {
                    treasury: None,
                    fees: None,
                    guest: None,
                    grace_period_seconds: Some(grace),
                    score_weights: None,
                }
            ),
            ContractError::InvalidInput { .. }
        ));
    }
    let holder = w.t.addr("holder");
    w.t.leave(&holder);
    let stranger = w.t.addr("stranger");
    w.t.exec(&stranger, ExecuteMsg::CheckMembership { home_id: w.home })
        .unwrap();
}
