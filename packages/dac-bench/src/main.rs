//! Gas and size benchmarks of the DAC contracts (run through `scripts/bench.sh`).
//!
//! `dac-bench --artifacts DIR --peers PEER_WASM_DIR --out BENCHMARKS.md [--quick]
//! [--fail-on-size]`
//! Exits 1 when a message's gas grows with state, a step costs more than its ceiling against
//! its peer (`report::PeerRow::ceiling`), or
//! (with `--fail-on-size`) a contract is over the size budget.

mod api;
mod council;
mod escrow;
mod gas;
mod housing;
mod peers;
mod relay;
mod report;
mod storage;
mod token;
mod vm;
mod world;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use report::{Report, WasmSize};

pub struct Config {
    pub artifacts: PathBuf,
    /// The peers' optimized wasm (cw20_base.wasm, cw3_flex_multisig.wasm, ...).
    pub peers: PathBuf,
    /// cw20-base's optimized wasm.
    pub reference: PathBuf,
    /// The "large" state: holders, members, applicants.
    pub large: usize,
    /// The "large" number of open items: escrow deals, the relay's pending packets.
    pub open: usize,
    /// What the token's cw20 `balance` query costs it (our escrow and relay ask it).
    pub token_query_gas: u64,
}

impl Config {
    pub fn artifact(&self, file: &str) -> PathBuf {
        self.artifacts.join(file)
    }

    pub fn peer(&self, file: &str) -> PathBuf {
        self.peers.join(file)
    }
}

/// One benchmark suite per contract: its artifact and the function that measures it.
/// Adding a contract is one line here and one function.
type Suite = (
    &'static str,
    fn(&vm::Vm, &Config, &mut Report) -> Result<(), String>,
);
const SUITES: &[Suite] = &[
    ("demurrage_token.wasm", token::run),
    ("council.wasm", council::run),
    ("housing_registry.wasm", housing::run),
    ("escrow.wasm", escrow::run),
    ("ibc_relay.wasm", relay::run),
];

struct Args {
    config: Config,
    out: PathBuf,
    quick: bool,
    fail_on_size: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut artifacts = PathBuf::from("artifacts");
    let mut peers = None;
    let mut out = PathBuf::from("BENCHMARKS.md");
    let mut quick = false;
    let mut fail_on_size = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--artifacts" => artifacts = PathBuf::from(value()?),
            "--peers" => peers = Some(PathBuf::from(value()?)),
            "--out" => out = PathBuf::from(value()?),
            "--quick" => quick = true,
            "--fail-on-size" => fail_on_size = true,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let peers: PathBuf = peers.ok_or("--peers <dir of the peers' wasm> is required")?;
    // Quick mode (CI) keeps "large" large enough that anything walking the state shows.
    let (large, open) = if quick { (1_000, 200) } else { (10_000, 1_000) };
    Ok(Args {
        config: Config {
            artifacts,
            reference: peers.join("cw20_base.wasm"),
            peers,
            large,
            open,
            token_query_gas: 0,
        },
        out,
        quick,
        fail_on_size,
    })
}

fn wasm_size(path: &Path) -> Result<WasmSize, String> {
    let bytes = std::fs::metadata(path)
        .map_err(|e| format!("{}: {e}", path.display()))?
        .len();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(WasmSize { name, bytes })
}

fn run() -> Result<bool, String> {
    let Args {
        mut config,
        out,
        quick,
        fail_on_size,
    } = parse_args()?;
    let mut report = Report {
        quick,
        large: config.large,
        open: config.open,
        fail_on_size,
        held_above_target: report::HELD_ABOVE_TARGET,
        held_over_budget: report::HELD_OVER_BUDGET,
        ..Report::default()
    };
    let mut wasm_files: Vec<PathBuf> = std::fs::read_dir(&config.artifacts)
        .map_err(|e| {
            format!(
                "{}: {e} (run scripts/build-wasm.sh)",
                config.artifacts.display()
            )
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "wasm"))
        .collect();
    wasm_files.sort();
    for path in &wasm_files {
        report.sizes.push(wasm_size(path)?);
    }
    let mut reference = wasm_size(&config.reference)?;
    reference.name = format!("cw20-base 2.0.0 ({})", reference.name);
    report.reference_size = Some(reference);
    for (file, _) in peers::PEERS {
        let path = config.peer(file);
        if *file != "cw20_base.wasm" && path.exists() {
            report.peer_sizes.push(wasm_size(&path)?);
        }
    }
    report.activity = peers::simulator_activity();

    let vm = vm::Vm::new()?;
    if config.artifact("demurrage_token.wasm").exists() {
        config.token_query_gas = peers::token_balance_query_gas(&vm, &config)?;
    }
    for (artifact, suite) in SUITES {
        if !config.artifact(artifact).exists() {
            report
                .notes
                .push(format!("{artifact}: not built, not measured"));
            continue;
        }
        let started = std::time::Instant::now();
        // One contract that cannot be measured (e.g. a wasm the chain would refuse) fails the
        // run, but the others are still measured and written.
        match suite(&vm, &config, &mut report) {
            Ok(()) => eprintln!(
                "{artifact}: measured in {:.1}s",
                started.elapsed().as_secs_f64()
            ),
            Err(e) => report.errors.push(format!("{artifact}: not measured: {e}")),
        }
    }

    for path in &wasm_files {
        let file = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let file = file.unwrap_or_default();
        if !SUITES.iter().any(|(artifact, _)| *artifact == file) {
            report.notes.push(format!(
                "{file}: size only, no gas suite yet (add a function and a line to `SUITES` in \
                 packages/dac-bench/src/main.rs)"
            ));
        }
    }
    let markdown = report.markdown();
    std::fs::write(&out, &markdown).map_err(|e| format!("{}: {e}", out.display()))?;
    print!("{markdown}");
    let failures = report.failures();
    for f in &failures {
        eprintln!("FAIL: {f}");
    }
    if !fail_on_size {
        for m in report.over_budget() {
            eprintln!("size verdict (reported, not fatal without --fail-on-size): {m}");
        }
    }
    for m in report.held_over_budget() {
        eprintln!("over the size budget, within its ceiling: {m}");
    }
    for m in report.held_above_target() {
        eprintln!("above the peer target, within its ceiling: {m}");
    }
    Ok(failures.is_empty())
}

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("dac-bench: {e}");
            ExitCode::from(2)
        }
    }
}
