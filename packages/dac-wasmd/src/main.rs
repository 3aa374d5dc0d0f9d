//! `dac-wasmd`: the deployment recipe and the stories on real local wasmd chains. The scripts in
//! `scripts/` call it (`scripts/deploy.sh`, `scripts/chain/e2e.sh`); every command takes the
//! chain through the `chain.env` that `scripts/chain/start.sh` leaves in the chain's home.
//!
//!   dac-wasmd deploy (--network PROFILE | --chain-env F) --wasmd BIN --artifacts DIR
//!                    --out deployment.json [--name NAME] [--set field=value]...
//!                    [--upload auto|direct|gov] [--uploader KEY] [--stop-after N]
//!       deploys a node through the recipe, to the network a profile describes (`network.rs`)
//!       or to a local chain; checks first that the RPC serves that chain and every signer has
//!       fees. Writes the Deployment JSON after every step (a rerun resumes from it; a finished
//!       one is left alone) and node-config.json beside it (the NodeConfig used). `--set` changes
//!       a NodeConfig field. The codes are stored by KEY (default deployer) itself, or by one
//!       governance proposal per code that KEY submits and the chain's validators pass
//!       (`--upload gov`); auto picks what the chain's code_upload_access allows. The stored
//!       codes must match artifacts/checksums.txt. `--stop-after N` stops after N transactions,
//!       to rehearse a resume.
//!   dac-wasmd addresses (--network PROFILE | --chain-env F) --wasmd BIN [--name NAME]
//!       the addresses the node will have (instantiate2: its name, deployer and code), as JSON.
//!   dac-wasmd story --chain-env F --wasmd BIN --deployment deployment.json
//!       a newcomer's life in that node (needs a short demurrage period, e.g. 60 s).
//!   dac-wasmd upgrade --chain-env F --wasmd BIN --deployment D --artifacts NEW
//!       node D, deployed from the previous release's wasm, upgrades to the wasm in NEW by one
//!       council proposal; checks that its answers and stores are the same after.
//!   dac-wasmd recognize --chain-env F --wasmd BIN --deployment D --other D2 --connection ID
//!       the council of node D recognizes node D2 (a proposal the founders pass), whose relay is
//!       at the other end of connection ID.
//!   dac-wasmd ibc-story --chain-env A --deployment DA --b-chain-env B --b-deployment DB
//!                       --wasmd BIN --relayer scripts/chain/relayer.sh
//!       trade, treaty, a timed-out transfer and a member's move between the two nodes; the
//!       relayer runs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, ensure, Context, Result};
use dac_deploy::{predict_node, resume_node, Chain, Contract, Deployment, Interrupted, NodeConfig};
use dac_wasmd::network::{self, Profile};
use dac_wasmd::upload::{self, Access, Way};
use dac_wasmd::wasmd::Settings;
use dac_wasmd::{node_config, Wasmd, DEPLOYER_KEY, FOUNDER_KEYS};

/// `--flag value` pairs; a flag may repeat.
struct Args(BTreeMap<String, Vec<String>>);

impl Args {
    fn parse(raw: &[String]) -> Result<Self> {
        let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut it = raw.iter();
        while let Some(flag) = it.next() {
            let Some(name) = flag.strip_prefix("--") else {
                bail!("expected a --flag, got '{flag}'");
            };
            let value = it
                .next()
                .with_context(|| format!("--{name} needs a value"))?;
            map.entry(name.to_string()).or_default().push(value.clone());
        }
        Ok(Args(map))
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).and_then(|v| v.last()).map(String::as_str)
    }

    fn required(&self, name: &str) -> Result<&str> {
        self.get(name).with_context(|| format!("missing --{name}"))
    }

    fn all(&self, name: &str) -> Vec<String> {
        self.0.get(name).cloned().unwrap_or_default()
    }

    fn path(&self, name: &str) -> Result<PathBuf> {
        Ok(PathBuf::from(self.required(name)?))
    }

    /// The chain at `--<prefix>chain-env`, with `--wasmd` and `--artifacts` (default `artifacts`).
    fn chain(&self, prefix: &str) -> Result<Wasmd> {
        Wasmd::connect(
            &self.path(&format!("{prefix}chain-env"))?,
            &self.path("wasmd")?,
            Path::new(self.get("artifacts").unwrap_or("artifacts")),
        )
    }
}

/// `node-config.json` beside a deployment file.
fn config_path(deployment: &Path) -> PathBuf {
    deployment.with_file_name("node-config.json")
}

fn write_json(path: &Path, text: &str) -> Result<()> {
    std::fs::write(path, format!("{text}\n")).with_context(|| format!("writing {}", path.display()))
}

/// Who signs a deployment and how code gets stored: from a network profile (`--network`), or
/// for a local chain's `chain.env` (`--chain-env`) the test keys of accounts.env.
struct Signers {
    deployer: String,
    founders: Vec<String>,
    uploader: String,
    upload: String,
    prefix: Option<String>,
    /// The profile's own name for the chain, the default node name.
    chain_name: String,
}

/// The chain and its signers, from `--network PROFILE` or `--chain-env F`; the flags
/// `--upload` and `--uploader` override the profile's.
fn deploy_target(args: &Args) -> Result<(Wasmd, Signers)> {
    let artifacts = Path::new(args.get("artifacts").unwrap_or("artifacts"));
    let wasmd = args.path("wasmd")?;
    let (chain, mut signers) = match args.get("network") {
        Some(path) => {
            let profile = Profile::load(Path::new(path))?;
            let chain = Wasmd::open(Settings::from_profile(&profile)?, &wasmd, artifacts)?;
            let d = &profile.deploy;
            let signers = Signers {
                deployer: d.deployer.clone(),
                founders: d.founders.clone(),
                uploader: d.uploader.clone().unwrap_or_else(|| d.deployer.clone()),
                upload: d.upload.clone(),
                prefix: Some(profile.bech32_prefix.clone()),
                chain_name: profile.chain_name.clone(),
            };
            (chain, signers)
        }
        None => {
            let chain = Wasmd::open(
                Settings::from_chain_env(&args.path("chain-env")?)?,
                &wasmd,
                artifacts,
            )?;
            let signers = Signers {
                deployer: DEPLOYER_KEY.into(),
                founders: FOUNDER_KEYS.iter().map(|k| k.to_string()).collect(),
                uploader: DEPLOYER_KEY.into(),
                upload: "auto".into(),
                prefix: None,
                chain_name: chain.chain_id.clone(),
            };
            (chain, signers)
        }
    };
    if let Some(upload) = args.get("upload") {
        signers.upload = upload.to_string();
    }
    if let Some(uploader) = args.get("uploader") {
        signers.uploader = uploader.to_string();
    }
    Ok((chain, signers))
}

/// The checksums `artifacts/checksums.txt` gives the five contracts.
fn artifact_checksums(chain: &Wasmd) -> Result<BTreeMap<Contract, Vec<u8>>> {
    Contract::ALL
        .iter()
        .map(|&c| {
            let hex = upload::expected_checksum(chain, c)?;
            Ok((c, cosmwasm_std::HexBinary::from_hex(&hex)?.to_vec()))
        })
        .collect()
}

/// Writes `text` to `path` whole or not at all (a crash mid-write must not lose the record).
fn write_atomically(path: &Path, text: &str) -> Result<()> {
    let tmp = path.with_extension("json.tmp");
    write_json(&tmp, text)?;
    std::fs::rename(&tmp, path).with_context(|| format!("writing {}", path.display()))
}

fn deploy(args: &Args) -> Result<()> {
    let (mut chain, signers) = deploy_target(args)?;
    let name = args.get("name").unwrap_or(&signers.chain_name).to_string();
    let out = args.path("out")?;
    let started = Instant::now();
    let mut roles = vec![("deployer", signers.deployer.as_str())];
    roles.extend(signers.founders.iter().map(|f| ("founder", f.as_str())));
    if signers.uploader != signers.deployer {
        roles.push(("uploader", signers.uploader.as_str()));
    }
    network::preflight(&chain, signers.prefix.as_deref(), &roles)?;

    // A record at `out` is a deployment under way (resumed) or done (nothing to do).
    let (mut progress, cfg) = if out.exists() {
        let (recorded, cfg) = load(&out)?;
        ensure!(
            recorded.node == name,
            "{} records node '{}', not '{name}': deploy '{}' again to resume it, or give a new \
             node its own --out",
            out.display(),
            recorded.node,
            recorded.node
        );
        if recorded.complete {
            eprintln!(
                "node {name} is already deployed on {} ({}): nothing to do",
                chain.chain_id,
                out.display()
            );
            return Ok(());
        }
        ensure!(
            args.all("set").is_empty(),
            "a resumed deployment keeps the node settings it started with ({}): drop --set, or \
             deploy a new node under another --name",
            config_path(&out).display()
        );
        eprintln!(
            "resuming the deployment of node {name} on {} from: {}",
            chain.chain_id,
            recorded.next_step()
        );
        (recorded, cfg)
    } else {
        let cfg = node_config(
            &chain,
            &name,
            &signers.deployer,
            &signers.founders,
            &args.all("set"),
        )?;
        // Refused before anything is uploaded: a node's addresses follow from its name.
        let addresses = predict_node(&cfg, &artifact_checksums(&chain)?)?;
        if chain
            .contract_info(&addresses[&Contract::Council])?
            .is_some()
        {
            bail!(
                "node '{name}' is already deployed on {} by {}: its council is at {}, and no {} \
                 records it. Choose another --name, or put that node's deployment.json there \
                 to resume it",
                chain.chain_id,
                signers.deployer,
                addresses[&Contract::Council],
                out.display()
            );
        }
        write_json(&config_path(&out), &serde_json::to_string_pretty(&cfg)?)?;
        (Deployment::start(&cfg), cfg)
    };

    if progress.code_ids.len() < Contract::ALL.len() {
        let access = Access::from_params(&chain.query_json(&["wasm", "params"])?)?;
        let uploader = signers.uploader.clone();
        let way = upload::choose(
            upload::parse_request(&signers.upload)?,
            &chain.chain_id,
            &access,
            (&uploader, &chain.address(&uploader)?),
            &chain.validator_keys,
        )?;
        eprintln!(
            "deploying node {name} on {} through the recipe; code uploaded {}",
            chain.chain_id,
            match way {
                Way::Direct => format!("by {uploader}"),
                Way::Gov => format!(
                    "by governance: proposals from {uploader}, votes from {}",
                    chain.validator_keys.join(", ")
                ),
            }
        );
        chain.uploader = uploader.clone();
        if way == Way::Gov {
            upload::store_by_gov(&mut chain, &uploader)?;
        }
    }
    let mut save = |d: &Deployment| write_atomically(&out, &d.to_json());
    save(&progress)?;
    let result = match args.get("stop-after") {
        // Rehearses an interruption: the run stops after that many transactions.
        Some(n) => {
            let stop_at = n.parse::<usize>().context("--stop-after takes a count")? + 1;
            resume_node(
                &mut Interrupted::new(&mut chain, stop_at, false),
                &cfg,
                &mut progress,
                &mut save,
            )
        }
        None => resume_node(&mut chain, &cfg, &mut progress, &mut save),
    };
    if let Err(e) = result {
        bail!(
            "deploying node {name} stopped at {}: {e:#}. Run the same command again to resume: \
             {} records what is done",
            progress.next_step(),
            out.display()
        );
    }
    eprintln!(
        "node {name} deployed in {:.1} s; {} and {}",
        started.elapsed().as_secs_f64(),
        out.display(),
        config_path(&out).display()
    );
    for contract in Contract::ALL {
        eprintln!(
            "  {:<17} code {:>3}  {}",
            contract.crate_name(),
            progress.code_ids[&contract],
            progress.addr(contract)
        );
    }
    Ok(())
}

/// Prints, as JSON, the addresses a node will have: from its name, its deployer and the
/// checksums in artifacts/checksums.txt, before anything is deployed.
fn addresses(args: &Args) -> Result<()> {
    let (chain, signers) = deploy_target(args)?;
    let name = args.get("name").unwrap_or(&signers.chain_name).to_string();
    let cfg = node_config(&chain, &name, &signers.deployer, &signers.founders, &[])?;
    let addresses = predict_node(&cfg, &artifact_checksums(&chain)?)?;
    println!("{}", serde_json::to_string_pretty(&addresses)?);
    Ok(())
}

/// Reads a deployment and the NodeConfig written beside it.
fn load(path: &Path) -> Result<(dac_deploy::Deployment, NodeConfig)> {
    let read =
        |p: &Path| std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()));
    Ok((
        serde_json::from_str(&read(path)?)?,
        serde_json::from_str(&read(&config_path(path))?)?,
    ))
}

fn story(args: &Args) -> Result<()> {
    let mut chain = args.chain("")?;
    let (deployment, cfg) = load(&args.path("deployment")?)?;
    let started = Instant::now();
    dac_wasmd::story::run(&mut chain, &deployment, &cfg)?;
    eprintln!(
        "node-life story passed on {} in {:.1} s",
        chain.chain_id,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn upgrade(args: &Args) -> Result<()> {
    let mut chain = args.chain("")?;
    let (deployment, cfg) = load(&args.path("deployment")?)?;
    let started = Instant::now();
    dac_wasmd::upgrade::run(&mut chain, &deployment, &cfg, &args.path("artifacts")?)?;
    eprintln!(
        "upgrade by vote passed on {} in {:.1} s",
        chain.chain_id,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn ibc_node(args: &Args, prefix: &str) -> Result<dac_wasmd::ibc::Node> {
    let chain = args.chain(prefix)?;
    let (deployment, cfg) = load(&args.path(&format!("{prefix}deployment"))?)?;
    Ok(dac_wasmd::ibc::Node {
        chain,
        deployment,
        cfg,
    })
}

fn recognize(args: &Args) -> Result<()> {
    let mut node = ibc_node(args, "")?;
    let (other, _) = load(&args.path("other")?)?;
    let proposal = dac_wasmd::ibc::recognize(
        &mut node,
        &other.node,
        args.required("connection")?,
        other.addr(Contract::Relay),
    )?;
    eprintln!(
        "{}: council proposal {proposal} recognized node {} on {}",
        node.cfg.name,
        other.node,
        args.required("connection")?
    );
    Ok(())
}

fn ibc_story(args: &Args) -> Result<()> {
    let mut a = ibc_node(args, "")?;
    let mut b = ibc_node(args, "b-")?;
    let script = args.path("relayer")?;
    let mut relayer = |command: &str| -> Result<()> {
        let status = std::process::Command::new("bash")
            .arg(&script)
            .arg(command)
            .status()?;
        anyhow::ensure!(status.success(), "relayer.sh {command} failed");
        Ok(())
    };
    let started = Instant::now();
    dac_wasmd::ibc::run(&mut a, &mut b, &mut relayer)?;
    eprintln!(
        "IBC story passed between {} and {} in {:.1} s",
        a.chain.chain_id,
        b.chain.chain_id,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn main() -> Result<()> {
    let raw: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = raw.split_first() else {
        bail!("usage: dac-wasmd deploy … (see the module docs)");
    };
    let args = Args::parse(rest)?;
    match command.as_str() {
        "deploy" => deploy(&args),
        "addresses" => addresses(&args),
        "story" => story(&args),
        "upgrade" => upgrade(&args),
        "recognize" => recognize(&args),
        "ibc-story" => ibc_story(&args),
        other => bail!("unknown command '{other}'"),
    }
}
