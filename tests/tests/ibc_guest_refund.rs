//! Finding 8 through the real deployment recipe: Eve of dac-1 booked a guest home in dac-2 with
//! vouchers of dac-2's token (the sandbox story). She cancels it through her relay; dac-2's relay
//! cancels it as the booking's payer, the registry refunds the relay with a hook naming the
//! booking, and the refund comes back to Eve as vouchers: it does not stay in dac-2's relay,
//! shared by every holder of its vouchers.

use dac_deploy::Contract;
use dac_sandbox::{story, Narrator};
use dac_testing::exec;
use housing_registry::msg::{BookingResponse, BookingStatus, QueryMsg as HousingQuery};
use ibc_relay::msg::ExecuteMsg;

#[test]
fn a_visitor_cancelling_through_the_relays_gets_the_refund_back_as_vouchers() {
    let mut out = Narrator::collecting();
    let mut o = story::run(&mut out).unwrap();
    let (side_a, side_b) = (o.nodes.a.side, o.nodes.b.side);
    let relay_a = o.nodes.contract(side_a, Contract::Relay);
    let relay_b = o.nodes.contract(side_b, Contract::Relay);
    let eve = o.newcomer.clone();
    let booking_id = o.abroad.booking_id;
    // Eve's vouchers of dac-2's token, in dac-1's relay.
    let vouchers = |o: &story::Outcome| o.nodes.vouchers_of(side_b, &eve);
    let booking = |o: &story::Outcome| -> BookingResponse {
        o.nodes.query(
            side_b,
            Contract::Housing,
            &HousingQuery::Booking { booking_id },
        )
    };
    let before = vouchers(&o);
    // dac-2's relay paid as the registry's booking agent, for Eve: her nights count against
    // her own caps there, not against one payer's caps shared by every visitor of the node.
    let booked = booking(&o);
    assert_eq!(booked.payer, relay_b, "{booked:?}");
    assert_eq!(
        booked.on_behalf_of,
        Some(format!("dac-1/{eve}")),
        "{booked:?}"
    );
    let channel_a = o.nodes.channel.a.channel_id.clone();

    // Someone else of dac-1 cannot cancel Eve's booking.
    let mallory = o.nodes.addr(side_a, "mallory");
    exec(
        o.nodes.chain(side_a),
        &mallory,
        &relay_a,
        &ExecuteMsg::CancelGuestBooking {
            channel_id: channel_a.clone(),
            booking_id,
            timeout_seconds: None,
        },
    )
    .unwrap();
    let outcomes = o.nodes.relayer.relay_all().unwrap();
    assert!(outcomes.iter().all(|o| o.is_error_ack()), "{outcomes:?}");
    let untouched = booking(&o);
    assert_eq!(untouched.status, BookingStatus::Active, "{untouched:?}");

    // Eve can.
    exec(
        o.nodes.chain(side_a),
        &eve,
        &relay_a,
        &ExecuteMsg::CancelGuestBooking {
            channel_id: channel_a,
            booking_id,
            timeout_seconds: None,
        },
    )
    .unwrap();
    let outcomes = o.nodes.relayer.relay_all().unwrap();
    assert!(outcomes.iter().all(|o| !o.is_error_ack()), "{outcomes:?}");
    let cancelled = booking(&o);
    assert_eq!(cancelled.status, BookingStatus::Cancelled, "{cancelled:?}");
    let refunded = cancelled.refunded.u128();
    assert!(refunded > 0, "{cancelled:?}");
    let after = vouchers(&o);
    assert!(after > before, "Eve's vouchers were not restored");

    // What dac-2's relay holds for dac-1 still equals the vouchers outstanding there, and the
    // refund's units are worth the refund (to a micro), not shared by the other holders.
    let held_b = o.nodes.holdings(side_b);
    let outstanding = o.nodes.voucher_supply(side_b);
    assert_eq!(held_b.nodes[0].node, "dac-1", "{held_b:?}");
    assert_eq!(
        held_b.nodes[0].units.u128(),
        outstanding,
        "{held_b:?} vs {outstanding}"
    );
    let restored = after - before;
    let worth =
        ibc_relay::holdings::value_of_units(held_b.total_units, held_b.balance, restored.into())
            .unwrap()
            .u128();
    assert!(
        worth <= refunded && worth + 1 >= refunded,
        "{worth} vs {refunded}"
    );
}
