//! Finding 11: `Admit`, `Leave` and `EnforceExclusion` never revert because the token refuses
//! `update_members`; the refused sync is recorded and anyone retries it later.

use cosmwasm_std::{from_json, Addr, CosmosMsg, Reply, ReplyOn, Response, SubMsgResult, WasmMsg};

use super::harness::*;
use crate::contract::reply;
use crate::msg::*;
use crate::reply_id::TaggedReplyId;
use crate::ContractError;

/// The token refuses the sub-message of `res`, as a token whose membership authority moved
/// away does: the chain reverts the sub-message and calls `reply` with the error.
fn token_refuses(node: &mut Node, res: &Response) -> Response {
    let sync = res
        .messages
        .iter()
        .find(|m| m.id == TaggedReplyId::TokenSync.encode().unwrap())
        .expect("a token sync sub-message");
    assert_eq!(sync.reply_on, ReplyOn::Error, "failure is caught");
    reply(
        node.deps.as_mut(),
        node.env.clone(),
        Reply {
            id: sync.id,
            payload: sync.payload.clone(),
            gas_used: 0,
            result: SubMsgResult::Err("Unauthorized: not the membership authority".into()),
        }
        .into(),
    )
    .unwrap()
}

fn pending(node: &Node) -> Vec<PendingTokenSync> {
    let r: PendingTokenSyncsResponse = node.q(QueryMsg::PendingTokenSyncs {
        start_after: None,
        limit: None,
    });
    r.pending
}

fn update_of(msg: &CosmosMsg) -> demurrage_token::msg::ExecuteMsg {
    match msg {
        CosmosMsg::Wasm(WasmMsg::Execute { msg, .. }) => from_json(msg).unwrap(),
        other => panic!("unexpected {other:?}"),
    }
}

fn sync(node: &mut Node, member: &Addr) -> Result<Response, ContractError> {
    let anyone = node.addr("anyone");
    node.exec(
        &anyone,
        ExecuteMsg::SyncToken {
            member: member.to_string(),
        },
    )
}

#[test]
fn leaving_works_when_the_token_refuses_and_anyone_retries() {
    let mut node = Node::new(3);
    let f1 = node.f(1);
    let res = node.ok(&f1, ExecuteMsg::Leave {});
    let failed = token_refuses(&mut node, &res);
    assert!(failed
        .attributes
        .iter()
        .any(|a| a.key == "token_updated" && a.value == "false"));
    assert_eq!(
        pending(&node),
        vec![PendingTokenSync {
            member: f1.clone(),
            is_member: false
        }]
    );
    // Retried as a plain message: the token's refusal would revert the retry, not the leave.
    let retry = sync(&mut node, &f1).unwrap();
    assert!(retry.messages.iter().all(|m| m.reply_on == ReplyOn::Never));
    assert_eq!(
        update_of(&retry.messages[0].msg),
        demurrage_token::msg::ExecuteMsg::UpdateMembers {
            add: vec![],
            remove: vec![f1.to_string()]
        }
    );
    assert!(pending(&node).is_empty());
    assert_eq!(
        sync(&mut node, &f1).unwrap_err(),
        ContractError::NoPendingSync(f1.to_string())
    );
}

#[test]
fn an_admission_stands_and_the_retry_sends_the_membership_as_it_is_now() {
    let mut node = Node::new(3);
    let alice = node.addr("alice");
    node.ok(
        &alice,
        ExecuteMsg::Apply {
            statement: String::new(),
            councils: vec![],
        },
    );
    let res = node.ok(
        &node.addr("gatekeeper"),
        ExecuteMsg::Admit {
            applicant: alice.to_string(),
        },
    );
    token_refuses(&mut node, &res);
    assert_eq!(
        pending(&node),
        vec![PendingTokenSync {
            member: alice.clone(),
            is_member: true
        }]
    );
    let retry = sync(&mut node, &alice).unwrap();
    assert_eq!(
        update_of(&retry.messages[0].msg),
        demurrage_token::msg::ExecuteMsg::UpdateMembers {
            add: vec![alice.to_string()],
            remove: vec![]
        }
    );
    // A later change supersedes a pending one (one entry per member, bounded).
    let res = node.ok(&alice, ExecuteMsg::Leave {});
    token_refuses(&mut node, &res);
    let res = node.ok(&node.f(2), ExecuteMsg::Leave {});
    token_refuses(&mut node, &res);
    assert_eq!(pending(&node).len(), 2);
    let first: PendingTokenSyncsResponse = node.q(QueryMsg::PendingTokenSyncs {
        start_after: None,
        limit: Some(1),
    });
    let rest: PendingTokenSyncsResponse = node.q(QueryMsg::PendingTokenSyncs {
        start_after: Some(first.pending[0].member.to_string()),
        limit: None,
    });
    assert_eq!(rest.pending.len(), 1);
}

#[test]
fn an_exclusion_stands_when_the_token_refuses() {
    let mut node = Node::new(3);
    let (monitor, head, f2) = (node.addr("monitor"), node.addr("head"), node.f(2));
    for report_id in 1..=3 {
        node.ok(
            &monitor,
            ExecuteMsg::Report {
                member: f2.to_string(),
                description: "x".into(),
            },
        );
        node.ok(&head, ExecuteMsg::Sanction { report_id });
    }
    node.advance(501);
    let res = node.ok(
        &node.f(0),
        ExecuteMsg::EnforceExclusion {
            member: f2.to_string(),
        },
    );
    token_refuses(&mut node, &res);
    let standing: StandingResponse = node.q(QueryMsg::Standing {
        member: f2.to_string(),
    });
    assert!(standing.excluded && !standing.is_member);
    assert_eq!(
        pending(&node),
        vec![PendingTokenSync {
            member: f2,
            is_member: false
        }]
    );
}

#[test]
fn a_forged_reply_payload_is_refused() {
    let mut node = Node::new(3);
    let err = reply(
        node.deps.as_mut(),
        node.env.clone(),
        Reply {
            id: TaggedReplyId::TokenSync.encode().unwrap(),
            payload: cosmwasm_std::Binary::from(vec![0xff, 0xfe]),
            gas_used: 0,
            result: SubMsgResult::Err("x".into()),
        }
        .into(),
    );
    assert!(err.is_err());
    assert!(pending(&node).is_empty());
}
