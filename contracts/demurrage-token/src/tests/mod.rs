//! Unit tests, by concern. `Token` is the fixture every test starts from: a node whose founders
//! hold 1,000,000 and 500,000 units, with 1,000,000 in the commons pool, decaying 0.1% a day.

mod authority;
mod cw20_messages;
mod cw20_side_by_side;
mod demurrage;
mod governance;
mod income;
mod property;
mod robustness;

use cosmwasm_std::testing::{
    message_info, mock_dependencies, mock_env, MockApi, MockQuerier, MockStorage,
};
use cosmwasm_std::{from_json, Addr, Decimal, Env, Order, OwnedDeps, Response, Storage, Uint128};
use cw20::{BalanceResponse, Cw20Coin};

use crate::contract::{execute, instantiate, query};
use crate::error::ContractError;
use crate::ledger::{holders_value, INCOME_SCALE};
use crate::msg::{CommonsPoolResponse, DemurrageParams, ExecuteMsg, InstantiateMsg, QueryMsg};
use crate::state::{accounts, load_commons, load_shares};

pub const DAY: u64 = 86_400;

pub struct Token {
    pub deps: OwnedDeps<MockStorage, MockApi, MockQuerier>,
    pub env: Env,
    pub admin: Addr,
    pub alice: Addr,
    pub bob: Addr,
    pub carol: Addr,
}

pub fn default_instantiate(api: &MockApi) -> InstantiateMsg {
    InstantiateMsg {
        name: "Commons Credit".into(),
        symbol: "CMC".into(),
        decimals: 6,
        initial_balances: vec![
            Cw20Coin {
                address: api.addr_make("alice").into(),
                amount: Uint128::new(1_000_000),
            },
            Cw20Coin {
                address: api.addr_make("bob").into(),
                amount: Uint128::new(500_000),
            },
        ],
        commons_pool: Uint128::new(1_000_000),
        demurrage: DemurrageParams {
            rate: Decimal::permille(1),
            period_seconds: DAY,
        },
        income_window_periods: 30,
        admin: Some(api.addr_make("admin").into()),
        membership_authority: None,
        initial_members: vec![],
        marketing: None,
    }
}

impl Token {
    pub fn new() -> Self {
        Self::with(|_| {})
    }

    pub fn with(edit: impl FnOnce(&mut InstantiateMsg)) -> Self {
        Self::try_with(edit).unwrap_or_else(|e| panic!("instantiate: {e}"))
    }

    /// The fixture, or the error its (edited) instantiate message gets.
    pub fn try_with(edit: impl FnOnce(&mut InstantiateMsg)) -> Result<Self, ContractError> {
        let mut deps = mock_dependencies();
        let env = mock_env();
        let mut msg = default_instantiate(&deps.api);
        edit(&mut msg);
        let admin = deps.api.addr_make("admin");
        instantiate(deps.as_mut(), env.clone(), message_info(&admin, &[]), msg)?;
        let (alice, bob, carol) = (
            deps.api.addr_make("alice"),
            deps.api.addr_make("bob"),
            deps.api.addr_make("carol"),
        );
        Ok(Token {
            deps,
            env,
            admin,
            alice,
            bob,
            carol,
        })
    }

    pub fn addr(&self, name: &str) -> Addr {
        self.deps.api.addr_make(name)
    }

    pub fn exec(&mut self, sender: &Addr, msg: ExecuteMsg) -> Result<Response, ContractError> {
        execute(
            self.deps.as_mut(),
            self.env.clone(),
            message_info(sender, &[]),
            msg,
        )
    }

    pub fn query<T: serde::de::DeserializeOwned>(&self, msg: QueryMsg) -> T {
        from_json(query(self.deps.as_ref(), self.env.clone(), msg).unwrap()).unwrap()
    }

    pub fn balance(&self, who: &Addr) -> Uint128 {
        let r: BalanceResponse = self.query(QueryMsg::Balance {
            address: who.to_string(),
        });
        r.balance
    }

    pub fn pool(&self) -> CommonsPoolResponse {
        self.query(QueryMsg::CommonsPool {})
    }

    pub fn advance(&mut self, seconds: u64) {
        self.env.block.time = self.env.block.time.plus_seconds(seconds);
        self.env.block.height += seconds / 5;
    }

    pub fn transfer(&mut self, from: &Addr, to: &Addr, amount: u128) -> Response {
        self.exec(
            from,
            ExecuteMsg::Transfer {
                recipient: to.to_string(),
                amount: Uint128::new(amount),
            },
        )
        .unwrap()
    }

    /// Every stored key and value: two equal snapshots mean nothing was written.
    pub fn storage_snapshot(&self) -> Vec<(Vec<u8>, Vec<u8>)> {
        self.deps
            .storage
            .range(None, None, Order::Ascending)
            .collect()
    }

    /// The laws, checked against the accounts themselves, not the counters:
    /// Σ shares == total shares exactly; pool + holders' value == supply exactly (as stored,
    /// and as the queries see it now); Σ balances is below the holders' value by at most one
    /// unit per holder; the pool covers all income owed.
    pub fn assert_conserved(&self) {
        let storage = &self.deps.storage;
        let commons = load_commons(storage).unwrap();
        let holders: Vec<Addr> = accounts(storage, None).map(|a| a.unwrap()).collect();
        let shares: cosmwasm_std::Uint256 = holders
            .iter()
            .map(|a| load_shares(storage, a).unwrap())
            .sum();
        assert_eq!(shares, commons.total_shares, "Σ shares == total shares");
        let info: cw20::TokenInfoResponse = self.query(QueryMsg::TokenInfo {});
        assert_eq!(
            commons.pool + holders_value(commons.total_shares, commons.index).unwrap(),
            info.total_supply,
            "stored: pool + holders' value == total supply"
        );
        let now = self.pool();
        assert_eq!(now.total_shares, commons.total_shares);
        assert_eq!(
            now.pool + now.stored_balances,
            info.total_supply,
            "now: pool + holders' value == total supply"
        );
        let balances: Uint128 = holders.iter().map(|a| self.balance(a)).sum();
        assert!(
            balances <= now.stored_balances,
            "balances never exceed the holders' value"
        );
        assert!(
            now.stored_balances - balances <= Uint128::new(holders.len() as u128),
            "short by at most a unit per holder: {} vs {balances}, {} holders",
            now.stored_balances,
            holders.len()
        );
        assert!(
            cosmwasm_std::Uint256::from(commons.pool) * INCOME_SCALE >= commons.owed,
            "the pool covers all income owed"
        );
    }
}

pub fn attr<'a>(res: &'a Response, key: &str) -> &'a str {
    &res.attributes
        .iter()
        .find(|a| a.key == key)
        .unwrap_or_else(|| panic!("no attribute {key}"))
        .value
}
