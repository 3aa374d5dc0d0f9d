//! The only two places a right of use begins or ends. `end` is called by the holder's own
//! `Relinquish`, by an allocation the holder applied for (moving), and by `ReclaimHome` after
//! due process; no admin path leads here.

use cosmwasm_std::{Addr, Storage};

use crate::error::ContractError;
use crate::execute::fees::{self, Clock};
use crate::msg::HomeStatus;
use crate::state::{
    Right, CONFIG, HOMES, HOME_OF, NUM_RIGHTS, PENDING_HOUSEHOLDS, RIGHTS, SWAPS, VACANT,
};

pub fn grant(
    storage: &mut dyn Storage,
    holder: &Addr,
    home_id: u64,
    household_size: u32,
    clock: &Clock,
) -> Result<(), ContractError> {
    let now = clock.time;
    if RIGHTS.has(storage, home_id) {
        return Err(ContractError::HomeOccupied { home_id });
    }
    if HOME_OF.has(storage, holder) {
        return Err(ContractError::InvalidInput {
            field: "holder".to_string(),
            reason: "already holds a home".to_string(),
        });
    }
    let mut home = HOMES.load(storage, home_id)?;
    home.status = HomeStatus::Occupied;
    HOMES.save(storage, home_id, &home)?;
    VACANT.remove(storage, home_id);
    RIGHTS.save(
        storage,
        home_id,
        &Right {
            holder: holder.clone(),
            since: now,
            household_size,
            grace_ends: None,
        },
    )?;
    HOME_OF.save(storage, holder, &home_id)?;
    NUM_RIGHTS.update(storage, |n| {
        n.checked_add(1).ok_or(ContractError::NothingToDo {
            reason: "too many rights".to_string(),
        })
    })?;
    let params = CONFIG.load(storage)?.fees;
    fees::open_account(
        storage,
        holder,
        home_id,
        home.rooms,
        household_size,
        clock,
        &params,
    )
}

/// The home returns to the node as `Available`; the former holder's arrears stay recorded.
pub fn end(storage: &mut dyn Storage, home_id: u64, clock: &Clock) -> Result<Addr, ContractError> {
    let right = RIGHTS
        .may_load(storage, home_id)?
        .ok_or(ContractError::HomeVacant { home_id })?;
    RIGHTS.remove(storage, home_id);
    HOME_OF.remove(storage, &right.holder);
    SWAPS.remove(storage, home_id);
    PENDING_HOUSEHOLDS.remove(storage, home_id);
    NUM_RIGHTS.update(storage, |n| -> Result<u64, ContractError> {
        Ok(n.saturating_sub(1))
    })?;
    let mut home = HOMES.load(storage, home_id)?;
    home.status = HomeStatus::Available;
    HOMES.save(storage, home_id, &home)?;
    VACANT.save(storage, home_id, &())?;
    fees::close_account(storage, &right.holder, clock)?;
    Ok(right.holder)
}
