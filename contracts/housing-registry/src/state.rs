use cosmwasm_std::{Addr, Timestamp, Uint128, Uint256};
use cw_storage_plus::{Item, Map};
use dac_common::admin::Admin;
use dac_common::dac_serde;

use crate::msg::{
    Accessibility, BookingStatus, FeeParams, GuestParams, Guideline, HomeStatus,
    ModificationStatus, ScoreWeights,
};

pub const ADMIN: Admin = Admin::new("admin");

#[dac_serde]
pub struct Config {
    pub membership: Addr,
    pub token: Addr,
    pub treasury: Addr,
    pub fees: FeeParams,
    pub guest: GuestParams,
    pub grace_period_seconds: u64,
    pub name: String,
    pub symbol: String,
    /// Layout 2: `migrate` gives a v0.1.0 config the published defaults.
    pub score_weights: ScoreWeights,
}

pub const CONFIG: Item<Config> = Item::new("config");

#[dac_serde]
pub struct Home {
    pub rooms: u32,
    /// Sorted, without duplicates.
    pub accessibility: Vec<Accessibility>,
    pub zone: String,
    pub status: HomeStatus,
    /// Active guest bookings; a guest home with bookings keeps its status.
    pub open_bookings: u32,
}

pub const HOMES: Map<u64, Home> = Map::new("homes");
pub const NEXT_HOME_ID: Item<u64> = Item::new("next_home_id");
/// Homes with status `Available`: what allocation rounds walk through.
pub const VACANT: Map<u64, ()> = Map::new("vacant");
/// The last home an allocation round looked at; the next round continues after it.
pub const ROUND_CURSOR: Item<u64> = Item::new("round_cursor");

/// A right of use: the cw721 "token" with id = home id.
#[dac_serde]
pub struct Right {
    pub holder: Addr,
    pub since: Timestamp,
    pub household_size: u32,
    /// Due process running: the home may return to the node after this time.
    pub grace_ends: Option<Timestamp>,
}

/// A holder's claim that the household grew: it lowers the excess-room fee, so it waits for the
/// admin's (the council's) review of the evidence, like a new application's household would.
#[dac_serde]
pub struct PendingHousehold {
    pub holder: Addr,
    pub household_size: u32,
    /// Hex SHA-256 of the evidence kept off chain.
    pub evidence_commitment: String,
    pub requested_at: Timestamp,
}

/// home id -> the holder's household change waiting for review. Dropped when the home changes
/// hands (relinquish, reclaim, move, swap).
pub const PENDING_HOUSEHOLDS: Map<u64, PendingHousehold> = Map::new("pending_households");

/// home id -> right of use. A map keyed by home: a home can never have two holders.
pub const RIGHTS: Map<u64, Right> = Map::new("rights");
/// holder -> home id. Written together with `RIGHTS`: nobody holds two homes.
pub const HOME_OF: Map<&Addr, u64> = Map::new("home_of");
pub const NUM_RIGHTS: Item<u64> = Item::new("num_rights");

#[dac_serde]
pub struct Application {
    pub household_size: u32,
    /// Sorted, without duplicates.
    pub needs: Vec<Accessibility>,
    pub evidence_commitment: Option<String>,
    pub applied_at: Timestamp,
    pub seq: u64,
}

/// Open applications. Changed only through [`crate::queue`], which keeps `QUEUE_ORDER`,
/// `QUEUE` and `HEADS` in step with it.
pub const APPLICATIONS: Map<&Addr, Application> = Map::new("applications");
/// (rooms needed, needs as a `FeatureSet`'s bits, queue position) -> applicant: one queue per
/// need profile, oldest first.
pub const QUEUE: Map<(u32, u8, u64), Addr> = Map::new("profile_queue");
/// queue position -> applicant: the waiting list in order, for queries.
pub const QUEUE_ORDER: Map<u64, Addr> = Map::new("queue_order");

/// The oldest applicant of a need profile: all a round needs to score the profile.
#[dac_serde]
pub struct Head {
    pub seq: u64,
    pub applied_at: Timestamp,
}

/// (rooms needed, needs bits) -> the oldest applicant of every profile anyone waits in. A round
/// reads these (at most 64 per household size) instead of the queues.
pub const HEADS: Map<(u32, u8), Head> = Map::new("profile_heads");
pub const NEXT_SEQ: Item<u64> = Item::new("next_seq");

#[dac_serde]
pub struct Swap {
    pub with_home_id: u64,
    pub proposer: Addr,
    pub counterpart: Addr,
}

/// Keyed by the proposer's home.
pub const SWAPS: Map<u64, Swap> = Map::new("swaps");

pub const GUIDELINES: Item<Vec<Guideline>> = Item::new("guidelines");

#[dac_serde]
pub struct Modification {
    pub holder: Addr,
    pub category: String,
    pub plan_hash: String,
    pub estimated_cost: Uint128,
    pub status: ModificationStatus,
    pub requested_at: Timestamp,
    pub decided_at: Option<Timestamp>,
}

/// (home id, modification id) -> modification: the history of each home.
pub const MODIFICATIONS: Map<(u64, u64), Modification> = Map::new("modifications");
pub const NEXT_MODIFICATION_ID: Item<u64> = Item::new("next_modification_id");

/// Usage fees of one address, accrued lazily per whole period. Kept after the tenancy ends so
/// arrears stay on record (they never evict).
#[dac_serde]
pub struct FeeAccount {
    pub home_id: Option<u64>,
    pub fee_per_period: Uint128,
    pub period_seconds: u64,
    /// Periods up to this time are accounted in `owed`/`credit`.
    pub accounted_until: Timestamp,
    pub owed: Uint128,
    /// Paid ahead, as it stood when the token's decay index was `credit_index`: it decays like
    /// a holding of the token (`credit · index_now / credit_index`, rounded down).
    pub credit: Uint128,
    pub paid_total: Uint128,
    /// The token's decay index when `credit` was last brought up to date (zero: not yet known,
    /// e.g. an account stored before credit decayed; it starts decaying from its next touch).
    #[serde(default)]
    pub credit_index: Uint256,
}

pub const FEE_ACCOUNTS: Map<&Addr, FeeAccount> = Map::new("fee_accounts");

#[dac_serde]
pub struct Booking {
    pub home_id: u64,
    pub guest: String,
    pub payer: Addr,
    /// Set for a booking agent's booking: the visitor whose caps hold its nights.
    #[serde(default)]
    pub on_behalf_of: Option<String>,
    pub start_day: u64,
    pub end_day: u64,
    pub paid: Uint128,
    pub status: BookingStatus,
    pub refunded: Uint128,
}

pub const BOOKINGS: Map<u64, Booking> = Map::new("bookings");
/// (home id, first night) -> booking id, for active and completed bookings: overlap checks
/// look at one neighbour only.
pub const BOOKED_NIGHTS: Map<(u64, u64), u64> = Map::new("booked_nights");
pub const NEXT_BOOKING_ID: Item<u64> = Item::new("next_booking_id");
/// (payer, home id) -> nights in the payer's active bookings of that home.
pub const NIGHTS_HELD_AT: Map<(&Addr, u64), u64> = Map::new("nights_held_at");
/// payer -> nights in the payer's active bookings of every home.
pub const NIGHTS_HELD: Map<&Addr, u64> = Map::new("nights_held");
/// (booking agent, visitor) -> what `NIGHTS_HELD_AT` and `NIGHTS_HELD` are for a payer.
pub const VISITOR_NIGHTS_HELD_AT: Map<(&Addr, &str, u64), u64> = Map::new("visitor_nights_at");
pub const VISITOR_NIGHTS_HELD: Map<(&Addr, &str), u64> = Map::new("visitor_nights");
/// booking agent -> nights in all its visitors' active bookings.
pub const AGENT_NIGHTS_HELD: Map<&Addr, u64> = Map::new("agent_nights");
/// Visiting node -> its cap of bookings covering one night; `VISITOR_CAP_DEFAULT` for the others.
pub const VISITOR_CAPS: Map<&str, u64> = Map::new("visitor_caps");
pub const VISITOR_CAP_DEFAULT: Item<u64> = Item::new("visitor_cap_default");
/// (visiting node, night) -> its bookings covering the night, active or completed (a
/// cancellation frees them): the record the caps are checked against.
pub const VISITORS_ON: Map<(&str, u64), u64> = Map::new("visitors_on");
/// Payers who may book `on_behalf_of` visitors (the node's IBC relay), set by the admin.
pub const BOOKING_AGENTS: Item<Vec<Addr>> = Item::new("booking_agents");
/// Sum of the nominal payments of active bookings. What the registry really holds for them is
/// its token balance, which decays; each booking owns `paid / ESCROW_NOMINAL` of it.
pub const ESCROW_NOMINAL: Item<Uint128> = Item::new("escrow_nominal");
