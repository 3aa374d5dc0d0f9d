//! Conversions of older stored layouts, applied oldest first by `contract::migrate`. Each one
//! rewrites a bounded number of entries, so a migration's gas does not grow with the node.
//!
//! Layout 1 (v0.1.0) → 2: the share total and the deal counter become one `Totals` record.
//! Layout 2 → 3: nothing to convert. Deals saved from then on store their addresses canonical
//! (`codec::Addressed`) and their numbers compact (`dac_common::compact`), and are indexed under
//! `state::DEALS_BY_PARTY` and `state::DEALS_BY_STATUS` (short names; status entries hold one
//! byte instead of `null`, only keys are read). The records and index entries of older deals
//! still read as they are (numbers as text, `state::DEALS_BY_PARTY_V2`,
//! `state::DEALS_BY_STATUS_V2`), so the gas of the migration stays bounded however many deals
//! the escrow holds; an older deal's status entry moves to the new index when the deal is next
//! saved, with its record.

use cosmwasm_std::{Storage, Uint256};
use cw_storage_plus::Item;

use crate::error::ContractError;
use crate::state::{Totals, TOTALS};

/// Layout 1's counters: the shares of all open token deals, and the id to hand out next.
const TOTAL_SHARES_V1: Item<Uint256> = Item::new("total_shares");
const NEXT_DEAL_ID_V1: Item<u64> = Item::new("next_deal_id");

/// Brings the store from layout `from` to the current one; names what it converted.
pub fn convert(storage: &mut dyn Storage, from: u16) -> Result<Vec<&'static str>, ContractError> {
    let mut converted = vec![];
    if from < 2 {
        let shares = TOTAL_SHARES_V1.may_load(storage)?;
        let next_deal_id = NEXT_DEAL_ID_V1.may_load(storage)?;
        // Neither: no deal was ever proposed, and an absent `TOTALS` reads as none.
        if shares.is_some() || next_deal_id.is_some() {
            let totals = Totals {
                shares: shares.unwrap_or_default(),
                last_deal_id: next_deal_id.unwrap_or(1).saturating_sub(1),
            };
            TOTALS.save(storage, &totals)?;
            TOTAL_SHARES_V1.remove(storage);
            NEXT_DEAL_ID_V1.remove(storage);
            converted.push("totals");
        }
    }
    Ok(converted)
}
