//! Basic income: equal shares of what decays, only for time as a member, never more than the pool.

use cosmwasm_std::Uint128;

use super::*;
use crate::msg::{ClaimableResponse, ListMembersResponse, MemberResponse};

fn members(t: &mut Token, add: &[&Addr], remove: &[&Addr]) -> Response {
    let admin = t.admin.clone();
    t.exec(
        &admin,
        ExecuteMsg::UpdateMembers {
            add: add.iter().map(|a| a.to_string()).collect(),
            remove: remove.iter().map(|a| a.to_string()).collect(),
        },
    )
    .unwrap()
}

fn claimable(t: &Token, who: &Addr) -> Uint128 {
    let c: ClaimableResponse = t.query(QueryMsg::Claimable {
        address: who.to_string(),
    });
    c.amount
}

#[test]
fn members_share_what_decays_equally() {
    let mut t = Token::new();
    let (alice, bob, carol) = (t.alice.clone(), t.bob.clone(), t.carol.clone());
    let dave = t.addr("dave");
    members(&mut t, &[&carol, &dave], &[]);
    t.advance(DAY);
    // Alice's and Bob's balances lost 1,000 + 500 to the pool; settling credits it now.
    t.exec(
        &carol,
        ExecuteMsg::Settle {
            addresses: vec![alice.to_string(), bob.to_string()],
        },
    )
    .unwrap();
    // The reserve (1,000,000) decays too: 1,000 more. 2,500 shared by two.
    assert_eq!(claimable(&t, &carol), Uint128::new(1_250));
    assert_eq!(claimable(&t, &dave), Uint128::new(1_250));
    let res = t.exec(&carol, ExecuteMsg::ClaimIncome {}).unwrap();
    assert_eq!(attr(&res, "income"), "1250");
    assert_eq!(t.balance(&carol), Uint128::new(1_250));
    assert_eq!(claimable(&t, &carol), Uint128::zero());
    assert_eq!(
        t.exec(&carol, ExecuteMsg::ClaimIncome {}),
        Err(ContractError::NothingToClaim)
    );
    let p = t.pool();
    assert_eq!(p.income_paid_total, Uint128::new(1_250));
    assert_eq!(
        p.owed_to_members,
        Uint128::new(1_250),
        "Dave's share waits for him"
    );
    t.assert_conserved();
}

#[test]
fn nobody_earns_for_time_they_were_not_a_member() {
    let mut t = Token::new();
    let (alice, carol) = (t.alice.clone(), t.carol.clone());
    let dave = t.addr("dave");
    members(&mut t, &[&carol], &[]);
    t.advance(5 * DAY);
    t.exec(
        &carol,
        ExecuteMsg::Settle {
            addresses: vec![alice.to_string()],
        },
    )
    .unwrap();
    members(&mut t, &[&dave], &[]);
    assert_eq!(
        claimable(&t, &dave),
        Uint128::zero(),
        "joined after the decay was credited"
    );
    assert!(claimable(&t, &carol) > Uint128::zero());
    assert_eq!(
        t.exec(&alice, ExecuteMsg::ClaimIncome {}),
        Err(ContractError::NotAMember {
            address: alice.to_string()
        })
    );
}

#[test]
fn a_newcomer_earns_nothing_from_decay_before_joining_even_unsettled() {
    let mut t = Token::new();
    let carol = t.carol.clone();
    let dave = t.addr("dave");
    members(&mut t, &[&carol], &[]);
    // Five days pass without anyone settling: joining records the decay so far first.
    t.advance(5 * DAY);
    let carols = claimable(&t, &carol);
    members(&mut t, &[&dave], &[]);
    assert_eq!(claimable(&t, &dave), Uint128::zero());
    assert_eq!(claimable(&t, &carol), carols, "Carol keeps all five days");
    t.advance(DAY);
    assert_eq!(
        claimable(&t, &carol) - carols,
        claimable(&t, &dave),
        "from now on they share equally"
    );
    t.assert_conserved();
}

#[test]
fn a_removed_member_is_paid_on_leaving_and_earns_nothing_after() {
    let mut t = Token::new();
    let carol = t.carol.clone();
    members(&mut t, &[&carol], &[]);
    t.advance(3 * DAY);
    let owed = claimable(&t, &carol);
    assert!(owed > Uint128::zero());
    let res = members(&mut t, &[], &[&carol]);
    assert_eq!(attr(&res, "income"), owed.to_string());
    assert_eq!(t.balance(&carol), owed);
    t.advance(3 * DAY);
    let c: ClaimableResponse = t.query(QueryMsg::Claimable {
        address: carol.to_string(),
    });
    assert_eq!(
        c,
        ClaimableResponse {
            is_member: false,
            amount: Uint128::zero()
        }
    );
    let m: MemberResponse = t.query(QueryMsg::Member {
        address: carol.to_string(),
    });
    assert!(!m.is_member);
    assert_eq!(t.pool().members, 0);
    t.assert_conserved();
}

#[test]
fn membership_updates_are_idempotent_and_paginated() {
    let mut t = Token::new();
    let carol = t.carol.clone();
    members(&mut t, &[&carol], &[]);
    let stranger = t.addr("stranger");
    let res = members(&mut t, &[&carol], &[&stranger]);
    assert!(res
        .attributes
        .iter()
        .all(|a| a.key != "added" && a.key != "removed"));
    assert_eq!(t.pool().members, 1);
    let many: Vec<Addr> = (0..45).map(|i| t.addr(&format!("m{i}"))).collect();
    members(&mut t, &many.iter().collect::<Vec<_>>(), &[]);
    let page: ListMembersResponse = t.query(QueryMsg::ListMembers {
        start_after: None,
        limit: None,
    });
    assert_eq!(page.members.len(), 10);
    let too_many: Vec<Addr> = (0..51).map(|i| t.addr(&format!("n{i}"))).collect();
    let admin = t.admin.clone();
    assert_eq!(
        t.exec(
            &admin,
            ExecuteMsg::UpdateMembers {
                add: too_many.iter().map(|a| a.to_string()).collect(),
                remove: vec![],
            }
        ),
        Err(ContractError::TooManyAddresses { max: 50 })
    );
}

#[test]
fn unclaimed_income_is_capped_by_the_window_and_the_rest_stays_in_the_pool() {
    let mut t = Token::new();
    let (alice, carol) = (t.alice.clone(), t.carol.clone());
    let dave = t.addr("dave");
    members(&mut t, &[&carol, &dave], &[]);
    // A year of daily activity; Carol claims every day, Dave never.
    let mut carol_total = Uint128::zero();
    for _ in 0..365 {
        t.advance(DAY);
        t.exec(
            &carol,
            ExecuteMsg::Settle {
                addresses: vec![alice.to_string()],
            },
        )
        .unwrap();
        carol_total += claimable(&t, &carol);
        t.exec(&carol, ExecuteMsg::ClaimIncome {}).unwrap();
    }
    let dave_claim = claimable(&t, &dave);
    // Dave only gets about the last 30 days of what Carol got over 365.
    assert!(
        dave_claim < carol_total / Uint128::new(10),
        "{dave_claim} vs {carol_total}"
    );
    assert!(dave_claim > Uint128::zero());
    let pool_before = t.pool();
    t.exec(&dave, ExecuteMsg::ClaimIncome {}).unwrap();
    let after = t.pool();
    assert_eq!(after.pool, pool_before.pool - dave_claim);
    assert!(
        after.owed_to_members < Uint128::new(10),
        "what Dave forfeited is no longer owed"
    );
    t.assert_conserved();
}

#[test]
fn the_pool_never_pays_more_than_it_holds() {
    // A tiny pool and many members: payouts stay within it.
    let mut t = Token::with(|m| m.commons_pool = Uint128::new(7));
    let many: Vec<Addr> = (0..13).map(|i| t.addr(&format!("m{i}"))).collect();
    members(&mut t, &many.iter().collect::<Vec<_>>(), &[]);
    let alice = t.alice.clone();
    t.advance(30 * DAY);
    t.exec(
        &alice,
        ExecuteMsg::Settle {
            addresses: vec![alice.to_string()],
        },
    )
    .unwrap();
    let pool = t.pool().pool;
    let mut paid = Uint128::zero();
    for m in &many {
        if let Ok(res) = t.exec(m, ExecuteMsg::ClaimIncome {}) {
            paid += Uint128::new(attr(&res, "income").parse().unwrap());
        }
    }
    assert!(paid <= pool);
    t.assert_conserved();
}

/// `list_members` reads `start_after` as every list of the token does (and cw20-base's): the
/// raw key, so a string that is not an address pages instead of failing.
#[test]
fn list_members_pages_from_any_start_after_by_raw_key() {
    let mut t = Token::new();
    let (alice, bob, carol) = (t.alice.clone(), t.bob.clone(), t.carol.clone());
    members(&mut t, &[&alice, &bob, &carol], &[]);
    let list = |start_after: Option<&str>| -> Vec<String> {
        let page: ListMembersResponse = t.query(QueryMsg::ListMembers {
            start_after: start_after.map(String::from),
            limit: None,
        });
        page.members
    };
    let all = list(None);
    assert_eq!(all.len(), 3);
    for everything in ["", "cosmwasm1", "COSMWASM1"] {
        assert_eq!(list(Some(everything)), all, "{everything:?}");
    }
    for nothing in ["not-an-address", "zzz"] {
        assert!(list(Some(nothing)).is_empty(), "{nothing:?}");
    }
    assert_eq!(list(Some(&all[0])), all[1..]);
}
