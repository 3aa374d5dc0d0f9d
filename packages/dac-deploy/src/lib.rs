//! The one deployment recipe of a DAC node, over any chain.
//!
//! [`deploy_node`] stores the five contracts, instantiates them and wires them so that the council
//! governs everything: the council comes first, so that it is the admin, membership authority
//! and wasmd admin (who may migrate) of the token, the housing registry, the escrow and the relay
//! from their first block; its own first proposal, voted by the founders, names the token and the
//! escrow to it. The deployer keeps no power. Tests, the sandbox and the real-chain scripts all
//! call this function through a [`Chain`]; there is no other copy of the wiring.

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use cosmwasm_std::{to_json_binary, CosmosMsg, Decimal, Uint128, WasmMsg};
use cw20::Cw20Coin;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The contracts of a node, in the order they are deployed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Contract {
    Token,
    Council,
    Housing,
    Escrow,
    Relay,
}

impl Contract {
    pub const ALL: [Contract; 5] = [
        Contract::Token,
        Contract::Council,
        Contract::Housing,
        Contract::Escrow,
        Contract::Relay,
    ];

    /// The crate under `contracts/`.
    pub fn crate_name(self) -> &'static str {
        match self {
            Contract::Token => "demurrage-token",
            Contract::Council => "council",
            Contract::Housing => "housing-registry",
            Contract::Escrow => "escrow",
            Contract::Relay => "ibc-relay",
        }
    }

    /// The optimized artifact `scripts/build-wasm.sh` writes into `artifacts/`.
    pub fn wasm_file(self) -> String {
        format!("{}.wasm", self.crate_name().replace('-', "_"))
    }
}

/// The attributes of the wasm events (`wasm`, `wasm-*`) a message made its contracts emit.
pub type Attributes = Vec<(String, String)>;

/// What a chain must offer the recipe. Implemented by the cw-multi-test harness
/// (`dac-testing`) and, over the `wasmd` command line, by `dac-wasmd` for real chains.
pub trait Chain {
    /// Uploads a contract's code; returns its code id.
    fn store(&mut self, contract: Contract) -> Result<u64>;
    /// Instantiates; returns the new contract's address.
    fn instantiate(
        &mut self,
        sender: &str,
        code_id: u64,
        msg: &Value,
        label: &str,
        admin: Option<&str>,
    ) -> Result<String>;
    /// Executes; returns the attributes of the wasm events (`wasm`, `wasm-*`) the contracts
    /// emitted, in order.
    fn execute(&mut self, sender: &str, contract: &str, msg: &Value) -> Result<Attributes>;
    /// Executes `(sender, contract, msg)` calls of different senders, e.g. the votes on a
    /// proposal; a real chain may include them in the same block. Fails on the first failure.
    fn execute_each(&mut self, calls: &[(String, String, Value)]) -> Result<Vec<Attributes>> {
        calls
            .iter()
            .map(|(sender, contract, msg)| self.execute(sender, contract, msg))
            .collect()
    }
    /// `sender`, the contract's wasmd admin, hands that role to `new_admin` (`MsgUpdateAdmin`).
    fn update_admin(&mut self, sender: &str, contract: &str, new_admin: &str) -> Result<()>;
    fn query(&self, contract: &str, msg: &Value) -> Result<Value>;
    /// Lets `blocks` blocks pass (a proposal sees membership as at the start of its block).
    fn wait_blocks(&mut self, blocks: u64) -> Result<()>;
}

/// A node's constitution at genesis.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct NodeConfig {
    /// A short name, e.g. the chain id; used in labels.
    pub name: String,
    /// Sends the instantiations; keeps no power once the recipe is done.
    pub deployer: String,
    /// The first members: seated in the first (executive) council, paid basic income.
    pub founders: Vec<String>,
    pub head: String,
    pub gatekeepers: Vec<String>,
    pub monitors: Vec<String>,
    /// Each founder's genesis balance.
    pub founder_balance: Uint128,
    pub commons_pool: Uint128,
    pub symbol: String,
    /// Demurrage per period (e.g. 0.05% a day).
    pub demurrage_rate: Decimal,
    pub period_seconds: u64,
    pub income_window_periods: u64,
    pub voting_period_seconds: u64,
    pub housing_fee_per_period: Uint128,
    pub guest_price_per_day: Uint128,
    pub grace_period_seconds: u64,
    pub relay_timeout_seconds: u64,
}

impl NodeConfig {
    /// A node with sensible defaults: 0.05% demurrage a day, a week to vote, a month of grace.
    pub fn new(name: &str, deployer: &str, founders: &[String]) -> Self {
        NodeConfig {
            name: name.to_string(),
            deployer: deployer.to_string(),
            founders: founders.to_vec(),
            head: founders[0].clone(),
            gatekeepers: founders.iter().take(2).cloned().collect(),
            monitors: founders.iter().skip(1).take(1).cloned().collect(),
            founder_balance: Uint128::new(1_000_000_000),
            commons_pool: Uint128::new(10_000_000_000),
            symbol: "CMC".into(),
            demurrage_rate: Decimal::from_ratio(5u32, 10_000u32),
            period_seconds: 86_400,
            income_window_periods: 30,
            voting_period_seconds: 7 * 86_400,
            housing_fee_per_period: Uint128::new(1_000_000),
            guest_price_per_day: Uint128::new(2_000_000),
            grace_period_seconds: 30 * 86_400,
            relay_timeout_seconds: 3_600,
        }
    }
}

/// Where a node lives: written as JSON by the sandbox and the real-chain scripts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Deployment {
    pub node: String,
    pub code_ids: BTreeMap<Contract, u64>,
    pub contracts: BTreeMap<Contract, String>,
    /// The executive council every founder sits in.
    pub executive_council_id: u64,
}

impl Deployment {
    pub fn addr(&self, contract: Contract) -> &str {
        &self.contracts[&contract]
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a deployment always serializes")
    }
}

fn json<T: Serialize>(msg: &T) -> Result<Value> {
    Ok(serde_json::to_value(msg)?)
}

/// The executive council's first council id (councils are numbered from 1 in creation order).
const EXECUTIVE_COUNCIL: u64 = 1;

/// Deploys and wires one node. See the module docs for what "wired" means.
pub fn deploy_node(chain: &mut dyn Chain, cfg: &NodeConfig) -> Result<Deployment> {
    let mut code_ids = BTreeMap::new();
    for contract in Contract::ALL {
        let id = chain
            .store(contract)
            .with_context(|| format!("storing {}", contract.crate_name()))?;
        code_ids.insert(contract, id);
    }
    let deployer = cfg.deployer.as_str();
    let label = |c: Contract| format!("{} {}", cfg.name, c.crate_name());

    let rules = council::msg::VotingRules {
        voting_period_seconds: cfg.voting_period_seconds,
        min_voting_period_seconds: 0,
        threshold: council::msg::Threshold::ThresholdQuorum {
            threshold: Decimal::percent(50),
            quorum: Decimal::percent(33),
        },
        allow_revoting: false,
    };
    let council = chain.instantiate(
        deployer,
        code_ids[&Contract::Council],
        &json(&council::msg::InstantiateMsg {
            head: cfg.head.clone(),
            gatekeepers: cfg.gatekeepers.clone(),
            monitors: cfg.monitors.clone(),
            founders: cfg.founders.clone(),
            councils: vec![
                council::msg::NewCouncil {
                    name: format!("{} city assembly", cfg.name),
                    kind: council::msg::CouncilKind::Consumers,
                    parent: None,
                    executive: true,
                    rules: rules.clone(),
                    members: cfg.founders.clone(),
                },
                council::msg::NewCouncil {
                    name: format!("{} workers' council", cfg.name),
                    kind: council::msg::CouncilKind::Workers,
                    parent: Some(EXECUTIVE_COUNCIL),
                    executive: false,
                    rules,
                    members: cfg.founders.clone(),
                },
            ],
            sanction_authority: council::msg::Authority::Head,
            appeal_authority: council::msg::Authority::Council {
                council_id: EXECUTIVE_COUNCIL,
            },
            appeal_window_seconds: 7 * 86_400,
            max_delegation_depth: 8,
            // Named by the first proposal: the token is instantiated after the council.
            token: None,
            draw_requesters: vec![],
            escrow: None,
            limits: None,
        })?,
        &label(Contract::Council),
        // The council's address is known only now: the deployer is its wasmd admin for one
        // transaction, then hands that to the council itself (so only the council migrates it).
        Some(deployer),
    )?;
    chain
        .update_admin(deployer, &council, &council)
        .context("making the council its own wasmd admin")?;

    // The council governs the token from its first block: admin, membership and migrations.
    let token = chain.instantiate(
        deployer,
        code_ids[&Contract::Token],
        &json(&demurrage_token::msg::InstantiateMsg {
            name: format!("{} commons credit", cfg.name),
            symbol: cfg.symbol.clone(),
            decimals: 6,
            initial_balances: cfg
                .founders
                .iter()
                .map(|f| Cw20Coin {
                    address: f.clone(),
                    amount: cfg.founder_balance,
                })
                .collect(),
            commons_pool: cfg.commons_pool,
            demurrage: demurrage_token::msg::DemurrageParams {
                rate: cfg.demurrage_rate,
                period_seconds: cfg.period_seconds,
            },
            income_window_periods: cfg.income_window_periods,
            admin: Some(council.clone()),
            membership_authority: Some(council.clone()),
            initial_members: cfg.founders.clone(),
            marketing: None,
        })?,
        &label(Contract::Token),
        Some(&council),
    )?;

    let housing = chain.instantiate(
        deployer,
        code_ids[&Contract::Housing],
        &json(&housing_registry::msg::InstantiateMsg {
            admin: Some(council.clone()),
            membership: council.clone(),
            token: token.clone(),
            // Fees fund upkeep through the council, which spends them by proposal.
            treasury: council.clone(),
            fees: housing_registry::msg::FeeParams {
                period_seconds: 30 * 86_400,
                base_fee: cfg.housing_fee_per_period,
                excess_room_fee: cfg.housing_fee_per_period,
            },
            guest: housing_registry::msg::GuestParams {
                price_per_day: cfg.guest_price_per_day,
                full_refund_notice_days: 7,
                late_refund_share: Decimal::percent(50),
                max_stay_days: 30,
                max_advance_days: 180,
                cancellation_fee: housing_registry::msg::default_cancellation_fee(),
                max_nights_held_per_home: housing_registry::msg::default_max_nights_held_per_home(),
                max_nights_held: housing_registry::msg::default_max_nights_held(),
                max_nights_held_per_agent: housing_registry::msg::default_max_nights_held_per_agent(
                ),
            },
            grace_period_seconds: cfg.grace_period_seconds,
            guidelines: vec![housing_registry::msg::Guideline {
                category: "repair".into(),
                max_cost: cfg.housing_fee_per_period * Uint128::new(10),
            }],
            name: format!("{} right of use", cfg.name),
            symbol: "HOME".into(),
        })?,
        &label(Contract::Housing),
        Some(&council),
    )?;

    let escrow = chain.instantiate(
        deployer,
        code_ids[&Contract::Escrow],
        &json(&escrow::msg::InstantiateMsg {
            token: token.clone(),
            council: Some(council.clone()),
            panel_seconds: 14 * 86_400,
            admin: Some(council.clone()),
        })?,
        &label(Contract::Escrow),
        Some(&council),
    )?;

    let relay = chain.instantiate(
        deployer,
        code_ids[&Contract::Relay],
        &json(&ibc_relay::msg::InstantiateMsg {
            admin: council.clone(),
            token: token.clone(),
            housing_registry: Some(housing.clone()),
            escrow: Some(escrow.clone()),
            default_timeout_seconds: cfg.relay_timeout_seconds,
        })?,
        &label(Contract::Relay),
        Some(&council),
    )?;

    // The founders joined in this block; they may vote on proposals created from the next one.
    chain.wait_blocks(1)?;
    // The council tells the token about joins and leaves (basic income) once it knows it.
    let name_token = CosmosMsg::Wasm(WasmMsg::Execute {
        contract_addr: council.clone(),
        msg: to_json_binary(&council::msg::ExecuteMsg::SetToken {
            token: Some(token.clone()),
        })?,
        funds: vec![],
    });
    // The escrow exists only now: the council names it (panels are drawn for its disputes).
    let name_escrow = CosmosMsg::Wasm(WasmMsg::Execute {
        contract_addr: council.clone(),
        msg: to_json_binary(&council::msg::ExecuteMsg::UpdateConfig(
            council::msg::UpdateConfigMsg {
                escrow: Some(escrow.clone()),
                ..Default::default()
            },
        ))?,
        funds: vec![],
    });
    // The relay pays for every remote visitor's booking: as the registry's booking agent its
    // bookings count against each visitor's caps (and its own total), not one payer's.
    let relay_books_for_visitors = CosmosMsg::Wasm(WasmMsg::Execute {
        contract_addr: housing.clone(),
        msg: to_json_binary(&housing_registry::msg::ExecuteMsg::SetBookingAgents {
            agents: vec![relay.clone()],
        })?,
        funds: vec![],
    });
    pass_proposal(
        chain,
        &council,
        &cfg.founders,
        "Name the token and the escrow; let the relay book for remote visitors",
        vec![name_token, name_escrow, relay_books_for_visitors],
    )
    .context("the council's first proposal (token, escrow, booking agent)")?;

    Ok(Deployment {
        node: cfg.name.clone(),
        code_ids,
        contracts: BTreeMap::from([
            (Contract::Token, token),
            (Contract::Council, council),
            (Contract::Housing, housing),
            (Contract::Escrow, escrow),
            (Contract::Relay, relay),
        ]),
        executive_council_id: EXECUTIVE_COUNCIL,
    })
}

/// The council of the node `deployment` recognizes node `name`, whose relay listens on IBC port
/// `counterparty_port` at the other end of `connection_id`, by a proposal the founders pass.
/// Both councils doing so lets a `dac-relay-1` channel open between the two relays.
pub fn recognize_node(
    chain: &mut dyn Chain,
    cfg: &NodeConfig,
    deployment: &Deployment,
    name: &str,
    connection_id: &str,
    counterparty_port: &str,
) -> Result<u64> {
    let msg = CosmosMsg::Wasm(WasmMsg::Execute {
        contract_addr: deployment.addr(Contract::Relay).to_string(),
        msg: to_json_binary(&ibc_relay::msg::ExecuteMsg::RecognizeNode {
            name: name.to_string(),
            connection_id: connection_id.to_string(),
            counterparty_port: counterparty_port.to_string(),
        })?,
        funds: vec![],
    });
    pass_proposal(
        chain,
        deployment.addr(Contract::Council),
        &cfg.founders,
        &format!("Recognize node {name}"),
        vec![msg],
    )
}

/// The first founder proposes `msgs` in the executive council, every founder votes yes, and the
/// proposal is closed (its outcome being certain) and executed. Returns the proposal id.
pub fn pass_proposal(
    chain: &mut dyn Chain,
    council: &str,
    voters: &[String],
    title: &str,
    msgs: Vec<CosmosMsg>,
) -> Result<u64> {
    let id = propose_and_close(chain, council, voters, title, msgs)?;
    chain.execute(
        &voters[0],
        council,
        &json(&council::msg::ExecuteMsg::Execute { proposal_id: id })?,
    )?;
    Ok(id)
}

/// [`pass_proposal`] up to its execution: proposed, voted yes by every voter, closed as passed.
pub fn propose_and_close(
    chain: &mut dyn Chain,
    council: &str,
    voters: &[String],
    title: &str,
    msgs: Vec<CosmosMsg>,
) -> Result<u64> {
    let attrs = chain.execute(
        &voters[0],
        council,
        &json(&council::msg::ExecuteMsg::Propose(
            council::msg::ProposeMsg {
                chambers: vec![council::msg::Body::Council {
                    council_id: EXECUTIVE_COUNCIL,
                }],
                title: title.to_string(),
                topic: "governance".into(),
                description: title.to_string(),
                choices: council::msg::ProposalChoices::YesNo {},
                msgs,
            },
        ))?,
    )?;
    let id: u64 = attrs
        .iter()
        .find(|(k, _)| k == council::attributes::PROPOSAL_ID)
        .context("the council reported no proposal id")?
        .1
        .parse()?;
    let vote = json(&council::msg::ExecuteMsg::Vote {
        proposal_id: id,
        option: council::msg::VoteOption::Yes,
    })?;
    let votes: Vec<_> = voters
        .iter()
        .map(|voter| (voter.clone(), council.to_string(), vote.clone()))
        .collect();
    chain.execute_each(&votes)?;
    chain.execute(
        &voters[0],
        council,
        &json(&council::msg::ExecuteMsg::Close { proposal_id: id })?,
    )?;
    Ok(id)
}

/// The keys (as text) whose values differ between two dumps of a contract's store: what an
/// upgrade changed, in the upgrade tests on cw-multi-test and on a real chain.
pub fn changed_keys<V: PartialEq>(
    before: &BTreeMap<Vec<u8>, V>,
    after: &BTreeMap<Vec<u8>, V>,
) -> Vec<String> {
    let mut keys: Vec<String> = before
        .keys()
        .chain(after.keys())
        .filter(|k| before.get(*k) != after.get(*k))
        .map(|k| String::from_utf8_lossy(k).into_owned())
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// A council key the life of proposal `id` writes: its record, text, status index and ballots
/// (each keyed by the id, big-endian), the proposal counter and the proposer's open proposal.
pub fn is_proposal_record(key: &str, id: u64) -> bool {
    let id = String::from_utf8_lossy(&id.to_be_bytes()).into_owned();
    key.contains(&id) || key == "proposal_count" || key.starts_with("\0\u{e}open_proposals")
}
