use cosmwasm_std::{CheckedMultiplyRatioError, OverflowError, StdError, Uint128};
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
    Admin(#[from] AdminError),

    #[error("{0}")]
    Overflow(#[from] OverflowError),

    #[error("{0}")]
    MultiplyRatio(#[from] CheckedMultiplyRatioError),

    #[error("unauthorized")]
    Unauthorized,

    #[error("only this node's token ({0}) can be sent to the relay")]
    WrongToken(String),

    #[error("channel version must be {expected}, got {got}")]
    WrongVersion { expected: String, got: String },

    #[error("only unordered channels are supported")]
    WrongOrdering,

    #[error("connection {connection_id} with port {port} is not a recognized node")]
    UnrecognizedNode { connection_id: String, port: String },

    #[error("node {0} is not recognized")]
    UnknownNode(String),

    #[error("node {0} is already recognized")]
    NodeExists(String),

    #[error("that connection and port already belong to node {0}")]
    EndpointTaken(String),

    #[error("invalid node name: 1 to 32 letters, digits, '-' or '_'")]
    BadNodeName,

    #[error("unknown channel {0}")]
    UnknownChannel(String),

    #[error("channel {0} is closed")]
    ChannelClosed(String),

    #[error("amount must be positive")]
    ZeroAmount,

    #[error("amount too small to buy any share of the holdings")]
    DustAmount,

    #[error("not enough vouchers: have {have}, need {need}")]
    InsufficientVouchers { have: String, need: String },

    #[error("node {node} holds only {have} units for you, {need} asked")]
    InsufficientHoldings {
        node: String,
        have: String,
        need: String,
    },

    #[error("the shares are worth nothing any more")]
    WorthlessShares,

    #[error("the booking costs {price}, which takes {need} voucher shares; {offered} offered")]
    BookingUnderfunded {
        price: Uint128,
        need: Uint128,
        offered: Uint128,
    },

    #[error("timeout must be between 1 and {max} seconds")]
    BadTimeout { max: u64 },

    #[error("{0}")]
    Text(#[from] TextError),

    #[error("invalid delivery window")]
    BadWindow,

    #[error("containers must be positive")]
    ZeroContainers,

    #[error("trade {0} not found")]
    TradeNotFound(u64),

    #[error("trade is {status}: cannot {action}")]
    WrongTradeStatus { status: String, action: String },

    #[error("a packet about this item is still awaiting its acknowledgement")]
    AwaitingAck,

    #[error("only the {0} may do this")]
    WrongParty(&'static str),

    #[error("this trade is paid in goods: no escrow")]
    NoEscrowForBarter,

    #[error("escrow deal {0} already backs another trade")]
    DealTaken(u64),

    #[error("escrow deal {deal_id} is not this trade's payment: {reason}")]
    DealMismatch { deal_id: u64, reason: &'static str },

    #[error("no escrow deal is attached to this trade")]
    NoEscrowDeal,

    #[error("no {0} contract is configured on this node")]
    NotConfigured(&'static str),

    #[error("a move takes the whole balance: send all of it ({left} would be left behind)")]
    MoveLeavesBalance { left: Uint128 },

    #[error("a move takes all your money: claim your {income} of basic income in the same transaction, before the send")]
    MoveLeavesIncome { income: Uint128 },

    #[error("treaty {0} not found")]
    TreatyNotFound(u64),

    #[error("treaty cannot be ratified in its current state")]
    TreatyNotRatifiable,

    #[error("panel {0} not found")]
    PanelNotFound(u64),

    #[error("panel cannot take members in its current state")]
    PanelNotForming,

    #[error("a panel half has 1 to {max} members, and both halves the same size")]
    BadPanelSize { max: usize },

    #[error("guest booking {0} was not paid through this relay for a visitor")]
    UnknownGuestBooking(u64),

    #[error("invalid booking days")]
    BadBookingDays,

    #[error("{0} units of the old pricing are outstanding: bring them home before migrating")]
    OldUnitsOutstanding(Uint128),

    #[error("only the relay itself may apply packets")]
    NotSelf,

    #[error("no sub-message of this relay has reply id {0}")]
    UnknownReplyId(u64),

    #[error("packet {0} on this channel was already received")]
    DuplicatePacket(u64),
}

/// The receive handler's error type: it has no values, so every failure must become an error
/// acknowledgement instead of failing the relayer's transaction.
#[derive(Error, Debug)]
pub enum Never {}
