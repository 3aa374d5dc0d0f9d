//! What the council reads and sends to tie a panel to one dispute: the `deal` query's
//! `status` and `panel_by`, the `config` query's `council`, and `panel_ruling`'s `panel_by`.

use cosmwasm_std::{from_json, to_json_string, Timestamp, Uint128};
use serde::Deserialize;

use super::*;
use crate::msg::{Milestone, Ruling};

fn appeal_current_milestone(s: &mut Suite, id: u64) -> Timestamp {
    s.exec(
        "buyer",
        ExecuteMsg::Dispute {
            deal_id: id,
            reason: "late".into(),
        },
        &[],
    )
    .unwrap();
    s.exec(
        "arb",
        ExecuteMsg::Rule {
            deal_id: id,
            ruling: Ruling::Performed {},
        },
        &[],
    )
    .unwrap();
    s.exec("buyer", ExecuteMsg::Appeal { deal_id: id }, &[])
        .unwrap();
    s.deal(id)
        .panel_by
        .expect("a deal before a panel shows panel_by")
}

#[test]
fn a_panel_drawn_for_an_earlier_dispute_cannot_rule_a_later_one() {
    let mut s = Suite::new(true);
    let now = s.now();
    let id = s.active(DealKindMsg::Service {
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
    });
    assert_eq!(s.deal(id).panel_by, None);
    let first = appeal_current_milestone(&mut s, id);
    // The JSON the council reads, parsed the way a lean reader would (unknown fields ignored).
    #[derive(Deserialize)]
    struct DealView {
        status: String,
        panel_by: Option<Timestamp>,
        next_deadline: Option<Timestamp>,
    }
    #[derive(Deserialize)]
    struct ConfigView {
        council: Option<String>,
    }
    let json = to_json_string(&s.deal(id)).unwrap();
    let view: DealView = from_json(&json).unwrap();
    assert_eq!(view.status, "appealed");
    assert_eq!(view.panel_by, Some(first));
    assert_eq!(view.next_deadline, Some(first));
    let nested = format!(
        r#""status":{{"appealed":{{"panel_by":"{}"}}}}"#,
        first.nanos()
    );
    assert!(json.contains(&nested), "{json}");
    let config: ConfigView = from_json(to_json_string(&s.config()).unwrap()).unwrap();
    assert_eq!(config.council, Some(s.addr("council").to_string()));
    s.wait(DAY);
    let rule = |panel_by| ExecuteMsg::PanelRuling {
        deal_id: id,
        ruling: Ruling::Performed {},
        panel_by: Some(panel_by),
    };
    s.exec("council", rule(first), &[]).unwrap();
    s.wait(DAY);
    let second = appeal_current_milestone(&mut s, id);
    assert_ne!(first, second);
    let before = s.snapshot(id);
    assert_eq!(
        s.exec("council", rule(first), &[]),
        Err(ContractError::StalePanel { current: second })
    );
    assert_eq!(s.snapshot(id), before);
    s.exec("council", rule(second), &[]).unwrap();
    s.assert_emptied(id);
    assert_eq!(s.paid_to("seller"), 1200);
}

#[test]
fn a_panel_ruling_without_panel_by_keeps_its_old_json() {
    let msg: ExecuteMsg =
        from_json(br#"{"panel_ruling":{"deal_id":3,"ruling":{"performed":{}}}}"#).unwrap();
    assert_eq!(
        msg,
        ExecuteMsg::PanelRuling {
            deal_id: 3,
            ruling: Ruling::Performed {},
            panel_by: None
        }
    );
    let msg: ExecuteMsg = from_json(
        br#"{"panel_ruling":{"panel_by":"5","deal_id":3,"ruling":{"not_performed":{}}}}"#,
    )
    .unwrap();
    assert_eq!(
        msg,
        ExecuteMsg::PanelRuling {
            deal_id: 3,
            ruling: Ruling::NotPerformed {},
            panel_by: Some(Timestamp::from_nanos(5))
        }
    );
}
