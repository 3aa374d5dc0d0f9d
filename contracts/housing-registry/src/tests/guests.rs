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
        ReceiveMsg::BookGuest {
            home_id,
            guest: "visitor@node-b".to_string(),
            start_day: start,
            end_day: end,
        },
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
            ReceiveMsg::BookGuest {
                home_id: home,
                guest: "g".into(),
                start_day: today + 1,
                end_day: today + 2,
            },
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
            ReceiveMsg::BookGuest {
                home_id: home,
                guest: "g".into(),
                start_day: today - 1,
                end_day: today,
            },
        )
        .unwrap_err();
    assert!(matches!(err, ContractError::InvalidInput { .. }));
}

#[test]
fn early_cancellation_refunds_all_late_one_half_and_none_after_arrival() {
    let (mut t, payer, home) = setup();
    let early = book(&mut t, &payer, home, 10, 13).unwrap(); // 120
    let late = book(&mut t, &payer, home, 3, 5).unwrap(); // 80
    let started = book(&mut t, &payer, home, 1, 2).unwrap(); // 40

    let res = t
        .exec(&payer, ExecuteMsg::CancelBooking { booking_id: early })
        .unwrap();
    assert_eq!(transfers(&res), vec![(payer.to_string(), 120)]);
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
        (Uint128::new(360), Uint128::new(360))
    );
    let res = t
        .exec(&payer, ExecuteMsg::CancelBooking { booking_id: a })
        .unwrap();
    assert_eq!(transfers(&res), vec![(payer.to_string(), 360)]);
    *t.balance.borrow_mut() -= Uint128::new(360);
    // A gift to the registry is not handed out as a refund: capped at what was paid.
    *t.balance.borrow_mut() += Uint128::new(1_000);
    let res = t
        .exec(&payer, ExecuteMsg::CancelBooking { booking_id: b })
        .unwrap();
    assert_eq!(transfers(&res), vec![(payer.to_string(), 200)]);
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
