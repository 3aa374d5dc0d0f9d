//! The constitution's settings, changed only by an executive council's passed proposal.

use cosmwasm_std::{DepsMut, Env, MessageInfo, Response, Storage};

use crate::attributes::*;
use crate::execute::councils::load_council;
use crate::execute::roles::{check_appointees, Role};
use crate::execute::scope::validate_grants;
use crate::execute::{require_executive, validate_addrs};
use crate::msg::UpdateConfigMsg;
use crate::msg::{Authority, Grant, Limits};
use crate::state::{
    Config, CHARTERS, CONFIG, DRAND_MARGIN_BOUNDS, EXECUTION_WINDOW_BOUNDS,
    HARD_MAX_DELEGATION_DEPTH, MAX_DRAW_REQUESTERS, MAX_OPEN_PROPOSALS_CAP, MAX_PANEL_SIZE,
    MAX_ROLE_HOLDERS, PANEL_SECONDS_BOUNDS,
};
use crate::ContractError;

/// The councils named as the sanction and appeal authorities exist.
pub fn check_authorities_exist(
    storage: &dyn Storage,
    config: &Config,
) -> Result<(), ContractError> {
    for authority in [&config.sanction_authority, &config.appeal_authority] {
        if let Authority::Council { council_id } = authority {
            load_council(storage, *council_id)?;
        }
    }
    Ok(())
}

/// Checks rules every configuration must satisfy.
pub fn validate_config(config: &Config) -> Result<(), ContractError> {
    if config.sanction_authority == config.appeal_authority {
        return Err(ContractError::AppealToSanctioningBody);
    }
    if config.max_delegation_depth == 0 || config.max_delegation_depth > HARD_MAX_DELEGATION_DEPTH {
        return Err(ContractError::DelegationDepthOutOfRange {
            max: HARD_MAX_DELEGATION_DEPTH,
        });
    }
    if config.appeal_window_seconds == 0 {
        return Err(ContractError::ZeroAppealWindow);
    }
    validate_limits(&config.limits)
}

fn validate_limits(limits: &Limits) -> Result<(), ContractError> {
    let within = |v: u64, (lo, hi): (u64, u64)| lo <= v && v <= hi;
    let ok = within(limits.execution_window_seconds, EXECUTION_WINDOW_BOUNDS)
        && within(limits.max_panel_seconds, PANEL_SECONDS_BOUNDS)
        && within(limits.drand_margin_seconds, DRAND_MARGIN_BOUNDS)
        && (2..=MAX_PANEL_SIZE).contains(&limits.min_panel_size)
        && (1..=MAX_OPEN_PROPOSALS_CAP).contains(&limits.max_open_proposals_per_member);
    if ok {
        Ok(())
    } else {
        Err(ContractError::LimitsOutOfBounds)
    }
}

pub fn update_config(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: UpdateConfigMsg,
) -> Result<Response, ContractError> {
    let UpdateConfigMsg {
        sanction_authority,
        appeal_authority,
        appeal_window_seconds,
        max_delegation_depth,
        draw_requesters,
        escrow,
        limits,
        relay,
    } = msg;
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
    if let Some(e) = escrow {
        config.escrow = Some(deps.api.addr_validate(&e)?);
    }
    if let Some(l) = limits {
        config.limits = l;
    }
    if let Some(r) = relay {
        config.relay = Some(deps.api.addr_validate(&r)?);
    }
    check_authorities_exist(deps.storage, &config)?;
    validate_config(&config)?;
    CONFIG.save(deps.storage, &config)?;
    Ok(Response::new().add_attribute(ACTION, ACT_UPDATE_CONFIG))
}

/// What a non-executive council may send (an executive council's scope is fixed).
pub fn update_charter(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    council_id: u64,
    grants: Option<Vec<Grant>>,
) -> Result<Response, ContractError> {
    require_executive(deps.as_ref(), &env, &info, "update a charter")?;
    if load_council(deps.storage, council_id)?.executive {
        return Err(ContractError::ExecutiveScopeFixed { council_id });
    }
    match grants {
        Some(grants) => {
            validate_grants(deps.api, &grants)?;
            CHARTERS.save(deps.storage, council_id, &grants)?;
        }
        None => CHARTERS.remove(deps.storage, council_id),
    }
    Ok(Response::new()
        .add_attribute(ACTION, ACT_UPDATE_CHARTER)
        .add_attribute(COUNCIL_ID, council_id.to_string()))
}

pub fn set_token(
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

pub fn update_roles(
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
