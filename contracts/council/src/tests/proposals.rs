use std::cell::Cell;

use cosmwasm_std::testing::message_info;
use cosmwasm_std::{
    from_json, to_json_string, Addr, Binary, CosmosMsg, Decimal, DepsMut, Order, QuerierWrapper,
    Record, Storage, WasmMsg,
};

use super::harness::*;
use crate::contract::execute;
use crate::execute::tally::winner;
use crate::msg::*;
use crate::state::{
    may_load_proposal, ChoiceKind, Proposal, MAX_PROPOSAL_MSGS, MAX_TEXT_LEN, MAX_TITLE_LEN,
    PROPOSAL_TEXTS,
};
use crate::ContractError;
use dac_common::text::TextError;

fn workers() -> Vec<Body> {
    vec![Body::Council {
        council_id: WORKERS,
    }]
}

fn tq(threshold: u64, quorum: u64) -> Threshold {
    Threshold::ThresholdQuorum {
        threshold: Decimal::percent(threshold),
        quorum: Decimal::percent(quorum),
    }
}

#[test]
fn quorum_edges() {
    // 10 members, quorum 40%: 4 participants reach it, 3 do not; abstentions count for quorum.
    assert_eq!(winner(&[3, 0, 1], 10, &tq(50, 40)), Some(0));
    assert_eq!(winner(&[3, 0, 0], 10, &tq(50, 40)), None);
    assert_eq!(
        winner(&[0, 0, 4], 10, &tq(50, 40)),
        None,
        "all abstain decides nothing"
    );
    assert_eq!(winner(&[0, 0, 0], 0, &tq(50, 40)), None, "empty electorate");
}

#[test]
fn ties_never_pass() {
    assert_eq!(winner(&[2, 2, 0], 4, &tq(50, 40)), None);
    // Absolute: exactly half of the electorate is not more than half.
    let half = Threshold::AbsolutePercentage {
        percentage: Decimal::percent(50),
    };
    assert_eq!(winner(&[2, 0, 0], 4, &half), None);
    assert_eq!(winner(&[3, 0, 0], 4, &half), Some(0));
    // Multiple choice: a tie at the top wins nothing; a clear leader wins.
    assert_eq!(winner(&[2, 2, 1, 0], 5, &tq(30, 40)), None);
    assert_eq!(winner(&[1, 3, 1, 0], 5, &tq(50, 40)), Some(1));
}

#[test]
fn one_member_one_vote_and_proposal_passes_after_voting() {
    let mut node = Node::new(5);
    let id = node.propose(&node.f(0), workers(), vec![]).unwrap();
    node.vote(&node.f(0), id, VoteOption::Yes).unwrap();
    node.vote(&node.f(1), id, VoteOption::Yes).unwrap();
    node.vote(&node.f(2), id, VoteOption::No).unwrap();
    assert_eq!(
        node.vote(&node.f(0), id, VoteOption::No),
        Err(ContractError::AlreadyVoted)
    );
    let p = node.proposal(id);
    assert_eq!(p.chambers[0].tally, vec![2, 1, 0]);
    assert_eq!(p.effective_status, ProposalStatus::Open);
    node.advance(1000);
    assert_eq!(node.proposal(id).effective_status, ProposalStatus::Passed);
    node.ok(&node.f(4), ExecuteMsg::Close { proposal_id: id });
    let passed: ListProposalsResponse = node.q(QueryMsg::ListProposals {
        status: Some(ProposalStatus::Passed),
        start_after: None,
        limit: None,
    });
    assert_eq!(passed.proposals.len(), 1);
    assert!(node.vote(&node.f(3), id, VoteOption::No).is_err());
}

#[test]
fn late_joiners_and_leavers_do_not_vote() {
    let mut node = Node::new(3);
    let gatekeeper = node.addr("gatekeeper");
    let late = node.addr("late");
    let id = node.propose(&node.f(0), workers(), vec![]).unwrap();
    node.ok(
        &late,
        ExecuteMsg::Apply {
            statement: String::new(),
            councils: vec![WORKERS],
        },
    );
    node.ok(
        &gatekeeper,
        ExecuteMsg::Admit {
            applicant: late.to_string(),
        },
    );
    node.next_block();
    assert_eq!(
        node.vote(&late, id, VoteOption::Yes),
        Err(ContractError::NotEligible(late.to_string()))
    );
    assert_eq!(node.proposal(id).chambers[0].electorate, 3);

    // Someone who left before the proposal was created is not in its electorate either.
    node.ok(&node.f(2), ExecuteMsg::Leave {});
    node.next_block();
    let id2 = node.propose(&node.f(0), workers(), vec![]).unwrap();
    assert_eq!(
        node.proposal(id2).chambers[0].electorate,
        3,
        "late joined, f2 left"
    );
    assert!(node.vote(&node.f(2), id2, VoteOption::Yes).is_err());
    node.vote(&late, id2, VoteOption::Yes).unwrap();
}

#[test]
fn joining_in_the_creation_block_is_too_late() {
    let mut node = Node::new(3);
    let gatekeeper = node.addr("gatekeeper");
    let same_block = node.addr("same");
    node.ok(
        &same_block,
        ExecuteMsg::Apply {
            statement: String::new(),
            councils: vec![WORKERS],
        },
    );
    node.ok(
        &gatekeeper,
        ExecuteMsg::Admit {
            applicant: same_block.to_string(),
        },
    );
    let id = node.propose(&node.f(0), workers(), vec![]).unwrap();
    assert_eq!(node.proposal(id).chambers[0].electorate, 3);
    assert!(node.vote(&same_block, id, VoteOption::Yes).is_err());
}

#[test]
fn early_close_only_when_certain_and_after_minimum_period() {
    let mut node = Node::new(4);
    let id = node.propose(&node.f(0), workers(), vec![]).unwrap();
    for i in 0..3 {
        node.vote(&node.f(i), id, VoteOption::Yes).unwrap();
    }
    // 3 of 4 yes: even if the last votes no it passes, but not before the minimum period.
    assert_eq!(node.proposal(id).effective_status, ProposalStatus::Open);
    assert!(node
        .exec(&node.f(0), ExecuteMsg::Close { proposal_id: id })
        .is_err());
    node.advance(100);
    assert_eq!(node.proposal(id).effective_status, ProposalStatus::Passed);
    node.run(id).unwrap();
    assert_eq!(node.proposal(id).status, ProposalStatus::Executed);
}

#[test]
fn revoting_changes_the_tally_and_blocks_early_close() {
    let mut node = Node::new(3);
    let contract = node.contract();
    let mut rules = rules(true);
    rules.min_voting_period_seconds = 0;
    let update = node.self_call(&ExecuteMsg::UpdateCouncil {
        council_id: WORKERS,
        name: None,
        executive: None,
        rules: Some(rules),
    });
    node.pass_and_run(3, vec![update]).1.unwrap();
    let _ = contract;
    let id = node.propose(&node.f(0), workers(), vec![]).unwrap();
    for i in 0..3 {
        node.vote(&node.f(i), id, VoteOption::Yes).unwrap();
    }
    assert_eq!(
        node.proposal(id).effective_status,
        ProposalStatus::Open,
        "revoting may still change it"
    );
    node.vote(&node.f(0), id, VoteOption::No).unwrap();
    node.vote(&node.f(1), id, VoteOption::No).unwrap();
    assert_eq!(node.proposal(id).chambers[0].tally, vec![1, 2, 0]);
    node.advance(1000);
    assert_eq!(node.proposal(id).effective_status, ProposalStatus::Rejected);
}

#[test]
fn multiple_choice_picks_the_clear_winner() {
    let mut node = Node::new(5);
    let res = node.ok(
        &node.f(0),
        ExecuteMsg::Propose(ProposeMsg {
            chambers: workers(),
            title: "colour".into(),
            topic: "parks".into(),
            description: String::new(),
            choices: ProposalChoices::Multiple {
                options: vec!["red".into(), "green".into(), "blue".into()],
            },
            msgs: vec![],
        }),
    );
    let id: u64 = cosmwasm_std::from_json(res.data.unwrap()).unwrap();
    for (i, index) in [(0, 1), (1, 1), (2, 0), (3, 1)] {
        node.vote(&node.f(i), id, VoteOption::Choice { index })
            .unwrap();
    }
    assert!(node
        .vote(&node.f(4), id, VoteOption::Choice { index: 3 })
        .is_err());
    assert!(node.vote(&node.f(4), id, VoteOption::Yes).is_err());
    node.advance(1000);
    let p = node.proposal(id);
    assert_eq!(
        (p.effective_status, p.outcome),
        (ProposalStatus::Passed, Some(1))
    );
}

#[test]
fn two_chambers_must_both_pass() {
    let mut node = Node::new(5);
    let both = vec![
        Body::Council {
            council_id: WORKERS,
        },
        Body::Council {
            council_id: CONSUMERS,
        },
    ];
    let id = node.propose(&node.f(0), both.clone(), vec![]).unwrap();
    // f0..f2 sit in both; f3, f4 only in workers. Workers pass, consumers reject.
    node.vote(&node.f(0), id, VoteOption::Yes).unwrap();
    node.vote(&node.f(1), id, VoteOption::No).unwrap();
    node.vote(&node.f(2), id, VoteOption::No).unwrap();
    node.vote(&node.f(3), id, VoteOption::Yes).unwrap();
    node.vote(&node.f(4), id, VoteOption::Yes).unwrap();
    let p = node.proposal(id);
    assert_eq!(p.chambers[0].tally, vec![3, 2, 0]);
    assert_eq!(p.chambers[1].tally, vec![1, 2, 0]);
    node.advance(1000);
    assert_eq!(node.proposal(id).effective_status, ProposalStatus::Rejected);

    // Two councils of the same kind are not two chambers.
    let same = vec![
        Body::Council {
            council_id: WORKERS,
        },
        Body::Council {
            council_id: WORKPLACE,
        },
    ];
    assert_eq!(
        node.propose(&node.f(0), same, vec![]),
        Err(ContractError::ChambersOfOneKind)
    );
}

#[test]
fn passed_child_proposal_escalates_to_parent() {
    let mut node = Node::new(3);
    let gatekeeper = node.addr("gatekeeper");
    node.ok(
        &gatekeeper,
        ExecuteMsg::AssignCouncil {
            member: node.f(0).to_string(),
            council_id: WORKPLACE,
        },
    );
    node.next_block();
    let id = node
        .propose(
            &node.f(0),
            vec![Body::Council {
                council_id: WORKPLACE,
            }],
            vec![],
        )
        .unwrap();
    assert!(
        node.exec(&node.f(0), ExecuteMsg::Escalate { proposal_id: id })
            .is_err(),
        "not passed yet"
    );
    node.vote(&node.f(0), id, VoteOption::Yes).unwrap();
    node.advance(1000);
    // Only a member of the child council may raise it.
    assert!(node
        .exec(&node.f(1), ExecuteMsg::Escalate { proposal_id: id })
        .is_err());
    let res = node.ok(&node.f(0), ExecuteMsg::Escalate { proposal_id: id });
    let parent_id: u64 = cosmwasm_std::from_json(res.data.unwrap()).unwrap();
    let child = node.proposal(id);
    assert_eq!(
        (child.status, child.escalated_to),
        (ProposalStatus::Escalated, Some(parent_id))
    );
    let parent = node.proposal(parent_id);
    assert_eq!(
        parent.chambers[0].body,
        Body::Council {
            council_id: WORKERS
        }
    );
    assert_eq!(parent.escalated_from, Some(id));
    assert!(
        node.run(id).is_err(),
        "an escalated proposal is not executed by the child"
    );
}

#[test]
fn vote_close_execute_escalate_refuse_wrong_senders_and_change_nothing() {
    let mut node = Node::new(3);
    let id = node.propose(&node.f(0), workers(), vec![]).unwrap();
    let stranger = node.addr("stranger");
    let before = node.fingerprint();
    assert!(node.vote(&stranger, id, VoteOption::Yes).is_err());
    assert!(node
        .exec(&stranger, ExecuteMsg::Close { proposal_id: id })
        .is_err());
    assert!(node
        .exec(&stranger, ExecuteMsg::Execute { proposal_id: id })
        .is_err());
    assert!(node
        .exec(&stranger, ExecuteMsg::Escalate { proposal_id: id })
        .is_err());
    assert!(node
        .exec(&stranger, ExecuteMsg::RunPassed { proposal_id: id })
        .is_err());
    assert!(node.propose(&stranger, workers(), vec![]).is_err());
    assert_eq!(node.fingerprint(), before);
}

/// Storage that counts the bytes (keys and values) a message reads and writes.
struct Counting<'a> {
    inner: &'a mut dyn Storage,
    read: Cell<usize>,
    written: usize,
}

impl Storage for Counting<'_> {
    fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
        let value = self.inner.get(key);
        let len = key.len() + value.as_ref().map_or(0, Vec::len);
        self.read.set(self.read.get() + len);
        value
    }

    fn range<'a>(
        &'a self,
        start: Option<&[u8]>,
        end: Option<&[u8]>,
        order: Order,
    ) -> Box<dyn Iterator<Item = Record> + 'a> {
        Box::new(self.inner.range(start, end, order).inspect(|(k, v)| {
            self.read.set(self.read.get() + k.len() + v.len());
        }))
    }

    fn set(&mut self, key: &[u8], value: &[u8]) {
        self.written += key.len() + value.len();
        self.inner.set(key, value);
    }

    fn remove(&mut self, key: &[u8]) {
        self.written += key.len();
        self.inner.remove(key);
    }
}

/// The bytes `voter`'s vote on `id` reads and writes.
fn vote_io(node: &mut Node, voter: &Addr, id: u64) -> (usize, usize) {
    let mut storage = Counting {
        inner: &mut node.deps.storage,
        read: Cell::new(0),
        written: 0,
    };
    let deps = DepsMut {
        storage: &mut storage,
        api: &node.deps.api,
        querier: QuerierWrapper::new(&node.deps.querier),
    };
    let msg = ExecuteMsg::Vote {
        proposal_id: id,
        option: VoteOption::Yes,
    };
    execute(deps, node.env.clone(), message_info(voter, &[]), msg).unwrap();
    (storage.read.get(), storage.written)
}

fn propose_text(node: &mut Node, description: String, msgs: Vec<CosmosMsg>) -> u64 {
    let res = node.ok(
        &node.f(0),
        ExecuteMsg::Propose(ProposeMsg {
            chambers: workers(),
            title: "t".repeat(MAX_TITLE_LEN),
            topic: "housing".into(),
            description,
            choices: ProposalChoices::YesNo {},
            msgs,
        }),
    );
    from_json(res.data.unwrap()).unwrap()
}

#[test]
fn a_vote_reads_and_writes_the_same_bytes_however_long_the_proposal() {
    let mut node = Node::new(5);
    let call = |size: usize| -> CosmosMsg {
        WasmMsg::Execute {
            contract_addr: node.addr("elsewhere").to_string(),
            msg: Binary::new(vec![b'x'; size]),
            funds: vec![],
        }
        .into()
    };
    // Both carry messages: whether a proposal has any is one stored flag.
    let (tiny, kilobyte) = (call(1), call(1024));
    let short = propose_text(&mut node, String::new(), vec![tiny]);
    let long = propose_text(
        &mut node,
        "d".repeat(MAX_TEXT_LEN),
        vec![kilobyte; MAX_PROPOSAL_MSGS],
    );
    let text_before = PROPOSAL_TEXTS.load(&node.deps.storage, long).unwrap();
    for id in [short, long] {
        node.vote(&node.f(0), id, VoteOption::Yes).unwrap();
    }
    let f1 = node.f(1);
    let on_short = vote_io(&mut node, &f1, short);
    assert_eq!(vote_io(&mut node, &f1, long), on_short);
    assert_eq!(
        PROPOSAL_TEXTS.load(&node.deps.storage, long).unwrap(),
        text_before,
        "a vote never rewrites the text"
    );
    assert_eq!(node.proposal(long).chambers[0].tally, vec![2, 0, 0]);
    let open: ListProposalsResponse = node.q(QueryMsg::ListProposals {
        status: Some(ProposalStatus::Open),
        start_after: None,
        limit: None,
    });
    assert_eq!(open.proposals.len(), 2, "the status index still lists them");
    assert_eq!(node.proposal(long).description.len(), MAX_TEXT_LEN);
}

#[test]
fn choice_kinds_are_stored_as_one_number() {
    let kinds = [
        (ChoiceKind::YesNo, "0"),
        (ChoiceKind::Multiple { options: 2 }, "2"),
        (ChoiceKind::Multiple { options: 10 }, "10"),
    ];
    for (kind, json) in kinds {
        assert_eq!(to_json_string(&kind).unwrap(), json);
        assert_eq!(from_json::<ChoiceKind>(json).unwrap(), kind);
    }
}

/// A front end learns what is wrong with a proposal from the error's variant and data alone.
#[test]
fn a_malformed_proposal_is_refused_with_an_error_naming_what_is_wrong() {
    let mut node = Node::new(3);
    let propose = |chambers: Vec<Body>, title: &str, topic: &str, choices, msgs| {
        ExecuteMsg::Propose(ProposeMsg {
            chambers,
            title: title.into(),
            topic: topic.into(),
            description: String::new(),
            choices,
            msgs,
        })
    };
    let yes_no = || ProposalChoices::YesNo {};
    let bank = CosmosMsg::Bank(cosmwasm_std::BankMsg::Burn { amount: vec![] });
    let three = vec![
        Body::Council {
            council_id: WORKERS,
        },
        Body::Council {
            council_id: CONSUMERS,
        },
        Body::Council {
            council_id: WORKPLACE,
        },
    ];
    let cases = [
        (
            propose(workers(), " ", "housing", yes_no(), vec![]),
            ContractError::Text(TextError::Empty { field: "title" }),
        ),
        (
            propose(workers(), "t", "Housing", yes_no(), vec![]),
            ContractError::InvalidTopic { max_len: 64 },
        ),
        (
            propose(
                workers(),
                "t",
                "housing",
                ProposalChoices::Multiple {
                    options: vec!["only one".into()],
                },
                vec![],
            ),
            ContractError::OptionCount { min: 2, max: 10 },
        ),
        (
            propose(
                workers(),
                "t",
                "housing",
                ProposalChoices::Multiple {
                    options: vec!["a".into(), "b".into()],
                },
                vec![bank],
            ),
            ContractError::MessagesNeedYesNo,
        ),
        (
            propose(three, "t", "housing", yes_no(), vec![]),
            ContractError::ChamberCount { count: 3 },
        ),
    ];
    let before = node.fingerprint();
    for (msg, expected) in cases {
        assert_eq!(node.exec(&node.f(0), msg), Err(expected));
    }
    assert_eq!(node.fingerprint(), before);
}

/// The ids listed under a stored status (the status index).
fn listed(node: &Node, status: ProposalStatus) -> Vec<u64> {
    let list: ListProposalsResponse = node.q(QueryMsg::ListProposals {
        status: Some(status),
        start_after: None,
        limit: None,
    });
    list.proposals.iter().map(|p| p.id).collect()
}

/// A passed proposal nobody closed runs in one `Execute`, which records the outcome as `Close`
/// would: the same proposal record either way, and the status index moves it from open to
/// executed without a passed entry left behind.
#[test]
fn execute_settles_an_unclosed_passed_proposal_as_close_then_execute_would() {
    let outcome = |close_first: bool| {
        let mut node = Node::new(5);
        let id = node.propose(&node.f(0), workers(), vec![]).unwrap();
        for i in 0..3 {
            node.vote(&node.f(i), id, VoteOption::Yes).unwrap();
        }
        node.advance(1000);
        assert_eq!(listed(&node, ProposalStatus::Open), vec![id]);
        if close_first {
            node.ok(&node.f(4), ExecuteMsg::Close { proposal_id: id });
            assert_eq!(listed(&node, ProposalStatus::Passed), vec![id]);
        }
        node.run(id).unwrap();
        for status in [ProposalStatus::Open, ProposalStatus::Passed] {
            assert!(listed(&node, status).is_empty(), "{status:?}");
        }
        assert_eq!(listed(&node, ProposalStatus::Executed), vec![id]);
        node.proposal(id)
    };
    let direct = outcome(false);
    assert_eq!(direct.status, ProposalStatus::Executed);
    assert_eq!(direct.outcome, Some(0));
    assert_eq!(direct, outcome(true));
}

/// `Execute` on a proposal that is still undecided or was rejected (closed or not) is refused
/// and changes nothing; `Close` records the rejection and lists it.
#[test]
fn execute_refuses_an_undecided_or_rejected_proposal_and_close_records_the_rejection() {
    let mut node = Node::new(5);
    let id = node.propose(&node.f(0), workers(), vec![]).unwrap();
    node.vote(&node.f(0), id, VoteOption::Yes).unwrap();
    let anyone = node.addr("anyone");
    let before = node.fingerprint();
    assert!(node
        .exec(&anyone, ExecuteMsg::Execute { proposal_id: id })
        .is_err());
    assert_eq!(node.fingerprint(), before, "undecided: nothing changed");
    for i in 1..4 {
        node.vote(&node.f(i), id, VoteOption::No).unwrap();
    }
    node.advance(1000);
    let before = node.fingerprint();
    assert!(node
        .exec(&anyone, ExecuteMsg::Execute { proposal_id: id })
        .is_err());
    assert_eq!(node.fingerprint(), before, "rejected: nothing changed");
    node.ok(&anyone, ExecuteMsg::Close { proposal_id: id });
    assert_eq!(node.proposal(id).status, ProposalStatus::Rejected);
    assert_eq!(listed(&node, ProposalStatus::Rejected), vec![id]);
    assert!(listed(&node, ProposalStatus::Open).is_empty());
    assert!(node
        .exec(&anyone, ExecuteMsg::Execute { proposal_id: id })
        .is_err());
}

fn stored_record(node: &Node, id: u64) -> Vec<u8> {
    let key = cw_storage_plus::Map::<u64, Proposal>::new("proposals").key(id);
    node.deps.storage.get(&key).unwrap()
}

#[test]
fn voting_records_are_compact_and_layout_1_json_ones_still_read_list_and_vote() {
    let mut node = Node::new(5);
    let old = node.propose(&node.f(0), workers(), vec![]).unwrap();
    let new = node.propose(&node.f(1), workers(), vec![]).unwrap();
    let record = may_load_proposal(&node.deps.storage, new).unwrap().unwrap();
    let json = cosmwasm_std::to_json_vec(&record).unwrap();
    let stored = stored_record(&node, new);
    assert_eq!(stored[0], dac_common::codec::MARK);
    assert!(
        stored.len() * 3 < json.len(),
        "{} bytes stored, {} in JSON",
        stored.len(),
        json.len()
    );

    // `old` as layout 1 left it: JSON under the same key.
    let before = node.proposal(old);
    let record = may_load_proposal(&node.deps.storage, old).unwrap().unwrap();
    let key = cw_storage_plus::Map::<u64, Proposal>::new("proposals").key(old);
    node.deps
        .storage
        .set(&key, &cosmwasm_std::to_json_vec(&record).unwrap());
    assert_eq!(stored_record(&node, old)[0], b'{');
    assert_eq!(node.proposal(old), before);
    assert_eq!(listed(&node, ProposalStatus::Open), vec![old, new]);

    // A vote rewrites it compactly; its status moves in the index as before.
    for i in 0..3 {
        node.vote(&node.f(i), old, VoteOption::Yes).unwrap();
    }
    assert_eq!(stored_record(&node, old)[0], dac_common::codec::MARK);
    assert_eq!(node.proposal(old).chambers[0].tally, vec![3, 0, 0]);
    node.advance(1000);
    node.ok(&node.f(4), ExecuteMsg::Close { proposal_id: old });
    assert_eq!(listed(&node, ProposalStatus::Passed), vec![old]);
    assert_eq!(listed(&node, ProposalStatus::Open), vec![new]);
}
