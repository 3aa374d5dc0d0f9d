//! Messages of the housing-rights registry. The cw721 query variants carry the cw721 names and
//! fields so wallets and explorers show a right of use as a token; the cw721 transfer-like
//! execute variants exist only so that they are refused with a clear error.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Binary, Decimal, Timestamp, Uint128};
use cw20::Cw20ReceiveMsg;
use cw_utils::Expiration;
use dac_common::de::empty;

/// An accessibility feature a home offers or a household needs.
#[cw_serde]
#[derive(Copy, Eq, PartialOrd, Ord)]
pub enum Accessibility {
    StepFree,
    Wheelchair,
    Elevator,
    GroundFloor,
    VisualAids,
    HearingAids,
}

#[cw_serde]
#[derive(Copy, Eq)]
pub enum HomeStatus {
    /// Vacant and offered to applicants by the allocation rounds.
    Available,
    /// A member holds the right of use. Set only by allocation, never by the admin.
    Occupied,
    /// Vacant and not offered.
    UnderRepair,
    /// Vacant and bookable by visitors for dates.
    Guest,
}

/// Usage fee per period: `base_fee + excess_room_fee × k(k+1)/2`, where `k` is the number of
/// rooms the home has beyond what the household needs (one room per person): each extra room
/// costs one step more than the previous one.
#[cw_serde]
pub struct FeeParams {
    pub period_seconds: u64,
    pub base_fee: Uint128,
    pub excess_room_fee: Uint128,
}

/// Guest bookings: price per night and the published cancellation rule. A payer's cancellation
/// at least `full_refund_notice_days` before the first night keeps `cancellation_fee` of the
/// payment; a later one, before the first night, refunds `late_refund_share` (at most
/// `1 − cancellation_fee`: the cost grows as the night approaches); nothing is refunded once
/// the stay began. The admin's cancellation refunds everything. So that nobody can hold
/// nights for free, a payer holds at most `max_nights_held_per_home` nights of one home and
/// `max_nights_held` in all, in bookings not yet released.
#[cw_serde]
pub struct GuestParams {
    pub price_per_day: Uint128,
    pub full_refund_notice_days: u64,
    pub late_refund_share: Decimal,
    pub max_stay_days: u64,
    pub max_advance_days: u64,
    /// At least `MIN_CANCELLATION_FEE`; default 10%.
    #[serde(default = "default_cancellation_fee")]
    pub cancellation_fee: Decimal,
    /// From `max_stay_days` to `max_nights_held`; default 60.
    #[serde(default = "default_max_nights_held_per_home")]
    pub max_nights_held_per_home: u64,
    /// At most `MAX_NIGHTS_HELD`; default 120.
    #[serde(default = "default_max_nights_held")]
    pub max_nights_held: u64,
    /// From `max_nights_held` to `MAX_NIGHTS_HELD_PER_AGENT`; default 1200.
    #[serde(default = "default_max_nights_held_per_agent")]
    pub max_nights_held_per_agent: u64,
}

pub fn default_cancellation_fee() -> Decimal {
    Decimal::percent(10)
}

pub fn default_max_nights_held_per_home() -> u64 {
    60
}

pub fn default_max_nights_held() -> u64 {
    120
}

pub fn default_max_nights_held_per_agent() -> u64 {
    1_200
}

/// A published guideline: a modification of this category costing at most `max_cost` is
/// approved at once; anything else goes to the admin (the council).
#[cw_serde]
pub struct Guideline {
    pub category: String,
    pub max_cost: Uint128,
}

#[cw_serde]
pub struct InstantiateMsg {
    /// The council in production. Defaults to the sender.
    pub admin: Option<String>,
    /// cw4-shaped membership source (the council). Fixed for the contract's life so that no
    /// admin can point it elsewhere to make holders look like non-members.
    pub membership: String,
    /// The node's demurrage token; the only cw20 accepted. Fixed for the contract's life.
    pub token: String,
    /// Receives usage fees and earned guest payments (e.g. the council's upkeep fund).
    pub treasury: String,
    pub fees: FeeParams,
    pub guest: GuestParams,
    /// Time between "the holder is no longer a member" being recorded and the home returning
    /// to the node. `MIN_GRACE_PERIOD_SECONDS` (30 days) to `MAX_GRACE_PERIOD_SECONDS` (10 years).
    pub grace_period_seconds: u64,
    #[serde(default)]
    pub guidelines: Vec<Guideline>,
    /// cw721 contract info shown by wallets.
    pub name: String,
    pub symbol: String,
}

#[cw_serde]
pub enum ExecuteMsg {
    // ---- admin (the council) ----
    /// Adds a home owned by the node. `status` must be a vacant status.
    #[serde(deserialize_with = "execute_register_home")]
    RegisterHome {
        rooms: u32,
        accessibility: Vec<Accessibility>,
        zone: String,
        status: HomeStatus,
    },
    /// Describes or re-classifies a VACANT home; an occupied home is refused.
    #[serde(deserialize_with = "execute_update_home")]
    UpdateHome {
        home_id: u64,
        rooms: Option<u32>,
        accessibility: Option<Vec<Accessibility>>,
        zone: Option<String>,
        status: Option<HomeStatus>,
    },
    /// Replaces the published modification guidelines.
    #[serde(deserialize_with = "execute_set_guidelines")]
    SetGuidelines { guidelines: Vec<Guideline> },
    /// Approves or refuses a modification that fell outside the guidelines.
    #[serde(deserialize_with = "execute_decide_modification")]
    DecideModification {
        home_id: u64,
        modification_id: u64,
        approve: bool,
    },
    /// Approves (applied from now) or refuses a holder's pending larger household.
    #[serde(deserialize_with = "execute_decide_household")]
    DecideHousehold { home_id: u64, approve: bool },
    /// New parameters apply to fee accounts from their next settlement and to future bookings
    /// and grace clocks, never backwards.
    #[serde(deserialize_with = "execute_update_config")]
    UpdateConfig {
        treasury: Option<String>,
        fees: Option<FeeParams>,
        guest: Option<GuestParams>,
        grace_period_seconds: Option<u64>,
    },
    /// Replaces the booking agents (at most `MAX_BOOKING_AGENTS`, e.g. the node's IBC relay):
    /// payers who may book `on_behalf_of` visitors, each visitor with a payer's own caps.
    #[serde(deserialize_with = "execute_set_booking_agents")]
    SetBookingAgents { agents: Vec<String> },
    #[serde(deserialize_with = "execute_propose_admin")]
    ProposeAdmin { admin: Option<String> },
    #[serde(deserialize_with = "empty")]
    AcceptAdmin {},

    // ---- members ----
    /// One open application per member. A current holder may apply to move: on allocation
    /// the old home is released in the same step.
    #[serde(deserialize_with = "execute_apply")]
    Apply {
        household_size: u32,
        needs: Vec<Accessibility>,
        /// Hex SHA-256 of the supporting evidence kept off chain (never the evidence itself).
        evidence_commitment: Option<String>,
    },
    /// Changing the need profile (household size or needed features) restarts the waiting
    /// time in the new profile's queue; changing only the evidence commitment keeps it.
    #[serde(deserialize_with = "execute_update_application")]
    UpdateApplication {
        household_size: u32,
        needs: Vec<Accessibility>,
        evidence_commitment: Option<String>,
    },
    #[serde(deserialize_with = "empty")]
    WithdrawApplication {},

    // ---- holders ----
    /// Gives the home back to the node (e.g. moving to another node). Arrears stay recorded.
    #[serde(deserialize_with = "execute_relinquish")]
    Relinquish { home_id: u64 },
    /// The household changed. A smaller household applies at once (the fee can only rise); a
    /// larger one lowers the excess-room fee, so it needs `evidence_commitment` and waits for
    /// the admin's `decide_household`.
    #[serde(deserialize_with = "execute_update_household")]
    UpdateHousehold {
        home_id: u64,
        household_size: u32,
        /// Hex SHA-256 of the evidence kept off chain; required for a larger household.
        evidence_commitment: Option<String>,
    },
    #[serde(deserialize_with = "execute_request_modification")]
    RequestModification {
        home_id: u64,
        category: String,
        /// Hex SHA-256 of the plan kept off chain.
        plan_hash: String,
        estimated_cost: Uint128,
    },
    /// Offers to swap `home_id` (the sender's) with `with_home_id`; its holder must accept.
    #[serde(deserialize_with = "execute_propose_swap")]
    ProposeSwap { home_id: u64, with_home_id: u64 },
    /// The holder of `home_id` accepts the swap proposed by the holder of `with_home_id`.
    #[serde(deserialize_with = "execute_accept_swap")]
    AcceptSwap { home_id: u64, with_home_id: u64 },
    #[serde(deserialize_with = "execute_cancel_swap")]
    CancelSwap { home_id: u64 },

    // ---- anyone ----
    /// Allocates up to `limit` (at most `MAX_ROUND_HOMES`) available homes, see `score`.
    #[serde(deserialize_with = "execute_allocate_round")]
    AllocateRound { limit: u32 },
    /// Due process, step one: records that the holder is no longer a member and starts the
    /// grace clock; or clears a running clock if the holder is a member again.
    #[serde(deserialize_with = "execute_check_membership")]
    CheckMembership { home_id: u64 },
    /// Due process, step two: after the grace period, and only if the holder is still not a
    /// member, the home returns to the node.
    #[serde(deserialize_with = "execute_reclaim_home")]
    ReclaimHome { home_id: u64 },
    /// Settles the fee account of `address` at its stored rate and applies the current rate.
    #[serde(deserialize_with = "execute_refresh_fees")]
    RefreshFees { address: String },
    /// Once the stay has begun, pays the booking's (decayed) payment to the treasury.
    #[serde(deserialize_with = "execute_release_booking_payment")]
    ReleaseBookingPayment { booking_id: u64 },
    /// The payer (refund by the published rule) or the admin (full refund) cancels.
    #[serde(deserialize_with = "execute_cancel_booking")]
    CancelBooking { booking_id: u64 },
    /// Payments in the demurrage token, see `ReceiveMsg`.
    Receive(Cw20ReceiveMsg),

    // ---- cw721: a right of use is not a commodity; all of these are refused ----
    #[serde(deserialize_with = "execute_transfer_nft")]
    TransferNft { recipient: String, token_id: String },
    #[serde(deserialize_with = "execute_send_nft")]
    SendNft {
        contract: String,
        token_id: String,
        msg: Binary,
    },
    #[serde(deserialize_with = "execute_approve")]
    Approve {
        spender: String,
        token_id: String,
        expires: Option<Expiration>,
    },
    #[serde(deserialize_with = "execute_revoke")]
    Revoke { spender: String, token_id: String },
    #[serde(deserialize_with = "execute_approve_all")]
    ApproveAll {
        operator: String,
        expires: Option<Expiration>,
    },
    #[serde(deserialize_with = "execute_revoke_all")]
    RevokeAll { operator: String },
    #[serde(deserialize_with = "execute_burn")]
    Burn { token_id: String },
}

/// The `msg` of a cw20 `Send` of the demurrage token to this contract.
#[cw_serde]
pub enum ReceiveMsg {
    /// Pays usage fees of `holder` (default: the payer). Arrears are paid first; any surplus
    /// is credit for the coming periods.
    #[serde(deserialize_with = "receive_pay_fees")]
    PayFees { holder: Option<String> },
    /// Books a guest home for nights `start_day..end_day` (days since 1970-01-01 UTC, end
    /// exclusive). `guest` is free-form (a local or a remote address); refunds go to the payer
    /// (the cw20 sender, e.g. the IBC relay for a remote visitor).
    #[serde(deserialize_with = "receive_book_guest")]
    BookGuest {
        home_id: u64,
        guest: String,
        start_day: u64,
        end_day: u64,
        /// Only from a booking agent: who it books for (the relay: "<node>/<visitor>"). The
        /// nights count against that visitor's caps and the agent's, not the agent's own.
        on_behalf_of: Option<String>,
    },
}

#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    #[returns(ConfigResponse)]
    #[serde(deserialize_with = "empty")]
    Config {},
    #[returns(dac_common::admin::AdminState)]
    #[serde(deserialize_with = "empty")]
    Admin {},
    #[returns(HomeResponse)]
    #[serde(deserialize_with = "query_home")]
    Home { home_id: u64 },
    #[returns(HomesResponse)]
    #[serde(deserialize_with = "query_list_homes")]
    ListHomes {
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    /// The home a member holds, if any.
    #[returns(HomeOfResponse)]
    #[serde(deserialize_with = "query_home_of")]
    HomeOf { holder: String },
    #[returns(ApplicationResponse)]
    #[serde(deserialize_with = "query_application")]
    Application { applicant: String },
    /// Open applications in waiting order (oldest first), paginated by queue position.
    #[returns(ApplicationsResponse)]
    #[serde(deserialize_with = "query_list_applications")]
    ListApplications {
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    /// The published allocation score of an applicant for a home, with its parts.
    #[returns(ScoreResponse)]
    #[serde(deserialize_with = "query_score")]
    Score { applicant: String, home_id: u64 },
    #[returns(GuidelinesResponse)]
    #[serde(deserialize_with = "empty")]
    Guidelines {},
    #[returns(ModificationResponse)]
    #[serde(deserialize_with = "query_modification")]
    Modification { home_id: u64, modification_id: u64 },
    /// A home's modification history, oldest first.
    #[returns(ModificationsResponse)]
    #[serde(deserialize_with = "query_list_modifications")]
    ListModifications {
        home_id: u64,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(Option<SwapResponse>)]
    #[serde(deserialize_with = "query_swap")]
    Swap { home_id: u64 },
    /// Fees owed by `address` at this block (accrued lazily, never evicts).
    #[returns(ArrearsResponse)]
    #[serde(deserialize_with = "query_arrears")]
    Arrears { address: String },
    /// Fee accounts in arrears among the next `limit` accounts after `start_after`;
    /// continue from `next_start_after`.
    #[returns(ListArrearsResponse)]
    #[serde(deserialize_with = "query_list_arrears")]
    ListArrears {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(BookingResponse)]
    #[serde(deserialize_with = "query_booking")]
    Booking { booking_id: u64 },
    /// A guest home's bookings by first night.
    #[returns(BookingsResponse)]
    #[serde(deserialize_with = "query_list_bookings")]
    ListBookings {
        home_id: u64,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    /// What cancelling the booking now would refund (as `payer`, or as the admin).
    #[returns(RefundQuoteResponse)]
    #[serde(deserialize_with = "query_refund_quote")]
    RefundQuote { booking_id: u64, as_admin: bool },

    // ---- cw721 ----
    #[returns(OwnerOfResponse)]
    #[serde(deserialize_with = "query_owner_of")]
    OwnerOf {
        token_id: String,
        include_expired: Option<bool>,
    },
    #[returns(NftInfoResponse)]
    #[serde(deserialize_with = "query_nft_info")]
    NftInfo { token_id: String },
    #[returns(AllNftInfoResponse)]
    #[serde(deserialize_with = "query_all_nft_info")]
    AllNftInfo {
        token_id: String,
        include_expired: Option<bool>,
    },
    #[returns(TokensResponse)]
    #[serde(deserialize_with = "query_tokens")]
    Tokens {
        owner: String,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(TokensResponse)]
    #[serde(deserialize_with = "query_all_tokens")]
    AllTokens {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(NumTokensResponse)]
    #[serde(deserialize_with = "empty")]
    NumTokens {},
    #[returns(ContractInfoResponse)]
    #[serde(deserialize_with = "empty")]
    ContractInfo {},
}

#[cw_serde]
pub struct MigrateMsg {}

#[cw_serde]
pub struct ConfigResponse {
    pub membership: String,
    pub token: String,
    pub treasury: String,
    pub fees: FeeParams,
    pub guest: GuestParams,
    pub grace_period_seconds: u64,
    pub name: String,
    pub symbol: String,
    /// Payers who may book `on_behalf_of` visitors.
    pub booking_agents: Vec<String>,
}

#[cw_serde]
pub struct HomeResponse {
    pub home_id: u64,
    pub rooms: u32,
    pub accessibility: Vec<Accessibility>,
    pub zone: String,
    pub status: HomeStatus,
    pub holder: Option<String>,
    pub held_since: Option<Timestamp>,
    pub household_size: Option<u32>,
    /// Set while due process runs: the home returns to the node after this time if the holder
    /// is still not a member.
    pub grace_ends: Option<Timestamp>,
    pub open_bookings: u32,
    /// A larger household the holder declared, waiting for the admin's review.
    pub pending_household_size: Option<u32>,
}

#[cw_serde]
pub struct HomesResponse {
    pub homes: Vec<HomeResponse>,
}

#[cw_serde]
pub struct HomeOfResponse {
    pub home_id: Option<u64>,
}

#[cw_serde]
pub struct ApplicationResponse {
    pub applicant: String,
    pub household_size: u32,
    pub needs: Vec<Accessibility>,
    pub evidence_commitment: Option<String>,
    pub applied_at: Timestamp,
    /// Position key in the waiting queue (lower waited longer).
    pub queue_position: u64,
}

#[cw_serde]
pub struct ApplicationsResponse {
    pub applications: Vec<ApplicationResponse>,
}

#[cw_serde]
pub struct ScoreResponse {
    pub applicant: String,
    pub home_id: u64,
    /// False if the home is not available, too small or lacks a needed feature.
    pub eligible: bool,
    pub reason: Option<String>,
    pub rooms_needed: u32,
    pub excess_rooms: u32,
    pub fit_points: u64,
    pub waiting_days: u64,
    pub waiting_points: u64,
    pub total: u64,
    pub queue_position: u64,
}

#[cw_serde]
pub struct GuidelinesResponse {
    pub guidelines: Vec<Guideline>,
}

#[cw_serde]
#[derive(Copy, Eq)]
pub enum ModificationStatus {
    /// Within the guidelines: approved when requested.
    AutoApproved,
    /// Outside the guidelines: waiting for the admin.
    Pending,
    Approved,
    Refused,
}

#[cw_serde]
pub struct ModificationResponse {
    pub modification_id: u64,
    pub home_id: u64,
    pub holder: String,
    pub category: String,
    pub plan_hash: String,
    pub estimated_cost: Uint128,
    pub status: ModificationStatus,
    pub requested_at: Timestamp,
    pub decided_at: Option<Timestamp>,
}

#[cw_serde]
pub struct ModificationsResponse {
    pub modifications: Vec<ModificationResponse>,
}

#[cw_serde]
pub struct SwapResponse {
    pub home_id: u64,
    pub with_home_id: u64,
    pub proposer: String,
    pub counterpart: String,
}

#[cw_serde]
pub struct ArrearsResponse {
    pub address: String,
    pub home_id: Option<u64>,
    /// Owed now, after applying any credit.
    pub arrears: Uint128,
    /// Paid ahead, used by coming periods.
    pub credit: Uint128,
    pub fee_per_period: Uint128,
    pub paid_total: Uint128,
}

#[cw_serde]
pub struct ListArrearsResponse {
    pub accounts: Vec<ArrearsResponse>,
    pub next_start_after: Option<String>,
}

#[cw_serde]
#[derive(Copy, Eq)]
pub enum BookingStatus {
    Active,
    Cancelled,
    /// The stay began and the payment went to the treasury.
    Completed,
}

#[cw_serde]
pub struct BookingResponse {
    pub booking_id: u64,
    pub home_id: u64,
    pub guest: String,
    pub payer: String,
    /// The visitor a booking agent (the payer) booked for, whose caps the nights count against.
    pub on_behalf_of: Option<String>,
    pub start_day: u64,
    pub end_day: u64,
    /// Nominal amount paid; the registry's holding of it decays like any balance.
    pub paid: Uint128,
    pub status: BookingStatus,
    pub refunded: Uint128,
}

#[cw_serde]
pub struct BookingsResponse {
    pub bookings: Vec<BookingResponse>,
}

#[cw_serde]
pub struct RefundQuoteResponse {
    /// The booking's share of what the registry really holds now.
    pub held_now: Uint128,
    pub refund: Uint128,
    pub to_treasury: Uint128,
}

// ---- cw721 responses (same JSON as the cw721 spec) ----

#[cw_serde]
pub struct Approval {
    pub spender: String,
    pub expires: Expiration,
}

#[cw_serde]
pub struct OwnerOfResponse {
    pub owner: String,
    /// Always empty: nobody can be approved to move a right of use.
    pub approvals: Vec<Approval>,
}

/// What a wallet shows about a right of use.
#[cw_serde]
pub struct HomeMetadata {
    pub rooms: u32,
    pub accessibility: Vec<Accessibility>,
    pub zone: String,
    pub held_since: Timestamp,
    pub transferable: bool,
}

#[cw_serde]
pub struct NftInfoResponse {
    pub token_uri: Option<String>,
    pub extension: HomeMetadata,
}

#[cw_serde]
pub struct AllNftInfoResponse {
    pub access: OwnerOfResponse,
    pub info: NftInfoResponse,
}

#[cw_serde]
pub struct TokensResponse {
    pub tokens: Vec<String>,
}

#[cw_serde]
pub struct NumTokensResponse {
    pub count: u64,
}

#[cw_serde]
pub struct ContractInfoResponse {
    pub name: String,
    pub symbol: String,
}

// Lean deserializers of the struct variants above (`dac_common::de`: less wasm, same JSON).
dac_common::variant_fields! {
    execute_register_home: ExecuteMsg::RegisterHome {
        rooms: u32,
        accessibility: Vec<Accessibility>,
        zone: String,
        status: HomeStatus,
    },
    execute_update_home: ExecuteMsg::UpdateHome {
        home_id: u64,
        rooms: Option<u32>,
        accessibility: Option<Vec<Accessibility>>,
        zone: Option<String>,
        status: Option<HomeStatus>,
    },
    execute_set_guidelines: ExecuteMsg::SetGuidelines { guidelines: Vec<Guideline> },
    execute_decide_modification: ExecuteMsg::DecideModification {
        home_id: u64,
        modification_id: u64,
        approve: bool,
    },
    execute_update_config: ExecuteMsg::UpdateConfig {
        treasury: Option<String>,
        fees: Option<FeeParams>,
        guest: Option<GuestParams>,
        grace_period_seconds: Option<u64>,
    },
    execute_set_booking_agents: ExecuteMsg::SetBookingAgents { agents: Vec<String> },
    execute_propose_admin: ExecuteMsg::ProposeAdmin { admin: Option<String> },
    execute_apply: ExecuteMsg::Apply {
        household_size: u32,
        needs: Vec<Accessibility>,
        evidence_commitment: Option<String>,
    },
    execute_update_application: ExecuteMsg::UpdateApplication {
        household_size: u32,
        needs: Vec<Accessibility>,
        evidence_commitment: Option<String>,
    },
    execute_relinquish: ExecuteMsg::Relinquish { home_id: u64 },
    execute_update_household: ExecuteMsg::UpdateHousehold {
        home_id: u64,
        household_size: u32,
        evidence_commitment: Option<String>,
    },
    execute_decide_household: ExecuteMsg::DecideHousehold { home_id: u64, approve: bool },
    execute_request_modification: ExecuteMsg::RequestModification {
        home_id: u64,
        category: String,
        plan_hash: String,
        estimated_cost: Uint128,
    },
    execute_propose_swap: ExecuteMsg::ProposeSwap { home_id: u64, with_home_id: u64 },
    execute_accept_swap: ExecuteMsg::AcceptSwap { home_id: u64, with_home_id: u64 },
    execute_cancel_swap: ExecuteMsg::CancelSwap { home_id: u64 },
    execute_allocate_round: ExecuteMsg::AllocateRound { limit: u32 },
    execute_check_membership: ExecuteMsg::CheckMembership { home_id: u64 },
    execute_reclaim_home: ExecuteMsg::ReclaimHome { home_id: u64 },
    execute_refresh_fees: ExecuteMsg::RefreshFees { address: String },
    execute_release_booking_payment: ExecuteMsg::ReleaseBookingPayment { booking_id: u64 },
    execute_cancel_booking: ExecuteMsg::CancelBooking { booking_id: u64 },
    execute_transfer_nft: ExecuteMsg::TransferNft { recipient: String, token_id: String },
    execute_send_nft: ExecuteMsg::SendNft { contract: String, token_id: String, msg: Binary },
    execute_approve: ExecuteMsg::Approve {
        spender: String,
        token_id: String,
        expires: Option<Expiration>,
    },
    execute_revoke: ExecuteMsg::Revoke { spender: String, token_id: String },
    execute_approve_all: ExecuteMsg::ApproveAll { operator: String, expires: Option<Expiration> },
    execute_revoke_all: ExecuteMsg::RevokeAll { operator: String },
    execute_burn: ExecuteMsg::Burn { token_id: String },
    receive_pay_fees: ReceiveMsg::PayFees { holder: Option<String> },
    receive_book_guest: ReceiveMsg::BookGuest {
        home_id: u64,
        guest: String,
        start_day: u64,
        end_day: u64,
        on_behalf_of: Option<String>,
    },
    query_home: QueryMsg::Home { home_id: u64 },
    query_list_homes: QueryMsg::ListHomes { start_after: Option<u64>, limit: Option<u32> },
    query_home_of: QueryMsg::HomeOf { holder: String },
    query_application: QueryMsg::Application { applicant: String },
    query_list_applications: QueryMsg::ListApplications {
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    query_score: QueryMsg::Score { applicant: String, home_id: u64 },
    query_modification: QueryMsg::Modification { home_id: u64, modification_id: u64 },
    query_list_modifications: QueryMsg::ListModifications {
        home_id: u64,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    query_swap: QueryMsg::Swap { home_id: u64 },
    query_arrears: QueryMsg::Arrears { address: String },
    query_list_arrears: QueryMsg::ListArrears { start_after: Option<String>, limit: Option<u32> },
    query_booking: QueryMsg::Booking { booking_id: u64 },
    query_list_bookings: QueryMsg::ListBookings {
        home_id: u64,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    query_refund_quote: QueryMsg::RefundQuote { booking_id: u64, as_admin: bool },
    query_owner_of: QueryMsg::OwnerOf { token_id: String, include_expired: Option<bool> },
    query_nft_info: QueryMsg::NftInfo { token_id: String },
    query_all_nft_info: QueryMsg::AllNftInfo { token_id: String, include_expired: Option<bool> },
    query_tokens: QueryMsg::Tokens {
        owner: String,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    query_all_tokens: QueryMsg::AllTokens { start_after: Option<String>, limit: Option<u32> },
}
