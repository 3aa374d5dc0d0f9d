//! The authority matrix of SECURITY.md, one row per execute message: each row is sent from
//! every sender class; exactly the allowed classes get past authority, every other class gets a
//! typed authority error and leaves the state unchanged.

use cosmwasm_std::{Addr, HexBinary};

use crate::msg::*;
use crate::tests::harness::*;
use crate::ContractError;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Sender {
    /// Not a node member.
    Stranger,
    /// A node member without a seat in any council.
    Member,
    /// f0: seated in the workers' (executive) and workplace councils.
    Seated,
    Head,
    /// A configured draw requester (not a member).
    Requester,
    /// The council contract itself, outside any run of a proposal.
    CouncilItself,
}

const SENDERS: [Sender; 6] = [
    Sender::Stranger,
    Sender::Member,
    Sender::Seated,
    Sender::Head,
    Sender::Requester,
    Sender::CouncilItself,
];

/// The open workers' proposal, the passed workplace proposal and the committed panel of
/// `fixture`.
const OPEN: u64 = 2;
const PASSED_CHILD: u64 = 1;
const PANEL: u64 = 1;

fn fixture() -> Node {
    let mut node = Node::new(3);
    node.env.block.time = crate::tests::sortition::commit_time();
    let gatekeeper = node.addr("gatekeeper");
    let member = node.addr("member");
    node.ok(
        &member,
        ExecuteMsg::Apply {
            statement: String::new(),
            councils: vec![],
        },
    );
    node.ok(
        &gatekeeper,
        ExecuteMsg::Admit {
            applicant: member.to_string(),
        },
    );
    node.ok(
        &gatekeeper,
        ExecuteMsg::AssignCouncil {
            member: node.f(0).to_string(),
            council_id: WORKPLACE,
        },
    );
    node.next_block();
    let child = node
        .propose(
            &node.f(0),
            vec![Body::Council {
                council_id: WORKPLACE,
            }],
            vec![],
        )
        .unwrap();
    node.vote(&node.f(0), child, VoteOption::Yes).unwrap();
    node.advance(1000);
    let open = node
        .propose(
            &node.f(0),
            vec![Body::Council {
                council_id: WORKERS,
            }],
            vec![],
        )
        .unwrap();
    assert_eq!((child, open), (PASSED_CHILD, OPEN));
    let requester = node.addr("requester");
    node.ok(
        &requester,
        ExecuteMsg::CommitDraw(CommitDrawMsg {
            council_id: WORKERS,
            size: 3,
            max_per_subcouncil: None,
            purpose: "p".into(),
            deal_id: None,
        }),
    );
    node
}

fn address(node: &Node, sender: Sender) -> Addr {
    match sender {
        Sender::Stranger => node.addr("stranger"),
        Sender::Member => node.addr("member"),
        Sender::Seated => node.f(0),
        Sender::Head => node.addr("head"),
        Sender::Requester => node.addr("requester"),
        Sender::CouncilItself => node.contract(),
    }
}

fn is_authority_error(e: &ContractError) -> bool {
    matches!(
        e,
        ContractError::Unauthorized(_)
            | ContractError::NeedsProposal(_)
            | ContractError::NotMember(_)
            | ContractError::NotInCouncil { .. }
            | ContractError::NotEligible(_)
    )
}

struct Row {
    name: &'static str,
    msg: fn(&Node) -> ExecuteMsg,
    allowed: &'static [Sender],
}

/// The council's proposal, scope and sortition messages (SECURITY.md, "Proposals, scopes and
/// sortition"). Messages changed only by a passed proposal list no sender: outside a run even
/// the council itself is refused.
const PROPOSAL_ROWS: &[Row] = &[
    Row {
        name: "Propose",
        msg: |_| {
            ExecuteMsg::Propose(ProposeMsg {
                chambers: vec![Body::Council {
                    council_id: WORKERS,
                }],
                title: "t".into(),
                topic: "housing".into(),
                description: String::new(),
                choices: ProposalChoices::YesNo {},
                msgs: vec![],
            })
        },
        allowed: &[Sender::Seated],
    },
    Row {
        name: "Vote",
        msg: |_| ExecuteMsg::Vote {
            proposal_id: OPEN,
            option: VoteOption::Yes,
        },
        allowed: &[Sender::Seated],
    },
    Row {
        name: "Close",
        msg: |_| ExecuteMsg::Close {
            proposal_id: PASSED_CHILD,
        },
        allowed: &SENDERS,
    },
    Row {
        name: "Execute",
        msg: |_| ExecuteMsg::Execute {
            proposal_id: PASSED_CHILD,
        },
        allowed: &SENDERS,
    },
    Row {
        name: "Escalate",
        msg: |_| ExecuteMsg::Escalate {
            proposal_id: PASSED_CHILD,
        },
        allowed: &[Sender::Seated],
    },
    Row {
        name: "RunPassed",
        msg: |_| ExecuteMsg::RunPassed {
            proposal_id: PASSED_CHILD,
        },
        allowed: &[],
    },
    Row {
        name: "CommitDraw",
        msg: |_| {
            ExecuteMsg::CommitDraw(CommitDrawMsg {
                council_id: WORKERS,
                size: 3,
                max_per_subcouncil: None,
                purpose: "p".into(),
                deal_id: None,
            })
        },
        allowed: &[Sender::Requester],
    },
    Row {
        name: "RevealDraw",
        msg: |_| ExecuteMsg::RevealDraw {
            panel_id: PANEL,
            signature: HexBinary::from_hex(crate::tests::sortition::SIGNATURE).unwrap(),
        },
        allowed: &SENDERS,
    },
    Row {
        name: "UpdateCharter",
        msg: |_| ExecuteMsg::UpdateCharter {
            council_id: WORKPLACE,
            grants: Some(vec![Grant::Treasury {}]),
        },
        allowed: &[],
    },
    Row {
        name: "SetToken",
        msg: |node| ExecuteMsg::SetToken {
            token: Some(node.addr("attacker").to_string()),
        },
        allowed: &[],
    },
    Row {
        name: "CreateCouncil",
        msg: |_| ExecuteMsg::CreateCouncil {
            council: NewCouncil {
                name: "a council of one".into(),
                kind: CouncilKind::Workers,
                parent: Some(WORKERS),
                executive: true,
                rules: rules(false),
                members: vec![],
            },
        },
        allowed: &[],
    },
    Row {
        name: "UpdateCouncil",
        msg: |_| ExecuteMsg::UpdateCouncil {
            council_id: WORKPLACE,
            name: None,
            executive: Some(true),
            rules: None,
        },
        allowed: &[],
    },
    // A passed proposal of that council only (the one that passed is not running here).
    Row {
        name: "ElectDelegate",
        msg: |node| ExecuteMsg::ElectDelegate {
            council_id: WORKPLACE,
            member: node.f(0).to_string(),
        },
        allowed: &[],
    },
    Row {
        name: "RecallDelegate",
        msg: |node| ExecuteMsg::RecallDelegate {
            council_id: WORKPLACE,
            member: node.f(0).to_string(),
        },
        allowed: &[],
    },
    Row {
        name: "UpdateConfig",
        msg: |node| {
            ExecuteMsg::UpdateConfig(UpdateConfigMsg {
                sanction_authority: None,
                appeal_authority: None,
                appeal_window_seconds: None,
                max_delegation_depth: None,
                draw_requesters: None,
                escrow: Some(node.addr("attacker").to_string()),
                limits: Some(Limits::default()),
                relay: None,
            })
        },
        allowed: &[],
    },
];

/// The messages of this table, for the coverage check in `authority/mod.rs`.
pub(super) fn messages() -> Vec<ExecuteMsg> {
    let node = fixture();
    PROPOSAL_ROWS.iter().map(|row| (row.msg)(&node)).collect()
}

#[test]
fn proposal_rows_admit_exactly_their_senders() {
    for row in PROPOSAL_ROWS {
        for sender in SENDERS {
            let mut node = fixture();
            let msg = (row.msg)(&node);
            let who = address(&node, sender);
            let before = node.fingerprint();
            let result = node.exec(&who, msg);
            let passes_authority = match &result {
                Ok(_) => true,
                Err(e) => !is_authority_error(e),
            };
            assert_eq!(
                passes_authority,
                row.allowed.contains(&sender),
                "{} from {sender:?}: {result:?}",
                row.name
            );
            if !passes_authority {
                assert_eq!(node.fingerprint(), before, "{} from {sender:?}", row.name);
            }
        }
    }
}
