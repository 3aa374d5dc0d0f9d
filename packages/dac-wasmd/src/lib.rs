//! The deployment recipe (`dac-deploy`) on real local wasmd chains: [`Wasmd`] implements its
//! `Chain` through the `wasmd` command line, and the `dac-wasmd` binary deploys a node
//! (`scripts/deploy.sh`), plays a node's life against it ([`story`]) and the two-chain IBC story
//! through the Go relayer ([`ibc`]). Every check reads what the contracts answered.

pub mod ibc;
pub mod network;
pub mod story;
pub mod upgrade;
pub mod upload;
pub mod wasmd;

use std::thread::sleep;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use cosmwasm_std::{to_json_binary, CosmosMsg, WasmMsg};
use dac_deploy::{Chain, NodeConfig};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

pub use wasmd::Wasmd;

/// The test keys (`scripts/chain/accounts.env`) that found every node on a local chain.
pub const FOUNDER_KEYS: [&str; 4] = ["alice", "bob", "carol", "dave"];
/// The key that sends the recipe's uploads and instantiations.
pub const DEPLOYER_KEY: &str = "deployer";

/// The recipe's defaults for a node on `chain` deployed by key `deployer` and founded by the
/// keys `founders` (the first is the head), with `settings` applied (see [`apply_settings`]).
pub fn node_config(
    chain: &Wasmd,
    name: &str,
    deployer: &str,
    founders: &[String],
    settings: &[String],
) -> Result<NodeConfig> {
    let founders = founders
        .iter()
        .map(|key| chain.address(key))
        .collect::<Result<Vec<_>>>()?;
    apply_settings(
        NodeConfig::new(name, &chain.address(deployer)?, &founders),
        settings,
    )
}

/// Sets each `field=value` of `settings` on the [`NodeConfig`] field of that name: a field held as
/// a JSON string (text, addresses, decimals, amounts) takes the value as it is, any other parses
/// it as JSON (numbers, lists).
pub fn apply_settings(cfg: NodeConfig, settings: &[String]) -> Result<NodeConfig> {
    let mut cfg = serde_json::to_value(cfg)?;
    for setting in settings {
        let (field, value) = setting
            .split_once('=')
            .with_context(|| format!("a setting is field=value, got '{setting}'"))?;
        let slot = cfg
            .get_mut(field)
            .with_context(|| format!("NodeConfig has no field '{field}'"))?;
        *slot = if slot.is_string() {
            Value::String(value.to_string())
        } else {
            serde_json::from_str(value).with_context(|| format!("{field}={value}"))?
        };
    }
    serde_json::from_value(cfg).context("the node settings")
}

/// The value of attribute `key` among a message's wasm attributes.
pub fn attr<'a>(attrs: &'a [(String, String)], key: &str) -> Result<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .with_context(|| format!("no `{key}` attribute"))
}

/// A message for a council proposal to execute.
pub fn wasm_msg(contract: &str, msg: &impl Serialize) -> Result<CosmosMsg> {
    Ok(CosmosMsg::Wasm(WasmMsg::Execute {
        contract_addr: contract.to_string(),
        msg: to_json_binary(msg)?,
        funds: vec![],
    }))
}

/// Executes a typed message.
pub fn exec(
    chain: &mut dyn Chain,
    sender: &str,
    contract: &str,
    msg: &impl Serialize,
) -> Result<Vec<(String, String)>> {
    chain.execute(sender, contract, &serde_json::to_value(msg)?)
}

/// Queries into a typed answer.
pub fn query<R: DeserializeOwned>(
    chain: &dyn Chain,
    contract: &str,
    msg: &impl Serialize,
) -> Result<R> {
    let answer = chain.query(contract, &serde_json::to_value(msg)?)?;
    serde_json::from_value(answer.clone()).with_context(|| format!("unexpected answer {answer}"))
}

/// Polls `check` once a second until it gives `Some`, for at most `seconds`.
pub fn wait_for<T>(
    what: &str,
    seconds: u64,
    mut check: impl FnMut() -> Result<Option<T>>,
) -> Result<T> {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    loop {
        if let Some(found) = check()? {
            return Ok(found);
        }
        if Instant::now() > deadline {
            bail!("waited {seconds} s for {what}");
        }
        sleep(Duration::from_secs(1));
    }
}

/// Seconds since the epoch by this machine's clock, which the local chains' blocks follow.
pub fn now_seconds() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::{Decimal, Uint128};

    fn defaults() -> NodeConfig {
        NodeConfig::new("dac-1", "deployer", &["alice".into(), "bob".into()])
    }

    fn set(settings: &[&str]) -> Result<NodeConfig> {
        let settings: Vec<String> = settings.iter().map(|s| s.to_string()).collect();
        apply_settings(defaults(), &settings)
    }

    #[test]
    fn settings_change_numbers_decimals_and_amounts_and_nothing_else() {
        let cfg = set(&[
            "period_seconds=60",
            "demurrage_rate=0.0000009",
            "housing_fee_per_period=5000",
            "founders=[\"carol\"]",
        ])
        .unwrap();
        assert_eq!(cfg.period_seconds, 60);
        assert_eq!(cfg.demurrage_rate, Decimal::from_ratio(9u32, 10_000_000u32));
        assert_eq!(cfg.housing_fee_per_period, Uint128::new(5000));
        assert_eq!(cfg.founders, vec!["carol".to_string()]);
        let untouched = defaults();
        assert_eq!(cfg.voting_period_seconds, untouched.voting_period_seconds);
        assert_eq!(cfg.gatekeepers, untouched.gatekeepers);
    }

    #[test]
    fn a_misspelled_field_or_a_bad_value_is_refused_with_its_name() {
        let err = set(&["period=60"]).unwrap_err().to_string();
        assert!(err.contains("no field 'period'"), "{err}");
        let err = format!("{:#}", set(&["period_seconds=soon"]).unwrap_err());
        assert!(err.contains("period_seconds=soon"), "{err}");
        let err = format!("{:#}", set(&["demurrage_rate=fast"]).unwrap_err());
        assert!(err.contains("node settings"), "{err}");
        assert!(set(&["period_seconds"]).is_err());
    }
}
