//! Unit tests against a mock demurrage cw20: the harness keeps the escrow's token balance,
//! answers the contract's `Balance` queries with it, applies the payouts the contract returns,
//! and decays the balance on demand, like the real token does.

mod admin;
mod authority;
mod codec;
mod deals;
mod disputes;
mod freeze;
mod freeze_property;
mod information;
mod kinds;
mod panel_link;
mod property;
mod robustness;

use std::collections::BTreeMap;

use cosmwasm_std::testing::{
    message_info, mock_dependencies, mock_env, MockApi, MockQuerier, MockStorage,
};
use cosmwasm_std::{
    from_json, to_json_binary, Addr, BankMsg, Coin, ContractResult, CosmosMsg, Env, OwnedDeps,
    Response, SystemError, SystemResult, Timestamp, Uint128, WasmMsg, WasmQuery,
};
use cw20::{BalanceResponse, Cw20QueryMsg, Cw20ReceiveMsg};

use dac_common::json::read_as_serde_writes;

use crate::contract::{execute, instantiate, query};
use crate::error::ContractError;
use crate::msg::{
    ArbitratorResponse, ConfigResponse, DealKindMsg, DealResponse, DealsResponse, ExecuteMsg,
    InstantiateMsg, ProposeMsg, QueryMsg, ReceiveMsg, StatusKey, VaultResponse,
};
use crate::state::ArbitratorRecord;

pub const DAY: u64 = 24 * 3600;
pub const TOKEN: &str = "demurrage";
pub const TOKEN_DENOM: &str = "token";

/// What the escrow may ask of the token: cw20's `transfer`, or the DAC token's `transfer_all`.
#[derive(serde::Deserialize)]
#[serde(rename_all = "snake_case")]
enum TokenMsg {
    Transfer { recipient: String, amount: Uint128 },
    TransferAll { recipient: String },
}

pub struct Suite {
    pub deps: OwnedDeps<MockStorage, MockApi, MockQuerier>,
    pub env: Env,
    pub token: Addr,
    /// The escrow's balance at the mock token.
    pub balance: u128,
    /// Everything the escrow paid: (recipient, denom or `TOKEN_DENOM`) -> amount.
    pub paid: BTreeMap<(Addr, String), u128>,
    /// Deposited and decayed in all, to check conservation.
    pub deposited: u128,
    pub decayed: u128,
}

impl Suite {
    pub fn new(with_council: bool) -> Self {
        let deps = mock_dependencies();
        let token = deps.api.addr_make(TOKEN);
        let mut suite = Suite {
            deps,
            env: mock_env(),
            token,
            balance: 0,
            paid: BTreeMap::new(),
            deposited: 0,
            decayed: 0,
        };
        let council = with_council.then(|| suite.addr("council").to_string());
        let admin = suite.addr("admin");
        let msg = InstantiateMsg {
            token: suite.token.to_string(),
            council,
            panel_seconds: 10 * DAY,
            admin: None,
        };
        instantiate(
            suite.deps.as_mut(),
            suite.env.clone(),
            message_info(&admin, &[]),
            msg,
        )
        .unwrap();
        suite
    }

    pub fn addr(&self, name: &str) -> Addr {
        self.deps.api.addr_make(name)
    }

    pub fn now(&self) -> Timestamp {
        self.env.block.time
    }

    pub fn wait(&mut self, seconds: u64) {
        self.env.block.time = self.env.block.time.plus_seconds(seconds);
        self.env.block.height += seconds / 5;
    }

    /// The token's demurrage on the escrow's holding: `ppm` parts per million vanish.
    pub fn decay(&mut self, ppm: u128) {
        let kept = self.balance * (1_000_000 - ppm) / 1_000_000;
        self.decayed += self.balance - kept;
        self.balance = kept;
    }

    fn sync_querier(&mut self) {
        let token = self.token.to_string();
        let escrow = self.env.contract.address.to_string();
        let balance = self.balance;
        self.deps.querier.update_wasm(move |query| match query {
            WasmQuery::Smart { contract_addr, msg } if *contract_addr == token => {
                match from_json::<Cw20QueryMsg>(msg) {
                    Ok(Cw20QueryMsg::Balance { address }) => {
                        let balance = if address == escrow { balance } else { 0 };
                        SystemResult::Ok(ContractResult::Ok(
                            to_json_binary(&BalanceResponse {
                                balance: Uint128::new(balance),
                            })
                            .unwrap(),
                        ))
                    }
                    _ => SystemResult::Err(SystemError::Unknown {}),
                }
            }
            _ => SystemResult::Err(SystemError::NoSuchContract {
                addr: "unknown".to_string(),
            }),
        });
    }

    fn apply(&mut self, response: &Response) {
        for sub in &response.messages {
            match &sub.msg {
                CosmosMsg::Wasm(WasmMsg::Execute {
                    contract_addr, msg, ..
                }) => {
                    assert_eq!(*contract_addr, self.token.to_string());
                    // The token's `transfer_all` moves everything the escrow holds.
                    let (recipient, amount) = match from_json(msg).unwrap() {
                        TokenMsg::Transfer { recipient, amount } => (recipient, amount.u128()),
                        TokenMsg::TransferAll { recipient } => (recipient, self.balance),
                    };
                    assert!(amount <= self.balance, "the escrow paid more than it holds");
                    self.balance -= amount;
                    *self
                        .paid
                        .entry((Addr::unchecked(recipient), TOKEN_DENOM.to_string()))
                        .or_default() += amount;
                }
                CosmosMsg::Bank(BankMsg::Send { to_address, amount }) => {
                    for coin in amount {
                        *self
                            .paid
                            .entry((Addr::unchecked(to_address), coin.denom.clone()))
                            .or_default() += coin.amount.u128();
                    }
                }
                other => panic!("unexpected message {other:?}"),
            }
        }
    }

    pub fn exec(
        &mut self,
        sender: &str,
        msg: ExecuteMsg,
        funds: &[Coin],
    ) -> Result<Response, ContractError> {
        let sender = self.addr(sender);
        self.exec_as(&sender, msg, funds)
    }

    /// `who` confirms the deal's performance (revealing nothing).
    pub fn confirm(&mut self, who: &str, deal_id: u64) -> Result<Response, ContractError> {
        self.exec(
            who,
            ExecuteMsg::Confirm {
                deal_id,
                preimage: None,
            },
            &[],
        )
    }

    pub fn exec_as(
        &mut self,
        sender: &Addr,
        msg: ExecuteMsg,
        funds: &[Coin],
    ) -> Result<Response, ContractError> {
        self.sync_querier();
        let response = execute(
            self.deps.as_mut(),
            self.env.clone(),
            message_info(sender, funds),
            msg,
        )?;
        self.apply(&response);
        Ok(response)
    }

    /// A cw20 `Send` of the token: credited to the escrow before the hook runs, undone if
    /// the hook fails (as the real transaction would be).
    pub fn send(
        &mut self,
        sender: &str,
        amount: u128,
        hook: ReceiveMsg,
    ) -> Result<Response, ContractError> {
        let token = self.token.clone();
        self.send_via(&token, sender, amount, hook)
    }

    pub fn send_via(
        &mut self,
        token: &Addr,
        sender: &str,
        amount: u128,
        hook: ReceiveMsg,
    ) -> Result<Response, ContractError> {
        let credited = *token == self.token;
        if credited {
            self.balance += amount;
        }
        let msg = ExecuteMsg::Receive(Cw20ReceiveMsg {
            sender: self.addr(sender).to_string(),
            amount: Uint128::new(amount),
            msg: to_json_binary(&hook).unwrap(),
        });
        let result = self.exec_as(token, msg, &[]);
        if credited {
            match &result {
                Ok(_) => self.deposited += amount,
                Err(_) => self.balance -= amount,
            }
        }
        result
    }

    /// The answer, checked to be what serde writes for it (the contract writes it by the lean
    /// writer).
    pub fn query<T: serde::de::DeserializeOwned + serde::Serialize>(&mut self, msg: QueryMsg) -> T {
        self.sync_querier();
        read_as_serde_writes(&query(self.deps.as_ref(), self.env.clone(), msg).unwrap())
    }

    pub fn deal(&mut self, deal_id: u64) -> DealResponse {
        self.query(QueryMsg::Deal { deal_id })
    }

    pub fn status(&mut self, deal_id: u64) -> StatusKey {
        self.deal(deal_id).status
    }

    pub fn vault(&mut self) -> VaultResponse {
        self.query(QueryMsg::Vault {})
    }

    pub fn config(&mut self) -> ConfigResponse {
        self.query(QueryMsg::Config {})
    }

    pub fn record(&mut self, name: &str) -> ArbitratorRecord {
        let address = self.addr(name).to_string();
        let response: ArbitratorResponse = self.query(QueryMsg::Arbitrator { address });
        response.record
    }

    pub fn deals(&mut self, msg: QueryMsg) -> Vec<u64> {
        let response: DealsResponse = self.query(msg);
        response.deals.iter().map(|d| d.deal.id).collect()
    }

    pub fn paid_to(&self, name: &str) -> u128 {
        self.paid_in(name, TOKEN_DENOM)
    }

    pub fn paid_in(&self, name: &str, denom: &str) -> u128 {
        self.paid
            .get(&(self.addr(name), denom.to_string()))
            .copied()
            .unwrap_or(0)
    }

    /// Everything observable about a deal and the escrow, to show a refused message changed
    /// nothing.
    pub fn snapshot(&mut self, deal_id: u64) -> (DealResponse, VaultResponse, u128) {
        (self.deal(deal_id), self.vault(), self.balance)
    }

    /// Terms between "buyer" (proposer) and "seller", arbitrated by "arb".
    pub fn terms(&self, kind: DealKindMsg) -> ProposeMsg {
        ProposeMsg {
            counterparty: self.addr("seller").to_string(),
            arbitrator: self.addr("arb").to_string(),
            kind,
            counterparty_stake: Uint128::new(200),
            arbitrator_collateral: Uint128::new(100),
            sign_by: self.now().plus_seconds(DAY),
            due: self.now().plus_seconds(30 * DAY),
            grace_seconds: 3 * DAY,
            ruling_seconds: 7 * DAY,
            appeal_seconds: 7 * DAY,
            description: "a container of olive oil".to_string(),
        }
    }

    /// Proposes in the token (buyer stakes `amount`); returns the deal id.
    pub fn propose(&mut self, terms: ProposeMsg, amount: u128) -> u64 {
        let response = self
            .send("buyer", amount, ReceiveMsg::Propose(terms))
            .unwrap();
        deal_id_of(&response)
    }

    /// Seller and arbitrator sign a two-party token deal with the default stakes.
    pub fn sign_all(&mut self, deal_id: u64) {
        self.send("seller", 200, ReceiveMsg::Sign { deal_id })
            .unwrap();
        self.send("arb", 100, ReceiveMsg::PostCollateral { deal_id })
            .unwrap();
    }

    /// A signed, active token deal of `kind` with a 1000 stake from the buyer.
    pub fn active(&mut self, kind: DealKindMsg) -> u64 {
        let terms = self.terms(kind);
        let id = self.propose(terms, 1000);
        self.sign_all(id);
        assert_eq!(self.status(id), StatusKey::Active);
        id
    }

    /// A closed deal holds nothing; the escrow holds nothing once every deal is closed.
    pub fn assert_emptied(&mut self, deal_id: u64) {
        let deal = self.deal(deal_id);
        assert_eq!(deal.status, StatusKey::Closed);
        assert!(
            deal.deal.total_units().is_zero(),
            "a closed deal kept units"
        );
    }
}

pub fn deal_id_of(response: &Response) -> u64 {
    response
        .attributes
        .iter()
        .find(|a| a.key == crate::attributes::DEAL_ID)
        .map(|a| a.value.parse().unwrap())
        .unwrap()
}
