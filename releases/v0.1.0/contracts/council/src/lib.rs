//! The council: the node's constitution. Who is a member (cw4 queries), nested workers' and
//! consumers' councils, one-member-one-vote proposals with liquid per-topic delegation,
//! two-chamber decisions, escalation, execution of passed proposals (the council is the admin
//! of the node's other contracts), sortition panels drawn from drand beacons, and Ostrom's
//! roles: gatekeepers, monitors, graduated sanctions and appeals.

pub mod attributes;
pub mod contract;
pub mod error;
pub mod execute;
pub mod msg;
pub mod query;
pub mod reply_id;
pub mod state;

pub use crate::error::ContractError;
