//! The relay's authority matrix (SECURITY.md, "IBC relay"): one row per execute message. Each row
//! is sent from every sender class on a fresh node where the message could succeed; exactly the
//! allowed classes get past authority, every other class gets a typed refusal and leaves every
//! byte of storage as it was.

use cosmwasm_std::testing::mock_env;
use cosmwasm_std::Uint128;

use super::*;
use crate::msg::{DeliveryWindow, Price, ReceiveMsg, ShipmentUpdate, TradeRole, TreatyKind};

#[derive(Clone, Copy, Debug, PartialEq)]
enum Sender {
    /// The admin: the node's council.
    Council,
    /// Named by `ProposeAdmin`, not yet accepted.
    PendingAdmin,
    /// This node's token contract (its cw20 hook).
    Token,
    /// The relay itself (its `ApplyPacket` sub-message).
    Relay,
    /// Holds vouchers of beta's token here.
    Holder,
    /// The payer named in a token-priced sale.
    Payer,
    /// The local seller of that sale.
    Seller,
    /// The local buyer (and addressee) of trades offered by beta.
    Buyer,
    Stranger,
}

use Sender::*;

const EVERYONE: &[Sender] = &[
    Council,
    PendingAdmin,
    Token,
    Relay,
    Holder,
    Payer,
    Seller,
    Buyer,
    Stranger,
];

fn address(deps: &Deps, sender: Sender) -> Addr {
    match sender {
        Council => addr(deps, "council"),
        PendingAdmin => addr(deps, "next-admin"),
        Token => addr(deps, "token"),
        Relay => mock_env().contract.address,
        Holder => addr(deps, "holder"),
        Payer => addr(deps, "payer"),
        Seller => addr(deps, "alice"),
        Buyer => addr(deps, "carol"),
        Stranger => addr(deps, "stranger"),
    }
}

fn window() -> DeliveryWindow {
    let now = mock_env().block.time;
    DeliveryWindow {
        earliest: now.plus_days(1),
        latest: now.plus_days(30),
    }
}

fn receive_ok(deps: &mut Deps, id: u64, body: RelayPacket) {
    let (ack, _) = deliver(deps, incoming(id, body));
    assert!(!is_error(&ack), "{ack:?}");
}

/// A node where every row's message can succeed for its allowed sender:
/// - "holder" holds 1,000 M vouchers of beta's token;
/// - trade 1: alice sells grain to beta, paid 5,000 by "payer" (escrow deal 9), accepted;
/// - trade 2: beta offers tools to carol (awaiting carol's answer);
/// - trade 3: beta sells seeds to carol, accepted;
/// - treaty 1 and panel 1 proposed by beta; "next-admin" proposed as admin;
/// - beta's visitor booked home 4 from day 10, paid from what we hold for beta.
fn rich_node() -> Deps {
    let mut deps = setup();
    set_relay_balance(&mut deps, 1_000);
    let token = addr(&deps, "token");
    let alice = addr(&deps, "alice").to_string();
    let res = execute(
        deps.as_mut(),
        mock_env(),
        message_info(&token, &[]),
        ExecuteMsg::Receive(cw20::Cw20ReceiveMsg {
            sender: alice,
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
    ack_ok(&mut deps, sent(&res));
    receive_ok(
        &mut deps,
        20,
        RelayPacket::GuestBooking(GuestBookingPacket {
            visitor: "beta1visitor".to_string(),
            guest: "beta1guest".to_string(),
            home_id: 4,
            start_day: 10,
            end_day: 12,
            shares: Uint128::new(200_000_000),
        }),
    );
    set_relay_balance(&mut deps, 10_000);
    let holder = addr(&deps, "holder").to_string();
    let carol = addr(&deps, "carol").to_string();
    receive_ok(
        &mut deps,
        1,
        RelayPacket::Transfer(TransferPacket {
            sender: "beta1sender".to_string(),
            receiver: holder,
            shares: Uint128::new(1_000_000_000),
            value: Uint128::new(1_000),
        }),
    );
    let payer = addr(&deps, "payer");
    let res = exec(
        &mut deps,
        "alice",
        ExecuteMsg::OfferTrade(OfferTradeMsg {
            channel_id: CHANNEL.to_string(),
            counterparty: "beta1bob".to_string(),
            role: TradeRole::Seller,
            goods: "grain".to_string(),
            containers: 3,
            price: Price::Tokens {
                amount: Uint128::new(5_000),
                payer: payer.to_string(),
            },
            delivery_window: window(),
            timeout_seconds: None,
        }),
    )
    .unwrap();
    ack_ok(&mut deps, sent(&res));
    receive_ok(
        &mut deps,
        2,
        RelayPacket::TradeAnswer(TradeAnswerPacket {
            offer_id: 1,
            accept: true,
            reason: None,
        }),
    );
    set_escrow_deal(
        9,
        escrow_deal_json(
            &mock_env().contract.address,
            &addr(&deps, "token"),
            &payer,
            &addr(&deps, "alice"),
            5_000,
            "active",
        ),
    );
    for (seq, offer_id, goods) in [(3, 40, "tools"), (4, 41, "seeds")] {
        receive_ok(
            &mut deps,
            seq,
            RelayPacket::TradeOffer(TradeOfferPacket {
                offer_id,
                offeror: "beta1bob".to_string(),
                counterparty: carol.clone(),
                offeror_role: TradeRole::Seller,
                goods: goods.to_string(),
                containers: 1,
                price: Price::Tokens {
                    amount: Uint128::new(700),
                    payer: "beta1payer".to_string(),
                },
                delivery_window: window(),
            }),
        );
    }
    let res = exec(
        &mut deps,
        "carol",
        ExecuteMsg::AnswerTrade {
            trade_id: 3,
            accept: true,
            reason: None,
            timeout_seconds: None,
        },
    )
    .unwrap();
    ack_ok(&mut deps, sent(&res));
    receive_ok(
        &mut deps,
        5,
        RelayPacket::TreatyProposal(TreatyProposalPacket {
            proposal_id: 8,
            kind: TreatyKind::MutualRecognition,
            title: "Recognition".to_string(),
            terms: "Each recognizes the other's members".to_string(),
        }),
    );
    receive_ok(
        &mut deps,
        6,
        RelayPacket::PanelProposal(PanelProposalPacket {
            proposal_id: 5,
            subject: "Shipment dispute".to_string(),
            members: vec!["beta1x".to_string(), "beta1y".to_string()],
        }),
    );
    let council = addr(&deps, "council").to_string();
    exec(
        &mut deps,
        "council",
        ExecuteMsg::UpdateConfig {
            housing_registry: None,
            escrow: None,
            default_timeout_seconds: None,
            council: Some(council),
        },
    )
    .unwrap();
    let next = addr(&deps, "next-admin").to_string();
    exec(
        &mut deps,
        "council",
        ExecuteMsg::ProposeAdmin { admin: Some(next) },
    )
    .unwrap();
    deps
}

struct Row {
    message: &'static str,
    allowed: &'static [Sender],
    build: fn(&Deps) -> ExecuteMsg,
}

/// One row per execute message, in SECURITY.md's order.
fn rows() -> Vec<Row> {
    vec![
        Row {
            message: "Receive (cw20 hook: Transfer)",
            allowed: &[Token],
            build: |deps| {
                ExecuteMsg::Receive(cw20::Cw20ReceiveMsg {
                    sender: addr(deps, "alice").to_string(),
                    amount: Uint128::new(100),
                    msg: to_json_binary(&ReceiveMsg::Transfer {
                        channel_id: CHANNEL.to_string(),
                        receiver: "beta1receiver".to_string(),
                        timeout_seconds: None,
                    })
                    .unwrap(),
                })
            },
        },
        Row {
            message: "Receive (cw20 hook: BookingRefund, from the housing registry)",
            allowed: &[Token],
            build: |deps| {
                ExecuteMsg::Receive(cw20::Cw20ReceiveMsg {
                    sender: addr(deps, "housing").to_string(),
                    amount: Uint128::new(90),
                    msg: to_json_binary(&ReceiveMsg::BookingRefund {
                        booking_id: 7,
                        home_id: 4,
                        start_day: 10,
                    })
                    .unwrap(),
                })
            },
        },
        Row {
            // The hook's sender is the mover; the council then checks they are a member.
            message: "Receive (cw20 hook: Move, alice a member moving her whole balance)",
            allowed: &[Token],
            build: |deps| {
                ExecuteMsg::Receive(cw20::Cw20ReceiveMsg {
                    sender: addr(deps, "alice").to_string(),
                    amount: Uint128::new(100),
                    msg: to_json_binary(&ReceiveMsg::Move {
                        channel_id: CHANNEL.to_string(),
                        receiver: "beta1newhome".to_string(),
                        household_stays: false,
                        timeout_seconds: None,
                    })
                    .unwrap(),
                })
            },
        },
        Row {
            message: "TransferVouchers",
            allowed: &[Holder],
            build: |deps| ExecuteMsg::TransferVouchers {
                node: BETA.to_string(),
                recipient: addr(deps, "stranger").to_string(),
                shares: Uint128::new(10),
            },
        },
        Row {
            message: "ReturnVouchers",
            allowed: &[Holder],
            build: |_| ExecuteMsg::ReturnVouchers {
                channel_id: CHANNEL.to_string(),
                receiver: "beta1home".to_string(),
                shares: Uint128::new(10),
                timeout_seconds: None,
            },
        },
        Row {
            message: "BookGuest",
            allowed: &[Holder],
            build: |_| {
                ExecuteMsg::BookGuest(BookGuestMsg {
                    channel_id: CHANNEL.to_string(),
                    home_id: 4,
                    guest: "beta1guest".to_string(),
                    start_day: 100,
                    end_day: 102,
                    shares: Uint128::new(10),
                    timeout_seconds: None,
                })
            },
        },
        Row {
            message: "CancelGuestBooking",
            allowed: EVERYONE,
            build: |_| ExecuteMsg::CancelGuestBooking {
                channel_id: CHANNEL.to_string(),
                booking_id: 3,
                timeout_seconds: None,
            },
        },
        Row {
            message: "OfferTrade",
            allowed: EVERYONE,
            build: |_| {
                ExecuteMsg::OfferTrade(OfferTradeMsg {
                    channel_id: CHANNEL.to_string(),
                    counterparty: "beta1bob".to_string(),
                    role: TradeRole::Buyer,
                    goods: "salt".to_string(),
                    containers: 1,
                    price: Price::Goods {
                        goods: "wool".to_string(),
                        containers: 1,
                    },
                    delivery_window: window(),
                    timeout_seconds: None,
                })
            },
        },
        Row {
            message: "AnswerTrade",
            allowed: &[Buyer],
            build: |_| ExecuteMsg::AnswerTrade {
                trade_id: 2,
                accept: false,
                reason: None,
                timeout_seconds: None,
            },
        },
        Row {
            message: "AttachEscrow",
            allowed: &[Payer],
            build: |_| ExecuteMsg::AttachEscrow {
                trade_id: 1,
                deal_id: 9,
            },
        },
        Row {
            message: "ReportShipment",
            allowed: &[Seller],
            build: |_| ExecuteMsg::ReportShipment {
                trade_id: 1,
                update: ShipmentUpdate::Position {
                    note: "at sea".to_string(),
                },
                timeout_seconds: None,
            },
        },
        Row {
            message: "ConfirmDelivery",
            allowed: &[Buyer],
            build: |_| ExecuteMsg::ConfirmDelivery {
                trade_id: 3,
                timeout_seconds: None,
            },
        },
        Row {
            message: "ProposeTreaty",
            allowed: &[Council],
            build: |_| {
                ExecuteMsg::ProposeTreaty(ProposeTreatyMsg {
                    channel_id: CHANNEL.to_string(),
                    kind: TreatyKind::JointInitiative,
                    title: "Bridge".to_string(),
                    terms: "Build it together".to_string(),
                    timeout_seconds: None,
                })
            },
        },
        Row {
            message: "RatifyTreaty",
            allowed: &[Council],
            build: |_| ExecuteMsg::RatifyTreaty {
                treaty_id: 1,
                timeout_seconds: None,
            },
        },
        Row {
            message: "SendNote",
            allowed: &[Council],
            build: |_| ExecuteMsg::SendNote {
                channel_id: CHANNEL.to_string(),
                subject: "hello".to_string(),
                body: "from alpha".to_string(),
                timeout_seconds: None,
            },
        },
        Row {
            message: "ProposePanel",
            allowed: &[Council],
            build: |deps| ExecuteMsg::ProposePanel {
                channel_id: CHANNEL.to_string(),
                subject: "Water rights".to_string(),
                members: vec![addr(deps, "m1").to_string()],
                timeout_seconds: None,
            },
        },
        Row {
            message: "SubmitPanelHalf",
            allowed: &[Council],
            build: |deps| ExecuteMsg::SubmitPanelHalf {
                panel_id: 1,
                members: vec![addr(deps, "m1").to_string(), addr(deps, "m2").to_string()],
                timeout_seconds: None,
            },
        },
        Row {
            message: "RecognizeNode",
            allowed: &[Council],
            build: |_| ExecuteMsg::RecognizeNode {
                name: "gamma".to_string(),
                connection_id: "connection-2".to_string(),
                counterparty_port: "wasm.gamma-relay".to_string(),
            },
        },
        Row {
            message: "ForgetNode",
            allowed: &[Council],
            build: |_| ExecuteMsg::ForgetNode {
                name: BETA.to_string(),
            },
        },
        Row {
            message: "UpdateConfig",
            allowed: &[Council],
            build: |_| ExecuteMsg::UpdateConfig {
                housing_registry: None,
                escrow: None,
                default_timeout_seconds: Some(60),
                council: None,
            },
        },
        Row {
            message: "CloseChannel",
            allowed: &[Council],
            build: |_| ExecuteMsg::CloseChannel {
                channel_id: CHANNEL.to_string(),
            },
        },
        Row {
            message: "ProposeAdmin",
            allowed: &[Council],
            build: |deps| ExecuteMsg::ProposeAdmin {
                admin: Some(addr(deps, "stranger").to_string()),
            },
        },
        Row {
            message: "AcceptAdmin",
            allowed: &[PendingAdmin],
            build: |_| ExecuteMsg::AcceptAdmin {},
        },
        Row {
            message: "ApplyPacket",
            allowed: &[Relay],
            build: |_| ExecuteMsg::ApplyPacket {
                channel_id: CHANNEL.to_string(),
                data: to_json_binary(&Envelope {
                    id: 99,
                    body: RelayPacket::Note(NotePacket {
                        note_id: 1,
                        subject: "s".to_string(),
                        body: "b".to_string(),
                    }),
                })
                .unwrap(),
            },
        },
    ]
}

/// The typed refusals that mean "not yours to send".
fn is_refusal(err: &ContractError) -> bool {
    matches!(
        err,
        ContractError::Unauthorized
            | ContractError::Admin(_)
            | ContractError::WrongParty(_)
            | ContractError::WrongToken(_)
            | ContractError::NotSelf
            | ContractError::InsufficientVouchers { .. }
    )
}

/// Every byte of storage.
pub fn fingerprint(deps: &Deps) -> Vec<(Vec<u8>, Vec<u8>)> {
    cosmwasm_std::Storage::range(&deps.storage, None, None, cosmwasm_std::Order::Ascending)
        .collect()
}

#[test]
fn each_message_passes_authority_only_for_its_senders() {
    for row in rows() {
        for &sender in EVERYONE {
            let mut deps = rich_node();
            let msg = (row.build)(&deps);
            let info = message_info(&address(&deps, sender), &[]);
            let before = fingerprint(&deps);
            let result = execute(deps.as_mut(), mock_env(), info, msg);
            if row.allowed.contains(&sender) {
                assert!(
                    result.is_ok(),
                    "{} from {sender:?} must succeed: {:?}",
                    row.message,
                    result.err()
                );
            } else {
                let err =
                    result.expect_err(&format!("{} from {sender:?} must be refused", row.message));
                assert!(
                    is_refusal(&err),
                    "{} from {sender:?}: {err} is not a refusal",
                    row.message
                );
                assert!(
                    before == fingerprint(&deps),
                    "{} from {sender:?} changed storage",
                    row.message
                );
            }
        }
    }
}

/// The variant's name; exhaustive on purpose: a new `ExecuteMsg` variant does not compile
/// until it is named here, and the test below then demands its row.
fn variant(msg: &ExecuteMsg) -> &'static str {
    match msg {
        ExecuteMsg::Receive(_) => "Receive",
        ExecuteMsg::TransferVouchers { .. } => "TransferVouchers",
        ExecuteMsg::ReturnVouchers { .. } => "ReturnVouchers",
        ExecuteMsg::BookGuest { .. } => "BookGuest",
        ExecuteMsg::CancelGuestBooking { .. } => "CancelGuestBooking",
        ExecuteMsg::OfferTrade { .. } => "OfferTrade",
        ExecuteMsg::AnswerTrade { .. } => "AnswerTrade",
        ExecuteMsg::AttachEscrow { .. } => "AttachEscrow",
        ExecuteMsg::ReportShipment { .. } => "ReportShipment",
        ExecuteMsg::ConfirmDelivery { .. } => "ConfirmDelivery",
        ExecuteMsg::ProposeTreaty { .. } => "ProposeTreaty",
        ExecuteMsg::RatifyTreaty { .. } => "RatifyTreaty",
        ExecuteMsg::SendNote { .. } => "SendNote",
        ExecuteMsg::ProposePanel { .. } => "ProposePanel",
        ExecuteMsg::SubmitPanelHalf { .. } => "SubmitPanelHalf",
        ExecuteMsg::RecognizeNode { .. } => "RecognizeNode",
        ExecuteMsg::ForgetNode { .. } => "ForgetNode",
        ExecuteMsg::UpdateConfig { .. } => "UpdateConfig",
        ExecuteMsg::CloseChannel { .. } => "CloseChannel",
        ExecuteMsg::ProposeAdmin { .. } => "ProposeAdmin",
        ExecuteMsg::AcceptAdmin {} => "AcceptAdmin",
        ExecuteMsg::ApplyPacket { .. } => "ApplyPacket",
    }
}

/// Every variant named in [`variant`] has exactly one row, and each row sends its variant.
#[test]
fn the_table_has_one_row_per_execute_message() {
    const ALL: &[&str] = &[
        "Receive",
        "TransferVouchers",
        "ReturnVouchers",
        "BookGuest",
        "CancelGuestBooking",
        "OfferTrade",
        "AnswerTrade",
        "AttachEscrow",
        "ReportShipment",
        "ConfirmDelivery",
        "ProposeTreaty",
        "RatifyTreaty",
        "SendNote",
        "ProposePanel",
        "SubmitPanelHalf",
        "RecognizeNode",
        "ForgetNode",
        "UpdateConfig",
        "CloseChannel",
        "ProposeAdmin",
        "AcceptAdmin",
        "ApplyPacket",
    ];
    let deps = rich_node();
    let mut sent: Vec<&str> = rows().iter().map(|r| variant(&(r.build)(&deps))).collect();
    sent.dedup();
    assert_eq!(sent, ALL);
    for row in rows() {
        assert!(row.message.starts_with(variant(&(row.build)(&deps))));
    }
}
