//! Property: whatever anyone does, in any order, across any time, the shares balance exactly,
//! the value to within a unit per holder, and rounding never favours whoever acts.

use cosmwasm_std::{Binary, Timestamp, Uint128, Uint256};
use proptest::prelude::*;

use super::*;
use crate::ledger::{Schedule, SHARES_PER_UNIT};
use crate::msg::{AccountResponse, DemurrageResponse};

const PEOPLE: usize = 6;

#[derive(Debug, Clone)]
enum Op {
    Transfer {
        from: usize,
        to: usize,
        amount: u128,
    },
    TransferAll {
        from: usize,
        to: usize,
    },
    Send {
        from: usize,
        to: usize,
        amount: u128,
    },
    Burn {
        who: usize,
        amount: u128,
    },
    Approve {
        owner: usize,
        spender: usize,
        amount: u128,
    },
    SpendAllowance {
        owner: usize,
        spender: usize,
        to: usize,
        amount: u128,
    },
    Claim {
        who: usize,
    },
    Join {
        who: usize,
    },
    Leave {
        who: usize,
    },
    SetRate {
        per_ten_thousand: u64,
    },
    Jump {
        seconds: u64,
    },
    Settle {
        a: usize,
        b: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let who = 0..PEOPLE;
    let amount = prop_oneof![0u128..10, 0u128..1_000_000, 999_000u128..1_001_000];
    prop_oneof![
        (who.clone(), who.clone(), amount.clone()).prop_map(|(from, to, amount)| Op::Transfer {
            from,
            to,
            amount
        }),
        (who.clone(), who.clone()).prop_map(|(from, to)| Op::TransferAll { from, to }),
        (who.clone(), who.clone(), amount.clone()).prop_map(|(from, to, amount)| Op::Send {
            from,
            to,
            amount
        }),
        (who.clone(), amount.clone()).prop_map(|(who, amount)| Op::Burn { who, amount }),
        (who.clone(), who.clone(), amount.clone()).prop_map(|(owner, spender, amount)| {
            Op::Approve {
                owner,
                spender,
                amount,
            }
        }),
        (who.clone(), who.clone(), who.clone(), amount).prop_map(|(owner, spender, to, amount)| {
            Op::SpendAllowance {
                owner,
                spender,
                to,
                amount,
            }
        }),
        who.clone().prop_map(|who| Op::Claim { who }),
        who.clone().prop_map(|who| Op::Join { who }),
        who.clone().prop_map(|who| Op::Leave { who }),
        (0u64..=13).prop_map(|per_ten_thousand| Op::SetRate { per_ten_thousand }),
        prop_oneof![0u64..100, 0u64..(3 * DAY), 0u64..(200 * DAY)]
            .prop_map(|seconds| Op::Jump { seconds }),
        (who.clone(), who).prop_map(|(a, b)| Op::Settle { a, b }),
    ]
}

fn apply(t: &mut Token, people: &[Addr], op: &Op) -> Result<Response, ContractError> {
    let admin = t.admin.clone();
    let s = |i: usize| people[i].to_string();
    match op.clone() {
        Op::Transfer { from, to, amount } => t.exec(
            &people[from],
            ExecuteMsg::Transfer {
                recipient: s(to),
                amount: Uint128::new(amount),
            },
        ),
        Op::TransferAll { from, to } => {
            t.exec(&people[from], ExecuteMsg::TransferAll { recipient: s(to) })
        }
        Op::Send { from, to, amount } => t.exec(
            &people[from],
            ExecuteMsg::Send {
                contract: s(to),
                amount: Uint128::new(amount),
                msg: Binary::default(),
            },
        ),
        Op::Burn { who, amount } => t.exec(
            &people[who],
            ExecuteMsg::Burn {
                amount: Uint128::new(amount),
            },
        ),
        Op::Approve {
            owner,
            spender,
            amount,
        } => t.exec(
            &people[owner],
            ExecuteMsg::IncreaseAllowance {
                spender: s(spender),
                amount: Uint128::new(amount),
                expires: None,
            },
        ),
        Op::SpendAllowance {
            owner,
            spender,
            to,
            amount,
        } => t.exec(
            &people[spender],
            ExecuteMsg::TransferFrom {
                owner: s(owner),
                recipient: s(to),
                amount: Uint128::new(amount),
            },
        ),
        Op::Claim { who } => t.exec(&people[who], ExecuteMsg::ClaimIncome {}),
        Op::Join { who } => t.exec(
            &admin,
            ExecuteMsg::UpdateMembers {
                add: vec![s(who)],
                remove: vec![],
            },
        ),
        Op::Leave { who } => t.exec(
            &admin,
            ExecuteMsg::UpdateMembers {
                add: vec![],
                remove: vec![s(who)],
            },
        ),
        Op::SetRate { per_ten_thousand } => t.exec(
            &admin,
            ExecuteMsg::UpdateDemurrage(DemurrageParams {
                rate: Decimal::from_ratio(per_ten_thousand, 10_000u64),
                period_seconds: DAY,
            }),
        ),
        Op::Jump { seconds } => {
            t.advance(seconds);
            Ok(Response::new())
        }
        Op::Settle { a, b } => t.exec(
            &people[a],
            ExecuteMsg::Settle {
                addresses: vec![s(a), s(b)],
            },
        ),
    }
}

/// Who may gain from `op`: everyone else's balance can only fall.
fn may_gain(op: &Op) -> Option<usize> {
    match *op {
        Op::Transfer { to, .. }
        | Op::TransferAll { to, .. }
        | Op::Send { to, .. }
        | Op::SpendAllowance { to, .. } => Some(to),
        Op::Claim { who } | Op::Leave { who } => Some(who),
        _ => None,
    }
}

/// A successful move of a fixed amount: (from, to, amount).
fn exact_move(op: &Op) -> Option<(usize, usize, u128)> {
    match *op {
        Op::Transfer { from, to, amount } | Op::Send { from, to, amount } => {
            Some((from, to, amount))
        }
        Op::SpendAllowance {
            owner, to, amount, ..
        } => Some((owner, to, amount)),
        _ => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_books_balance_after_every_step(ops in prop::collection::vec(op(), 1..40)) {
        let mut t = Token::new();
        let mut people: Vec<Addr> = vec![t.alice.clone(), t.bob.clone(), t.carol.clone()];
        people.extend((3..PEOPLE).map(|i| t.addr(&format!("p{i}"))));
        let mut supply = t.pool().total_supply;
        let mut index = t.query::<DemurrageResponse>(QueryMsg::Demurrage {}).index;
        let mut balances: Vec<Uint128> = people.iter().map(|p| t.balance(p)).collect();
        for op in &ops {
            let pool_before = t.pool();
            let result = apply(&mut t, &people, op);
            // Σ shares == total shares exactly; pool + holders' value == supply exactly; the
            // balances short of it by at most one unit per holder; owed ≤ pool.
            t.assert_conserved();
            let pool = t.pool();
            prop_assert!(pool.total_supply <= supply, "supply never grows");
            supply = pool.total_supply;
            let d: DemurrageResponse = t.query(QueryMsg::Demurrage {});
            prop_assert!(d.index <= index, "the index never rises");
            index = d.index;

            let now: Vec<Uint128> = people.iter().map(|p| t.balance(p)).collect();
            for (i, p) in people.iter().enumerate() {
                let a: AccountResponse = t.query(QueryMsg::Account { address: p.to_string() });
                prop_assert_eq!(
                    Uint256::from(a.balance),
                    a.shares * d.index / (d.index_scale * SHARES_PER_UNIT),
                    "a balance is its shares at the index, rounded down"
                );
                if may_gain(op) != Some(i) || result.is_err() {
                    prop_assert!(now[i] <= balances[i], "{op:?}: {} rose", i);
                }
            }
            if let (Ok(_), Some((from, to, amount))) = (&result, exact_move(op)) {
                let (paid, got) = (balances[from] - now[from], now[to] - balances[to]);
                prop_assert!(paid.u128() >= amount && paid.u128() <= amount + 1, "{op:?}: sender paid {paid}");
                prop_assert!(got.u128() >= amount && got.u128() <= amount + 1, "{op:?}: recipient got {got}");
                prop_assert_eq!(&pool, &pool_before, "a move leaves the commons alone");
            }
            if let (Ok(res), Op::Claim { .. }) = (&result, op) {
                let income: Uint128 = attr(res, "income").parse().unwrap();
                prop_assert_eq!(pool.pool, pool_before.pool - income, "the pool pays exactly the claim");
            }
            if let (Ok(_), Op::Burn { amount, .. }) = (&result, op) {
                prop_assert_eq!(pool.total_supply, pool_before.total_supply - Uint128::new(*amount));
            }
            balances = now;
        }
    }

    /// The ladder's floors never make the index rise from one period to the next, at any rate.
    #[test]
    fn the_index_never_rises(atomics in 0u128..=1_000_000_000_000_000_000, n in 0u64..50_000_000) {
        let s = Schedule::genesis(Decimal::new(Uint128::new(atomics)), 60, Timestamp::from_seconds(0));
        let at = |k: u64| s.index_at(Timestamp::from_seconds(k * 60)).unwrap();
        prop_assert!(at(n + 1) <= at(n));
    }
}
