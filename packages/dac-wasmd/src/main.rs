//! `dac-wasmd`: the deployment recipe and the stories on real local wasmd chains. The scripts in
//! `scripts/` call it (`scripts/deploy.sh`, `scripts/chain/e2e.sh`); every command takes the
//! chain through the `chain.env` that `scripts/chain/start.sh` leaves in the chain's home.
//!
//!   dac-wasmd deploy --chain-env F --wasmd BIN --artifacts DIR --out deployment.json
//!                    [--name NAME] [--set field=value]... [--upload auto|direct|gov]
//!                    [--uploader KEY]
//!       deploys a node through the recipe; writes the Deployment JSON and, beside it,
//!       node-config.json (the NodeConfig used). `--set` changes a NodeConfig field. The codes
//!       are stored by KEY (default deployer) itself, or by one governance proposal per code
//!       that KEY submits and the chain's validators pass (`--upload gov`); auto picks what the
//!       chain's code_upload_access allows. The stored codes must match artifacts/checksums.txt.
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

use anyhow::{bail, Context, Result};
use dac_deploy::{deploy_node, Contract, NodeConfig};
use dac_wasmd::upload::{self, Access, Way};
use dac_wasmd::{node_config, Wasmd, DEPLOYER_KEY};

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

fn deploy(args: &Args) -> Result<()> {
    let mut chain = args.chain("")?;
    let name = args.get("name").unwrap_or(&chain.chain_id).to_string();
    let cfg = node_config(&chain, &name, &args.all("set"))?;
    let out = args.path("out")?;
    let started = Instant::now();
    let uploader = args.get("uploader").unwrap_or(DEPLOYER_KEY).to_string();
    let access = Access::from_params(&chain.query_json(&["wasm", "params"])?)?;
    let way = upload::choose(
        upload::parse_request(args.get("upload").unwrap_or("auto"))?,
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
    let deployment = deploy_node(&mut chain, &cfg)?;
    write_json(&out, &deployment.to_json())?;
    write_json(&config_path(&out), &serde_json::to_string_pretty(&cfg)?)?;
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
            deployment.code_ids[&contract],
            deployment.addr(contract)
        );
    }
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
        "story" => story(&args),
        "upgrade" => upgrade(&args),
        "recognize" => recognize(&args),
        "ibc-story" => ibc_story(&args),
        other => bail!("unknown command '{other}'"),
    }
}
