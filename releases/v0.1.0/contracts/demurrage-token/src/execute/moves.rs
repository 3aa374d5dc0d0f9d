//! Moving and burning tokens: the cw20 messages plus `TransferAll` / `SendAll`.

use cosmwasm_std::{
    Addr, Binary, BlockInfo, Deps, DepsMut, Env, MessageInfo, Response, StdError, Storage, Uint128,
};
use cw20::Cw20ReceiveMsg;
use cw20_base::allowances::deduct_allowance;
use cw20_base::state::{ALLOWANCES, TOKEN_INFO};

use super::{current_index, Books};
use crate::attributes as attr;
use crate::error::ContractError;
use crate::ledger::{balance_of, shares_for};
use crate::state::{load_shares, save_shares};

/// `deduct_allowance`'s checks without its writes: run before the move, so a move refused for
/// the owner's balance leaves the allowance untouched (and the deduction after it cannot fail).
fn check_allowance(
    storage: &dyn Storage,
    owner: &Addr,
    spender: &Addr,
    block: &BlockInfo,
    amount: Uint128,
) -> Result<(), ContractError> {
    let allowance = ALLOWANCES
        .may_load(storage, (owner, spender))?
        .ok_or(cw20_base::ContractError::NoAllowance {})?;
    if allowance.expires.is_expired(block) {
        return Err(cw20_base::ContractError::Expired {}.into());
    }
    allowance
        .allowance
        .checked_sub(amount)
        .map_err(|e| cw20_base::ContractError::Std(StdError::overflow(e)))?;
    Ok(())
}

/// cw20-base raises an allowance with `+=`, which panics past `Uint128::MAX`: refuse that with
/// an overflow error first (an invalid spender is left for cw20-base to report).
pub fn check_allowance_increase(
    deps: Deps,
    owner: &Addr,
    spender: &str,
    amount: Uint128,
) -> Result<(), ContractError> {
    let Ok(spender) = deps.api.addr_validate(spender) else {
        return Ok(());
    };
    if let Some(current) = ALLOWANCES.may_load(deps.storage, (owner, &spender))? {
        current.allowance.checked_add(amount)?;
    }
    Ok(())
}

/// How much to move: a fixed amount, or everything the holder has at this block.
#[derive(Clone, Copy)]
pub enum Amount {
    Exact(Uint128),
    All,
}

/// Moves tokens between two accounts: the sender gives up the shares the amount is worth,
/// rounded up, and the recipient receives exactly those shares. Nothing global is written.
/// Returns the amount moved.
pub fn move_tokens(
    deps: &mut DepsMut,
    env: &Env,
    from: &Addr,
    to: &Addr,
    amount: Amount,
) -> Result<Uint128, ContractError> {
    if from == to {
        return Err(ContractError::SelfTransfer);
    }
    if let Amount::Exact(a) = amount {
        if a.is_zero() {
            return Err(ContractError::ZeroAmount);
        }
    }
    let (_, index) = current_index(deps.storage, env)?;
    let source = load_shares(deps.storage, from)?;
    let (amount, shares) = match amount {
        // `a ≤ balance` exactly when the shares it takes (rounded up) are at most `source`: one
        // multiply-divide instead of two on every transfer.
        // (`shares_for` fails only at an index of zero, where nothing is worth anything.)
        Amount::Exact(a) => match shares_for(a, index) {
            Ok(shares) if shares <= source => (a, shares),
            _ => {
                return Err(ContractError::InsufficientFunds {
                    balance: balance_of(source, index)?,
                    required: a,
                })
            }
        },
        // Everything leaves, so no dust of shares stays behind.
        Amount::All => match balance_of(source, index)? {
            balance if balance.is_zero() => return Err(ContractError::ZeroAmount),
            balance => (balance, source),
        },
    };
    let target = load_shares(deps.storage, to)?;
    save_shares(deps.storage, from, source.checked_sub(shares)?);
    save_shares(deps.storage, to, target.checked_add(shares)?);
    Ok(amount)
}

/// Destroys tokens of `owner`, lowering the total supply; the commons keeps the rounding.
fn burn_tokens(
    deps: &mut DepsMut,
    env: &Env,
    owner: &Addr,
    amount: Uint128,
) -> Result<Uint128, ContractError> {
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount);
    }
    let mut books = Books::open(deps.storage, env)?;
    let shares = load_shares(deps.storage, owner)?;
    let balance = balance_of(shares, books.index)?;
    if balance < amount {
        return Err(ContractError::InsufficientFunds {
            balance,
            required: amount,
        });
    }
    let debit = shares_for(amount, books.index)?;
    books.commons.burn(debit, amount)?;
    save_shares(deps.storage, owner, shares.checked_sub(debit)?);
    let mut info = TOKEN_INFO.load(deps.storage)?;
    info.total_supply = info.total_supply.checked_sub(amount)?;
    TOKEN_INFO.save(deps.storage, &info)?;
    Ok(books.close(deps.storage)?)
}

pub fn transfer(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    recipient: String,
    amount: Amount,
) -> Result<Response, ContractError> {
    let recipient = deps.api.addr_validate(&recipient)?;
    let moved = move_tokens(&mut deps, &env, &info.sender, &recipient, amount)?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::TRANSFER)
        .add_attribute(attr::FROM, info.sender)
        .add_attribute(attr::TO, recipient)
        .add_attribute(attr::AMOUNT, moved))
}

pub fn send(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    contract: String,
    amount: Amount,
    msg: Binary,
) -> Result<Response, ContractError> {
    let contract = deps.api.addr_validate(&contract)?;
    let moved = move_tokens(&mut deps, &env, &info.sender, &contract, amount)?;
    let receive = Cw20ReceiveMsg {
        sender: info.sender.to_string(),
        amount: moved,
        msg,
    }
    .into_cosmos_msg(&contract)?;
    Ok(Response::new()
        .add_message(receive)
        .add_attribute(attr::ACTION, attr::SEND)
        .add_attribute(attr::FROM, info.sender)
        .add_attribute(attr::TO, contract)
        .add_attribute(attr::AMOUNT, moved))
}

pub fn burn(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    amount: Uint128,
) -> Result<Response, ContractError> {
    let decay = burn_tokens(&mut deps, &env, &info.sender, amount)?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::BURN)
        .add_attribute(attr::FROM, info.sender)
        .add_attribute(attr::AMOUNT, amount)
        .add_attribute(attr::DEMURRAGE, decay))
}

/// Allowances are nominal: they don't decay, so a `TransferFrom` never fails because time passed.
pub fn transfer_from(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    owner: String,
    recipient: String,
    amount: Uint128,
) -> Result<Response, ContractError> {
    let owner = deps.api.addr_validate(&owner)?;
    let recipient = deps.api.addr_validate(&recipient)?;
    check_allowance(deps.storage, &owner, &info.sender, &env.block, amount)?;
    let moved = move_tokens(&mut deps, &env, &owner, &recipient, Amount::Exact(amount))?;
    deduct_allowance(deps.storage, &owner, &info.sender, &env.block, amount)?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::TRANSFER_FROM)
        .add_attribute(attr::FROM, owner)
        .add_attribute(attr::TO, recipient)
        .add_attribute(attr::SPENDER, info.sender)
        .add_attribute(attr::AMOUNT, moved))
}

pub fn send_from(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    owner: String,
    contract: String,
    amount: Uint128,
    msg: Binary,
) -> Result<Response, ContractError> {
    let owner = deps.api.addr_validate(&owner)?;
    let contract = deps.api.addr_validate(&contract)?;
    check_allowance(deps.storage, &owner, &info.sender, &env.block, amount)?;
    let moved = move_tokens(&mut deps, &env, &owner, &contract, Amount::Exact(amount))?;
    deduct_allowance(deps.storage, &owner, &info.sender, &env.block, amount)?;
    let receive = Cw20ReceiveMsg {
        sender: info.sender.to_string(),
        amount: moved,
        msg,
    }
    .into_cosmos_msg(&contract)?;
    Ok(Response::new()
        .add_message(receive)
        .add_attribute(attr::ACTION, attr::SEND_FROM)
        .add_attribute(attr::FROM, owner)
        .add_attribute(attr::TO, contract)
        .add_attribute(attr::SPENDER, info.sender)
        .add_attribute(attr::AMOUNT, moved))
}

pub fn burn_from(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    owner: String,
    amount: Uint128,
) -> Result<Response, ContractError> {
    let owner = deps.api.addr_validate(&owner)?;
    check_allowance(deps.storage, &owner, &info.sender, &env.block, amount)?;
    let decay = burn_tokens(&mut deps, &env, &owner, amount)?;
    deduct_allowance(deps.storage, &owner, &info.sender, &env.block, amount)?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::BURN_FROM)
        .add_attribute(attr::FROM, owner)
        .add_attribute(attr::SPENDER, info.sender)
        .add_attribute(attr::AMOUNT, amount)
        .add_attribute(attr::DEMURRAGE, decay))
}
