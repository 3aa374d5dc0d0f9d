//! Channels are unordered, speak `dac-relay-1`, and lead to a node the council recognizes.

use cosmwasm_std::{
    DepsMut, Ibc3ChannelOpenResponse, IbcBasicResponse, IbcChannel, IbcChannelCloseMsg,
    IbcChannelConnectMsg, IbcChannelOpenMsg, IbcChannelOpenResponse, IbcOrder, Storage,
};

use crate::attributes as attr;
use crate::error::ContractError;
use crate::msg::{ChannelInfo, IBC_VERSION};
use crate::state::{CHANNELS, LATEST_CHANNEL, NODE_BY_ENDPOINT};

fn check_version(version: &str) -> Result<(), ContractError> {
    if version != IBC_VERSION {
        return Err(ContractError::WrongVersion {
            expected: IBC_VERSION.to_string(),
            got: version.to_string(),
        });
    }
    Ok(())
}

/// The recognized node at the other end of `channel`, if its ordering and versions are ours.
fn check_channel(
    storage: &dyn Storage,
    channel: &IbcChannel,
    counterparty_version: Option<&str>,
) -> Result<String, ContractError> {
    if channel.order != IbcOrder::Unordered {
        return Err(ContractError::WrongOrdering);
    }
    check_version(&channel.version)?;
    if let Some(version) = counterparty_version {
        check_version(version)?;
    }
    let port = &channel.counterparty_endpoint.port_id;
    NODE_BY_ENDPOINT
        .may_load(storage, (&channel.connection_id, port))?
        .ok_or_else(|| ContractError::UnrecognizedNode {
            connection_id: channel.connection_id.clone(),
            port: port.clone(),
        })
}

pub fn channel_open(
    deps: DepsMut,
    msg: IbcChannelOpenMsg,
) -> Result<IbcChannelOpenResponse, ContractError> {
    check_channel(deps.storage, msg.channel(), msg.counterparty_version())?;
    Ok(Some(Ibc3ChannelOpenResponse {
        version: IBC_VERSION.to_string(),
    }))
}

pub fn channel_connect(
    deps: DepsMut,
    msg: IbcChannelConnectMsg,
) -> Result<IbcBasicResponse, ContractError> {
    let channel = msg.channel();
    let node = check_channel(deps.storage, channel, msg.counterparty_version())?;
    let info = ChannelInfo {
        channel_id: channel.endpoint.channel_id.clone(),
        connection_id: channel.connection_id.clone(),
        counterparty_port: channel.counterparty_endpoint.port_id.clone(),
        counterparty_channel: channel.counterparty_endpoint.channel_id.clone(),
        node: node.clone(),
        open: true,
    };
    CHANNELS.save(deps.storage, &info.channel_id, &info)?;
    LATEST_CHANNEL.save(deps.storage, &node, &info.channel_id)?;
    Ok(IbcBasicResponse::new().add_attributes([
        (attr::ACTION, attr::ACTION_CHANNEL_CONNECT),
        (attr::CHANNEL_ID, &info.channel_id),
        (attr::NODE, &node),
    ]))
}

/// Either side may close. The channel stops carrying packets and refunds nothing: a packet
/// sent before the close may already have been received on the other side (even between its
/// close-init and our close-confirm), so each waits for its acknowledgement or for its timeout
/// (the relayer's timeout-on-close proves it was never received), which `ibc_packet_timeout`
/// refunds.
pub fn channel_close(
    deps: DepsMut,
    msg: IbcChannelCloseMsg,
) -> Result<IbcBasicResponse, ContractError> {
    let channel_id = msg.channel().endpoint.channel_id.clone();
    let Some(mut info) = CHANNELS.may_load(deps.storage, &channel_id)? else {
        return Ok(IbcBasicResponse::new().add_attributes([
            (attr::ACTION, attr::ACTION_CHANNEL_CLOSE),
            (attr::CHANNEL_ID, &channel_id),
        ]));
    };
    info.open = false;
    CHANNELS.save(deps.storage, &channel_id, &info)?;
    Ok(IbcBasicResponse::new().add_attributes([
        (attr::ACTION, attr::ACTION_CHANNEL_CLOSE),
        (attr::CHANNEL_ID, &channel_id),
        (attr::NODE, &info.node),
    ]))
}
