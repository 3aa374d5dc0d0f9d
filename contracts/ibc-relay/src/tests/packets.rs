//! Each packet kind driven through the `Packet` trait alone: received here as if beta sent it,
//! then, as sent by us, resolved by a success acknowledgement, an error acknowledgement and a
//! timeout, each on a fresh copy of the sending node (a timeout must do what an error does).

use cosmwasm_std::testing::mock_env;
use cosmwasm_std::{Timestamp, Uint128};

use super::*;
use crate::execute::diplomacy::{
    NotePacket, PanelHalfPacket, PanelProposalPacket, TreatyProposalPacket,
    TreatyRatificationPacket,
};
use crate::execute::trade::{
    DeliveryReceiptPacket, ShipmentUpdatePacket, TradeAnswerPacket, TradeOfferPacket,
};
use crate::execute::transfer::{
    CancelBookingPacket, GuestBookingPacket, ReturnPacket, TransferPacket,
};
use crate::holdings::{HeldBalance, VIRTUAL_UNITS as M};
use crate::msg::{
    DeliveryWindow, HoldingsResponse, ListNotesResponse, NoteStatus, PanelResponse, PanelStatus,
    Price, ShipmentUpdate, TradeResponse, TradeRole, TradeStatus, TreatyKind, TreatyResponse,
    TreatyStatus, VoucherResponse,
};
use crate::packet::{Applied, BookingAck, Packet, Peer};

const FROM_BETA: Peer<'static> = Peer {
    node: BETA,
    channel_id: CHANNEL,
};

/// Beta's `packet`, received here through the trait.
fn receive<P: Packet>(deps: &mut Deps, packet: P) -> Result<Applied, ContractError> {
    packet.receive(deps.as_mut(), &mock_env(), FROM_BETA)
}

/// Our `packet`, left pending by `send` (a fresh node each call, which checks it sent exactly
/// `packet`), resolved each way on its own copy: the node and messages after a success
/// acknowledgement carrying `result`, then after an error acknowledgement. A timeout is checked
/// to do exactly what the error acknowledgement did.
fn resolve_each_way<P: Packet + Clone>(
    send: impl Fn() -> Deps,
    packet: P,
    result: Binary,
) -> [(Deps, Vec<CosmosMsg>); 2] {
    let env = mock_env();
    let mut acked = send();
    let acked_msgs = packet
        .clone()
        .on_ack_success(acked.as_mut(), &env, BETA, result)
        .unwrap();
    let mut refused = send();
    let refused_msgs = packet
        .clone()
        .on_ack_error(refused.as_mut(), &env, BETA, &mut HeldBalance::default())
        .unwrap();
    let mut timed_out = send();
    let timed_out_msgs = packet
        .on_timeout(timed_out.as_mut(), &env, BETA, &mut HeldBalance::default())
        .unwrap();
    assert_eq!(refused_msgs, timed_out_msgs);
    assert_eq!(snapshot(&refused), snapshot(&timed_out));
    [(acked, acked_msgs), (refused, refused_msgs)]
}

fn ok_result() -> Binary {
    Binary::from(b"ok".as_slice())
}

/// `res` sent exactly `packet`.
fn assert_sent<P: Packet + Clone>(res: &Response, packet: &P) {
    assert_eq!(sent_body(res), packet.clone().into());
}

fn vouchers(deps: &Deps, who: &str) -> Uint128 {
    let holder = addr(deps, who).to_string();
    q::<VoucherResponse>(
        deps,
        QueryMsg::Voucher {
            node: BETA.to_string(),
            holder,
        },
    )
    .shares
}

fn holdings(deps: &Deps) -> HoldingsResponse {
    q(
        deps,
        QueryMsg::Holdings {
            start_after: None,
            limit: None,
        },
    )
}

fn trade(deps: &Deps, id: u64) -> crate::msg::Trade {
    q::<TradeResponse>(deps, QueryMsg::Trade { trade_id: id }).trade
}

fn treaty(deps: &Deps, id: u64) -> crate::msg::Treaty {
    q::<TreatyResponse>(deps, QueryMsg::Treaty { treaty_id: id }).treaty
}

fn panel(deps: &Deps, id: u64) -> crate::msg::Panel {
    q::<PanelResponse>(deps, QueryMsg::Panel { panel_id: id }).panel
}

fn note_status(deps: &Deps) -> NoteStatus {
    let notes: ListNotesResponse = q(
        deps,
        QueryMsg::ListNotes {
            start_after: None,
            limit: None,
        },
    );
    assert_eq!(notes.notes.len(), 1);
    notes.notes[0].status
}

/// Beta credits `shares` of its token to `who` here.
fn vouchers_from_beta(deps: &mut Deps, who: &str, shares: u128) {
    let receiver = addr(deps, who).to_string();
    receive(
        deps,
        TransferPacket {
            sender: "beta1sender".to_string(),
            receiver,
            shares: Uint128::new(shares),
            value: Uint128::new(shares),
        },
    )
    .unwrap();
}

#[test]
fn transfer_credits_vouchers_there_and_moves_units_or_refunds_here() {
    let mut deps = setup();
    let carol = addr(&deps, "carol").to_string();
    let mut packet = TransferPacket {
        sender: "beta1sender".to_string(),
        receiver: carol,
        shares: Uint128::zero(),
        value: Uint128::new(5),
    };
    let err = receive(&mut deps, packet.clone()).unwrap_err();
    assert_eq!(err, ContractError::ZeroAmount);
    packet.shares = Uint128::new(5);
    let applied = receive(&mut deps, packet).unwrap();
    assert!(applied.msgs.is_empty() && applied.ack_result.is_none());
    assert_eq!(vouchers(&deps, "carol"), Uint128::new(5));

    let alice = addr(&deps, "alice").to_string();
    let sent = TransferPacket {
        sender: alice.clone(),
        receiver: "beta1receiver".to_string(),
        shares: Uint128::new(1_000 * M),
        value: Uint128::new(1_000),
    };
    let send = || {
        let mut deps = setup();
        let res = send_out(&mut deps, 1_000, 1_000);
        assert_sent(&res, &sent);
        deps
    };
    let [(acked, acked_msgs), (refused, refused_msgs)] =
        resolve_each_way(send, sent.clone(), ok_result());
    assert!(acked_msgs.is_empty());
    let h = holdings(&acked);
    assert_eq!(
        (h.in_flight_units, h.nodes[0].units),
        (Uint128::zero(), sent.shares)
    );
    assert_eq!(
        token_transfer(&refused_msgs),
        Some((alice, Uint128::new(1_000)))
    );
    let h = holdings(&refused);
    assert_eq!(
        (h.in_flight_units, h.total_units),
        (Uint128::zero(), Uint128::zero())
    );
}

#[test]
fn return_pays_out_there_and_burns_or_restores_vouchers_here() {
    let mut deps = setup();
    let res = send_out(&mut deps, 1_000, 1_000);
    ack_ok(&mut deps, sent(&res));
    let dave = addr(&deps, "dave").to_string();
    let applied = receive(
        &mut deps,
        ReturnPacket {
            sender: "beta1sender".to_string(),
            receiver: dave.clone(),
            shares: Uint128::new(400 * M),
        },
    )
    .unwrap();
    assert_eq!(
        token_transfer(&applied.msgs),
        Some((dave, Uint128::new(400)))
    );
    assert_eq!(holdings(&deps).nodes[0].units, Uint128::new(600 * M));

    let alice = addr(&deps, "alice").to_string();
    let sent = ReturnPacket {
        sender: alice,
        receiver: "beta1receiver".to_string(),
        shares: Uint128::new(10),
    };
    let send = || {
        let mut deps = setup();
        vouchers_from_beta(&mut deps, "alice", 10);
        let res = exec(
            &mut deps,
            "alice",
            ExecuteMsg::ReturnVouchers {
                channel_id: CHANNEL.to_string(),
                receiver: "beta1receiver".to_string(),
                shares: Uint128::new(10),
                timeout_seconds: None,
            },
        )
        .unwrap();
        assert_sent(&res, &sent);
        deps
    };
    let [(acked, acked_msgs), (refused, refused_msgs)] =
        resolve_each_way(send, sent.clone(), ok_result());
    assert!(acked_msgs.is_empty() && refused_msgs.is_empty());
    assert_eq!(vouchers(&acked, "alice"), Uint128::zero());
    assert_eq!(vouchers(&refused, "alice"), Uint128::new(10));
}

/// Beta's visitor books two nights (90 at [`GUEST_NIGHT`]) with vouchers of our token.
fn beta_booking() -> GuestBookingPacket {
    GuestBookingPacket {
        visitor: "beta1visitor".to_string(),
        guest: "Eve".to_string(),
        home_id: 1,
        start_day: 10,
        end_day: 12,
        shares: Uint128::new(1_000 * M),
    }
}

#[test]
fn guest_booking_pays_the_price_there_and_gives_back_what_it_did_not_use_here() {
    let mut deps = setup();
    let res = send_out(&mut deps, 1_000, 1_000);
    ack_ok(&mut deps, sent(&res));
    let applied = receive(&mut deps, beta_booking()).unwrap();
    assert_eq!(applied.msgs.len(), 1, "the price, sent to the registry");
    let receipt: BookingAck = from_json(applied.ack_result.unwrap()).unwrap();
    assert_eq!(receipt.shares_used, Uint128::new(90 * M));

    let alice = addr(&deps, "alice").to_string();
    let sent = GuestBookingPacket {
        visitor: alice,
        guest: "Eve".to_string(),
        home_id: 1,
        start_day: 10,
        end_day: 12,
        shares: Uint128::new(100),
    };
    let send = || {
        let mut deps = setup();
        vouchers_from_beta(&mut deps, "alice", 100);
        let res = exec(
            &mut deps,
            "alice",
            ExecuteMsg::BookGuest(BookGuestMsg {
                channel_id: CHANNEL.to_string(),
                home_id: 1,
                guest: "Eve".to_string(),
                start_day: 10,
                end_day: 12,
                shares: Uint128::new(100),
                timeout_seconds: None,
            }),
        )
        .unwrap();
        assert_sent(&res, &sent);
        deps
    };
    let used = to_json_binary(&BookingAck {
        shares_used: Uint128::new(60),
    })
    .unwrap();
    let [(acked, _), (refused, _)] = resolve_each_way(send, sent.clone(), used);
    assert_eq!(vouchers(&acked, "alice"), Uint128::new(40));
    assert_eq!(vouchers(&refused, "alice"), Uint128::new(100));
    // A success without a receipt used them all.
    let [(plain, _), _] = resolve_each_way(send, sent.clone(), ok_result());
    assert_eq!(vouchers(&plain, "alice"), Uint128::zero());
}

#[test]
fn cancel_booking_asks_the_registry_there_and_moves_nothing_here() {
    let mut deps = setup();
    let res = send_out(&mut deps, 1_000, 1_000);
    ack_ok(&mut deps, sent(&res));
    receive(&mut deps, beta_booking()).unwrap();
    let relay = mock_env().contract.address;
    set_registry_booking(
        7,
        serde_json::json!({"home_id": 1, "start_day": 10, "payer": relay}),
    );
    let mallory = CancelBookingPacket {
        visitor: "beta1mallory".to_string(),
        booking_id: 7,
    };
    assert_eq!(
        receive(&mut deps, mallory).unwrap_err(),
        ContractError::WrongParty("visitor")
    );
    let applied = receive(
        &mut deps,
        CancelBookingPacket {
            visitor: "beta1visitor".to_string(),
            booking_id: 7,
        },
    )
    .unwrap();
    let registry = addr(&deps, "housing").to_string();
    assert!(matches!(
        applied.msgs.as_slice(),
        [CosmosMsg::Wasm(WasmMsg::Execute { contract_addr, .. })] if *contract_addr == registry
    ));

    let alice = addr(&deps, "alice").to_string();
    let sent = CancelBookingPacket {
        visitor: alice,
        booking_id: 7,
    };
    let send = || {
        let mut deps = setup();
        let res = exec(
            &mut deps,
            "alice",
            ExecuteMsg::CancelGuestBooking {
                channel_id: CHANNEL.to_string(),
                booking_id: 7,
                timeout_seconds: None,
            },
        )
        .unwrap();
        assert_sent(&res, &sent);
        deps
    };
    let [(acked, acked_msgs), (refused, refused_msgs)] =
        resolve_each_way(send, sent.clone(), ok_result());
    assert!(acked_msgs.is_empty() && refused_msgs.is_empty());
    assert_eq!(snapshot(&acked), snapshot(&refused));
}

fn window() -> DeliveryWindow {
    let now = mock_env().block.time;
    DeliveryWindow {
        earliest: now.plus_days(1),
        latest: now.plus_days(30),
    }
}

/// Bob on beta offers carol here 2 containers of grain for a container of salt (a barter, so
/// no escrow is involved); our trade 1.
fn offer_for_carol(deps: &mut Deps, bob_role: TradeRole) -> TradeOfferPacket {
    let offer = TradeOfferPacket {
        offer_id: 40,
        offeror: "beta1bob".to_string(),
        counterparty: addr(deps, "carol").to_string(),
        offeror_role: bob_role,
        goods: "grain".to_string(),
        containers: 2,
        price: Price::Goods {
            goods: "salt".to_string(),
            containers: 1,
        },
        delivery_window: window(),
    };
    receive(deps, offer.clone()).unwrap();
    offer
}

/// Carol accepted bob's offer, and beta has it.
fn accepted_by_carol(deps: &mut Deps, bob_role: TradeRole) {
    offer_for_carol(deps, bob_role);
    let res = exec(
        deps,
        "carol",
        ExecuteMsg::AnswerTrade {
            trade_id: 1,
            accept: true,
            reason: None,
            timeout_seconds: None,
        },
    )
    .unwrap();
    ack_ok(deps, sent(&res));
}

/// Alice here offers bob on beta the same barter, as the seller; our trade 1.
fn offer_to_bob(deps: &mut Deps) -> Response {
    exec(
        deps,
        "alice",
        ExecuteMsg::OfferTrade(OfferTradeMsg {
            channel_id: CHANNEL.to_string(),
            counterparty: "beta1bob".to_string(),
            role: TradeRole::Seller,
            goods: "grain".to_string(),
            containers: 2,
            price: Price::Goods {
                goods: "salt".to_string(),
                containers: 1,
            },
            delivery_window: window(),
            timeout_seconds: None,
        }),
    )
    .unwrap()
}

#[test]
fn trade_offer_is_recorded_there_and_offered_or_failed_here() {
    let mut deps = setup();
    offer_for_carol(&mut deps, TradeRole::Seller);
    let t = trade(&deps, 1);
    assert_eq!(
        (t.status, t.local_role, t.offer_id),
        (TradeStatus::Offered, TradeRole::Buyer, 40)
    );

    let sent = TradeOfferPacket {
        offer_id: 1,
        offeror: addr(&deps, "alice").to_string(),
        counterparty: "beta1bob".to_string(),
        offeror_role: TradeRole::Seller,
        goods: "grain".to_string(),
        containers: 2,
        price: Price::Goods {
            goods: "salt".to_string(),
            containers: 1,
        },
        delivery_window: window(),
    };
    let send = || {
        let mut deps = setup();
        let res = offer_to_bob(&mut deps);
        assert_sent(&res, &sent);
        deps
    };
    let [(acked, _), (refused, _)] = resolve_each_way(send, sent.clone(), ok_result());
    let t = trade(&acked, 1);
    assert_eq!((t.status, t.awaiting_ack), (TradeStatus::Offered, false));
    let t = trade(&refused, 1);
    assert_eq!((t.status, t.awaiting_ack), (TradeStatus::Failed, false));
}

#[test]
fn trade_answer_settles_the_offer_there_and_here_only_once_acknowledged() {
    let mut deps = setup();
    let res = offer_to_bob(&mut deps);
    ack_ok(&mut deps, sent(&res));
    receive(
        &mut deps,
        TradeAnswerPacket {
            offer_id: 1,
            accept: false,
            reason: Some("too dear".to_string()),
        },
    )
    .unwrap();
    let t = trade(&deps, 1);
    assert_eq!(t.status, TradeStatus::Refused);
    assert_eq!(t.refusal_reason.as_deref(), Some("too dear"));

    let sent = TradeAnswerPacket {
        offer_id: 40,
        accept: true,
        reason: None,
    };
    let send = || {
        let mut deps = setup();
        offer_for_carol(&mut deps, TradeRole::Seller);
        let res = exec(
            &mut deps,
            "carol",
            ExecuteMsg::AnswerTrade {
                trade_id: 1,
                accept: true,
                reason: None,
                timeout_seconds: None,
            },
        )
        .unwrap();
        assert_sent(&res, &sent);
        deps
    };
    let [(acked, _), (refused, _)] = resolve_each_way(send, sent.clone(), ok_result());
    assert_eq!(trade(&acked, 1).status, TradeStatus::Accepted);
    let t = trade(&refused, 1);
    assert_eq!((t.status, t.awaiting_ack), (TradeStatus::Offered, false));
}

fn departed() -> ShipmentUpdate {
    ShipmentUpdate::Departed {
        eta: Timestamp::from_seconds(mock_env().block.time.seconds() + 86_400),
    }
}

#[test]
fn shipment_update_is_recorded_there_and_here_only_once_acknowledged() {
    let mut deps = setup();
    // Bob sells to carol: his update reaches the buyer.
    accepted_by_carol(&mut deps, TradeRole::Seller);
    receive(
        &mut deps,
        ShipmentUpdatePacket {
            offer_id: 40,
            offered_by_sender: true,
            update: departed(),
        },
    )
    .unwrap();
    let t = trade(&deps, 1);
    assert_eq!((t.status, t.shipment_updates), (TradeStatus::Shipping, 1));

    // Carol sells to bob: she reports.
    let sent = ShipmentUpdatePacket {
        offer_id: 40,
        offered_by_sender: false,
        update: departed(),
    };
    let send = || {
        let mut deps = setup();
        accepted_by_carol(&mut deps, TradeRole::Buyer);
        let res = exec(
            &mut deps,
            "carol",
            ExecuteMsg::ReportShipment {
                trade_id: 1,
                update: departed(),
                timeout_seconds: None,
            },
        )
        .unwrap();
        assert_sent(&res, &sent);
        deps
    };
    let [(acked, _), (refused, _)] = resolve_each_way(send, sent.clone(), ok_result());
    let t = trade(&acked, 1);
    assert_eq!((t.status, t.shipment_updates), (TradeStatus::Shipping, 1));
    let t = trade(&refused, 1);
    assert_eq!(
        (t.status, t.shipment_updates, t.awaiting_ack),
        (TradeStatus::Accepted, 0, false)
    );
}

#[test]
fn delivery_receipt_settles_the_barter_there_and_here_only_once_acknowledged() {
    let mut deps = setup();
    // Carol sells to bob: his receipt reaches the seller.
    accepted_by_carol(&mut deps, TradeRole::Buyer);
    let applied = receive(
        &mut deps,
        DeliveryReceiptPacket {
            offer_id: 40,
            offered_by_sender: true,
        },
    )
    .unwrap();
    assert!(applied.msgs.is_empty(), "a barter has no escrow to attest");
    assert_eq!(trade(&deps, 1).status, TradeStatus::Delivered);

    // Bob sells to carol: she confirms.
    let sent = DeliveryReceiptPacket {
        offer_id: 40,
        offered_by_sender: false,
    };
    let send = || {
        let mut deps = setup();
        accepted_by_carol(&mut deps, TradeRole::Seller);
        let res = exec(
            &mut deps,
            "carol",
            ExecuteMsg::ConfirmDelivery {
                trade_id: 1,
                timeout_seconds: None,
            },
        )
        .unwrap();
        assert_sent(&res, &sent);
        deps
    };
    let [(acked, _), (refused, _)] = resolve_each_way(send, sent.clone(), ok_result());
    assert_eq!(trade(&acked, 1).status, TradeStatus::Delivered);
    let t = trade(&refused, 1);
    assert_eq!((t.status, t.awaiting_ack), (TradeStatus::Accepted, false));
}

fn treaty_from_beta() -> TreatyProposalPacket {
    TreatyProposalPacket {
        proposal_id: 8,
        kind: TreatyKind::MutualRecognition,
        title: "Recognition".to_string(),
        terms: "Each recognizes the other's members".to_string(),
    }
}

fn propose_treaty(deps: &mut Deps) -> Response {
    exec(
        deps,
        "council",
        ExecuteMsg::ProposeTreaty(ProposeTreatyMsg {
            channel_id: CHANNEL.to_string(),
            kind: TreatyKind::ResourceSharing,
            title: "Water".to_string(),
            terms: "Share the aquifer".to_string(),
            timeout_seconds: None,
        }),
    )
    .unwrap()
}

#[test]
fn treaty_proposal_awaits_ratification_there_and_here_or_fails_here() {
    let mut deps = setup();
    receive(&mut deps, treaty_from_beta()).unwrap();
    let t = treaty(&deps, 1);
    assert_eq!(
        (t.status, t.proposal_id),
        (TreatyStatus::AwaitingRatification, 8)
    );

    let sent = TreatyProposalPacket {
        proposal_id: 1,
        kind: TreatyKind::ResourceSharing,
        title: "Water".to_string(),
        terms: "Share the aquifer".to_string(),
    };
    let send = || {
        let mut deps = setup();
        let res = propose_treaty(&mut deps);
        assert_sent(&res, &sent);
        deps
    };
    let [(acked, _), (refused, _)] = resolve_each_way(send, sent.clone(), ok_result());
    assert_eq!(treaty(&acked, 1).status, TreatyStatus::AwaitingRatification);
    assert_eq!(treaty(&refused, 1).status, TreatyStatus::Failed);
}

#[test]
fn treaty_ratification_ratifies_there_and_here_only_once_acknowledged() {
    let mut deps = setup();
    let res = propose_treaty(&mut deps);
    ack_ok(&mut deps, sent(&res));
    receive(&mut deps, TreatyRatificationPacket { proposal_id: 1 }).unwrap();
    let t = treaty(&deps, 1);
    assert_eq!(t.status, TreatyStatus::Ratified);
    assert!(t.ratified_at.is_some());

    let sent = TreatyRatificationPacket { proposal_id: 8 };
    let send = || {
        let mut deps = setup();
        receive(&mut deps, treaty_from_beta()).unwrap();
        let res = exec(
            &mut deps,
            "council",
            ExecuteMsg::RatifyTreaty {
                treaty_id: 1,
                timeout_seconds: None,
            },
        )
        .unwrap();
        assert_sent(&res, &sent);
        deps
    };
    let [(acked, _), (refused, _)] = resolve_each_way(send, sent.clone(), ok_result());
    assert_eq!(treaty(&acked, 1).status, TreatyStatus::Ratified);
    let t = treaty(&refused, 1);
    assert_eq!(
        (t.status, t.awaiting_ack),
        (TreatyStatus::AwaitingRatification, false)
    );
}

#[test]
fn note_is_received_there_and_delivered_or_failed_here() {
    let mut deps = setup();
    receive(
        &mut deps,
        NotePacket {
            note_id: 3,
            subject: "Greetings".to_string(),
            body: "From beta".to_string(),
        },
    )
    .unwrap();
    assert_eq!(note_status(&deps), NoteStatus::Received);

    let sent = NotePacket {
        note_id: 1,
        subject: "Greetings".to_string(),
        body: "From alpha".to_string(),
    };
    let send = || {
        let mut deps = setup();
        let res = exec(
            &mut deps,
            "council",
            ExecuteMsg::SendNote {
                channel_id: CHANNEL.to_string(),
                subject: "Greetings".to_string(),
                body: "From alpha".to_string(),
                timeout_seconds: None,
            },
        )
        .unwrap();
        assert_sent(&res, &sent);
        deps
    };
    let [(acked, _), (refused, _)] = resolve_each_way(send, sent.clone(), ok_result());
    assert_eq!(note_status(&acked), NoteStatus::Delivered);
    assert_eq!(note_status(&refused), NoteStatus::Failed);
}

fn beta_half() -> Vec<String> {
    vec!["beta1x".to_string(), "beta1y".to_string()]
}

fn our_half(deps: &Deps) -> Vec<String> {
    vec![addr(deps, "m1").to_string(), addr(deps, "m2").to_string()]
}

fn propose_panel(deps: &mut Deps) -> Response {
    let members = our_half(deps);
    exec(
        deps,
        "council",
        ExecuteMsg::ProposePanel {
            channel_id: CHANNEL.to_string(),
            subject: "The river dispute".to_string(),
            members,
            timeout_seconds: None,
        },
    )
    .unwrap()
}

fn panel_from_beta() -> PanelProposalPacket {
    PanelProposalPacket {
        proposal_id: 5,
        subject: "The river dispute".to_string(),
        members: beta_half(),
    }
}

#[test]
fn panel_proposal_forms_there_and_stays_forming_or_fails_here() {
    let mut deps = setup();
    receive(&mut deps, panel_from_beta()).unwrap();
    let p = panel(&deps, 1);
    assert_eq!((p.status, p.seats_per_side), (PanelStatus::Forming, 2));
    assert_eq!(p.remote_members, beta_half());

    let sent = PanelProposalPacket {
        proposal_id: 1,
        subject: "The river dispute".to_string(),
        members: our_half(&deps),
    };
    let send = || {
        let mut deps = setup();
        let res = propose_panel(&mut deps);
        assert_sent(&res, &sent);
        deps
    };
    let [(acked, _), (refused, _)] = resolve_each_way(send, sent.clone(), ok_result());
    let p = panel(&acked, 1);
    assert_eq!((p.status, p.awaiting_ack), (PanelStatus::Forming, false));
    assert_eq!(panel(&refused, 1).status, PanelStatus::Failed);
}

#[test]
fn panel_half_seats_the_panel_there_and_here_only_once_acknowledged() {
    let mut deps = setup();
    let res = propose_panel(&mut deps);
    ack_ok(&mut deps, sent(&res));
    receive(
        &mut deps,
        PanelHalfPacket {
            proposal_id: 1,
            members: beta_half(),
        },
    )
    .unwrap();
    let p = panel(&deps, 1);
    assert_eq!(
        (p.status, p.remote_members),
        (PanelStatus::Seated, beta_half())
    );

    let sent = PanelHalfPacket {
        proposal_id: 5,
        members: our_half(&deps),
    };
    let send = || {
        let mut deps = setup();
        receive(&mut deps, panel_from_beta()).unwrap();
        let members = our_half(&deps);
        let res = exec(
            &mut deps,
            "council",
            ExecuteMsg::SubmitPanelHalf {
                panel_id: 1,
                members,
                timeout_seconds: None,
            },
        )
        .unwrap();
        assert_sent(&res, &sent);
        deps
    };
    let [(acked, _), (refused, _)] = resolve_each_way(send, sent.clone(), ok_result());
    let p = panel(&acked, 1);
    assert_eq!(
        (p.status, p.local_members),
        (PanelStatus::Seated, our_half(&acked))
    );
    let p = panel(&refused, 1);
    assert_eq!((p.status, p.awaiting_ack), (PanelStatus::Forming, false));
    assert!(p.local_members.is_empty());
}

/// Hands the packet back as the enum, through its kind.
struct BackToWire;

impl crate::packet::PacketVisitor for BackToWire {
    type Output = (RelayPacket, bool, bool);

    fn visit<P: Packet>(self, packet: P) -> Self::Output {
        (packet.into(), P::CARRIES_VALUE, P::ACK_HAS_RESULT)
    }
}

#[test]
fn every_variant_reaches_its_own_kind_and_comes_back_unchanged() {
    let deps = setup();
    let bodies: Vec<RelayPacket> = vec![
        TransferPacket {
            sender: "s".to_string(),
            receiver: "r".to_string(),
            shares: Uint128::new(1),
            value: Uint128::new(2),
        }
        .into(),
        ReturnPacket {
            sender: "s".to_string(),
            receiver: "r".to_string(),
            shares: Uint128::new(1),
        }
        .into(),
        beta_booking().into(),
        CancelBookingPacket {
            visitor: "v".to_string(),
            booking_id: 3,
        }
        .into(),
        TradeOfferPacket {
            offer_id: 40,
            offeror: "o".to_string(),
            counterparty: "c".to_string(),
            offeror_role: TradeRole::Buyer,
            goods: "g".to_string(),
            containers: 2,
            price: Price::Tokens {
                amount: Uint128::new(5),
                payer: "p".to_string(),
            },
            delivery_window: window(),
        }
        .into(),
        TradeAnswerPacket {
            offer_id: 1,
            accept: false,
            reason: Some("r".to_string()),
        }
        .into(),
        ShipmentUpdatePacket {
            offer_id: 1,
            offered_by_sender: true,
            update: departed(),
        }
        .into(),
        DeliveryReceiptPacket {
            offer_id: 1,
            offered_by_sender: true,
        }
        .into(),
        treaty_from_beta().into(),
        TreatyRatificationPacket { proposal_id: 2 }.into(),
        NotePacket {
            note_id: 1,
            subject: "s".to_string(),
            body: "b".to_string(),
        }
        .into(),
        panel_from_beta().into(),
        PanelHalfPacket {
            proposal_id: 1,
            members: our_half(&deps),
        }
        .into(),
    ];
    let mut value_kinds = vec![];
    assert_eq!(bodies.len(), 13, "one body per kind");
    for body in bodies {
        let kind = body.kind();
        // The name events use is the variant's JSON name.
        let wire: serde_json::Value = serde_json::to_value(&body).unwrap();
        assert_eq!(wire.as_object().unwrap().keys().collect::<Vec<_>>(), [kind]);
        let (back, carries_value, ack_has_result) = body.clone().visit(BackToWire);
        assert_eq!(back, body);
        if carries_value {
            value_kinds.push(kind);
        }
        assert_eq!(ack_has_result, kind == "guest_booking");
    }
    assert_eq!(value_kinds, ["transfer", "return", "guest_booking"]);
}
