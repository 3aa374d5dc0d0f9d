//! Diplomacy between councils: treaties (proposed by one council, ratified by the other through
//! its own council proposal), notes, and joint dispute panels (each node seats its half, drawn
//! by its own sortition). Only the admin, i.e. the council, acts here.

use cosmwasm_std::{CosmosMsg, DepsMut, Env, MessageInfo, Response, Storage};

use super::{send_packet, sendable_channel, validate_text};
use crate::attributes as attr;
use crate::error::ContractError;
use crate::msg::{Note, NoteStatus, Panel, PanelStatus, Treaty, TreatyKind, TreatyStatus};
use crate::packet::RelayPacket;
use crate::state::{
    next_id, ADMIN, MAX_LABEL, MAX_PANEL_SEATS, MAX_TEXT, NEXT_NOTE_ID, NEXT_PANEL_ID,
    NEXT_TREATY_ID, NOTES, PANELS, REMOTE_PANELS, REMOTE_TREATIES, TREATIES,
};

#[allow(clippy::too_many_arguments)]
pub fn propose_treaty(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    channel_id: String,
    kind: TreatyKind,
    title: String,
    terms: String,
    timeout_seconds: Option<u64>,
) -> Result<Response, ContractError> {
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
    let (msg, packet_id) = send_packet(
        deps.storage,
        &env,
        &channel,
        timeout_seconds,
        RelayPacket::TreatyProposal {
            proposal_id: id,
            kind,
            title,
            terms,
        },
    )?;
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
    let (msg, packet_id) = send_packet(
        deps.storage,
        &env,
        &channel,
        timeout_seconds,
        RelayPacket::TreatyRatification {
            proposal_id: treaty.proposal_id,
        },
    )?;
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
    let (msg, packet_id) = send_packet(
        deps.storage,
        &env,
        &channel,
        timeout_seconds,
        RelayPacket::Note {
            note_id: id,
            subject,
            body,
        },
    )?;
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
    let (msg, packet_id) = send_packet(
        deps.storage,
        &env,
        &channel,
        timeout_seconds,
        RelayPacket::PanelProposal {
            proposal_id: id,
            subject,
            members,
        },
    )?;
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
    let (msg, packet_id) = send_packet(
        deps.storage,
        &env,
        &channel,
        timeout_seconds,
        RelayPacket::PanelHalf {
            proposal_id: panel.proposal_id,
            members,
        },
    )?;
    Ok(Response::new().add_message(msg).add_attributes([
        (attr::ACTION, attr::ACTION_SUBMIT_PANEL_HALF),
        (attr::PANEL_ID, &panel_id.to_string()),
        (attr::NODE, &panel.node),
        (attr::PACKET_ID, &packet_id.to_string()),
    ]))
}

// ---- on the receiving node ----

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

#[allow(clippy::too_many_arguments)]
pub fn receive_treaty(
    deps: DepsMut,
    node: &str,
    channel_id: &str,
    proposal_id: u64,
    kind: TreatyKind,
    title: String,
    terms: String,
) -> Result<Vec<CosmosMsg>, ContractError> {
    validate_text(&title, "title", MAX_LABEL)?;
    validate_text(&terms, "terms", MAX_TEXT)?;
    if REMOTE_TREATIES.has(deps.storage, (node, proposal_id)) {
        return Err(ContractError::TreatyNotRatifiable);
    }
    let id = next_id(deps.storage, &NEXT_TREATY_ID)?;
    REMOTE_TREATIES.save(deps.storage, (node, proposal_id), &id)?;
    TREATIES.save(
        deps.storage,
        id,
        &Treaty {
            id,
            node: node.to_string(),
            channel_id: channel_id.to_string(),
            proposed_here: false,
            proposal_id,
            kind,
            title,
            terms,
            status: TreatyStatus::AwaitingRatification,
            awaiting_ack: false,
            ratified_at: None,
        },
    )?;
    Ok(vec![])
}

pub fn receive_ratification(
    deps: DepsMut,
    env: &Env,
    node: &str,
    proposal_id: u64,
) -> Result<Vec<CosmosMsg>, ContractError> {
    let mut treaty = local_treaty(deps.storage, node, proposal_id, true)?;
    if treaty.status != TreatyStatus::AwaitingRatification {
        return Err(ContractError::TreatyNotRatifiable);
    }
    treaty.status = TreatyStatus::Ratified;
    treaty.ratified_at = Some(env.block.time);
    TREATIES.save(deps.storage, treaty.id, &treaty)?;
    Ok(vec![])
}

pub fn receive_note(
    deps: DepsMut,
    env: &Env,
    node: &str,
    subject: String,
    body: String,
) -> Result<Vec<CosmosMsg>, ContractError> {
    validate_text(&subject, "subject", MAX_LABEL)?;
    validate_text(&body, "body", MAX_TEXT)?;
    let id = next_id(deps.storage, &NEXT_NOTE_ID)?;
    NOTES.save(
        deps.storage,
        id,
        &Note {
            id,
            node: node.to_string(),
            subject,
            body,
            status: NoteStatus::Received,
            at: env.block.time,
        },
    )?;
    Ok(vec![])
}

pub fn receive_panel(
    deps: DepsMut,
    node: &str,
    channel_id: &str,
    proposal_id: u64,
    subject: String,
    members: Vec<String>,
) -> Result<Vec<CosmosMsg>, ContractError> {
    validate_text(&subject, "subject", MAX_TEXT)?;
    validate_remote_half(&members, None)?;
    if REMOTE_PANELS.has(deps.storage, (node, proposal_id)) {
        return Err(ContractError::PanelNotForming);
    }
    let id = next_id(deps.storage, &NEXT_PANEL_ID)?;
    REMOTE_PANELS.save(deps.storage, (node, proposal_id), &id)?;
    PANELS.save(
        deps.storage,
        id,
        &Panel {
            id,
            node: node.to_string(),
            channel_id: channel_id.to_string(),
            proposed_here: false,
            proposal_id,
            subject,
            seats_per_side: members.len() as u32,
            local_members: vec![],
            remote_members: members,
            status: PanelStatus::Forming,
            awaiting_ack: false,
        },
    )?;
    Ok(vec![])
}

pub fn receive_panel_half(
    deps: DepsMut,
    node: &str,
    proposal_id: u64,
    members: Vec<String>,
) -> Result<Vec<CosmosMsg>, ContractError> {
    let mut panel = local_panel(deps.storage, node, proposal_id, true)?;
    if panel.status != PanelStatus::Forming {
        return Err(ContractError::PanelNotForming);
    }
    validate_remote_half(&members, Some(panel.seats_per_side))?;
    panel.remote_members = members;
    panel.status = PanelStatus::Seated;
    PANELS.save(deps.storage, panel.id, &panel)?;
    Ok(vec![])
}

// ---- back on the sending node ----

pub fn on_treaty_proposal_resolved(
    deps: DepsMut,
    node: &str,
    proposal_id: u64,
    success: bool,
) -> Result<Vec<CosmosMsg>, ContractError> {
    let mut treaty = local_treaty(deps.storage, node, proposal_id, true)?;
    treaty.awaiting_ack = false;
    treaty.status = if success {
        TreatyStatus::AwaitingRatification
    } else {
        TreatyStatus::Failed
    };
    TREATIES.save(deps.storage, treaty.id, &treaty)?;
    Ok(vec![])
}

pub fn on_ratification_resolved(
    deps: DepsMut,
    env: &Env,
    node: &str,
    proposal_id: u64,
    success: bool,
) -> Result<Vec<CosmosMsg>, ContractError> {
    let mut treaty = local_treaty(deps.storage, node, proposal_id, false)?;
    treaty.awaiting_ack = false;
    if success {
        treaty.status = TreatyStatus::Ratified;
        treaty.ratified_at = Some(env.block.time);
    }
    TREATIES.save(deps.storage, treaty.id, &treaty)?;
    Ok(vec![])
}

pub fn on_note_resolved(
    deps: DepsMut,
    note_id: u64,
    success: bool,
) -> Result<Vec<CosmosMsg>, ContractError> {
    if let Some(mut note) = NOTES.may_load(deps.storage, note_id)? {
        note.status = if success {
            NoteStatus::Delivered
        } else {
            NoteStatus::Failed
        };
        NOTES.save(deps.storage, note_id, &note)?;
    }
    Ok(vec![])
}

pub fn on_panel_proposal_resolved(
    deps: DepsMut,
    node: &str,
    proposal_id: u64,
    success: bool,
) -> Result<Vec<CosmosMsg>, ContractError> {
    let mut panel = local_panel(deps.storage, node, proposal_id, true)?;
    panel.awaiting_ack = false;
    if !success && panel.status == PanelStatus::Forming {
        panel.status = PanelStatus::Failed;
    }
    PANELS.save(deps.storage, panel.id, &panel)?;
    Ok(vec![])
}

pub fn on_panel_half_resolved(
    deps: DepsMut,
    node: &str,
    proposal_id: u64,
    members: Vec<String>,
    success: bool,
) -> Result<Vec<CosmosMsg>, ContractError> {
    let mut panel = local_panel(deps.storage, node, proposal_id, false)?;
    panel.awaiting_ack = false;
    if success {
        panel.local_members = members;
        panel.status = PanelStatus::Seated;
    }
    PANELS.save(deps.storage, panel.id, &panel)?;
    Ok(vec![])
}
