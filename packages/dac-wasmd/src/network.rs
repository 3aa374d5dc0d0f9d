//! Network profiles: where a chain is and how to sign for it, one small JSON file per network
//! (`scripts/networks/*.json`, and `network.json` in the home of every local chain
//! `scripts/chain/start.sh` starts). The fields a chain's entry in the Cosmos chain registry
//! (`chain.json`) also has keep their names and shapes there (`chain_name`, `chain_id`,
//! `bech32_prefix`, `fees.fee_tokens`, `apis.rpc`); what only a deployment needs is under
//! `deploy`. The deploy checks the profile against the chain before it sends anything.

use std::path::{Path, PathBuf};

use anyhow::{bail, ensure, Context, Result};
use serde::Deserialize;
use serde_json::Value;

use crate::Wasmd;

/// A network profile. Unknown fields are refused, so that a misspelt one is not ignored.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub chain_name: String,
    pub chain_id: String,
    pub bech32_prefix: String,
    pub fees: Fees,
    pub apis: Apis,
    pub deploy: DeploySettings,
    /// Free text for the reader, as in the chain registry.
    #[serde(default, rename = "$comment")]
    pub comment: Option<Value>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Fees {
    pub fee_tokens: Vec<FeeToken>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct FeeToken {
    pub denom: String,
    /// What a transaction pays per unit of gas (the registry's `average_gas_price`).
    pub average_gas_price: f64,
    #[serde(default)]
    pub fixed_min_gas_price: Option<f64>,
    #[serde(default)]
    pub low_gas_price: Option<f64>,
    #[serde(default)]
    pub high_gas_price: Option<f64>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Apis {
    pub rpc: Vec<Endpoint>,
    #[serde(default)]
    pub rest: Vec<Endpoint>,
    #[serde(default)]
    pub grpc: Vec<Endpoint>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Endpoint {
    pub address: String,
    #[serde(default)]
    pub provider: Option<String>,
}

/// How this machine deploys to the network: whose keys sign, and how code gets stored.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeploySettings {
    /// The `--home` whose keyring holds the keys below; `~` and `$VAR` / `${VAR}` are expanded.
    pub keyring_dir: String,
    /// `test` (local chains only: unencrypted), `file` or `os`.
    #[serde(default = "test_backend")]
    pub keyring_backend: String,
    /// What the gas a transaction simulates to is multiplied by.
    #[serde(default = "default_gas_adjustment")]
    pub gas_adjustment: f64,
    /// How the five codes get on the chain: `auto`, `direct` or `gov` (see `upload`).
    #[serde(default = "auto")]
    pub upload: String,
    /// The key that uploads (default: `deployer`).
    #[serde(default)]
    pub uploader: Option<String>,
    /// The key that sends the instantiations (and keeps no power afterwards).
    pub deployer: String,
    /// The founders' keys: the first is the head; they pass the council's first proposal.
    pub founders: Vec<String>,
    /// Validator keys in the keyring that vote a code upload through governance (local chains).
    #[serde(default)]
    pub validators: Vec<String>,
    /// A governance proposal's deposit, e.g. `10000000ustake`.
    #[serde(default)]
    pub gov_deposit: Option<String>,
}

fn test_backend() -> String {
    "test".into()
}
fn default_gas_adjustment() -> f64 {
    1.4
}
fn auto() -> String {
    "auto".into()
}

impl Profile {
    /// Reads and checks a profile; every error is one line naming the file, the problem and
    /// the fix.
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            anyhow::anyhow!(
                "network profile {}: {e}: give the path of a profile (scripts/networks/ has \
                 examples)",
                path.display()
            )
        })?;
        let profile: Profile = serde_json::from_str(&text).map_err(|e| {
            anyhow::anyhow!(
                "network profile {}: {e}: fix the JSON (README, \"Network profiles\", lists \
                 the fields)",
                path.display()
            )
        })?;
        profile
            .check()
            .map_err(|e| anyhow::anyhow!("network profile {}: {e}", path.display()))?;
        Ok(profile)
    }

    fn check(&self) -> Result<()> {
        ensure!(
            !self.chain_id.is_empty(),
            "chain_id is empty: give the chain's id"
        );
        ensure!(
            !self.bech32_prefix.is_empty()
                && self
                    .bech32_prefix
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()),
            "bech32_prefix '{}' is not a bech32 prefix (lowercase letters and digits, e.g. wasm)",
            self.bech32_prefix
        );
        let token = self.fee_token()?;
        ensure!(
            token.average_gas_price.is_finite() && token.average_gas_price >= 0.0,
            "fees.fee_tokens[0].average_gas_price must be a number of {} per gas, at least 0",
            token.denom
        );
        let rpc = self.rpc()?;
        ensure!(
            rpc.starts_with("http://") || rpc.starts_with("https://") || rpc.starts_with("tcp://"),
            "apis.rpc[0].address '{rpc}' is not an RPC URL (http://, https:// or tcp://host:port)"
        );
        ensure!(
            (1.0..=5.0).contains(&self.deploy.gas_adjustment),
            "deploy.gas_adjustment {} is out of range: use 1.0 to 5.0 (1.4 is usual)",
            self.deploy.gas_adjustment
        );
        ensure!(
            ["test", "file", "os"].contains(&self.deploy.keyring_backend.as_str()),
            "deploy.keyring_backend '{}' is not one of test, file, os",
            self.deploy.keyring_backend
        );
        crate::upload::parse_request(&self.deploy.upload)
            .map_err(|e| anyhow::anyhow!("deploy.upload: {e}"))?;
        ensure!(
            !self.deploy.founders.is_empty(),
            "deploy.founders is empty: name the founders' keys (the first is the head)"
        );
        ensure!(
            self.deploy.keyring_backend != "test" || is_local(rpc),
            "deploy.keyring_backend is 'test' (unencrypted keys) but the RPC {rpc} is not on \
             this machine: use 'os' or 'file' for a public network"
        );
        Ok(())
    }

    /// The fee token: the first of `fees.fee_tokens`.
    pub fn fee_token(&self) -> Result<&FeeToken> {
        self.fees
            .fee_tokens
            .first()
            .context("fees.fee_tokens is empty: name the fee denom and its average_gas_price")
    }

    /// `--gas-prices` for the CLI, e.g. `0.025ustake`.
    pub fn gas_prices(&self) -> Result<String> {
        let token = self.fee_token()?;
        Ok(format!("{}{}", token.average_gas_price, token.denom))
    }

    /// The RPC the deploy talks to: the first of `apis.rpc`.
    pub fn rpc(&self) -> Result<&str> {
        self.apis
            .rpc
            .first()
            .map(|e| e.address.as_str())
            .context("apis.rpc is empty: give the address of a node's RPC")
    }

    /// The keyring's directory, with `~` and environment variables expanded.
    pub fn keyring_dir(&self) -> Result<PathBuf> {
        expand(&self.deploy.keyring_dir).map(PathBuf::from)
    }
}

/// Checks, before anything is sent, that the RPC answers, serves the chain `chain.chain_id`, and
/// that every signer `(role, key)` is in the keyring with an address of `prefix` (when given)
/// and holds some of the fee denom. Each failure is one line naming the problem and the fix.
pub fn preflight(chain: &Wasmd, prefix: Option<&str>, signers: &[(&str, &str)]) -> Result<()> {
    let status = chain.status().map_err(|e| {
        let cause = cli_error(&format!("{e:#}"));
        anyhow::anyhow!(
            "cannot reach the RPC at {} ({cause}): start the node, or fix the RPC address \
             (apis.rpc in the network profile)",
            chain.node()
        )
    })?;
    let serves = status["node_info"]["network"].as_str().unwrap_or("?");
    ensure!(
        serves == chain.chain_id,
        "the RPC at {} serves chain '{serves}', but the deployment is for '{}': fix chain_id or \
         the RPC address in the network profile",
        chain.node(),
        chain.chain_id
    );
    let denom = chain.fee_denom();
    for (role, key) in signers {
        let address = chain.address(key).map_err(|_| {
            anyhow::anyhow!(
                "{role} key '{key}' is not in the keyring at {}: add it (wasmd keys add {key} \
                 --recover) or name another key in the network profile",
                chain.home().display()
            )
        })?;
        if let Some(prefix) = prefix {
            ensure!(
                address.starts_with(&format!("{prefix}1")),
                "{role} key '{key}' has address {address}, not a '{prefix}' address: fix \
                 bech32_prefix in the network profile"
            );
        }
        let balance = chain.balance(&address, &denom)?;
        ensure!(
            balance > 0,
            "{role} '{key}' ({address}) holds no {denom} on {}: fund it before deploying \
             (every transaction pays its fee in {denom})",
            chain.chain_id
        );
    }
    Ok(())
}

/// The cause in a failed wasmd command's output: the CLI prints its usage first and the error
/// last, as a coloured log line `… ERR failure when running app err="<cause>"`.
fn cli_error(output: &str) -> String {
    let mut plain = String::new();
    let mut chars = output.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // An ANSI colour: ESC [ … m.
            chars.by_ref().find(|&c| c == 'm');
        } else {
            plain.push(c);
        }
    }
    let last = plain
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    match last.split_once("err=") {
        Some((_, cause)) => cause.trim().trim_matches('"').replace("\\\"", "\""),
        None => last.trim().to_string(),
    }
}

/// A loopback RPC (a local chain), where the unencrypted test keyring is acceptable.
fn is_local(rpc: &str) -> bool {
    let host = rpc.split("://").nth(1).unwrap_or(rpc);
    ["127.0.0.1", "localhost", "[::1]"]
        .iter()
        .any(|local| host.starts_with(local))
}

/// Expands a leading `~` and every `$VAR` / `${VAR}`; an unset variable is an error that
/// names it.
pub fn expand(text: &str) -> Result<String> {
    let mut out = String::new();
    let mut rest = text;
    if let Some(after) = rest.strip_prefix('~') {
        out.push_str(&std::env::var("HOME").context("~ needs HOME set")?);
        rest = after;
    }
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let (name, tail) = match after.strip_prefix('{') {
            Some(braced) => {
                let end = braced
                    .find('}')
                    .with_context(|| format!("unclosed ${{ in '{text}'"))?;
                (&braced[..end], &braced[end + 1..])
            }
            None => {
                let end = after
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(after.len());
                (&after[..end], &after[end..])
            }
        };
        if name.is_empty() {
            bail!("a lone $ in '{text}'");
        }
        let value = match (name, std::env::var(name)) {
            (_, Ok(value)) => value,
            // The scripts' own default, so that a shipped local profile works without it.
            ("DAC_CACHE", Err(_)) => format!(
                "{}/.cache/dac-contracts",
                std::env::var("HOME").context("$DAC_CACHE needs HOME set")?
            ),
            (_, Err(_)) => bail!("'{text}' uses ${name}, which is not set"),
        };
        out.push_str(&value);
        rest = tail;
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repo() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    fn profile(text: &str) -> Result<Profile> {
        let path = std::env::temp_dir().join(format!(
            "dac-profile-{}-{}.json",
            std::process::id(),
            text.len()
        ));
        std::fs::write(&path, text)?;
        let loaded = Profile::load(&path);
        std::fs::remove_file(&path)?;
        loaded
    }

    const LOCAL: &str = r#"{
        "chain_name": "dac-1", "chain_id": "dac-1", "bech32_prefix": "wasm",
        "fees": {"fee_tokens": [{"denom": "ustake", "average_gas_price": 0.025}]},
        "apis": {"rpc": [{"address": "tcp://127.0.0.1:26657"}]},
        "deploy": {"keyring_dir": "/tmp/k", "deployer": "deployer", "founders": ["alice"]}
    }"#;

    #[test]
    fn every_shipped_profile_loads() {
        let dir = repo().join("scripts/networks");
        let mut seen = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                let p = Profile::load(&path).unwrap_or_else(|e| panic!("{e:#}"));
                // Each names the keyring start.sh fills for that chain.
                assert!(
                    p.keyring_dir()
                        .unwrap()
                        .ends_with(format!("chain/{}", p.chain_id)),
                    "{}",
                    path.display()
                );
                seen += 1;
            }
        }
        assert!(seen >= 3, "only {seen} profiles in {}", dir.display());
    }

    #[test]
    fn a_local_profile_gives_the_cli_its_settings() {
        let p = profile(LOCAL).unwrap();
        assert_eq!(p.gas_prices().unwrap(), "0.025ustake");
        assert_eq!(p.rpc().unwrap(), "tcp://127.0.0.1:26657");
        assert_eq!(p.deploy.keyring_backend, "test");
        assert_eq!(p.deploy.gas_adjustment, 1.4);
        assert_eq!(p.deploy.upload, "auto");
    }

    #[test]
    fn a_bad_profile_is_refused_with_the_field_and_the_fix() {
        let cases = [
            (
                LOCAL.replace("\"chain_id\": \"dac-1\", ", ""),
                "missing field `chain_id`",
            ),
            (
                LOCAL.replace("\"bech32_prefix\"", "\"bech32_prefx\""),
                "unknown field `bech32_prefx`",
            ),
            (
                LOCAL.replace("\"wasm\"", "\"Wasm\""),
                "bech32_prefix 'Wasm' is not a bech32 prefix",
            ),
            (LOCAL.replace("0.025", "\"0.025\""), "invalid type: string"),
            (
                LOCAL.replace("tcp://127.0.0.1:26657", "127.0.0.1:26657"),
                "is not an RPC URL",
            ),
            (
                LOCAL.replace("tcp://127.0.0.1", "https://rpc.example.org"),
                "use 'os' or 'file' for a public network",
            ),
            (
                LOCAL.replace("[\"alice\"]", "[]"),
                "deploy.founders is empty",
            ),
            (
                LOCAL.replace("\"founders\"", "\"upload\": \"fast\", \"founders\""),
                "deploy.upload: --upload takes auto, direct or gov",
            ),
            (
                LOCAL.replace("{\"denom\": \"ustake\", \"average_gas_price\": 0.025}", ""),
                "fees.fee_tokens is empty",
            ),
            ("{".to_string(), "EOF while parsing"),
        ];
        for (text, expected) in cases {
            let err = format!("{:#}", profile(&text).unwrap_err());
            assert!(err.contains(expected), "{expected}: {err}");
            assert!(err.starts_with("network profile "), "{err}");
            assert!(!err.contains('\n'), "one line: {err}");
        }
        let err = format!(
            "{:#}",
            Profile::load(Path::new("/nonexistent.json")).unwrap_err()
        );
        assert!(
            err.contains("/nonexistent.json") && err.contains("scripts/networks/"),
            "{err}"
        );
    }

    #[test]
    fn a_cli_failure_is_reduced_to_its_cause() {
        let output = "wasmd status failed: Usage:\n  wasmd status [flags]\n\n\
            \u{1b}[90m3:52PM\u{1b}[0m \u{1b}[31mERR\u{1b}[0m failure when running app \
            \u{1b}[36merr=\u{1b}[0m\"post failed: Post \\\"http://127.0.0.1:1\\\": connection refused\"";
        assert_eq!(
            cli_error(output),
            "post failed: Post \"http://127.0.0.1:1\": connection refused"
        );
        assert_eq!(cli_error("plain failure\n"), "plain failure");
    }

    #[test]
    fn keyring_dirs_expand_home_and_variables() {
        std::env::set_var("DAC_PROFILE_TEST_DIR", "/srv/keys");
        assert_eq!(expand("${DAC_PROFILE_TEST_DIR}/a").unwrap(), "/srv/keys/a");
        assert_eq!(expand("$DAC_PROFILE_TEST_DIR/b").unwrap(), "/srv/keys/b");
        assert_eq!(
            expand("~/x").unwrap(),
            format!("{}/x", std::env::var("HOME").unwrap())
        );
        let err = expand("$DAC_PROFILE_UNSET_VAR/x").unwrap_err().to_string();
        assert!(
            err.contains("DAC_PROFILE_UNSET_VAR, which is not set"),
            "{err}"
        );
        assert!(expand("${OPEN").is_err());
    }
}
