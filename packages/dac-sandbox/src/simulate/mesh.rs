//! `simulate --nodes N` (N >= 2): N societies, each the single run's society on its own node and
//! chain under its own rules, joined where their councils recognized each other (and signed a
//! treaty at founding). Between nodes that share a channel, members sell to each other (paid over the relay, so the seller holds
//! the buyer node's vouchers), trade (a relay trade offer and its answer), visit (a guest booking
//! in the other node's guest home, paid with those vouchers) and move (the relay's `move`: the
//! old node's council lets them go, their home returns, their money crosses as vouchers with a
//! departure record; the new node admits them and they apply for a home as anyone does). A
//! node's council may cap guest bookings per night and visiting node (`--visitor-cap`): its
//! registry refuses a booking beyond the cap, and the visitor's vouchers come back in full.
//!
//! Each node's producers (the single run's `dac-2`) live on its next node round the ring.
//! After every day the mesh checks, node by node, that moving value created or lost none of a
//! node's tokens: every voucher of its token abroad is a unit its relay holds for that node.

use std::cell::RefCell;
use std::rc::Rc;
use std::str::FromStr;

use anyhow::{anyhow, bail, Context, Result};
use cosmwasm_std::{Timestamp, Uint128};
use dac_deploy::NodeConfig;
use dac_testing::dac_ibc_harness::Delivery;
use dac_testing::{Mesh, DAY};
use housing_registry::msg::ExecuteMsg as HousingMsg;
use ibc_relay::msg::{
    BookGuestMsg, DeliveryWindow, ExecuteMsg as RelayMsg, HoldingsResponse, ListTradesResponse,
    ListVouchersResponse, OfferTradeMsg, Price, ProposeTreatyMsg, QueryMsg as RelayQuery,
    ReceiveMsg as RelayReceive, TradeRole, TradeStatus, TreatyKind, TreatyStatus, VoucherResponse,
};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::agents::Kind;
use super::report::Report;
use super::sweep::Parameter;
use super::world::{attr, Founding, RulesRefused, World};
use super::{check, Progress, Settings};

/// Members per guest home a node opens for visitors (at least three homes).
const MEMBERS_PER_GUEST_HOME: u32 = 40;
/// Chance a day, per channel and direction and per hundred members of the buying node (at least
/// once), that a member buys from a member of the other node.
const SALE_PER_DAY: f64 = 0.6;
/// Chance a day, per channel and direction, that a worker offers goods to the other node.
const OFFER_PER_DAY: f64 = 0.3;
/// Chance that the counterparty accepts an offer.
const ACCEPT: f64 = 0.8;
/// Chance a day that a member holding enough of another node's vouchers books a visit there.
const VISIT_PER_DAY: f64 = 0.15;
/// Chance a day that a member who may emigrate moves to a node its own shares a channel with
/// (about 7% a year, half the single run's emigration).
const MOVE_PER_DAY: f64 = 1.0 / 5000.0;

/// What to simulate: one society per node, each with its own settings (days are shared).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeshSettings {
    pub nodes: Vec<Settings>,
    /// How often members move between nodes, in percent of the default (about 7% a year).
    pub mobility_percent: u32,
    /// Per node, the most guest bookings its registry takes per night from each visiting node
    /// (set by its founders' proposal at founding); `None`: no cap.
    pub visitor_caps: Vec<Option<u64>>,
}

impl MeshSettings {
    /// `count` nodes under `base`; node `i` draws from seed `base.seed + i`.
    pub fn uniform(base: Settings, count: usize) -> Self {
        let nodes = (0..count)
            .map(|i| Settings {
                seed: base.seed.wrapping_add(i as u64),
                ..base
            })
            .collect();
        MeshSettings {
            visitor_caps: vec![None; count],
            nodes,
            mobility_percent: 100,
        }
    }

    /// Applies `--visitor-cap` values in order: `N` caps every node, `K:N` node K alone.
    pub fn cap_visitors(&mut self, caps: &[VisitorCap]) -> Result<()> {
        let count = self.nodes.len();
        for cap in caps {
            let most = housing_registry::execute::admin::MAX_VISITOR_CAP;
            if cap.cap > most {
                bail!(
                    "--visitor-cap {}: a registry caps visitors at most at {most} a night",
                    cap.cap
                );
            }
            match cap.node {
                None => self
                    .visitor_caps
                    .iter_mut()
                    .for_each(|c| *c = Some(cap.cap)),
                Some(node) => {
                    let slot = self.visitor_caps.get_mut(node - 1).ok_or_else(|| {
                        anyhow!("--visitor-cap {node}:… names no node of {count} (--nodes)")
                    })?;
                    *slot = Some(cap.cap);
                }
            }
        }
        Ok(())
    }

    /// As [`MeshSettings::uniform`], then each node's own rules.
    pub fn with_rules(base: Settings, count: usize, rules: &[NodeRule]) -> Result<Self> {
        let mut settings = Self::uniform(base, count);
        for rule in rules {
            let node = settings.nodes.get_mut(rule.node - 1).ok_or_else(|| {
                anyhow!("--node {}:… names no node of {count} (--nodes)", rule.node)
            })?;
            *node = rule.parameter.apply(node, &rule.value)?.0;
        }
        Ok(settings)
    }

    pub fn days(&self) -> u32 {
        self.nodes.first().map_or(0, |s| s.days)
    }
}

/// `K:RULE=VALUE` (`--node`): node K's (from 1) own value of one rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeRule {
    pub node: usize,
    pub parameter: Parameter,
    pub value: String,
}

impl FromStr for NodeRule {
    type Err = anyhow::Error;

    fn from_str(text: &str) -> Result<Self> {
        let bad = || {
            anyhow!(
                "`{text}` is not a node's rule: write K:RULE=VALUE, e.g. 2:demurrage_rate=0.001"
            )
        };
        let (node, rule) = text.split_once(':').ok_or_else(bad)?;
        let (name, value) = rule.split_once('=').ok_or_else(bad)?;
        let node: usize = node.trim().parse().map_err(|_| bad())?;
        anyhow::ensure!(node >= 1, "nodes count from 1 (dac-1) in `{text}`");
        Ok(NodeRule {
            node,
            parameter: name.trim().parse()?,
            value: value.trim().to_string(),
        })
    }
}

/// `[K:]N` (`--visitor-cap`): node K's (from 1; every node without K) council caps guest
/// bookings at N a night per visiting node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VisitorCap {
    pub node: Option<usize>,
    pub cap: u64,
}

impl FromStr for VisitorCap {
    type Err = anyhow::Error;

    fn from_str(text: &str) -> Result<Self> {
        let bad = || {
            anyhow!("`{text}` is not a visitor cap: write N (every node) or K:N (node K), e.g. 1:2")
        };
        let (node, cap) = match text.split_once(':') {
            Some((node, cap)) => {
                let node: usize = node.trim().parse().map_err(|_| bad())?;
                anyhow::ensure!(node >= 1, "nodes count from 1 (dac-1) in `{text}`");
                (Some(node), cap)
            }
            None => (None, text),
        };
        Ok(VisitorCap {
            node,
            cap: cap.trim().parse().map_err(|_| bad())?,
        })
    }
}

/// Who recognizes whom: a ring (every node trades with two neighbours, so no node is a dead
/// end and goods and people can travel the whole mesh) plus a hub, `dac-1`, recognized by every
/// node (the popular node of seed 001 that many visit). Both directions, so each pair shares a
/// channel. Two nodes: one channel.
pub fn topology(count: usize) -> Vec<(usize, usize)> {
    let mut pairs: Vec<(usize, usize)> = vec![];
    let mut add = |a: usize, b: usize| {
        let pair = (a.min(b), a.max(b));
        if a != b && !pairs.contains(&pair) {
            pairs.push(pair);
        }
    };
    for i in 0..count {
        add(i, (i + 1) % count);
    }
    for i in 1..count {
        add(0, i);
    }
    pairs.iter().flat_map(|&(a, b)| [(a, b), (b, a)]).collect()
}

/// One node's mesh figures for one day (after its [`super::DayRow`] in `daily.csv`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MeshRow {
    /// Members who moved away today, and who moved in (admitted with their departure record).
    pub moves_out: u64,
    pub moves_in: u64,
    /// Value of this node's token carried away by today's moves.
    pub moved_value: u128,
    /// Sales abroad: this node's members paid members of other nodes, and the value paid.
    pub sales_abroad: u64,
    pub sales_abroad_value: u128,
    /// Trade offers this node's members made, and how many the other side accepted.
    pub trades_offered: u64,
    pub trades_accepted: u64,
    /// Guest bookings this node's members made abroad, refused (refunded), and the vouchers'
    /// value they paid.
    pub visits: u64,
    pub visits_refused: u64,
    pub visits_value: u128,
    /// Guests this node's guest homes took in, and bookings its visitor cap refused.
    pub guests: u64,
    pub guests_refused: u64,
    /// This node's token held by its relay for other nodes (what backs vouchers abroad).
    pub relay_balance: u128,
    /// Units of that holding its relay counts for other nodes, and vouchers of this node's token
    /// the other nodes' relays issued.
    pub units_held: u128,
    pub vouchers_abroad: u128,
    /// 1 when every voucher of this node's token abroad is a unit its relay holds for that node,
    /// no unit is in flight, and what is held is worth no more than its balance.
    pub conserved: u8,
}

/// A move between nodes: from node and agent, to node and agent, on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Move {
    pub day: u32,
    pub from: (usize, usize),
    pub to: (usize, usize),
    /// Value of the old node's token the move carried.
    pub value: u128,
}

/// The mesh: every node's world on the same chains.
pub struct MeshWorld {
    pub net: super::world::Net,
    pub worlds: Vec<World>,
    pub settings: MeshSettings,
    /// Pairs of nodes that share a channel.
    pub links: Vec<[usize; 2]>,
    pub moves: Vec<Move>,
    /// Pairs of nodes whose councils signed a treaty at founding (ratified on both, by the
    /// relays' answers).
    pub treaties: Vec<[usize; 2]>,
    /// Per node, one row a day (day 0 first).
    pub rows: Vec<Vec<MeshRow>>,
    today: Vec<MeshRow>,
    rng: ChaCha8Rng,
    day: u32,
}

/// A finished mesh run.
pub struct MeshOutcome {
    pub mesh: MeshWorld,
    pub reports: Vec<Report>,
}

/// Founds every node and runs every day.
pub fn run(settings: MeshSettings, progress: &Progress) -> Result<MeshOutcome> {
    let mut mesh = MeshWorld::found(settings)?;
    progress.start(mesh.settings.days() as u64);
    while mesh.step()? {
        progress.set(mesh.day as u64);
    }
    progress.finish();
    let reports = mesh
        .worlds
        .iter()
        .map(Report::from_world)
        .collect::<Result<_>>()?;
    Ok(MeshOutcome { mesh, reports })
}

impl MeshWorld {
    pub fn found(settings: MeshSettings) -> Result<Self> {
        let count = settings.nodes.len();
        if !(2..=dac_testing::PREFIXES.len()).contains(&count) {
            bail!(
                "a mesh has 2 to {} nodes (--nodes 1 is the single run)",
                dac_testing::PREFIXES.len()
            );
        }
        if settings.nodes.iter().any(|s| s.days != settings.days()) {
            bail!("every node of a mesh lives the same days");
        }
        for s in &settings.nodes {
            check(s)?;
        }
        let mut foundings: Vec<Founding> = settings.nodes.iter().map(Founding::new).collect();
        for f in &mut foundings {
            f.guest_homes = (f.settings.members / MEMBERS_PER_GUEST_HOME).max(3);
        }
        let recognitions = topology(count);
        let mesh = Mesh::with_config(count, &recognitions, |i, cfg: &mut NodeConfig| {
            foundings[i].adjust(cfg)
        })
        .map_err(|e| anyhow::Error::new(RulesRefused(e.root_cause().to_string())))?;
        let links = mesh.links.iter().map(|l| l.nodes).collect();
        let net = Rc::new(RefCell::new(mesh));
        let mut worlds = vec![];
        for (i, founding) in foundings.into_iter().enumerate() {
            let partner = (i + 1) % count;
            worlds.push(
                World::settle(net.clone(), i, partner, founding)
                    .with_context(|| format!("founding dac-{}", i + 1))?,
            );
        }
        let seed = settings.nodes[0].seed;
        let mut mesh = MeshWorld {
            net,
            worlds,
            settings,
            links,
            moves: vec![],
            rows: vec![vec![]; count],
            today: vec![MeshRow::default(); count],
            rng: ChaCha8Rng::seed_from_u64(seed ^ 0x6d65_7368),
            day: 0,
            treaties: vec![],
        };
        for [a, b] in mesh.links.clone() {
            mesh.sign_treaty(a, b)?;
        }
        for node in 0..count {
            if let Some(cap) = mesh.settings.visitor_caps[node] {
                mesh.cap_visitors(node, cap)?;
            }
        }
        for w in &mut mesh.worlds {
            let name = w.contracts.node_a.clone();
            w.populate().with_context(|| format!("founding {name}"))?;
        }
        mesh.close_day()?;
        Ok(mesh)
    }

    pub fn day(&self) -> u32 {
        self.day
    }

    /// The nodes node `i` shares a channel with.
    pub fn neighbours(&self, i: usize) -> Vec<usize> {
        self.links
            .iter()
            .filter_map(|&[a, b]| {
                if a == i {
                    Some(b)
                } else if b == i {
                    Some(a)
                } else {
                    None
                }
            })
            .collect()
    }

    /// Runs one more day; false once the last has run.
    pub fn step(&mut self) -> Result<bool> {
        if self.day >= self.settings.days() {
            return Ok(false);
        }
        self.day += 1;
        self.net.borrow_mut().advance_all(DAY);
        for w in &mut self.worlds {
            let name = w.contracts.node_a.clone();
            w.live_day()
                .with_context(|| format!("{name} on day {}", w.day()))?;
        }
        self.sales()?;
        self.trades()?;
        self.visits()?;
        self.moves_step()?;
        for w in &mut self.worlds {
            w.measure()?;
        }
        self.close_day()?;
        Ok(true)
    }

    /// Carries every packet; refusals (error acknowledgements) are counted by the caller.
    fn relay(&mut self) -> Result<Vec<dac_testing::dac_ibc_harness::PacketOutcome<usize>>> {
        self.net
            .borrow_mut()
            .relayer
            .relay_all()
            .map_err(|e| anyhow!("relaying: {e}"))
    }

    /// Members of each node buy from members of the nodes theirs shares a channel with,
    /// paying over the relay (a few purchases a day per direction, more in larger nodes): the
    /// sellers then hold the buyers' node's vouchers, which they spend on visits there.
    fn sales(&mut self) -> Result<()> {
        for [a, b] in self.links.clone() {
            for (seller, buyer) in [(a, b), (b, a)] {
                let tries = (self.worlds[buyer].settings.members / 100).max(1);
                for _ in 0..tries {
                    self.sale(seller, buyer)?;
                }
            }
        }
        self.relay()?;
        Ok(())
    }

    fn sale(&mut self, seller: usize, buyer: usize) -> Result<()> {
        let activity = self.worlds[buyer].settings.activity_percent as f64 / 100.0;
        if !self.rng.gen_bool((SALE_PER_DAY * activity).min(1.0)) {
            return Ok(());
        }
        let buyers = self.worlds[buyer].members_where(|a| a.kind.importing() > 0.0);
        let sellers = self.worlds[seller].members_where(|a| a.kind.sells_to(Kind::Worker));
        let (Some(&who), Some(&to)) = (buyers.choose(&mut self.rng), sellers.choose(&mut self.rng))
        else {
            return Ok(());
        };
        let w = &self.worlds[buyer];
        let amount = w.agents[who].balance * self.rng.gen_range(5..=15) / 100;
        if amount < 1_000 {
            return Ok(());
        }
        let hook = RelayReceive::Transfer {
            channel_id: self.channel(buyer, seller)?,
            receiver: self.worlds[seller].agents[to].addr.clone(),
            timeout_seconds: None,
        };
        let (addr, relay) = (w.agents[who].addr.clone(), w.contracts.relay_a.clone());
        let w = &mut self.worlds[buyer];
        // Refused only when the balance fell since the morning's measurement.
        if let Ok(res) = w.send_a(&addr, &relay, amount, &hook) {
            let sent = sent_out(&res)?;
            w.agents[who].flows.imports += sent;
            self.today[buyer].sales_abroad += 1;
            self.today[buyer].sales_abroad_value += sent;
        }
        Ok(())
    }

    /// Workers offer goods to workers of the nodes theirs shares a channel with (barter:
    /// nothing is escrowed); once the offers have arrived, each counterparty answers.
    fn trades(&mut self) -> Result<()> {
        for [a, b] in self.links.clone() {
            for (from, to) in [(a, b), (b, a)] {
                if self.rng.gen_bool(OFFER_PER_DAY) {
                    self.offer(from, to)?;
                }
            }
        }
        self.relay()?;
        for node in 0..self.worlds.len() {
            for trade in self.offered_to(node)? {
                let accept = self.rng.gen_bool(ACCEPT);
                let answer = RelayMsg::AnswerTrade {
                    trade_id: trade.id,
                    accept,
                    reason: (!accept).then(|| "no room in the granary".to_string()),
                    timeout_seconds: None,
                };
                let w = &mut self.worlds[node];
                let relay = w.contracts.relay_a.clone();
                w.exec_a(trade.local_party.as_str(), &relay, &answer)
                    .map_err(|e| anyhow!("answering trade {}: {e}", trade.id))?;
                if accept {
                    let from = self.index_of(&trade.node)?;
                    self.today[from].trades_accepted += 1;
                }
            }
        }
        self.relay()?;
        Ok(())
    }

    fn offer(&mut self, from: usize, to: usize) -> Result<()> {
        let offerers = self.worlds[from].members_where(|a| a.kind == Kind::Worker);
        let takers = self.worlds[to].members_where(|a| a.kind == Kind::Worker);
        let (Some(&who), Some(&whom)) =
            (offerers.choose(&mut self.rng), takers.choose(&mut self.rng))
        else {
            return Ok(());
        };
        let now = Timestamp::from_seconds(self.worlds[from].now_seconds());
        let offer = RelayMsg::OfferTrade(OfferTradeMsg {
            channel_id: self.channel(from, to)?,
            counterparty: self.worlds[to].agents[whom].addr.clone(),
            role: TradeRole::Seller,
            goods: "grain".to_string(),
            containers: self.rng.gen_range(1..=4),
            price: Price::Goods {
                goods: "wool".to_string(),
                containers: self.rng.gen_range(1..=4),
            },
            delivery_window: DeliveryWindow {
                earliest: now.plus_seconds(5 * DAY),
                latest: now.plus_seconds(30 * DAY),
            },
            timeout_seconds: None,
        });
        let w = &mut self.worlds[from];
        let (addr, relay) = (w.agents[who].addr.clone(), w.contracts.relay_a.clone());
        w.exec_a(&addr, &relay, &offer)
            .map_err(|e| anyhow!("a trade offer from {}: {e}", w.contracts.node_a))?;
        self.today[from].trades_offered += 1;
        Ok(())
    }

    /// Offers that arrived on `node` from other nodes and wait for an answer, page by page.
    fn offered_to(&self, node: usize) -> Result<Vec<ibc_relay::msg::Trade>> {
        let w = &self.worlds[node];
        let mut all: Vec<ibc_relay::msg::Trade> = vec![];
        loop {
            let page: ListTradesResponse = w.query_a(
                &w.contracts.relay_a,
                &RelayQuery::TradesByStatus {
                    status: TradeStatus::Offered,
                    start_after: all.last().map(|t| t.id),
                    limit: Some(30),
                },
            )?;
            let full = page.trades.len() == 30;
            all.extend(page.trades);
            if !full {
                return Ok(all.into_iter().filter(|t| !t.offered_here).collect());
            }
        }
    }

    /// The index of the node named `name`.
    fn index_of(&self, name: &str) -> Result<usize> {
        self.worlds
            .iter()
            .position(|w| w.contracts.node_a == name)
            .ok_or_else(|| anyhow!("no node {name} in the mesh"))
    }

    /// Members holding enough of a neighbour's vouchers for a night book one of its guest
    /// homes, a few days ahead, paying with them. A booking the host refuses (the home is
    /// taken those nights) is refunded in full.
    fn visits(&mut self) -> Result<()> {
        for from in 0..self.worlds.len() {
            for host in self.neighbours(from) {
                let price = self.net.borrow().nodes[host].cfg.guest_price_per_day.u128();
                let host_name = self.worlds[host].contracts.node_a.clone();
                let listed = self.voucher_holders(from, &host_name)?;
                let by_addr = self.worlds[from].by_addr();
                let holders: Vec<(usize, u128)> = listed
                    .iter()
                    .filter_map(|v| Some((*by_addr.get(v.holder.as_str())?, v.shares.u128())))
                    .filter(|&(id, _)| self.worlds[from].agents[id].member)
                    .collect();
                for (id, shares) in holders {
                    let value = self.value_of(host, from, shares)?;
                    if value < 2 * price || !self.rng.gen_bool(VISIT_PER_DAY) {
                        continue;
                    }
                    self.book(from, host, id, shares)?;
                }
            }
        }
        Ok(())
    }

    /// Every holder of node `origin`'s vouchers on node `at`, page by page.
    fn voucher_holders(&self, at: usize, origin: &str) -> Result<Vec<VoucherResponse>> {
        let w = &self.worlds[at];
        let mut all: Vec<VoucherResponse> = vec![];
        loop {
            let page: ListVouchersResponse = w.query_a(
                &w.contracts.relay_a,
                &RelayQuery::ListVouchers {
                    node: origin.to_string(),
                    start_after: all.last().map(|v| v.holder.clone()),
                    limit: Some(30),
                },
            )?;
            let full = page.vouchers.len() == 30;
            all.extend(page.vouchers);
            if !full {
                return Ok(all);
            }
        }
    }

    fn book(&mut self, from: usize, host: usize, id: usize, shares: u128) -> Result<()> {
        let homes = &self.worlds[host].guest_homes;
        let home_id = homes[self.rng.gen_range(0..homes.len())];
        let today = self.worlds[host].now_seconds() / DAY;
        let start_day = today + self.rng.gen_range(1..=5);
        let nights = self.rng.gen_range(1..=2);
        let w = &self.worlds[from];
        let (addr, name) = (w.agents[id].addr.clone(), w.agents[id].name.clone());
        let relay = w.contracts.relay_a.clone();
        let msg = RelayMsg::BookGuest(BookGuestMsg {
            channel_id: self.channel(from, host)?,
            home_id,
            guest: name,
            start_day,
            end_day: start_day + nights,
            shares: Uint128::new(shares),
            timeout_seconds: Some(DAY),
        });
        let before = self.value_of(host, from, shares)?;
        self.worlds[from]
            .exec_a(&addr, &relay, &msg)
            .map_err(|e| anyhow!("booking a guest home: {e}"))?;
        let outcomes = self.relay()?;
        let refusal = outcomes.iter().find(|o| o.is_error_ack());
        let left = self.vouchers(host, from, &addr)?;
        let after = self.value_of(host, from, left)?;
        if let Some(refusal) = refusal {
            if left != shares {
                bail!("a refused booking refunded {left} of the {shares} vouchers offered");
            }
            self.today[from].visits_refused += 1;
            // The harness passes the registry's reason on in the acknowledgement.
            let reason = match &refusal.delivery {
                Delivery::Acknowledged(ack) => String::from_utf8_lossy(ack).into_owned(),
                _ => String::new(),
            };
            if reason.contains("their cap") {
                self.today[host].guests_refused += 1;
            }
        } else {
            self.today[from].visits += 1;
            self.today[from].visits_value += before.saturating_sub(after);
            self.today[host].guests += 1;
        }
        Ok(())
    }

    /// Some members move to a node theirs shares a channel with: one `move` of their whole
    /// balance; the new node's gatekeeper admits them with their departure record beside the
    /// application, and they apply for a home there.
    fn moves_step(&mut self) -> Result<()> {
        let chance = (MOVE_PER_DAY * self.settings.mobility_percent as f64 / 100.0).min(1.0);
        for from in 0..self.worlds.len() {
            let movers = self.worlds[from]
                .members_where(|a| a.kind.may_emigrate() && a.balance > 0 && a.moved_to.is_none());
            for id in movers {
                if !self.rng.gen_bool(chance) || self.worlds[from].in_open_deal(id) {
                    continue;
                }
                let neighbours = self.neighbours(from);
                let to = neighbours[self.rng.gen_range(0..neighbours.len())];
                self.move_member(from, id, to)?;
            }
        }
        Ok(())
    }

    /// Agent `id` of node `from` moves to node `to`; answers its id there.
    pub fn move_member(&mut self, from: usize, id: usize, to: usize) -> Result<usize> {
        let kind = self.worlds[from].agents[id].kind;
        let newcomer = self.worlds[to].new_agent(kind);
        let receiver = self.worlds[to].agents[newcomer].addr.clone();
        let channel_id = self.channel(from, to)?;
        let value = self.worlds[from].move_away(id, channel_id, receiver, (to, newcomer))?;
        self.relay()?;
        let old = self.worlds[from].agents[id].addr.clone();
        let from_name = self.worlds[from].contracts.node_a.clone();
        self.worlds[to].arrive(newcomer, &from_name, &old)?;
        self.today[from].moves_out += 1;
        self.today[from].moved_value += value;
        self.today[to].moves_in += 1;
        self.moves.push(Move {
            day: self.day,
            from: (from, id),
            to: (to, newcomer),
            value,
        });
        Ok(newcomer)
    }

    /// At founding (the founders alone vote), node `node`'s council caps guest bookings at
    /// `cap` a night per visiting node; an error if the proposal did not execute.
    fn cap_visitors(&mut self, node: usize, cap: u64) -> Result<()> {
        let w = &mut self.worlds[node];
        let set = HousingMsg::SetVisitorCap {
            node: None,
            cap: Some(cap),
        };
        let housing = w.contracts.housing.clone();
        let id = w.founders_pass("Cap visitors per node", vec![wasm(&housing, &set)?])?;
        let proposal: council::msg::ProposalResponse = w.query_a(
            &w.contracts.council,
            &council::msg::QueryMsg::Proposal { proposal_id: id },
        )?;
        if proposal.status != council::msg::ProposalStatus::Executed {
            bail!(
                "dac-{}'s council could not cap visitors at {cap}: {}",
                node + 1,
                proposal.execution_error.unwrap_or_default()
            );
        }
        Ok(())
    }

    /// At founding (the founders alone vote), node `a`'s council proposes to node `b`'s a
    /// treaty sharing guest homes and visitor numbers, and `b`'s council ratifies it once it
    /// arrived; kept only when both relays answer it is ratified.
    fn sign_treaty(&mut self, a: usize, b: usize) -> Result<()> {
        let propose = RelayMsg::ProposeTreaty(ProposeTreatyMsg {
            channel_id: self.channel(a, b)?,
            kind: TreatyKind::ResourceSharing,
            title: "Guest homes for each other's visitors".to_string(),
            terms: "Each node keeps guest homes open to the other's members, paid in vouchers"
                .to_string(),
            timeout_seconds: None,
        });
        let relay_a = self.worlds[a].contracts.relay_a.clone();
        self.worlds[a].founders_pass("Propose a treaty", vec![wasm(&relay_a, &propose)?])?;
        self.relay()?;
        let from = self.worlds[a].contracts.node_a.clone();
        let waiting = self.treaty_from(b, &from)?;
        let Some(treaty) = waiting else {
            bail!("the treaty {from} proposed never reached dac-{}", b + 1);
        };
        let ratify = RelayMsg::RatifyTreaty {
            treaty_id: treaty.id,
            timeout_seconds: None,
        };
        let relay_b = self.worlds[b].contracts.relay_a.clone();
        self.worlds[b].founders_pass("Ratify a treaty", vec![wasm(&relay_b, &ratify)?])?;
        self.relay()?;
        let there = self.treaty_from(b, &from)?;
        let to = self.worlds[b].contracts.node_a.clone();
        let here = self.treaties_of(a)?.into_iter().find(|t| t.node == to);
        let ratified = |t: &Option<ibc_relay::msg::Treaty>| {
            t.as_ref().map(|t| t.status) == Some(TreatyStatus::Ratified)
        };
        if ratified(&there) && ratified(&here) {
            self.treaties.push([a, b]);
        }
        Ok(())
    }

    /// The treaty node `from` proposed that node `at` received, if any.
    fn treaty_from(&self, at: usize, from: &str) -> Result<Option<ibc_relay::msg::Treaty>> {
        Ok(self
            .treaties_of(at)?
            .into_iter()
            .find(|t| !t.proposed_here && t.node == from))
    }

    fn treaties_of(&self, at: usize) -> Result<Vec<ibc_relay::msg::Treaty>> {
        let w = &self.worlds[at];
        let r: ibc_relay::msg::ListTreatiesResponse = w.query_a(
            &w.contracts.relay_a,
            &RelayQuery::ListTreaties {
                start_after: None,
                limit: Some(30),
            },
        )?;
        Ok(r.treaties)
    }

    /// The channel from node `at` to node `to`.
    fn channel(&self, at: usize, to: usize) -> Result<String> {
        self.net.borrow().channel(at, to)
    }

    /// Vouchers of node `origin`'s token that `holder` holds on node `at`.
    fn vouchers(&self, origin: usize, at: usize, holder: &str) -> Result<u128> {
        let w = &self.worlds[at];
        let v: VoucherResponse = w.query_a(
            &w.contracts.relay_a,
            &RelayQuery::Voucher {
                node: self.worlds[origin].contracts.node_a.clone(),
                holder: holder.to_string(),
            },
        )?;
        Ok(v.shares.u128())
    }

    /// What `shares` vouchers of node `origin`'s token held on node `at` are worth at home.
    fn value_of(&self, origin: usize, at: usize, shares: u128) -> Result<u128> {
        let holdings = self.holdings(origin)?;
        let name = &self.worlds[at].contracts.node_a;
        let held = holdings.nodes.iter().find(|h| &h.node == name);
        Ok(held.map_or(0, |h| {
            if h.units.is_zero() {
                0
            } else {
                shares * h.value.u128() / h.units.u128()
            }
        }))
    }

    fn holdings(&self, node: usize) -> Result<HoldingsResponse> {
        let w = &self.worlds[node];
        w.query_a(
            &w.contracts.relay_a,
            &RelayQuery::Holdings {
                start_after: None,
                limit: Some(30),
            },
        )
    }

    /// Closes the day's rows: each node's relay holdings against the vouchers of its token
    /// the other nodes issued.
    fn close_day(&mut self) -> Result<()> {
        for node in 0..self.worlds.len() {
            let holdings = self.holdings(node)?;
            let name = self.worlds[node].contracts.node_a.clone();
            let mut conserved = holdings.in_flight_units.is_zero();
            let (mut units, mut vouchers, mut value) = (0u128, 0u128, 0u128);
            for held in &holdings.nodes {
                let at = self.index_of(&held.node)?;
                let w = &self.worlds[at];
                let issued: ListVouchersResponse = w.query_a(
                    &w.contracts.relay_a,
                    &RelayQuery::ListVouchers {
                        node: name.clone(),
                        start_after: None,
                        limit: Some(1),
                    },
                )?;
                conserved &= issued.supply == held.units;
                units += held.units.u128();
                vouchers += issued.supply.u128();
                value += held.value.u128();
            }
            conserved &= value <= holdings.balance.u128();
            let row = std::mem::take(&mut self.today[node]);
            self.rows[node].push(MeshRow {
                relay_balance: holdings.balance.u128(),
                units_held: units,
                vouchers_abroad: vouchers,
                conserved: conserved as u8,
                ..row
            });
        }
        Ok(())
    }
}

/// A message to `contract`, for a proposal.
fn wasm<T: Serialize>(contract: &str, msg: &T) -> Result<cosmwasm_std::CosmosMsg> {
    Ok(cosmwasm_std::CosmosMsg::Wasm(
        cosmwasm_std::WasmMsg::Execute {
            contract_addr: contract.to_string(),
            msg: cosmwasm_std::to_json_binary(msg)?,
            funds: vec![],
        },
    ))
}

/// The amount a relay `transfer_out` (or `move_out`) carried, from its wasm event (else the
/// cw20 amount sent).
pub(crate) fn sent_out(res: &cw_multi_test::AppResponse) -> Result<u128> {
    Ok(res
        .events
        .iter()
        .filter(|e| e.ty == "wasm")
        .find(|e| {
            e.attributes
                .iter()
                .any(|a| a.key == "action" && a.value.ends_with("_out"))
        })
        .and_then(|e| e.attributes.iter().find(|a| a.key == "amount"))
        .map(|a| a.value.parse::<u128>())
        .transpose()?
        .unwrap_or_else(|| {
            attr(res, "amount")
                .and_then(|a| a.parse().ok())
                .unwrap_or(0)
        }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_nodes_are_a_ring_plus_the_hub_each_pair_both_ways() {
        let pairs = topology(5);
        let has = |a: usize, b: usize| pairs.contains(&(a, b)) && pairs.contains(&(b, a));
        for i in 0..5 {
            assert!(has(i, (i + 1) % 5), "ring {i}");
        }
        for i in 1..5 {
            assert!(has(0, i), "hub to {i}");
        }
        // Seven channels, each named twice; dac-2 and dac-4 share none.
        assert_eq!(pairs.len(), 14);
        assert!(!has(1, 3));
        assert_eq!(topology(2), [(0, 1), (1, 0)]);
    }

    #[test]
    fn a_node_rule_is_read_and_applied_to_that_node_only() {
        let rule: NodeRule = "2:demurrage_rate=0.001".parse().unwrap();
        assert_eq!(rule.node, 2);
        assert_eq!(rule.parameter, Parameter::DemurrageRate);
        let mesh = MeshSettings::with_rules(Settings::DEFAULT, 3, &[rule]).unwrap();
        let rate = |i: usize| mesh.nodes[i].rules.demurrage_rate;
        assert_eq!(rate(1), cosmwasm_std::Decimal::permille(1));
        assert_eq!(rate(0), Settings::DEFAULT.rules.demurrage_rate);
        assert_eq!(rate(2), Settings::DEFAULT.rules.demurrage_rate);
        let seeds: Vec<u64> = mesh.nodes.iter().map(|s| s.seed).collect();
        assert_eq!(seeds, [1, 2, 3]);
    }

    #[test]
    fn visitor_caps_apply_to_every_node_or_to_the_one_named_in_order() {
        let caps: Vec<VisitorCap> = ["3", "2:1"].iter().map(|c| c.parse().unwrap()).collect();
        assert_eq!(caps[0], VisitorCap { node: None, cap: 3 });
        assert_eq!(
            caps[1],
            VisitorCap {
                node: Some(2),
                cap: 1
            }
        );
        let mut mesh = MeshSettings::uniform(Settings::DEFAULT, 3);
        assert_eq!(mesh.visitor_caps, [None, None, None]);
        mesh.cap_visitors(&caps).unwrap();
        assert_eq!(mesh.visitor_caps, [Some(3), Some(1), Some(3)]);
        let err = mesh
            .cap_visitors(&["4:1".parse().unwrap()])
            .unwrap_err()
            .to_string();
        assert!(err.contains("names no node of 3"), "{err}");
        let err = mesh
            .cap_visitors(&["10001".parse().unwrap()])
            .unwrap_err()
            .to_string();
        assert!(err.contains("at most at 10000"), "{err}");
        assert_eq!(mesh.visitor_caps, [Some(3), Some(1), Some(3)], "unchanged");
        for bad in ["x", "2:", ":1", "1:-1", "one"] {
            let err = bad.parse::<VisitorCap>().unwrap_err().to_string();
            assert!(err.contains("[K:]N") || err.contains("K:N"), "{bad}: {err}");
        }
        let err = "0:1".parse::<VisitorCap>().unwrap_err().to_string();
        assert!(err.contains("count from 1"), "{err}");
    }

    #[test]
    fn a_malformed_or_absent_node_rule_is_refused_with_the_fix() {
        for bad in ["demurrage_rate=0.001", "x:activity=50", "2:activity"] {
            let err = bad.parse::<NodeRule>().unwrap_err().to_string();
            assert!(err.contains("K:RULE=VALUE"), "{bad}: {err}");
        }
        let err = "0:activity=50".parse::<NodeRule>().unwrap_err().to_string();
        assert!(err.contains("count from 1"), "{err}");
        let err = "2:speed=3".parse::<NodeRule>().unwrap_err().to_string();
        assert!(err.contains("no rule `speed`"), "{err}");
        let rule: NodeRule = "4:activity=50".parse().unwrap();
        let err = MeshSettings::with_rules(Settings::DEFAULT, 3, &[rule])
            .unwrap_err()
            .to_string();
        assert!(err.contains("names no node of 3"), "{err}");
    }
}
