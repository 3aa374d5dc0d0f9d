//! The society simulator (`cargo run -p dac-sandbox --release -- simulate`): many members with
//! simple behaviours live day by day in node `dac-1`, trading with node `dac-2`, on the real
//! contracts deployed through the one recipe. Every figure it reports is a contract's answer
//! (a query or an event); the simulation's own bookkeeping only decides what members do.
//!
//! Modules by concern: [`agents`] (kinds and their habits), [`world`] (deployment, founding,
//! the day loop), [`economy`] (income, payments, fees, trade abroad, migration), [`housing`],
//! [`governance`], [`deals`] (escrow), [`capture`] (the wealthy actor), [`metrics`] (what is
//! measured each day), [`report`] (the run's findings), [`output`] (CSV, SVG, text),
//! [`progress`].

pub mod agents;
pub mod capture;
pub mod deals;
pub mod economy;
pub mod governance;
pub mod housing;
pub mod metrics;
pub mod output;
pub mod progress;
pub mod report;
pub mod world;

use anyhow::Result;

pub use metrics::DayRow;
pub use progress::Progress;
pub use report::Report;
pub use world::World;

/// What to simulate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    /// Members besides the four founders (at least 20).
    pub members: u32,
    pub days: u32,
    pub seed: u64,
    /// How often members pay, import and order services, in percent of the default habits.
    pub activity_percent: u32,
    /// Share of households that need step-free access, in percent.
    pub step_free_percent: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            members: 200,
            days: 365,
            seed: 1,
            activity_percent: 100,
            step_free_percent: 5,
        }
    }
}

impl Settings {
    /// The chance that a household needs step-free access.
    pub fn step_free_share(&self) -> f64 {
        f64::from(self.step_free_percent.min(100)) / 100.0
    }
}

/// A finished run: the world as it ended (for further queries) and what it found.
pub struct Outcome {
    pub world: World,
    pub report: Report,
}

/// Founds the node and runs every day.
pub fn run(settings: Settings, progress: &Progress) -> Result<Outcome> {
    anyhow::ensure!(settings.members >= 20, "simulate at least 20 members");
    anyhow::ensure!(settings.days >= 1, "simulate at least one day");
    anyhow::ensure!(
        settings.step_free_percent <= 100,
        "the step-free share is a percentage (0 to 100)"
    );
    progress.start(settings.days as u64);
    let mut world = World::found(settings)?;
    while world.step()? {
        progress.set(world.day() as u64);
    }
    progress.finish();
    let report = Report::from_world(&world)?;
    Ok(Outcome { world, report })
}
