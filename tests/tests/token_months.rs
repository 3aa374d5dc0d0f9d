//! Six months in a node's economy, driven through plain `cw20` messages: a shop contract that
//! only knows `Cw20ExecuteMsg` / `Cw20QueryMsg` is paid with `Send`, pays its supplier with
//! `Transfer`, and the members live on basic income. At the end the books balance to the unit.

use cosmwasm_std::{
    to_json_binary, Addr, Binary, Decimal, Deps, DepsMut, Empty, Env, MessageInfo, Response,
    StdError, StdResult, Uint128, Uint256, WasmMsg,
};
use cw20::{
    AllAccountsResponse, BalanceResponse, Cw20Coin, Cw20ExecuteMsg, Cw20QueryMsg, Cw20ReceiveMsg,
};
use cw_multi_test::{App, ContractWrapper, Executor};
use demurrage_token::msg::{
    AccountResponse, ClaimableResponse, CommonsPoolResponse, DemurrageParams,
    ExecuteMsg as TokenExecute, InstantiateMsg as TokenInstantiate, QueryMsg as TokenQuery,
};

const DAY: u64 = 86_400;

/// A shop that keeps half of each payment and forwards the other half to its supplier.
mod shop {
    use super::*;
    use cw_storage_plus::Item;

    pub const TOKEN: Item<Addr> = Item::new("token");
    pub const SUPPLIER: Item<Addr> = Item::new("supplier");

    #[cosmwasm_schema::cw_serde]
    pub struct Init {
        pub token: String,
        pub supplier: String,
    }

    #[cosmwasm_schema::cw_serde]
    pub enum Exec {
        Receive(Cw20ReceiveMsg),
        /// Pays everything the shop holds to `to`, reading the balance through `Cw20QueryMsg`.
        PayOut {
            to: String,
        },
    }

    pub fn instantiate(deps: DepsMut, _: Env, _: MessageInfo, msg: Init) -> StdResult<Response> {
        TOKEN.save(deps.storage, &deps.api.addr_validate(&msg.token)?)?;
        SUPPLIER.save(deps.storage, &deps.api.addr_validate(&msg.supplier)?)?;
        Ok(Response::new())
    }

    pub fn execute(deps: DepsMut, env: Env, info: MessageInfo, msg: Exec) -> StdResult<Response> {
        let token = TOKEN.load(deps.storage)?;
        let transfer = |recipient: String, amount: Uint128| -> StdResult<WasmMsg> {
            Ok(WasmMsg::Execute {
                contract_addr: token.to_string(),
                msg: to_json_binary(&Cw20ExecuteMsg::Transfer { recipient, amount })?,
                funds: vec![],
            })
        };
        match msg {
            Exec::Receive(r) => {
                if info.sender != token {
                    return Err(StdError::generic_err("unknown token"));
                }
                let half = r.amount / Uint128::new(2);
                Ok(Response::new()
                    .add_message(transfer(SUPPLIER.load(deps.storage)?.into(), half)?)
                    .add_attribute("paid_by", r.sender))
            }
            Exec::PayOut { to } => {
                let held: BalanceResponse = deps.querier.query_wasm_smart(
                    &token,
                    &Cw20QueryMsg::Balance {
                        address: env.contract.address.into(),
                    },
                )?;
                Ok(Response::new().add_message(transfer(to, held.balance)?))
            }
        }
    }

    pub fn query(_: Deps, _: Env, _: Empty) -> StdResult<Binary> {
        Err(StdError::generic_err("no queries"))
    }
}

struct Node {
    app: App,
    token: Addr,
    shop: Addr,
    council: Addr,
}

fn setup() -> Node {
    let mut app = App::default();
    let api = app.api();
    let (council, alice, bob) = (
        api.addr_make("council"),
        api.addr_make("alice"),
        api.addr_make("bob"),
    );
    let (carol, supplier) = (api.addr_make("carol"), api.addr_make("supplier"));
    let token_code = app.store_code(Box::new(ContractWrapper::new(
        demurrage_token::contract::execute,
        demurrage_token::contract::instantiate,
        demurrage_token::contract::query,
    )));
    let shop_code = app.store_code(Box::new(ContractWrapper::new(
        shop::execute,
        shop::instantiate,
        shop::query,
    )));
    let token = app
        .instantiate_contract(
            token_code,
            council.clone(),
            &TokenInstantiate {
                name: "Commons Credit".into(),
                symbol: "CMC".into(),
                decimals: 6,
                initial_balances: vec![
                    Cw20Coin {
                        address: alice.to_string(),
                        amount: Uint128::new(10_000_000),
                    },
                    Cw20Coin {
                        address: bob.to_string(),
                        amount: Uint128::new(3_000_000),
                    },
                ],
                commons_pool: Uint128::new(5_000_000),
                // 0.05% a day, about 17% a year.
                demurrage: DemurrageParams {
                    rate: Decimal::from_ratio(5u32, 10_000u32),
                    period_seconds: DAY,
                },
                income_window_periods: 60,
                admin: None,
                membership_authority: None,
                initial_members: vec![alice.to_string(), bob.to_string(), carol.to_string()],
                marketing: None,
            },
            &[],
            "token",
            Some(council.to_string()),
        )
        .unwrap();
    let shop = app
        .instantiate_contract(
            shop_code,
            council.clone(),
            &shop::Init {
                token: token.to_string(),
                supplier: supplier.to_string(),
            },
            &[],
            "shop",
            None,
        )
        .unwrap();
    Node {
        app,
        token,
        shop,
        council,
    }
}

impl Node {
    fn addr(&self, name: &str) -> Addr {
        self.app.api().addr_make(name)
    }

    fn balance(&self, who: &Addr) -> Uint128 {
        let r: BalanceResponse = self
            .app
            .wrap()
            .query_wasm_smart(
                &self.token,
                &Cw20QueryMsg::Balance {
                    address: who.to_string(),
                },
            )
            .unwrap();
        r.balance
    }

    fn pool(&self) -> CommonsPoolResponse {
        self.app
            .wrap()
            .query_wasm_smart(&self.token, &TokenQuery::CommonsPool {})
            .unwrap()
    }

    fn cw20(&mut self, sender: &Addr, msg: &Cw20ExecuteMsg) {
        self.app
            .execute_contract(sender.clone(), self.token.clone(), msg, &[])
            .unwrap();
    }

    fn days(&mut self, n: u64) {
        self.app.update_block(|b| {
            b.time = b.time.plus_seconds(n * DAY);
            b.height += n * 17_280;
        });
    }

    /// Σ shares over every account (read through the public queries) == total shares, exactly;
    /// pool + holders' value == supply, exactly; Σ balances short of the holders' value by under
    /// one unit per holder.
    fn assert_books_balance(&self) {
        let mut shares = Uint256::zero();
        let mut balances = Uint128::zero();
        let mut holders = 0u128;
        let mut start_after = None;
        loop {
            let page: AllAccountsResponse = self
                .app
                .wrap()
                .query_wasm_smart(
                    &self.token,
                    &Cw20QueryMsg::AllAccounts {
                        start_after: start_after.clone(),
                        limit: Some(30),
                    },
                )
                .unwrap();
            if page.accounts.is_empty() {
                break;
            }
            for a in &page.accounts {
                let acc: AccountResponse = self
                    .app
                    .wrap()
                    .query_wasm_smart(&self.token, &TokenQuery::Account { address: a.clone() })
                    .unwrap();
                shares += acc.shares;
                balances += acc.balance;
                holders += 1;
            }
            start_after = page.accounts.last().cloned();
        }
        let pool = self.pool();
        assert_eq!(shares, pool.total_shares, "Σ shares == total shares");
        assert_eq!(
            pool.stored_balances + pool.pool,
            pool.total_supply,
            "holders' value + pool == total supply"
        );
        assert!(balances <= pool.stored_balances);
        assert!(
            pool.stored_balances - balances <= Uint128::new(holders),
            "Σ balances is short by under a unit per holder"
        );
    }
}

#[test]
fn six_months_of_trade_and_basic_income_through_cw20_messages() {
    let mut node = setup();
    let (alice, bob, carol, supplier) = (
        node.addr("alice"),
        node.addr("bob"),
        node.addr("carol"),
        node.addr("supplier"),
    );
    let shop = node.shop.clone();
    let supply = node.pool().total_supply;
    assert_eq!(supply, Uint128::new(18_000_000));

    let mut carol_income = Uint128::zero();
    for month in 0..6 {
        // Alice buys at the shop every month: Send carries a Cw20ReceiveMsg to the shop contract,
        // which forwards half to its supplier with a plain cw20 Transfer.
        node.cw20(
            &alice,
            &Cw20ExecuteMsg::Send {
                contract: shop.to_string(),
                amount: Uint128::new(400_000),
                msg: to_json_binary(&format!("order {month}")).unwrap(),
            },
        );
        node.days(30);
        // Carol lives on basic income and spends half of it.
        let c: ClaimableResponse = node
            .app
            .wrap()
            .query_wasm_smart(
                &node.token,
                &TokenQuery::Claimable {
                    address: carol.to_string(),
                },
            )
            .unwrap();
        node.app
            .execute_contract(
                carol.clone(),
                node.token.clone(),
                &TokenExecute::ClaimIncome {},
                &[],
            )
            .unwrap();
        carol_income += c.amount;
        node.cw20(
            &carol,
            &Cw20ExecuteMsg::Transfer {
                recipient: bob.to_string(),
                amount: c.amount / Uint128::new(2),
            },
        );
        node.assert_books_balance();
    }

    // The supplier got half of every order, less the decay on what it never spent:
    // Σ 200,000 · 0.9995^(30·k) for k = 1..6, give or take a unit per touch.
    let expected: f64 = (1..=6).map(|k| 200_000.0 * 0.9995f64.powi(30 * k)).sum();
    let supplier_now = node.balance(&supplier).u128() as f64;
    assert!(
        (supplier_now - expected).abs() < 10.0,
        "{supplier_now} vs {expected}"
    );
    // The shop empties itself with a balance it read through Cw20QueryMsg.
    node.app
        .execute_contract(
            carol.clone(),
            shop.clone(),
            &shop::Exec::PayOut {
                to: bob.to_string(),
            },
            &[],
        )
        .unwrap();
    assert_eq!(node.balance(&shop), Uint128::zero());

    // Hoarding loses: Alice paid 2.4M and lost more than that besides.
    assert!(node.balance(&alice) < Uint128::new(10_000_000 - 2_400_000));
    // Basic income is real money: Carol started with nothing.
    assert!(carol_income > Uint128::new(100_000), "{carol_income}");
    let pool = node.pool();
    assert_eq!(
        pool.total_supply, supply,
        "no mint, no burn: supply unchanged"
    );
    assert!(pool.income_paid_total >= carol_income);
    node.assert_books_balance();

    // Allowances stay nominal across months: Bob approves the council, which spends later.
    let council = node.council.clone();
    node.cw20(
        &bob,
        &Cw20ExecuteMsg::IncreaseAllowance {
            spender: council.to_string(),
            amount: Uint128::new(100_000),
            expires: None,
        },
    );
    node.days(90);
    node.cw20(
        &council,
        &Cw20ExecuteMsg::TransferFrom {
            owner: bob.to_string(),
            recipient: carol.to_string(),
            amount: Uint128::new(100_000),
        },
    );
    node.assert_books_balance();
}

#[test]
fn a_failed_send_leaves_the_books_untouched() {
    let mut node = setup();
    let alice = node.addr("alice");
    node.days(10);
    let before = node.pool();
    // The shop refuses a Receive that does not come from its token.
    let err = node
        .app
        .execute_contract(
            alice.clone(),
            node.shop.clone(),
            &shop::Exec::Receive(Cw20ReceiveMsg {
                sender: alice.to_string(),
                amount: Uint128::new(1),
                msg: Binary::default(),
            }),
            &[],
        )
        .unwrap_err();
    assert!(err.root_cause().to_string().contains("unknown token"));
    // An overdraft through Send reverts as a whole.
    let overdraft = node.app.execute_contract(
        alice.clone(),
        node.token.clone(),
        &Cw20ExecuteMsg::Send {
            contract: node.shop.to_string(),
            amount: Uint128::new(10_000_001),
            msg: Binary::default(),
        },
        &[],
    );
    assert!(overdraft.is_err());
    assert_eq!(node.pool(), before);
    assert_eq!(node.balance(&alice), Uint128::new(9_950_112));
}
