//! Execute handlers, one module per concern.

pub mod admin;
pub mod allocation;
pub mod applications;
pub mod cw721;
pub mod fees;
pub mod guests;
pub mod modifications;
pub mod receive;
pub mod rights;
pub mod swaps;
pub mod tenancy;
