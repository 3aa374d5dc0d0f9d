//! Eve's node meets the other one: tokens crossing as vouchers, a trade carried by drone
//! tanker and paid through the escrow, a guest stay booked with the other node's vouchers, and
//! a treaty both councils vote on.

use anyhow::{bail, Context, Result};
use cosmwasm_std::{from_json, to_json_binary, Uint128};
use dac_deploy::{pass_proposal, Contract};
use dac_testing::dac_ibc_harness::Side;
use dac_testing::{account, exec, query, OnApp, TwoNodes, DAY};
use ibc_relay::msg::{
    DeliveryWindow, ExecuteMsg as Relay, Price, ReceiveMsg as RelayReceive, ShipmentUpdate,
    TradeRole, TreatyKind,
};
use serde_json::{json, Value};

use super::{attr, wasm, Amounts};
use crate::Narrator;

/// dac-1 tokens Ada pays Bea of dac-2 for seed potatoes, over IBC.
pub const SEED_PAYMENT: Uint128 = Uint128::new(3_000_000);
/// dac-1 tokens Bea pays Eve for two containers of repaired bicycles.
pub const BICYCLES_PRICE: Uint128 = Uint128::new(2_000_000);
/// dac-2 tokens Bea sends Eve for her stay as a visiting teacher.
pub const TRAVEL_MONEY: Uint128 = Uint128::new(8_000_000);
/// Nights Eve books in dac-2's guest home.
pub const GUEST_NIGHTS: u64 = 3;

/// What happened between the nodes, for tests to check.
pub struct Abroad {
    /// Bea of dac-2: her account there, and the one she keeps in dac-1.
    pub bea_b: String,
    pub bea_a: String,
    pub trade_id: u64,
    pub trade_deal_id: u64,
    pub eve_paid: Uint128,
    pub guest_home_id: u64,
    pub booking_id: u64,
    pub treaty_id: u64,
}

/// Relays every packet in flight both ways; an error acknowledgement ends the story.
fn relay(nodes: &mut TwoNodes, out: &mut Narrator) -> Result<()> {
    for outcome in nodes.relayer.relay_all()? {
        let envelope: Value = from_json(&outcome.packet.data)?;
        let kind = envelope["body"]
            .as_object()
            .and_then(|body| body.keys().next().cloned())
            .unwrap_or_default();
        let route = match outcome.from {
            Side::A => "dac-1 → dac-2",
            Side::B => "dac-2 → dac-1",
        };
        if outcome.is_error_ack() {
            bail!("packet {kind} {route} refused: {:?}", outcome.delivery);
        }
        out.say(format!("relayer: {kind} {route}, acknowledged"));
    }
    Ok(())
}

/// The story moved dac-1's clock alone; both chains share one calendar from here on.
fn align_clocks(nodes: &mut TwoNodes) {
    let a = nodes.relayer.chain(Side::A).now().seconds();
    let b = nodes.relayer.chain(Side::B).now().seconds();
    if a > b {
        nodes.chain(Side::B).advance_seconds(a - b);
    }
}

fn balance(nodes: &TwoNodes, side: Side, token: &str, who: &str) -> Result<Uint128> {
    let res: Value = query(
        nodes.relayer.chain(side),
        token,
        &json!({"balance": {"address": who}}),
    )?;
    Ok(res["balance"].as_str().context("balance")?.parse()?)
}

fn vouchers(nodes: &TwoNodes, side: Side, relay: &str, node: &str, who: &str) -> Result<Uint128> {
    let res: Value = query(
        nodes.relayer.chain(side),
        relay,
        &json!({"voucher": {"node": node, "holder": who}}),
    )?;
    Ok(res["shares"].as_str().context("shares")?.parse()?)
}

fn trade_status(nodes: &TwoNodes, side: Side, relay: &str, trade_id: u64) -> Result<Value> {
    let res: Value = query(
        nodes.relayer.chain(side),
        relay,
        &json!({"trade": {"trade_id": trade_id}}),
    )?;
    Ok(res["trade"]["status"].clone())
}

pub fn play(
    out: &mut Narrator,
    nodes: &mut TwoNodes,
    eve: &str,
    money: &Amounts,
) -> Result<Abroad> {
    align_clocks(nodes);
    let (da, db) = (nodes.a.deployment.clone(), nodes.b.deployment.clone());
    let (name_a, name_b) = (nodes.a.cfg.name.clone(), nodes.b.cfg.name.clone());
    let (token_a, relay_a, escrow_a) = (
        da.addr(Contract::Token).to_string(),
        da.addr(Contract::Relay).to_string(),
        da.addr(Contract::Escrow).to_string(),
    );
    let (token_b, relay_b) = (
        db.addr(Contract::Token).to_string(),
        db.addr(Contract::Relay).to_string(),
    );
    let (channel_a, channel_b) = (
        nodes.channel.a.channel_id.clone(),
        nodes.channel.b.channel_id.clone(),
    );
    let (ada, cyd) = (
        nodes.a.cfg.founders[0].clone(),
        nodes.a.cfg.founders[2].clone(),
    );
    let bea_b = nodes.b.cfg.founders[1].clone();
    let bea_a = account(nodes.relayer.chain(Side::A), "bea-of-dac-2");

    out.say("");
    out.say("== Ada pays Bea of dac-2 for seed potatoes: dac-1 tokens cross as vouchers");
    exec(
        nodes.chain(Side::A),
        &ada,
        &token_a,
        &cw20::Cw20ExecuteMsg::Send {
            contract: relay_a.clone(),
            amount: SEED_PAYMENT,
            msg: to_json_binary(&RelayReceive::Transfer {
                channel_id: channel_a.clone(),
                receiver: bea_b.clone(),
                timeout_seconds: None,
            })?,
        },
    )?;
    relay(nodes, out)?;
    let bea_vouchers = vouchers(nodes, Side::B, &relay_b, &name_a, &bea_b)?;
    out.say(format!(
        "relay dac-2: Bea holds {bea_vouchers} vouchers of {name_a}'s token"
    ));

    out.say("");
    out.say("== Bea brings her vouchers home to the account she keeps in dac-1");
    exec(
        nodes.chain(Side::B),
        &bea_b,
        &relay_b,
        &Relay::ReturnVouchers {
            channel_id: channel_b.clone(),
            receiver: bea_a.clone(),
            shares: bea_vouchers,
            timeout_seconds: None,
        },
    )?;
    relay(nodes, out)?;
    out.say(format!(
        "token dac-1: Bea's dac-1 account holds {}",
        money.show(balance(nodes, Side::A, &token_a, &bea_a)?)
    ));

    out.say("");
    out.say("== Eve offers Bea two containers of repaired bicycles, paid in dac-1's token");
    let now = nodes.relayer.chain(Side::A).now();
    let offered = exec(
        nodes.chain(Side::A),
        eve,
        &relay_a,
        &Relay::OfferTrade(ibc_relay::msg::OfferTradeMsg {
            channel_id: channel_a.clone(),
            counterparty: bea_b.clone(),
            role: TradeRole::Seller,
            goods: "repaired bicycles".into(),
            containers: 2,
            price: Price::Tokens {
                amount: BICYCLES_PRICE,
                payer: bea_a.clone(),
            },
            delivery_window: DeliveryWindow {
                earliest: now.plus_seconds(5 * DAY),
                latest: now.plus_seconds(30 * DAY),
            },
            timeout_seconds: None,
        }),
    )?;
    let trade_id: u64 = attr(&offered, "trade_id")?.parse()?;
    relay(nodes, out)?;
    // The offer is known in dac-2 under dac-2's own trade id.
    let remote: Value = query(
        nodes.relayer.chain(Side::B),
        &relay_b,
        &json!({"trades_by_status": {"status": "offered", "limit": 1}}),
    )?;
    let remote_id = remote["trades"][0]["id"]
        .as_u64()
        .context("the offer did not arrive in dac-2")?;
    out.say(format!(
        "relay dac-2: trade {remote_id} from {} is {}",
        remote["trades"][0]["node"], remote["trades"][0]["status"]
    ));
    exec(
        nodes.chain(Side::B),
        &bea_b,
        &relay_b,
        &Relay::AnswerTrade {
            trade_id: remote_id,
            accept: true,
            reason: None,
            timeout_seconds: None,
        },
    )?;
    relay(nodes, out)?;
    out.say(format!(
        "relay dac-1: trade {trade_id} is {}",
        trade_status(nodes, Side::A, &relay_a, trade_id)?
    ));

    out.say("");
    out.say("== Bea pays into the escrow in dac-1; Cyd arbitrates; dac-1's relay will attest");
    let send_escrow =
        |amount: Uint128, msg: &escrow::msg::ReceiveMsg| -> Result<cw20::Cw20ExecuteMsg> {
            Ok(cw20::Cw20ExecuteMsg::Send {
                contract: escrow_a.clone(),
                amount,
                msg: to_json_binary(msg)?,
            })
        };
    let terms = escrow::msg::ProposeMsg {
        counterparty: eve.to_string(),
        arbitrator: cyd.clone(),
        kind: escrow::msg::DealKindMsg::TradeShipment {
            attestor: relay_a.clone(),
        },
        counterparty_stake: Uint128::zero(),
        arbitrator_collateral: super::ARBITRATOR_COLLATERAL,
        sign_by: now.plus_seconds(2 * DAY),
        due: now.plus_seconds(40 * DAY),
        grace_seconds: 5 * DAY,
        ruling_seconds: 10 * DAY,
        appeal_seconds: 10 * DAY,
        description: "two containers of repaired bicycles for dac-2".into(),
    };
    let chain_a = nodes.chain(Side::A);
    let proposed = exec(
        chain_a,
        &bea_a,
        &token_a,
        &send_escrow(BICYCLES_PRICE, &escrow::msg::ReceiveMsg::Propose(terms))?,
    )?;
    let deal_id: u64 = attr(&proposed, "deal_id")?.parse()?;
    exec(
        chain_a,
        eve,
        &escrow_a,
        &escrow::msg::ExecuteMsg::Sign { deal_id },
    )?;
    exec(
        chain_a,
        &cyd,
        &token_a,
        &send_escrow(
            super::ARBITRATOR_COLLATERAL,
            &escrow::msg::ReceiveMsg::PostCollateral { deal_id },
        )?,
    )?;
    exec(
        chain_a,
        &bea_a,
        &relay_a,
        &Relay::AttachEscrow { trade_id, deal_id },
    )?;
    let deal: Value = query(chain_a, &escrow_a, &json!({"deal": {"deal_id": deal_id}}))?;
    out.say(format!(
        "escrow dac-1: deal {deal_id} is {} and holds {} for trade {trade_id}",
        deal["status"],
        money.show_json(&deal["value_held"])?
    ));

    out.say("");
    out.say("== The drone tanker departs and reports from the way");
    let eta = nodes.relayer.chain(Side::A).now().plus_seconds(10 * DAY);
    for update in [
        ShipmentUpdate::Departed { eta },
        ShipmentUpdate::Position {
            note: "over the strait, 40 km out".into(),
        },
    ] {
        exec(
            nodes.chain(Side::A),
            eve,
            &relay_a,
            &Relay::ReportShipment {
                trade_id,
                update,
                timeout_seconds: None,
            },
        )?;
        relay(nodes, out)?;
    }
    let updates: Value = query(
        nodes.relayer.chain(Side::B),
        &relay_b,
        &json!({"shipment_updates": {"trade_id": remote_id}}),
    )?;
    for record in updates["updates"].as_array().context("shipment updates")? {
        out.say(format!("relay dac-2: shipment update {}", record["update"]));
    }

    out.say("");
    out.say("== Ten days later Bea signs the delivery receipt; the escrow pays Eve");
    dac_testing::advance_both(&mut nodes.relayer, 10 * DAY);
    let eve_before = balance(nodes, Side::A, &token_a, eve)?;
    exec(
        nodes.chain(Side::B),
        &bea_b,
        &relay_b,
        &Relay::ConfirmDelivery {
            trade_id: remote_id,
            timeout_seconds: None,
        },
    )?;
    relay(nodes, out)?;
    let eve_after = balance(nodes, Side::A, &token_a, eve)?;
    let eve_paid = eve_after.checked_sub(eve_before)?;
    let deal: Value = query(
        nodes.relayer.chain(Side::A),
        &escrow_a,
        &json!({"deal": {"deal_id": deal_id}}),
    )?;
    out.say(format!(
        "trade: {} in dac-1, {} in dac-2; escrow deal {deal_id} is {}; Eve received {}",
        trade_status(nodes, Side::A, &relay_a, trade_id)?,
        trade_status(nodes, Side::B, &relay_b, remote_id)?,
        deal["status"],
        money.show(eve_paid),
    ));

    out.say("");
    out.say("== Bea invites Eve to teach bicycle repair in dac-2 and sends her travel money");
    exec(
        nodes.chain(Side::B),
        &bea_b,
        &token_b,
        &cw20::Cw20ExecuteMsg::Send {
            contract: relay_b.clone(),
            amount: TRAVEL_MONEY,
            msg: to_json_binary(&RelayReceive::Transfer {
                channel_id: channel_b.clone(),
                receiver: eve.to_string(),
                timeout_seconds: None,
            })?,
        },
    )?;
    relay(nodes, out)?;
    let eve_vouchers = vouchers(nodes, Side::A, &relay_a, &name_b, eve)?;
    out.say(format!(
        "relay dac-1: Eve holds {eve_vouchers} vouchers of {name_b}'s token"
    ));

    out.say("");
    out.say("== dac-2's council opens a guest home by proposal; Eve books three nights there");
    let housing_b = db.addr(Contract::Housing).to_string();
    let register = wasm(
        &housing_b,
        &housing_registry::msg::ExecuteMsg::RegisterHome {
            rooms: 2,
            accessibility: vec![],
            zone: "harbour".into(),
            status: housing_registry::msg::HomeStatus::Guest,
        },
    )?;
    let founders_b = nodes.b.cfg.founders.clone();
    let chain_b = nodes.chain(Side::B);
    let proposal = pass_proposal(
        &mut OnApp(&mut chain_b.app),
        db.addr(Contract::Council),
        &founders_b,
        "Open the harbour guest house",
        vec![register],
    )?;
    let homes: Value = query(chain_b, &housing_b, &json!({"list_homes": {"limit": 30}}))?;
    let guest_home_id = homes["homes"]
        .as_array()
        .context("homes")?
        .iter()
        .find(|h| h["status"] == json!("guest"))
        .and_then(|h| h["home_id"].as_u64())
        .context("dac-2 has no guest home")?;
    out.say(format!(
        "council dac-2: proposal {proposal} executed; home {guest_home_id} takes guests"
    ));
    let start_day = nodes.relayer.chain(Side::B).now().seconds() / DAY + 7;
    exec(
        nodes.chain(Side::A),
        eve,
        &relay_a,
        &Relay::BookGuest(ibc_relay::msg::BookGuestMsg {
            channel_id: channel_a.clone(),
            home_id: guest_home_id,
            guest: eve.to_string(),
            start_day,
            end_day: start_day + GUEST_NIGHTS,
            shares: eve_vouchers,
            timeout_seconds: None,
        }),
    )?;
    relay(nodes, out)?;
    let bookings: Value = query(
        nodes.relayer.chain(Side::B),
        &housing_b,
        &json!({"list_bookings": {"home_id": guest_home_id}}),
    )?;
    let booking = &bookings["bookings"][0];
    let booking_id = booking["booking_id"]
        .as_u64()
        .context("no booking in dac-2")?;
    out.say(format!(
        "housing dac-2: booking {booking_id} of home {guest_home_id}, days {}..{}, paid {}",
        booking["start_day"],
        booking["end_day"],
        Amounts::of_token(nodes.relayer.chain(Side::B), &token_b)?.show_json(&booking["paid"])?
    ));
    out.say(format!(
        "relay dac-1: Eve's unused vouchers came back: she holds {}",
        vouchers(nodes, Side::A, &relay_a, &name_b, eve)?
    ));

    out.say("");
    out.say("== dac-1's council proposes a treaty; dac-2's council ratifies it");
    let founders_a = nodes.a.cfg.founders.clone();
    let propose = wasm(
        &relay_a,
        &Relay::ProposeTreaty(ibc_relay::msg::ProposeTreatyMsg {
            channel_id: channel_a.clone(),
            kind: TreatyKind::ResourceSharing,
            title: "Bicycles for seed".into(),
            terms: "Each node repairs or grows for the other at cost, ten years".into(),
            timeout_seconds: None,
        }),
    )?;
    let chain_a = nodes.chain(Side::A);
    let proposal = pass_proposal(
        &mut OnApp(&mut chain_a.app),
        da.addr(Contract::Council),
        &founders_a,
        "Propose the bicycles-for-seed treaty to dac-2",
        vec![propose],
    )?;
    out.say(format!("council dac-1: proposal {proposal} executed"));
    relay(nodes, out)?;
    let treaties: Value = query(
        nodes.relayer.chain(Side::B),
        &relay_b,
        &json!({"list_treaties": {}}),
    )?;
    let remote_treaty = treaties["treaties"][0]["id"]
        .as_u64()
        .context("the treaty did not arrive in dac-2")?;
    let ratify = wasm(
        &relay_b,
        &Relay::RatifyTreaty {
            treaty_id: remote_treaty,
            timeout_seconds: None,
        },
    )?;
    let chain_b = nodes.chain(Side::B);
    let proposal = pass_proposal(
        &mut OnApp(&mut chain_b.app),
        db.addr(Contract::Council),
        &founders_b,
        "Ratify the bicycles-for-seed treaty",
        vec![ratify],
    )?;
    out.say(format!("council dac-2: proposal {proposal} executed"));
    relay(nodes, out)?;
    let treaties: Value = query(
        nodes.relayer.chain(Side::A),
        &relay_a,
        &json!({"list_treaties": {}}),
    )?;
    let treaty_id = treaties["treaties"][0]["id"]
        .as_u64()
        .context("dac-1 lists no treaty")?;
    for (side, relay_addr, id) in [
        (Side::A, &relay_a, treaty_id),
        (Side::B, &relay_b, remote_treaty),
    ] {
        let res: Value = query(
            nodes.relayer.chain(side),
            relay_addr,
            &json!({"treaty": {"treaty_id": id}}),
        )?;
        out.say(format!(
            "relay {}: treaty {id} \"{}\" is {}",
            if side == Side::A { "dac-1" } else { "dac-2" },
            res["treaty"]["title"].as_str().unwrap_or_default(),
            res["treaty"]["status"]
        ));
    }

    Ok(Abroad {
        bea_b,
        bea_a,
        trade_id,
        trade_deal_id: deal_id,
        eve_paid,
        guest_home_id,
        booking_id,
        treaty_id,
    })
}
