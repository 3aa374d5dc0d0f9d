//! The node's IBC relay. One instance per node, connected over unordered `dac-relay-1` channels to
//! the relays of nodes its council recognizes. It carries token transfers (held here, credited
//! there as share vouchers), trade, diplomacy and guest bookings. Every packet failure becomes an
//! error acknowledgement; only a timeout (including timeout-on-close) or an error
//! acknowledgement refunds, never a channel close by itself.

pub mod attributes;
pub mod contract;
pub mod error;
pub mod execute;
pub mod holdings;
pub mod ibc;
pub mod msg;
pub mod packet;
pub mod query;
pub mod state;

pub use crate::error::ContractError;
