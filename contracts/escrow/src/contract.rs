//! Entry points: thin dispatch to the named handlers.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{Addr, Binary, Deps, DepsMut, Env, MessageInfo, Response, StdResult};
// Query answers by the lean writer (serde's writer of every answer type is larger).
use dac_common::json::to_json_binary;

use crate::attributes as attr;
use crate::error::ContractError;
use crate::execute::{
    admin, advance, dispute, native_deposit, perform, propose, receive, sign, Deposit,
};
use crate::msg::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};
use crate::query;
use crate::state::{Asset, Config, ADMIN, CONFIG};
use dac_common::migrate::{migrate_attributes, Release, FIRST_RELEASE_LAYOUT};

/// cw2's name for this code, checked by `migrate`: changing it would refuse deployed contracts.
pub const CONTRACT_NAME: &str = concat!("crates.io:", env!("CARGO_PKG_NAME"));
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// This code's stored layout (`dac_common::migrate`). 2: the share total and the deal counter
/// are one record (`state::TOTALS`); `migrate` converts layout 1 (v0.1.0's). 3: deals are saved
/// with their addresses canonical and their numbers compact (`dac_common::compact`), the party
/// index is keyed by canonical address and the status index has a short name; layout 1 and 2's
/// records and indexes still read beside them, so nothing is rewritten. (Layout 3 was never
/// released before its numbers became compact and its status index short: no store holds the
/// earlier form, which is read no more.)
pub const RELEASE: Release = Release {
    contract: CONTRACT_NAME,
    version: CONTRACT_VERSION,
    layout: 3,
    oldest_layout: FIRST_RELEASE_LAYOUT,
};

#[cfg_attr(not(feature = "library"), entry_point(crate = "dac_common::entry"))]
pub fn instantiate(
    deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    RELEASE.record(deps.storage)?;
    admin::check_panel_seconds(msg.panel_seconds)?;
    let token = deps.api.addr_validate(&msg.token)?;
    let council = msg
        .council
        .map(|c| deps.api.addr_validate(&c))
        .transpose()?;
    let admin = match msg.admin {
        Some(a) => deps.api.addr_validate(&a)?,
        None => info.sender,
    };
    ADMIN.init(deps.storage, admin.clone())?;
    CONFIG.save(
        deps.storage,
        &Config {
            token: token.clone(),
            council: council.clone(),
            panel_seconds: msg.panel_seconds,
        },
    )?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::ACTION_INSTANTIATE)
        .add_attribute(attr::TOKEN, token)
        .add_attribute(
            attr::COUNCIL,
            council.map_or(attr::NONE.to_string(), |c| c.to_string()),
        )
        .add_attribute(attr::ADMIN, admin))
}

/// The sender of a message that takes no funds: coins sent along would be stranded.
fn unfunded(info: &MessageInfo) -> Result<Addr, ContractError> {
    cw_utils::nonpayable(info)?;
    Ok(info.sender.clone())
}

#[cfg_attr(not(feature = "library"), entry_point(crate = "dac_common::entry"))]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    let sender = info.sender.clone();
    match msg {
        ExecuteMsg::Receive(wrapper) => {
            cw_utils::nonpayable(&info)?;
            receive::receive(deps, env, info, wrapper)
        }
        ExecuteMsg::Propose(msg) => {
            let coin = cw_utils::one_coin(&info)?;
            let deposit = Deposit {
                asset: Asset::Native { denom: coin.denom },
                amount: coin.amount,
            };
            let config = CONFIG.load(deps.storage)?;
            propose::propose(deps, env, &config, sender, deposit, msg)
        }
        ExecuteMsg::Sign { deal_id } => {
            sign::sign(deps, env, sender, deal_id, native_deposit(&info)?)
        }
        ExecuteMsg::PostCollateral { deal_id } => {
            sign::post_collateral(deps, env, sender, deal_id, native_deposit(&info)?)
        }
        ExecuteMsg::Repay { deal_id } => {
            perform::repay(deps, env, sender, deal_id, native_deposit(&info)?)
        }
        ExecuteMsg::Contribute { deal_id } => {
            perform::contribute(deps, env, sender, deal_id, native_deposit(&info)?)
        }
        ExecuteMsg::Withdraw { deal_id } => sign::withdraw(deps, env, unfunded(&info)?, deal_id),
        ExecuteMsg::Confirm { deal_id, preimage } => {
            perform::confirm(deps, env, unfunded(&info)?, deal_id, preimage)
        }
        ExecuteMsg::Dispute { deal_id, reason } => {
            dispute::dispute(deps, env, unfunded(&info)?, deal_id, reason)
        }
        ExecuteMsg::Rule { deal_id, ruling } => {
            dispute::rule(deps, env, unfunded(&info)?, deal_id, ruling)
        }
        ExecuteMsg::Appeal { deal_id } => dispute::appeal(deps, env, unfunded(&info)?, deal_id),
        ExecuteMsg::PanelRuling {
            deal_id,
            ruling,
            panel_by,
        } => dispute::panel_ruling(deps, env, unfunded(&info)?, deal_id, ruling, panel_by),
        ExecuteMsg::AttestDelivery { deal_id } => {
            perform::attest_delivery(deps, env, unfunded(&info)?, deal_id)
        }
        ExecuteMsg::Advance { deal_id } => advance::advance(deps, env, unfunded(&info)?, deal_id),
        ExecuteMsg::SetCouncil { council } => {
            unfunded(&info)?;
            admin::set_council(deps, info, council)
        }
        ExecuteMsg::SetPanelSeconds { seconds } => {
            unfunded(&info)?;
            admin::set_panel_seconds(deps, info, seconds)
        }
        ExecuteMsg::ProposeAdmin { admin } => {
            unfunded(&info)?;
            admin::propose_admin(deps, info, admin)
        }
        ExecuteMsg::AcceptAdmin {} => {
            unfunded(&info)?;
            admin::accept_admin(deps, info)
        }
    }
}

#[cfg_attr(not(feature = "library"), entry_point(crate = "dac_common::entry"))]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> StdResult<Binary> {
    match msg {
        QueryMsg::Config {} => to_json_binary(&query::config(deps)?),
        QueryMsg::Deal { deal_id } => to_json_binary(&query::deal(deps, &env, deal_id)?),
        QueryMsg::ListDeals { start_after, limit } => {
            to_json_binary(&query::list_deals(deps, &env, start_after, limit)?)
        }
        QueryMsg::DealsByStatus {
            status,
            start_after,
            limit,
        } => to_json_binary(&query::deals_by_status(
            deps,
            &env,
            status,
            start_after,
            limit,
        )?),
        QueryMsg::DealsByParty {
            address,
            start_after,
            limit,
        } => to_json_binary(&query::deals_by_party(
            deps,
            &env,
            address,
            start_after,
            limit,
        )?),
        QueryMsg::Arbitrator { address } => to_json_binary(&query::arbitrator(deps, address)?),
        QueryMsg::ListArbitrators { start_after, limit } => {
            to_json_binary(&query::list_arbitrators(deps, start_after, limit)?)
        }
        QueryMsg::Vault {} => to_json_binary(&query::vault(deps, &env)?),
    }
}

#[cfg_attr(not(feature = "library"), entry_point(crate = "dac_common::entry"))]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    let stored = RELEASE.check(deps.storage)?;
    let converted = crate::migrate::convert(deps.storage, stored.layout)?;
    RELEASE.record(deps.storage)?;
    Ok(Response::new().add_attributes(migrate_attributes(&RELEASE, &stored, &converted)))
}
