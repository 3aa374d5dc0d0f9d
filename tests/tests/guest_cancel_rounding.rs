//! A cancelled guest booking pays two parties from one held payment: the payer's refund and the
//! treasury's fee. The token takes the shares a transfer is worth rounded up, so the registry's
//! balance after the refund can be one unit short of `held - refund`. The cancellation must
//! still go through, whatever the price, the stay and the days of decay before it.

use cosmwasm_std::{Decimal, Uint128};
use cw20::Cw20ExecuteMsg;
use dac_testing::dac_deploy::Contract;
use dac_testing::{attribute, Node, DAY};
use proptest::prelude::*;

use housing_registry::msg::{
    BookGuestMsg, BookingResponse, BookingStatus, ExecuteMsg as HousingExecute, HomeStatus,
    QueryMsg as HousingQuery, ReceiveMsg,
};

/// A node with one guest home at `price` a night and a demurrage rate of `rate_per_10k` ten-thousandths a
/// day; the payer holds enough for any stay.
fn node_with_guest_home(price: u128, rate_per_10k: u32) -> Node {
    let mut node = Node::deploy_with(|cfg| {
        cfg.guest_price_per_day = Uint128::new(price);
        cfg.demurrage_rate = Decimal::from_ratio(rate_per_10k, 10_000u32);
    });
    let founder = node.founders()[0].clone();
    let payer = node.addr("payer").to_string();
    node.execute_cw20(
        &founder,
        &Cw20ExecuteMsg::Transfer {
            recipient: payer,
            amount: Uint128::new(price * 20),
        },
    )
    .unwrap();
    let register = HousingExecute::RegisterHome {
        rooms: 1,
        accessibility: vec![],
        zone: "harbour".into(),
        status: HomeStatus::Guest,
    };
    let msgs = vec![node.wasm_msg(Contract::Housing, &register)];
    node.pass("housing", msgs).unwrap();
    node.next_block();
    node
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn a_cancellation_pays_refund_and_fee_whatever_the_rounding(
        price in 1u128..5_000_000,
        nights in 1u64..6,
        rate_per_10k in 1u32..13,
        days_before_booking in 0u64..400,
        seconds_before_cancel in 1u64..(9 * DAY),
        by_admin in any::<bool>(),
    ) {
        let mut node = node_with_guest_home(price, rate_per_10k);
        // Days of decay first, so that a share is no longer worth exactly one unit.
        node.advance(days_before_booking * DAY);
        let payer = node.addr("payer");
        let treasury_before = node.token_balance(node.contract(Contract::Council));
        let start = node.now().seconds() / DAY + 10;
        let res = node
            .send_token(
                &payer,
                Contract::Housing,
                price * u128::from(nights),
                &ReceiveMsg::BookGuest(BookGuestMsg {
                    home_id: 1,
                    guest: "a traveller".into(),
                    start_day: start,
                    end_day: start + nights,
                    on_behalf_of: None,
                }),
            )
            .unwrap();
        let booking_id: u64 = attribute(&res, "booking_id").unwrap().parse().unwrap();
        node.advance(seconds_before_cancel);
        let held = node.token_balance(node.contract(Contract::Housing));
        let payer_before = node.token_balance(&payer);

        let cancel = HousingExecute::CancelBooking { booking_id };
        if by_admin {
            let msgs = vec![node.wasm_msg(Contract::Housing, &cancel)];
            node.pass("housing", msgs).unwrap();
        } else {
            node.execute_housing(&payer, &cancel).unwrap();
        }

        let booking: BookingResponse =
            node.query_housing(&HousingQuery::Booking { booking_id });
        prop_assert_eq!(booking.status, BookingStatus::Cancelled);
        // The payer got what the booking says, and the treasury at most the rest of what was held.
        let refunded = node.token_balance(&payer) - payer_before;
        prop_assert_eq!(Uint128::new(refunded), booking.refunded);
        let fee = node.token_balance(node.contract(Contract::Council)) - treasury_before;
        prop_assert!(refunded + fee <= held, "paid {} + {} out of {}", refunded, fee, held);
        if by_admin {
            prop_assert_eq!(fee, 0);
        }
    }
}
