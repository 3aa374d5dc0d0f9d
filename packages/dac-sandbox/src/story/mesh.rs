//! `story --nodes N` (3 to 8): N nodes, each on its own chain, deployed through the one recipe
//! and joined by the mesh harness ([`Mesh`]) only where both councils recognized each other. A
//! transfer, a trade, a treaty and a move between linked nodes; a node two others recognize
//! doing business with both; a node that recognizes nobody, to which no channel opens and whose
//! own relay refuses its packets; and every node's books at the end.

use anyhow::{bail, Context, Result};
use cosmwasm_std::{from_json, Addr, IbcOrder, Uint128};
use dac_deploy::Contract;
use dac_testing::dac_ibc_harness::Delivery;
use dac_testing::{connection_ids, query, Mesh, DAY, PREFIXES};
use ibc_relay::msg::{
    DeliveryWindow, ExecuteMsg as RelayMsg, HoldingsResponse, ListTradesResponse,
    ListTreatiesResponse, ListVouchersResponse, OfferTradeMsg, Price, ProposeTreatyMsg,
    QueryMsg as RelayQuery, ReceiveMsg as RelayReceive, TradeResponse, TradeRole, TradeStatus,
    TreatyKind, TreatyResponse, VoucherResponse,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use super::{attr, grouped, Amounts};
use crate::Narrator;

/// Fewest nodes of a mesh story: two linked nodes and one that recognizes nobody.
pub const MIN_NODES: usize = 3;
/// Most nodes: one chain per address prefix the harness knows.
pub const MAX_NODES: usize = PREFIXES.len();

/// Ada of dac-1 pays Bea of dac-2 for seed potatoes (25 CMC).
pub const SEED_PAYMENT: u128 = 25_000_000;
/// Erin's savings on dac-2, all of which move with her (200 CMC).
pub const SAVINGS: u128 = 200_000_000;
/// What dac-1 and dac-2 each pay Cyd of dac-3 for pottery (30 and 20 CMC).
pub const POTTERY: [u128; 2] = [30_000_000, 20_000_000];
/// What each node beyond the first three pays dac-1 (10 CMC), and what the isolated node tries
/// to send.
pub const GREETING: u128 = 10_000_000;
/// Days Erin is a member of dac-2 before she moves.
pub const MEMBER_DAYS: u64 = 12;

/// Who recognizes whom. dac-1 and dac-2 recognize each other; from four nodes on, dac-3 is
/// recognized by both (a triangle); every further node but the last recognizes dac-1 and is
/// recognized back; the last node recognizes nobody, and only the node before it recognizes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub nodes: usize,
    /// `(by, whom)`: node `by`'s council recognizes node `whom`.
    pub recognitions: Vec<(usize, usize)>,
}

impl Plan {
    pub fn new(nodes: usize) -> Result<Self> {
        if !(MIN_NODES..=MAX_NODES).contains(&nodes) {
            bail!(
                "a mesh story has {MIN_NODES} to {MAX_NODES} nodes, not {nodes}: pass --nodes \
                 {MIN_NODES} to {MAX_NODES}, or leave --nodes out for the two-node story"
            );
        }
        let both = |a: usize, b: usize| [(a, b), (b, a)];
        let mut recognitions = both(0, 1).to_vec();
        if nodes >= 4 {
            recognitions.extend(both(0, 2));
            recognitions.extend(both(1, 2));
        }
        for outer in 3..nodes - 1 {
            recognitions.extend(both(outer, 0));
        }
        recognitions.push((nodes - 2, nodes - 1));
        Ok(Plan {
            nodes,
            recognitions,
        })
    }

    /// The node that recognizes nobody.
    pub fn isolated(&self) -> usize {
        self.nodes - 1
    }

    /// The one node that recognizes the isolated node (in vain: it is not recognized back).
    pub fn admirer(&self) -> usize {
        self.nodes - 2
    }

    /// The node two others recognize (dac-3, by dac-1 and dac-2), from four nodes on.
    pub fn shared(&self) -> Option<usize> {
        (self.nodes >= 4).then_some(2)
    }

    /// The linked nodes beyond the first three, each joined to dac-1 alone.
    pub fn outer(&self) -> std::ops::Range<usize> {
        3..(self.nodes - 1).max(3)
    }

    /// The nodes `by`'s council recognizes.
    pub fn recognized_by(&self, by: usize) -> Vec<usize> {
        self.recognitions
            .iter()
            .filter(|(b, _)| *b == by)
            .map(|(_, whom)| *whom)
            .collect()
    }
}

/// What the story leaves behind, for tests to check against the chains.
pub struct MeshOutcome {
    pub mesh: Mesh,
    pub plan: Plan,
    /// The trade's id on dac-1 (offered) and on dac-2 (answered).
    pub trade_ids: [u64; 2],
    /// The treaty's id on dac-2 (proposed) and on dac-1 (ratified).
    pub treaty_ids: [u64; 2],
    pub moved: Moved,
    /// Why each channel handshake with the isolated node failed, and its refused transfer.
    pub handshake_refusals: Vec<String>,
    pub transfer_refusal: String,
    /// Why the shared node could not spend dac-2's vouchers as dac-1's (from four nodes on).
    pub shared_refusal: Option<String>,
    pub books: Vec<Books>,
}

/// Erin's move from dac-2 to dac-1.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Moved {
    /// Her address on dac-2 (left) and on dac-1 (admitted).
    pub addresses: [String; 2],
    /// The vouchers of dac-2's token she brought to dac-1.
    pub vouchers: u128,
    /// Her balance just before the move, and the income she claimed in the move's transaction,
    /// which went with it.
    pub savings: u128,
    pub income_claimed: u128,
}

/// One node's books at the end: its relay against the vouchers of its token other relays issued.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Books {
    pub node: usize,
    /// The relay's token balance, and units of packets not yet acknowledged.
    pub relay_balance: u128,
    pub in_flight_units: u128,
    pub backing: Vec<Backing>,
    /// The token's `stored_balances + pool == total_supply`.
    pub token_balances: bool,
}

/// Vouchers of one node's token at another node, and the units its relay holds for them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backing {
    pub at: usize,
    pub units_held: u128,
    pub vouchers_issued: u128,
    pub value: u128,
}

impl Books {
    /// Moving value created or lost none of the node's tokens.
    pub fn conserved(&self) -> bool {
        let value: u128 = self.backing.iter().map(|b| b.value).sum();
        self.in_flight_units == 0
            && self
                .backing
                .iter()
                .all(|b| b.units_held == b.vouchers_issued)
            && value <= self.relay_balance
            && self.token_balances
    }
}

/// Plays the story on `nodes` nodes (3 to 8).
pub fn run(out: &mut Narrator, nodes: usize) -> Result<MeshOutcome> {
    let plan = Plan::new(nodes)?;
    out.say(format!(
        "== {nodes} nodes are founded, each on its own chain, through the one deployment recipe"
    ));
    let mesh = Mesh::new(nodes, &plan.recognitions)?;
    let mut money = vec![];
    for (i, node) in mesh.nodes.iter().enumerate() {
        let at = mesh.at(i);
        money.push(Amounts::of_token(at.chain, &at.contract(Contract::Token))?.of_node(&at.name()));
        out.say(format!(
            "node {}: relay {}",
            node.cfg.name,
            node.deployment.addr(Contract::Relay)
        ));
    }
    let mut stage = Stage { mesh, money, out };
    stage.recognitions(&plan);
    stage.transfer()?;
    let trade_ids = stage.trade()?;
    let treaty_ids = stage.treaty()?;
    let moved = stage.move_member()?;
    let shared_refusal = match plan.shared() {
        Some(shared) => Some(stage.shared(shared)?),
        None => {
            stage.say("");
            stage.say(format!(
                "== With {nodes} nodes no node is recognized by two others: run --nodes 4 or more"
            ));
            None
        }
    };
    stage.outer(&plan)?;
    let (handshake_refusals, transfer_refusal) = stage.isolated(&plan)?;
    let books = stage.books()?;
    Ok(MeshOutcome {
        mesh: stage.mesh,
        plan,
        trade_ids,
        treaty_ids,
        moved,
        handshake_refusals,
        transfer_refusal,
        shared_refusal,
        books,
    })
}

/// The mesh as the story plays it, each node's token read in its own units.
struct Stage<'o> {
    mesh: Mesh,
    money: Vec<Amounts>,
    out: &'o mut Narrator,
}

/// A status as its JSON names it (`accepted`).
fn word<T: Serialize>(status: &T) -> String {
    match serde_json::to_value(status) {
        Ok(Value::String(word)) => word,
        other => format!("{other:?}"),
    }
}

/// The error a contract answered, without the harness's wrapping.
fn refusal(err: &anyhow::Error) -> String {
    err.root_cause().to_string()
}

impl Stage<'_> {
    fn say(&mut self, line: impl Into<String>) {
        self.out.say(line);
    }

    fn name(&self, node: usize) -> String {
        self.mesh.nodes[node].cfg.name.clone()
    }

    fn show(&self, node: usize, units: u128) -> String {
        self.money[node].show(units)
    }

    fn addr(&self, node: usize, who: &str) -> String {
        self.mesh.at(node).addr(who)
    }

    fn ask<T: Serialize, R: DeserializeOwned>(
        &self,
        node: usize,
        contract: Contract,
        msg: &T,
    ) -> Result<R> {
        let at = self.mesh.at(node);
        query(at.chain, &at.contract(contract), msg)
    }

    fn balance(&self, node: usize, who: &str) -> Result<u128> {
        let r: cw20::BalanceResponse = self.ask(
            node,
            Contract::Token,
            &cw20::Cw20QueryMsg::Balance {
                address: self.addr(node, who),
            },
        )?;
        Ok(r.balance.u128())
    }

    /// Vouchers of node `origin`'s token that the named `holder` holds on node `at`.
    fn vouchers(&self, origin: usize, at: usize, holder: &str) -> Result<u128> {
        let r: VoucherResponse = self.ask(
            at,
            Contract::Relay,
            &RelayQuery::Voucher {
                node: self.name(origin),
                holder: self.addr(at, holder),
            },
        )?;
        Ok(r.shares.u128())
    }

    fn holdings(&self, node: usize) -> Result<HoldingsResponse> {
        self.ask(
            node,
            Contract::Relay,
            &RelayQuery::Holdings {
                start_after: None,
                limit: Some(30),
            },
        )
    }

    /// What `shares` vouchers of `origin`'s token held at `at` are worth at home, as its relay
    /// values the units it holds for `at`.
    fn worth(&self, origin: usize, at: usize, shares: u128) -> Result<String> {
        let name = self.name(at);
        let holdings = self.holdings(origin)?;
        let value = holdings
            .nodes
            .iter()
            .find(|h| h.node == name && !h.units.is_zero())
            .map_or(Uint128::zero(), |h| {
                Uint128::new(shares).multiply_ratio(h.value, h.units)
            });
        Ok(self.show(origin, value.u128()))
    }

    /// The channel id on `at` to `to`; an error if they share none.
    fn channel(&self, at: usize, to: usize) -> Result<String> {
        self.mesh.channel(at, to)
    }

    /// The node at the other end of channel `channel_id` of node `from`.
    fn destination(&self, from: usize, channel_id: &str) -> Option<usize> {
        self.mesh.links.iter().find_map(|l| match l.nodes {
            [a, b] if a == from && l.channel.a.channel_id == channel_id => Some(b),
            [a, b] if b == from && l.channel.b.channel_id == channel_id => Some(a),
            _ => None,
        })
    }

    /// Relays every packet in flight; anything but a success acknowledgement ends the story.
    fn relay(&mut self) -> Result<()> {
        for outcome in self.mesh.relayer.relay_all()? {
            let envelope: Value = from_json(&outcome.packet.data)?;
            let kind = envelope["body"]
                .as_object()
                .and_then(|body| body.keys().next().cloned())
                .unwrap_or_default();
            let to = self
                .destination(outcome.from, &outcome.packet.src.channel_id)
                .context("a packet left on a channel the mesh did not open")?;
            let route = format!("{} → {}", self.name(outcome.from), self.name(to));
            if outcome.is_error_ack() || !matches!(outcome.delivery, Delivery::Acknowledged(_)) {
                bail!("packet {kind} {route} failed: {:?}", outcome.delivery);
            }
            self.say(format!("relayer: {kind} {route}, acknowledged"));
        }
        Ok(())
    }

    /// The named `from` of node `at` pays `amount` to the named `to` of node `dest`.
    fn pay_abroad(
        &mut self,
        at: usize,
        from: &str,
        dest: usize,
        to: &str,
        amount: u128,
    ) -> Result<()> {
        let channel_id = self.channel(at, dest)?;
        let receiver = self.addr(dest, to);
        self.mesh
            .at_mut(at)
            .send_over(channel_id, from, receiver, amount)?;
        self.relay()
    }

    fn recognitions(&mut self, plan: &Plan) {
        self.say("");
        self.say("== Who recognized whom (each council by a passed proposal)");
        for by in 0..plan.nodes {
            let whom = plan.recognized_by(by);
            let names: Vec<String> = whom.iter().map(|&n| self.name(n)).collect();
            let line = if names.is_empty() {
                format!("{} recognizes nobody", self.name(by))
            } else {
                format!("{} recognizes {}", self.name(by), names.join(", "))
            };
            self.say(line);
        }
        self.say("");
        self.say("== Channels open only where both councils recognized each other");
        let links: Vec<String> = self
            .mesh
            .links
            .iter()
            .map(|l| {
                format!(
                    "{} {} <-> {} {}",
                    self.name(l.nodes[0]),
                    l.channel.a.channel_id,
                    self.name(l.nodes[1]),
                    l.channel.b.channel_id
                )
            })
            .collect();
        for line in links {
            self.say(line);
        }
        for &(by, whom) in &plan.recognitions {
            if !plan.recognitions.contains(&(whom, by)) {
                let line = format!(
                    "no channel between {} and {}: {} recognizes {}, but {} does not recognize {}",
                    self.name(by),
                    self.name(whom),
                    self.name(by),
                    self.name(whom),
                    self.name(whom),
                    self.name(by)
                );
                self.say(line);
            }
        }
        let pairs = plan.nodes * (plan.nodes - 1) / 2;
        let channels = self.mesh.links.len();
        let channels = match channels {
            1 => "1 channel".to_string(),
            n => format!("{n} channels"),
        };
        self.say(format!(
            "{channels} among {} nodes ({pairs} pairs): not every pair is linked",
            plan.nodes
        ));
    }

    /// Ada of dac-1 pays Bea of dac-2: dac-1's token crosses as vouchers.
    fn transfer(&mut self) -> Result<()> {
        self.say("");
        self.say(format!(
            "== A transfer: Ada of dac-1 pays Bea of dac-2 {} for seed potatoes",
            self.show(0, SEED_PAYMENT)
        ));
        self.pay_abroad(0, "ada", 1, "bea", SEED_PAYMENT)?;
        let shares = self.vouchers(0, 1, "bea")?;
        let line = format!(
            "relay dac-2: Bea holds {} vouchers of dac-1's token, worth {} at home",
            grouped(shares),
            self.worth(0, 1, shares)?
        );
        self.say(line);
        let line = format!(
            "token dac-1: Ada has {} left; dac-1's relay holds {} backing them",
            self.show(0, self.balance(0, "ada")?),
            self.show(0, self.holdings(0)?.balance.u128())
        );
        self.say(line);
        Ok(())
    }

    /// Cyd of dac-1 offers Dov of dac-2 grain for apples (barter); Dov accepts. The trade's ids
    /// on dac-1 and on dac-2.
    fn trade(&mut self) -> Result<[u64; 2]> {
        self.say("");
        self.say(
            "== A trade: Cyd of dac-1 offers Dov of dac-2 two containers of grain for three of \
             apples; Dov accepts",
        );
        let now = self.mesh.at(0).now();
        let offer = RelayMsg::OfferTrade(OfferTradeMsg {
            channel_id: self.channel(0, 1)?,
            counterparty: self.addr(1, "dov"),
            role: TradeRole::Seller,
            goods: "grain".into(),
            containers: 2,
            price: Price::Goods {
                goods: "apples".into(),
                containers: 3,
            },
            delivery_window: DeliveryWindow {
                earliest: now.plus_seconds(5 * DAY),
                latest: now.plus_seconds(30 * DAY),
            },
            timeout_seconds: None,
        });
        let offered = self.mesh.at_mut(0).exec("cyd", Contract::Relay, &offer)?;
        let offer_id: u64 = attr(&offered, "trade_id")?.parse()?;
        self.relay()?;
        let waiting: ListTradesResponse = self.ask(
            1,
            Contract::Relay,
            &RelayQuery::TradesByStatus {
                status: TradeStatus::Offered,
                start_after: None,
                limit: Some(30),
            },
        )?;
        let dac1 = self.name(0);
        let remote_id = waiting
            .trades
            .iter()
            .find(|t| t.node == dac1 && t.offer_id == offer_id)
            .map(|t| t.id)
            .context("dac-1's offer did not arrive in dac-2")?;
        let answer = RelayMsg::AnswerTrade {
            trade_id: remote_id,
            accept: true,
            reason: None,
            timeout_seconds: None,
        };
        self.mesh.at_mut(1).exec("dov", Contract::Relay, &answer)?;
        self.relay()?;
        for (node, id) in [(0, offer_id), (1, remote_id)] {
            let r: TradeResponse =
                self.ask(node, Contract::Relay, &RelayQuery::Trade { trade_id: id })?;
            let line = format!(
                "relay {}: trade {id}, {} containers of {} with {}, is {}",
                self.name(node),
                r.trade.containers,
                r.trade.goods,
                r.trade.node,
                word(&r.trade.status)
            );
            self.say(line);
        }
        Ok([offer_id, remote_id])
    }

    /// dac-2's council proposes a treaty to dac-1's, which ratifies it. Its ids on dac-2 and
    /// on dac-1.
    fn treaty(&mut self) -> Result<[u64; 2]> {
        self.say("");
        self.say("== A treaty: dac-2's council proposes one to dac-1's, which ratifies it");
        let propose = RelayMsg::ProposeTreaty(ProposeTreatyMsg {
            channel_id: self.channel(1, 0)?,
            kind: TreatyKind::JointInitiative,
            title: "Share the valley's orchards".into(),
            terms: "Each node tends half the orchards and shares the harvest".into(),
            timeout_seconds: None,
        });
        let proposal =
            self.mesh
                .at_mut(1)
                .govern("Propose the orchard treaty", Contract::Relay, &propose)?;
        self.say(format!("council dac-2: proposal {proposal} executed"));
        self.relay()?;
        let treaties = |stage: &Self, node: usize| -> Result<ListTreatiesResponse> {
            stage.ask(
                node,
                Contract::Relay,
                &RelayQuery::ListTreaties {
                    start_after: None,
                    limit: Some(30),
                },
            )
        };
        let dac2 = self.name(1);
        let received = treaties(&*self, 0)?
            .treaties
            .into_iter()
            .find(|t| t.node == dac2 && !t.proposed_here)
            .context("dac-2's treaty did not arrive in dac-1")?;
        let ratify = RelayMsg::RatifyTreaty {
            treaty_id: received.id,
            timeout_seconds: None,
        };
        let proposal =
            self.mesh
                .at_mut(0)
                .govern("Ratify the orchard treaty", Contract::Relay, &ratify)?;
        self.say(format!("council dac-1: proposal {proposal} executed"));
        self.relay()?;
        let proposed_id = received.proposal_id;
        for (node, id) in [(1, proposed_id), (0, received.id)] {
            let r: TreatyResponse =
                self.ask(node, Contract::Relay, &RelayQuery::Treaty { treaty_id: id })?;
            let line = format!(
                "relay {}: treaty {id} \"{}\" with {} is {}",
                self.name(node),
                r.treaty.title,
                r.treaty.node,
                word(&r.treaty.status)
            );
            self.say(line);
        }
        Ok([proposed_id, received.id])
    }

    /// Erin, a member of dac-2, moves to dac-1 with everything she has. Her addresses on dac-2
    /// and dac-1, and the vouchers she arrives with.
    fn move_member(&mut self) -> Result<Moved> {
        let (from, to) = (1, 0);
        self.say("");
        self.say("== A move: Erin joins dac-2, lives there, then moves to dac-1");
        let council_id = self.mesh.nodes[from].deployment.executive_council_id;
        let erin = self.addr(from, "erin");
        let mut old = self.mesh.at_mut(from);
        old.exec(
            "erin",
            Contract::Council,
            &council::msg::ExecuteMsg::Apply {
                statement: "I keep bees".into(),
                councils: vec![council_id],
            },
        )?;
        old.exec(
            "bea",
            Contract::Council,
            &council::msg::ExecuteMsg::Admit {
                applicant: erin.clone(),
            },
        )?;
        old.transfer("ada", erin.clone(), SAVINGS)?;
        self.mesh.advance_all(MEMBER_DAYS * DAY);
        let savings = self.balance(from, "erin")?;
        self.say(format!(
            "council dac-2: a gatekeeper admits Erin; {MEMBER_DAYS} days later she has {}",
            self.show(from, savings)
        ));
        let (channel, receiver) = (self.channel(from, to)?, self.addr(to, "erin"));
        // Her wallet claims the income she earned and had not claimed, then sends everything:
        // the relay refuses a move that would leave income to be paid at her old address.
        let moved = self
            .mesh
            .at_mut(from)
            .move_over(channel, "erin", receiver, false)?;
        let income: u128 = attr(&moved, "income").map_or(Ok(0), str::parse)?;
        let line = format!(
            "Erin sends one transaction: she claims her {} of basic income, then sends her whole \
             balance to dac-2's relay with `move` to dac-1",
            self.show(from, income)
        );
        self.say(line);
        self.relay()?;

        let member: cw4::MemberResponse = self.ask(
            from,
            Contract::Council,
            &council::msg::QueryMsg::Member {
                addr: erin.clone(),
                at_height: None,
            },
        )?;
        let claimable: demurrage_token::msg::ClaimableResponse = self.ask(
            from,
            Contract::Token,
            &demurrage_token::msg::QueryMsg::Claimable {
                address: erin.clone(),
            },
        )?;
        let line = format!(
            "dac-2: Erin is a member: {}; draws basic income: {}; her old address holds {}",
            member.weight.is_some(),
            claimable.is_member,
            self.show(from, self.balance(from, "erin")?)
        );
        self.say(line);
        let vouchers = self.vouchers(from, to, "erin")?;
        let line = format!(
            "relay dac-1: Erin holds {} vouchers of dac-2's token, worth {} at home",
            grouped(vouchers),
            self.worth(from, to, vouchers)?
        );
        self.say(line);

        let erin_here = self.addr(to, "erin");
        let mut new = self.mesh.at_mut(to);
        new.exec(
            "erin",
            Contract::Council,
            &council::msg::ExecuteMsg::Apply {
                statement: "Moving from dac-2 with my bees".into(),
                councils: vec![],
            },
        )?;
        let application: council::msg::ApplicationResponse = self.ask(
            to,
            Contract::Council,
            &council::msg::QueryMsg::Application {
                applicant: erin_here.clone(),
            },
        )?;
        let arrival = application
            .arrivals
            .first()
            .context("Erin's application on dac-1 carries no departure record")?;
        let record = &arrival.record;
        let days = record
            .member_since
            .map(|since| record.left_at.seconds().saturating_sub(since.seconds()) / DAY);
        let standing = match (record.sanction_level, record.exclusion_due) {
            (0, None) => "in good standing".to_string(),
            (level, None) => format!("under sanction level {level}"),
            (level, Some(_)) => format!("under sanction level {level}, exclusion pending"),
        };
        let tenure = days.map_or("from before the council kept dates".to_string(), |d| {
            format!("for {d} days")
        });
        self.say(format!(
            "council dac-1: her application carries the departure record {} sent: a member \
             {tenure}, left {standing}",
            arrival.node
        ));
        let mut new = self.mesh.at_mut(to);
        new.exec(
            "ada",
            Contract::Council,
            &council::msg::ExecuteMsg::Admit {
                applicant: erin_here.clone(),
            },
        )?;
        new.exec(
            "erin",
            Contract::Housing,
            &housing_registry::msg::ExecuteMsg::Apply {
                household_size: 1,
                needs: vec![],
                evidence_commitment: None,
            },
        )?;
        let member: cw4::MemberResponse = self.ask(
            to,
            Contract::Council,
            &council::msg::QueryMsg::Member {
                addr: erin_here.clone(),
                at_height: None,
            },
        )?;
        let waiting: housing_registry::msg::ApplicationResponse = self.ask(
            to,
            Contract::Housing,
            &housing_registry::msg::QueryMsg::Application {
                applicant: erin_here.clone(),
            },
        )?;
        self.say(format!(
            "dac-1: a gatekeeper admits her (member weight {}); she applies for a home as anyone \
             does (household of {})",
            member.weight.unwrap_or(0),
            waiting.household_size
        ));
        Ok(Moved {
            addresses: [erin, erin_here],
            vouchers,
            savings,
            income_claimed: income,
        })
    }

    /// Node `shared`, recognized by dac-1 and dac-2, sells to both; its vouchers of each stay
    /// apart. The relay's refusal to spend one node's vouchers as the other's.
    fn shared(&mut self, shared: usize) -> Result<String> {
        let name = self.name(shared);
        self.say("");
        self.say(format!(
            "== {name} is recognized by dac-1 and dac-2: Cyd of {name} sells pottery to both"
        ));
        for (buyer, price) in [(0, POTTERY[0]), (1, POTTERY[1])] {
            self.say(format!(
                "Dov of {} pays Cyd of {name} {}",
                self.name(buyer),
                self.show(buyer, price)
            ));
            self.pay_abroad(buyer, "dov", shared, "cyd", price)?;
        }
        let held = [
            self.vouchers(0, shared, "cyd")?,
            self.vouchers(1, shared, "cyd")?,
        ];
        let line = format!(
            "relay {name}: Cyd holds vouchers of dac-1 worth {} and of dac-2 worth {}, each \
             node's on its own ledger",
            self.worth(0, shared, held[0])?,
            self.worth(1, shared, held[1])?
        );
        self.say(line);

        self.say(
            "Cyd buys seed from Bea of dac-1 with all her dac-1 vouchers: they go home as dac-1's \
             token",
        );
        let bea_before = self.balance(0, "bea")?;
        let back = |shares: u128, stage: &Self| -> Result<RelayMsg> {
            Ok(RelayMsg::ReturnVouchers {
                channel_id: stage.channel(shared, 0)?,
                receiver: stage.addr(0, "bea"),
                shares: Uint128::new(shares),
                timeout_seconds: None,
            })
        };
        let msg = back(held[0], &*self)?;
        self.mesh
            .at_mut(shared)
            .exec("cyd", Contract::Relay, &msg)?;
        self.relay()?;
        let paid = self
            .balance(0, "bea")?
            .checked_sub(bea_before)
            .context("Bea's balance fell when she was paid")?;
        self.say(format!("token dac-1: Bea received {}", self.show(0, paid)));
        let msg = back(1, &*self)?;
        let refused = match self.mesh.at_mut(shared).exec("cyd", Contract::Relay, &msg) {
            Ok(_) => bail!("{name}'s relay let dac-2's vouchers pay as dac-1's"),
            Err(err) => refusal(&err),
        };
        let left = self.vouchers(1, shared, "cyd")?;
        let line = format!(
            "she cannot pay one more voucher of dac-1 with dac-2's: relay {name} refuses: \
             \"{refused}\"; her dac-2 vouchers are untouched, worth {}",
            self.worth(1, shared, left)?
        );
        self.say(line);
        Ok(refused)
    }

    /// Every linked node beyond the first three pays dac-1 over its own channel.
    fn outer(&mut self, plan: &Plan) -> Result<()> {
        if plan.outer().is_empty() {
            return Ok(());
        }
        let names: Vec<String> = plan.outer().map(|n| self.name(n)).collect();
        self.say("");
        self.say(if names.len() == 1 {
            format!("== {} pays Bea of dac-1 over its own channel", names[0])
        } else {
            format!(
                "== {} each pay Bea of dac-1 over their own channel",
                names.join(", ")
            )
        });
        for node in plan.outer() {
            self.pay_abroad(node, "ada", 0, "bea", GREETING)?;
            let shares = self.vouchers(node, 0, "bea")?;
            let line = format!(
                "relay dac-1: Bea holds vouchers of {} worth {}",
                self.name(node),
                self.worth(node, 0, shares)?
            );
            self.say(line);
        }
        Ok(())
    }

    /// The node that recognizes nobody: no channel opens to it, from either side, and its own
    /// relay refuses a transfer (it has no channel to send on). The handshakes' and the
    /// transfer's refusals.
    fn isolated(&mut self, plan: &Plan) -> Result<(Vec<String>, String)> {
        let (lone, admirer) = (plan.isolated(), plan.admirer());
        let (lone_name, admirer_name) = (self.name(lone), self.name(admirer));
        self.say("");
        self.say(format!(
            "== {lone_name} recognizes nobody: no channel can open to it, and its relay refuses \
             its packets"
        ));
        let relay = |stage: &Self, node: usize| {
            Addr::unchecked(stage.mesh.at(node).contract(Contract::Relay))
        };
        let connections = connection_ids(plan.nodes, &plan.recognitions);
        let conn = |at: usize, to: usize| {
            connections
                .get(&(at, to))
                .cloned()
                .context("the pair has no connection")
        };
        let mut refusals = vec![];
        for (opener, answerer, who_refuses) in [
            (
                admirer,
                lone,
                format!("{lone_name}'s relay refuses to answer it"),
            ),
            (
                lone,
                admirer,
                format!("{lone_name}'s own relay refuses to start it"),
            ),
        ] {
            let (a, b) = (relay(&*self, opener), relay(&*self, answerer));
            let opened = self.mesh.relayer.open_channel_between(
                (opener, &a, &conn(opener, answerer)?),
                (answerer, &b, &conn(answerer, opener)?),
                ibc_relay::msg::IBC_VERSION,
                IbcOrder::Unordered,
            );
            let err = match opened {
                Ok(_) => bail!("a channel opened between {admirer_name} and {lone_name}"),
                Err(err) => refusal(&err),
            };
            self.say(format!(
                "relayer: {} starts a channel handshake with {}: {who_refuses}: \"{err}\"",
                self.name(opener),
                self.name(answerer)
            ));
            refusals.push(err);
        }

        let before = self.balance(lone, "ada")?;
        let transfer = RelayReceive::Transfer {
            channel_id: "channel-0".into(),
            receiver: self.addr(admirer, "bea"),
            timeout_seconds: None,
        };
        let sent = self
            .mesh
            .at_mut(lone)
            .send_token("ada", Contract::Relay, GREETING, &transfer);
        let refused = match sent {
            Ok(_) => bail!("{lone_name}'s relay sent a packet on a channel it does not have"),
            Err(err) => refusal(&err),
        };
        let in_flight = self.mesh.relayer.pending_packets()?.len();
        let line = format!(
            "Ada of {lone_name} tries to send {} to {admirer_name} on channel-0: her own relay \
             refuses: \"{refused}\"; she still has {}; packets in flight: {in_flight}",
            self.show(lone, GREETING),
            self.show(lone, self.balance(lone, "ada")?)
        );
        self.say(line);
        if self.balance(lone, "ada")? != before {
            bail!("the refused transfer moved Ada's money");
        }
        Ok((refusals, refused))
    }

    /// Every node's books: each voucher of its token abroad is a unit its relay holds for that
    /// node, nothing is in flight, and the token's balances add up to its supply.
    fn books(&mut self) -> Result<Vec<Books>> {
        self.say("");
        self.say("== The books: every voucher abroad is backed by units its home relay holds");
        let mut all = vec![];
        for node in 0..self.mesh.nodes.len() {
            let holdings = self.holdings(node)?;
            let mut backing = vec![];
            for held in &holdings.nodes {
                let at = (0..self.mesh.nodes.len())
                    .find(|&i| self.name(i) == held.node)
                    .with_context(|| format!("{} holds for an unknown node", self.name(node)))?;
                let issued: ListVouchersResponse = self.ask(
                    at,
                    Contract::Relay,
                    &RelayQuery::ListVouchers {
                        node: self.name(node),
                        start_after: None,
                        limit: Some(1),
                    },
                )?;
                backing.push(Backing {
                    at,
                    units_held: held.units.u128(),
                    vouchers_issued: issued.supply.u128(),
                    value: held.value.u128(),
                });
            }
            let pool: demurrage_token::msg::CommonsPoolResponse = self.ask(
                node,
                Contract::Token,
                &demurrage_token::msg::QueryMsg::CommonsPool {},
            )?;
            let books = Books {
                node,
                relay_balance: holdings.balance.u128(),
                in_flight_units: holdings.in_flight_units.u128(),
                backing,
                token_balances: pool.stored_balances + pool.pool == pool.total_supply,
            };
            let verdict = if books.conserved() {
                "conserved"
            } else {
                "NOT conserved"
            };
            let line = format!(
                "{}: its relay holds {}, {} units in flight; token balances + commons pool = \
                 supply: {}; {verdict}",
                self.name(node),
                self.show(node, books.relay_balance),
                grouped(books.in_flight_units),
                books.token_balances
            );
            self.say(line);
            for b in &books.backing {
                let line = format!(
                    "  at {}: {} vouchers issued, {} units held, worth {}",
                    self.name(b.at),
                    grouped(b.vouchers_issued),
                    grouped(b.units_held),
                    self.show(node, b.value)
                );
                self.say(line);
            }
            all.push(books);
        }
        let kept = all.iter().filter(|b| b.conserved()).count();
        self.say(format!("{kept} of {} nodes conserved", all.len()));
        Ok(all)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_nodes_are_a_triangle_a_spoke_and_a_node_recognized_one_way() {
        let plan = Plan::new(5).unwrap();
        assert_eq!(
            plan.recognitions,
            [
                (0, 1),
                (1, 0),
                (0, 2),
                (2, 0),
                (1, 2),
                (2, 1),
                (3, 0),
                (0, 3),
                (3, 4)
            ]
        );
        assert_eq!(plan.shared(), Some(2));
        assert_eq!((plan.admirer(), plan.isolated()), (3, 4));
        assert_eq!(plan.outer(), 3..4);
        assert!(plan.recognized_by(4).is_empty());
    }

    #[test]
    fn every_size_has_a_linked_pair_and_a_node_that_recognizes_nobody() {
        for nodes in MIN_NODES..=MAX_NODES {
            let plan = Plan::new(nodes).unwrap();
            let lone = plan.isolated();
            assert!(plan.recognized_by(lone).is_empty(), "{nodes}");
            assert_eq!(
                plan.recognitions.iter().filter(|(_, w)| *w == lone).count(),
                1,
                "{nodes}"
            );
            assert!(plan.recognitions.contains(&(0, 1)) && plan.recognitions.contains(&(1, 0)));
            assert_eq!(plan.shared().is_some(), nodes >= 4);
        }
        // Three nodes: the pair and the lone node, which dac-2 recognizes.
        let three = Plan::new(3).unwrap();
        assert_eq!(three.recognitions, [(0, 1), (1, 0), (1, 2)]);
        assert!(three.outer().is_empty());
    }

    #[test]
    fn sizes_outside_three_to_eight_are_refused_with_the_fix() {
        for nodes in [0, 1, 2, 9] {
            let err = Plan::new(nodes).unwrap_err().to_string();
            assert!(err.contains("3 to 8 nodes"), "{err}");
            assert!(err.contains("leave --nodes out"), "{err}");
        }
    }
}
