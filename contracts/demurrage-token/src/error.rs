use cosmwasm_std::{OverflowError, StdError, Uint128};
use dac_common::admin::AdminError;
use dac_common::migrate::MigrateError;
use thiserror::Error;

use crate::ledger::ScheduleError;

#[derive(Error, Debug, PartialEq)]
pub enum ContractError {
    #[error("{0}")]
    Std(#[from] StdError),

    #[error("{0}")]
    Migrate(#[from] MigrateError),

    #[error("{0}")]
    Overflow(#[from] OverflowError),

    /// Allowances, marketing and logo come from cw20-base.
    #[error("{0}")]
    Cw20(#[from] cw20_base::ContractError),

    #[error("{0}")]
    Admin(#[from] AdminError),

    #[error("{0}")]
    Schedule(#[from] ScheduleError),

    #[error("amount must be greater than zero")]
    ZeroAmount,

    #[error("cannot send tokens to yourself")]
    SelfTransfer,

    #[error("insufficient funds: balance {balance}, required {required}")]
    InsufficientFunds { balance: Uint128, required: Uint128 },

    #[error("only the membership authority may change members")]
    NotMembershipAuthority,

    #[error("too many addresses: at most {max} per message")]
    TooManyAddresses { max: usize },

    #[error("{address} is not a basic-income member")]
    NotAMember { address: String },

    #[error("no basic income to claim yet")]
    NothingToClaim,

    #[error("income window must be between 1 and {max} periods")]
    IncomeWindow { max: u64 },

    #[error("duplicate initial balance for {address}")]
    DuplicateAccount { address: String },

    #[error("projection time must not be in the past")]
    ProjectionInPast,
}
