//! Proposals: creation with a frozen electorate, liquid voting, closing, execution of passed
//! messages (failures are recorded, never stuck) and escalation to the parent council.

use cosmwasm_std::{
    Addr, Api, DepsMut, Env, MessageInfo, Response, Storage, SubMsg, Timestamp, WasmMsg,
};
use dac_common::json::to_json_binary;

use serde::Serialize;

use crate::attributes::*;
use crate::execute::councils::load_council;
use crate::execute::sanctions::{ensure_allowed, Act};
use crate::execute::scope::{check_msgs_allowed, require_live_panel};
use crate::execute::sortition::load_panel;
use crate::execute::tally::{
    count_ballot, effective_status, empty_chamber, option_count, option_slot, uncount_ballot,
    withdraw_delegated,
};
use crate::execute::{require_member, validate_len, validate_text, validate_topic};
use crate::msg::ProposeMsg;
use crate::msg::{Body, ProposalChoices, ProposalStatus, VoteOption};
use crate::reply_id::TaggedReplyId;
use crate::state::{
    may_load_proposal, next_id, save_first_proposal, save_proposal, Ballot, Chamber, ChoiceKind,
    Proposal, ProposalText, BALLOTS, CLAIMED, CONFIG, COUNCIL_SEATS, COUNCIL_SIZE, DELEGATED_POWER,
    DELEGATIONS, EXECUTING, EXECUTION_WINDOW_BOUNDS, HARD_MAX_DELEGATION_DEPTH, MAX_CHOICES,
    MAX_TEXT_LEN, MAX_TITLE_LEN, OPEN_PROPOSALS, PROPOSAL_COUNT, PROPOSAL_TEXTS, RUN_TICKET,
};
use crate::ContractError;
use dac_common::entry::ReplyOutcome;

pub fn load_proposal(storage: &dyn Storage, id: u64) -> Result<Proposal, ContractError> {
    may_load_proposal(storage, id)?.ok_or(ContractError::NoProposal(id))
}

/// The text of a proposal whose voting record was found (both are written together).
pub fn load_proposal_text(storage: &dyn Storage, id: u64) -> Result<ProposalText, ContractError> {
    Ok(PROPOSAL_TEXTS.load(storage, id)?)
}

/// Stores a new proposal: its voting record and, once and for all, its text.
fn save_new_proposal(
    storage: &mut dyn Storage,
    proposal: &Proposal,
    text: &ProposalText,
) -> Result<(), ContractError> {
    save_first_proposal(storage, proposal)?;
    PROPOSAL_TEXTS.save(storage, proposal.id, text)?;
    Ok(())
}

/// The status as its JSON name (a match, not `format!("{:?}")`: lowercasing links Unicode tables).
fn status_name(status: ProposalStatus) -> String {
    match status {
        ProposalStatus::Open => "open",
        ProposalStatus::Passed => "passed",
        ProposalStatus::Rejected => "rejected",
        ProposalStatus::Executed => "executed",
        ProposalStatus::ExecutionFailed => "execution_failed",
        ProposalStatus::Escalated => "escalated",
    }
    .to_string()
}

/// `ExecuteMsg::RunPassed`, the message the council sends itself, with the same JSON. Serializing
/// an `ExecuteMsg` would link the serializer of all its variants (~8 KiB of wasm) for this one.
#[derive(Serialize, dac_common::LeanSerialize)]
#[serde(rename_all = "snake_case")]
enum SelfMsg {
    RunPassed { proposal_id: u64 },
}

fn validate_choices(choices: &ProposalChoices) -> Result<(), ContractError> {
    if let ProposalChoices::Multiple { options } = choices {
        if options.len() < 2 || options.len() > MAX_CHOICES {
            return Err(ContractError::OptionCount {
                min: 2,
                max: MAX_CHOICES,
            });
        }
        for option in options {
            validate_text(option, "option", MAX_TITLE_LEN)?;
        }
    }
    Ok(())
}

/// Builds the chambers of a new proposal, freezing each electorate at `height`.
fn open_chambers(
    storage: &dyn Storage,
    bodies: &[Body],
    choices: ChoiceKind,
    height: u64,
    now: Timestamp,
) -> Result<Vec<Chamber>, ContractError> {
    match bodies {
        [_] => {}
        [Body::Council { council_id: a }, Body::Council { council_id: b }] => {
            if load_council(storage, *a)?.kind == load_council(storage, *b)?.kind {
                return Err(ContractError::ChambersOfOneKind);
            }
            if choices != ChoiceKind::YesNo {
                return Err(ContractError::TwoChambersNotYesNo);
            }
        }
        _ => {
            return Err(ContractError::ChamberCount {
                count: bodies.len(),
            })
        }
    }
    let slots = option_count(choices) + 1;
    let mut chambers = Vec::with_capacity(bodies.len());
    for body in bodies {
        let (electorate, rules) = match body {
            Body::Council { council_id } => (
                COUNCIL_SIZE
                    .may_load_at_height(storage, *council_id, height)?
                    .unwrap_or_default(),
                load_council(storage, *council_id)?.rules,
            ),
            Body::Panel { panel_id } => {
                let panel = require_live_panel(storage, *panel_id, now)?;
                (
                    panel.members.len() as u64,
                    load_council(storage, panel.council_id)?.rules,
                )
            }
        };
        chambers.push(empty_chamber(*body, electorate, rules, slots));
    }
    Ok(chambers)
}

/// Whether `who` sits in the body now (to propose) .
fn sits_in(storage: &dyn Storage, body: &Body, who: &Addr) -> Result<bool, ContractError> {
    Ok(match body {
        Body::Council { council_id } => COUNCIL_SEATS
            .may_load(storage, (*council_id, who))?
            .is_some(),
        Body::Panel { panel_id } => load_panel(storage, *panel_id)?.members.contains(who),
    })
}

/// Whether `who` belongs to the body's electorate frozen at `height`.
fn in_electorate(
    storage: &dyn Storage,
    body: &Body,
    who: &Addr,
    height: u64,
) -> Result<bool, ContractError> {
    Ok(match body {
        Body::Council { council_id } => COUNCIL_SEATS
            .may_load_at_height(storage, (*council_id, who), height)?
            .is_some(),
        Body::Panel { panel_id } => load_panel(storage, *panel_id)?.members.contains(who),
    })
}

/// Counts a new proposal of `proposer` against their cap of open proposals, forgetting those
/// whose voting has ended (bounded by the cap). Returns the new proposal's id; writes nothing
/// when it refuses.
fn claim_open_slot(
    storage: &mut dyn Storage,
    now: Timestamp,
    proposer: &Addr,
) -> Result<u64, ContractError> {
    let max = CONFIG.load(storage)?.limits.max_open_proposals_per_member;
    let mut open = OPEN_PROPOSALS
        .may_load(storage, proposer)?
        .unwrap_or_default();
    let mut still_open = Vec::with_capacity(open.len() + 1);
    for id in open.drain(..) {
        let p = load_proposal(storage, id)?;
        if p.expires > now && p.status == ProposalStatus::Open {
            still_open.push(id);
        }
    }
    if still_open.len() >= max as usize {
        return Err(ContractError::TooManyOpenProposals { max });
    }
    let id = next_id(storage, &PROPOSAL_COUNT)?;
    still_open.push(id);
    OPEN_PROPOSALS.save(storage, proposer, &still_open)?;
    Ok(id)
}

pub fn create_proposal(
    storage: &mut dyn Storage,
    api: &dyn Api,
    env: &Env,
    proposer: &Addr,
    msg: ProposeMsg,
) -> Result<u64, ContractError> {
    let ProposeMsg {
        chambers: bodies,
        title,
        topic,
        description,
        choices,
        msgs,
    } = msg;
    validate_text(&title, "title", MAX_TITLE_LEN)?;
    validate_len(&description, "description", MAX_TEXT_LEN)?;
    validate_topic(&topic)?;
    validate_choices(&choices)?;
    if !msgs.is_empty() && !matches!(choices, ProposalChoices::YesNo {}) {
        return Err(ContractError::MessagesNeedYesNo);
    }
    require_member(storage, proposer)?;
    ensure_allowed(storage, proposer, Act::Propose)?;
    let mut sits = false;
    for body in &bodies {
        sits |= sits_in(storage, body, proposer)?;
    }
    if !sits {
        return Err(ContractError::Unauthorized(
            "only a member of a chamber may propose".into(),
        ));
    }
    let chambers = open_chambers(
        storage,
        &bodies,
        (&choices).into(),
        env.block.height,
        env.block.time,
    )?;
    check_msgs_allowed(storage, api, env, &bodies, &msgs)?;

    let longest = |f: fn(&Chamber) -> u64| chambers.iter().map(f).max().unwrap_or_default();
    let voting = longest(|c| c.rules.voting_period_seconds);
    let minimum = longest(|c| c.rules.min_voting_period_seconds);
    let expires = env.block.time.plus_seconds(voting);
    let id = claim_open_slot(storage, env.block.time, proposer)?;
    let proposal = Proposal {
        id,
        topic,
        choices: (&choices).into(),
        has_msgs: !msgs.is_empty(),
        chambers,
        start_height: env.block.height,
        start_time: env.block.time,
        earliest_close: env.block.time.plus_seconds(minimum),
        expires,
        status: ProposalStatus::Open,
        outcome: None,
        escalated_from: None,
        escalated_to: None,
        execution_error: None,
    };
    let text = ProposalText {
        title,
        description,
        proposer: proposer.clone(),
        choices,
        msgs,
    };
    save_new_proposal(storage, &proposal, &text)?;
    Ok(id)
}

pub fn propose(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ProposeMsg,
) -> Result<Response, ContractError> {
    let topic = msg.topic.clone();
    let id = create_proposal(deps.storage, deps.api, &env, &info.sender, msg)?;
    Ok(Response::new()
        .add_attribute(ACTION, ACT_PROPOSE)
        .add_attribute(SENDER, info.sender)
        .add_attribute(PROPOSAL_ID, id.to_string())
        .add_attribute(TOPIC, topic)
        .set_data(to_json_binary(&id)?))
}

/// Casts (or changes) `voter`'s direct vote in one chamber. Returns the weight it carries.
/// See `execute::delegation` for why this is O(depth).
fn cast_in_chamber(
    storage: &mut dyn Storage,
    proposal: &mut Proposal,
    chamber_index: u8,
    voter: &Addr,
    slot: usize,
    option: &VoteOption,
) -> Result<u64, ContractError> {
    let id = proposal.id;
    let height = proposal.start_height;
    let topic = proposal.topic.clone();
    let chamber = &mut proposal.chambers[chamber_index as usize];
    let underflow = || ContractError::Underflow { counter: "tally" };

    if let Some(mut ballot) = BALLOTS.may_load(storage, (id, chamber_index, voter))? {
        if !chamber.rules.allow_revoting {
            return Err(ContractError::AlreadyVoted);
        }
        let old = option_slot(proposal.choices, &ballot.option)?;
        uncount_ballot(chamber, old, ballot.weight)?;
        count_ballot(chamber, slot, ballot.weight);
        ballot.option = option.clone();
        BALLOTS.save(storage, (id, chamber_index, voter), &ballot)?;
        return Ok(ballot.weight);
    }

    let weight = match chamber.body {
        Body::Panel { .. } => 1,
        Body::Council { council_id } => {
            let carried = 1 + DELEGATED_POWER
                .may_load_at_height(storage, (council_id, &topic, voter), height)?
                .unwrap_or_default();
            let claimed = CLAIMED
                .may_load(storage, (id, chamber_index, voter))?
                .unwrap_or_default();
            let weight = carried.checked_sub(claimed).ok_or_else(underflow)?;
            // Members below `voter` now speak through them, not through an ancestor.
            let mut current = voter.clone();
            for _ in 0..=HARD_MAX_DELEGATION_DEPTH {
                let Some(up) = DELEGATIONS.may_load_at_height(
                    storage,
                    (council_id, &topic, &current),
                    height,
                )?
                else {
                    break;
                };
                let key = (id, chamber_index, &up);
                let claimed_up = CLAIMED.may_load(storage, key)?.unwrap_or_default();
                CLAIMED.save(storage, key, &(claimed_up + weight))?;
                if let Some(mut ballot) = BALLOTS.may_load(storage, key)? {
                    let s = option_slot(proposal.choices, &ballot.option)?;
                    withdraw_delegated(chamber, s, weight)?;
                    ballot.weight = ballot.weight.checked_sub(weight).ok_or_else(underflow)?;
                    BALLOTS.save(storage, key, &ballot)?;
                    break;
                }
                current = up;
            }
            weight
        }
    };
    count_ballot(chamber, slot, weight);
    BALLOTS.save(
        storage,
        (id, chamber_index, voter),
        &Ballot {
            option: option.clone(),
            weight,
        },
    )?;
    Ok(weight)
}

pub fn vote(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    proposal_id: u64,
    option: VoteOption,
) -> Result<Response, ContractError> {
    let mut proposal = load_proposal(deps.storage, proposal_id)?;
    let stored_status = proposal.status;
    if proposal.status != ProposalStatus::Open || env.block.time >= proposal.expires {
        return Err(ContractError::VotingClosed);
    }
    let voter = info.sender;
    require_member(deps.storage, &voter)?;
    ensure_allowed(deps.storage, &voter, Act::Vote)?;
    let slot = option_slot(proposal.choices, &option)?;
    let mut response = Response::new()
        .add_attribute(ACTION, ACT_VOTE)
        .add_attribute(SENDER, voter.as_str())
        .add_attribute(PROPOSAL_ID, proposal_id.to_string())
        .add_attribute(OPTION, slot.to_string());
    let mut voted = false;
    for index in 0..proposal.chambers.len() {
        let body = proposal.chambers[index].body;
        if !in_electorate(deps.storage, &body, &voter, proposal.start_height)? {
            continue;
        }
        if let Body::Panel { panel_id } = body {
            require_live_panel(deps.storage, panel_id, env.block.time)?;
        }
        let weight = cast_in_chamber(
            deps.storage,
            &mut proposal,
            index as u8,
            &voter,
            slot,
            &option,
        )?;
        response = response.add_attribute(WEIGHT, weight.to_string());
        voted = true;
    }
    if !voted {
        return Err(ContractError::NotEligible(voter.to_string()));
    }
    save_proposal(deps.storage, &proposal, stored_status)?;
    Ok(response)
}

/// Brings the status to what the votes have decided by now (the caller saves it once).
fn settle_status(proposal: &mut Proposal, env: &Env) {
    let (status, outcome) = effective_status(proposal, env.block.time);
    if status != proposal.status {
        proposal.status = status;
        proposal.outcome = outcome;
    }
}

pub fn close(deps: DepsMut, env: Env, proposal_id: u64) -> Result<Response, ContractError> {
    let mut proposal = load_proposal(deps.storage, proposal_id)?;
    if proposal.status != ProposalStatus::Open {
        return Err(ContractError::WrongStatus(
            status_name(proposal.status),
            "open".into(),
        ));
    }
    settle_status(&mut proposal, &env);
    if proposal.status == ProposalStatus::Open {
        return Err(ContractError::VotingUndecided);
    }
    save_proposal(deps.storage, &proposal, ProposalStatus::Open)?;
    Ok(Response::new()
        .add_attribute(ACTION, ACT_CLOSE)
        .add_attribute(PROPOSAL_ID, proposal_id.to_string())
        .add_attribute(STATUS, status_name(proposal.status)))
}

/// Settles the loaded `proposal`, which must have passed by now (closed or not); the caller
/// moves it on and saves it (one write, one index update).
fn require_passed(proposal: &mut Proposal, env: &Env) -> Result<(), ContractError> {
    settle_status(proposal, env);
    if proposal.status != ProposalStatus::Passed {
        return Err(ContractError::WrongStatus(
            status_name(proposal.status),
            "passed".into(),
        ));
    }
    Ok(())
}

/// The last moment a passed proposal may be executed: its voting end plus the window.
pub fn execute_by(storage: &dyn Storage, proposal: &Proposal) -> Result<Timestamp, ContractError> {
    let window = CONFIG.load(storage)?.limits.execution_window_seconds;
    Ok(proposal.expires.plus_seconds(window))
}

/// Anyone may execute a passed proposal within its execution window, and retry one whose
/// execution failed. Its messages run inside one sub-message (`RunPassed`) so they succeed or
/// fail together; the reply to it (always) ends the run and marks a failure `ExecutionFailed`.
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    proposal_id: u64,
) -> Result<Response, ContractError> {
    if let Some(running) = EXECUTING.may_load(deps.storage)? {
        return Err(ContractError::AnotherProposalRunning {
            proposal_id: running,
        });
    }
    let mut proposal = load_proposal(deps.storage, proposal_id)?;
    let stored_status = proposal.status;
    // A passed proposal nobody closed yet is settled here, in the same call (as cw3 does).
    if proposal.status != ProposalStatus::ExecutionFailed {
        require_passed(&mut proposal, &env)?;
    }
    // No stored window is shorter than the lower bound (`validate_limits`): only a later
    // execution needs the config to know whether its window is over.
    let surely_in_window =
        env.block.time <= proposal.expires.plus_seconds(EXECUTION_WINDOW_BOUNDS.0);
    if !surely_in_window && env.block.time > execute_by(deps.storage, &proposal)? {
        return Err(ContractError::ExecutionExpired(proposal_id));
    }
    proposal.status = ProposalStatus::Executed;
    proposal.execution_error = None;
    save_proposal(deps.storage, &proposal, stored_status)?;
    let mut response = Response::new()
        .add_attribute(ACTION, ACT_EXECUTE)
        .add_attribute(SENDER, info.sender)
        .add_attribute(PROPOSAL_ID, proposal_id.to_string());
    if proposal.has_msgs {
        RUN_TICKET.save(deps.storage, &proposal_id)?;
        let run = WasmMsg::Execute {
            contract_addr: env.contract.address.to_string(),
            msg: to_json_binary(&SelfMsg::RunPassed { proposal_id })?,
            funds: vec![],
        };
        response = response.add_submessage(SubMsg::reply_always(
            run,
            TaggedReplyId::ProposalExecution(proposal_id).encode()?,
        ));
    }
    Ok(response)
}

/// Runs the proposal `Execute` just handed over (its one-shot ticket), after checking its
/// messages against the scopes as they are now.
pub fn run_passed(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    proposal_id: u64,
) -> Result<Response, ContractError> {
    if info.sender != env.contract.address {
        return Err(ContractError::Unauthorized(
            "only the council itself runs proposals".into(),
        ));
    }
    if RUN_TICKET.may_load(deps.storage)? != Some(proposal_id) {
        return Err(ContractError::Unauthorized(format!(
            "proposal {proposal_id} is not the one being executed"
        )));
    }
    let proposal = load_proposal(deps.storage, proposal_id)?;
    if proposal.status != ProposalStatus::Executed {
        return Err(ContractError::WrongStatus(
            status_name(proposal.status),
            "executed".into(),
        ));
    }
    let msgs = load_proposal_text(deps.storage, proposal_id)?.msgs;
    let bodies: Vec<Body> = proposal.chambers.iter().map(|c| c.body).collect();
    check_msgs_allowed(deps.storage, deps.api, &env, &bodies, &msgs)?;
    RUN_TICKET.remove(deps.storage);
    EXECUTING.save(deps.storage, &proposal_id)?;
    Ok(Response::new()
        .add_attribute(ACTION, ACT_RUN_PASSED)
        .add_attribute(PROPOSAL_ID, proposal_id.to_string())
        .add_messages(msgs))
}

/// Ends every run: the executing flag and any unused ticket go, whatever the outcome. Only the
/// run in flight replies: `RunPassed` either set `EXECUTING` or, failing, left its ticket.
pub fn reply(
    deps: DepsMut,
    proposal_id: u64,
    msg: ReplyOutcome,
) -> Result<Response, ContractError> {
    let in_flight = Some(proposal_id);
    if EXECUTING.may_load(deps.storage)? != in_flight
        && RUN_TICKET.may_load(deps.storage)? != in_flight
    {
        return Err(ContractError::UnknownReplyId { id: msg.id });
    }
    EXECUTING.remove(deps.storage);
    RUN_TICKET.remove(deps.storage);
    let Some(error) = msg.error else {
        return Ok(Response::new());
    };
    let mut proposal = load_proposal(deps.storage, proposal_id)?;
    let stored_status = proposal.status;
    proposal.status = ProposalStatus::ExecutionFailed;
    proposal.execution_error = Some(error.clone());
    save_proposal(deps.storage, &proposal, stored_status)?;
    Ok(Response::new()
        .add_attribute(ACTION, ACT_EXECUTION_FAILED)
        .add_attribute(PROPOSAL_ID, proposal_id.to_string())
        .add_attribute(ERROR, error))
}

/// A member of the council raises its passed proposal to the parent council, which then decides
/// (and executes) it under its own rules.
pub fn escalate(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    proposal_id: u64,
) -> Result<Response, ContractError> {
    let mut child = load_proposal(deps.storage, proposal_id)?;
    let stored_status = child.status;
    require_passed(&mut child, &env)?;
    let [chamber] = child.chambers.as_slice() else {
        return Err(ContractError::EscalateOneCouncilOnly);
    };
    let Body::Council { council_id } = chamber.body else {
        return Err(ContractError::PanelsDoNotEscalate);
    };
    let parent = load_council(deps.storage, council_id)?
        .parent
        .ok_or(ContractError::NoParent { council_id })?;
    if COUNCIL_SEATS
        .may_load(deps.storage, (council_id, &info.sender))?
        .is_none()
    {
        return Err(ContractError::NotInCouncil {
            member: info.sender.to_string(),
            council_id,
        });
    }
    let new_id = create_escalation(deps.storage, deps.api, &env, &info.sender, &child, parent)?;
    child.status = ProposalStatus::Escalated;
    child.escalated_to = Some(new_id);
    save_proposal(deps.storage, &child, stored_status)?;
    Ok(Response::new()
        .add_attribute(ACTION, ACT_ESCALATE)
        .add_attribute(SENDER, info.sender)
        .add_attribute(PROPOSAL_ID, proposal_id.to_string())
        .add_attribute(NEW_PROPOSAL_ID, new_id.to_string())
        .add_attribute(COUNCIL_ID, parent.to_string())
        .set_data(to_json_binary(&new_id)?))
}

/// The parent's proposal: the child's text under the parent's rules, escalated by `escalator`.
fn create_escalation(
    storage: &mut dyn Storage,
    api: &dyn Api,
    env: &Env,
    escalator: &Addr,
    child: &Proposal,
    parent: u64,
) -> Result<u64, ContractError> {
    // The escalator need not sit in the parent: the child council as a whole raises it.
    require_member(storage, escalator)?;
    ensure_allowed(storage, escalator, Act::Escalate)?;
    let bodies = vec![Body::Council { council_id: parent }];
    let chambers = open_chambers(
        storage,
        &bodies,
        child.choices,
        env.block.height,
        env.block.time,
    )?;
    let text = ProposalText {
        proposer: escalator.clone(),
        ..load_proposal_text(storage, child.id)?
    };
    check_msgs_allowed(storage, api, env, &bodies, &text.msgs)?;
    let voting = chambers[0].rules.voting_period_seconds;
    let minimum = chambers[0].rules.min_voting_period_seconds;
    let expires = env.block.time.plus_seconds(voting);
    let id = claim_open_slot(storage, env.block.time, escalator)?;
    let proposal = Proposal {
        id,
        topic: child.topic.clone(),
        choices: child.choices,
        has_msgs: child.has_msgs,
        chambers,
        start_height: env.block.height,
        start_time: env.block.time,
        earliest_close: env.block.time.plus_seconds(minimum),
        expires,
        status: ProposalStatus::Open,
        outcome: None,
        escalated_from: Some(child.id),
        escalated_to: None,
        execution_error: None,
    };
    save_new_proposal(storage, &proposal, &text)?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use cosmwasm_std::to_json_string;

    use super::*;
    use crate::msg::ExecuteMsg;

    #[test]
    fn the_self_message_is_run_passed_in_json() {
        assert_eq!(
            to_json_binary(&SelfMsg::RunPassed { proposal_id: 7 }).unwrap(),
            cosmwasm_std::to_json_binary(&ExecuteMsg::RunPassed { proposal_id: 7 }).unwrap()
        );
    }

    #[test]
    fn status_names_are_the_json_names() {
        use ProposalStatus::*;
        for status in [Open, Passed, Rejected, Executed, ExecutionFailed, Escalated] {
            let json = to_json_string(&status).unwrap();
            assert_eq!(json, format!("\"{}\"", status_name(status)));
        }
    }
}
