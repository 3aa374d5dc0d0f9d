use dac_common::text::TextError;

use super::*;
use crate::msg::{
    ListNotesResponse, NoteStatus, PanelResponse, PanelStatus, TreatyKind, TreatyResponse,
    TreatyStatus,
};
use crate::state::MAX_TEXT;

fn treaty(deps: &Deps, id: u64) -> crate::msg::Treaty {
    q::<TreatyResponse>(deps, QueryMsg::Treaty { treaty_id: id }).treaty
}

fn panel(deps: &Deps, id: u64) -> crate::msg::Panel {
    q::<PanelResponse>(deps, QueryMsg::Panel { panel_id: id }).panel
}

fn propose(deps: &mut Deps, sender: &str) -> Result<Response, ContractError> {
    exec(
        deps,
        sender,
        ExecuteMsg::ProposeTreaty(ProposeTreatyMsg {
            channel_id: CHANNEL.to_string(),
            kind: TreatyKind::ResourceSharing,
            title: "Water".to_string(),
            terms: "Share the aquifer".to_string(),
            timeout_seconds: None,
        }),
    )
}

#[test]
fn a_treaty_proposal_awaits_ratification_after_ack_and_fails_otherwise() {
    let mut deps = setup();
    let err = assert_refused_unchanged(
        &mut deps,
        "mallory",
        ExecuteMsg::ProposeTreaty(ProposeTreatyMsg {
            channel_id: CHANNEL.to_string(),
            kind: TreatyKind::ResourceSharing,
            title: "Water".to_string(),
            terms: "Share".to_string(),
            timeout_seconds: None,
        }),
    );
    assert!(matches!(err, ContractError::Admin(_)));
    let res = propose(&mut deps, "council").unwrap();
    assert_eq!(treaty(&deps, 1).status, TreatyStatus::Proposed);
    ack_ok(&mut deps, sent(&res));
    assert_eq!(treaty(&deps, 1).status, TreatyStatus::AwaitingRatification);
    let res = propose(&mut deps, "council").unwrap();
    ack_err(&mut deps, sent(&res));
    assert_eq!(treaty(&deps, 2).status, TreatyStatus::Failed);
    let res = propose(&mut deps, "council").unwrap();
    time_out(&mut deps, sent(&res));
    assert_eq!(treaty(&deps, 3).status, TreatyStatus::Failed);
    // Beta's council ratifies ours.
    let (ack, _) = deliver(
        &mut deps,
        incoming(
            1,
            RelayPacket::TreatyRatification(TreatyRatificationPacket { proposal_id: 1 }),
        ),
    );
    assert!(!is_error(&ack));
    let t = treaty(&deps, 1);
    assert_eq!(t.status, TreatyStatus::Ratified);
    assert!(t.ratified_at.is_some());
    // A failed proposal cannot be ratified.
    let (ack, _) = deliver(
        &mut deps,
        incoming(
            2,
            RelayPacket::TreatyRatification(TreatyRatificationPacket { proposal_id: 2 }),
        ),
    );
    assert!(is_error(&ack));
}

#[test]
fn our_council_ratifies_a_treaty_beta_proposed() {
    let mut deps = setup();
    let (ack, _) = deliver(
        &mut deps,
        incoming(
            1,
            RelayPacket::TreatyProposal(TreatyProposalPacket {
                proposal_id: 8,
                kind: TreatyKind::MutualRecognition,
                title: "Recognition".to_string(),
                terms: "Each recognizes the other's members".to_string(),
            }),
        ),
    );
    assert!(!is_error(&ack));
    assert_eq!(treaty(&deps, 1).status, TreatyStatus::AwaitingRatification);
    let ratify = ExecuteMsg::RatifyTreaty {
        treaty_id: 1,
        timeout_seconds: None,
    };
    let err = assert_refused_unchanged(&mut deps, "mallory", ratify.clone());
    assert!(matches!(err, ContractError::Admin(_)));
    let res = exec(&mut deps, "council", ratify.clone()).unwrap();
    assert_eq!(
        sent_body(&res),
        RelayPacket::TreatyRatification(TreatyRatificationPacket { proposal_id: 8 })
    );
    ack_err(&mut deps, sent(&res));
    assert_eq!(treaty(&deps, 1).status, TreatyStatus::AwaitingRatification);
    let res = exec(&mut deps, "council", ratify.clone()).unwrap();
    time_out(&mut deps, sent(&res));
    assert_eq!(treaty(&deps, 1).status, TreatyStatus::AwaitingRatification);
    let res = exec(&mut deps, "council", ratify.clone()).unwrap();
    ack_ok(&mut deps, sent(&res));
    assert_eq!(treaty(&deps, 1).status, TreatyStatus::Ratified);
    let err = exec(&mut deps, "council", ratify).unwrap_err();
    assert_eq!(err, ContractError::TreatyNotRatifiable);
}

#[test]
fn notes_are_delivered_received_or_failed() {
    let mut deps = setup();
    let note = ExecuteMsg::SendNote {
        channel_id: CHANNEL.to_string(),
        subject: "Greetings".to_string(),
        body: "From alpha".to_string(),
        timeout_seconds: None,
    };
    let err = assert_refused_unchanged(&mut deps, "mallory", note.clone());
    assert!(matches!(err, ContractError::Admin(_)));
    let res = exec(&mut deps, "council", note.clone()).unwrap();
    ack_ok(&mut deps, sent(&res));
    let res = exec(&mut deps, "council", note.clone()).unwrap();
    ack_err(&mut deps, sent(&res));
    let res = exec(&mut deps, "council", note).unwrap();
    time_out(&mut deps, sent(&res));
    let (ack, _) = deliver(
        &mut deps,
        incoming(
            1,
            RelayPacket::Note(NotePacket {
                note_id: 3,
                subject: "Reply".to_string(),
                body: "From beta".to_string(),
            }),
        ),
    );
    assert!(!is_error(&ack));
    let notes: ListNotesResponse = q(
        &deps,
        QueryMsg::ListNotes {
            start_after: None,
            limit: None,
        },
    );
    let statuses: Vec<NoteStatus> = notes.notes.iter().map(|n| n.status).collect();
    assert_eq!(
        statuses,
        vec![
            NoteStatus::Delivered,
            NoteStatus::Failed,
            NoteStatus::Failed,
            NoteStatus::Received
        ]
    );
}

fn members(deps: &Deps, names: &[&str]) -> Vec<String> {
    names.iter().map(|n| addr(deps, n).to_string()).collect()
}

#[test]
fn a_panel_we_propose_is_seated_when_beta_sends_its_half() {
    let mut deps = setup();
    let half = members(&deps, &["m1", "m2"]);
    let propose = ExecuteMsg::ProposePanel {
        channel_id: CHANNEL.to_string(),
        subject: "Border water dispute".to_string(),
        members: half.clone(),
        timeout_seconds: None,
    };
    let err = assert_refused_unchanged(&mut deps, "mallory", propose.clone());
    assert!(matches!(err, ContractError::Admin(_)));
    let res = exec(&mut deps, "council", propose.clone()).unwrap();
    ack_ok(&mut deps, sent(&res));
    assert_eq!(panel(&deps, 1).status, PanelStatus::Forming);
    // A half of the wrong size is refused.
    let (ack, _) = deliver(
        &mut deps,
        incoming(
            1,
            RelayPacket::PanelHalf(PanelHalfPacket {
                proposal_id: 1,
                members: vec!["beta1x".to_string()],
            }),
        ),
    );
    assert!(is_error(&ack));
    let (ack, _) = deliver(
        &mut deps,
        incoming(
            2,
            RelayPacket::PanelHalf(PanelHalfPacket {
                proposal_id: 1,
                members: vec!["beta1x".to_string(), "beta1y".to_string()],
            }),
        ),
    );
    assert!(!is_error(&ack));
    let p = panel(&deps, 1);
    assert_eq!(p.status, PanelStatus::Seated);
    assert_eq!(p.local_members, half);
    // Failed and timed-out proposals.
    let res = exec(&mut deps, "council", propose.clone()).unwrap();
    ack_err(&mut deps, sent(&res));
    assert_eq!(panel(&deps, 2).status, PanelStatus::Failed);
    let res = exec(&mut deps, "council", propose).unwrap();
    time_out(&mut deps, sent(&res));
    assert_eq!(panel(&deps, 3).status, PanelStatus::Failed);
}

#[test]
fn our_council_seats_its_half_of_a_panel_beta_proposed() {
    let mut deps = setup();
    let (ack, _) = deliver(
        &mut deps,
        incoming(
            1,
            RelayPacket::PanelProposal(PanelProposalPacket {
                proposal_id: 5,
                subject: "Shipment dispute".to_string(),
                members: vec!["beta1x".to_string(), "beta1y".to_string()],
            }),
        ),
    );
    assert!(!is_error(&ack));
    let ours = members(&deps, &["m1", "m2"]);
    let submit = ExecuteMsg::SubmitPanelHalf {
        panel_id: 1,
        members: ours.clone(),
        timeout_seconds: None,
    };
    let err = assert_refused_unchanged(&mut deps, "mallory", submit.clone());
    assert!(matches!(err, ContractError::Admin(_)));
    let twice = members(&deps, &["m1", "m1"]);
    let err = assert_refused_unchanged(
        &mut deps,
        "council",
        ExecuteMsg::SubmitPanelHalf {
            panel_id: 1,
            members: twice,
            timeout_seconds: None,
        },
    );
    assert!(matches!(err, ContractError::BadPanelSize { .. }));
    let res = exec(&mut deps, "council", submit.clone()).unwrap();
    ack_err(&mut deps, sent(&res));
    assert_eq!(panel(&deps, 1).status, PanelStatus::Forming);
    let res = exec(&mut deps, "council", submit.clone()).unwrap();
    time_out(&mut deps, sent(&res));
    assert_eq!(panel(&deps, 1).status, PanelStatus::Forming);
    let res = exec(&mut deps, "council", submit).unwrap();
    ack_ok(&mut deps, sent(&res));
    let p = panel(&deps, 1);
    assert_eq!(p.status, PanelStatus::Seated);
    assert_eq!(p.local_members, ours);
    assert_eq!(
        p.remote_members,
        vec!["beta1x".to_string(), "beta1y".to_string()]
    );
}

#[test]
fn a_treaty_with_a_blank_title_or_overlong_terms_is_refused() {
    let mut deps = setup();
    let treaty = |title: &str, terms: String| {
        ExecuteMsg::ProposeTreaty(ProposeTreatyMsg {
            channel_id: CHANNEL.to_string(),
            kind: TreatyKind::ResourceSharing,
            title: title.to_string(),
            terms,
            timeout_seconds: None,
        })
    };
    assert_eq!(
        assert_refused_unchanged(&mut deps, "council", treaty(" ", "Share".into())),
        ContractError::Text(TextError::Empty { field: "title" })
    );
    assert_eq!(
        assert_refused_unchanged(&mut deps, "council", treaty("W", "x".repeat(MAX_TEXT + 1))),
        ContractError::Text(TextError::TooLong {
            field: "terms",
            max: MAX_TEXT
        })
    );
}
