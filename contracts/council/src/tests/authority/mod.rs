//! The council's authority matrix (SECURITY.md, "Council voting"), one table per half of the
//! contract: `membership::MEMBERSHIP_ROWS` (membership, roles and sanctions) and
//! `proposals::PROPOSAL_ROWS` (proposals, scopes and sortition).

mod membership;
mod proposals;

/// Every execute message has a row in one of the two tables (a new message without one fails).
#[test]
fn every_execute_message_has_a_row() {
    use dac_common::schema::{message_name, message_names};
    let mut covered: Vec<String> = membership::messages()
        .iter()
        .chain(proposals::messages().iter())
        .map(message_name)
        .collect();
    covered.sort();
    covered.dedup();
    assert_eq!(covered, message_names::<crate::msg::ExecuteMsg>());
}
