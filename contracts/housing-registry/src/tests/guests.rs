use cosmwasm_std::{CosmosMsg, WasmMsg};
use cw20::Cw20ExecuteMsg;

use super::*;
use crate::msg::{BookingResponse, BookingStatus, BookingsResponse, RefundQuoteResponse};

fn book(t: &mut T, payer: &Addr, home_id: u64, from: u64, to: u64) -> Result<u64, ContractError> {
    let amount = 40 * u128::from(to - from);
    let start = t.today() + from;
    let end = t.today() + to;
    t.send(
        payer,
        amount,
        ReceiveMsg::BookGuest(crate::msg::BookGuestMsg {
            home_id,
            guest: "visitor@node-b".to_string(),
            start_day: start,
            end_day: end,
            on_behalf_of: None,
        }),
    )
    .map(|res| attr(&res, "booking_id").parse().unwrap())
}

fn transfers(res: &Response) -> Vec<(String, u128)> {
    res.messages
        .iter()
        .map(|m| match &m.msg {
            CosmosMsg::Wasm(WasmMsg::Execute { msg, .. }) => {
                match from_json::<Cw20ExecuteMsg>(msg).unwrap() {
                    Cw20ExecuteMsg::Transfer { recipient, amount } => (recipient, amount.u128()),
                    other => panic!("unexpected {other:?}"),
                }
            }
            other => panic!("unexpected {other:?}"),
        })
        .collect()
}

fn setup() -> (T, Addr, u64) {
    let mut t = T::new();
    let visitor = t.addr("relay");
    let home = t.register_with(2, vec![], HomeStatus::Guest);
    (t, visitor, home)
}

#[test]
fn no_double_booking() {
    let (mut t, payer, home) = setup();
    let first = book(&mut t, &payer, home, 10, 13).unwrap();
    for (from, to) in [(10, 13), (9, 11), (12, 14), (11, 12), (8, 20)] {
        assert_eq!(
            book(&mut t, &payer, home, from, to).unwrap_err(),
            ContractError::Overlap {
                start_day: t.today() + from,
                end_day: t.today() + to,
                booking_id: first,
            }
        );
    }
    // Back to back is fine on both sides.
    book(&mut t, &payer, home, 13, 15).unwrap();
    book(&mut t, &payer, home, 7, 10).unwrap();
    let list: BookingsResponse = t.q(QueryMsg::ListBookings {
        home_id: home,
        start_after: None,
        limit: None,
    });
    let starts: Vec<u64> = list
        .bookings
        .iter()
        .map(|b| b.start_day - t.today())
        .collect();
    assert_eq!(starts, vec![7, 10, 13]);
}

#[test]
fn bad_bookings_are_refused() {
    let (mut t, payer, home) = setup();
    let lived_in = t.register(2, vec![]);
    assert_eq!(
        book(&mut t, &payer, lived_in, 1, 2).unwrap_err(),
        ContractError::NotGuestHome { home_id: lived_in }
    );
    assert!(matches!(
        book(&mut t, &payer, home, 5, 5).unwrap_err(),
        ContractError::InvalidInput { .. }
    ));
    assert!(matches!(
        book(&mut t, &payer, home, 1, 40).unwrap_err(),
        ContractError::InvalidInput { .. }
    ));
    assert!(matches!(
        book(&mut t, &payer, home, 400, 401).unwrap_err(),
        ContractError::InvalidInput { .. }
    ));
    let today = t.today();
    let err = t
        .send(
            &payer,
            10,
            ReceiveMsg::BookGuest(crate::msg::BookGuestMsg {
                home_id: home,
                guest: "g".into(),
                start_day: today + 1,
                end_day: today + 2,
                on_behalf_of: None,
            }),
        )
        .unwrap_err();
    assert_eq!(
        err,
        ContractError::WrongPayment {
            expected: Uint128::new(40),
            received: Uint128::new(10)
        }
    );
    let err = t
        .send(
            &payer,
            40,
            ReceiveMsg::BookGuest(crate::msg::BookGuestMsg {
                home_id: home,
                guest: "g".into(),
                start_day: today - 1,
                end_day: today,
                on_behalf_of: None,
            }),
        )
        .unwrap_err();
    assert!(matches!(err, ContractError::InvalidInput { .. }));
}

#[test]
fn early_cancellation_keeps_the_fee_late_one_half_and_all_after_arrival() {
    let (mut t, payer, home) = setup();
    let early = book(&mut t, &payer, home, 10, 13).unwrap(); // 120
    let late = book(&mut t, &payer, home, 3, 5).unwrap(); // 80
    let started = book(&mut t, &payer, home, 1, 2).unwrap(); // 40

    let res = t
        .exec(&payer, ExecuteMsg::CancelBooking { booking_id: early })
        .unwrap();
    assert_eq!(
        transfers(&res),
        vec![(payer.to_string(), 108), (t.treasury.to_string(), 12)]
    );
    *t.balance.borrow_mut() -= Uint128::new(120);

    let res = t
        .exec(&payer, ExecuteMsg::CancelBooking { booking_id: late })
        .unwrap();
    assert_eq!(
        transfers(&res),
        vec![(payer.to_string(), 40), (t.treasury.to_string(), 40)]
    );
    *t.balance.borrow_mut() -= Uint128::new(80);
    let b: BookingResponse = t.q(QueryMsg::Booking { booking_id: late });
    assert_eq!(
        (b.status, b.refunded),
        (BookingStatus::Cancelled, Uint128::new(40))
    );

    t.advance_days(1);
    assert_eq!(
        t.refused(
            &payer,
            ExecuteMsg::CancelBooking {
                booking_id: started
            }
        ),
        ContractError::StayBegun {
            booking_id: started
        }
    );
    let anyone = t.addr("anyone");
    let res = t
        .exec(
            &anyone,
            ExecuteMsg::ReleaseBookingPayment {
                booking_id: started,
            },
        )
        .unwrap();
    assert_eq!(transfers(&res), vec![(t.treasury.to_string(), 40)]);
    // Cancelled nights are free again; completed ones stay taken.
    *t.balance.borrow_mut() -= Uint128::new(40);
    book(&mut t, &payer, home, 2, 4).unwrap();
    assert!(matches!(
        book(&mut t, &payer, home, 0, 1).unwrap_err(),
        ContractError::Overlap { .. }
    ));
}

#[test]
fn refunds_never_exceed_what_the_registry_holds() {
    let (mut t, payer, home) = setup();
    let a = book(&mut t, &payer, home, 20, 30).unwrap(); // 400
    let b = book(&mut t, &payer, home, 30, 35).unwrap(); // 200
                                                         // Demurrage took a tenth of the registry's balance: every booking bears its share.
    *t.balance.borrow_mut() = Uint128::new(540);
    let q: RefundQuoteResponse = t.q(QueryMsg::RefundQuote {
        booking_id: a,
        as_admin: false,
    });
    assert_eq!(
        (q.held_now, q.refund),
        (Uint128::new(360), Uint128::new(324))
    );
    let res = t
        .exec(&payer, ExecuteMsg::CancelBooking { booking_id: a })
        .unwrap();
    assert_eq!(
        transfers(&res),
        vec![(payer.to_string(), 324), (t.treasury.to_string(), 36)]
    );
    *t.balance.borrow_mut() -= Uint128::new(360);
    // A gift to the registry is not handed out as a refund: capped at what was paid.
    *t.balance.borrow_mut() += Uint128::new(1_000);
    let res = t
        .exec(&payer, ExecuteMsg::CancelBooking { booking_id: b })
        .unwrap();
    assert_eq!(
        transfers(&res),
        vec![(payer.to_string(), 180), (t.treasury.to_string(), 20)]
    );
}

#[test]
fn the_admin_cancels_with_a_full_refund_and_strangers_cannot_cancel() {
    let (mut t, payer, home) = setup();
    let id = book(&mut t, &payer, home, 2, 4).unwrap();
    let stranger = t.addr("stranger");
    assert_eq!(
        t.refused(&stranger, ExecuteMsg::CancelBooking { booking_id: id }),
        ContractError::NotPayer { booking_id: id }
    );
    let admin = t.admin.clone();
    // A guest home with bookings keeps its status.
    assert_eq!(
        t.refused(
            &admin,
            ExecuteMsg::UpdateHome {
                home_id: home,
                rooms: None,
                accessibility: None,
                zone: None,
                status: Some(HomeStatus::UnderRepair)
            }
        ),
        ContractError::HomeHasBookings {
            home_id: home,
            count: 1
        }
    );
    let res = t
        .exec(&admin, ExecuteMsg::CancelBooking { booking_id: id })
        .unwrap();
    assert_eq!(transfers(&res), vec![(payer.to_string(), 80)]);
    assert_eq!(
        t.refused(&payer, ExecuteMsg::CancelBooking { booking_id: id }),
        ContractError::BookingNotActive { booking_id: id }
    );
    t.exec(
        &admin,
        ExecuteMsg::UpdateHome {
            home_id: home,
            rooms: None,
            accessibility: None,
            zone: None,
            status: Some(HomeStatus::UnderRepair),
        },
    )
    .unwrap();
}

/// Finding 14: a squatter books every night up to the horizon and cancels each booking with
/// notice, re-booking daily, so genuine visitors always meet `Overlap`. Now a payer holds at
/// most `max_nights_held_per_home` nights of a home (60 here), so a visitor still finds nights.
#[test]
fn a_squatter_cannot_block_a_guest_home_for_the_year() {
    let (mut t, _, home) = setup();
    let squatter = t.addr("squatter");
    for k in 0..2 {
        book(&mut t, &squatter, home, 8 + 30 * k, 38 + 30 * k).unwrap();
    }
    let err = book(&mut t, &squatter, home, 68, 98).unwrap_err();
    assert_eq!(
        err,
        ContractError::TooManyNightsHeld {
            held: 90,
            cap: 60,
            scope: "at one home".to_string()
        }
    );
    // Nor one night more, until a booking ends.
    assert!(matches!(
        book(&mut t, &squatter, home, 68, 69).unwrap_err(),
        ContractError::TooManyNightsHeld { .. }
    ));
    let visitor = t.addr("visitor");
    book(&mut t, &visitor, home, 68, 75).unwrap();
    // Spread over homes, the overall cap (120) binds as well.
    let others: Vec<u64> = (0..3)
        .map(|_| t.register_with(1, vec![], HomeStatus::Guest))
        .collect();
    book(&mut t, &squatter, others[0], 8, 38).unwrap();
    book(&mut t, &squatter, others[1], 8, 38).unwrap();
    assert_eq!(
        book(&mut t, &squatter, others[2], 8, 9).unwrap_err(),
        ContractError::TooManyNightsHeld {
            held: 121,
            cap: 120,
            scope: "in all".to_string()
        }
    );
}

/// Finding 14, the cost side: cancelling with full notice and re-booking (the rolling block)
/// costs the squatter `cancellation_fee` of every booking it rolls, paid to the treasury, so
/// blocking nights costs in proportion to what is blocked; sybil payers pay the same.
#[test]
fn rolling_a_block_of_nights_costs_the_squatter_every_time() {
    let (mut t, _, home) = setup();
    let mut paid_to_treasury = 0;
    for day in 0..5u64 {
        let squatter = t.addr(&format!("sybil{day}"));
        let id = book(&mut t, &squatter, home, 30, 60).unwrap(); // 1,200
        let res = t
            .exec(&squatter, ExecuteMsg::CancelBooking { booking_id: id })
            .unwrap();
        let sent = transfers(&res);
        // The first cancellation empties the registry, which keeps one unit back for the
        // token's rounding of the refund; that unit then covers the next ones.
        let fee = if day == 0 { 119 } else { 120 };
        assert_eq!(
            sent,
            vec![(squatter.to_string(), 1_080), (t.treasury.to_string(), fee)]
        );
        *t.balance.borrow_mut() -= Uint128::new(1_080 + fee);
        paid_to_treasury += sent[1].1;
        t.advance_days(1);
    }
    assert_eq!(paid_to_treasury, 5 * 120 - 1);
    // The cost grows as the night approaches: the late share (50%) is below 1 − fee (90%).
    let payer = t.addr("late");
    let id = book(&mut t, &payer, home, 2, 3).unwrap();
    let q: RefundQuoteResponse = t.q(QueryMsg::RefundQuote {
        booking_id: id,
        as_admin: false,
    });
    assert_eq!(
        (q.refund, q.to_treasury),
        (Uint128::new(20), Uint128::new(20))
    );
}

/// Honest visitors are unaffected: a stay within the caps books, a cancelled or released
/// booking frees its nights for the payer's next booking, and the host node's own
/// cancellation refunds in full.
#[test]
fn honest_visitors_book_within_the_caps_and_the_host_refunds_in_full() {
    let (mut t, visitor, home) = setup();
    let a = book(&mut t, &visitor, home, 1, 31).unwrap();
    let b = book(&mut t, &visitor, home, 31, 61).unwrap();
    // At the cap; the host node cancels one stay with a full refund, freeing its nights.
    let admin = t.admin.clone();
    let res = t
        .exec(&admin, ExecuteMsg::CancelBooking { booking_id: b })
        .unwrap();
    assert_eq!(transfers(&res), vec![(visitor.to_string(), 1_200)]);
    *t.balance.borrow_mut() -= Uint128::new(1_200);
    book(&mut t, &visitor, home, 31, 61).unwrap();
    // Once a stay began and its payment is released, its nights no longer count.
    t.advance_days(1);
    let anyone = t.addr("anyone");
    t.exec(&anyone, ExecuteMsg::ReleaseBookingPayment { booking_id: a })
        .unwrap();
    *t.balance.borrow_mut() -= Uint128::new(1_200);
    book(&mut t, &visitor, home, 60, 90).unwrap();
}

#[test]
fn guest_rules_are_bounded() {
    let mut t = T::new();
    let admin = t.admin.clone();
    let bad = [
        GuestParams {
            cancellation_fee: Decimal::percent(1),
            ..guest_params()
        },
        GuestParams {
            cancellation_fee: Decimal::percent(60),
            ..guest_params()
        },
        GuestParams {
            max_nights_held_per_home: 10,
            ..guest_params()
        },
        GuestParams {
            max_nights_held: 50,
            ..guest_params()
        },
        GuestParams {
            max_nights_held: 400,
            ..guest_params()
        },
    ];
    for guest in bad {
        assert!(matches!(
            t.refused(
                &admin,
                ExecuteMsg::UpdateConfig {
                    treasury: None,
                    fees: None,
                    guest: Some(guest),
                    grace_period_seconds: None,
                    score_weights: None,
                }
            ),
            ContractError::InvalidInput { .. }
        ));
    }
    // Old JSON without the new fields still parses, with the published defaults.
    let old: GuestParams = cosmwasm_std::from_json(
        br#"{"price_per_day":"40","full_refund_notice_days":7,"late_refund_share":"0.5","max_stay_days":30,"max_advance_days":365}"#,
    )
    .unwrap();
    assert_eq!(old, guest_params());
}
