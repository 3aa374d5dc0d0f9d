use cosmwasm_std::testing::mock_env;
use cosmwasm_std::{
    IbcChannelCloseMsg, IbcChannelConnectMsg, IbcChannelOpenMsg, IbcOrder, Uint128,
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
            RelayPacket::Transfer {
                sender: "beta1sender".to_string(),
                receiver,
                shares: Uint128::new(10),
                value: Uint128::new(10),
            },
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
        RelayPacket::Note {
            note_id: 1,
            subject: "s".into(),
            body: "b".into(),
        },
    );
    packet.data = Binary::from(b"not json".as_slice());
    let (ack, _) = deliver(&mut deps, packet);
    assert!(is_error(&ack));

    let mut packet = incoming(
        2,
        RelayPacket::Note {
            note_id: 1,
            subject: "s".into(),
            body: "b".into(),
        },
    );
    packet.dest.channel_id = "channel-99".to_string();
    let (ack, _) = deliver(&mut deps, packet);
    assert!(is_error(&ack));
}

#[test]
fn close_refunds_what_is_pending_and_refuses_new_packets() {
    let mut deps = setup();
    set_relay_balance(&mut deps, 1_000);
    let token = addr(&deps, "token");
    let alice = addr(&deps, "alice");
    let info = message_info(&token, &[]);
    execute(
        deps.as_mut(),
        mock_env(),
        info,
        ExecuteMsg::Receive(cw20::Cw20ReceiveMsg {
            sender: alice.to_string(),
            amount: Uint128::new(1_000),
            msg: to_json_binary(&ReceiveMsg::Transfer {
                channel_id: CHANNEL.to_string(),
                receiver: "beta1receiver".to_string(),
                timeout_seconds: None,
            })
            .unwrap(),
        }),
    )
    .unwrap();
    // The holdings decayed to 900 while in flight.
    set_relay_balance(&mut deps, 900);
    let res = ibc_channel_close(
        deps.as_mut(),
        mock_env(),
        IbcChannelCloseMsg::new_confirm(good_channel()),
    )
    .unwrap();
    let msgs: Vec<CosmosMsg> = res.messages.into_iter().map(|m| m.msg).collect();
    assert_eq!(
        token_transfer(&msgs),
        Some((alice.to_string(), Uint128::new(900)))
    );
    let pending: ListPendingResponse = q(
        &deps,
        QueryMsg::PendingPackets {
            start_after: None,
            limit: None,
        },
    );
    assert!(pending.packets.is_empty());
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
    // A packet arriving on the closed channel is refused.
    let (ack, _) = deliver(
        &mut deps,
        incoming(
            1,
            RelayPacket::Note {
                note_id: 1,
                subject: "s".into(),
                body: "b".into(),
            },
        ),
    );
    assert!(is_error(&ack));
}

/// `who` sends `amount` of our token towards beta; the relay then holds `balance_after`.
fn send_out_as(deps: &mut Deps, who: &str, amount: u128, balance_after: u128) {
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
    .unwrap();
}

/// Every cw20 transfer (recipient, amount) a message list makes.
fn token_transfers(msgs: &[CosmosMsg]) -> Vec<(String, Uint128)> {
    msgs.iter()
        .filter_map(|m| token_transfer(std::slice::from_ref(m)))
        .collect()
}

#[test]
fn a_close_refunding_several_transfers_pays_out_no_more_than_the_relay_holds() {
    let mut deps = setup();
    send_out_as(&mut deps, "alice", 1_000, 1_000);
    send_out_as(&mut deps, "bob", 1_000, 2_000);
    // Both transfers decayed by a tenth while in flight.
    set_relay_balance(&mut deps, 1_800);
    let res = ibc_channel_close(
        deps.as_mut(),
        mock_env(),
        IbcChannelCloseMsg::new_confirm(good_channel()),
    )
    .unwrap();
    let msgs: Vec<CosmosMsg> = res.messages.into_iter().map(|m| m.msg).collect();
    // The refunds run after the close returns, so the token still reports 1800 for the second
    // one: each must be priced against what the first left, not against 1800 again.
    assert_eq!(
        token_transfers(&msgs),
        vec![
            (addr(&deps, "alice").to_string(), Uint128::new(900)),
            (addr(&deps, "bob").to_string(), Uint128::new(900)),
        ]
    );
}

#[test]
fn a_close_with_many_pending_packets_refunds_the_rest_in_pages() {
    let mut deps = setup();
    for _ in 0..(crate::state::MAX_CLOSE_REFUNDS + 5) {
        exec(
            &mut deps,
            "council",
            ExecuteMsg::SendNote {
                channel_id: CHANNEL.to_string(),
                subject: "s".to_string(),
                body: "b".to_string(),
                timeout_seconds: None,
            },
        )
        .unwrap();
    }
    // Refunding an open channel is refused.
    let err = exec(
        &mut deps,
        "anyone",
        ExecuteMsg::RefundClosedChannel {
            channel_id: CHANNEL.to_string(),
            limit: None,
        },
    )
    .unwrap_err();
    assert_eq!(err, ContractError::ChannelOpen(CHANNEL.to_string()));
    ibc_channel_close(
        deps.as_mut(),
        mock_env(),
        IbcChannelCloseMsg::new_init(good_channel()),
    )
    .unwrap();
    let pending: ListPendingResponse = q(
        &deps,
        QueryMsg::PendingPackets {
            start_after: None,
            limit: Some(30),
        },
    );
    assert_eq!(pending.packets.len(), 5);
    exec(
        &mut deps,
        "anyone",
        ExecuteMsg::RefundClosedChannel {
            channel_id: CHANNEL.to_string(),
            limit: None,
        },
    )
    .unwrap();
    let pending: ListPendingResponse = q(
        &deps,
        QueryMsg::PendingPackets {
            start_after: None,
            limit: None,
        },
    );
    assert!(pending.packets.is_empty());
    let notes: crate::msg::ListNotesResponse = q(
        &deps,
        QueryMsg::ListNotes {
            start_after: None,
            limit: Some(30),
        },
    );
    assert!(notes
        .notes
        .iter()
        .all(|n| n.status == crate::msg::NoteStatus::Failed));
}
