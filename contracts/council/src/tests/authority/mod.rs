//! The council's authority matrix (SECURITY.md, "Council voting"), one table per half of the
//! contract: `membership::MEMBERSHIP_ROWS` (membership, roles and sanctions) and
//! `proposals::PROPOSAL_ROWS` (proposals, scopes and sortition).

mod membership;
mod proposals;
