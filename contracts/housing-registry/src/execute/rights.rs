//! The holder's own acts on a right of use, and due process when membership ended.

use cosmwasm_std::{DepsMut, Env, MessageInfo, Response};

use crate::attributes as attr;
use crate::error::ContractError;
use crate::execute::fees::{self, Clock};
use crate::execute::{applications::validate_household_size, tenancy};
use crate::helpers::{is_member, load_own_right, load_right, validate_hash};
use crate::queue::dequeue;
use crate::state::{
    PendingHousehold, ADMIN, APPLICATIONS, CONFIG, HOME_OF, PENDING_HOUSEHOLDS, RIGHTS,
};

pub fn relinquish(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    home_id: u64,
) -> Result<Response, ContractError> {
    load_own_right(deps.storage, home_id, &info.sender)?;
    let clock = Clock::new(deps.storage, deps.querier, env.block.time)?;
    tenancy::end(deps.storage, home_id, &clock)?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::RELINQUISH)
        .add_attribute(attr::HOME_ID, home_id.to_string())
        .add_attribute(attr::HOLDER, info.sender))
}

/// A smaller household applies at once (the fee can only rise). A larger one lowers the
/// excess-room fee of every home, so it needs evidence and waits for the admin's review
/// (`decide_household`); meanwhile the fee stays as it was.
pub fn update_household(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    home_id: u64,
    household_size: u32,
    evidence_commitment: Option<String>,
) -> Result<Response, ContractError> {
    validate_household_size(household_size)?;
    let evidence_commitment = evidence_commitment
        .map(|c| validate_hash("evidence_commitment", &c))
        .transpose()?;
    let mut right = load_own_right(deps.storage, home_id, &info.sender)?;
    let response = Response::new()
        .add_attribute(attr::ACTION, attr::UPDATE_HOUSEHOLD)
        .add_attribute(attr::HOME_ID, home_id.to_string())
        .add_attribute(attr::HOUSEHOLD_SIZE, household_size.to_string());
    if household_size > right.household_size {
        let evidence_commitment = evidence_commitment.ok_or(ContractError::InvalidInput {
            field: "evidence_commitment".to_string(),
            reason: "a larger household needs evidence for review".to_string(),
        })?;
        PENDING_HOUSEHOLDS.save(
            deps.storage,
            home_id,
            &PendingHousehold {
                holder: info.sender,
                household_size,
                evidence_commitment,
                requested_at: env.block.time,
            },
        )?;
        return Ok(response.add_attribute(attr::PENDING, "true"));
    }
    PENDING_HOUSEHOLDS.remove(deps.storage, home_id);
    right.household_size = household_size;
    RIGHTS.save(deps.storage, home_id, &right)?;
    let clock = Clock::new(deps.storage, deps.querier, env.block.time)?;
    let fee = fees::reprice(deps.storage, &info.sender, home_id, household_size, &clock)?;
    Ok(response
        .add_attribute(attr::PENDING, "false")
        .add_attribute(attr::FEE_PER_PERIOD, fee))
}

/// The admin (the council) approves or refuses a pending larger household; an approval
/// applies the new fee from now, never backwards.
pub fn decide_household(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    home_id: u64,
    approve: bool,
) -> Result<Response, ContractError> {
    ADMIN.assert_admin(deps.storage, &info.sender)?;
    let pending = PENDING_HOUSEHOLDS
        .may_load(deps.storage, home_id)?
        .ok_or(ContractError::NoPendingHousehold { home_id })?;
    PENDING_HOUSEHOLDS.remove(deps.storage, home_id);
    let mut response = Response::new()
        .add_attribute(attr::ACTION, attr::DECIDE_HOUSEHOLD)
        .add_attribute(attr::HOME_ID, home_id.to_string())
        .add_attribute(attr::APPROVED, approve.to_string());
    if approve {
        // Pending changes are dropped whenever the home changes hands, so this is its holder.
        let mut right = load_own_right(deps.storage, home_id, &pending.holder)?;
        right.household_size = pending.household_size;
        RIGHTS.save(deps.storage, home_id, &right)?;
        let clock = Clock::new(deps.storage, deps.querier, env.block.time)?;
        let fee = fees::reprice(
            deps.storage,
            &pending.holder,
            home_id,
            pending.household_size,
            &clock,
        )?;
        response = response
            .add_attribute(attr::HOUSEHOLD_SIZE, pending.household_size.to_string())
            .add_attribute(attr::FEE_PER_PERIOD, fee);
    }
    Ok(response)
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

/// The membership contract (the council), as part of `holder`'s move to another node. A
/// household that stays keeps the home through due process, as for any holder who is no
/// longer a member; otherwise the home returns at once, as `relinquish` would.
pub fn member_moved(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    holder: String,
    household_stays: bool,
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    if info.sender != config.membership {
        return Err(ContractError::NotMembership);
    }
    let holder = deps.api.addr_validate(&holder)?;
    let mut response = Response::new()
        .add_attribute(attr::ACTION, attr::MEMBER_MOVED)
        .add_attribute(attr::HOLDER, holder.as_str());
    if let Some(app) = APPLICATIONS.may_load(deps.storage, &holder)? {
        dequeue(deps.storage, &holder, &app)?;
        response = response.add_attribute(attr::APPLICATION_WITHDRAWN, "true");
    }
    let Some(home_id) = HOME_OF.may_load(deps.storage, &holder)? else {
        return Ok(response);
    };
    let outcome = if household_stays {
        let mut right = load_right(deps.storage, home_id)?;
        if right.grace_ends.is_none() {
            right.grace_ends = Some(env.block.time.plus_seconds(config.grace_period_seconds));
            RIGHTS.save(deps.storage, home_id, &right)?;
        }
        attr::GRACE_STARTED
    } else {
        let clock = Clock::new(deps.storage, deps.querier, env.block.time)?;
        tenancy::end(deps.storage, home_id, &clock)?;
        attr::RELINQUISH
    };
    Ok(response
        .add_attribute(attr::HOME_ID, home_id.to_string())
        .add_attribute(attr::OUTCOME, outcome))
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
    let clock = Clock::new(deps.storage, deps.querier, env.block.time)?;
    let holder = tenancy::end(deps.storage, home_id, &clock)?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::RECLAIM_HOME)
        .add_attribute(attr::HOME_ID, home_id.to_string())
        .add_attribute(attr::HOLDER, holder))
}
