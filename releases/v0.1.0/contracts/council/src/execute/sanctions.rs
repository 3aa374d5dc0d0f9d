//! Ostrom principles 4-6: monitors report, the sanction authority applies graduated sanctions,
//! the sanctioned member appeals to a different body, and an upheld appeal lowers the level.
//! Any level ends every role the member holds (`roles`). Level 1: may not propose. Level 2:
//! may not vote or delegate (their delegations end).
//! Level 3: excluded once the appeal window has passed with no appeal pending.

use cosmwasm_std::{DepsMut, Env, MessageInfo, Response};

use crate::attributes::*;
use crate::execute::delegation::clear_delegations;
use crate::execute::membership::remove_member;
use crate::execute::roles::{drop_roles, require_role, Role};
use crate::execute::token_sync::sync_member;
use crate::execute::{check_authority, validate_text};
use crate::msg::{AppealRecord, ReportStatus};
use crate::state::{
    next_id, Report, SanctionRecord, CONFIG, MAX_TEXT_LEN, MEMBERS, MEMBER_SANCTIONS, REPORTS,
    REPORT_COUNT, SANCTIONS, SANCTION_COUNT, STANDING,
};
use crate::ContractError;

pub const MAX_LEVEL: u8 = 3;

pub fn execute_report(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    member: String,
    description: String,
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    require_role(deps.storage, &config, Role::Monitor, &info.sender)?;
    validate_text(&description, "description", MAX_TEXT_LEN, true)?;
    let member = deps.api.addr_validate(&member)?;
    if MEMBERS.may_load(deps.storage, &member)?.is_none() {
        return Err(ContractError::NotMember(member.to_string()));
    }
    let id = next_id(deps.storage, &REPORT_COUNT)?;
    REPORTS.save(
        deps.storage,
        id,
        &Report {
            id,
            monitor: info.sender.clone(),
            member: member.clone(),
            description,
            filed_at: env.block.time,
            status: ReportStatus::Open,
        },
    )?;
    Ok(Response::new()
        .add_attribute(ACTION, ACT_REPORT)
        .add_attribute(SENDER, info.sender)
        .add_attribute(MEMBER, member)
        .add_attribute(REPORT_ID, id.to_string()))
}

fn load_open_report(deps: &DepsMut, report_id: u64) -> Result<Report, ContractError> {
    let report = REPORTS
        .may_load(deps.storage, report_id)?
        .ok_or(ContractError::NoReport(report_id))?;
    if report.status != ReportStatus::Open {
        return Err(ContractError::Invalid(format!(
            "report {report_id} is already decided"
        )));
    }
    Ok(report)
}

pub fn execute_sanction(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    report_id: u64,
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    check_authority(
        deps.as_ref(),
        &env,
        &info,
        &config,
        &config.sanction_authority,
        "sanction",
    )?;
    let mut report = load_open_report(&deps, report_id)?;
    let member = report.member.clone();
    if MEMBERS.may_load(deps.storage, &member)?.is_none() {
        return Err(ContractError::NotMember(member.to_string()));
    }
    let mut standing = STANDING
        .may_load(deps.storage, &member)?
        .unwrap_or_default();
    standing.level = (standing.level + 1).min(MAX_LEVEL);
    let deadline = env.block.time.plus_seconds(config.appeal_window_seconds);
    if standing.level >= 2 {
        clear_delegations(deps.storage, env.block.height, &member, None)?;
    }
    if standing.level == MAX_LEVEL {
        standing.exclusion_due = Some(deadline);
    }
    STANDING.save(deps.storage, &member, &standing)?;
    // Any sanction ends every role at once (`roles::ROLE_LOSS_LEVEL`).
    let roles_lost = drop_roles(deps.storage, &member)?;

    let id = next_id(deps.storage, &SANCTION_COUNT)?;
    SANCTIONS.save(
        deps.storage,
        id,
        &SanctionRecord {
            id,
            member: member.clone(),
            report_id,
            level: standing.level,
            imposed_at: env.block.time,
            appeal_deadline: deadline,
            appeal: None,
        },
    )?;
    MEMBER_SANCTIONS.save(deps.storage, (&member, id), &())?;
    report.status = ReportStatus::Sanctioned { sanction_id: id };
    REPORTS.save(deps.storage, report_id, &report)?;
    Ok(Response::new()
        .add_attribute(ACTION, ACT_SANCTION)
        .add_attribute(MEMBER, member)
        .add_attribute(REPORT_ID, report_id.to_string())
        .add_attribute(SANCTION_ID, id.to_string())
        .add_attribute(LEVEL, standing.level.to_string())
        .add_attribute(ROLES_LOST, roles_lost.to_string()))
}

pub fn execute_dismiss_report(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    report_id: u64,
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    check_authority(
        deps.as_ref(),
        &env,
        &info,
        &config,
        &config.sanction_authority,
        "dismiss a report",
    )?;
    let mut report = load_open_report(&deps, report_id)?;
    report.status = ReportStatus::Dismissed;
    REPORTS.save(deps.storage, report_id, &report)?;
    Ok(Response::new()
        .add_attribute(ACTION, ACT_DISMISS_REPORT)
        .add_attribute(REPORT_ID, report_id.to_string()))
}

pub fn execute_appeal(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    sanction_id: u64,
    grounds: String,
) -> Result<Response, ContractError> {
    validate_text(&grounds, "grounds", MAX_TEXT_LEN, true)?;
    let mut sanction = SANCTIONS
        .may_load(deps.storage, sanction_id)?
        .ok_or(ContractError::NoSanction(sanction_id))?;
    if sanction.member != info.sender {
        return Err(ContractError::Unauthorized(
            "only the sanctioned member may appeal".into(),
        ));
    }
    if sanction.appeal.is_some() {
        return Err(ContractError::Invalid(
            "this sanction was already appealed".into(),
        ));
    }
    if env.block.time > sanction.appeal_deadline {
        return Err(ContractError::AppealWindowClosed);
    }
    sanction.appeal = Some(AppealRecord {
        grounds,
        filed_at: env.block.time,
        upheld: None,
    });
    SANCTIONS.save(deps.storage, sanction_id, &sanction)?;
    let mut standing = STANDING
        .may_load(deps.storage, &info.sender)?
        .unwrap_or_default();
    standing.pending_appeals += 1;
    STANDING.save(deps.storage, &info.sender, &standing)?;
    Ok(Response::new()
        .add_attribute(ACTION, ACT_APPEAL)
        .add_attribute(MEMBER, info.sender)
        .add_attribute(SANCTION_ID, sanction_id.to_string()))
}

pub fn execute_decide_appeal(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    sanction_id: u64,
    uphold: bool,
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    check_authority(
        deps.as_ref(),
        &env,
        &info,
        &config,
        &config.appeal_authority,
        "decide an appeal",
    )?;
    let mut sanction = SANCTIONS
        .may_load(deps.storage, sanction_id)?
        .ok_or(ContractError::NoSanction(sanction_id))?;
    let appeal = sanction
        .appeal
        .as_mut()
        .filter(|a| a.upheld.is_none())
        .ok_or_else(|| ContractError::Invalid("no pending appeal on this sanction".into()))?;
    appeal.upheld = Some(uphold);
    SANCTIONS.save(deps.storage, sanction_id, &sanction)?;

    let mut standing = STANDING
        .may_load(deps.storage, &sanction.member)?
        .unwrap_or_default();
    standing.pending_appeals = standing.pending_appeals.saturating_sub(1);
    if uphold {
        standing.level = standing.level.saturating_sub(1);
        if standing.level < MAX_LEVEL {
            standing.exclusion_due = None;
        }
    }
    STANDING.save(deps.storage, &sanction.member, &standing)?;
    Ok(Response::new()
        .add_attribute(ACTION, ACT_DECIDE_APPEAL)
        .add_attribute(SANCTION_ID, sanction_id.to_string())
        .add_attribute(MEMBER, sanction.member)
        .add_attribute(UPHELD, uphold.to_string())
        .add_attribute(LEVEL, standing.level.to_string()))
}

/// Anyone may carry out a due exclusion: it needs no one's further consent.
pub fn execute_enforce_exclusion(
    deps: DepsMut,
    env: Env,
    member: String,
) -> Result<Response, ContractError> {
    let member = deps.api.addr_validate(&member)?;
    let mut standing = STANDING
        .may_load(deps.storage, &member)?
        .unwrap_or_default();
    let due = standing
        .exclusion_due
        .is_some_and(|due| env.block.time > due);
    if standing.level < MAX_LEVEL || standing.pending_appeals > 0 || !due {
        return Err(ContractError::ExclusionNotDue);
    }
    let roles_lost = remove_member(deps.storage, env.block.height, &member)?;
    standing.excluded = true;
    standing.exclusion_due = None;
    STANDING.save(deps.storage, &member, &standing)?;
    let config = CONFIG.load(deps.storage)?;
    let mut response = Response::new()
        .add_attribute(ACTION, ACT_EXCLUDE)
        .add_attribute(MEMBER, member.as_str())
        .add_attribute(ROLES_LOST, roles_lost.to_string());
    // The exclusion stands even if the token refuses; the sync then waits for a retry.
    if let Some(sync) = sync_member(deps.storage, &config, &member, false)? {
        response = response.add_submessage(sync);
    }
    Ok(response)
}
