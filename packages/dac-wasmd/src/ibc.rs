//! Two nodes on two real chains, their relays joined by a `dac-relay-1` channel that the Go
//! relayer carries: a trade paid through the seller's escrow, a treaty ratified by both councils,
//! a token transfer that times out while the relayer is stopped and is refunded, and a member
//! who moves to the other node with one message (issue 18). Every packet
//! crosses through `rly`; every check reads what the contracts answered on each chain.

use anyhow::{ensure, Context, Result};
use cosmwasm_std::{to_json_binary, Timestamp, Uint128};
use dac_deploy::{pass_proposal, recognize_node, Contract, Deployment, NodeConfig};
use ibc_relay::msg::{
    ChannelInfo, DeliveryWindow, ExecuteMsg as RelayMsg, ListChannelsResponse, ListPendingResponse,
    ListTradesResponse, ListTreatiesResponse, Price, ShipmentUpdate, Trade, TradeResponse,
    TradeRole, TradeStatus, Treaty, TreatyKind, TreatyStatus, VoucherResponse,
};
use serde_json::json;

use crate::{attr, exec, now_seconds, query, wait_for, wasm_msg, Wasmd};

const DAY: u64 = 86_400;
/// How long a packet may take through the relayer before the story gives up.
const RELAY_SECONDS: u64 = 120;
/// The transfer that is left to time out.
const SHORT_TIMEOUT_SECONDS: u64 = 20;

/// A node deployed on its chain (`scripts/deploy.sh`).
pub struct Node {
    pub chain: Wasmd,
    pub deployment: Deployment,
    pub cfg: NodeConfig,
}

impl Node {
    fn addr(&self, contract: Contract) -> String {
        self.deployment.addr(contract).to_string()
    }

    fn relay(&self) -> String {
        self.addr(Contract::Relay)
    }

    fn balance(&self, who: &str) -> Result<Uint128> {
        let answer: cw20::BalanceResponse = query(
            &self.chain,
            self.deployment.addr(Contract::Token),
            &json!({"balance": {"address": who}}),
        )?;
        Ok(answer.balance)
    }

    fn trade(&self, id: u64) -> Result<Trade> {
        let answer: TradeResponse = query(
            &self.chain,
            &self.relay(),
            &json!({"trade": {"trade_id": id}}),
        )?;
        Ok(answer.trade)
    }

    /// Waits until trade `id` here has `status` and no packet of it is in flight.
    fn wait_trade(&self, id: u64, status: TradeStatus) -> Result<Trade> {
        let what = format!("trade {id} on {} to be {status:?}", self.cfg.name);
        wait_for(&what, RELAY_SECONDS, || {
            let trade = self.trade(id)?;
            Ok((trade.status == status && !trade.awaiting_ack).then_some(trade))
        })
    }

    fn treaties(&self) -> Result<Vec<Treaty>> {
        let answer: ListTreatiesResponse =
            query(&self.chain, &self.relay(), &json!({"list_treaties": {}}))?;
        Ok(answer.treaties)
    }

    fn pending_packets(&self) -> Result<usize> {
        let answer: ListPendingResponse =
            query(&self.chain, &self.relay(), &json!({"pending_packets": {}}))?;
        Ok(answer.packets.len())
    }

    /// The largest demurrage `amount` can lose over `seconds`: one step per period begun, plus
    /// one unit of rounding per step.
    fn decay_allowance(&self, amount: Uint128, seconds: u64) -> Uint128 {
        let steps = seconds / self.cfg.period_seconds + 2;
        (amount.mul_ceil(self.cfg.demurrage_rate) + Uint128::one()) * Uint128::from(steps)
    }
}

/// The council of `node` recognizes `other`, whose relay is at the other end of `connection_id`.
pub fn recognize(
    node: &mut Node,
    other_name: &str,
    connection_id: &str,
    other_relay: &str,
) -> Result<u64> {
    recognize_node(
        &mut node.chain,
        &node.cfg,
        &node.deployment,
        other_name,
        connection_id,
        &format!("wasm.{other_relay}"),
    )
}

/// The open `dac-relay-1` channel of `node`'s relay, leading to node `to`.
fn channel_to(node: &Node, to: &str) -> Result<ChannelInfo> {
    let answer: ListChannelsResponse =
        query(&node.chain, &node.relay(), &json!({"list_channels": {}}))?;
    answer
        .channels
        .into_iter()
        .find(|c| c.open && c.node == to)
        .with_context(|| format!("no open channel from {} to {to}", node.cfg.name))
}

fn ts(seconds: u64) -> Timestamp {
    Timestamp::from_seconds(seconds)
}

/// Plays the story between nodes `a` and `b`; `relayer("stop" | "start")` stops and restarts
/// the Go relayer (`scripts/chain/relayer.sh`), which must be relaying when this starts.
pub fn run(a: &mut Node, b: &mut Node, relayer: &mut dyn FnMut(&str) -> Result<()>) -> Result<()> {
    let channel_a = channel_to(a, &b.cfg.name)?;
    let channel_b = channel_to(b, &a.cfg.name)?;
    ensure!(
        channel_b.counterparty_channel == channel_a.channel_id,
        "the channel ends do not match: {channel_a:?} / {channel_b:?}"
    );
    println!(
        "channel {}/{} <-> {}/{} (dac-relay-1, open on both relays)",
        a.cfg.name, channel_a.channel_id, b.cfg.name, channel_b.channel_id
    );
    let [alice, _, carol, dave] = [0, 1, 2, 3].map(|i| a.cfg.founders[i].clone());
    let bob_b = b.cfg.founders[1].clone();
    let (relay_a, relay_b) = (a.relay(), b.relay());

    println!(
        "== Trade: alice in {} sells two containers of grain to bob in {}",
        a.cfg.name, b.cfg.name
    );
    let price = Uint128::new(50_000);
    let now = now_seconds();
    let offered = exec(
        &mut a.chain,
        &alice,
        &relay_a,
        &RelayMsg::OfferTrade(ibc_relay::msg::OfferTradeMsg {
            channel_id: channel_a.channel_id.clone(),
            counterparty: bob_b.clone(),
            role: TradeRole::Seller,
            goods: "grain".into(),
            containers: 2,
            price: Price::Tokens {
                amount: price,
                payer: carol.clone(),
            },
            delivery_window: DeliveryWindow {
                earliest: ts(now),
                latest: ts(now + 30 * DAY),
            },
            timeout_seconds: None,
        }),
    )?;
    let trade_a: u64 = attr(&offered, "trade_id")?.parse()?;
    a.wait_trade(trade_a, TradeStatus::Offered)?;
    let trade_b = wait_for("the offer to arrive", RELAY_SECONDS, || {
        let offered: ListTradesResponse = query(
            &b.chain,
            &relay_b,
            &json!({"trades_by_status": {"status": "offered"}}),
        )?;
        Ok(offered
            .trades
            .into_iter()
            .find(|t| t.node == a.cfg.name && t.offer_id == trade_a)
            .map(|t| t.id))
    })?;
    println!(
        "offer {trade_a} on {} arrived on {} as trade {trade_b}",
        a.cfg.name, b.cfg.name
    );

    exec(
        &mut b.chain,
        &bob_b,
        &relay_b,
        &RelayMsg::AnswerTrade {
            trade_id: trade_b,
            accept: true,
            reason: None,
            timeout_seconds: None,
        },
    )?;
    a.wait_trade(trade_a, TradeStatus::Accepted)?;
    b.wait_trade(trade_b, TradeStatus::Accepted)?;
    println!("bob accepted; the trade is Accepted on both nodes");

    // carol pays for bob's node through an escrow deal on the seller's node, attested by its relay.
    let escrow = a.addr(Contract::Escrow);
    let token_a = a.addr(Contract::Token);
    let terms = escrow::msg::ProposeMsg {
        counterparty: alice.clone(),
        arbitrator: dave.clone(),
        kind: escrow::msg::DealKindMsg::TradeShipment {
            attestor: a.relay(),
        },
        counterparty_stake: Uint128::zero(),
        arbitrator_collateral: Uint128::new(5_000),
        sign_by: ts(now + 2 * DAY),
        due: ts(now + 40 * DAY),
        grace_seconds: 5 * DAY,
        ruling_seconds: 10 * DAY,
        appeal_seconds: 10 * DAY,
        description: format!("grain for {}", b.cfg.name),
    };
    let proposed = exec(
        &mut a.chain,
        &carol,
        &token_a,
        &cw20::Cw20ExecuteMsg::Send {
            contract: escrow.clone(),
            amount: price,
            msg: to_json_binary(&escrow::msg::ReceiveMsg::Propose(terms))?,
        },
    )?;
    let deal_id: u64 = attr(&proposed, "deal_id")?.parse()?;
    exec(
        &mut a.chain,
        &alice,
        &escrow,
        &escrow::msg::ExecuteMsg::Sign { deal_id },
    )?;
    exec(
        &mut a.chain,
        &dave,
        &token_a,
        &cw20::Cw20ExecuteMsg::Send {
            contract: escrow.clone(),
            amount: Uint128::new(5_000),
            msg: to_json_binary(&escrow::msg::ReceiveMsg::PostCollateral { deal_id })?,
        },
    )?;
    exec(
        &mut a.chain,
        &carol,
        &relay_a,
        &RelayMsg::AttachEscrow {
            trade_id: trade_a,
            deal_id,
        },
    )?;
    println!("escrow deal {deal_id}: carol's {price} held, alice signed, dave (arbitrator) posted collateral");

    for update in [
        ShipmentUpdate::Departed {
            eta: ts(now_seconds() + 10 * DAY),
        },
        ShipmentUpdate::Position {
            note: "over the strait".into(),
        },
    ] {
        exec(
            &mut a.chain,
            &alice,
            &relay_a,
            &RelayMsg::ReportShipment {
                trade_id: trade_a,
                update,
                timeout_seconds: None,
            },
        )?;
        a.wait_trade(trade_a, TradeStatus::Shipping)?;
    }
    let shipping = b.wait_trade(trade_b, TradeStatus::Shipping)?;
    ensure!(
        shipping.shipment_updates == 2,
        "bob's node saw {} shipment updates",
        shipping.shipment_updates
    );
    println!(
        "the drone tanker departed and reported its position: 2 updates on {}",
        b.cfg.name
    );

    let alice_before = a.balance(&alice)?;
    let started = now_seconds();
    exec(
        &mut b.chain,
        &bob_b,
        &relay_b,
        &RelayMsg::ConfirmDelivery {
            trade_id: trade_b,
            timeout_seconds: None,
        },
    )?;
    a.wait_trade(trade_a, TradeStatus::Paid)?;
    b.wait_trade(trade_b, TradeStatus::Paid)?;
    let paid = a
        .balance(&alice)?
        .checked_sub(alice_before)
        .unwrap_or_default();
    let allowance = a.decay_allowance(alice_before, now_seconds() - started);
    ensure!(
        paid <= price && paid + allowance >= price,
        "alice was paid {paid} for a price of {price} (decay allowance {allowance})"
    );
    let deal: escrow::msg::DealResponse =
        query(&a.chain, &escrow, &json!({"deal": {"deal_id": deal_id}}))?;
    ensure!(
        deal.status == escrow::msg::StatusKey::Closed,
        "escrow deal {deal_id} is {:?}",
        deal.status
    );
    println!(
        "bob confirmed delivery; the receipt made {}'s relay attest deal {deal_id} (Closed): \
         alice's balance rose by {paid}; the trade is Paid on both nodes",
        a.cfg.name
    );

    println!(
        "== Treaty: {}'s council proposes, {}'s council ratifies",
        a.cfg.name, b.cfg.name
    );
    let title = "Reforest the ridge";
    let propose = wasm_msg(
        &relay_a,
        &RelayMsg::ProposeTreaty(ibc_relay::msg::ProposeTreatyMsg {
            channel_id: channel_a.channel_id.clone(),
            kind: TreatyKind::JointInitiative,
            title: title.into(),
            terms: "Each node plants and tends half the ridge for ten years".into(),
            timeout_seconds: None,
        }),
    )?;
    let council_a = a.addr(Contract::Council);
    let proposal = pass_proposal(
        &mut a.chain,
        &council_a,
        &a.cfg.founders.clone(),
        "Propose the ridge treaty",
        vec![propose],
    )?;
    let treaty_a = wait_for(
        "the treaty's proposal to be acknowledged",
        RELAY_SECONDS,
        || {
            Ok(a.treaties()?.into_iter().find(|t| {
                t.title == title
                    && t.status == TreatyStatus::AwaitingRatification
                    && !t.awaiting_ack
            }))
        },
    )?;
    let treaty_b = b
        .treaties()?
        .into_iter()
        .find(|t| t.node == a.cfg.name && t.proposal_id == treaty_a.id)
        .context("the treaty did not arrive on the other node")?;
    ensure!(
        treaty_b.status == TreatyStatus::AwaitingRatification,
        "{treaty_b:?}"
    );
    println!(
        "council proposal {proposal} on {} sent treaty {}; {} holds it as treaty {}, awaiting ratification",
        a.cfg.name, treaty_a.id, b.cfg.name, treaty_b.id
    );
    let ratify = wasm_msg(
        &relay_b,
        &RelayMsg::RatifyTreaty {
            treaty_id: treaty_b.id,
            timeout_seconds: None,
        },
    )?;
    let council_b = b.addr(Contract::Council);
    let proposal = pass_proposal(
        &mut b.chain,
        &council_b,
        &b.cfg.founders.clone(),
        "Ratify the ridge treaty",
        vec![ratify],
    )?;
    for (node, id) in [(&*b, treaty_b.id), (&*a, treaty_a.id)] {
        wait_for("the treaty's ratification", RELAY_SECONDS, || {
            Ok(node
                .treaties()?
                .into_iter()
                .find(|t| t.id == id && t.status == TreatyStatus::Ratified && !t.awaiting_ack))
        })?;
    }
    println!(
        "council proposal {proposal} on {} ratified it: Ratified on both nodes",
        b.cfg.name
    );

    println!(
        "== A transfer the relayer does not carry in time ({SHORT_TIMEOUT_SECONDS} s timeout) is refunded"
    );
    relayer("stop")?;
    let amount = Uint128::new(40_000);
    let before = a.balance(&carol)?;
    let started = now_seconds();
    let hook = to_json_binary(&ibc_relay::msg::ReceiveMsg::Transfer {
        channel_id: channel_a.channel_id.clone(),
        receiver: bob_b.clone(),
        timeout_seconds: Some(SHORT_TIMEOUT_SECONDS),
    })?;
    exec(
        &mut a.chain,
        &carol,
        &token_a,
        &cw20::Cw20ExecuteMsg::Send {
            contract: relay_a.clone(),
            amount,
            msg: hook,
        },
    )?;
    let sent = a.balance(&carol)?;
    ensure!(a.pending_packets()? == 1, "the transfer is not pending");
    println!(
        "carol sent {amount} to bob in {}: her balance {before} -> {sent}, one packet pending",
        b.cfg.name
    );
    std::thread::sleep(std::time::Duration::from_secs(SHORT_TIMEOUT_SECONDS + 5));
    relayer("start")?;
    wait_for("the timeout to be relayed", RELAY_SECONDS, || {
        Ok((a.pending_packets()? == 0).then_some(()))
    })?;
    let refunded = a.balance(&carol)?;
    let allowance = a.decay_allowance(before, now_seconds() - started);
    ensure!(
        refunded <= before && refunded + allowance >= before,
        "carol has {refunded} after the refund, had {before} (decay allowance {allowance})"
    );
    let vouchers: VoucherResponse = query(
        &b.chain,
        &relay_b,
        &json!({"voucher": {"node": a.cfg.name, "holder": bob_b}}),
    )?;
    ensure!(vouchers.shares.is_zero(), "bob got vouchers: {vouchers:?}");
    println!(
        "the relayer proved the timeout: carol has {refunded} again, bob holds no vouchers, nothing pending"
    );
    move_between(a, b, &channel_a)
}

fn is_member(node: &Node, who: &str) -> Result<bool> {
    let answer: serde_json::Value = query(
        &node.chain,
        &node.addr(Contract::Council),
        &json!({"member": {"addr": who}}),
    )?;
    Ok(!answer["weight"].is_null())
}

/// eve joins `a`, is paid, and moves to `b` with one message; `b`'s gatekeeper sees her
/// departure record and admits her.
fn move_between(a: &mut Node, b: &mut Node, channel_a: &ChannelInfo) -> Result<()> {
    println!(
        "== eve joins {}, then moves to {} with one message",
        a.cfg.name, b.cfg.name
    );
    let (eve_a, eve_b) = (a.chain.address("eve")?, b.chain.address("eve")?);
    let [alice_a, _, carol_a, _] = [0, 1, 2, 3].map(|i| a.cfg.founders[i].clone());
    let alice_b = b.cfg.founders[0].clone();
    let (council_a, council_b) = (a.addr(Contract::Council), b.addr(Contract::Council));
    let (token_a, relay_a) = (a.addr(Contract::Token), a.relay());
    let apply = council::msg::ExecuteMsg::Apply {
        statement: "I live here".into(),
        councils: vec![],
    };
    exec(&mut a.chain, &eve_a, &council_a, &apply)?;
    exec(
        &mut a.chain,
        &alice_a,
        &council_a,
        &council::msg::ExecuteMsg::Admit {
            applicant: eve_a.clone(),
        },
    )?;
    exec(
        &mut a.chain,
        &carol_a,
        &token_a,
        &cw20::Cw20ExecuteMsg::Transfer {
            recipient: eve_a.clone(),
            amount: Uint128::new(100_000),
        },
    )?;
    let hook = to_json_binary(&ibc_relay::msg::ReceiveMsg::Move {
        channel_id: channel_a.channel_id.clone(),
        receiver: eve_b.clone(),
        household_stays: false,
        timeout_seconds: None,
    })?;
    // The relay refuses a move while the token owes her income (it would be paid at her old
    // address as her membership ends): she claims it first. The CLI sends one message a
    // transaction, so the claim goes just before; should a demurrage period end between the
    // two, the relay's refusal names the new income and she claims once more.
    let mut balance = Uint128::zero();
    for attempt in 0..2 {
        let owed: demurrage_token::msg::ClaimableResponse = query(
            &a.chain,
            &token_a,
            &json!({"claimable": {"address": eve_a}}),
        )?;
        if !owed.amount.is_zero() {
            exec(
                &mut a.chain,
                &eve_a,
                &token_a,
                &demurrage_token::msg::ExecuteMsg::ClaimIncome {},
            )?;
            println!(
                "eve claims her {} of basic income before she moves",
                owed.amount
            );
        }
        balance = a.balance(&eve_a)?;
        let moved = exec(
            &mut a.chain,
            &eve_a,
            &token_a,
            &demurrage_token::msg::ExecuteMsg::SendAll {
                contract: relay_a.clone(),
                msg: hook.clone(),
            },
        );
        match moved {
            Err(e) if attempt == 0 && format!("{e:#}").contains("claim your") => continue,
            moved => {
                moved?;
                break;
            }
        }
    }
    ensure!(
        !is_member(a, &eve_a)?,
        "eve is still a member of {}",
        a.cfg.name
    );
    ensure!(
        a.balance(&eve_a)?.is_zero(),
        "eve kept tokens on {}",
        a.cfg.name
    );
    println!(
        "eve sent her {balance}: no longer a member of {}, nothing left there",
        a.cfg.name
    );
    let arrival = wait_for("eve's departure record to arrive", RELAY_SECONDS, || {
        let answer: council::msg::ArrivalsResponse = query(
            &b.chain,
            &council_b,
            &json!({"arrivals": {"applicant": eve_b}}),
        )?;
        Ok(answer.arrivals.into_iter().next())
    })?;
    ensure!(
        arrival.node == a.cfg.name && arrival.record.member == eve_a,
        "unexpected record {arrival:?}"
    );
    wait_for("the departure's acknowledgement", RELAY_SECONDS, || {
        Ok((a.pending_packets()? == 0).then_some(()))
    })?;
    let vouchers: VoucherResponse = query(
        &b.chain,
        &b.relay(),
        &json!({"voucher": {"node": a.cfg.name, "holder": eve_b}}),
    )?;
    ensure!(
        !vouchers.shares.is_zero(),
        "eve got no vouchers on {}",
        b.cfg.name
    );
    exec(&mut b.chain, &eve_b, &council_b, &apply)?;
    let listed: council::msg::ListApplicationsResponse =
        query(&b.chain, &council_b, &json!({"list_applications": {}}))?;
    ensure!(
        listed
            .applications
            .iter()
            .any(|app| app.applicant.as_str() == eve_b && app.arrivals == [arrival.clone()]),
        "the gatekeeper does not see eve's record beside her application: {listed:?}"
    );
    exec(
        &mut b.chain,
        &alice_b,
        &council_b,
        &council::msg::ExecuteMsg::Admit {
            applicant: eve_b.clone(),
        },
    )?;
    ensure!(
        is_member(b, &eve_b)?,
        "eve was not admitted on {}",
        b.cfg.name
    );
    println!(
        "{} keeps her record (from {}, sanction level {}) and holds {} vouchers; its gatekeeper admitted her",
        b.cfg.name, arrival.node, arrival.record.sanction_level, vouchers.shares
    );
    Ok(())
}
