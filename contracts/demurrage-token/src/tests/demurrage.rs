//! Decay: lazy, exact, bounded, and never in the holder's favour.

use cosmwasm_std::{Timestamp, Uint128};

use super::*;
use crate::msg::{AccountResponse, DemurrageResponse, ProjectedBalanceResponse};

#[test]
fn a_day_costs_a_tenth_of_a_percent_and_nothing_is_written_until_touched() {
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
    let account: AccountResponse = t.query(QueryMsg::Account {
        address: alice.to_string(),
    });
    assert_eq!(account.stored, Uint128::new(1_000_000), "not realized yet");
    assert_eq!(
        t.pool().unrealized_decay_estimate,
        Uint128::new(1_000 + 500)
    );
}

#[test]
fn touching_realizes_exactly_what_the_balance_lost_into_the_pool() {
    let mut t = Token::new();
    let (alice, bob) = (t.alice.clone(), t.bob.clone());
    t.advance(10 * DAY);
    let (a0, b0) = (t.balance(&alice), t.balance(&bob));
    let pool0 = t.pool().pool;
    let res = t.transfer(&alice, &bob, 1);
    let realized: u128 = attr(&res, "demurrage").parse().unwrap();
    assert_eq!(realized, (1_000_000 - a0.u128()) + (500_000 - b0.u128()));
    assert_eq!(t.pool().pool, pool0 + Uint128::new(realized));
    assert_eq!(t.balance(&alice), a0 - Uint128::one());
    assert_eq!(t.balance(&bob), b0 + Uint128::one());
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
fn splitting_a_balance_or_touching_it_often_gains_nothing() {
    let mut whole = Token::new();
    let mut split = Token::new();
    let alice = whole.alice.clone();
    let parts: Vec<_> = (0..10).map(|i| split.addr(&format!("part{i}"))).collect();
    for p in &parts {
        split.transfer(&alice, p, 100_000);
    }
    for _ in 0..90 {
        whole.advance(DAY);
        split.advance(DAY);
        // The split holder touches every account every day, the whole one never.
        split
            .exec(
                &alice,
                ExecuteMsg::Settle {
                    addresses: parts.iter().map(|p| p.to_string()).collect(),
                },
            )
            .unwrap();
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
fn settle_realizes_dormant_accounts_for_anyone_within_a_bound() {
    let mut t = Token::new();
    let (alice, bob, carol) = (t.alice.clone(), t.bob.clone(), t.carol.clone());
    t.advance(200 * DAY);
    let estimate = t.pool().unrealized_decay_estimate;
    let pool0 = t.pool().pool;
    let res = t
        .exec(
            &carol,
            ExecuteMsg::Settle {
                addresses: vec![alice.to_string(), bob.to_string()],
            },
        )
        .unwrap();
    let realized: u128 = attr(&res, "demurrage").parse().unwrap();
    assert!(
        Uint128::new(realized).abs_diff(estimate) <= Uint128::new(2),
        "estimate is within a unit per holder"
    );
    assert_eq!(t.pool().pool, pool0 + Uint128::new(realized));
    assert_eq!(t.pool().unrealized_decay_estimate, Uint128::zero());
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
    t.assert_conserved();
}

#[test]
fn a_queried_balance_never_exceeds_what_is_stored() {
    let mut t = Token::new();
    let alice = t.alice.clone();
    for _ in 0..50 {
        t.advance(7 * DAY + 13);
        let a: AccountResponse = t.query(QueryMsg::Account {
            address: alice.to_string(),
        });
        assert!(a.balance <= a.stored);
        assert_eq!(a.balance, t.balance(&alice));
    }
}
