//! Genesis: the whole supply is created here, once. There is no mint afterwards.

use std::collections::BTreeSet;

use cosmwasm_std::{DepsMut, Env, MessageInfo, Response, Uint256};
use cw20_base::state::TOKEN_INFO;

use crate::attributes as attr;
use crate::contract::{CONTRACT_NAME, CONTRACT_VERSION};
use crate::error::ContractError;
use crate::execute::governance::validate_income_window;
use crate::ledger::{validate_schedule, Commons, Schedule, SHARES_PER_UNIT};
use crate::msg::InstantiateMsg;
use crate::state::{
    save_commons, save_schedule, save_shares, ADMIN, MEMBERS, MEMBERSHIP_AUTHORITY,
};

pub fn instantiate(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    validate_schedule(msg.demurrage.rate, msg.demurrage.period_seconds)?;
    validate_income_window(msg.income_window_periods)?;
    let admin = match &msg.admin {
        Some(a) => deps.api.addr_validate(a)?,
        None => info.sender.clone(),
    };
    let authority = match &msg.membership_authority {
        Some(a) => deps.api.addr_validate(a)?,
        None => admin.clone(),
    };

    // cw20-base validates name, symbol, decimals and the marketing block, and stores them.
    cw20_base::contract::instantiate(
        deps.branch(),
        env.clone(),
        info,
        cw20_base::msg::InstantiateMsg {
            name: msg.name,
            symbol: msg.symbol,
            decimals: msg.decimals,
            initial_balances: vec![],
            mint: None,
            marketing: msg.marketing,
        },
    )?;
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;

    save_schedule(
        deps.storage,
        &Schedule::genesis(
            msg.demurrage.rate,
            msg.demurrage.period_seconds,
            env.block.time,
        ),
    )?;
    ADMIN.init(deps.storage, admin.clone())?;
    MEMBERSHIP_AUTHORITY.save(deps.storage, &authority)?;

    // At index 1.0 a unit is exactly SHARES_PER_UNIT shares: genesis balances are exact.
    let mut total_shares = Uint256::zero();
    let mut total_supply = msg.commons_pool;
    let mut seen = BTreeSet::new();
    for coin in &msg.initial_balances {
        let addr = deps.api.addr_validate(&coin.address)?;
        if !seen.insert(addr.clone()) {
            return Err(ContractError::DuplicateAccount {
                address: coin.address.clone(),
            });
        }
        let shares = Uint256::from(coin.amount).checked_mul(SHARES_PER_UNIT)?;
        save_shares(deps.storage, &addr, shares);
        total_shares = total_shares.checked_add(shares)?;
        total_supply = total_supply.checked_add(coin.amount)?;
    }
    let mut commons = Commons::genesis(
        msg.commons_pool,
        total_shares,
        env.block.time,
        msg.income_window_periods,
    );
    for member in &msg.initial_members {
        let addr = deps.api.addr_validate(member)?;
        if !MEMBERS.has(deps.storage, &addr) {
            let since = commons.join()?;
            MEMBERS.save(deps.storage, &addr, &since)?;
        }
    }
    save_commons(deps.storage, &commons);
    TOKEN_INFO.update(deps.storage, |mut t| -> Result<_, ContractError> {
        t.total_supply = total_supply;
        Ok(t)
    })?;

    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::INSTANTIATE)
        .add_attribute(attr::TOTAL_SUPPLY, total_supply)
        .add_attribute(attr::COMMONS_POOL, msg.commons_pool)
        .add_attribute(attr::ADMIN, admin)
        .add_attribute(attr::AUTHORITY, authority))
}
