use cosmwasm_std::{Addr, Deps, Env, QuerierWrapper, StdResult, Storage};
use dac_common::calls::cw4_member_weight;

use crate::error::ContractError;
use crate::msg::Accessibility;
use crate::profile::FeatureSet;
use crate::score::DAY_SECONDS;
use crate::state::{Home, Right, HOMES, RIGHTS};

/// A member iff the council's cw4 `Member` query answers a positive weight.
pub fn is_member(querier: &QuerierWrapper, membership: &Addr, addr: &Addr) -> StdResult<bool> {
    let weight = cw4_member_weight(querier, membership.as_str(), addr.as_str())?;
    Ok(matches!(weight, Some(w) if w > 0))
}

pub fn today(env: &Env) -> u64 {
    env.block.time.seconds() / DAY_SECONDS
}

/// The features in `Accessibility` order, each once (through a bit set rather than a sort,
/// which would link ~5 KiB of sort code).
pub fn sorted_features(features: Vec<Accessibility>) -> Vec<Accessibility> {
    FeatureSet::of(&features).features()
}

/// A hex SHA-256: 64 hex digits, stored lower-case.
pub fn validate_hash(field: &str, value: &str) -> Result<String, ContractError> {
    if value.len() != 64 || !value.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(ContractError::InvalidInput {
            field: field.to_string(),
            reason: "expected a hex SHA-256 (64 hex digits)".to_string(),
        });
    }
    Ok(value.to_ascii_lowercase())
}

pub fn validate_text(field: &str, value: &str, max_len: usize) -> Result<(), ContractError> {
    if value.trim().is_empty() || value.len() > max_len {
        return Err(ContractError::InvalidInput {
            field: field.to_string(),
            reason: format!("must be 1 to {max_len} characters"),
        });
    }
    Ok(())
}

pub fn load_home(storage: &dyn Storage, home_id: u64) -> Result<Home, ContractError> {
    HOMES
        .may_load(storage, home_id)?
        .ok_or(ContractError::HomeNotFound { home_id })
}

pub fn load_right(storage: &dyn Storage, home_id: u64) -> Result<Right, ContractError> {
    load_home(storage, home_id)?;
    RIGHTS
        .may_load(storage, home_id)?
        .ok_or(ContractError::HomeVacant { home_id })
}

/// The right of `home_id`, provided `sender` holds it.
pub fn load_own_right(
    storage: &dyn Storage,
    home_id: u64,
    sender: &Addr,
) -> Result<Right, ContractError> {
    let right = load_right(storage, home_id)?;
    if right.holder != *sender {
        return Err(ContractError::NotHolder { home_id });
    }
    Ok(right)
}

pub fn membership_of(deps: Deps, addr: &Addr) -> StdResult<bool> {
    let config = crate::state::CONFIG.load(deps.storage)?;
    is_member(&deps.querier, &config.membership, addr)
}
