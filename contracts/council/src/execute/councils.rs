//! The council tree: seats, the roster sortition draws from, and recallable delegates.

use cosmwasm_std::{Addr, Decimal, DepsMut, Env, MessageInfo, Order, Response, Storage};

use crate::attributes::*;
use crate::execute::delegation::clear_delegations;
use crate::execute::{
    require_council_chamber, require_executive, require_member, validate_addrs, validate_text,
};
use crate::msg::{NewCouncil, Seat, Threshold, VotingRules};
use crate::state::{
    next_id, Council, COUNCILS, COUNCIL_COUNT, COUNCIL_SEATS, COUNCIL_SIZE, DELEGATE_COUNT,
    MAX_COUNCILS_PER_MEMBER, MAX_DELEGATES_PER_CHILD, MAX_INITIAL_SEATS, MAX_TITLE_LEN,
    MEMBER_COUNCILS, ROSTER, ROSTER_POSITION,
};
use crate::ContractError;

pub fn validate_rules(rules: &VotingRules) -> Result<(), ContractError> {
    if rules.voting_period_seconds == 0 {
        return Err(ContractError::ZeroVotingPeriod);
    }
    if rules.min_voting_period_seconds > rules.voting_period_seconds {
        return Err(ContractError::MinVotingPeriodTooLong);
    }
    let in_range = |d: Decimal| d > Decimal::zero() && d < Decimal::one();
    let ok = match rules.threshold {
        Threshold::AbsolutePercentage { percentage } => in_range(percentage),
        Threshold::ThresholdQuorum { threshold, quorum } => {
            in_range(threshold) && quorum > Decimal::zero() && quorum <= Decimal::one()
        }
    };
    if ok {
        Ok(())
    } else {
        Err(ContractError::ThresholdOutOfRange)
    }
}

pub fn load_council(storage: &dyn Storage, council_id: u64) -> Result<Council, ContractError> {
    COUNCILS
        .may_load(storage, council_id)?
        .ok_or(ContractError::NoCouncil(council_id))
}

/// Creates a council and seats its first members (who must already be node members).
pub fn insert_council(
    storage: &mut dyn Storage,
    api: &dyn cosmwasm_std::Api,
    height: u64,
    new: NewCouncil,
) -> Result<u64, ContractError> {
    validate_text(&new.name, "council name", MAX_TITLE_LEN)?;
    validate_rules(&new.rules)?;
    if let Some(parent) = new.parent {
        load_council(storage, parent)?;
    }
    let members = validate_addrs(api, &new.members, MAX_INITIAL_SEATS, "council members")?;
    let id = next_id(storage, &COUNCIL_COUNT)?;
    COUNCILS.save(
        storage,
        id,
        &Council {
            id,
            name: new.name,
            kind: new.kind,
            parent: new.parent,
            executive: new.executive,
            rules: new.rules,
        },
    )?;
    COUNCIL_SIZE.save(storage, id, &0, height)?;
    for member in members {
        require_member(storage, &member)?;
        seat(storage, height, id, &member, Seat::Direct)?;
    }
    Ok(id)
}

pub fn seat(
    storage: &mut dyn Storage,
    height: u64,
    council_id: u64,
    member: &Addr,
    seat: Seat,
) -> Result<(), ContractError> {
    load_council(storage, council_id)?;
    if COUNCIL_SEATS
        .may_load(storage, (council_id, member))?
        .is_some()
    {
        return Err(ContractError::AlreadyInCouncil {
            member: member.to_string(),
            council_id,
        });
    }
    let seats_held = MEMBER_COUNCILS
        .prefix(member)
        .keys(storage, None, None, Order::Ascending)
        .take(MAX_COUNCILS_PER_MEMBER)
        .count();
    if seats_held >= MAX_COUNCILS_PER_MEMBER {
        return Err(ContractError::TooMany {
            what: "councils per member".into(),
            max: MAX_COUNCILS_PER_MEMBER as u64,
        });
    }
    let size = COUNCIL_SIZE
        .may_load(storage, council_id)?
        .unwrap_or_default();
    COUNCIL_SEATS.save(storage, (council_id, member), &seat, height)?;
    ROSTER.save(storage, (council_id, size), member, height)?;
    ROSTER_POSITION.save(storage, (council_id, member), &size)?;
    COUNCIL_SIZE.save(storage, council_id, &(size + 1), height)?;
    MEMBER_COUNCILS.save(storage, (member, council_id), &())?;
    Ok(())
}

/// Removes a member from a council: their delegations there end, their roster slot is filled
/// by the last member (O(1)), and a delegate seat this council gave them in its parent ends too.
pub fn unseat(
    storage: &mut dyn Storage,
    height: u64,
    council_id: u64,
    member: &Addr,
) -> Result<(), ContractError> {
    let seat = COUNCIL_SEATS
        .may_load(storage, (council_id, member))?
        .ok_or_else(|| ContractError::NotInCouncil {
            member: member.to_string(),
            council_id,
        })?;
    clear_delegations(storage, height, member, Some(council_id))?;

    let size = COUNCIL_SIZE.load(storage, council_id)?;
    let last = size.checked_sub(1).ok_or(ContractError::Underflow {
        counter: "council size",
    })?;
    let position = ROSTER_POSITION.load(storage, (council_id, member))?;
    if position != last {
        let moved = ROSTER.load(storage, (council_id, last))?;
        ROSTER.save(storage, (council_id, position), &moved, height)?;
        ROSTER_POSITION.save(storage, (council_id, &moved), &position)?;
    }
    ROSTER.remove(storage, (council_id, last), height)?;
    ROSTER_POSITION.remove(storage, (council_id, member));
    COUNCIL_SIZE.save(storage, council_id, &last, height)?;
    COUNCIL_SEATS.remove(storage, (council_id, member), height)?;
    MEMBER_COUNCILS.remove(storage, (member, council_id));

    if let Seat::Delegate { of } = seat {
        let count = DELEGATE_COUNT.may_load(storage, of)?.unwrap_or_default();
        DELEGATE_COUNT.save(storage, of, &count.saturating_sub(1))?;
    }
    if let Some(parent) = load_council(storage, council_id)?.parent {
        if COUNCIL_SEATS.may_load(storage, (parent, member))?
            == Some(Seat::Delegate { of: council_id })
        {
            unseat(storage, height, parent, member)?;
        }
    }
    Ok(())
}

pub fn create_council(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    council: NewCouncil,
) -> Result<Response, ContractError> {
    require_executive(deps.as_ref(), &env, &info, "create a council")?;
    let id = insert_council(deps.storage, deps.api, env.block.height, council)?;
    Ok(Response::new()
        .add_attribute(ACTION, ACT_CREATE_COUNCIL)
        .add_attribute(COUNCIL_ID, id.to_string()))
}

pub fn update_council(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    council_id: u64,
    name: Option<String>,
    executive: Option<bool>,
    rules: Option<VotingRules>,
) -> Result<Response, ContractError> {
    require_executive(deps.as_ref(), &env, &info, "update a council")?;
    let mut council = load_council(deps.storage, council_id)?;
    if let Some(name) = name {
        validate_text(&name, "council name", MAX_TITLE_LEN)?;
        council.name = name;
    }
    if let Some(executive) = executive {
        council.executive = executive;
    }
    if let Some(rules) = rules {
        validate_rules(&rules)?;
        council.rules = rules;
    }
    COUNCILS.save(deps.storage, council_id, &council)?;
    Ok(Response::new()
        .add_attribute(ACTION, ACT_UPDATE_COUNCIL)
        .add_attribute(COUNCIL_ID, council_id.to_string()))
}

/// Gatekeeper: seats a node member in a council.
pub fn assign_council(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    member: String,
    council_id: u64,
) -> Result<Response, ContractError> {
    crate::execute::membership::require_gatekeeper(deps.storage, &info.sender)?;
    let member = deps.api.addr_validate(&member)?;
    require_member(deps.storage, &member)?;
    seat(
        deps.storage,
        env.block.height,
        council_id,
        &member,
        Seat::Direct,
    )?;
    Ok(Response::new()
        .add_attribute(ACTION, ACT_ASSIGN_COUNCIL)
        .add_attribute(MEMBER, member)
        .add_attribute(COUNCIL_ID, council_id.to_string()))
}

pub fn leave_council(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    council_id: u64,
) -> Result<Response, ContractError> {
    unseat(deps.storage, env.block.height, council_id, &info.sender)?;
    Ok(Response::new()
        .add_attribute(ACTION, ACT_LEAVE_COUNCIL)
        .add_attribute(MEMBER, info.sender)
        .add_attribute(COUNCIL_ID, council_id.to_string()))
}

/// A proposal of the child council seats one of its members in the parent as its delegate.
pub fn elect_delegate(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    council_id: u64,
    member: String,
) -> Result<Response, ContractError> {
    require_council_chamber(deps.as_ref(), &env, &info, council_id, "elect a delegate")?;
    let member = deps.api.addr_validate(&member)?;
    let child = load_council(deps.storage, council_id)?;
    let parent = child.parent.ok_or(ContractError::NoParent { council_id })?;
    if COUNCIL_SEATS
        .may_load(deps.storage, (council_id, &member))?
        .is_none()
    {
        return Err(ContractError::NotInCouncil {
            member: member.to_string(),
            council_id,
        });
    }
    let count = DELEGATE_COUNT
        .may_load(deps.storage, council_id)?
        .unwrap_or_default();
    if count >= MAX_DELEGATES_PER_CHILD {
        return Err(ContractError::TooMany {
            what: "delegates per council".into(),
            max: MAX_DELEGATES_PER_CHILD.into(),
        });
    }
    seat(
        deps.storage,
        env.block.height,
        parent,
        &member,
        Seat::Delegate { of: council_id },
    )?;
    DELEGATE_COUNT.save(deps.storage, council_id, &(count + 1))?;
    Ok(Response::new()
        .add_attribute(ACTION, ACT_ELECT_DELEGATE)
        .add_attribute(COUNCIL_ID, council_id.to_string())
        .add_attribute(MEMBER, member))
}

/// A proposal of the child council recalls its delegate from the parent.
pub fn recall_delegate(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    council_id: u64,
    member: String,
) -> Result<Response, ContractError> {
    require_council_chamber(deps.as_ref(), &env, &info, council_id, "recall a delegate")?;
    let member = deps.api.addr_validate(&member)?;
    let child = load_council(deps.storage, council_id)?;
    let parent = child.parent.ok_or(ContractError::NoParent { council_id })?;
    if COUNCIL_SEATS.may_load(deps.storage, (parent, &member))?
        != Some(Seat::Delegate { of: council_id })
    {
        return Err(ContractError::NotADelegate {
            member: member.to_string(),
            council_id,
        });
    }
    unseat(deps.storage, env.block.height, parent, &member)?;
    Ok(Response::new()
        .add_attribute(ACTION, ACT_RECALL_DELEGATE)
        .add_attribute(COUNCIL_ID, council_id.to_string())
        .add_attribute(MEMBER, member))
}
