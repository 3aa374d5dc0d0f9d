//! cw20 conformance: the token and cw-plus `cw20-base` 2.0.0 in one `cw-multi-test` chain, at a
//! demurrage rate of 0, receive the same cw20 messages (serialized from cw20-base's own message
//! types, as an integrator would send them) from the same senders. Every response, error and
//! query answer is compared; the only differences allowed are the `Expect` variants below and
//! `all_accounts` listing holders only, each listed in the README under "Differences from
//! cw20-base". Every allowed difference is also asserted to occur, so a stale entry fails.

use cosmwasm_std::{
    to_json_binary, to_json_vec, Addr, Binary, ContractResult, Decimal, DepsMut, Empty, Env, Event,
    MessageInfo, Querier, QueryRequest, Response, StdError, StdResult, SystemResult, Uint128,
    WasmQuery,
};
use cw20::{
    AllAccountsResponse, AllowanceResponse, BalanceResponse, Cw20Coin, Cw20ReceiveMsg, Expiration,
    Logo,
};
use cw20_base::msg::{ExecuteMsg as BaseExecute, QueryMsg as BaseQuery};
use cw_multi_test::{App, ContractWrapper, Executor};

use super::DAY;
use crate::msg::{DemurrageParams, InstantiateMarketingInfo, InstantiateMsg};

/// How the token's answer to one message may differ from cw20-base's.
enum Expect {
    /// Both accept with the same events (the two token addresses read alike) and data, or both
    /// refuse with the same error.
    Same,
    /// cw20-base accepts, the token refuses with this error and cw20-base changed nothing the
    /// queries can see (zero amounts, moves to oneself: README, "refused moves").
    TokenRefuses(&'static str),
    /// Both refuse, the token with an error starting with this text (README, "error texts").
    OtherRefusal(&'static str),
    /// Both accept with the same events, the token's `wasm` event carrying these attributes
    /// besides (README, "burn events").
    ExtraAttributes(&'static [&'static str]),
}

struct Chain {
    app: App,
    base: Addr,
    token: Addr,
    receiver: Addr,
    /// Every address the queries ask about, senders and spenders alike.
    people: Vec<Addr>,
}

#[cosmwasm_schema::cw_serde]
enum ReceiverMsg {
    Receive(Cw20ReceiveMsg),
}

/// A contract that accepts any cw20 `Send`, reporting what it was told, and refuses a payload
/// of `"fail"`.
fn receiver_execute(
    _: DepsMut,
    _: Env,
    info: MessageInfo,
    msg: ReceiverMsg,
) -> StdResult<Response> {
    let ReceiverMsg::Receive(r) = msg;
    if r.msg == to_json_binary(&"fail")? {
        return Err(StdError::generic_err("receiver refuses"));
    }
    Ok(Response::new()
        .add_attribute("token", info.sender)
        .add_attribute("sender", r.sender)
        .add_attribute("amount", r.amount)
        .add_attribute("msg", r.msg.to_base64()))
}

/// Ours has the same fields and JSON as cw20-base's.
impl From<InstantiateMarketingInfo> for cw20_base::msg::InstantiateMarketingInfo {
    fn from(info: InstantiateMarketingInfo) -> Self {
        cw20_base::msg::InstantiateMarketingInfo {
            project: info.project,
            description: info.description,
            marketing: info.marketing,
            logo: info.logo,
        }
    }
}

fn marketing(marketer: &Addr) -> InstantiateMarketingInfo {
    InstantiateMarketingInfo {
        project: Some("DAC".into()),
        description: Some("Money that circulates".into()),
        marketing: Some(marketer.to_string()),
        logo: Some(Logo::Url("https://example.org/logo.png".into())),
    }
}

impl Chain {
    fn new() -> Self {
        let mut app = App::default();
        let api = app.api();
        let [alice, bob, carol, dave, marketer, stranger] =
            ["alice", "bob", "carol", "dave", "marketer", "stranger"].map(|n| api.addr_make(n));
        let balances = vec![
            Cw20Coin {
                address: alice.to_string(),
                amount: Uint128::new(1_000_000),
            },
            Cw20Coin {
                address: bob.to_string(),
                amount: Uint128::new(500_000),
            },
        ];
        let base_code = app.store_code(Box::new(ContractWrapper::new(
            cw20_base::contract::execute,
            cw20_base::contract::instantiate,
            cw20_base::contract::query,
        )));
        let token_code = app.store_code(Box::new(ContractWrapper::new(
            crate::contract::execute,
            crate::contract::instantiate,
            crate::contract::query,
        )));
        let receiver_code = app.store_code(Box::new(ContractWrapper::new(
            receiver_execute,
            |_: DepsMut, _: Env, _: MessageInfo, _: Empty| StdResult::Ok(Response::new()),
            |_: cosmwasm_std::Deps, _: Env, _: Empty| StdResult::<Binary>::Ok(Binary::default()),
        )));
        let base = app
            .instantiate_contract(
                base_code,
                alice.clone(),
                &cw20_base::msg::InstantiateMsg {
                    name: "Commons Credit".into(),
                    symbol: "CMC".into(),
                    decimals: 6,
                    initial_balances: balances.clone(),
                    mint: None,
                    marketing: Some(marketing(&marketer).into()),
                },
                &[],
                "cw20-base",
                None,
            )
            .unwrap();
        let token = app
            .instantiate_contract(
                token_code,
                alice.clone(),
                &InstantiateMsg {
                    name: "Commons Credit".into(),
                    symbol: "CMC".into(),
                    decimals: 6,
                    initial_balances: balances,
                    commons_pool: Uint128::zero(),
                    demurrage: DemurrageParams {
                        rate: Decimal::zero(),
                        period_seconds: DAY,
                    },
                    income_window_periods: 30,
                    admin: None,
                    membership_authority: None,
                    initial_members: vec![],
                    marketing: Some(marketing(&marketer)),
                },
                &[],
                "demurrage-token",
                None,
            )
            .unwrap();
        let receiver = app
            .instantiate_contract(receiver_code, alice.clone(), &Empty {}, &[], "shop", None)
            .unwrap();
        let people = vec![
            alice,
            bob,
            carol,
            dave,
            marketer,
            stranger,
            receiver.clone(),
        ];
        Chain {
            app,
            base,
            token,
            receiver,
            people,
        }
    }

    fn person(&self, name: &str) -> Addr {
        self.app.api().addr_make(name)
    }

    /// One message to both contracts; the outcome, with either token's address read as TOKEN.
    fn execute(&mut self, sender: &Addr, msg: &BaseExecute) -> [Result<Vec<Event>, String>; 2] {
        [self.base.clone(), self.token.clone()].map(|contract| {
            self.app
                .execute_contract(sender.clone(), contract.clone(), msg, &[])
                .map(|r| {
                    assert_eq!(r.data, None);
                    r.events
                        .into_iter()
                        .map(|mut e| {
                            for a in &mut e.attributes {
                                if a.value == contract.as_str() {
                                    a.value = "TOKEN".into();
                                }
                            }
                            e
                        })
                        .collect()
                })
                .map_err(|e| e.root_cause().to_string())
        })
    }

    /// One query to both contracts, answered as raw bytes (or the error text).
    fn query(&self, msg: &BaseQuery) -> [Result<Binary, String>; 2] {
        [&self.base, &self.token].map(|contract| {
            let request = QueryRequest::<Empty>::Wasm(WasmQuery::Smart {
                contract_addr: contract.to_string(),
                msg: to_json_binary(msg).unwrap(),
            });
            match self.app.raw_query(&to_json_vec(&request).unwrap()) {
                SystemResult::Ok(ContractResult::Ok(bytes)) => Ok(bytes),
                SystemResult::Ok(ContractResult::Err(e)) => Err(e),
                SystemResult::Err(e) => panic!("system error: {e}"),
            }
        })
    }

    fn all_accounts(&self, contract: usize, start_after: Option<String>) -> Vec<String> {
        let bytes = self.query(&BaseQuery::AllAccounts {
            start_after,
            limit: Some(30),
        })[contract]
            .clone()
            .unwrap();
        cosmwasm_std::from_json::<AllAccountsResponse>(&bytes)
            .unwrap()
            .accounts
    }

    fn base_balance(&self, address: &str) -> Uint128 {
        self.app
            .wrap()
            .query_wasm_smart::<BalanceResponse>(
                &self.base,
                &BaseQuery::Balance {
                    address: address.into(),
                },
            )
            .unwrap()
            .balance
    }

    /// Every query of cw20-base's `QueryMsg` answers the same bytes, or the same error, from
    /// both, except that `all_accounts` lists holders only (cw20-base also lists accounts at
    /// zero): the token's list is cw20-base's without them.
    fn assert_same_state(&self, step: &str) {
        // Strings that are addresses, that sort before, between and after them, and are none.
        let mut starts: Vec<Option<String>> = vec![None];
        starts.extend(
            ["", "cosmwasm1", "not-an-address", "zzz", "COSMWASM1"].map(|s| Some(s.into())),
        );
        starts.extend(self.people.iter().map(|p| Some(p.to_string())));
        let mut queries = vec![
            BaseQuery::TokenInfo {},
            BaseQuery::Minter {},
            BaseQuery::MarketingInfo {},
            BaseQuery::DownloadLogo {},
            BaseQuery::Balance {
                address: "not-an-address".into(),
            },
        ];
        for a in &self.people {
            queries.push(BaseQuery::Balance {
                address: a.to_string(),
            });
            for b in &self.people {
                queries.push(BaseQuery::Allowance {
                    owner: a.to_string(),
                    spender: b.to_string(),
                });
            }
            let pages = starts.iter().map(|s| (s.clone(), None));
            for (start_after, limit) in pages.chain([(None, Some(1))]) {
                queries.push(BaseQuery::AllAllowances {
                    owner: a.to_string(),
                    start_after: start_after.clone(),
                    limit,
                });
                queries.push(BaseQuery::AllSpenderAllowances {
                    spender: a.to_string(),
                    start_after,
                    limit,
                });
            }
        }
        for q in &queries {
            let [base, token] = self.query(q);
            assert_eq!(base, token, "after {step}: {q:?}");
        }
        // Allowed difference: all_accounts lists holders only (README, "all_accounts").
        for start_after in starts {
            let holders: Vec<String> = self
                .all_accounts(0, start_after.clone())
                .into_iter()
                .filter(|a| !self.base_balance(a).is_zero())
                .collect();
            assert_eq!(
                holders,
                self.all_accounts(1, start_after.clone()),
                "after {step}: all_accounts after {start_after:?}"
            );
        }
    }

    /// Sends `msg` to both and checks the outcome is as `expect` says, then the state.
    fn step(&mut self, sender: &str, msg: BaseExecute, expect: Expect) {
        let step = format!("{sender}: {msg:?}");
        let sender = self.person(sender);
        let [base, token] = self.execute(&sender, &msg);
        match expect {
            Expect::Same => assert_eq!(base, token, "{step}"),
            Expect::TokenRefuses(error) => {
                assert!(base.is_ok(), "{step}: cw20-base accepts");
                assert_eq!(token, Err(error.into()), "{step}");
            }
            Expect::OtherRefusal(error) => {
                let (base, token) = (base.unwrap_err(), token.unwrap_err());
                assert_ne!(base, token, "{step}: the texts differ");
                assert!(token.starts_with(error), "{step}: {token}");
            }
            Expect::ExtraAttributes(extra) => {
                let mut token = token.unwrap();
                let wasm = token.iter_mut().find(|e| e.ty == "wasm").unwrap();
                for key in extra {
                    let at = wasm.attributes.iter().position(|a| a.key == *key);
                    wasm.attributes
                        .remove(at.expect("the extra attribute is there"));
                }
                assert_eq!(base.unwrap(), token, "{step}");
            }
        }
        self.assert_same_state(&step);
    }
}

fn amount(n: u128) -> Uint128 {
    Uint128::new(n)
}

/// Every fixed-supply cw20 execute message, accepted and refused, then every query after each
/// step. A message refused by both changes neither (each is its own transaction).
#[test]
fn the_token_answers_every_cw20_message_as_cw20_base_does_at_rate_zero() {
    use BaseExecute::*;
    use Expect::*;
    let mut c = Chain::new();
    c.assert_same_state("genesis");
    let [alice, bob, carol, dave, receiver] = [
        c.person("alice"),
        c.person("bob"),
        c.person("carol"),
        c.person("dave"),
        c.receiver.clone(),
    ]
    .map(|a| a.to_string());
    let zero = "amount must be greater than zero";
    let to_self = "cannot send tokens to yourself";
    let hello = to_json_binary(&"hello").unwrap();
    let fail = to_json_binary(&"fail").unwrap();
    let transfer = |recipient: &str, n| Transfer {
        recipient: recipient.into(),
        amount: amount(n),
    };
    let send = |contract: &str, n, msg: &Binary| Send {
        contract: contract.into(),
        amount: amount(n),
        msg: msg.clone(),
    };
    let transfer_from = |owner: &str, recipient: &str, n| TransferFrom {
        owner: owner.into(),
        recipient: recipient.into(),
        amount: amount(n),
    };

    // ---- transfer ----
    c.step("alice", transfer(&bob, 100_000), Same);
    c.step("alice", transfer(&bob, 0), TokenRefuses(zero));
    c.step("alice", transfer(&alice, 10), TokenRefuses(to_self));
    c.step("alice", transfer("not-an-address", 1), Same);
    c.step(
        "carol",
        transfer(&bob, 1),
        OtherRefusal("insufficient funds: balance 0, required 1"),
    );
    // ---- send: the receiver is called with the same Cw20ReceiveMsg ----
    c.step("alice", send(&receiver, 1_000, &hello), Same);
    c.step("alice", send(&receiver, 0, &hello), TokenRefuses(zero));
    c.step("alice", send(&receiver, 5, &fail), Same);
    c.step("alice", send(&bob, 5, &hello), Same);
    // ---- burn ----
    c.step(
        "bob",
        Burn {
            amount: amount(1_000),
        },
        ExtraAttributes(&["demurrage"]),
    );
    c.step("bob", Burn { amount: amount(0) }, TokenRefuses(zero));
    c.step(
        "carol",
        Burn { amount: amount(1) },
        OtherRefusal("insufficient funds: balance 0, required 1"),
    );
    // ---- allowances ----
    let increase = |spender: &str, n, expires| IncreaseAllowance {
        spender: spender.into(),
        amount: amount(n),
        expires,
    };
    let height = c.app.block_info().height;
    c.step("alice", increase(&dave, 50_000, None), Same);
    c.step("alice", increase(&alice, 1, None), Same);
    c.step(
        "alice",
        increase(&carol, 7, Some(Expiration::AtHeight(height + 2))),
        Same,
    );
    c.step(
        "alice",
        increase(&carol, 7, Some(Expiration::AtHeight(height))),
        Same,
    );
    c.step("alice", increase(&bob, 0, None), Same);
    c.step(
        "alice",
        DecreaseAllowance {
            spender: dave.clone(),
            amount: amount(10_000),
            expires: None,
        },
        Same,
    );
    c.step(
        "alice",
        DecreaseAllowance {
            spender: bob.clone(),
            amount: amount(1),
            expires: None,
        },
        Same,
    );
    c.step(
        "alice",
        DecreaseAllowance {
            spender: c.person("stranger").to_string(),
            amount: amount(1),
            expires: None,
        },
        Same,
    );
    // ---- spending an allowance ----
    c.step("dave", transfer_from(&alice, &carol, 5_000), Same);
    c.step("dave", transfer_from(&alice, &carol, 0), TokenRefuses(zero));
    c.step("dave", transfer_from(&alice, &bob, 10_000_000), Same);
    c.step("stranger", transfer_from(&alice, &bob, 1), Same);
    c.step("dave", transfer_from(&alice, "not-an-address", 1), Same);
    c.step("carol", increase(&dave, 1_000_000, None), Same);
    c.step(
        "dave",
        transfer_from(&carol, &bob, 6_000),
        OtherRefusal("insufficient funds: balance 5000, required 6000"),
    );
    c.step(
        "dave",
        SendFrom {
            owner: alice.clone(),
            contract: receiver.clone(),
            amount: amount(2_000),
            msg: hello.clone(),
        },
        Same,
    );
    c.step(
        "dave",
        SendFrom {
            owner: alice.clone(),
            contract: receiver.clone(),
            amount: amount(2_000),
            msg: fail.clone(),
        },
        Same,
    );
    c.step(
        "dave",
        BurnFrom {
            owner: alice.clone(),
            amount: amount(1_000),
        },
        ExtraAttributes(&["demurrage"]),
    );
    c.step(
        "dave",
        BurnFrom {
            owner: alice.clone(),
            amount: amount(0),
        },
        TokenRefuses(zero),
    );
    c.app.update_block(|b| b.height += 5);
    c.step("carol", transfer_from(&alice, &bob, 1), Same);
    // ---- no minting: a fixed supply ----
    c.step(
        "alice",
        Mint {
            recipient: alice.clone(),
            amount: amount(1),
        },
        OtherRefusal(MINT_REFUSAL),
    );
    c.step(
        "alice",
        UpdateMinter {
            new_minter: Some(alice.clone()),
        },
        OtherRefusal(UPDATE_MINTER_REFUSAL),
    );
    // ---- marketing and logo ----
    let update = UpdateMarketing {
        project: Some("DAC node 1".into()),
        description: None,
        marketing: None,
    };
    c.step("stranger", update.clone(), Same);
    c.step("marketer", update, Same);
    let svg = Binary::from(b"<?xml version=\"1.0\"?><svg></svg>".as_slice());
    c.step(
        "marketer",
        UploadLogo(Logo::Embedded(cw20::EmbeddedLogo::Svg(svg))),
        Same,
    );
    c.step("marketer", UploadLogo(Logo::Url("x".repeat(1_000))), Same);
    // ---- an account emptied: cw20-base still lists it, the token does not ----
    let everything = c.base_balance(&carol).u128();
    c.step("carol", transfer(&bob, everything), Same);
    assert!(c.all_accounts(0, None).contains(&carol));
    assert!(!c.all_accounts(1, None).contains(&carol));
    assert_eq!(c.base_balance(&carol), Uint128::zero());
}

/// The token has no minting messages: it cannot parse them (cw20-base: "Unauthorized").
const MINT_REFUSAL: &str =
    "Error parsing into type demurrage_token::msg::ExecuteMsg: unknown variant `mint`,";
const UPDATE_MINTER_REFUSAL: &str =
    "Error parsing into type demurrage_token::msg::ExecuteMsg: unknown variant `update_minter`,";

/// A `transfer_from` to the owner moves nothing, yet cw20-base spends the allowance and reports
/// a transfer; the token refuses it, so the allowance stays whole.
#[test]
fn transfer_from_to_the_owner_spends_a_cw20_base_allowance_and_is_refused_here() {
    let mut c = Chain::new();
    let (alice, dave) = (c.person("alice"), c.person("dave"));
    c.step(
        "alice",
        BaseExecute::IncreaseAllowance {
            spender: dave.to_string(),
            amount: amount(1_000),
            expires: None,
        },
        Expect::Same,
    );
    let [base, token] = c.execute(
        &dave,
        &BaseExecute::TransferFrom {
            owner: alice.to_string(),
            recipient: alice.to_string(),
            amount: amount(400),
        },
    );
    assert!(base.is_ok());
    assert_eq!(token, Err("cannot send tokens to yourself".into()));
    let allowance = BaseQuery::Allowance {
        owner: alice.to_string(),
        spender: dave.to_string(),
    };
    let [base, token] = c
        .query(&allowance)
        .map(|r| cosmwasm_std::from_json::<AllowanceResponse>(r.unwrap()).unwrap());
    assert_eq!(base.allowance, amount(600), "cw20-base spent 400");
    assert_eq!(token.allowance, amount(1_000), "the token spent nothing");
    let balances = [&c.base, &c.token].map(|t| {
        c.app
            .wrap()
            .query_wasm_smart::<BalanceResponse>(
                t,
                &BaseQuery::Balance {
                    address: alice.to_string(),
                },
            )
            .unwrap()
            .balance
    });
    assert_eq!(balances, [amount(1_000_000); 2]);
}

// ---- `start_after` in every list: the raw key string, as cw20-base reads it ----

/// Strings that are not addresses, and how a list ordered by raw key answers them: everything
/// sorts after `""`, `"cosmwasm1"` and `"COSMWASM1"` (uppercase sorts first) and before
/// `"not-an-address"` and `"zzz"`.
const NOT_ADDRESSES: [(&str, bool); 5] = [
    ("", true),
    ("cosmwasm1", true),
    ("COSMWASM1", true),
    ("not-an-address", false),
    ("zzz", false),
];

/// Both contracts answer `msg(start_after)` alike, and as the raw key order says.
fn assert_pages_like_cw20_base(c: &Chain, msg: impl Fn(Option<String>) -> BaseQuery) {
    let all = c.query(&msg(None));
    assert_eq!(all[0], all[1]);
    let all = all[1].clone().unwrap();
    for (start_after, everything) in NOT_ADDRESSES {
        let [base, token] = c.query(&msg(Some(start_after.into())));
        assert_eq!(base, token, "start_after {start_after:?}");
        let token = token.expect("a start_after that is not an address is answered");
        assert_eq!(token == all, everything, "start_after {start_after:?}");
    }
}

/// A chain where alice has allowances for three spenders and dave spends for three owners.
fn chain_with_allowances() -> Chain {
    let mut c = Chain::new();
    c.step(
        "alice",
        BaseExecute::Transfer {
            recipient: c.person("carol").to_string(),
            amount: amount(10),
        },
        Expect::Same,
    );
    for (owner, spender) in [
        ("alice", "bob"),
        ("alice", "carol"),
        ("alice", "dave"),
        ("bob", "dave"),
        ("carol", "dave"),
    ] {
        let spender = c.person(spender).to_string();
        c.step(
            owner,
            BaseExecute::IncreaseAllowance {
                spender,
                amount: amount(5),
                expires: None,
            },
            Expect::Same,
        );
    }
    c
}

#[test]
fn all_accounts_pages_from_a_start_after_that_is_no_address_as_cw20_base_does() {
    let c = chain_with_allowances();
    assert_pages_like_cw20_base(&c, |start_after| BaseQuery::AllAccounts {
        start_after,
        limit: None,
    });
}

#[test]
fn all_allowances_pages_from_a_start_after_that_is_no_address_as_cw20_base_does() {
    let c = chain_with_allowances();
    let alice = c.person("alice").to_string();
    assert_pages_like_cw20_base(&c, |start_after| BaseQuery::AllAllowances {
        owner: alice.clone(),
        start_after,
        limit: None,
    });
}

#[test]
fn all_spender_allowances_pages_from_a_start_after_that_is_no_address_as_cw20_base_does() {
    let c = chain_with_allowances();
    let dave = c.person("dave").to_string();
    assert_pages_like_cw20_base(&c, |start_after| BaseQuery::AllSpenderAllowances {
        spender: dave.clone(),
        start_after,
        limit: None,
    });
}

#[test]
fn minter_is_null_as_for_a_fixed_supply_cw20_base_token() {
    let c = Chain::new();
    let [base, token] = c.query(&BaseQuery::Minter {});
    assert_eq!(token, Ok(Binary::from(b"null".as_slice())));
    assert_eq!(base, token);
}
