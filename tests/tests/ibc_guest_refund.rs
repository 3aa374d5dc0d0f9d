//! Finding 8 through the real deployment recipe: Eve of dac-1 booked a guest home in dac-2 with
//! vouchers of dac-2's token (the sandbox story). She cancels it through her relay; dac-2's relay
//! cancels it as the booking's payer, the registry refunds the relay with a hook naming the
//! booking, and the refund comes back to Eve as vouchers: it does not stay in dac-2's relay,
//! shared by every holder of its vouchers.

use dac_deploy::Contract;
use dac_sandbox::{story, Narrator};
use dac_testing::{exec, query};
use ibc_relay::msg::ExecuteMsg;
use serde_json::{json, Value};

#[test]
fn a_visitor_cancelling_through_the_relays_gets_the_refund_back_as_vouchers() {
    let mut out = Narrator::collecting();
    let mut o = story::run(&mut out).unwrap();
    let (side_a, side_b) = (o.nodes.a.side, o.nodes.b.side);
    let relay_a = o.nodes.a.deployment.addr(Contract::Relay).to_string();
    let relay_b = o.nodes.b.deployment.addr(Contract::Relay).to_string();
    let housing_b = o.nodes.b.deployment.addr(Contract::Housing).to_string();
    let eve = o.newcomer.clone();
    let booking_id = o.abroad.booking_id;
    let vouchers = |o: &story::Outcome| -> u128 {
        let v: Value = query(
            o.nodes.relayer.chain(side_a),
            &relay_a,
            &json!({"voucher": {"node": "dac-2", "holder": eve}}),
        )
        .unwrap();
        v["shares"].as_str().unwrap().parse().unwrap()
    };
    let before = vouchers(&o);
    // dac-2's relay paid as the registry's booking agent, for Eve: her nights count against
    // her own caps there, not against one payer's caps shared by every visitor of the node.
    let booking: Value = query(
        o.nodes.relayer.chain(side_b),
        &housing_b,
        &json!({"booking": {"booking_id": booking_id}}),
    )
    .unwrap();
    assert_eq!(booking["payer"], json!(relay_b), "{booking}");
    assert_eq!(
        booking["on_behalf_of"],
        json!(format!("dac-1/{eve}")),
        "{booking}"
    );
    let channel_a = o.nodes.channel.a.channel_id.clone();

    // Someone else of dac-1 cannot cancel Eve's booking.
    let mallory = dac_testing::account(o.nodes.relayer.chain(side_a), "mallory");
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
    let booking: Value = query(
        o.nodes.relayer.chain(side_b),
        &housing_b,
        &json!({"booking": {"booking_id": booking_id}}),
    )
    .unwrap();
    assert_eq!(booking["status"], json!("active"), "{booking}");

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
    let booking: Value = query(
        o.nodes.relayer.chain(side_b),
        &housing_b,
        &json!({"booking": {"booking_id": booking_id}}),
    )
    .unwrap();
    assert_eq!(booking["status"], json!("cancelled"), "{booking}");
    let refunded: u128 = booking["refunded"].as_str().unwrap().parse().unwrap();
    assert!(refunded > 0, "{booking}");
    let after = vouchers(&o);
    assert!(after > before, "Eve's vouchers were not restored");

    // What dac-2's relay holds for dac-1 still equals the vouchers outstanding there, and the
    // refund's units are worth the refund (to a micro), not shared by the other holders.
    let held_b: Value = query(
        o.nodes.relayer.chain(side_b),
        &relay_b,
        &json!({"holdings": {}}),
    )
    .unwrap();
    let out_a: Value = query(
        o.nodes.relayer.chain(side_a),
        &relay_a,
        &json!({"list_vouchers": {"node": "dac-2"}}),
    )
    .unwrap();
    assert_eq!(
        held_b["nodes"][0]["units"], out_a["supply"],
        "{held_b} vs {out_a}"
    );
    let total: u128 = held_b["total_units"].as_str().unwrap().parse().unwrap();
    let balance: u128 = held_b["balance"].as_str().unwrap().parse().unwrap();
    let restored = after - before;
    let worth = ibc_relay::holdings::value_of_units(total.into(), balance.into(), restored.into())
        .unwrap()
        .u128();
    assert!(
        worth <= refunded && worth + 1 >= refunded,
        "{worth} vs {refunded}"
    );
}
