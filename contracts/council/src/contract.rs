//! Entry points: thin dispatch to the named handlers in `execute` and `query`.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{Binary, Deps, DepsMut, Env, MessageInfo, Response, StdResult};
use dac_common::entry::ReplyOutcome;
// Query answers by the lean writer (serde's writer of every answer type is larger).
use dac_common::json::to_json_binary;

use crate::attributes::*;
use crate::execute::governance::{check_authorities_exist, validate_config};
use crate::execute::membership::add_member;
use crate::execute::roles::{check_appointees, Role};
use crate::execute::{
    councils, delegation, governance, membership, moves, proposals, sanctions, sortition,
    token_sync, validate_addrs,
};
use crate::msg::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};
use crate::query;
use crate::reply_id::TaggedReplyId;
use crate::state::{
    Config, CONFIG, MAX_DRAW_REQUESTERS, MAX_FOUNDERS, MAX_INITIAL_COUNCILS, MAX_ROLE_HOLDERS,
    TOTAL,
};
use crate::ContractError;
use dac_common::migrate::{migrate_attributes, Release, FIRST_RELEASE_LAYOUT};

/// cw2's name for this code, checked by `migrate`: changing it would refuse deployed contracts.
pub const CONTRACT_NAME: &str = concat!("crates.io:", env!("CARGO_PKG_NAME"));
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// This code's stored layout (`dac_common::migrate`). 2: proposals' voting records are saved in
/// postcard (`state::PROPOSALS`); layout 1's JSON records still read beside them, so `migrate`
/// rewrites nothing.
pub const RELEASE: Release = Release {
    contract: CONTRACT_NAME,
    version: CONTRACT_VERSION,
    layout: 2,
    oldest_layout: FIRST_RELEASE_LAYOUT,
};

#[cfg_attr(not(feature = "library"), entry_point(crate = "dac_common::entry"))]
pub fn instantiate(
    deps: DepsMut,
    env: Env,
    _info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    RELEASE.record(deps.storage)?;
    let config = Config {
        head: Some(deps.api.addr_validate(&msg.head)?),
        gatekeepers: validate_addrs(deps.api, &msg.gatekeepers, MAX_ROLE_HOLDERS, "gatekeepers")?,
        monitors: validate_addrs(deps.api, &msg.monitors, MAX_ROLE_HOLDERS, "monitors")?,
        token: msg.token.map(|t| deps.api.addr_validate(&t)).transpose()?,
        sanction_authority: msg.sanction_authority,
        appeal_authority: msg.appeal_authority,
        appeal_window_seconds: msg.appeal_window_seconds,
        max_delegation_depth: msg.max_delegation_depth,
        draw_requesters: validate_addrs(
            deps.api,
            &msg.draw_requesters,
            MAX_DRAW_REQUESTERS,
            "draw requesters",
        )?,
        escrow: msg.escrow.map(|e| deps.api.addr_validate(&e)).transpose()?,
        limits: msg.limits.unwrap_or_default(),
        relay: None,
    };
    validate_config(&config)?;
    CONFIG.save(deps.storage, &config)?;

    let height = env.block.height;
    TOTAL.save(deps.storage, &0, height)?;
    for founder in validate_addrs(deps.api, &msg.founders, MAX_FOUNDERS, "founders")? {
        add_member(deps.storage, &env.block, &founder)?;
    }
    // Roles are offices of members: the head, gatekeepers and monitors are founders.
    check_appointees(deps.storage, Role::Head, config.head.as_slice())?;
    check_appointees(deps.storage, Role::Gatekeeper, &config.gatekeepers)?;
    check_appointees(deps.storage, Role::Monitor, &config.monitors)?;
    check_appointees(deps.storage, Role::DrawRequester, &config.draw_requesters)?;
    if msg.councils.len() > MAX_INITIAL_COUNCILS {
        return Err(ContractError::TooMany {
            what: "initial councils".into(),
            max: MAX_INITIAL_COUNCILS as u64,
        });
    }
    for council in msg.councils {
        councils::insert_council(deps.storage, deps.api, height, council)?;
    }
    check_authorities_exist(deps.storage, &config)?;
    Ok(Response::new().add_attribute(ACTION, ACT_INSTANTIATE))
}

#[cfg_attr(not(feature = "library"), entry_point(crate = "dac_common::entry"))]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    use ExecuteMsg::*;
    match msg {
        Apply {
            statement,
            councils,
        } => membership::apply(deps, env, info, statement, councils),
        Admit { applicant } => membership::admit(deps, env, info, applicant),
        Refuse { applicant, reason } => membership::refuse(deps, info, applicant, reason),
        AssignCouncil { member, council_id } => {
            councils::assign_council(deps, env, info, member, council_id)
        }
        LeaveCouncil { council_id } => councils::leave_council(deps, env, info, council_id),
        Leave {} => membership::leave(deps, env, info),
        RecordDeparture {
            member,
            household_stays,
            housing_registry,
        } => moves::record_departure(deps, env, info, member, household_stays, housing_registry),
        RecordArrival {
            newcomer,
            node,
            record,
        } => moves::record_arrival(deps, env, info, newcomer, node, record),
        ReleaseDelegations { member, limit } => {
            moves::release_delegations(deps, env, member, limit)
        }
        Delegate {
            council_id,
            topic,
            delegate,
        } => delegation::delegate(deps, env, info, council_id, topic, delegate),
        Undelegate { council_id, topic } => {
            delegation::undelegate(deps, env, info, council_id, topic)
        }
        Propose(msg) => proposals::propose(deps, env, info, msg),
        Vote {
            proposal_id,
            option,
        } => proposals::vote(deps, env, info, proposal_id, option),
        Close { proposal_id } => proposals::close(deps, env, proposal_id),
        Execute { proposal_id } => proposals::execute(deps, env, info, proposal_id),
        Escalate { proposal_id } => proposals::escalate(deps, env, info, proposal_id),
        RunPassed { proposal_id } => proposals::run_passed(deps, env, info, proposal_id),
        Report {
            member,
            description,
        } => sanctions::report(deps, env, info, member, description),
        Sanction { report_id } => sanctions::sanction(deps, env, info, report_id),
        DismissReport { report_id } => sanctions::dismiss_report(deps, env, info, report_id),
        Appeal {
            sanction_id,
            grounds,
        } => sanctions::appeal(deps, env, info, sanction_id, grounds),
        DecideAppeal {
            sanction_id,
            uphold,
        } => sanctions::decide_appeal(deps, env, info, sanction_id, uphold),
        EnforceExclusion { member } => sanctions::enforce_exclusion(deps, env, member),
        SyncToken { member } => token_sync::sync_token(deps, member),
        CommitDraw(msg) => sortition::commit_draw(deps, env, info, msg),
        RevealDraw {
            panel_id,
            signature,
        } => sortition::reveal_draw(deps, env, info, panel_id, signature),
        UpdateConfig(msg) => governance::update_config(deps, env, info, msg),
        UpdateCharter { council_id, grants } => {
            governance::update_charter(deps, env, info, council_id, grants)
        }
        SetToken { token } => governance::set_token(deps, env, info, token),
        UpdateRoles {
            head,
            gatekeepers,
            monitors,
        } => governance::update_roles(deps, env, info, head, gatekeepers, monitors),
        CreateCouncil { council } => councils::create_council(deps, env, info, council),
        UpdateCouncil {
            council_id,
            name,
            executive,
            rules,
        } => councils::update_council(deps, env, info, council_id, name, executive, rules),
        ElectDelegate { council_id, member } => {
            councils::elect_delegate(deps, env, info, council_id, member)
        }
        RecallDelegate { council_id, member } => {
            councils::recall_delegate(deps, env, info, council_id, member)
        }
    }
}

#[cfg_attr(not(feature = "library"), entry_point(crate = "dac_common::entry"))]
pub fn reply(deps: DepsMut, _env: Env, msg: ReplyOutcome) -> Result<Response, ContractError> {
    match TaggedReplyId::decode(msg.id)? {
        TaggedReplyId::ProposalExecution(id) => proposals::reply(deps, id, msg),
        TaggedReplyId::TokenSync => token_sync::reply(deps, msg),
    }
}

#[cfg_attr(not(feature = "library"), entry_point(crate = "dac_common::entry"))]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> StdResult<Binary> {
    match msg {
        QueryMsg::Member { addr, at_height } => {
            to_json_binary(&query::member(deps, addr, at_height)?)
        }
        QueryMsg::ListMembers { start_after, limit } => {
            to_json_binary(&query::list_members(deps, start_after, limit)?)
        }
        QueryMsg::TotalWeight { at_height } => {
            to_json_binary(&query::total_weight(deps, at_height)?)
        }
        QueryMsg::Config {} => to_json_binary(&query::config(deps)?),
        QueryMsg::DepartureRecord { member } => {
            to_json_binary(&query::departure_record(deps, &env, member)?)
        }
        QueryMsg::Arrivals {
            applicant,
            start_after,
            limit,
        } => to_json_binary(&query::arrivals(deps, applicant, start_after, limit)?),
        QueryMsg::PendingTokenSyncs { start_after, limit } => {
            to_json_binary(&query::pending_token_syncs(deps, start_after, limit)?)
        }
        QueryMsg::Application { applicant } => {
            to_json_binary(&query::application(deps, applicant)?)
        }
        QueryMsg::ListApplications { start_after, limit } => {
            to_json_binary(&query::list_applications(deps, start_after, limit)?)
        }
        QueryMsg::Council { council_id } => to_json_binary(&query::council(deps, council_id)?),
        QueryMsg::ListCouncils { start_after, limit } => {
            to_json_binary(&query::list_councils(deps, start_after, limit)?)
        }
        QueryMsg::CouncilMember {
            council_id,
            addr,
            at_height,
        } => to_json_binary(&query::council_member(deps, council_id, addr, at_height)?),
        QueryMsg::ListCouncilMembers {
            council_id,
            start_after,
            limit,
        } => to_json_binary(&query::list_council_members(
            deps,
            council_id,
            start_after,
            limit,
        )?),
        QueryMsg::Proposal { proposal_id } => {
            to_json_binary(&query::proposal(deps, &env, proposal_id)?)
        }
        QueryMsg::ListProposals {
            status,
            start_after,
            limit,
        } => to_json_binary(&query::list_proposals(
            deps,
            &env,
            status,
            start_after,
            limit,
        )?),
        QueryMsg::Vote {
            proposal_id,
            chamber,
            voter,
        } => to_json_binary(&query::vote(deps, proposal_id, chamber, voter)?),
        QueryMsg::ListVotes {
            proposal_id,
            chamber,
            start_after,
            limit,
        } => to_json_binary(&query::list_votes(
            deps,
            proposal_id,
            chamber,
            start_after,
            limit,
        )?),
        QueryMsg::Delegation {
            council_id,
            topic,
            member,
        } => to_json_binary(&query::delegation(deps, council_id, topic, member)?),
        QueryMsg::ListDelegations {
            member,
            start_after,
            limit,
        } => to_json_binary(&query::list_delegations(deps, member, start_after, limit)?),
        QueryMsg::ListDelegators {
            delegate,
            start_after,
            limit,
        } => to_json_binary(&query::list_delegators(deps, delegate, start_after, limit)?),
        QueryMsg::Panel { id } => to_json_binary(&query::panel(deps, id)?),
        QueryMsg::ListPanels { start_after, limit } => {
            to_json_binary(&query::list_panels(deps, start_after, limit)?)
        }
        QueryMsg::Standing { member } => to_json_binary(&query::standing(deps, member)?),
        QueryMsg::Report { report_id } => to_json_binary(&query::report(deps, report_id)?),
        QueryMsg::ListReports { start_after, limit } => {
            to_json_binary(&query::list_reports(deps, start_after, limit)?)
        }
        QueryMsg::Sanction { sanction_id } => to_json_binary(&query::sanction(deps, sanction_id)?),
        QueryMsg::ListSanctions {
            member,
            start_after,
            limit,
        } => to_json_binary(&query::list_sanctions(deps, member, start_after, limit)?),
    }
}

#[cfg_attr(not(feature = "library"), entry_point(crate = "dac_common::entry"))]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    let stored = RELEASE.check(deps.storage)?;
    RELEASE.record(deps.storage)?;
    Ok(Response::new().add_attributes(migrate_attributes(&RELEASE, &stored, &[])))
}
