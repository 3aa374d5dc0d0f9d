//! Execute handlers, one module per concern, and the checks they share.

pub mod councils;
pub mod delegation;
pub mod governance;
pub mod membership;
pub mod moves;
pub mod proposals;
pub mod roles;
pub mod sanctions;
pub mod scope;
pub mod sortition;
pub mod tally;
pub mod token_sync;

use cosmwasm_std::{Addr, Api, Deps, Env, MessageInfo, Storage};
pub use dac_common::text::{validate_len, validate_text};

use crate::msg::{Authority, Body};
use crate::state::{Config, Proposal, COUNCILS, EXECUTING, MAX_TOPIC_LEN, MEMBERS};
use crate::ContractError;

/// The passed proposal on whose behalf the contract is calling itself.
pub fn executing_proposal(
    deps: Deps,
    env: &Env,
    info: &MessageInfo,
    what: &str,
) -> Result<Proposal, ContractError> {
    if info.sender != env.contract.address {
        return Err(ContractError::NeedsProposal(what.to_string()));
    }
    let id = EXECUTING
        .may_load(deps.storage)?
        .ok_or_else(|| ContractError::NeedsProposal(what.to_string()))?;
    crate::execute::proposals::load_proposal(deps.storage, id)
}

/// Only a passed proposal with an executive council among its chambers.
pub fn require_executive(
    deps: Deps,
    env: &Env,
    info: &MessageInfo,
    what: &str,
) -> Result<(), ContractError> {
    let proposal = executing_proposal(deps, env, info, what)?;
    if has_executive_chamber(
        deps.storage,
        &proposal.chambers.iter().map(|c| c.body).collect::<Vec<_>>(),
    )? {
        Ok(())
    } else {
        Err(ContractError::NeedsProposal(format!(
            "{what} needs an executive council's proposal"
        )))
    }
}

/// Only a passed proposal one of whose chambers is `council_id`.
pub fn require_council_chamber(
    deps: Deps,
    env: &Env,
    info: &MessageInfo,
    council_id: u64,
    what: &str,
) -> Result<(), ContractError> {
    let proposal = executing_proposal(deps, env, info, what)?;
    if proposal
        .chambers
        .iter()
        .any(|c| c.body == Body::Council { council_id })
    {
        Ok(())
    } else {
        Err(ContractError::NeedsProposal(format!(
            "{what} needs a proposal of council {council_id}"
        )))
    }
}

pub fn has_executive_chamber(
    storage: &dyn Storage,
    bodies: &[Body],
) -> Result<bool, ContractError> {
    for body in bodies {
        if let Body::Council { council_id } = body {
            if COUNCILS.load(storage, *council_id)?.executive {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

/// The head, or a proposal of the named council.
pub fn check_authority(
    deps: Deps,
    env: &Env,
    info: &MessageInfo,
    config: &Config,
    authority: &Authority,
    what: &str,
) -> Result<(), ContractError> {
    match authority {
        Authority::Head => {
            roles::require_role(deps.storage, config, roles::Role::Head, &info.sender)
        }
        Authority::Council { council_id } => {
            require_council_chamber(deps, env, info, *council_id, what)
        }
    }
}

/// Topics are short lowercase words so delegations and proposals match exactly.
pub fn validate_topic(topic: &str) -> Result<(), ContractError> {
    let ok = !topic.is_empty()
        && topic.len() <= MAX_TOPIC_LEN
        && topic
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(ContractError::InvalidTopic {
            max_len: MAX_TOPIC_LEN,
        })
    }
}

/// Refuses `who` unless they are a member now.
pub fn require_member(storage: &dyn Storage, who: &Addr) -> Result<(), ContractError> {
    match MEMBERS.may_load(storage, who)? {
        Some(_) => Ok(()),
        None => Err(ContractError::NotMember(who.to_string())),
    }
}

pub fn validate_addrs(
    api: &dyn Api,
    addrs: &[String],
    max: usize,
    what: &'static str,
) -> Result<Vec<Addr>, ContractError> {
    if addrs.len() > max {
        return Err(ContractError::TooMany {
            what: what.to_string(),
            max: max as u64,
        });
    }
    let mut out: Vec<Addr> = Vec::with_capacity(addrs.len());
    for a in addrs {
        let addr = api.addr_validate(a)?;
        if out.contains(&addr) {
            return Err(ContractError::ListedTwice {
                list: what,
                item: addr.into_string(),
            });
        }
        out.push(addr);
    }
    Ok(out)
}
