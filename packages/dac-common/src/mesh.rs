//! What one node tells another about a member who moves there. The council of the node they
//! leave builds the record from its own state; the relays carry it; the council of the node they
//! move to keeps it for its gatekeepers. One type, so all three read the same JSON.

use cosmwasm_std::Timestamp;

use crate::dac_serde;

/// A member's departure, as the node they left knows it. Nothing in it comes from the mover.
#[dac_serde]
pub struct DepartureRecord {
    /// Their address on the node they left.
    pub member: String,
    /// When they were admitted (`None`: a member from before the council kept the date).
    pub member_since: Option<Timestamp>,
    pub left_at: Timestamp,
    /// Their sanction level when they left: 0 is good standing; 1 may not propose, 2 may not
    /// vote or delegate, 3 exclusion after the appeal window.
    pub sanction_level: u8,
    /// Set when they left with an exclusion pending.
    pub exclusion_due: Option<Timestamp>,
}

/// A departure record as the receiving node keeps it: `node` is the sender's name as this node's
/// relay recognized it (from the channel the record came on, never from the packet).
#[dac_serde]
pub struct Arrival {
    pub node: String,
    pub record: DepartureRecord,
    pub arrived_at: Timestamp,
}
