//! Entry points: thin dispatch to the named handlers in `execute` and `query`.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{Binary, Deps, DepsMut, Env, MessageInfo, Reply, Response, StdResult};

use crate::attributes::*;
use crate::execute::governance::validate_config;
use crate::execute::membership::add_member;
use crate::execute::roles::{check_appointees, Role};
use crate::execute::{
    councils, delegation, governance, membership, proposals, sanctions, sortition, token_sync,
    validate_addrs,
};
use crate::msg::{Authority, ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};
use crate::query;
use crate::reply_id::TaggedReplyId;
use crate::state::{
    Config, CONFIG, CONTRACT_NAME, CONTRACT_VERSION, MAX_DRAW_REQUESTERS, MAX_FOUNDERS,
    MAX_INITIAL_COUNCILS, MAX_ROLE_HOLDERS, TOTAL,
};
use crate::ContractError;

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    deps: DepsMut,
    env: Env,
    _info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
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
    };
    validate_config(&config)?;
    CONFIG.save(deps.storage, &config)?;

    let height = env.block.height;
    TOTAL.save(deps.storage, &0, height)?;
    for founder in validate_addrs(deps.api, &msg.founders, MAX_FOUNDERS, "founders")? {
        add_member(deps.storage, height, &founder)?;
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
        councils::create_council(deps.storage, deps.api, height, council)?;
    }
    for authority in [&config.sanction_authority, &config.appeal_authority] {
        if let Authority::Council { council_id } = authority {
            councils::load_council(deps.storage, *council_id)?;
        }
    }
    Ok(Response::new().add_attribute(ACTION, ACT_INSTANTIATE))
}

#[cfg_attr(not(feature = "library"), entry_point)]
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
        } => membership::execute_apply(deps, env, info, statement, councils),
        Admit { applicant } => membership::execute_admit(deps, env, info, applicant),
        Refuse { applicant, reason } => membership::execute_refuse(deps, info, applicant, reason),
        AssignCouncil { member, council_id } => {
            councils::execute_assign_council(deps, env, info, member, council_id)
        }
        LeaveCouncil { council_id } => councils::execute_leave_council(deps, env, info, council_id),
        Leave {} => membership::execute_leave(deps, env, info),
        Delegate {
            council_id,
            topic,
            delegate,
        } => delegation::execute_delegate(deps, env, info, council_id, topic, delegate),
        Undelegate { council_id, topic } => {
            delegation::execute_undelegate(deps, env, info, council_id, topic)
        }
        Propose {
            chambers,
            title,
            topic,
            description,
            choices,
            msgs,
        } => proposals::execute_propose(
            deps,
            env,
            info,
            chambers,
            title,
            topic,
            description,
            choices,
            msgs,
        ),
        Vote {
            proposal_id,
            option,
        } => proposals::execute_vote(deps, env, info, proposal_id, option),
        Close { proposal_id } => proposals::execute_close(deps, env, proposal_id),
        Execute { proposal_id } => proposals::execute_execute(deps, env, info, proposal_id),
        Escalate { proposal_id } => proposals::execute_escalate(deps, env, info, proposal_id),
        RunPassed { proposal_id } => proposals::execute_run_passed(deps, env, info, proposal_id),
        Report {
            member,
            description,
        } => sanctions::execute_report(deps, env, info, member, description),
        Sanction { report_id } => sanctions::execute_sanction(deps, env, info, report_id),
        DismissReport { report_id } => {
            sanctions::execute_dismiss_report(deps, env, info, report_id)
        }
        Appeal {
            sanction_id,
            grounds,
        } => sanctions::execute_appeal(deps, env, info, sanction_id, grounds),
        DecideAppeal {
            sanction_id,
            uphold,
        } => sanctions::execute_decide_appeal(deps, env, info, sanction_id, uphold),
        EnforceExclusion { member } => sanctions::execute_enforce_exclusion(deps, env, member),
        SyncToken { member } => token_sync::execute_sync_token(deps, member),
        CommitDraw {
            council_id,
            size,
            max_per_subcouncil,
            purpose,
            deal_id,
        } => sortition::execute_commit_draw(
            deps,
            env,
            info,
            council_id,
            size,
            max_per_subcouncil,
            purpose,
            deal_id,
        ),
        RevealDraw {
            panel_id,
            signature,
        } => sortition::execute_reveal_draw(deps, env, info, panel_id, signature),
        UpdateConfig {
            sanction_authority,
            appeal_authority,
            appeal_window_seconds,
            max_delegation_depth,
            draw_requesters,
            escrow,
            limits,
        } => governance::execute_update_config(
            deps,
            env,
            info,
            sanction_authority,
            appeal_authority,
            appeal_window_seconds,
            max_delegation_depth,
            draw_requesters,
            escrow,
            limits,
        ),
        UpdateCharter { council_id, grants } => {
            governance::execute_update_charter(deps, env, info, council_id, grants)
        }
        SetToken { token } => governance::execute_set_token(deps, env, info, token),
        UpdateRoles {
            head,
            gatekeepers,
            monitors,
        } => governance::execute_update_roles(deps, env, info, head, gatekeepers, monitors),
        CreateCouncil { council } => councils::execute_create_council(deps, env, info, council),
        UpdateCouncil {
            council_id,
            name,
            executive,
            rules,
        } => councils::execute_update_council(deps, env, info, council_id, name, executive, rules),
        ElectDelegate { council_id, member } => {
            councils::execute_elect_delegate(deps, env, info, council_id, member)
        }
        RecallDelegate { council_id, member } => {
            councils::execute_recall_delegate(deps, env, info, council_id, member)
        }
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn reply(deps: DepsMut, _env: Env, msg: Reply) -> Result<Response, ContractError> {
    match TaggedReplyId::decode(msg.id)? {
        TaggedReplyId::ProposalExecution(_) => proposals::reply(deps, msg),
        TaggedReplyId::TokenSync => token_sync::reply(deps, msg),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> StdResult<Binary> {
    query::dispatch(deps, env, msg)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    dac_common::migrate::ensure_upgrade(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    Ok(Response::new().add_attribute(ACTION, ACT_MIGRATE))
}
