//! Moving between nodes (seed 001: "relinquish your house back to the original node, and then
//! apply for a house in the new node"). The member's one message is a cw20 `send` of their whole
//! balance to the node's relay with `move`: the token proves it is theirs, the relay asks this
//! council for their departure record (`query::departure_record`, from this council's own
//! state), sends it with their money to the other node, and calls `record_departure` here. On
//! the other node, the relay hands the record to its council (`record_arrival`), where the
//! gatekeepers see it beside the application. Only the relay named in the config may call
//! either: it is the one contract that saw the proof.

use cosmwasm_std::{Addr, DepsMut, Env, MessageInfo, Response, WasmMsg};
use dac_common::json::to_json_binary;
use dac_common::mesh::{Arrival, DepartureRecord};

use crate::attributes::*;
use crate::execute::delegation::release_incoming;
use crate::execute::membership::remove_member;
use crate::execute::token_sync::update_members;
use crate::execute::validate_text;
use crate::state::{
    Config, ARRIVALS, CONFIG, MAX_RELEASED_PER_CALL, MAX_TOPIC_LEN, MEMBERS, PENDING_TOKEN_SYNC,
};
use crate::ContractError;

/// Longest address a record may name (bech32 addresses are well under it).
const MAX_ADDRESS_LEN: usize = 128;

fn require_relay(config: &Config, sender: &Addr) -> Result<(), ContractError> {
    if config.relay.as_ref() == Some(sender) {
        Ok(())
    } else {
        Err(ContractError::Unauthorized(
            "only the node's relay records moves".into(),
        ))
    }
}

/// The registry's message for a member who moved (serialized only).
#[derive(serde::Serialize, dac_common::LeanSerialize)]
#[serde(rename_all = "snake_case")]
enum RegistryMsg {
    MemberMoved {
        holder: String,
        household_stays: bool,
    },
}

pub fn record_departure(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    member: String,
    household_stays: bool,
    housing_registry: Option<String>,
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    require_relay(&config, &info.sender)?;
    let member = deps.api.addr_validate(&member)?;
    let height = env.block.height;
    let roles_lost = remove_member(deps.storage, height, &member)?;
    let (released, more) = release_incoming(deps.storage, height, &member, MAX_RELEASED_PER_CALL)?;
    PENDING_TOKEN_SYNC.remove(deps.storage, &member);
    let mut response = Response::new()
        .add_attribute(ACTION, ACT_RECORD_DEPARTURE)
        .add_attribute(MEMBER, member.as_str())
        .add_attribute(ROLES_LOST, roles_lost.to_string())
        .add_attribute(DELEGATIONS_RELEASED, released.to_string())
        .add_attribute(MORE_TO_RELEASE, more.to_string());
    // A plain message, unlike `leave`'s: if the token refuses, the move fails rather than
    // leave basic income drawable on a node the member left.
    if let Some(msg) = update_members(&config, &member, false)? {
        response = response.add_message(msg);
    }
    if let Some(registry) = housing_registry {
        let registry = deps.api.addr_validate(&registry)?;
        response = response.add_message(WasmMsg::Execute {
            contract_addr: registry.into_string(),
            msg: to_json_binary(&RegistryMsg::MemberMoved {
                holder: member.into_string(),
                household_stays,
            })?,
            funds: vec![],
        });
    }
    Ok(response)
}

pub fn record_arrival(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    newcomer: String,
    node: String,
    record: DepartureRecord,
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    require_relay(&config, &info.sender)?;
    let newcomer = deps.api.addr_validate(&newcomer)?;
    validate_text(&node, "node", MAX_TOPIC_LEN)?;
    validate_text(&record.member, "record member", MAX_ADDRESS_LEN)?;
    if ARRIVALS.has(deps.storage, (&newcomer, &node)) {
        return Err(ContractError::ArrivalRecorded {
            newcomer: newcomer.into_string(),
            node,
        });
    }
    ARRIVALS.save(
        deps.storage,
        (&newcomer, &node),
        &Arrival {
            node: node.clone(),
            record,
            arrived_at: env.block.time,
        },
    )?;
    Ok(Response::new()
        .add_attribute(ACTION, ACT_RECORD_ARRIVAL)
        .add_attribute(MEMBER, newcomer)
        .add_attribute(NODE, node))
}

/// Anyone: delegations to someone who is no longer a member end, in bounded steps.
pub fn release_delegations(
    deps: DepsMut,
    env: Env,
    member: String,
    limit: Option<u32>,
) -> Result<Response, ContractError> {
    let member = deps.api.addr_validate(&member)?;
    if MEMBERS.may_load(deps.storage, &member)?.is_some() {
        return Err(ContractError::StillMember(member.into_string()));
    }
    let limit = limit
        .unwrap_or(MAX_RELEASED_PER_CALL)
        .clamp(1, MAX_RELEASED_PER_CALL);
    let (released, more) = release_incoming(deps.storage, env.block.height, &member, limit)?;
    if released == 0 {
        return Err(ContractError::NoDelegation);
    }
    Ok(Response::new()
        .add_attribute(ACTION, ACT_RELEASE_DELEGATIONS)
        .add_attribute(MEMBER, member)
        .add_attribute(DELEGATIONS_RELEASED, released.to_string())
        .add_attribute(MORE_TO_RELEASE, more.to_string()))
}
