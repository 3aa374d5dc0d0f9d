//! Queries. Balances are answered as decayed at the block's time, and the commons as the
//! execute path would bring it to this block ([`Books`]), without writing anything.

use cosmwasm_std::{from_json, Deps, Env, Order, StdError, StdResult, Timestamp, Uint128, Uint256};
use cw20::{
    AllAccountsResponse, BalanceResponse, DownloadLogoResponse, EmbeddedLogo, Logo, MinterResponse,
    TokenInfoResponse,
};
use cw20_base::state::{LOGO, TOKEN_INFO};
use cw_storage_plus::{Bound, PrimaryKey};
use dac_common::de::Lean;
use dac_common::pagination::page;

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

/// `account`'s balance: one copy of the reads and the division in the wasm, not two (~2 KiB).
pub fn balance(deps: Deps, env: Env, address: String) -> StdResult<BalanceResponse> {
    Ok(BalanceResponse {
        balance: account(deps, env, address)?.balance,
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

/// cw20's `minter`: nobody can raise the total supply. Basic income is paid out of the commons
/// pool created at genesis, which `total_supply` already counts, so, as for any fixed-supply
/// cw20-base token, the answer is `null`.
pub fn minter() -> Option<MinterResponse> {
    None
}

/// `start_after` as cw20-base reads it in every list: the raw key, exclusive. Any string pages
/// (an address or not), in the byte order the keys are stored in.
fn after<'a, K: PrimaryKey<'a>>(start_after: Option<String>) -> Option<Bound<'a, K>> {
    start_after.map(|s| Bound::ExclusiveRaw(s.into_bytes()))
}

pub fn all_accounts(
    deps: Deps,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<AllAccountsResponse> {
    let accounts = page(
        accounts(deps.storage, after(start_after)).map(|k| k.map(String::from)),
        limit,
    )?;
    Ok(AllAccountsResponse { accounts })
}

/// What cw-storage-plus says when cw20-base's `LOGO` holds nothing (its type and key).
const NO_LOGO: &str = "type: cw20::logo::Logo; key: [6C, 6F, 67, 6F]";

/// cw20-base's `query_download_logo`, same answers and errors, reading the stored logo with the
/// lean reader the `UploadLogo` message already links: serde's reader of `Logo` is ~3 KiB.
pub fn download_logo(deps: Deps) -> StdResult<DownloadLogoResponse> {
    let bytes = deps
        .storage
        .get(LOGO.as_slice())
        .ok_or_else(|| StdError::not_found(NO_LOGO))?;
    let (mime_type, data) = match from_json::<Lean<Logo>>(bytes)?.0 {
        Logo::Embedded(EmbeddedLogo::Svg(svg)) => ("image/svg+xml", svg),
        Logo::Embedded(EmbeddedLogo::Png(png)) => ("image/png", png),
        Logo::Url(_) => return Err(StdError::not_found("logo")),
    };
    Ok(DownloadLogoResponse {
        mime_type: mime_type.to_owned(),
        data,
    })
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
    let members = page(
        MEMBERS
            .keys(deps.storage, after(start_after), None, Order::Ascending)
            .map(|k| k.map(String::from)),
        limit,
    )?;
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

#[cfg(test)]
mod tests {
    use cosmwasm_std::testing::mock_dependencies;
    use cosmwasm_std::Binary;
    use cw20_base::contract::query_download_logo;

    use super::*;

    #[test]
    fn download_logo_answers_as_cw20_base_for_every_stored_logo_and_none() {
        let mut deps = mock_dependencies();
        let base = |deps: Deps| query_download_logo(deps).map_err(|e| e.to_string());
        let ours = |deps: Deps| download_logo(deps).map_err(|e| e.to_string());
        assert_eq!(ours(deps.as_ref()), base(deps.as_ref()));
        assert!(base(deps.as_ref()).unwrap_err().contains(NO_LOGO));
        let svg = Binary::from(b"<?xml version=\"1.0\"?><svg></svg>".as_slice());
        let png = Binary::from(b"\x89PNG\r\n\x1a\n....".as_slice());
        for logo in [
            Logo::Url("https://example.org/logo.png".into()),
            Logo::Embedded(EmbeddedLogo::Svg(svg)),
            Logo::Embedded(EmbeddedLogo::Png(png)),
        ] {
            LOGO.save(deps.as_mut().storage, &logo).unwrap();
            assert_eq!(ours(deps.as_ref()), base(deps.as_ref()), "{logo:?}");
        }
    }
}
