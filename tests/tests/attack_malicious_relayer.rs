//! The attacker runs the relayer: it may duplicate, withhold, deliver half-way or close the
//! channel at the worst moment. IBC trusts a relayer for liveness only, so whatever it does,
//! nobody is paid twice and every voucher stays backed by its node's holdings.

use dac_testing::dac_ibc_harness::{Delivery, Side};
use dac_testing::{is_error, TwoNodes, DAY};

/// Ada of node A sends 40,000 to Bob of node B.
const AMOUNT: u128 = 40_000;

#[test]
fn a_duplicated_transfer_packet_is_credited_once() {
    let mut mesh = TwoNodes::deploy();
    mesh.send_abroad(Side::A, "ada", "bob", AMOUNT, DAY)
        .unwrap();
    let (_, packet) = mesh.relayer.pending_packets().unwrap().remove(0);
    let outcomes = mesh.relayer.relay_all().unwrap();
    assert!(outcomes.iter().all(|o| !o.is_error_ack()));
    let credited = mesh.vouchers(Side::A, "bob");
    assert!(credited > 0);

    // The relayer delivers the same packet again.
    let replay = mesh.relayer.deliver_receive(Side::B, packet).unwrap();
    assert!(is_error(&replay), "a replay must be refused: {replay:?}");
    assert_eq!(mesh.vouchers(Side::A, "bob"), credited);
    assert_eq!(mesh.voucher_supply(Side::A), credited);
}

#[test]
fn a_packet_received_before_the_channel_closed_is_never_refunded() {
    let mut mesh = TwoNodes::deploy();
    let before = mesh.balance(Side::A, "ada");
    mesh.send_abroad(Side::A, "ada", "bob", AMOUNT, DAY)
        .unwrap();

    // The relayer brings the transfer to B, keeps the acknowledgement, and closes the channel
    // (close-init on A, close-confirm on B) before anyone relays the ack.
    let (_, _, delivery) = mesh
        .relayer
        .receive_next_without_ack()
        .unwrap()
        .expect("a packet was in flight");
    assert!(!is_error(&delivery));
    let bobs = mesh.vouchers(Side::A, "bob");
    assert!(bobs > 0, "bob holds vouchers on B");
    let channel = mesh.channel_id(Side::A);
    mesh.relayer.close_channel(Side::A, &channel).unwrap();

    // Ada is not refunded: B credited Bob, so A's relay still backs his vouchers (the units
    // stay in flight: no ack can cross a closed channel, and no timeout proof exists).
    assert_eq!(mesh.balance(Side::A, "ada"), before - AMOUNT);
    assert_eq!(mesh.vouchers(Side::A, "bob"), bobs);
    let in_flight = mesh.holdings(Side::A).in_flight_units.u128();
    assert!(
        mesh.units_held_for_other(Side::A) + in_flight >= mesh.voucher_supply(Side::A),
        "every voucher on B is backed on A"
    );
}

#[test]
fn a_withheld_packet_is_refunded_once_and_only_by_its_timeout() {
    let mut mesh = TwoNodes::deploy();
    let before = mesh.balance(Side::A, "ada");
    mesh.send_abroad(Side::A, "ada", "bob", AMOUNT, 600)
        .unwrap();

    // Withheld: nothing is refunded while the packet could still arrive.
    mesh.advance_both(300);
    assert!(mesh.relayer.timeout_expired().unwrap().is_empty());
    assert_eq!(mesh.balance(Side::A, "ada"), before - AMOUNT);

    // Past its deadline on B the relayer proves the timeout: Ada gets it back, once.
    mesh.advance_both(600);
    let outcomes = mesh.relayer.timeout_expired().unwrap();
    assert_eq!(outcomes.len(), 1);
    assert_eq!(outcomes[0].delivery, Delivery::TimedOut);
    let refunded = mesh.balance(Side::A, "ada");
    assert!(
        refunded <= before && refunded + AMOUNT / 1_000 >= before,
        "ada refunded {refunded} of {before} (minus at most a day's decay)"
    );
    assert!(mesh.relayer.relay_all().unwrap().is_empty());
    assert_eq!(mesh.voucher_supply(Side::A), 0);
    assert_eq!(mesh.balance(Side::A, "ada"), refunded);
}

#[test]
fn closing_the_channel_with_a_packet_in_flight_refunds_it_by_timeout_on_close() {
    let mut mesh = TwoNodes::deploy();
    let before = mesh.balance(Side::A, "ada");
    mesh.send_abroad(Side::A, "ada", "bob", AMOUNT, DAY)
        .unwrap();
    // Never received: the close proves B cannot receive it any more (timeout-on-close).
    let channel = mesh.channel_id(Side::A);
    mesh.relayer.close_channel(Side::A, &channel).unwrap();
    assert_eq!(mesh.balance(Side::A, "ada"), before);
    assert_eq!(mesh.voucher_supply(Side::A), 0);
    assert_eq!(mesh.units_held_for_other(Side::A), 0);
}
