//! The attacker sells across nodes and wants to be paid without shipping: she links the buyer's
//! funded escrow deal to a sham trade between her own accounts, or the payer links a deal that
//! pays an accomplice, or anyone squats a deal id that does not exist yet. The relay believes no
//! deal id on a user's word: it asks the escrow, and the deal must be this trade's payment.

use cosmwasm_std::{to_json_binary, Timestamp, Uint128};
use dac_testing::dac_deploy::Contract;
use dac_testing::dac_ibc_harness::Side;
use dac_testing::{TwoNodes, DAY};
use escrow::msg::{DealKindMsg, ExecuteMsg as EscrowMsg, ProposeMsg, ReceiveMsg as EscrowReceive};
use ibc_relay::msg::{
    DeliveryWindow, ExecuteMsg as Relay, ListTradesResponse, Price, QueryMsg as RelayQuery,
    TradeResponse, TradeRole, TradeStatus,
};

const PRICE: u128 = 2_000_000;
const COLLATERAL: u128 = 50_000;

fn attr(attrs: &[(String, String)], key: &str) -> u64 {
    attrs
        .iter()
        .find(|(k, _)| k == key)
        .unwrap()
        .1
        .parse()
        .unwrap()
}

fn now(mesh: &mut TwoNodes) -> Timestamp {
    mesh.relayer.chain(Side::A).now()
}

/// `seller` on node A offers goods to `buyer` on node B, paid by `payer` on A; B accepts.
/// Returns the trade's id on A.
fn agreed_trade(mesh: &mut TwoNodes, seller: &str, buyer: &str, payer: &str) -> u64 {
    let channel_id = mesh.channel_id(Side::A);
    let counterparty = mesh.addr(Side::B, buyer);
    let payer = mesh.addr(Side::A, payer);
    let start = now(mesh);
    let offered = mesh
        .exec(
            Side::A,
            seller,
            Contract::Relay,
            &Relay::OfferTrade(ibc_relay::msg::OfferTradeMsg {
                channel_id,
                counterparty,
                role: TradeRole::Seller,
                goods: "repaired bicycles".into(),
                containers: 2,
                price: Price::Tokens {
                    amount: Uint128::new(PRICE),
                    payer,
                },
                delivery_window: DeliveryWindow {
                    earliest: start.plus_seconds(5 * DAY),
                    latest: start.plus_seconds(30 * DAY),
                },
                timeout_seconds: None,
            }),
        )
        .unwrap();
    let trade_id = attr(&offered, "trade_id");
    mesh.relayer.relay_all().unwrap();
    let offers: ListTradesResponse = mesh.query(
        Side::B,
        Contract::Relay,
        &RelayQuery::TradesByStatus {
            status: TradeStatus::Offered,
            start_after: None,
            limit: Some(30),
        },
    );
    let remote_id = offers.trades.iter().map(|t| t.id).max().unwrap();
    mesh.exec(
        Side::B,
        buyer,
        Contract::Relay,
        &Relay::AnswerTrade {
            trade_id: remote_id,
            accept: true,
            reason: None,
            timeout_seconds: None,
        },
    )
    .unwrap();
    mesh.relayer.relay_all().unwrap();
    trade_id
}

/// `payer` on A opens and funds an active trade-shipment deal paying `payee`, attested by A's
/// relay, arbitrated by Cyd.
fn funded_deal(mesh: &mut TwoNodes, payer: &str, payee: &str) -> u64 {
    let escrow = mesh.contract(Side::A, Contract::Escrow);
    let relay = mesh.contract(Side::A, Contract::Relay);
    let counterparty = mesh.addr(Side::A, payee);
    let arbitrator = mesh.addr(Side::A, "cyd");
    let start = now(mesh);
    let terms = ProposeMsg {
        counterparty,
        arbitrator,
        kind: DealKindMsg::TradeShipment { attestor: relay },
        counterparty_stake: Uint128::zero(),
        arbitrator_collateral: Uint128::new(COLLATERAL),
        sign_by: start.plus_seconds(2 * DAY),
        due: start.plus_seconds(40 * DAY),
        grace_seconds: 5 * DAY,
        ruling_seconds: 10 * DAY,
        appeal_seconds: 10 * DAY,
        description: "two containers of repaired bicycles".into(),
    };
    let send = |amount: u128, msg: &EscrowReceive| cw20::Cw20ExecuteMsg::Send {
        contract: escrow.clone(),
        amount: Uint128::new(amount),
        msg: to_json_binary(msg).unwrap(),
    };
    let proposed = mesh
        .exec(
            Side::A,
            payer,
            Contract::Token,
            &send(PRICE, &EscrowReceive::Propose(terms)),
        )
        .unwrap();
    let deal_id = attr(&proposed, "deal_id");
    mesh.exec(
        Side::A,
        payee,
        Contract::Escrow,
        &EscrowMsg::Sign { deal_id },
    )
    .unwrap();
    mesh.exec(
        Side::A,
        "cyd",
        Contract::Token,
        &send(COLLATERAL, &EscrowReceive::PostCollateral { deal_id }),
    )
    .unwrap();
    deal_id
}

fn attach(mesh: &mut TwoNodes, payer: &str, trade_id: u64, deal_id: u64) -> Result<(), String> {
    mesh.exec(
        Side::A,
        payer,
        Contract::Relay,
        &Relay::AttachEscrow { trade_id, deal_id },
    )
    .map(|_| ())
    .map_err(|e| format!("{e:#}"))
}

fn attached_deal(mesh: &mut TwoNodes, trade_id: u64) -> Option<u64> {
    let trade: TradeResponse =
        mesh.query(Side::A, Contract::Relay, &RelayQuery::Trade { trade_id });
    trade.trade.escrow_deal_id
}

#[test]
fn a_seller_cannot_hang_the_buyers_deal_on_a_sham_trade() {
    let mut mesh = TwoNodes::deploy();
    // Bea (payer on A for the buyer Bob on B) funds the real trade's deal with Eve.
    let real = agreed_trade(&mut mesh, "eve", "bob", "bea");
    let bea_deal = funded_deal(&mut mesh, "bea", "eve");
    // Eve's sham: her own account "evetwo" pays, her accomplice on B buys.
    let sham = agreed_trade(&mut mesh, "eve", "mallory", "evetwo");
    let err = attach(&mut mesh, "evetwo", sham, bea_deal).unwrap_err();
    assert!(err.contains("deal"), "{err}");
    assert_eq!(attached_deal(&mut mesh, sham), None);
    // The honest link still works: the buyer's deal pays for the real trade.
    attach(&mut mesh, "bea", real, bea_deal).unwrap();
    assert_eq!(attached_deal(&mut mesh, real), Some(bea_deal));
}

#[test]
fn a_payer_cannot_link_a_deal_that_pays_an_accomplice() {
    let mut mesh = TwoNodes::deploy();
    let trade = agreed_trade(&mut mesh, "eve", "bob", "bea");
    // Bea funds a deal that pays her friend Mallory, not the seller Eve.
    let to_friend = funded_deal(&mut mesh, "bea", "mallory");
    let err = attach(&mut mesh, "bea", trade, to_friend).unwrap_err();
    assert!(err.contains("deal"), "{err}");
    assert_eq!(attached_deal(&mut mesh, trade), None);
}

#[test]
fn nobody_can_squat_a_deal_id_that_does_not_exist_yet() {
    let mut mesh = TwoNodes::deploy();
    let trade = agreed_trade(&mut mesh, "eve", "bob", "bea");
    for future in [1, 2, 99] {
        assert!(attach(&mut mesh, "bea", trade, future).is_err());
    }
    assert_eq!(attached_deal(&mut mesh, trade), None);
    // A real deal is created later and links.
    let deal = funded_deal(&mut mesh, "bea", "eve");
    attach(&mut mesh, "bea", trade, deal).unwrap();
    assert_eq!(attached_deal(&mut mesh, trade), Some(deal));
}
