//! Entry points: validate, then dispatch to the named handlers in `execute/` and `query`.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{to_json_binary, Binary, Deps, DepsMut, Env, MessageInfo, Response, StdResult};

use crate::attributes as attr;
use crate::error::ContractError;
use crate::execute::{
    admin, allocation, applications, cw721, fees, guests, modifications, receive, rights, swaps,
};
use crate::helpers::validate_text;
use crate::msg::{
    AllNftInfoResponse, ApplicationResponse, ApplicationsResponse, ArrearsResponse,
    BookingResponse, BookingsResponse, ConfigResponse, ContractInfoResponse, ExecuteMsg,
    GuidelinesResponse, HomeOfResponse, HomeResponse, HomesResponse, InstantiateMsg,
    ListArrearsResponse, MigrateMsg, ModificationResponse, ModificationsResponse, NftInfoResponse,
    NumTokensResponse, OwnerOfResponse, QueryMsg, RefundQuoteResponse, ScoreResponse, ScoreWeights,
    SwapResponse, TokensResponse, VisitorsResponse,
};
use crate::query;
use crate::state::{Config, ADMIN, CONFIG, GUIDELINES, NUM_RIGHTS};
use dac_common::admin::AdminState;
use dac_common::migrate::{migrate_attributes, Release, FIRST_RELEASE_LAYOUT};
use serde::Serialize;

/// cw2's name for this code, checked by `migrate`: changing it would refuse deployed contracts.
pub const CONTRACT_NAME: &str = concat!("crates.io:", env!("CARGO_PKG_NAME"));
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// This code's stored layout (`dac_common::migrate`): layout 2 adds the score weights to `Config` (see `migrate`).
pub const RELEASE: Release = Release {
    contract: CONTRACT_NAME,
    version: CONTRACT_VERSION,
    layout: 2,
    oldest_layout: FIRST_RELEASE_LAYOUT,
};

#[cfg_attr(not(feature = "library"), entry_point(crate = "dac_common::entry"))]
pub fn instantiate(
    deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    RELEASE.record(deps.storage)?;
    admin::validate_fees(&msg.fees)?;
    admin::validate_guest(&msg.guest)?;
    admin::validate_grace(msg.grace_period_seconds)?;
    admin::validate_guidelines(&msg.guidelines)?;
    validate_text(&msg.name, "name", 64)?;
    validate_text(&msg.symbol, "symbol", 16)?;
    let admin_addr = match msg.admin {
        Some(a) => deps.api.addr_validate(&a)?,
        None => info.sender.clone(),
    };
    ADMIN.init(deps.storage, admin_addr.clone())?;
    CONFIG.save(
        deps.storage,
        &Config {
            membership: deps.api.addr_validate(&msg.membership)?,
            token: deps.api.addr_validate(&msg.token)?,
            treasury: deps.api.addr_validate(&msg.treasury)?,
            fees: msg.fees,
            guest: msg.guest,
            grace_period_seconds: msg.grace_period_seconds,
            name: msg.name,
            symbol: msg.symbol,
            score_weights: ScoreWeights::default(),
        },
    )?;
    GUIDELINES.save(deps.storage, &msg.guidelines)?;
    NUM_RIGHTS.save(deps.storage, &0)?;
    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::INSTANTIATE)
        .add_attribute(attr::ADMIN, admin_addr))
}

#[cfg_attr(not(feature = "library"), entry_point(crate = "dac_common::entry"))]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    match msg {
        ExecuteMsg::RegisterHome {
            rooms,
            accessibility,
            zone,
            status,
        } => admin::register_home(deps, info, rooms, accessibility, zone, status),
        ExecuteMsg::UpdateHome {
            home_id,
            rooms,
            accessibility,
            zone,
            status,
        } => admin::update_home(deps, info, home_id, rooms, accessibility, zone, status),
        ExecuteMsg::SetGuidelines { guidelines } => admin::set_guidelines(deps, info, guidelines),
        ExecuteMsg::DecideModification {
            home_id,
            modification_id,
            approve,
        } => modifications::decide_modification(deps, env, info, home_id, modification_id, approve),
        ExecuteMsg::UpdateConfig {
            treasury,
            fees,
            guest,
            grace_period_seconds,
            score_weights,
        } => admin::update_config(
            deps,
            info,
            treasury,
            fees,
            guest,
            grace_period_seconds,
            score_weights,
        ),
        ExecuteMsg::SetBookingAgents { agents } => admin::set_booking_agents(deps, info, agents),
        ExecuteMsg::SetVisitorCap { node, cap } => admin::set_visitor_cap(deps, info, node, cap),
        ExecuteMsg::ProposeAdmin { admin } => admin::propose_admin(deps, info, admin),
        ExecuteMsg::AcceptAdmin {} => admin::accept_admin(deps, info),

        ExecuteMsg::Apply {
            household_size,
            needs,
            evidence_commitment,
        } => applications::apply(deps, env, info, household_size, needs, evidence_commitment),
        ExecuteMsg::UpdateApplication {
            household_size,
            needs,
            evidence_commitment,
        } => applications::update_application(
            deps,
            env,
            info,
            household_size,
            needs,
            evidence_commitment,
        ),
        ExecuteMsg::WithdrawApplication {} => applications::withdraw_application(deps, info),

        ExecuteMsg::Relinquish { home_id } => rights::relinquish(deps, env, info, home_id),
        ExecuteMsg::UpdateHousehold {
            home_id,
            household_size,
            evidence_commitment,
        } => rights::update_household(
            deps,
            env,
            info,
            home_id,
            household_size,
            evidence_commitment,
        ),
        ExecuteMsg::DecideHousehold { home_id, approve } => {
            rights::decide_household(deps, env, info, home_id, approve)
        }
        ExecuteMsg::RequestModification {
            home_id,
            category,
            plan_hash,
            estimated_cost,
        } => modifications::request_modification(
            deps,
            env,
            info,
            home_id,
            category,
            plan_hash,
            estimated_cost,
        ),
        ExecuteMsg::ProposeSwap {
            home_id,
            with_home_id,
        } => swaps::propose_swap(deps, info, home_id, with_home_id),
        ExecuteMsg::AcceptSwap {
            home_id,
            with_home_id,
        } => swaps::accept_swap(deps, env, info, home_id, with_home_id),
        ExecuteMsg::CancelSwap { home_id } => swaps::cancel_swap(deps, info, home_id),

        ExecuteMsg::AllocateRound { limit } => allocation::allocate_round(deps, env, limit),
        ExecuteMsg::CheckMembership { home_id } => rights::check_membership(deps, env, home_id),
        ExecuteMsg::MemberMoved {
            holder,
            household_stays,
        } => rights::member_moved(deps, env, info, holder, household_stays),
        ExecuteMsg::ReclaimHome { home_id } => rights::reclaim_home(deps, env, home_id),
        ExecuteMsg::RefreshFees { address } => fees::refresh_fees(deps, env, address),
        ExecuteMsg::ReleaseBookingPayment { booking_id } => {
            guests::release_booking_payment(deps, env, booking_id)
        }
        ExecuteMsg::CancelBooking { booking_id } => {
            guests::cancel_booking(deps, env, info, booking_id)
        }
        ExecuteMsg::Receive(wrapper) => receive::receive(deps, env, info, wrapper),

        ExecuteMsg::TransferNft { .. } => Err(cw721::refuse("transfer_nft")),
        ExecuteMsg::SendNft { .. } => Err(cw721::refuse("send_nft")),
        ExecuteMsg::Approve { .. } => Err(cw721::refuse("approve")),
        ExecuteMsg::Revoke { .. } => Err(cw721::refuse("revoke")),
        ExecuteMsg::ApproveAll { .. } => Err(cw721::refuse("approve_all")),
        ExecuteMsg::RevokeAll { .. } => Err(cw721::refuse("revoke_all")),
        ExecuteMsg::Burn { .. } => Err(cw721::refuse("burn")),
    }
}

/// Every query's answer, written as the answer itself (`untagged` adds nothing to the JSON): one
/// JSON writer for all of them, where `to_json_binary` of each type compiled one (~300 bytes each).
// One answer per query, built and written at once: boxing the large ones would only add allocations.
#[allow(clippy::large_enum_variant)]
#[derive(Serialize)]
#[serde(untagged)]
pub enum Answer {
    Config(ConfigResponse),
    Admin(AdminState),
    Home(HomeResponse),
    Homes(HomesResponse),
    HomeOf(HomeOfResponse),
    Application(ApplicationResponse),
    Applications(ApplicationsResponse),
    Score(ScoreResponse),
    Guidelines(GuidelinesResponse),
    Modification(ModificationResponse),
    Modifications(ModificationsResponse),
    Swap(Option<SwapResponse>),
    Arrears(ArrearsResponse),
    ListArrears(ListArrearsResponse),
    Booking(BookingResponse),
    Bookings(BookingsResponse),
    Visitors(VisitorsResponse),
    RefundQuote(RefundQuoteResponse),
    OwnerOf(OwnerOfResponse),
    NftInfo(NftInfoResponse),
    AllNftInfo(AllNftInfoResponse),
    Tokens(TokensResponse),
    NumTokens(NumTokensResponse),
    ContractInfo(ContractInfoResponse),
}

#[cfg_attr(not(feature = "library"), entry_point(crate = "dac_common::entry"))]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> StdResult<Binary> {
    to_json_binary(&answer(deps, env, msg)?)
}

pub fn answer(deps: Deps, env: Env, msg: QueryMsg) -> StdResult<Answer> {
    Ok(match msg {
        QueryMsg::Config {} => Answer::Config(query::config(deps)?),
        QueryMsg::Admin {} => Answer::Admin(ADMIN.state(deps.storage)?),
        QueryMsg::Home { home_id } => Answer::Home(query::home(deps, home_id)?),
        QueryMsg::ListHomes { start_after, limit } => {
            Answer::Homes(query::list_homes(deps, start_after, limit)?)
        }
        QueryMsg::HomeOf { holder } => Answer::HomeOf(query::home_of(deps, holder)?),
        QueryMsg::Application { applicant } => {
            Answer::Application(query::application(deps, applicant)?)
        }
        QueryMsg::ListApplications { start_after, limit } => {
            Answer::Applications(query::list_applications(deps, start_after, limit)?)
        }
        QueryMsg::Score { applicant, home_id } => {
            Answer::Score(query::score_of(deps, env, applicant, home_id)?)
        }
        QueryMsg::Guidelines {} => Answer::Guidelines(query::guidelines(deps)?),
        QueryMsg::Modification {
            home_id,
            modification_id,
        } => Answer::Modification(query::modification(deps, home_id, modification_id)?),
        QueryMsg::ListModifications {
            home_id,
            start_after,
            limit,
        } => Answer::Modifications(query::list_modifications(
            deps,
            home_id,
            start_after,
            limit,
        )?),
        QueryMsg::Swap { home_id } => Answer::Swap(query::swap(deps, home_id)?),
        QueryMsg::Arrears { address } => Answer::Arrears(query::arrears(deps, env, address)?),
        QueryMsg::ListArrears { start_after, limit } => {
            Answer::ListArrears(query::list_arrears(deps, env, start_after, limit)?)
        }
        QueryMsg::Booking { booking_id } => Answer::Booking(query::booking(deps, booking_id)?),
        QueryMsg::ListBookings {
            home_id,
            start_after,
            limit,
        } => Answer::Bookings(query::list_bookings(deps, home_id, start_after, limit)?),
        QueryMsg::RefundQuote {
            booking_id,
            as_admin,
        } => Answer::RefundQuote(query::refund_quote(deps, env, booking_id, as_admin)?),
        QueryMsg::Visitors { node, night } => Answer::Visitors(query::visitors(deps, node, night)?),
        QueryMsg::OwnerOf { token_id, .. } => Answer::OwnerOf(query::owner_of(deps, token_id)?),
        QueryMsg::NftInfo { token_id } => Answer::NftInfo(query::nft_info(deps, token_id)?),
        QueryMsg::AllNftInfo { token_id, .. } => {
            Answer::AllNftInfo(query::all_nft_info(deps, token_id)?)
        }
        QueryMsg::Tokens {
            owner,
            start_after,
            limit,
        } => Answer::Tokens(query::tokens(deps, owner, start_after, limit)?),
        QueryMsg::AllTokens { start_after, limit } => {
            Answer::Tokens(query::all_tokens(deps, start_after, limit)?)
        }
        QueryMsg::NumTokens {} => Answer::NumTokens(query::num_tokens(deps)?),
        QueryMsg::ContractInfo {} => Answer::ContractInfo(query::contract_info(deps)?),
    })
}

/// Converts each older stored layout, oldest first, in bounded work (`crate::migrate`).
#[cfg_attr(not(feature = "library"), entry_point(crate = "dac_common::entry"))]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    let stored = RELEASE.check(deps.storage)?;
    let converted = crate::migrate::convert(deps.storage, stored.layout)?;
    RELEASE.record(deps.storage)?;
    Ok(Response::new().add_attributes(migrate_attributes(&RELEASE, &stored, &converted)))
}
