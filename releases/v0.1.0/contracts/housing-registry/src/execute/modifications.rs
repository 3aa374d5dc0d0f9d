//! Modifications: inside the published guidelines approved at once, otherwise decided by the
//! admin (the council). Every request stays in the home's history.

use cosmwasm_std::{DepsMut, Env, MessageInfo, Response, Uint128};

use crate::attributes as attr;
use crate::error::ContractError;
use crate::helpers::{load_home, load_own_right, validate_hash, validate_text};
use crate::msg::ModificationStatus;
use crate::state::{Modification, ADMIN, GUIDELINES, MODIFICATIONS, NEXT_MODIFICATION_ID};

pub const MAX_CATEGORY_LEN: usize = 64;

pub fn request_modification(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    home_id: u64,
    category: String,
    plan_hash: String,
    estimated_cost: Uint128,
) -> Result<Response, ContractError> {
    validate_text("category", &category, MAX_CATEGORY_LEN)?;
    let plan_hash = validate_hash("plan_hash", &plan_hash)?;
    load_own_right(deps.storage, home_id, &info.sender)?;
    let within_guidelines = GUIDELINES
        .may_load(deps.storage)?
        .unwrap_or_default()
        .iter()
        .any(|g| g.category == category && estimated_cost <= g.max_cost);
    let status = if within_guidelines {
        ModificationStatus::AutoApproved
    } else {
        ModificationStatus::Pending
    };
    let id = NEXT_MODIFICATION_ID.may_load(deps.storage)?.unwrap_or(1);
    NEXT_MODIFICATION_ID.save(deps.storage, &(id + 1))?;
    MODIFICATIONS.save(
        deps.storage,
        (home_id, id),
        &Modification {
            holder: info.sender.clone(),
            category: category.clone(),
            plan_hash,
            estimated_cost,
            status,
            requested_at: env.block.time,
            decided_at: within_guidelines.then_some(env.block.time),
        },
    )?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::REQUEST_MODIFICATION)
        .add_attribute(attr::HOME_ID, home_id.to_string())
        .add_attribute(attr::MODIFICATION_ID, id.to_string())
        .add_attribute(attr::CATEGORY, category)
        .add_attribute(attr::AMOUNT, estimated_cost)
        .add_attribute(attr::APPROVED, within_guidelines.to_string()))
}

pub fn decide_modification(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    home_id: u64,
    modification_id: u64,
    approve: bool,
) -> Result<Response, ContractError> {
    ADMIN.assert_admin(deps.storage, &info.sender)?;
    load_home(deps.storage, home_id)?;
    let mut modification = MODIFICATIONS
        .may_load(deps.storage, (home_id, modification_id))?
        .ok_or(ContractError::ModificationNotFound {
            home_id,
            modification_id,
        })?;
    if modification.status != ModificationStatus::Pending {
        return Err(ContractError::AlreadyDecided { modification_id });
    }
    modification.status = if approve {
        ModificationStatus::Approved
    } else {
        ModificationStatus::Refused
    };
    modification.decided_at = Some(env.block.time);
    MODIFICATIONS.save(deps.storage, (home_id, modification_id), &modification)?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::DECIDE_MODIFICATION)
        .add_attribute(attr::HOME_ID, home_id.to_string())
        .add_attribute(attr::MODIFICATION_ID, modification_id.to_string())
        .add_attribute(attr::APPROVED, approve.to_string()))
}
