//! Property: over random joins, leaves, delegations and votes, every member's will is counted
//! at most once and every tally equals a from-scratch recount of an independent model.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;

use super::harness::*;
use crate::msg::*;

const PEOPLE: usize = 8;
const FOUNDERS: usize = 5;
const MAX_DEPTH: usize = 3;

#[derive(Debug, Clone)]
enum Op {
    Join(usize),
    Leave(usize),
    Delegate(usize, usize),
    Undelegate(usize),
    Propose,
    Vote(usize, usize, u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        1 => (0..PEOPLE).prop_map(Op::Join),
        1 => (0..PEOPLE).prop_map(Op::Leave),
        4 => (0..PEOPLE, 0..PEOPLE).prop_map(|(a, b)| Op::Delegate(a, b)),
        1 => (0..PEOPLE).prop_map(Op::Undelegate),
        1 => Just(Op::Propose),
        5 => (0..4usize, 0..PEOPLE, 0..3u8).prop_map(|(p, v, o)| Op::Vote(p, v, o)),
    ]
}

struct ModelProposal {
    id: u64,
    electorate: BTreeSet<usize>,
    edges: BTreeMap<usize, usize>,
    votes: BTreeMap<usize, u8>,
}

fn chain_ok(edges: &BTreeMap<usize, usize>) -> bool {
    edges.keys().all(|start| {
        let mut current = *start;
        let mut steps = 0;
        while let Some(next) = edges.get(&current) {
            steps += 1;
            if steps > MAX_DEPTH || *next == *start {
                return false;
            }
            current = *next;
        }
        true
    })
}

fn recount(p: &ModelProposal) -> Vec<u64> {
    let mut tally = vec![0u64; 3];
    for member in &p.electorate {
        let mut current = *member;
        loop {
            if let Some(option) = p.votes.get(&current) {
                tally[*option as usize] += 1;
                break;
            }
            match p.edges.get(&current) {
                Some(next) => current = *next,
                None => break,
            }
        }
    }
    tally
}

fn option(o: u8) -> VoteOption {
    match o {
        0 => VoteOption::Yes,
        1 => VoteOption::No,
        _ => VoteOption::Abstain,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn tallies_equal_a_recount_and_nobody_counts_twice(ops in proptest::collection::vec(op(), 1..60)) {
        let mut node = Node::new(FOUNDERS);
        // This property is about tallies: one member may propose every step (no open-proposal cap).
        crate::state::CONFIG
            .update(&mut node.deps.storage, |mut c| -> Result<_, crate::ContractError> {
                c.limits.max_open_proposals_per_member = u32::MAX;
                Ok(c)
            })
            .unwrap();
        let gatekeeper = node.addr("gatekeeper");
        let person = |node: &Node, i: usize| node.addr(&format!("f{i}"));
        let mut members: BTreeSet<usize> = (0..FOUNDERS).collect();
        let mut edges: BTreeMap<usize, usize> = BTreeMap::new();
        let mut proposals: Vec<ModelProposal> = vec![];

        for op in ops {
            node.next_block();
            match op {
                Op::Join(i) => {
                    let who = person(&node, i);
                    let applied = node.exec(&who, ExecuteMsg::Apply { statement: String::new(), councils: vec![WORKERS] });
                    prop_assert_eq!(applied.is_ok(), !members.contains(&i));
                    if applied.is_ok() {
                        node.ok(&gatekeeper, ExecuteMsg::Admit { applicant: who.to_string() });
                        members.insert(i);
                    }
                }
                Op::Leave(i) => {
                    let who = person(&node, i);
                    let left = node.exec(&who, ExecuteMsg::Leave {});
                    prop_assert_eq!(left.is_ok(), members.contains(&i));
                    members.remove(&i);
                    edges.remove(&i);
                }
                Op::Delegate(a, b) => {
                    let (from, to) = (person(&node, a), person(&node, b));
                    let mut tentative = edges.clone();
                    tentative.insert(a, b);
                    let expected = members.contains(&a) && members.contains(&b) && a != b && chain_ok(&tentative);
                    let result = node.exec(&from, ExecuteMsg::Delegate { council_id: WORKERS, topic: "housing".into(), delegate: to.to_string() });
                    prop_assert_eq!(result.is_ok(), expected, "{:?}", result);
                    if expected {
                        edges = tentative;
                    }
                }
                Op::Undelegate(a) => {
                    let who = person(&node, a);
                    let result = node.exec(&who, ExecuteMsg::Undelegate { council_id: WORKERS, topic: "housing".into() });
                    prop_assert_eq!(result.is_ok(), edges.remove(&a).is_some());
                }
                Op::Propose => {
                    let Some(proposer) = members.iter().next().copied() else { continue };
                    let id = node.propose(&person(&node, proposer), vec![Body::Council { council_id: WORKERS }], vec![]).unwrap();
                    proposals.push(ModelProposal { id, electorate: members.clone(), edges: edges.clone(), votes: BTreeMap::new() });
                }
                Op::Vote(p, v, o) => {
                    let Some(model) = proposals.get_mut(p) else { continue };
                    let who = person(&node, v);
                    let eligible = model.electorate.contains(&v) && members.contains(&v) && !model.votes.contains_key(&v);
                    let result = node.vote(&who, model.id, option(o));
                    prop_assert_eq!(result.is_ok(), eligible, "{:?}", result);
                    if eligible {
                        model.votes.insert(v, o);
                    }
                }
            }
            for model in &proposals {
                let p = node.proposal(model.id);
                let tally = &p.chambers[0].tally;
                prop_assert_eq!(tally.clone(), recount(model));
                prop_assert!(tally.iter().sum::<u64>() <= model.electorate.len() as u64);
                let ballots: ListVotesResponse = node.q(QueryMsg::ListVotes { proposal_id: model.id, chamber: None, start_after: None, limit: Some(30) });
                prop_assert_eq!(ballots.votes.iter().map(|b| b.weight).sum::<u64>(), tally.iter().sum::<u64>());
            }
        }
    }
}
