use super::harness::*;
use crate::msg::*;
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
