//! Two holders may swap homes by mutual consent: one proposes, the other accepts.

use cosmwasm_std::{DepsMut, Env, MessageInfo, Response};

use crate::attributes as attr;
use crate::error::ContractError;
use crate::execute::fees::{self, Clock};
use crate::helpers::{load_own_right, load_right};
use crate::state::{Swap, HOME_OF, PENDING_HOUSEHOLDS, RIGHTS, SWAPS};

pub fn propose_swap(
    deps: DepsMut,
    info: MessageInfo,
    home_id: u64,
    with_home_id: u64,
) -> Result<Response, ContractError> {
    if home_id == with_home_id {
        return Err(ContractError::SwapWithSelf);
    }
    load_own_right(deps.storage, home_id, &info.sender)?;
    let counterpart = load_right(deps.storage, with_home_id)?.holder;
    SWAPS.save(
        deps.storage,
        home_id,
        &Swap {
            with_home_id,
            proposer: info.sender.clone(),
            counterpart: counterpart.clone(),
        },
    )?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::PROPOSE_SWAP)
        .add_attribute(attr::HOME_ID, home_id.to_string())
        .add_attribute(attr::WITH_HOME_ID, with_home_id.to_string())
        .add_attribute(attr::HOLDER, info.sender))
}

pub fn accept_swap(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    home_id: u64,
    with_home_id: u64,
) -> Result<Response, ContractError> {
    let mine = load_own_right(deps.storage, home_id, &info.sender)?;
    let theirs = load_right(deps.storage, with_home_id)?;
    let no_swap = || ContractError::NoSuchSwap {
        home_id,
        with_home_id,
    };
    let swap = SWAPS
        .may_load(deps.storage, with_home_id)?
        .ok_or_else(no_swap)?;
    // Both holders must still be the ones who agreed.
    if swap.with_home_id != home_id
        || swap.counterpart != info.sender
        || swap.proposer != theirs.holder
    {
        return Err(no_swap());
    }
    let now = env.block.time;
    let (mut mine_moved, mut theirs_moved) = (mine, theirs);
    mine_moved.since = now;
    theirs_moved.since = now;
    RIGHTS.save(deps.storage, with_home_id, &mine_moved)?;
    RIGHTS.save(deps.storage, home_id, &theirs_moved)?;
    HOME_OF.save(deps.storage, &mine_moved.holder, &with_home_id)?;
    HOME_OF.save(deps.storage, &theirs_moved.holder, &home_id)?;
    SWAPS.remove(deps.storage, home_id);
    SWAPS.remove(deps.storage, with_home_id);
    let clock = Clock::new(deps.storage, deps.querier, now)?;
    PENDING_HOUSEHOLDS.remove(deps.storage, home_id);
    PENDING_HOUSEHOLDS.remove(deps.storage, with_home_id);
    fees::reprice(
        deps.storage,
        &mine_moved.holder,
        with_home_id,
        mine_moved.household_size,
        &clock,
    )?;
    fees::reprice(
        deps.storage,
        &theirs_moved.holder,
        home_id,
        theirs_moved.household_size,
        &clock,
    )?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::ACCEPT_SWAP)
        .add_attribute(attr::HOME_ID, home_id.to_string())
        .add_attribute(attr::WITH_HOME_ID, with_home_id.to_string())
        .add_attribute(attr::HOLDER, info.sender))
}

pub fn cancel_swap(
    deps: DepsMut,
    info: MessageInfo,
    home_id: u64,
) -> Result<Response, ContractError> {
    load_own_right(deps.storage, home_id, &info.sender)?;
    if !SWAPS.has(deps.storage, home_id) {
        return Err(ContractError::NothingToDo {
            reason: "no swap proposed from this home".to_string(),
        });
    }
    SWAPS.remove(deps.storage, home_id);
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::CANCEL_SWAP)
        .add_attribute(attr::HOME_ID, home_id.to_string())
        .add_attribute(attr::HOLDER, info.sender))
}
