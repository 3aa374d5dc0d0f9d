//! Visitor caps across two relayed nodes: the host's council caps how many bookings of one
//! visiting node may cover any one night. A visitor's booking beyond the cap is refused by the
//! host's registry, so the host relay answers with an error acknowledgement and the visitor's
//! relay gives back every voucher the booking offered; a cancelled booking frees its nights.

mod ibc_common;

use cosmwasm_std::Uint128;
use dac_testing::dac_deploy::Contract;
use dac_testing::dac_ibc_harness::{Delivery, Side};
use dac_testing::{TwoNodes, DAY};
use housing_registry::msg::{
    BookingResponse, BookingStatus, BookingsResponse, ExecuteMsg as HousingMsg, QueryMsg,
    VisitorsResponse,
};
use ibc_common::*;
use ibc_relay::msg::{BookGuestMsg, ExecuteMsg as RelayMsg};

const HOST: Side = Side::A;
const HOME: Side = Side::B;

/// `visitor` on the visiting node offers all their vouchers for nights `from..to` (days from
/// today) of `home_id`; the acknowledgement the host's relay wrote.
fn book_remote(w: &mut TwoNodes, visitor: &str, home_id: u64, from: u64, to: u64) -> Delivery {
    let today = w.today(HOST);
    let msg = RelayMsg::BookGuest(BookGuestMsg {
        channel_id: w.channel_id(HOME),
        home_id,
        guest: visitor.to_string(),
        start_day: today + from,
        end_day: today + to,
        shares: Uint128::new(w.vouchers(HOST, visitor)),
        timeout_seconds: Some(DAY),
    });
    w.exec(HOME, visitor, Contract::Relay, &msg).unwrap();
    let outcomes = w.relayer.relay_all().unwrap();
    assert_eq!(outcomes.len(), 1, "{outcomes:?}");
    outcomes[0].delivery.clone()
}

fn visitors(w: &TwoNodes, day: u64) -> VisitorsResponse {
    w.query(
        HOST,
        Contract::Housing,
        &QueryMsg::Visitors {
            node: w.name(HOME),
            night: w.today(HOST) + day,
        },
    )
}

fn bookings(w: &TwoNodes, home_id: u64) -> Vec<BookingResponse> {
    let r: BookingsResponse = w.query(
        HOST,
        Contract::Housing,
        &QueryMsg::ListBookings {
            home_id,
            start_after: None,
            limit: None,
        },
    );
    r.bookings
}

#[test]
fn a_booking_beyond_the_hosts_visitor_cap_gets_an_error_ack_and_a_full_refund() {
    let mut w = deploy();
    let homes = [
        w.open_guest_home(HOST).unwrap(),
        w.open_guest_home(HOST).unwrap(),
    ];
    for visitor in ["bob", "carol"] {
        w.send_abroad(HOST, "alice", visitor, 100_000, DAY).unwrap();
    }
    w.relayer.relay_all().unwrap();
    // The host's council: one booking of the visiting node's guests a night.
    let cap = HousingMsg::SetVisitorCap {
        node: Some(w.name(HOME)),
        cap: Some(1),
    };
    w.govern(HOST, "Cap visitors from dac-2", Contract::Housing, &cap)
        .unwrap();

    // Bob holds nights 2 and 3.
    assert!(!is_error(&book_remote(&mut w, "bob", homes[0], 2, 4)));
    assert_eq!(
        visitors(&w, 3),
        VisitorsResponse {
            booked: 1,
            cap: Some(1)
        }
    );

    // Carol wants nights 3 and 4 in the other home, which is free: night 3 is at the cap.
    let offered = w.vouchers(HOST, "carol");
    let held_for_home = w.units_held_for_other(HOST);
    let delivery = book_remote(&mut w, "carol", homes[1], 3, 5);
    assert!(is_error(&delivery), "{delivery:?}");
    let Delivery::Acknowledged(ack) = &delivery else {
        unreachable!()
    };
    // The harness passes the registry's reason on (wasmd would redact it to an error code).
    let ack = String::from_utf8_lossy(ack);
    assert!(
        ack.contains("visitors of dac-2 already hold 1 bookings on night"),
        "{ack}"
    );
    // The full refund: every voucher she offered is hers again, to the unit; the host's relay
    // still holds what backs them, and no booking exists.
    assert_eq!(w.vouchers(HOST, "carol"), offered);
    assert_eq!(w.units_held_for_other(HOST), held_for_home);
    assert!(w.pending(HOME).packets.is_empty());
    assert!(bookings(&w, homes[1]).is_empty());

    // The cap counts per night: nights 4 and 5 hold no other booking of dac-2.
    assert!(!is_error(&book_remote(&mut w, "carol", homes[1], 4, 6)));
    assert!(w.vouchers(HOST, "carol") < offered);

    // Bob cancels through the relays: his nights are free again, and Alice's friend Dan (a
    // visitor too) books night 3.
    let bob_booking = bookings(&w, homes[0])[0].booking_id;
    w.exec(
        HOME,
        "bob",
        Contract::Relay,
        &RelayMsg::CancelGuestBooking {
            channel_id: w.channel_id(HOME),
            booking_id: bob_booking,
            timeout_seconds: None,
        },
    )
    .unwrap();
    w.relayer.relay_all().unwrap();
    let cancelled: BookingResponse = w.query(
        HOST,
        Contract::Housing,
        &QueryMsg::Booking {
            booking_id: bob_booking,
        },
    );
    assert_eq!(cancelled.status, BookingStatus::Cancelled);
    assert_eq!(visitors(&w, 3).booked, 0);
    w.send_abroad(HOST, "alice", "dan", 100_000, DAY).unwrap();
    w.relayer.relay_all().unwrap();
    assert!(!is_error(&book_remote(&mut w, "dan", homes[0], 3, 4)));
    assert_eq!(visitors(&w, 3).booked, 1);
}

fn is_error(delivery: &Delivery) -> bool {
    dac_testing::is_error(delivery)
}
