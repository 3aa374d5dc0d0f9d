//! Deploying a node through the recipe is predictable and safe to repeat: every contract lands
//! at an address that follows from the node's name, its deployer and its code (instantiate2),
//! so the addresses are known before anything is deployed; the same node can't be deployed
//! twice by accident; and a deployment cut off at any transaction, before the transaction was
//! sent or after it landed, resumes from its record to exactly the node an uninterrupted run
//! makes, without a second proposal or a second contract.

use std::collections::BTreeMap;

use cosmwasm_std::{
    Binary, Checksum, Deps, DepsMut, Empty, Env, MessageInfo, Response, StdResult, Timestamp,
    WasmMsg,
};
use council::msg::{ListProposalsResponse, ProposalStatus, QueryMsg as CouncilQuery};
use cw_multi_test::{ContractWrapper, Executor};
use dac_deploy::{predict_node, resume_node, Contract, Deployment, Interrupted, NodeConfig};
use dac_ibc_harness::Chain as IbcChain;
use dac_testing::{deploy_on, test_config, OnApp, GENESIS_SECONDS};

fn chain() -> IbcChain {
    IbcChain::new("dac-1", "wasm", Timestamp::from_seconds(GENESIS_SECONDS))
}

/// The harness's stand-in checksums (`dac_testing::contract_code`), as a wasmd deployer reads
/// them from `artifacts/checksums.txt` before uploading anything.
fn checksums() -> BTreeMap<Contract, Vec<u8>> {
    Contract::ALL
        .iter()
        .map(|&c| {
            (
                c,
                Checksum::generate(c.wasm_file().as_bytes())
                    .as_slice()
                    .to_vec(),
            )
        })
        .collect()
}

fn proposals(chain: &IbcChain, council: &str, status: ProposalStatus) -> usize {
    let list: ListProposalsResponse = chain
        .app
        .wrap()
        .query_wasm_smart(
            council,
            &CouncilQuery::ListProposals {
                status: Some(status),
                start_after: None,
                limit: None,
            },
        )
        .unwrap();
    list.proposals.len()
}

/// What makes a node whole: every contract at its address, governed by the council (wasmd
/// admin of all five), the council knowing its token, one proposal executed and none left open.
fn assert_whole(chain: &IbcChain, deployment: &Deployment, expected: &BTreeMap<Contract, String>) {
    assert!(deployment.complete, "{}", deployment.next_step());
    assert_eq!(&deployment.contracts, expected);
    let council = deployment.addr(Contract::Council);
    for contract in Contract::ALL {
        let info = chain
            .app
            .wrap()
            .query_wasm_contract_info(deployment.addr(contract))
            .unwrap();
        assert_eq!(info.admin.unwrap().as_str(), council, "{contract:?}");
    }
    let config: council::msg::ConfigResponse = chain
        .app
        .wrap()
        .query_wasm_smart(council, &CouncilQuery::Config {})
        .unwrap();
    assert_eq!(
        config.token.unwrap().as_str(),
        deployment.addr(Contract::Token)
    );
    assert_eq!(proposals(chain, council, ProposalStatus::Executed), 1);
    assert_eq!(proposals(chain, council, ProposalStatus::Open), 0);
}

#[test]
fn a_nodes_addresses_are_known_before_it_is_deployed() {
    let mut chain = chain();
    let cfg = test_config(&chain, "north");
    let predicted = predict_node(&cfg, &checksums()).unwrap();
    let deployment = deploy_on(&mut chain, &cfg).unwrap();
    assert_whole(&chain, &deployment, &predicted);

    // Another node of the same deployer on the same chain gets addresses of its own.
    let south = test_config(&chain, "south");
    let deployment = deploy_on(&mut chain, &south).unwrap();
    let south_addresses = predict_node(&south, &checksums()).unwrap();
    assert_whole(&chain, &deployment, &south_addresses);
    for contract in Contract::ALL {
        assert_ne!(predicted[&contract], south_addresses[&contract]);
    }
}

#[test]
fn deploying_the_same_node_again_is_refused_and_the_node_is_untouched() {
    let mut chain = chain();
    let cfg = test_config(&chain, "north");
    let first = deploy_on(&mut chain, &cfg).unwrap();
    let err = format!("{:#}", deploy_on(&mut chain, &cfg).unwrap_err());
    assert!(err.contains("node 'north' is already deployed"), "{err}");
    assert!(err.contains(first.addr(Contract::Council)), "{err}");
    assert!(err.contains("Choose another node name"), "{err}");
    assert_whole(&chain, &first, &first.contracts);
}

#[test]
fn a_node_name_too_long_for_a_salt_is_refused_before_anything_is_stored() {
    let mut chain = chain();
    let cfg = test_config(&chain, &"n".repeat(48));
    let err = format!("{:#}", deploy_on(&mut chain, &cfg).unwrap_err());
    assert!(err.contains("a node name is 1 to 47 bytes"), "{err}");
    assert!(
        chain.app.wrap().query_wasm_code_info(1).is_err(),
        "nothing stored"
    );
}

/// How many transactions a whole deployment sends.
fn transactions_of_a_deployment(cfg: &NodeConfig) -> usize {
    let mut chain = chain();
    let mut app = OnApp(&mut chain.app);
    let mut counting = Interrupted::new(&mut app, usize::MAX, false);
    let mut progress = Deployment::start(cfg);
    resume_node(&mut counting, cfg, &mut progress, &mut |_| Ok(())).unwrap();
    counting.sent
}

#[test]
fn a_deployment_cut_off_at_any_transaction_resumes_to_the_same_node() {
    let cfg = test_config(&chain(), "north");
    let expected = predict_node(&cfg, &checksums()).unwrap();
    let transactions = transactions_of_a_deployment(&cfg);
    // 5 uploads, 5 instantiations, the council's admin, a proposal, 4 votes, close, execute.
    assert_eq!(transactions, 18);
    for cut_at in 1..=transactions {
        for landed in [false, true] {
            let mut chain = chain();
            // Only what was saved survives the cut, as deployment.json does.
            let mut record = Deployment::start(&cfg);
            let mut progress = Deployment::start(&cfg);
            let mut app = OnApp(&mut chain.app);
            let mut cut = Interrupted::new(&mut app, cut_at, landed);
            let err = resume_node(&mut cut, &cfg, &mut progress, &mut |saved| {
                record = saved.clone();
                Ok(())
            })
            .unwrap_err();
            assert!(
                format!("{err:#}").contains("interrupted at transaction"),
                "{err:#}"
            );
            assert!(!record.complete);

            resume_node(&mut OnApp(&mut chain.app), &cfg, &mut record, &mut |_| {
                Ok(())
            })
            .unwrap_or_else(|e| panic!("resuming after a cut at {cut_at} ({landed}): {e:#}"));
            assert_whole(&chain, &record, &expected);
        }
    }
}

/// A contract whose migration accepts anything: it could be put where the council belongs.
fn squatter() -> Box<dyn cw_multi_test::Contract<Empty>> {
    fn nothing(_: DepsMut, _: Env, _: MessageInfo, _: Empty) -> StdResult<Response> {
        Ok(Response::new())
    }
    fn answer(_: Deps, _: Env, _: Empty) -> StdResult<Binary> {
        Ok(Binary::default())
    }
    fn migrate(_: DepsMut, _: Env, _: Empty) -> StdResult<Response> {
        Ok(Response::new())
    }
    Box::new(ContractWrapper::new(nothing, nothing, answer).with_migrate(migrate))
}

#[test]
fn a_resume_refuses_to_adopt_a_contract_that_runs_other_code() {
    let mut chain = chain();
    let cfg = test_config(&chain, "north");
    // Cut off right after the council's instantiation landed: 5 uploads, then the council.
    let mut record = Deployment::start(&cfg);
    let mut progress = Deployment::start(&cfg);
    let mut app = OnApp(&mut chain.app);
    let mut cut = Interrupted::new(&mut app, 6, true);
    resume_node(&mut cut, &cfg, &mut progress, &mut |saved| {
        record = saved.clone();
        Ok(())
    })
    .unwrap_err();
    let council = predict_node(&cfg, &checksums()).unwrap()[&Contract::Council].clone();
    // Meanwhile the deployer, still its wasmd admin, migrates it to other code.
    let other = chain.app.store_code(squatter());
    chain
        .app
        .execute(
            cosmwasm_std::Addr::unchecked(&cfg.deployer),
            WasmMsg::Migrate {
                contract_addr: council.clone(),
                new_code_id: other,
                msg: cosmwasm_std::to_json_binary(&Empty {}).unwrap(),
            }
            .into(),
        )
        .unwrap();
    let err = resume_node(&mut OnApp(&mut chain.app), &cfg, &mut record, &mut |_| {
        Ok(())
    })
    .unwrap_err();
    let err = format!("{err:#}");
    assert!(
        err.contains(&format!(
            "{council}, where this node's council belongs, runs code {other}"
        )),
        "{err}"
    );
    assert!(!record.contracts.contains_key(&Contract::Council));
}

#[test]
fn a_record_says_which_step_a_rerun_starts_with() {
    let cfg = test_config(&chain(), "north");
    let mut record = Deployment::start(&cfg);
    assert_eq!(record.next_step(), "storing demurrage-token");
    for (i, c) in Contract::ALL.iter().enumerate() {
        record.code_ids.insert(*c, i as u64 + 1);
    }
    assert_eq!(record.next_step(), "instantiating council");
    for c in Contract::ALL {
        record
            .contracts
            .insert(c, format!("wasm1{}", c.crate_name()));
    }
    assert_eq!(record.next_step(), "the council's first proposal");
    record.wiring_proposal = Some(1);
    assert_eq!(
        record.next_step(),
        "voting and executing the council's first proposal (1)"
    );
    // A deployment file written before progress was recorded describes a whole node.
    let old: Deployment = serde_json::from_str(
        r#"{"node":"dac-1","code_ids":{},"contracts":{},"executive_council_id":1}"#,
    )
    .unwrap();
    assert!(old.complete);
}
