use cosmwasm_std::testing::mock_env;
use cosmwasm_std::Uint128;

use super::*;
use crate::execute::trade::EscrowExecuteMsg;
use crate::msg::{
    DeliveryWindow, ListShipmentUpdatesResponse, Price, ShipmentUpdate, TradeResponse, TradeRole,
    TradeStatus,
};

fn window() -> DeliveryWindow {
    let now = mock_env().block.time;
    DeliveryWindow {
        earliest: now.plus_days(1),
        latest: now.plus_days(30),
    }
}

fn trade(deps: &Deps, id: u64) -> crate::msg::Trade {
    q::<TradeResponse>(deps, QueryMsg::Trade { trade_id: id }).trade
}

fn token_price(deps: &Deps) -> Price {
    Price::Tokens {
        amount: Uint128::new(5_000),
        payer: addr(deps, "payer").to_string(),
    }
}

/// Alice (alpha) offers to sell grain to bob on beta; returns the offer response.
fn offer_sale(deps: &mut Deps) -> Response {
    let price = token_price(deps);
    exec(
        deps,
        "alice",
        ExecuteMsg::OfferTrade(OfferTradeMsg {
            channel_id: CHANNEL.to_string(),
            counterparty: "beta1bob".to_string(),
            role: TradeRole::Seller,
            goods: "grain".to_string(),
            containers: 3,
            price,
            delivery_window: window(),
            timeout_seconds: None,
        }),
    )
    .unwrap()
}

/// The escrow deal that pays for alice's sale: payer → alice, 5,000 of our token, attested by
/// the relay, in `status`.
fn sale_deal(deps: &Deps, status: &str) -> serde_json::Value {
    escrow_deal_json(
        &mock_env().contract.address,
        &addr(deps, "token"),
        &addr(deps, "payer"),
        &addr(deps, "alice"),
        5_000,
        status,
    )
}

/// Alice's offer acknowledged and accepted by bob on beta; the escrow holds deal 9, the
/// sale's genuine active payment.
fn accepted_sale(deps: &mut Deps) {
    set_escrow_deal(9, sale_deal(deps, "active"));
    let res = offer_sale(deps);
    ack_ok(deps, sent(&res));
    let (ack, _) = deliver(
        deps,
        incoming(
            1,
            RelayPacket::TradeAnswer(TradeAnswerPacket {
                offer_id: 1,
                accept: true,
                reason: None,
            }),
        ),
    );
    assert!(!is_error(&ack));
    assert_eq!(trade(deps, 1).status, TradeStatus::Accepted);
}

#[test]
fn an_offer_is_proposed_then_offered_on_ack() {
    let mut deps = setup();
    let res = offer_sale(&mut deps);
    assert!(matches!(
        sent_body(&res),
        RelayPacket::TradeOffer(TradeOfferPacket { offer_id: 1, .. })
    ));
    assert_eq!(trade(&deps, 1).status, TradeStatus::Proposed);
    ack_ok(&mut deps, sent(&res));
    let t = trade(&deps, 1);
    assert_eq!(t.status, TradeStatus::Offered);
    assert!(!t.awaiting_ack);
}

#[test]
fn an_offer_that_fails_or_times_out_is_failed() {
    let mut deps = setup();
    let res = offer_sale(&mut deps);
    ack_err(&mut deps, sent(&res));
    assert_eq!(trade(&deps, 1).status, TradeStatus::Failed);
    let res = offer_sale(&mut deps);
    time_out(&mut deps, sent(&res));
    assert_eq!(trade(&deps, 2).status, TradeStatus::Failed);
}

#[test]
fn bad_offers_are_refused() {
    let mut deps = setup();
    let mut w = window();
    w.latest = mock_env().block.time;
    let err = assert_refused_unchanged(
        &mut deps,
        "alice",
        ExecuteMsg::OfferTrade(OfferTradeMsg {
            channel_id: CHANNEL.to_string(),
            counterparty: "beta1bob".to_string(),
            role: TradeRole::Buyer,
            goods: "grain".to_string(),
            containers: 1,
            price: Price::Goods {
                goods: "tools".to_string(),
                containers: 1,
            },
            delivery_window: w,
            timeout_seconds: None,
        }),
    );
    assert_eq!(err, ContractError::BadWindow);
    let err = assert_refused_unchanged(
        &mut deps,
        "alice",
        ExecuteMsg::OfferTrade(OfferTradeMsg {
            channel_id: CHANNEL.to_string(),
            counterparty: "beta1bob".to_string(),
            role: TradeRole::Seller,
            goods: "grain".to_string(),
            containers: 0,
            price: Price::Goods {
                goods: "tools".to_string(),
                containers: 1,
            },
            delivery_window: window(),
            timeout_seconds: None,
        }),
    );
    assert_eq!(err, ContractError::ZeroContainers);
}

#[test]
fn an_answer_from_beta_accepts_or_refuses_our_offer() {
    let mut deps = setup();
    accepted_sale(&mut deps);
    let res = offer_sale(&mut deps);
    ack_ok(&mut deps, sent(&res));
    let (ack, _) = deliver(
        &mut deps,
        incoming(
            2,
            RelayPacket::TradeAnswer(TradeAnswerPacket {
                offer_id: 2,
                accept: false,
                reason: Some("too dear".to_string()),
            }),
        ),
    );
    assert!(!is_error(&ack));
    let t = trade(&deps, 2);
    assert_eq!(t.status, TradeStatus::Refused);
    assert_eq!(t.refusal_reason.as_deref(), Some("too dear"));
    // Answering twice is an error ack.
    let (ack, _) = deliver(
        &mut deps,
        incoming(
            3,
            RelayPacket::TradeAnswer(TradeAnswerPacket {
                offer_id: 2,
                accept: true,
                reason: None,
            }),
        ),
    );
    assert!(is_error(&ack));
    assert_eq!(trade(&deps, 2).status, TradeStatus::Refused);
}

#[test]
fn only_the_payer_attaches_the_escrow_deal_and_only_once() {
    let mut deps = setup();
    accepted_sale(&mut deps);
    let err = assert_refused_unchanged(
        &mut deps,
        "alice",
        ExecuteMsg::AttachEscrow {
            trade_id: 1,
            deal_id: 9,
        },
    );
    assert_eq!(err, ContractError::WrongParty("payer"));
    exec(
        &mut deps,
        "payer",
        ExecuteMsg::AttachEscrow {
            trade_id: 1,
            deal_id: 9,
        },
    )
    .unwrap();
    assert_eq!(trade(&deps, 1).escrow_deal_id, Some(9));
    let err = assert_refused_unchanged(
        &mut deps,
        "payer",
        ExecuteMsg::AttachEscrow {
            trade_id: 1,
            deal_id: 10,
        },
    );
    assert!(matches!(err, ContractError::WrongTradeStatus { .. }));
}

fn attach(deps: &mut Deps, deal_id: u64) -> ContractError {
    assert_refused_unchanged(
        deps,
        "payer",
        ExecuteMsg::AttachEscrow {
            trade_id: 1,
            deal_id,
        },
    )
}

/// Finding 4: the deal id is the payer's word; the escrow's answer must show it is exactly this
/// trade's payment, or the relay would attest someone else's deal (a seller's sham trade paid
/// from a real buyer's deal), a deal that pays an accomplice, or squat a future deal id.
#[test]
fn an_escrow_deal_that_is_not_this_trades_payment_cannot_be_attached() {
    let mut deps = setup();
    accepted_sale(&mut deps);
    let relay = mock_env().contract.address;
    let (token, payer, alice) = (
        addr(&deps, "token"),
        addr(&deps, "payer"),
        addr(&deps, "alice"),
    );
    let mallory = addr(&deps, "mallory");
    let other_token = addr(&deps, "other-token");
    let mismatch = |deal_id, reason| ContractError::DealMismatch { deal_id, reason };
    // A deal id the escrow has not handed out yet (or never will).
    assert_eq!(attach(&mut deps, 77), mismatch(77, "no such deal"));
    // Someone else's payment (another buyer to alice): a seller's sham trade.
    set_escrow_deal(
        10,
        escrow_deal_json(&relay, &token, &mallory, &alice, 5_000, "active"),
    );
    assert_eq!(
        attach(&mut deps, 10),
        mismatch(10, "not between the trade's parties")
    );
    // The payer paying an accomplice instead of the seller.
    set_escrow_deal(
        11,
        escrow_deal_json(&relay, &token, &payer, &mallory, 5_000, "active"),
    );
    assert_eq!(
        attach(&mut deps, 11),
        mismatch(11, "not between the trade's parties")
    );
    // One micro for a 5,000 price.
    set_escrow_deal(
        12,
        escrow_deal_json(&relay, &token, &payer, &alice, 1, "active"),
    );
    assert_eq!(attach(&mut deps, 12), mismatch(12, "not the trade's price"));
    // Attested by someone the payer controls, not by this relay.
    set_escrow_deal(
        13,
        escrow_deal_json(&mallory, &token, &payer, &alice, 5_000, "active"),
    );
    assert_eq!(attach(&mut deps, 13), mismatch(13, "another attestor"));
    // Paid in another token.
    set_escrow_deal(
        14,
        escrow_deal_json(&relay, &other_token, &payer, &alice, 5_000, "active"),
    );
    assert_eq!(
        attach(&mut deps, 14),
        mismatch(14, "not in this node's token")
    );
    // Not yet signed, or already closed.
    for (id, status) in [(15, "proposed"), (16, "closed")] {
        set_escrow_deal(
            id,
            escrow_deal_json(&relay, &token, &payer, &alice, 5_000, status),
        );
        assert_eq!(attach(&mut deps, id), mismatch(id, "not active"));
    }
    // Another kind of deal between the same parties.
    let mut forward = sale_deal(&deps, "active");
    forward["deal"]["kind"] = serde_json::json!({"forward": {}});
    set_escrow_deal(17, forward);
    assert_eq!(attach(&mut deps, 17), mismatch(17, "not a trade shipment"));
    // The genuine one is accepted.
    exec(
        &mut deps,
        "payer",
        ExecuteMsg::AttachEscrow {
            trade_id: 1,
            deal_id: 9,
        },
    )
    .unwrap();
    assert_eq!(trade(&deps, 1).escrow_deal_id, Some(9));
}

/// The receipt re-checks the deal: one that closed meanwhile (refunded, withdrawn) is not
/// attested, the receipt is refused and nothing changes.
#[test]
fn a_receipt_for_a_deal_no_longer_active_is_refused() {
    let mut deps = setup();
    accepted_sale(&mut deps);
    exec(
        &mut deps,
        "payer",
        ExecuteMsg::AttachEscrow {
            trade_id: 1,
            deal_id: 9,
        },
    )
    .unwrap();
    set_escrow_deal(9, sale_deal(&deps, "closed"));
    let before = snapshot(&deps);
    let (ack, msgs) = deliver(
        &mut deps,
        incoming(
            5,
            RelayPacket::DeliveryReceipt(DeliveryReceiptPacket {
                offer_id: 1,
                offered_by_sender: false,
            }),
        ),
    );
    assert!(is_error(&ack));
    assert!(msgs.is_empty());
    assert_eq!(before, snapshot(&deps));
}

#[test]
fn shipment_updates_apply_on_ack_and_only_from_the_seller() {
    let mut deps = setup();
    accepted_sale(&mut deps);
    let update = ShipmentUpdate::Departed {
        eta: mock_env().block.time.plus_days(3),
    };
    let err = assert_refused_unchanged(
        &mut deps,
        "mallory",
        ExecuteMsg::ReportShipment {
            trade_id: 1,
            update: update.clone(),
            timeout_seconds: None,
        },
    );
    assert_eq!(err, ContractError::Unauthorized);
    let res = exec(
        &mut deps,
        "alice",
        ExecuteMsg::ReportShipment {
            trade_id: 1,
            update: update.clone(),
            timeout_seconds: None,
        },
    )
    .unwrap();
    // One packet at a time.
    let err = exec(
        &mut deps,
        "alice",
        ExecuteMsg::ReportShipment {
            trade_id: 1,
            update: update.clone(),
            timeout_seconds: None,
        },
    )
    .unwrap_err();
    assert_eq!(err, ContractError::AwaitingAck);
    ack_err(&mut deps, sent(&res));
    assert_eq!(trade(&deps, 1).status, TradeStatus::Accepted);
    let res = exec(
        &mut deps,
        "alice",
        ExecuteMsg::ReportShipment {
            trade_id: 1,
            update: update.clone(),
            timeout_seconds: None,
        },
    )
    .unwrap();
    time_out(&mut deps, sent(&res));
    assert_eq!(trade(&deps, 1).status, TradeStatus::Accepted);
    let res = exec(
        &mut deps,
        "alice",
        ExecuteMsg::ReportShipment {
            trade_id: 1,
            update: update.clone(),
            timeout_seconds: None,
        },
    )
    .unwrap();
    ack_ok(&mut deps, sent(&res));
    assert_eq!(trade(&deps, 1).status, TradeStatus::Shipping);
    let updates: ListShipmentUpdatesResponse = q(
        &deps,
        QueryMsg::ShipmentUpdates {
            trade_id: 1,
            start_after: None,
            limit: None,
        },
    );
    assert_eq!(updates.updates.len(), 1);
    assert_eq!(updates.updates[0].update, update);
}

#[test]
fn the_delivery_receipt_attests_the_escrow_deal_and_marks_the_trade_paid() {
    let mut deps = setup();
    accepted_sale(&mut deps);
    let receipt = |id| {
        incoming(
            id,
            RelayPacket::DeliveryReceipt(DeliveryReceiptPacket {
                offer_id: 1,
                offered_by_sender: false,
            }),
        )
    };
    // No deal attached yet: error ack, nothing changes.
    let before = snapshot(&deps);
    let (ack, _) = deliver(&mut deps, receipt(5));
    assert!(is_error(&ack));
    assert_eq!(before, snapshot(&deps));
    exec(
        &mut deps,
        "payer",
        ExecuteMsg::AttachEscrow {
            trade_id: 1,
            deal_id: 9,
        },
    )
    .unwrap();
    let (ack, msgs) = deliver(&mut deps, receipt(6));
    assert!(!is_error(&ack));
    let escrow = addr(&deps, "escrow").to_string();
    assert_eq!(
        msgs,
        vec![CosmosMsg::Wasm(WasmMsg::Execute {
            contract_addr: escrow,
            msg: to_json_binary(&EscrowExecuteMsg::AttestDelivery { deal_id: 9 }).unwrap(),
            funds: vec![],
        })]
    );
    assert_eq!(trade(&deps, 1).status, TradeStatus::Paid);
    let paid: crate::msg::ListTradesResponse = q(
        &deps,
        QueryMsg::TradesByStatus {
            status: TradeStatus::Paid,
            start_after: None,
            limit: None,
        },
    );
    assert_eq!(paid.trades.len(), 1);
}

/// Bob on beta offers to sell tools to carol here, for a price paid on beta.
fn receive_offer_for_carol(deps: &mut Deps) -> u64 {
    let carol = addr(deps, "carol").to_string();
    let (ack, _) = deliver(
        deps,
        incoming(
            1,
            RelayPacket::TradeOffer(TradeOfferPacket {
                offer_id: 40,
                offeror: "beta1bob".to_string(),
                counterparty: carol,
                offeror_role: TradeRole::Seller,
                goods: "tools".to_string(),
                containers: 1,
                price: Price::Tokens {
                    amount: Uint128::new(700),
                    payer: "beta1payer".to_string(),
                },
                delivery_window: window(),
            }),
        ),
    );
    assert!(!is_error(&ack));
    1
}

#[test]
fn a_received_offer_is_answered_by_the_named_counterparty() {
    let mut deps = setup();
    let id = receive_offer_for_carol(&mut deps);
    let t = trade(&deps, id);
    assert_eq!(t.status, TradeStatus::Offered);
    assert_eq!(t.local_role, TradeRole::Buyer);
    assert_eq!(t.offer_id, 40);
    let answer = ExecuteMsg::AnswerTrade {
        trade_id: id,
        accept: true,
        reason: None,
        timeout_seconds: None,
    };
    let err = assert_refused_unchanged(&mut deps, "mallory", answer.clone());
    assert_eq!(err, ContractError::Unauthorized);
    let res = exec(&mut deps, "carol", answer.clone()).unwrap();
    assert_eq!(
        sent_body(&res),
        RelayPacket::TradeAnswer(TradeAnswerPacket {
            offer_id: 40,
            accept: true,
            reason: None
        })
    );
    ack_err(&mut deps, sent(&res));
    assert_eq!(trade(&deps, id).status, TradeStatus::Offered);
    let res = exec(&mut deps, "carol", answer.clone()).unwrap();
    time_out(&mut deps, sent(&res));
    assert_eq!(trade(&deps, id).status, TradeStatus::Offered);
    let res = exec(&mut deps, "carol", answer).unwrap();
    ack_ok(&mut deps, sent(&res));
    assert_eq!(trade(&deps, id).status, TradeStatus::Accepted);
}

#[test]
fn an_offer_to_an_invalid_local_party_is_an_error_ack() {
    let mut deps = setup();
    let before = snapshot(&deps);
    let (ack, _) = deliver(
        &mut deps,
        incoming(
            1,
            RelayPacket::TradeOffer(TradeOfferPacket {
                offer_id: 40,
                offeror: "beta1bob".to_string(),
                counterparty: "nobody".to_string(),
                offeror_role: TradeRole::Seller,
                goods: "tools".to_string(),
                containers: 1,
                price: Price::Goods {
                    goods: "grain".to_string(),
                    containers: 1,
                },
                delivery_window: window(),
            }),
        ),
    );
    assert!(is_error(&ack));
    assert_eq!(before, snapshot(&deps));
}

#[test]
fn the_buyer_receives_shipment_updates_and_confirms_delivery() {
    let mut deps = setup();
    let id = receive_offer_for_carol(&mut deps);
    let res = exec(
        &mut deps,
        "carol",
        ExecuteMsg::AnswerTrade {
            trade_id: id,
            accept: true,
            reason: None,
            timeout_seconds: None,
        },
    )
    .unwrap();
    ack_ok(&mut deps, sent(&res));
    let (ack, _) = deliver(
        &mut deps,
        incoming(
            2,
            RelayPacket::ShipmentUpdate(ShipmentUpdatePacket {
                offer_id: 40,
                offered_by_sender: true,
                update: ShipmentUpdate::Delayed {
                    new_eta: mock_env().block.time.plus_days(9),
                    reason: "storm".to_string(),
                },
            }),
        ),
    );
    assert!(!is_error(&ack));
    assert_eq!(trade(&deps, id).status, TradeStatus::Shipping);
    let confirm = ExecuteMsg::ConfirmDelivery {
        trade_id: id,
        timeout_seconds: None,
    };
    let err = assert_refused_unchanged(&mut deps, "mallory", confirm.clone());
    assert_eq!(err, ContractError::Unauthorized);
    let res = exec(&mut deps, "carol", confirm.clone()).unwrap();
    assert_eq!(
        sent_body(&res),
        RelayPacket::DeliveryReceipt(DeliveryReceiptPacket {
            offer_id: 40,
            offered_by_sender: false
        })
    );
    ack_err(&mut deps, sent(&res));
    assert_eq!(trade(&deps, id).status, TradeStatus::Shipping);
    let res = exec(&mut deps, "carol", confirm.clone()).unwrap();
    time_out(&mut deps, sent(&res));
    assert_eq!(trade(&deps, id).status, TradeStatus::Shipping);
    let res = exec(&mut deps, "carol", confirm).unwrap();
    ack_ok(&mut deps, sent(&res));
    assert_eq!(trade(&deps, id).status, TradeStatus::Paid);
}

#[test]
fn the_seller_cannot_confirm_delivery_nor_the_buyer_report_shipment() {
    let mut deps = setup();
    accepted_sale(&mut deps);
    let err = assert_refused_unchanged(
        &mut deps,
        "alice",
        ExecuteMsg::ConfirmDelivery {
            trade_id: 1,
            timeout_seconds: None,
        },
    );
    assert_eq!(err, ContractError::WrongParty("buyer"));
    // A shipment update from beta about a trade where beta is the buyer is refused.
    let (ack, _) = deliver(
        &mut deps,
        incoming(
            7,
            RelayPacket::ShipmentUpdate(ShipmentUpdatePacket {
                offer_id: 1,
                offered_by_sender: false,
                update: ShipmentUpdate::Position {
                    note: "over the sea".to_string(),
                },
            }),
        ),
    );
    assert!(is_error(&ack));
}
