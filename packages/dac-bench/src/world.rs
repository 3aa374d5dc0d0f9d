//! What a contract sees of the rest of the chain: the council's cw4 `member` answers and cw20
//! balances. The contracts under test query both (membership before an application, the token
//! balance behind vault shares); here the harness keeps them, so each contract is measured alone.
//!
//! A cross-contract query on wasmd costs the queried contract's own call (60000, or 2000 when its
//! code is pinned, plus its execution). That depends on the other contract, so it is not added to
//! the figures: each call's `queries` counts them, and the report shows the count.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::rc::Rc;

use cosmwasm_std_vm::{
    Binary, ContractResult, CosmosMsg, Empty, QueryRequest, SubMsg, SystemError, SystemResult,
    WasmMsg, WasmQuery,
};
use cosmwasm_vm::{BackendResult, GasInfo, Querier};
use serde_json::{json, Value};

use crate::gas::raw_query_cost;

#[derive(Default)]
pub struct World {
    /// Addresses the council's cw4 `member` query answers with weight 1.
    pub members: HashSet<String>,
    /// cw20 balances: (token contract, holder) -> amount.
    pub balances: HashMap<(String, String), u128>,
    /// What a smart query to a contract costs it (VM + storage), measured on the real contract
    /// in the same state; a contract not listed is charged nothing (the count still shows).
    pub smart_query_gas: HashMap<String, u64>,
    /// Storage of other contracts, for raw queries (e.g. cw3-flex-multisig reading its
    /// cw4-group's member and total entries).
    pub stores: HashMap<String, BTreeMap<Vec<u8>, Vec<u8>>>,
}

impl World {
    pub fn credit(&mut self, token: &str, holder: &str, amount: u128) {
        *self
            .balances
            .entry((token.to_string(), holder.to_string()))
            .or_default() += amount;
    }

    fn debit(&mut self, token: &str, holder: &str, amount: u128) -> Result<(), String> {
        let balance = self
            .balances
            .entry((token.to_string(), holder.to_string()))
            .or_default();
        *balance = balance.checked_sub(amount).ok_or(format!(
            "{holder} pays {amount} of {token} but holds {balance}"
        ))?;
        Ok(())
    }

    /// Applies the cw20 `transfer`s and `send`s that `sender` returned to a token this world
    /// keeps balances of, as the token would when the chain runs them.
    pub fn apply_token_messages(&mut self, sender: &str, msgs: &[SubMsg]) -> Result<(), String> {
        for sub in msgs {
            let CosmosMsg::Wasm(WasmMsg::Execute {
                contract_addr, msg, ..
            }) = &sub.msg
            else {
                continue;
            };
            if !self
                .balances
                .keys()
                .any(|(token, _)| token == contract_addr)
            {
                continue;
            }
            let msg: Value = serde_json::from_slice(msg).map_err(|e| e.to_string())?;
            let (to, amount) = match (msg.get("transfer"), msg.get("send")) {
                (Some(t), _) => (&t["recipient"], &t["amount"]),
                (_, Some(s)) => (&s["contract"], &s["amount"]),
                _ => continue,
            };
            let amount: u128 = amount
                .as_str()
                .and_then(|a| a.parse().ok())
                .ok_or(format!("cw20 amount {amount}"))?;
            let to = to.as_str().ok_or("cw20 recipient")?;
            self.debit(contract_addr, sender, amount)?;
            self.credit(contract_addr, to, amount);
        }
        Ok(())
    }

    fn answer(&self, contract: &str, msg: &[u8]) -> Result<Value, String> {
        let msg: Value = serde_json::from_slice(msg).map_err(|e| e.to_string())?;
        if let Some(member) = msg.get("member") {
            let addr = member["addr"].as_str().unwrap_or_default();
            let weight = self.members.contains(addr).then_some(1);
            return Ok(json!({ "weight": weight }));
        }
        if let Some(balance) = msg.get("balance") {
            let holder = balance["address"].as_str().unwrap_or_default();
            let key = (contract.to_string(), holder.to_string());
            let amount = self.balances.get(&key).copied().unwrap_or_default();
            return Ok(json!({ "balance": amount.to_string() }));
        }
        Err(format!("the bench world does not answer {msg}"))
    }
}

pub type SharedWorld = Rc<RefCell<World>>;

pub struct WorldQuerier {
    world: SharedWorld,
    /// Cross-contract smart queries since the last `take_queries`.
    queries: Cell<u64>,
    /// What the queried contracts spent answering them (smart and raw queries).
    queried: Cell<u64>,
}

impl WorldQuerier {
    pub fn new(world: SharedWorld) -> Self {
        WorldQuerier {
            world,
            queries: Cell::new(0),
            queried: Cell::new(0),
        }
    }

    /// Smart queries sent and the queried contracts' gas since the last call.
    pub fn take_queries(&self) -> (u64, u64) {
        (self.queries.take(), self.queried.take())
    }
}

impl Querier for WorldQuerier {
    fn query_raw(
        &self,
        request: &[u8],
        _gas_limit: u64,
    ) -> BackendResult<SystemResult<ContractResult<Binary>>> {
        let answer = match serde_json::from_slice::<QueryRequest<Empty>>(request) {
            Ok(QueryRequest::Wasm(WasmQuery::Smart { contract_addr, msg })) => {
                self.queries.set(self.queries.get() + 1);
                let world = self.world.borrow();
                let cost = world.smart_query_gas.get(&contract_addr).copied();
                self.queried
                    .set(self.queried.get() + cost.unwrap_or_default());
                match world.answer(&contract_addr, &msg) {
                    Ok(value) => SystemResult::Ok(ContractResult::Ok(Binary::from(
                        serde_json::to_vec(&value).expect("JSON values serialize"),
                    ))),
                    Err(e) => SystemResult::Ok(ContractResult::Err(e)),
                }
            }
            Ok(QueryRequest::Wasm(WasmQuery::Raw { contract_addr, key })) => {
                let world = self.world.borrow();
                match world.stores.get(&contract_addr) {
                    Some(store) => {
                        let value = store.get(key.as_slice());
                        let len = value.map_or(0, Vec::len);
                        self.queried
                            .set(self.queried.get() + raw_query_cost(key.len(), len));
                        SystemResult::Ok(ContractResult::Ok(Binary::from(
                            value.cloned().unwrap_or_default(),
                        )))
                    }
                    None => SystemResult::Err(SystemError::NoSuchContract {
                        addr: contract_addr,
                    }),
                }
            }
            Ok(_) => SystemResult::Err(SystemError::UnsupportedRequest {
                kind: "only wasm smart queries".to_string(),
            }),
            Err(e) => SystemResult::Err(SystemError::InvalidRequest {
                error: e.to_string(),
                request: Binary::from(request),
            }),
        };
        (Ok(answer), GasInfo::free())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std_vm::{to_json_binary, ReplyOn};

    fn query(q: &WorldQuerier, contract: &str, msg: Value) -> Value {
        let request = json!({"wasm": {"smart": {
            "contract_addr": contract,
            "msg": to_json_binary(&msg).unwrap(),
        }}});
        let (result, _) = q.query_raw(&serde_json::to_vec(&request).unwrap(), 0);
        match result.unwrap() {
            SystemResult::Ok(ContractResult::Ok(bin)) => serde_json::from_slice(&bin).unwrap(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn answers_membership_and_balances_and_counts_the_queries() {
        let world = SharedWorld::default();
        world.borrow_mut().members.insert("ann".to_string());
        world.borrow_mut().credit("token", "ann", 7);
        let q = WorldQuerier::new(world.clone());
        let member = |addr: &str| json!({"member": {"addr": addr, "at_height": null}});
        assert_eq!(query(&q, "council", member("ann")), json!({"weight": 1}));
        assert_eq!(query(&q, "council", member("bob")), json!({"weight": null}));
        let balance = |addr: &str| json!({"balance": {"address": addr}});
        assert_eq!(query(&q, "token", balance("ann")), json!({"balance": "7"}));
        assert_eq!(query(&q, "token", balance("bob")), json!({"balance": "0"}));
        assert_eq!(q.take_queries(), (4, 0));
        assert_eq!(q.take_queries(), (0, 0));
    }

    #[test]
    fn raw_queries_read_the_other_contracts_store_and_queried_gas_is_charged() {
        let world = SharedWorld::default();
        let mut store = BTreeMap::new();
        store.insert(b"total".to_vec(), b"10".to_vec());
        world.borrow_mut().stores.insert("group".to_string(), store);
        world
            .borrow_mut()
            .smart_query_gas
            .insert("group".to_string(), 1_500);
        world.borrow_mut().members.insert("ann".to_string());
        let q = WorldQuerier::new(world);
        let raw = json!({"wasm": {"raw": {"contract_addr": "group", "key": "dG90YWw="}}});
        let (result, _) = q.query_raw(&serde_json::to_vec(&raw).unwrap(), 0);
        assert_eq!(
            result.unwrap(),
            SystemResult::Ok(ContractResult::Ok(Binary::from(b"10".to_vec())))
        );
        // A raw read is no contract call: charged as a read, not counted as a query.
        assert_eq!(q.take_queries(), (0, raw_query_cost(5, 2)));
        query(
            &q,
            "group",
            json!({"member": {"addr": "ann", "at_height": 7}}),
        );
        assert_eq!(q.take_queries(), (1, 1_500));
    }

    #[test]
    fn token_messages_move_balances_and_overdrafts_are_refused() {
        let mut world = World::default();
        world.credit("token", "escrow", 100);
        let transfer = |amount: u128| SubMsg {
            id: 0,
            payload: Binary::default(),
            msg: CosmosMsg::Wasm(WasmMsg::Execute {
                contract_addr: "token".to_string(),
                msg: to_json_binary(
                    &json!({"transfer": {"recipient": "ann", "amount": amount.to_string()}}),
                )
                .unwrap(),
                funds: vec![],
            }),
            gas_limit: None,
            reply_on: ReplyOn::Never,
        };
        world
            .apply_token_messages("escrow", &[transfer(60)])
            .unwrap();
        let balance = |w: &World, who: &str| w.balances[&("token".to_string(), who.to_string())];
        assert_eq!(
            (balance(&world, "escrow"), balance(&world, "ann")),
            (40, 60)
        );
        assert!(world
            .apply_token_messages("escrow", &[transfer(41)])
            .is_err());
    }
}
