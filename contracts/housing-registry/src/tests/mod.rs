//! Unit tests: a mocked council (cw4 `Member`) and token (cw20 `Balance`) behind the querier.

mod agents;
mod allocation;
mod authority;
mod fairness;
mod fees;
mod guests;
mod invariants;
mod modifications;
mod payer_refund;
mod refusals;
mod rights;
mod robustness;
mod visitor_caps;
mod weights;

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use cosmwasm_std::testing::{
    message_info, mock_dependencies, mock_env, MockApi, MockQuerier, MockStorage,
};
use cosmwasm_std::{
    from_json, to_json_binary, Addr, ContractResult, Decimal, Env, Order, OwnedDeps, Response,
    Storage, SystemError, SystemResult, Uint128, Uint256, WasmQuery,
};
use cw20::{BalanceResponse, Cw20QueryMsg, Cw20ReceiveMsg};
use cw4::{Cw4QueryMsg, MemberResponse};
use serde::de::DeserializeOwned;

use crate::contract::{execute, instantiate, query};
use crate::error::ContractError;
use crate::msg::{
    Accessibility, ExecuteMsg, FeeParams, GuestParams, Guideline, HomeStatus, InstantiateMsg,
    QueryMsg, ReceiveMsg, ScoreWeights,
};
use dac_common::json::read_as_serde_writes;

pub const DAY: u64 = 86_400;
pub const PERIOD: u64 = 30 * DAY;
pub const GRACE: u64 = 30 * DAY;
/// The token's decay index at 1.0 (its `index_scale`).
pub const INDEX_SCALE: Uint256 = Uint256::from_u128(1_000_000_000_000_000_000_000_000_000);
pub const PLAN: &str = "aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11";

pub fn fee_params() -> FeeParams {
    FeeParams {
        period_seconds: PERIOD,
        base_fee: Uint128::new(100),
        excess_room_fee: Uint128::new(50),
    }
}

pub fn guest_params() -> GuestParams {
    GuestParams {
        price_per_day: Uint128::new(40),
        full_refund_notice_days: 7,
        late_refund_share: Decimal::percent(50),
        max_stay_days: 30,
        max_advance_days: 365,
        cancellation_fee: Decimal::percent(10),
        max_nights_held_per_home: 60,
        max_nights_held: 120,
        max_nights_held_per_agent: 1_200,
    }
}

#[derive(serde::Serialize)]
struct TokenIndex {
    index: Uint256,
}

pub struct T {
    pub deps: OwnedDeps<MockStorage, MockApi, MockQuerier>,
    pub env: Env,
    pub members: Rc<RefCell<BTreeSet<String>>>,
    /// What the mocked token answers as the registry's balance.
    pub balance: Rc<RefCell<Uint128>>,
    /// What the mocked token answers as its decay index (`INDEX_SCALE` is 1.0).
    pub index: Rc<RefCell<Uint256>>,
    pub admin: Addr,
    pub token: Addr,
    pub treasury: Addr,
}

impl T {
    pub fn new() -> Self {
        let mut deps = mock_dependencies();
        let admin = deps.api.addr_make("council");
        let token = deps.api.addr_make("token");
        let membership = deps.api.addr_make("membership");
        let treasury = deps.api.addr_make("treasury");
        let members: Rc<RefCell<BTreeSet<String>>> = Rc::default();
        let balance: Rc<RefCell<Uint128>> = Rc::default();
        let index = Rc::new(RefCell::new(INDEX_SCALE));
        let (m, b, i) = (members.clone(), balance.clone(), index.clone());
        let (membership_s, token_s) = (membership.to_string(), token.to_string());
        deps.querier.update_wasm(move |q| match q {
            WasmQuery::Smart { contract_addr, msg } if *contract_addr == membership_s => {
                let Ok(Cw4QueryMsg::Member { addr, .. }) = from_json(msg) else {
                    return SystemResult::Err(SystemError::Unknown {});
                };
                let weight = m.borrow().contains(&addr).then_some(1);
                SystemResult::Ok(ContractResult::Ok(
                    to_json_binary(&MemberResponse { weight }).unwrap(),
                ))
            }
            WasmQuery::Smart { contract_addr, msg } if *contract_addr == token_s => {
                if msg.as_slice() == br#"{"demurrage":{}}"# {
                    return SystemResult::Ok(ContractResult::Ok(
                        to_json_binary(&TokenIndex { index: *i.borrow() }).unwrap(),
                    ));
                }
                let Ok(Cw20QueryMsg::Balance { .. }) = from_json(msg) else {
                    return SystemResult::Err(SystemError::Unknown {});
                };
                SystemResult::Ok(ContractResult::Ok(
                    to_json_binary(&BalanceResponse {
                        balance: *b.borrow(),
                    })
                    .unwrap(),
                ))
            }
            _ => SystemResult::Err(SystemError::Unknown {}),
        });
        let env = mock_env();
        instantiate(
            deps.as_mut(),
            env.clone(),
            message_info(&admin, &[]),
            InstantiateMsg {
                admin: None,
                membership: membership.to_string(),
                token: token.to_string(),
                treasury: treasury.to_string(),
                fees: fee_params(),
                guest: guest_params(),
                grace_period_seconds: GRACE,
                guidelines: vec![Guideline {
                    category: "paint".to_string(),
                    max_cost: Uint128::new(500),
                }],
                name: "Node homes".to_string(),
                symbol: "HOME".to_string(),
            },
        )
        .unwrap();
        T {
            deps,
            env,
            members,
            balance,
            index,
            admin,
            token,
            treasury,
        }
    }

    pub fn addr(&self, name: &str) -> Addr {
        self.deps.api.addr_make(name)
    }

    /// A new member of the council.
    pub fn join(&self, name: &str) -> Addr {
        let a = self.addr(name);
        self.members.borrow_mut().insert(a.to_string());
        a
    }

    pub fn leave(&self, who: &Addr) {
        self.members.borrow_mut().remove(who.as_str());
    }

    pub fn exec(&mut self, sender: &Addr, msg: ExecuteMsg) -> Result<Response, ContractError> {
        execute(
            self.deps.as_mut(),
            self.env.clone(),
            message_info(sender, &[]),
            msg,
        )
    }

    /// The answer, checked to be what serde writes for it (the contract writes it by the lean
    /// writer).
    pub fn q<R: DeserializeOwned + serde::Serialize>(&self, msg: QueryMsg) -> R {
        read_as_serde_writes(&query(self.deps.as_ref(), self.env.clone(), msg).unwrap())
    }

    pub fn q_err(&self, msg: QueryMsg) -> String {
        query(self.deps.as_ref(), self.env.clone(), msg)
            .unwrap_err()
            .to_string()
    }

    pub fn advance_days(&mut self, days: u64) {
        self.env.block.time = self.env.block.time.plus_seconds(days * DAY);
        self.env.block.height += days * 10_000;
    }

    pub fn today(&self) -> u64 {
        self.env.block.time.seconds() / DAY
    }

    pub fn register(&mut self, rooms: u32, accessibility: Vec<Accessibility>) -> u64 {
        self.register_with(rooms, accessibility, HomeStatus::Available)
    }

    pub fn register_with(
        &mut self,
        rooms: u32,
        accessibility: Vec<Accessibility>,
        status: HomeStatus,
    ) -> u64 {
        let admin = self.admin.clone();
        let res = self
            .exec(
                &admin,
                ExecuteMsg::RegisterHome {
                    rooms,
                    accessibility,
                    zone: "north".to_string(),
                    status,
                },
            )
            .unwrap();
        attr(&res, "home_id").parse().unwrap()
    }

    pub fn apply(&mut self, who: &Addr, household_size: u32, needs: Vec<Accessibility>) {
        self.exec(
            who,
            ExecuteMsg::Apply {
                household_size,
                needs,
                evidence_commitment: None,
            },
        )
        .unwrap();
    }

    pub fn round(&mut self, limit: u32) -> Response {
        let anyone = self.addr("anyone");
        self.exec(&anyone, ExecuteMsg::AllocateRound { limit })
            .unwrap()
    }

    pub fn home_of(&self, who: &Addr) -> Option<u64> {
        self.q::<crate::msg::HomeOfResponse>(QueryMsg::HomeOf {
            holder: who.to_string(),
        })
        .home_id
    }

    /// A member who holds a fresh home of `rooms` rooms.
    pub fn housed(&mut self, name: &str, rooms: u32, household_size: u32) -> (Addr, u64) {
        let who = self.join(name);
        let home = self.register(rooms, vec![]);
        self.apply(&who, household_size, vec![]);
        self.round(10);
        assert_eq!(self.home_of(&who), Some(home));
        (who, home)
    }

    /// A cw20 `Send` of the node's token from `from`; the mocked balance grows by `amount`
    /// when the registry keeps it.
    pub fn send(
        &mut self,
        from: &Addr,
        amount: u128,
        msg: ReceiveMsg,
    ) -> Result<Response, ContractError> {
        let token = self.token.clone();
        let res = self.exec(
            &token,
            ExecuteMsg::Receive(Cw20ReceiveMsg {
                sender: from.to_string(),
                amount: Uint128::new(amount),
                msg: to_json_binary(&msg).unwrap(),
            }),
        );
        if res.is_ok() && matches!(msg, ReceiveMsg::BookGuest { .. }) {
            *self.balance.borrow_mut() += Uint128::new(amount);
        }
        res
    }

    /// Every stored key and value: "state unchanged" means this is equal.
    pub fn dump(&self) -> Vec<(Vec<u8>, Vec<u8>)> {
        self.deps
            .storage
            .range(None, None, Order::Ascending)
            .collect()
    }

    /// `msg` from `sender` fails and leaves every stored byte as it was.
    pub fn refused(&mut self, sender: &Addr, msg: ExecuteMsg) -> ContractError {
        let before = self.dump();
        let err = self.exec(sender, msg).unwrap_err();
        assert_eq!(
            before,
            self.dump(),
            "state changed on a refused message: {err}"
        );
        err
    }
}

pub fn attr(res: &Response, key: &str) -> String {
    res.attributes
        .iter()
        .chain(res.events.iter().flat_map(|e| e.attributes.iter()))
        .find(|a| a.key == key)
        .map(|a| a.value.clone())
        .unwrap_or_else(|| panic!("no attribute {key}"))
}

pub fn event_attrs(res: &Response, ty: &str, key: &str) -> Vec<String> {
    res.events
        .iter()
        .filter(|e| e.ty == ty)
        .flat_map(|e| e.attributes.iter().filter(|a| a.key == key))
        .map(|a| a.value.clone())
        .collect()
}

#[test]
fn answers_no_other_test_asks_for_are_written_as_serde_writes_them() {
    let t = T::new();
    let admin: dac_common::admin::AdminState = t.q(QueryMsg::Admin {});
    assert_eq!(admin.admin, t.admin);
    let guidelines: crate::msg::GuidelinesResponse = t.q(QueryMsg::Guidelines {});
    assert_eq!(guidelines.guidelines.len(), 1);
    let swap: Option<crate::msg::SwapResponse> = t.q(QueryMsg::Swap { home_id: 1 });
    assert!(swap.is_none());
}
