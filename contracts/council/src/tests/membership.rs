use cosmwasm_std::{from_json, CosmosMsg, WasmMsg};
use cw4::{MemberListResponse, MemberResponse, TotalWeightResponse};

use super::harness::*;
use crate::msg::*;
use crate::ContractError;

fn token_members_msg(msg: &CosmosMsg) -> demurrage_token::msg::ExecuteMsg {
    match msg {
        CosmosMsg::Wasm(WasmMsg::Execute { msg, .. }) => from_json(msg).unwrap(),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn gatekeeper_admits_applicant_into_node_councils_and_token() {
    let mut node = Node::new(3);
    let alice = node.addr("alice");
    let gatekeeper = node.addr("gatekeeper");
    node.ok(
        &alice,
        ExecuteMsg::Apply {
            statement: "hi".into(),
            councils: vec![WORKPLACE],
        },
    );
    let res = node.ok(
        &gatekeeper,
        ExecuteMsg::Admit {
            applicant: alice.to_string(),
        },
    );
    assert_eq!(
        token_members_msg(&res.messages[0].msg),
        demurrage_token::msg::ExecuteMsg::UpdateMembers {
            add: vec![alice.to_string()],
            remove: vec![]
        }
    );
    let m: MemberResponse = node.q(QueryMsg::Member {
        addr: alice.to_string(),
        at_height: None,
    });
    assert_eq!(m.weight, Some(1));
    let seat: CouncilMemberResponse = node.q(QueryMsg::CouncilMember {
        council_id: WORKPLACE,
        addr: alice.to_string(),
        at_height: None,
    });
    assert_eq!(seat.seat, Some(Seat::Direct));
    let total: TotalWeightResponse = node.q(QueryMsg::TotalWeight { at_height: None });
    assert_eq!(total.weight, 4 + OFFICERS);
}

#[test]
fn refused_applicant_stays_out_and_cannot_be_admitted_later() {
    let mut node = Node::new(2);
    let bob = node.addr("bob");
    let gatekeeper = node.addr("gatekeeper");
    node.ok(
        &bob,
        ExecuteMsg::Apply {
            statement: String::new(),
            councils: vec![],
        },
    );
    node.ok(
        &gatekeeper,
        ExecuteMsg::Refuse {
            applicant: bob.to_string(),
            reason: "no".into(),
        },
    );
    assert_eq!(
        node.exec(
            &gatekeeper,
            ExecuteMsg::Admit {
                applicant: bob.to_string()
            }
        ),
        Err(ContractError::NoApplication(bob.to_string()))
    );
}

#[test]
fn leaving_ends_membership_seats_and_basic_income() {
    let mut node = Node::new(3);
    let f1 = node.f(1);
    let height_before = node.env.block.height;
    let res = node.ok(&f1, ExecuteMsg::Leave {});
    assert_eq!(
        token_members_msg(&res.messages[0].msg),
        demurrage_token::msg::ExecuteMsg::UpdateMembers {
            add: vec![],
            remove: vec![f1.to_string()]
        }
    );
    node.next_block();
    let m: MemberResponse = node.q(QueryMsg::Member {
        addr: f1.to_string(),
        at_height: None,
    });
    assert_eq!(m.weight, None);
    // Heights before the leave still see the member (snapshots for open proposals).
    let then: MemberResponse = node.q(QueryMsg::Member {
        addr: f1.to_string(),
        at_height: Some(height_before),
    });
    assert_eq!(then.weight, Some(1));
    let council: CouncilResponse = node.q(QueryMsg::Council {
        council_id: WORKERS,
    });
    assert_eq!(council.size, 2);
    assert_eq!(
        node.exec(&f1, ExecuteMsg::Leave {}),
        Err(ContractError::NotMember(f1.to_string()))
    );
}

#[test]
fn cw4_list_members_paginates() {
    let node = Node::new(5);
    let first: MemberListResponse = node.q(QueryMsg::ListMembers {
        start_after: None,
        limit: Some(2),
    });
    assert_eq!(first.members.len(), 2);
    let rest: MemberListResponse = node.q(QueryMsg::ListMembers {
        start_after: Some(first.members[1].addr.clone()),
        limit: None,
    });
    assert_eq!(rest.members.len() as u64, 3 + OFFICERS);
    assert!(rest.members.iter().all(|m| m.weight == 1));
    // The same JSON as cw4::Cw4QueryMsg.
    let raw =
        cosmwasm_std::to_json_binary(&cw4::Cw4QueryMsg::TotalWeight { at_height: None }).unwrap();
    let parsed: QueryMsg = from_json(raw).unwrap();
    assert_eq!(parsed, QueryMsg::TotalWeight { at_height: None });
}

#[test]
fn gatekeeper_only_messages_refuse_others_and_change_nothing() {
    let mut node = Node::new(3);
    let carol = node.addr("carol");
    node.ok(
        &carol,
        ExecuteMsg::Apply {
            statement: String::new(),
            councils: vec![],
        },
    );
    let before = node.fingerprint();
    let f0 = node.f(0);
    for msg in [
        ExecuteMsg::Admit {
            applicant: carol.to_string(),
        },
        ExecuteMsg::Refuse {
            applicant: carol.to_string(),
            reason: String::new(),
        },
        ExecuteMsg::AssignCouncil {
            member: node.f(1).to_string(),
            council_id: WORKPLACE,
        },
    ] {
        assert!(matches!(
            node.exec(&f0, msg),
            Err(ContractError::Unauthorized(_))
        ));
    }
    // Leaving a council one does not sit in, or the node one is not in.
    assert!(node
        .exec(
            &carol,
            ExecuteMsg::LeaveCouncil {
                council_id: WORKERS
            }
        )
        .is_err());
    assert!(node.exec(&carol, ExecuteMsg::Leave {}).is_err());
    // Members cannot apply again.
    assert!(node
        .exec(
            &f0,
            ExecuteMsg::Apply {
                statement: String::new(),
                councils: vec![]
            }
        )
        .is_err());
    assert_eq!(node.fingerprint(), before);
}

#[test]
fn assign_and_leave_council_keep_roster_dense() {
    let mut node = Node::new(4);
    let gatekeeper = node.addr("gatekeeper");
    for i in 0..4 {
        node.ok(
            &gatekeeper,
            ExecuteMsg::AssignCouncil {
                member: node.f(i).to_string(),
                council_id: WORKPLACE,
            },
        );
    }
    node.ok(
        &node.f(1),
        ExecuteMsg::LeaveCouncil {
            council_id: WORKPLACE,
        },
    );
    let list: ListCouncilMembersResponse = node.q(QueryMsg::ListCouncilMembers {
        council_id: WORKPLACE,
        start_after: None,
        limit: None,
    });
    assert_eq!(list.members.len(), 3);
    for position in 0..3u64 {
        let who = crate::state::ROSTER
            .load(&node.deps.storage, (WORKPLACE, position))
            .unwrap();
        assert!(list.members.iter().any(|m| m.addr == who));
    }
}
