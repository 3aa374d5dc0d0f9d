//! Execute handlers, one module per concern. Each concern is also the home of the packet kinds
//! it sends: their structs and `impl Packet` (what happens when they arrive on the other node,
//! and when their acknowledgement or timeout comes back; see `crate::packet`).

pub mod admin;
pub mod diplomacy;
pub mod moves;
pub mod trade;
pub mod transfer;

use cosmwasm_std::{Env, IbcMsg, IbcTimeout, Storage};
use dac_common::json::to_json_binary;
pub use dac_common::text::validate_text;

use crate::error::ContractError;
use crate::msg::ChannelInfo;
use crate::packet::{Envelope, RelayPacket};
use crate::state::{Ledger, Pending, CHANNELS, CONFIG, MAX_TIMEOUT_SECONDS, NODES};

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

/// Records `body` as pending (so its acknowledgement or timeout can resolve it, and the listing
/// shows it), takes its id from `ledger` and saves the ledger, and builds the IBC message that
/// sends it. Kinds send through `Packet::send`.
pub(crate) fn send_packet(
    storage: &mut dyn Storage,
    mut ledger: Ledger,
    env: &Env,
    channel: &ChannelInfo,
    timeout_seconds: Option<u64>,
    body: RelayPacket,
) -> Result<(IbcMsg, u64), ContractError> {
    let timeout = timeout_after(storage, env, timeout_seconds)?;
    let id = ledger.next_packet_id()?;
    ledger.save(storage);
    Pending {
        id,
        kind: body.tag(),
        timeout: timeout.timestamp().unwrap_or(env.block.time),
        node: channel.node.clone(),
        channel_id: channel.channel_id.clone(),
        layout1: false,
    }
    .save(storage)?;
    let data = to_json_binary(&Envelope { id, body })?;
    Ok((
        IbcMsg::SendPacket {
            channel_id: channel.channel_id.clone(),
            data,
            timeout,
        },
        id,
    ))
}
