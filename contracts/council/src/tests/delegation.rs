use super::harness::*;
use crate::msg::*;
use crate::ContractError;

fn delegate(
    node: &mut Node,
    from: usize,
    to: usize,
) -> Result<cosmwasm_std::Response, ContractError> {
    let (from, to) = (node.f(from), node.f(to));
    node.exec(
        &from,
        ExecuteMsg::Delegate {
            council_id: WORKERS,
            topic: "housing".into(),
            delegate: to.to_string(),
        },
    )
}

fn workers() -> Vec<Body> {
    vec![Body::Council {
        council_id: WORKERS,
    }]
}

#[test]
fn delegation_is_transitive_and_a_direct_vote_overrides_it() {
    let mut node = Node::new(6);
    delegate(&mut node, 1, 2).unwrap();
    delegate(&mut node, 2, 3).unwrap();
    delegate(&mut node, 4, 3).unwrap();
    node.next_block();
    let id = node.propose(&node.f(0), workers(), vec![]).unwrap();
    let res = node.vote(&node.f(3), id, VoteOption::Yes).unwrap();
    assert!(res
        .attributes
        .iter()
        .any(|a| a.key == "weight" && a.value == "4"));
    assert_eq!(node.proposal(id).chambers[0].tally, vec![4, 0, 0]);
    // f2 votes itself: it takes back its own will and f1's, which flowed through it.
    node.vote(&node.f(2), id, VoteOption::No).unwrap();
    assert_eq!(node.proposal(id).chambers[0].tally, vec![2, 2, 0]);
    // f1 votes too: only its own will moves.
    node.vote(&node.f(1), id, VoteOption::Abstain).unwrap();
    assert_eq!(node.proposal(id).chambers[0].tally, vec![2, 1, 1]);
    let ballot: VoteResponse = node.q(QueryMsg::Vote {
        proposal_id: id,
        chamber: None,
        voter: node.f(3).to_string(),
    });
    assert_eq!(ballot.ballot.unwrap().weight, 2);
}

#[test]
fn delegator_voting_first_is_not_counted_again_by_the_delegate() {
    let mut node = Node::new(4);
    delegate(&mut node, 1, 2).unwrap();
    delegate(&mut node, 2, 3).unwrap();
    node.next_block();
    let id = node.propose(&node.f(0), workers(), vec![]).unwrap();
    node.vote(&node.f(1), id, VoteOption::No).unwrap();
    node.vote(&node.f(3), id, VoteOption::Yes).unwrap();
    assert_eq!(node.proposal(id).chambers[0].tally, vec![2, 1, 0]);
}

#[test]
fn cycles_are_refused() {
    let mut node = Node::new(4);
    delegate(&mut node, 1, 2).unwrap();
    delegate(&mut node, 2, 3).unwrap();
    assert_eq!(
        delegate(&mut node, 3, 1),
        Err(ContractError::DelegationCycle)
    );
    assert_eq!(
        delegate(&mut node, 1, 1),
        Err(ContractError::DelegationCycle)
    );
}

#[test]
fn depth_is_bounded_including_the_subtree_below() {
    let mut node = Node::new(7);
    // max depth 3: f1 -> f2 -> f3 -> f4 is three edges.
    delegate(&mut node, 1, 2).unwrap();
    delegate(&mut node, 2, 3).unwrap();
    delegate(&mut node, 3, 4).unwrap();
    assert_eq!(
        delegate(&mut node, 4, 5),
        Err(ContractError::DelegationTooDeep { max: 3 })
    );
    // f5 -> f6 is one edge deep below f6: f6 may join f3 (1 + 1 + 1 edges) but not f2 (1 + 1 + 2).
    delegate(&mut node, 5, 6).unwrap();
    assert_eq!(
        delegate(&mut node, 6, 2),
        Err(ContractError::DelegationTooDeep { max: 3 })
    );
    delegate(&mut node, 6, 3).unwrap();
    let d: DelegationResponse = node.q(QueryMsg::Delegation {
        council_id: WORKERS,
        topic: "housing".into(),
        member: node.f(4).to_string(),
    });
    assert_eq!(
        (d.delegate, d.delegated_to_member, d.depth_below),
        (None, 5, 3)
    );
}

#[test]
fn delegation_is_per_topic_and_frozen_at_creation() {
    let mut node = Node::new(4);
    delegate(&mut node, 1, 2).unwrap();
    node.next_block();
    let housing = node.propose(&node.f(0), workers(), vec![]).unwrap();
    // A delegation made after creation does not count on it.
    delegate(&mut node, 3, 2).unwrap();
    node.next_block();
    node.vote(&node.f(2), housing, VoteOption::Yes).unwrap();
    assert_eq!(node.proposal(housing).chambers[0].tally, vec![2, 0, 0]);

    let res = node.ok(
        &node.f(0),
        ExecuteMsg::Propose(ProposeMsg {
            chambers: workers(),
            title: "parks".into(),
            topic: "parks".into(),
            description: String::new(),
            choices: ProposalChoices::YesNo {},
            msgs: vec![],
        }),
    );
    let parks: u64 = cosmwasm_std::from_json(res.data.unwrap()).unwrap();
    node.vote(&node.f(2), parks, VoteOption::Yes).unwrap();
    assert_eq!(node.proposal(parks).chambers[0].tally, vec![1, 0, 0]);
}

#[test]
fn redelegating_and_undelegating_move_the_whole_subtree() {
    let mut node = Node::new(5);
    delegate(&mut node, 1, 2).unwrap();
    delegate(&mut node, 2, 3).unwrap();
    delegate(&mut node, 2, 4).unwrap();
    let q = |node: &Node, i: usize| -> u64 {
        let d: DelegationResponse = node.q(QueryMsg::Delegation {
            council_id: WORKERS,
            topic: "housing".into(),
            member: node.f(i).to_string(),
        });
        d.delegated_to_member
    };
    assert_eq!((q(&node, 3), q(&node, 4)), (0, 2));
    node.ok(
        &node.f(2),
        ExecuteMsg::Undelegate {
            council_id: WORKERS,
            topic: "housing".into(),
        },
    );
    assert_eq!((q(&node, 2), q(&node, 4)), (1, 0));
    let before = node.fingerprint();
    assert_eq!(
        node.exec(
            &node.f(2),
            ExecuteMsg::Undelegate {
                council_id: WORKERS,
                topic: "housing".into()
            }
        ),
        Err(ContractError::NoDelegation)
    );
    assert_eq!(node.fingerprint(), before);
}

#[test]
fn delegating_outside_the_council_is_refused_and_changes_nothing() {
    let mut node = Node::new(3);
    let stranger = node.addr("stranger");
    let before = node.fingerprint();
    assert!(node
        .exec(
            &stranger,
            ExecuteMsg::Delegate {
                council_id: WORKERS,
                topic: "housing".into(),
                delegate: node.f(1).to_string()
            }
        )
        .is_err());
    assert!(node
        .exec(
            &node.f(1),
            ExecuteMsg::Delegate {
                council_id: WORKERS,
                topic: "housing".into(),
                delegate: stranger.to_string()
            }
        )
        .is_err());
    assert!(node
        .exec(
            &node.f(1),
            ExecuteMsg::Delegate {
                council_id: WORKERS,
                topic: "Bad Topic".into(),
                delegate: node.f(2).to_string()
            }
        )
        .is_err());
    assert_eq!(node.fingerprint(), before);
}

#[test]
fn leaving_ends_given_delegations_and_strands_received_ones() {
    let mut node = Node::new(4);
    delegate(&mut node, 1, 2).unwrap();
    delegate(&mut node, 2, 3).unwrap();
    node.ok(&node.f(2), ExecuteMsg::Leave {});
    node.next_block();
    let id = node.propose(&node.f(0), workers(), vec![]).unwrap();
    node.vote(&node.f(3), id, VoteOption::Yes).unwrap();
    // f2's will left with f2; f1's chain ends at f2, who cannot vote: f1 must vote itself.
    assert_eq!(node.proposal(id).chambers[0].tally, vec![1, 0, 0]);
    node.vote(&node.f(1), id, VoteOption::Yes).unwrap();
    assert_eq!(node.proposal(id).chambers[0].tally, vec![2, 0, 0]);
}

fn delegate_topic(node: &mut Node, from: usize, topic: &str, to: usize) {
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

/// (giver index, topics) as `list_delegators` answers them for `delegate`.
fn delegators(
    node: &Node,
    delegate: usize,
    start_after: Option<(u64, String)>,
    limit: Option<u32>,
) -> Vec<(String, Vec<String>)> {
    let res: ListDelegatorsResponse = node.q(QueryMsg::ListDelegators {
        delegate: node.f(delegate).to_string(),
        start_after,
        limit,
    });
    res.delegators
        .into_iter()
        .map(|d| {
            assert_eq!(d.council_id, WORKERS);
            let who = (0..8).find(|i| node.f(*i) == d.delegator).unwrap();
            (format!("f{who}"), d.topics)
        })
        .collect()
}

fn sorted(mut v: Vec<(String, Vec<String>)>) -> Vec<(String, Vec<String>)> {
    v.sort();
    v
}

#[test]
fn delegators_list_follows_delegate_redelegate_undelegate_and_leave() {
    let mut node = Node::new(6);
    delegate_topic(&mut node, 1, "housing", 3);
    delegate_topic(&mut node, 1, "budget", 3);
    delegate_topic(&mut node, 2, "housing", 3);
    let s = |v: &[&str]| v.iter().map(|t| t.to_string()).collect::<Vec<_>>();
    assert_eq!(
        sorted(delegators(&node, 3, None, None)),
        vec![
            ("f1".into(), s(&["housing", "budget"])),
            ("f2".into(), s(&["housing"])),
        ]
    );
    // f2 turns to f4: it leaves f3's list and enters f4's.
    delegate_topic(&mut node, 2, "housing", 4);
    assert_eq!(
        delegators(&node, 4, None, None),
        vec![("f2".into(), s(&["housing"]))]
    );
    // f1 takes back one topic: the other stays.
    node.ok(
        &node.f(1),
        ExecuteMsg::Undelegate {
            council_id: WORKERS,
            topic: "budget".into(),
        },
    );
    assert_eq!(
        delegators(&node, 3, None, None),
        vec![("f1".into(), s(&["housing"]))]
    );
    // Leaving ends what the leaver gave.
    node.ok(&node.f(1), ExecuteMsg::Leave {});
    assert!(delegators(&node, 3, None, None).is_empty());
    assert!(delegators(&node, 4, None, Some(0)).is_empty());
}

#[test]
fn delegators_list_pages_after_the_last_giver_and_caps_the_page() {
    let mut node = Node::new(40);
    for giver in 1..36 {
        delegate_topic(&mut node, giver, "housing", 0);
    }
    let first: ListDelegatorsResponse = node.q(QueryMsg::ListDelegators {
        delegate: node.f(0).to_string(),
        start_after: None,
        limit: Some(1000),
    });
    assert_eq!(first.delegators.len(), 30);
    let last = first.delegators.last().unwrap();
    let rest: ListDelegatorsResponse = node.q(QueryMsg::ListDelegators {
        delegate: node.f(0).to_string(),
        start_after: Some((last.council_id, last.delegator.to_string())),
        limit: None,
    });
    assert_eq!(rest.delegators.len(), 5);
    assert!(rest
        .delegators
        .iter()
        .all(|d| first.delegators.iter().all(|f| f.delegator != d.delegator)));
}

#[test]
fn a_delegation_given_before_the_index_shows_once_its_giver_delegates_again() {
    let mut node = Node::new(4);
    delegate_topic(&mut node, 1, "housing", 2);
    // As a v0.1.0 contract left it: the delegation without its index entry.
    let (giver, delegate) = (node.f(1), node.f(2));
    crate::state::INCOMING.remove(&mut node.deps.storage, (&delegate, WORKERS, &giver));
    assert!(delegators(&node, 2, None, None).is_empty());
    delegate_topic(&mut node, 1, "housing", 2);
    assert_eq!(
        delegators(&node, 2, None, None),
        vec![("f1".into(), vec!["housing".to_string()])]
    );
}
