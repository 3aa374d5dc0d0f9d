//! A node running the previous release upgrades to this one by a council vote, on a real chain:
//! half a life on the old code (a payment, an allowance, a proposal left open with votes), then
//! this release's code stored and one proposal of `WasmMsg::Migrate`s for all five contracts
//! (the council is every contract's wasmd admin, its own too); executed first with too little gas,
//! it fails whole and nothing migrates. Every answer read before is the
//! same after (new fields allowed), every contract runs the new code, and the open proposal
//! finishes on it. `scripts/chain/e2e.sh` then plays the newcomer's story on the upgraded node.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{ensure, Context, Result};
use cosmwasm_std::{to_json_binary, CosmosMsg, Empty, HexBinary, WasmMsg};
use dac_deploy::{
    changed_keys, is_proposal_record, propose_and_close, Chain, Contract, Deployment, NodeConfig,
};
use serde_json::{json, Value};

use crate::{attr, Wasmd};

/// Too little for the five migrations (which use ~730k): their execution must fail whole.
const STARVED_GAS: u64 = 250_000;

/// The contracts' wasmd code ids, as the chain records them.
fn code_ids(chain: &Wasmd, d: &Deployment) -> Result<Vec<u64>> {
    Contract::ALL
        .iter()
        .map(|&c| {
            let info = chain.query_json(&["wasm", "contract", d.addr(c)])?;
            let id = &info["contract_info"]["code_id"];
            id.as_u64()
                .or_else(|| id.as_str().and_then(|s| s.parse().ok()))
                .with_context(|| format!("no code id for {c:?} in {info}"))
        })
        .collect()
}

/// What the node answers that time does not change (balances decay between two reads).
fn answers(
    chain: &Wasmd,
    d: &Deployment,
    cfg: &NodeConfig,
    proposal: u64,
) -> Result<Vec<(String, Value)>> {
    let (token, council) = (d.addr(Contract::Token), d.addr(Contract::Council));
    let asks: Vec<(&str, &str, Value)> = vec![
        ("token info", token, json!({"token_info": {}})),
        ("governance", token, json!({"governance": {}})),
        (
            "allowance",
            token,
            json!({"allowance": {"owner": cfg.founders[0], "spender": cfg.founders[2]}}),
        ),
        ("council config", council, json!({"config": {}})),
        (
            "open proposal",
            council,
            json!({"proposal": {"proposal_id": proposal}}),
        ),
        (
            "housing config",
            d.addr(Contract::Housing),
            json!({"config": {}}),
        ),
        (
            "escrow config",
            d.addr(Contract::Escrow),
            json!({"config": {}}),
        ),
        (
            "relay config",
            d.addr(Contract::Relay),
            json!({"config": {}}),
        ),
    ];
    asks.into_iter()
        .map(|(what, contract, msg)| Ok((what.to_string(), chain.query(contract, &msg)?)))
        .collect()
}

/// A contract's whole store (a young node's is small): key -> value, as the chain gives them.
fn raw_state(chain: &Wasmd, contract: &str) -> Result<BTreeMap<Vec<u8>, String>> {
    let all = chain.query_json(&[
        "wasm",
        "contract-state",
        "all",
        contract,
        "--limit",
        "10000",
    ])?;
    let models = all["models"]
        .as_array()
        .context("no models in contract-state all")?;
    ensure!(
        all["pagination"]["next_key"].is_null(),
        "{contract}'s store has more than 10000 entries"
    );
    models
        .iter()
        .map(|model| {
            let key = model["key"].as_str().context("a model without a key")?;
            Ok((
                HexBinary::from_hex(key)?.to_vec(),
                model["value"].to_string(),
            ))
        })
        .collect()
}

/// `old` answers inside `new`: every field equal; fields the new release added are allowed.
fn same_answer(what: &str, old: &Value, new: &Value) -> Result<()> {
    match (old, new) {
        (Value::Object(old), Value::Object(new)) => old.iter().try_for_each(|(key, value)| {
            let now = new
                .get(key)
                .with_context(|| format!("{what}: `{key}` is gone after the upgrade"))?;
            same_answer(&format!("{what}.{key}"), value, now)
        }),
        _ => {
            ensure!(old == new, "{what}: {old} before the upgrade, {new} after");
            Ok(())
        }
    }
}

/// Plays the upgrade on node `d`, deployed from the previous release's wasm; `new_artifacts`
/// holds this release's. Prints one line per step.
pub fn run(
    chain: &mut Wasmd,
    d: &Deployment,
    cfg: &NodeConfig,
    new_artifacts: &Path,
) -> Result<()> {
    let (token, council) = (d.addr(Contract::Token), d.addr(Contract::Council));
    let founders = &cfg.founders;

    // ---- Half a life on the old code.
    chain.execute(
        &founders[0],
        token,
        &json!({"transfer": {"recipient": founders[1], "amount": "1000000"}}),
    )?;
    chain.execute(
        &founders[0],
        token,
        &json!({"increase_allowance": {"spender": founders[2], "amount": "500000"}}),
    )?;
    let attrs = chain.execute(
        &founders[0],
        council,
        &json!({"propose": {
            "chambers": [{"council": {"council_id": 1}}],
            "title": "Plant trees on the commons",
            "topic": "governance",
            "description": "Left open across the upgrade",
            "choices": {"yes_no": {}},
            "msgs": []
        }}),
    )?;
    let open: u64 = attr(&attrs, "proposal_id")?.parse()?;
    for founder in &founders[..2] {
        chain.execute(
            founder,
            council,
            &json!({"vote": {"proposal_id": open, "option": "yes"}}),
        )?;
    }
    eprintln!("  old code: a payment, an allowance, proposal {open} open with 2 votes");
    let before = answers(chain, d, cfg, open)?;
    let raw_before = Contract::ALL
        .iter()
        .map(|&c| raw_state(chain, d.addr(c)))
        .collect::<Result<Vec<_>>>()?;
    let old_codes = code_ids(chain, d)?;

    // ---- This release stored, and one proposal migrates all five.
    chain.set_artifacts(new_artifacts);
    let mut migrations = Vec::new();
    for contract in Contract::ALL {
        let new_code_id = chain.store(contract)?;
        migrations.push(CosmosMsg::Wasm(WasmMsg::Migrate {
            contract_addr: d.addr(contract).to_string(),
            new_code_id,
            msg: to_json_binary(&Empty {})?,
        }));
    }
    let upgrade = propose_and_close(
        chain,
        council,
        founders,
        "Upgrade to this release",
        migrations,
    )?;
    // With too little gas for five migrations the whole transaction fails: nothing migrates and
    // the proposal waits, passed, for an execution with enough.
    let execute = json!({"execute": {"proposal_id": upgrade}});
    let starved = chain.execute_with_gas(&founders[0], council, &execute, STARVED_GAS);
    let why = format!(
        "{:#}",
        starved.err().context("five migrations ran on 250000 gas")?
    );
    ensure!(
        why.contains("out of gas"),
        "the starved execution failed otherwise: {why}"
    );
    ensure!(
        code_ids(chain, d)? == old_codes,
        "a migration ran in the transaction that ran out of gas"
    );
    let waiting = chain.query(council, &json!({"proposal": {"proposal_id": upgrade}}))?;
    ensure!(
        waiting["status"] == "passed",
        "after the failed execution proposal {upgrade} is {}, not still passed",
        waiting["status"]
    );
    eprintln!("  proposal {upgrade} executed with {STARVED_GAS} gas: out of gas, nothing migrated");
    chain.execute(&founders[0], council, &execute)?;
    let status = chain.query(council, &json!({"proposal": {"proposal_id": upgrade}}))?;
    ensure!(
        status["status"] == "executed",
        "the upgrade proposal {upgrade} did not run: {status}"
    );
    let new_codes = code_ids(chain, d)?;
    for ((contract, old), new) in Contract::ALL.iter().zip(&old_codes).zip(&new_codes) {
        ensure!(old != new, "{contract:?} still runs code {old}");
    }
    eprintln!("  proposal {upgrade} migrated all five: codes {old_codes:?} -> {new_codes:?}");

    // ---- Every answer the same; the registry's config gained the score weights.
    let after = answers(chain, d, cfg, open)?;
    for ((what, old), (_, new)) in before.iter().zip(&after) {
        same_answer(what, old, new)?;
    }
    let housing = chain.query(d.addr(Contract::Housing), &json!({"config": {}}))?;
    ensure!(
        housing["score_weights"].is_object(),
        "the registry's config has no score weights after the upgrade: {housing}"
    );
    // The stores changed only where the migrations say: both versions, the registry's config
    // (and, in the council, the upgrade proposal's own records).
    for (contract, before) in Contract::ALL.iter().zip(&raw_before) {
        let mut changed = changed_keys(before, &raw_state(chain, d.addr(*contract))?);
        if *contract == Contract::Council {
            changed.retain(|key| !is_proposal_record(key, upgrade));
        }
        let mut expected = vec!["contract_info", "state_version"];
        if *contract == Contract::Housing {
            expected.insert(0, "config");
        }
        // Layout 2 of the escrow and the relay: whichever counters v0.1.0 had stored become one
        // binary record (`t`, `l`); a v0.1.0 store that never wrote them converts nothing.
        let merged: &[&str] = match contract {
            Contract::Escrow => &["next_deal_id", "total_shares", "t"],
            Contract::Relay => &["in_flight_units", "next_packet_id", "total_units", "l"],
            _ => &[],
        };
        if let Some((record, counters)) = merged.split_last() {
            let stored: Vec<&str> = counters
                .iter()
                .copied()
                .filter(|key| before.contains_key(key.as_bytes()))
                .collect();
            if !stored.is_empty() {
                expected.extend(stored);
                expected.push(record);
                expected.sort_unstable();
            }
        }
        ensure!(
            changed == expected,
            "{contract:?}'s store changed at {changed:?}, expected only {expected:?}"
        );
    }
    eprintln!(
        "  {} answers the same after the upgrade; each store changed only where its migration says",
        after.len()
    );

    // ---- The open proposal finishes on the new code.
    for founder in &founders[2..] {
        chain.execute(
            founder,
            council,
            &json!({"vote": {"proposal_id": open, "option": "yes"}}),
        )?;
    }
    chain.execute(
        &founders[0],
        council,
        &json!({"close": {"proposal_id": open}}),
    )?;
    let passed = chain.query(council, &json!({"proposal": {"proposal_id": open}}))?;
    ensure!(
        passed["status"] == "passed",
        "proposal {open}, voted across the upgrade, did not pass: {passed}"
    );
    eprintln!("  proposal {open}, two votes before the upgrade and two after, passed");
    Ok(())
}
