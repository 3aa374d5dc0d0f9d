//! Execute handlers, one module per concern. Each concern is also the home of the packet kinds
//! it sends: their structs and `impl Packet` (what happens when they arrive on the other node,
//! and when their acknowledgement or timeout comes back; see `crate::packet`).

pub mod admin;
pub mod diplomacy;
pub mod moves;
pub mod trade;
pub mod transfer;

use cosmwasm_std::{to_json_binary, Env, IbcMsg, IbcTimeout, Storage};
pub use dac_common::text::validate_text;

use crate::error::ContractError;
use crate::msg::{ChannelInfo, PendingPacket};
use crate::packet::{Envelope, RelayPacket};
use crate::state::{
    next_id, CHANNELS, CONFIG, MAX_TIMEOUT_SECONDS, NEXT_PACKET_ID, NODES, PENDING,
    PENDING_BY_CHANNEL, VALUE_IN_FLIGHT,
};

/// An open channel whose node is still recognized: the only kind we send on.
pub fn sendable_channel(
    storage: &dyn Storage,
    channel_id: &str,
) -> Result<ChannelInfo, ContractError> {
    let channel = CHANNELS
        .may_load(storage, channel_id)?
        .ok_or_else(|| ContractError::UnknownChannel(channel_id.to_string()))?;
    if !channel.open {
        return Err(ContractError::ChannelClosed(channel_id.to_string()));
    }
    if !NODES.has(storage, &channel.node) {
        return Err(ContractError::UnknownNode(channel.node));
    }
    Ok(channel)
}

fn timeout_after(
    storage: &dyn Storage,
    env: &Env,
    seconds: Option<u64>,
) -> Result<IbcTimeout, ContractError> {
    let seconds = match seconds {
        Some(s) => s,
        None => CONFIG.load(storage)?.default_timeout_seconds,
    };
    if seconds == 0 || seconds > MAX_TIMEOUT_SECONDS {
        return Err(ContractError::BadTimeout {
            max: MAX_TIMEOUT_SECONDS,
        });
    }
    Ok(IbcTimeout::with_timestamp(
        env.block.time.plus_seconds(seconds),
    ))
}

/// Records `body` as pending (so its acknowledgement or timeout can resolve it; `carries_value`
/// lists it among the transfers in flight) and builds the IBC message that sends it. Kinds send
/// through `Packet::send`.
pub(crate) fn send_packet(
    storage: &mut dyn Storage,
    env: &Env,
    channel: &ChannelInfo,
    timeout_seconds: Option<u64>,
    carries_value: bool,
    body: RelayPacket,
) -> Result<(IbcMsg, u64), ContractError> {
    let timeout = timeout_after(storage, env, timeout_seconds)?;
    let id = next_id(storage, &NEXT_PACKET_ID)?;
    let data = to_json_binary(&Envelope {
        id,
        body: body.clone(),
    })?;
    let pending = PendingPacket {
        id,
        channel_id: channel.channel_id.clone(),
        node: channel.node.clone(),
        timeout: timeout.timestamp().unwrap_or(env.block.time),
        body,
    };
    if carries_value {
        VALUE_IN_FLIGHT.save(storage, id, &())?;
    }
    PENDING_BY_CHANNEL.save(storage, (&channel.channel_id, id), &())?;
    PENDING.save(storage, id, &pending)?;
    Ok((
        IbcMsg::SendPacket {
            channel_id: channel.channel_id.clone(),
            data,
            timeout,
        },
        id,
    ))
}
