//! Guest homes: anyone (a local payer or the IBC relay for a visitor from another node) books
//! nights with a cw20 `Send` of the token. The registry holds the payment until the stay
//! begins. Held tokens decay: each booking owns `paid / ESCROW_NOMINAL` of the registry's real
//! balance (never more than `paid`), so a refund or a release can never pay out more than the
//! registry holds, and every booking bears its share of the decay.
//!
//! Holding nights is never free (else anyone could block a home a year ahead and cancel each
//! booking with notice): a payer holds a bounded number of nights per home and in all, and a
//! payer's cancellation keeps at least `cancellation_fee`, more as the night approaches. A
//! booking agent (the relay, paying for every remote visitor) is not one payer: its bookings
//! count per visitor it names, and all together against the agent's own, larger cap.
//!
//! A popular node manages its visitor numbers: the admin may cap how many bookings of one
//! visiting node cover any one night (`VISITORS_ON`, counted per night for every agent booking).

use cosmwasm_std::{
    Addr, CosmosMsg, Decimal, Deps, DepsMut, Env, MessageInfo, Order, Response, StdError,
    StdResult, Storage, Uint128,
};
use cw_storage_plus::{Bound, Map, PrimaryKey};
use dac_common::calls::{cw20_balance, cw20_transfer, is_contract};
use dac_common::ids::take_next_id;

use crate::attributes as attr;
use crate::error::ContractError;
use crate::helpers::{load_home, today, validate_text};
use crate::msg::BookGuestMsg;
use crate::msg::{BookingStatus, HomeStatus};
use crate::state::{
    Booking, ADMIN, AGENT_NIGHTS_HELD, BOOKED_NIGHTS, BOOKINGS, BOOKING_AGENTS, CONFIG,
    ESCROW_NOMINAL, HOMES, NEXT_BOOKING_ID, NIGHTS_HELD, NIGHTS_HELD_AT, VISITORS_ON, VISITOR_CAPS,
    VISITOR_CAP_DEFAULT, VISITOR_NIGHTS_HELD, VISITOR_NIGHTS_HELD_AT,
};

pub const MAX_GUEST_LEN: usize = 128;
/// Room for the relay's "<node (32)>/<visitor (128)>".
pub const MAX_ON_BEHALF_OF_LEN: usize = 192;

/// What `holder` would hold with `nights` more, refused above `cap` (with its scope).
fn would_hold<'a, K: PrimaryKey<'a>>(
    storage: &dyn Storage,
    map: &Map<K, u64>,
    holder: K,
    nights: u64,
    (cap, scope): (u64, &str),
) -> Result<u64, ContractError> {
    let held = map
        .may_load(storage, holder)?
        .unwrap_or_default()
        .saturating_add(nights);
    if held > cap {
        return Err(ContractError::TooManyNightsHeld {
            held,
            cap,
            scope: scope.to_string(),
        });
    }
    Ok(held)
}

/// `holder` no longer holds `nights`.
fn release<'a, K: PrimaryKey<'a> + Copy>(
    storage: &mut dyn Storage,
    map: &Map<K, u64>,
    holder: K,
    nights: u64,
) -> StdResult<()> {
    let held = map.may_load(storage, holder)?.unwrap_or_default();
    match held.saturating_sub(nights) {
        0 => map.remove(storage, holder),
        left => map.save(storage, holder, &left)?,
    }
    Ok(())
}

/// The visiting node an agent's booking is for: the relay books `on_behalf_of`
/// "<node>/<visitor>" (node names have no '/'); a name without one is no node's.
fn visiting_node(on_behalf_of: &str) -> Option<&str> {
    on_behalf_of.split_once('/').map(|(node, _)| node)
}

/// The cap in force for `node`'s visitors: its own, else the default.
pub fn visitor_cap(storage: &dyn Storage, node: &str) -> StdResult<Option<u64>> {
    Ok(match VISITOR_CAPS.may_load(storage, node)? {
        Some(cap) => Some(cap),
        None => VISITOR_CAP_DEFAULT.may_load(storage)?,
    })
}

/// Counts one more booking of `node` on each night `start_day..end_day` (at most a stay's
/// bound), refused on the first night already at the node's cap.
fn count_visitor(
    storage: &mut dyn Storage,
    node: &str,
    start_day: u64,
    end_day: u64,
) -> Result<(), ContractError> {
    let cap = visitor_cap(storage, node)?;
    let mut counts = Vec::with_capacity((end_day - start_day) as usize);
    for night in start_day..end_day {
        let booked = VISITORS_ON
            .may_load(storage, (node, night))?
            .unwrap_or_default();
        if let Some(cap) = cap.filter(|cap| booked >= *cap) {
            return Err(ContractError::VisitorCapReached {
                node: node.to_string(),
                night,
                cap,
            });
        }
        counts.push(booked + 1);
    }
    for (night, booked) in (start_day..end_day).zip(counts) {
        VISITORS_ON.save(storage, (node, night), &booked)?;
    }
    Ok(())
}

pub fn token_transfer(token: &Addr, recipient: &Addr, amount: Uint128) -> StdResult<CosmosMsg> {
    cw20_transfer(token.as_str(), recipient.as_str(), amount)
}

fn invalid(field: &str, reason: String) -> ContractError {
    ContractError::InvalidInput {
        field: field.to_string(),
        reason,
    }
}

pub fn book_guest(
    deps: DepsMut,
    env: Env,
    payer: Addr,
    amount: Uint128,
    msg: BookGuestMsg,
) -> Result<Response, ContractError> {
    let BookGuestMsg {
        home_id,
        guest,
        start_day,
        end_day,
        on_behalf_of,
    } = msg;
    // Only a trusted agent may book for someone else, or anyone could dodge their own caps.
    if let Some(visitor) = &on_behalf_of {
        let agents = BOOKING_AGENTS.may_load(deps.storage)?.unwrap_or_default();
        if !agents.contains(&payer) {
            return Err(ContractError::NotBookingAgent);
        }
        validate_text(visitor, "on_behalf_of", MAX_ON_BEHALF_OF_LEN)?;
    }
    let mut home = load_home(deps.storage, home_id)?;
    if home.status != HomeStatus::Guest {
        return Err(ContractError::NotGuestHome { home_id });
    }
    validate_text(&guest, "guest", MAX_GUEST_LEN)?;
    let rules = CONFIG.load(deps.storage)?.guest;
    let per_home = (rules.max_nights_held_per_home, "at one home");
    let in_all = (rules.max_nights_held, "in all");
    let today = today(&env);
    if start_day < today {
        return Err(invalid("start_day", "is in the past".to_string()));
    }
    if start_day > today.saturating_add(rules.max_advance_days) {
        return Err(invalid(
            "start_day",
            format!("at most {} days ahead", rules.max_advance_days),
        ));
    }
    if end_day <= start_day || end_day - start_day > rules.max_stay_days {
        return Err(invalid(
            "end_day",
            format!("a stay is 1 to {} nights", rules.max_stay_days),
        ));
    }
    let expected = rules
        .price_per_day
        .checked_mul(Uint128::from(end_day - start_day))?;
    if amount != expected {
        return Err(ContractError::WrongPayment {
            expected,
            received: amount,
        });
    }
    // Bookings never overlap, so only the last one starting before `end_day` can collide.
    let previous = BOOKED_NIGHTS
        .prefix(home_id)
        .range(
            deps.storage,
            None,
            Some(Bound::exclusive(end_day)),
            Order::Descending,
        )
        .next()
        .transpose()?;
    if let Some((_, other_id)) = previous {
        if BOOKINGS.load(deps.storage, other_id)?.end_day > start_day {
            return Err(ContractError::Overlap {
                start_day,
                end_day,
                booking_id: other_id,
            });
        }
    }

    let nights = end_day - start_day;
    match on_behalf_of.as_deref() {
        None => {
            let at = (&payer, home_id);
            let held_at = would_hold(deps.storage, &NIGHTS_HELD_AT, at, nights, per_home)?;
            let held = would_hold(deps.storage, &NIGHTS_HELD, &payer, nights, in_all)?;
            NIGHTS_HELD_AT.save(deps.storage, at, &held_at)?;
            NIGHTS_HELD.save(deps.storage, &payer, &held)?;
        }
        Some(visitor) => {
            let at = (&payer, visitor, home_id);
            let held_at = would_hold(deps.storage, &VISITOR_NIGHTS_HELD_AT, at, nights, per_home)?;
            let by = (&payer, visitor);
            let held = would_hold(deps.storage, &VISITOR_NIGHTS_HELD, by, nights, in_all)?;
            let cap = (rules.max_nights_held_per_agent, "by the booking agent");
            let agent = would_hold(deps.storage, &AGENT_NIGHTS_HELD, &payer, nights, cap)?;
            // The last check: it writes only once every night is under the cap.
            if let Some(node) = visiting_node(visitor) {
                count_visitor(deps.storage, node, start_day, end_day)?;
            }
            VISITOR_NIGHTS_HELD_AT.save(deps.storage, at, &held_at)?;
            VISITOR_NIGHTS_HELD.save(deps.storage, by, &held)?;
            AGENT_NIGHTS_HELD.save(deps.storage, &payer, &agent)?;
        }
    }

    let booking_id = take_next_id(deps.storage, &NEXT_BOOKING_ID)?;
    BOOKINGS.save(
        deps.storage,
        booking_id,
        &Booking {
            home_id,
            guest: guest.clone(),
            payer: payer.clone(),
            on_behalf_of: on_behalf_of.clone(),
            start_day,
            end_day,
            paid: amount,
            status: BookingStatus::Active,
            refunded: Uint128::zero(),
        },
    )?;
    BOOKED_NIGHTS.save(deps.storage, (home_id, start_day), &booking_id)?;
    let nominal = ESCROW_NOMINAL.may_load(deps.storage)?.unwrap_or_default();
    ESCROW_NOMINAL.save(deps.storage, &nominal.checked_add(amount)?)?;
    home.open_bookings += 1;
    HOMES.save(deps.storage, home_id, &home)?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::BOOK_GUEST)
        .add_attribute(attr::BOOKING_ID, booking_id.to_string())
        .add_attribute(attr::HOME_ID, home_id.to_string())
        .add_attribute(attr::GUEST, guest)
        .add_attribute(attr::PAYER, payer)
        .add_attribute(attr::ON_BEHALF_OF, on_behalf_of.unwrap_or_default())
        .add_attribute(attr::START_DAY, start_day.to_string())
        .add_attribute(attr::END_DAY, end_day.to_string())
        .add_attribute(attr::AMOUNT, amount))
}

/// The booking's share of what the registry really holds now (its balance decays).
pub fn held_for(deps: Deps, env: &Env, paid: Uint128) -> Result<Uint128, ContractError> {
    Ok(holdings(deps, env, paid)?.0)
}

/// A booking's share of what the registry holds now (never above what it paid), and the
/// registry's whole balance.
fn holdings(deps: Deps, env: &Env, paid: Uint128) -> Result<(Uint128, Uint128), ContractError> {
    let nominal = ESCROW_NOMINAL.may_load(deps.storage)?.unwrap_or_default();
    if nominal.is_zero() {
        return Ok((Uint128::zero(), Uint128::zero()));
    }
    let token = CONFIG.load(deps.storage)?.token;
    let balance = cw20_balance(&deps.querier, token.as_str(), env.contract.address.as_str())?;
    let share = paid
        .checked_multiply_ratio(balance, nominal)
        .map_err(|e| StdError::generic_err(e.to_string()))?;
    Ok((share.min(paid), balance))
}

pub struct Quote {
    pub held: Uint128,
    pub refund: Uint128,
    pub to_treasury: Uint128,
}

/// The published rule: with enough notice the payer gets all but `cancellation_fee`, later
/// (before the first night) the late share; the admin's cancellation refunds in full. Rounded
/// down.
pub fn quote(
    deps: Deps,
    env: &Env,
    booking: &Booking,
    by_admin: bool,
) -> Result<Quote, ContractError> {
    let rules = CONFIG.load(deps.storage)?.guest;
    let notice = booking.start_day.saturating_sub(today(env));
    let share = if by_admin {
        Decimal::one()
    } else if notice >= rules.full_refund_notice_days {
        Decimal::one() - rules.cancellation_fee
    } else {
        rules.late_refund_share
    };
    let (held, balance) = holdings(deps, env, booking.paid)?;
    let refund = held.mul_floor(share);
    // The token debits the shares a transfer is worth rounded up, so after the refund the
    // registry may hold one unit less than `balance - refund`. When the booking is all the
    // registry holds, the treasury's part leaves that unit behind (demurrage returns it to the
    // commons), so that both transfers go through.
    let mut to_treasury = held - refund;
    if !refund.is_zero() {
        to_treasury = to_treasury.min((balance - refund).saturating_sub(Uint128::one()));
    }
    Ok(Quote {
        held,
        refund,
        to_treasury,
    })
}

/// Frees the nights exactly where `book_guest` counted them.
fn close(deps: DepsMut, booking: &Booking) -> Result<(), ContractError> {
    let nights = booking.end_day - booking.start_day;
    let (payer, home_id) = (&booking.payer, booking.home_id);
    match booking.on_behalf_of.as_deref() {
        None => {
            release(deps.storage, &NIGHTS_HELD_AT, (payer, home_id), nights)?;
            release(deps.storage, &NIGHTS_HELD, payer, nights)?;
        }
        Some(visitor) => {
            let at = (payer, visitor, home_id);
            release(deps.storage, &VISITOR_NIGHTS_HELD_AT, at, nights)?;
            release(deps.storage, &VISITOR_NIGHTS_HELD, (payer, visitor), nights)?;
            release(deps.storage, &AGENT_NIGHTS_HELD, payer, nights)?;
        }
    }
    let nominal = ESCROW_NOMINAL.may_load(deps.storage)?.unwrap_or_default();
    ESCROW_NOMINAL.save(deps.storage, &nominal.saturating_sub(booking.paid))?;
    let mut home = HOMES.load(deps.storage, booking.home_id)?;
    home.open_bookings = home.open_bookings.saturating_sub(1);
    HOMES.save(deps.storage, booking.home_id, &home)?;
    Ok(())
}

fn load_active(deps: Deps, booking_id: u64) -> Result<Booking, ContractError> {
    let booking = BOOKINGS
        .may_load(deps.storage, booking_id)?
        .ok_or(ContractError::BookingNotFound { booking_id })?;
    if booking.status != BookingStatus::Active {
        return Err(ContractError::BookingNotActive { booking_id });
    }
    Ok(booking)
}

pub fn cancel_booking(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    booking_id: u64,
) -> Result<Response, ContractError> {
    let mut booking = load_active(deps.as_ref(), booking_id)?;
    let by_payer = info.sender == booking.payer;
    let by_admin = ADMIN.get(deps.storage)? == info.sender;
    if !by_payer && !by_admin {
        return Err(ContractError::NotPayer { booking_id });
    }
    if today(&env) >= booking.start_day {
        return Err(ContractError::StayBegun { booking_id });
    }
    let q = quote(deps.as_ref(), &env, &booking, by_admin)?;
    close(deps.branch(), &booking)?;
    // A completed stay stays counted (its guests are there); a cancelled one frees its nights.
    if let Some(node) = booking.on_behalf_of.as_deref().and_then(visiting_node) {
        for night in booking.start_day..booking.end_day {
            release(deps.storage, &VISITORS_ON, (node, night), 1)?;
        }
    }
    BOOKED_NIGHTS.remove(deps.storage, (booking.home_id, booking.start_day));
    booking.status = BookingStatus::Cancelled;
    booking.refunded = q.refund;
    BOOKINGS.save(deps.storage, booking_id, &booking)?;

    let config = CONFIG.load(deps.storage)?;
    let mut response = Response::new();
    if !q.refund.is_zero() {
        response = response.add_message(refund_msg(
            deps.as_ref(),
            &config.token,
            &booking,
            booking_id,
            q.refund,
        )?);
    }
    if !q.to_treasury.is_zero() {
        response = response.add_message(token_transfer(
            &config.token,
            &config.treasury,
            q.to_treasury,
        )?);
    }
    Ok(response
        .add_attribute(attr::ACTION, attr::CANCEL_BOOKING)
        .add_attribute(attr::BOOKING_ID, booking_id.to_string())
        .add_attribute(attr::SENDER, info.sender)
        .add_attribute(attr::PAYER, booking.payer)
        .add_attribute(attr::REFUND, q.refund)
        .add_attribute(attr::TO_TREASURY, q.to_treasury))
}

/// The payer's refund. A contract payer (the IBC relay booking for a visitor from another
/// node) gets a cw20 `Send` whose hook names the booking, so it can pass the refund on to whoever
/// it booked for; an account gets a plain transfer.
fn refund_msg(
    deps: Deps,
    token: &Addr,
    booking: &Booking,
    booking_id: u64,
    amount: Uint128,
) -> StdResult<CosmosMsg> {
    #[derive(serde::Serialize, dac_common::LeanSerialize)]
    #[serde(rename_all = "snake_case")]
    enum PayerHook {
        BookingRefund {
            booking_id: u64,
            home_id: u64,
            start_day: u64,
        },
    }
    if !is_contract(&deps.querier, booking.payer.as_str()) {
        return token_transfer(token, &booking.payer, amount);
    }
    let hook = dac_common::json::to_json_binary(&PayerHook::BookingRefund {
        booking_id,
        home_id: booking.home_id,
        start_day: booking.start_day,
    })?;
    dac_common::calls::cw20_send(token.as_str(), booking.payer.as_str(), amount, &hook)
}

pub fn release_booking_payment(
    mut deps: DepsMut,
    env: Env,
    booking_id: u64,
) -> Result<Response, ContractError> {
    let mut booking = load_active(deps.as_ref(), booking_id)?;
    if today(&env) < booking.start_day {
        return Err(ContractError::StayNotBegun { booking_id });
    }
    let held = held_for(deps.as_ref(), &env, booking.paid)?;
    close(deps.branch(), &booking)?;
    booking.status = BookingStatus::Completed;
    BOOKINGS.save(deps.storage, booking_id, &booking)?;
    let config = CONFIG.load(deps.storage)?;
    let mut response = Response::new();
    if !held.is_zero() {
        response = response.add_message(token_transfer(&config.token, &config.treasury, held)?);
    }
    Ok(response
        .add_attribute(attr::ACTION, attr::RELEASE_BOOKING_PAYMENT)
        .add_attribute(attr::BOOKING_ID, booking_id.to_string())
        .add_attribute(attr::TO_TREASURY, held))
}
