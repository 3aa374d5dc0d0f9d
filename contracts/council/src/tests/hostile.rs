//! Robustness of the proposal, scope and sortition messages: arbitrary bytes and hostile but
//! well-formed messages from random senders never panic, and every error leaves storage exactly
//! as it was (checked on the raw storage, without the harness's rollback).

use cosmwasm_std::testing::message_info;
use cosmwasm_std::{
    coins, from_json, AnyMsg, BankMsg, Binary, CosmosMsg, HexBinary, Order, Record, Storage,
    WasmMsg,
};
use proptest::prelude::*;

use super::harness::*;
use crate::contract::execute;
use crate::msg::*;

fn dump(node: &Node) -> Vec<Record> {
    node.deps
        .storage
        .range(None, None, Order::Ascending)
        .collect()
}

/// Sends `msg` straight to the entry point: an error must not have written anything.
fn check(node: &mut Node, sender: usize, msg: ExecuteMsg) {
    let who = match sender {
        0..=3 => node.f(sender),
        4 => node.contract(),
        5 => node.addr("requester"),
        _ => node.addr("stranger"),
    };
    let before = dump(node);
    let result = execute(
        node.deps.as_mut(),
        node.env.clone(),
        message_info(&who, &[]),
        msg.clone(),
    );
    if let Err(e) = result {
        assert_eq!(dump(node), before, "{msg:?} failed ({e}) but wrote");
    }
}

const BODIES: [&str; 8] = [
    r#"{"update_roles":{"head":"x"}}"#,
    r#"{"run_passed":{"proposal_id":1}}"#,
    r#"{"execute":{"proposal_id":1}}"#,
    r#"{"panel_ruling":{"deal_id":7,"ruling":{"performed":{}}}}"#,
    r#"{"transfer":{"recipient":"x","amount":"1"}}"#,
    r#"{"a":{},"b":{}}"#,
    r#"{"upd\u0061te_roles":{}}"#,
    "not json",
];

fn hostile_msg(node: &Node) -> impl Strategy<Value = CosmosMsg> {
    let targets = [
        node.contract().to_string(),
        node.contract().to_string().to_uppercase(),
        node.addr("escrow").to_string(),
        node.addr("token").to_string(),
        "not an address".to_string(),
        String::new(),
    ];
    (0usize..6, 0usize..BODIES.len(), 0u8..5, 0u128..3).prop_map(move |(t, b, kind, funds)| {
        let contract_addr = targets[t].clone();
        let msg = Binary::from(BODIES[b].as_bytes());
        match kind {
            0 => WasmMsg::Execute {
                contract_addr,
                msg,
                funds: if funds == 0 {
                    vec![]
                } else {
                    coins(funds, "u")
                },
            }
            .into(),
            1 => WasmMsg::Migrate {
                contract_addr,
                new_code_id: 1,
                msg,
            }
            .into(),
            2 => CosmosMsg::Any(AnyMsg {
                type_url: "/cosmwasm.wasm.v1.MsgExecuteContract".into(),
                value: msg,
            }),
            3 => BankMsg::Send {
                to_address: contract_addr,
                amount: coins(funds + 1, "u"),
            }
            .into(),
            _ => WasmMsg::ClearAdmin { contract_addr }.into(),
        }
    })
}

fn hostile_execute(node: &Node) -> impl Strategy<Value = ExecuteMsg> {
    let body = prop_oneof![
        (0u64..5).prop_map(|council_id| Body::Council { council_id }),
        (0u64..3).prop_map(|panel_id| Body::Panel { panel_id }),
    ];
    prop_oneof![
        (
            prop::collection::vec(body, 0..3),
            prop::collection::vec(hostile_msg(node), 0..4)
        )
            .prop_map(|(chambers, msgs)| ExecuteMsg::Propose(ProposeMsg {
                chambers,
                title: "t".into(),
                topic: "housing".into(),
                description: String::new(),
                choices: ProposalChoices::YesNo {},
                msgs,
            })),
        (0u64..4).prop_map(|proposal_id| ExecuteMsg::Execute { proposal_id }),
        (0u64..4).prop_map(|proposal_id| ExecuteMsg::RunPassed { proposal_id }),
        (0u64..4).prop_map(|proposal_id| ExecuteMsg::Close { proposal_id }),
        (0u64..4).prop_map(|proposal_id| ExecuteMsg::Escalate { proposal_id }),
        (0u64..4, 0u32..3).prop_map(|(proposal_id, o)| ExecuteMsg::Vote {
            proposal_id,
            option: [VoteOption::Yes, VoteOption::No, VoteOption::Abstain][o as usize].clone(),
        }),
        (0u64..5, 0u32..30, prop::option::of(0u64..10)).prop_map(|(council_id, size, deal_id)| {
            ExecuteMsg::CommitDraw(CommitDrawMsg {
                council_id,
                size,
                max_per_subcouncil: None,
                purpose: "p".into(),
                deal_id,
            })
        }),
        (0u64..3, prop::collection::vec(any::<u8>(), 0..60)).prop_map(|(panel_id, sig)| {
            ExecuteMsg::RevealDraw {
                panel_id,
                signature: HexBinary::from(sig),
            }
        }),
        (0u64..5).prop_map(|council_id| ExecuteMsg::UpdateCharter {
            council_id,
            grants: Some(vec![Grant::Treasury {}]),
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Hostile messages hold every kind of `CosmosMsg`: the lean writer writes them (in proposal
    /// answers and the entry points' `Response`) as serde does.
    #[test]
    fn hostile_messages_are_written_as_serde_writes_them(msg in hostile_execute(&Node::new(4))) {
        dac_common::json::assert_written_as_serde_writes(&msg);
    }

    #[test]
    fn hostile_proposal_messages_never_panic_and_errors_write_nothing(
        steps in prop::collection::vec(
            (0usize..7, hostile_execute(&Node::new(4)), 0u64..1000),
            1..12,
        ),
    ) {
        let mut node = Node::new(4);
        node.env.block.time = super::sortition::commit_time();
        let council = node.contract();
        let by = node.env.block.time.plus_seconds(86_400);
        node.mock_escrow(council, vec![(7, "appealed", by)]);
        node.next_block();
        for (sender, msg, advance) in steps {
            check(&mut node, sender, msg);
            node.advance(advance);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let mut node = Node::new(2);
        if let Ok(msg) = from_json::<ExecuteMsg>(&bytes) {
            check(&mut node, 0, msg);
        }
    }
}
