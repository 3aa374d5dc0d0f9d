//! Disputes, rulings, appeals, panels, timeouts and slashing.

use cosmwasm_std::{Decimal, Uint128};

use super::*;
use crate::msg::Ruling;
use crate::state::{Outcome, Status};

fn disputed(s: &mut Suite) -> u64 {
    let id = s.active(DealKindMsg::Forward {});
    s.exec(
        "buyer",
        ExecuteMsg::Dispute {
            deal_id: id,
            reason: "the oil never came".into(),
        },
        &[],
    )
    .unwrap();
    id
}

fn rule(s: &mut Suite, id: u64, ruling: Ruling) -> Result<Response, ContractError> {
    s.exec(
        "arb",
        ExecuteMsg::Rule {
            deal_id: id,
            ruling,
        },
        &[],
    )
}

#[test]
fn only_a_party_disputes_an_active_deal_in_time() {
    let mut s = Suite::new(true);
    let id = s.active(DealKindMsg::Forward {});
    let before = s.snapshot(id);
    for who in ["stranger", "arb"] {
        assert!(matches!(
            s.exec(
                who,
                ExecuteMsg::Dispute {
                    deal_id: id,
                    reason: "x".into()
                },
                &[]
            ),
            Err(ContractError::Unauthorized(_))
        ));
    }
    assert_eq!(s.snapshot(id), before);
    assert_eq!(
        s.exec(
            "buyer",
            ExecuteMsg::Dispute {
                deal_id: id,
                reason: "x".repeat(crate::state::MAX_REASON + 1)
            },
            &[]
        ),
        Err(ContractError::Text(dac_common::text::TextError::TooLong {
            field: "reason",
            max: crate::state::MAX_REASON
        }))
    );
    assert_eq!(s.snapshot(id), before);
    s.wait(33 * DAY + 1);
    assert!(matches!(
        s.exec(
            "buyer",
            ExecuteMsg::Dispute {
                deal_id: id,
                reason: "x".into()
            },
            &[]
        ),
        Err(ContractError::DeadlinePassed { .. })
    ));
}

#[test]
fn without_a_council_a_ruling_is_final_and_a_split_pays_everything() {
    let mut s = Suite::new(false);
    let id = disputed(&mut s);
    assert_eq!(s.record("arb").disputes, 1);
    let before = s.snapshot(id);
    for who in ["buyer", "seller", "stranger"] {
        assert!(matches!(
            s.exec(
                who,
                ExecuteMsg::Rule {
                    deal_id: id,
                    ruling: Ruling::Performed {}
                },
                &[]
            ),
            Err(ContractError::Unauthorized(_))
        ));
    }
    assert_eq!(
        rule(
            &mut s,
            id,
            Ruling::Split {
                proposer_share: Decimal::percent(101)
            }
        ),
        Err(ContractError::InvalidSplit)
    );
    assert_eq!(s.snapshot(id), before);
    s.decay(1_000);
    rule(
        &mut s,
        id,
        Ruling::Split {
            proposer_share: Decimal::percent(25),
        },
    )
    .unwrap();
    // 1300 held, 1298 after decay (1 unit rounding aside): a quarter to the buyer.
    let parties = s.paid_to("buyer") + s.paid_to("seller");
    assert_eq!(parties + s.paid_to("arb"), 1298);
    assert_eq!(s.paid_to("buyer"), parties / 4);
    assert_eq!(s.balance, 0);
    s.assert_emptied(id);
    assert_eq!(s.record("arb").rulings, 1);
}

#[test]
fn a_ruling_after_its_deadline_is_refused() {
    let mut s = Suite::new(true);
    let id = disputed(&mut s);
    s.wait(7 * DAY + 1);
    assert!(matches!(
        rule(&mut s, id, Ruling::Performed {}),
        Err(ContractError::DeadlinePassed { .. })
    ));
}

#[test]
fn an_unappealed_ruling_stands_after_the_window() {
    let mut s = Suite::new(true);
    let id = disputed(&mut s);
    rule(&mut s, id, Ruling::NotPerformed {}).unwrap();
    assert_eq!(s.status(id), StatusKey::Ruled);
    let before = s.snapshot(id);
    for who in ["stranger", "arb"] {
        assert!(matches!(
            s.exec(who, ExecuteMsg::Appeal { deal_id: id }, &[]),
            Err(ContractError::Unauthorized(_))
        ));
    }
    assert_eq!(s.snapshot(id), before);
    assert!(matches!(
        s.exec("anyone", ExecuteMsg::Advance { deal_id: id }, &[]),
        Err(ContractError::NotDue { .. })
    ));
    s.wait(7 * DAY + 1);
    assert!(matches!(
        s.exec("seller", ExecuteMsg::Appeal { deal_id: id }, &[]),
        Err(ContractError::DeadlinePassed { .. })
    ));
    s.exec("anyone", ExecuteMsg::Advance { deal_id: id }, &[])
        .unwrap();
    assert_eq!(s.paid_to("buyer"), 1200);
    assert_eq!(s.paid_to("arb"), 100);
    s.assert_emptied(id);
}

#[test]
fn an_upheld_appeal_keeps_the_arbitrators_collateral() {
    let mut s = Suite::new(true);
    let id = disputed(&mut s);
    rule(&mut s, id, Ruling::NotPerformed {}).unwrap();
    s.exec("seller", ExecuteMsg::Appeal { deal_id: id }, &[])
        .unwrap();
    assert_eq!(s.status(id), StatusKey::Appealed);
    assert!(matches!(
        s.exec("seller", ExecuteMsg::Appeal { deal_id: id }, &[]),
        Err(ContractError::WrongStatus { .. })
    ));
    s.exec(
        "council",
        ExecuteMsg::PanelRuling {
            deal_id: id,
            ruling: Ruling::NotPerformed {},
            panel_by: None,
        },
        &[],
    )
    .unwrap();
    assert_eq!(s.paid_to("buyer"), 1200);
    assert_eq!(s.paid_to("arb"), 100);
    let record = s.record("arb");
    assert_eq!(
        (record.upheld, record.overturned, record.slashes),
        (1, 0, 0)
    );
}

#[test]
fn an_overturned_ruling_slashes_the_arbitrator() {
    let mut s = Suite::new(true);
    let id = disputed(&mut s);
    rule(&mut s, id, Ruling::NotPerformed {}).unwrap();
    s.exec("seller", ExecuteMsg::Appeal { deal_id: id }, &[])
        .unwrap();
    let before = s.snapshot(id);
    for who in ["arb", "buyer", "stranger"] {
        assert!(matches!(
            s.exec(
                who,
                ExecuteMsg::PanelRuling {
                    deal_id: id,
                    ruling: Ruling::Performed {},
                    panel_by: None
                },
                &[]
            ),
            Err(ContractError::Unauthorized(_))
        ));
    }
    assert_eq!(s.snapshot(id), before);
    s.exec(
        "council",
        ExecuteMsg::PanelRuling {
            deal_id: id,
            ruling: Ruling::Performed {},
            panel_by: None,
        },
        &[],
    )
    .unwrap();
    assert_eq!(s.paid_to("seller"), 1200 + 50);
    assert_eq!(s.paid_to("buyer"), 50);
    assert_eq!(s.paid_to("arb"), 0);
    let record = s.record("arb");
    assert_eq!((record.overturned, record.slashes), (1, 1));
    assert!(matches!(
        s.deal(id).deal.status,
        Status::Closed {
            outcome: Outcome::Ruled { by_panel: true, .. }
        }
    ));
}

#[test]
fn a_panel_that_never_decides_lets_the_ruling_stand() {
    let mut s = Suite::new(true);
    let id = disputed(&mut s);
    rule(&mut s, id, Ruling::Performed {}).unwrap();
    s.exec("buyer", ExecuteMsg::Appeal { deal_id: id }, &[])
        .unwrap();
    s.wait(10 * DAY + 1);
    assert!(matches!(
        s.exec(
            "council",
            ExecuteMsg::PanelRuling {
                deal_id: id,
                ruling: Ruling::NotPerformed {},
                panel_by: None
            },
            &[]
        ),
        Err(ContractError::DeadlinePassed { .. })
    ));
    s.exec("anyone", ExecuteMsg::Advance { deal_id: id }, &[])
        .unwrap();
    assert_eq!(s.paid_to("seller"), 1200);
    assert_eq!(s.paid_to("arb"), 100);
}

#[test]
fn a_silent_arbitrator_is_slashed_and_the_panel_decides() {
    let mut s = Suite::new(true);
    let id = disputed(&mut s);
    s.wait(7 * DAY + 1);
    s.exec("anyone", ExecuteMsg::Advance { deal_id: id }, &[])
        .unwrap();
    assert_eq!(s.status(id), StatusKey::AwaitingPanel);
    assert_eq!((s.paid_to("buyer"), s.paid_to("seller")), (50, 50));
    let record = s.record("arb");
    assert_eq!((record.timeouts, record.slashes), (1, 1));
    s.exec(
        "council",
        ExecuteMsg::PanelRuling {
            deal_id: id,
            ruling: Ruling::Split {
                proposer_share: Decimal::percent(50),
            },
            panel_by: None,
        },
        &[],
    )
    .unwrap();
    assert_eq!((s.paid_to("buyer"), s.paid_to("seller")), (650, 650));
    assert_eq!(s.paid_to("arb"), 0);
    s.assert_emptied(id);
}

#[test]
fn without_a_council_a_silent_arbitrator_means_a_refund() {
    let mut s = Suite::new(false);
    let id = disputed(&mut s);
    s.wait(7 * DAY + 1);
    s.exec("anyone", ExecuteMsg::Advance { deal_id: id }, &[])
        .unwrap();
    assert_eq!(s.paid_to("buyer"), 1000 + 50);
    assert_eq!(s.paid_to("seller"), 200 + 50);
    assert!(matches!(
        s.deal(id).deal.status,
        Status::Closed {
            outcome: Outcome::Refunded {}
        }
    ));
}

#[test]
fn a_panel_that_never_comes_refunds() {
    let mut s = Suite::new(true);
    let id = disputed(&mut s);
    s.wait(7 * DAY + 1);
    s.exec("anyone", ExecuteMsg::Advance { deal_id: id }, &[])
        .unwrap();
    s.wait(10 * DAY + 1);
    s.exec("anyone", ExecuteMsg::Advance { deal_id: id }, &[])
        .unwrap();
    assert_eq!(s.paid_to("buyer"), 1050);
    assert_eq!(s.paid_to("seller"), 250);
    assert_eq!(s.balance, 0);
}

#[test]
fn appeals_need_a_council() {
    let mut s = Suite::new(true);
    let id = disputed(&mut s);
    rule(&mut s, id, Ruling::Performed {}).unwrap();
    s.exec("admin", ExecuteMsg::SetCouncil { council: None }, &[])
        .unwrap();
    assert_eq!(
        s.exec("buyer", ExecuteMsg::Appeal { deal_id: id }, &[]),
        Err(ContractError::NoCouncil)
    );
}

#[test]
fn a_service_ruled_performed_goes_on_to_its_next_milestone() {
    let mut s = Suite::new(false);
    let now = s.now();
    let id = s.active(DealKindMsg::Service {
        milestones: vec![
            crate::msg::Milestone {
                amount: Uint128::new(400),
                due: now.plus_seconds(10 * DAY),
            },
            crate::msg::Milestone {
                amount: Uint128::new(600),
                due: now.plus_seconds(30 * DAY),
            },
        ],
    });
    s.exec(
        "buyer",
        ExecuteMsg::Dispute {
            deal_id: id,
            reason: "late".into(),
        },
        &[],
    )
    .unwrap();
    rule(&mut s, id, Ruling::Performed {}).unwrap();
    assert_eq!(s.paid_to("seller"), 400);
    let deal = s.deal(id);
    assert_eq!((deal.status, deal.deal.milestone), (StatusKey::Active, 1));
    s.confirm("buyer", id).unwrap();
    assert_eq!(s.paid_to("seller"), 1200);
    assert_eq!(s.paid_to("arb"), 100);
}
