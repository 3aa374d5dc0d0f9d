//! Storage. Token metadata, marketing, logo and allowances live in cw20-base's own items
//! (`cw20_base::state`), because this contract reuses cw20-base's code for them.

use cosmwasm_std::{Addr, StdResult, Storage, Timestamp, Uint256};
use cw_storage_plus::{Bound, Item, Map};
use dac_common::admin::Admin;

use crate::ledger::{HistoryEntry, Holding, Ledger, Schedule};

pub const SCHEDULE: Item<Schedule> = Item::new("schedule");
pub const LEDGER: Item<Ledger> = Item::new("ledger");
pub const HOLDINGS: Map<&Addr, Holding> = Map::new("holdings");
/// Basic-income members and the accumulator value their unclaimed income counts from.
pub const MEMBERS: Map<&Addr, Uint256> = Map::new("members");
/// Income accumulator at the start of each active period (seconds → acc), for the claim window.
pub const INCOME_HISTORY: Map<u64, Uint256> = Map::new("income_history");
pub const MEMBERSHIP_AUTHORITY: Item<Addr> = Item::new("membership_authority");
pub const ADMIN: Admin = Admin::new("admin");

/// Records the accumulator at the start of a new period and forgets one entry that has fallen
/// out of every possible window, so the history stays bounded without a loop.
pub fn record_history(
    storage: &mut dyn Storage,
    entry: &HistoryEntry,
    window_start: u64,
) -> StdResult<()> {
    INCOME_HISTORY.save(storage, entry.time.seconds(), &entry.acc)?;
    let oldest = INCOME_HISTORY
        .keys(storage, None, None, cosmwasm_std::Order::Ascending)
        .next()
        .transpose()?;
    if let Some(oldest) = oldest {
        if oldest < window_start {
            INCOME_HISTORY.remove(storage, oldest);
        }
    }
    Ok(())
}

/// The accumulator at the start of the claim window: the first entry at or after `window_start`
/// (or the pending entry of this block), otherwise the accumulator now. An entry stores the
/// accumulator before its period's first credit, so this errs against the claimant by at most
/// one period.
pub fn window_floor(
    storage: &dyn Storage,
    window_start: Timestamp,
    pending: Option<&HistoryEntry>,
    acc_now: Uint256,
) -> StdResult<Uint256> {
    let stored = INCOME_HISTORY
        .range(
            storage,
            Some(Bound::inclusive(window_start.seconds())),
            None,
            cosmwasm_std::Order::Ascending,
        )
        .next()
        .transpose()?
        .map(|(_, acc)| acc);
    Ok(stored
        .or_else(|| pending.filter(|e| e.time >= window_start).map(|e| e.acc))
        .unwrap_or(acc_now))
}
