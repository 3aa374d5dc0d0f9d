//! Two nodes on two chains, carried by the dac-ibc-harness relayer through the relays' real IBC
//! entry points: a trade from offer to paid delivery through the escrow, a treaty ratified by
//! both councils, a transfer there and back across months of demurrage, a timed-out transfer
//! refunded, a refused handshake, and a replayed packet that changes nothing.

mod ibc_common;

use cosmwasm_std::{Addr, IbcChannelCloseMsg, IbcOrder, Uint128};
use dac_ibc_harness::{Delivery, IbcCall, Side};
use dac_testing::dac_deploy::Contract;
use dac_testing::{TwoNodes, CONNECTION, DAY};
use ibc_common::*;
use ibc_relay::holdings::VIRTUAL_UNITS as M;
use ibc_relay::msg::{
    DeliveryWindow, ExecuteMsg, OfferTradeMsg, Price, ProposeTreatyMsg, QueryMsg, ShipmentUpdate,
    TradeResponse, TradeRole, TradeStatus, TreatyKind, TreatyResponse, TreatyStatus,
};

#[test]
fn the_handshake_refuses_another_version_and_ordered_channels() {
    let mut w = deploy();
    let a = Addr::unchecked(w.contract(Side::A, Contract::Relay));
    let b = Addr::unchecked(w.contract(Side::B, Contract::Relay));
    assert!(w
        .relayer
        .open_channel(
            &a,
            CONNECTION,
            &b,
            CONNECTION,
            "ics20-1",
            IbcOrder::Unordered
        )
        .is_err());
    assert!(w
        .relayer
        .open_channel(
            &a,
            CONNECTION,
            &b,
            CONNECTION,
            "dac-relay-1",
            IbcOrder::Ordered
        )
        .is_err());
    // A connection the councils never recognized.
    assert!(w
        .relayer
        .open_channel(
            &a,
            "connection-9",
            &b,
            CONNECTION,
            "dac-relay-1",
            IbcOrder::Unordered
        )
        .is_err());
}

#[test]
fn a_transfer_there_and_back_across_months_keeps_decaying() {
    let mut w = deploy();
    let relay_a = w.contract(Side::A, Contract::Relay);

    w.send_abroad(Side::A, "alice", "bob", 100_000, DAY)
        .unwrap();
    let outcomes = w.relayer.relay_all().unwrap();
    assert_eq!(outcomes.len(), 1);
    assert!(!outcomes[0].is_error_ack());
    assert_eq!(w.balance_of(Side::A, &relay_a), 100_000);
    let shares = w.vouchers(Side::A, "bob");
    assert_eq!(shares, 100_000 * M);

    // Bob passes half his vouchers to carol on beta, within beta's ledger.
    let carol = w.addr(Side::B, "carol");
    let alpha = w.name(Side::A);
    w.exec(
        Side::B,
        "bob",
        Contract::Relay,
        &ExecuteMsg::TransferVouchers {
            node: alpha,
            recipient: carol,
            shares: Uint128::new(shares / 2),
        },
    )
    .unwrap();

    // Ninety days later alpha's relay still holds the tokens, decayed like any balance.
    w.advance_both(90 * DAY);
    let held = w.balance_of(Side::A, &relay_a);
    assert!(held < 100_000 * 98 / 100, "held {held} must have decayed");
    let holdings = w.holdings(Side::A);
    assert_eq!(holdings.nodes[0].units.u128(), shares);
    assert_eq!(holdings.nodes[0].value.u128(), held);

    // Both come home to alice: she gets exactly what the relay held, no more.
    let alice_before = w.balance(Side::A, "alice");
    w.return_home(Side::B, "bob", "alice", shares / 2, DAY)
        .unwrap();
    w.return_home(Side::B, "carol", "alice", shares / 2, DAY)
        .unwrap();
    let outcomes = w.relayer.relay_all().unwrap();
    assert!(outcomes.iter().all(|o| !o.is_error_ack()));
    let got = w.balance(Side::A, "alice") - alice_before;
    assert!(
        got + 1 >= held && got <= held,
        "got {got}, relay held {held}"
    );
    assert!(w.balance_of(Side::A, &relay_a) <= 1);
    assert_eq!(w.voucher_supply(Side::A), 0);
    assert_eq!(w.holdings(Side::A).total_units.u128(), 0);
}

#[test]
fn a_timed_out_transfer_is_refunded() {
    let mut w = deploy();
    let before = w.balance(Side::A, "alice");
    w.send_abroad(Side::A, "alice", "bob", 40_000, 600).unwrap();
    assert_eq!(w.balance(Side::A, "alice"), before - 40_000);
    // The relayer is late: on beta the deadline has passed.
    w.relayer.chain_mut(Side::B).advance_seconds(700);
    let outcomes = w.relayer.timeout_expired().unwrap();
    assert_eq!(outcomes.len(), 1);
    assert_eq!(outcomes[0].delivery, Delivery::TimedOut);
    assert_eq!(w.balance(Side::A, "alice"), before);
    assert_eq!(w.vouchers(Side::A, "bob"), 0);
    assert!(w.pending(Side::A).packets.is_empty());
    // Nothing is left to relay.
    assert!(w.relayer.relay_all().unwrap().is_empty());
}

#[test]
fn a_replayed_packet_changes_nothing() {
    let mut w = deploy();
    w.send_abroad(Side::A, "alice", "bob", 10_000, DAY).unwrap();
    let outcome = w.relayer.relay_all().unwrap().remove(0);
    assert_eq!(w.vouchers(Side::A, "bob"), 10_000 * M);
    let replay = w
        .relayer
        .deliver_receive(Side::B, outcome.packet.clone())
        .unwrap();
    let Delivery::Acknowledged(ack) = replay else {
        panic!("expected an acknowledgement");
    };
    assert!(String::from_utf8(ack.to_vec()).unwrap().contains("error"));
    assert_eq!(w.vouchers(Side::A, "bob"), 10_000 * M);
}

#[test]
fn a_trade_from_offer_to_paid_delivery() {
    let mut w = deploy();
    let alice = w.addr(Side::A, "alice");
    let payer = w.addr(Side::A, "payer");
    let arb = w.addr(Side::A, "arb");
    let now = w.now(Side::A);

    // Alice on alpha offers grain to bob on beta, paid in alpha's token by `payer` on alpha.
    let bob_beta = w.addr(Side::B, "bob");
    let channel_id = w.channel_id(Side::A);
    w.exec(
        Side::A,
        "alice",
        Contract::Relay,
        &ExecuteMsg::OfferTrade(OfferTradeMsg {
            channel_id,
            counterparty: bob_beta,
            role: TradeRole::Seller,
            goods: "grain".to_string(),
            containers: 2,
            price: Price::Tokens {
                amount: Uint128::new(50_000),
                payer,
            },
            delivery_window: DeliveryWindow {
                earliest: now.plus_seconds(5 * DAY),
                latest: now.plus_seconds(30 * DAY),
            },
            timeout_seconds: None,
        }),
    )
    .unwrap();
    w.relayer.relay_all().unwrap();
    let trade_on = |w: &TwoNodes, side: Side| -> ibc_relay::msg::Trade {
        w.query::<_, TradeResponse>(side, Contract::Relay, &QueryMsg::Trade { trade_id: 1 })
            .trade
    };
    assert_eq!(trade_on(&w, Side::A).status, TradeStatus::Offered);
    assert_eq!(trade_on(&w, Side::B).status, TradeStatus::Offered);

    // Bob accepts.
    w.exec(
        Side::B,
        "bob",
        Contract::Relay,
        &ExecuteMsg::AnswerTrade {
            trade_id: 1,
            accept: true,
            reason: None,
            timeout_seconds: None,
        },
    )
    .unwrap();
    w.relayer.relay_all().unwrap();
    assert_eq!(trade_on(&w, Side::A).status, TradeStatus::Accepted);
    assert_eq!(trade_on(&w, Side::B).status, TradeStatus::Accepted);

    // The payer backs it with an escrow deal on alpha that names alpha's relay as attestor.
    let terms = escrow::msg::ProposeMsg {
        counterparty: alice,
        arbitrator: arb,
        kind: escrow::msg::DealKindMsg::TradeShipment {
            attestor: w.contract(Side::A, Contract::Relay),
        },
        counterparty_stake: Uint128::zero(),
        arbitrator_collateral: Uint128::new(5_000),
        sign_by: now.plus_seconds(2 * DAY),
        due: now.plus_seconds(40 * DAY),
        grace_seconds: 5 * DAY,
        ruling_seconds: 10 * DAY,
        appeal_seconds: 10 * DAY,
        description: "grain for beta".to_string(),
    };
    let attrs = w
        .send_token(
            Side::A,
            "payer",
            Contract::Escrow,
            50_000,
            &escrow::msg::ReceiveMsg::Propose(terms),
        )
        .unwrap();
    let deal_id: u64 = attrs
        .iter()
        .find(|(k, _)| k == "deal_id")
        .map(|(_, v)| v.parse().unwrap())
        .unwrap();
    w.exec(
        Side::A,
        "alice",
        Contract::Escrow,
        &escrow::msg::ExecuteMsg::Sign { deal_id },
    )
    .unwrap();
    w.send_token(
        Side::A,
        "arb",
        Contract::Escrow,
        5_000,
        &escrow::msg::ReceiveMsg::PostCollateral { deal_id },
    )
    .unwrap();
    w.exec(
        Side::A,
        "payer",
        Contract::Relay,
        &ExecuteMsg::AttachEscrow {
            trade_id: 1,
            deal_id,
        },
    )
    .unwrap();

    // The drone tanker departs and reports from the way.
    let eta = w.now(Side::A).plus_seconds(10 * DAY);
    for update in [
        ShipmentUpdate::Departed { eta },
        ShipmentUpdate::Position {
            note: "over the strait".to_string(),
        },
    ] {
        w.exec(
            Side::A,
            "alice",
            Contract::Relay,
            &ExecuteMsg::ReportShipment {
                trade_id: 1,
                update,
                timeout_seconds: None,
            },
        )
        .unwrap();
        w.relayer.relay_all().unwrap();
    }
    assert_eq!(trade_on(&w, Side::B).status, TradeStatus::Shipping);
    assert_eq!(trade_on(&w, Side::B).shipment_updates, 2);

    // Ten days later bob confirms delivery on beta; the receipt pays alice on alpha.
    w.advance_both(10 * DAY);
    let alice_before = w.balance(Side::A, "alice");
    w.exec(
        Side::B,
        "bob",
        Contract::Relay,
        &ExecuteMsg::ConfirmDelivery {
            trade_id: 1,
            timeout_seconds: None,
        },
    )
    .unwrap();
    let outcomes = w.relayer.relay_all().unwrap();
    assert!(outcomes.iter().all(|o| !o.is_error_ack()));
    let paid = w.balance(Side::A, "alice") - alice_before;
    assert!(paid > 49_000 && paid <= 50_000, "paid {paid}");
    assert_eq!(trade_on(&w, Side::A).status, TradeStatus::Paid);
    assert_eq!(trade_on(&w, Side::B).status, TradeStatus::Paid);
    let deal: escrow::msg::DealResponse = w.query(
        Side::A,
        Contract::Escrow,
        &escrow::msg::QueryMsg::Deal { deal_id },
    );
    assert_eq!(deal.status, escrow::msg::StatusKey::Closed);
}

#[test]
fn a_treaty_proposed_by_one_council_and_ratified_by_the_other() {
    let mut w = deploy();
    let channel_id = w.channel_id(Side::A);
    w.govern(
        Side::A,
        "Propose the ridge treaty",
        Contract::Relay,
        &ExecuteMsg::ProposeTreaty(ProposeTreatyMsg {
            channel_id,
            kind: TreatyKind::JointInitiative,
            title: "Reforest the ridge".to_string(),
            terms: "Each node plants and tends half the ridge for ten years".to_string(),
            timeout_seconds: None,
        }),
    )
    .unwrap();
    w.relayer.relay_all().unwrap();
    let treaty_on = |w: &TwoNodes, side: Side| -> ibc_relay::msg::Treaty {
        w.query::<_, TreatyResponse>(side, Contract::Relay, &QueryMsg::Treaty { treaty_id: 1 })
            .treaty
    };
    assert_eq!(
        treaty_on(&w, Side::A).status,
        TreatyStatus::AwaitingRatification
    );
    assert_eq!(
        treaty_on(&w, Side::B).status,
        TreatyStatus::AwaitingRatification
    );
    // Only beta's council may ratify: not a resident, not even a founder acting alone.
    let ratify = ExecuteMsg::RatifyTreaty {
        treaty_id: 1,
        timeout_seconds: None,
    };
    for who in ["bob", "ada"] {
        assert!(w.exec(Side::B, who, Contract::Relay, &ratify).is_err());
    }
    assert_eq!(
        treaty_on(&w, Side::B).status,
        TreatyStatus::AwaitingRatification
    );
    w.govern(Side::B, "Ratify the ridge treaty", Contract::Relay, &ratify)
        .unwrap();
    w.relayer.relay_all().unwrap();
    assert_eq!(treaty_on(&w, Side::A).status, TreatyStatus::Ratified);
    assert_eq!(treaty_on(&w, Side::B).status, TreatyStatus::Ratified);
}

#[test]
fn closing_the_channel_refunds_in_flight_packets_by_their_timeout_on_close() {
    let mut w = deploy();
    let before = w.balance(Side::A, "alice");
    w.send_abroad(Side::A, "alice", "bob", 25_000, DAY).unwrap();
    let channel_id = w.channel_id(Side::A);
    w.govern(
        Side::A,
        "Close the channel to dac-2",
        Contract::Relay,
        &ExecuteMsg::CloseChannel { channel_id },
    )
    .unwrap();
    // The relayer picks up the close: both ends close, and the transfer still in flight is
    // timed out on close (proof it was never received), which refunds it.
    w.relayer.relay_all().unwrap();
    assert_eq!(w.balance(Side::A, "alice"), before);
    assert!(!w.relayer.channels()[0].open);
    assert!(w.send_abroad(Side::A, "alice", "bob", 1, DAY).is_err());
}

/// Finding 3: a transfer received by beta after alpha's close-init and before beta's
/// close-confirm was credited there; alpha must not refund it, or beta's vouchers are unbacked
/// and the next holder's return is paid from someone else's backing.
#[test]
fn a_packet_received_between_close_init_and_close_confirm_is_never_refunded() {
    let mut w = deploy();
    let relay_a = Addr::unchecked(w.contract(Side::A, Contract::Relay));
    let relay_b = Addr::unchecked(w.contract(Side::B, Contract::Relay));
    let before = w.balance(Side::A, "alice");
    w.send_abroad(Side::A, "alice", "bob", 25_000, DAY).unwrap();
    let packets = w.relayer.pending_packets().unwrap();
    assert_eq!(packets.len(), 1);
    let (_, packet) = packets[0].clone();
    let pair = w.channel.clone();
    // Alpha's council closes: close-init runs on alpha.
    w.relayer
        .chain_mut(Side::A)
        .app
        .wasm_sudo(
            relay_a.clone(),
            &IbcCall::ChannelClose(IbcChannelCloseMsg::new_init(pair.channel(Side::A))),
        )
        .unwrap();
    assert_eq!(
        w.balance(Side::A, "alice"),
        before - 25_000,
        "no refund at close-init"
    );
    // Beta's end is still open: the packet is received and credited.
    let delivery = w.relayer.deliver_receive(Side::B, packet).unwrap();
    assert!(matches!(delivery, Delivery::Acknowledged(_)));
    let credited = w.vouchers(Side::A, "bob");
    assert!(credited > 0);
    w.relayer
        .chain_mut(Side::B)
        .app
        .wasm_sudo(
            relay_b,
            &IbcCall::ChannelClose(IbcChannelCloseMsg::new_confirm(pair.channel(Side::B))),
        )
        .unwrap();
    // The acknowledgement cannot cross a closed channel and no timeout can be proven for a
    // received packet: alpha keeps the tokens in flight, backing bob's vouchers.
    assert_eq!(w.balance(Side::A, "alice"), before - 25_000);
    let h = w.holdings(Side::A);
    assert_eq!(h.in_flight_units.u128(), credited);
    assert_eq!(h.total_units.u128(), credited);
    assert!(w.balance_of(Side::A, relay_a.as_str()) >= 24_999);
    assert_eq!(w.pending(Side::A).packets.len(), 1);
}
