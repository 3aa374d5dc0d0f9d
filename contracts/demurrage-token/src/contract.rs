//! Entry points: validate nothing here, only dispatch to the named handlers.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{to_json_binary, Binary, Deps, DepsMut, Env, MessageInfo, Response, StdResult};
use cw20_base::allowances::{
    execute_decrease_allowance, execute_increase_allowance, query_allowance,
};
use cw20_base::contract::{execute_update_marketing, execute_upload_logo, query_marketing_info};
use cw20_base::enumerable::{query_owner_allowances, query_spender_allowances};

use crate::error::ContractError;
use crate::execute::{governance, income, moves, moves::Amount};
use crate::msg::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};
use crate::{instantiate as genesis, query as q};
use dac_common::migrate::{migrate_attributes, Release, FIRST_RELEASE_LAYOUT};

/// cw2's name for this code, checked by `migrate`: changing it would refuse deployed contracts,
/// so it keeps the name the token was first deployed under, not the crate's (`demurrage-token`).
pub const CONTRACT_NAME: &str = "crates.io:dac-demurrage-token";
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// This code's stored layout (`dac_common::migrate`): v0.1.0's, unchanged since.
pub const RELEASE: Release = Release {
    contract: CONTRACT_NAME,
    version: CONTRACT_VERSION,
    layout: 1,
    oldest_layout: FIRST_RELEASE_LAYOUT,
};

#[cfg_attr(
    not(feature = "library"),
    entry_point(crate = "dac_common::entry::serde_env")
)]
pub fn instantiate(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    genesis::instantiate(deps, env, info, msg)
}

#[cfg_attr(
    not(feature = "library"),
    entry_point(crate = "dac_common::entry::serde_env")
)]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    use ExecuteMsg::*;
    match msg {
        Transfer { recipient, amount } => {
            moves::transfer(deps, env, info, recipient, Amount::Exact(amount))
        }
        TransferAll { recipient } => moves::transfer(deps, env, info, recipient, Amount::All),
        Send {
            contract,
            amount,
            msg,
        } => moves::send(deps, env, info, contract, Amount::Exact(amount), msg),
        SendAll { contract, msg } => moves::send(deps, env, info, contract, Amount::All, msg),
        Burn { amount } => moves::burn(deps, env, info, amount),
        TransferFrom {
            owner,
            recipient,
            amount,
        } => moves::transfer_from(deps, env, info, owner, recipient, amount),
        SendFrom {
            owner,
            contract,
            amount,
            msg,
        } => moves::send_from(deps, env, info, owner, contract, amount, msg),
        BurnFrom { owner, amount } => moves::burn_from(deps, env, info, owner, amount),
        IncreaseAllowance {
            spender,
            amount,
            expires,
        } => {
            moves::check_allowance_increase(deps.as_ref(), &info.sender, &spender, amount)?;
            Ok(execute_increase_allowance(
                deps, env, info, spender, amount, expires,
            )?)
        }
        DecreaseAllowance {
            spender,
            amount,
            expires,
        } => Ok(execute_decrease_allowance(
            deps, env, info, spender, amount, expires,
        )?),
        UpdateMarketing {
            project,
            description,
            marketing,
        } => Ok(execute_update_marketing(
            deps,
            env,
            info,
            project,
            description,
            marketing,
        )?),
        UploadLogo(logo) => Ok(execute_upload_logo(deps, env, info, logo)?),
        Settle { addresses } => income::settle(deps, env, addresses),
        ClaimIncome {} => income::claim_income(deps, env, info),
        UpdateMembers { add, remove } => income::update_members(deps, env, info, add, remove),
        UpdateDemurrage(params) => governance::update_demurrage(deps, env, info, params),
        UpdateIncomeWindow { periods } => governance::update_income_window(deps, info, periods),
        UpdateMembershipAuthority { authority } => {
            governance::update_membership_authority(deps, info, authority)
        }
        ProposeAdmin { admin } => governance::propose_admin(deps, info, admin),
        AcceptAdmin {} => governance::accept_admin(deps, info),
    }
}

#[cfg_attr(
    not(feature = "library"),
    entry_point(crate = "dac_common::entry::serde_env")
)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> Result<Binary, ContractError> {
    use QueryMsg::*;
    let binary: StdResult<Binary> = match msg {
        Balance { address } => to_json_binary(&q::balance(deps, env, address)?),
        TokenInfo {} => to_json_binary(&q::token_info(deps)?),
        Minter {} => to_json_binary(&q::minter()),
        Allowance { owner, spender } => to_json_binary(&query_allowance(deps, owner, spender)?),
        AllAllowances {
            owner,
            start_after,
            limit,
        } => to_json_binary(&query_owner_allowances(deps, owner, start_after, limit)?),
        AllSpenderAllowances {
            spender,
            start_after,
            limit,
        } => to_json_binary(&query_spender_allowances(
            deps,
            spender,
            start_after,
            limit,
        )?),
        AllAccounts { start_after, limit } => {
            to_json_binary(&q::all_accounts(deps, start_after, limit)?)
        }
        MarketingInfo {} => to_json_binary(&query_marketing_info(deps)?),
        DownloadLogo {} => to_json_binary(&q::download_logo(deps)?),
        Demurrage {} => to_json_binary(&q::demurrage(deps, env)?),
        CommonsPool {} => to_json_binary(&q::commons_pool(deps, env)?),
        Claimable { address } => to_json_binary(&q::claimable(deps, env, address)?),
        ProjectedBalance { address, at } => {
            to_json_binary(&q::projected_balance(deps, env, address, at)?)
        }
        Account { address } => to_json_binary(&q::account(deps, env, address)?),
        Member { address } => to_json_binary(&q::member(deps, address)?),
        ListMembers { start_after, limit } => {
            to_json_binary(&q::list_members(deps, start_after, limit)?)
        }
        Governance {} => to_json_binary(&q::governance(deps)?),
    };
    Ok(binary?)
}

#[cfg_attr(
    not(feature = "library"),
    entry_point(crate = "dac_common::entry::serde_env")
)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    let stored = RELEASE.check(deps.storage)?;
    RELEASE.record(deps.storage)?;
    Ok(Response::new().add_attributes(migrate_attributes(&RELEASE, &stored, &[])))
}
