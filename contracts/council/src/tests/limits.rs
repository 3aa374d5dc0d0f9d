//! Issue 14, findings 7 (execution window), 10 (drand margin) and 18 (open-proposal cap).

use cosmwasm_std::Timestamp;

use super::harness::*;
use crate::execute::sortition::{latest_round, QUICKNET_GENESIS_SECONDS, QUICKNET_PERIOD_SECONDS};
use crate::msg::*;
use crate::ContractError;

fn workers() -> Vec<Body> {
    vec![Body::Council {
        council_id: WORKERS,
    }]
}

// ---- Finding 7: passed proposals never go stale ----

#[test]
fn a_passed_proposal_cannot_be_executed_after_its_execution_window() {
    let mut node = Node::new(3);
    let msg = node.self_call(&ExecuteMsg::SetToken { token: None });
    let id = node.propose(&node.f(0), workers(), vec![msg]).unwrap();
    for i in 0..3 {
        node.vote(&node.f(i), id, VoteOption::Yes).unwrap();
    }
    node.advance(1000);
    let p = node.proposal(id);
    let window = Limits::default().execution_window_seconds;
    assert_eq!(p.execute_by, p.expires.plus_seconds(window));
    assert!(!p.expired);
    // Years later (here: one second past the window) it reads as expired and cannot run.
    node.env.block.time = p.execute_by.plus_seconds(1);
    assert!(node.proposal(id).expired);
    let before = node.fingerprint();
    let anyone = node.addr("anyone");
    assert_eq!(
        node.exec(&anyone, ExecuteMsg::Execute { proposal_id: id }),
        Err(ContractError::ExecutionExpired(id))
    );
    assert_eq!(node.fingerprint(), before);
    let config: ConfigResponse = node.q(QueryMsg::Config {});
    assert!(config.token.is_some());
}

/// With the shortest window the limits allow, a proposal runs up to the window's last second
/// and not one second later (Execute skips reading the config until the shortest window is over).
#[test]
fn the_shortest_execution_window_ends_exactly_on_time() {
    let shortest = crate::state::EXECUTION_WINDOW_BOUNDS.0;
    let outcome = |late_by: u64| {
        let mut node = Node::new(3);
        crate::state::CONFIG
            .update(&mut node.deps.storage, |mut c| {
                c.limits.execution_window_seconds = shortest;
                Ok::<_, cosmwasm_std::StdError>(c)
            })
            .unwrap();
        let id = node.propose(&node.f(0), workers(), vec![]).unwrap();
        for i in 0..3 {
            node.vote(&node.f(i), id, VoteOption::Yes).unwrap();
        }
        let p = node.proposal(id);
        assert_eq!(p.execute_by, p.expires.plus_seconds(shortest));
        node.env.block.time = p.execute_by.plus_seconds(late_by);
        let anyone = node.addr("anyone");
        node.exec(&anyone, ExecuteMsg::Execute { proposal_id: id })
            .map(|_| node.proposal(id).status)
    };
    assert_eq!(outcome(0), Ok(ProposalStatus::Executed));
    assert!(matches!(
        outcome(1),
        Err(ContractError::ExecutionExpired(_))
    ));
}

#[test]
fn an_execution_timed_to_fail_can_be_retried_within_the_window() {
    let mut node = Node::new(3);
    // Council 4 does not exist yet: the first run fails.
    let rename = node.self_call(&ExecuteMsg::UpdateCouncil {
        council_id: 4,
        name: Some("renamed".into()),
        executive: None,
        rules: None,
    });
    let (id, result) = node.pass_and_run(3, vec![rename]);
    assert!(result.is_err());
    assert_eq!(node.proposal(id).status, ProposalStatus::ExecutionFailed);
    let create = node.self_call(&ExecuteMsg::CreateCouncil {
        council: NewCouncil {
            name: "new".into(),
            kind: CouncilKind::Workers,
            parent: Some(WORKERS),
            executive: false,
            rules: rules(false),
            members: vec![],
        },
    });
    node.pass_and_run(3, vec![create]).1.unwrap();
    node.run(id).unwrap();
    let p = node.proposal(id);
    assert_eq!(
        (p.status, p.execution_error),
        (ProposalStatus::Executed, None)
    );
    let council: CouncilResponse = node.q(QueryMsg::Council { council_id: 4 });
    assert_eq!(council.name, "renamed");
    // Executed is final.
    assert!(node.run(id).is_err());
}

#[test]
fn limits_are_bounded() {
    let mut node = Node::new(3);
    let bad = [
        Limits {
            execution_window_seconds: 0,
            ..Limits::default()
        },
        Limits {
            min_panel_size: 1,
            ..Limits::default()
        },
        Limits {
            drand_margin_seconds: 6,
            ..Limits::default()
        },
        Limits {
            max_open_proposals_per_member: 0,
            ..Limits::default()
        },
        Limits {
            max_panel_seconds: 0,
            ..Limits::default()
        },
    ];
    for limits in bad {
        let msg = node.self_call(&ExecuteMsg::UpdateConfig(UpdateConfigMsg {
            sanction_authority: None,
            appeal_authority: None,
            appeal_window_seconds: None,
            max_delegation_depth: None,
            draw_requesters: None,
            escrow: None,
            limits: Some(limits.clone()),
            relay: None,
        }));
        let (_, result) = node.pass_and_run(3, vec![msg]);
        assert!(result.unwrap_err().contains("limits"), "{limits:?}");
    }
    let limits = Limits {
        execution_window_seconds: 7 * 86_400,
        ..Limits::default()
    };
    let escrow = node.addr("new escrow");
    let msg = node.self_call(&ExecuteMsg::UpdateConfig(UpdateConfigMsg {
        sanction_authority: None,
        appeal_authority: None,
        appeal_window_seconds: None,
        max_delegation_depth: None,
        draw_requesters: None,
        escrow: Some(escrow.to_string()),
        limits: Some(limits.clone()),
        relay: None,
    }));
    node.pass_and_run(3, vec![msg]).1.unwrap();
    let config: ConfigResponse = node.q(QueryMsg::Config {});
    assert_eq!((config.escrow, config.limits), (Some(escrow), limits));
}

// ---- Finding 10: the drand round may already be public ----

#[test]
fn a_commit_names_a_round_beyond_any_plausible_block_time_lag() {
    let mut node = Node::new(5);
    let margin = Limits::default().drand_margin_seconds;
    assert!(margin >= 3_600, "an hour of lag is survivable");
    node.env.block.time = Timestamp::from_seconds(QUICKNET_GENESIS_SECONDS + 1_000_000);
    let requester = node.addr("requester");
    node.ok(
        &requester,
        ExecuteMsg::CommitDraw(CommitDrawMsg {
            council_id: WORKERS,
            size: 3,
            max_per_subcouncil: None,
            purpose: "text".into(),
            deal_id: None,
        }),
    );
    let panel: PanelResponse = node.q(QueryMsg::Panel { id: 1 });
    // Even if wall time is up to `margin` ahead of block time, the round is not out yet.
    let wall = node.env.block.time.seconds() + margin;
    assert!(panel.round > latest_round(wall), "round {}", panel.round);
    // And not needlessly far: the first round after the margin.
    let published_at = QUICKNET_GENESIS_SECONDS + (panel.round - 1) * QUICKNET_PERIOD_SECONDS;
    assert!(published_at > wall && published_at <= wall + QUICKNET_PERIOD_SECONDS);
}

// ---- Finding 18: unbounded proposals without deposit ----

#[test]
fn one_member_cannot_flood_the_council_with_open_proposals() {
    let mut node = Node::new(3);
    let max = Limits::default().max_open_proposals_per_member;
    let f0 = node.f(0);
    for _ in 0..max {
        node.propose(&f0, workers(), vec![]).unwrap();
    }
    let before = node.fingerprint();
    assert_eq!(
        node.propose(&f0, workers(), vec![]),
        Err(ContractError::TooManyOpenProposals { max })
    );
    assert_eq!(node.fingerprint(), before);
    // Others are not blocked by f0's flood.
    node.propose(&node.f(1), workers(), vec![]).unwrap();
    // The cap frees up when voting ends.
    node.advance(1000);
    node.propose(&f0, workers(), vec![]).unwrap();
}

#[test]
fn a_proposal_closed_early_frees_its_slot() {
    let mut node = Node::new(3);
    let max = Limits::default().max_open_proposals_per_member;
    let f0 = node.f(0);
    let first = node.propose(&f0, workers(), vec![]).unwrap();
    for _ in 1..max {
        node.propose(&f0, workers(), vec![]).unwrap();
    }
    for i in 0..3 {
        node.vote(&node.f(i), first, VoteOption::No).unwrap();
    }
    node.advance(100);
    let anyone = node.addr("anyone");
    node.ok(&anyone, ExecuteMsg::Close { proposal_id: first });
    node.propose(&f0, workers(), vec![]).unwrap();
    assert!(node.propose(&f0, workers(), vec![]).is_err());
}

#[test]
fn messages_of_older_clients_still_parse() {
    use cosmwasm_std::from_json;
    let commit: ExecuteMsg = from_json(
        br#"{"commit_draw":{"council_id":1,"size":3,"max_per_subcouncil":null,"purpose":"p"}}"#,
    )
    .unwrap();
    assert!(matches!(
        commit,
        ExecuteMsg::CommitDraw(CommitDrawMsg { deal_id: None, .. })
    ));
    let config: ExecuteMsg =
        from_json(br#"{"update_config":{"appeal_window_seconds":5}}"#).unwrap();
    assert!(matches!(
        config,
        ExecuteMsg::UpdateConfig(UpdateConfigMsg {
            escrow: None,
            limits: None,
            appeal_window_seconds: Some(5),
            ..
        })
    ));
    let charter: ExecuteMsg = from_json(
        br#"{"update_charter":{"council_id":3,"grants":[{"treasury":{}},{"execute":{"contract":"c"}},{"self_call":{}}]}}"#,
    )
    .unwrap();
    assert_eq!(
        charter,
        ExecuteMsg::UpdateCharter {
            council_id: 3,
            grants: Some(vec![
                Grant::Treasury {},
                Grant::Execute {
                    contract: Some(cosmwasm_std::Addr::unchecked("c")),
                    actions: None
                },
                Grant::SelfCall { actions: None },
            ]),
        }
    );
}
