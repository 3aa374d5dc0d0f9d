//! Basic income, membership and settling the commons.

use cosmwasm_std::{Addr, DepsMut, Env, MessageInfo, Response, Storage, Uint128};

use super::Books;
use crate::attributes as attr;
use crate::error::ContractError;
use crate::state::{load_shares, save_shares, MEMBERS, MEMBERSHIP_AUTHORITY};

/// Most addresses one `Settle` or `UpdateMembers` may name, so its cost stays bounded.
pub const MAX_SETTLE: usize = 30;
pub const MAX_MEMBER_UPDATE: usize = 50;

/// Pays `member`'s claimable income into their balance; the caller restarts their count from
/// `books.commons.income_acc` (or removes them).
fn pay_claim(
    books: &mut Books,
    storage: &mut dyn Storage,
    member: &Addr,
    since: cosmwasm_std::Uint256,
) -> Result<Uint128, ContractError> {
    let floor = books.window_floor(storage)?;
    let payout = books.commons.claim(since, floor)?;
    if !payout.shares.is_zero() {
        let shares = load_shares(storage, member)?.checked_add(payout.shares)?;
        save_shares(storage, member, shares);
    }
    Ok(payout.amount)
}

pub fn claim_income(deps: DepsMut, env: Env, info: MessageInfo) -> Result<Response, ContractError> {
    let since = MEMBERS
        .may_load(deps.storage, &info.sender)?
        .ok_or_else(|| ContractError::NotAMember {
            address: info.sender.to_string(),
        })?;
    let mut books = Books::open(deps.storage, &env)?;
    let paid = pay_claim(&mut books, deps.storage, &info.sender, since)?;
    if paid.is_zero() {
        return Err(ContractError::NothingToClaim);
    }
    MEMBERS.save(deps.storage, &info.sender, &books.commons.income_acc)?;
    let decay = books.close(deps.storage)?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::CLAIM_INCOME)
        .add_attribute(attr::MEMBER, info.sender)
        .add_attribute(attr::INCOME, paid)
        .add_attribute(attr::DEMURRAGE, decay))
}

/// The membership authority adds and removes members. Adding a member twice or removing a
/// non-member changes nothing, so the council can resend its view safely. A removed member is
/// paid what they earned while a member.
pub fn update_members(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    add: Vec<String>,
    remove: Vec<String>,
) -> Result<Response, ContractError> {
    if MEMBERSHIP_AUTHORITY.load(deps.storage)? != info.sender {
        return Err(ContractError::NotMembershipAuthority);
    }
    if add.len() + remove.len() > MAX_MEMBER_UPDATE {
        return Err(ContractError::TooManyAddresses {
            max: MAX_MEMBER_UPDATE,
        });
    }
    let add = validate_all(&deps, &add)?;
    let remove = validate_all(&deps, &remove)?;
    let mut books = Books::open(deps.storage, &env)?;
    let mut response = Response::new().add_attribute(attr::ACTION, attr::UPDATE_MEMBERS);
    for member in remove {
        if let Some(since) = MEMBERS.may_load(deps.storage, &member)? {
            let paid = pay_claim(&mut books, deps.storage, &member, since)?;
            MEMBERS.remove(deps.storage, &member);
            books.commons.leave();
            response = response
                .add_attribute(attr::REMOVED, member.as_str())
                .add_attribute(attr::INCOME, paid);
        }
    }
    for member in add {
        if !MEMBERS.has(deps.storage, &member) {
            let since = books.commons.join()?;
            MEMBERS.save(deps.storage, &member, &since)?;
            response = response.add_attribute(attr::ADDED, member.as_str());
        }
    }
    let decay = books.close(deps.storage)?;
    Ok(response.add_attribute(attr::DEMURRAGE, decay))
}

/// Brings the commons to this block: what decayed since its last update is credited to the
/// members as income now (and this period's history entry is written). Anyone may call it.
/// Balances never need settling (they decay through the global index); the addresses are
/// checked and counted only, so that the message keeps its shape.
pub fn settle(deps: DepsMut, env: Env, addresses: Vec<String>) -> Result<Response, ContractError> {
    if addresses.len() > MAX_SETTLE {
        return Err(ContractError::TooManyAddresses { max: MAX_SETTLE });
    }
    let addresses = validate_all(&deps, &addresses)?;
    let decay = Books::open(deps.storage, &env)?.close(deps.storage)?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::SETTLE)
        .add_attribute(attr::SETTLED, addresses.len().to_string())
        .add_attribute(attr::DEMURRAGE, decay))
}

fn validate_all(deps: &DepsMut, addresses: &[String]) -> Result<Vec<Addr>, ContractError> {
    Ok(addresses
        .iter()
        .map(|a| deps.api.addr_validate(a))
        .collect::<Result<_, _>>()?)
}
