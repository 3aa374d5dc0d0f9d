//! The society simulator (`cargo run -p dac-sandbox --release -- simulate`): many members with
//! simple behaviours live day by day in node `dac-1`, trading with node `dac-2`, on the real
//! contracts deployed through the one recipe. Every figure it reports is a contract's answer
//! (a query or an event); the simulation's own bookkeeping only decides what members do.
//!
//! Modules by concern: [`agents`] (kinds and their habits), [`world`] (deployment, founding,
//! the day loop), [`economy`] (income, payments, fees, trade abroad, migration), [`housing`],
//! [`governance`], [`deals`] (escrow), [`panels`] (appeals and other disputes decided by
//! sortition panels), [`capture`] (the wealthy actor), [`metrics`] (what is
//! measured each day), [`report`] (the run's findings), [`output`] (CSV, SVG, text),
//! [`progress`]; [`mesh`] and [`mesh_output`] run several such societies on a mesh of nodes.

pub mod agents;
pub mod capture;
pub mod deals;
pub mod economy;
pub mod governance;
pub mod housing;
pub mod mesh;
pub mod mesh_output;
pub mod metrics;
pub mod output;
pub mod panels;
pub mod progress;
pub mod report;
pub mod sweep;
pub mod world;

use anyhow::Result;
use cosmwasm_std::{Decimal, Uint128};
use dac_deploy::NodeConfig;

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
    /// Share of the parties an arbitrator rules against who appeal to a sortition panel, in
    /// percent.
    pub appeal_percent: u32,
    /// The constitution's economic rules, the same on both nodes.
    pub rules: Rules,
}

impl Settings {
    pub const DEFAULT: Settings = Settings {
        members: 200,
        days: 365,
        seed: 1,
        activity_percent: 100,
        step_free_percent: 5,
        appeal_percent: 50,
        rules: Rules::DEFAULT,
    };
}

impl Default for Settings {
    fn default() -> Self {
        Settings::DEFAULT
    }
}

/// The rules a sweep may vary. One demurrage period is one simulated day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rules {
    /// Demurrage per day.
    pub demurrage_rate: Decimal,
    /// Days of unclaimed basic income a member may still claim; older income returns to the
    /// commons.
    pub income_window_days: u64,
    /// Housing usage fee per day (token units), paid to the treasury.
    pub housing_fee_per_day: Uint128,
}

impl Rules {
    /// The recipe's defaults ([`NodeConfig::new`]): 0.05% a day, 30 days, 1 CMC a day.
    pub const DEFAULT: Rules = Rules {
        demurrage_rate: Decimal::raw(500_000_000_000_000),
        income_window_days: 30,
        housing_fee_per_day: Uint128::new(1_000_000),
    };

    pub fn apply(&self, cfg: &mut NodeConfig) {
        cfg.period_seconds = dac_testing::DAY;
        cfg.demurrage_rate = self.demurrage_rate;
        cfg.income_window_periods = self.income_window_days;
        cfg.housing_fee_per_period = self.housing_fee_per_day;
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
    check(&settings)?;
    live(World::found(settings)?, progress)
}

/// Refuses settings the simulation cannot run (the contracts judge the rules themselves).
pub fn check(settings: &Settings) -> Result<()> {
    anyhow::ensure!(
        settings.members >= 20,
        "simulate at least 20 members (--members 20 or more)"
    );
    anyhow::ensure!(
        settings.days >= 1,
        "simulate at least one day (--days 1 or more)"
    );
    anyhow::ensure!(
        settings.step_free_percent <= 100,
        "the step-free share is a percentage (0 to 100)"
    );
    anyhow::ensure!(
        settings.appeal_percent <= 100,
        "the share of losers who appeal is a percentage (--appeals 0 to 100)"
    );
    Ok(())
}

/// Runs every day of a founded world.
pub fn live(mut world: World, progress: &Progress) -> Result<Outcome> {
    progress.start(world.settings.days as u64);
    while world.step()? {
        progress.set(world.day() as u64);
    }
    progress.finish();
    let report = Report::from_world(&world)?;
    Ok(Outcome { world, report })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_rules_are_the_recipes_defaults() {
        let recipe = NodeConfig::new("n", "d", &["f".to_string()]);
        let mut cfg = recipe.clone();
        Rules::DEFAULT.apply(&mut cfg);
        assert_eq!(cfg.demurrage_rate, recipe.demurrage_rate);
        assert_eq!(cfg.income_window_periods, recipe.income_window_periods);
        assert_eq!(cfg.housing_fee_per_period, recipe.housing_fee_per_period);
        assert_eq!(cfg.period_seconds, recipe.period_seconds);
    }
}
