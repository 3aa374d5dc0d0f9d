//! `cargo run -p dac-sandbox -- story`: deploys two nodes on in-process chains and plays
//! out a newcomer's life, printing what the contracts answered; `story --nodes N` (3 to 8)
//! plays a mesh of N nodes instead.
//! `cargo run -p dac-sandbox --release -- simulate`: the society simulator.

use std::path::PathBuf;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};
use cosmwasm_std::Decimal;
use dac_sandbox::simulate::mesh::{self, MeshSettings, NodeRule, VisitorCap};
use dac_sandbox::simulate::sweep::{Parameter, Sweep};
use dac_sandbox::simulate::{self, output, Progress, Rules, Settings};

#[derive(Parser)]
#[command(about = "The DAC suite on in-process chains")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// A newcomer's life in node dac-1 (the default); with --nodes, a mesh of nodes.
    Story(StoryArgs),
    /// Many members living day by day on the real contracts; writes a CSV, a report and a plot.
    Simulate(SimulateArgs),
}

#[derive(Args, Default)]
struct StoryArgs {
    /// Nodes of a mesh story (3 to 8), joined only where their councils recognized each
    /// other; left out, the two-node story.
    #[arg(long)]
    nodes: Option<usize>,
}

#[derive(Args)]
struct SimulateArgs {
    /// Members besides the four founders (at least 20).
    #[arg(long, default_value_t = Settings::default().members)]
    members: u32,
    /// Days to simulate.
    #[arg(long, default_value_t = Settings::default().days)]
    days: u32,
    /// Seed of every random choice: the same seed gives the same files.
    #[arg(long, default_value_t = Settings::default().seed)]
    seed: u64,
    /// How often members pay, import and order services, in percent of their usual habits.
    #[arg(long, default_value_t = Settings::default().activity_percent)]
    activity: u32,
    /// Share of households that need step-free access, in percent.
    #[arg(long, default_value_t = Settings::default().step_free_percent)]
    step_free: u32,
    /// Share of the parties an arbitrator rules against who appeal to a sortition panel, in
    /// percent.
    #[arg(long, default_value_t = Settings::default().appeal_percent)]
    appeals: u32,
    /// Demurrage per day, a fraction (0.0005 is 0.05% a day; the token caps it at 50% a year).
    #[arg(long, default_value_t = Rules::DEFAULT.demurrage_rate)]
    demurrage_rate: Decimal,
    /// Days of unclaimed basic income a member may still claim.
    #[arg(long, default_value_t = Rules::DEFAULT.income_window_days)]
    income_window: u64,
    /// Housing usage fee, CMC a day.
    #[arg(long, default_value = "1")]
    housing_fee: String,
    /// Instead of one run: one rule at several values, RULE=V1,V2,… (rules: demurrage_rate,
    /// income_window, activity, housing_fee, appeals); writes sweep-RULE.csv, sweep-RULE-runs.csv and
    /// sweep-RULE.svg.
    #[arg(long)]
    sweep: Option<Sweep>,
    /// Nodes, each a society of --members (node K draws from seed --seed + K - 1), joined in a
    /// ring plus a hub (dac-1); 1 is the single node trading with a producers' node.
    #[arg(long, default_value_t = 1)]
    nodes: usize,
    /// One node's own rule, K:RULE=VALUE (K from 1; rules as for --sweep), e.g.
    /// `--node 2:demurrage_rate=0.001`; may be repeated.
    #[arg(long = "node", value_name = "K:RULE=VALUE")]
    node_rules: Vec<NodeRule>,
    /// A node's council caps guest bookings per night and visiting node, [K:]N: N for every
    /// node, K:N for node K (from 1); bookings beyond get an error acknowledgement and a full
    /// refund. May be repeated (`--visitor-cap 3 --visitor-cap 1:1`).
    #[arg(long = "visitor-cap", value_name = "[K:]N")]
    visitor_caps: Vec<VisitorCap>,
    /// How often members of a mesh move between nodes, in percent of the default (about 7% of
    /// those who may emigrate, a year).
    #[arg(long, default_value_t = 100)]
    mobility: u32,
    /// Seeds per value of a sweep, from --seed on.
    #[arg(long, default_value_t = 5)]
    seeds: u32,
    /// Runs of a sweep at a time.
    #[arg(long, default_value_t = 1)]
    jobs: usize,
    /// Where to write daily.csv, report.txt and plot.svg (or a sweep's files).
    #[arg(long, default_value = "sim-out")]
    out: PathBuf,
    /// No progress bar.
    #[arg(long)]
    quiet: bool,
}

fn main() -> anyhow::Result<()> {
    let command = Cli::parse()
        .command
        .unwrap_or(Command::Story(StoryArgs::default()));
    match command {
        Command::Story(StoryArgs { nodes: None }) => {
            let mut out = dac_sandbox::Narrator::printing();
            dac_sandbox::story::run(&mut out)?;
        }
        Command::Story(StoryArgs { nodes: Some(nodes) }) => {
            let mut out = dac_sandbox::Narrator::printing();
            let outcome = dac_sandbox::story::mesh::run(&mut out, nodes)?;
            let lost: Vec<String> = outcome
                .books
                .iter()
                .filter(|b| !b.conserved())
                .map(|b| format!("dac-{}", b.node + 1))
                .collect();
            anyhow::ensure!(
                lost.is_empty(),
                "books not conserved on {}",
                lost.join(", ")
            );
        }
        Command::Simulate(args) => {
            let base = Settings {
                members: args.members,
                days: args.days,
                seed: args.seed,
                activity_percent: args.activity,
                step_free_percent: args.step_free,
                appeal_percent: args.appeals,
                rules: Rules {
                    demurrage_rate: args.demurrage_rate,
                    income_window_days: args.income_window,
                    ..Rules::DEFAULT
                },
            };
            let (base, _) = Parameter::HousingFee.apply(&base, &args.housing_fee)?;
            let started = Instant::now();
            anyhow::ensure!(
                args.nodes >= 1,
                "simulate at least one node (--nodes 1 or more)"
            );
            anyhow::ensure!(
                args.nodes > 1 || args.node_rules.is_empty(),
                "--node gives a node of a mesh its own rules: add --nodes 2 or more"
            );
            anyhow::ensure!(
                args.nodes > 1 || args.visitor_caps.is_empty(),
                "--visitor-cap caps visitors from other nodes: add --nodes 2 or more"
            );
            if args.nodes > 1 {
                anyhow::ensure!(
                    args.sweep.is_none(),
                    "a sweep runs the single node: leave out --nodes or --sweep"
                );
                let mut settings = MeshSettings::with_rules(base, args.nodes, &args.node_rules)?;
                settings.mobility_percent = args.mobility;
                settings.cap_visitors(&args.visitor_caps)?;
                let progress = if args.quiet {
                    Progress::hidden()
                } else {
                    Progress::on_terminal()
                };
                let outcome = mesh::run(settings, &progress)?;
                let written = outcome.write(&args.out)?;
                print!("{}", outcome.render());
                let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
                println!("wrote {}", names.join(", "));
            } else if let Some(sweep) = &args.sweep {
                let quiet = args.quiet;
                let result = simulate::sweep::run(base, sweep, args.seeds, args.jobs, &|run| {
                    if !quiet {
                        eprintln!(
                            "{}={} seed {}: {}",
                            sweep.parameter.name(),
                            run.value,
                            run.seed,
                            match &run.result {
                                Ok(m) => format!("Gini {:.3} -> {:.3}", m.gini_start, m.gini_end),
                                Err(refused) => format!("refused: {refused}"),
                            }
                        );
                    }
                })?;
                let written = result.write(&args.out)?;
                print!("{}", result.render());
                let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
                println!("wrote {}", names.join(", "));
            } else {
                let progress = if args.quiet {
                    Progress::hidden()
                } else {
                    Progress::on_terminal()
                };
                let outcome = simulate::run(base, &progress)?;
                let written = output::write_all(&args.out, &outcome.world.rows, &outcome.report)?;
                print!("{}", outcome.report.render());
                println!(
                    "wrote {}, {} and {}",
                    written.csv.display(),
                    written.report.display(),
                    written.plot.display()
                );
            }
            eprintln!("simulated in {:.1} s", started.elapsed().as_secs_f64());
        }
    }
    Ok(())
}
