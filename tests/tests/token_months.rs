//! Six months in a node's economy, driven through plain `cw20` messages: a shop contract that
//! only knows `Cw20ExecuteMsg` / `Cw20QueryMsg` is paid with `Send`, pays its supplier with
//! `Transfer`, and the members live on basic income. At the end the books balance to the unit.
//! The node is deployed by the recipe; the shop stands beside it.

use cosmwasm_std::{
    to_json_binary, Addr, Binary, Deps, DepsMut, Empty, Env, MessageInfo, Response, StdError,
    StdResult, Uint128, Uint256, WasmMsg,
};
use council::msg::{ExecuteMsg as CouncilExecute, ProposalStatus};
use cw20::{AllAccountsResponse, BalanceResponse, Cw20ExecuteMsg, Cw20QueryMsg, Cw20ReceiveMsg};
use cw_multi_test::{ContractWrapper, Executor};
use dac_testing::dac_deploy::Contract;
use dac_testing::{Node, DAY};
use demurrage_token::msg::{
    AccountResponse, ClaimableResponse, CommonsPoolResponse, ExecuteMsg as TokenExecute,
    QueryMsg as TokenQuery,
};

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

/// A node deployed by the recipe whose founders hold 10 CMC each and whose commons pool holds
/// 5 CMC, with the shop beside it. Alice and Bob are founders; Carol is admitted by the
/// gatekeeper and starts with nothing.
struct Town {
    node: Node,
    shop: Addr,
}

const START_BALANCE: u128 = 10_000_000;
const POOL: u128 = 5_000_000;

fn setup() -> Town {
    let mut node = Node::deploy_with(|cfg| {
        cfg.founder_balance = Uint128::new(START_BALANCE);
        cfg.commons_pool = Uint128::new(POOL);
        cfg.income_window_periods = 60;
    });
    let carol = node.addr("carol");
    node.execute_council(
        &carol,
        &CouncilExecute::Apply {
            statement: "I teach".into(),
            councils: vec![],
        },
    )
    .unwrap();
    let gatekeeper = node.gatekeeper();
    node.execute_council(
        &gatekeeper,
        &CouncilExecute::Admit {
            applicant: carol.to_string(),
        },
    )
    .unwrap();
    assert!(node.token_member(&carol));
    let supplier = node.addr("supplier");
    let app = &mut node.chain.app;
    let shop_code = app.store_code(Box::new(ContractWrapper::new(
        shop::execute,
        shop::instantiate,
        shop::query,
    )));
    let owner = app.api().addr_make("shopkeeper");
    let token = node.contract(Contract::Token);
    let shop = node
        .chain
        .app
        .instantiate_contract(
            shop_code,
            owner,
            &shop::Init {
                token: token.to_string(),
                supplier: supplier.to_string(),
            },
            &[],
            "shop",
            None,
        )
        .unwrap();
    Town { node, shop }
}

impl Town {
    /// Alice and Bob: two of the founders.
    fn alice(&self) -> Addr {
        self.node.founders()[0].clone()
    }

    fn bob(&self) -> Addr {
        self.node.founders()[1].clone()
    }

    fn balance(&self, who: &Addr) -> Uint128 {
        Uint128::new(self.node.token_balance(who))
    }

    fn pool(&self) -> CommonsPoolResponse {
        self.node.query_token(&TokenQuery::CommonsPool {})
    }

    fn cw20(&mut self, sender: &Addr, msg: &Cw20ExecuteMsg) {
        self.node.execute_cw20(sender, msg).unwrap();
    }

    fn days(&mut self, n: u64) {
        self.node.advance(n * DAY);
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
            let page: AllAccountsResponse = self.node.query(
                Contract::Token,
                &Cw20QueryMsg::AllAccounts {
                    start_after: start_after.clone(),
                    limit: Some(30),
                },
            );
            if page.accounts.is_empty() {
                break;
            }
            for a in &page.accounts {
                let acc: AccountResponse = self
                    .node
                    .query_token(&TokenQuery::Account { address: a.clone() });
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
    let mut town = setup();
    let (alice, bob, carol, supplier) = (
        town.alice(),
        town.bob(),
        town.node.addr("carol"),
        town.node.addr("supplier"),
    );
    let shop = town.shop.clone();
    let supply = town.pool().total_supply;
    assert_eq!(supply, Uint128::new(4 * START_BALANCE + POOL));
    assert_eq!(town.balance(&carol), Uint128::zero());

    let mut carol_income = Uint128::zero();
    for month in 0..6 {
        // Alice buys at the shop every month: Send carries a Cw20ReceiveMsg to the shop contract,
        // which forwards half to its supplier with a plain cw20 Transfer.
        town.cw20(
            &alice,
            &Cw20ExecuteMsg::Send {
                contract: shop.to_string(),
                amount: Uint128::new(400_000),
                msg: to_json_binary(&format!("order {month}")).unwrap(),
            },
        );
        town.days(30);
        // Carol lives on basic income and spends half of it.
        let c: ClaimableResponse = town.node.query_token(&TokenQuery::Claimable {
            address: carol.to_string(),
        });
        town.node
            .execute_token(&carol, &TokenExecute::ClaimIncome {})
            .unwrap();
        carol_income += c.amount;
        town.cw20(
            &carol,
            &Cw20ExecuteMsg::Transfer {
                recipient: bob.to_string(),
                amount: c.amount / Uint128::new(2),
            },
        );
        town.assert_books_balance();
    }

    // The supplier got half of every order, less the decay on what it never spent:
    // Σ 200,000 · 0.9995^(30·k) for k = 1..6, give or take a unit per touch.
    let expected: f64 = (1..=6).map(|k| 200_000.0 * 0.9995f64.powi(30 * k)).sum();
    let supplier_now = town.balance(&supplier).u128() as f64;
    assert!(
        (supplier_now - expected).abs() < 10.0,
        "{supplier_now} vs {expected}"
    );
    // The shop empties itself with a balance it read through Cw20QueryMsg.
    town.node
        .chain
        .app
        .execute_contract(
            carol.clone(),
            shop.clone(),
            &shop::Exec::PayOut {
                to: bob.to_string(),
            },
            &[],
        )
        .unwrap();
    assert_eq!(town.balance(&shop), Uint128::zero());

    // Hoarding loses: Alice paid 2.4M and lost more than that besides.
    assert!(town.balance(&alice) < Uint128::new(START_BALANCE - 2_400_000));
    // Basic income is real money: Carol started with nothing.
    assert!(carol_income > Uint128::new(100_000), "{carol_income}");
    let pool = town.pool();
    assert_eq!(
        pool.total_supply, supply,
        "no mint, no burn: supply unchanged"
    );
    assert!(pool.income_paid_total >= carol_income);
    town.assert_books_balance();

    // Allowances stay nominal across months: Bob approves the council, which spends later by
    // a passed proposal.
    let council = town.node.contract(Contract::Council);
    town.cw20(
        &bob,
        &Cw20ExecuteMsg::IncreaseAllowance {
            spender: council.to_string(),
            amount: Uint128::new(100_000),
            expires: None,
        },
    );
    town.days(90);
    let carol_before = town.balance(&carol);
    let spend = town.node.wasm_msg(
        Contract::Token,
        &Cw20ExecuteMsg::TransferFrom {
            owner: bob.to_string(),
            recipient: carol.to_string(),
            amount: Uint128::new(100_000),
        },
    );
    let id = town
        .node
        .pass("spend Bob's allowance", vec![spend])
        .unwrap();
    assert_eq!(town.node.proposal(id).status, ProposalStatus::Executed);
    assert_eq!(town.balance(&carol), carol_before + Uint128::new(100_000));
    town.assert_books_balance();
}

#[test]
fn a_failed_send_leaves_the_books_untouched() {
    let mut town = setup();
    let alice = town.alice();
    town.days(10);
    let before = town.pool();
    // The shop refuses a Receive that does not come from its token.
    let err = town
        .node
        .chain
        .app
        .execute_contract(
            alice.clone(),
            town.shop.clone(),
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
    let overdraft = town.node.execute_cw20(
        &alice,
        &Cw20ExecuteMsg::Send {
            contract: town.shop.to_string(),
            amount: Uint128::new(START_BALANCE + 1),
            msg: Binary::default(),
        },
    );
    assert!(overdraft.is_err());
    assert_eq!(town.pool(), before);
    // Ten days at 0.05% a day: 10,000,000 · 0.9995^10.
    assert_eq!(town.balance(&alice), Uint128::new(9_950_112));
}
