//! Finding 6: roles are offices of members in good standing. A sanctioned, leaving or excluded
//! member loses every role at once, a stale role never acts, and nobody else is appointed.

use cosmwasm_std::testing::{message_info, mock_dependencies, mock_env};
use cosmwasm_std::Addr;

use super::harness::*;
use crate::contract::instantiate;
use crate::msg::*;
use crate::state::CONFIG;
use crate::ContractError;

fn sanction(node: &mut Node, who: &Addr) {
    let (monitor, head) = (node.addr("monitor"), node.addr("head"));
    node.ok(
        &monitor,
        ExecuteMsg::Report {
            member: who.to_string(),
            description: "admits puppets".into(),
        },
    );
    let reports: ListReportsResponse = node.q(QueryMsg::ListReports {
        start_after: None,
        limit: Some(30),
    });
    let report_id = reports.reports.last().unwrap().id;
    node.ok(&head, ExecuteMsg::Sanction { report_id });
}

fn config(node: &Node) -> ConfigResponse {
    node.q(QueryMsg::Config {})
}

fn apply(node: &mut Node, name: &str) -> Addr {
    let who = node.addr(name);
    node.ok(
        &who,
        ExecuteMsg::Apply {
            statement: String::new(),
            councils: vec![WORKERS],
        },
    );
    who
}

fn admit(node: &mut Node, gatekeeper: &Addr, who: &Addr) -> Result<(), ContractError> {
    node.exec(
        gatekeeper,
        ExecuteMsg::Admit {
            applicant: who.to_string(),
        },
    )
    .map(|_| ())
}

fn is_unauthorized(result: Result<(), ContractError>) -> bool {
    matches!(result, Err(ContractError::Unauthorized(_)))
}

/// Seats f1 as head, gatekeeper, monitor and draw requester by an executive proposal.
fn f1_holds_every_role(node: &mut Node) -> Addr {
    let f1 = node.f(1);
    let msgs = vec![
        node.self_call(&ExecuteMsg::UpdateRoles {
            head: Some(f1.to_string()),
            gatekeepers: Some(vec![f1.to_string(), node.addr("gatekeeper").to_string()]),
            monitors: Some(vec![f1.to_string(), node.addr("monitor").to_string()]),
        }),
        node.self_call(&ExecuteMsg::UpdateConfig(UpdateConfigMsg {
            sanction_authority: None,
            appeal_authority: None,
            appeal_window_seconds: None,
            max_delegation_depth: None,
            draw_requesters: Some(vec![f1.to_string()]),
            escrow: None,
            limits: None,
            relay: None,
        })),
    ];
    node.pass_and_run(3, msgs).1.unwrap();
    let c = config(node);
    assert_eq!(c.head, Some(f1.clone()));
    assert!(c.gatekeepers.contains(&f1) && c.monitors.contains(&f1));
    assert_eq!(c.draw_requesters, vec![f1.clone()]);
    f1
}

fn holds_no_role(c: &ConfigResponse, who: &Addr) -> bool {
    c.head.as_ref() != Some(who)
        && !c.gatekeepers.contains(who)
        && !c.monitors.contains(who)
        && !c.draw_requesters.contains(who)
}

#[test]
fn an_excluded_gatekeeper_cannot_admit_puppets() {
    let mut node = Node::new(3);
    let gatekeeper = node.addr("gatekeeper");
    for _ in 0..3 {
        sanction(&mut node, &gatekeeper);
    }
    node.advance(501);
    node.ok(
        &node.f(0),
        ExecuteMsg::EnforceExclusion {
            member: gatekeeper.to_string(),
        },
    );
    assert!(holds_no_role(&config(&node), &gatekeeper));
    let puppet = apply(&mut node, "puppet");
    let before = node.fingerprint();
    assert!(is_unauthorized(admit(&mut node, &gatekeeper, &puppet)));
    assert_eq!(node.fingerprint(), before);
    let m: cw4::MemberResponse = node.q(QueryMsg::Member {
        addr: puppet.to_string(),
        at_height: None,
    });
    assert_eq!(m.weight, None, "no puppet got in");
}

#[test]
fn a_stale_role_from_before_the_fix_cannot_act() {
    // A contract migrated from the old code may still list an excluded gatekeeper: the check
    // at use time refuses it although the list names it.
    let mut node = Node::new(3);
    let gatekeeper = node.addr("gatekeeper");
    let f2 = node.f(2);
    for _ in 0..3 {
        sanction(&mut node, &f2);
    }
    node.advance(501);
    node.ok(
        &node.f(0),
        ExecuteMsg::EnforceExclusion {
            member: f2.to_string(),
        },
    );
    let mut stale = CONFIG.load(&node.deps.storage).unwrap();
    stale.gatekeepers.push(f2.clone());
    stale.monitors.push(f2.clone());
    stale.draw_requesters.push(f2.clone());
    CONFIG.save(&mut node.deps.storage, &stale).unwrap();

    let puppet = apply(&mut node, "puppet");
    assert!(is_unauthorized(admit(&mut node, &f2, &puppet)));
    let report = node.exec(
        &f2,
        ExecuteMsg::Report {
            member: node.f(0).to_string(),
            description: "revenge".into(),
        },
    );
    assert!(matches!(report, Err(ContractError::Unauthorized(_))));
    let draw = node.exec(
        &f2,
        ExecuteMsg::CommitDraw(CommitDrawMsg {
            council_id: WORKERS,
            size: 1,
            max_per_subcouncil: None,
            purpose: "a friend".into(),
            deal_id: None,
        }),
    );
    assert!(draw.is_err(), "{draw:?}");
    // The gatekeeper in good standing still admits.
    admit(&mut node, &gatekeeper, &puppet).unwrap();
}

#[test]
fn a_sanctioned_member_loses_every_role_at_once() {
    let mut node = Node::new(3);
    let f1 = f1_holds_every_role(&mut node);
    // The head is f1 now (the sanction authority): a report by the other monitor, and the
    // head's own sanction, which ends its own roles too.
    let monitor = node.addr("monitor");
    node.ok(
        &monitor,
        ExecuteMsg::Report {
            member: f1.to_string(),
            description: "misconduct".into(),
        },
    );
    let res = node.ok(&f1, ExecuteMsg::Sanction { report_id: 1 });
    assert!(res
        .attributes
        .iter()
        .any(|a| a.key == "roles_lost" && a.value == "true"));
    let c = config(&node);
    assert!(holds_no_role(&c, &f1), "{c:?}");
    assert_eq!(c.head, None);
    assert_eq!(c.gatekeepers, vec![node.addr("gatekeeper")]);
    let puppet = apply(&mut node, "puppet");
    assert!(is_unauthorized(admit(&mut node, &f1, &puppet)));
    // Nobody is head now: head-only powers wait for a new appointment.
    node.ok(
        &monitor,
        ExecuteMsg::Report {
            member: node.f(2).to_string(),
            description: "x".into(),
        },
    );
    assert!(matches!(
        node.exec(&f1, ExecuteMsg::Sanction { report_id: 2 }),
        Err(ContractError::Unauthorized(_))
    ));
}

#[test]
fn a_leaving_member_loses_every_role() {
    let mut node = Node::new(3);
    let f1 = f1_holds_every_role(&mut node);
    let res = node.ok(&f1, ExecuteMsg::Leave {});
    assert!(res
        .attributes
        .iter()
        .any(|a| a.key == "roles_lost" && a.value == "true"));
    assert!(holds_no_role(&config(&node), &f1));
    // Coming back as a member does not bring a role back.
    node.ok(
        &f1,
        ExecuteMsg::Apply {
            statement: String::new(),
            councils: vec![],
        },
    );
    let gatekeeper = node.addr("gatekeeper");
    admit(&mut node, &gatekeeper, &f1).unwrap();
    let puppet = apply(&mut node, "puppet");
    assert!(is_unauthorized(admit(&mut node, &f1, &puppet)));
}

#[test]
fn appointing_a_non_member_or_a_sanctioned_member_is_refused() {
    let mut node = Node::new(3);
    let stranger = node.addr("stranger");
    let f2 = node.f(2);
    sanction(&mut node, &f2);
    for appointee in [&stranger, &f2] {
        for msg in [
            ExecuteMsg::UpdateRoles {
                head: Some(appointee.to_string()),
                gatekeepers: None,
                monitors: None,
            },
            ExecuteMsg::UpdateRoles {
                head: None,
                gatekeepers: Some(vec![appointee.to_string()]),
                monitors: None,
            },
            ExecuteMsg::UpdateRoles {
                head: None,
                gatekeepers: None,
                monitors: Some(vec![appointee.to_string()]),
            },
        ] {
            let before = config(&node);
            let (_, result) = node.pass_and_run(3, vec![node.self_call(&msg)]);
            let err = result.unwrap_err();
            assert!(err.contains("may not hold the role"), "{msg:?}: {err}");
            assert_eq!(config(&node), before);
        }
    }
    // A draw requester need not be a member (a contract), but may not be sanctioned.
    let (_, result) = node.pass_and_run(
        3,
        vec![node.self_call(&ExecuteMsg::UpdateConfig(UpdateConfigMsg {
            sanction_authority: None,
            appeal_authority: None,
            appeal_window_seconds: None,
            max_delegation_depth: None,
            draw_requesters: Some(vec![f2.to_string()]),
            escrow: None,
            limits: None,
            relay: None,
        }))],
    );
    assert!(result.unwrap_err().contains("may not hold the role"));
}

#[test]
fn instantiation_names_only_founders_to_roles() {
    let api = mock_dependencies().api;
    let founder = api.addr_make("founder").to_string();
    let outsider = api.addr_make("outsider").to_string();
    let msg = |head: &str, gatekeeper: &str, monitor: &str| InstantiateMsg {
        head: head.to_string(),
        gatekeepers: vec![gatekeeper.to_string()],
        monitors: vec![monitor.to_string()],
        founders: vec![founder.clone()],
        councils: vec![NewCouncil {
            name: "city".into(),
            kind: CouncilKind::Workers,
            parent: None,
            executive: true,
            rules: rules(false),
            members: vec![founder.clone()],
        }],
        sanction_authority: Authority::Head,
        appeal_authority: Authority::Council { council_id: 1 },
        appeal_window_seconds: 500,
        max_delegation_depth: 3,
        token: None,
        draw_requesters: vec![],
        escrow: None,
        limits: None,
    };
    let info = message_info(&api.addr_make("deployer"), &[]);
    for bad in [
        msg(&outsider, &founder, &founder),
        msg(&founder, &outsider, &founder),
        msg(&founder, &founder, &outsider),
    ] {
        let mut deps = mock_dependencies();
        let err = instantiate(deps.as_mut(), mock_env(), info.clone(), bad).unwrap_err();
        assert!(
            matches!(err, ContractError::RoleNotAllowed { .. }),
            "{err:?}"
        );
    }
    instantiate(
        mock_dependencies().as_mut(),
        mock_env(),
        info,
        msg(&founder, &founder, &founder),
    )
    .unwrap();
}
