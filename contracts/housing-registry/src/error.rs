use cosmwasm_std::{OverflowError, StdError, Timestamp, Uint128};
use dac_common::admin::AdminError;
use dac_common::migrate::MigrateError;
use dac_common::text::TextError;
use thiserror::Error;

#[derive(Error, Debug, PartialEq)]
pub enum ContractError {
    #[error("{0}")]
    Std(#[from] StdError),

    #[error("{0}")]
    Migrate(#[from] MigrateError),

    #[error("{0}")]
    Overflow(#[from] OverflowError),

    #[error("{0}")]
    Admin(#[from] AdminError),

    #[error("{0}")]
    Text(#[from] TextError),

    #[error("a right of use cannot be transferred, sent, approved or burned ({action})")]
    NonTransferable { action: String },

    #[error("only members of the node may apply")]
    NotAMember,

    #[error("only the membership contract (the council) reports a member's move")]
    NotMembership,

    #[error("the holder of home {home_id} is a member: the home cannot be taken")]
    HolderIsMember { home_id: u64 },

    #[error("home {home_id} is occupied: only its holder can give it back")]
    HomeOccupied { home_id: u64 },

    #[error("home {home_id} does not exist")]
    HomeNotFound { home_id: u64 },

    #[error("nobody holds home {home_id}")]
    HomeVacant { home_id: u64 },

    #[error("only the holder of home {home_id} may do this")]
    NotHolder { home_id: u64 },

    #[error("status {status} cannot be set here")]
    InvalidStatus { status: String },

    #[error("home {home_id} has {count} active guest bookings")]
    HomeHasBookings { home_id: u64, count: u32 },

    #[error("invalid {field}: {reason}")]
    InvalidInput { field: String, reason: String },

    #[error("score weight {weight} must be {min} to {max}")]
    ScoreWeightOutOfBounds {
        weight: &'static str,
        min: u64,
        max: u64,
    },

    #[error("waiting earns at most {waiting} points, not more than the largest fit ({fit}): a long wait must outrank any fit")]
    WaitingCannotOutweighFit { waiting: u64, fit: u64 },

    #[error("this member already has an open application")]
    ApplicationExists,

    #[error("no open application for this address")]
    NoApplication,

    #[error("allocation round limit must be between 1 and {max}")]
    InvalidRoundLimit { max: u32 },

    #[error("the grace period of home {home_id} has not started")]
    NoDueProcess { home_id: u64 },

    #[error("the grace period of home {home_id} runs until {ends}")]
    GracePeriodRunning { home_id: u64, ends: Timestamp },

    #[error("no swap of home {home_id} with home {with_home_id} is proposed to you")]
    NoSuchSwap { home_id: u64, with_home_id: u64 },

    #[error("a home cannot be swapped with itself")]
    SwapWithSelf,

    #[error("modification {modification_id} of home {home_id} not found")]
    ModificationNotFound { home_id: u64, modification_id: u64 },

    #[error("modification {modification_id} was already decided")]
    AlreadyDecided { modification_id: u64 },

    #[error("only the node's token {expected} is accepted")]
    WrongToken { expected: String },

    #[error("no fee account for this address")]
    NoFeeAccount,

    #[error("payment must be positive")]
    ZeroPayment,

    #[error("home {home_id} is not a guest home")]
    NotGuestHome { home_id: u64 },

    #[error("nights {start_day}..{end_day} overlap booking {booking_id}")]
    Overlap {
        start_day: u64,
        end_day: u64,
        booking_id: u64,
    },

    #[error("the booking costs {expected}, received {received}")]
    WrongPayment {
        expected: Uint128,
        received: Uint128,
    },

    #[error("booking {booking_id} not found")]
    BookingNotFound { booking_id: u64 },

    #[error("booking {booking_id} is not active")]
    BookingNotActive { booking_id: u64 },

    #[error("the stay of booking {booking_id} has begun: it can no longer be cancelled")]
    StayBegun { booking_id: u64 },

    #[error("the stay of booking {booking_id} has not begun")]
    StayNotBegun { booking_id: u64 },

    #[error("the payer would hold {held} nights, more than the {cap} allowed {scope}")]
    TooManyNightsHeld { held: u64, cap: u64, scope: String },

    #[error("visitors of {node} already hold {cap} bookings on night {night}, their cap")]
    VisitorCapReached { node: String, night: u64, cap: u64 },

    #[error("only a booking agent may book on behalf of someone else")]
    NotBookingAgent,

    #[error("only the payer or the admin may cancel booking {booking_id}")]
    NotPayer { booking_id: u64 },

    #[error("no household change of home {home_id} is waiting for review")]
    NoPendingHousehold { home_id: u64 },

    #[error("nothing to do: {reason}")]
    NothingToDo { reason: String },
}
