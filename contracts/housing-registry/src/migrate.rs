//! Conversions of older stored layouts, applied oldest first by `contract::migrate`. Each one
//! rewrites a bounded number of entries, so a migration's gas does not grow with the node.
//!
//! Layout 1 (v0.1.0) → 2: `Config` gains `score_weights`, the published defaults.

use cosmwasm_std::{Addr, Storage};
use cw_storage_plus::Item;
use dac_common::dac_serde;

use crate::error::ContractError;
use crate::msg::{FeeParams, GuestParams, ScoreWeights};
use crate::state::{Config, CONFIG};

/// `Config` as layout 1 stored it, under the same key.
#[dac_serde]
struct ConfigV1 {
    membership: Addr,
    token: Addr,
    treasury: Addr,
    fees: FeeParams,
    guest: GuestParams,
    grace_period_seconds: u64,
    name: String,
    symbol: String,
}

const CONFIG_V1: Item<ConfigV1> = Item::new("config");

/// Brings the store from layout `from` to the current one; names what it converted.
pub fn convert(storage: &mut dyn Storage, from: u16) -> Result<Vec<&'static str>, ContractError> {
    let mut converted = vec![];
    if from < 2 {
        let old = CONFIG_V1.load(storage)?;
        CONFIG.save(
            storage,
            &Config {
                membership: old.membership,
                token: old.token,
                treasury: old.treasury,
                fees: old.fees,
                guest: old.guest,
                grace_period_seconds: old.grace_period_seconds,
                name: old.name,
                symbol: old.symbol,
                score_weights: ScoreWeights::default(),
            },
        )?;
        converted.push("config");
    }
    Ok(converted)
}
