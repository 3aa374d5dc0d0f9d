//! The holder's own acts on a right of use, and due process when membership ended.

use cosmwasm_std::{DepsMut, Env, MessageInfo, Response};

use crate::attributes as attr;
use crate::error::ContractError;
use crate::execute::{applications::validate_household_size, fees, tenancy};
use crate::helpers::{is_member, load_own_right, load_right};
use crate::state::{CONFIG, RIGHTS};

pub fn relinquish(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    home_id: u64,
) -> Result<Response, ContractError> {
    load_own_right(deps.storage, home_id, &info.sender)?;
    tenancy::end(deps.storage, home_id, env.block.time)?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::RELINQUISH)
        .add_attribute(attr::HOME_ID, home_id.to_string())
        .add_attribute(attr::HOLDER, info.sender))
}

pub fn update_household(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    home_id: u64,
    household_size: u32,
) -> Result<Response, ContractError> {
    validate_household_size(household_size)?;
    let mut right = load_own_right(deps.storage, home_id, &info.sender)?;
    right.household_size = household_size;
    RIGHTS.save(deps.storage, home_id, &right)?;
    let fee = fees::reprice(
        deps.storage,
        &info.sender,
        home_id,
        household_size,
        env.block.time,
    )?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::UPDATE_HOUSEHOLD)
        .add_attribute(attr::HOME_ID, home_id.to_string())
        .add_attribute(attr::HOUSEHOLD_SIZE, household_size.to_string())
        .add_attribute(attr::FEE_PER_PERIOD, fee))
}

/// Anyone may ask: starts the grace clock when the holder is no longer a member of the
/// council, clears it when the holder is a member again.
pub fn check_membership(deps: DepsMut, env: Env, home_id: u64) -> Result<Response, ContractError> {
    let mut right = load_right(deps.storage, home_id)?;
    let config = CONFIG.load(deps.storage)?;
    let member = is_member(&deps.querier, &config.membership, &right.holder)?;
    let outcome = match (member, right.grace_ends) {
        (false, None) => {
            right.grace_ends = Some(env.block.time.plus_seconds(config.grace_period_seconds));
            attr::GRACE_STARTED
        }
        (true, Some(_)) => {
            right.grace_ends = None;
            attr::GRACE_CLEARED
        }
        (true, None) => return Err(ContractError::HolderIsMember { home_id }),
        (false, Some(ends)) => return Err(ContractError::GracePeriodRunning { home_id, ends }),
    };
    RIGHTS.save(deps.storage, home_id, &right)?;
    let grace_ends = right
        .grace_ends
        .map(|t| t.seconds().to_string())
        .unwrap_or_default();
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::CHECK_MEMBERSHIP)
        .add_attribute(attr::HOME_ID, home_id.to_string())
        .add_attribute(attr::HOLDER, right.holder)
        .add_attribute(attr::OUTCOME, outcome)
        .add_attribute(attr::GRACE_ENDS, grace_ends))
}

/// Anyone may ask once the grace period is over; the holder's membership is checked again.
pub fn reclaim_home(deps: DepsMut, env: Env, home_id: u64) -> Result<Response, ContractError> {
    let right = load_right(deps.storage, home_id)?;
    let ends = right
        .grace_ends
        .ok_or(ContractError::NoDueProcess { home_id })?;
    if env.block.time < ends {
        return Err(ContractError::GracePeriodRunning { home_id, ends });
    }
    let config = CONFIG.load(deps.storage)?;
    if is_member(&deps.querier, &config.membership, &right.holder)? {
        return Err(ContractError::HolderIsMember { home_id });
    }
    let holder = tenancy::end(deps.storage, home_id, env.block.time)?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::RECLAIM_HOME)
        .add_attribute(attr::HOME_ID, home_id.to_string())
        .add_attribute(attr::HOLDER, holder))
}
