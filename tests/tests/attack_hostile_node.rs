//! The attacker controls the other node: its relay can put any bytes on the channel. It is
//! believed about its own books only; whatever it claims about ours is checked, a bad packet is
//! answered with an error acknowledgement, and nothing of ours moves.

use dac_testing::dac_ibc_harness::Side;
use dac_testing::{is_error, TwoNodes, DAY};
use serde_json::json;

/// What a packet may not change on node A: balances, holdings and vouchers.
fn books(mesh: &mut TwoNodes) -> (u128, u128, u128, u128) {
    let relay = mesh.contract(Side::A, dac_testing::dac_deploy::Contract::Relay);
    (
        mesh.balance(Side::A, "ada"),
        mesh.balance(Side::A, "mallory"),
        mesh.balance_of(Side::A, &relay),
        mesh.units_held_for_other(Side::A),
    )
}

#[test]
fn garbage_on_the_channel_gets_an_error_ack_and_changes_nothing() {
    let mut mesh = TwoNodes::deploy();
    mesh.send_abroad(Side::A, "ada", "bob", 50_000, DAY)
        .unwrap();
    mesh.relayer.relay_all().unwrap();
    let before = books(&mut mesh);
    let garbage: [&[u8]; 6] = [
        b"",
        b"\x00\xff\x13",
        b"{}",
        b"{\"id\":1}",
        b"{\"id\":1,\"body\":{\"teleport\":{}}}",
        b"{\"id\":18446744073709551615,\"body\":{\"return\":{\"shares\":\"-1\"}}}",
    ];
    for (i, data) in garbage.iter().enumerate() {
        let ack = mesh.deliver_raw(Side::A, 1_000 + i as u64, data);
        assert!(
            is_error(&ack),
            "{:?} must be refused",
            String::from_utf8_lossy(data)
        );
    }
    assert_eq!(books(&mut mesh), before);
}

#[test]
fn a_node_cannot_redeem_more_than_it_was_sent() {
    let mut mesh = TwoNodes::deploy();
    mesh.send_abroad(Side::A, "ada", "bob", 50_000, DAY)
        .unwrap();
    mesh.relayer.relay_all().unwrap();
    let held = mesh.units_held_for_other(Side::A);
    assert!(held > 0);
    let mallory = mesh.addr(Side::A, "mallory");
    let bob_on_b = mesh.addr(Side::B, "bob");
    let before = books(&mut mesh);

    // B's relay claims its members return ten times the vouchers A ever backed. Raw JSON on
    // purpose: a hostile node sends whatever bytes it likes, not our packet type.
    let forged = json!({
        "id": 77,
        "body": { "return": { "sender": bob_on_b, "receiver": mallory, "shares": (held * 10).to_string() } }
    });
    let ack = mesh.deliver_raw(Side::A, 2_000, forged.to_string().as_bytes());
    assert!(
        is_error(&ack),
        "an over-redemption must be refused: {ack:?}"
    );
    assert_eq!(books(&mut mesh), before, "nothing moved");
}

#[test]
fn a_guest_booking_paid_with_vouchers_that_do_not_exist_is_refused() {
    let mut mesh = TwoNodes::deploy();
    let before = books(&mut mesh);
    let bob_on_b = mesh.addr(Side::B, "bob");
    // Nothing was ever sent to B, yet B claims a visitor pays with A's vouchers (raw JSON on
    // purpose, as a hostile node would forge it).
    let forged = json!({
        "id": 78,
        "body": { "guest_booking": {
            "visitor": bob_on_b, "guest": "bob", "home_id": 1,
            "start_day": 20_000, "end_day": 20_003, "shares": "1000000000"
        } }
    });
    let ack = mesh.deliver_raw(Side::A, 3_000, forged.to_string().as_bytes());
    assert!(is_error(&ack), "{ack:?}");
    assert_eq!(books(&mut mesh), before);
}
