//! Basic income, membership and settling dormant accounts.

use cosmwasm_std::{Addr, DepsMut, Env, MessageInfo, Response, Storage, Uint128};

use super::Books;
use crate::attributes as attr;
use crate::error::ContractError;
use crate::state::{MEMBERS, MEMBERSHIP_AUTHORITY};

/// Most addresses one `Settle` or `UpdateMembers` may name, so its cost stays bounded.
pub const MAX_SETTLE: usize = 30;
pub const MAX_MEMBER_UPDATE: usize = 50;

/// Pays `member`'s claimable income into their balance and restarts their count from now.
fn pay_claim(
    books: &mut Books,
    storage: &mut dyn Storage,
    member: &Addr,
    since: cosmwasm_std::Uint256,
) -> Result<Uint128, ContractError> {
    let floor = books.window_floor(storage)?;
    let mut holding = books.touch(storage, member)?;
    let paid = books.ledger.claim(&mut holding, since, floor)?;
    Books::save(storage, member, &holding)?;
    MEMBERS.save(storage, member, &books.ledger.income_acc)?;
    Ok(paid)
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
    let realized = books.close(deps.storage)?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::CLAIM_INCOME)
        .add_attribute(attr::MEMBER, info.sender)
        .add_attribute(attr::INCOME, paid)
        .add_attribute(attr::DEMURRAGE, realized))
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
            books.ledger.leave();
            response = response
                .add_attribute(attr::REMOVED, member.as_str())
                .add_attribute(attr::INCOME, paid);
        }
    }
    for member in add {
        if !MEMBERS.has(deps.storage, &member) {
            let since = books.ledger.join()?;
            MEMBERS.save(deps.storage, &member, &since)?;
            response = response.add_attribute(attr::ADDED, member.as_str());
        }
    }
    let realized = books.close(deps.storage)?;
    Ok(response.add_attribute(attr::DEMURRAGE, realized))
}

/// Realizes the pending decay of dormant accounts into the pool. Anyone may call it.
pub fn settle(deps: DepsMut, env: Env, addresses: Vec<String>) -> Result<Response, ContractError> {
    if addresses.len() > MAX_SETTLE {
        return Err(ContractError::TooManyAddresses { max: MAX_SETTLE });
    }
    let addresses = validate_all(&deps, &addresses)?;
    let mut books = Books::open(deps.storage, &env)?;
    for addr in &addresses {
        let holding = books.touch(deps.storage, addr)?;
        Books::save(deps.storage, addr, &holding)?;
    }
    let realized = books.close(deps.storage)?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::SETTLE)
        .add_attribute(attr::SETTLED, addresses.len().to_string())
        .add_attribute(attr::DEMURRAGE, realized))
}

fn validate_all(deps: &DepsMut, addresses: &[String]) -> Result<Vec<Addr>, ContractError> {
    Ok(addresses
        .iter()
        .map(|a| deps.api.addr_validate(a))
        .collect::<Result<_, _>>()?)
}
