//! Receiving a packet. The receive entry point only checks the channel, decodes, refuses
//! replays and unrecognized nodes, then hands the packet to the relay's own `ApplyPacket` as a
//! sub-message. If applying fails, the chain rolls back everything it did and our reply turns
//! the failure into an error acknowledgement: never a panic, never a stuck channel.

use cosmwasm_std::{
    to_json_binary, Binary, CosmosMsg, DepsMut, Env, IbcPacketReceiveMsg, IbcReceiveResponse,
    MessageInfo, Reply, Response, SubMsg, SubMsgResponse, SubMsgResult, WasmMsg,
};
use cw_utils::parse_execute_response_data;

use crate::attributes as attr;
use crate::error::ContractError;
use crate::execute::{diplomacy, trade, transfer};
use crate::msg::ExecuteMsg;
use crate::packet::{ack_error, ack_result, ack_success, decode_envelope, RelayPacket};
use crate::state::{CHANNELS, NODES, RECEIVED, RECEIVE_REPLY_ID};

pub fn packet_receive(deps: DepsMut, env: Env, msg: IbcPacketReceiveMsg) -> IbcReceiveResponse {
    let channel_id = msg.packet.dest.channel_id.clone();
    match try_receive(deps, env, msg) {
        Ok(res) => res,
        Err(err) => IbcReceiveResponse::new(ack_error(err.to_string())).add_attributes([
            (attr::ACTION, attr::ACTION_RECEIVE),
            (attr::CHANNEL_ID, channel_id.as_str()),
            (attr::SUCCESS, "false"),
            (attr::ERROR, &err.to_string()),
        ]),
    }
}

/// Writes nothing but the replay guard, so an error here leaves no trace of the packet.
fn try_receive(
    deps: DepsMut,
    env: Env,
    msg: IbcPacketReceiveMsg,
) -> Result<IbcReceiveResponse, ContractError> {
    let channel_id = msg.packet.dest.channel_id.clone();
    let channel = CHANNELS
        .may_load(deps.storage, &channel_id)?
        .ok_or_else(|| ContractError::UnknownChannel(channel_id.clone()))?;
    if !channel.open {
        return Err(ContractError::ChannelClosed(channel_id));
    }
    let sequence = msg.packet.sequence;
    if RECEIVED.has(deps.storage, (&channel_id, sequence)) {
        return Err(ContractError::DuplicatePacket(sequence));
    }
    // Recorded whatever the outcome (before decoding, so garbage is caught too): a packet
    // refused once must not succeed when replayed after its sender has been refunded.
    RECEIVED.save(deps.storage, (&channel_id, sequence), &())?;
    let envelope = decode_envelope(&msg.packet.data)?;
    let recognized = NODES
        .may_load(deps.storage, &channel.node)?
        .is_some_and(|n| {
            n.connection_id == channel.connection_id
                && n.counterparty_port == channel.counterparty_port
        });
    if !recognized {
        return Err(ContractError::UnrecognizedNode {
            connection_id: channel.connection_id,
            port: channel.counterparty_port,
        });
    }
    let apply = WasmMsg::Execute {
        contract_addr: env.contract.address.to_string(),
        msg: to_json_binary(&ExecuteMsg::ApplyPacket {
            channel_id: channel_id.clone(),
            data: msg.packet.data,
        })?,
        funds: vec![],
    };
    Ok(IbcReceiveResponse::new(ack_success())
        .add_submessage(apply_submsg(apply, &envelope.body))
        .add_attributes([
            (attr::ACTION, attr::ACTION_RECEIVE),
            (attr::CHANNEL_ID, channel_id.as_str()),
            (attr::NODE, channel.node.as_str()),
            (attr::PACKET_ID, &envelope.id.to_string()),
            (attr::PACKET_KIND, envelope.body.kind()),
        ]))
}

/// Most packets are acknowledged with a plain success, so only a failure needs our reply; a
/// guest booking's acknowledgement carries its receipt, so its success is replied to as well.
fn apply_submsg(apply: WasmMsg, body: &RelayPacket) -> SubMsg {
    match body {
        RelayPacket::GuestBooking { .. } => SubMsg::reply_always(apply, RECEIVE_REPLY_ID),
        _ => SubMsg::reply_on_error(apply, RECEIVE_REPLY_ID),
    }
}

/// Applies a received packet; only the relay itself may call it (from `packet_receive`).
pub fn apply_packet(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    channel_id: String,
    data: Binary,
) -> Result<Response, ContractError> {
    if info.sender != env.contract.address {
        return Err(ContractError::NotSelf);
    }
    let channel = CHANNELS
        .may_load(deps.storage, &channel_id)?
        .ok_or_else(|| ContractError::UnknownChannel(channel_id.clone()))?;
    let envelope = decode_envelope(&data)?;
    let kind = envelope.body.kind();
    let (msgs, receipt) = apply_body(deps, &env, &channel.node, &channel_id, envelope.body)?;
    let res = match receipt {
        Some(receipt) => Response::new().set_data(receipt),
        None => Response::new(),
    };
    Ok(res.add_messages(msgs).add_attributes([
        (attr::ACTION, attr::ACTION_APPLY_PACKET),
        (attr::NODE, channel.node.as_str()),
        (attr::PACKET_ID, &envelope.id.to_string()),
        (attr::PACKET_KIND, kind),
    ]))
}

pub fn apply_body(
    deps: DepsMut,
    env: &Env,
    node: &str,
    channel_id: &str,
    body: RelayPacket,
) -> Result<(Vec<CosmosMsg>, Option<Binary>), ContractError> {
    let msgs = match body {
        RelayPacket::Transfer {
            receiver, shares, ..
        } => transfer::receive_transfer(deps, node, &receiver, shares),
        RelayPacket::Return {
            receiver, shares, ..
        } => transfer::receive_return(deps, env, node, &receiver, shares),
        RelayPacket::GuestBooking {
            visitor,
            guest,
            home_id,
            start_day,
            end_day,
            shares,
        } => {
            let (msgs, receipt) = transfer::receive_booking(
                deps, env, node, channel_id, &visitor, &guest, home_id, start_day, end_day, shares,
            )?;
            return Ok((msgs, Some(to_json_binary(&receipt)?)));
        }
        RelayPacket::CancelBooking {
            visitor,
            booking_id,
        } => transfer::receive_cancel_booking(deps, env, node, &visitor, booking_id),
        RelayPacket::TradeOffer {
            offer_id,
            offeror,
            counterparty,
            offeror_role,
            goods,
            containers,
            price,
            delivery_window,
        } => trade::receive_offer(
            deps,
            env,
            node,
            channel_id,
            offer_id,
            offeror,
            &counterparty,
            offeror_role,
            goods,
            containers,
            price,
            delivery_window,
        ),
        RelayPacket::TradeAnswer {
            offer_id,
            accept,
            reason,
        } => trade::receive_answer(deps, node, offer_id, accept, reason),
        RelayPacket::ShipmentUpdate {
            offer_id,
            offered_by_sender,
            update,
        } => trade::receive_shipment(deps, env, node, offer_id, offered_by_sender, update),
        RelayPacket::DeliveryReceipt {
            offer_id,
            offered_by_sender,
        } => trade::receive_receipt(deps, env, node, offer_id, offered_by_sender),
        RelayPacket::TreatyProposal {
            proposal_id,
            kind,
            title,
            terms,
        } => diplomacy::receive_treaty(deps, node, channel_id, proposal_id, kind, title, terms),
        RelayPacket::TreatyRatification { proposal_id } => {
            diplomacy::receive_ratification(deps, env, node, proposal_id)
        }
        RelayPacket::Note { subject, body, .. } => {
            diplomacy::receive_note(deps, env, node, subject, body)
        }
        RelayPacket::PanelProposal {
            proposal_id,
            subject,
            members,
        } => diplomacy::receive_panel(deps, node, channel_id, proposal_id, subject, members),
        RelayPacket::PanelHalf {
            proposal_id,
            members,
        } => diplomacy::receive_panel_half(deps, node, proposal_id, members),
    }?;
    Ok((msgs, None))
}

/// Applying failed and was rolled back: the acknowledgement becomes an error. Applying
/// succeeded with a receipt: the acknowledgement carries it.
pub fn receive_reply(msg: Reply) -> Result<Response, ContractError> {
    match msg.result {
        SubMsgResult::Err(err) => Ok(Response::new()
            .set_data(ack_error(err.clone()))
            .add_attributes([
                (attr::ACTION, attr::ACTION_RECEIVE_FAILED),
                (attr::ERROR, err.as_str()),
            ])),
        SubMsgResult::Ok(res) => Ok(match applied_data(&res) {
            Some(receipt) => Response::new().set_data(ack_result(receipt)),
            None => Response::new(),
        }),
    }
}

/// The data our own `ApplyPacket` execution returned, from the sub-message's response.
fn applied_data(res: &SubMsgResponse) -> Option<Binary> {
    if let Some(first) = res.msg_responses.first() {
        return parse_execute_response_data(&first.value).ok()?.data;
    }
    // Chains before CosmWasm 2.0 only fill the deprecated field.
    #[allow(deprecated)]
    res.data.clone()
}
