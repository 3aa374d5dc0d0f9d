//! Entry points: thin dispatch to the named handlers.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{Addr, Binary, Deps, DepsMut, Env, MessageInfo, Response, StdResult};

use crate::attributes as attr;
use crate::error::ContractError;
use crate::execute::{
    admin, advance, dispute, native_deposit, perform, propose, receive, sign, Deposit,
};
use crate::msg::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};
use crate::query;
use crate::state::{Asset, Config, ADMIN, CONFIG};

pub const CONTRACT_NAME: &str = "crates.io:escrow";
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
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

#[cfg_attr(not(feature = "library"), entry_point)]
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
            propose::propose(deps, env, sender, deposit, msg)
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
        ExecuteMsg::Confirm { deal_id } => perform::confirm(deps, env, unfunded(&info)?, deal_id),
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

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> StdResult<Binary> {
    query::dispatch(deps, env, msg)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    dac_common::migrate::ensure_upgrade(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::ACTION_MIGRATE)
        .add_attribute(attr::VERSION, CONTRACT_VERSION))
}
