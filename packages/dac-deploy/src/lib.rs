//! The one deployment recipe of a DAC node, over any chain.
//!
//! [`deploy_node`] stores the five contracts, instantiates them and wires them so that the council
//! governs everything: the council comes first, so that it is the admin, membership authority
//! and wasmd admin (who may migrate) of the token, the housing registry, the escrow and the relay
//! from their first block; its own first proposal, voted by the founders, names the token, the
//! escrow and (for moves) the relay to it. Every contract goes to an address predicted from the
//! node's name (instantiate2), and a deployment that stopped resumes ([`resume_node`]). The
//! deployer keeps no power. Tests, the sandbox and the real-chain scripts all
//! call this function through a [`Chain`]; there is no other copy of the wiring.

use std::collections::btree_map::Entry;
use std::collections::BTreeMap;

use anyhow::{bail, ensure, Context, Result};
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
    /// Instantiates at the address `salt` fixes (`MsgInstantiateContract2`: the address follows
    /// from the code's checksum, the sender and the salt, see [`predict_address`]); returns it.
    #[allow(clippy::too_many_arguments)]
    fn instantiate2(
        &mut self,
        sender: &str,
        code_id: u64,
        msg: &Value,
        label: &str,
        admin: Option<&str>,
        salt: &[u8],
    ) -> Result<String>;
    /// The contract at `address`, if there is one.
    fn contract_info(&self, address: &str) -> Result<Option<ContractInfo>>;
    /// The sha256 checksum of code `code_id`'s wasm.
    fn checksum(&self, code_id: u64) -> Result<Vec<u8>>;
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

/// The recipe's chain, stopped at its `stop_at`-th transaction (counting from 1): before the
/// transaction is sent (the connection dropped) or, with `landed`, after the chain included it
/// (the deploying machine died before it could record it). The tests cut a deployment at every
/// transaction this way; `dac-wasmd deploy --stop-after` rehearses a resume on a real chain.
pub struct Interrupted<'a> {
    pub inner: &'a mut dyn Chain,
    pub stop_at: usize,
    pub landed: bool,
    /// Transactions sent so far.
    pub sent: usize,
}

impl<'a> Interrupted<'a> {
    pub fn new(inner: &'a mut dyn Chain, stop_at: usize, landed: bool) -> Self {
        Interrupted {
            inner,
            stop_at,
            landed,
            sent: 0,
        }
    }

    fn tx<T>(&mut self, send: impl FnOnce(&mut dyn Chain) -> Result<T>) -> Result<T> {
        self.sent += 1;
        if self.sent != self.stop_at {
            return send(&mut *self.inner);
        }
        if self.landed {
            send(&mut *self.inner)?;
        }
        bail!("interrupted at transaction {} (on purpose)", self.sent)
    }
}

impl Chain for Interrupted<'_> {
    fn store(&mut self, contract: Contract) -> Result<u64> {
        self.tx(|c| c.store(contract))
    }
    fn instantiate2(
        &mut self,
        sender: &str,
        code_id: u64,
        msg: &Value,
        label: &str,
        admin: Option<&str>,
        salt: &[u8],
    ) -> Result<String> {
        self.tx(|c| c.instantiate2(sender, code_id, msg, label, admin, salt))
    }
    fn contract_info(&self, address: &str) -> Result<Option<ContractInfo>> {
        self.inner.contract_info(address)
    }
    fn checksum(&self, code_id: u64) -> Result<Vec<u8>> {
        self.inner.checksum(code_id)
    }
    fn execute(&mut self, sender: &str, contract: &str, msg: &Value) -> Result<Attributes> {
        self.tx(|c| c.execute(sender, contract, msg))
    }
    fn update_admin(&mut self, sender: &str, contract: &str, new_admin: &str) -> Result<()> {
        self.tx(|c| c.update_admin(sender, contract, new_admin))
    }
    fn query(&self, contract: &str, msg: &Value) -> Result<Value> {
        self.inner.query(contract, msg)
    }
    fn wait_blocks(&mut self, blocks: u64) -> Result<()> {
        self.inner.wait_blocks(blocks)
    }
}

/// What a chain says of a contract.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContractInfo {
    pub code_id: u64,
    /// Its wasmd admin (who may migrate it).
    pub admin: Option<String>,
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
    /// Members may move to other nodes from the start: the first proposal has the council and
    /// the relay name each other. (Off for a release without moves, e.g. v0.1.0; a council
    /// can do the same later by proposal.)
    #[serde(default = "moves_by_default")]
    pub allow_moves: bool,
}

fn moves_by_default() -> bool {
    true
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
            allow_moves: true,
        }
    }
}

/// Where a node lives, and how far its deployment got: the real-chain scripts write it as JSON
/// after every step, so that a rerun resumes where the last one stopped ([`resume_node`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Deployment {
    pub node: String,
    pub code_ids: BTreeMap<Contract, u64>,
    pub contracts: BTreeMap<Contract, String>,
    /// The executive council every founder sits in.
    pub executive_council_id: u64,
    /// The council's first proposal (it names the token, the escrow and the relay), once made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wiring_proposal: Option<u64>,
    /// Every step is done. A file without the field predates progress records, which were
    /// written only once a node was whole.
    #[serde(default = "whole")]
    pub complete: bool,
}

fn whole() -> bool {
    true
}

impl Deployment {
    /// A deployment of node `cfg` with nothing done yet.
    pub fn start(cfg: &NodeConfig) -> Self {
        Deployment {
            node: cfg.name.clone(),
            code_ids: BTreeMap::new(),
            contracts: BTreeMap::new(),
            executive_council_id: EXECUTIVE_COUNCIL,
            wiring_proposal: None,
            complete: false,
        }
    }

    pub fn addr(&self, contract: Contract) -> &str {
        &self.contracts[&contract]
    }

    /// The step a rerun starts with, in words.
    pub fn next_step(&self) -> String {
        if self.complete {
            return "none: the node is deployed".into();
        }
        if let Some(c) = Contract::ALL
            .iter()
            .find(|c| !self.code_ids.contains_key(c))
        {
            return format!("storing {}", c.crate_name());
        }
        if let Some(c) = INSTANTIATION_ORDER
            .iter()
            .find(|c| !self.contracts.contains_key(c))
        {
            return format!("instantiating {}", c.crate_name());
        }
        match self.wiring_proposal {
            None => "the council's first proposal".into(),
            Some(id) => format!("voting and executing the council's first proposal ({id})"),
        }
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

/// The council comes first: it is the admin of the others from their first block.
const INSTANTIATION_ORDER: [Contract; 5] = [
    Contract::Council,
    Contract::Token,
    Contract::Housing,
    Contract::Escrow,
    Contract::Relay,
];

/// wasmd's limit on an instantiate2 salt.
const MAX_SALT_BYTES: usize = 64;

/// The salt of `contract`'s address in node `node`: `<node>/<crate>`. A node's addresses follow
/// from its name, its deployer and its code alone, so they are known before it is deployed,
/// and deploying the same node twice is refused instead of making a second one.
pub fn salt(node: &str, contract: Contract) -> Result<Vec<u8>> {
    let salt = format!("{node}/{}", contract.crate_name());
    let longest_crate = Contract::ALL
        .iter()
        .map(|c| c.crate_name().len())
        .max()
        .unwrap_or_default();
    ensure!(
        !node.is_empty() && salt.len() <= MAX_SALT_BYTES,
        "a node name is 1 to {} bytes (its addresses' salts are at most {MAX_SALT_BYTES}), \
         got '{node}': choose a shorter name",
        MAX_SALT_BYTES - 1 - longest_crate
    );
    Ok(salt.into_bytes())
}

/// The address `creator` gets for code with `checksum` and `salt` (wasmd's instantiate2 rule),
/// in `creator`'s bech32 prefix.
pub fn predict_address(checksum: &[u8], creator: &str, salt: &[u8]) -> Result<String> {
    let (hrp, canonical) =
        bech32::decode(creator).with_context(|| format!("'{creator}' is not a bech32 address"))?;
    let address = cosmwasm_std::instantiate2_address(checksum, &canonical.into(), salt)?;
    Ok(bech32::encode::<bech32::Bech32>(hrp, address.as_slice())?)
}

/// Every address node `cfg` will have, from its code's checksums, before anything is deployed.
pub fn predict_node(
    cfg: &NodeConfig,
    checksums: &BTreeMap<Contract, Vec<u8>>,
) -> Result<BTreeMap<Contract, String>> {
    Contract::ALL
        .iter()
        .map(|&c| {
            let checksum = checksums
                .get(&c)
                .with_context(|| format!("no checksum for {}", c.crate_name()))?;
            Ok((
                c,
                predict_address(checksum, &cfg.deployer, &salt(&cfg.name, c)?)?,
            ))
        })
        .collect()
}

/// Deploys and wires one node from nothing. See the module docs for what "wired" means.
pub fn deploy_node(chain: &mut dyn Chain, cfg: &NodeConfig) -> Result<Deployment> {
    let mut progress = Deployment::start(cfg);
    resume_node(chain, cfg, &mut progress, &mut |_| Ok(()))?;
    Ok(progress)
}

/// Takes the deployment of node `cfg` from where `progress` says it stopped to the end, calling
/// `save` after every step. Each contract goes to its predicted address (instantiate2): one
/// already there is refused on a fresh start (the node exists: same deployer, same name) and
/// adopted on a resume (the last run's instantiation landed before it was recorded), if it runs
/// the recorded code. The first proposal is found again the same way.
pub fn resume_node(
    chain: &mut dyn Chain,
    cfg: &NodeConfig,
    progress: &mut Deployment,
    save: &mut dyn FnMut(&Deployment) -> Result<()>,
) -> Result<()> {
    ensure!(
        progress.node == cfg.name,
        "the deployment record is of node '{}', not '{}'",
        progress.node,
        cfg.name
    );
    if progress.complete {
        return Ok(());
    }
    for contract in Contract::ALL {
        salt(&cfg.name, contract)?;
    }
    let fresh = progress.code_ids.is_empty() && progress.contracts.is_empty();
    for contract in Contract::ALL {
        if let Entry::Vacant(slot) = progress.code_ids.entry(contract) {
            slot.insert(
                chain
                    .store(contract)
                    .with_context(|| format!("storing {}", contract.crate_name()))?,
            );
            save(progress)?;
        }
    }
    let mut steps = Steps {
        chain,
        cfg,
        progress,
        save,
        fresh,
    };
    let deployer = cfg.deployer.as_str();
    let rules = council::msg::VotingRules {
        voting_period_seconds: cfg.voting_period_seconds,
        min_voting_period_seconds: 0,
        threshold: council::msg::Threshold::ThresholdQuorum {
            threshold: Decimal::percent(50),
            quorum: Decimal::percent(33),
        },
        allow_revoting: false,
    };
    let council = steps.place(
        Contract::Council,
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
        // The deployer is the council's wasmd admin for one transaction, then hands that to the
        // council itself (so only the council migrates it).
        Some(deployer),
    )?;
    steps.council_admins_itself(&council)?;

    // The council governs the token from its first block: admin, membership and migrations.
    let token = steps.place(
        Contract::Token,
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
        Some(&council),
    )?;

    let housing = steps.place(
        Contract::Housing,
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
        Some(&council),
    )?;

    let escrow = steps.place(
        Contract::Escrow,
        &json(&escrow::msg::InstantiateMsg {
            token: token.clone(),
            council: Some(council.clone()),
            panel_seconds: 14 * 86_400,
            admin: Some(council.clone()),
        })?,
        Some(&council),
    )?;

    let relay = steps.place(
        Contract::Relay,
        &json(&ibc_relay::msg::InstantiateMsg {
            admin: council.clone(),
            token: token.clone(),
            housing_registry: Some(housing.clone()),
            escrow: Some(escrow.clone()),
            default_timeout_seconds: cfg.relay_timeout_seconds,
        })?,
        Some(&council),
    )?;

    // The founders joined in this block; they may vote on proposals created from the next one.
    steps.chain.wait_blocks(1)?;
    // The council tells the token about joins and leaves (basic income) once it knows it.
    let name_token = CosmosMsg::Wasm(WasmMsg::Execute {
        contract_addr: council.clone(),
        msg: to_json_binary(&council::msg::ExecuteMsg::SetToken {
            token: Some(token.clone()),
        })?,
        funds: vec![],
    });
    // The escrow exists only now: the council names it (panels are drawn for its disputes),
    // and, for moves, the relay (whose departures and arrivals it then takes).
    let name_escrow_and_relay = CosmosMsg::Wasm(WasmMsg::Execute {
        contract_addr: council.clone(),
        msg: to_json_binary(&council::msg::ExecuteMsg::UpdateConfig(
            council::msg::UpdateConfigMsg {
                escrow: Some(escrow.clone()),
                relay: cfg.allow_moves.then(|| relay.clone()),
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
    let mut wiring = vec![name_token, name_escrow_and_relay, relay_books_for_visitors];
    if cfg.allow_moves {
        // The relay asks this council for a mover's record and hands it arriving ones.
        wiring.push(CosmosMsg::Wasm(WasmMsg::Execute {
            contract_addr: relay.clone(),
            msg: to_json_binary(&ibc_relay::msg::ExecuteMsg::UpdateConfig {
                housing_registry: None,
                escrow: None,
                default_timeout_seconds: None,
                council: Some(council.clone()),
            })?,
            funds: vec![],
        }));
    }
    steps
        .wire(&council, wiring)
        .context("the council's first proposal (token, escrow, booking agent)")?;
    Ok(())
}

/// The title of the council's first proposal, by which a resumed deployment finds it again.
pub const WIRING_TITLE: &str =
    "Name the token and the escrow; let the relay book for remote visitors";

/// The steps of [`resume_node`] after the uploads, each recorded in `progress` once done.
struct Steps<'a> {
    chain: &'a mut dyn Chain,
    cfg: &'a NodeConfig,
    progress: &'a mut Deployment,
    save: &'a mut dyn FnMut(&Deployment) -> Result<()>,
    fresh: bool,
}

impl Steps<'_> {
    /// Instantiates `contract` at its predicted address, or finds it there (see [`resume_node`]).
    fn place(&mut self, contract: Contract, msg: &Value, admin: Option<&str>) -> Result<String> {
        if let Some(addr) = self.progress.contracts.get(&contract) {
            return Ok(addr.clone());
        }
        let name = contract.crate_name();
        let code_id = self.progress.code_ids[&contract];
        let checksum = self.chain.checksum(code_id)?;
        let salt = salt(&self.cfg.name, contract)?;
        let predicted = predict_address(&checksum, &self.cfg.deployer, &salt)?;
        let addr = match self.chain.contract_info(&predicted)? {
            None => {
                let label = format!("{} {name}", self.cfg.name);
                let addr = self
                    .chain
                    .instantiate2(&self.cfg.deployer, code_id, msg, &label, admin, &salt)
                    .with_context(|| format!("instantiating {name}"))?;
                ensure!(
                    addr == predicted,
                    "the chain put {name} at {addr}, not at {predicted} where instantiate2 \
                     puts it: this chain derives addresses differently"
                );
                addr
            }
            Some(_) if self.fresh => bail!(
                "node '{}' is already deployed on this chain by {}: its {name} is at \
                 {predicted}. Choose another node name, or resume that deployment from its \
                 deployment.json",
                self.cfg.name,
                self.cfg.deployer
            ),
            Some(found) => {
                ensure!(
                    self.chain.checksum(found.code_id)? == checksum,
                    "{predicted}, where this node's {name} belongs, runs code {} and not the \
                     recorded code {code_id}: refusing to adopt it",
                    found.code_id
                );
                predicted
            }
        };
        self.progress.contracts.insert(contract, addr.clone());
        (self.save)(self.progress)?;
        Ok(addr)
    }

    /// The deployer hands the council's wasmd admin role to the council, unless done already.
    fn council_admins_itself(&mut self, council: &str) -> Result<()> {
        let info = self
            .chain
            .contract_info(council)?
            .context("the council is not on the chain")?;
        match info.admin.as_deref() {
            Some(admin) if admin == council => Ok(()),
            Some(admin) if admin == self.cfg.deployer => self
                .chain
                .update_admin(&self.cfg.deployer, council, council)
                .context("making the council its own wasmd admin"),
            other => bail!(
                "the council's wasmd admin is {other:?}, neither the deployer nor the council \
                 itself: refusing to go on"
            ),
        }
    }

    /// The founders pass the council's first proposal: made once (or found again), then voted,
    /// closed and executed from wherever it stands.
    fn wire(&mut self, council: &str, msgs: Vec<CosmosMsg>) -> Result<()> {
        let proposer = &self.cfg.founders[0];
        let id = match self.progress.wiring_proposal {
            Some(id) => id,
            None => {
                let id = match open_proposal_titled(&*self.chain, council, proposer, WIRING_TITLE)?
                {
                    Some(id) => id,
                    None => propose(self.chain, council, proposer, WIRING_TITLE, msgs)?,
                };
                self.progress.wiring_proposal = Some(id);
                (self.save)(self.progress)?;
                id
            }
        };
        let status = see_through(self.chain, council, &self.cfg.founders, id)?;
        ensure!(
            status == council::msg::ProposalStatus::Executed,
            "the council's first proposal ({id}) ended {status:?}: {}",
            proposal(&*self.chain, council, id)?
                .execution_error
                .unwrap_or_default()
        );
        self.progress.complete = true;
        (self.save)(self.progress)
    }
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

/// The first voter proposes `msgs` in the executive council, every voter votes yes, and the
/// proposal is closed (its outcome being certain) and executed. Returns the proposal id; its
/// status says whether its messages ran (`Executed`) or failed (`ExecutionFailed`).
pub fn pass_proposal(
    chain: &mut dyn Chain,
    council: &str,
    voters: &[String],
    title: &str,
    msgs: Vec<CosmosMsg>,
) -> Result<u64> {
    let id = propose(chain, council, &voters[0], title, msgs)?;
    see_through(chain, council, voters, id)?;
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
    let id = propose(chain, council, &voters[0], title, msgs)?;
    close_passed(chain, council, voters, id)?;
    Ok(id)
}

/// `proposer` proposes `msgs` to the executive council, to be decided yes or no.
pub fn propose(
    chain: &mut dyn Chain,
    council: &str,
    proposer: &str,
    title: &str,
    msgs: Vec<CosmosMsg>,
) -> Result<u64> {
    let attrs = chain.execute(
        proposer,
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
    Ok(attrs
        .iter()
        .find(|(k, _)| k == council::attributes::PROPOSAL_ID)
        .context("the council reported no proposal id")?
        .1
        .parse()?)
}

fn proposal(chain: &dyn Chain, council: &str, id: u64) -> Result<council::msg::ProposalResponse> {
    let answer = chain.query(
        council,
        &json(&council::msg::QueryMsg::Proposal { proposal_id: id })?,
    )?;
    Ok(serde_json::from_value(answer)?)
}

/// The open proposal `title` of `proposer`, if there is one (among the first hundred open).
pub fn open_proposal_titled(
    chain: &dyn Chain,
    council: &str,
    proposer: &str,
    title: &str,
) -> Result<Option<u64>> {
    let answer = chain.query(
        council,
        &json(&council::msg::QueryMsg::ListProposals {
            status: Some(council::msg::ProposalStatus::Open),
            start_after: None,
            limit: Some(100),
        })?,
    )?;
    let open: council::msg::ListProposalsResponse = serde_json::from_value(answer)?;
    Ok(open
        .proposals
        .iter()
        .find(|p| p.title == title && p.proposer.as_str() == proposer)
        .map(|p| p.id))
}

/// Every voter who has not voted on open proposal `id` votes yes, then it is closed; fails
/// unless it passed. A proposal already closed as passed (or executed) is left as it is.
pub fn close_passed(
    chain: &mut dyn Chain,
    council: &str,
    voters: &[String],
    id: u64,
) -> Result<()> {
    use council::msg::ProposalStatus::{Executed, Open, Passed};
    if proposal(&*chain, council, id)?.status == Open {
        let vote = json(&council::msg::ExecuteMsg::Vote {
            proposal_id: id,
            option: council::msg::VoteOption::Yes,
        })?;
        let mut votes = vec![];
        for voter in voters {
            let ballot: council::msg::VoteResponse = serde_json::from_value(chain.query(
                council,
                &json(&council::msg::QueryMsg::Vote {
                    proposal_id: id,
                    chamber: None,
                    voter: voter.clone(),
                })?,
            )?)?;
            if ballot.ballot.is_none() {
                votes.push((voter.clone(), council.to_string(), vote.clone()));
            }
        }
        chain.execute_each(&votes)?;
        chain.execute(
            &voters[0],
            council,
            &json(&council::msg::ExecuteMsg::Close { proposal_id: id })?,
        )?;
    }
    let status = proposal(&*chain, council, id)?.status;
    ensure!(
        matches!(status, Passed | Executed),
        "proposal {id} ended {status:?}, not passed"
    );
    Ok(())
}

/// Takes proposal `id` from wherever it stands (open, passed) through its execution; returns
/// its status after (`Executed`, or `ExecutionFailed` when its messages failed).
pub fn see_through(
    chain: &mut dyn Chain,
    council: &str,
    voters: &[String],
    id: u64,
) -> Result<council::msg::ProposalStatus> {
    close_passed(chain, council, voters, id)?;
    if proposal(&*chain, council, id)?.status == council::msg::ProposalStatus::Passed {
        chain.execute(
            &voters[0],
            council,
            &json(&council::msg::ExecuteMsg::Execute { proposal_id: id })?,
        )?;
    }
    Ok(proposal(&*chain, council, id)?.status)
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
