//! Three-signature escrow: a proposer, a counterparty and an arbitrator named at proposal time
//! who posts collateral. Deals are active only with every signature; every state has a deadline
//! and a permissionless `Advance` step, so nothing is locked forever. Held demurrage tokens decay
//! like any other holding; each deal owns shares of the escrow's balance (see `vault`).

pub mod attributes;
pub use dac_common::codec;
pub mod contract;
pub mod error;
pub mod execute;
pub mod migrate;
pub mod msg;
pub mod query;
pub mod state;
pub mod vault;

#[cfg(test)]
mod tests;

pub use crate::error::ContractError;
