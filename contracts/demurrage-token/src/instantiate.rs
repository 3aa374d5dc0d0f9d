//! Genesis: the whole supply is created here, once. There is no mint afterwards.

use std::collections::BTreeSet;

use cosmwasm_std::{DepsMut, Env, MessageInfo, Response, Uint128};
use cw20_base::state::TOKEN_INFO;

use crate::attributes as attr;
use crate::contract::{CONTRACT_NAME, CONTRACT_VERSION};
use crate::error::ContractError;
use crate::execute::{governance::validate_income_window, Books};
use crate::ledger::{validate_schedule, Ledger, Schedule, INDEX_SCALE};
use crate::msg::InstantiateMsg;
use crate::state::{ADMIN, LEDGER, MEMBERS, MEMBERSHIP_AUTHORITY, SCHEDULE};

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

    SCHEDULE.save(
        deps.storage,
        &Schedule {
            rate: msg.demurrage.rate,
            period_seconds: msg.demurrage.period_seconds,
            checkpoint_time: env.block.time,
            checkpoint_index: INDEX_SCALE,
            income_window_periods: msg.income_window_periods,
        },
    )?;
    LEDGER.save(
        deps.storage,
        &Ledger::genesis(msg.commons_pool, Uint128::zero(), env.block.time),
    )?;
    ADMIN.init(deps.storage, admin.clone())?;
    MEMBERSHIP_AUTHORITY.save(deps.storage, &authority)?;

    let mut books = Books::open(deps.storage, &env)?;
    let mut seen = BTreeSet::new();
    for coin in &msg.initial_balances {
        let addr = deps.api.addr_validate(&coin.address)?;
        if !seen.insert(addr.clone()) {
            return Err(ContractError::DuplicateAccount {
                address: coin.address.clone(),
            });
        }
        if coin.amount.is_zero() {
            continue;
        }
        let mut holding = books.touch(deps.storage, &addr)?;
        books.ledger.deposit(&mut holding, coin.amount)?;
        Books::save(deps.storage, &addr, &holding)?;
    }
    for member in &msg.initial_members {
        let addr = deps.api.addr_validate(member)?;
        if !MEMBERS.has(deps.storage, &addr) {
            let since = books.ledger.join()?;
            MEMBERS.save(deps.storage, &addr, &since)?;
        }
    }
    let total_supply = books.ledger.stored_total.checked_add(books.ledger.pool)?;
    books.close(deps.storage)?;
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
