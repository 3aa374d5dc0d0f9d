//! The council's authority matrix (SECURITY.md, "Council voting"), one row per execute message
//! and every sender class: exactly the row's classes get past its authority check, every other
//! class gets a typed refusal, and a refusal writes nothing (compared at the contract level,
//! without the harness's chain-like rollback).
//!
//! `MEMBERSHIP_ROWS`: membership, roles and sanctions (council-roles branch).

use cosmwasm_std::testing::message_info;
use cosmwasm_std::{Addr, Order, Record, Storage};

use crate::contract::execute;
use crate::msg::*;
use crate::state::{CONFIG, INCOMING, PENDING_TOKEN_SYNC};
use crate::tests::harness::*;
use crate::ContractError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Head,
    Gatekeeper,
    Monitor,
    /// f1: a member in good standing seated in the workers' council.
    Member,
    /// f3: a member at sanction level 2 (may not vote or delegate), seated in the workers'.
    Sanctioned,
    /// Not a member, never was.
    Stranger,
    /// The node's relay, as the config names it (not a member).
    Relay,
}

use Class::*;

const CLASSES: [Class; 7] = [
    Head, Gatekeeper, Monitor, Member, Sanctioned, Stranger, Relay,
];
const EVERYONE: &[Class] = &CLASSES;
const MEMBERS_: &[Class] = &[Head, Gatekeeper, Monitor, Member, Sanctioned];

struct Fixture {
    node: Node,
    /// An open proposal of the workers' council.
    proposal: u64,
    /// An open report on f1.
    report: u64,
    /// f3's latest sanction, still appealable.
    sanction: u64,
}

fn report(node: &mut Node, who: &Addr) -> u64 {
    let monitor = node.addr("monitor");
    let res = node.ok(
        &monitor,
        ExecuteMsg::Report {
            member: who.to_string(),
            description: "misconduct".into(),
        },
    );
    attr(&res, "report_id")
}

fn attr(res: &cosmwasm_std::Response, key: &str) -> u64 {
    res.attributes
        .iter()
        .find(|a| a.key == key)
        .unwrap()
        .value
        .parse()
        .unwrap()
}

fn sanction(node: &mut Node, who: &Addr) -> u64 {
    let id = report(node, who);
    let head = node.addr("head");
    let res = node.ok(&head, ExecuteMsg::Sanction { report_id: id });
    attr(&res, "sanction_id")
}

impl Fixture {
    fn new() -> Self {
        let mut node = Node::new(4);
        let (f2, f3) = (node.f(2), node.f(3));
        // f2 reaches level 3 and its exclusion falls due.
        for _ in 0..3 {
            sanction(&mut node, &f2);
        }
        node.advance(501);
        // f3 at level 2, its last sanction appealable.
        sanction(&mut node, &f3);
        let sanction = sanction(&mut node, &f3);
        let f1 = node.f(1);
        let report = report(&mut node, &f1);
        node.ok(
            &node.addr("applicant"),
            ExecuteMsg::Apply {
                statement: String::new(),
                councils: vec![],
            },
        );
        node.ok(
            &node.f(1),
            ExecuteMsg::Delegate {
                council_id: WORKERS,
                topic: "budget".into(),
                delegate: node.f(0).to_string(),
            },
        );
        let leaver = node.addr("leaver");
        PENDING_TOKEN_SYNC
            .save(&mut node.deps.storage, &leaver, &())
            .unwrap();
        // The leaver is still named by a delegation the index lists (given before they left).
        let giver = node.f(0);
        INCOMING
            .save(
                &mut node.deps.storage,
                (&leaver, WORKERS, &giver),
                &vec!["housing".to_string()],
            )
            .unwrap();
        let mut config = CONFIG.load(&node.deps.storage).unwrap();
        config.relay = Some(node.addr("relay"));
        CONFIG.save(&mut node.deps.storage, &config).unwrap();
        node.next_block();
        let proposal = node
            .propose(
                &node.f(0),
                vec![Body::Council {
                    council_id: WORKERS,
                }],
                vec![],
            )
            .unwrap();
        Fixture {
            node,
            proposal,
            report,
            sanction,
        }
    }

    fn sender(&self, class: Class) -> Addr {
        match class {
            Head => self.node.addr("head"),
            Gatekeeper => self.node.addr("gatekeeper"),
            Monitor => self.node.addr("monitor"),
            Member => self.node.f(1),
            Sanctioned => self.node.f(3),
            Stranger => self.node.addr("stranger"),
            Relay => self.node.addr("relay"),
        }
    }
}

struct Row {
    name: &'static str,
    msg: fn(&Fixture) -> ExecuteMsg,
    allowed: &'static [Class],
    refusal: fn(&ContractError) -> bool,
}

fn unauthorized(e: &ContractError) -> bool {
    matches!(
        e,
        ContractError::Unauthorized(_) | ContractError::NeedsProposal(_)
    )
}

fn not_in_body(e: &ContractError) -> bool {
    matches!(
        e,
        ContractError::NotMember(_)
            | ContractError::NotInCouncil { .. }
            | ContractError::NotEligible(_)
            | ContractError::Sanctioned { .. }
    )
}

const MEMBERSHIP_ROWS: &[Row] = &[
    Row {
        name: "apply",
        msg: |_| ExecuteMsg::Apply {
            statement: String::new(),
            councils: vec![],
        },
        allowed: &[Stranger, Relay],
        refusal: |e| matches!(e, ContractError::AlreadyMember(_)),
    },
    Row {
        name: "admit",
        msg: |f| ExecuteMsg::Admit {
            applicant: f.node.addr("applicant").to_string(),
        },
        allowed: &[Gatekeeper],
        refusal: unauthorized,
    },
    Row {
        name: "refuse",
        msg: |f| ExecuteMsg::Refuse {
            applicant: f.node.addr("applicant").to_string(),
            reason: "no".into(),
        },
        allowed: &[Gatekeeper],
        refusal: unauthorized,
    },
    Row {
        name: "assign_council",
        msg: |f| ExecuteMsg::AssignCouncil {
            member: f.node.f(1).to_string(),
            council_id: WORKPLACE,
        },
        allowed: &[Gatekeeper],
        refusal: unauthorized,
    },
    Row {
        name: "leave",
        msg: |_| ExecuteMsg::Leave {},
        allowed: MEMBERS_,
        refusal: |e| matches!(e, ContractError::NotMember(_)),
    },
    Row {
        name: "leave_council",
        msg: |_| ExecuteMsg::LeaveCouncil {
            council_id: WORKERS,
        },
        allowed: &[Member, Sanctioned],
        refusal: not_in_body,
    },
    Row {
        name: "record_departure",
        msg: |f| ExecuteMsg::RecordDeparture {
            member: f.node.f(1).to_string(),
            household_stays: false,
            housing_registry: Some(f.node.addr("housing").to_string()),
        },
        allowed: &[Relay],
        refusal: unauthorized,
    },
    Row {
        name: "record_arrival",
        msg: |f| ExecuteMsg::RecordArrival {
            newcomer: f.node.addr("applicant").to_string(),
            node: "dac-2".into(),
            record: DepartureRecord {
                member: "beta1mover".into(),
                member_since: None,
                left_at: f.node.env.block.time,
                sanction_level: 0,
                exclusion_due: None,
            },
        },
        allowed: &[Relay],
        refusal: unauthorized,
    },
    Row {
        name: "release_delegations",
        msg: |f| ExecuteMsg::ReleaseDelegations {
            member: f.node.addr("leaver").to_string(),
            limit: None,
        },
        allowed: EVERYONE,
        refusal: |_| false,
    },
    Row {
        name: "report",
        msg: |f| ExecuteMsg::Report {
            member: f.node.f(0).to_string(),
            description: "x".into(),
        },
        allowed: &[Monitor],
        refusal: unauthorized,
    },
    Row {
        name: "sanction",
        msg: |f| ExecuteMsg::Sanction {
            report_id: f.report,
        },
        allowed: &[Head],
        refusal: unauthorized,
    },
    Row {
        name: "dismiss_report",
        msg: |f| ExecuteMsg::DismissReport {
            report_id: f.report,
        },
        allowed: &[Head],
        refusal: unauthorized,
    },
    Row {
        name: "appeal",
        msg: |f| ExecuteMsg::Appeal {
            sanction_id: f.sanction,
            grounds: "unfair".into(),
        },
        allowed: &[Sanctioned],
        refusal: unauthorized,
    },
    Row {
        // The appeal authority is the workers' council: only its passed proposal.
        name: "decide_appeal",
        msg: |f| ExecuteMsg::DecideAppeal {
            sanction_id: f.sanction,
            uphold: true,
        },
        allowed: &[],
        refusal: unauthorized,
    },
    Row {
        name: "enforce_exclusion",
        msg: |f| ExecuteMsg::EnforceExclusion {
            member: f.node.f(2).to_string(),
        },
        allowed: EVERYONE,
        refusal: |_| false,
    },
    Row {
        name: "sync_token",
        msg: |f| ExecuteMsg::SyncToken {
            member: f.node.addr("leaver").to_string(),
        },
        allowed: EVERYONE,
        refusal: |_| false,
    },
    Row {
        name: "update_roles",
        msg: |f| ExecuteMsg::UpdateRoles {
            head: None,
            gatekeepers: Some(vec![f.node.f(1).to_string()]),
            monitors: None,
        },
        allowed: &[],
        refusal: unauthorized,
    },
    Row {
        name: "delegate",
        msg: |f| ExecuteMsg::Delegate {
            council_id: WORKERS,
            topic: "housing".into(),
            delegate: f.node.f(0).to_string(),
        },
        allowed: &[Member],
        refusal: not_in_body,
    },
    Row {
        name: "undelegate",
        msg: |_| ExecuteMsg::Undelegate {
            council_id: WORKERS,
            topic: "budget".into(),
        },
        allowed: &[Member],
        refusal: |e| matches!(e, ContractError::NoDelegation) || not_in_body(e),
    },
    Row {
        name: "vote",
        msg: |f| ExecuteMsg::Vote {
            proposal_id: f.proposal,
            option: VoteOption::Yes,
        },
        allowed: &[Member],
        refusal: not_in_body,
    },
];

/// The messages of this table, for the coverage check in `authority/mod.rs`.
pub(super) fn messages() -> Vec<ExecuteMsg> {
    let fixture = Fixture::new();
    MEMBERSHIP_ROWS
        .iter()
        .map(|row| (row.msg)(&fixture))
        .collect()
}

fn storage(node: &Node) -> Vec<Record> {
    node.deps
        .storage
        .range(None, None, Order::Ascending)
        .collect()
}

#[test]
fn membership_rows_admit_exactly_their_senders_and_a_refusal_writes_nothing() {
    for row in MEMBERSHIP_ROWS {
        for class in CLASSES {
            let mut f = Fixture::new();
            let sender = f.sender(class);
            let msg = (row.msg)(&f);
            let before = storage(&f.node);
            let result = execute(
                f.node.deps.as_mut(),
                f.node.env.clone(),
                message_info(&sender, &[]),
                msg,
            );
            let allowed = row.allowed.contains(&class);
            match result {
                Ok(_) => assert!(allowed, "{} was accepted from {class:?}", row.name),
                Err(e) => {
                    assert!(!allowed, "{} refused {class:?}: {e}", row.name);
                    assert!(
                        (row.refusal)(&e),
                        "{} from {class:?}: unexpected refusal {e:?}",
                        row.name
                    );
                    assert!(
                        storage(&f.node) == before,
                        "{} from {class:?} wrote state",
                        row.name
                    );
                }
            }
        }
    }
}
