//! Robustness: arbitrary bytes (as an execute message and as a cw20 hook) and arbitrary
//! well-formed but hostile messages (random deal ids, amounts, addresses, rulings, funds) from
//! random senders, against an escrow holding deals in every open state: the contract never
//! panics, and every refused message leaves storage, balance and payouts exactly as they were.

use cosmwasm_std::{from_json, Binary, Coin, Decimal, Timestamp, Uint128};
use cw20::Cw20ReceiveMsg;
use proptest::prelude::*;

use super::authority::{active, appealed, disputed, fingerprint, pool, proposed, ruled};
use super::*;
use crate::msg::{Milestone, PoolMemberTerms, Ruling};

const SENDERS: [&str; 9] = [
    "admin",
    "council",
    "buyer",
    "seller",
    "arb",
    "carol",
    "relay",
    "stranger",
    "demurrage",
];

/// An escrow with a deal in each open state, token and native.
fn world() -> Suite {
    let mut s = Suite::new(true);
    proposed(&mut s, DealKindMsg::Forward {}, false);
    active(&mut s, DealKindMsg::Forward {}, true);
    active(&mut s, pool(), false);
    active(
        &mut s,
        DealKindMsg::Loan {
            interest: Uint128::new(7),
        },
        false,
    );
    disputed(&mut s);
    ruled(&mut s);
    appealed(&mut s);
    let kind = DealKindMsg::TradeShipment {
        attestor: s.addr("relay").to_string(),
    };
    active(&mut s, kind, false);
    s
}

fn address() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(SENDERS.to_vec()).prop_map(|n| format!("@{n}")),
        "[a-zA-Z0-9]{0,70}",
    ]
}

fn amount() -> impl Strategy<Value = Uint128> {
    prop_oneof![
        (0u128..2_000).prop_map(Uint128::new),
        any::<u128>().prop_map(Uint128::new),
    ]
}

fn deal_id() -> impl Strategy<Value = u64> {
    prop_oneof![0u64..12, any::<u64>()]
}

fn timestamp() -> impl Strategy<Value = Timestamp> {
    prop_oneof![
        (0u64..400).prop_map(|d| mock_env().block.time.plus_seconds(d * DAY)),
        any::<u64>().prop_map(Timestamp::from_nanos),
    ]
}

fn ruling() -> impl Strategy<Value = Ruling> {
    prop_oneof![
        Just(Ruling::Performed {}),
        Just(Ruling::NotPerformed {}),
        any::<u128>().prop_map(|raw| Ruling::Split {
            proposer_share: Decimal::raw(raw % 2_000_000_000_000_000_000)
        }),
    ]
}

fn kind() -> impl Strategy<Value = DealKindMsg> {
    prop_oneof![
        Just(DealKindMsg::Forward {}),
        amount().prop_map(|interest| DealKindMsg::Loan { interest }),
        prop::collection::vec((amount(), timestamp()), 0..14).prop_map(|m| {
            DealKindMsg::Service {
                milestones: m
                    .into_iter()
                    .map(|(amount, due)| Milestone { amount, due })
                    .collect(),
            }
        }),
        Just(DealKindMsg::Insurance {}),
        prop::collection::vec((address(), amount()), 0..22).prop_map(|m| DealKindMsg::Pool {
            members: m
                .into_iter()
                .map(|(address, stake)| PoolMemberTerms { address, stake })
                .collect(),
        }),
        address().prop_map(|attestor| DealKindMsg::TradeShipment { attestor }),
    ]
}

fn propose_msg() -> impl Strategy<Value = ProposeMsg> {
    (
        (address(), address(), kind(), amount(), amount()),
        (
            timestamp(),
            timestamp(),
            any::<u64>(),
            any::<u64>(),
            any::<u64>(),
        ),
        "[a-z ]{0,40}",
    )
        .prop_map(
            |(
                (counterparty, arbitrator, kind, counterparty_stake, arbitrator_collateral),
                (sign_by, due, grace, ruling, appeal),
                description,
            )| ProposeMsg {
                counterparty,
                arbitrator,
                kind,
                counterparty_stake,
                arbitrator_collateral,
                sign_by,
                due,
                grace_seconds: grace % (800 * DAY),
                ruling_seconds: ruling % (800 * DAY),
                appeal_seconds: appeal % (800 * DAY),
                description,
            },
        )
}

fn hook() -> impl Strategy<Value = ReceiveMsg> {
    prop_oneof![
        propose_msg().prop_map(ReceiveMsg::Propose),
        deal_id().prop_map(|deal_id| ReceiveMsg::Sign { deal_id }),
        deal_id().prop_map(|deal_id| ReceiveMsg::PostCollateral { deal_id }),
        deal_id().prop_map(|deal_id| ReceiveMsg::Repay { deal_id }),
        deal_id().prop_map(|deal_id| ReceiveMsg::Contribute { deal_id }),
    ]
}

fn execute_msg() -> impl Strategy<Value = ExecuteMsg> {
    prop_oneof![
        propose_msg().prop_map(ExecuteMsg::Propose),
        deal_id().prop_map(|deal_id| ExecuteMsg::Sign { deal_id }),
        deal_id().prop_map(|deal_id| ExecuteMsg::PostCollateral { deal_id }),
        deal_id().prop_map(|deal_id| ExecuteMsg::Repay { deal_id }),
        deal_id().prop_map(|deal_id| ExecuteMsg::Contribute { deal_id }),
        deal_id().prop_map(|deal_id| ExecuteMsg::Withdraw { deal_id }),
        deal_id().prop_map(|deal_id| ExecuteMsg::Confirm {
            deal_id,
            preimage: None
        }),
        (deal_id(), "[a-z]{0,600}")
            .prop_map(|(deal_id, reason)| ExecuteMsg::Dispute { deal_id, reason }),
        (deal_id(), ruling()).prop_map(|(deal_id, ruling)| ExecuteMsg::Rule { deal_id, ruling }),
        deal_id().prop_map(|deal_id| ExecuteMsg::Appeal { deal_id }),
        (deal_id(), ruling(), proptest::option::of(timestamp())).prop_map(
            |(deal_id, ruling, panel_by)| ExecuteMsg::PanelRuling {
                deal_id,
                ruling,
                panel_by
            }
        ),
        deal_id().prop_map(|deal_id| ExecuteMsg::AttestDelivery { deal_id }),
        deal_id().prop_map(|deal_id| ExecuteMsg::Advance { deal_id }),
        proptest::option::of(address()).prop_map(|council| ExecuteMsg::SetCouncil { council }),
        any::<u64>().prop_map(|seconds| ExecuteMsg::SetPanelSeconds { seconds }),
        proptest::option::of(address()).prop_map(|admin| ExecuteMsg::ProposeAdmin { admin }),
        Just(ExecuteMsg::AcceptAdmin {}),
    ]
}

fn funds() -> impl Strategy<Value = Vec<Coin>> {
    prop::collection::vec(
        (prop::sample::select(vec!["ucoin", "uother"]), 0u128..3_000)
            .prop_map(|(denom, amount)| Coin::new(amount, denom)),
        0..3,
    )
}

#[derive(Debug, Clone)]
enum Input {
    /// Arbitrary bytes, parsed as the entry point would parse them.
    Bytes(Vec<u8>),
    /// Arbitrary bytes as the hook of a `Send` of the real token.
    RawHook {
        amount: u128,
        bytes: Vec<u8>,
    },
    Message(ExecuteMsg, Vec<Coin>),
    /// A well-formed hook carried by a `Send` of the real token.
    Hook(ReceiveMsg, u128),
    Wait {
        days: u64,
    },
}

fn input() -> impl Strategy<Value = Input> {
    prop_oneof![
        1 => prop::collection::vec(any::<u8>(), 0..200).prop_map(Input::Bytes),
        1 => (0u128..5_000, prop::collection::vec(any::<u8>(), 0..120))
            .prop_map(|(amount, bytes)| Input::RawHook { amount, bytes }),
        3 => (execute_msg(), funds()).prop_map(|(m, f)| Input::Message(m, f)),
        2 => (hook(), 0u128..5_000).prop_map(|(h, a)| Input::Hook(h, a)),
        1 => (0u64..40).prop_map(|days| Input::Wait { days }),
    ]
}

/// Replaces every `"@name"` by that name's valid address.
fn resolve(s: &Suite, json: String) -> String {
    SENDERS.iter().fold(json, |json, name| {
        json.replace(&format!("\"@{name}\""), &format!("\"{}\"", s.addr(name)))
    })
}

/// A cw20 `Send` of the real token: credited first, undone if the hook fails.
fn raw_send(
    s: &mut Suite,
    sender: &str,
    amount: u128,
    msg: Binary,
) -> Result<Response, ContractError> {
    s.balance += amount;
    let wrapper = ExecuteMsg::Receive(Cw20ReceiveMsg {
        sender: s.addr(sender).to_string(),
        amount: Uint128::new(amount),
        msg,
    });
    let token = s.token.clone();
    let result = s.exec_as(&token, wrapper, &[]);
    match &result {
        Ok(_) => s.deposited += amount,
        Err(_) => s.balance -= amount,
    }
    result
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn hostile_input_never_panics_and_refusals_change_nothing(
        inputs in prop::collection::vec((input(), prop::sample::select(SENDERS.to_vec())), 1..25),
    ) {
        let mut s = world();
        for (input, sender) in inputs {
            let before = fingerprint(&s);
            let result = match input {
                Input::Bytes(bytes) => match from_json::<ExecuteMsg>(&bytes) {
                    Ok(msg) => s.exec(sender, msg, &[]),
                    Err(_) => continue,
                },
                Input::RawHook { amount, bytes } => raw_send(&mut s, sender, amount, Binary::new(bytes)),
                Input::Message(msg, funds) => {
                    let json = resolve(&s, cosmwasm_std::to_json_string(&msg).unwrap());
                    s.exec(sender, from_json(json).unwrap(), &funds)
                }
                Input::Hook(hook, amount) => {
                    let json = resolve(&s, cosmwasm_std::to_json_string(&hook).unwrap());
                    raw_send(&mut s, sender, amount, Binary::new(json.into_bytes()))
                }
                Input::Wait { days } => {
                    s.wait(days * DAY);
                    continue;
                }
            };
            if result.is_err() {
                prop_assert_eq!(fingerprint(&s), before);
            }
            let paid: u128 = s.paid.iter().filter(|((_, d), _)| d == TOKEN_DENOM).map(|(_, v)| v).sum();
            prop_assert_eq!(s.deposited, paid + s.balance + s.decayed);
        }
    }
}
