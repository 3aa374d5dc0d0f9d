//! What the admin (the council) may do: describe vacant homes, publish guidelines and
//! parameters, hand the admin role on. Nothing here reaches a right of use.

use cosmwasm_std::{Addr, Decimal, DepsMut, MessageInfo, Response};
use dac_common::admin;
use dac_common::ids::take_next_id;

use crate::attributes as attr;
use crate::error::ContractError;
use crate::helpers::{load_home, sorted_features, validate_text};
use crate::msg::{Accessibility, FeeParams, GuestParams, Guideline, HomeStatus, ScoreWeights};
use crate::score::{validate_weights, MAX_ROOMS};
use crate::state::{
    Home, ADMIN, BOOKING_AGENTS, CONFIG, GUIDELINES, HOMES, NEXT_HOME_ID, RIGHTS, VACANT,
    VISITOR_CAPS, VISITOR_CAP_DEFAULT,
};

pub const MAX_ZONE_LEN: usize = 64;
pub const MAX_GUIDELINES: usize = 32;
/// No admin can shorten due process below this.
pub const MIN_GRACE_PERIOD_SECONDS: u64 = 30 * 86_400;
/// Ten years: far beyond any due process, and far from overflowing the block clock.
pub const MAX_GRACE_PERIOD_SECONDS: u64 = 3_650 * 86_400;
pub const MAX_STAY_DAYS: u64 = 90;
pub const MAX_ADVANCE_DAYS: u64 = 730;
/// The least share of a payment a payer's cancellation keeps: holding nights is never free.
pub const MIN_CANCELLATION_FEE: Decimal = Decimal::percent(5);
pub const MAX_NIGHTS_HELD: u64 = 365;
/// A hundred visitors at the largest payer's cap.
pub const MAX_NIGHTS_HELD_PER_AGENT: u64 = 36_500;
/// Booking agents are a node's relays: a handful.
pub const MAX_BOOKING_AGENTS: usize = 8;
/// Bookings of one visiting node covering one night: far above any town's guest homes.
pub const MAX_VISITOR_CAP: u64 = 10_000;

fn invalid(field: &str, reason: &str) -> ContractError {
    ContractError::InvalidInput {
        field: field.to_string(),
        reason: reason.to_string(),
    }
}

pub fn validate_fees(fees: &FeeParams) -> Result<(), ContractError> {
    if fees.period_seconds == 0 {
        return Err(invalid("fees.period_seconds", "must be positive"));
    }
    Ok(())
}

pub fn validate_guest(guest: &GuestParams) -> Result<(), ContractError> {
    if guest.late_refund_share > Decimal::one() {
        return Err(invalid("guest.late_refund_share", "must be at most 1"));
    }
    if guest.max_stay_days == 0 || guest.max_stay_days > MAX_STAY_DAYS {
        return Err(invalid("guest.max_stay_days", "must be 1 to 90"));
    }
    if guest.max_advance_days > MAX_ADVANCE_DAYS {
        return Err(invalid("guest.max_advance_days", "must be at most 730"));
    }
    if guest.cancellation_fee < MIN_CANCELLATION_FEE || guest.cancellation_fee > Decimal::one() {
        return Err(invalid("guest.cancellation_fee", "must be 0.05 to 1"));
    }
    if guest.late_refund_share > Decimal::one() - guest.cancellation_fee {
        return Err(invalid(
            "guest.late_refund_share",
            "must be at most 1 - cancellation_fee",
        ));
    }
    if guest.max_nights_held > MAX_NIGHTS_HELD
        || guest.max_nights_held < guest.max_nights_held_per_home
        || guest.max_nights_held_per_home < guest.max_stay_days
    {
        return Err(invalid(
            "guest.max_nights_held",
            "need max_stay_days <= max_nights_held_per_home <= max_nights_held <= 365",
        ));
    }
    if guest.max_nights_held_per_agent < guest.max_nights_held
        || guest.max_nights_held_per_agent > MAX_NIGHTS_HELD_PER_AGENT
    {
        return Err(invalid(
            "guest.max_nights_held_per_agent",
            "must be max_nights_held to 36500",
        ));
    }
    Ok(())
}

pub fn validate_grace(seconds: u64) -> Result<(), ContractError> {
    if !(MIN_GRACE_PERIOD_SECONDS..=MAX_GRACE_PERIOD_SECONDS).contains(&seconds) {
        return Err(invalid(
            "grace_period_seconds",
            "must be 30 days to 10 years",
        ));
    }
    Ok(())
}

pub fn validate_guidelines(guidelines: &[Guideline]) -> Result<(), ContractError> {
    if guidelines.len() > MAX_GUIDELINES {
        return Err(invalid("guidelines", "at most 32"));
    }
    for (i, g) in guidelines.iter().enumerate() {
        validate_text(&g.category, "guidelines.category", MAX_ZONE_LEN)?;
        if guidelines[..i].iter().any(|o| o.category == g.category) {
            return Err(invalid("guidelines.category", "duplicate category"));
        }
    }
    Ok(())
}

fn validate_rooms(rooms: u32) -> Result<(), ContractError> {
    if rooms == 0 || rooms > MAX_ROOMS {
        return Err(invalid("rooms", "must be 1 to 32"));
    }
    Ok(())
}

fn assert_vacant_status(status: HomeStatus) -> Result<(), ContractError> {
    if status == HomeStatus::Occupied {
        return Err(ContractError::InvalidStatus {
            status: "occupied".to_string(),
        });
    }
    Ok(())
}

pub fn register_home(
    deps: DepsMut,
    info: MessageInfo,
    rooms: u32,
    accessibility: Vec<Accessibility>,
    zone: String,
    status: HomeStatus,
) -> Result<Response, ContractError> {
    ADMIN.assert_admin(deps.storage, &info.sender)?;
    validate_rooms(rooms)?;
    validate_text(&zone, "zone", MAX_ZONE_LEN)?;
    assert_vacant_status(status)?;
    let home_id = take_next_id(deps.storage, &NEXT_HOME_ID)?;
    HOMES.save(
        deps.storage,
        home_id,
        &Home {
            rooms,
            accessibility: sorted_features(accessibility),
            zone: zone.clone(),
            status,
            open_bookings: 0,
        },
    )?;
    if status == HomeStatus::Available {
        VACANT.save(deps.storage, home_id, &())?;
    }
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::REGISTER_HOME)
        .add_attribute(attr::HOME_ID, home_id.to_string())
        .add_attribute(attr::ROOMS, rooms.to_string())
        .add_attribute(attr::ZONE, zone)
        .add_attribute(attr::STATUS, format!("{status:?}")))
}

pub fn update_home(
    deps: DepsMut,
    info: MessageInfo,
    home_id: u64,
    rooms: Option<u32>,
    accessibility: Option<Vec<Accessibility>>,
    zone: Option<String>,
    status: Option<HomeStatus>,
) -> Result<Response, ContractError> {
    ADMIN.assert_admin(deps.storage, &info.sender)?;
    let mut home = load_home(deps.storage, home_id)?;
    // The admin never touches a home someone holds.
    if RIGHTS.has(deps.storage, home_id) {
        return Err(ContractError::HomeOccupied { home_id });
    }
    if let Some(rooms) = rooms {
        validate_rooms(rooms)?;
        home.rooms = rooms;
    }
    if let Some(accessibility) = accessibility {
        home.accessibility = sorted_features(accessibility);
    }
    if let Some(zone) = zone {
        validate_text(&zone, "zone", MAX_ZONE_LEN)?;
        home.zone = zone;
    }
    if let Some(status) = status {
        assert_vacant_status(status)?;
        if home.open_bookings > 0 && status != HomeStatus::Guest {
            return Err(ContractError::HomeHasBookings {
                home_id,
                count: home.open_bookings,
            });
        }
        home.status = status;
    }
    HOMES.save(deps.storage, home_id, &home)?;
    if home.status == HomeStatus::Available {
        VACANT.save(deps.storage, home_id, &())?;
    } else {
        VACANT.remove(deps.storage, home_id);
    }
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::UPDATE_HOME)
        .add_attribute(attr::HOME_ID, home_id.to_string())
        .add_attribute(attr::ROOMS, home.rooms.to_string())
        .add_attribute(attr::ZONE, home.zone)
        .add_attribute(attr::STATUS, format!("{:?}", home.status)))
}

pub fn set_guidelines(
    deps: DepsMut,
    info: MessageInfo,
    guidelines: Vec<Guideline>,
) -> Result<Response, ContractError> {
    ADMIN.assert_admin(deps.storage, &info.sender)?;
    validate_guidelines(&guidelines)?;
    GUIDELINES.save(deps.storage, &guidelines)?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::SET_GUIDELINES)
        .add_attribute(attr::GUIDELINES, guidelines.len().to_string()))
}

pub fn update_config(
    deps: DepsMut,
    info: MessageInfo,
    treasury: Option<String>,
    fees: Option<FeeParams>,
    guest: Option<GuestParams>,
    grace_period_seconds: Option<u64>,
    score_weights: Option<ScoreWeights>,
) -> Result<Response, ContractError> {
    ADMIN.assert_admin(deps.storage, &info.sender)?;
    let mut config = CONFIG.load(deps.storage)?;
    if let Some(treasury) = treasury {
        config.treasury = deps.api.addr_validate(&treasury)?;
    }
    if let Some(fees) = fees {
        validate_fees(&fees)?;
        config.fees = fees;
    }
    if let Some(guest) = guest {
        validate_guest(&guest)?;
        config.guest = guest;
    }
    if let Some(grace) = grace_period_seconds {
        validate_grace(grace)?;
        config.grace_period_seconds = grace;
    }
    if let Some(weights) = score_weights {
        validate_weights(&weights)?;
        config.score_weights = weights;
    }
    CONFIG.save(deps.storage, &config)?;
    Ok(Response::new().add_attribute(attr::ACTION, attr::UPDATE_CONFIG))
}

pub fn set_booking_agents(
    deps: DepsMut,
    info: MessageInfo,
    agents: Vec<String>,
) -> Result<Response, ContractError> {
    ADMIN.assert_admin(deps.storage, &info.sender)?;
    if agents.len() > MAX_BOOKING_AGENTS {
        return Err(invalid("agents", "at most 8"));
    }
    let mut valid: Vec<Addr> = Vec::with_capacity(agents.len());
    for agent in &agents {
        let agent = deps.api.addr_validate(agent)?;
        if valid.contains(&agent) {
            return Err(invalid("agents", "duplicate agent"));
        }
        valid.push(agent);
    }
    BOOKING_AGENTS.save(deps.storage, &valid)?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::SET_BOOKING_AGENTS)
        .add_attribute(attr::BOOKING_AGENTS, agents.join(",")))
}

/// A node's name as relays spell it (1 to 32 of `A-Z a-z 0-9 - _`): what the relay puts before
/// the '/' of `on_behalf_of`.
fn validate_node_name(node: &str) -> Result<(), ContractError> {
    let ok = (1..=32).contains(&node.len())
        && node
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !ok {
        return Err(invalid("node", "1 to 32 of A-Z a-z 0-9 - _"));
    }
    Ok(())
}

pub fn set_visitor_cap(
    deps: DepsMut,
    info: MessageInfo,
    node: Option<String>,
    cap: Option<u64>,
) -> Result<Response, ContractError> {
    ADMIN.assert_admin(deps.storage, &info.sender)?;
    if cap.is_some_and(|cap| cap > MAX_VISITOR_CAP) {
        return Err(invalid("cap", "at most 10000"));
    }
    match (&node, cap) {
        (Some(node), cap) => {
            validate_node_name(node)?;
            match cap {
                Some(cap) => VISITOR_CAPS.save(deps.storage, node, &cap)?,
                None => VISITOR_CAPS.remove(deps.storage, node),
            }
        }
        (None, Some(cap)) => VISITOR_CAP_DEFAULT.save(deps.storage, &cap)?,
        (None, None) => VISITOR_CAP_DEFAULT.remove(deps.storage),
    }
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::SET_VISITOR_CAP)
        .add_attribute(attr::NODE, node.unwrap_or_default())
        .add_attribute(attr::CAP, cap.map(|c| c.to_string()).unwrap_or_default()))
}

pub fn propose_admin(
    deps: DepsMut,
    info: MessageInfo,
    admin: Option<String>,
) -> Result<Response, ContractError> {
    let pending = ADMIN.propose(deps.storage, deps.api, &info.sender, admin)?;
    Ok(Response::new().add_attributes(admin::propose_attributes(&info.sender, pending.as_ref())))
}

pub fn accept_admin(deps: DepsMut, info: MessageInfo) -> Result<Response, ContractError> {
    ADMIN.accept(deps.storage, &info.sender)?;
    Ok(Response::new().add_attributes(admin::accept_attributes(&info.sender)))
}
