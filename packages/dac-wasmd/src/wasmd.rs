//! [`Wasmd`]: the recipe's [`Chain`] on a running local wasmd node, driven through the `wasmd`
//! command line exactly as a person would drive it. Every transaction is signed by the key of its
//! sender in the chain's test keyring and waited for until a block includes it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context, Result};
use dac_deploy::{Attributes, Chain, Contract, ContractInfo};
use serde_json::Value;

/// How long a broadcast tx may take to be included (blocks come every ~1 s).
const TX_WAIT: Duration = Duration::from_secs(90);

/// A running chain started by `scripts/chain/start.sh`, as its `chain.env` describes it.
pub struct Wasmd {
    pub chain_id: String,
    home: PathBuf,
    node: String,
    gas_prices: String,
    gas_adjustment: String,
    keyring_backend: String,
    binary: PathBuf,
    artifacts: PathBuf,
    /// Address -> key name in the chain's test keyring.
    keys: BTreeMap<String, String>,
    /// The key that uploads code (the recipe's `store` names no sender).
    pub uploader: String,
    /// Codes already on the chain (e.g. stored by a governance proposal) that `store` returns
    /// instead of uploading.
    pub stored: BTreeMap<Contract, u64>,
    /// The keys of the chain's validators in its keyring (chain.env VALIDATOR_KEYS; local chains).
    pub validator_keys: Vec<String>,
    /// A governance proposal's deposit (chain.env GOV_DEPOSIT), when the chain says.
    pub gov_deposit: Option<String>,
    /// Prints one line per transaction to stderr.
    pub verbose: bool,
}

/// The settings `start.sh` writes: `KEY=value` lines, values optionally in double quotes.
pub fn read_env_file(path: &Path) -> Result<BTreeMap<String, String>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(text
        .lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .filter_map(|line| line.split_once('='))
        .map(|(k, v)| (k.trim().to_string(), v.trim().trim_matches('"').to_string()))
        .collect())
}

/// What [`Wasmd`] needs to know of a chain: from a local chain's `chain.env` or from a network
/// profile ([`crate::network::Profile`]).
pub struct Settings {
    pub chain_id: String,
    /// The `--home` that holds the keyring.
    pub home: PathBuf,
    pub node: String,
    pub gas_prices: String,
    pub gas_adjustment: f64,
    pub keyring_backend: String,
    pub validator_keys: Vec<String>,
    pub gov_deposit: Option<String>,
}

impl Settings {
    /// From the `chain.env` that `scripts/chain/start.sh` leaves in a local chain's home.
    pub fn from_chain_env(env_file: &Path) -> Result<Self> {
        let env = read_env_file(env_file)?;
        let get = |key: &str| {
            env.get(key)
                .cloned()
                .with_context(|| format!("no {key} in {}", env_file.display()))
        };
        Ok(Settings {
            chain_id: get("CHAIN_ID")?,
            home: get("CHAIN_HOME")?.into(),
            node: get("CHAIN_NODE")?,
            gas_prices: get("GAS_PRICES")?,
            gas_adjustment: 1.4,
            keyring_backend: "test".into(),
            validator_keys: env
                .get("VALIDATOR_KEYS")
                .map(|keys| keys.split_whitespace().map(String::from).collect())
                .unwrap_or_default(),
            gov_deposit: env.get("GOV_DEPOSIT").cloned(),
        })
    }

    /// From a network profile.
    pub fn from_profile(profile: &crate::network::Profile) -> Result<Self> {
        Ok(Settings {
            chain_id: profile.chain_id.clone(),
            home: profile.keyring_dir()?,
            node: profile.rpc()?.to_string(),
            gas_prices: profile.gas_prices()?,
            gas_adjustment: profile.deploy.gas_adjustment,
            keyring_backend: profile.deploy.keyring_backend.clone(),
            validator_keys: profile.deploy.validators.clone(),
            gov_deposit: profile.deploy.gov_deposit.clone(),
        })
    }
}

impl Wasmd {
    /// Connects to the chain whose `chain.env` is at `env_file`, with the `wasmd` at `binary`
    /// and the optimized contracts in `artifacts`.
    pub fn connect(env_file: &Path, binary: &Path, artifacts: &Path) -> Result<Self> {
        let chain = Self::open(Settings::from_chain_env(env_file)?, binary, artifacts)?;
        chain
            .height()
            .context("the chain does not answer: is it running?")?;
        Ok(chain)
    }

    /// The chain `settings` describe, its keyring read; asks the chain nothing yet.
    pub fn open(settings: Settings, binary: &Path, artifacts: &Path) -> Result<Self> {
        let mut chain = Wasmd {
            chain_id: settings.chain_id,
            home: settings.home,
            node: settings.node,
            gas_prices: settings.gas_prices,
            gas_adjustment: settings.gas_adjustment.to_string(),
            keyring_backend: settings.keyring_backend,
            binary: binary.to_path_buf(),
            artifacts: artifacts.to_path_buf(),
            keys: BTreeMap::new(),
            uploader: "deployer".into(),
            stored: BTreeMap::new(),
            validator_keys: settings.validator_keys,
            gov_deposit: settings.gov_deposit,
            verbose: true,
        };
        let listed: Value = serde_json::from_str(&chain.run(&[
            "keys",
            "list",
            "--output",
            "json",
            "--keyring-backend",
            &chain.keyring_backend,
            "--home",
            &chain.home.to_string_lossy(),
        ])?)?;
        for key in listed
            .as_array()
            .context("`wasmd keys list` gave no list")?
        {
            let (Some(name), Some(addr)) = (key["name"].as_str(), key["address"].as_str()) else {
                continue;
            };
            chain.keys.insert(addr.to_string(), name.to_string());
        }
        Ok(chain)
    }

    /// The node's RPC address.
    pub fn node(&self) -> &str {
        &self.node
    }

    /// The `--home` holding the keyring.
    pub fn home(&self) -> &Path {
        &self.home
    }

    /// The denom fees are paid in (the gas price's, e.g. `ustake` of `0.025ustake`).
    pub fn fee_denom(&self) -> String {
        self.gas_prices
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
            .to_string()
    }

    /// `wasmd status`: the node's own view (chain id, height).
    pub fn status(&self) -> Result<Value> {
        Ok(serde_json::from_str(&self.run(&[
            "status", "--node", &self.node, "--output", "json",
        ])?)?)
    }

    /// How much of `denom` `address` holds.
    pub fn balance(&self, address: &str, denom: &str) -> Result<u128> {
        let answer = self.query_json(&["bank", "balance", address, denom])?;
        answer["balance"]["amount"]
            .as_str()
            .unwrap_or("0")
            .parse()
            .context("a bank balance")
    }

    /// The address of test key `name` (`scripts/chain/accounts.env`).
    pub fn address(&self, name: &str) -> Result<String> {
        self.keys
            .iter()
            .find(|(_, key)| *key == name)
            .map(|(addr, _)| addr.clone())
            .with_context(|| format!("no key '{name}' in {}", self.home.display()))
    }

    fn key_of(&self, address: &str) -> Result<&str> {
        self.keys
            .get(address)
            .map(String::as_str)
            .with_context(|| format!("{address} has no key in {}", self.home.display()))
    }

    /// Runs `wasmd <args>`; returns its stdout, or fails with its stderr.
    pub(crate) fn run(&self, args: &[&str]) -> Result<String> {
        let out = Command::new(&self.binary)
            .args(args)
            .output()
            .with_context(|| format!("running {}", self.binary.display()))?;
        if !out.status.success() {
            bail!(
                "wasmd {} failed: {}",
                args.iter().take(4).cloned().collect::<Vec<_>>().join(" "),
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
        Ok(String::from_utf8(out.stdout)?)
    }

    /// Signs `wasmd tx <args>` (e.g. `wasm execute …`) with `key`, broadcasts it and returns its
    /// hash.
    pub(crate) fn broadcast(&self, key: &str, args: &[&str]) -> Result<String> {
        self.broadcast_with_gas(key, args, "auto")
    }

    /// [`Self::broadcast`] with a gas limit, for txs whose simulation underestimates them (a gov
    /// vote simulates ~2% short of what it uses, more than the adjustment covers).
    pub(crate) fn broadcast_with_gas(&self, key: &str, args: &[&str], gas: &str) -> Result<String> {
        let home = self.home.to_string_lossy();
        let mut full: Vec<&str> = vec!["tx"];
        full.extend_from_slice(args);
        full.extend_from_slice(&[
            "--from",
            key,
            "--home",
            &home,
            "--keyring-backend",
            &self.keyring_backend,
            "--chain-id",
            &self.chain_id,
            "--node",
            &self.node,
            "--gas",
            gas,
            "--gas-adjustment",
            &self.gas_adjustment,
            "--gas-prices",
            &self.gas_prices,
            "-y",
            "--output",
            "json",
        ]);
        let sent: Value = serde_json::from_str(&self.run(&full)?)?;
        ensure!(
            sent["code"] == 0,
            "tx refused (code {}): {}",
            sent["code"],
            sent["raw_log"]
        );
        Ok(sent["txhash"]
            .as_str()
            .context("no txhash in the broadcast answer")?
            .to_string())
    }

    /// Waits until a block includes tx `hash`; returns its result, or fails if it failed.
    /// Polls `wasmd query tx` rather than `wasmd query wait-tx`: wait-tx subscribes to the node's
    /// events, then looks the tx up, so it misses a tx committed just before it subscribed but
    /// not yet indexed (the indexer lags on a loaded machine) and waits until its timeout.
    pub(crate) fn wait_tx(&self, hash: &str) -> Result<Value> {
        let deadline = Instant::now() + TX_WAIT;
        let answer = loop {
            sleep(Duration::from_millis(500));
            match self.run(&[
                "query", "tx", hash, "--node", &self.node, "--output", "json",
            ]) {
                Ok(answer) => break answer,
                Err(e) if e.to_string().contains("not found") && Instant::now() < deadline => {}
                Err(e) => {
                    return Err(e.context(format!(
                        "tx {hash} not in a block after {} s",
                        TX_WAIT.as_secs()
                    )))
                }
            }
        };
        let result: Value = serde_json::from_str(&answer)?;
        ensure!(
            result["code"] == 0,
            "tx {hash} failed (code {}): {}",
            result["code"],
            result["raw_log"]
        );
        Ok(result)
    }

    /// Sends a `wasmd tx …` signed by `key` and returns its result once in a block.
    pub(crate) fn tx(&self, key: &str, args: &[&str]) -> Result<Value> {
        let started = Instant::now();
        let hash = self.broadcast(key, args)?;
        let result = self.wait_tx(&hash)?;
        if self.verbose {
            eprintln!(
                "  [{}] tx {} {} from {key}: height {}, gas {}, {} ms",
                self.chain_id,
                args[0],
                args[1],
                result["height"].as_str().unwrap_or("?"),
                result["gas_used"].as_str().unwrap_or("?"),
                started.elapsed().as_millis()
            );
        }
        Ok(result)
    }

    /// Executes with a fixed gas limit instead of the simulated one (e.g. one too low on
    /// purpose); fails as the chain refuses it.
    pub fn execute_with_gas(
        &self,
        sender: &str,
        contract: &str,
        msg: &Value,
        gas: u64,
    ) -> Result<Value> {
        let key = self.key_of(sender)?.to_string();
        let hash = self.broadcast_with_gas(
            &key,
            &["wasm", "execute", contract, &msg.to_string()],
            &gas.to_string(),
        )?;
        self.wait_tx(&hash)
    }

    /// Where `store` reads the optimized wasm from from now on (e.g. a later release's).
    pub fn set_artifacts(&mut self, dir: &Path) {
        self.artifacts = dir.to_path_buf();
    }

    /// `wasmd query <args>` against the chain's node, its JSON answer.
    pub fn query_json(&self, args: &[&str]) -> Result<Value> {
        let mut full: Vec<&str> = vec!["query"];
        full.extend_from_slice(args);
        full.extend_from_slice(&["--node", &self.node, "--output", "json"]);
        Ok(serde_json::from_str(&self.run(&full)?)?)
    }

    /// The path of a contract's optimized wasm.
    pub(crate) fn wasm_path(&self, contract: Contract) -> Result<PathBuf> {
        let wasm = self.artifacts.join(contract.wasm_file());
        ensure!(
            wasm.is_file(),
            "no {} (build it with scripts/build-wasm.sh)",
            wasm.display()
        );
        Ok(wasm)
    }

    /// The artifacts directory (with `checksums.txt`).
    pub fn artifacts(&self) -> &Path {
        &self.artifacts
    }

    /// The latest block height.
    pub fn height(&self) -> Result<u64> {
        Ok(self.status()?["sync_info"]["latest_block_height"]
            .as_str()
            .context("no height in `wasmd status`")?
            .parse()?)
    }
}

/// The value of attribute `key` of the first event of type `ty` in a tx result.
pub(crate) fn event_attr(result: &Value, ty: &str, key: &str) -> Option<String> {
    result["events"]
        .as_array()?
        .iter()
        .filter(|e| e["type"] == ty)
        .flat_map(|e| e["attributes"].as_array().into_iter().flatten())
        .find(|a| a["key"] == key)
        .and_then(|a| a["value"].as_str())
        .map(String::from)
}

/// The attributes of the wasm events (`wasm`, `wasm-*`), in order, as the recipe expects them.
fn wasm_attributes(result: &Value) -> Attributes {
    result["events"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["type"].as_str().is_some_and(|t| t.starts_with("wasm")))
        .flat_map(|e| e["attributes"].as_array().into_iter().flatten())
        .filter_map(|a| Some((a["key"].as_str()?.into(), a["value"].as_str()?.into())))
        .collect()
}

/// The gas limit of a `MsgUpdateAdmin` (see `update_admin`).
const UPDATE_ADMIN_GAS: &str = "200000";

impl Chain for Wasmd {
    /// Returns the code stored before (by a proposal) or uploads it from `uploader`; either way
    /// checks that the chain holds exactly the artifact `artifacts/checksums.txt` names.
    fn store(&mut self, contract: Contract) -> Result<u64> {
        let code_id = match self.stored.get(&contract) {
            Some(&id) => id,
            None => {
                let wasm = self.wasm_path(contract)?;
                let result = self.tx(
                    &self.uploader.clone(),
                    &["wasm", "store", &wasm.to_string_lossy()],
                )?;
                event_attr(&result, "store_code", "code_id")
                    .context("no code_id in the store tx")?
                    .parse()
                    .context("code_id")?
            }
        };
        crate::upload::check_stored_checksum(self, contract, code_id)?;
        Ok(code_id)
    }

    fn instantiate2(
        &mut self,
        sender: &str,
        code_id: u64,
        msg: &Value,
        label: &str,
        admin: Option<&str>,
        salt: &[u8],
    ) -> Result<String> {
        let key = self.key_of(sender)?.to_string();
        let (code, msg, salt) = (
            code_id.to_string(),
            msg.to_string(),
            cosmwasm_std::HexBinary::from(salt).to_hex(),
        );
        let mut args = vec![
            "wasm",
            "instantiate2",
            &code,
            &msg,
            &salt,
            "--hex",
            "--label",
            label,
        ];
        match admin {
            Some(admin) => args.extend_from_slice(&["--admin", admin]),
            None => args.push("--no-admin"),
        }
        let result = self.tx(&key, &args)?;
        event_attr(&result, "instantiate", "_contract_address")
            .context("no contract address in the instantiate tx")
    }

    fn contract_info(&self, address: &str) -> Result<Option<ContractInfo>> {
        let answer = match self.query_json(&["wasm", "contract", address]) {
            Ok(answer) => answer,
            // wasmd v0.61 says "no such contract"; older lines said "not found".
            Err(e)
                if ["no such contract", "not found"]
                    .iter()
                    .any(|says| e.to_string().contains(says)) =>
            {
                return Ok(None)
            }
            Err(e) => return Err(e),
        };
        let info = &answer["contract_info"];
        Ok(Some(ContractInfo {
            code_id: info["code_id"]
                .as_str()
                .context("no code_id in `wasmd query wasm contract`")?
                .parse()?,
            admin: info["admin"]
                .as_str()
                .filter(|a| !a.is_empty())
                .map(String::from),
        }))
    }

    fn checksum(&self, code_id: u64) -> Result<Vec<u8>> {
        let info = self.query_json(&["wasm", "code-info", &code_id.to_string()])?;
        let checksum = info["checksum"]
            .as_str()
            .or_else(|| info["data_hash"].as_str())
            .context("no checksum in `wasmd query wasm code-info`")?;
        Ok(cosmwasm_std::HexBinary::from_hex(checksum)?.to_vec())
    }

    fn execute(&mut self, sender: &str, contract: &str, msg: &Value) -> Result<Attributes> {
        let key = self.key_of(sender)?.to_string();
        let result = self.tx(&key, &["wasm", "execute", contract, &msg.to_string()])?;
        Ok(wasm_attributes(&result))
    }

    /// Different senders' messages go into the same blocks: all are broadcast, then waited for.
    fn execute_each(&mut self, calls: &[(String, String, Value)]) -> Result<Vec<Attributes>> {
        let senders: BTreeSet<&String> = calls.iter().map(|(sender, _, _)| sender).collect();
        if senders.len() < calls.len() {
            // One account's txs must follow each other (account sequence).
            return calls
                .iter()
                .map(|(sender, contract, msg)| self.execute(sender, contract, msg))
                .collect();
        }
        let started = Instant::now();
        let mut sent = vec![];
        for (sender, contract, msg) in calls {
            let key = self.key_of(sender)?.to_string();
            sent.push((
                key.clone(),
                self.broadcast(&key, &["wasm", "execute", contract, &msg.to_string()])?,
            ));
        }
        sent.iter()
            .map(|(key, hash)| {
                let result = self.wait_tx(hash)?;
                if self.verbose {
                    eprintln!(
                        "  [{}] tx wasm execute from {key} (together): height {}, {} ms",
                        self.chain_id,
                        result["height"].as_str().unwrap_or("?"),
                        started.elapsed().as_millis()
                    );
                }
                Ok(wasm_attributes(&result))
            })
            .collect()
    }

    fn update_admin(&mut self, sender: &str, contract: &str, new_admin: &str) -> Result<()> {
        let key = self.key_of(sender)?.to_string();
        // Its simulation falls short of what it uses (on v0.61: ~44k simulated, ~64k used, more
        // than the 1.4 adjustment covers): a fixed limit, three times what it uses.
        let hash = self.broadcast_with_gas(
            &key,
            &["wasm", "set-contract-admin", contract, new_admin],
            UPDATE_ADMIN_GAS,
        )?;
        self.wait_tx(&hash)?;
        Ok(())
    }

    fn query(&self, contract: &str, msg: &Value) -> Result<Value> {
        let answer: Value = serde_json::from_str(&self.run(&[
            "query",
            "wasm",
            "contract-state",
            "smart",
            contract,
            &msg.to_string(),
            "--node",
            &self.node,
            "--output",
            "json",
        ])?)?;
        Ok(answer["data"].clone())
    }

    fn wait_blocks(&mut self, blocks: u64) -> Result<()> {
        let target = self.height()? + blocks;
        let deadline = Instant::now() + Duration::from_secs(10 + 5 * blocks);
        while self.height()? < target {
            ensure!(
                Instant::now() < deadline,
                "no block {target} on {}",
                self.chain_id
            );
            sleep(Duration::from_millis(200));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The shape `wasmd query tx --output json` answers with (wasmd v0.61, abridged).
    fn tx_result() -> Value {
        json!({
            "height": "57", "txhash": "AB12", "code": 0, "gas_used": "180414",
            "events": [
                {"type": "message", "attributes": [{"key": "action", "value": "/cosmwasm.wasm.v1.MsgExecuteContract", "index": true}]},
                {"type": "execute", "attributes": [{"key": "_contract_address", "value": "wasm1council", "index": true}]},
                {"type": "wasm", "attributes": [
                    {"key": "_contract_address", "value": "wasm1council", "index": true},
                    {"key": "action", "value": "propose", "index": true},
                    {"key": "proposal_id", "value": "4", "index": true}]},
                {"type": "wasm-proposal", "attributes": [{"key": "status", "value": "open", "index": true}]},
                {"type": "store_code", "attributes": [{"key": "code_id", "value": "7", "index": true}]}
            ]
        })
    }

    #[test]
    fn the_recipe_sees_only_wasm_event_attributes_in_order() {
        let attrs = wasm_attributes(&tx_result());
        let keys: Vec<&str> = attrs.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            ["_contract_address", "action", "proposal_id", "status"]
        );
        assert_eq!(crate::attr(&attrs, "proposal_id").unwrap(), "4");
    }

    #[test]
    fn event_attributes_are_found_by_event_type() {
        let result = tx_result();
        assert_eq!(
            event_attr(&result, "store_code", "code_id").as_deref(),
            Some("7")
        );
        assert_eq!(
            event_attr(&result, "instantiate", "_contract_address"),
            None
        );
        assert_eq!(event_attr(&json!({"code": 0}), "wasm", "action"), None);
    }

    #[test]
    fn chain_env_values_lose_their_quotes() {
        let path = std::env::temp_dir().join(format!("dac-wasmd-env-{}", std::process::id()));
        std::fs::write(
            &path,
            "CHAIN_ID=dac-1\nTX_FLAGS=\"--home /h --chain-id dac-1\"\n# comment\n",
        )
        .unwrap();
        let env = read_env_file(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        assert_eq!(env["CHAIN_ID"], "dac-1");
        assert_eq!(env["TX_FLAGS"], "--home /h --chain-id dac-1");
        assert_eq!(env.len(), 2);
    }
}
