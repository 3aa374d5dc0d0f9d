//! The demurrage token: a cw20 whose held balances decay into a commons pool that pays an equal
//! basic income to the node's members. See the crate README section in the workspace README.

pub mod msg;
