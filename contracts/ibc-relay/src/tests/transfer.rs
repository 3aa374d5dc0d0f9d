use cosmwasm_std::testing::mock_env;
use cosmwasm_std::Uint128;

use super::*;
use crate::execute::transfer::HousingHookMsg;
use crate::holdings::VIRTUAL_UNITS as M;
use crate::msg::{HoldingsResponse, ListPendingResponse, ReceiveMsg, VoucherResponse};
use crate::packet::BookingAck;

fn holdings(deps: &Deps) -> HoldingsResponse {
    q(
        deps,
        QueryMsg::Holdings {
            start_after: None,
            limit: None,
        },
    )
}

fn vouchers(deps: &Deps, who: &str) -> Uint128 {
    let holder = addr(deps, who).to_string();
    q::<VoucherResponse>(
        deps,
        QueryMsg::Voucher {
            node: BETA.to_string(),
            holder,
        },
    )
    .shares
}

/// Beta credits `shares` of its token to `who` here.
fn receive_vouchers(deps: &mut Deps, id: u64, who: &str, shares: u128) {
    let receiver = addr(deps, who).to_string();
    let (ack, _) = deliver(
        deps,
        incoming(
            id,
            RelayPacket::Transfer(TransferPacket {
                sender: "beta1sender".to_string(),
                receiver,
                shares: Uint128::new(shares),
                value: Uint128::new(shares),
            }),
        ),
    );
    assert!(!is_error(&ack));
}

#[test]
fn sending_tokens_buys_units_and_sends_a_transfer_packet() {
    let mut deps = setup();
    let res = send_out(&mut deps, 1_000, 1_000);
    assert_eq!(
        sent_body(&res),
        RelayPacket::Transfer(TransferPacket {
            sender: addr(&deps, "alice").to_string(),
            receiver: "beta1receiver".to_string(),
            shares: Uint128::new(1_000 * M),
            value: Uint128::new(1_000),
        })
    );
    let h = holdings(&deps);
    assert_eq!(h.total_units, Uint128::new(1_000 * M));
    assert_eq!(h.in_flight_units, Uint128::new(1_000 * M));
    let in_flight: ListPendingResponse = q(
        &deps,
        QueryMsg::TransfersInFlight {
            start_after: None,
            limit: None,
        },
    );
    assert_eq!(in_flight.packets.len(), 1);
}

#[test]
fn only_our_token_can_be_sent() {
    let mut deps = setup();
    let alice = addr(&deps, "alice");
    let err = assert_refused_unchanged(
        &mut deps,
        "fake-token",
        ExecuteMsg::Receive(cw20::Cw20ReceiveMsg {
            sender: alice.to_string(),
            amount: Uint128::new(10),
            msg: to_json_binary(&ReceiveMsg::Transfer {
                channel_id: CHANNEL.to_string(),
                receiver: "beta1receiver".to_string(),
                timeout_seconds: None,
            })
            .unwrap(),
        }),
    );
    assert!(matches!(err, ContractError::WrongToken(_)));
}

#[test]
fn later_deposits_buy_units_at_the_decayed_price() {
    let mut deps = setup();
    let first = send_out(&mut deps, 1_000, 1_000);
    ack_ok(&mut deps, sent(&first));
    // The 1000 decayed to 500; a new 100 arrives (balance 600): it buys
    // 100 * (1000 M + M) / (500 + 1) units (the virtual unit and micro), just under 200 M.
    let res = send_out(&mut deps, 100, 600);
    let RelayPacket::Transfer(TransferPacket { shares, .. }) = sent_body(&res) else {
        panic!()
    };
    assert_eq!(shares, Uint128::new(199_800_399));
}

#[test]
fn transfer_success_ack_moves_units_to_the_node() {
    let mut deps = setup();
    let res = send_out(&mut deps, 1_000, 1_000);
    let msgs = ack_ok(&mut deps, sent(&res));
    assert!(msgs.is_empty());
    let h = holdings(&deps);
    assert_eq!(h.in_flight_units, Uint128::zero());
    assert_eq!(h.nodes[0].units, Uint128::new(1_000 * M));
    assert_eq!(h.nodes[0].value, Uint128::new(1_000));
    // A second acknowledgement of the same packet changes nothing.
    assert!(ack_err(&mut deps, sent(&res)).is_empty());
    assert_eq!(holdings(&deps), h);
}

#[test]
fn transfer_error_ack_refunds_the_decayed_share() {
    let mut deps = setup();
    let res = send_out(&mut deps, 1_000, 1_000);
    set_relay_balance(&mut deps, 990);
    let msgs = ack_err(&mut deps, sent(&res));
    assert_eq!(
        token_transfer(&msgs),
        Some((addr(&deps, "alice").to_string(), Uint128::new(990)))
    );
    let h = holdings(&deps);
    assert_eq!(h.total_units, Uint128::zero());
    assert_eq!(h.in_flight_units, Uint128::zero());
}

#[test]
fn transfer_timeout_refunds_and_a_late_ack_changes_nothing() {
    let mut deps = setup();
    let res = send_out(&mut deps, 1_000, 1_000);
    let msgs = time_out(&mut deps, sent(&res));
    assert_eq!(
        token_transfer(&msgs),
        Some((addr(&deps, "alice").to_string(), Uint128::new(1_000)))
    );
    set_relay_balance(&mut deps, 0);
    assert!(ack_ok(&mut deps, sent(&res)).is_empty());
    assert_eq!(holdings(&deps).nodes, vec![]);
}

#[test]
fn receiving_a_transfer_credits_vouchers_once() {
    let mut deps = setup();
    receive_vouchers(&mut deps, 1, "carol", 500);
    assert_eq!(vouchers(&deps, "carol"), Uint128::new(500));
    // The same packet again: an error acknowledgement, nothing credited.
    let carol = addr(&deps, "carol").to_string();
    let (ack, _) = deliver(
        &mut deps,
        incoming(
            1,
            RelayPacket::Transfer(TransferPacket {
                sender: "beta1sender".to_string(),
                receiver: carol,
                shares: Uint128::new(500),
                value: Uint128::new(500),
            }),
        ),
    );
    assert!(is_error(&ack));
    assert_eq!(vouchers(&deps, "carol"), Uint128::new(500));
}

#[test]
fn a_transfer_to_an_invalid_receiver_is_an_error_ack_and_not_retried() {
    let mut deps = setup();
    let bad = incoming(
        3,
        RelayPacket::Transfer(TransferPacket {
            sender: "beta1sender".to_string(),
            receiver: "not-an-address".to_string(),
            shares: Uint128::new(5),
            value: Uint128::new(5),
        }),
    );
    let before = snapshot(&deps);
    let (ack, msgs) = deliver(&mut deps, bad.clone());
    assert!(is_error(&ack));
    assert!(msgs.is_empty());
    assert_eq!(before, snapshot(&deps));
    let (ack, _) = deliver(&mut deps, bad);
    assert!(is_error(&ack));
}

#[test]
fn vouchers_move_within_the_ledger_only_by_their_holder() {
    let mut deps = setup();
    receive_vouchers(&mut deps, 1, "carol", 500);
    let dave = addr(&deps, "dave").to_string();
    let err = assert_refused_unchanged(
        &mut deps,
        "mallory",
        ExecuteMsg::TransferVouchers {
            node: BETA.to_string(),
            recipient: dave.clone(),
            shares: Uint128::new(1),
        },
    );
    assert!(matches!(err, ContractError::InsufficientVouchers { .. }));
    exec(
        &mut deps,
        "carol",
        ExecuteMsg::TransferVouchers {
            node: BETA.to_string(),
            recipient: dave,
            shares: Uint128::new(200),
        },
    )
    .unwrap();
    assert_eq!(vouchers(&deps, "carol"), Uint128::new(300));
    assert_eq!(vouchers(&deps, "dave"), Uint128::new(200));
}

fn return_home(deps: &mut Deps, who: &str, shares: u128) -> Result<Response, ContractError> {
    exec(
        deps,
        who,
        ExecuteMsg::ReturnVouchers {
            channel_id: CHANNEL.to_string(),
            receiver: "beta1home".to_string(),
            shares: Uint128::new(shares),
            timeout_seconds: None,
        },
    )
}

#[test]
fn returning_vouchers_burns_them_and_a_success_ack_keeps_them_burned() {
    let mut deps = setup();
    receive_vouchers(&mut deps, 1, "carol", 500);
    let err = assert_refused_unchanged(
        &mut deps,
        "mallory",
        ExecuteMsg::ReturnVouchers {
            channel_id: CHANNEL.to_string(),
            receiver: "beta1home".to_string(),
            shares: Uint128::new(1),
            timeout_seconds: None,
        },
    );
    assert!(matches!(err, ContractError::InsufficientVouchers { .. }));
    let res = return_home(&mut deps, "carol", 300).unwrap();
    assert_eq!(vouchers(&deps, "carol"), Uint128::new(200));
    assert!(ack_ok(&mut deps, sent(&res)).is_empty());
    assert_eq!(vouchers(&deps, "carol"), Uint128::new(200));
}

#[test]
fn a_refused_or_timed_out_return_gives_the_vouchers_back() {
    let mut deps = setup();
    receive_vouchers(&mut deps, 1, "carol", 500);
    let res = return_home(&mut deps, "carol", 300).unwrap();
    ack_err(&mut deps, sent(&res));
    assert_eq!(vouchers(&deps, "carol"), Uint128::new(500));
    let res = return_home(&mut deps, "carol", 500).unwrap();
    time_out(&mut deps, sent(&res));
    assert_eq!(vouchers(&deps, "carol"), Uint128::new(500));
}

#[test]
fn our_vouchers_coming_home_are_paid_their_share_of_the_decayed_holdings() {
    let mut deps = setup();
    let res = send_out(&mut deps, 1_000, 1_000);
    ack_ok(&mut deps, sent(&res));
    // Months later the 1000 held is worth 800; 250 M of the 1000 M units come home.
    set_relay_balance(&mut deps, 800);
    let bob = addr(&deps, "bob").to_string();
    let (ack, msgs) = deliver(
        &mut deps,
        incoming(
            1,
            RelayPacket::Return(ReturnPacket {
                sender: "beta1receiver".to_string(),
                receiver: bob.clone(),
                shares: Uint128::new(250 * M),
            }),
        ),
    );
    assert!(!is_error(&ack));
    assert_eq!(
        token_transfer(&msgs),
        Some((bob.clone(), Uint128::new(200)))
    );
    let h = holdings(&deps);
    assert_eq!(h.total_units, Uint128::new(750 * M));
    assert_eq!(h.nodes[0].units, Uint128::new(750 * M));
    // More than is held for beta: refused, nothing changes.
    let before = snapshot(&deps);
    let (ack, msgs) = deliver(
        &mut deps,
        incoming(
            2,
            RelayPacket::Return(ReturnPacket {
                sender: "beta1receiver".to_string(),
                receiver: bob,
                shares: Uint128::new(751 * M),
            }),
        ),
    );
    assert!(is_error(&ack));
    assert!(msgs.is_empty());
    assert_eq!(before, snapshot(&deps));
}

fn book(deps: &mut Deps, who: &str, shares: u128) -> Result<Response, ContractError> {
    exec(
        deps,
        who,
        ExecuteMsg::BookGuest(BookGuestMsg {
            channel_id: CHANNEL.to_string(),
            home_id: 4,
            guest: "beta1guest".to_string(),
            start_day: 100,
            end_day: 107,
            shares: Uint128::new(shares),
            timeout_seconds: None,
        }),
    )
}

#[test]
fn booking_a_guest_home_elsewhere_spends_vouchers_refunded_on_failure() {
    let mut deps = setup();
    receive_vouchers(&mut deps, 1, "carol", 500);
    let err = assert_refused_unchanged(
        &mut deps,
        "mallory",
        ExecuteMsg::BookGuest(BookGuestMsg {
            channel_id: CHANNEL.to_string(),
            home_id: 4,
            guest: "g".to_string(),
            start_day: 1,
            end_day: 2,
            shares: Uint128::new(1),
            timeout_seconds: None,
        }),
    );
    assert!(matches!(err, ContractError::InsufficientVouchers { .. }));
    let err = exec(
        &mut deps,
        "carol",
        ExecuteMsg::BookGuest(BookGuestMsg {
            channel_id: CHANNEL.to_string(),
            home_id: 4,
            guest: "g".to_string(),
            start_day: 5,
            end_day: 5,
            shares: Uint128::new(1),
            timeout_seconds: None,
        }),
    )
    .unwrap_err();
    assert_eq!(err, ContractError::BadBookingDays);

    let res = book(&mut deps, "carol", 100).unwrap();
    assert_eq!(vouchers(&deps, "carol"), Uint128::new(400));
    ack_err(&mut deps, sent(&res));
    assert_eq!(vouchers(&deps, "carol"), Uint128::new(500));
    let res = book(&mut deps, "carol", 100).unwrap();
    time_out(&mut deps, sent(&res));
    assert_eq!(vouchers(&deps, "carol"), Uint128::new(500));
    // A plain success used every share offered; a receipt gives back what the price did not take.
    let res = book(&mut deps, "carol", 100).unwrap();
    ack_ok(&mut deps, sent(&res));
    assert_eq!(vouchers(&deps, "carol"), Uint128::new(400));
    let res = book(&mut deps, "carol", 100).unwrap();
    let receipt = to_json_binary(&BookingAck {
        shares_used: Uint128::new(60),
    })
    .unwrap();
    ack_with(&mut deps, sent(&res), Ack::Result(receipt));
    assert_eq!(vouchers(&deps, "carol"), Uint128::new(340));
}

#[test]
fn a_guest_booking_from_beta_pays_the_registry_the_exact_price() {
    let mut deps = setup();
    let res = send_out(&mut deps, 1_000, 1_000);
    ack_ok(&mut deps, sent(&res));
    // Our holdings decayed: 1000 M units held for beta are worth 900 now.
    set_relay_balance(&mut deps, 900);
    let booking = |id, shares| {
        incoming(
            id,
            RelayPacket::GuestBooking(GuestBookingPacket {
                visitor: "beta1visitor".to_string(),
                guest: "beta1guest".to_string(),
                home_id: 4,
                start_day: 10,
                end_day: 12,
                shares: Uint128::new(shares),
            }),
        )
    };
    // Two nights cost 90, which takes 99,988,902 units (rounded up): one fewer is not
    // enough, nothing moves.
    let before = snapshot(&deps);
    let (ack, msgs) = deliver(&mut deps, booking(1, 99_988_901));
    assert!(
        matches!(&ack, Ack::Error(e) if e.contains("takes 99988902 voucher shares")),
        "{ack:?}"
    );
    assert!(msgs.is_empty());
    assert_eq!(before, snapshot(&deps));

    // 150 M offered: the registry gets exactly 90 for 99,988,902 units; the receipt says so.
    let (ack, msgs) = deliver(&mut deps, booking(2, 150 * M));
    let Ack::Result(receipt) = &ack else {
        panic!("booking refused: {ack:?}");
    };
    assert_eq!(
        from_json::<BookingAck>(receipt).unwrap().shares_used,
        Uint128::new(99_988_902)
    );
    let registry = addr(&deps, "housing").to_string();
    // Booked on behalf of the visitor, so the registry counts its caps per visitor, not
    // this relay's as one payer for every remote visitor.
    let expected_hook = to_json_binary(&HousingHookMsg::BookGuest {
        home_id: 4,
        guest: "beta1guest".to_string(),
        start_day: 10,
        end_day: 12,
        on_behalf_of: Some("beta/beta1visitor".to_string()),
    })
    .unwrap();
    let paid = cw20::Cw20ExecuteMsg::Send {
        contract: registry,
        amount: Uint128::new(2 * GUEST_NIGHT),
        msg: expected_hook,
    };
    let found = msgs.iter().any(|m| match m {
        CosmosMsg::Wasm(WasmMsg::Execute { msg, .. }) => {
            from_json::<cw20::Cw20ExecuteMsg>(msg).ok().as_ref() == Some(&paid)
        }
        _ => false,
    });
    assert!(found, "the registry is paid 90: {msgs:?}");
    assert_eq!(
        holdings(&deps).nodes[0].units,
        Uint128::new(1_000 * M - 99_988_902)
    );

    // Without a registry configured, the booking is an error ack and nothing is released.
    let mut deps = setup();
    crate::state::CONFIG
        .update(&mut deps.storage, |mut c| -> cosmwasm_std::StdResult<_> {
            c.housing_registry = None;
            Ok(c)
        })
        .unwrap();
    let before = snapshot(&deps);
    let (ack, msgs) = deliver(&mut deps, booking(1, 150 * M));
    assert!(is_error(&ack));
    assert!(msgs.is_empty());
    assert_eq!(before, snapshot(&deps));
}

/// Beta's visitor books home 4, nights 10..12 (90), paid from the 1,000 we hold for beta.
fn visitor_booked(deps: &mut Deps) {
    let res = send_out(deps, 1_000, 1_000);
    ack_ok(deps, sent(&res));
    set_relay_balance(deps, 1_000);
    let (ack, _) = deliver(
        deps,
        incoming(
            1,
            RelayPacket::GuestBooking(GuestBookingPacket {
                visitor: "beta1visitor".to_string(),
                guest: "beta1guest".to_string(),
                home_id: 4,
                start_day: 10,
                end_day: 12,
                shares: Uint128::new(150 * M),
            }),
        ),
    );
    assert!(!is_error(&ack), "{ack:?}");
    // The registry took its 90.
    set_relay_balance(deps, 910);
}

/// The registry's refund of booking 7 (home 4 from day 10), sent by `from`, of `amount`.
fn refund_hook(deps: &mut Deps, from: &str, amount: u128) -> Result<Response, ContractError> {
    let token = addr(deps, "token");
    let from = addr(deps, from).to_string();
    execute(
        deps.as_mut(),
        mock_env(),
        message_info(&token, &[]),
        ExecuteMsg::Receive(cw20::Cw20ReceiveMsg {
            sender: from,
            amount: Uint128::new(amount),
            msg: to_json_binary(&ReceiveMsg::BookingRefund {
                booking_id: 7,
                home_id: 4,
                start_day: 10,
            })
            .unwrap(),
        }),
    )
}

/// Finding 8: the host cancels a visitor's booking; the refund used to land in the relay's
/// holdings, shared by every holder of our vouchers, and the visitor's vouchers were gone. It now
/// goes back to the visitor's node as a transfer crediting the visitor.
#[test]
fn a_host_cancelled_visitor_booking_is_refunded_to_the_visitor() {
    let mut deps = setup();
    visitor_booked(&mut deps);
    // Only the registry's refund counts: anyone else's hook is refused and changes nothing.
    let before = snapshot(&deps);
    assert_eq!(
        refund_hook(&mut deps, "mallory", 90).unwrap_err(),
        ContractError::Unauthorized
    );
    assert_eq!(before, snapshot(&deps));
    // The registry refunds 90 (the balance now includes it).
    set_relay_balance(&mut deps, 1_000);
    let held_before = holdings(&deps).nodes[0].units;
    let res = refund_hook(&mut deps, "housing", 90).unwrap();
    let RelayPacket::Transfer(TransferPacket {
        receiver,
        shares,
        value,
        ..
    }) = sent_body(&res)
    else {
        panic!("expected a transfer to the visitor");
    };
    assert_eq!(receiver, "beta1visitor");
    assert_eq!(value, Uint128::new(90));
    // The refund buys units at the price before it arrived: they are worth the 90, no more.
    let h = holdings(&deps);
    assert_eq!(h.in_flight_units, shares);
    assert_eq!(h.nodes[0].units, held_before);
    let worth = crate::holdings::value_of_units(h.total_units, h.balance, shares).unwrap();
    assert!(worth <= Uint128::new(90) && worth + Uint128::one() >= Uint128::new(90));
    // Delivered: the units back the visitor's vouchers there.
    ack_ok(&mut deps, sent(&res));
    assert_eq!(holdings(&deps).nodes[0].units, held_before + shares);
    // The same booking cannot be refunded twice.
    assert!(matches!(
        refund_hook(&mut deps, "housing", 90).unwrap_err(),
        ContractError::UnknownGuestBooking(7)
    ));
}

/// A refund that cannot reach the visitor (timed out) stays with the holdings rather than being
/// paid to anyone here.
#[test]
fn a_refund_transfer_that_times_out_stays_with_the_holdings() {
    let mut deps = setup();
    visitor_booked(&mut deps);
    set_relay_balance(&mut deps, 1_000);
    let res = refund_hook(&mut deps, "housing", 90).unwrap();
    assert!(token_transfer(&time_out(&mut deps, sent(&res))).is_none());
    assert_eq!(holdings(&deps).in_flight_units, Uint128::zero());
}

fn booking_json(payer: &Addr) -> serde_json::Value {
    serde_json::json!({
        "booking_id": 7, "home_id": 4, "guest": "beta1guest", "payer": payer,
        "start_day": 10, "end_day": 12, "paid": "90", "status": "active", "refunded": "0",
    })
}

/// Finding 8: the visitor may cancel through the relay. Their node's packet names them; we
/// cancel only a booking we paid for that visitor, as the payer, under the registry's rules.
#[test]
fn a_visitor_cancels_their_booking_through_the_relays() {
    let mut deps = setup();
    // On the visitor's side: the packet carries the sender as the visitor.
    let res = exec(
        &mut deps,
        "carol",
        ExecuteMsg::CancelGuestBooking {
            channel_id: CHANNEL.to_string(),
            booking_id: 7,
            timeout_seconds: None,
        },
    )
    .unwrap();
    assert_eq!(
        sent_body(&res),
        RelayPacket::CancelBooking(CancelBookingPacket {
            visitor: addr(&deps, "carol").to_string(),
            booking_id: 7,
        })
    );
    assert!(ack_ok(&mut deps, sent(&res)).is_empty());

    // On the host's side.
    let mut deps = setup();
    visitor_booked(&mut deps);
    let relay = mock_env().contract.address;
    let cancel = |seq, visitor: &str| {
        incoming(
            seq,
            RelayPacket::CancelBooking(CancelBookingPacket {
                visitor: visitor.to_string(),
                booking_id: 7,
            }),
        )
    };
    // A booking someone else paid for is not ours to cancel.
    set_registry_booking(7, booking_json(&addr(&deps, "local-payer")));
    let before = snapshot(&deps);
    let (ack, msgs) = deliver(&mut deps, cancel(2, "beta1visitor"));
    assert!(is_error(&ack) && msgs.is_empty());
    // Another visitor of beta cannot cancel it.
    set_registry_booking(7, booking_json(&relay));
    let (ack, msgs) = deliver(&mut deps, cancel(3, "beta1mallory"));
    assert!(is_error(&ack) && msgs.is_empty());
    assert_eq!(before, snapshot(&deps));
    // The visitor can: we cancel it as its payer.
    let (ack, msgs) = deliver(&mut deps, cancel(4, "beta1visitor"));
    assert!(!is_error(&ack), "{ack:?}");
    let registry = addr(&deps, "housing").to_string();
    assert_eq!(
        msgs,
        vec![CosmosMsg::Wasm(WasmMsg::Execute {
            contract_addr: registry,
            msg: to_json_binary(&serde_json::json!({"cancel_booking": {"booking_id": 7}})).unwrap(),
            funds: vec![],
        })]
    );
}
