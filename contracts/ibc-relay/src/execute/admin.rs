//! The council's controls: which nodes are recognized, configuration, closing channels, and
//! the two-step admin transfer.

use cosmwasm_std::{DepsMut, IbcMsg, MessageInfo, Response};
use dac_common::admin;

use crate::attributes as attr;
use crate::error::ContractError;
use crate::msg::RemoteNode;
use crate::state::{
    ADMIN, CHANNELS, CONFIG, MAX_LABEL, MAX_TIMEOUT_SECONDS, NODES, NODE_BY_ENDPOINT,
};

fn validate_node_name(name: &str) -> Result<(), ContractError> {
    let ok = !name.is_empty()
        && name.len() <= 32
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(ContractError::BadNodeName)
    }
}

pub fn recognize_node(
    deps: DepsMut,
    info: MessageInfo,
    name: String,
    connection_id: String,
    counterparty_port: String,
) -> Result<Response, ContractError> {
    ADMIN.assert_admin(deps.storage, &info.sender)?;
    validate_node_name(&name)?;
    super::validate_text(&connection_id, "connection_id", MAX_LABEL)?;
    super::validate_text(&counterparty_port, "counterparty_port", MAX_LABEL)?;
    if NODES.has(deps.storage, &name) {
        return Err(ContractError::NodeExists(name));
    }
    if let Some(owner) =
        NODE_BY_ENDPOINT.may_load(deps.storage, (&connection_id, &counterparty_port))?
    {
        return Err(ContractError::EndpointTaken(owner));
    }
    NODE_BY_ENDPOINT.save(deps.storage, (&connection_id, &counterparty_port), &name)?;
    NODES.save(
        deps.storage,
        &name,
        &RemoteNode {
            name: name.clone(),
            connection_id: connection_id.clone(),
            counterparty_port: counterparty_port.clone(),
        },
    )?;
    Ok(Response::new().add_attributes([
        (attr::ACTION, attr::ACTION_RECOGNIZE_NODE),
        (attr::NODE, &name),
        (attr::CONNECTION_ID, &connection_id),
        (attr::PORT, &counterparty_port),
    ]))
}

/// Packets from a forgotten node get error acknowledgements; what we hold for it stays held
/// (its vouchers can come home again if the council recognizes it anew under the same name).
pub fn forget_node(
    deps: DepsMut,
    info: MessageInfo,
    name: String,
) -> Result<Response, ContractError> {
    ADMIN.assert_admin(deps.storage, &info.sender)?;
    let node = NODES
        .may_load(deps.storage, &name)?
        .ok_or_else(|| ContractError::UnknownNode(name.clone()))?;
    NODES.remove(deps.storage, &name);
    NODE_BY_ENDPOINT.remove(deps.storage, (&node.connection_id, &node.counterparty_port));
    Ok(Response::new().add_attributes([
        (attr::ACTION, attr::ACTION_FORGET_NODE),
        (attr::NODE, &name),
    ]))
}

pub fn update_config(
    deps: DepsMut,
    info: MessageInfo,
    housing_registry: Option<String>,
    escrow: Option<String>,
    default_timeout_seconds: Option<u64>,
    council: Option<String>,
) -> Result<Response, ContractError> {
    ADMIN.assert_admin(deps.storage, &info.sender)?;
    let mut config = CONFIG.load(deps.storage)?;
    if let Some(council) = council {
        config.council = Some(deps.api.addr_validate(&council)?);
    }
    if let Some(registry) = housing_registry {
        config.housing_registry = Some(deps.api.addr_validate(&registry)?);
    }
    if let Some(escrow) = escrow {
        config.escrow = Some(deps.api.addr_validate(&escrow)?);
    }
    if let Some(seconds) = default_timeout_seconds {
        validate_default_timeout(seconds)?;
        config.default_timeout_seconds = seconds;
    }
    CONFIG.save(deps.storage, &config)?;
    Ok(Response::new().add_attribute(attr::ACTION, attr::ACTION_UPDATE_CONFIG))
}

pub fn validate_default_timeout(seconds: u64) -> Result<(), ContractError> {
    if seconds == 0 || seconds > MAX_TIMEOUT_SECONDS {
        return Err(ContractError::BadTimeout {
            max: MAX_TIMEOUT_SECONDS,
        });
    }
    Ok(())
}

/// Asks the chain to close a channel. Nothing is refunded by the close: each packet still in
/// flight resolves by its acknowledgement or by its timeout (timeout-on-close proves it was
/// never received), as ICS-20 does.
pub fn close_channel(
    deps: DepsMut,
    info: MessageInfo,
    channel_id: String,
) -> Result<Response, ContractError> {
    ADMIN.assert_admin(deps.storage, &info.sender)?;
    let channel = CHANNELS
        .may_load(deps.storage, &channel_id)?
        .ok_or_else(|| ContractError::UnknownChannel(channel_id.clone()))?;
    if !channel.open {
        return Err(ContractError::ChannelClosed(channel_id));
    }
    Ok(Response::new()
        .add_message(IbcMsg::CloseChannel {
            channel_id: channel_id.clone(),
        })
        .add_attributes([
            (attr::ACTION, attr::ACTION_CLOSE_CHANNEL),
            (attr::CHANNEL_ID, &channel_id),
        ]))
}

pub fn propose_admin(
    deps: DepsMut,
    info: MessageInfo,
    admin: Option<String>,
) -> Result<Response, ContractError> {
    let pending = ADMIN.propose(deps.storage, deps.api, &info.sender, admin)?;
    Ok(Response::new().add_attributes(admin::propose_attributes(&info.sender, pending.as_ref())))
}

pub fn accept_admin(deps: DepsMut, info: MessageInfo) -> Result<Response, ContractError> {
    ADMIN.accept(deps.storage, &info.sender)?;
    Ok(Response::new().add_attributes(admin::accept_attributes(&info.sender)))
}
