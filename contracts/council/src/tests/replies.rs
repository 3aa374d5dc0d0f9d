//! `reply` answers only the sub-messages the council sent: any other id is an error that
//! writes nothing, never a silent `Ok`.

use cosmwasm_std::{Order, Record, Reply, Response, Storage, SubMsgResult};

use super::harness::*;
use crate::contract::reply;
use crate::msg::ProposalStatus;
use crate::reply_id::TaggedReplyId;
use crate::state::EXECUTING;
use crate::ContractError;

fn dump(node: &Node) -> Vec<Record> {
    node.deps
        .storage
        .range(None, None, Order::Ascending)
        .collect()
}

/// Delivers a failed sub-message result with `id`, as the chain would.
fn failed_reply(node: &mut Node, id: u64) -> Result<Response, ContractError> {
    reply(
        node.deps.as_mut(),
        node.env.clone(),
        Reply {
            id,
            payload: Default::default(),
            gas_used: 0,
            result: SubMsgResult::Err("out of gas".into()),
        }
        .into(),
    )
}

#[test]
fn a_reply_with_an_id_the_council_never_sends_is_refused_and_writes_nothing() {
    let mut node = Node::new(3);
    let token_sync = TaggedReplyId::TokenSync.encode().unwrap();
    for id in [0, 42, 3 << 56, u64::MAX, token_sync + 1] {
        let before = dump(&node);
        assert_eq!(
            failed_reply(&mut node, id),
            Err(ContractError::UnknownReplyId { id })
        );
        assert_eq!(dump(&node), before, "reply {id} wrote");
    }
}

#[test]
fn a_proposal_reply_when_that_proposal_is_not_running_is_refused() {
    let mut node = Node::new(3);
    let workers = vec![crate::msg::Body::Council {
        council_id: WORKERS,
    }];
    let id = node.propose(&node.f(0), workers, vec![]).unwrap();
    let raw = TaggedReplyId::ProposalExecution(id).encode().unwrap();

    // Nothing runs: the proposal is not marked as a failed execution.
    let before = dump(&node);
    assert_eq!(
        failed_reply(&mut node, raw),
        Err(ContractError::UnknownReplyId { id: raw })
    );
    assert_eq!(dump(&node), before);
    assert_eq!(node.proposal(id).status, ProposalStatus::Open);

    // Another proposal runs: its flag stays.
    EXECUTING
        .save(node.deps.as_mut().storage, &(id + 1))
        .unwrap();
    let before = dump(&node);
    assert_eq!(
        failed_reply(&mut node, raw),
        Err(ContractError::UnknownReplyId { id: raw })
    );
    assert_eq!(dump(&node), before);
}
