//! Applications: one open application per member, kept in a waiting queue by household size.

use cosmwasm_std::{Addr, DepsMut, Env, MessageInfo, Response, Storage};

use crate::attributes as attr;
use crate::error::ContractError;
use crate::helpers::{is_member, sorted_features, validate_hash};
use crate::msg::Accessibility;
use crate::score::{rooms_needed, MAX_HOUSEHOLD};
use crate::state::{Application, APPLICATIONS, CONFIG, NEXT_SEQ, QUEUE, QUEUE_ORDER};

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
    let seq = NEXT_SEQ.may_load(deps.storage)?.unwrap_or(1);
    NEXT_SEQ.save(deps.storage, &(seq + 1))?;
    let app = Application {
        household_size,
        needs,
        evidence_commitment,
        applied_at: env.block.time,
        seq,
    };
    APPLICATIONS.save(deps.storage, &info.sender, &app)?;
    QUEUE.save(
        deps.storage,
        (rooms_needed(household_size), seq),
        &info.sender,
    )?;
    QUEUE_ORDER.save(deps.storage, seq, &info.sender)?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::APPLY)
        .add_attribute(attr::APPLICANT, info.sender)
        .add_attribute(attr::HOUSEHOLD_SIZE, household_size.to_string())
        .add_attribute(attr::QUEUE_POSITION, seq.to_string()))
}

pub fn update_application(
    deps: DepsMut,
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
    QUEUE.remove(deps.storage, (rooms_needed(app.household_size), app.seq));
    app.household_size = household_size;
    app.needs = needs;
    app.evidence_commitment = evidence_commitment;
    APPLICATIONS.save(deps.storage, &info.sender, &app)?;
    QUEUE.save(
        deps.storage,
        (rooms_needed(household_size), app.seq),
        &info.sender,
    )?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::UPDATE_APPLICATION)
        .add_attribute(attr::APPLICANT, info.sender)
        .add_attribute(attr::HOUSEHOLD_SIZE, household_size.to_string())
        .add_attribute(attr::QUEUE_POSITION, app.seq.to_string()))
}

pub fn withdraw_application(deps: DepsMut, info: MessageInfo) -> Result<Response, ContractError> {
    let app = APPLICATIONS
        .may_load(deps.storage, &info.sender)?
        .ok_or(ContractError::NoApplication)?;
    remove_application(deps.storage, &info.sender, &app);
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::WITHDRAW_APPLICATION)
        .add_attribute(attr::APPLICANT, info.sender))
}

pub fn remove_application(storage: &mut dyn Storage, applicant: &Addr, app: &Application) {
    APPLICATIONS.remove(storage, applicant);
    QUEUE.remove(storage, (rooms_needed(app.household_size), app.seq));
    QUEUE_ORDER.remove(storage, app.seq);
}
