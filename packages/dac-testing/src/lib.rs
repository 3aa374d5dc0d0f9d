//! The shared test harness. [`Node`] deploys a whole node into a cw-multi-test App through the
//! one recipe ([`dac_deploy::deploy_node`]); two nodes ([`TwoNodes`]) or a mesh of more
//! ([`Mesh`]), each on its own chain, are joined by the IBC harness's [`Relayer`]. Every App is
//! the harness's [`IbcApp`], so there is one App type in the workspace.

use anyhow::{anyhow, Result};
use cosmwasm_std::{to_json_binary, Addr, Checksum, CosmosMsg, Empty, Timestamp, Uint128, WasmMsg};
use cw_multi_test::error::AnyResult;
use cw_multi_test::{AppResponse, Contract as MultiTestContract, ContractWrapper, Executor};
use dac_deploy::{
    deploy_node, pass_proposal, Chain, Contract, ContractInfo, Deployment, NodeConfig,
};
use dac_ibc_harness::{ibc_sudo, Chain as IbcChain, IbcApp, Relayer, Side};
use serde_json::Value;

pub use dac_deploy;
pub use dac_ibc_harness;

pub mod beacon;
mod mesh;
mod two_nodes;
pub use mesh::{build, connection_ids, move_messages, At, Deployed, Link, Mesh, PREFIXES};
pub use two_nodes::{is_error, recognize, NodeInfo, TwoNodes, CONNECTION};

pub const DAY: u64 = 86_400;
/// Test chains start on 2026-01-01.
pub const GENESIS_SECONDS: u64 = 1_767_225_600;

dac_ibc_harness::ibc_entry_points!(RelayIbc, ibc_relay::contract);

/// The code of each contract, as cw-multi-test runs it: the real entry points. Its checksum
/// stands in for the wasm's sha256: the same code has the same checksum however often it is
/// stored, as on wasmd, so instantiate2 addresses behave as there.
pub fn contract_code(contract: Contract) -> Box<dyn MultiTestContract<Empty>> {
    let checksum = Checksum::generate(contract.wasm_file().as_bytes());
    match contract {
        Contract::Token => Box::new(
            ContractWrapper::new(
                demurrage_token::contract::execute,
                demurrage_token::contract::instantiate,
                demurrage_token::contract::query,
            )
            .with_migrate(demurrage_token::contract::migrate)
            .with_checksum(checksum),
        ),
        Contract::Council => Box::new(
            ContractWrapper::new(
                council::contract::execute,
                council::contract::instantiate,
                council::contract::query,
            )
            .with_reply(|deps, env, reply| council::contract::reply(deps, env, reply.into()))
            .with_migrate(council::contract::migrate)
            .with_checksum(checksum),
        ),
        Contract::Housing => Box::new(
            ContractWrapper::new(
                housing_registry::contract::execute,
                housing_registry::contract::instantiate,
                housing_registry::contract::query,
            )
            .with_migrate(housing_registry::contract::migrate)
            .with_checksum(checksum),
        ),
        Contract::Escrow => Box::new(
            ContractWrapper::new(
                escrow::contract::execute,
                escrow::contract::instantiate,
                escrow::contract::query,
            )
            .with_migrate(escrow::contract::migrate)
            .with_checksum(checksum),
        ),
        Contract::Relay => Box::new(
            ContractWrapper::new(
                ibc_relay::contract::execute,
                ibc_relay::contract::instantiate,
                ibc_relay::contract::query,
            )
            .with_reply(ibc_relay::contract::reply)
            .with_sudo(ibc_sudo::<RelayIbc>)
            .with_migrate(ibc_relay::contract::migrate)
            .with_checksum(checksum),
        ),
    }
}

/// The recipe's [`Chain`] on a cw-multi-test App.
pub struct OnApp<'a>(pub &'a mut IbcApp);

impl Chain for OnApp<'_> {
    fn store(&mut self, contract: Contract) -> Result<u64> {
        Ok(self.0.store_code(contract_code(contract)))
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
        let addr = self.0.instantiate2_contract(
            code_id,
            Addr::unchecked(sender),
            msg,
            &[],
            label,
            admin.map(String::from),
            salt.to_vec(),
        )?;
        Ok(addr.into())
    }

    fn contract_info(&self, address: &str) -> Result<Option<ContractInfo>> {
        // cw-multi-test answers an unknown address with an error, as wasmd does.
        Ok(self
            .0
            .wrap()
            .query_wasm_contract_info(address)
            .ok()
            .map(|info| ContractInfo {
                code_id: info.code_id,
                admin: info.admin.map(String::from),
            }))
    }

    fn checksum(&self, code_id: u64) -> Result<Vec<u8>> {
        Ok(self
            .0
            .wrap()
            .query_wasm_code_info(code_id)?
            .checksum
            .as_slice()
            .to_vec())
    }

    fn execute(
        &mut self,
        sender: &str,
        contract: &str,
        msg: &Value,
    ) -> Result<Vec<(String, String)>> {
        let res = self.0.execute_contract(
            Addr::unchecked(sender),
            Addr::unchecked(contract),
            msg,
            &[],
        )?;
        Ok(res
            .events
            .iter()
            .filter(|e| e.ty.starts_with("wasm"))
            .flat_map(|e| e.attributes.iter())
            .map(|a| (a.key.clone(), a.value.clone()))
            .collect())
    }

    fn update_admin(&mut self, sender: &str, contract: &str, new_admin: &str) -> Result<()> {
        self.0.execute(
            Addr::unchecked(sender),
            CosmosMsg::Wasm(WasmMsg::UpdateAdmin {
                contract_addr: contract.to_string(),
                admin: new_admin.to_string(),
            }),
        )?;
        Ok(())
    }

    fn query(&self, contract: &str, msg: &Value) -> Result<Value> {
        self.0
            .wrap()
            .query_wasm_smart::<Value>(contract, msg)
            .map_err(|e| anyhow!("query {contract}: {e}"))
    }

    fn wait_blocks(&mut self, blocks: u64) -> Result<()> {
        self.0.update_block(|b| {
            b.height += blocks;
            b.time = b.time.plus_seconds(5 * blocks);
        });
        Ok(())
    }
}

/// Named accounts of a node's test chain.
pub fn account(chain: &IbcChain, name: &str) -> String {
    chain.app.api().addr_make(name).into()
}

/// The founders every test node starts with.
pub const FOUNDERS: [&str; 4] = ["ada", "bea", "cyd", "dov"];

/// A node config for a test chain: the founders above, the deployer `deployer`.
pub fn test_config(chain: &IbcChain, name: &str) -> NodeConfig {
    let founders: Vec<String> = FOUNDERS.iter().map(|f| account(chain, f)).collect();
    NodeConfig::new(name, &account(chain, "deployer"), &founders)
}

/// Deploys a node on `chain` through the one recipe.
pub fn deploy_on(chain: &mut IbcChain, cfg: &NodeConfig) -> Result<Deployment> {
    deploy_node(&mut OnApp(&mut chain.app), cfg)
}

/// One node on its own chain, with typed shorthands for what tests do to it: act on a contract
/// as someone, pass a proposal in the executive council, read balances, move time.
pub struct Node {
    pub chain: IbcChain,
    pub cfg: NodeConfig,
    pub deployment: Deployment,
}

impl Node {
    /// A node deployed through the recipe with the test constitution ([`test_config`]).
    pub fn new(chain_id: &str, prefix: &'static str) -> Result<Self> {
        Self::with_config(chain_id, prefix, |_| {})
    }

    /// As [`Node::new`], with the constitution adjusted by `adjust` before the recipe runs
    /// (other balances, rates, fees, founders: whatever a test needs that the defaults are not).
    pub fn with_config(
        chain_id: &str,
        prefix: &'static str,
        adjust: impl FnOnce(&mut NodeConfig),
    ) -> Result<Self> {
        let mut chain = IbcChain::new(chain_id, prefix, Timestamp::from_seconds(GENESIS_SECONDS));
        let mut cfg = test_config(&chain, chain_id);
        adjust(&mut cfg);
        let deployment = deploy_on(&mut chain, &cfg)?;
        Ok(Node {
            chain,
            cfg,
            deployment,
        })
    }

    /// The usual single node of a story: `dac-1`, addresses `dac1…`.
    pub fn deploy() -> Self {
        Self::new("dac-1", "dac").expect("the recipe deploys a node")
    }

    /// As [`Node::deploy`], with the constitution adjusted by `adjust`.
    pub fn deploy_with(adjust: impl FnOnce(&mut NodeConfig)) -> Self {
        Self::with_config("dac-1", "dac", adjust).expect("the recipe deploys a node")
    }

    /// The address of the named account on this node's chain ("ada", "bea", "cyd" and "dov"
    /// are the founders; "ada" is the head, "ada" and "bea" gatekeepers).
    pub fn addr(&self, name: &str) -> Addr {
        self.chain.app.api().addr_make(name)
    }

    pub fn contract(&self, contract: Contract) -> Addr {
        Addr::unchecked(self.deployment.addr(contract))
    }

    pub fn founders(&self) -> Vec<Addr> {
        self.cfg.founders.iter().map(Addr::unchecked).collect()
    }

    pub fn head(&self) -> Addr {
        Addr::unchecked(&self.cfg.head)
    }

    pub fn gatekeeper(&self) -> Addr {
        Addr::unchecked(&self.cfg.gatekeepers[0])
    }

    /// `sender` executes `msg` on one of the node's contracts.
    pub fn execute<T: serde::Serialize + std::fmt::Debug>(
        &mut self,
        sender: &Addr,
        contract: Contract,
        msg: &T,
    ) -> AnyResult<AppResponse> {
        let contract = self.contract(contract);
        self.chain
            .app
            .execute_contract(sender.clone(), contract, msg, &[])
    }

    pub fn execute_council(
        &mut self,
        sender: &Addr,
        msg: &council::msg::ExecuteMsg,
    ) -> AnyResult<AppResponse> {
        self.execute(sender, Contract::Council, msg)
    }

    pub fn execute_token(
        &mut self,
        sender: &Addr,
        msg: &demurrage_token::msg::ExecuteMsg,
    ) -> AnyResult<AppResponse> {
        self.execute(sender, Contract::Token, msg)
    }

    /// A plain cw20 message to the token: what a wallet or another contract sends.
    pub fn execute_cw20(
        &mut self,
        sender: &Addr,
        msg: &cw20::Cw20ExecuteMsg,
    ) -> AnyResult<AppResponse> {
        self.execute(sender, Contract::Token, msg)
    }

    pub fn execute_housing(
        &mut self,
        sender: &Addr,
        msg: &housing_registry::msg::ExecuteMsg,
    ) -> AnyResult<AppResponse> {
        self.execute(sender, Contract::Housing, msg)
    }

    pub fn execute_escrow(
        &mut self,
        sender: &Addr,
        msg: &escrow::msg::ExecuteMsg,
    ) -> AnyResult<AppResponse> {
        self.execute(sender, Contract::Escrow, msg)
    }

    /// `sender` pays `amount` of the token to `contract` with a cw20 `Send` carrying `msg`
    /// (the contract's `ReceiveMsg`).
    pub fn send_token<T: serde::Serialize>(
        &mut self,
        sender: &Addr,
        contract: Contract,
        amount: u128,
        msg: &T,
    ) -> AnyResult<AppResponse> {
        let contract = self.contract(contract).into_string();
        self.execute_cw20(
            sender,
            &cw20::Cw20ExecuteMsg::Send {
                contract,
                amount: Uint128::new(amount),
                msg: to_json_binary(msg)?,
            },
        )
    }

    /// Queries one of the node's contracts into `R`.
    pub fn try_query<T: serde::Serialize, R: serde::de::DeserializeOwned>(
        &self,
        contract: Contract,
        msg: &T,
    ) -> Result<R> {
        query(&self.chain, self.deployment.addr(contract), msg)
    }

    /// Queries one of the node's contracts into `R`; a refused query fails the test.
    pub fn query<T: serde::Serialize, R: serde::de::DeserializeOwned>(
        &self,
        contract: Contract,
        msg: &T,
    ) -> R {
        self.try_query(contract, msg)
            .unwrap_or_else(|e| panic!("{contract:?} answers: {e}"))
    }

    pub fn query_council<R: serde::de::DeserializeOwned>(&self, msg: &council::msg::QueryMsg) -> R {
        self.query(Contract::Council, msg)
    }

    pub fn query_token<R: serde::de::DeserializeOwned>(
        &self,
        msg: &demurrage_token::msg::QueryMsg,
    ) -> R {
        self.query(Contract::Token, msg)
    }

    pub fn query_housing<R: serde::de::DeserializeOwned>(
        &self,
        msg: &housing_registry::msg::QueryMsg,
    ) -> R {
        self.query(Contract::Housing, msg)
    }

    pub fn query_escrow<R: serde::de::DeserializeOwned>(&self, msg: &escrow::msg::QueryMsg) -> R {
        self.query(Contract::Escrow, msg)
    }

    /// The token balance of `addr` (after demurrage, as the cw20 `balance` query answers).
    pub fn token_balance(&self, addr: impl Into<String>) -> u128 {
        let r: cw20::BalanceResponse = self.query(
            Contract::Token,
            &cw20::Cw20QueryMsg::Balance {
                address: addr.into(),
            },
        );
        r.balance.u128()
    }

    /// Whether the token pays `addr` basic income.
    pub fn token_member(&self, addr: impl Into<String>) -> bool {
        let r: demurrage_token::msg::MemberResponse =
            self.query_token(&demurrage_token::msg::QueryMsg::Member {
                address: addr.into(),
            });
        r.is_member
    }

    /// `addr`'s weight in the council (`None`: not a member).
    pub fn council_weight(&self, addr: impl Into<String>) -> Option<u64> {
        let r: cw4::MemberResponse = self.query_council(&council::msg::QueryMsg::Member {
            addr: addr.into(),
            at_height: None,
        });
        r.weight
    }

    pub fn proposal(&self, proposal_id: u64) -> council::msg::ProposalResponse {
        self.query_council(&council::msg::QueryMsg::Proposal { proposal_id })
    }

    /// A message from the council to one of the node's contracts, for a proposal.
    pub fn wasm_msg<T: serde::Serialize>(&self, contract: Contract, msg: &T) -> CosmosMsg {
        CosmosMsg::Wasm(WasmMsg::Execute {
            contract_addr: self.deployment.addr(contract).to_string(),
            msg: json_binary(msg),
            funds: vec![],
        })
    }

    /// Every founder votes yes on `msgs` in the executive council; it is closed and executed.
    /// Returns the proposal id (its status says whether the messages succeeded).
    pub fn pass(&mut self, title: &str, msgs: Vec<CosmosMsg>) -> Result<u64> {
        let founders = self.cfg.founders.clone();
        self.pass_by(&founders, title, msgs)
    }

    /// As [`Node::pass`], with `voters` (the first proposes) instead of the founders: after a
    /// founder has left, or when the council has other members.
    pub fn pass_by(&mut self, voters: &[String], title: &str, msgs: Vec<CosmosMsg>) -> Result<u64> {
        let council = self.deployment.addr(Contract::Council).to_string();
        pass_proposal(
            &mut OnApp(&mut self.chain.app),
            &council,
            voters,
            title,
            msgs,
        )
    }

    /// Moves the clock forward by `seconds` (and the height, five seconds a block).
    pub fn advance(&mut self, seconds: u64) {
        self.chain.advance_seconds(seconds);
    }

    /// Moves to the next block: what a snapshot taken "at the start of a block" needs.
    pub fn next_block(&mut self) {
        self.chain.advance_seconds(5);
    }

    pub fn now(&self) -> Timestamp {
        self.chain.now()
    }
}

/// The value of the wasm attribute `key` in `res` (the first one, from any contract).
pub fn attribute(res: &AppResponse, key: &str) -> Option<String> {
    res.events
        .iter()
        .filter(|e| e.ty.starts_with("wasm"))
        .flat_map(|e| e.attributes.iter())
        .find(|a| a.key == key)
        .map(|a| a.value.clone())
}

/// Executes `msg` on `contract` as `sender` on one chain: the tests' shorthand.
pub fn exec<T: serde::Serialize>(
    chain: &mut IbcChain,
    sender: &str,
    contract: &str,
    msg: &T,
) -> Result<Vec<(String, String)>> {
    OnApp(&mut chain.app).execute(sender, contract, &serde_json::to_value(msg)?)
}

/// Queries `contract` on one chain into `R`.
pub fn query<T: serde::Serialize, R: serde::de::DeserializeOwned>(
    chain: &IbcChain,
    contract: &str,
    msg: &T,
) -> Result<R> {
    chain
        .app
        .wrap()
        .query_wasm_smart(contract, msg)
        .map_err(|e| anyhow!("query {contract}: {e}"))
}

/// Moves both chains' clocks forward together.
pub fn advance_both(relayer: &mut Relayer, seconds: u64) {
    relayer.chain_mut(Side::A).advance_seconds(seconds);
    relayer.chain_mut(Side::B).advance_seconds(seconds);
}

pub fn json_binary<T: serde::Serialize>(msg: &T) -> cosmwasm_std::Binary {
    to_json_binary(msg).expect("test messages serialize")
}
