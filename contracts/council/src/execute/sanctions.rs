//! Ostrom principles 4-6: monitors report, the sanction authority applies graduated sanctions,
//! the sanctioned member appeals to a different body, and an upheld appeal lowers the level.
//! What each level forbids is the ladder in `Act::forbidden_from`, the one place every check
//! reads. Level 3 (`MAX_LEVEL`) also means exclusion once the appeal window has passed with no
//! appeal pending.

use std::fmt;

use cosmwasm_std::{Addr, DepsMut, Env, MessageInfo, Response, Storage};

use crate::attributes::*;
use crate::execute::delegation::clear_delegations;
use crate::execute::membership::remove_member;
use crate::execute::roles::{drop_roles, require_role, Role};
use crate::execute::token_sync::sync_member;
use crate::execute::{check_authority, require_member, validate_text};
use crate::msg::{AppealRecord, ReportStatus};
use crate::state::{
    next_id, Report, SanctionRecord, CONFIG, MAX_TEXT_LEN, MEMBER_SANCTIONS, REPORTS, REPORT_COUNT,
    SANCTIONS, SANCTION_COUNT, STANDING,
};
use crate::ContractError;

pub const MAX_LEVEL: u8 = 3;

/// Every act a sanction takes away.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Act {
    Propose,
    Escalate,
    Vote,
    /// Giving one's will to a delegate; the member's delegations end when this is lost.
    Delegate,
    /// Being the head, a gatekeeper, a monitor or a draw requester (`roles`).
    HoldRole,
}

impl Act {
    pub const ALL: [Act; 5] = [
        Act::Propose,
        Act::Escalate,
        Act::Vote,
        Act::Delegate,
        Act::HoldRole,
    ];

    /// The sanction ladder: the lowest level that forbids the act. Any sanction means the
    /// sanction authority found misconduct, so level 1 already ends proposing and every office.
    pub const fn forbidden_from(self) -> u8 {
        match self {
            Act::Propose | Act::Escalate | Act::HoldRole => 1,
            Act::Vote | Act::Delegate => 2,
        }
    }

    pub const fn allowed_at(self, level: u8) -> bool {
        level < self.forbidden_from()
    }

    pub const fn name(self) -> &'static str {
        match self {
            Act::Propose => "propose",
            Act::Escalate => "escalate",
            Act::Vote => "vote",
            Act::Delegate => "delegate",
            Act::HoldRole => "hold a role",
        }
    }
}

impl fmt::Display for Act {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The one check of the ladder: `member`'s sanction level allows `act`.
pub fn ensure_allowed(storage: &dyn Storage, member: &Addr, act: Act) -> Result<(), ContractError> {
    let level = STANDING
        .may_load(storage, member)?
        .unwrap_or_default()
        .level;
    if act.allowed_at(level) {
        Ok(())
    } else {
        Err(ContractError::Sanctioned { act, level })
    }
}

pub fn report(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    member: String,
    description: String,
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    require_role(deps.storage, &config, Role::Monitor, &info.sender)?;
    validate_text(&description, "description", MAX_TEXT_LEN)?;
    let member = deps.api.addr_validate(&member)?;
    require_member(deps.storage, &member)?;
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
        return Err(ContractError::ReportDecided { report_id });
    }
    Ok(report)
}

pub fn sanction(
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
    require_member(deps.storage, &member)?;
    let mut standing = STANDING
        .may_load(deps.storage, &member)?
        .unwrap_or_default();
    standing.level = (standing.level + 1).min(MAX_LEVEL);
    let deadline = env.block.time.plus_seconds(config.appeal_window_seconds);
    if !Act::Delegate.allowed_at(standing.level) {
        clear_delegations(deps.storage, env.block.height, &member, None)?;
    }
    if standing.level == MAX_LEVEL {
        standing.exclusion_due = Some(deadline);
    }
    STANDING.save(deps.storage, &member, &standing)?;
    let roles_lost =
        !Act::HoldRole.allowed_at(standing.level) && drop_roles(deps.storage, &member)?;

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

pub fn dismiss_report(
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

pub fn appeal(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    sanction_id: u64,
    grounds: String,
) -> Result<Response, ContractError> {
    validate_text(&grounds, "grounds", MAX_TEXT_LEN)?;
    let mut sanction = SANCTIONS
        .may_load(deps.storage, sanction_id)?
        .ok_or(ContractError::NoSanction(sanction_id))?;
    if sanction.member != info.sender {
        return Err(ContractError::Unauthorized(
            "only the sanctioned member may appeal".into(),
        ));
    }
    if sanction.appeal.is_some() {
        return Err(ContractError::AlreadyAppealed { sanction_id });
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

pub fn decide_appeal(
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
        .ok_or(ContractError::NoPendingAppeal { sanction_id })?;
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
pub fn enforce_exclusion(
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
