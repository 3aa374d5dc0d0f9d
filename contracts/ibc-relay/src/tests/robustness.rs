//! Hostile input: arbitrary bytes and arbitrary well-formed packets into `ibc_packet_receive`,
//! arbitrary bytes and generated `ExecuteMsg`s from random senders into `execute`. Nothing
//! panics; a refused packet gets an error acknowledgement and changes nothing but the replay
//! guard; a refused message changes nothing at all.

use cosmwasm_std::testing::mock_env;
use cosmwasm_std::{IbcPacketReceiveMsg, Uint128};
use proptest::prelude::*;

use super::authority::fingerprint;
use super::*;
use crate::contract::ibc_packet_receive;
use crate::msg::{DeliveryWindow, Price, ShipmentUpdate, TradeRole, TreatyKind};

const NAMES: &[&str] = &["council", "alice", "carol", "payer", "stranger", "token"];

fn name() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(NAMES)
}

/// An address of ours, one of beta's, or junk.
fn address() -> impl Strategy<Value = String> {
    prop_oneof![
        name().prop_map(|n| cosmwasm_std::testing::MockApi::default()
            .addr_make(n)
            .to_string()),
        Just("beta1someone".to_string()),
        "[ -~]{0,20}",
    ]
}

fn shares() -> impl Strategy<Value = Uint128> {
    prop_oneof![
        Just(Uint128::zero()),
        (1u128..1_000_000_000_000).prop_map(Uint128::new),
        Just(Uint128::MAX),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), "[a-z ]{1,12}", Just("x".repeat(3000))]
}

fn window() -> impl Strategy<Value = DeliveryWindow> {
    (0u64..3_000_000_000, 0u64..3_000_000_000).prop_map(|(a, b)| DeliveryWindow {
        earliest: cosmwasm_std::Timestamp::from_seconds(a),
        latest: cosmwasm_std::Timestamp::from_seconds(b),
    })
}

fn price() -> impl Strategy<Value = Price> {
    prop_oneof![
        (shares(), address()).prop_map(|(amount, payer)| Price::Tokens { amount, payer }),
        (text(), 0u32..3).prop_map(|(goods, containers)| Price::Goods { goods, containers }),
    ]
}

fn role() -> impl Strategy<Value = TradeRole> {
    prop_oneof![Just(TradeRole::Buyer), Just(TradeRole::Seller)]
}

fn id() -> impl Strategy<Value = u64> {
    prop_oneof![0u64..5, Just(u64::MAX)]
}

fn packet_body() -> impl Strategy<Value = RelayPacket> {
    prop_oneof![
        (address(), address(), shares(), shares()).prop_map(|(sender, receiver, shares, value)| {
            RelayPacket::Transfer(TransferPacket {
                sender,
                receiver,
                shares,
                value,
            })
        }),
        (address(), address(), shares()).prop_map(|(sender, receiver, shares)| {
            RelayPacket::Return(ReturnPacket {
                sender,
                receiver,
                shares,
            })
        }),
        (address(), id(), id(), id(), shares()).prop_map(
            |(guest, home_id, start_day, end_day, shares)| RelayPacket::GuestBooking(
                GuestBookingPacket {
                    visitor: "beta1visitor".to_string(),
                    guest,
                    home_id,
                    start_day,
                    end_day,
                    shares,
                }
            )
        ),
        (id(), address(), role(), text(), 0u32..3, price(), window()).prop_map(
            |(offer_id, counterparty, offeror_role, goods, containers, price, delivery_window)| {
                RelayPacket::TradeOffer(TradeOfferPacket {
                    offer_id,
                    offeror: "beta1bob".to_string(),
                    counterparty,
                    offeror_role,
                    goods,
                    containers,
                    price,
                    delivery_window,
                })
            }
        ),
        (id(), any::<bool>()).prop_map(|(offer_id, accept)| RelayPacket::TradeAnswer(
            TradeAnswerPacket {
                offer_id,
                accept,
                reason: None,
            }
        )),
        (id(), any::<bool>(), text()).prop_map(|(offer_id, offered_by_sender, note)| {
            RelayPacket::ShipmentUpdate(ShipmentUpdatePacket {
                offer_id,
                offered_by_sender,
                update: ShipmentUpdate::Position { note },
            })
        }),
        (id(), any::<bool>()).prop_map(|(offer_id, offered_by_sender)| {
            RelayPacket::DeliveryReceipt(DeliveryReceiptPacket {
                offer_id,
                offered_by_sender,
            })
        }),
        (id(), text(), text()).prop_map(|(proposal_id, title, terms)| {
            RelayPacket::TreatyProposal(TreatyProposalPacket {
                proposal_id,
                kind: TreatyKind::ResourceSharing,
                title,
                terms,
            })
        }),
        id().prop_map(
            |proposal_id| RelayPacket::TreatyRatification(TreatyRatificationPacket { proposal_id })
        ),
        (address(), id()).prop_map(|(visitor, booking_id)| RelayPacket::CancelBooking(
            CancelBookingPacket {
                visitor,
                booking_id
            }
        )),
        (id(), text(), text()).prop_map(|(note_id, subject, body)| RelayPacket::Note(NotePacket {
            note_id,
            subject,
            body
        })),
        (id(), text(), proptest::collection::vec(address(), 0..4)).prop_map(
            |(proposal_id, subject, members)| RelayPacket::PanelProposal(PanelProposalPacket {
                proposal_id,
                subject,
                members,
            })
        ),
        (id(), proptest::collection::vec(address(), 0..4)).prop_map(|(proposal_id, members)| {
            RelayPacket::PanelHalf(PanelHalfPacket {
                proposal_id,
                members,
            })
        }),
    ]
}

fn execute_msg() -> impl Strategy<Value = ExecuteMsg> {
    let channel = prop_oneof![Just(CHANNEL.to_string()), Just("channel-9".to_string())];
    prop_oneof![
        (address(), shares(), channel.clone()).prop_map(|(sender, amount, channel_id)| {
            ExecuteMsg::Receive(cw20::Cw20ReceiveMsg {
                sender,
                amount,
                msg: to_json_binary(&crate::msg::ReceiveMsg::Transfer {
                    channel_id,
                    receiver: "beta1receiver".to_string(),
                    timeout_seconds: None,
                })
                .unwrap(),
            })
        }),
        (address(), shares(), id(), id(), id()).prop_map(
            |(sender, amount, booking_id, home_id, start_day)| {
                ExecuteMsg::Receive(cw20::Cw20ReceiveMsg {
                    sender,
                    amount,
                    msg: to_json_binary(&crate::msg::ReceiveMsg::BookingRefund {
                        booking_id,
                        home_id,
                        start_day,
                    })
                    .unwrap(),
                })
            }
        ),
        (channel.clone(), id()).prop_map(|(channel_id, booking_id)| {
            ExecuteMsg::CancelGuestBooking {
                channel_id,
                booking_id,
                timeout_seconds: None,
            }
        }),
        (address(), shares()).prop_map(|(recipient, shares)| ExecuteMsg::TransferVouchers {
            node: BETA.to_string(),
            recipient,
            shares,
        }),
        (
            channel.clone(),
            shares(),
            prop::option::of(0u64..10_000_000_000)
        )
            .prop_map(
                |(channel_id, shares, timeout_seconds)| ExecuteMsg::ReturnVouchers {
                    channel_id,
                    receiver: "beta1home".to_string(),
                    shares,
                    timeout_seconds,
                }
            ),
        (channel.clone(), id(), id(), id(), shares()).prop_map(
            |(channel_id, home_id, start_day, end_day, shares)| ExecuteMsg::BookGuest(
                BookGuestMsg {
                    channel_id,
                    home_id,
                    guest: "beta1guest".to_string(),
                    start_day,
                    end_day,
                    shares,
                    timeout_seconds: None,
                }
            )
        ),
        (channel.clone(), role(), text(), price(), window()).prop_map(
            |(channel_id, role, goods, price, delivery_window)| ExecuteMsg::OfferTrade(
                OfferTradeMsg {
                    channel_id,
                    counterparty: "beta1bob".to_string(),
                    role,
                    goods,
                    containers: 1,
                    price,
                    delivery_window,
                    timeout_seconds: None,
                }
            )
        ),
        (id(), any::<bool>()).prop_map(|(trade_id, accept)| ExecuteMsg::AnswerTrade {
            trade_id,
            accept,
            reason: None,
            timeout_seconds: None,
        }),
        (id(), id()).prop_map(|(trade_id, deal_id)| ExecuteMsg::AttachEscrow { trade_id, deal_id }),
        id().prop_map(|trade_id| ExecuteMsg::ConfirmDelivery {
            trade_id,
            timeout_seconds: None
        }),
        id().prop_map(|treaty_id| ExecuteMsg::RatifyTreaty {
            treaty_id,
            timeout_seconds: None
        }),
        (channel.clone(), text(), text()).prop_map(|(channel_id, subject, body)| {
            ExecuteMsg::SendNote {
                channel_id,
                subject,
                body,
                timeout_seconds: None,
            }
        }),
        (text(), text(), text()).prop_map(|(name, connection_id, counterparty_port)| {
            ExecuteMsg::RecognizeNode {
                name,
                connection_id,
                counterparty_port,
            }
        }),
        text().prop_map(|name| ExecuteMsg::ForgetNode { name }),
        (
            prop::option::of(address()),
            prop::option::of(0u64..10_000_000_000)
        )
            .prop_map(
                |(escrow, default_timeout_seconds)| ExecuteMsg::UpdateConfig {
                    housing_registry: None,
                    escrow,
                    default_timeout_seconds,
                    council: None,
                }
            ),
        channel.prop_map(|channel_id| ExecuteMsg::CloseChannel { channel_id }),
        prop::option::of(address()).prop_map(|admin| ExecuteMsg::ProposeAdmin { admin }),
        Just(ExecuteMsg::AcceptAdmin {}),
        proptest::collection::vec(any::<u8>(), 0..64).prop_map(|data| ExecuteMsg::ApplyPacket {
            channel_id: CHANNEL.to_string(),
            data: data.into(),
        }),
    ]
}

/// A node with some of everything: vouchers, an accepted sale and a pending transfer.
fn busy_node() -> Deps {
    let mut deps = setup();
    set_relay_balance(&mut deps, 5_000);
    let alice = addr(&deps, "alice").to_string();
    let (ack, _) = deliver(
        &mut deps,
        incoming(
            1,
            RelayPacket::Transfer(TransferPacket {
                sender: "beta1sender".to_string(),
                receiver: alice,
                shares: Uint128::new(1_000_000),
                value: Uint128::new(1),
            }),
        ),
    );
    assert!(!is_error(&ack));
    deps
}

/// Storage without the replay guard (`RECEIVED`), which a refused packet does write.
fn fingerprint_without_guard(deps: &Deps) -> Vec<(Vec<u8>, Vec<u8>)> {
    fingerprint(deps)
        .into_iter()
        .filter(|(k, _)| !k.windows(12).any(|w| w == b"received_seq"))
        .collect()
}

/// Delivers `packet` as a chain would; an error acknowledgement must leave storage as it was.
fn receive_hostile(deps: &mut Deps, packet: IbcPacket) {
    let before = fingerprint_without_guard(deps);
    let (ack, _) = deliver(deps, packet);
    if is_error(&ack) {
        assert!(
            before == fingerprint_without_guard(deps),
            "a refused packet changed state"
        );
    }
}

fn raw_packet(seq: u64, data: Vec<u8>) -> IbcPacket {
    let mut packet = incoming(
        seq,
        RelayPacket::TreatyRatification(TreatyRatificationPacket { proposal_id: 0 }),
    );
    packet.data = data.into();
    packet
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// The relay writes its packets (and could write its messages) by the lean writer: the
    /// same bytes as serde's.
    #[test]
    fn packets_and_messages_are_written_as_serde_writes_them(
        id in id(),
        body in packet_body(),
        msg in execute_msg(),
    ) {
        dac_common::json::assert_written_as_serde_writes(&crate::packet::Envelope { id, body });
        dac_common::json::assert_written_as_serde_writes(&msg);
    }

    #[test]
    fn arbitrary_bytes_received_get_an_error_ack_and_change_nothing(
        data in proptest::collection::vec(any::<u8>(), 0..256),
    ) {
        let mut deps = busy_node();
        let before = fingerprint_without_guard(&deps);
        let relayer = addr(&deps, "relayer");
        let res = ibc_packet_receive(
            deps.as_mut(),
            mock_env(),
            IbcPacketReceiveMsg::new(raw_packet(7, data), relayer),
        )
        .unwrap();
        prop_assert!(is_error(&ack_of(&res)));
        prop_assert!(res.messages.is_empty());
        prop_assert!(before == fingerprint_without_guard(&deps));
    }

    #[test]
    fn hostile_packets_never_panic_and_refusals_change_nothing(
        bodies in proptest::collection::vec((packet_body(), 0u64..4), 1..6),
    ) {
        let mut deps = busy_node();
        for (i, (body, id)) in bodies.into_iter().enumerate() {
            let mut packet = incoming(10 + i as u64, body.clone());
            packet.data = to_json_binary(&Envelope { id, body }).unwrap();
            receive_hostile(&mut deps, packet);
        }
    }

    #[test]
    fn hostile_messages_never_panic_and_refusals_change_nothing(
        msgs in proptest::collection::vec((name(), execute_msg()), 1..8),
    ) {
        let mut deps = busy_node();
        for (sender, msg) in msgs {
            let before = fingerprint(&deps);
            if exec(&mut deps, sender, msg).is_err() {
                prop_assert!(before == fingerprint(&deps), "a refused message changed state");
            }
        }
    }

    #[test]
    fn arbitrary_bytes_as_a_message_never_panic(
        data in proptest::collection::vec(any::<u8>(), 0..256),
        sender in name(),
    ) {
        let mut deps = busy_node();
        let before = fingerprint(&deps);
        if let Ok(msg) = from_json::<ExecuteMsg>(&data) {
            if exec(&mut deps, sender, msg).is_err() {
                prop_assert!(before == fingerprint(&deps));
            }
        }
    }
}
