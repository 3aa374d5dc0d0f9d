//! Deposits in the demurrage token, which arrive by cw20 `Send`.

use cosmwasm_std::{from_json, DepsMut, Env, MessageInfo, Response};
use cw20::Cw20ReceiveMsg;

use crate::error::ContractError;
use crate::execute::{perform, propose, sign, Deposit};
use crate::msg::ReceiveMsg;
use crate::state::{Asset, CONFIG};

pub fn receive(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    wrapper: Cw20ReceiveMsg,
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    if info.sender != config.token {
        return Err(ContractError::UnknownToken {
            expected: config.token.to_string(),
        });
    }
    let depositor = deps.api.addr_validate(&wrapper.sender)?;
    let deposit = Deposit {
        asset: Asset::Token {
            address: config.token.clone(),
        },
        amount: wrapper.amount,
    };
    match from_json(&wrapper.msg)? {
        ReceiveMsg::Propose(msg) => propose::propose(deps, env, &config, depositor, deposit, msg),
        ReceiveMsg::Sign { deal_id } => sign::sign(deps, env, depositor, deal_id, Some(deposit)),
        ReceiveMsg::PostCollateral { deal_id } => {
            sign::post_collateral(deps, env, depositor, deal_id, Some(deposit))
        }
        ReceiveMsg::Repay { deal_id } => {
            perform::repay(deps, env, depositor, deal_id, Some(deposit))
        }
        ReceiveMsg::Contribute { deal_id } => {
            perform::contribute(deps, env, depositor, deal_id, Some(deposit))
        }
    }
}
