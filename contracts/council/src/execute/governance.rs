//! The constitution's settings, changed only by an executive council's passed proposal.

use cosmwasm_std::{DepsMut, Env, MessageInfo, Response};

use crate::attributes::*;
use crate::execute::roles::{check_appointees, Role};
use crate::execute::{require_executive, validate_addrs};
use crate::msg::Authority;
use crate::state::{
    Config, CONFIG, HARD_MAX_DELEGATION_DEPTH, MAX_DRAW_REQUESTERS, MAX_ROLE_HOLDERS,
};
use crate::ContractError;

/// Checks rules every configuration must satisfy.
pub fn validate_config(config: &Config) -> Result<(), ContractError> {
    if config.sanction_authority == config.appeal_authority {
        return Err(ContractError::Invalid(
            "appeals must go to a different body than the one that sanctions".into(),
        ));
    }
    if config.max_delegation_depth == 0 || config.max_delegation_depth > HARD_MAX_DELEGATION_DEPTH {
        return Err(ContractError::Invalid(format!(
            "max_delegation_depth must be 1 to {HARD_MAX_DELEGATION_DEPTH}"
        )));
    }
    if config.appeal_window_seconds == 0 {
        return Err(ContractError::Invalid(
            "the appeal window must be positive".into(),
        ));
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
pub fn execute_update_config(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    sanction_authority: Option<Authority>,
    appeal_authority: Option<Authority>,
    appeal_window_seconds: Option<u64>,
    max_delegation_depth: Option<u8>,
    draw_requesters: Option<Vec<String>>,
) -> Result<Response, ContractError> {
    require_executive(deps.as_ref(), &env, &info, "update the configuration")?;
    let mut config = CONFIG.load(deps.storage)?;
    if let Some(a) = sanction_authority {
        config.sanction_authority = a;
    }
    if let Some(a) = appeal_authority {
        config.appeal_authority = a;
    }
    if let Some(w) = appeal_window_seconds {
        config.appeal_window_seconds = w;
    }
    if let Some(d) = max_delegation_depth {
        // Existing chains longer than a lowered limit stay; new edges must respect it.
        config.max_delegation_depth = d;
    }
    if let Some(r) = draw_requesters {
        config.draw_requesters =
            validate_addrs(deps.api, &r, MAX_DRAW_REQUESTERS, "draw requesters")?;
        check_appointees(deps.storage, Role::DrawRequester, &config.draw_requesters)?;
    }
    for authority in [&config.sanction_authority, &config.appeal_authority] {
        if let Authority::Council { council_id } = authority {
            crate::execute::councils::load_council(deps.storage, *council_id)?;
        }
    }
    validate_config(&config)?;
    CONFIG.save(deps.storage, &config)?;
    Ok(Response::new().add_attribute(ACTION, ACT_UPDATE_CONFIG))
}

pub fn execute_set_token(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    token: Option<String>,
) -> Result<Response, ContractError> {
    require_executive(deps.as_ref(), &env, &info, "set the token")?;
    let mut config = CONFIG.load(deps.storage)?;
    config.token = token.map(|t| deps.api.addr_validate(&t)).transpose()?;
    CONFIG.save(deps.storage, &config)?;
    Ok(Response::new()
        .add_attribute(ACTION, ACT_SET_TOKEN)
        .add_attribute(TOKEN, config.token.map(String::from).unwrap_or_default()))
}

pub fn execute_update_roles(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    head: Option<String>,
    gatekeepers: Option<Vec<String>>,
    monitors: Option<Vec<String>>,
) -> Result<Response, ContractError> {
    require_executive(deps.as_ref(), &env, &info, "update roles")?;
    let mut config = CONFIG.load(deps.storage)?;
    // Only members in good standing may be appointed (`roles`).
    if let Some(h) = head {
        let head = deps.api.addr_validate(&h)?;
        check_appointees(deps.storage, Role::Head, std::slice::from_ref(&head))?;
        config.head = Some(head);
    }
    if let Some(g) = gatekeepers {
        config.gatekeepers = validate_addrs(deps.api, &g, MAX_ROLE_HOLDERS, "gatekeepers")?;
        check_appointees(deps.storage, Role::Gatekeeper, &config.gatekeepers)?;
    }
    if let Some(m) = monitors {
        config.monitors = validate_addrs(deps.api, &m, MAX_ROLE_HOLDERS, "monitors")?;
        check_appointees(deps.storage, Role::Monitor, &config.monitors)?;
    }
    CONFIG.save(deps.storage, &config)?;
    Ok(Response::new().add_attribute(ACTION, ACT_UPDATE_ROLES))
}
