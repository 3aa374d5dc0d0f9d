use cosmwasm_std::testing::message_info;

use super::harness::*;
use crate::contract::migrate;
use crate::msg::*;
use crate::ContractError;

#[test]
fn constitution_changes_only_through_an_executive_proposal() {
    let mut node = Node::new(3);
    let before = node.fingerprint();
    let f0 = node.f(0);
    let head = node.addr("head");
    let contract = node.contract();
    let msgs = vec![
        ExecuteMsg::UpdateConfig(UpdateConfigMsg {
            sanction_authority: None,
            appeal_authority: None,
            appeal_window_seconds: Some(1),
            max_delegation_depth: None,
            draw_requesters: None,
            escrow: None,
            limits: None,
            relay: None,
        }),
        ExecuteMsg::UpdateCharter {
            council_id: WORKPLACE,
            grants: Some(vec![Grant::Treasury {}]),
        },
        ExecuteMsg::SetToken { token: None },
        ExecuteMsg::UpdateRoles {
            head: Some(f0.to_string()),
            gatekeepers: None,
            monitors: None,
        },
        ExecuteMsg::CreateCouncil {
            council: NewCouncil {
                name: "x".into(),
                kind: CouncilKind::Workers,
                parent: None,
                executive: true,
                rules: rules(false),
                members: vec![],
            },
        },
        ExecuteMsg::UpdateCouncil {
            council_id: WORKPLACE,
            name: None,
            executive: Some(true),
            rules: None,
        },
        ExecuteMsg::ElectDelegate {
            council_id: WORKPLACE,
            member: f0.to_string(),
        },
        ExecuteMsg::RecallDelegate {
            council_id: WORKPLACE,
            member: f0.to_string(),
        },
        ExecuteMsg::RunPassed { proposal_id: 1 },
        ExecuteMsg::CommitDraw(CommitDrawMsg {
            council_id: WORKERS,
            size: 3,
            max_per_subcouncil: None,
            purpose: "p".into(),
            deal_id: None,
        }),
    ];
    for msg in msgs {
        for sender in [&f0, &head, &contract] {
            let err = node.exec(sender, msg.clone()).unwrap_err();
            assert!(
                matches!(
                    err,
                    ContractError::NeedsProposal(_)
                        | ContractError::Unauthorized(_)
                        | ContractError::NoProposal(_)
                ),
                "{msg:?} from {sender}: {err:?}"
            );
        }
    }
    assert_eq!(node.fingerprint(), before);
}

#[test]
fn passed_proposal_updates_roles_and_config() {
    let mut node = Node::new(3);
    let new_head = node.f(1);
    let msgs = vec![
        node.self_call(&ExecuteMsg::UpdateRoles {
            head: Some(new_head.to_string()),
            gatekeepers: None,
            monitors: None,
        }),
        node.self_call(&ExecuteMsg::SetToken { token: None }),
    ];
    let (id, result) = node.pass_and_run(3, msgs);
    result.unwrap();
    let config: ConfigResponse = node.q(QueryMsg::Config {});
    assert_eq!(config.head, Some(new_head));
    assert_eq!(config.token, None);
    assert_eq!(node.proposal(id).status, ProposalStatus::Executed);
}

#[test]
fn failing_execution_is_marked_and_reverted_never_stuck() {
    let mut node = Node::new(3);
    // Appeals may not go to the body that sanctions: the whole proposal fails atomically.
    let msgs = vec![
        node.self_call(&ExecuteMsg::SetToken { token: None }),
        node.self_call(&ExecuteMsg::UpdateConfig(UpdateConfigMsg {
            sanction_authority: Some(Authority::Council {
                council_id: WORKERS,
            }),
            appeal_authority: None,
            appeal_window_seconds: None,
            max_delegation_depth: None,
            draw_requesters: None,
            escrow: None,
            limits: None,
            relay: None,
        })),
    ];
    let (id, result) = node.pass_and_run(3, msgs);
    assert!(result.is_err());
    let p = node.proposal(id);
    assert_eq!(p.status, ProposalStatus::ExecutionFailed);
    assert!(p.execution_error.unwrap().contains("different body"));
    let config: ConfigResponse = node.q(QueryMsg::Config {});
    assert!(
        config.token.is_some(),
        "the first message was rolled back too"
    );
    // A retry within the execution window fails the same way, and is marked again.
    assert!(node.run(id).is_err());
    assert_eq!(node.proposal(id).status, ProposalStatus::ExecutionFailed);
}

#[test]
fn non_executive_council_cannot_command_contracts() {
    let mut node = Node::new(3);
    let gatekeeper = node.addr("gatekeeper");
    node.ok(
        &gatekeeper,
        ExecuteMsg::AssignCouncil {
            member: node.f(0).to_string(),
            council_id: WORKPLACE,
        },
    );
    let external = cosmwasm_std::BankMsg::Send {
        to_address: node.f(0).to_string(),
        amount: vec![],
    }
    .into();
    let err = node.propose(
        &node.f(0),
        vec![Body::Council {
            council_id: WORKPLACE,
        }],
        vec![external],
    );
    assert!(matches!(err, Err(ContractError::OutOfScope(_))));
    let config_change = node.self_call(&ExecuteMsg::SetToken { token: None });
    let err = node.propose(
        &node.f(0),
        vec![Body::Council {
            council_id: WORKPLACE,
        }],
        vec![config_change],
    );
    assert!(matches!(err, Err(ContractError::OutOfScope(_))));
}

#[test]
fn child_council_elects_and_recalls_its_delegate() {
    let mut node = Node::new(3);
    let gatekeeper = node.addr("gatekeeper");
    let worker = node.addr("worker");
    node.ok(
        &worker,
        ExecuteMsg::Apply {
            statement: String::new(),
            councils: vec![WORKPLACE],
        },
    );
    node.ok(
        &gatekeeper,
        ExecuteMsg::Admit {
            applicant: worker.to_string(),
        },
    );
    node.next_block();
    let elect = node.self_call(&ExecuteMsg::ElectDelegate {
        council_id: WORKPLACE,
        member: worker.to_string(),
    });
    let id = node
        .propose(
            &worker,
            vec![Body::Council {
                council_id: WORKPLACE,
            }],
            vec![elect],
        )
        .unwrap();
    node.vote(&worker, id, VoteOption::Yes).unwrap();
    node.advance(1000);
    node.run(id).unwrap();
    let seat: CouncilMemberResponse = node.q(QueryMsg::CouncilMember {
        council_id: WORKERS,
        addr: worker.to_string(),
        at_height: None,
    });
    assert_eq!(seat.seat, Some(Seat::Delegate { of: WORKPLACE }));

    // The delegate leaving the workplace loses the parent seat too.
    node.ok(
        &worker,
        ExecuteMsg::LeaveCouncil {
            council_id: WORKPLACE,
        },
    );
    let seat: CouncilMemberResponse = node.q(QueryMsg::CouncilMember {
        council_id: WORKERS,
        addr: worker.to_string(),
        at_height: None,
    });
    assert_eq!(seat.seat, None);
}

#[test]
fn migrate_refuses_downgrade() {
    assert_eq!(crate::contract::CONTRACT_NAME, "crates.io:council");
    let mut node = Node::new(1);
    cw2::set_contract_version(
        &mut node.deps.storage,
        crate::contract::CONTRACT_NAME,
        "99.0.0",
    )
    .unwrap();
    let err = migrate(node.deps.as_mut(), node.env.clone(), MigrateMsg {}).unwrap_err();
    assert_eq!(
        err,
        crate::error::ContractError::Migrate(dac_common::migrate::MigrateError::Downgrade {
            stored: "99.0.0".into(),
            new: crate::contract::CONTRACT_VERSION.into()
        })
    );
    cw2::set_contract_version(
        &mut node.deps.storage,
        crate::contract::CONTRACT_NAME,
        "0.0.1",
    )
    .unwrap();
    migrate(node.deps.as_mut(), node.env.clone(), MigrateMsg {}).unwrap();
}

#[test]
fn instantiate_refuses_same_sanction_and_appeal_body() {
    let mut deps = cosmwasm_std::testing::mock_dependencies();
    let msg = InstantiateMsg {
        head: deps.api.addr_make("head").to_string(),
        gatekeepers: vec![],
        monitors: vec![],
        founders: vec![],
        councils: vec![],
        sanction_authority: Authority::Head,
        appeal_authority: Authority::Head,
        appeal_window_seconds: 10,
        max_delegation_depth: 3,
        token: None,
        draw_requesters: vec![],
        escrow: None,
        limits: None,
    };
    let info = message_info(&deps.api.addr_make("x"), &[]);
    let err =
        crate::contract::instantiate(deps.as_mut(), cosmwasm_std::testing::mock_env(), info, msg)
            .unwrap_err();
    assert_eq!(err, ContractError::AppealToSanctioningBody);
}

/// Each broken rule of a configuration or a council's voting rules has its own error.
#[test]
fn bad_rules_and_configs_are_refused_with_the_rule_they_break() {
    use crate::execute::councils::validate_rules;
    use crate::execute::governance::validate_config;
    use crate::state::{CONFIG, HARD_MAX_DELEGATION_DEPTH};
    use cosmwasm_std::Decimal;

    let good = rules(false);
    assert_eq!(validate_rules(&good), Ok(()));
    let cases = [
        (
            VotingRules {
                voting_period_seconds: 0,
                min_voting_period_seconds: 0,
                ..good.clone()
            },
            ContractError::ZeroVotingPeriod,
        ),
        (
            VotingRules {
                min_voting_period_seconds: good.voting_period_seconds + 1,
                ..good.clone()
            },
            ContractError::MinVotingPeriodTooLong,
        ),
        (
            VotingRules {
                threshold: Threshold::AbsolutePercentage {
                    percentage: Decimal::one(),
                },
                ..good.clone()
            },
            ContractError::ThresholdOutOfRange,
        ),
    ];
    for (rules, expected) in cases {
        assert_eq!(validate_rules(&rules), Err(expected));
    }

    let node = Node::new(3);
    let config = CONFIG.load(node.deps.as_ref().storage).unwrap();
    assert_eq!(validate_config(&config), Ok(()));
    let mut same = config.clone();
    same.appeal_authority = same.sanction_authority.clone();
    let mut deep = config.clone();
    deep.max_delegation_depth = HARD_MAX_DELEGATION_DEPTH + 1;
    let mut no_window = config.clone();
    no_window.appeal_window_seconds = 0;
    let mut limits = config.clone();
    limits.limits.min_panel_size = 1;
    let cases = [
        (same, ContractError::AppealToSanctioningBody),
        (
            deep,
            ContractError::DelegationDepthOutOfRange {
                max: HARD_MAX_DELEGATION_DEPTH,
            },
        ),
        (no_window, ContractError::ZeroAppealWindow),
        (limits, ContractError::LimitsOutOfBounds),
    ];
    for (config, expected) in cases {
        assert_eq!(validate_config(&config), Err(expected));
    }
}
