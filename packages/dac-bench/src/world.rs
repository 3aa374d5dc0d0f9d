//! What a contract sees of the rest of the chain: the council's cw4 `member` answers, cw20
//! balances and a DAO DAO DAO's voting power. The contracts under test query them (membership
//! before an application, the token balance behind vault shares, a voter's power); here the
//! harness keeps them, so each contract is measured alone.
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
    /// The same by contract and query (its JSON key), for a contract answering several queries
    /// at different costs (a DAO DAO core); it takes precedence over `smart_query_gas`.
    pub query_costs: HashMap<(String, String), QueryCost>,
    /// A DAO DAO core's answer to `voting_module`.
    pub voting_module: Option<String>,
    /// Storage of other contracts, for raw queries (e.g. cw3-flex-multisig reading its
    /// cw4-group's member and total entries).
    pub stores: HashMap<String, BTreeMap<Vec<u8>, Vec<u8>>>,
}

/// What one smart query costs on chain besides the call to the queried contract.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct QueryCost {
    /// The queried contract's VM and storage gas, and what its own queries cost.
    pub gas: u64,
    /// Contract calls its answer takes in turn (a DAO DAO core asking its voting module, which
    /// asks its cw4-group: 2).
    pub calls: u64,
}

impl QueryCost {
    /// What a query measured on the real contract (`Contract::query`) costs its caller.
    pub fn of(gas: &crate::vm::Gas) -> Self {
        QueryCost {
            gas: gas.with_queried(),
            calls: gas.queries,
        }
    }
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

    /// What a smart query of `msg` to `contract` costs: by query, else by contract, else
    /// nothing known (the call still counts).
    fn cost(&self, contract: &str, msg: &[u8]) -> QueryCost {
        let name = serde_json::from_slice::<Value>(msg)
            .ok()
            .and_then(|m| m.as_object()?.keys().next().cloned())
            .unwrap_or_default();
        let by_query = self.query_costs.get(&(contract.to_string(), name));
        by_query.copied().unwrap_or(QueryCost {
            gas: self
                .smart_query_gas
                .get(contract)
                .copied()
                .unwrap_or_default(),
            calls: 0,
        })
    }

    fn answer(&self, contract: &str, msg: &[u8]) -> Result<Value, String> {
        let msg: Value = serde_json::from_slice(msg).map_err(|e| e.to_string())?;
        let members = self.members.len();
        // DAO DAO: the core's and its voting module's answers (weight 1 a member, as cw4's).
        if let Some(q) = msg.get("voting_power_at_height") {
            let addr = q["address"].as_str().unwrap_or_default();
            let power = u64::from(self.members.contains(addr));
            return Ok(json!({"power": power.to_string(), "height": q["height"]}));
        }
        if let Some(q) = msg.get("total_power_at_height") {
            return Ok(json!({"power": members.to_string(), "height": q["height"]}));
        }
        if msg.get("voting_module").is_some() {
            let module = self
                .voting_module
                .as_ref()
                .ok_or("no DAO DAO voting module")?;
            return Ok(json!(module));
        }
        // dao-voting-cw4 has no `is_active` query: the proposal module takes the refusal as active.
        if msg.get("is_active").is_some() {
            return Err("dao-voting-cw4 has no is_active query".to_string());
        }
        // cw4: the total and the first page of members (as dao-voting-cw4 checks its group).
        if msg.get("total_weight").is_some() {
            return Ok(json!({ "weight": members }));
        }
        if msg.get("list_members").is_some() {
            let mut list: Vec<_> = self.members.iter().collect();
            list.sort();
            let first: Vec<_> = list
                .first()
                .map(|m| json!({"addr": m, "weight": 1}))
                .into_iter()
                .collect();
            return Ok(json!({ "members": first }));
        }
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
    /// Cross-contract smart queries since the last `take_queries`, with the calls their
    /// answers took in turn.
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
                let world = self.world.borrow();
                let cost = world.cost(&contract_addr, &msg);
                self.queries.set(self.queries.get() + 1 + cost.calls);
                self.queried.set(self.queried.get() + cost.gas);
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
    fn dao_dao_queries_are_answered_and_priced_by_query_with_the_calls_they_take() {
        let world = SharedWorld::default();
        {
            let mut w = world.borrow_mut();
            w.members.extend(["ann".to_string(), "bob".to_string()]);
            w.voting_module = Some("voting".to_string());
            w.smart_query_gas.insert("core".to_string(), 7);
            let cost = |gas, calls| QueryCost { gas, calls };
            w.query_costs.insert(
                ("core".into(), "voting_power_at_height".into()),
                cost(900, 2),
            );
            w.query_costs
                .insert(("core".into(), "voting_module".into()), cost(300, 0));
        }
        let q = WorldQuerier::new(world);
        let power = |addr: &str| json!({"voting_power_at_height": {"address": addr, "height": 9}});
        assert_eq!(
            query(&q, "core", power("ann")),
            json!({"power": "1", "height": 9})
        );
        // The core asks its voting module, which asks the group: three calls, the gas of all.
        assert_eq!(q.take_queries(), (3, 900));
        assert_eq!(
            query(&q, "core", power("eve")),
            json!({"power": "0", "height": 9})
        );
        assert_eq!(
            query(&q, "core", json!({"voting_module": {}})),
            json!("voting")
        );
        assert_eq!(q.take_queries(), (4, 1_200));
        // A query without a cost of its own falls back to the contract's.
        let total = json!({"total_power_at_height": {"height": null}});
        assert_eq!(
            query(&q, "core", total),
            json!({"power": "2", "height": null})
        );
        assert_eq!(q.take_queries(), (1, 7));
        let members = json!({"list_members": {"start_after": null, "limit": 1}});
        assert_eq!(
            query(&q, "group", members),
            json!({"members": [{"addr": "ann", "weight": 1}]})
        );
        assert_eq!(
            query(&q, "group", json!({"total_weight": {}})),
            json!({"weight": 2})
        );
        // dao-voting-cw4 refuses `is_active`; the refusal is still a call.
        let request = json!({"wasm": {"smart": {
            "contract_addr": "voting",
            "msg": to_json_binary(&json!({"is_active": {}})).unwrap(),
        }}});
        let (result, _) = q.query_raw(&serde_json::to_vec(&request).unwrap(), 0);
        assert!(matches!(
            result.unwrap(),
            SystemResult::Ok(ContractResult::Err(_))
        ));
        assert_eq!(q.take_queries(), (3, 0));
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
