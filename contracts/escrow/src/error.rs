use cosmwasm_std::{StdError, Timestamp};
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
    Text(#[from] TextError),

    #[error("{0}")]
    Payment(#[from] cw_utils::PaymentError),

    #[error("arithmetic overflow")]
    Overflow,

    #[error("only the configured token ({expected}) may send tokens here")]
    UnknownToken { expected: String },

    #[error("deal {0} not found")]
    DealNotFound(u64),

    #[error("the arbitrator must be neither party")]
    ArbitratorIsParty,

    #[error("a trade shipment's attestor must be neither a party nor the arbitrator")]
    AttestorIsParty,

    #[error("every party must be a different address")]
    DuplicateParty,

    #[error("invalid terms: {0}")]
    InvalidTerms(String),

    #[error("the deposit must be exactly {expected} {denom}, got {got}")]
    WrongAmount {
        expected: String,
        got: String,
        denom: String,
    },

    #[error("this deal is held in {expected}, not {got}")]
    WrongAsset { expected: String, got: String },

    #[error("the deposit is too small to be accounted")]
    DepositTooSmall,

    #[error("unauthorized: {0}")]
    Unauthorized(&'static str),

    #[error("already signed")]
    AlreadySigned,

    #[error("deal {id} is {status}; this needs {needed}")]
    WrongStatus {
        id: u64,
        status: String,
        needed: &'static str,
    },

    #[error("too late: the deadline was {deadline}")]
    DeadlinePassed { deadline: Timestamp },

    #[error("not yet: the deadline is {deadline}")]
    NotDue { deadline: Timestamp },

    #[error("this kind of deal does not allow {0}")]
    NotForThisKind(&'static str),

    #[error("only an information sale's seller confirms with a preimage, and must: one whose sha256 is the deal's commitment")]
    WrongPreimage,

    #[error("the information was already revealed")]
    AlreadyRevealed,

    #[error("nothing to confirm yet")]
    NothingToConfirm,

    #[error("no council is configured, so there is no panel to appeal to")]
    NoCouncil,

    #[error("this panel was drawn for another dispute; the deal's panel stage ends {current}")]
    StalePanel { current: Timestamp },

    #[error("a split ruling needs a proposer share between 0 and 1")]
    InvalidSplit,
}

impl From<cosmwasm_std::OverflowError> for ContractError {
    fn from(_: cosmwasm_std::OverflowError) -> Self {
        ContractError::Overflow
    }
}

impl From<cosmwasm_std::DivideByZeroError> for ContractError {
    fn from(_: cosmwasm_std::DivideByZeroError) -> Self {
        ContractError::Overflow
    }
}

impl From<cosmwasm_std::CheckedMultiplyRatioError> for ContractError {
    fn from(_: cosmwasm_std::CheckedMultiplyRatioError) -> Self {
        ContractError::Overflow
    }
}

impl From<cosmwasm_std::ConversionOverflowError> for ContractError {
    fn from(_: cosmwasm_std::ConversionOverflowError) -> Self {
        ContractError::Overflow
    }
}
