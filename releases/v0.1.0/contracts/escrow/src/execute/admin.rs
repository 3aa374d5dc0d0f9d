use cosmwasm_std::{DepsMut, MessageInfo, Response};

use crate::attributes as attr;
use crate::error::ContractError;
use crate::state::{ADMIN, CONFIG, MAX_STEP_SECONDS};

pub fn set_council(
    deps: DepsMut,
    info: MessageInfo,
    council: Option<String>,
) -> Result<Response, ContractError> {
    ADMIN.assert_admin(deps.storage, &info.sender)?;
    let council = council.map(|c| deps.api.addr_validate(&c)).transpose()?;
    let mut config = CONFIG.load(deps.storage)?;
    config.council = council.clone();
    CONFIG.save(deps.storage, &config)?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::ACTION_SET_COUNCIL)
        .add_attribute(
            attr::COUNCIL,
            council.map_or(attr::NONE.to_string(), |c| c.to_string()),
        ))
}

pub fn check_panel_seconds(seconds: u64) -> Result<(), ContractError> {
    if seconds == 0 || seconds > MAX_STEP_SECONDS {
        return Err(ContractError::InvalidTerms(
            "a panel needs between a second and a year".into(),
        ));
    }
    Ok(())
}

pub fn set_panel_seconds(
    deps: DepsMut,
    info: MessageInfo,
    seconds: u64,
) -> Result<Response, ContractError> {
    ADMIN.assert_admin(deps.storage, &info.sender)?;
    check_panel_seconds(seconds)?;
    let mut config = CONFIG.load(deps.storage)?;
    config.panel_seconds = seconds;
    CONFIG.save(deps.storage, &config)?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::ACTION_SET_PANEL_SECONDS)
        .add_attribute(attr::PANEL_SECONDS, seconds.to_string()))
}

pub fn propose_admin(
    deps: DepsMut,
    info: MessageInfo,
    admin: Option<String>,
) -> Result<Response, ContractError> {
    let pending = ADMIN.propose(deps.storage, deps.api, &info.sender, admin)?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::ACTION_PROPOSE_ADMIN)
        .add_attribute(
            attr::ADMIN,
            pending.map_or(attr::NONE.to_string(), |a| a.to_string()),
        ))
}

pub fn accept_admin(deps: DepsMut, info: MessageInfo) -> Result<Response, ContractError> {
    ADMIN.accept(deps.storage, &info.sender)?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::ACTION_ACCEPT_ADMIN)
        .add_attribute(attr::ADMIN, info.sender))
}
