//! Visitor caps: a popular node's council caps how many bookings of one visiting node may cover
//! any one night. The relay books for each visitor `on_behalf_of` "<node>/<visitor>", so the
//! registry counts per (node, night), and frees a night when its booking is cancelled.

use super::agents::{book, refused, setup};
use super::*;
use crate::execute::admin::MAX_VISITOR_CAP;
use crate::msg::VisitorsResponse;

fn set_cap(t: &mut T, node: Option<&str>, cap: Option<u64>) {
    let admin = t.admin.clone();
    t.exec(
        &admin,
        ExecuteMsg::SetVisitorCap {
            node: node.map(String::from),
            cap,
        },
    )
    .unwrap();
}

fn over_cap(node: &str, night: u64, cap: u64) -> ContractError {
    ContractError::VisitorCapReached {
        node: node.to_string(),
        night,
        cap,
    }
}

fn visitors(t: &T, node: &str, day: u64) -> VisitorsResponse {
    t.q(QueryMsg::Visitors {
        node: node.to_string(),
        night: t.today() + day,
    })
}

#[test]
fn a_capped_node_books_up_to_its_cap_on_each_night_and_no_further() {
    let (mut t, relay, [a, b, c]) = setup();
    set_cap(&mut t, Some("node-b"), Some(2));
    // Two visitors of node-b overlap on nights 3 and 4: the cap is reached there only.
    book(&mut t, &relay, Some("node-b/alice"), a, 1, 5).unwrap();
    book(&mut t, &relay, Some("node-b/bob"), b, 3, 8).unwrap();
    let today = t.today();
    assert_eq!(
        refused(&mut t, &relay, Some("node-b/carol"), c, 2, 4),
        over_cap("node-b", today + 3, 2)
    );
    // Nights 5 to 7 hold one booking of node-b: one more fits there.
    book(&mut t, &relay, Some("node-b/carol"), c, 5, 7).unwrap();
    assert_eq!(
        visitors(&t, "node-b", 4),
        VisitorsResponse {
            booked: 2,
            cap: Some(2)
        }
    );
    assert_eq!(visitors(&t, "node-b", 8).booked, 0);
}

#[test]
fn the_cap_counts_each_visiting_node_apart_and_a_nodes_own_cap_overrides_the_default() {
    let (mut t, relay, [a, b, c]) = setup();
    set_cap(&mut t, None, Some(1));
    set_cap(&mut t, Some("node-c"), Some(2));
    let today = t.today();
    book(&mut t, &relay, Some("node-b/alice"), a, 1, 3).unwrap();
    // node-b is at the default cap on night 2; node-c's visitors are counted apart.
    assert_eq!(
        refused(&mut t, &relay, Some("node-b/bob"), b, 2, 4),
        over_cap("node-b", today + 2, 1)
    );
    book(&mut t, &relay, Some("node-c/bob"), b, 1, 3).unwrap();
    book(&mut t, &relay, Some("node-c/carol"), c, 2, 4).unwrap();
    book(&mut t, &relay, Some("node-c/dan"), b, 3, 4).unwrap();
    assert_eq!(
        refused(&mut t, &relay, Some("node-c/eve"), a, 3, 4),
        over_cap("node-c", today + 3, 2)
    );
    // Without its own cap node-c falls back to the default; the bookings it holds stay.
    set_cap(&mut t, Some("node-c"), None);
    assert_eq!(
        visitors(&t, "node-c", 3),
        VisitorsResponse {
            booked: 2,
            cap: Some(1)
        }
    );
    assert_eq!(
        refused(&mut t, &relay, Some("node-c/eve"), a, 3, 4),
        over_cap("node-c", today + 3, 1)
    );
    // Lifting the default lifts the cap of every node without its own.
    set_cap(&mut t, None, None);
    book(&mut t, &relay, Some("node-c/eve"), a, 3, 4).unwrap();
    assert_eq!(
        visitors(&t, "node-c", 3),
        VisitorsResponse {
            booked: 3,
            cap: None
        }
    );
}

#[test]
fn a_cancelled_booking_frees_its_nights_and_a_completed_stay_stays_counted() {
    let (mut t, relay, [a, b, c]) = setup();
    set_cap(&mut t, Some("node-b"), Some(1));
    let first = book(&mut t, &relay, Some("node-b/alice"), a, 10, 12).unwrap();
    let today = t.today();
    assert_eq!(
        refused(&mut t, &relay, Some("node-b/bob"), b, 11, 13),
        over_cap("node-b", today + 11, 1)
    );
    t.exec(&relay, ExecuteMsg::CancelBooking { booking_id: first })
        .unwrap();
    assert_eq!(visitors(&t, "node-b", 10).booked, 0);
    let stay = book(&mut t, &relay, Some("node-b/bob"), b, 11, 13).unwrap();
    // Bob's stay begins and its payment is released: his guests are there, nights 11 and 12
    // stay counted against node-b.
    t.advance_days(11);
    t.exec(
        &relay,
        ExecuteMsg::ReleaseBookingPayment { booking_id: stay },
    )
    .unwrap();
    assert_eq!(
        refused(&mut t, &relay, Some("node-b/carol"), c, 1, 2),
        over_cap("node-b", today + 12, 1)
    );
}

#[test]
fn local_payers_and_agent_bookings_without_a_node_are_not_capped() {
    let (mut t, relay, [a, b, _]) = setup();
    set_cap(&mut t, None, Some(0));
    let local = t.addr("local");
    book(&mut t, &local, None, a, 1, 3).unwrap();
    book(&mut t, &relay, Some("someone"), b, 1, 3).unwrap();
    assert_eq!(
        refused(&mut t, &relay, Some("node-b/alice"), a, 5, 6),
        over_cap("node-b", t.today() + 5, 0)
    );
}

#[test]
fn only_the_admin_sets_a_visitor_cap_and_only_within_bounds() {
    let (mut t, _, _) = setup();
    let admin = t.admin.clone();
    let stranger = t.addr("stranger");
    let msg = |node: &str, cap: u64| ExecuteMsg::SetVisitorCap {
        node: Some(node.to_string()),
        cap: Some(cap),
    };
    assert_eq!(
        t.refused(&stranger, msg("node-b", 3)),
        ContractError::Admin(dac_common::admin::AdminError::NotAdmin)
    );
    let invalid = |field: &str, reason: &str| ContractError::InvalidInput {
        field: field.to_string(),
        reason: reason.to_string(),
    };
    assert_eq!(
        t.refused(&admin, msg("node-b", MAX_VISITOR_CAP + 1)),
        invalid("cap", "at most 10000")
    );
    for bad in ["", "node/b", &"n".repeat(33), "nöde"] {
        assert_eq!(
            t.refused(&admin, msg(bad, 3)),
            invalid("node", "1 to 32 of A-Z a-z 0-9 - _"),
            "{bad:?}"
        );
    }
    t.exec(&admin, msg("node-b", MAX_VISITOR_CAP)).unwrap();
    assert_eq!(visitors(&t, "node-b", 0).cap, Some(MAX_VISITOR_CAP));
}
