//! Code upload on chains that restrict it (the wasm module's `code_upload_access`): the deploy
//! stores the five codes either straight from an allowed uploader or through governance, one
//! `MsgStoreCode` proposal per contract that the chain's validators pass. Either way, the codes the
//! chain holds must have the checksums of `artifacts/checksums.txt` before anything is instantiated.

use std::collections::BTreeMap;
use std::time::Duration;

use anyhow::{bail, ensure, Context, Result};
use dac_deploy::Contract;
use serde_json::Value;

use crate::wasmd::event_attr;
use crate::{wait_for, Wasmd};

/// Who may store code, as the chain's wasm params say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Access {
    Everybody,
    Nobody,
    AnyOf(Vec<String>),
}

impl Access {
    /// From `wasmd query wasm params --output json`.
    pub fn from_params(params: &Value) -> Result<Self> {
        let access = &params["code_upload_access"];
        let addresses = || -> Vec<String> {
            access["addresses"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|a| a.as_str().map(String::from))
                .collect()
        };
        Ok(match access["permission"].as_str() {
            Some("Everybody") => Access::Everybody,
            Some("Nobody") => Access::Nobody,
            Some("AnyOfAddresses") => Access::AnyOf(addresses()),
            other => bail!("unknown code_upload_access permission {other:?} in {params}"),
        })
    }

    pub fn allows(&self, address: &str) -> bool {
        match self {
            Access::Everybody => true,
            Access::Nobody => false,
            Access::AnyOf(addresses) => addresses.iter().any(|a| a == address),
        }
    }

    fn describe(&self) -> String {
        match self {
            Access::Everybody => "lets everybody upload code".into(),
            Access::Nobody => "lets nobody upload code (only governance)".into(),
            Access::AnyOf(addresses) => format!("lets only {} upload code", addresses.join(", ")),
        }
    }
}

/// How the deploy gets its codes on the chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Way {
    /// The uploader sends `MsgStoreCode` itself.
    Direct,
    /// A proposal per code, sent by the uploader, voted by the chain's validators.
    Gov,
}

/// `--upload auto|direct|gov`: what the person asked for.
pub fn parse_request(text: &str) -> Result<Option<Way>> {
    Ok(match text {
        "auto" => None,
        "direct" => Some(Way::Direct),
        "gov" => Some(Way::Gov),
        other => bail!("--upload takes auto, direct or gov, got '{other}'"),
    })
}

/// The way to upload: the one asked for if the chain allows it, else (auto) direct when the
/// uploader may upload and governance when this machine holds the validators' keys to vote.
/// Fails with what is needed when neither works.
pub fn choose(
    request: Option<Way>,
    chain_id: &str,
    access: &Access,
    uploader: (&str, &str),
    validator_keys: &[String],
) -> Result<Way> {
    let (key, address) = uploader;
    let direct = access.allows(address);
    let gov = !validator_keys.is_empty();
    let refused = || {
        format!(
            "chain {chain_id} {} and uploader '{key}' ({address}) is not allowed",
            access.describe()
        )
    };
    let no_voters = "storing code by governance needs the chain's validators to vote, and this \
                     chain's chain.env names no VALIDATOR_KEYS (validator keys in its keyring)";
    match request {
        Some(Way::Direct) if !direct => bail!(
            "{}: deploy with --uploader <an allowed key>, or with --upload gov (a MsgStoreCode \
             proposal per contract, passed by the validators)",
            refused()
        ),
        Some(Way::Gov) if !gov => bail!(
            "{}: deploy with --upload direct from an allowed uploader",
            no_voters
        ),
        Some(way) => Ok(way),
        None if direct => Ok(Way::Direct),
        None if gov => Ok(Way::Gov),
        None => bail!(
            "{}, and {}: deploy from an allowed key (--uploader KEY), or have the code stored by a \
             governance proposal first",
            refused(),
            no_voters
        ),
    }
}

/// `artifacts/checksums.txt`: `<sha256 hex>  <file>` lines, as `sha256sum` writes them.
pub fn parse_checksums(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter_map(|line| {
            let (hash, file) = line.split_once(char::is_whitespace)?;
            Some((file.trim().to_string(), hash.to_ascii_lowercase()))
        })
        .collect()
}

/// The checksum `artifacts/checksums.txt` gives a contract's wasm.
pub fn expected_checksum(chain: &Wasmd, contract: Contract) -> Result<String> {
    let path = chain.artifacts().join("checksums.txt");
    let text = std::fs::read_to_string(&path).with_context(|| {
        format!(
            "reading {} (scripts/build-wasm.sh writes it)",
            path.display()
        )
    })?;
    parse_checksums(&text)
        .remove(&contract.wasm_file())
        .with_context(|| format!("{} names no {}", path.display(), contract.wasm_file()))
}

/// Every code on the chain: code id -> checksum (lowercase hex).
fn codes_on_chain(chain: &Wasmd) -> Result<BTreeMap<u64, String>> {
    let listed = chain.query_json(&["wasm", "list-code", "--limit", "1000"])?;
    listed["code_infos"]
        .as_array()
        .context("`wasmd query wasm list-code` gave no code_infos")?
        .iter()
        .map(|info| {
            let id = info["code_id"]
                .as_str()
                .context("code_id")?
                .parse::<u64>()?;
            let hash = info["data_hash"]
                .as_str()
                .or_else(|| info["checksum"].as_str())
                .context("no data_hash in a code_info")?;
            Ok((id, hash.to_ascii_lowercase()))
        })
        .collect()
}

/// Fails unless code `code_id` on the chain is byte for byte the artifact `checksums.txt` names.
pub fn check_stored_checksum(chain: &Wasmd, contract: Contract, code_id: u64) -> Result<()> {
    let expected = expected_checksum(chain, contract)?;
    let info = chain.query_json(&["wasm", "code-info", &code_id.to_string()])?;
    let on_chain = info["checksum"]
        .as_str()
        .or_else(|| info["data_hash"].as_str())
        .context("no checksum in `wasmd query wasm code-info`")?
        .to_ascii_lowercase();
    ensure!(
        on_chain == expected,
        "code {code_id} on {} has checksum {on_chain}, but artifacts/checksums.txt gives {} \
         {expected}: rebuild the artifacts (scripts/build-wasm.sh) and deploy again",
        chain.chain_id,
        contract.wasm_file()
    );
    Ok(())
}

/// The longest a proposal may take from its submission to its result (the local chains vote for
/// 30 s).
const PROPOSAL_WAIT_SECONDS: u64 = 180;

/// A validator's yes vote uses ~55k gas on wasmd v0.61.
const VOTE_GAS: &str = "150000";

/// Stores every contract through governance: `proposer` submits one `MsgStoreCode` proposal per
/// contract with the chain's deposit, every validator votes yes, and once all passed the new codes
/// (found by their checksums) are what the recipe's `store` returns.
pub fn store_by_gov(chain: &mut Wasmd, proposer: &str) -> Result<()> {
    let deposit = chain
        .gov_deposit
        .clone()
        .context("chain.env gives no GOV_DEPOSIT for a proposal")?;
    let voters = chain.validator_keys.clone();
    ensure!(
        !voters.is_empty(),
        "chain.env names no VALIDATOR_KEYS to vote"
    );
    let known_before = codes_on_chain(chain)?.keys().max().copied().unwrap_or(0);

    // Each proposal is voted as soon as it is submitted (its voting period runs from then on);
    // its votes go into the same block: different signers.
    let mut proposals = vec![];
    for contract in Contract::ALL {
        let wasm = chain.wasm_path(contract)?;
        let title = format!("Store {}", contract.crate_name());
        let summary = format!(
            "Stores {} (sha256 {}) for a DAC node",
            contract.wasm_file(),
            expected_checksum(chain, contract)?
        );
        let result = chain.tx(
            proposer,
            &[
                "wasm",
                "submit-proposal",
                "wasm-store",
                &wasm.to_string_lossy(),
                "--title",
                &title,
                "--summary",
                &summary,
                "--deposit",
                &deposit,
            ],
        )?;
        let id = event_attr(&result, "submit_proposal", "proposal_id")
            .context("no proposal_id in the submit-proposal tx")?;
        let sent = voters
            .iter()
            .map(|voter| {
                chain
                    .broadcast_with_gas(voter, &["gov", "vote", &id, "yes"], VOTE_GAS)
                    .map(|hash| (voter, hash))
            })
            .collect::<Result<Vec<_>>>()?;
        for (voter, hash) in sent {
            chain
                .wait_tx(&hash)
                .with_context(|| format!("{voter}'s vote on proposal {id}"))?;
        }
        eprintln!(
            "  [{}] proposal {id} (store {}): {} validators voted yes",
            chain.chain_id,
            contract.crate_name(),
            voters.len()
        );
        proposals.push((contract, id));
    }

    for (contract, id) in &proposals {
        wait_for(
            &format!("proposal {id} (store {}) to pass", contract.crate_name()),
            PROPOSAL_WAIT_SECONDS,
            || {
                let answer = chain.query_json(&["gov", "proposal", id])?;
                let proposal = &answer["proposal"];
                match proposal["status"].as_str().unwrap_or_default() {
                    "PROPOSAL_STATUS_PASSED" => Ok(Some(())),
                    "PROPOSAL_STATUS_REJECTED" | "PROPOSAL_STATUS_FAILED" => bail!(
                        "proposal {id} (store {}) ended {}: {} (tally {})",
                        contract.crate_name(),
                        proposal["status"],
                        proposal["failed_reason"],
                        proposal["final_tally_result"]
                    ),
                    _ => Ok(None),
                }
            },
        )?;
    }
    std::thread::sleep(Duration::from_millis(200));

    let codes = codes_on_chain(chain)?;
    for contract in Contract::ALL {
        let expected = expected_checksum(chain, contract)?;
        let id = codes
            .iter()
            .filter(|(id, hash)| **id > known_before && **hash == expected)
            .map(|(id, _)| *id)
            .max()
            .with_context(|| {
                format!(
                    "the proposals passed but no new code has the checksum artifacts/checksums.txt \
                     gives {}: rebuild the artifacts (scripts/build-wasm.sh) and deploy again",
                    contract.wasm_file()
                )
            })?;
        eprintln!(
            "  [{}] {} stored by governance: code {id}",
            chain.chain_id,
            contract.crate_name()
        );
        chain.stored.insert(contract, id);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const DEPLOYER: (&str, &str) = ("deployer", "wasm1deployer");

    fn validators() -> Vec<String> {
        vec!["validator".into(), "validator2".into()]
    }

    #[test]
    fn upload_access_is_read_from_the_wasm_params() {
        let params = json!({"code_upload_access": {"permission": "AnyOfAddresses",
            "addresses": ["wasm1deployer"]}, "instantiate_default_permission": "Everybody"});
        let access = Access::from_params(&params).unwrap();
        assert_eq!(access, Access::AnyOf(vec!["wasm1deployer".into()]));
        assert!(access.allows("wasm1deployer"));
        assert!(!access.allows("wasm1eve"));
        let nobody = json!({"code_upload_access": {"permission": "Nobody", "addresses": []}});
        assert!(!Access::from_params(&nobody)
            .unwrap()
            .allows("wasm1deployer"));
        let strange = json!({"code_upload_access": {"permission": "OnlyAddress"}});
        assert!(Access::from_params(&strange).is_err());
    }

    #[test]
    fn auto_uploads_directly_when_allowed_and_by_governance_otherwise() {
        let open = Access::Everybody;
        let listed = Access::AnyOf(vec!["wasm1deployer".into()]);
        let closed = Access::Nobody;
        let vals = validators();
        assert_eq!(
            choose(None, "c", &open, DEPLOYER, &[]).unwrap(),
            Way::Direct
        );
        assert_eq!(
            choose(None, "c", &listed, DEPLOYER, &vals).unwrap(),
            Way::Direct
        );
        assert_eq!(
            choose(None, "c", &closed, DEPLOYER, &vals).unwrap(),
            Way::Gov
        );
        // Asked for governance on an open chain: honoured.
        assert_eq!(
            choose(Some(Way::Gov), "c", &open, DEPLOYER, &vals).unwrap(),
            Way::Gov
        );
    }

    #[test]
    fn a_direct_upload_from_an_unlisted_key_is_refused_naming_the_fix() {
        let listed = Access::AnyOf(vec!["wasm1deployer".into()]);
        let err = choose(
            Some(Way::Direct),
            "net-1",
            &listed,
            ("eve", "wasm1eve"),
            &validators(),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("lets only wasm1deployer upload code"), "{err}");
        assert!(err.contains("'eve' (wasm1eve) is not allowed"), "{err}");
        assert!(err.contains("--upload gov"), "{err}");
    }

    #[test]
    fn with_neither_way_available_the_error_says_what_is_needed() {
        let err = choose(None, "c", &Access::Nobody, DEPLOYER, &[])
            .unwrap_err()
            .to_string();
        assert!(err.contains("lets nobody upload code"), "{err}");
        assert!(err.contains("no VALIDATOR_KEYS"), "{err}");
        assert!(err.contains("--uploader KEY"), "{err}");
        let err = choose(Some(Way::Gov), "c", &Access::Everybody, DEPLOYER, &[])
            .unwrap_err()
            .to_string();
        assert!(err.contains("--upload direct"), "{err}");
    }

    #[test]
    fn upload_requests_are_auto_direct_or_gov() {
        assert_eq!(parse_request("auto").unwrap(), None);
        assert_eq!(parse_request("gov").unwrap(), Some(Way::Gov));
        assert_eq!(parse_request("direct").unwrap(), Some(Way::Direct));
        assert!(parse_request("proposal").is_err());
    }

    #[test]
    fn checksums_txt_maps_each_wasm_file_to_its_lowercase_hash() {
        let sums = parse_checksums("ABCD12  council.wasm\nef01  escrow.wasm\n\n");
        assert_eq!(sums["council.wasm"], "abcd12");
        assert_eq!(sums["escrow.wasm"], "ef01");
        assert_eq!(sums.len(), 2);
    }
}
