//! Property: whatever anyone does, in any order, across any time, the books balance to the unit.

use cosmwasm_std::{Binary, Uint128};
use proptest::prelude::*;

use super::*;
use crate::msg::AccountResponse;

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

fn apply(t: &mut Token, people: &[Addr], op: &Op) {
    let admin = t.admin.clone();
    let s = |i: usize| people[i].to_string();
    // Errors are expected (overdrafts, self-transfers, zero amounts): the invariants must hold anyway.
    let _ = match op.clone() {
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
    };
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn conservation_is_exact_after_every_step(ops in prop::collection::vec(op(), 1..40)) {
        let mut t = Token::new();
        let mut people: Vec<Addr> = vec![t.alice.clone(), t.bob.clone(), t.carol.clone()];
        people.extend((3..PEOPLE).map(|i| t.addr(&format!("p{i}"))));
        let mut supply = t.pool().total_supply;
        for op in &ops {
            apply(&mut t, &people, op);
            t.assert_conserved();
            let pool = t.pool();
            prop_assert!(pool.total_supply <= supply, "supply never grows");
            supply = pool.total_supply;
            for p in &people {
                let a: AccountResponse = t.query(QueryMsg::Account { address: p.to_string() });
                prop_assert!(a.balance <= a.stored, "a queried balance never exceeds what is stored");
                prop_assert_eq!(a.balance, t.balance(p));
            }
        }
    }
}
