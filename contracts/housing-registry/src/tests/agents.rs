//! Booking agents. The node's IBC relay pays for every remote visitor's booking, so as a plain
//! payer all remote visitors together would share one payer's caps (120 nights in the whole
//! node). A booking agent's nights count per visitor it names, and all of them together
//! against the agent's own cap, so a hostile node still cannot block every guest home.

use cosmwasm_std::{CosmosMsg, WasmMsg};
use cw20::Cw20ExecuteMsg;

use super::*;
use crate::msg::{BookingResponse, ConfigResponse};

/// A registry whose admin named `relay` its booking agent, with three guest homes.
pub(super) fn setup() -> (T, Addr, [u64; 3]) {
    let mut t = T::new();
    let relay = t.addr("relay");
    let admin = t.admin.clone();
    t.exec(
        &admin,
        ExecuteMsg::SetBookingAgents {
            agents: vec![relay.to_string()],
        },
    )
    .unwrap();
    let homes = [(); 3].map(|_| t.register_with(1, vec![], HomeStatus::Guest));
    (t, relay, homes)
}

/// `payer` books nights `from..to` (days from today) of `home`, for `visitor` if named.
pub(super) fn book(
    t: &mut T,
    payer: &Addr,
    visitor: Option<&str>,
    home_id: u64,
    from: u64,
    to: u64,
) -> Result<u64, ContractError> {
    let today = t.today();
    t.send(
        payer,
        40 * u128::from(to - from),
        ReceiveMsg::BookGuest(crate::msg::BookGuestMsg {
            home_id,
            guest: visitor.unwrap_or("local").to_string(),
            start_day: today + from,
            end_day: today + to,
            on_behalf_of: visitor.map(String::from),
        }),
    )
    .map(|res| attr(&res, "booking_id").parse().unwrap())
}

/// Like `book`, expected to be refused without changing a stored byte.
pub(super) fn refused(
    t: &mut T,
    payer: &Addr,
    visitor: Option<&str>,
    home_id: u64,
    from: u64,
    to: u64,
) -> ContractError {
    let before = t.dump();
    let err = book(t, payer, visitor, home_id, from, to).unwrap_err();
    assert_eq!(before, t.dump(), "state changed on a refusal: {err}");
    err
}

fn cap(held: u64, cap: u64, scope: &str) -> ContractError {
    ContractError::TooManyNightsHeld {
        held,
        cap,
        scope: scope.to_string(),
    }
}

#[test]
fn two_remote_visitors_each_book_up_to_their_own_cap_while_a_local_squatter_stays_capped() {
    let (mut t, relay, [a, b, c]) = setup();
    // Each visitor holds 60 nights at home a and 60 at home b: 240 nights through one payer,
    // twice what one payer may hold.
    for (k, visitor) in ["node-b/alice", "node-b/bob"].into_iter().enumerate() {
        let first = 1 + 60 * k as u64;
        for home in [a, b] {
            book(&mut t, &relay, Some(visitor), home, first, first + 30).unwrap();
            book(&mut t, &relay, Some(visitor), home, first + 30, first + 60).unwrap();
        }
        // At their own cap: 120 in all.
        assert_eq!(
            refused(&mut t, &relay, Some(visitor), c, first, first + 1),
            cap(121, 120, "in all")
        );
    }
    let booking: BookingResponse = t.q(QueryMsg::Booking { booking_id: 1 });
    assert_eq!(booking.payer, relay.to_string());
    assert_eq!(booking.on_behalf_of.as_deref(), Some("node-b/alice"));
    // A local squatter is still one payer with one payer's caps.
    let squatter = t.addr("squatter");
    book(&mut t, &squatter, None, c, 1, 31).unwrap();
    book(&mut t, &squatter, None, c, 31, 61).unwrap();
    assert_eq!(
        refused(&mut t, &squatter, None, c, 61, 62),
        cap(61, 60, "at one home")
    );
}

#[test]
fn a_visitor_cannot_exceed_their_own_cap_by_booking_through_the_relay() {
    let (mut t, relay, [a, b, _]) = setup();
    let alice = Some("node-b/alice");
    book(&mut t, &relay, alice, a, 1, 31).unwrap();
    book(&mut t, &relay, alice, a, 31, 61).unwrap();
    assert_eq!(
        refused(&mut t, &relay, alice, a, 61, 62),
        cap(61, 60, "at one home")
    );
    // Her own bookings as a local payer are a separate account, as any payer's are; the
    // relay's as a plain payer too, and neither is bounded by hers.
    book(&mut t, &relay, None, b, 1, 31).unwrap();
    // Another visitor of the same node is someone else.
    book(&mut t, &relay, Some("node-b/bob"), a, 61, 62).unwrap();
}

#[test]
fn the_agents_total_cap_holds_against_a_node_with_many_visitors() {
    let (mut t, relay, homes) = setup();
    let admin = t.admin.clone();
    t.exec(
        &admin,
        ExecuteMsg::UpdateConfig {
            treasury: None,
            fees: None,
            guest: Some(GuestParams {
                max_nights_held_per_agent: 150,
                ..guest_params()
            }),
            grace_period_seconds: None,
            score_weights: None,
        },
    )
    .unwrap();
    // A hostile node invents a visitor per booking: 5 x 30 nights reach the agent's cap.
    let mut ids = vec![];
    for k in 0..5u64 {
        let visitor = format!("node-b/sybil{k}");
        let (home, from) = (homes[(k % 3) as usize], 1 + 30 * (k / 3));
        ids.push(book(&mut t, &relay, Some(&visitor), home, from, from + 30).unwrap());
    }
    assert_eq!(
        refused(&mut t, &relay, Some("node-b/sybil5"), homes[2], 31, 32),
        cap(151, 150, "by the booking agent")
    );
    // A local visitor still books.
    let local = t.addr("local");
    book(&mut t, &local, None, homes[2], 31, 40).unwrap();
    // A cancellation frees the agent's nights as well as the visitor's.
    t.exec(&relay, ExecuteMsg::CancelBooking { booking_id: ids[0] })
        .unwrap();
    book(&mut t, &relay, Some("node-b/sybil5"), homes[0], 1, 31).unwrap();
}

#[test]
fn a_payer_who_is_not_an_agent_cannot_book_on_behalf_of_others() {
    let (mut t, relay, [a, _, _]) = setup();
    let squatter = t.addr("squatter");
    book(&mut t, &squatter, None, a, 1, 31).unwrap();
    book(&mut t, &squatter, None, a, 31, 61).unwrap();
    // Naming others to dodge the cap is refused, whatever the name.
    for name in ["sybil", "node-b/alice", ""] {
        assert_eq!(
            refused(&mut t, &squatter, Some(name), a, 61, 62),
            ContractError::NotBookingAgent
        );
    }
    // An agent the admin dropped is a plain payer again.
    let admin = t.admin.clone();
    t.exec(&admin, ExecuteMsg::SetBookingAgents { agents: vec![] })
        .unwrap();
    assert_eq!(
        refused(&mut t, &relay, Some("node-b/alice"), a, 61, 62),
        ContractError::NotBookingAgent
    );
    let config: ConfigResponse = t.q(QueryMsg::Config {});
    assert!(config.booking_agents.is_empty());
}

#[test]
fn cancelling_or_releasing_a_visitors_booking_frees_that_visitors_own_nights() {
    let (mut t, relay, [a, _, _]) = setup();
    let alice = Some("node-b/alice");
    let first = book(&mut t, &relay, alice, a, 10, 40).unwrap();
    let second = book(&mut t, &relay, alice, a, 40, 70).unwrap();
    assert!(matches!(
        refused(&mut t, &relay, alice, a, 70, 71),
        ContractError::TooManyNightsHeld { .. }
    ));
    // The visitor cancels through the relay (the payer); the refund goes to the relay, which
    // passes it on.
    let res = t
        .exec(&relay, ExecuteMsg::CancelBooking { booking_id: second })
        .unwrap();
    let CosmosMsg::Wasm(WasmMsg::Execute { msg, .. }) = &res.messages[0].msg else {
        panic!("expected the refund");
    };
    assert!(matches!(
        from_json::<Cw20ExecuteMsg>(msg).unwrap(),
        Cw20ExecuteMsg::Transfer { recipient, .. } if recipient == relay.as_str()
    ));
    book(&mut t, &relay, alice, a, 40, 70).unwrap();
    // Once a stay begins its payment is released, and its nights are free too.
    t.advance_days(10);
    let anyone = t.addr("anyone");
    t.exec(
        &anyone,
        ExecuteMsg::ReleaseBookingPayment { booking_id: first },
    )
    .unwrap();
    book(&mut t, &relay, alice, a, 60, 90).unwrap();
    // Nothing was counted against the relay as a plain payer.
    book(&mut t, &relay, None, a, 90, 120).unwrap();
    book(&mut t, &relay, None, a, 120, 150).unwrap();
}

#[test]
fn booking_agents_are_bounded_and_validated() {
    let (mut t, _, _) = setup();
    let admin = t.admin.clone();
    let many: Vec<String> = (0..9)
        .map(|k| t.addr(&format!("relay{k}")).to_string())
        .collect();
    let relay = t.addr("relay").to_string();
    for agents in [
        many,
        vec![relay.clone(), relay.clone()],
        vec!["not an address".to_string()],
    ] {
        t.refused(&admin, ExecuteMsg::SetBookingAgents { agents });
    }
    let config: ConfigResponse = t.q(QueryMsg::Config {});
    assert_eq!(config.booking_agents, vec![relay]);
    // An agent's total cap is at least a payer's and bounded.
    for per_agent in [119, 36_501] {
        assert!(matches!(
            t.refused(
                &admin,
                ExecuteMsg::UpdateConfig {
                    treasury: None,
                    fees: None,
                    guest: Some(GuestParams {
                        max_nights_held_per_agent: per_agent,
                        ..guest_params()
                    }),
                    grace_period_seconds: None,
                    score_weights: None,
                }
            ),
            ContractError::InvalidInput { .. }
        ));
    }
    // A booking stored before agents existed still reads.
    let old: crate::state::Booking = from_json(
        br#"{"home_id":1,"guest":"g","payer":"p","start_day":1,"end_day":2,"paid":"40","status":"active","refunded":"0"}"#,
    )
    .unwrap();
    assert_eq!(old.on_behalf_of, None);
}
