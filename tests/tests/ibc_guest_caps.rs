//! Guest homes can be booked by visitors from other nodes. The host relay pays for every remote
//! visitor's booking; as one payer, all of them together would have shared one payer's night
//! caps (60 nights of a home). As the registry's booking agent it books on behalf of each
//! visitor, who gets their own caps, while a local squatter stays capped as before.

mod ibc_common;

use cosmwasm_std::{to_json_binary, Uint128};
use cw_multi_test::Executor;
use dac_ibc_harness::Side;
use ibc_common::*;
use serde_json::{json, Value};

const HOST: Side = Side::A;

fn today(w: &World) -> u64 {
    w.relayer.chain(HOST).app.block_info().time.seconds() / DAY
}

/// `visitor` on the other node books nights `from..from + nights` (days from today) of home 1
/// through the relays; true when the host's registry took the booking.
fn book_remote(w: &mut World, visitor: &str, from: u64, nights: u64) -> bool {
    let start_day = today(w) + from;
    let msg = ibc_relay::msg::ExecuteMsg::BookGuest(ibc_relay::msg::BookGuestMsg {
        channel_id: w.channel_id(HOST.other()),
        home_id: 1,
        guest: visitor.to_string(),
        start_day,
        end_day: start_day + nights,
        shares: Uint128::new(w.vouchers(HOST, visitor)),
        timeout_seconds: Some(DAY),
    });
    w.relay_exec(HOST.other(), visitor, &msg).unwrap();
    let outcomes = w.relayer.relay_all().unwrap();
    assert!(!outcomes.is_empty());
    outcomes.iter().all(|o| !o.is_error_ack())
}

/// `who` on the host books home 1 directly with the token; the registry's error if refused.
fn book_local(
    w: &mut World,
    who: &str,
    from: u64,
    nights: u64,
    on_behalf_of: Option<&str>,
) -> Result<(), String> {
    let start_day = today(w) + from;
    let hook = json!({"book_guest": {
        "home_id": 1,
        "guest": who,
        "start_day": start_day,
        "end_day": start_day + nights,
        "on_behalf_of": on_behalf_of,
    }});
    let msg = cw20::Cw20ExecuteMsg::Send {
        contract: w.housing(HOST).to_string(),
        amount: Uint128::new(GUEST_NIGHT * u128::from(nights)),
        msg: to_json_binary(&hook).unwrap(),
    };
    let (sender, token) = (w.addr(HOST, who), w.node(HOST).token.clone());
    w.relayer
        .chain_mut(HOST)
        .app
        .execute_contract(sender, token, &msg, &[])
        .map(|_| ())
        .map_err(|e| format!("{:?}", e.root_cause()))
}

#[test]
fn two_remote_visitors_each_book_up_to_their_own_cap_while_a_local_squatter_stays_capped() {
    let (mut w, _) = world();
    add_guest_home(&mut w, HOST);
    for visitor in ["bob", "carol"] {
        w.send_tokens(HOST, "alice", visitor, 200_000, DAY).unwrap();
    }
    w.relayer.relay_all().unwrap();
    // Bob then Carol: 60 nights each of the same home (at most 14 a stay), 120 in all through
    // one relay: twice what the relay could hold as one payer.
    for (k, visitor) in ["bob", "carol"].into_iter().enumerate() {
        let first = 1 + 60 * k as u64;
        for stay in 0..5 {
            assert!(
                book_remote(&mut w, visitor, first + 12 * stay, 12),
                "{visitor}'s stay {stay} was refused"
            );
        }
    }
    // Bob cannot go past his own cap through the relay.
    assert!(!book_remote(&mut w, "bob", 121, 1));
    let booking: Value = w
        .relayer
        .chain(HOST)
        .app
        .wrap()
        .query_wasm_smart(w.housing(HOST), &json!({"booking": {"booking_id": 6}}))
        .unwrap();
    let carol = w.addr(HOST.other(), "carol");
    assert_eq!(booking["on_behalf_of"], json!(format!("beta/{carol}")));

    // A local squatter is one payer with one payer's caps, and cannot name others.
    for stay in 0..5 {
        book_local(&mut w, "payer", 121 + 12 * stay, 12, None).unwrap();
    }
    let err = book_local(&mut w, "payer", 181, 1, None).unwrap_err();
    assert!(
        err.contains("TooManyNightsHeld { held: 61, cap: 60"),
        "{err}"
    );
    let err = book_local(&mut w, "payer", 181, 1, Some("beta/sybil")).unwrap_err();
    assert!(err.contains("NotBookingAgent"), "{err}");
}
