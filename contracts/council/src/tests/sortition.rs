use cosmwasm_std::testing::MockApi;
use cosmwasm_std::{HexBinary, Timestamp};

use super::harness::*;
use crate::execute::sortition::*;
use crate::msg::*;
use crate::state::MAX_DRAW_STEPS;
use crate::ContractError;

/// drand quicknet round 5928395 (public beacon).
const ROUND: u64 = 5_928_395;
pub const SIGNATURE: &str =
    "a5d07c0071b4e386b3ae09206522253c68fefe8490ad59ecc44a7dd0d0745be91da5779e2247a82403fbc0cb9a34cb61";

pub fn commit_time() -> Timestamp {
    // The latest round at this time + the margin is ROUND - 1, so the commit names ROUND.
    Timestamp::from_seconds(
        QUICKNET_GENESIS_SECONDS + (ROUND - 2) * QUICKNET_PERIOD_SECONDS
            - Limits::default().drand_margin_seconds,
    )
}

#[test]
fn real_quicknet_beacon_verifies_and_forgeries_do_not() {
    let api = MockApi::default();
    let signature = hex::decode(SIGNATURE).unwrap();
    verify_beacon(&api, ROUND, &signature).unwrap();
    assert_eq!(
        verify_beacon(&api, ROUND + 1, &signature),
        Err(ContractError::BadBeacon(ROUND + 1))
    );
    let mut flipped = signature.clone();
    flipped[47] ^= 1;
    assert!(verify_beacon(&api, ROUND, &flipped).is_err());
    assert!(verify_beacon(&api, ROUND, &signature[..47]).is_err());
}

#[test]
fn round_arithmetic_matches_quicknet() {
    assert_eq!(latest_round(QUICKNET_GENESIS_SECONDS - 1), 0);
    assert_eq!(latest_round(QUICKNET_GENESIS_SECONDS), 1);
    assert_eq!(latest_round(QUICKNET_GENESIS_SECONDS + 3), 2);
    assert_eq!(
        commit_round(commit_time(), Limits::default().drand_margin_seconds),
        ROUND
    );
}

#[test]
fn shuffle_is_a_reproducible_draw_without_replacement() {
    let randomness = [7u8; 32];
    let a = shuffled_positions(&randomness, 1, 50, 50);
    assert_eq!(a, shuffled_positions(&randomness, 1, 50, 50));
    let mut sorted = a.clone();
    sorted.sort();
    assert_eq!(sorted, (0..50).collect::<Vec<_>>());
    assert_ne!(
        a,
        shuffled_positions(&randomness, 2, 50, 50),
        "panel id separates draws"
    );
    assert_eq!(shuffled_positions(&randomness, 1, 50, 5), a[..5].to_vec());
}

/// The published algorithm, as first written with a map: the published draws must not change.
fn shuffled_positions_with_a_map(
    randomness: &[u8; 32],
    panel_id: u64,
    candidates: u64,
    steps: u64,
) -> Vec<u64> {
    let mut moved = std::collections::BTreeMap::new();
    let mut out = Vec::new();
    for j in 0..candidates.min(steps) {
        let pick = j + draw_word(randomness, panel_id, j) % (candidates - j);
        let at_pick = *moved.get(&pick).unwrap_or(&pick);
        let at_j = *moved.get(&j).unwrap_or(&j);
        moved.insert(pick, at_j);
        out.push(at_pick);
    }
    out
}

#[test]
fn shuffle_draws_what_the_map_version_draws() {
    for seed in 0..20u8 {
        let randomness = [seed; 32];
        for (candidates, steps) in [(1, 1), (7, 7), (50, 10), (300, MAX_DRAW_STEPS), (5, 200)] {
            assert_eq!(
                shuffled_positions(&randomness, u64::from(seed), candidates, steps),
                shuffled_positions_with_a_map(&randomness, u64::from(seed), candidates, steps)
            );
        }
    }
}

fn committed_node(founders: usize, size: u32, per_sub: Option<u32>) -> (Node, u64) {
    let mut node = Node::new(founders);
    node.env.block.time = commit_time();
    let escrow = node.addr("requester");
    let res = node.ok(
        &escrow,
        ExecuteMsg::CommitDraw(CommitDrawMsg {
            council_id: WORKERS,
            size,
            max_per_subcouncil: per_sub,
            purpose: "appeal 1".into(),
            deal_id: None,
        }),
    );
    let id: u64 = cosmwasm_std::from_json(res.data.unwrap()).unwrap();
    (node, id)
}

#[test]
fn committed_panel_is_drawn_from_the_frozen_snapshot_by_the_beacon() {
    let (mut node, id) = committed_node(10, 4, None);
    let panel: PanelResponse = node.q(QueryMsg::Panel { id });
    assert_eq!(
        (panel.round, panel.candidates, panel.status),
        (ROUND, 10, PanelStatus::Committed)
    );
    // Membership changes after the commit do not change the candidates.
    node.ok(&node.f(9), ExecuteMsg::Leave {});
    node.next_block();
    let anyone = node.addr("anyone");
    assert!(node
        .exec(
            &anyone,
            ExecuteMsg::RevealDraw {
                panel_id: id,
                signature: HexBinary::from(vec![1u8; 48])
            }
        )
        .is_err());
    node.ok(
        &anyone,
        ExecuteMsg::RevealDraw {
            panel_id: id,
            signature: HexBinary::from_hex(SIGNATURE).unwrap(),
        },
    );
    let panel: PanelResponse = node.q(QueryMsg::Panel { id });
    assert_eq!(panel.status, PanelStatus::Drawn);
    assert_eq!(panel.members.len(), 4);

    // Anyone can reproduce the draw from the public inputs.
    let randomness: [u8; 32] = hex::decode(panel.randomness.unwrap())
        .unwrap()
        .try_into()
        .unwrap();
    let roster: Vec<_> = (0..10).map(|i| node.f(i)).collect();
    let expected: Vec<_> = shuffled_positions(&randomness, id, 10, 4)
        .into_iter()
        .map(|p| roster[p as usize].clone())
        .collect();
    assert_eq!(panel.members, expected);
    assert!(node
        .exec(
            &anyone,
            ExecuteMsg::RevealDraw {
                panel_id: id,
                signature: HexBinary::from_hex(SIGNATURE).unwrap()
            }
        )
        .is_err());

    // The panel votes as a body, each panelist personally.
    let panelist = panel.members[0].clone();
    let pid = node
        .propose(&panelist, vec![Body::Panel { panel_id: id }], vec![])
        .unwrap();
    assert_eq!(node.proposal(pid).chambers[0].electorate, 4);
    node.vote(&panelist, pid, VoteOption::Yes).unwrap();
    let outsider = (0..9)
        .map(|i| node.f(i))
        .find(|a| !panel.members.contains(a))
        .unwrap();
    assert!(node.vote(&outsider, pid, VoteOption::Yes).is_err());
}

#[test]
fn stratification_caps_panelists_per_subcouncil() {
    // Six delegates of the workplace council sit in the workers' council next to two direct members.
    let mut node = Node::new(2);
    let gatekeeper = node.addr("gatekeeper");
    let mut delegates = vec![];
    for i in 0..6 {
        let who = node.addr(&format!("d{i}"));
        node.ok(
            &who,
            ExecuteMsg::Apply {
                statement: String::new(),
                councils: vec![WORKPLACE],
            },
        );
        node.ok(
            &gatekeeper,
            ExecuteMsg::Admit {
                applicant: who.to_string(),
            },
        );
        delegates.push(who);
    }
    node.next_block();
    for who in &delegates {
        crate::execute::councils::seat(
            &mut node.deps.storage,
            node.env.block.height,
            WORKERS,
            who,
            Seat::Delegate { of: WORKPLACE },
        )
        .unwrap();
    }
    node.next_block();
    node.env.block.time = commit_time();
    let escrow = node.addr("requester");
    node.ok(
        &escrow,
        ExecuteMsg::CommitDraw(CommitDrawMsg {
            council_id: WORKERS,
            size: 5,
            max_per_subcouncil: Some(2),
            purpose: "x".into(),
            deal_id: None,
        }),
    );
    node.ok(
        &escrow,
        ExecuteMsg::RevealDraw {
            panel_id: 1,
            signature: HexBinary::from_hex(SIGNATURE).unwrap(),
        },
    );
    let panel: PanelResponse = node.q(QueryMsg::Panel { id: 1 });
    let from_workplace = panel
        .members
        .iter()
        .filter(|m| delegates.contains(m))
        .count();
    assert_eq!(from_workplace, 2);
    assert_eq!(
        panel.members.len(),
        4,
        "2 delegates + the 2 direct members; nobody else is eligible"
    );
}

#[test]
fn only_requesters_or_executive_proposals_commit_draws() {
    let mut node = Node::new(3);
    node.env.block.time = commit_time();
    let before = node.fingerprint();
    let f0 = node.f(0);
    assert!(matches!(
        node.exec(
            &f0,
            ExecuteMsg::CommitDraw(CommitDrawMsg {
                council_id: WORKERS,
                size: 3,
                max_per_subcouncil: None,
                purpose: "x".into(),
                deal_id: None,
            })
        ),
        Err(ContractError::NeedsProposal(_))
    ));
    assert!(node
        .exec(
            &f0,
            ExecuteMsg::RevealDraw {
                panel_id: 1,
                signature: HexBinary::from_hex(SIGNATURE).unwrap()
            }
        )
        .is_err());
    assert_eq!(node.fingerprint(), before);
    let commit = node.self_call(&ExecuteMsg::CommitDraw(CommitDrawMsg {
        council_id: WORKERS,
        size: 3,
        max_per_subcouncil: None,
        purpose: "assembly".into(),
        deal_id: None,
    }));
    node.pass_and_run(3, vec![commit]).1.unwrap();
    let panels: ListPanelsResponse = node.q(QueryMsg::ListPanels {
        start_after: None,
        limit: None,
    });
    assert_eq!(panels.panels.len(), 1);
}
