//! Applications: one open application per member, kept in a waiting queue per need profile
//! ([`crate::queue`]).

use cosmwasm_std::{Addr, DepsMut, Env, MessageInfo, Response, Storage};

use crate::attributes as attr;
use crate::error::ContractError;
use crate::helpers::{is_member, sorted_features, validate_hash};
use crate::msg::Accessibility;
use crate::profile::Profile;
use crate::queue::{dequeue, enqueue};
use crate::score::MAX_HOUSEHOLD;
use crate::state::{Application, APPLICATIONS, CONFIG, NEXT_SEQ};

pub fn validate_household_size(household_size: u32) -> Result<(), ContractError> {
    if household_size == 0 || household_size > MAX_HOUSEHOLD {
        return Err(ContractError::InvalidInput {
            field: "household_size".to_string(),
            reason: format!("must be 1 to {MAX_HOUSEHOLD}"),
        });
    }
    Ok(())
}

fn validated(
    household_size: u32,
    needs: Vec<Accessibility>,
    evidence_commitment: Option<String>,
) -> Result<(Vec<Accessibility>, Option<String>), ContractError> {
    validate_household_size(household_size)?;
    let evidence = evidence_commitment
        .map(|c| validate_hash("evidence_commitment", &c))
        .transpose()?;
    Ok((sorted_features(needs), evidence))
}

fn assert_member(deps: &DepsMut, addr: &Addr) -> Result<(), ContractError> {
    let config = CONFIG.load(deps.storage)?;
    if !is_member(&deps.querier, &config.membership, addr)? {
        return Err(ContractError::NotAMember);
    }
    Ok(())
}

fn next_seq(storage: &mut dyn Storage) -> Result<u64, ContractError> {
    let seq = NEXT_SEQ.may_load(storage)?.unwrap_or(1);
    NEXT_SEQ.save(storage, &(seq + 1))?;
    Ok(seq)
}

pub fn apply(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    household_size: u32,
    needs: Vec<Accessibility>,
    evidence_commitment: Option<String>,
) -> Result<Response, ContractError> {
    let (needs, evidence_commitment) = validated(household_size, needs, evidence_commitment)?;
    if APPLICATIONS.has(deps.storage, &info.sender) {
        return Err(ContractError::ApplicationExists);
    }
    assert_member(&deps, &info.sender)?;
    let seq = next_seq(deps.storage)?;
    let app = Application {
        household_size,
        needs,
        evidence_commitment,
        applied_at: env.block.time,
        seq,
    };
    enqueue(deps.storage, &info.sender, &app)?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::APPLY)
        .add_attribute(attr::APPLICANT, info.sender)
        .add_attribute(attr::HOUSEHOLD_SIZE, household_size.to_string())
        .add_attribute(attr::QUEUE_POSITION, seq.to_string()))
}

/// Waiting time belongs to a need profile: a change of profile (rooms needed or needed
/// features) joins the new profile's queue at its end, so nobody can bank time in a profile
/// no home fits and spend it in another. Only the evidence commitment changes in place.
pub fn update_application(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    household_size: u32,
    needs: Vec<Accessibility>,
    evidence_commitment: Option<String>,
) -> Result<Response, ContractError> {
    let (needs, evidence_commitment) = validated(household_size, needs, evidence_commitment)?;
    let mut app = APPLICATIONS
        .may_load(deps.storage, &info.sender)?
        .ok_or(ContractError::NoApplication)?;
    assert_member(&deps, &info.sender)?;
    dequeue(deps.storage, &info.sender, &app)?;
    let old_profile = Profile::of(&app);
    app.household_size = household_size;
    app.needs = needs;
    app.evidence_commitment = evidence_commitment;
    let restarted = Profile::of(&app) != old_profile;
    if restarted {
        app.seq = next_seq(deps.storage)?;
        app.applied_at = env.block.time;
    }
    enqueue(deps.storage, &info.sender, &app)?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::UPDATE_APPLICATION)
        .add_attribute(attr::APPLICANT, info.sender)
        .add_attribute(attr::HOUSEHOLD_SIZE, household_size.to_string())
        .add_attribute(attr::QUEUE_POSITION, app.seq.to_string())
        .add_attribute(attr::WAIT_RESTARTED, restarted.to_string()))
}

pub fn withdraw_application(deps: DepsMut, info: MessageInfo) -> Result<Response, ContractError> {
    let app = APPLICATIONS
        .may_load(deps.storage, &info.sender)?
        .ok_or(ContractError::NoApplication)?;
    dequeue(deps.storage, &info.sender, &app)?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::WITHDRAW_APPLICATION)
        .add_attribute(attr::APPLICANT, info.sender))
}
