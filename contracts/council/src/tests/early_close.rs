//! Finding 13: an early close ("certain to pass/reject") must hold against every vote still
//! possible, including a delegator voting directly and taking its weight off its delegate's
//! ballot.

use std::collections::{BTreeMap, BTreeSet};

use cosmwasm_std::Decimal;
use proptest::prelude::*;

use super::harness::*;
use crate::execute::tally::{certain_yes_no, winner};
use crate::msg::*;
use crate::state::{may_load_proposal, Chamber};
use crate::ContractError;

const TOPIC: &str = "housing";

fn workers() -> Vec<Body> {
    vec![Body::Council {
        council_id: WORKERS,
    }]
}

fn delegate(node: &mut Node, from: usize, to: usize) -> Result<(), ContractError> {
    let (from, to) = (node.f(from), node.f(to));
    node.exec(
        &from,
        ExecuteMsg::Delegate {
            council_id: WORKERS,
            topic: TOPIC.into(),
            delegate: to.to_string(),
        },
    )
    .map(|_| ())
}

/// Seven members; f1, f2, f3 delegate to f0, who votes `option` alone (weight 4 of 7).
fn a_delegate_with_three_delegations_votes(option: VoteOption) -> (Node, u64) {
    let mut node = Node::new(7);
    for i in 1..=3 {
        delegate(&mut node, i, 0).unwrap();
    }
    node.next_block();
    let id = node.propose(&node.f(0), workers(), vec![]).unwrap();
    node.vote(&node.f(0), id, option).unwrap();
    assert_eq!(node.proposal(id).chambers[0].tally.iter().sum::<u64>(), 4);
    // Past the minimum voting period: an early close is possible if the outcome is certain.
    node.advance(150);
    (node, id)
}

#[test]
fn a_delegate_cannot_close_early_over_its_delegators_override() {
    let (mut node, id) = a_delegate_with_three_delegations_votes(VoteOption::Yes);
    assert_eq!(node.proposal(id).effective_status, ProposalStatus::Open);
    assert_eq!(
        node.exec(&node.f(5), ExecuteMsg::Close { proposal_id: id }),
        Err(ContractError::VotingUndecided)
    );
    assert!(node.run(id).is_err(), "not passed: cannot be executed");
    // The delegators override their delegate: their votes count.
    for i in 1..=3 {
        node.vote(&node.f(i), id, VoteOption::No).unwrap();
    }
    assert_eq!(node.proposal(id).chambers[0].tally, vec![1, 3, 0]);
    node.advance(1000);
    assert_eq!(node.proposal(id).effective_status, ProposalStatus::Rejected);
}

#[test]
fn a_delegate_cannot_reject_early_over_its_delegators_override() {
    let (mut node, id) = a_delegate_with_three_delegations_votes(VoteOption::No);
    assert_eq!(node.proposal(id).effective_status, ProposalStatus::Open);
    assert!(node
        .exec(&node.f(5), ExecuteMsg::Close { proposal_id: id })
        .is_err());
    for i in 1..=3 {
        node.vote(&node.f(i), id, VoteOption::Yes).unwrap();
    }
    node.vote(&node.f(4), id, VoteOption::Yes).unwrap();
    assert_eq!(node.proposal(id).chambers[0].tally, vec![4, 1, 0]);
    node.advance(1000);
    assert_eq!(node.proposal(id).effective_status, ProposalStatus::Passed);
}

#[test]
fn weight_that_can_no_longer_move_still_closes_early() {
    let (mut node, id) = a_delegate_with_three_delegations_votes(VoteOption::Yes);
    // Once the delegators have voted yes themselves, nothing can move: 4 yes of 7 is certain.
    for i in 1..=3 {
        node.vote(&node.f(i), id, VoteOption::Yes).unwrap();
    }
    assert_eq!(node.proposal(id).effective_status, ProposalStatus::Passed);
    node.ok(&node.f(5), ExecuteMsg::Close { proposal_id: id });
}

// ---- property: an early decision holds against every continuation ----

const PEOPLE: usize = 6;
const MAX_DEPTH: usize = 3;

fn option(o: u8) -> VoteOption {
    match o {
        0 => VoteOption::Yes,
        1 => VoteOption::No,
        _ => VoteOption::Abstain,
    }
}

/// Every member's will goes to the nearest member on their chain (themselves included) who
/// voted directly.
fn recount(edges: &BTreeMap<usize, usize>, votes: &BTreeMap<usize, u8>) -> [u64; 3] {
    let mut tally = [0u64; 3];
    for member in 0..PEOPLE {
        let mut current = member;
        loop {
            if let Some(o) = votes.get(&current) {
                tally[*o as usize] += 1;
                break;
            }
            match edges.get(&current) {
                Some(next) => current = *next,
                None => break,
            }
        }
    }
    tally
}

/// Whether every way the members in `undecided` may still vote (not at all, yes, no, abstain)
/// ends with `passes == expected` at the deadline.
fn every_continuation(
    edges: &BTreeMap<usize, usize>,
    votes: &BTreeMap<usize, u8>,
    undecided: &[usize],
    chamber: &Chamber,
    expected: bool,
) -> Result<(), String> {
    let Some((first, rest)) = undecided.split_first() else {
        let tally = recount(edges, votes);
        let passes = winner(&tally, chamber.electorate, &chamber.rules.threshold) == Some(0);
        return if passes == expected {
            Ok(())
        } else {
            Err(format!("votes {votes:?} end with {tally:?}"))
        };
    };
    every_continuation(edges, votes, rest, chamber, expected)?;
    for o in 0..3u8 {
        let mut more = votes.clone();
        more.insert(*first, o);
        every_continuation(edges, &more, rest, chamber, expected)?;
    }
    Ok(())
}

fn thresholds() -> Vec<Threshold> {
    let tq = |t: u64, q: u64| Threshold::ThresholdQuorum {
        threshold: Decimal::percent(t),
        quorum: Decimal::percent(q),
    };
    vec![
        tq(50, 40),
        tq(50, 10),
        tq(66, 50),
        Threshold::AbsolutePercentage {
            percentage: Decimal::percent(50),
        },
        Threshold::AbsolutePercentage {
            percentage: Decimal::percent(30),
        },
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn an_early_decision_holds_against_every_vote_still_possible(
        delegations in proptest::collection::vec((0..PEOPLE, 0..PEOPLE), 0..10),
        sequence in proptest::collection::vec((0..PEOPLE, 0..3u8), 1..PEOPLE),
    ) {
        let mut node = Node::new(PEOPLE);
        let mut edges: BTreeMap<usize, usize> = BTreeMap::new();
        for (a, b) in delegations {
            if delegate(&mut node, a, b).is_ok() {
                edges.insert(a, b);
            }
        }
        prop_assert!(edges.len() < PEOPLE, "a forest always has a root");
        let shallow = edges.keys().all(|a| {
            let (mut c, mut steps) = (*a, 0);
            while let Some(n) = edges.get(&c) { c = *n; steps += 1; if steps > MAX_DEPTH { return false; } }
            true
        });
        prop_assert!(shallow, "chains within the depth limit");
        node.next_block();
        let id = node.propose(&node.f(0), workers(), vec![]).unwrap();
        let mut votes: BTreeMap<usize, u8> = BTreeMap::new();
        for (voter, o) in sequence {
            if votes.contains_key(&voter) {
                continue;
            }
            node.vote(&node.f(voter), id, option(o)).unwrap();
            votes.insert(voter, o);
            let stored = may_load_proposal(&node.deps.storage, id).unwrap().unwrap();
            let mut chamber = stored.chambers[0].clone();
            prop_assert_eq!(chamber.tally.clone(), recount(&edges, &votes).to_vec());
            let undecided: Vec<usize> = (0..PEOPLE).filter(|m| !votes.contains_key(m)).collect();
            let voters: BTreeSet<usize> = votes.keys().copied().collect();
            for threshold in thresholds() {
                chamber.rules.threshold = threshold;
                if let Some(expected) = certain_yes_no(&chamber) {
                    let checked = every_continuation(&edges, &votes, &undecided, &chamber, expected);
                    prop_assert!(
                        checked.is_ok(),
                        "certain {} with {:?} after {:?} (edges {:?}): {}",
                        expected, chamber, voters, edges, checked.unwrap_err()
                    );
                }
            }
        }
    }
}
