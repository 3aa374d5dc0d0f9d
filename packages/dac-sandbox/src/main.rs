//! `cargo run -p dac-sandbox -- story`: deploys two nodes on in-process chains and plays
//! out a newcomer's life, printing what the contracts answered.
//! `cargo run -p dac-sandbox --release -- simulate`: the society simulator.

use std::path::PathBuf;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};
use dac_sandbox::simulate::{self, output, Progress, Settings};

#[derive(Parser)]
#[command(about = "The DAC suite on in-process chains")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// A newcomer's life in node dac-1 (the default).
    Story,
    /// Many members living day by day on the real contracts; writes a CSV, a report and a plot.
    Simulate(SimulateArgs),
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
    /// Where to write daily.csv, report.txt and plot.svg.
    #[arg(long, default_value = "sim-out")]
    out: PathBuf,
    /// No progress bar.
    #[arg(long)]
    quiet: bool,
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command.unwrap_or(Command::Story) {
        Command::Story => {
            let mut out = dac_sandbox::Narrator::printing();
            dac_sandbox::story::run(&mut out)?;
        }
        Command::Simulate(args) => {
            let settings = Settings {
                members: args.members,
                days: args.days,
                seed: args.seed,
                activity_percent: args.activity,
                step_free_percent: args.step_free,
            };
            let progress = if args.quiet {
                Progress::hidden()
            } else {
                Progress::on_terminal()
            };
            let started = Instant::now();
            let outcome = simulate::run(settings, &progress)?;
            let written = output::write_all(&args.out, &outcome.world.rows, &outcome.report)?;
            print!("{}", outcome.report.render());
            println!(
                "wrote {}, {} and {}",
                written.csv.display(),
                written.report.display(),
                written.plot.display()
            );
            eprintln!("simulated in {:.1} s", started.elapsed().as_secs_f64());
        }
    }
    Ok(())
}
