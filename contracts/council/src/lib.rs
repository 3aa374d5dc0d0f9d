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

#[cfg(test)]
mod tests;

// The test beacon's secret key is public: a council on a chain that accepted it would let
// whoever times a commit predict, and so choose, the panel. Only native simulations enable it.
#[cfg(all(feature = "test-beacon", target_arch = "wasm32"))]
compile_error!(
    "the council's `test-beacon` feature is for native simulations only: a wasm council verifies \
     drand quicknet alone (build contracts with scripts/build-wasm.sh; see SECURITY.md)"
);

pub use crate::error::ContractError;
