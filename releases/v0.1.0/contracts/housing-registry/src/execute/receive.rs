//! Payments arrive as a cw20 `Send` of the node's token; any other cw20 is refused.

use cosmwasm_std::{from_json, DepsMut, Env, MessageInfo, Response};
use cw20::Cw20ReceiveMsg;

use crate::error::ContractError;
use crate::execute::{fees, guests};
use crate::msg::ReceiveMsg;
use crate::state::CONFIG;

pub fn receive(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    wrapper: Cw20ReceiveMsg,
) -> Result<Response, ContractError> {
    let token = CONFIG.load(deps.storage)?.token;
    if info.sender != token {
        return Err(ContractError::WrongToken {
            expected: token.to_string(),
        });
    }
    let payer = deps.api.addr_validate(&wrapper.sender)?;
    match from_json(&wrapper.msg)? {
        ReceiveMsg::PayFees { holder } => fees::pay_fees(deps, env, payer, wrapper.amount, holder),
        ReceiveMsg::BookGuest {
            home_id,
            guest,
            start_day,
            end_day,
            on_behalf_of,
        } => guests::book_guest(
            deps,
            env,
            payer,
            wrapper.amount,
            home_id,
            guest,
            start_day,
            end_day,
            on_behalf_of,
        ),
    }
}
