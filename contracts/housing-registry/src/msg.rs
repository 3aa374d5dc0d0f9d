//! Messages of the housing-rights registry. The cw721 query variants carry the cw721 names and
//! fields so wallets and explorers show a right of use as a token; the cw721 transfer-like
//! execute variants exist only so that they are refused with a clear error.

use cosmwasm_schema::QueryResponses;
use cosmwasm_std::{Binary, Decimal, Timestamp, Uint128};
use cw20::Cw20ReceiveMsg;
use cw_utils::Expiration;
use dac_common::dac_serde;

/// An accessibility feature a home offers or a household needs.
#[dac_serde]
#[derive(Copy, Eq, PartialOrd, Ord)]
pub enum Accessibility {
    StepFree,
    Wheelchair,
    Elevator,
    GroundFloor,
    VisualAids,
    HearingAids,
}

#[dac_serde]
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
#[dac_serde]
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
#[dac_serde]
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

/// The weights of the published allocation score (see `score`): the admin (the council) may
/// change them with `update_config`, within bounds that keep the score's claims (the registry's
/// README lists them). The default is the score as first published.
#[dac_serde]
#[derive(Copy, Eq)]
pub struct ScoreWeights {
    /// Fit points of every eligible applicant before bonuses and penalties.
    pub fit_base: u64,
    /// Points per needed accessibility feature the home offers.
    pub need_met_bonus: u64,
    /// Points off per room beyond what the household needs.
    pub excess_room_penalty: u64,
    /// Points off per feature the home offers that the household does not need.
    pub unneeded_feature_penalty: u64,
    /// Points per whole day since the application.
    pub waiting_points_per_day: u64,
    /// Waiting days that count at most.
    pub max_waiting_days: u64,
}

/// A published guideline: a modification of this category costing at most `max_cost` is
/// approved at once; anything else goes to the admin (the council).
#[dac_serde]
pub struct Guideline {
    pub category: String,
    pub max_cost: Uint128,
}

#[dac_serde]
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

#[dac_serde]
pub enum ExecuteMsg {
    // ---- admin (the council) ----
    /// Adds a home owned by the node. `status` must be a vacant status.
    RegisterHome {
        rooms: u32,
        accessibility: Vec<Accessibility>,
        zone: String,
        status: HomeStatus,
    },
    /// Describes or re-classifies a VACANT home; an occupied home is refused.
    UpdateHome {
        home_id: u64,
        rooms: Option<u32>,
        accessibility: Option<Vec<Accessibility>>,
        zone: Option<String>,
        status: Option<HomeStatus>,
    },
    /// Replaces the published modification guidelines.
    SetGuidelines {
        guidelines: Vec<Guideline>,
    },
    /// Approves or refuses a modification that fell outside the guidelines.
    DecideModification {
        home_id: u64,
        modification_id: u64,
        approve: bool,
    },
    /// Approves (applied from now) or refuses a holder's pending larger household.
    DecideHousehold {
        home_id: u64,
        approve: bool,
    },
    /// New parameters apply to fee accounts from their next settlement and to future bookings
    /// and grace clocks, never backwards. New `score_weights` apply from the next allocation
    /// round (and to the `score` query at once); out-of-bounds weights are refused.
    UpdateConfig {
        treasury: Option<String>,
        fees: Option<FeeParams>,
        guest: Option<GuestParams>,
        grace_period_seconds: Option<u64>,
        score_weights: Option<ScoreWeights>,
    },
    /// Replaces the booking agents (at most `MAX_BOOKING_AGENTS`, e.g. the node's IBC relay):
    /// payers who may book `on_behalf_of` visitors, each visitor with a payer's own caps.
    SetBookingAgents {
        agents: Vec<String>,
    },
    /// Caps how many guest bookings of one visiting node may cover any one night (a booking
    /// agent's booking `on_behalf_of` "<node>/<visitor>", as the relay books): `node` sets that
    /// node's own cap, none the default of every node without one; `cap` none lifts it. At most
    /// `MAX_VISITOR_CAP`. Bookings already made stay; a cancelled one frees its nights.
    SetVisitorCap {
        node: Option<String>,
        cap: Option<u64>,
    },
    ProposeAdmin {
        admin: Option<String>,
    },
    AcceptAdmin {},

    // ---- members ----
    /// One open application per member. A current holder may apply to move: on allocation
    /// the old home is released in the same step.
    Apply {
        household_size: u32,
        needs: Vec<Accessibility>,
        /// Hex SHA-256 of the supporting evidence kept off chain (never the evidence itself).
        evidence_commitment: Option<String>,
    },
    /// Changing the need profile (household size or needed features) restarts the waiting
    /// time in the new profile's queue; changing only the evidence commitment keeps it.
    UpdateApplication {
        household_size: u32,
        needs: Vec<Accessibility>,
        evidence_commitment: Option<String>,
    },
    WithdrawApplication {},

    // ---- holders ----
    /// Gives the home back to the node (e.g. moving to another node). Arrears stay recorded.
    Relinquish {
        home_id: u64,
    },
    /// The household changed. A smaller household applies at once (the fee can only rise); a
    /// larger one lowers the excess-room fee, so it needs `evidence_commitment` and waits for
    /// the admin's `decide_household`.
    UpdateHousehold {
        home_id: u64,
        household_size: u32,
        /// Hex SHA-256 of the evidence kept off chain; required for a larger household.
        evidence_commitment: Option<String>,
    },
    RequestModification {
        home_id: u64,
        category: String,
        /// Hex SHA-256 of the plan kept off chain.
        plan_hash: String,
        estimated_cost: Uint128,
    },
    /// Offers to swap `home_id` (the sender's) with `with_home_id`; its holder must accept.
    ProposeSwap {
        home_id: u64,
        with_home_id: u64,
    },
    /// The holder of `home_id` accepts the swap proposed by the holder of `with_home_id`.
    AcceptSwap {
        home_id: u64,
        with_home_id: u64,
    },
    CancelSwap {
        home_id: u64,
    },

    // ---- anyone ----
    /// Allocates up to `limit` (at most `MAX_ROUND_HOMES`) available homes, see `score`.
    AllocateRound {
        limit: u32,
    },
    /// Due process, step one: records that the holder is no longer a member and starts the
    /// grace clock; or clears a running clock if the holder is a member again.
    CheckMembership {
        home_id: u64,
    },
    /// Due process, step two: after the grace period, and only if the holder is still not a
    /// member, the home returns to the node.
    ReclaimHome {
        home_id: u64,
    },

    // ---- the membership contract (the council) ----
    /// `holder` moved to another node (and is no longer a member): their home returns to the
    /// node now, or, when their household stays, due process starts now (the grace clock of
    /// `check_membership`, then `reclaim_home`); a waiting application is withdrawn.
    MemberMoved {
        holder: String,
        household_stays: bool,
    },
    /// Settles the fee account of `address` at its stored rate and applies the current rate.
    RefreshFees {
        address: String,
    },
    /// Once the stay has begun, pays the booking's (decayed) payment to the treasury.
    ReleaseBookingPayment {
        booking_id: u64,
    },
    /// The payer (refund by the published rule) or the admin (full refund) cancels.
    CancelBooking {
        booking_id: u64,
    },
    /// Payments in the demurrage token, see `ReceiveMsg`.
    Receive(Cw20ReceiveMsg),

    // ---- cw721: a right of use is not a commodity; all of these are refused ----
    TransferNft {
        recipient: String,
        token_id: String,
    },
    SendNft {
        contract: String,
        token_id: String,
        msg: Binary,
    },
    Approve {
        spender: String,
        token_id: String,
        expires: Option<Expiration>,
    },
    Revoke {
        spender: String,
        token_id: String,
    },
    ApproveAll {
        operator: String,
        expires: Option<Expiration>,
    },
    RevokeAll {
        operator: String,
    },
    Burn {
        token_id: String,
    },
}

/// The `msg` of a cw20 `Send` of the demurrage token to this contract.
#[dac_serde]
pub enum ReceiveMsg {
    /// Pays usage fees of `holder` (default: the payer). Arrears are paid first; any surplus
    /// is credit for the coming periods.
    PayFees { holder: Option<String> },
    /// Books a guest home for nights `start_day..end_day` (days since 1970-01-01 UTC, end
    /// exclusive). `guest` is free-form (a local or a remote address); refunds go to the payer
    /// (the cw20 sender, e.g. the IBC relay for a remote visitor).
    BookGuest(BookGuestMsg),
}

#[dac_serde]
pub struct BookGuestMsg {
    pub home_id: u64,
    pub guest: String,
    pub start_day: u64,
    pub end_day: u64,
    /// Only from a booking agent: who it books for (the relay: "<node>/<visitor>"). The
    /// nights count against that visitor's caps and the agent's, not the agent's own.
    pub on_behalf_of: Option<String>,
}

#[dac_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    #[returns(ConfigResponse)]
    Config {},
    #[returns(dac_common::admin::AdminState)]
    Admin {},
    #[returns(HomeResponse)]
    Home { home_id: u64 },
    #[returns(HomesResponse)]
    ListHomes {
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    /// The home a member holds, if any.
    #[returns(HomeOfResponse)]
    HomeOf { holder: String },
    #[returns(ApplicationResponse)]
    Application { applicant: String },
    /// Open applications in waiting order (oldest first), paginated by queue position.
    #[returns(ApplicationsResponse)]
    ListApplications {
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    /// The published allocation score of an applicant for a home, with its parts.
    #[returns(ScoreResponse)]
    Score { applicant: String, home_id: u64 },
    #[returns(GuidelinesResponse)]
    Guidelines {},
    #[returns(ModificationResponse)]
    Modification { home_id: u64, modification_id: u64 },
    /// A home's modification history, oldest first.
    #[returns(ModificationsResponse)]
    ListModifications {
        home_id: u64,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(Option<SwapResponse>)]
    Swap { home_id: u64 },
    /// Fees owed by `address` at this block (accrued lazily, never evicts).
    #[returns(ArrearsResponse)]
    Arrears { address: String },
    /// Fee accounts in arrears among the next `limit` accounts after `start_after`;
    /// continue from `next_start_after`.
    #[returns(ListArrearsResponse)]
    ListArrears {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(BookingResponse)]
    Booking { booking_id: u64 },
    /// A guest home's bookings by first night.
    #[returns(BookingsResponse)]
    ListBookings {
        home_id: u64,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    /// What cancelling the booking now would refund (as `payer`, or as the admin).
    #[returns(RefundQuoteResponse)]
    RefundQuote { booking_id: u64, as_admin: bool },
    /// The visiting node's bookings that cover `night` (days since 1970-01-01), and its cap.
    #[returns(VisitorsResponse)]
    Visitors { node: String, night: u64 },

    // ---- cw721 ----
    #[returns(OwnerOfResponse)]
    OwnerOf {
        token_id: String,
        include_expired: Option<bool>,
    },
    #[returns(NftInfoResponse)]
    NftInfo { token_id: String },
    #[returns(AllNftInfoResponse)]
    AllNftInfo {
        token_id: String,
        include_expired: Option<bool>,
    },
    #[returns(TokensResponse)]
    Tokens {
        owner: String,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(TokensResponse)]
    AllTokens {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(NumTokensResponse)]
    NumTokens {},
    #[returns(ContractInfoResponse)]
    ContractInfo {},
}

#[dac_serde]
pub struct MigrateMsg {}

#[dac_serde]
pub struct ConfigResponse {
    pub membership: String,
    pub token: String,
    pub treasury: String,
    pub fees: FeeParams,
    pub guest: GuestParams,
    pub grace_period_seconds: u64,
    pub name: String,
    pub symbol: String,
    /// The weights the next allocation round scores with.
    pub score_weights: ScoreWeights,
    /// Payers who may book `on_behalf_of` visitors.
    pub booking_agents: Vec<String>,
}

#[dac_serde]
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

#[dac_serde]
pub struct HomesResponse {
    pub homes: Vec<HomeResponse>,
}

#[dac_serde]
pub struct HomeOfResponse {
    pub home_id: Option<u64>,
}

#[dac_serde]
pub struct ApplicationResponse {
    pub applicant: String,
    pub household_size: u32,
    pub needs: Vec<Accessibility>,
    pub evidence_commitment: Option<String>,
    pub applied_at: Timestamp,
    /// Position key in the waiting queue (lower waited longer).
    pub queue_position: u64,
}

#[dac_serde]
pub struct ApplicationsResponse {
    pub applications: Vec<ApplicationResponse>,
}

#[dac_serde]
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

#[dac_serde]
pub struct GuidelinesResponse {
    pub guidelines: Vec<Guideline>,
}

#[dac_serde]
#[derive(Copy, Eq)]
pub enum ModificationStatus {
    /// Within the guidelines: approved when requested.
    AutoApproved,
    /// Outside the guidelines: waiting for the admin.
    Pending,
    Approved,
    Refused,
}

#[dac_serde]
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

#[dac_serde]
pub struct ModificationsResponse {
    pub modifications: Vec<ModificationResponse>,
}

#[dac_serde]
pub struct SwapResponse {
    pub home_id: u64,
    pub with_home_id: u64,
    pub proposer: String,
    pub counterpart: String,
}

#[dac_serde]
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

#[dac_serde]
pub struct ListArrearsResponse {
    pub accounts: Vec<ArrearsResponse>,
    pub next_start_after: Option<String>,
}

#[dac_serde]
#[derive(Copy, Eq)]
pub enum BookingStatus {
    Active,
    Cancelled,
    /// The stay began and the payment went to the treasury.
    Completed,
}

#[dac_serde]
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

#[dac_serde]
pub struct VisitorsResponse {
    /// Active and completed bookings of the node's visitors covering the night.
    pub booked: u64,
    /// The cap in force for the node: its own, else the default; none if uncapped.
    pub cap: Option<u64>,
}

#[dac_serde]
pub struct BookingsResponse {
    pub bookings: Vec<BookingResponse>,
}

#[dac_serde]
pub struct RefundQuoteResponse {
    /// The booking's share of what the registry really holds now.
    pub held_now: Uint128,
    pub refund: Uint128,
    /// The rest; one unit less when the booking is all the registry holds and there is a
    /// refund (the token's rounding of the refund's transfer may take that unit).
    pub to_treasury: Uint128,
}

// ---- cw721 responses (same JSON as the cw721 spec) ----

#[dac_serde]
pub struct Approval {
    pub spender: String,
    pub expires: Expiration,
}

#[dac_serde]
pub struct OwnerOfResponse {
    pub owner: String,
    /// Always empty: nobody can be approved to move a right of use.
    pub approvals: Vec<Approval>,
}

/// What a wallet shows about a right of use.
#[dac_serde]
pub struct HomeMetadata {
    pub rooms: u32,
    pub accessibility: Vec<Accessibility>,
    pub zone: String,
    pub held_since: Timestamp,
    pub transferable: bool,
}

#[dac_serde]
pub struct NftInfoResponse {
    pub token_uri: Option<String>,
    pub extension: HomeMetadata,
}

#[dac_serde]
pub struct AllNftInfoResponse {
    pub access: OwnerOfResponse,
    pub info: NftInfoResponse,
}

#[dac_serde]
pub struct TokensResponse {
    pub tokens: Vec<String>,
}

#[dac_serde]
pub struct NumTokensResponse {
    pub count: u64,
}

#[dac_serde]
pub struct ContractInfoResponse {
    pub name: String,
    pub symbol: String,
}
