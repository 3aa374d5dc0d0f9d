//! The demurrage token: a cw20 whose held balances decay into a commons pool that pays an equal
//! basic income to the node's members. The arithmetic is in [`ledger`]; see its docs.

pub mod attributes;
pub mod contract;
pub mod error;
pub mod execute;
pub mod instantiate;
pub mod ledger;
pub mod msg;
pub mod query;
pub mod state;

pub use crate::error::ContractError;
