//! Issue 14, findings 1 and 2, through the real deployment recipe: a chamber that is not the
//! executive (the workers' council, a child council every founder sits in) tries to take the
//! node's contracts, and the executive itself tries the opaque and disguised messages. Nothing
//! is taken.

use cosmwasm_std::{to_json_binary, AnyMsg, Binary, CosmosMsg, WasmMsg};
use council::msg::{ExecuteMsg as CouncilExecute, QueryMsg as CouncilQuery};
use dac_deploy::Contract;
use dac_testing::{exec, query, Node};
use escrow::msg::ExecuteMsg as EscrowExecute;
use serde::Serialize;

/// The recipe's child council (the workers' council under the city assembly).
const CHILD_COUNCIL: u64 = 2;
const EXECUTIVE_COUNCIL: u64 = 1;

fn propose(node: &mut Node, council_id: u64, msgs: Vec<CosmosMsg>) -> Result<(), String> {
    let council = node.deployment.addr(Contract::Council).to_string();
    let proposer = node.cfg.founders[0].clone();
    exec(
        &mut node.chain,
        &proposer,
        &council,
        &council::msg::ExecuteMsg::Propose(council::msg::ProposeMsg {
            chambers: vec![council::msg::Body::Council { council_id }],
            title: "take it".into(),
            topic: "governance".into(),
            description: String::new(),
            choices: council::msg::ProposalChoices::YesNo {},
            msgs,
        }),
    )
    .map(|_| ())
    .map_err(|e| format!("{e:#}"))
}

fn wasm(contract: &str, msg: impl Serialize) -> CosmosMsg {
    WasmMsg::Execute {
        contract_addr: contract.to_string(),
        msg: to_json_binary(&msg).unwrap(),
        funds: vec![],
    }
    .into()
}

/// The council message that would make `attacker` the head.
fn take_head(attacker: &str) -> CouncilExecute {
    CouncilExecute::UpdateRoles {
        head: Some(attacker.to_string()),
        gatekeepers: None,
        monitors: None,
    }
}

#[test]
fn a_child_council_cannot_take_the_token_the_escrow_or_the_upgrades() {
    let mut node = Node::new("dac-1", "dac").unwrap();
    let d = node.deployment.clone();
    let attacker = dac_testing::account(&node.chain, "mallory");
    let attacks = vec![
        wasm(
            d.addr(Contract::Token),
            demurrage_token::msg::ExecuteMsg::UpdateMembershipAuthority {
                authority: attacker.clone(),
            },
        ),
        wasm(
            d.addr(Contract::Escrow),
            EscrowExecute::SetCouncil {
                council: Some(attacker.clone()),
            },
        ),
        WasmMsg::Migrate {
            contract_addr: d.addr(Contract::Relay).to_string(),
            new_code_id: 1,
            msg: Binary::from(b"{}".to_vec()),
        }
        .into(),
        WasmMsg::UpdateAdmin {
            contract_addr: d.addr(Contract::Housing).to_string(),
            admin: attacker.clone(),
        }
        .into(),
        wasm(d.addr(Contract::Council), take_head(&attacker)),
    ];
    for msg in attacks {
        let err = propose(&mut node, CHILD_COUNCIL, vec![msg.clone()]).unwrap_err();
        assert!(err.contains("out of scope"), "{msg:?}: {err}");
    }
    let gov: demurrage_token::msg::GovernanceResponse = query(
        &node.chain,
        d.addr(Contract::Token),
        &demurrage_token::msg::QueryMsg::Governance {},
    )
    .unwrap();
    assert_eq!(gov.membership_authority, d.addr(Contract::Council));
}

#[test]
fn not_even_the_executive_sends_an_opaque_or_disguised_self_call() {
    let mut node = Node::new("dac-1", "dac").unwrap();
    let d = node.deployment.clone();
    let council = d.addr(Contract::Council).to_string();
    let attacker = dac_testing::account(&node.chain, "mallory");
    let roles = take_head(&attacker);
    let attacks: Vec<CosmosMsg> = vec![
        CosmosMsg::Any(AnyMsg {
            type_url: "/cosmwasm.wasm.v1.MsgExecuteContract".into(),
            value: to_json_binary(&roles).unwrap(),
        }),
        wasm(&council.to_uppercase(), roles.clone()),
        wasm(&council, CouncilExecute::RunPassed { proposal_id: 1 }),
    ];
    for msg in attacks {
        let err = propose(&mut node, EXECUTIVE_COUNCIL, vec![msg.clone()]).unwrap_err();
        assert!(err.contains("out of scope"), "{msg:?}: {err}");
    }
    let config: council::msg::ConfigResponse =
        query(&node.chain, &council, &CouncilQuery::Config {}).unwrap();
    assert_ne!(
        config.head.as_ref().map(|h| h.as_str()),
        Some(attacker.as_str())
    );
}

#[test]
fn no_panel_is_drawn_for_a_dispute_the_escrow_does_not_have() {
    let mut node = Node::new("dac-1", "dac").unwrap();
    let d = node.deployment.clone();
    let council = d.addr(Contract::Council).to_string();
    let commit = wasm(
        &council,
        CouncilExecute::CommitDraw(council::msg::CommitDrawMsg {
            council_id: EXECUTIVE_COUNCIL,
            size: 3,
            max_per_subcouncil: None,
            purpose: "appeal of deal 1".into(),
            deal_id: Some(1),
        }),
    );
    let founders = node.cfg.founders.clone();
    let id = dac_deploy::pass_proposal(
        &mut dac_testing::OnApp(&mut node.chain.app),
        &council,
        &founders,
        "Draw a panel for deal 1",
        vec![commit],
    )
    .unwrap();
    let p: council::msg::ProposalResponse = query(
        &node.chain,
        &council,
        &CouncilQuery::Proposal { proposal_id: id },
    )
    .unwrap();
    assert_eq!(p.status, council::msg::ProposalStatus::ExecutionFailed);
    let panels: council::msg::ListPanelsResponse = query(
        &node.chain,
        &council,
        &CouncilQuery::ListPanels {
            start_after: None,
            limit: None,
        },
    )
    .unwrap();
    assert!(panels.panels.is_empty());
}

/// The council reads the escrow's `deal` and `config` answers with its own lean types (only
/// `status`, `next_deadline` and `council`): this pins those fields and their JSON, so a change
/// in the escrow that would make the council misread a dispute fails here.
#[test]
fn the_escrow_answers_have_the_fields_the_council_reads() {
    fn _deal_shape(
        d: &escrow::msg::DealResponse,
    ) -> (escrow::msg::StatusKey, Option<cosmwasm_std::Timestamp>) {
        (d.status, d.next_deadline)
    }
    fn _config_shape(c: &escrow::msg::ConfigResponse) -> Option<String> {
        c.council.clone()
    }
    use escrow::msg::StatusKey;
    for (status, json) in [
        (StatusKey::Appealed, "\"appealed\""),
        (StatusKey::AwaitingPanel, "\"awaiting_panel\""),
    ] {
        assert_eq!(serde_json::to_string(&status).unwrap(), json);
    }
    // The JSON itself is what is pinned here: the council sends these bytes.
    let query = serde_json::to_string(&escrow::msg::QueryMsg::Deal { deal_id: 7 }).unwrap();
    assert_eq!(query, r#"{"deal":{"deal_id":7}}"#);
    let query = serde_json::to_string(&escrow::msg::QueryMsg::Config {}).unwrap();
    assert_eq!(query, r#"{"config":{}}"#);
}
