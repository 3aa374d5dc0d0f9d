//! Resolving the packets we sent: an acknowledgement (success or error) or a timeout. Only an
//! error acknowledgement or a timeout (including timeout-on-close) proves the other side did not
//! act on a packet, so only they refund; a channel close alone never does. Each pending packet
//! resolves exactly once; later news of it changes nothing.

use cosmwasm_std::{
    from_json, Binary, CosmosMsg, DepsMut, Env, IbcBasicResponse, IbcPacket, IbcPacketAckMsg,
    IbcPacketTimeoutMsg,
};

use crate::attributes as attr;
use crate::error::ContractError;
use crate::execute::{diplomacy, trade, transfer};
use crate::holdings::HeldBalance;
use crate::msg::PendingPacket;
use crate::packet::{ack_result_data, decode_envelope, BookingAck, RelayPacket};
use crate::state::{PENDING, PENDING_BY_CHANNEL, VALUE_IN_FLIGHT};

pub fn packet_ack(
    deps: DepsMut,
    env: Env,
    msg: IbcPacketAckMsg,
) -> Result<IbcBasicResponse, ContractError> {
    let result = ack_result_data(&msg.acknowledgement.data);
    resolve_packet(deps, &env, &msg.original_packet, result, attr::ACTION_ACK)
}

pub fn packet_timeout(
    deps: DepsMut,
    env: Env,
    msg: IbcPacketTimeoutMsg,
) -> Result<IbcBasicResponse, ContractError> {
    resolve_packet(deps, &env, &msg.packet, None, attr::ACTION_TIMEOUT)
}

fn resolve_packet(
    deps: DepsMut,
    env: &Env,
    packet: &IbcPacket,
    result: Option<Binary>,
    action: &str,
) -> Result<IbcBasicResponse, ContractError> {
    let success = result.is_some();
    let res = IbcBasicResponse::new().add_attributes([
        (attr::ACTION, action),
        (attr::CHANNEL_ID, &packet.src.channel_id),
        (attr::SEQUENCE, &packet.sequence.to_string()),
        (attr::SUCCESS, &success.to_string()),
    ]);
    // We only ever send envelopes; anything else is not ours to resolve.
    let Ok(envelope) = decode_envelope(&packet.data) else {
        return Ok(res);
    };
    let pending = match PENDING.may_load(deps.storage, envelope.id)? {
        Some(p) if p.channel_id == packet.src.channel_id => p,
        _ => return Ok(res.add_attribute(attr::PACKET_ID, envelope.id.to_string())),
    };
    let kind = pending.body.kind();
    let msgs = resolve_pending(deps, env, &mut HeldBalance::default(), pending, result)?;
    Ok(res.add_messages(msgs).add_attributes([
        (attr::PACKET_ID, envelope.id.to_string()),
        (attr::PACKET_KIND, kind.to_string()),
    ]))
}

/// Removes `pending` and applies its outcome: `result` is what a successful acknowledgement
/// carried, `None` a failure (error ack or timeout), which refunds and rolls back.
/// Refunds are paid out of `held`, shared by every packet the message resolves.
pub fn resolve_pending(
    deps: DepsMut,
    env: &Env,
    held: &mut HeldBalance,
    pending: PendingPacket,
    result: Option<Binary>,
) -> Result<Vec<CosmosMsg>, ContractError> {
    let success = result.is_some();
    PENDING.remove(deps.storage, pending.id);
    PENDING_BY_CHANNEL.remove(deps.storage, (&pending.channel_id, pending.id));
    VALUE_IN_FLIGHT.remove(deps.storage, pending.id);
    let node = pending.node.as_str();
    match pending.body {
        RelayPacket::Transfer { sender, shares, .. } => {
            transfer::on_transfer_resolved(deps, env, held, node, &sender, shares, success)
        }
        RelayPacket::Return { sender, shares, .. } => {
            transfer::on_vouchers_resolved(deps, node, &sender, shares, success)
        }
        RelayPacket::GuestBooking {
            visitor, shares, ..
        } => {
            let receipt = result.and_then(|r| from_json::<BookingAck>(&r).ok());
            transfer::on_booking_resolved(deps, node, &visitor, shares, receipt, success)
        }
        // Nothing moved on this side: the refund, if any, arrives as a transfer.
        RelayPacket::CancelBooking { .. } => Ok(vec![]),
        RelayPacket::TradeOffer { offer_id, .. } => {
            trade::on_offer_resolved(deps, node, offer_id, success)
        }
        RelayPacket::TradeAnswer {
            offer_id,
            accept,
            reason,
        } => trade::on_answer_resolved(deps, node, offer_id, accept, reason, success),
        RelayPacket::ShipmentUpdate {
            offer_id,
            offered_by_sender,
            update,
        } => trade::on_shipment_resolved(
            deps,
            env,
            node,
            offer_id,
            offered_by_sender,
            update,
            success,
        ),
        RelayPacket::DeliveryReceipt {
            offer_id,
            offered_by_sender,
        } => trade::on_receipt_resolved(deps, node, offer_id, offered_by_sender, success),
        RelayPacket::TreatyProposal { proposal_id, .. } => {
            diplomacy::on_treaty_proposal_resolved(deps, node, proposal_id, success)
        }
        RelayPacket::TreatyRatification { proposal_id } => {
            diplomacy::on_ratification_resolved(deps, env, node, proposal_id, success)
        }
        RelayPacket::Note { note_id, .. } => diplomacy::on_note_resolved(deps, note_id, success),
        RelayPacket::PanelProposal { proposal_id, .. } => {
            diplomacy::on_panel_proposal_resolved(deps, node, proposal_id, success)
        }
        RelayPacket::PanelHalf {
            proposal_id,
            members,
        } => diplomacy::on_panel_half_resolved(deps, node, proposal_id, members, success),
    }
}
