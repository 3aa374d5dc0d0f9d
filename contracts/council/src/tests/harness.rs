//! A small in-memory node: instantiate, send messages, run passed proposals (the contract's
//! calls to itself are dispatched like a chain would).

use cosmwasm_std::testing::{
    message_info, mock_dependencies, mock_env, MockApi, MockQuerier, MockStorage,
};
use cosmwasm_std::{
    from_json, to_json_binary, Addr, Binary, ContractResult, CosmosMsg, Decimal, Env, Order,
    OwnedDeps, Record, Reply, Response, Storage, SubMsgResponse, SubMsgResult, SystemResult,
    Timestamp, WasmMsg, WasmQuery,
};
use serde::de::DeserializeOwned;

use crate::contract::{execute, instantiate, query, reply};
use crate::msg::*;
use crate::ContractError;
use dac_common::json::read_as_serde_writes;

pub type Deps = OwnedDeps<MockStorage, MockApi, MockQuerier>;

fn copy_storage(storage: &MockStorage) -> MockStorage {
    let mut copy = MockStorage::new();
    for (k, v) in storage.range(None, None, Order::Ascending) {
        copy.set(&k, &v);
    }
    copy
}

pub const WORKERS: u64 = 1;
pub const CONSUMERS: u64 = 2;
pub const WORKPLACE: u64 = 3;
/// The head, gatekeeper and monitor: founders besides f0..f{n-1}.
pub const OFFICERS: u64 = 3;

pub struct Node {
    pub deps: Deps,
    pub env: Env,
    /// Messages to other contracts that `run` let through (recorded, not executed).
    pub sent: Vec<CosmosMsg>,
}

pub fn rules(allow_revoting: bool) -> VotingRules {
    VotingRules {
        voting_period_seconds: 1000,
        min_voting_period_seconds: 100,
        threshold: Threshold::ThresholdQuorum {
            threshold: Decimal::percent(50),
            quorum: Decimal::percent(40),
        },
        allow_revoting,
    }
}

impl Node {
    pub fn addr(&self, name: &str) -> Addr {
        self.deps.api.addr_make(name)
    }

    /// Founders f0..f{n-1}; all sit in the city workers' council (executive, id 1); f0..f2 also
    /// in the consumers' council (executive, id 2); the workplace council (id 3, child of 1)
    /// starts empty. The head, gatekeeper and monitor are founders too (roles are held by
    /// members), seated in no council.
    pub fn new(founders: usize) -> Node {
        let mut deps = mock_dependencies();
        let env = mock_env();
        let names: Vec<String> = (0..founders)
            .map(|i| deps.api.addr_make(&format!("f{i}")).to_string())
            .collect();
        let officers: Vec<String> = ["head", "gatekeeper", "monitor"]
            .iter()
            .map(|name| deps.api.addr_make(name).to_string())
            .collect();
        let msg = InstantiateMsg {
            head: officers[0].clone(),
            gatekeepers: vec![officers[1].clone()],
            monitors: vec![officers[2].clone()],
            founders: names.iter().chain(&officers).cloned().collect(),
            councils: vec![
                NewCouncil {
                    name: "city workers".into(),
                    kind: CouncilKind::Workers,
                    parent: None,
                    executive: true,
                    rules: rules(false),
                    members: names.clone(),
                },
                NewCouncil {
                    name: "city consumers".into(),
                    kind: CouncilKind::Consumers,
                    parent: None,
                    executive: true,
                    rules: rules(false),
                    members: names.iter().take(3).cloned().collect(),
                },
                NewCouncil {
                    name: "workplace".into(),
                    kind: CouncilKind::Workers,
                    parent: Some(WORKERS),
                    executive: false,
                    rules: rules(false),
                    members: vec![],
                },
            ],
            sanction_authority: Authority::Head,
            appeal_authority: Authority::Council {
                council_id: WORKERS,
            },
            appeal_window_seconds: 500,
            max_delegation_depth: 3,
            token: Some(deps.api.addr_make("token").to_string()),
            draw_requesters: vec![deps.api.addr_make("requester").to_string()],
            escrow: Some(deps.api.addr_make("escrow").to_string()),
            limits: None,
        };
        let info = message_info(&deps.api.addr_make("deployer"), &[]);
        instantiate(deps.as_mut(), env.clone(), info, msg).unwrap();
        let mut node = Node {
            deps,
            env,
            sent: vec![],
        };
        node.next_block();
        node
    }

    pub fn f(&self, i: usize) -> Addr {
        self.addr(&format!("f{i}"))
    }

    pub fn next_block(&mut self) {
        self.env.block.height += 1;
        self.env.block.time = self.env.block.time.plus_seconds(5);
    }

    pub fn advance(&mut self, seconds: u64) {
        self.env.block.height += 1;
        self.env.block.time = self.env.block.time.plus_seconds(seconds);
    }

    /// Executes like a chain does: a refused message leaves no partial write behind.
    pub fn exec(&mut self, sender: &Addr, msg: ExecuteMsg) -> Result<Response, ContractError> {
        let info = message_info(sender, &[]);
        let before: Vec<Record> = self
            .deps
            .storage
            .range(None, None, Order::Ascending)
            .collect();
        let result = execute(self.deps.as_mut(), self.env.clone(), info, msg);
        if result.is_err() {
            let written: Vec<Vec<u8>> = self
                .deps
                .storage
                .range(None, None, Order::Ascending)
                .map(|(k, _)| k)
                .collect();
            for key in written {
                self.deps.storage.remove(&key);
            }
            for (key, value) in before {
                self.deps.storage.set(&key, &value);
            }
        }
        result
    }

    pub fn ok(&mut self, sender: &Addr, msg: ExecuteMsg) -> Response {
        self.exec(sender, msg).unwrap()
    }

    /// The answer, checked to be what serde writes for it (the contract writes it by the lean
    /// writer).
    pub fn q<T: DeserializeOwned + serde::Serialize>(&self, msg: QueryMsg) -> T {
        read_as_serde_writes(&query(self.deps.as_ref(), self.env.clone(), msg).unwrap())
    }

    pub fn contract(&self) -> Addr {
        self.env.contract.address.clone()
    }

    pub fn self_call(&self, msg: &ExecuteMsg) -> CosmosMsg {
        WasmMsg::Execute {
            contract_addr: self.contract().to_string(),
            msg: to_json_binary(msg).unwrap(),
            funds: vec![],
        }
        .into()
    }

    pub fn propose(
        &mut self,
        proposer: &Addr,
        chambers: Vec<Body>,
        msgs: Vec<CosmosMsg>,
    ) -> Result<u64, ContractError> {
        let res = self.exec(
            proposer,
            ExecuteMsg::Propose(ProposeMsg {
                chambers,
                title: "a proposal".into(),
                topic: "housing".into(),
                description: String::new(),
                choices: ProposalChoices::YesNo {},
                msgs,
            }),
        )?;
        Ok(from_json(res.data.unwrap()).unwrap())
    }

    pub fn vote(
        &mut self,
        voter: &Addr,
        proposal_id: u64,
        option: VoteOption,
    ) -> Result<Response, ContractError> {
        self.exec(
            voter,
            ExecuteMsg::Vote {
                proposal_id,
                option,
            },
        )
    }

    pub fn proposal(&self, id: u64) -> ProposalResponse {
        self.q(QueryMsg::Proposal { proposal_id: id })
    }

    /// Executes a passed proposal like a chain: `Execute`, then `RunPassed` as a sub-message
    /// whose failure (including any self-call it sends) reverts its state and calls `reply`.
    pub fn run(&mut self, proposal_id: u64) -> Result<(), String> {
        let anyone = self.addr("anyone");
        let res = self
            .exec(&anyone, ExecuteMsg::Execute { proposal_id })
            .map_err(|e| e.to_string())?;
        let Some(sub) = res.messages.first() else {
            return Ok(());
        };
        let before = copy_storage(&self.deps.storage);
        let sent_before = self.sent.len();
        let outcome = self.run_self_calls(&sub.msg);
        #[allow(deprecated)]
        let result = match &outcome {
            Ok(()) => SubMsgResult::Ok(SubMsgResponse {
                events: vec![],
                data: None,
                msg_responses: vec![],
            }),
            Err(error) => {
                self.deps.storage = before;
                self.sent.truncate(sent_before);
                SubMsgResult::Err(error.clone())
            }
        };
        // `reply_always`: the run ends in the reply either way.
        reply(
            self.deps.as_mut(),
            self.env.clone(),
            Reply {
                id: sub.id,
                payload: Default::default(),
                gas_used: 0,
                result,
            }
            .into(),
        )
        .unwrap();
        outcome
    }

    /// The escrow (at `addr("escrow")`) answers as if `deals` (id, status, panel deadline) were
    /// its deals and `council` its council; its `panel_ruling` calls succeed in `run`.
    pub fn mock_escrow(&mut self, council: Addr, deals: Vec<(u64, &str, Timestamp)>) {
        let escrow = self.addr("escrow").to_string();
        let deals: Vec<(u64, String, Timestamp)> = deals
            .into_iter()
            .map(|(id, status, by)| (id, status.to_string(), by))
            .collect();
        self.deps.querier.update_wasm(move |q| {
            let WasmQuery::Smart { contract_addr, msg } = q else {
                panic!("unexpected query {q:?}");
            };
            let reply = |json: String| {
                SystemResult::Ok(ContractResult::Ok(Binary::from(json.into_bytes())))
            };
            if *contract_addr != escrow {
                return SystemResult::Ok(ContractResult::Err("no such contract".into()));
            }
            if msg.as_slice().starts_with(br#"{"config""#) {
                return reply(format!(r#"{{"council":"{council}","panel_seconds":1}}"#));
            }
            #[derive(serde::Deserialize)]
            struct DealQuery {
                deal: DealId,
            }
            #[derive(serde::Deserialize)]
            struct DealId {
                deal_id: u64,
            }
            let id = from_json::<DealQuery>(msg).unwrap().deal.deal_id;
            match deals.iter().find(|d| d.0 == id) {
                Some((_, status, by)) => reply(format!(
                    r#"{{"deal":{{"id":{id}}},"status":"{status}","next_deadline":"{}","value_held":"0","holdings":[]}}"#,
                    by.nanos()
                )),
                None => SystemResult::Ok(ContractResult::Err("deal not found".into())),
            }
        });
    }

    fn run_self_calls(&mut self, call: &CosmosMsg) -> Result<(), String> {
        let CosmosMsg::Wasm(WasmMsg::Execute {
            contract_addr, msg, ..
        }) = call
        else {
            return Err("external message (not routed in unit tests)".into());
        };
        if *contract_addr == self.addr("escrow").to_string() {
            self.sent.push(call.clone());
            return Ok(());
        }
        // The chain reads bech32 in either case: an upper-case spelling still reaches us.
        if contract_addr.to_lowercase() != self.contract().to_string() {
            return Err(format!(
                "external call to {contract_addr} fails in unit tests"
            ));
        }
        let contract = self.contract();
        let res = self
            .exec(&contract, from_json(msg).unwrap())
            .map_err(|e| e.to_string())?;
        for sub in res.messages {
            self.run_self_calls(&sub.msg)?;
        }
        Ok(())
    }

    /// Proposes `msgs` in the workers' council, has f0..f{n-1} vote yes, waits and executes.
    pub fn pass_and_run(
        &mut self,
        voters: usize,
        msgs: Vec<CosmosMsg>,
    ) -> (u64, Result<(), String>) {
        let id = self
            .propose(
                &self.f(0),
                vec![Body::Council {
                    council_id: WORKERS,
                }],
                msgs,
            )
            .unwrap();
        for i in 0..voters {
            self.vote(&self.f(i), id, VoteOption::Yes).unwrap();
        }
        self.advance(1000);
        let result = self.run(id);
        (id, result)
    }

    /// The state every unauthorized attempt must leave untouched.
    pub fn fingerprint(&self) -> String {
        let queries = vec![
            QueryMsg::Config {},
            QueryMsg::ListMembers {
                start_after: None,
                limit: Some(30),
            },
            QueryMsg::TotalWeight { at_height: None },
            QueryMsg::ListCouncils {
                start_after: None,
                limit: Some(30),
            },
            QueryMsg::ListCouncilMembers {
                council_id: WORKERS,
                start_after: None,
                limit: Some(30),
            },
            QueryMsg::ListCouncilMembers {
                council_id: WORKPLACE,
                start_after: None,
                limit: Some(30),
            },
            QueryMsg::ListProposals {
                status: None,
                start_after: None,
                limit: Some(30),
            },
            QueryMsg::ListApplications {
                start_after: None,
                limit: Some(30),
            },
            QueryMsg::ListPanels {
                start_after: None,
                limit: Some(30),
            },
            QueryMsg::ListReports {
                start_after: None,
                limit: Some(30),
            },
            QueryMsg::ListSanctions {
                member: None,
                start_after: None,
                limit: Some(30),
            },
            QueryMsg::ListDelegations {
                member: self.f(1).to_string(),
                start_after: None,
                limit: Some(30),
            },
            QueryMsg::Standing {
                member: self.f(1).to_string(),
            },
        ];
        queries
            .into_iter()
            .map(|q| {
                query(self.deps.as_ref(), self.env.clone(), q)
                    .unwrap()
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join("|")
    }
}
