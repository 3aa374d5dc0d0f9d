//! Ostrom principle 1, clearly defined boundaries: members apply, a gatekeeper admits or
//! refuses, members may leave. Every change tells the demurrage token (basic income), and
//! never waits on it (`token_sync`).

use cosmwasm_std::{Addr, BlockInfo, DepsMut, Env, MessageInfo, Order, Response, Storage};

use crate::attributes::*;
use crate::execute::councils::{load_council, seat, unseat};
use crate::execute::delegation::clear_delegations;
use crate::execute::roles::{drop_roles, require_role, Role};
use crate::execute::token_sync::sync_member;
use crate::execute::{require_member, validate_len};
use crate::msg::Seat;
use crate::state::{
    Application, APPLICATIONS, CONFIG, MAX_COUNCILS_PER_MEMBER, MAX_TEXT_LEN, MEMBERS,
    MEMBER_COUNCILS, MEMBER_SINCE, STANDING, TOTAL,
};
use crate::ContractError;
use dac_common::pagination::at_most;

/// A gatekeeper who is still a member in good standing (`roles`).
pub fn require_gatekeeper(storage: &dyn Storage, sender: &Addr) -> Result<(), ContractError> {
    let config = CONFIG.load(storage)?;
    require_role(storage, &config, Role::Gatekeeper, sender)
}

pub fn add_member(
    storage: &mut dyn Storage,
    block: &BlockInfo,
    member: &Addr,
) -> Result<(), ContractError> {
    if MEMBERS.may_load(storage, member)?.is_some() {
        return Err(ContractError::AlreadyMember(member.to_string()));
    }
    let height = block.height;
    MEMBERS.save(storage, member, &1, height)?;
    MEMBER_SINCE.save(storage, member, &block.time)?;
    let total = TOTAL.may_load(storage)?.unwrap_or_default();
    TOTAL.save(storage, &(total + 1), height)?;
    Ok(())
}

/// Ends a membership: every seat (at most `MAX_COUNCILS_PER_MEMBER`), every delegation given
/// and every role held. Returns whether a role was lost.
pub fn remove_member(
    storage: &mut dyn Storage,
    height: u64,
    member: &Addr,
) -> Result<bool, ContractError> {
    require_member(storage, member)?;
    let councils = at_most(
        MEMBER_COUNCILS
            .prefix(member)
            .keys(storage, None, None, Order::Ascending),
        MAX_COUNCILS_PER_MEMBER,
    )?;
    for council_id in councils {
        // Leaving a child council may already have ended a delegate seat in its parent.
        if MEMBER_COUNCILS.has(storage, (member, council_id)) {
            unseat(storage, height, council_id, member)?;
        }
    }
    clear_delegations(storage, height, member, None)?;
    MEMBERS.remove(storage, member, height)?;
    MEMBER_SINCE.remove(storage, member);
    let total = TOTAL.may_load(storage)?.unwrap_or_default();
    TOTAL.save(storage, &total.saturating_sub(1), height)?;
    drop_roles(storage, member)
}

pub fn apply(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    statement: String,
    councils: Vec<u64>,
) -> Result<Response, ContractError> {
    validate_len(&statement, "statement", MAX_TEXT_LEN)?;
    if MEMBERS.may_load(deps.storage, &info.sender)?.is_some() {
        return Err(ContractError::AlreadyMember(info.sender.to_string()));
    }
    if STANDING
        .may_load(deps.storage, &info.sender)?
        .unwrap_or_default()
        .excluded
    {
        return Err(ContractError::Excluded(info.sender.to_string()));
    }
    if councils.len() > MAX_COUNCILS_PER_MEMBER {
        return Err(ContractError::TooMany {
            what: "councils per member".into(),
            max: MAX_COUNCILS_PER_MEMBER as u64,
        });
    }
    for (i, council_id) in councils.iter().enumerate() {
        load_council(deps.storage, *council_id)?;
        if councils[..i].contains(council_id) {
            return Err(ContractError::ListedTwice {
                list: "councils",
                item: council_id.to_string(),
            });
        }
    }
    APPLICATIONS.save(
        deps.storage,
        &info.sender,
        &Application {
            statement,
            councils,
            filed_at: env.block.time,
        },
    )?;
    Ok(Response::new()
        .add_attribute(ACTION, ACT_APPLY)
        .add_attribute(MEMBER, info.sender))
}

pub fn admit(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    applicant: String,
) -> Result<Response, ContractError> {
    require_gatekeeper(deps.storage, &info.sender)?;
    let applicant = deps.api.addr_validate(&applicant)?;
    let application = APPLICATIONS
        .may_load(deps.storage, &applicant)?
        .ok_or_else(|| ContractError::NoApplication(applicant.to_string()))?;
    let height = env.block.height;
    add_member(deps.storage, &env.block, &applicant)?;
    for council_id in application.councils {
        seat(deps.storage, height, council_id, &applicant, Seat::Direct)?;
    }
    APPLICATIONS.remove(deps.storage, &applicant);
    let config = CONFIG.load(deps.storage)?;
    let mut response = Response::new()
        .add_attribute(ACTION, ACT_ADMIT)
        .add_attribute(SENDER, info.sender)
        .add_attribute(MEMBER, applicant.as_str());
    // The member is admitted even if the token refuses; the sync then waits for a retry.
    if let Some(sync) = sync_member(deps.storage, &config, &applicant, true)? {
        response = response.add_submessage(sync);
    }
    Ok(response)
}

pub fn refuse(
    deps: DepsMut,
    info: MessageInfo,
    applicant: String,
    reason: String,
) -> Result<Response, ContractError> {
    require_gatekeeper(deps.storage, &info.sender)?;
    validate_len(&reason, "reason", MAX_TEXT_LEN)?;
    let applicant = deps.api.addr_validate(&applicant)?;
    if !APPLICATIONS.has(deps.storage, &applicant) {
        return Err(ContractError::NoApplication(applicant.to_string()));
    }
    APPLICATIONS.remove(deps.storage, &applicant);
    Ok(Response::new()
        .add_attribute(ACTION, ACT_REFUSE)
        .add_attribute(SENDER, info.sender)
        .add_attribute(MEMBER, applicant))
}

pub fn leave(deps: DepsMut, env: Env, info: MessageInfo) -> Result<Response, ContractError> {
    let roles_lost = remove_member(deps.storage, env.block.height, &info.sender)?;
    let config = CONFIG.load(deps.storage)?;
    let mut response = Response::new()
        .add_attribute(ACTION, ACT_LEAVE)
        .add_attribute(MEMBER, info.sender.as_str())
        .add_attribute(ROLES_LOST, roles_lost.to_string());
    // Leaving always works: a token that refuses leaves a pending sync, not a stuck member.
    if let Some(sync) = sync_member(deps.storage, &config, &info.sender, false)? {
        response = response.add_submessage(sync);
    }
    Ok(response)
}
