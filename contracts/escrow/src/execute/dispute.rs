//! Disputes: a party disputes, the arbitrator rules within its deadline, a party may appeal
//! once to a council-drawn panel, and an overturned ruling slashes the arbitrator.

use cosmwasm_std::{Addr, Decimal, DepsMut, Env, Response, Timestamp};
use dac_common::text::validate_len;

use crate::attributes as attr;
use crate::error::ContractError;
use crate::execute::ledger::Ledger;
use crate::execute::settle::{apply_ruling, close, slash_arbitrator};
use crate::execute::{commit, load_deal, require_by, require_sender, require_status, wrong_status};
use crate::msg::{Ruling, StatusKey};
use crate::state::{update_record, Deal, Dispute, Outcome, Status, CONFIG, MAX_REASON};

pub fn ruling_label(ruling: &Ruling) -> &'static str {
    match ruling {
        Ruling::Performed {} => attr::RULING_PERFORMED,
        Ruling::NotPerformed {} => attr::RULING_NOT_PERFORMED,
        Ruling::Split { .. } => attr::RULING_SPLIT,
    }
}

fn check_ruling(ruling: &Ruling) -> Result<(), ContractError> {
    match ruling {
        Ruling::Split { proposer_share } if *proposer_share > Decimal::one() => {
            Err(ContractError::InvalidSplit)
        }
        _ => Ok(()),
    }
}

/// Carries out a final ruling at `now`. A service ruled `Performed` goes on to its next
/// milestone, and every deadline still ahead moves by the time the dispute froze the deal:
/// nobody could perform while it ran, so a party that wins it cannot then lose by default.
pub fn execute_ruling(
    deal: &mut Deal,
    ledger: &mut Ledger,
    ruling: Ruling,
    by_panel: bool,
    now: Timestamp,
) -> Result<(), ContractError> {
    if apply_ruling(deal, ledger, &ruling)? {
        close(deal, ledger, Outcome::Ruled { ruling, by_panel })
    } else {
        if let Some(dispute) = deal.dispute.take() {
            deal.postpone(now.nanos().saturating_sub(dispute.raised_at.nanos()))?;
        }
        deal.status = Status::Active {};
        Ok(())
    }
}

pub fn dispute(
    deps: DepsMut,
    env: Env,
    sender: Addr,
    deal_id: u64,
    reason: String,
) -> Result<Response, ContractError> {
    let (mut deal, previous) = load_deal(deps.storage, deps.api, deal_id)?;
    require_status(&deal, StatusKey::Active, "an active deal")?;
    if sender != *deal.proposer() && sender != *deal.counterparty() {
        return Err(ContractError::Unauthorized("only the two parties dispute"));
    }
    if !deal.kind.is_disputable() {
        return Err(ContractError::NotForThisKind("disputes"));
    }
    validate_len(&reason, "reason", MAX_REASON)?;
    require_by(env.block.time, deal.active_deadline())?;
    let rule_by = env.block.time.plus_seconds(deal.ruling_seconds);
    deal.status = Status::Disputed { rule_by };
    deal.dispute = Some(Dispute {
        raised_by: sender.clone(),
        reason: reason.clone(),
        raised_at: env.block.time,
        ruling: None,
        appealed_by: None,
        arbitrator_slashed: false,
    });
    update_record(deps.storage, &deal.arbitrator.address, |r| r.disputes += 1)?;
    let ledger = Ledger::open(deps.as_ref(), &env, &deal.asset)?;
    let response = Response::new()
        .add_attribute(attr::ACTION, attr::ACTION_DISPUTE)
        .add_attribute(attr::SENDER, sender)
        .add_attribute(attr::REASON, reason)
        .add_attribute(attr::DEADLINE, rule_by.seconds().to_string());
    commit(deps.storage, deps.api, deal, previous, ledger, response)
}

pub fn rule(
    deps: DepsMut,
    env: Env,
    sender: Addr,
    deal_id: u64,
    ruling: Ruling,
) -> Result<Response, ContractError> {
    let (mut deal, previous) = load_deal(deps.storage, deps.api, deal_id)?;
    let Status::Disputed { rule_by } = deal.status else {
        return Err(wrong_status(&deal, "a disputed deal"));
    };
    require_sender(
        &sender,
        &deal.arbitrator.address,
        "only the deal's arbitrator rules",
    )?;
    require_by(env.block.time, rule_by)?;
    check_ruling(&ruling)?;
    update_record(deps.storage, &sender, |r| r.rulings += 1)?;
    if let Some(d) = deal.dispute.as_mut() {
        d.ruling = Some(ruling.clone());
    }
    let council = CONFIG.load(deps.storage)?.council;
    let mut ledger = Ledger::open(deps.as_ref(), &env, &deal.asset)?;
    let response = Response::new()
        .add_attribute(attr::ACTION, attr::ACTION_RULE)
        .add_attribute(attr::SENDER, sender)
        .add_attribute(attr::RULING, ruling_label(&ruling));
    if council.is_some() && deal.appeal_seconds > 0 {
        let appeal_by = env.block.time.plus_seconds(deal.appeal_seconds);
        deal.status = Status::Ruled { appeal_by };
    } else {
        // Nobody to appeal to: the ruling is final now.
        execute_ruling(&mut deal, &mut ledger, ruling, false, env.block.time)?;
    }
    commit(deps.storage, deps.api, deal, previous, ledger, response)
}

pub fn appeal(
    deps: DepsMut,
    env: Env,
    sender: Addr,
    deal_id: u64,
) -> Result<Response, ContractError> {
    let (mut deal, previous) = load_deal(deps.storage, deps.api, deal_id)?;
    let Status::Ruled { appeal_by } = deal.status else {
        return Err(wrong_status(&deal, "a ruled deal within its appeal window"));
    };
    if sender != *deal.proposer() && sender != *deal.counterparty() {
        return Err(ContractError::Unauthorized("only the two parties appeal"));
    }
    require_by(env.block.time, appeal_by)?;
    if CONFIG.load(deps.storage)?.council.is_none() {
        return Err(ContractError::NoCouncil);
    }
    let panel_by = env.block.time.plus_seconds(deal.panel_seconds);
    deal.status = Status::Appealed { panel_by };
    if let Some(d) = deal.dispute.as_mut() {
        d.appealed_by = Some(sender.clone());
    }
    let ledger = Ledger::open(deps.as_ref(), &env, &deal.asset)?;
    let response = Response::new()
        .add_attribute(attr::ACTION, attr::ACTION_APPEAL)
        .add_attribute(attr::SENDER, sender)
        .add_attribute(attr::DEADLINE, panel_by.seconds().to_string());
    commit(deps.storage, deps.api, deal, previous, ledger, response)
}

/// The council reports its panel's decision, on an appeal or on a dispute whose arbitrator
/// timed out. On an appeal, a different ruling overturns the arbitrator's and slashes it.
/// `stage`, when given, must be the deal's current `panel_by`.
pub fn panel_ruling(
    deps: DepsMut,
    env: Env,
    sender: Addr,
    deal_id: u64,
    ruling: Ruling,
    stage: Option<Timestamp>,
) -> Result<Response, ContractError> {
    let council = CONFIG.load(deps.storage)?.council;
    if council.as_ref() != Some(&sender) {
        return Err(ContractError::Unauthorized(
            "only the council reports panel rulings",
        ));
    }
    let (mut deal, previous) = load_deal(deps.storage, deps.api, deal_id)?;
    let panel_by = match deal.status {
        Status::Appealed { panel_by } | Status::AwaitingPanel { panel_by } => panel_by,
        _ => return Err(wrong_status(&deal, "a deal before a panel")),
    };
    if stage.is_some_and(|stage| stage != panel_by) {
        return Err(ContractError::StalePanel { current: panel_by });
    }
    require_by(env.block.time, panel_by)?;
    check_ruling(&ruling)?;
    let mut ledger = Ledger::open(deps.as_ref(), &env, &deal.asset)?;
    let mut overturned = false;
    if previous.status == StatusKey::Appealed {
        let original = deal.dispute.as_ref().and_then(|d| d.ruling.clone());
        overturned = original.as_ref() != Some(&ruling);
        let arbitrator = deal.arbitrator.address.clone();
        if overturned {
            slash_arbitrator(&mut deal, &mut ledger)?;
            update_record(deps.storage, &arbitrator, |r| {
                r.overturned += 1;
                r.slashes += 1;
            })?;
        } else {
            update_record(deps.storage, &arbitrator, |r| r.upheld += 1)?;
        }
    }
    let response = Response::new()
        .add_attribute(attr::ACTION, attr::ACTION_PANEL_RULING)
        .add_attribute(attr::SENDER, sender)
        .add_attribute(attr::RULING, ruling_label(&ruling))
        .add_attribute(
            attr::OVERTURNED,
            if overturned { attr::TRUE } else { attr::FALSE },
        );
    execute_ruling(&mut deal, &mut ledger, ruling, true, env.block.time)?;
    commit(deps.storage, deps.api, deal, previous, ledger, response)
}
