//! Queries. Balances are answered as decayed at the block's time, and the commons as the
//! execute path would bring it to this block ([`Books`]), without writing anything.

use cosmwasm_std::{Deps, Env, StdResult, Timestamp, Uint128, Uint256};
use cw20::{AllAccountsResponse, BalanceResponse, TokenInfoResponse};
use cw20_base::state::TOKEN_INFO;
use dac_common::pagination::clamp_limit;

use crate::error::ContractError;
use crate::execute::{current_index, Books};
use crate::ledger::{balance_of, INCOME_SCALE, INDEX_SCALE, MAX_YEARLY_RATE};
use crate::msg::{
    AccountResponse, ClaimableResponse, CommonsPoolResponse, DemurrageResponse, GovernanceResponse,
    ListMembersResponse, MemberResponse, ProjectedBalanceResponse,
};
use crate::state::{accounts, load_commons, load_shares, ADMIN, MEMBERS, MEMBERSHIP_AUTHORITY};

fn shares(deps: Deps, address: &str) -> StdResult<Uint256> {
    let addr = deps.api.addr_validate(address)?;
    load_shares(deps.storage, &addr)
}

pub fn balance(deps: Deps, env: Env, address: String) -> StdResult<BalanceResponse> {
    let (_, index) = current_index(deps.storage, &env)?;
    Ok(BalanceResponse {
        balance: balance_of(shares(deps, &address)?, index)?,
    })
}

pub fn account(deps: Deps, env: Env, address: String) -> StdResult<AccountResponse> {
    let (_, index) = current_index(deps.storage, &env)?;
    let shares = shares(deps, &address)?;
    Ok(AccountResponse {
        shares,
        balance: balance_of(shares, index)?,
    })
}

pub fn projected_balance(
    deps: Deps,
    env: Env,
    address: String,
    at: Timestamp,
) -> Result<ProjectedBalanceResponse, ContractError> {
    if at < env.block.time {
        return Err(ContractError::ProjectionInPast);
    }
    let (schedule, _) = current_index(deps.storage, &env)?;
    let balance = balance_of(shares(deps, &address)?, schedule.index_at(at)?)?;
    Ok(ProjectedBalanceResponse { balance, at })
}

pub fn token_info(deps: Deps) -> StdResult<TokenInfoResponse> {
    let info = TOKEN_INFO.load(deps.storage)?;
    Ok(TokenInfoResponse {
        name: info.name,
        symbol: info.symbol,
        decimals: info.decimals,
        total_supply: info.total_supply,
    })
}

pub fn all_accounts(
    deps: Deps,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<AllAccountsResponse> {
    let start = start_after
        .map(|s| deps.api.addr_validate(&s))
        .transpose()?;
    let accounts = accounts(deps.storage, start.as_ref())
        .take(clamp_limit(limit))
        .map(|k| k.map(String::from))
        .collect::<StdResult<_>>()?;
    Ok(AllAccountsResponse { accounts })
}

pub fn demurrage(deps: Deps, env: Env) -> StdResult<DemurrageResponse> {
    let (s, index) = current_index(deps.storage, &env)?;
    Ok(DemurrageResponse {
        rate: s.rate,
        period_seconds: s.period_seconds,
        max_yearly_rate: MAX_YEARLY_RATE,
        index,
        index_scale: INDEX_SCALE,
        checkpoint_time: s.checkpoint_time,
        checkpoint_index: s.checkpoint_index,
        income_window_periods: load_commons(deps.storage)?.income_window_periods,
    })
}

pub fn commons_pool(deps: Deps, env: Env) -> StdResult<CommonsPoolResponse> {
    let books = Books::open(deps.storage, &env)?;
    let c = &books.commons;
    Ok(CommonsPoolResponse {
        pool: c.pool,
        owed_to_members: Uint128::try_from(c.owed / INCOME_SCALE)?,
        stored_balances: c.holders_value()?,
        total_supply: TOKEN_INFO.load(deps.storage)?.total_supply,
        total_shares: c.total_shares,
        members: c.members,
        income_paid_total: c.income_paid_total,
    })
}

/// What `ClaimIncome` would pay now, computed exactly as the claim computes it.
pub fn claimable(deps: Deps, env: Env, address: String) -> StdResult<ClaimableResponse> {
    let addr = deps.api.addr_validate(&address)?;
    let Some(since) = MEMBERS.may_load(deps.storage, &addr)? else {
        return Ok(ClaimableResponse {
            is_member: false,
            amount: Uint128::zero(),
        });
    };
    let mut books = Books::open(deps.storage, &env)?;
    let floor = books.window_floor(deps.storage)?;
    let payout = books.commons.claim(since, floor)?;
    Ok(ClaimableResponse {
        is_member: true,
        amount: payout.amount,
    })
}

pub fn member(deps: Deps, address: String) -> StdResult<MemberResponse> {
    let addr = deps.api.addr_validate(&address)?;
    Ok(MemberResponse {
        is_member: MEMBERS.has(deps.storage, &addr),
    })
}

pub fn list_members(
    deps: Deps,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<ListMembersResponse> {
    let start = start_after
        .map(|s| deps.api.addr_validate(&s))
        .transpose()?;
    let members = MEMBERS
        .keys(
            deps.storage,
            start.as_ref().map(cw_storage_plus::Bound::exclusive),
            None,
            cosmwasm_std::Order::Ascending,
        )
        .take(clamp_limit(limit))
        .map(|k| k.map(String::from))
        .collect::<StdResult<_>>()?;
    Ok(ListMembersResponse { members })
}

pub fn governance(deps: Deps) -> StdResult<GovernanceResponse> {
    let admin = ADMIN.state(deps.storage)?;
    Ok(GovernanceResponse {
        admin: admin.admin.into(),
        pending_admin: admin.pending.map(String::from),
        membership_authority: MEMBERSHIP_AUTHORITY.load(deps.storage)?.into(),
    })
}
