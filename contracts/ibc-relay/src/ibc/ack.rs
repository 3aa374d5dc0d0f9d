//! Resolving the packets we sent: an acknowledgement (success or error) or a timeout. Only an
//! error acknowledgement or a timeout (including timeout-on-close) proves the other side did not
//! act on a packet, so only they refund; a channel close alone never does. Each pending packet
//! resolves exactly once; later news of it changes nothing.
//!
//! What a packet asks of its kind comes from the packet itself: IBC core hands the contract an
//! acknowledged or timed-out packet only after checking it against the commitment stored when
//! the packet was sent, so its body is the one we sent. The pending record proves it is still
//! unresolved and names the node its channel led to.

use cosmwasm_std::{
    Binary, CosmosMsg, DepsMut, Env, IbcBasicResponse, IbcPacket, IbcPacketAckMsg,
    IbcPacketTimeoutMsg,
};

use crate::attributes as attr;
use crate::error::ContractError;
use crate::holdings::HeldBalance;
use crate::packet::{ack_result_data, decode_envelope, Packet, PacketVisitor, RelayPacket};
use crate::state::Pending;

pub fn packet_ack(
    deps: DepsMut,
    env: Env,
    msg: IbcPacketAckMsg,
) -> Result<IbcBasicResponse, ContractError> {
    let outcome = match ack_result_data(&msg.acknowledgement.data) {
        Some(result) => Outcome::Acked(result),
        None => Outcome::Refused,
    };
    resolve_packet(deps, &env, &msg.original_packet, outcome, attr::ACTION_ACK)
}

pub fn packet_timeout(
    deps: DepsMut,
    env: Env,
    msg: IbcPacketTimeoutMsg,
) -> Result<IbcBasicResponse, ContractError> {
    resolve_packet(
        deps,
        &env,
        &msg.packet,
        Outcome::TimedOut,
        attr::ACTION_TIMEOUT,
    )
}

fn resolve_packet(
    deps: DepsMut,
    env: &Env,
    packet: &IbcPacket,
    outcome: Outcome,
    action: &str,
) -> Result<IbcBasicResponse, ContractError> {
    let success = matches!(outcome, Outcome::Acked(_));
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
    let pending = match Pending::load(deps.storage, envelope.id)? {
        Some(p) if p.channel_id == packet.src.channel_id => p,
        _ => return Ok(res.add_attribute(attr::PACKET_ID, envelope.id.to_string())),
    };
    let kind = envelope.body.kind();
    let msgs = resolve_pending(
        deps,
        env,
        &mut HeldBalance::default(),
        &pending,
        envelope.body,
        outcome,
    )?;
    Ok(res.add_messages(msgs).add_attributes([
        (attr::PACKET_ID, envelope.id.to_string()),
        (attr::PACKET_KIND, kind.to_string()),
    ]))
}

/// How a packet we sent ended.
pub enum Outcome {
    /// A success acknowledgement, with the result it carried.
    Acked(Binary),
    /// An error acknowledgement (or one that does not decode).
    Refused,
    /// A timeout, including timeout-on-close.
    TimedOut,
}

/// Removes `pending` and hands the outcome of its packet, `body`, to its kind. Refunds are paid
/// out of `held`, shared by every packet the message resolves.
pub fn resolve_pending(
    deps: DepsMut,
    env: &Env,
    held: &mut HeldBalance,
    pending: &Pending,
    body: RelayPacket,
    outcome: Outcome,
) -> Result<Vec<CosmosMsg>, ContractError> {
    pending.remove(deps.storage);
    body.visit(Resolve {
        deps,
        env,
        node: &pending.node,
        held,
        outcome,
    })
}

/// Hands a sent packet's outcome to its kind.
struct Resolve<'d, 'a> {
    deps: DepsMut<'d>,
    env: &'a Env,
    node: &'a str,
    held: &'a mut HeldBalance,
    outcome: Outcome,
}

impl PacketVisitor for Resolve<'_, '_> {
    type Output = Result<Vec<CosmosMsg>, ContractError>;

    fn visit<P: Packet>(self, packet: P) -> Self::Output {
        let Resolve {
            deps,
            env,
            node,
            held,
            outcome,
        } = self;
        match outcome {
            Outcome::Acked(result) => packet.on_ack_success(deps, env, node, result),
            Outcome::Refused => packet.on_ack_error(deps, env, node, held),
            Outcome::TimedOut => packet.on_timeout(deps, env, node, held),
        }
    }
}
