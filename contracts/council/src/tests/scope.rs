//! Scopes (issue 14, findings 1 and 2): the README's table "chamber × message kind", tested
//! exhaustively at creation and at execution, and the attacks the issue describes.

use cosmwasm_std::{
    coins, from_json, to_json_binary, Addr, AnyMsg, BankMsg, Binary, CosmosMsg, Empty, Timestamp,
    WasmMsg,
};

use super::harness::*;
use crate::msg::*;
use crate::state::{
    may_load_proposal, save_proposal, Panel, CONFIG, MAX_PANEL_SIZE, PANELS, PROPOSAL_TEXTS,
};
use crate::ContractError;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Chamber {
    Executive,
    ChildDefault,
    ChildChartered,
    DisputePanel,
    TextPanel,
}

const CHAMBERS: [Chamber; 5] = [
    Chamber::Executive,
    Chamber::ChildDefault,
    Chamber::ChildChartered,
    Chamber::DisputePanel,
    Chamber::TextPanel,
];

/// The deal the dispute panel was drawn for.
const DEAL: u64 = 7;
/// The escrow's panel deadline of the dispute the panel was drawn for (nanoseconds).
const STAGE: u64 = 1_900_000_000_000_000_000;
const TEXT_PANEL: u64 = 1;
const DISPUTE_PANEL: u64 = 2;

fn wasm(contract: &str, json: &str, funds: u128) -> CosmosMsg {
    WasmMsg::Execute {
        contract_addr: contract.to_string(),
        msg: Binary::from(json.as_bytes()),
        funds: coins(funds, "ucredit")
            .into_iter()
            .filter(|c| !c.amount.is_zero())
            .collect(),
    }
    .into()
}

fn other(node: &Node) -> String {
    node.addr("other").to_string()
}

/// Every message kind of the README's table, by name.
fn message_kinds(node: &Node) -> Vec<(&'static str, CosmosMsg)> {
    let me = node.contract().to_string();
    let token = node.addr("token").to_string();
    let escrow = node.addr("escrow").to_string();
    let other = other(node);
    let f0 = node.f(0).to_string();
    let update_roles = format!(r#"{{"update_roles":{{"head":"{f0}"}}}}"#);
    vec![
        (
            "bank send",
            BankMsg::Send {
                to_address: f0.clone(),
                amount: coins(1, "ucredit"),
            }
            .into(),
        ),
        (
            "token transfer",
            wasm(
                &token,
                &format!(r#"{{"transfer":{{"recipient":"{f0}","amount":"1"}}}}"#),
                0,
            ),
        ),
        (
            "token admin",
            wasm(
                &token,
                &format!(r#"{{"update_membership_authority":{{"authority":"{f0}"}}}}"#),
                0,
            ),
        ),
        ("chartered action", wasm(&other, r#"{"ping":{}}"#, 0)),
        ("other action", wasm(&other, r#"{"pong":{}}"#, 0)),
        (
            "chartered action with coins",
            wasm(&other, r#"{"ping":{}}"#, 5),
        ),
        (
            "own ruling",
            wasm(
                &escrow,
                &format!(
                    r#"{{"panel_ruling":{{"deal_id":{DEAL},"ruling":{{"not_performed":{{}}}},"panel_by":"{STAGE}"}}}}"#
                ),
                0,
            ),
        ),
        (
            "ruling of its deal's later dispute",
            wasm(
                &escrow,
                &format!(
                    r#"{{"panel_ruling":{{"deal_id":{DEAL},"ruling":{{"not_performed":{{}}}},"panel_by":"{}"}}}}"#,
                    STAGE + 1
                ),
                0,
            ),
        ),
        (
            "ruling of another deal",
            wasm(
                &escrow,
                r#"{"panel_ruling":{"deal_id":8,"ruling":{"not_performed":{}}}}"#,
                0,
            ),
        ),
        (
            "escrow admin",
            wasm(&escrow, r#"{"set_council":{"council":null}}"#, 0),
        ),
        ("self: update_roles", wasm(&me, &update_roles, 0)),
        (
            "self: elect_delegate",
            wasm(
                &me,
                &format!(r#"{{"elect_delegate":{{"council_id":{WORKPLACE},"member":"{f0}"}}}}"#),
                0,
            ),
        ),
        (
            "self: run_passed",
            wasm(&me, r#"{"run_passed":{"proposal_id":1}}"#, 0),
        ),
        (
            "self: execute",
            wasm(&me, r#"{"execute":{"proposal_id":1}}"#, 0),
        ),
        (
            "self in upper case",
            wasm(&me.to_uppercase(), &update_roles, 0),
        ),
        (
            "migrate",
            WasmMsg::Migrate {
                contract_addr: other.clone(),
                new_code_id: 2,
                msg: Binary::from(b"{}".to_vec()),
            }
            .into(),
        ),
        (
            "update admin",
            WasmMsg::UpdateAdmin {
                contract_addr: other.clone(),
                admin: f0.clone(),
            }
            .into(),
        ),
        (
            "clear admin",
            WasmMsg::ClearAdmin {
                contract_addr: other.clone(),
            }
            .into(),
        ),
        (
            "instantiate",
            WasmMsg::Instantiate {
                admin: None,
                code_id: 1,
                msg: Binary::from(b"{}".to_vec()),
                funds: vec![],
                label: "x".into(),
            }
            .into(),
        ),
        (
            "any (self-call in disguise)",
            CosmosMsg::Any(AnyMsg {
                type_url: "/cosmwasm.wasm.v1.MsgExecuteContract".into(),
                value: Binary::from(update_roles.as_bytes()),
            }),
        ),
    ]
}

/// The README's table: which chambers may send each message kind.
fn allowed(chamber: Chamber, kind: &str) -> bool {
    use Chamber::*;
    match kind {
        "bank send"
        | "token transfer"
        | "chartered action"
        | "chartered action with coins"
        | "migrate"
        | "update admin"
        | "clear admin" => {
            matches!(chamber, Executive | ChildChartered)
        }
        "token admin"
        | "other action"
        | "ruling of another deal"
        | "ruling of its deal's later dispute"
        | "escrow admin"
        | "self: update_roles"
        | "instantiate" => chamber == Executive,
        "own ruling" => matches!(chamber, Executive | DisputePanel),
        "self: elect_delegate" => matches!(chamber, Executive | ChildDefault),
        "self: run_passed"
        | "self: execute"
        | "self in upper case"
        | "any (self-call in disguise)" => false,
        _ => panic!("{kind} is not in the table"),
    }
}

/// A node whose chamber of `kind` has f0..f2 as members; returns its body.
fn setup(chamber: Chamber) -> (Node, Body) {
    let mut node = Node::new(3);
    // Room for every proposal a case makes.
    CONFIG
        .update(
            &mut node.deps.storage,
            |mut c| -> Result<_, ContractError> {
                c.limits.max_open_proposals_per_member = 50;
                Ok(c)
            },
        )
        .unwrap();
    let gatekeeper = node.addr("gatekeeper");
    for i in 0..3 {
        node.ok(
            &gatekeeper,
            ExecuteMsg::AssignCouncil {
                member: node.f(i).to_string(),
                council_id: WORKPLACE,
            },
        );
    }
    let panelists: Vec<Addr> = (0..3).map(|i| node.f(i)).collect();
    let requester = node.addr("requester");
    for (id, deal_id) in [(TEXT_PANEL, None), (DISPUTE_PANEL, Some(DEAL))] {
        PANELS
            .save(
                &mut node.deps.storage,
                id,
                &Panel {
                    id,
                    council_id: WORKERS,
                    purpose: "p".into(),
                    requested_by: requester.clone(),
                    size: 3,
                    max_per_subcouncil: None,
                    snapshot_height: node.env.block.height,
                    candidates: 3,
                    round: 1,
                    status: PanelStatus::Drawn,
                    randomness: None,
                    members: panelists.clone(),
                    deal_id,
                    expires: node.env.block.time.plus_seconds(30 * 86_400),
                    panel_by: deal_id.map(|_| Timestamp::from_nanos(STAGE)),
                },
            )
            .unwrap();
    }
    if chamber == Chamber::ChildChartered {
        let charter = node.self_call(&ExecuteMsg::UpdateCharter {
            council_id: WORKPLACE,
            grants: Some(vec![
                Grant::Treasury {},
                Grant::Execute {
                    contract: Some(node.addr("other")),
                    actions: Some(vec!["ping".into()]),
                },
                Grant::Admin {
                    contract: Some(node.addr("other")),
                },
            ]),
        });
        node.pass_and_run(3, vec![charter]).1.unwrap();
    }
    node.next_block();
    let body = match chamber {
        Chamber::Executive => Body::Council {
            council_id: WORKERS,
        },
        Chamber::ChildDefault | Chamber::ChildChartered => Body::Council {
            council_id: WORKPLACE,
        },
        Chamber::DisputePanel => Body::Panel {
            panel_id: DISPUTE_PANEL,
        },
        Chamber::TextPanel => Body::Panel {
            panel_id: TEXT_PANEL,
        },
    };
    (node, body)
}

fn out_of_scope(error: &str) -> bool {
    error.starts_with("out of scope")
}

/// Passes a proposal of `body` and runs it with `msg` as its message (written after creation,
/// as if the scopes had changed since): the run's error, if any.
fn run_with(node: &mut Node, body: Body, msg: CosmosMsg) -> Result<(), String> {
    let id = node.propose(&node.f(0), vec![body], vec![]).unwrap();
    PROPOSAL_TEXTS
        .update(
            &mut node.deps.storage,
            id,
            |t| -> Result<_, ContractError> {
                let mut t = t.unwrap();
                t.msgs = vec![msg];
                Ok(t)
            },
        )
        .unwrap();
    let mut p = may_load_proposal(&node.deps.storage, id).unwrap().unwrap();
    p.has_msgs = true;
    save_proposal(&mut node.deps.storage, &p, p.status).unwrap();
    for i in 0..3 {
        node.vote(&node.f(i), id, VoteOption::Yes).unwrap();
    }
    node.advance(1000);
    node.run(id)
}

#[test]
fn the_scope_table_holds_at_creation_and_at_execution() {
    for chamber in CHAMBERS {
        let kinds = message_kinds(&setup(chamber).0);
        for (kind, msg) in kinds {
            let expected = allowed(chamber, kind);
            // At creation.
            let (mut node, body) = setup(chamber);
            let before = node.fingerprint();
            match node.propose(&node.f(0), vec![body], vec![msg.clone()]) {
                Ok(_) => assert!(expected, "{chamber:?} may not propose {kind}"),
                Err(e) => {
                    assert!(!expected, "{chamber:?} should propose {kind}: {e}");
                    assert!(matches!(e, ContractError::OutOfScope(_)), "{kind}: {e:?}");
                    assert_eq!(node.fingerprint(), before);
                }
            }
            // At execution (a message that slipped past creation is still judged).
            let (mut node, body) = setup(chamber);
            let result = run_with(&mut node, body, msg);
            let refused = matches!(&result, Err(e) if out_of_scope(e));
            assert_eq!(refused, !expected, "{chamber:?} running {kind}: {result:?}");
        }
    }
}

#[test]
fn opaque_and_foreign_message_kinds_are_refused_for_every_chamber() {
    // Stargate, gov and IBC messages exist only when cosmwasm-std has its `stargate` feature:
    // from JSON they are either unreadable or out of scope, never accepted.
    let kinds = [
        r#"{"stargate":{"type_url":"/cosmwasm.wasm.v1.MsgExecuteContract","value":""}}"#,
        r#"{"gov":{"vote":{"proposal_id":1,"option":"yes"}}}"#,
        r#"{"ibc":{"close_channel":{"channel_id":"channel-0"}}}"#,
        r#"{"distribution":{"set_withdraw_address":{"address":"x"}}}"#,
        r#"{"staking":{"delegate":{"validator":"x","amount":{"denom":"u","amount":"1"}}}}"#,
        r#"{"custom":{}}"#,
    ];
    for chamber in CHAMBERS {
        for kind in kinds {
            let (mut node, body) = setup(chamber);
            let Ok(msg) = from_json::<CosmosMsg<Empty>>(kind.as_bytes()) else {
                continue;
            };
            let err = node.propose(&node.f(0), vec![body], vec![msg]).unwrap_err();
            assert!(
                matches!(err, ContractError::OutOfScope(_)),
                "{kind}: {err:?}"
            );
        }
    }
}

// ---- Finding 1: a drawn panel acts with the council's whole authority ----

#[test]
fn a_panel_cannot_move_the_token_admin_the_treasury_or_upgrade_contracts() {
    let (mut node, body) = setup(Chamber::DisputePanel);
    for kind in [
        "token admin",
        "bank send",
        "escrow admin",
        "migrate",
        "update admin",
        "self: update_roles",
    ] {
        let msg = message_kinds(&node)
            .into_iter()
            .find(|(k, _)| *k == kind)
            .unwrap()
            .1;
        let err = node.propose(&node.f(0), vec![body], vec![msg]).unwrap_err();
        assert!(matches!(err, ContractError::OutOfScope(_)), "{kind}");
    }
}

#[test]
fn a_panel_sends_only_its_own_dispute_ruling_and_only_until_it_expires() {
    let (mut node, body) = setup(Chamber::DisputePanel);
    let ruling = message_kinds(&node)
        .into_iter()
        .find(|(k, _)| *k == "own ruling")
        .unwrap()
        .1;
    let id = node
        .propose(&node.f(0), vec![body], vec![ruling.clone()])
        .unwrap();
    for i in 0..3 {
        node.vote(&node.f(i), id, VoteOption::Yes).unwrap();
    }
    node.advance(1000);
    node.run(id).unwrap();
    assert_eq!(node.sent, vec![ruling.clone()]);

    // Once the panel has expired it neither proposes, votes nor executes.
    let (mut node, body) = setup(Chamber::DisputePanel);
    let mut panel = PANELS.load(&node.deps.storage, DISPUTE_PANEL).unwrap();
    panel.expires = node.env.block.time.plus_seconds(500);
    PANELS
        .save(&mut node.deps.storage, DISPUTE_PANEL, &panel)
        .unwrap();
    let id = node
        .propose(&node.f(0), vec![body], vec![ruling.clone()])
        .unwrap();
    node.vote(&node.f(0), id, VoteOption::Yes).unwrap();
    node.vote(&node.f(1), id, VoteOption::Yes).unwrap();
    node.advance(600);
    assert_eq!(
        node.vote(&node.f(2), id, VoteOption::Yes),
        Err(ContractError::PanelExpired(DISPUTE_PANEL))
    );
    assert_eq!(
        node.propose(&node.f(0), vec![body], vec![]),
        Err(ContractError::PanelExpired(DISPUTE_PANEL))
    );
    node.advance(1000);
    let error = node.run(id).unwrap_err();
    assert!(error.contains("has expired"), "{error}");
    assert!(node.sent.is_empty());
}

fn commit(node: &mut Node, size: u32, deal_id: Option<u64>) -> Result<u64, ContractError> {
    let requester = node.addr("requester");
    let res = node.exec(
        &requester,
        ExecuteMsg::CommitDraw(CommitDrawMsg {
            council_id: WORKERS,
            size,
            max_per_subcouncil: None,
            purpose: "appeal".into(),
            deal_id,
        }),
    )?;
    Ok(from_json(res.data.unwrap()).unwrap())
}

fn dispute_node() -> (Node, Timestamp) {
    let mut node = Node::new(5);
    node.env.block.time = super::sortition::commit_time();
    let panel_by = node.env.block.time.plus_seconds(14 * 86_400);
    let council = node.contract();
    node.mock_escrow(
        council,
        vec![
            (DEAL, "appealed", panel_by),
            (8, "awaiting_panel", panel_by),
            (9, "ruled", panel_by),
        ],
    );
    (node, panel_by)
}

#[test]
fn a_one_seat_panel_cannot_be_drawn() {
    let (mut node, _) = dispute_node();
    for size in [1, 2] {
        assert_eq!(
            commit(&mut node, size, Some(DEAL)),
            Err(ContractError::PanelSizeOutOfRange {
                min: 3,
                max: MAX_PANEL_SIZE
            })
        );
    }
    commit(&mut node, 3, Some(DEAL)).unwrap();
}

#[test]
fn a_requester_cannot_commit_several_draws_for_one_dispute_and_keep_the_friendly_one() {
    let (mut node, panel_by) = dispute_node();
    let first = commit(&mut node, 3, Some(DEAL)).unwrap();
    let before = node.fingerprint();
    assert_eq!(
        commit(&mut node, 3, Some(DEAL)),
        Err(ContractError::DealHasPanel {
            deal_id: DEAL,
            panel_id: first
        })
    );
    assert_eq!(node.fingerprint(), before);
    // Drawn or not, it stays the dispute's only panel until it expires.
    node.ok(
        &node.addr("anyone"),
        ExecuteMsg::RevealDraw {
            panel_id: first,
            signature: cosmwasm_std::HexBinary::from_hex(super::sortition::SIGNATURE).unwrap(),
        },
    );
    assert!(commit(&mut node, 3, Some(DEAL)).is_err());
    let panel: PanelResponse = node.q(QueryMsg::Panel { id: first });
    assert_eq!((panel.deal_id, panel.expires), (Some(DEAL), panel_by));
    // Another dispute gets its own panel.
    commit(&mut node, 3, Some(8)).unwrap();
}

#[test]
fn a_panel_is_drawn_only_for_a_dispute_the_escrow_confirms() {
    let (mut node, _) = dispute_node();
    // Not waiting for a panel, or unknown.
    assert!(commit(&mut node, 3, Some(9)).is_err());
    assert!(commit(&mut node, 3, Some(10)).is_err());
    // An escrow that takes rulings from another council.
    let (mut node, panel_by) = dispute_node();
    let stranger = node.addr("another council");
    node.mock_escrow(stranger, vec![(DEAL, "appealed", panel_by)]);
    assert!(commit(&mut node, 3, Some(DEAL)).is_err());
    // No escrow configured at all.
    let (mut node, _) = dispute_node();
    CONFIG
        .update(
            &mut node.deps.storage,
            |mut c| -> Result<_, ContractError> {
                c.escrow = None;
                Ok(c)
            },
        )
        .unwrap();
    assert!(commit(&mut node, 3, Some(DEAL)).is_err());
    // A text-only panel needs no dispute.
    commit(&mut node, 3, None).unwrap();
}

// ---- Finding 2: self-calls bypass the filter; a stale executing flag ----

#[test]
fn an_any_wrapped_or_upper_case_self_call_is_refused() {
    for chamber in CHAMBERS {
        let (mut node, body) = setup(chamber);
        for kind in ["any (self-call in disguise)", "self in upper case"] {
            let msg = message_kinds(&node)
                .into_iter()
                .find(|(k, _)| *k == kind)
                .unwrap()
                .1;
            let err = node.propose(&node.f(0), vec![body], vec![msg]).unwrap_err();
            assert!(
                matches!(err, ContractError::OutOfScope(_)),
                "{chamber:?} {kind}"
            );
        }
    }
}

#[test]
fn a_finished_run_leaves_no_executive_authority_behind() {
    let mut node = Node::new(3);
    let commit = node.self_call(&ExecuteMsg::SetToken { token: None });
    let (id, result) = node.pass_and_run(3, vec![commit]);
    result.unwrap();
    let attacker = node.addr("attacker");
    let contract = node.contract();
    let before = node.fingerprint();
    // Whatever route reaches the council as itself later, it no longer acts for proposal `id`.
    let err = node
        .exec(
            &contract,
            ExecuteMsg::UpdateRoles {
                head: Some(attacker.to_string()),
                gatekeepers: Some(vec![attacker.to_string()]),
                monitors: None,
            },
        )
        .unwrap_err();
    assert!(matches!(err, ContractError::NeedsProposal(_)), "{err:?}");
    // Replaying the old proposal's run is refused: no ticket names it.
    let err = node
        .exec(&contract, ExecuteMsg::RunPassed { proposal_id: id })
        .unwrap_err();
    assert!(matches!(err, ContractError::Unauthorized(_)), "{err:?}");
    assert_eq!(node.fingerprint(), before);
}

#[test]
fn a_replayed_run_then_update_roles_cannot_seat_a_new_head() {
    // The issue's chain of the attack: an executed executive proposal, then a panel proposal
    // whose messages replay its run and then update roles.
    let (mut node, body) = setup(Chamber::DisputePanel);
    let token_none = node.self_call(&ExecuteMsg::SetToken { token: None });
    let (old, result) = node.pass_and_run(3, vec![token_none]);
    result.unwrap();
    let me = node.contract().to_string().to_uppercase();
    let attacker = node.addr("attacker").to_string();
    let replay = wasm(
        &me,
        &format!(r#"{{"run_passed":{{"proposal_id":{old}}}}}"#),
        0,
    );
    let seat = wasm(
        &me,
        &format!(r#"{{"update_roles":{{"head":"{attacker}"}}}}"#),
        0,
    );
    node.next_block();
    for msgs in [vec![replay.clone(), seat.clone()], vec![replay], vec![seat]] {
        let err = node
            .propose(&node.f(0), vec![body], msgs.clone())
            .unwrap_err();
        assert!(matches!(err, ContractError::OutOfScope(_)));
        // And if it had been stored, the run refuses it.
        for msg in msgs {
            let (mut node, body) = setup(Chamber::DisputePanel);
            let error = run_with(&mut node, body, msg).unwrap_err();
            assert!(out_of_scope(&error), "{error}");
        }
    }
    let config: ConfigResponse = node.q(QueryMsg::Config {});
    assert_eq!(config.head, Some(node.addr("head")));
}

#[test]
fn scopes_are_judged_again_when_a_proposal_runs() {
    // Proposed while the workplace council was executive, run after it no longer is.
    let (mut node, _) = setup(Chamber::ChildDefault);
    let promote = node.self_call(&ExecuteMsg::UpdateCouncil {
        council_id: WORKPLACE,
        name: None,
        executive: Some(true),
        rules: None,
    });
    node.pass_and_run(3, vec![promote]).1.unwrap();
    node.next_block();
    let roles = node.self_call(&ExecuteMsg::UpdateRoles {
        head: Some(node.f(1).to_string()),
        gatekeepers: None,
        monitors: None,
    });
    let body = Body::Council {
        council_id: WORKPLACE,
    };
    let id = node.propose(&node.f(0), vec![body], vec![roles]).unwrap();
    let demote = node.self_call(&ExecuteMsg::UpdateCouncil {
        council_id: WORKPLACE,
        name: None,
        executive: Some(false),
        rules: None,
    });
    for i in 0..3 {
        node.vote(&node.f(i), id, VoteOption::Yes).unwrap();
    }
    node.pass_and_run(3, vec![demote]).1.unwrap();
    let error = node.run(id).unwrap_err();
    assert!(out_of_scope(&error), "{error}");
    let config: ConfigResponse = node.q(QueryMsg::Config {});
    assert_eq!(config.head, Some(node.addr("head")));
}

#[test]
fn charters_are_bounded_canonical_and_set_only_by_an_executive_proposal() {
    let mut node = Node::new(3);
    let upper = Addr::unchecked(node.addr("other").to_string().to_uppercase());
    for grants in [
        vec![Grant::Admin {
            contract: Some(upper),
        }],
        vec![Grant::Treasury {}; 17],
        vec![Grant::SelfCall {
            actions: Some(vec![String::new()]),
        }],
    ] {
        let msg = node.self_call(&ExecuteMsg::UpdateCharter {
            council_id: WORKPLACE,
            grants: Some(grants),
        });
        assert!(node.pass_and_run(3, vec![msg]).1.is_err());
    }
    // An executive council's scope is fixed.
    let msg = node.self_call(&ExecuteMsg::UpdateCharter {
        council_id: WORKERS,
        grants: Some(vec![]),
    });
    assert!(node.pass_and_run(3, vec![msg]).1.is_err());
    let council: CouncilResponse = node.q(QueryMsg::Council {
        council_id: WORKPLACE,
    });
    assert_eq!(
        council.scope,
        vec![Grant::SelfCall {
            actions: Some(vec!["elect_delegate".into(), "recall_delegate".into()])
        }]
    );
    assert_eq!(
        to_json_binary(&council.scope).unwrap(),
        Binary::from(
            br#"[{"self_call":{"actions":["elect_delegate","recall_delegate"]}}]"#.to_vec()
        )
    );
}
