//! The council as admin of the demurrage token, on a node deployed by the recipe: a passed
//! proposal changes the demurrage rate; a member admitted by the gatekeeper then receives basic
//! income; a proposal whose message the token refuses is marked `ExecutionFailed`, not stuck;
//! a token that refuses membership updates never keeps members in (or out): the change stands
//! and the token sync waits for anyone's retry.

use cosmwasm_std::{Addr, Decimal};
use council::msg::{
    ConfigResponse, ExecuteMsg as CouncilExecute, PendingTokenSync, PendingTokenSyncsResponse,
    ProposalStatus, QueryMsg as CouncilQuery,
};
use dac_testing::dac_deploy::Contract;
use dac_testing::{attribute, Node, DAY};
use demurrage_token::msg::{
    ClaimableResponse, DemurrageParams, DemurrageResponse, ExecuteMsg as TokenExecute,
    QueryMsg as TokenQuery,
};

/// The recipe's genesis rate: 0.05% a day.
fn genesis_rate() -> Decimal {
    Decimal::from_ratio(5u32, 10_000u32)
}

fn pending_syncs(node: &Node) -> Vec<PendingTokenSync> {
    let r: PendingTokenSyncsResponse = node.query_council(&CouncilQuery::PendingTokenSyncs {
        start_after: None,
        limit: None,
    });
    r.pending
}

fn council_token(node: &Node) -> Option<Addr> {
    let config: ConfigResponse = node.query_council(&CouncilQuery::Config {});
    config.token
}

fn demurrage(node: &Node) -> DemurrageResponse {
    node.query_token(&TokenQuery::Demurrage {})
}

/// The token's membership authority is moved from the council to `authority` by a passed
/// proposal (the council is the token's admin).
fn token_authority_moves_to(node: &mut Node, authority: &Addr) {
    let moved = node.wasm_msg(
        Contract::Token,
        &TokenExecute::UpdateMembershipAuthority {
            authority: authority.to_string(),
        },
    );
    let id = node
        .pass("move the membership authority", vec![moved])
        .unwrap();
    assert_eq!(node.proposal(id).status, ProposalStatus::Executed);
}

#[test]
fn council_changes_the_rate_and_admits_a_member_who_receives_basic_income() {
    let mut node = Node::deploy();
    assert_eq!(
        council_token(&node),
        Some(node.contract(Contract::Token)),
        "the recipe points the council at the token"
    );
    // From 0.05% to 0.04% a day.
    let new_rate = Decimal::from_ratio(4u32, 10_000u32);
    let change_rate = node.wasm_msg(
        Contract::Token,
        &TokenExecute::UpdateDemurrage(DemurrageParams {
            rate: new_rate,
            period_seconds: DAY,
        }),
    );
    let id = node.pass("economy", vec![change_rate]).unwrap();
    let executed = node.proposal(id);
    assert_eq!(
        executed.status,
        ProposalStatus::Executed,
        "{:?}",
        executed.execution_error
    );
    assert_eq!(demurrage(&node).rate, new_rate);

    // A newcomer applies; the gatekeeper admits; the council tells the token.
    let newcomer = node.addr("newcomer");
    node.execute_council(
        &newcomer,
        &CouncilExecute::Apply {
            statement: "I bake bread".into(),
            councils: vec![1],
        },
    )
    .unwrap();
    let gatekeeper = node.gatekeeper();
    node.execute_council(
        &gatekeeper,
        &CouncilExecute::Admit {
            applicant: newcomer.to_string(),
        },
    )
    .unwrap();
    assert_eq!(node.council_weight(&newcomer), Some(1));
    assert!(node.token_member(&newcomer));

    node.advance(10 * DAY);
    let claimable: ClaimableResponse = node.query_token(&TokenQuery::Claimable {
        address: newcomer.to_string(),
    });
    assert!(
        claimable.is_member && !claimable.amount.is_zero(),
        "{claimable:?}"
    );
    node.execute_token(&newcomer, &TokenExecute::ClaimIncome {})
        .unwrap();
    assert_eq!(node.token_balance(&newcomer), claimable.amount.u128());

    // Leaving ends the basic income.
    node.execute_council(&newcomer, &CouncilExecute::Leave {})
        .unwrap();
    assert!(!node.token_member(&newcomer));
}

#[test]
fn a_refused_message_marks_the_proposal_failed_and_changes_nothing() {
    let mut node = Node::deploy();
    let token = node.contract(Contract::Token);
    // The council would forget its token, then asks for a rate far above the token's ceiling
    // on the yearly rate: the token refuses it, and the first message is undone with it.
    let forget_token = node.wasm_msg(Contract::Council, &CouncilExecute::SetToken { token: None });
    let too_high = node.wasm_msg(
        Contract::Token,
        &TokenExecute::UpdateDemurrage(DemurrageParams {
            rate: Decimal::percent(10),
            period_seconds: DAY,
        }),
    );
    let id = node.pass("economy", vec![forget_token, too_high]).unwrap();
    let p = node.proposal(id);
    assert_eq!(p.status, ProposalStatus::ExecutionFailed);
    assert!(p.execution_error.is_some());
    assert_eq!(
        council_token(&node),
        Some(token.clone()),
        "the proposal's messages fail together"
    );
    assert_eq!(demurrage(&node).rate, genesis_rate());
    // A retry within the execution window (issue 14, finding 7) fails the same way and changes
    // nothing; after the window the proposal is expired and refused.
    let anyone = node.addr("anyone");
    node.execute_council(&anyone, &CouncilExecute::Execute { proposal_id: id })
        .unwrap();
    let p = node.proposal(id);
    assert_eq!(p.status, ProposalStatus::ExecutionFailed);
    assert_eq!(council_token(&node), Some(token));
    assert_eq!(demurrage(&node).rate, genesis_rate());
    let execute_by = p.execute_by;
    node.chain
        .app
        .update_block(|b| b.time = execute_by.plus_seconds(1));
    assert!(node.proposal(id).expired);
    assert!(node
        .execute_council(&anyone, &CouncilExecute::Execute { proposal_id: id })
        .is_err());
}

#[test]
fn only_the_council_changes_the_token() {
    let mut node = Node::deploy();
    // Not a founder, not the head, not the deployer: only the council's proposal may.
    for who in [
        node.founders()[0].clone(),
        node.head(),
        node.addr("deployer"),
    ] {
        let err = node.execute_token(
            &who,
            &TokenExecute::UpdateDemurrage(DemurrageParams {
                rate: Decimal::permille(2),
                period_seconds: DAY,
            }),
        );
        assert!(err.is_err(), "{who} changed the token");
    }
    assert_eq!(demurrage(&node).rate, genesis_rate());
}

#[test]
fn a_member_leaves_even_when_the_token_refuses_the_update() {
    let mut node = Node::deploy();
    let elsewhere = node.addr("elsewhere");
    token_authority_moves_to(&mut node, &elsewhere);
    let leaver = node.founders()[2].clone();
    assert!(node.token_member(&leaver));

    let res = node
        .execute_council(&leaver, &CouncilExecute::Leave {})
        .expect("leaving always works");
    assert_eq!(attribute(&res, "token_updated").as_deref(), Some("false"));
    assert_eq!(node.council_weight(&leaver), None, "out of the node");
    assert!(
        node.token_member(&leaver),
        "the token refused: still a member there"
    );
    assert_eq!(
        pending_syncs(&node),
        vec![PendingTokenSync {
            member: leaver.clone(),
            is_member: false,
        }]
    );

    // A retry while the token still refuses fails and keeps the sync pending.
    let anyone = node.addr("anyone");
    let retry = CouncilExecute::SyncToken {
        member: leaver.to_string(),
    };
    assert!(node.execute_council(&anyone, &retry).is_err());
    assert_eq!(pending_syncs(&node).len(), 1);

    // The authority comes back to the council; anyone retries and the token catches up.
    let back = node.wasm_msg(
        Contract::Token,
        &TokenExecute::UpdateMembershipAuthority {
            authority: node.contract(Contract::Council).to_string(),
        },
    );
    node.next_block();
    let stayed: Vec<String> = node
        .cfg
        .founders
        .iter()
        .filter(|f| f.as_str() != leaver.as_str())
        .cloned()
        .collect();
    let id = node.pass_by(&stayed, "authority back", vec![back]).unwrap();
    assert_eq!(node.proposal(id).status, ProposalStatus::Executed);
    node.execute_council(&anyone, &retry).unwrap();
    assert!(!node.token_member(&leaver));
    assert!(pending_syncs(&node).is_empty());
    assert!(
        node.execute_council(&anyone, &retry).is_err(),
        "nothing left to sync"
    );
}

#[test]
fn an_admission_stands_when_the_token_refuses() {
    let mut node = Node::deploy();
    let elsewhere = node.addr("elsewhere");
    token_authority_moves_to(&mut node, &elsewhere);
    let newcomer = node.addr("newcomer");
    node.execute_council(
        &newcomer,
        &CouncilExecute::Apply {
            statement: "I bake bread".into(),
            councils: vec![],
        },
    )
    .unwrap();
    let gatekeeper = node.gatekeeper();
    let res = node
        .execute_council(
            &gatekeeper,
            &CouncilExecute::Admit {
                applicant: newcomer.to_string(),
            },
        )
        .expect("admitted although the token refuses");
    assert_eq!(attribute(&res, "token_updated").as_deref(), Some("false"));
    assert_eq!(node.council_weight(&newcomer), Some(1));
    assert!(!node.token_member(&newcomer));
    assert_eq!(
        pending_syncs(&node),
        vec![PendingTokenSync {
            member: newcomer.clone(),
            is_member: true,
        }]
    );
    // Leaving supersedes the pending admission: one entry per member, sent as it is then.
    node.execute_council(&newcomer, &CouncilExecute::Leave {})
        .unwrap();
    assert_eq!(
        pending_syncs(&node),
        vec![PendingTokenSync {
            member: newcomer,
            is_member: false,
        }]
    );
}
