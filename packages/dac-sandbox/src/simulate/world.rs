//! The world: two nodes deployed through the one recipe, the simulated members of `dac-1`,
//! producers on `dac-2`, and the day loop that lets everyone act.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use anyhow::{anyhow, Context, Result};
use cosmwasm_std::{to_json_binary, Addr, Uint128};
use cw_multi_test::{AppResponse, Executor};
use dac_deploy::{pass_proposal, Contract, NodeConfig};
use dac_testing::{account, Mesh, OnApp, DAY};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::agents::{endowment, population, Agent, Kind, BASE};
use super::capture::CaptureBook;
use super::deals::DealPlan;
use super::governance::GovernanceBook;
use super::housing::HousingBook;
use super::metrics::{DayRow, DayTally};
use super::panels::PanelBook;
use super::Settings;

/// The addresses the simulation talks to.
#[derive(Clone, Debug)]
pub struct Contracts {
    pub token: String,
    pub council: String,
    pub housing: String,
    pub escrow: String,
    pub relay_a: String,
    pub relay_b: String,
    pub channel_a: String,
    pub channel_b: String,
    pub council_id: u64,
    /// The council that decides on homes (chartered at founding).
    pub housing_committee_id: u64,
    pub node_a: String,
    pub node_b: String,
}

/// The chains a world lives on, shared by the worlds of every node of a mesh (one world acts at
/// a time; the relayer carries everyone's packets).
pub type Net = Rc<RefCell<Mesh>>;

pub struct World {
    pub net: Net,
    /// This world's node in the mesh, and the node its producers live on.
    pub at: usize,
    pub partner: usize,
    pub contracts: Contracts,
    pub agents: Vec<Agent>,
    /// Accounts on `dac-2` that sell to `dac-1`'s members and buy from them with vouchers.
    pub producers: Vec<String>,
    pub settings: Settings,
    pub(crate) rng: ChaCha8Rng,
    pub(crate) day: u32,
    pub(crate) housing: HousingBook,
    pub(crate) governance: GovernanceBook,
    pub(crate) deals: Vec<DealPlan>,
    /// Deals before sortition panels: appeals and timed-out arbitrators.
    pub panels: PanelBook,
    pub capture: CaptureBook,
    pub(crate) tally: DayTally,
    /// The node's guest homes, booked by visitors from other nodes.
    pub guest_homes: Vec<u64>,
    /// Kinds of the newcomers who arrive tomorrow in emigrants' places.
    pub(crate) pending_arrivals: Vec<Kind>,
    /// Payments the token refused over the run.
    pub refused_payments: u64,
    /// The token's decay index at the last measurement.
    pub(crate) decay_index: Option<cosmwasm_std::Uint256>,
    pub rows: Vec<DayRow>,
}

/// A refused message: the contract's error, kept as text.
pub type Refusal = String;

/// The recipe could not found a node under the chosen rules: the contracts' own answer (e.g.
/// the token's ceiling on yearly demurrage).
#[derive(Debug)]
pub struct RulesRefused(pub String);

impl std::fmt::Display for RulesRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the contracts refused these rules: {}", self.0)
    }
}

impl std::error::Error for RulesRefused {}

/// The first attribute `key` of any wasm event of `res`.
pub fn attr(res: &AppResponse, key: &str) -> Option<String> {
    res.events
        .iter()
        .filter(|e| e.ty.starts_with("wasm"))
        .flat_map(|e| e.attributes.iter())
        .find(|a| a.key == key)
        .map(|a| a.value.clone())
}

/// Every attribute `key` of the wasm events of `res`, in order.
pub fn attrs(res: &AppResponse, key: &str) -> Vec<String> {
    res.events
        .iter()
        .filter(|e| e.ty.starts_with("wasm"))
        .flat_map(|e| e.attributes.iter())
        .filter(|a| a.key == key)
        .map(|a| a.value.clone())
        .collect()
}

/// The events of custom type `ty` (as emitted by the contract, without the `wasm-` prefix).
pub fn events_of<'a>(
    res: &'a AppResponse,
    ty: &'a str,
) -> impl Iterator<Item = &'a cosmwasm_std::Event> + 'a {
    res.events
        .iter()
        .filter(move |e| e.ty.strip_prefix("wasm-") == Some(ty))
}

pub fn event_attr(event: &cosmwasm_std::Event, key: &str) -> Option<String> {
    event
        .attributes
        .iter()
        .find(|a| a.key == key)
        .map(|a| a.value.clone())
}

/// The token amounts of the simulated economy, scaled with its size.
struct Economy {
    founder_balance: u128,
    commons_pool: u128,
}

/// A society before its node is deployed: who will live there, what they are given, and the
/// economy the node's constitution must provide for it.
pub struct Founding {
    pub settings: Settings,
    /// Guest homes the founders open for visitors from other nodes (none in a single run).
    pub guest_homes: u32,
    rng: ChaCha8Rng,
    kinds: Vec<Kind>,
    endowments: Vec<u128>,
    economy: Economy,
}

impl Founding {
    pub fn new(settings: &Settings) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(settings.seed);
        let kinds = population(settings.members);
        let endowments: Vec<u128> = kinds
            .iter()
            .map(|k| endowment(*k, settings.members, &mut rng))
            .collect();
        let total: u128 = endowments.iter().sum();
        let economy = Economy {
            // Founders keep five units each and give out the rest.
            founder_balance: total.div_ceil(4) + 5 * BASE,
            commons_pool: settings.members as u128 * BASE,
        };
        Founding {
            settings: *settings,
            guest_homes: 0,
            rng,
            kinds,
            endowments,
            economy,
        }
    }

    /// The node's constitution for this society: its economy and its rules.
    pub fn adjust(&self, cfg: &mut NodeConfig) {
        cfg.founder_balance = Uint128::new(self.economy.founder_balance);
        cfg.commons_pool = Uint128::new(self.economy.commons_pool);
        self.settings.rules.apply(cfg);
    }
}

impl World {
    /// Deploys both nodes (`dac-1`, the society, and `dac-2`, its producers' node), founds the
    /// society (homes, members, endowments) and takes the first measurements (day 0).
    pub fn found(settings: Settings) -> Result<Self> {
        let founding = Founding::new(&settings);
        let mesh = Mesh::with_config(2, &[(0, 1), (1, 0)], |_, cfg: &mut NodeConfig| {
            founding.adjust(cfg)
        })
        .map_err(|e| anyhow::Error::new(RulesRefused(e.root_cause().to_string())))?;
        Self::found_on(Rc::new(RefCell::new(mesh)), 0, 1, founding)
    }

    /// The society of node `at` of `net` (deployed with `founding.adjust`), its producers on
    /// node `partner` (they share a channel): founds it and takes the day-0 measurements.
    pub fn found_on(net: Net, at: usize, partner: usize, founding: Founding) -> Result<Self> {
        let mut world = Self::settle(net, at, partner, founding)?;
        world.populate()?;
        Ok(world)
    }

    /// As [`World::found_on`] up to the members' arrival: agents, homes, the housing committee,
    /// the court clerk and guest homes, all by the founders' own proposals.
    pub(crate) fn settle(net: Net, at: usize, partner: usize, founding: Founding) -> Result<Self> {
        let Founding {
            settings,
            rng,
            kinds,
            endowments,
            guest_homes,
            ..
        } = founding;
        let contracts = {
            let mesh = net.borrow();
            let (here, there) = (&mesh.nodes[at], &mesh.nodes[partner]);
            let d = &here.deployment;
            Contracts {
                token: d.addr(Contract::Token).to_string(),
                council: d.addr(Contract::Council).to_string(),
                housing: d.addr(Contract::Housing).to_string(),
                escrow: d.addr(Contract::Escrow).to_string(),
                relay_a: d.addr(Contract::Relay).to_string(),
                relay_b: there.deployment.addr(Contract::Relay).to_string(),
                channel_a: mesh.channel(at, partner)?,
                channel_b: mesh.channel(partner, at)?,
                council_id: d.executive_council_id,
                housing_committee_id: d.executive_council_id,
                node_a: here.cfg.name.clone(),
                node_b: there.cfg.name.clone(),
            }
        };
        let mut world = World {
            net,
            at,
            partner,
            contracts,
            agents: vec![],
            producers: vec![],
            settings,
            rng,
            day: 0,
            housing: HousingBook::default(),
            governance: GovernanceBook::default(),
            deals: vec![],
            panels: PanelBook::new(settings.seed),
            capture: CaptureBook::default(),
            tally: DayTally::default(),
            guest_homes: vec![],
            pending_arrivals: vec![],
            refused_payments: 0,
            decay_index: None,
            rows: vec![],
        };
        world.settle_founders()?;
        for (kind, endowment) in kinds.into_iter().zip(endowments) {
            let id = world.new_agent(kind);
            world.agents[id].endowment = endowment;
        }
        let magnate = world
            .agents
            .iter()
            .position(|a| a.kind == Kind::Magnate)
            .context("a population without its magnate")?;
        world.capture.magnate = magnate;
        world.capture.abroad_account = world.account_on(partner, "magnate");
        let producers = (settings.members as usize / 40).max(3);
        world.producers = (0..producers)
            .map(|i| world.account_on(partner, &format!("producer-{i}")))
            .collect();
        world.build_initial_homes()?;
        world.charter_housing_committee()?;
        world.appoint_clerk()?;
        world.open_guest_homes(guest_homes)?;
        Ok(world)
    }

    /// The members join, are paid their endowments and apply for homes; the first rounds run
    /// and day 0 is measured. Until then the founders alone pass proposals.
    pub(crate) fn populate(&mut self) -> Result<()> {
        self.found_members()?;
        self.housing_rounds()?;
        self.measure()?;
        for agent in self.agents.iter_mut() {
            agent.start_balance = agent.balance;
        }
        Ok(())
    }

    /// Runs one more day; returns false once the last day has run.
    pub fn step(&mut self) -> Result<bool> {
        if self.day >= self.settings.days {
            return Ok(false);
        }
        self.net.borrow_mut().advance_all(DAY);
        self.live_day()?;
        self.measure()?;
        Ok(true)
    }

    /// The day's acts after the clocks moved on, up to (not including) the measurements.
    pub(crate) fn live_day(&mut self) -> Result<()> {
        self.day += 1;
        self.tally = DayTally::default();
        self.arrivals()?;
        self.gatekeeping()?;
        self.members_act()?;
        self.deals_step()?;
        self.capture_step()?;
        self.governance_step()?;
        self.due_process()?;
        self.departures()?;
        self.housing_rounds()?;
        self.relay()?;
        self.producers_buy()?;
        Ok(())
    }

    pub fn day(&self) -> u32 {
        self.day
    }

    /// The founders as agents: they act like workers and keep their roles.
    fn settle_founders(&mut self) -> Result<()> {
        let founders = self.founders();
        for (i, addr) in founders.into_iter().enumerate() {
            let mut agent = Agent::new(
                self.agents.len(),
                dac_testing::FOUNDERS[i].to_string(),
                addr,
                Kind::Founder,
                self.settings.step_free_share(),
                &mut self.rng,
            );
            agent.member = true;
            self.agents.push(agent);
        }
        Ok(())
    }

    /// A new agent of `kind` (not yet a member); returns its id.
    pub(crate) fn new_agent(&mut self, kind: Kind) -> usize {
        let id = self.agents.len();
        let name = format!("{}-{id}", kind.label());
        let addr = self.account_on(self.at, &name);
        let agent = Agent::new(
            id,
            name,
            addr,
            kind,
            self.settings.step_free_share(),
            &mut self.rng,
        );
        self.agents.push(agent);
        id
    }

    /// Members admitted, paid their endowment by the founders, and applying for homes.
    fn found_members(&mut self) -> Result<()> {
        let ids: Vec<usize> = (0..self.agents.len())
            .filter(|&i| self.agents[i].kind != Kind::Founder)
            .collect();
        for &id in &ids {
            self.join(id)?;
        }
        // The four founders pay a quarter of each endowment each.
        let token = self.contracts.token.clone();
        for &id in &ids {
            let endowment = self.agents[id].endowment;
            for f in 0..4u128 {
                let amount = endowment / 4 + if f == 3 { endowment % 4 } else { 0 };
                if amount == 0 {
                    continue;
                }
                let founder = self.agents[f as usize].addr.clone();
                let to = self.agents[id].addr.clone();
                self.exec_a(
                    &founder,
                    &token,
                    &cw20::Cw20ExecuteMsg::Transfer {
                        recipient: to,
                        amount: Uint128::new(amount),
                    },
                )
                .map_err(|e| anyhow!("endowment of {}: {e}", self.agents[id].name))?;
            }
        }
        for id in 0..self.agents.len() {
            self.apply_for_home(id)?;
        }
        Ok(())
    }

    /// `id` applies to the node and a gatekeeper admits it (the gatekeepers know it is a
    /// person who lives here).
    pub(crate) fn join(&mut self, id: usize) -> Result<()> {
        let addr = self.agents[id].addr.clone();
        let council = self.contracts.council.clone();
        self.exec_a(
            &addr,
            &council,
            &council::msg::ExecuteMsg::Apply {
                statement: format!("{} moving in", self.agents[id].kind.label()),
                councils: vec![self.contracts.council_id],
            },
        )
        .map_err(|e| anyhow!("{} applying: {e}", self.agents[id].name))?;
        let gatekeeper = self.agents[1].addr.clone();
        self.exec_a(
            &gatekeeper,
            &council,
            &council::msg::ExecuteMsg::Admit { applicant: addr },
        )
        .map_err(|e| anyhow!("admitting {}: {e}", self.agents[id].name))?;
        let day = self.day;
        let agent = &mut self.agents[id];
        agent.member = true;
        agent.joined_day = day;
        Ok(())
    }

    // ---- chain access ----

    /// The account `name` on node `node`'s chain.
    pub fn account_on(&self, node: usize, name: &str) -> String {
        account(self.net.borrow().relayer.chain(node), name)
    }

    /// The founders of this world's node.
    pub fn founders(&self) -> Vec<String> {
        self.net.borrow().nodes[self.at].cfg.founders.clone()
    }

    pub(crate) fn exec_on<T: Serialize + std::fmt::Debug>(
        &mut self,
        node: usize,
        sender: &str,
        contract: &str,
        msg: &T,
    ) -> std::result::Result<AppResponse, Refusal> {
        self.net
            .borrow_mut()
            .relayer
            .chain_mut(node)
            .app
            .execute_contract(Addr::unchecked(sender), Addr::unchecked(contract), msg, &[])
            .map_err(|e| e.root_cause().to_string())
    }

    pub(crate) fn exec_a<T: Serialize + std::fmt::Debug>(
        &mut self,
        sender: &str,
        contract: &str,
        msg: &T,
    ) -> std::result::Result<AppResponse, Refusal> {
        self.exec_on(self.at, sender, contract, msg)
    }

    /// A cw20 `send` of `dac-1`'s token to `contract` with `hook`.
    pub(crate) fn send_a<T: Serialize + std::fmt::Debug>(
        &mut self,
        sender: &str,
        contract: &str,
        amount: u128,
        hook: &T,
    ) -> std::result::Result<AppResponse, Refusal> {
        let msg = cw20::Cw20ExecuteMsg::Send {
            contract: contract.to_string(),
            amount: Uint128::new(amount),
            msg: to_json_binary(hook).map_err(|e| e.to_string())?,
        };
        let token = self.contracts.token.clone();
        self.exec_a(sender, &token, &msg)
    }

    pub fn query_on<T: Serialize, R: DeserializeOwned>(
        &self,
        node: usize,
        contract: &str,
        msg: &T,
    ) -> Result<R> {
        dac_testing::query(self.net.borrow().relayer.chain(node), contract, msg)
    }

    pub fn query_a<T: Serialize, R: DeserializeOwned>(&self, contract: &str, msg: &T) -> Result<R> {
        self.query_on(self.at, contract, msg)
    }

    pub fn balance(&self, addr: &str) -> Result<u128> {
        let r: cw20::BalanceResponse = self.query_a(
            &self.contracts.token,
            &cw20::Cw20QueryMsg::Balance {
                address: addr.to_string(),
            },
        )?;
        Ok(r.balance.u128())
    }

    pub fn now_seconds(&self) -> u64 {
        self.net.borrow().relayer.chain(self.at).now().seconds()
    }

    /// The founders pass a proposal among themselves (only before anyone else has joined).
    pub(crate) fn founders_pass(
        &mut self,
        title: &str,
        msgs: Vec<cosmwasm_std::CosmosMsg>,
    ) -> Result<u64> {
        let founders = self.founders();
        let council = self.contracts.council.clone();
        pass_proposal(
            &mut OnApp(&mut self.net.borrow_mut().relayer.chain_mut(self.at).app),
            &council,
            &founders,
            title,
            msgs,
        )
    }

    /// Current members of the given kinds, by id.
    pub(crate) fn members_where(&self, pred: impl Fn(&Agent) -> bool) -> Vec<usize> {
        self.agents
            .iter()
            .filter(|a| a.member && pred(a))
            .map(|a| a.id)
            .collect()
    }

    /// Agents by address (for reading events).
    pub(crate) fn by_addr(&self) -> BTreeMap<&str, usize> {
        self.agents
            .iter()
            .map(|a| (a.addr.as_str(), a.id))
            .collect()
    }
}
