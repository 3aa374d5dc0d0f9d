//! Finding 12 of issue 14: a dispute freezes the deal, so the deadlines of everything it blocks
//! stop while it runs. A buyer who disputes at the last second and appeals cannot make the
//! seller default on the next milestone, even when the seller wins.

use cosmwasm_std::Uint128;

use super::*;
use crate::msg::{Milestone, Ruling};
use crate::state::{DealKind, Outcome, Status};

/// Milestones of 400 due at day 10 and 600 due at day 30 (grace 3 days, ruling 7, appeal 7,
/// panel 10).
fn two_milestones(s: &Suite) -> DealKindMsg {
    let now = s.now();
    DealKindMsg::Service {
        milestones: vec![
            Milestone {
                amount: Uint128::new(400),
                due: now.plus_seconds(10 * DAY),
            },
            Milestone {
                amount: Uint128::new(600),
                due: now.plus_seconds(30 * DAY),
            },
        ],
    }
}

fn milestone_dues(s: &mut Suite, id: u64) -> Vec<u64> {
    match s.deal(id).deal.kind {
        DealKind::Service { milestones } => milestones.iter().map(|m| m.due.seconds()).collect(),
        _ => panic!("not a service"),
    }
}

fn panel(s: &mut Suite, id: u64, ruling: Ruling) -> Result<Response, ContractError> {
    s.exec(
        "council",
        ExecuteMsg::PanelRuling {
            deal_id: id,
            ruling,
            panel_by: None,
        },
        &[],
    )
}

#[test]
fn a_won_dispute_does_not_make_the_seller_default_on_the_next_milestone() {
    let mut s = Suite::new(true);
    let start = s.now().seconds();
    let kind = two_milestones(&s);
    let id = s.active(kind);
    // Day 10: the seller delivers milestone 1 on time.
    s.wait(10 * DAY);
    s.confirm("seller", id).unwrap();
    // Day 13, the last second of the grace: the buyer disputes.
    s.wait(3 * DAY);
    s.exec(
        "buyer",
        ExecuteMsg::Dispute {
            deal_id: id,
            reason: "not good enough".into(),
        },
        &[],
    )
    .unwrap();
    let raised = s.now().seconds();
    // Day 20: the arbitrator rules honestly; day 27: the buyer appeals at the window's end.
    s.wait(7 * DAY);
    s.exec(
        "arb",
        ExecuteMsg::Rule {
            deal_id: id,
            ruling: Ruling::Performed {},
        },
        &[],
    )
    .unwrap();
    s.wait(7 * DAY);
    s.exec("buyer", ExecuteMsg::Appeal { deal_id: id }, &[])
        .unwrap();
    // Day 37: the panel upholds "performed"; milestone 2 was due at day 30.
    s.wait(10 * DAY);
    panel(&mut s, id, Ruling::Performed {}).unwrap();
    assert_eq!(s.paid_to("seller"), 400);
    let frozen = s.now().seconds() - raised;
    assert_eq!(frozen, 24 * DAY);
    // Milestone 2 moved by the 24 days the deal was frozen.
    assert_eq!(
        milestone_dues(&mut s, id),
        vec![start + 10 * DAY, start + 54 * DAY]
    );
    assert_eq!(s.deal(id).deal.due.seconds(), start + 54 * DAY);
    // The old code lets anyone record the seller as defaulting right away.
    assert!(matches!(
        s.exec("anyone", ExecuteMsg::Advance { deal_id: id }, &[]),
        Err(ContractError::NotDue { .. })
    ));
    // The seller still has the 17 days it had left when the dispute froze the deal.
    s.wait(17 * DAY);
    s.confirm("seller", id).unwrap();
    s.wait(3 * DAY + 1);
    s.exec("anyone", ExecuteMsg::Advance { deal_id: id }, &[])
        .unwrap();
    let deal = s.deal(id).deal;
    assert_eq!(
        deal.status,
        Status::Closed {
            outcome: Outcome::Settled {}
        }
    );
    // Everything the buyer staked and the seller's own deposit went to the seller.
    assert_eq!(s.paid_to("seller"), 1200);
    assert_eq!(s.paid_to("buyer"), 0);
    assert_eq!(s.paid_to("arb"), 100);
}

#[test]
fn a_timed_out_arbitrator_and_a_late_panel_freeze_the_deal_too() {
    let mut s = Suite::new(true);
    let start = s.now().seconds();
    let kind = two_milestones(&s);
    let id = s.active(kind);
    s.wait(13 * DAY);
    s.exec(
        "buyer",
        ExecuteMsg::Dispute {
            deal_id: id,
            reason: "late".into(),
        },
        &[],
    )
    .unwrap();
    // The arbitrator stays silent; the deal waits two weeks before anyone moves it on.
    s.wait(21 * DAY);
    s.exec("anyone", ExecuteMsg::Advance { deal_id: id }, &[])
        .unwrap();
    assert_eq!(s.status(id), StatusKey::AwaitingPanel);
    s.wait(9 * DAY);
    panel(&mut s, id, Ruling::Performed {}).unwrap();
    // Frozen from day 13 to day 43.
    assert_eq!(milestone_dues(&mut s, id)[1], start + 60 * DAY);
    s.confirm("seller", id).unwrap();
    s.confirm("buyer", id).unwrap();
    s.assert_emptied(id);
    // The parties shared the silent arbitrator's collateral; the seller was paid in full.
    assert_eq!(s.paid_to("buyer"), 50);
    assert_eq!(s.paid_to("seller"), 1250);
}

#[test]
fn an_unappealed_ruling_resumes_the_deal_with_its_deadlines_moved() {
    let mut s = Suite::new(true);
    let start = s.now().seconds();
    let kind = two_milestones(&s);
    let id = s.active(kind);
    s.wait(5 * DAY);
    s.exec(
        "buyer",
        ExecuteMsg::Dispute {
            deal_id: id,
            reason: "x".into(),
        },
        &[],
    )
    .unwrap();
    s.wait(DAY);
    s.exec(
        "arb",
        ExecuteMsg::Rule {
            deal_id: id,
            ruling: Ruling::Performed {},
        },
        &[],
    )
    .unwrap();
    // Nobody appeals; the seller moves the deal on 30 days after the dispute began.
    s.wait(29 * DAY);
    s.exec("seller", ExecuteMsg::Advance { deal_id: id }, &[])
        .unwrap();
    assert_eq!(milestone_dues(&mut s, id)[1], start + 60 * DAY);
    assert_eq!(s.status(id), StatusKey::Active);
}

#[test]
fn milestones_closer_than_the_grace_are_refused() {
    // A silent buyer holds a claimed milestone until its due date plus the grace; a next
    // milestone due within that grace could not be claimed in time.
    let mut s = Suite::new(true);
    let now = s.now();
    let mut terms = s.terms(DealKindMsg::Service {
        milestones: vec![
            Milestone {
                amount: Uint128::new(400),
                due: now.plus_seconds(10 * DAY),
            },
            Milestone {
                amount: Uint128::new(600),
                due: now.plus_seconds(13 * DAY),
            },
        ],
    });
    terms.due = now.plus_seconds(13 * DAY);
    let before = s.vault();
    assert!(matches!(
        s.send("buyer", 1000, ReceiveMsg::Propose(terms.clone())),
        Err(ContractError::InvalidTerms(reason)) if reason.contains("grace")
    ));
    assert_eq!(s.vault(), before);
    // A day more than the grace is accepted.
    let milestones = vec![
        Milestone {
            amount: Uint128::new(400),
            due: now.plus_seconds(10 * DAY),
        },
        Milestone {
            amount: Uint128::new(600),
            due: now.plus_seconds(14 * DAY),
        },
    ];
    terms.kind = DealKindMsg::Service { milestones };
    terms.due = now.plus_seconds(14 * DAY);
    s.propose(terms, 1000);
}

#[test]
fn a_milestone_due_beyond_any_time_is_an_error_not_a_panic() {
    let mut s = Suite::new(true);
    let now = s.now();
    let mut terms = s.terms(DealKindMsg::Service {
        milestones: vec![
            Milestone {
                amount: Uint128::new(400),
                due: cosmwasm_std::Timestamp::from_nanos(u64::MAX - 1),
            },
            Milestone {
                amount: Uint128::new(600),
                due: now.plus_seconds(20 * DAY),
            },
        ],
    });
    terms.due = now.plus_seconds(20 * DAY);
    assert!(s.send("buyer", 1000, ReceiveMsg::Propose(terms)).is_err());
}
