//! Moving to another node, as the council sees it: the relay records a departure (membership,
//! roles, delegations both ways and basic income end; the record the relay sends comes from here)
//! and an arrival (kept once per node and newcomer, shown to gatekeepers with the application).

use cosmwasm_std::{CosmosMsg, ReplyOn, WasmMsg};

use super::harness::*;
use crate::msg::*;
use crate::state::{CONFIG, MAX_RELEASED_PER_CALL};
use crate::ContractError;

fn with_relay(node: &mut Node) -> cosmwasm_std::Addr {
    let relay = node.addr("relay");
    let mut config = CONFIG.load(&node.deps.storage).unwrap();
    config.relay = Some(relay.clone());
    CONFIG.save(&mut node.deps.storage, &config).unwrap();
    relay
}

fn delegate(node: &mut Node, from: usize, to: usize, topic: &str) {
    let (from, to) = (node.f(from), node.f(to));
    node.ok(
        &from,
        ExecuteMsg::Delegate {
            council_id: WORKERS,
            topic: topic.into(),
            delegate: to.to_string(),
        },
    );
}

fn delegation(node: &Node, member: usize, topic: &str) -> DelegationResponse {
    node.q(QueryMsg::Delegation {
        council_id: WORKERS,
        topic: topic.into(),
        member: node.f(member).to_string(),
    })
}

fn depart(node: &mut Node, relay: &cosmwasm_std::Addr, member: usize) -> cosmwasm_std::Response {
    let member = node.f(member).to_string();
    node.ok(
        relay,
        ExecuteMsg::RecordDeparture {
            member,
            household_stays: false,
            housing_registry: Some(node.addr("housing").to_string()),
        },
    )
}

fn attr<'a>(res: &'a cosmwasm_std::Response, key: &str) -> &'a str {
    &res.attributes.iter().find(|a| a.key == key).unwrap().value
}

#[test]
fn the_departure_record_comes_from_the_council_and_a_non_member_has_none() {
    let mut node = Node::new(3);
    let record: DepartureRecord = node.q(QueryMsg::DepartureRecord {
        member: node.f(1).to_string(),
    });
    assert_eq!(record.member, node.f(1).to_string());
    // A founder since instantiation, a few blocks ago.
    assert!(record.member_since.is_some_and(|t| t < node.env.block.time));
    assert_eq!(record.sanction_level, 0);
    assert_eq!(record.exclusion_due, None);
    let stranger = node.addr("stranger").to_string();
    let err = crate::contract::query(
        node.deps.as_ref(),
        node.env.clone(),
        QueryMsg::DepartureRecord { member: stranger },
    )
    .unwrap_err();
    assert!(err.to_string().contains("is not a member"), "{err}");
    node.next_block();
}

#[test]
fn a_departure_ends_membership_delegations_both_ways_and_tells_token_and_registry() {
    let mut node = Node::new(4);
    let relay = with_relay(&mut node);
    delegate(&mut node, 2, 1, "housing"); // to the mover
    delegate(&mut node, 3, 2, "housing"); // through the giver, to the mover
    delegate(&mut node, 1, 0, "budget"); // from the mover
    assert_eq!(delegation(&node, 1, "housing").delegated_to_member, 2);
    node.next_block();

    let res = depart(&mut node, &relay, 1);
    assert_eq!(attr(&res, "delegations_released"), "1");
    assert_eq!(attr(&res, "more_to_release"), "false");
    let member: cw4::MemberResponse = node.q(QueryMsg::Member {
        addr: node.f(1).to_string(),
        at_height: None,
    });
    assert_eq!(member.weight, None);
    // The giver's chain now ends with the giver, who carries the member below them.
    assert_eq!(delegation(&node, 2, "housing").delegate, None);
    assert_eq!(delegation(&node, 2, "housing").delegated_to_member, 1);
    assert_eq!(delegation(&node, 1, "housing").delegated_to_member, 0);
    assert_eq!(delegation(&node, 1, "budget").delegate, None);
    assert_eq!(delegation(&node, 0, "budget").delegated_to_member, 0);

    // Plain messages (a refusal fails the move): the token, then the registry.
    let registry = node.addr("housing").to_string();
    let sent: Vec<(bool, String)> = res
        .messages
        .iter()
        .map(|m| match &m.msg {
            CosmosMsg::Wasm(WasmMsg::Execute {
                contract_addr, msg, ..
            }) => {
                assert_eq!(m.reply_on, ReplyOn::Never);
                (
                    *contract_addr == registry,
                    String::from_utf8(msg.to_vec()).unwrap(),
                )
            }
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    let f1 = node.f(1);
    assert_eq!(
        sent,
        [
            (
                false,
                format!(r#"{{"update_members":{{"add":[],"remove":["{f1}"]}}}}"#)
            ),
            (
                true,
                format!(r#"{{"member_moved":{{"holder":"{f1}","household_stays":false}}}}"#)
            ),
        ]
    );

    // Gone is gone: no second departure, no vote.
    let err = node
        .exec(
            &relay,
            ExecuteMsg::RecordDeparture {
                member: node.f(1).to_string(),
                household_stays: false,
                housing_registry: None,
            },
        )
        .unwrap_err();
    assert_eq!(err, ContractError::NotMember(node.f(1).to_string()));
}

#[test]
fn delegations_to_a_departed_member_are_released_in_bounded_steps_by_anyone() {
    // More givers than one departure releases.
    let givers = MAX_RELEASED_PER_CALL as usize + 2;
    let mut node = Node::new(givers + 2);
    let relay = with_relay(&mut node);
    for giver in 2..givers + 2 {
        delegate(&mut node, giver, 1, "housing");
    }
    node.next_block();
    let res = depart(&mut node, &relay, 1);
    assert_eq!(
        attr(&res, "delegations_released"),
        MAX_RELEASED_PER_CALL.to_string()
    );
    assert_eq!(attr(&res, "more_to_release"), "true");
    assert_eq!(delegation(&node, 1, "housing").delegated_to_member, 2);

    let anyone = node.addr("anyone");
    let departed = node.f(1).to_string();
    let release = |limit| ExecuteMsg::ReleaseDelegations {
        member: departed.clone(),
        limit,
    };
    let res = node.ok(&anyone, release(Some(1)));
    assert_eq!(attr(&res, "more_to_release"), "true");
    let res = node.ok(&anyone, release(Some(1)));
    assert_eq!(attr(&res, "more_to_release"), "false");
    assert_eq!(delegation(&node, 1, "housing").delegated_to_member, 0);
    assert_eq!(
        node.exec(&anyone, release(None)).unwrap_err(),
        ContractError::NoDelegation
    );
    // A member's delegations are theirs to keep.
    let member = node.f(0).to_string();
    assert_eq!(
        node.exec(
            &anyone,
            ExecuteMsg::ReleaseDelegations {
                member: member.clone(),
                limit: None
            }
        )
        .unwrap_err(),
        ContractError::StillMember(member)
    );
}

#[test]
fn an_arrival_is_kept_once_per_node_and_shown_with_the_application() {
    let mut node = Node::new(3);
    let relay = with_relay(&mut node);
    let newcomer = node.addr("newcomer");
    let record = DepartureRecord {
        member: "beta1mover".into(),
        member_since: Some(node.env.block.time.minus_seconds(86_400 * 400)),
        left_at: node.env.block.time,
        sanction_level: 1,
        exclusion_due: None,
    };
    let arrive = |node: &str, record: &DepartureRecord| ExecuteMsg::RecordArrival {
        newcomer: newcomer.to_string(),
        node: node.into(),
        record: record.clone(),
    };
    // Only the relay: a member cannot plant a record for a friend.
    let err = node.exec(&node.f(0), arrive("dac-2", &record)).unwrap_err();
    assert!(matches!(err, ContractError::Unauthorized(_)));
    node.ok(&relay, arrive("dac-2", &record));
    // A second record from the same node, even a kinder one, overwrites nothing.
    let kinder = DepartureRecord {
        sanction_level: 0,
        ..record.clone()
    };
    assert_eq!(
        node.exec(&relay, arrive("dac-2", &kinder)).unwrap_err(),
        ContractError::ArrivalRecorded {
            newcomer: newcomer.to_string(),
            node: "dac-2".into()
        }
    );
    node.ok(
        &newcomer,
        ExecuteMsg::Apply {
            statement: "moving in".into(),
            councils: vec![],
        },
    );
    let listed: ListApplicationsResponse = node.q(QueryMsg::ListApplications {
        start_after: None,
        limit: None,
    });
    let arrivals = &listed.applications[0].arrivals;
    assert_eq!(arrivals.len(), 1);
    assert_eq!(arrivals[0].node, "dac-2");
    assert_eq!(arrivals[0].record, record);
    let all: ArrivalsResponse = node.q(QueryMsg::Arrivals {
        applicant: newcomer.to_string(),
        start_after: None,
        limit: None,
    });
    assert_eq!(all.arrivals, *arrivals);
}
