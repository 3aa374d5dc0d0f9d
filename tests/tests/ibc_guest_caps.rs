//! Guest homes can be booked by visitors from other nodes. The host relay pays for every remote
//! visitor's booking; as one payer, all of them together would have shared one payer's night
//! caps (60 nights of a home). As the registry's booking agent it books on behalf of each
//! visitor, who gets their own caps, while a local squatter stays capped as before.

mod ibc_common;

use cosmwasm_std::Uint128;
use dac_testing::dac_deploy::Contract;
use dac_testing::dac_ibc_harness::Side;
use dac_testing::{TwoNodes, DAY};
use housing_registry::msg::{BookGuestMsg, BookingResponse, QueryMsg, ReceiveMsg};
use ibc_common::*;

const HOST: Side = Side::A;

/// `visitor` on the other node books nights `from..from + nights` (days from today) of
/// `home_id` through the relays; true when the host's registry took the booking.
fn book_remote(w: &mut TwoNodes, home_id: u64, visitor: &str, from: u64, nights: u64) -> bool {
    let start_day = w.today(HOST) + from;
    let msg = ibc_relay::msg::ExecuteMsg::BookGuest(ibc_relay::msg::BookGuestMsg {
        channel_id: w.channel_id(HOST.other()),
        home_id,
        guest: visitor.to_string(),
        start_day,
        end_day: start_day + nights,
        shares: Uint128::new(w.vouchers(HOST, visitor)),
        timeout_seconds: Some(DAY),
    });
    w.exec(HOST.other(), visitor, Contract::Relay, &msg)
        .unwrap();
    let outcomes = w.relayer.relay_all().unwrap();
    assert!(!outcomes.is_empty());
    outcomes.iter().all(|o| !o.is_error_ack())
}

/// `who` on the host books `home_id` directly with the token; the registry's error if refused.
fn book_local(
    w: &mut TwoNodes,
    home_id: u64,
    who: &str,
    from: u64,
    nights: u64,
    on_behalf_of: Option<&str>,
) -> Result<(), String> {
    let start_day = w.today(HOST) + from;
    let hook = ReceiveMsg::BookGuest(BookGuestMsg {
        home_id,
        guest: who.to_string(),
        start_day,
        end_day: start_day + nights,
        on_behalf_of: on_behalf_of.map(String::from),
    });
    let price = GUEST_NIGHT * u128::from(nights);
    w.send_token(HOST, who, Contract::Housing, price, &hook)
        .map(|_| ())
        .map_err(|e| format!("{:?}", e.root_cause()))
}

#[test]
fn two_remote_visitors_each_book_up_to_their_own_cap_while_a_local_squatter_stays_capped() {
    let mut w = deploy();
    let home = w.open_guest_home(HOST).unwrap();
    for visitor in ["bob", "carol"] {
        w.send_abroad(HOST, "alice", visitor, 200_000, DAY).unwrap();
    }
    w.relayer.relay_all().unwrap();
    // Bob then Carol: 60 nights each of the same home (at most 30 a stay), 120 in all through
    // one relay: twice what the relay could hold as one payer. The registry books at most 180
    // days ahead, so the 181 nights this story needs fill days 0 to 180 from today.
    for (k, visitor) in ["bob", "carol"].into_iter().enumerate() {
        let first = 60 * k as u64;
        for stay in 0..5 {
            assert!(
                book_remote(&mut w, home, visitor, first + 12 * stay, 12),
                "{visitor}'s stay {stay} was refused"
            );
        }
    }
    // Bob cannot go past his own cap through the relay (the night is free and bookable).
    assert!(!book_remote(&mut w, home, "bob", 120, 1));
    let booking: BookingResponse = w.query(
        HOST,
        Contract::Housing,
        &QueryMsg::Booking { booking_id: 6 },
    );
    let carol = w.addr(HOST.other(), "carol");
    let visitors_node = w.name(HOST.other());
    assert_eq!(booking.payer, w.contract(HOST, Contract::Relay));
    assert_eq!(
        booking.on_behalf_of,
        Some(format!("{visitors_node}/{carol}"))
    );

    // A local squatter is one payer with one payer's caps, and cannot name others.
    for stay in 0..5 {
        book_local(&mut w, home, "payer", 120 + 12 * stay, 12, None).unwrap();
    }
    let err = book_local(&mut w, home, "payer", 180, 1, None).unwrap_err();
    assert!(
        err.contains("TooManyNightsHeld { held: 61, cap: 60"),
        "{err}"
    );
    let sybil = format!("{visitors_node}/sybil");
    let err = book_local(&mut w, home, "payer", 180, 1, Some(&sybil)).unwrap_err();
    assert!(err.contains("NotBookingAgent"), "{err}");
}
