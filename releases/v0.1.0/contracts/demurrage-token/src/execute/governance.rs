//! What the admin (later the council) may change, always within the published bounds.

use cosmwasm_std::{DepsMut, Env, MessageInfo, Response};

use super::Books;
use crate::attributes as attr;
use crate::error::ContractError;
use crate::ledger::{validate_schedule, MAX_INCOME_WINDOW_PERIODS};
use crate::msg::DemurrageParams;
use crate::state::{load_commons, save_commons, save_schedule, ADMIN, MEMBERSHIP_AUTHORITY};

/// A new rate and period apply from this block on; decay up to now is kept as it was (the
/// commons records it under the old rate first).
pub fn update_demurrage(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    params: DemurrageParams,
) -> Result<Response, ContractError> {
    ADMIN.assert_admin(deps.storage, &info.sender)?;
    validate_schedule(params.rate, params.period_seconds)?;
    let mut books = Books::open(deps.storage, &env)?;
    books
        .schedule
        .rebase(env.block.time, params.rate, params.period_seconds)?;
    save_schedule(deps.storage, &books.schedule)?;
    books.close(deps.storage)?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::UPDATE_DEMURRAGE)
        .add_attribute(attr::RATE, params.rate.to_string())
        .add_attribute(attr::PERIOD_SECONDS, params.period_seconds.to_string()))
}

pub fn validate_income_window(periods: u64) -> Result<(), ContractError> {
    if periods == 0 || periods > MAX_INCOME_WINDOW_PERIODS {
        return Err(ContractError::IncomeWindow {
            max: MAX_INCOME_WINDOW_PERIODS,
        });
    }
    Ok(())
}

pub fn update_income_window(
    deps: DepsMut,
    info: MessageInfo,
    periods: u64,
) -> Result<Response, ContractError> {
    ADMIN.assert_admin(deps.storage, &info.sender)?;
    validate_income_window(periods)?;
    let mut commons = load_commons(deps.storage)?;
    commons.income_window_periods = periods;
    save_commons(deps.storage, &commons);
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::UPDATE_INCOME_WINDOW)
        .add_attribute(attr::PERIODS, periods.to_string()))
}

pub fn update_membership_authority(
    deps: DepsMut,
    info: MessageInfo,
    authority: String,
) -> Result<Response, ContractError> {
    ADMIN.assert_admin(deps.storage, &info.sender)?;
    let authority = deps.api.addr_validate(&authority)?;
    MEMBERSHIP_AUTHORITY.save(deps.storage, &authority)?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::UPDATE_MEMBERSHIP_AUTHORITY)
        .add_attribute(attr::AUTHORITY, authority))
}

pub fn propose_admin(
    deps: DepsMut,
    info: MessageInfo,
    admin: Option<String>,
) -> Result<Response, ContractError> {
    let pending = ADMIN.propose(deps.storage, deps.api, &info.sender, admin)?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::PROPOSE_ADMIN)
        .add_attribute(
            attr::PENDING_ADMIN,
            pending.map(String::from).unwrap_or_else(|| "none".into()),
        ))
}

pub fn accept_admin(deps: DepsMut, info: MessageInfo) -> Result<Response, ContractError> {
    ADMIN.accept(deps.storage, &info.sender)?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::ACCEPT_ADMIN)
        .add_attribute(attr::ADMIN, info.sender))
}
