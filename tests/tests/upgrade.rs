//! A node upgrades its contracts by vote and loses nothing. Two nodes are deployed through the
//! recipe with the previous release's code (v0.1.0, vendored in `releases/`), the first half of a
//! story is played on `dac-1`, its council passes a proposal of `WasmMsg::Migrate`s to this
//! code, every query answers as before, and the story finishes on the new code.

use cosmwasm_std::{to_json_binary, Addr, CosmosMsg, Decimal, Empty, Uint128, WasmMsg};
use cw_multi_test::{Contract as MultiTestContract, ContractWrapper};
use std::collections::BTreeMap;

use dac_testing::dac_deploy::{
    changed_keys, deploy_node, is_proposal_record, Chain, Contract, ContractInfo, Deployment,
    NodeConfig,
};
use dac_testing::dac_ibc_harness::{ibc_sudo, Chain as IbcChain, Side};
use dac_testing::{contract_code, OnApp, TwoNodes, DAY};
use proptest::prelude::*;
use serde_json::{json, Value};

dac_testing::dac_ibc_harness::ibc_entry_points!(RelayIbcV010, relay_v0_1_0::contract);

/// The contracts the council is the wasmd admin of, and so may migrate: itself among them.
const MIGRATED: [Contract; 5] = [
    Contract::Council,
    Contract::Token,
    Contract::Housing,
    Contract::Escrow,
    Contract::Relay,
];

/// v0.1.0's code, as cw-multi-test runs it.
fn v0_1_0_code(contract: Contract) -> Box<dyn MultiTestContract<Empty>> {
    match contract {
        Contract::Token => Box::new(ContractWrapper::new(
            token_v0_1_0::contract::execute,
            token_v0_1_0::contract::instantiate,
            token_v0_1_0::contract::query,
        )),
        Contract::Council => Box::new(
            ContractWrapper::new(
                council_v0_1_0::contract::execute,
                council_v0_1_0::contract::instantiate,
                council_v0_1_0::contract::query,
            )
            .with_reply(council_v0_1_0::contract::reply),
        ),
        Contract::Housing => Box::new(ContractWrapper::new(
            housing_v0_1_0::contract::execute,
            housing_v0_1_0::contract::instantiate,
            housing_v0_1_0::contract::query,
        )),
        Contract::Escrow => Box::new(ContractWrapper::new(
            escrow_v0_1_0::contract::execute,
            escrow_v0_1_0::contract::instantiate,
            escrow_v0_1_0::contract::query,
        )),
        Contract::Relay => Box::new(
            ContractWrapper::new(
                relay_v0_1_0::contract::execute,
                relay_v0_1_0::contract::instantiate,
                relay_v0_1_0::contract::query,
            )
            .with_reply(relay_v0_1_0::contract::reply)
            .with_sudo(ibc_sudo::<RelayIbcV010>),
        ),
    }
}

/// The recipe's chain, storing v0.1.0's code.
struct V010<'a>(OnApp<'a>);

impl Chain for V010<'_> {
    fn store(&mut self, contract: Contract) -> anyhow::Result<u64> {
        Ok(self.0 .0.store_code(v0_1_0_code(contract)))
    }
    fn instantiate2(
        &mut self,
        sender: &str,
        code_id: u64,
        msg: &Value,
        label: &str,
        admin: Option<&str>,
        salt: &[u8],
    ) -> anyhow::Result<String> {
        self.0
            .instantiate2(sender, code_id, msg, label, admin, salt)
    }
    fn contract_info(&self, address: &str) -> anyhow::Result<Option<ContractInfo>> {
        self.0.contract_info(address)
    }
    fn checksum(&self, code_id: u64) -> anyhow::Result<Vec<u8>> {
        self.0.checksum(code_id)
    }
    fn execute(
        &mut self,
        sender: &str,
        contract: &str,
        msg: &Value,
    ) -> anyhow::Result<Vec<(String, String)>> {
        self.0.execute(sender, contract, msg)
    }
    fn update_admin(
        &mut self,
        sender: &str,
        contract: &str,
        new_admin: &str,
    ) -> anyhow::Result<()> {
        self.0.update_admin(sender, contract, new_admin)
    }
    fn query(&self, contract: &str, msg: &Value) -> anyhow::Result<Value> {
        self.0.query(contract, msg)
    }
    fn wait_blocks(&mut self, blocks: u64) -> anyhow::Result<()> {
        self.0.wait_blocks(blocks)
    }
}

fn deploy_v0_1_0(chain: &mut IbcChain, cfg: &NodeConfig) -> anyhow::Result<Deployment> {
    deploy_node(&mut V010(OnApp(&mut chain.app)), cfg)
}

/// Two v0.1.0 nodes at 0.05% demurrage a day, a fee of 1 CMC a month.
fn v0_1_0_nodes() -> TwoNodes {
    TwoNodes::with_deploy(
        |cfg| {
            cfg.demurrage_rate = Decimal::from_ratio(5u32, 10_000u32);
            cfg.housing_fee_per_period = Uint128::new(1_000_000);
            // v0.1.0 has no moves: its council and relay can't name each other.
            cfg.allow_moves = false;
        },
        deploy_v0_1_0,
    )
    .expect("v0.1.0 deploys through today's recipe")
}

/// Stores this code on `side`'s chain; the `WasmMsg::Migrate` of each migrated contract to it.
fn migrate_msgs(nodes: &mut TwoNodes, side: Side) -> Vec<CosmosMsg> {
    MIGRATED
        .iter()
        .map(|&c| {
            let new_code_id = nodes.chain(side).app.store_code(contract_code(c));
            migrate_to(nodes, side, c, new_code_id)
        })
        .collect()
}

fn migrate_to(nodes: &TwoNodes, side: Side, c: Contract, new_code_id: u64) -> CosmosMsg {
    CosmosMsg::Wasm(WasmMsg::Migrate {
        contract_addr: nodes.contract(side, c),
        new_code_id,
        msg: to_json_binary(&Empty {}).unwrap(),
    })
}

fn code_id(nodes: &mut TwoNodes, side: Side, c: Contract) -> u64 {
    let addr = nodes.contract(side, c);
    let info = nodes.chain(side).app.wrap().query_wasm_contract_info(addr);
    info.unwrap().code_id
}

fn raw(nodes: &mut TwoNodes, side: Side, c: Contract) -> BTreeMap<Vec<u8>, Vec<u8>> {
    let addr = Addr::unchecked(nodes.contract(side, c));
    nodes
        .chain(side)
        .app
        .dump_wasm_raw(&addr)
        .into_iter()
        .collect()
}

/// The one field an upgrade drops from an answer: a relay's pending packets are listed without
/// their bodies since layout 2 (they travelled in the packets; CHANGELOG), with their kind.
fn dropped(what: &str, field: &str) -> bool {
    field == "body" && (what.contains("pending_packets") || what.contains("transfers_in_flight"))
}

/// `old` answers inside `new`: every field equal, new fields allowed (CHANGELOG: the additions).
fn assert_answers_same(what: &str, old: &Value, new: &Value) {
    match (old, new) {
        (Value::Object(o), Value::Object(n)) => {
            for (k, v) in o {
                if dropped(what, k) {
                    continue;
                }
                let got = n
                    .get(k)
                    .unwrap_or_else(|| panic!("{what}: `{k}` gone after the upgrade"));
                assert_answers_same(&format!("{what}.{k}"), v, got);
            }
        }
        (Value::Array(o), Value::Array(n)) => {
            assert_eq!(o.len(), n.len(), "{what}: length changed");
            for (i, (a, b)) in o.iter().zip(n).enumerate() {
                assert_answers_same(&format!("{what}[{i}]"), a, b);
            }
        }
        _ => assert_eq!(old, new, "{what} changed"),
    }
}

/// What `dac-1`'s people see: every query of the story's contracts, by name.
/// Who and what the answers are asked about: `dac-1`'s people and the proposals open before.
struct Subjects {
    people: Vec<String>,
    proposals: Vec<Value>,
}

fn subjects(nodes: &TwoNodes) -> Subjects {
    let listed: Value = nodes.query(
        Side::A,
        Contract::Council,
        &json!({"list_proposals": {"limit": 30}}),
    );
    Subjects {
        people: people(nodes),
        proposals: listed["proposals"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].clone())
            .collect(),
    }
}

fn answers(nodes: &TwoNodes, subjects: &Subjects) -> Vec<(String, Value)> {
    let mut queries: Vec<(Contract, Value)> = vec![
        (Contract::Token, json!({"token_info": {}})),
        (Contract::Token, json!({"commons_pool": {}})),
        (Contract::Token, json!({"demurrage": {}})),
        (Contract::Token, json!({"governance": {}})),
        (Contract::Token, json!({"all_accounts": {"limit": 30}})),
        (Contract::Token, json!({"list_members": {"limit": 30}})),
        (Contract::Housing, json!({"config": {}})),
        (Contract::Housing, json!({"list_homes": {"limit": 30}})),
        (
            Contract::Housing,
            json!({"list_applications": {"limit": 30}}),
        ),
        (Contract::Housing, json!({"list_arrears": {"limit": 30}})),
        (Contract::Housing, json!({"num_tokens": {}})),
        (Contract::Housing, json!({"all_tokens": {"limit": 30}})),
        (Contract::Escrow, json!({"config": {}})),
        (Contract::Escrow, json!({"list_deals": {"limit": 30}})),
        (Contract::Escrow, json!({"vault": {}})),
        (Contract::Escrow, json!({"list_arbitrators": {"limit": 30}})),
        (Contract::Relay, json!({"config": {}})),
        (Contract::Relay, json!({"holdings": {}})),
        (Contract::Relay, json!({"pending_packets": {"limit": 30}})),
        (
            Contract::Relay,
            json!({"transfers_in_flight": {"limit": 30}}),
        ),
        (Contract::Relay, json!({"list_channels": {"limit": 30}})),
        (Contract::Relay, json!({"list_nodes": {"limit": 30}})),
        (
            Contract::Relay,
            json!({"list_vouchers": {"node": "dac-2", "limit": 30}}),
        ),
    ];
    // The council is not migrated, but the proposals it holds must still read the same.
    for id in &subjects.proposals {
        queries.push((Contract::Council, json!({"proposal": {"proposal_id": id}})));
    }
    for who in &subjects.people {
        queries.extend([
            (Contract::Token, json!({"balance": {"address": who}})),
            (Contract::Token, json!({"account": {"address": who}})),
            (Contract::Token, json!({"claimable": {"address": who}})),
            (
                Contract::Token,
                json!({"all_allowances": {"owner": who, "limit": 30}}),
            ),
            (Contract::Housing, json!({"home_of": {"holder": who}})),
            (Contract::Housing, json!({"arrears": {"address": who}})),
            (
                Contract::Escrow,
                json!({"deals_by_party": {"address": who, "limit": 30}}),
            ),
        ]);
    }
    queries
        .into_iter()
        .map(|(c, q)| {
            // A refusal (e.g. no fee account yet) must stay a refusal; its text may change.
            let chain = nodes.relayer.chain(Side::A);
            let answer = dac_testing::query(chain, &nodes.contract(Side::A, c), &q)
                .unwrap_or_else(|_| json!("refused"));
            (format!("{c:?} {q}"), answer)
        })
        .collect()
}

/// The first half of the story on `dac-1`, all on v0.1.0. Returns the escrow deal's id and the
/// open proposal's.
fn first_half(nodes: &mut TwoNodes) -> (u64, u64) {
    use housing_registry::msg::{ExecuteMsg as Housing, HomeStatus};
    let a = Side::A;
    // Erin is paid; Frank may spend some of Ada's.
    nodes.pay(a, "ada", "erin", 5_000_000).unwrap();
    let frank = nodes.addr(a, "frank");
    nodes
        .exec(
            a,
            "ada",
            Contract::Token,
            &cw20::Cw20ExecuteMsg::IncreaseAllowance {
                spender: frank,
                amount: Uint128::new(2_000_000),
                expires: None,
            },
        )
        .unwrap();
    // Two homes; Bea is housed by a round, Cyd waits.
    for _ in 0..2 {
        let register = Housing::RegisterHome {
            rooms: 1,
            accessibility: vec![],
            zone: "old town".into(),
            status: HomeStatus::Available,
        };
        nodes
            .govern(a, "a home", Contract::Housing, &register)
            .unwrap();
    }
    let apply = Housing::Apply {
        household_size: 1,
        needs: vec![],
        evidence_commitment: None,
    };
    nodes.exec(a, "bea", Contract::Housing, &apply).unwrap();
    let round = Housing::AllocateRound { limit: 5 };
    nodes.exec(a, "anyone", Contract::Housing, &round).unwrap();
    // A loan from Ada to Bea, arbitrated by Cyd: active.
    let terms = escrow::msg::ProposeMsg {
        counterparty: nodes.addr(a, "bea"),
        arbitrator: nodes.addr(a, "cyd"),
        kind: escrow::msg::DealKindMsg::Loan {
            interest: Uint128::zero(),
        },
        counterparty_stake: Uint128::new(150_000),
        arbitrator_collateral: Uint128::new(10_000),
        sign_by: nodes.now(a).plus_seconds(2 * DAY),
        due: nodes.now(a).plus_seconds(90 * DAY),
        grace_seconds: 5 * DAY,
        ruling_seconds: 10 * DAY,
        appeal_seconds: 10 * DAY,
        description: "a loan across the upgrade".into(),
    };
    use escrow::msg::ReceiveMsg as Deal;
    nodes
        .send_token(a, "ada", Contract::Escrow, 100_000, &Deal::Propose(terms))
        .unwrap();
    let deal_id = 1;
    nodes
        .send_token(a, "bea", Contract::Escrow, 150_000, &Deal::Sign { deal_id })
        .unwrap();
    nodes
        .send_token(
            a,
            "cyd",
            Contract::Escrow,
            10_000,
            &Deal::PostCollateral { deal_id },
        )
        .unwrap();
    // Forty days: balances decay, income is owed, Bea's fees fall into arrears.
    nodes.advance_both(40 * DAY);
    // An open proposal with two votes of four.
    let text = council::msg::ProposeMsg {
        chambers: vec![council::msg::Body::Council { council_id: 1 }],
        title: "Plant trees".into(),
        topic: "parks".into(),
        description: "along the canal".into(),
        choices: council::msg::ProposalChoices::YesNo {},
        msgs: vec![],
    };
    let attrs = nodes
        .exec(
            a,
            "ada",
            Contract::Council,
            &council::msg::ExecuteMsg::Propose(text),
        )
        .unwrap();
    let proposal_id: u64 = attrs
        .iter()
        .find(|(k, _)| k == "proposal_id")
        .map(|(_, v)| v.parse().unwrap())
        .unwrap();
    nodes.advance_both(5);
    for voter in ["ada", "bea"] {
        let vote = council::msg::ExecuteMsg::Vote {
            proposal_id,
            option: council::msg::VoteOption::Yes,
        };
        nodes.exec(a, voter, Contract::Council, &vote).unwrap();
    }
    // Vouchers on their way to dac-2, not yet relayed.
    nodes.send_abroad(a, "ada", "ada", 1_000_000, DAY).unwrap();
    (deal_id, proposal_id)
}

fn people(nodes: &TwoNodes) -> Vec<String> {
    ["ada", "bea", "cyd", "dov", "erin", "frank", "anyone"]
        .iter()
        .map(|n| nodes.addr(Side::A, n))
        .chain([nodes.contract(Side::A, Contract::Escrow)])
        .chain([nodes.contract(Side::A, Contract::Relay)])
        .collect()
}

#[test]
fn a_node_upgraded_by_vote_answers_the_same_and_its_story_finishes() {
    let mut nodes = v0_1_0_nodes();
    let a = Side::A;
    let (deal_id, open) = first_half(&mut nodes);
    let subjects = subjects(&nodes);
    // v0.1.0 lists its pending packets with their bodies: read as plain JSON.
    let pending: Value = nodes.query(a, Contract::Relay, &json!({"pending_packets": {}}));
    assert!(
        pending["packets"].as_array().is_some_and(|p| !p.is_empty()),
        "a transfer in flight"
    );
    assert_eq!(
        nodes.proposal(a, open).status,
        council::msg::ProposalStatus::Open
    );

    let before = answers(&nodes, &subjects);
    let raw_before: Vec<_> = MIGRATED.iter().map(|&c| raw(&mut nodes, a, c)).collect();
    let old_code: Vec<_> = MIGRATED
        .iter()
        .map(|&c| code_id(&mut nodes, a, c))
        .collect();

    let msgs = migrate_msgs(&mut nodes, a);
    let upgrade = nodes.pass(a, "Upgrade to 0.2.0", msgs).unwrap();
    let proposal = nodes.proposal(a, upgrade);
    assert_eq!(
        proposal.status,
        council::msg::ProposalStatus::Executed,
        "{:?}",
        proposal.execution_error
    );
    for (i, &c) in MIGRATED.iter().enumerate() {
        assert_ne!(
            code_id(&mut nodes, a, c),
            old_code[i],
            "{c:?} runs the new code"
        );
        let addr = nodes.contract(a, c);
        let version = cw2::query_contract_info(&nodes.chain(a).app.wrap(), addr).unwrap();
        assert_eq!(version.version, env!("CARGO_PKG_VERSION"));
    }

    // Every answer is the same; the registry's config gained the published score weights.
    let after = answers(&nodes, &subjects);
    for ((what, old), (_, new)) in before.iter().zip(&after) {
        assert_answers_same(what, old, new);
    }
    let config: housing_registry::msg::ConfigResponse =
        nodes.query(a, Contract::Housing, &json!({"config": {}}));
    assert_eq!(
        config.score_weights,
        housing_registry::msg::ScoreWeights::default()
    );
    // The store changed only where the migration says: both versions, and the registry's config
    // (and, in the council, the upgrade proposal's own records).
    for (i, &c) in MIGRATED.iter().enumerate() {
        let mut changed: Vec<String> = changed_keys(&raw_before[i], &raw(&mut nodes, a, c));
        if c == Contract::Council {
            changed.retain(|key| !is_proposal_record(key, upgrade));
        }
        let mut expected = vec!["contract_info", "state_version"];
        if c == Contract::Housing {
            expected.insert(0, "config");
        }
        if c == Contract::Escrow {
            // Layout 2: the share total and the deal counter become one record, `t`.
            expected = vec![
                "contract_info",
                "next_deal_id",
                "state_version",
                "t",
                "total_shares",
            ];
        }
        // The relay's three counters become its compact ledger (`l`); pending packets stay.
        if c == Contract::Relay {
            expected = vec![
                "contract_info",
                "in_flight_units",
                "l",
                "next_packet_id",
                "state_version",
                "total_units",
            ];
        }
        assert_eq!(changed, expected, "{c:?}");
    }

    // ---- The story finishes on the new code. ----
    // The vouchers arrive on dac-2.
    nodes.relayer.relay_all().unwrap();
    assert!(nodes.pending(a).packets.is_empty());
    assert!(nodes.vouchers(a, "ada") > 0, "ada holds vouchers abroad");
    // The open proposal gets its last votes and passes.
    for voter in ["cyd", "dov"] {
        let vote = council::msg::ExecuteMsg::Vote {
            proposal_id: open,
            option: council::msg::VoteOption::Yes,
        };
        nodes.exec(a, voter, Contract::Council, &vote).unwrap();
    }
    nodes
        .exec(
            a,
            "ada",
            Contract::Council,
            &council::msg::ExecuteMsg::Close { proposal_id: open },
        )
        .unwrap();
    assert_eq!(
        nodes.proposal(a, open).status,
        council::msg::ProposalStatus::Passed
    );
    // Income owed before the upgrade is paid after it.
    let owed: demurrage_token::msg::ClaimableResponse = nodes.query(
        a,
        Contract::Token,
        &json!({"claimable": {"address": nodes.addr(a, "dov")}}),
    );
    assert!(!owed.amount.is_zero());
    let dov_before = nodes.balance(a, "dov");
    nodes
        .exec(
            a,
            "dov",
            Contract::Token,
            &demurrage_token::msg::ExecuteMsg::ClaimIncome {},
        )
        .unwrap();
    assert_eq!(nodes.balance(a, "dov"), dov_before + owed.amount.u128());
    // Frank spends from the allowance Ada gave before the upgrade.
    nodes
        .exec(
            a,
            "frank",
            Contract::Token,
            &cw20::Cw20ExecuteMsg::TransferFrom {
                owner: nodes.addr(a, "ada"),
                recipient: nodes.addr(a, "frank"),
                amount: Uint128::new(1_000_000),
            },
        )
        .unwrap();
    // Bea pays her arrears; Cyd applies and is housed by a round scored with the new weights.
    let arrears: housing_registry::msg::ArrearsResponse = nodes.query(
        a,
        Contract::Housing,
        &json!({"arrears": {"address": nodes.addr(a, "bea")}}),
    );
    assert!(!arrears.arrears.is_zero());
    let pay = housing_registry::msg::ReceiveMsg::PayFees { holder: None };
    nodes
        .send_token(a, "bea", Contract::Housing, arrears.arrears.u128(), &pay)
        .unwrap();
    let apply = housing_registry::msg::ExecuteMsg::Apply {
        household_size: 1,
        needs: vec![],
        evidence_commitment: None,
    };
    nodes.exec(a, "cyd", Contract::Housing, &apply).unwrap();
    let round = housing_registry::msg::ExecuteMsg::AllocateRound { limit: 5 };
    nodes.exec(a, "anyone", Contract::Housing, &round).unwrap();
    let home: housing_registry::msg::HomeOfResponse = nodes.query(
        a,
        Contract::Housing,
        &json!({"home_of": {"holder": nodes.addr(a, "cyd")}}),
    );
    assert!(home.home_id.is_some(), "cyd is housed after the upgrade");
    // Bea repays the loan made before the upgrade; the deal closes.
    nodes
        .send_token(
            a,
            "bea",
            Contract::Escrow,
            100_000,
            &escrow::msg::ReceiveMsg::Repay { deal_id },
        )
        .unwrap();
    let deal: escrow::msg::DealResponse =
        nodes.query(a, Contract::Escrow, &json!({"deal": {"deal_id": deal_id}}));
    assert_eq!(deal.status, escrow::msg::StatusKey::Closed);
}

/// The keys whose values differ (or exist on one side only), as text, sorted.
/// Only an executive chamber may pass a `WasmMsg::Migrate` (SECURITY.md): the workers' council,
/// a child council without an `admin` grant, is refused when it proposes one, and nothing runs.
#[test]
fn a_chamber_without_the_admin_grant_may_not_propose_an_upgrade() {
    let mut nodes = v0_1_0_nodes();
    let a = Side::A;
    let msgs = migrate_msgs(&mut nodes, a);
    let proposals_before = raw(&mut nodes, a, Contract::Council);
    let workers = council::msg::ProposeMsg {
        chambers: vec![council::msg::Body::Council { council_id: 2 }],
        title: "Upgrade".into(),
        topic: "governance".into(),
        description: "the workers upgrade the token".into(),
        choices: council::msg::ProposalChoices::YesNo {},
        msgs,
    };
    let err = nodes
        .exec(
            a,
            "ada",
            Contract::Council,
            &council::msg::ExecuteMsg::Propose(workers),
        )
        .unwrap_err();
    assert!(
        format!("{err:?}").contains("scope"),
        "refused for its scope: {err:?}"
    );
    assert_eq!(raw(&mut nodes, a, Contract::Council), proposals_before);
    let token = code_id(&mut nodes, a, Contract::Token);
    assert_eq!(token, code_id(&mut nodes, a, Contract::Token));
}

/// A council that votes a downgrade (back to v0.1.0's code) sees its proposal fail with the
/// contract's typed refusal, and the contract's store and code are untouched.
#[test]
fn an_upgraded_node_refuses_a_downgrade_by_vote_and_changes_nothing() {
    let mut nodes = v0_1_0_nodes();
    let a = Side::A;
    let old_token_code = code_id(&mut nodes, a, Contract::Token);
    let msgs = migrate_msgs(&mut nodes, a);
    nodes.pass(a, "Upgrade", msgs).unwrap();
    let new_token_code = code_id(&mut nodes, a, Contract::Token);
    let before = raw(&mut nodes, a, Contract::Token);

    let back = migrate_to(&nodes, a, Contract::Token, old_token_code);
    let id = nodes.pass(a, "Downgrade", vec![back]).unwrap();
    let proposal = nodes.proposal(a, id);
    assert_eq!(
        proposal.status,
        council::msg::ProposalStatus::ExecutionFailed
    );
    // v0.1.0's own migrate refused (its cw2 check sees 0.2.0 stored); the chain reports the
    // reason in the transaction's log, the council records that the run failed.
    assert!(proposal.execution_error.is_some());
    assert_eq!(code_id(&mut nodes, a, Contract::Token), new_token_code);
    assert_eq!(raw(&mut nodes, a, Contract::Token), before);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// For random pre-upgrade states (payments, allowances, joins, homes, deals, transfers in
    /// flight, time), every balance, allowance, member, home, deal and pending packet answers the
    /// same after the migration.
    #[test]
    fn any_v0_1_0_state_answers_the_same_after_migration(
        payments in proptest::collection::vec((0usize..4, 0usize..7, 1u128..5_000_000), 0..6),
        allowances in proptest::collection::vec((0usize..4, 0usize..7, 1u128..5_000_000), 0..4),
        applicants in proptest::collection::vec(0usize..4, 0..4),
        homes in 0usize..3,
        deal in any::<bool>(),
        abroad in proptest::collection::vec((0usize..4, 1u128..2_000_000), 0..3),
        days in 0u64..90,
    ) {
        let mut nodes = v0_1_0_nodes();
        let a = Side::A;
        let founders = ["ada", "bea", "cyd", "dov"];
        let names = ["ada", "bea", "cyd", "dov", "erin", "frank", "gil"];
        for (from, to, amount) in payments {
            // A payment to oneself is refused, by both versions alike.
            let _ = nodes.pay(a, founders[from], names[to], amount);
        }
        for (owner, spender, amount) in allowances {
            let spender = nodes.addr(a, names[spender]);
            let msg = cw20::Cw20ExecuteMsg::IncreaseAllowance {
                spender,
                amount: Uint128::new(amount),
                expires: None,
            };
            // An owner may not approve itself: a refusal both versions share.
            let _ = nodes.exec(a, founders[owner], Contract::Token, &msg);
        }
        for _ in 0..homes {
            let register = housing_registry::msg::ExecuteMsg::RegisterHome {
                rooms: 1,
                accessibility: vec![],
                zone: "old town".into(),
                status: housing_registry::msg::HomeStatus::Available,
            };
            nodes.govern(a, "a home", Contract::Housing, &register).unwrap();
        }
        for who in applicants {
            let apply = housing_registry::msg::ExecuteMsg::Apply {
                household_size: 1,
                needs: vec![],
                evidence_commitment: None,
            };
            let _ = nodes.exec(a, founders[who], Contract::Housing, &apply);
        }
        let round = housing_registry::msg::ExecuteMsg::AllocateRound { limit: 5 };
        nodes.exec(a, "anyone", Contract::Housing, &round).unwrap();
        if deal {
            first_deal(&mut nodes);
        }
        for (from, amount) in abroad {
            nodes.send_abroad(a, founders[from], "ada", amount, DAY).unwrap();
        }
        nodes.advance_both(days * DAY);

        let subjects = subjects(&nodes);
        let before = answers(&nodes, &subjects);
        let msgs = migrate_msgs(&mut nodes, a);
        let upgrade = nodes.pass(a, "Upgrade", msgs).unwrap();
        prop_assert_eq!(nodes.proposal(a, upgrade).status, council::msg::ProposalStatus::Executed);
        let after = answers(&nodes, &subjects);
        for ((what, old), (_, new)) in before.iter().zip(&after) {
            assert_answers_same(what, old, new);
        }
    }
}

/// A proposed escrow deal (Ada to Bea), for the property test.
fn first_deal(nodes: &mut TwoNodes) {
    let a = Side::A;
    let terms = escrow::msg::ProposeMsg {
        counterparty: nodes.addr(a, "bea"),
        arbitrator: nodes.addr(a, "cyd"),
        kind: escrow::msg::DealKindMsg::Forward {},
        counterparty_stake: Uint128::new(5_000),
        arbitrator_collateral: Uint128::new(1_000),
        sign_by: nodes.now(a).plus_seconds(2 * DAY),
        due: nodes.now(a).plus_seconds(90 * DAY),
        grace_seconds: 5 * DAY,
        ruling_seconds: 10 * DAY,
        appeal_seconds: 10 * DAY,
        description: String::new(),
    };
    nodes
        .send_token(
            a,
            "ada",
            Contract::Escrow,
            10_000,
            &escrow::msg::ReceiveMsg::Propose(terms),
        )
        .unwrap();
}
