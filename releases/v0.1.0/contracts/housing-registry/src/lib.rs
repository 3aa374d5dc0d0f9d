//! The housing-rights registry of a DAC node: the node owns the homes, members hold
//! non-transferable rights of use allocated by a published score (see [`score`]), modify their
//! homes within guidelines, pay small usage fees in the demurrage token (arrears never evict),
//! and anyone may book guest homes. Rights show in wallets as cw721 tokens that cannot move.

pub mod attributes;
pub mod contract;
pub mod error;
pub mod execute;
pub mod helpers;
pub mod msg;
pub mod profile;
pub mod query;
pub mod queue;
pub mod score;
pub mod state;

pub use crate::error::ContractError;
