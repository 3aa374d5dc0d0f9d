use cosmwasm_std::{Addr, Deps, Env, Order, StdError, StdResult};
use dac_common::pagination::{after, clamp_limit, page};

use crate::error::ContractError;
use crate::execute::{fees, guests};
use crate::helpers::load_home;
use crate::msg::{
    AllNftInfoResponse, ApplicationResponse, ApplicationsResponse, ArrearsResponse,
    BookingResponse, BookingsResponse, ConfigResponse, ContractInfoResponse, GuidelinesResponse,
    HomeMetadata, HomeOfResponse, HomeResponse, HomesResponse, ListArrearsResponse,
    ModificationResponse, ModificationsResponse, NftInfoResponse, NumTokensResponse,
    OwnerOfResponse, RefundQuoteResponse, ScoreResponse, SwapResponse, TokensResponse,
    VisitorsResponse,
};
use crate::score::score;
use crate::state::{
    Application, Booking, FeeAccount, Home, Modification, Right, APPLICATIONS, BOOKED_NIGHTS,
    BOOKINGS, BOOKING_AGENTS, CONFIG, FEE_ACCOUNTS, GUIDELINES, HOMES, HOME_OF, MODIFICATIONS,
    NUM_RIGHTS, PENDING_HOUSEHOLDS, QUEUE_ORDER, RIGHTS, SWAPS, VISITORS_ON,
};

fn std_err(e: ContractError) -> StdError {
    match e {
        ContractError::Std(e) => e,
        other => StdError::generic_err(other.to_string()),
    }
}

pub fn config(deps: Deps) -> StdResult<ConfigResponse> {
    let c = CONFIG.load(deps.storage)?;
    Ok(ConfigResponse {
        membership: c.membership.into(),
        token: c.token.into(),
        treasury: c.treasury.into(),
        fees: c.fees,
        guest: c.guest,
        grace_period_seconds: c.grace_period_seconds,
        name: c.name,
        symbol: c.symbol,
        score_weights: c.score_weights,
        booking_agents: BOOKING_AGENTS
            .may_load(deps.storage)?
            .unwrap_or_default()
            .into_iter()
            .map(String::from)
            .collect(),
    })
}

fn home_response(deps: Deps, home_id: u64, home: Home) -> StdResult<HomeResponse> {
    let right: Option<Right> = RIGHTS.may_load(deps.storage, home_id)?;
    let pending = PENDING_HOUSEHOLDS.may_load(deps.storage, home_id)?;
    Ok(HomeResponse {
        home_id,
        rooms: home.rooms,
        accessibility: home.accessibility,
        zone: home.zone,
        status: home.status,
        holder: right.as_ref().map(|r| r.holder.to_string()),
        held_since: right.as_ref().map(|r| r.since),
        household_size: right.as_ref().map(|r| r.household_size),
        grace_ends: right.and_then(|r| r.grace_ends),
        open_bookings: home.open_bookings,
        pending_household_size: pending.map(|p| p.household_size),
    })
}

pub fn home(deps: Deps, home_id: u64) -> StdResult<HomeResponse> {
    let home = load_home(deps.storage, home_id).map_err(std_err)?;
    home_response(deps, home_id, home)
}

pub fn list_homes(
    deps: Deps,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> StdResult<HomesResponse> {
    let homes = page(
        HOMES
            .range(deps.storage, after(start_after), None, Order::Ascending)
            .map(|item| {
                let (id, home) = item?;
                home_response(deps, id, home)
            }),
        limit,
    )?;
    Ok(HomesResponse { homes })
}

pub fn home_of(deps: Deps, holder: String) -> StdResult<HomeOfResponse> {
    let holder = deps.api.addr_validate(&holder)?;
    Ok(HomeOfResponse {
        home_id: HOME_OF.may_load(deps.storage, &holder)?,
    })
}

fn application_response(applicant: &Addr, app: Application) -> ApplicationResponse {
    ApplicationResponse {
        applicant: applicant.to_string(),
        household_size: app.household_size,
        needs: app.needs,
        evidence_commitment: app.evidence_commitment,
        applied_at: app.applied_at,
        queue_position: app.seq,
    }
}

pub fn application(deps: Deps, applicant: String) -> StdResult<ApplicationResponse> {
    let applicant = deps.api.addr_validate(&applicant)?;
    let app = APPLICATIONS
        .may_load(deps.storage, &applicant)?
        .ok_or_else(|| std_err(ContractError::NoApplication))?;
    Ok(application_response(&applicant, app))
}

pub fn list_applications(
    deps: Deps,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> StdResult<ApplicationsResponse> {
    let applications = page(
        QUEUE_ORDER
            .range(deps.storage, after(start_after), None, Order::Ascending)
            .map(|item| {
                let (_, applicant) = item?;
                let app = APPLICATIONS.load(deps.storage, &applicant)?;
                Ok(application_response(&applicant, app))
            }),
        limit,
    )?;
    Ok(ApplicationsResponse { applications })
}

pub fn score_of(deps: Deps, env: Env, applicant: String, home_id: u64) -> StdResult<ScoreResponse> {
    let applicant = deps.api.addr_validate(&applicant)?;
    let app = APPLICATIONS
        .may_load(deps.storage, &applicant)?
        .ok_or_else(|| std_err(ContractError::NoApplication))?;
    let home = load_home(deps.storage, home_id).map_err(std_err)?;
    let weights = CONFIG.load(deps.storage)?.score_weights;
    let s = score(&app, &home, env.block.time, &weights);
    Ok(ScoreResponse {
        applicant: applicant.to_string(),
        home_id,
        eligible: s.ineligible.is_none(),
        reason: s.ineligible.map(|i| i.describe()),
        rooms_needed: s.rooms_needed,
        excess_rooms: s.excess_rooms,
        fit_points: s.fit_points,
        waiting_days: s.waiting_days,
        waiting_points: s.waiting_points,
        total: s.total,
        queue_position: app.seq,
    })
}

pub fn guidelines(deps: Deps) -> StdResult<GuidelinesResponse> {
    Ok(GuidelinesResponse {
        guidelines: GUIDELINES.may_load(deps.storage)?.unwrap_or_default(),
    })
}

fn modification_response(home_id: u64, id: u64, m: Modification) -> ModificationResponse {
    ModificationResponse {
        modification_id: id,
        home_id,
        holder: m.holder.into(),
        category: m.category,
        plan_hash: m.plan_hash,
        estimated_cost: m.estimated_cost,
        status: m.status,
        requested_at: m.requested_at,
        decided_at: m.decided_at,
    }
}

pub fn modification(
    deps: Deps,
    home_id: u64,
    modification_id: u64,
) -> StdResult<ModificationResponse> {
    let m = MODIFICATIONS
        .may_load(deps.storage, (home_id, modification_id))?
        .ok_or_else(|| {
            std_err(ContractError::ModificationNotFound {
                home_id,
                modification_id,
            })
        })?;
    Ok(modification_response(home_id, modification_id, m))
}

pub fn list_modifications(
    deps: Deps,
    home_id: u64,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> StdResult<ModificationsResponse> {
    let modifications = page(
        MODIFICATIONS
            .prefix(home_id)
            .range(deps.storage, after(start_after), None, Order::Ascending)
            .map(|item| {
                let (id, m) = item?;
                Ok(modification_response(home_id, id, m))
            }),
        limit,
    )?;
    Ok(ModificationsResponse { modifications })
}

pub fn swap(deps: Deps, home_id: u64) -> StdResult<Option<SwapResponse>> {
    Ok(SWAPS
        .may_load(deps.storage, home_id)?
        .map(|s| SwapResponse {
            home_id,
            with_home_id: s.with_home_id,
            proposer: s.proposer.into(),
            counterpart: s.counterpart.into(),
        }))
}

fn arrears_response(address: &Addr, acc: FeeAccount) -> ArrearsResponse {
    ArrearsResponse {
        address: address.to_string(),
        home_id: acc.home_id,
        arrears: acc.owed,
        credit: acc.credit,
        fee_per_period: acc.fee_per_period,
        paid_total: acc.paid_total,
    }
}

pub fn arrears(deps: Deps, env: Env, address: String) -> StdResult<ArrearsResponse> {
    let addr = deps.api.addr_validate(&address)?;
    let clock = fees::Clock::new(deps.storage, deps.querier, env.block.time)?;
    let acc = fees::account_at(deps.storage, &addr, &clock)
        .map_err(std_err)?
        .ok_or_else(|| std_err(ContractError::NoFeeAccount))?;
    Ok(arrears_response(&addr, acc))
}

pub fn list_arrears(
    deps: Deps,
    env: Env,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<ListArrearsResponse> {
    let start = start_after
        .map(|a| deps.api.addr_validate(&a))
        .transpose()?;
    let scanned: Vec<_> = page(
        FEE_ACCOUNTS.range(deps.storage, after(start.as_ref()), None, Order::Ascending),
        limit,
    )?;
    let next_start_after = (scanned.len() == clamp_limit(limit))
        .then(|| scanned.last().map(|(a, _)| a.to_string()))
        .flatten();
    let mut accounts = vec![];
    let clock = fees::Clock::new(deps.storage, deps.querier, env.block.time)?;
    for (addr, mut acc) in scanned {
        fees::bring_to(&mut acc, &clock).map_err(std_err)?;
        if !acc.owed.is_zero() {
            accounts.push(arrears_response(&addr, acc));
        }
    }
    Ok(ListArrearsResponse {
        accounts,
        next_start_after,
    })
}

fn booking_response(booking_id: u64, b: Booking) -> BookingResponse {
    BookingResponse {
        booking_id,
        home_id: b.home_id,
        guest: b.guest,
        payer: b.payer.into(),
        on_behalf_of: b.on_behalf_of,
        start_day: b.start_day,
        end_day: b.end_day,
        paid: b.paid,
        status: b.status,
        refunded: b.refunded,
    }
}

fn load_booking(deps: Deps, booking_id: u64) -> StdResult<Booking> {
    BOOKINGS
        .may_load(deps.storage, booking_id)?
        .ok_or_else(|| std_err(ContractError::BookingNotFound { booking_id }))
}

pub fn booking(deps: Deps, booking_id: u64) -> StdResult<BookingResponse> {
    Ok(booking_response(
        booking_id,
        load_booking(deps, booking_id)?,
    ))
}

pub fn list_bookings(
    deps: Deps,
    home_id: u64,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> StdResult<BookingsResponse> {
    let bookings = page(
        BOOKED_NIGHTS
            .prefix(home_id)
            .range(deps.storage, after(start_after), None, Order::Ascending)
            .map(|item| {
                let (_, id) = item?;
                Ok(booking_response(id, BOOKINGS.load(deps.storage, id)?))
            }),
        limit,
    )?;
    Ok(BookingsResponse { bookings })
}

pub fn visitors(deps: Deps, node: String, night: u64) -> StdResult<VisitorsResponse> {
    Ok(VisitorsResponse {
        booked: VISITORS_ON
            .may_load(deps.storage, (&node, night))?
            .unwrap_or_default(),
        cap: guests::visitor_cap(deps.storage, &node)?,
    })
}

pub fn refund_quote(
    deps: Deps,
    env: Env,
    booking_id: u64,
    as_admin: bool,
) -> StdResult<RefundQuoteResponse> {
    let booking = load_booking(deps, booking_id)?;
    let q = guests::quote(deps, &env, &booking, as_admin).map_err(std_err)?;
    Ok(RefundQuoteResponse {
        held_now: q.held,
        refund: q.refund,
        to_treasury: q.to_treasury,
    })
}

// ---- cw721 ----

fn parse_token_id(token_id: &str) -> StdResult<u64> {
    token_id
        .parse()
        .map_err(|_| StdError::generic_err(format!("token_id {token_id} is not a home id")))
}

fn right_of(deps: Deps, token_id: &str) -> StdResult<(u64, Right)> {
    let home_id = parse_token_id(token_id)?;
    let right = RIGHTS
        .may_load(deps.storage, home_id)?
        .ok_or_else(|| StdError::not_found(format!("right of use on home {home_id}")))?;
    Ok((home_id, right))
}

pub fn owner_of(deps: Deps, token_id: String) -> StdResult<OwnerOfResponse> {
    let (_, right) = right_of(deps, &token_id)?;
    Ok(OwnerOfResponse {
        owner: right.holder.into(),
        approvals: vec![],
    })
}

pub fn nft_info(deps: Deps, token_id: String) -> StdResult<NftInfoResponse> {
    let (home_id, right) = right_of(deps, &token_id)?;
    let home = HOMES.load(deps.storage, home_id)?;
    Ok(NftInfoResponse {
        token_uri: None,
        extension: HomeMetadata {
            rooms: home.rooms,
            accessibility: home.accessibility,
            zone: home.zone,
            held_since: right.since,
            transferable: false,
        },
    })
}

pub fn all_nft_info(deps: Deps, token_id: String) -> StdResult<AllNftInfoResponse> {
    Ok(AllNftInfoResponse {
        access: owner_of(deps, token_id.clone())?,
        info: nft_info(deps, token_id)?,
    })
}

/// A holder has at most one token.
pub fn tokens(
    deps: Deps,
    owner: String,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<TokensResponse> {
    let owner = deps.api.addr_validate(&owner)?;
    let after = start_after.map(|s| parse_token_id(&s)).transpose()?;
    let tokens = HOME_OF
        .may_load(deps.storage, &owner)?
        .filter(|id| after.is_none_or(|a| *id > a))
        .map(|id| id.to_string())
        .into_iter()
        .take(clamp_limit(limit))
        .collect();
    Ok(TokensResponse { tokens })
}

/// Token ids in ascending home id (numeric order).
pub fn all_tokens(
    deps: Deps,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<TokensResponse> {
    let start = start_after.map(|s| parse_token_id(&s)).transpose()?;
    let tokens = page(
        RIGHTS
            .keys(deps.storage, after(start), None, Order::Ascending)
            .map(|id| id.map(|id| id.to_string())),
        limit,
    )?;
    Ok(TokensResponse { tokens })
}

pub fn num_tokens(deps: Deps) -> StdResult<NumTokensResponse> {
    Ok(NumTokensResponse {
        count: NUM_RIGHTS.may_load(deps.storage)?.unwrap_or_default(),
    })
}

pub fn contract_info(deps: Deps) -> StdResult<ContractInfoResponse> {
    let c = CONFIG.load(deps.storage)?;
    Ok(ContractInfoResponse {
        name: c.name,
        symbol: c.symbol,
    })
}
