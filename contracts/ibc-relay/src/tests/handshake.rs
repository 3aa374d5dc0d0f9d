use cosmwasm_std::testing::mock_env;
use cosmwasm_std::{
    IbcChannelCloseMsg, IbcChannelConnectMsg, IbcChannelOpenMsg, IbcOrder, IbcPacket, Uint128,
};

use super::*;
use crate::contract::{ibc_channel_close, ibc_channel_connect, ibc_channel_open};
use crate::msg::{ChannelResponse, ListPendingResponse, ReceiveMsg};

#[test]
fn open_accepts_our_version_on_an_unordered_channel_to_a_recognized_node() {
    let mut deps = setup();
    for msg in [
        IbcChannelOpenMsg::new_init(good_channel()),
        IbcChannelOpenMsg::new_try(good_channel(), IBC_VERSION),
    ] {
        let res = ibc_channel_open(deps.as_mut(), mock_env(), msg).unwrap();
        assert_eq!(res.unwrap().version, IBC_VERSION);
    }
    let res: ChannelResponse = q(
        &deps,
        QueryMsg::Channel {
            channel_id: CHANNEL.to_string(),
        },
    );
    assert!(res.channel.open);
    assert_eq!(res.channel.node, BETA);
    assert_eq!(res.channel.counterparty_channel, "channel-7");
}

#[test]
fn open_refuses_other_versions() {
    let mut deps = setup();
    let wrong = channel("ics20-1", IbcOrder::Unordered, CONNECTION, BETA_PORT);
    let err = ibc_channel_open(
        deps.as_mut(),
        mock_env(),
        IbcChannelOpenMsg::new_init(wrong),
    )
    .unwrap_err();
    assert!(matches!(err, ContractError::WrongVersion { .. }));
    // Our version proposed, but the counterparty speaks another.
    let err = ibc_channel_open(
        deps.as_mut(),
        mock_env(),
        IbcChannelOpenMsg::new_try(good_channel(), "dac-relay-2"),
    )
    .unwrap_err();
    assert!(matches!(err, ContractError::WrongVersion { .. }));
    let err = ibc_channel_connect(
        deps.as_mut(),
        mock_env(),
        IbcChannelConnectMsg::new_ack(good_channel(), "dac-relay-0"),
    )
    .unwrap_err();
    assert!(matches!(err, ContractError::WrongVersion { .. }));
}

#[test]
fn open_refuses_ordered_channels() {
    let mut deps = setup();
    let ordered = channel(IBC_VERSION, IbcOrder::Ordered, CONNECTION, BETA_PORT);
    let err = ibc_channel_open(
        deps.as_mut(),
        mock_env(),
        IbcChannelOpenMsg::new_init(ordered.clone()),
    )
    .unwrap_err();
    assert_eq!(err, ContractError::WrongOrdering);
    let err = ibc_channel_connect(
        deps.as_mut(),
        mock_env(),
        IbcChannelConnectMsg::new_confirm(ordered),
    )
    .unwrap_err();
    assert_eq!(err, ContractError::WrongOrdering);
}

#[test]
fn open_refuses_unrecognized_nodes() {
    let mut deps = setup();
    for ch in [
        channel(IBC_VERSION, IbcOrder::Unordered, "connection-9", BETA_PORT),
        channel(
            IBC_VERSION,
            IbcOrder::Unordered,
            CONNECTION,
            "wasm.someone-else",
        ),
    ] {
        let err = ibc_channel_open(
            deps.as_mut(),
            mock_env(),
            IbcChannelOpenMsg::new_init(ch.clone()),
        )
        .unwrap_err();
        assert!(matches!(err, ContractError::UnrecognizedNode { .. }));
        let err = ibc_channel_connect(
            deps.as_mut(),
            mock_env(),
            IbcChannelConnectMsg::new_confirm(ch),
        )
        .unwrap_err();
        assert!(matches!(err, ContractError::UnrecognizedNode { .. }));
    }
}

#[test]
fn packets_on_a_channel_to_a_forgotten_node_get_error_acks_and_change_nothing() {
    let mut deps = setup();
    exec(
        &mut deps,
        "council",
        ExecuteMsg::ForgetNode {
            name: BETA.to_string(),
        },
    )
    .unwrap();
    let receiver = addr(&deps, "carol").to_string();
    let before = q::<crate::msg::ListVouchersResponse>(
        &deps,
        QueryMsg::ListVouchers {
            node: BETA.to_string(),
            start_after: None,
            limit: None,
        },
    );
    let (ack, msgs) = deliver(
        &mut deps,
        incoming(
            1,
            RelayPacket::Transfer(TransferPacket {
                sender: "beta1sender".to_string(),
                receiver,
                shares: Uint128::new(10),
                value: Uint128::new(10),
            }),
        ),
    );
    assert!(is_error(&ack));
    assert!(msgs.is_empty());
    let after = q::<crate::msg::ListVouchersResponse>(
        &deps,
        QueryMsg::ListVouchers {
            node: BETA.to_string(),
            start_after: None,
            limit: None,
        },
    );
    assert_eq!(before, after);
    // Sending to a forgotten node is refused too.
    let err = exec(
        &mut deps,
        "council",
        ExecuteMsg::SendNote {
            channel_id: CHANNEL.to_string(),
            subject: "hello".to_string(),
            body: "anyone there?".to_string(),
            timeout_seconds: None,
        },
    )
    .unwrap_err();
    assert_eq!(err, ContractError::UnknownNode(BETA.to_string()));
}

#[test]
fn undecodable_packets_and_unknown_channels_get_error_acks() {
    let mut deps = setup();
    let mut packet = incoming(
        1,
        RelayPacket::Note(NotePacket {
            note_id: 1,
            subject: "s".into(),
            body: "b".into(),
        }),
    );
    packet.data = Binary::from(b"not json".as_slice());
    let (ack, _) = deliver(&mut deps, packet);
    assert!(is_error(&ack));

    let mut packet = incoming(
        2,
        RelayPacket::Note(NotePacket {
            note_id: 1,
            subject: "s".into(),
            body: "b".into(),
        }),
    );
    packet.dest.channel_id = "channel-99".to_string();
    let (ack, _) = deliver(&mut deps, packet);
    assert!(is_error(&ack));
}

/// `who` sends `amount` of our token towards beta; the relay then holds `balance_after`.
fn send_out_as(deps: &mut Deps, who: &str, amount: u128, balance_after: u128) -> Response {
    set_relay_balance(deps, balance_after);
    let token = addr(deps, "token");
    let sender = addr(deps, who);
    execute(
        deps.as_mut(),
        mock_env(),
        message_info(&token, &[]),
        ExecuteMsg::Receive(cw20::Cw20ReceiveMsg {
            sender: sender.to_string(),
            amount: Uint128::new(amount),
            msg: to_json_binary(&ReceiveMsg::Transfer {
                channel_id: CHANNEL.to_string(),
                receiver: "beta1receiver".to_string(),
                timeout_seconds: None,
            })
            .unwrap(),
        }),
    )
    .unwrap()
}

fn pending_count(deps: &Deps) -> usize {
    q::<ListPendingResponse>(
        deps,
        QueryMsg::PendingPackets {
            start_after: None,
            limit: None,
        },
    )
    .packets
    .len()
}

fn voucher_shares(deps: &Deps, who: &str) -> Uint128 {
    let holder = addr(deps, who).to_string();
    q::<crate::msg::VoucherResponse>(
        deps,
        QueryMsg::Voucher {
            node: BETA.to_string(),
            holder,
        },
    )
    .shares
}

/// A transfer, a return and a guest booking in flight when the channel closes.
fn three_packets_in_flight(deps: &mut Deps) -> (IbcPacket, IbcPacket, IbcPacket) {
    let transfer = sent(&send_out_as(deps, "alice", 1_000, 1_000));
    let bob = addr(deps, "bob").to_string();
    let (ack, _) = deliver(
        deps,
        incoming(
            1,
            RelayPacket::Transfer(TransferPacket {
                sender: "beta1sender".to_string(),
                receiver: bob,
                shares: Uint128::new(300),
                value: Uint128::new(300),
            }),
        ),
    );
    assert!(!is_error(&ack));
    let ret = exec(
        deps,
        "bob",
        ExecuteMsg::ReturnVouchers {
            channel_id: CHANNEL.to_string(),
            receiver: "beta1home".to_string(),
            shares: Uint128::new(100),
            timeout_seconds: None,
        },
    )
    .unwrap();
    let booking = exec(
        deps,
        "bob",
        ExecuteMsg::BookGuest(BookGuestMsg {
            channel_id: CHANNEL.to_string(),
            home_id: 4,
            guest: "beta1guest".to_string(),
            start_day: 100,
            end_day: 107,
            shares: Uint128::new(200),
            timeout_seconds: None,
        }),
    )
    .unwrap();
    assert_eq!(voucher_shares(deps, "bob"), Uint128::zero());
    (transfer, sent(&ret), sent(&booking))
}

/// Finding 3: the other side may have credited a packet before the close (or between its
/// close-init and our close-confirm), so a close that refunds creates value twice. The close
/// refunds nothing; only the timeout (the relayer's proof of non-receipt) does.
#[test]
fn closing_a_channel_refunds_nothing_until_a_timeout_proves_non_receipt() {
    for close in [
        IbcChannelCloseMsg::new_init(good_channel()),
        IbcChannelCloseMsg::new_confirm(good_channel()),
    ] {
        let mut deps = setup();
        let (transfer, ret, booking) = three_packets_in_flight(&mut deps);
        let units_before = q::<crate::msg::HoldingsResponse>(
            &deps,
            QueryMsg::Holdings {
                start_after: None,
                limit: None,
            },
        );
        let res = ibc_channel_close(deps.as_mut(), mock_env(), close).unwrap();
        assert!(res.messages.is_empty(), "a close pays out nothing");
        assert_eq!(pending_count(&deps), 3, "all three wait for their proof");
        assert_eq!(voucher_shares(&deps, "bob"), Uint128::zero());
        let units_after = q::<crate::msg::HoldingsResponse>(
            &deps,
            QueryMsg::Holdings {
                start_after: None,
                limit: None,
            },
        );
        assert_eq!(units_before, units_after);
        // Nothing new goes out on the closed channel.
        let err = exec(
            &mut deps,
            "council",
            ExecuteMsg::SendNote {
                channel_id: CHANNEL.to_string(),
                subject: "s".to_string(),
                body: "b".to_string(),
                timeout_seconds: None,
            },
        )
        .unwrap_err();
        assert_eq!(err, ContractError::ChannelClosed(CHANNEL.to_string()));

        // The timeouts (timeout-on-close) refund: the transfer at its decayed worth, the
        // return's and the booking's vouchers back to bob.
        set_relay_balance(&mut deps, 900);
        let msgs = time_out(&mut deps, transfer);
        assert_eq!(
            token_transfer(&msgs),
            Some((addr(&deps, "alice").to_string(), Uint128::new(900)))
        );
        time_out(&mut deps, ret);
        time_out(&mut deps, booking);
        assert_eq!(voucher_shares(&deps, "bob"), Uint128::new(300));
        assert_eq!(pending_count(&deps), 0);
    }
}

/// A packet received on the other side before the close is acknowledged there; if that
/// acknowledgement reaches us after our close, it settles the packet as delivered.
#[test]
fn a_success_ack_after_the_close_keeps_the_transfer_delivered() {
    let mut deps = setup();
    let (transfer, ret, _booking) = three_packets_in_flight(&mut deps);
    ibc_channel_close(
        deps.as_mut(),
        mock_env(),
        IbcChannelCloseMsg::new_confirm(good_channel()),
    )
    .unwrap();
    assert!(token_transfer(&ack_ok(&mut deps, transfer)).is_none());
    ack_ok(&mut deps, ret);
    let h: crate::msg::HoldingsResponse = q(
        &deps,
        QueryMsg::Holdings {
            start_after: None,
            limit: None,
        },
    );
    assert_eq!(h.in_flight_units, Uint128::zero());
    assert_eq!(h.nodes[0].units, h.total_units);
    assert_eq!(voucher_shares(&deps, "bob"), Uint128::zero());
    assert_eq!(pending_count(&deps), 1);
}

#[test]
fn packets_arriving_on_a_closed_channel_are_refused() {
    let mut deps = setup();
    ibc_channel_close(
        deps.as_mut(),
        mock_env(),
        IbcChannelCloseMsg::new_init(good_channel()),
    )
    .unwrap();
    let (ack, _) = deliver(
        &mut deps,
        incoming(
            1,
            RelayPacket::Note(NotePacket {
                note_id: 1,
                subject: "s".into(),
                body: "b".into(),
            }),
        ),
    );
    assert!(is_error(&ack));
}

/// A packet from beta's relay at `port` to us on `our_channel`, with sequence `seq`.
fn incoming_on(our_channel: &str, port: &str, seq: u64, body: RelayPacket) -> IbcPacket {
    IbcPacket::new(
        to_json_binary(&crate::packet::Envelope { id: seq, body }).unwrap(),
        cosmwasm_std::IbcEndpoint {
            port_id: port.to_string(),
            channel_id: "channel-9".to_string(),
        },
        cosmwasm_std::IbcEndpoint {
            port_id: "wasm.alpha-relay".to_string(),
            channel_id: our_channel.to_string(),
        },
        seq,
        cosmwasm_std::IbcTimeout::with_timestamp(mock_env().block.time.plus_seconds(600)),
    )
}

fn note(n: u64) -> RelayPacket {
    RelayPacket::Note(NotePacket {
        note_id: n,
        subject: "s".into(),
        body: "b".into(),
    })
}

/// Finding 9: the replay guard was keyed by node name and the sender's packet id, so a beta
/// relay redeployed (its ids start at 1 again) and recognized under its old name had its first
/// packets refused as replays. It is keyed by (channel, sequence), which IBC makes unique.
#[test]
fn a_redeployed_node_recognized_under_its_old_name_is_not_refused() {
    let mut deps = setup();
    let (ack, _) = deliver(&mut deps, incoming(1, note(1)));
    assert!(!is_error(&ack));
    // Beta redeploys its relay; our council recognizes the new one under the same name.
    exec(
        &mut deps,
        "council",
        ExecuteMsg::ForgetNode {
            name: BETA.to_string(),
        },
    )
    .unwrap();
    let new_port = "wasm.beta-relay-2";
    exec(
        &mut deps,
        "council",
        ExecuteMsg::RecognizeNode {
            name: BETA.to_string(),
            connection_id: "connection-1".to_string(),
            counterparty_port: new_port.to_string(),
        },
    )
    .unwrap();
    let mut new_channel = channel(IBC_VERSION, IbcOrder::Unordered, "connection-1", new_port);
    new_channel.endpoint.channel_id = "channel-1".to_string();
    ibc_channel_open(
        deps.as_mut(),
        mock_env(),
        IbcChannelOpenMsg::new_init(new_channel.clone()),
    )
    .unwrap();
    ibc_channel_connect(
        deps.as_mut(),
        mock_env(),
        IbcChannelConnectMsg::new_ack(new_channel, IBC_VERSION),
    )
    .unwrap();
    // The new relay's first packet (its id 1, sequence 1 on the new channel) is accepted.
    let (ack, _) = deliver(&mut deps, incoming_on("channel-1", new_port, 1, note(1)));
    assert!(!is_error(&ack), "{ack:?}");
    // A replay of it on the same channel is still refused, and changes nothing.
    let before = snapshot(&deps);
    let (ack, _) = deliver(&mut deps, incoming_on("channel-1", new_port, 1, note(1)));
    assert!(is_error(&ack));
    assert_eq!(before, snapshot(&deps));
    // So is a replay of the old relay's packet on the old channel.
    let (ack, _) = deliver(&mut deps, incoming(1, note(1)));
    assert!(is_error(&ack));
    assert_eq!(before, snapshot(&deps));
}
