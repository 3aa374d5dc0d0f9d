//! Diplomacy between councils: treaties (proposed by one council, ratified by the other through
//! its own council proposal), notes, and joint dispute panels (each node seats its half, drawn
//! by its own sortition). Only the admin, i.e. the council, acts here.

use cosmwasm_std::{Binary, CosmosMsg, DepsMut, Env, MessageInfo, Response, Storage};

use super::{sendable_channel, validate_text};
use dac_common::dac_serde;

use crate::attributes as attr;
use crate::error::ContractError;
use crate::holdings::HeldBalance;
use crate::msg::ProposeTreatyMsg;
use crate::msg::{Note, NoteStatus, Panel, PanelStatus, Treaty, TreatyKind, TreatyStatus};
use crate::packet::{Applied, Packet, Peer};
use crate::state::{
    next_id, ADMIN, MAX_LABEL, MAX_PANEL_SEATS, MAX_TEXT, NEXT_NOTE_ID, NEXT_PANEL_ID,
    NEXT_TREATY_ID, NOTES, PANELS, REMOTE_PANELS, REMOTE_TREATIES, TREATIES,
};

pub fn propose_treaty(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ProposeTreatyMsg,
) -> Result<Response, ContractError> {
    let ProposeTreatyMsg {
        channel_id,
        kind,
        title,
        terms,
        timeout_seconds,
    } = msg;
    ADMIN.assert_admin(deps.storage, &info.sender)?;
    let channel = sendable_channel(deps.storage, &channel_id)?;
    validate_text(&title, "title", MAX_LABEL)?;
    validate_text(&terms, "terms", MAX_TEXT)?;
    let id = next_id(deps.storage, &NEXT_TREATY_ID)?;
    TREATIES.save(
        deps.storage,
        id,
        &Treaty {
            id,
            node: channel.node.clone(),
            channel_id: channel_id.clone(),
            proposed_here: true,
            proposal_id: id,
            kind,
            title: title.clone(),
            terms: terms.clone(),
            status: TreatyStatus::Proposed,
            awaiting_ack: true,
            ratified_at: None,
        },
    )?;
    let (msg, packet_id) = TreatyProposalPacket {
        proposal_id: id,
        kind,
        title,
        terms,
    }
    .send(deps.storage, &env, &channel, timeout_seconds)?;
    Ok(Response::new().add_message(msg).add_attributes([
        (attr::ACTION, attr::ACTION_PROPOSE_TREATY),
        (attr::TREATY_ID, &id.to_string()),
        (attr::NODE, &channel.node),
        (attr::PACKET_ID, &packet_id.to_string()),
    ]))
}

pub fn ratify_treaty(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    treaty_id: u64,
    timeout_seconds: Option<u64>,
) -> Result<Response, ContractError> {
    ADMIN.assert_admin(deps.storage, &info.sender)?;
    let mut treaty = TREATIES
        .may_load(deps.storage, treaty_id)?
        .ok_or(ContractError::TreatyNotFound(treaty_id))?;
    if treaty.proposed_here || treaty.status != TreatyStatus::AwaitingRatification {
        return Err(ContractError::TreatyNotRatifiable);
    }
    if treaty.awaiting_ack {
        return Err(ContractError::AwaitingAck);
    }
    let channel = sendable_channel(deps.storage, &treaty.channel_id)?;
    treaty.awaiting_ack = true;
    TREATIES.save(deps.storage, treaty_id, &treaty)?;
    let (msg, packet_id) = TreatyRatificationPacket {
        proposal_id: treaty.proposal_id,
    }
    .send(deps.storage, &env, &channel, timeout_seconds)?;
    Ok(Response::new().add_message(msg).add_attributes([
        (attr::ACTION, attr::ACTION_RATIFY_TREATY),
        (attr::TREATY_ID, &treaty_id.to_string()),
        (attr::NODE, &treaty.node),
        (attr::PACKET_ID, &packet_id.to_string()),
    ]))
}

pub fn send_note(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    channel_id: String,
    subject: String,
    body: String,
    timeout_seconds: Option<u64>,
) -> Result<Response, ContractError> {
    ADMIN.assert_admin(deps.storage, &info.sender)?;
    let channel = sendable_channel(deps.storage, &channel_id)?;
    validate_text(&subject, "subject", MAX_LABEL)?;
    validate_text(&body, "body", MAX_TEXT)?;
    let id = next_id(deps.storage, &NEXT_NOTE_ID)?;
    NOTES.save(
        deps.storage,
        id,
        &Note {
            id,
            node: channel.node.clone(),
            subject: subject.clone(),
            body: body.clone(),
            status: NoteStatus::Sent,
            at: env.block.time,
        },
    )?;
    let (msg, packet_id) = NotePacket {
        note_id: id,
        subject,
        body,
    }
    .send(deps.storage, &env, &channel, timeout_seconds)?;
    Ok(Response::new().add_message(msg).add_attributes([
        (attr::ACTION, attr::ACTION_SEND_NOTE),
        (attr::NOTE_ID, &id.to_string()),
        (attr::NODE, &channel.node),
        (attr::PACKET_ID, &packet_id.to_string()),
    ]))
}

/// Our half of a panel: local members, at most `MAX_PANEL_SEATS`, no one twice.
fn validate_local_half(deps: &DepsMut, members: &[String]) -> Result<Vec<String>, ContractError> {
    let bad_size = ContractError::BadPanelSize {
        max: MAX_PANEL_SEATS,
    };
    if members.is_empty() || members.len() > MAX_PANEL_SEATS {
        return Err(bad_size);
    }
    let mut seen = Vec::with_capacity(members.len());
    for m in members {
        let addr = deps.api.addr_validate(m)?.to_string();
        if seen.contains(&addr) {
            return Err(bad_size);
        }
        seen.push(addr);
    }
    Ok(seen)
}

fn validate_remote_half(members: &[String], seats: Option<u32>) -> Result<(), ContractError> {
    let bad_size = ContractError::BadPanelSize {
        max: MAX_PANEL_SEATS,
    };
    if members.is_empty()
        || members.len() > MAX_PANEL_SEATS
        || seats.is_some_and(|s| s as usize != members.len())
    {
        return Err(bad_size);
    }
    for m in members {
        validate_text(m, "member", MAX_LABEL)?;
    }
    Ok(())
}

pub fn propose_panel(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    channel_id: String,
    subject: String,
    members: Vec<String>,
    timeout_seconds: Option<u64>,
) -> Result<Response, ContractError> {
    ADMIN.assert_admin(deps.storage, &info.sender)?;
    let channel = sendable_channel(deps.storage, &channel_id)?;
    validate_text(&subject, "subject", MAX_TEXT)?;
    let members = validate_local_half(&deps, &members)?;
    let id = next_id(deps.storage, &NEXT_PANEL_ID)?;
    PANELS.save(
        deps.storage,
        id,
        &Panel {
            id,
            node: channel.node.clone(),
            channel_id: channel_id.clone(),
            proposed_here: true,
            proposal_id: id,
            subject: subject.clone(),
            seats_per_side: members.len() as u32,
            local_members: members.clone(),
            remote_members: vec![],
            status: PanelStatus::Forming,
            awaiting_ack: true,
        },
    )?;
    let (msg, packet_id) = PanelProposalPacket {
        proposal_id: id,
        subject,
        members,
    }
    .send(deps.storage, &env, &channel, timeout_seconds)?;
    Ok(Response::new().add_message(msg).add_attributes([
        (attr::ACTION, attr::ACTION_PROPOSE_PANEL),
        (attr::PANEL_ID, &id.to_string()),
        (attr::NODE, &channel.node),
        (attr::PACKET_ID, &packet_id.to_string()),
    ]))
}

pub fn submit_panel_half(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    panel_id: u64,
    members: Vec<String>,
    timeout_seconds: Option<u64>,
) -> Result<Response, ContractError> {
    ADMIN.assert_admin(deps.storage, &info.sender)?;
    let mut panel = PANELS
        .may_load(deps.storage, panel_id)?
        .ok_or(ContractError::PanelNotFound(panel_id))?;
    if panel.proposed_here || panel.status != PanelStatus::Forming {
        return Err(ContractError::PanelNotForming);
    }
    if panel.awaiting_ack {
        return Err(ContractError::AwaitingAck);
    }
    let members = validate_local_half(&deps, &members)?;
    if members.len() != panel.seats_per_side as usize {
        return Err(ContractError::BadPanelSize {
            max: MAX_PANEL_SEATS,
        });
    }
    let channel = sendable_channel(deps.storage, &panel.channel_id)?;
    panel.awaiting_ack = true;
    PANELS.save(deps.storage, panel_id, &panel)?;
    let (msg, packet_id) = PanelHalfPacket {
        proposal_id: panel.proposal_id,
        members,
    }
    .send(deps.storage, &env, &channel, timeout_seconds)?;
    Ok(Response::new().add_message(msg).add_attributes([
        (attr::ACTION, attr::ACTION_SUBMIT_PANEL_HALF),
        (attr::PANEL_ID, &panel_id.to_string()),
        (attr::NODE, &panel.node),
        (attr::PACKET_ID, &packet_id.to_string()),
    ]))
}

// ---- its packets ----

fn local_treaty(
    storage: &dyn Storage,
    node: &str,
    proposal_id: u64,
    proposed_here: bool,
) -> Result<Treaty, ContractError> {
    let id = if proposed_here {
        proposal_id
    } else {
        REMOTE_TREATIES
            .may_load(storage, (node, proposal_id))?
            .ok_or(ContractError::TreatyNotFound(proposal_id))?
    };
    let treaty = TREATIES
        .may_load(storage, id)?
        .ok_or(ContractError::TreatyNotFound(id))?;
    if treaty.node != node || treaty.proposed_here != proposed_here {
        return Err(ContractError::TreatyNotFound(proposal_id));
    }
    Ok(treaty)
}

fn local_panel(
    storage: &dyn Storage,
    node: &str,
    proposal_id: u64,
    proposed_here: bool,
) -> Result<Panel, ContractError> {
    let id = if proposed_here {
        proposal_id
    } else {
        REMOTE_PANELS
            .may_load(storage, (node, proposal_id))?
            .ok_or(ContractError::PanelNotFound(proposal_id))?
    };
    let panel = PANELS
        .may_load(storage, id)?
        .ok_or(ContractError::PanelNotFound(id))?;
    if panel.node != node || panel.proposed_here != proposed_here {
        return Err(ContractError::PanelNotFound(proposal_id));
    }
    Ok(panel)
}

/// A treaty proposed by the sending node's council, for the receiving council to ratify.
#[dac_serde]
pub struct TreatyProposalPacket {
    pub proposal_id: u64,
    pub kind: TreatyKind,
    pub title: String,
    pub terms: String,
}

impl Packet for TreatyProposalPacket {
    /// Recorded here as awaiting our council's ratification.
    fn receive(self, deps: DepsMut, _env: &Env, from: Peer) -> Result<Applied, ContractError> {
        validate_text(&self.title, "title", MAX_LABEL)?;
        validate_text(&self.terms, "terms", MAX_TEXT)?;
        if REMOTE_TREATIES.has(deps.storage, (from.node, self.proposal_id)) {
            return Err(ContractError::TreatyNotRatifiable);
        }
        let id = next_id(deps.storage, &NEXT_TREATY_ID)?;
        REMOTE_TREATIES.save(deps.storage, (from.node, self.proposal_id), &id)?;
        TREATIES.save(
            deps.storage,
            id,
            &Treaty {
                id,
                node: from.node.to_string(),
                channel_id: from.channel_id.to_string(),
                proposed_here: false,
                proposal_id: self.proposal_id,
                kind: self.kind,
                title: self.title,
                terms: self.terms,
                status: TreatyStatus::AwaitingRatification,
                awaiting_ack: false,
                ratified_at: None,
            },
        )?;
        Ok(Applied::default())
    }

    fn on_ack_success(
        self,
        deps: DepsMut,
        _env: &Env,
        node: &str,
        _result: Binary,
    ) -> Result<Vec<CosmosMsg>, ContractError> {
        settle_treaty_proposal(
            deps.storage,
            node,
            self.proposal_id,
            TreatyStatus::AwaitingRatification,
        )
    }

    fn on_ack_error(
        self,
        deps: DepsMut,
        _env: &Env,
        node: &str,
        _held: &mut HeldBalance,
    ) -> Result<Vec<CosmosMsg>, ContractError> {
        settle_treaty_proposal(deps.storage, node, self.proposal_id, TreatyStatus::Failed)
    }
}

fn settle_treaty_proposal(
    storage: &mut dyn Storage,
    node: &str,
    proposal_id: u64,
    status: TreatyStatus,
) -> Result<Vec<CosmosMsg>, ContractError> {
    let mut treaty = local_treaty(storage, node, proposal_id, true)?;
    treaty.awaiting_ack = false;
    treaty.status = status;
    TREATIES.save(storage, treaty.id, &treaty)?;
    Ok(vec![])
}

/// Ratifies a treaty proposed by the receiving node.
#[dac_serde]
pub struct TreatyRatificationPacket {
    pub proposal_id: u64,
}

impl Packet for TreatyRatificationPacket {
    fn receive(self, deps: DepsMut, env: &Env, from: Peer) -> Result<Applied, ContractError> {
        let mut treaty = local_treaty(deps.storage, from.node, self.proposal_id, true)?;
        if treaty.status != TreatyStatus::AwaitingRatification {
            return Err(ContractError::TreatyNotRatifiable);
        }
        treaty.status = TreatyStatus::Ratified;
        treaty.ratified_at = Some(env.block.time);
        TREATIES.save(deps.storage, treaty.id, &treaty)?;
        Ok(Applied::default())
    }

    /// The proposer's node took the ratification: the treaty is ratified here too.
    fn on_ack_success(
        self,
        deps: DepsMut,
        env: &Env,
        node: &str,
        _result: Binary,
    ) -> Result<Vec<CosmosMsg>, ContractError> {
        let mut treaty = local_treaty(deps.storage, node, self.proposal_id, false)?;
        treaty.awaiting_ack = false;
        treaty.status = TreatyStatus::Ratified;
        treaty.ratified_at = Some(env.block.time);
        TREATIES.save(deps.storage, treaty.id, &treaty)?;
        Ok(vec![])
    }

    /// Still awaiting ratification: the council may ratify again.
    fn on_ack_error(
        self,
        deps: DepsMut,
        _env: &Env,
        node: &str,
        _held: &mut HeldBalance,
    ) -> Result<Vec<CosmosMsg>, ContractError> {
        let mut treaty = local_treaty(deps.storage, node, self.proposal_id, false)?;
        treaty.awaiting_ack = false;
        TREATIES.save(deps.storage, treaty.id, &treaty)?;
        Ok(vec![])
    }
}

/// A diplomatic note between councils.
#[dac_serde]
pub struct NotePacket {
    /// The note's id on the sending node.
    pub note_id: u64,
    pub subject: String,
    pub body: String,
}

impl Packet for NotePacket {
    fn receive(self, deps: DepsMut, env: &Env, from: Peer) -> Result<Applied, ContractError> {
        validate_text(&self.subject, "subject", MAX_LABEL)?;
        validate_text(&self.body, "body", MAX_TEXT)?;
        let id = next_id(deps.storage, &NEXT_NOTE_ID)?;
        NOTES.save(
            deps.storage,
            id,
            &Note {
                id,
                node: from.node.to_string(),
                subject: self.subject,
                body: self.body,
                status: NoteStatus::Received,
                at: env.block.time,
            },
        )?;
        Ok(Applied::default())
    }

    fn on_ack_success(
        self,
        deps: DepsMut,
        _env: &Env,
        _node: &str,
        _result: Binary,
    ) -> Result<Vec<CosmosMsg>, ContractError> {
        settle_note(deps.storage, self.note_id, NoteStatus::Delivered)
    }

    fn on_ack_error(
        self,
        deps: DepsMut,
        _env: &Env,
        _node: &str,
        _held: &mut HeldBalance,
    ) -> Result<Vec<CosmosMsg>, ContractError> {
        settle_note(deps.storage, self.note_id, NoteStatus::Failed)
    }
}

fn settle_note(
    storage: &mut dyn Storage,
    note_id: u64,
    status: NoteStatus,
) -> Result<Vec<CosmosMsg>, ContractError> {
    if let Some(mut note) = NOTES.may_load(storage, note_id)? {
        note.status = status;
        NOTES.save(storage, note_id, &note)?;
    }
    Ok(vec![])
}

/// A joint panel proposed by the sending node, with its half of the members.
#[dac_serde]
pub struct PanelProposalPacket {
    pub proposal_id: u64,
    pub subject: String,
    pub members: Vec<String>,
}

impl Packet for PanelProposalPacket {
    /// Recorded here as forming, for our council to seat its half.
    fn receive(self, deps: DepsMut, _env: &Env, from: Peer) -> Result<Applied, ContractError> {
        validate_text(&self.subject, "subject", MAX_TEXT)?;
        validate_remote_half(&self.members, None)?;
        if REMOTE_PANELS.has(deps.storage, (from.node, self.proposal_id)) {
            return Err(ContractError::PanelNotForming);
        }
        let id = next_id(deps.storage, &NEXT_PANEL_ID)?;
        REMOTE_PANELS.save(deps.storage, (from.node, self.proposal_id), &id)?;
        PANELS.save(
            deps.storage,
            id,
            &Panel {
                id,
                node: from.node.to_string(),
                channel_id: from.channel_id.to_string(),
                proposed_here: false,
                proposal_id: self.proposal_id,
                subject: self.subject,
                seats_per_side: self.members.len() as u32,
                local_members: vec![],
                remote_members: self.members,
                status: PanelStatus::Forming,
                awaiting_ack: false,
            },
        )?;
        Ok(Applied::default())
    }

    fn on_ack_success(
        self,
        deps: DepsMut,
        _env: &Env,
        node: &str,
        _result: Binary,
    ) -> Result<Vec<CosmosMsg>, ContractError> {
        settle_panel_proposal(deps.storage, node, self.proposal_id, true)
    }

    fn on_ack_error(
        self,
        deps: DepsMut,
        _env: &Env,
        node: &str,
        _held: &mut HeldBalance,
    ) -> Result<Vec<CosmosMsg>, ContractError> {
        settle_panel_proposal(deps.storage, node, self.proposal_id, false)
    }
}

/// The proposal's acknowledgement arrived; a failed one fails the panel unless the other half
/// already seated it.
fn settle_panel_proposal(
    storage: &mut dyn Storage,
    node: &str,
    proposal_id: u64,
    success: bool,
) -> Result<Vec<CosmosMsg>, ContractError> {
    let mut panel = local_panel(storage, node, proposal_id, true)?;
    panel.awaiting_ack = false;
    if !success && panel.status == PanelStatus::Forming {
        panel.status = PanelStatus::Failed;
    }
    PANELS.save(storage, panel.id, &panel)?;
    Ok(vec![])
}

/// Seats the sending node's half of a panel proposed by the receiving node.
#[dac_serde]
pub struct PanelHalfPacket {
    pub proposal_id: u64,
    pub members: Vec<String>,
}

impl Packet for PanelHalfPacket {
    fn receive(self, deps: DepsMut, _env: &Env, from: Peer) -> Result<Applied, ContractError> {
        let mut panel = local_panel(deps.storage, from.node, self.proposal_id, true)?;
        if panel.status != PanelStatus::Forming {
            return Err(ContractError::PanelNotForming);
        }
        validate_remote_half(&self.members, Some(panel.seats_per_side))?;
        panel.remote_members = self.members;
        panel.status = PanelStatus::Seated;
        PANELS.save(deps.storage, panel.id, &panel)?;
        Ok(Applied::default())
    }

    /// The proposer's node seated our half: so do we.
    fn on_ack_success(
        self,
        deps: DepsMut,
        _env: &Env,
        node: &str,
        _result: Binary,
    ) -> Result<Vec<CosmosMsg>, ContractError> {
        let mut panel = local_panel(deps.storage, node, self.proposal_id, false)?;
        panel.awaiting_ack = false;
        panel.local_members = self.members;
        panel.status = PanelStatus::Seated;
        PANELS.save(deps.storage, panel.id, &panel)?;
        Ok(vec![])
    }

    /// Still forming: the council may submit a half again.
    fn on_ack_error(
        self,
        deps: DepsMut,
        _env: &Env,
        node: &str,
        _held: &mut HeldBalance,
    ) -> Result<Vec<CosmosMsg>, ContractError> {
        let mut panel = local_panel(deps.storage, node, self.proposal_id, false)?;
        panel.awaiting_ack = false;
        PANELS.save(deps.storage, panel.id, &panel)?;
        Ok(vec![])
    }
}
