//! Usage fees, accrued lazily per whole period on each fee account. Payments are forwarded to
//! the treasury at once, so the registry never holds (decaying) fee money. Arrears are only
//! recorded: nothing here can touch a right of use.
//!
//! Prepaid credit decays like a holding of the token, since the treasury's money does: it is
//! stored with the token's decay index at its last update and worth `credit · index_now /
//! credit_index` (rounded down) at the next, in O(1). A touch first decays the credit to now,
//! then charges the periods elapsed, so a charge paid from credit has decayed to now as well:
//! never in the payer's favour (touching the account each period, e.g. `refresh_fees`, keeps it
//! exact).

use std::cell::Cell;

use cosmwasm_std::{
    Addr, DepsMut, Env, QuerierWrapper, Response, StdError, StdResult, Storage, Timestamp, Uint128,
    Uint256,
};
use dac_common::calls::{cw20_transfer, query_wasm_smart};
use dac_common::dac_serde;
use serde::Serialize;

use crate::attributes as attr;
use crate::error::ContractError;
use crate::msg::FeeParams;
use crate::score::rooms_needed;
use crate::state::{FeeAccount, CONFIG, FEE_ACCOUNTS, HOMES, RIGHTS};

#[derive(Serialize, dac_common::LeanSerialize)]
#[serde(rename_all = "snake_case")]
enum TokenQuery {
    Demurrage {},
}

/// The part of the token's `demurrage` answer the registry reads (other fields are ignored).
#[dac_serde]
struct TokenDemurrage {
    index: Uint256,
}

/// The block time, and the token's decay index at it, asked of the token at most once per
/// message and only when some credit has to decay.
pub struct Clock<'a> {
    pub time: Timestamp,
    querier: QuerierWrapper<'a>,
    token: Addr,
    index: Cell<Option<Uint256>>,
}

impl<'a> Clock<'a> {
    pub fn new(
        storage: &dyn Storage,
        querier: QuerierWrapper<'a>,
        time: Timestamp,
    ) -> StdResult<Self> {
        Ok(Clock {
            time,
            querier,
            token: CONFIG.load(storage)?.token,
            index: Cell::new(None),
        })
    }

    pub fn index(&self) -> StdResult<Uint256> {
        if let Some(index) = self.index.get() {
            return Ok(index);
        }
        let answer: TokenDemurrage = query_wasm_smart(
            &self.querier,
            self.token.as_str(),
            &TokenQuery::Demurrage {},
        )?;
        self.index.set(Some(answer.index));
        Ok(answer.index)
    }
}

/// Decays the credit to the clock's index, rounded down, never above what it was.
fn decay_credit(acc: &mut FeeAccount, clock: &Clock) -> Result<(), ContractError> {
    if acc.credit.is_zero() {
        return Ok(());
    }
    let index = clock.index()?;
    if !acc.credit_index.is_zero() && index < acc.credit_index {
        let worth = Uint256::from(acc.credit).checked_mul(index)? / acc.credit_index;
        acc.credit = Uint128::try_from(worth)
            .map_err(StdError::from)?
            .min(acc.credit);
    }
    acc.credit_index = index;
    Ok(())
}

/// `base_fee + excess_room_fee × k(k+1)/2` with `k` rooms beyond the household's need.
pub fn fee_per_period(
    params: &FeeParams,
    rooms: u32,
    household_size: u32,
) -> Result<Uint128, ContractError> {
    let k = u128::from(rooms.saturating_sub(rooms_needed(household_size)));
    let steps = Uint128::new(k * (k + 1) / 2);
    Ok(params
        .base_fee
        .checked_add(params.excess_room_fee.checked_mul(steps)?)?)
}

fn empty_account(now: Timestamp) -> FeeAccount {
    FeeAccount {
        home_id: None,
        fee_per_period: Uint128::zero(),
        period_seconds: 0,
        accounted_until: now,
        owed: Uint128::zero(),
        credit: Uint128::zero(),
        paid_total: Uint128::zero(),
        credit_index: Uint256::zero(),
    }
}

/// Credit pays a charge first; the rest becomes owed.
fn charge(acc: &mut FeeAccount, due: Uint128) -> Result<(), ContractError> {
    let from_credit = acc.credit.min(due);
    acc.credit -= from_credit;
    acc.owed = acc.owed.checked_add(due - from_credit)?;
    Ok(())
}

/// Charges every whole period elapsed since `accounted_until` at the account's stored rate.
pub fn accrue(acc: &mut FeeAccount, now: Timestamp) -> Result<(), ContractError> {
    if acc.home_id.is_none() || acc.period_seconds == 0 {
        return Ok(());
    }
    let elapsed = now.seconds().saturating_sub(acc.accounted_until.seconds());
    let periods = elapsed / acc.period_seconds;
    if periods == 0 {
        return Ok(());
    }
    charge(acc, acc.fee_per_period.checked_mul(Uint128::from(periods))?)?;
    acc.accounted_until = acc
        .accounted_until
        .plus_seconds(periods * acc.period_seconds);
    Ok(())
}

/// Brings `acc` to the clock: the credit decays to now, then the elapsed periods are charged.
pub fn bring_to(acc: &mut FeeAccount, clock: &Clock) -> Result<(), ContractError> {
    decay_credit(acc, clock)?;
    accrue(acc, clock.time)
}

/// The account as it stands at the clock's time, without saving.
pub fn account_at(
    storage: &dyn Storage,
    addr: &Addr,
    clock: &Clock,
) -> Result<Option<FeeAccount>, ContractError> {
    let Some(mut acc) = FEE_ACCOUNTS.may_load(storage, addr)? else {
        return Ok(None);
    };
    bring_to(&mut acc, clock)?;
    Ok(Some(acc))
}

/// A tenancy begins: fees run from `now`. Arrears of an earlier tenancy stay owed.
pub fn open_account(
    storage: &mut dyn Storage,
    holder: &Addr,
    home_id: u64,
    rooms: u32,
    household_size: u32,
    clock: &Clock,
    params: &FeeParams,
) -> Result<(), ContractError> {
    let now = clock.time;
    let mut acc = account_at(storage, holder, clock)?.unwrap_or_else(|| empty_account(now));
    acc.home_id = Some(home_id);
    acc.fee_per_period = fee_per_period(params, rooms, household_size)?;
    acc.period_seconds = params.period_seconds;
    acc.accounted_until = now;
    FEE_ACCOUNTS.save(storage, holder, &acc)?;
    Ok(())
}

/// A tenancy ends: a started period is charged in full (rounding never favours the leaver).
pub fn close_account(
    storage: &mut dyn Storage,
    holder: &Addr,
    clock: &Clock,
) -> Result<(), ContractError> {
    let now = clock.time;
    let mut acc = account_at(storage, holder, clock)?.unwrap_or_else(|| empty_account(now));
    if acc.home_id.is_some() && now > acc.accounted_until {
        let fee = acc.fee_per_period;
        charge(&mut acc, fee)?;
    }
    acc.home_id = None;
    acc.fee_per_period = Uint128::zero();
    acc.accounted_until = now;
    FEE_ACCOUNTS.save(storage, holder, &acc)?;
    Ok(())
}

/// Settles at the stored rate, then applies the current parameters to `home_id`'s rooms and
/// the household size. The new rate covers the period in progress.
pub fn reprice(
    storage: &mut dyn Storage,
    holder: &Addr,
    home_id: u64,
    household_size: u32,
    clock: &Clock,
) -> Result<Uint128, ContractError> {
    let now = clock.time;
    let params = CONFIG.load(storage)?.fees;
    let rooms = HOMES.load(storage, home_id)?.rooms;
    let mut acc = account_at(storage, holder, clock)?.unwrap_or_else(|| empty_account(now));
    if acc.home_id.is_none() {
        acc.accounted_until = now;
    }
    acc.home_id = Some(home_id);
    acc.fee_per_period = fee_per_period(&params, rooms, household_size)?;
    acc.period_seconds = params.period_seconds;
    FEE_ACCOUNTS.save(storage, holder, &acc)?;
    Ok(acc.fee_per_period)
}

pub fn refresh_fees(deps: DepsMut, env: Env, address: String) -> Result<Response, ContractError> {
    let addr = deps.api.addr_validate(&address)?;
    let acc = FEE_ACCOUNTS
        .may_load(deps.storage, &addr)?
        .ok_or(ContractError::NoFeeAccount)?;
    let Some(home_id) = acc.home_id else {
        return Err(ContractError::NothingToDo {
            reason: "the account has no home".to_string(),
        });
    };
    let household_size = RIGHTS.load(deps.storage, home_id)?.household_size;
    let clock = Clock::new(deps.storage, deps.querier, env.block.time)?;
    let fee = reprice(deps.storage, &addr, home_id, household_size, &clock)?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::REFRESH_FEES)
        .add_attribute(attr::HOLDER, addr)
        .add_attribute(attr::FEE_PER_PERIOD, fee))
}

/// `amount` of the token arrived for `holder`'s fees: arrears first, the rest is credit.
pub fn pay_fees(
    deps: DepsMut,
    env: Env,
    payer: Addr,
    amount: Uint128,
    holder: Option<String>,
) -> Result<Response, ContractError> {
    if amount.is_zero() {
        return Err(ContractError::ZeroPayment);
    }
    let holder = match holder {
        Some(h) => deps.api.addr_validate(&h)?,
        None => payer.clone(),
    };
    let clock = Clock::new(deps.storage, deps.querier, env.block.time)?;
    let mut acc = account_at(deps.storage, &holder, &clock)?.ok_or(ContractError::NoFeeAccount)?;
    let to_arrears = acc.owed.min(amount);
    acc.owed -= to_arrears;
    if to_arrears < amount {
        // The credit was decayed to now by `account_at`: the sum is valued at today's index.
        acc.credit = acc.credit.checked_add(amount - to_arrears)?;
        acc.credit_index = clock.index()?;
    }
    acc.paid_total = acc.paid_total.checked_add(amount)?;
    FEE_ACCOUNTS.save(deps.storage, &holder, &acc)?;

    let config = CONFIG.load(deps.storage)?;
    let forward = cw20_transfer(config.token.as_str(), config.treasury.as_str(), amount)?;
    Ok(Response::new()
        .add_message(forward)
        .add_attribute(attr::ACTION, attr::PAY_FEES)
        .add_attribute(attr::PAYER, payer)
        .add_attribute(attr::HOLDER, holder)
        .add_attribute(attr::AMOUNT, amount)
        .add_attribute(attr::ARREARS, acc.owed)
        .add_attribute(attr::CREDIT, acc.credit))
}
