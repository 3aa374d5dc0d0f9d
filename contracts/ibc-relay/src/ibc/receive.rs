//! Receiving a packet. The receive entry point only checks the channel, decodes, refuses
//! replays and unrecognized nodes, then hands the packet to the relay's own `ApplyPacket` as a
//! sub-message. If applying fails, the chain rolls back everything it did and our reply turns
//! the failure into an error acknowledgement: never a panic, never a stuck channel.

use cosmwasm_std::{
    Binary, DepsMut, Env, IbcPacketReceiveMsg, IbcReceiveResponse, MessageInfo, Reply, Response,
    SubMsg, SubMsgResponse, SubMsgResult, WasmMsg,
};
use cw_utils::parse_execute_response_data;
use dac_common::json::to_json_binary;

use crate::attributes as attr;
use crate::error::ContractError;
use crate::packet::{
    ack_error, ack_result, ack_success, decode_envelope, Applied, Packet, PacketVisitor, Peer,
    RelayPacket,
};
use crate::state::{CHANNELS, NODES, RECEIVED, RECEIVE_REPLY_ID};

/// The relay's own `apply_packet`, written as its `ExecuteMsg` writes it: serializing that whole
/// enum would link the writer of all its variants (several KiB).
#[derive(serde::Serialize, dac_common::LeanSerialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ApplyPacketMsg {
    ApplyPacket { channel_id: String, data: Binary },
}

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
        msg: to_json_binary(&ApplyPacketMsg::ApplyPacket {
            channel_id: channel_id.clone(),
            data: msg.packet.data,
        })?,
        funds: vec![],
    };
    let kind = envelope.body.kind();
    Ok(IbcReceiveResponse::new(ack_success())
        .add_submessage(apply_submsg(apply, envelope.body))
        .add_attributes([
            (attr::ACTION, attr::ACTION_RECEIVE),
            (attr::CHANNEL_ID, channel_id.as_str()),
            (attr::NODE, channel.node.as_str()),
            (attr::PACKET_ID, &envelope.id.to_string()),
            (attr::PACKET_KIND, kind),
        ]))
}

/// Most packets are acknowledged with a plain success, so only a failure needs our reply; a
/// kind whose acknowledgement carries a result (a guest booking's receipt) is replied to on
/// success as well.
fn apply_submsg(apply: WasmMsg, body: RelayPacket) -> SubMsg {
    if body.visit(AckHasResult) {
        SubMsg::reply_always(apply, RECEIVE_REPLY_ID)
    } else {
        SubMsg::reply_on_error(apply, RECEIVE_REPLY_ID)
    }
}

struct AckHasResult;

impl PacketVisitor for AckHasResult {
    type Output = bool;

    fn visit<P: Packet>(self, _packet: P) -> bool {
        P::ACK_HAS_RESULT
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
    let from = Peer {
        node: &channel.node,
        channel_id: &channel_id,
    };
    let applied = envelope.body.visit(Receive {
        deps,
        env: &env,
        from,
    })?;
    let res = match applied.ack_result {
        Some(result) => Response::new().set_data(result),
        None => Response::new(),
    };
    Ok(res.add_messages(applied.msgs).add_attributes([
        (attr::ACTION, attr::ACTION_APPLY_PACKET),
        (attr::NODE, channel.node.as_str()),
        (attr::PACKET_ID, &envelope.id.to_string()),
        (attr::PACKET_KIND, kind),
    ]))
}

/// Hands a received packet to its kind.
struct Receive<'d, 'a> {
    deps: DepsMut<'d>,
    env: &'a Env,
    from: Peer<'a>,
}

impl PacketVisitor for Receive<'_, '_> {
    type Output = Result<Applied, ContractError>;

    fn visit<P: Packet>(self, packet: P) -> Self::Output {
        packet.receive(self.deps, self.env, self.from)
    }
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

#[cfg(test)]
mod tests {
    use super::ApplyPacketMsg;
    use crate::msg::ExecuteMsg;
    use cosmwasm_std::{to_json_vec, Binary};

    #[test]
    fn apply_packet_is_written_as_the_relays_own_message() {
        let ours = ApplyPacketMsg::ApplyPacket {
            channel_id: "channel-0".into(),
            data: Binary::from(b"{}"),
        };
        let relays = ExecuteMsg::ApplyPacket {
            channel_id: "channel-0".into(),
            data: Binary::from(b"{}"),
        };
        // The message is written by the lean writer, the relay's by serde.
        assert_eq!(
            dac_common::json::to_json_vec(&ours),
            to_json_vec(&relays).unwrap()
        );
    }
}
