//! Liquid democracy: per-(council, topic) delegation forests.
//!
//! # How delegated votes are counted without walking unbounded chains
//!
//! Each (council, topic) has a forest: every member has at most one outgoing edge (their
//! delegate). Cycles are refused when an edge is added, and every chain is at most
//! `max_delegation_depth` edges long. For each member `m` we keep, as a snapshot:
//! * `DELEGATED_POWER[m]`: how many members' chains pass through `m` (the size of `m`'s subtree
//!   minus `m`), and
//! * `DEPTH_PROFILE[m][i]`: how many of them sit `i + 1` edges below `m`, which gives the depth
//!   below `m` so an edge that would make any chain too long is refused.
//!
//! Adding or removing the edge `a -> b` moves `a`'s whole subtree: only `b` and its ancestors
//! change, at most `max_delegation_depth` nodes, each with a profile of at most that length, so
//! one delegation costs O(depth²) storage operations whatever the number of members.
//!
//! A proposal reads this forest at its creation height (snapshot). When `x` votes directly:
//! 1. `x` carries `w = 1 + DELEGATED_POWER[x] - CLAIMED[x]`, where `CLAIMED[x]` is the will of
//!    members below `x` already carried by direct votes cast below `x`;
//! 2. walking up from `x` (at most `max_delegation_depth` steps), every ancestor gets
//!    `CLAIMED += w` until the first ancestor `y` that voted directly: `y`'s ballot loses `w`
//!    (those members now speak through `x`, or through `x` itself) and the walk stops, because
//!    above `y` nothing changes.
//!
//! So every member's will is counted exactly once, by the nearest member on their chain
//! (themselves included) who voted, and a vote costs O(depth) whatever the number of members.
//! The property test `tests::delegation_props` checks this against a from-scratch recount.

use cosmwasm_std::{Addr, DepsMut, Env, MessageInfo, Order, Response, Storage};

use crate::attributes::*;
use crate::execute::councils::load_council;
use crate::execute::sanctions::{ensure_allowed, Act};
use crate::execute::validate_topic;
use crate::state::{
    CONFIG, COUNCIL_SEATS, DELEGATED_POWER, DELEGATIONS, DEPTH_PROFILE, HARD_MAX_DELEGATION_DEPTH,
    INCOMING, MAX_DELEGATIONS_PER_MEMBER, OUTGOING, OUTGOING_COUNT,
};
use crate::ContractError;
use dac_common::pagination::at_most;

/// `start` and its ancestors, nearest first (at most `HARD_MAX_DELEGATION_DEPTH + 1` nodes).
fn chain_from(
    storage: &dyn Storage,
    council_id: u64,
    topic: &str,
    start: &Addr,
) -> Result<Vec<Addr>, ContractError> {
    let mut chain = vec![start.clone()];
    let mut current = start.clone();
    while let Some(next) = DELEGATIONS.may_load(storage, (council_id, topic, &current))? {
        if chain.len() > HARD_MAX_DELEGATION_DEPTH as usize {
            return Err(ContractError::DelegationTooDeep {
                max: HARD_MAX_DELEGATION_DEPTH,
            });
        }
        chain.push(next.clone());
        current = next;
    }
    Ok(chain)
}

fn load_profile(
    storage: &dyn Storage,
    council_id: u64,
    topic: &str,
    member: &Addr,
) -> Result<Vec<u64>, ContractError> {
    Ok(DEPTH_PROFILE
        .may_load(storage, (council_id, topic, member))?
        .unwrap_or_default())
}

fn save_profile(
    storage: &mut dyn Storage,
    council_id: u64,
    topic: &str,
    member: &Addr,
    mut profile: Vec<u64>,
) -> Result<(), ContractError> {
    while profile.last() == Some(&0) {
        profile.pop();
    }
    if profile.is_empty() {
        DEPTH_PROFILE.remove(storage, (council_id, topic, member));
    } else {
        DEPTH_PROFILE.save(storage, (council_id, topic, member), &profile)?;
    }
    Ok(())
}

fn power(
    storage: &dyn Storage,
    council_id: u64,
    topic: &str,
    member: &Addr,
) -> Result<u64, ContractError> {
    Ok(DELEGATED_POWER
        .may_load(storage, (council_id, topic, member))?
        .unwrap_or_default())
}

/// Adds `moved` members (with `profile` below the subtree root) under each node of `chain`,
/// or removes them when `adding` is false.
#[allow(clippy::too_many_arguments)]
fn shift_subtree(
    storage: &mut dyn Storage,
    height: u64,
    council_id: u64,
    topic: &str,
    chain: &[Addr],
    moved: u64,
    subtree_profile: &[u64],
    adding: bool,
) -> Result<(), ContractError> {
    let underflow = || ContractError::Underflow {
        counter: "delegated power",
    };
    for (distance, node) in chain.iter().enumerate() {
        let old = power(storage, council_id, topic, node)?;
        let new = if adding {
            old.checked_add(moved).ok_or_else(underflow)?
        } else {
            old.checked_sub(moved).ok_or_else(underflow)?
        };
        if new == 0 {
            DELEGATED_POWER.remove(storage, (council_id, topic, node), height)?;
        } else {
            DELEGATED_POWER.save(storage, (council_id, topic, node), &new, height)?;
        }

        let mut profile = load_profile(storage, council_id, topic, node)?;
        let needed = distance + 1 + subtree_profile.len();
        if profile.len() < needed {
            profile.resize(needed, 0);
        }
        // The subtree root sits `distance + 1` below `node`; its own delegators further down.
        let levels = std::iter::once(1u64).chain(subtree_profile.iter().copied());
        for (offset, count) in levels.enumerate() {
            let slot = &mut profile[distance + offset];
            *slot = if adding {
                slot.checked_add(count).ok_or_else(underflow)?
            } else {
                slot.checked_sub(count).ok_or_else(underflow)?
            };
        }
        save_profile(storage, council_id, topic, node, profile)?;
    }
    Ok(())
}

/// Adds the edge `member -> delegate`, refusing cycles and chains longer than `max_depth`.
pub fn attach(
    storage: &mut dyn Storage,
    height: u64,
    council_id: u64,
    topic: &str,
    member: &Addr,
    delegate: &Addr,
    max_depth: u8,
) -> Result<(), ContractError> {
    let chain = chain_from(storage, council_id, topic, delegate)?;
    if chain.contains(member) {
        return Err(ContractError::DelegationCycle);
    }
    let member_profile = load_profile(storage, council_id, topic, member)?;
    // Longest chain through the new edge: below `member`, the edge, and above `delegate`.
    let longest = member_profile.len() + 1 + (chain.len() - 1);
    if longest > max_depth as usize {
        return Err(ContractError::DelegationTooDeep { max: max_depth });
    }
    let moved = 1 + power(storage, council_id, topic, member)?;
    shift_subtree(
        storage,
        height,
        council_id,
        topic,
        &chain,
        moved,
        &member_profile,
        true,
    )?;
    DELEGATIONS.save(storage, (council_id, topic, member), delegate, height)?;
    let key = (delegate, council_id, member);
    let mut topics = INCOMING.may_load(storage, key)?.unwrap_or_default();
    topics.push(topic.to_string());
    INCOMING.save(storage, key, &topics)?;
    Ok(())
}

/// Removes `member`'s edge, if any. Returns whether there was one.
pub fn detach(
    storage: &mut dyn Storage,
    height: u64,
    council_id: u64,
    topic: &str,
    member: &Addr,
) -> Result<bool, ContractError> {
    let Some(delegate) = DELEGATIONS.may_load(storage, (council_id, topic, member))? else {
        return Ok(false);
    };
    let chain = chain_from(storage, council_id, topic, &delegate)?;
    let member_profile = load_profile(storage, council_id, topic, member)?;
    let moved = 1 + power(storage, council_id, topic, member)?;
    shift_subtree(
        storage,
        height,
        council_id,
        topic,
        &chain,
        moved,
        &member_profile,
        false,
    )?;
    DELEGATIONS.remove(storage, (council_id, topic, member), height)?;
    let key = (&delegate, council_id, member);
    let mut topics = INCOMING.may_load(storage, key)?.unwrap_or_default();
    topics.retain(|t| t != topic);
    if topics.is_empty() {
        INCOMING.remove(storage, key);
    } else {
        INCOMING.save(storage, key, &topics)?;
    }
    Ok(true)
}

fn forget_outgoing(
    storage: &mut dyn Storage,
    member: &Addr,
    council_id: u64,
    topic: &str,
) -> Result<(), ContractError> {
    OUTGOING.remove(storage, (member, council_id, topic));
    let count = OUTGOING_COUNT
        .may_load(storage, member)?
        .unwrap_or_default();
    OUTGOING_COUNT.save(storage, member, &count.saturating_sub(1))?;
    Ok(())
}

/// Ends every delegation `member` gave (in one council, or everywhere): at most
/// `MAX_DELEGATIONS_PER_MEMBER`. Delegations *to* `member` stay: they are dormant while
/// `member` cannot vote, and their givers can always vote themselves or re-delegate; a move
/// (or anyone, once `member` is gone) ends them with `release_incoming`.
pub fn clear_delegations(
    storage: &mut dyn Storage,
    height: u64,
    member: &Addr,
    council_id: Option<u64>,
) -> Result<(), ContractError> {
    let given = at_most(
        OUTGOING
            .sub_prefix(member)
            .keys(storage, None, None, Order::Ascending),
        MAX_DELEGATIONS_PER_MEMBER as usize,
    )?;
    for (council, topic) in given {
        if council_id.is_some_and(|c| c != council) {
            continue;
        }
        detach(storage, height, council, &topic, member)?;
        forget_outgoing(storage, member, council, &topic)?;
    }
    Ok(())
}

/// Ends up to `limit` delegations given *to* `member` (found through `INCOMING`): each giver
/// keeps their vote. Answers how many ended and whether some are left for another call.
pub fn release_incoming(
    storage: &mut dyn Storage,
    height: u64,
    member: &Addr,
    limit: u32,
) -> Result<(u32, bool), ContractError> {
    let mut released = 0;
    loop {
        let Some(((council_id, giver), topics)) = INCOMING
            .sub_prefix(member)
            .range(storage, None, None, Order::Ascending)
            .next()
            .transpose()?
        else {
            return Ok((released, false));
        };
        for topic in topics {
            if released == limit {
                return Ok((released, true));
            }
            if detach(storage, height, council_id, &topic, &giver)? {
                forget_outgoing(storage, &giver, council_id, &topic)?;
            }
            released += 1;
        }
        // Whatever `detach` found, the entry is done (so the loop always advances).
        INCOMING.remove(storage, (member, council_id, &giver));
    }
}

pub fn delegate(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    council_id: u64,
    topic: String,
    delegate: String,
) -> Result<Response, ContractError> {
    validate_topic(&topic)?;
    load_council(deps.storage, council_id)?;
    let delegate = deps.api.addr_validate(&delegate)?;
    let member = info.sender;
    if delegate == member {
        return Err(ContractError::DelegationCycle);
    }
    for who in [&member, &delegate] {
        if COUNCIL_SEATS
            .may_load(deps.storage, (council_id, who))?
            .is_none()
        {
            return Err(ContractError::NotInCouncil {
                member: who.to_string(),
                council_id,
            });
        }
    }
    ensure_allowed(deps.storage, &member, Act::Delegate)?;
    let height = env.block.height;
    let replaced = detach(deps.storage, height, council_id, &topic, &member)?;
    if !replaced {
        let count = OUTGOING_COUNT
            .may_load(deps.storage, &member)?
            .unwrap_or_default();
        if count >= MAX_DELEGATIONS_PER_MEMBER {
            return Err(ContractError::TooMany {
                what: "delegations per member".into(),
                max: MAX_DELEGATIONS_PER_MEMBER.into(),
            });
        }
        OUTGOING_COUNT.save(deps.storage, &member, &(count + 1))?;
    }
    let max_depth = CONFIG.load(deps.storage)?.max_delegation_depth;
    attach(
        deps.storage,
        height,
        council_id,
        &topic,
        &member,
        &delegate,
        max_depth,
    )?;
    OUTGOING.save(deps.storage, (&member, council_id, &topic), &delegate)?;
    Ok(Response::new()
        .add_attribute(ACTION, ACT_DELEGATE)
        .add_attribute(MEMBER, member)
        .add_attribute(COUNCIL_ID, council_id.to_string())
        .add_attribute(TOPIC, topic)
        .add_attribute(DELEGATE, delegate))
}

pub fn undelegate(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    council_id: u64,
    topic: String,
) -> Result<Response, ContractError> {
    validate_topic(&topic)?;
    if !detach(
        deps.storage,
        env.block.height,
        council_id,
        &topic,
        &info.sender,
    )? {
        return Err(ContractError::NoDelegation);
    }
    forget_outgoing(deps.storage, &info.sender, council_id, &topic)?;
    Ok(Response::new()
        .add_attribute(ACTION, ACT_UNDELEGATE)
        .add_attribute(MEMBER, info.sender)
        .add_attribute(COUNCIL_ID, council_id.to_string())
        .add_attribute(TOPIC, topic))
}
