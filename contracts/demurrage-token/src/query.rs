//! Queries. Balances are answered as decayed at the block's time, through the same
//! [`Books`] the execute path uses, without writing anything.

use cosmwasm_std::{Deps, Env, Order, StdResult, Timestamp, Uint128};
use cw20::{AllAccountsResponse, BalanceResponse, TokenInfoResponse};
use cw20_base::state::TOKEN_INFO;
use cw_storage_plus::Bound;
use dac_common::pagination::clamp_limit;

use crate::error::ContractError;
use crate::execute::Books;
use crate::ledger::{decayed, Holding, INDEX_SCALE, MAX_YEARLY_RATE};
use crate::msg::{
    AccountResponse, ClaimableResponse, CommonsPoolResponse, DemurrageResponse, GovernanceResponse,
    ListMembersResponse, MemberResponse, ProjectedBalanceResponse,
};
use crate::state::{ADMIN, HOLDINGS, MEMBERS, MEMBERSHIP_AUTHORITY};

fn stored(deps: Deps, address: &str) -> StdResult<Option<Holding>> {
    let addr = deps.api.addr_validate(address)?;
    HOLDINGS.may_load(deps.storage, &addr)
}

pub fn balance(deps: Deps, env: Env, address: String) -> StdResult<BalanceResponse> {
    let books = Books::open(deps.storage, &env)?;
    let balance = match stored(deps, &address)? {
        Some(h) => decayed(h.amount, h.index, books.index)?,
        None => Uint128::zero(),
    };
    Ok(BalanceResponse { balance })
}

pub fn account(deps: Deps, env: Env, address: String) -> StdResult<AccountResponse> {
    let books = Books::open(deps.storage, &env)?;
    let holding = stored(deps, &address)?.unwrap_or_else(|| Holding::new(books.index));
    Ok(AccountResponse {
        stored: holding.amount,
        index: holding.index,
        balance: decayed(holding.amount, holding.index, books.index)?,
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
    let books = Books::open(deps.storage, &env)?;
    let index_then = books.schedule.index_at(at)?;
    let balance = match stored(deps, &address)? {
        Some(h) => decayed(h.amount, h.index, index_then)?,
        None => Uint128::zero(),
    };
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
    let accounts = HOLDINGS
        .keys(
            deps.storage,
            start.as_ref().map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(clamp_limit(limit))
        .map(|k| k.map(String::from))
        .collect::<StdResult<_>>()?;
    Ok(AllAccountsResponse { accounts })
}

pub fn demurrage(deps: Deps, env: Env) -> StdResult<DemurrageResponse> {
    let books = Books::open(deps.storage, &env)?;
    let s = books.schedule;
    Ok(DemurrageResponse {
        rate: s.rate,
        period_seconds: s.period_seconds,
        max_yearly_rate: MAX_YEARLY_RATE,
        index: books.index,
        index_scale: INDEX_SCALE,
        checkpoint_time: s.checkpoint_time,
        checkpoint_index: s.checkpoint_index,
        income_window_periods: s.income_window_periods,
    })
}

pub fn commons_pool(deps: Deps, env: Env) -> StdResult<CommonsPoolResponse> {
    let books = Books::open(deps.storage, &env)?;
    let l = &books.ledger;
    let owed = l.owed / crate::ledger::INCOME_SCALE;
    Ok(CommonsPoolResponse {
        pool: l.pool,
        owed_to_members: Uint128::try_from(owed)?,
        stored_balances: l.stored_total,
        total_supply: TOKEN_INFO.load(deps.storage)?.total_supply,
        unrealized_decay_estimate: l.unrealized_estimate(books.index),
        members: l.members,
        income_paid_total: l.income_paid_total,
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
    let mut holding = books.touch(deps.storage, &addr)?;
    let amount = books.ledger.claim(&mut holding, since, floor)?;
    Ok(ClaimableResponse {
        is_member: true,
        amount,
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
            start.as_ref().map(Bound::exclusive),
            None,
            Order::Ascending,
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
