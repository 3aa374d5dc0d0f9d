//! Decay: through one global index, nothing written per holder, never in the holder's favour.

use cosmwasm_std::{Timestamp, Uint128, Uint256};

use super::*;
use crate::ledger::SHARES_PER_UNIT;
use crate::msg::{AccountResponse, DemurrageResponse, ProjectedBalanceResponse};

#[test]
fn a_day_costs_a_tenth_of_a_percent_and_the_pool_has_it_at_once() {
    let mut t = Token::new();
    let alice = t.alice.clone();
    t.advance(DAY - 1);
    assert_eq!(
        t.balance(&alice),
        Uint128::new(1_000_000),
        "decay is per whole period"
    );
    t.advance(1);
    assert_eq!(t.balance(&alice), Uint128::new(999_000));
    // Nobody sent anything: the balance decayed through the global index alone (the account's
    // shares are as they were), and what it lost is in the pool already.
    let account: AccountResponse = t.query(QueryMsg::Account {
        address: alice.to_string(),
    });
    assert_eq!(
        account.shares,
        Uint256::from(1_000_000u128) * SHARES_PER_UNIT,
        "shares don't decay"
    );
    assert_eq!(t.pool().pool, Uint128::new(1_000_000 + 1_000 + 500));
    t.assert_conserved();
}

#[test]
fn a_transfer_moves_exactly_its_amount_and_writes_only_the_two_accounts() {
    let mut t = Token::new();
    let (alice, bob) = (t.alice.clone(), t.bob.clone());
    t.advance(10 * DAY);
    let (a0, b0) = (t.balance(&alice), t.balance(&bob));
    let pool0 = t.pool();
    let before = t.storage_snapshot();
    let res = t.transfer(&alice, &bob, 12_345);
    assert!(
        res.attributes.iter().all(|a| a.key != "demurrage"),
        "a transfer realizes nothing: the index already did"
    );
    assert_eq!(t.balance(&alice), a0 - Uint128::new(12_345));
    assert_eq!(t.balance(&bob), b0 + Uint128::new(12_345));
    assert_eq!(t.pool(), pool0, "the commons is untouched");
    let after = t.storage_snapshot();
    let changed: Vec<_> = after
        .iter()
        .filter(|entry| !before.contains(entry))
        .map(|(k, _)| k.clone())
        .collect();
    assert_eq!(changed.len(), 2, "only the two accounts were written");
    t.assert_conserved();
}

#[test]
fn a_year_at_the_default_rate() {
    let mut t = Token::new();
    let alice = t.alice.clone();
    t.advance(365 * DAY);
    // 0.999^365 = 0.69407...
    assert_eq!(t.balance(&alice), Uint128::new(694_069));
}

#[test]
fn splitting_a_balance_or_moving_it_often_gains_nothing() {
    let mut whole = Token::new();
    let mut split = Token::new();
    let alice = whole.alice.clone();
    let parts: Vec<_> = (0..10).map(|i| split.addr(&format!("part{i}"))).collect();
    for p in &parts {
        split.transfer(&alice, p, 100_000);
    }
    for day in 0..90 {
        whole.advance(DAY);
        split.advance(DAY);
        // The split holder moves a little between the parts every day, the whole one never.
        let (from, to) = (&parts[day % 10], &parts[(day + 1) % 10]);
        split.transfer(from, to, 7);
    }
    let split_total: Uint128 = parts.iter().map(|p| split.balance(p)).sum();
    assert!(
        split_total <= whole.balance(&alice),
        "{split_total} > {}",
        whole.balance(&alice)
    );
    split.assert_conserved();
}

#[test]
fn a_rate_change_applies_from_now_never_backwards() {
    let mut t = Token::new();
    let (admin, alice) = (t.admin.clone(), t.alice.clone());
    t.advance(10 * DAY + DAY / 2);
    let before = t.balance(&alice);
    t.exec(
        &admin,
        ExecuteMsg::UpdateDemurrage(DemurrageParams {
            rate: Decimal::permille(1) / Decimal::from_ratio(2u32, 1u32),
            period_seconds: DAY,
        }),
    )
    .unwrap();
    assert_eq!(t.balance(&alice), before, "the past is untouched");
    t.advance(DAY);
    let expected = before.mul_floor(Decimal::from_ratio(9995u32, 10_000u32));
    assert!(t.balance(&alice).abs_diff(expected) <= Uint128::one());
    let d: DemurrageResponse = t.query(QueryMsg::Demurrage {});
    assert_eq!(
        d.rate,
        Decimal::permille(1) / Decimal::from_ratio(2u32, 1u32)
    );
    // The change came half way through day 10; the phase of whole days is kept.
    assert_eq!(
        d.checkpoint_time,
        t.env.block.time.minus_seconds(DAY + DAY / 2)
    );
}

#[test]
fn projected_balance_matches_the_future_and_refuses_the_past() {
    let mut t = Token::new();
    let alice = t.alice.clone();
    let at = t.env.block.time.plus_seconds(45 * DAY);
    let p: ProjectedBalanceResponse = t.query(QueryMsg::ProjectedBalance {
        address: alice.to_string(),
        at,
    });
    t.advance(45 * DAY);
    assert_eq!(p.balance, t.balance(&alice));
    let err = query(
        t.deps.as_ref(),
        t.env.clone(),
        QueryMsg::ProjectedBalance {
            address: alice.to_string(),
            at: Timestamp::from_seconds(1),
        },
    )
    .unwrap_err();
    assert_eq!(err, ContractError::ProjectionInPast);
}

#[test]
fn transfer_all_and_send_all_empty_a_decaying_balance() {
    let mut t = Token::new();
    let (alice, bob, carol) = (t.alice.clone(), t.bob.clone(), t.carol.clone());
    t.advance(33 * DAY);
    let live = t.balance(&alice);
    let res = t
        .exec(
            &alice,
            ExecuteMsg::TransferAll {
                recipient: carol.to_string(),
            },
        )
        .unwrap();
    assert_eq!(attr(&res, "amount"), live.to_string());
    assert_eq!(t.balance(&alice), Uint128::zero());
    assert_eq!(
        t.exec(
            &alice,
            ExecuteMsg::TransferAll {
                recipient: carol.to_string()
            }
        ),
        Err(ContractError::ZeroAmount)
    );
    let res = t
        .exec(
            &bob,
            ExecuteMsg::SendAll {
                contract: carol.to_string(),
                msg: cosmwasm_std::Binary::default(),
            },
        )
        .unwrap();
    assert_eq!(res.messages.len(), 1);
    assert_eq!(t.balance(&bob), Uint128::zero());
    t.assert_conserved();
}

#[test]
fn settle_credits_the_decay_to_members_for_anyone_within_a_bound() {
    let mut t = Token::new();
    let (admin, alice, carol) = (t.admin.clone(), t.alice.clone(), t.carol.clone());
    t.exec(
        &admin,
        ExecuteMsg::UpdateMembers {
            add: vec![carol.to_string()],
            remove: vec![],
        },
    )
    .unwrap();
    t.advance(200 * DAY);
    let pool = t.pool();
    let decayed = pool.pool - Uint128::new(1_000_000);
    assert_eq!(decayed, Uint128::new(1_500_000) - pool.stored_balances);
    let mallory = t.addr("mallory");
    let res = t
        .exec(
            &mallory,
            ExecuteMsg::Settle {
                addresses: vec![alice.to_string()],
            },
        )
        .unwrap();
    assert_eq!(attr(&res, "demurrage"), decayed.to_string());
    // Queries already see the commons as of this block: settling moves no tokens, it dates the
    // members' credit (the income window counts from it).
    assert_eq!(t.pool(), pool);
    let too_many = (0..31)
        .map(|i| t.addr(&format!("x{i}")).to_string())
        .collect();
    assert_eq!(
        t.exec(
            &carol,
            ExecuteMsg::Settle {
                addresses: too_many
            }
        ),
        Err(ContractError::TooManyAddresses { max: 30 })
    );
    let res = t
        .exec(&carol, ExecuteMsg::Settle { addresses: vec![] })
        .unwrap();
    assert_eq!(attr(&res, "demurrage"), "0", "already recorded");
    t.assert_conserved();
}

#[test]
fn an_untouched_balance_only_falls_and_is_its_shares_at_the_index() {
    let mut t = Token::new();
    let alice = t.alice.clone();
    let mut last = t.balance(&alice);
    for _ in 0..50 {
        t.advance(7 * DAY + 13);
        let a: AccountResponse = t.query(QueryMsg::Account {
            address: alice.to_string(),
        });
        let d: DemurrageResponse = t.query(QueryMsg::Demurrage {});
        let expected = a.shares * d.index / (d.index_scale * SHARES_PER_UNIT);
        assert_eq!(Uint256::from(a.balance), expected);
        assert_eq!(a.balance, t.balance(&alice));
        assert!(a.balance <= last);
        last = a.balance;
    }
}

#[test]
fn a_decayed_balance_can_be_sent_to_its_last_unit_and_not_one_more() {
    for days in [1, 7, 30, 365] {
        let mut t = Token::new();
        let (alice, bob) = (t.alice.clone(), t.bob.clone());
        t.advance(days * DAY + 17);
        let balance = t.balance(&alice);
        let err = t
            .exec(
                &alice,
                ExecuteMsg::Transfer {
                    recipient: bob.to_string(),
                    amount: balance + Uint128::one(),
                },
            )
            .unwrap_err();
        assert_eq!(
            err,
            ContractError::InsufficientFunds {
                balance,
                required: balance + Uint128::one(),
            },
            "after {days} days"
        );
        t.transfer(&alice, &bob, balance.u128());
        assert_eq!(t.balance(&alice), Uint128::zero(), "after {days} days");
        t.assert_conserved();
    }
}
