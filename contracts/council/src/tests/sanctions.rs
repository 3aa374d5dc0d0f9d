use cosmwasm_std::Addr;

use super::harness::*;
use crate::execute::roles::{check_appointees, Role};
use crate::execute::sanctions::{Act, MAX_LEVEL};
use crate::msg::*;
use crate::state::{Standing, STANDING};
use crate::ContractError;

fn report_and_sanction(node: &mut Node, member: usize) -> u64 {
    let monitor = node.addr("monitor");
    let head = node.addr("head");
    let who = node.f(member);
    node.ok(
        &monitor,
        ExecuteMsg::Report {
            member: who.to_string(),
            description: "took too much".into(),
        },
    );
    let reports: ListReportsResponse = node.q(QueryMsg::ListReports {
        start_after: None,
        limit: Some(30),
    });
    let report_id = reports.reports.last().unwrap().id;
    let res = node.ok(&head, ExecuteMsg::Sanction { report_id });
    res.attributes
        .iter()
        .find(|a| a.key == "sanction_id")
        .unwrap()
        .value
        .parse()
        .unwrap()
}

fn level(node: &Node, member: usize) -> u8 {
    let s: StandingResponse = node.q(QueryMsg::Standing {
        member: node.f(member).to_string(),
    });
    s.sanction_level
}

#[test]
fn graduated_sanctions_take_away_proposing_then_voting() {
    let mut node = Node::new(3);
    let id = node
        .propose(
            &node.f(0),
            vec![Body::Council {
                council_id: WORKERS,
            }],
            vec![],
        )
        .unwrap();
    report_and_sanction(&mut node, 1);
    assert_eq!(level(&node, 1), 1);
    assert!(matches!(
        node.propose(
            &node.f(1),
            vec![Body::Council {
                council_id: WORKERS
            }],
            vec![]
        ),
        Err(ContractError::Sanctioned { level: 1, .. })
    ));
    node.ok(
        &node.f(1),
        ExecuteMsg::Delegate {
            council_id: WORKERS,
            topic: "housing".into(),
            delegate: node.f(2).to_string(),
        },
    );
    report_and_sanction(&mut node, 1);
    assert_eq!(level(&node, 1), 2);
    assert!(matches!(
        node.vote(&node.f(1), id, VoteOption::Yes),
        Err(ContractError::Sanctioned { level: 2, .. })
    ));
    let given: ListDelegationsResponse = node.q(QueryMsg::ListDelegations {
        member: node.f(1).to_string(),
        start_after: None,
        limit: None,
    });
    assert!(given.delegations.is_empty(), "level 2 ends delegations");
}

#[test]
fn exclusion_waits_for_the_appeal_window_and_pending_appeals() {
    let mut node = Node::new(3);
    report_and_sanction(&mut node, 2);
    report_and_sanction(&mut node, 2);
    let third = report_and_sanction(&mut node, 2);
    assert_eq!(level(&node, 2), 3);
    let anyone = node.addr("anyone");
    let exclude = ExecuteMsg::EnforceExclusion {
        member: node.f(2).to_string(),
    };
    assert_eq!(
        node.exec(&anyone, exclude.clone()),
        Err(ContractError::ExclusionNotDue)
    );
    node.ok(
        &node.f(2),
        ExecuteMsg::Appeal {
            sanction_id: third,
            grounds: "I did not".into(),
        },
    );
    node.advance(600);
    assert_eq!(
        node.exec(&anyone, exclude.clone()),
        Err(ContractError::ExclusionNotDue),
        "appeal pending"
    );

    // The appeal goes to the workers' council (a different body than the head), which rejects it.
    let decide = node.self_call(&ExecuteMsg::DecideAppeal {
        sanction_id: third,
        uphold: false,
    });
    let (_, result) = node.pass_and_run(2, vec![decide]);
    result.unwrap();
    let res = node.ok(&anyone, exclude);
    assert_eq!(res.messages.len(), 1, "the token is told");
    let s: StandingResponse = node.q(QueryMsg::Standing {
        member: node.f(2).to_string(),
    });
    assert!(s.excluded && !s.is_member);
    assert_eq!(
        node.exec(
            &node.f(2),
            ExecuteMsg::Apply {
                statement: String::new(),
                councils: vec![]
            }
        ),
        Err(ContractError::Excluded(node.f(2).to_string()))
    );
}

#[test]
fn upheld_appeal_lowers_the_level_and_cancels_exclusion() {
    let mut node = Node::new(3);
    report_and_sanction(&mut node, 2);
    report_and_sanction(&mut node, 2);
    let third = report_and_sanction(&mut node, 2);
    node.ok(
        &node.f(2),
        ExecuteMsg::Appeal {
            sanction_id: third,
            grounds: "mistaken identity".into(),
        },
    );
    // The head sanctioned, so the head cannot decide the appeal.
    let head = node.addr("head");
    assert!(matches!(
        node.exec(
            &head,
            ExecuteMsg::DecideAppeal {
                sanction_id: third,
                uphold: true
            }
        ),
        Err(ContractError::NeedsProposal(_))
    ));
    let decide = node.self_call(&ExecuteMsg::DecideAppeal {
        sanction_id: third,
        uphold: true,
    });
    node.pass_and_run(2, vec![decide]).1.unwrap();
    let s: StandingResponse = node.q(QueryMsg::Standing {
        member: node.f(2).to_string(),
    });
    assert_eq!((s.sanction_level, s.exclusion_due), (2, None));
    let record: SanctionResponse = node.q(QueryMsg::Sanction { sanction_id: third });
    assert_eq!(record.appeal.unwrap().upheld, Some(true));
    let mine: ListSanctionsResponse = node.q(QueryMsg::ListSanctions {
        member: Some(node.f(2).to_string()),
        start_after: None,
        limit: None,
    });
    assert_eq!(mine.sanctions.len(), 3);
}

#[test]
fn appeals_close_with_the_window() {
    let mut node = Node::new(2);
    let id = report_and_sanction(&mut node, 1);
    node.advance(501);
    assert_eq!(
        node.exec(
            &node.f(1),
            ExecuteMsg::Appeal {
                sanction_id: id,
                grounds: "late".into()
            }
        ),
        Err(ContractError::AppealWindowClosed)
    );
}

#[test]
fn sanction_messages_refuse_wrong_senders_and_change_nothing() {
    let mut node = Node::new(3);
    let monitor = node.addr("monitor");
    node.ok(
        &monitor,
        ExecuteMsg::Report {
            member: node.f(1).to_string(),
            description: "x".into(),
        },
    );
    let sanction_id = report_and_sanction(&mut node, 2);
    let before = node.fingerprint();
    let f0 = node.f(0);
    assert!(matches!(
        node.exec(
            &f0,
            ExecuteMsg::Report {
                member: node.f(1).to_string(),
                description: "x".into()
            }
        ),
        Err(ContractError::Unauthorized(_))
    ));
    assert!(matches!(
        node.exec(&f0, ExecuteMsg::Sanction { report_id: 1 }),
        Err(ContractError::Unauthorized(_))
    ));
    assert!(matches!(
        node.exec(&monitor, ExecuteMsg::DismissReport { report_id: 1 }),
        Err(ContractError::Unauthorized(_))
    ));
    assert!(matches!(
        node.exec(
            &f0,
            ExecuteMsg::Appeal {
                sanction_id,
                grounds: "not mine".into()
            }
        ),
        Err(ContractError::Unauthorized(_))
    ));
    assert!(matches!(
        node.exec(
            &f0,
            ExecuteMsg::DecideAppeal {
                sanction_id,
                uphold: true
            }
        ),
        Err(ContractError::NeedsProposal(_))
    ));
    assert_eq!(
        node.exec(
            &f0,
            ExecuteMsg::EnforceExclusion {
                member: node.f(2).to_string()
            }
        ),
        Err(ContractError::ExclusionNotDue)
    );
    assert_eq!(node.fingerprint(), before);
    let head = node.addr("head");
    node.ok(&head, ExecuteMsg::DismissReport { report_id: 1 });
    let r: ReportResponse = node.q(QueryMsg::Report { report_id: 1 });
    assert_eq!(r.status, ReportStatus::Dismissed);
}

/// The ladder as the README and SECURITY.md state it, whether each act is allowed at levels
/// 0, 1, 2 and 3: level 1 may not propose (nor escalate, which opens a proposal) and holds no
/// role; level 2 may not vote or delegate either.
const DOCUMENTED_LADDER: [(Act, [bool; 4]); 5] = [
    (Act::Propose, [true, false, false, false]),
    (Act::Escalate, [true, false, false, false]),
    (Act::HoldRole, [true, false, false, false]),
    (Act::Vote, [true, true, false, false]),
    (Act::Delegate, [true, true, false, false]),
];

fn documented(act: Act, level: u8) -> bool {
    let (_, allowed) = DOCUMENTED_LADDER
        .iter()
        .find(|(a, _)| *a == act)
        .expect("every act is documented");
    allowed[level as usize]
}

#[test]
fn the_ladder_table_matches_the_documented_rules_at_every_level() {
    assert_eq!(DOCUMENTED_LADDER.len(), Act::ALL.len());
    for act in Act::ALL {
        for level in 0..=MAX_LEVEL {
            assert_eq!(
                act.allowed_at(level),
                documented(act, level),
                "{act} at level {level}"
            );
        }
    }
}

fn set_level(node: &mut Node, who: &Addr, level: u8) {
    let standing = Standing {
        level,
        ..Standing::default()
    };
    STANDING
        .save(node.deps.as_mut().storage, who, &standing)
        .unwrap();
}

/// Prepares a node where `act` is possible, puts its actor at `level`, and has them try it.
fn attempt(act: Act, level: u8) -> Result<(), ContractError> {
    let mut node = Node::new(3);
    let workers = vec![Body::Council {
        council_id: WORKERS,
    }];
    let (actor, msg) = match act {
        Act::Propose => (
            node.f(1),
            ExecuteMsg::Propose(ProposeMsg {
                chambers: workers,
                title: "a bench".into(),
                topic: "housing".into(),
                description: String::new(),
                choices: ProposalChoices::YesNo {},
                msgs: vec![],
            }),
        ),
        Act::Vote => {
            let proposal_id = node.propose(&node.f(0), workers, vec![]).unwrap();
            (
                node.f(1),
                ExecuteMsg::Vote {
                    proposal_id,
                    option: VoteOption::Yes,
                },
            )
        }
        Act::Delegate => (
            node.f(1),
            ExecuteMsg::Delegate {
                council_id: WORKERS,
                topic: "housing".into(),
                delegate: node.f(2).to_string(),
            },
        ),
        Act::Escalate => {
            let gatekeeper = node.addr("gatekeeper");
            node.ok(
                &gatekeeper,
                ExecuteMsg::AssignCouncil {
                    member: node.f(0).to_string(),
                    council_id: WORKPLACE,
                },
            );
            node.next_block();
            let workplace = vec![Body::Council {
                council_id: WORKPLACE,
            }];
            let proposal_id = node.propose(&node.f(0), workplace, vec![]).unwrap();
            node.vote(&node.f(0), proposal_id, VoteOption::Yes).unwrap();
            node.advance(1000);
            (node.f(0), ExecuteMsg::Escalate { proposal_id })
        }
        Act::HoldRole => (
            node.addr("monitor"),
            ExecuteMsg::Report {
                member: node.f(0).to_string(),
                description: "took too much".into(),
            },
        ),
    };
    set_level(&mut node, &actor, level);
    node.exec(&actor, msg).map(|_| ())
}

#[test]
fn every_act_is_refused_from_the_documented_level_and_allowed_below_it() {
    for act in Act::ALL {
        for level in 0..=MAX_LEVEL {
            let result = attempt(act, level);
            match (documented(act, level), act) {
                (true, _) => assert_eq!(result, Ok(()), "{act} at level {level}"),
                // A role check answers for the office: the holder is unauthorized.
                (false, Act::HoldRole) => assert!(
                    matches!(result, Err(ContractError::Unauthorized(_))),
                    "{act} at level {level}: {result:?}"
                ),
                (false, _) => assert_eq!(
                    result,
                    Err(ContractError::Sanctioned { act, level }),
                    "{act} at level {level}"
                ),
            }
        }
    }
}

#[test]
fn no_sanctioned_member_may_be_appointed_to_a_role() {
    for level in 0..=MAX_LEVEL {
        let mut node = Node::new(2);
        let who = node.f(1);
        set_level(&mut node, &who, level);
        let result = check_appointees(node.deps.as_ref().storage, Role::Monitor, &[who]);
        assert_eq!(
            result.is_ok(),
            documented(Act::HoldRole, level),
            "level {level}: {result:?}"
        );
    }
}

#[test]
fn a_decided_report_an_appealed_sanction_or_a_decided_appeal_cannot_be_used_twice() {
    let mut node = Node::new(3);
    let sanction_id = report_and_sanction(&mut node, 1);
    let report_id = 1;
    let head = node.addr("head");
    assert_eq!(
        node.exec(&head, ExecuteMsg::Sanction { report_id }),
        Err(ContractError::ReportDecided { report_id })
    );
    let appeal = ExecuteMsg::Appeal {
        sanction_id,
        grounds: "not me".into(),
    };
    node.ok(&node.f(1), appeal.clone());
    assert_eq!(
        node.exec(&node.f(1), appeal),
        Err(ContractError::AlreadyAppealed { sanction_id })
    );
    let decide = node.self_call(&ExecuteMsg::DecideAppeal {
        sanction_id,
        uphold: false,
    });
    node.pass_and_run(2, vec![decide.clone()]).1.unwrap();
    let (_, again) = node.pass_and_run(2, vec![decide]);
    assert_eq!(
        again,
        Err(ContractError::NoPendingAppeal { sanction_id }.to_string())
    );
}
