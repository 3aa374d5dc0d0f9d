//! Sweeps (`simulate --sweep demurrage_rate=0,0.0005,0.001 --seeds 5`): the same society lived
//! under several values of one rule, each with several seeds, and what each run ended with.
//! The files: `sweep-<rule>.csv` (one row per value: min, median and max over the seeds of each
//! outcome), `sweep-<rule>-runs.csv` (one row per run) and `sweep-<rule>.svg` (each outcome vs
//! the value, the median as a line and the range over seeds as a band). A value the contracts
//! refuse (the token caps demurrage at 50% a year) is a row saying so, and a mark on the plot.
//! The runs are independent, so `jobs` threads share them out; the files do not depend on it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use anyhow::{anyhow, bail, Context, Result};
use cosmwasm_std::{Decimal, Uint128};

use super::output::tick_step;
use super::world::{RulesRefused, World};
use super::{check, live, Outcome, Progress, Settings};

/// A rule a sweep varies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Parameter {
    /// Demurrage per day, a fraction (`0.0005` is 0.05% a day).
    DemurrageRate,
    /// Days of unclaimed income a member may still claim.
    IncomeWindow,
    /// Members' activity, in percent of their habits.
    Activity,
    /// Housing usage fee, CMC a day.
    HousingFee,
    /// Share of losers who appeal to a sortition panel, in percent.
    Appeals,
}

impl Parameter {
    pub const ALL: [Parameter; 5] = [
        Parameter::DemurrageRate,
        Parameter::IncomeWindow,
        Parameter::Activity,
        Parameter::HousingFee,
        Parameter::Appeals,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Parameter::DemurrageRate => "demurrage_rate",
            Parameter::IncomeWindow => "income_window",
            Parameter::Activity => "activity",
            Parameter::HousingFee => "housing_fee",
            Parameter::Appeals => "appeals",
        }
    }

    /// What the values mean, for the plot's axis.
    pub fn unit(self) -> &'static str {
        match self {
            Parameter::DemurrageRate => "demurrage per day",
            Parameter::IncomeWindow => "income claimable for (days)",
            Parameter::Activity => "activity (% of habits)",
            Parameter::HousingFee => "housing fee (CMC a day)",
            Parameter::Appeals => "losers who appeal (%)",
        }
    }

    /// `settings` with this rule set to `value`; the value as a number for the plot.
    pub fn apply(self, settings: &Settings, value: &str) -> Result<(Settings, f64)> {
        let mut s = *settings;
        let bad = || {
            anyhow!(
                "`{value}` is not a value of {}: {}",
                self.name(),
                self.expected()
            )
        };
        match self {
            Parameter::DemurrageRate => {
                s.rules.demurrage_rate = Decimal::from_str(value).map_err(|_| bad())?;
                if s.rules.demurrage_rate > Decimal::one() {
                    return Err(bad());
                }
            }
            Parameter::IncomeWindow => {
                s.rules.income_window_days = value.parse().map_err(|_| bad())?;
            }
            Parameter::Activity => s.activity_percent = value.parse().map_err(|_| bad())?,
            Parameter::HousingFee => {
                let cmc = Decimal::from_str(value).map_err(|_| bad())?;
                // CMC to token units (6 decimals), whole units only.
                let units = cmc.checked_mul(Decimal::from_ratio(1_000_000u32, 1u32))?;
                s.rules.housing_fee_per_day = Uint128::new(units.to_uint_floor().u128());
            }
            Parameter::Appeals => {
                s.appeal_percent = value.parse().map_err(|_| bad())?;
                if s.appeal_percent > 100 {
                    return Err(bad());
                }
            }
        }
        let x = value.parse::<f64>().map_err(|_| bad())?;
        Ok((s, x))
    }

    fn expected(self) -> &'static str {
        match self {
            Parameter::DemurrageRate => "a fraction per day between 0 and 1, e.g. 0.0005",
            Parameter::IncomeWindow => "a whole number of days, e.g. 30",
            Parameter::Activity => "a whole percentage, e.g. 100",
            Parameter::HousingFee => "CMC a day, e.g. 1 or 0.5",
            Parameter::Appeals => "a whole percentage from 0 to 100, e.g. 50",
        }
    }
}

impl FromStr for Parameter {
    type Err = anyhow::Error;

    fn from_str(name: &str) -> Result<Self> {
        Parameter::ALL
            .into_iter()
            .find(|p| p.name() == name)
            .ok_or_else(|| {
                let names: Vec<_> = Parameter::ALL.iter().map(|p| p.name()).collect();
                anyhow!("no rule `{name}` to sweep: use one of {}", names.join(", "))
            })
    }
}

/// One rule and the values it takes, as written: `demurrage_rate=0,0.0005,0.001`.
#[derive(Clone, Debug, PartialEq)]
pub struct Sweep {
    pub parameter: Parameter,
    pub values: Vec<String>,
}

impl FromStr for Sweep {
    type Err = anyhow::Error;

    fn from_str(text: &str) -> Result<Self> {
        let (name, values) = text.split_once('=').ok_or_else(|| {
            anyhow!("`{text}` is not a sweep: write RULE=V1,V2,…, e.g. demurrage_rate=0,0.0005")
        })?;
        let parameter: Parameter = name.trim().parse()?;
        let values: Vec<String> = values.split(',').map(|v| v.trim().to_string()).collect();
        if values.iter().any(|v| v.is_empty()) {
            bail!("an empty value in `{text}`: separate the values by single commas");
        }
        let mut xs = vec![];
        for value in &values {
            let (_, x) = parameter.apply(&Settings::DEFAULT, value)?;
            if xs.contains(&x) {
                bail!("{value} is listed twice in `{text}`");
            }
            xs.push(x);
        }
        Ok(Sweep { parameter, values })
    }
}

/// What one run ended with, all of it read from the contracts (through the run's report).
#[derive(Clone, Debug, PartialEq)]
pub struct Measures {
    pub gini_start: f64,
    pub gini_end: f64,
    /// Share of their day-0 holdings the hoarders lost.
    pub hoarders_loss: f64,
    /// Basic income paid over the run, per member (CMC; members averaged over the days).
    pub income_per_member: f64,
    /// The commons pool on the last day (CMC).
    pub commons_pool: f64,
    pub mean_wait_days: f64,
    pub max_wait_days: f64,
    /// The magnate's value at the end (at home and abroad) over its value on day 0.
    pub capture_value_kept: f64,
    /// Votes its ballots carried beyond one each, and second votes counted.
    pub capture_extra_votes: f64,
    pub capture_max_homes: f64,
    pub capture_cuts_passed: f64,
}

impl Measures {
    pub fn of(outcome: &Outcome) -> Self {
        let r = &outcome.report;
        let rows = &outcome.world.rows;
        let (start, end) = r
            .hoarders
            .iter()
            .fold((0u128, 0u128), |(s, e), h| (s + h.start, e + h.end));
        let mean_members =
            rows.iter().map(|row| row.members as f64).sum::<f64>() / rows.len().max(1) as f64;
        let c = &r.capture;
        Measures {
            gini_start: r.gini_start,
            gini_end: r.gini_end,
            hoarders_loss: ratio_lost(start, end),
            income_per_member: r.income_paid as f64 / 1e6 / mean_members.max(1.0),
            commons_pool: rows.last().map_or(0, |row| row.commons_pool) as f64 / 1e6,
            mean_wait_days: r.mean_wait_days,
            max_wait_days: r.max_wait_days as f64,
            capture_value_kept: if c.value_start == 0 {
                0.0
            } else {
                c.value_end as f64 / c.value_start as f64
            },
            capture_extra_votes: (c.max_ballot_weight.saturating_sub(1) + c.second_votes_counted)
                as f64,
            capture_max_homes: c.max_homes as f64,
            capture_cuts_passed: c.proposals_passed as f64,
        }
    }
}

fn ratio_lost(start: u128, end: u128) -> f64 {
    if start == 0 {
        0.0
    } else {
        1.0 - end as f64 / start as f64
    }
}

/// An outcome a sweep reports: its column name, its title and where it is read.
pub struct OutcomeColumn {
    pub name: &'static str,
    pub title: &'static str,
    pub read: fn(&Measures) -> f64,
}

pub const OUTCOMES: [OutcomeColumn; 11] = [
    OutcomeColumn {
        name: "gini_start",
        title: "Gini of members' holdings on day 0",
        read: |m| m.gini_start,
    },
    OutcomeColumn {
        name: "gini_end",
        title: "Gini of members' holdings on the last day",
        read: |m| m.gini_end,
    },
    OutcomeColumn {
        name: "hoarders_loss",
        title: "Hoarders' loss (share of day-0 holdings)",
        read: |m| m.hoarders_loss,
    },
    OutcomeColumn {
        name: "income_per_member",
        title: "Basic income paid per member (CMC)",
        read: |m| m.income_per_member,
    },
    OutcomeColumn {
        name: "commons_pool",
        title: "Commons pool on the last day (CMC)",
        read: |m| m.commons_pool,
    },
    OutcomeColumn {
        name: "mean_wait_days",
        title: "Mean wait for a home (days)",
        read: |m| m.mean_wait_days,
    },
    OutcomeColumn {
        name: "max_wait_days",
        title: "Longest wait for a home (days)",
        read: |m| m.max_wait_days,
    },
    OutcomeColumn {
        name: "capture_value_kept",
        title: "Capture: the magnate's value kept (end / day 0)",
        read: |m| m.capture_value_kept,
    },
    OutcomeColumn {
        name: "capture_extra_votes",
        title: "Capture: votes counted beyond one per ballot",
        read: |m| m.capture_extra_votes,
    },
    OutcomeColumn {
        name: "capture_max_homes",
        title: "Capture: most homes the magnate held at once",
        read: |m| m.capture_max_homes,
    },
    OutcomeColumn {
        name: "capture_cuts_passed",
        title: "Capture: demurrage cuts passed",
        read: |m| m.capture_cuts_passed,
    },
];

/// One run of a sweep: its value and seed, and what it ended with, or the contracts' refusal
/// of the rules.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    pub value: String,
    pub x: f64,
    pub seed: u64,
    pub result: std::result::Result<Measures, String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SweepResult {
    pub sweep: Sweep,
    pub settings: Settings,
    pub seeds: u32,
    /// By value, then by seed.
    pub runs: Vec<Run>,
}

/// Lives the society once for every value and each of `seeds` seeds (from `base.seed` on),
/// with `jobs` runs at a time; `done` hears of each finished run.
pub fn run(
    base: Settings,
    sweep: &Sweep,
    seeds: u32,
    jobs: usize,
    done: &(dyn Fn(&Run) + Sync),
) -> Result<SweepResult> {
    check(&base)?;
    if seeds == 0 {
        bail!("a sweep needs at least one seed (--seeds 1 or more)");
    }
    let mut plan = vec![];
    for value in &sweep.values {
        let (settings, x) = sweep.parameter.apply(&base, value)?;
        check(&settings)?;
        for k in 0..seeds {
            let settings = Settings {
                seed: base.seed + u64::from(k),
                ..settings
            };
            plan.push((value.clone(), x, settings));
        }
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<Run>>>> = Mutex::new(plan.iter().map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..jobs.max(1).min(plan.len()) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((value, x, settings)) = plan.get(i) else {
                    break;
                };
                let run = one(value, *x, *settings);
                if let Ok(run) = &run {
                    done(run);
                }
                results.lock().expect("a run thread panicked")[i] = Some(run);
            });
        }
    });
    let runs = results
        .into_inner()
        .map_err(|_| anyhow!("a run thread panicked"))?
        .into_iter()
        .map(|r| r.expect("every planned run ran"))
        .collect::<Result<Vec<_>>>()?;
    Ok(SweepResult {
        sweep: sweep.clone(),
        settings: base,
        seeds,
        runs,
    })
}

fn one(value: &str, x: f64, settings: Settings) -> Result<Run> {
    let result = match World::found(settings) {
        Ok(world) => {
            let outcome = live(world, &Progress::hidden())
                .with_context(|| format!("the run with {value}, seed {}", settings.seed))?;
            Ok(Measures::of(&outcome))
        }
        Err(e) => match e.downcast_ref::<RulesRefused>() {
            Some(refused) => Err(refused.0.clone()),
            None => return Err(e),
        },
    };
    Ok(Run {
        value: value.to_string(),
        x,
        seed: settings.seed,
        result,
    })
}

/// Min, median and max of some runs' values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spread {
    pub min: f64,
    pub median: f64,
    pub max: f64,
}

impl Spread {
    pub fn of(values: &[f64]) -> Option<Spread> {
        if values.is_empty() {
            return None;
        }
        let mut v = values.to_vec();
        v.sort_by(f64::total_cmp);
        let n = v.len();
        let median = if n % 2 == 1 {
            v[n / 2]
        } else {
            (v[n / 2 - 1] + v[n / 2]) / 2.0
        };
        Some(Spread {
            min: v[0],
            median,
            max: v[n - 1],
        })
    }
}

/// A value's runs together: the spread of each outcome, or the refusal.
pub struct ValueSummary<'a> {
    pub value: &'a str,
    pub x: f64,
    pub refused: Option<&'a str>,
    /// In the order of [`OUTCOMES`]; none when refused.
    pub spreads: Vec<Option<Spread>>,
}

impl SweepResult {
    pub fn summaries(&self) -> Vec<ValueSummary<'_>> {
        self.sweep
            .values
            .iter()
            .map(|value| {
                let runs: Vec<&Run> = self.runs.iter().filter(|r| &r.value == value).collect();
                let measured: Vec<&Measures> =
                    runs.iter().filter_map(|r| r.result.as_ref().ok()).collect();
                ValueSummary {
                    value,
                    x: runs.first().map_or(0.0, |r| r.x),
                    refused: runs
                        .iter()
                        .find_map(|r| r.result.as_ref().err())
                        .map(|e| e.as_str()),
                    spreads: OUTCOMES
                        .iter()
                        .map(|o| {
                            Spread::of(&measured.iter().map(|m| (o.read)(m)).collect::<Vec<_>>())
                        })
                        .collect(),
                }
            })
            .collect()
    }

    /// `sweep-<rule>.csv`: per value, the min, median and max over the seeds of each outcome.
    pub fn summary_csv(&self) -> String {
        let mut header = vec![
            "parameter".to_string(),
            "value".into(),
            "seeds".into(),
            "refused".into(),
        ];
        for o in &OUTCOMES {
            for stat in ["min", "median", "max"] {
                header.push(format!("{}_{stat}", o.name));
            }
        }
        let mut records = vec![header];
        for s in self.summaries() {
            let mut record = vec![
                self.sweep.parameter.name().to_string(),
                s.value.to_string(),
                self.seeds.to_string(),
                s.refused.unwrap_or_default().to_string(),
            ];
            for spread in &s.spreads {
                match spread {
                    Some(sp) => record.extend([sp.min, sp.median, sp.max].map(number)),
                    None => record.extend(["", "", ""].map(String::from)),
                }
            }
            records.push(record);
        }
        write_csv(&records)
    }

    /// `sweep-<rule>-runs.csv`: one row per run.
    pub fn runs_csv(&self) -> String {
        let mut header = vec![
            "parameter".to_string(),
            "value".into(),
            "seed".into(),
            "refused".into(),
        ];
        header.extend(OUTCOMES.iter().map(|o| o.name.to_string()));
        let mut records = vec![header];
        for run in &self.runs {
            let mut record = vec![
                self.sweep.parameter.name().to_string(),
                run.value.clone(),
                run.seed.to_string(),
                run.result.as_ref().err().cloned().unwrap_or_default(),
            ];
            record.extend(OUTCOMES.iter().map(|o| match &run.result {
                Ok(m) => number((o.read)(m)),
                Err(_) => String::new(),
            }));
            records.push(record);
        }
        write_csv(&records)
    }

    /// The medians (and ranges) of the outcomes a community asks about first, value by value.
    pub fn render(&self) -> String {
        let s = &self.settings;
        let mut out = format!(
            "Sweep of {} over {} seeds from {}: {} members, {} days, activity {}%\n",
            self.sweep.parameter.name(),
            self.seeds,
            s.seed,
            s.members,
            s.days,
            s.activity_percent
        );
        let shown = [
            "gini_start",
            "gini_end",
            "hoarders_loss",
            "income_per_member",
            "commons_pool",
            "mean_wait_days",
            "capture_value_kept",
        ];
        let _ = write!(out, "{:>10}", self.sweep.parameter.name());
        for name in shown {
            let _ = write!(out, " {name:>22}");
        }
        out.push('\n');
        for summary in self.summaries() {
            let _ = write!(out, "{:>10}", summary.value);
            if let Some(refused) = summary.refused {
                let _ = writeln!(out, " refused: {refused}");
                continue;
            }
            for name in shown {
                let i = OUTCOMES.iter().position(|o| o.name == name).expect("shown");
                let cell = summary.spreads[i].map_or(String::new(), |sp| {
                    format!("{} ({}–{})", short(sp.median), short(sp.min), short(sp.max))
                });
                let _ = write!(out, " {cell:>22}");
            }
            out.push('\n');
        }
        out
    }

    /// Each outcome against the value: the median as a line, the range over seeds as a band.
    pub fn svg(&self) -> String {
        let summaries = self.summaries();
        let panels: Vec<(&str, Vec<usize>)> = vec![
            ("Gini of members' holdings: day 0 and last day", vec![0, 1]),
            (OUTCOMES[2].title, vec![2]),
            (OUTCOMES[3].title, vec![3]),
            (OUTCOMES[4].title, vec![4]),
            ("Wait for a home: mean and longest (days)", vec![5, 6]),
            (OUTCOMES[7].title, vec![7]),
            (
                "Capture: extra votes, most homes held, demurrage cuts passed",
                vec![8, 9, 10],
            ),
        ];
        let (width, panel_height) = (760.0, 230.0);
        let height = panel_height * panels.len() as f64 + 40.0;
        let mut out = String::new();
        let _ = writeln!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">"#
        );
        let _ = writeln!(
            out,
            r#"<rect width="{width}" height="{height}" fill="white"/>"#
        );
        let s = &self.settings;
        let _ = writeln!(
            out,
            r#"<text x="10" y="20" font-size="14" font-weight="bold">{}: median and range over {} seeds ({} members, {} days)</text>"#,
            self.sweep.parameter.unit(),
            self.seeds,
            s.members,
            s.days
        );
        for (i, (title, outcomes)) in panels.iter().enumerate() {
            let top = 30.0 + i as f64 * panel_height;
            self.draw_panel(
                &mut out,
                &summaries,
                title,
                outcomes,
                top,
                width,
                panel_height,
            );
        }
        out.push_str("</svg>\n");
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn draw_panel(
        &self,
        out: &mut String,
        summaries: &[ValueSummary],
        title: &str,
        outcomes: &[usize],
        top: f64,
        width: f64,
        height: f64,
    ) {
        const COLOURS: [&str; 3] = ["#1f77b4", "#d62728", "#2ca02c"];
        let (left, right) = (70.0, width - 30.0);
        let (y_top, y_bottom) = (top + 28.0, top + height - 42.0);
        let spreads = || {
            summaries
                .iter()
                .flat_map(|s| outcomes.iter().filter_map(|&o| s.spreads[o]))
        };
        let max = spreads().map(|s| s.max).fold(f64::NEG_INFINITY, f64::max);
        let min = spreads().map(|s| s.min).fold(f64::INFINITY, f64::min);
        let (min, max) = if max.is_finite() && max > min {
            (min, max)
        } else if max.is_finite() {
            (min - 0.5, max + 0.5)
        } else {
            (0.0, 1.0)
        };
        let step = tick_step(max - min);
        let (min, max) = ((min / step).floor() * step, (max / step).ceil() * step);
        let xs: Vec<f64> = summaries.iter().map(|s| s.x).collect();
        let x_min = xs.iter().copied().fold(f64::INFINITY, f64::min);
        let x_max = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let x_span = if x_max > x_min { x_max - x_min } else { 1.0 };
        let x = |v: f64| {
            if x_max > x_min {
                left + (right - left) * (v - x_min) / x_span
            } else {
                (left + right) / 2.0
            }
        };
        let y = |v: f64| y_bottom - (y_bottom - y_top) * (v - min) / (max - min);
        let _ = writeln!(
            out,
            r#"<text x="{left}" y="{}" font-size="13" font-weight="bold">{}</text>"#,
            top + 16.0,
            escape(title)
        );
        let decimals = (-step.log10().floor()).max(0.0) as usize;
        let mut v = min;
        while v <= max + step / 2.0 {
            let _ = writeln!(
                out,
                r##"<line x1="{left}" y1="{yv:.1}" x2="{right}" y2="{yv:.1}" stroke="#ddd"/><text x="{}" y="{:.1}" text-anchor="end">{v:.decimals$}</text>"##,
                left - 6.0,
                y(v) + 4.0,
                yv = y(v)
            );
            v += step;
        }
        // The swept values are the x ticks; a refused value is marked on the axis.
        for s in summaries {
            let _ = writeln!(
                out,
                r#"<text x="{:.1}" y="{}" text-anchor="middle">{}</text>"#,
                x(s.x),
                y_bottom + 14.0,
                escape(s.value)
            );
            if s.refused.is_some() {
                let _ = writeln!(
                    out,
                    r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#888">refused</text>"##,
                    x(s.x),
                    y_bottom - 6.0
                );
            }
        }
        let _ = writeln!(
            out,
            r#"<text x="{}" y="{}" text-anchor="middle">{}</text>"#,
            (left + right) / 2.0,
            y_bottom + 30.0,
            escape(self.sweep.parameter.unit())
        );
        let _ = writeln!(
            out,
            r#"<polyline points="{left},{y_top} {left},{y_bottom} {right},{y_bottom}" fill="none" stroke="black"/>"#
        );
        for (k, &o) in outcomes.iter().enumerate() {
            let colour = COLOURS[k % COLOURS.len()];
            let points: Vec<(f64, Spread)> = summaries
                .iter()
                .filter_map(|s| s.spreads[o].map(|sp| (x(s.x), sp)))
                .collect();
            if points.len() > 1 {
                let band: Vec<String> = points
                    .iter()
                    .map(|(px, sp)| format!("{px:.1},{:.1}", y(sp.max)))
                    .chain(
                        points
                            .iter()
                            .rev()
                            .map(|(px, sp)| format!("{px:.1},{:.1}", y(sp.min))),
                    )
                    .collect();
                let _ = writeln!(
                    out,
                    r#"<polygon points="{}" fill="{colour}" fill-opacity="0.15" stroke="none"/>"#,
                    band.join(" ")
                );
                let line: Vec<String> = points
                    .iter()
                    .map(|(px, sp)| format!("{px:.1},{:.1}", y(sp.median)))
                    .collect();
                let _ = writeln!(
                    out,
                    r#"<polyline points="{}" fill="none" stroke="{colour}" stroke-width="1.5"/>"#,
                    line.join(" ")
                );
            }
            for (px, sp) in &points {
                let _ = writeln!(
                    out,
                    r#"<line x1="{px:.1}" y1="{:.1}" x2="{px:.1}" y2="{:.1}" stroke="{colour}"/><circle cx="{px:.1}" cy="{:.1}" r="2.5" fill="{colour}"/>"#,
                    y(sp.min),
                    y(sp.max),
                    y(sp.median)
                );
            }
            if outcomes.len() > 1 {
                let (lx, ly) = (right - 170.0, top + 12.0 + 14.0 * k as f64);
                let _ = writeln!(
                    out,
                    r#"<rect x="{lx}" y="{}" width="12" height="4" fill="{colour}"/><text x="{}" y="{ly}">{}</text>"#,
                    ly - 5.0,
                    lx + 18.0,
                    OUTCOMES[o].name
                );
            }
        }
    }

    /// Writes the three files into `dir`; returns their paths (summary, runs, plot).
    pub fn write(&self, dir: &Path) -> Result<[PathBuf; 3]> {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let name = self.sweep.parameter.name();
        let paths = [
            dir.join(format!("sweep-{name}.csv")),
            dir.join(format!("sweep-{name}-runs.csv")),
            dir.join(format!("sweep-{name}.svg")),
        ];
        for (path, text) in paths
            .iter()
            .zip([self.summary_csv(), self.runs_csv(), self.svg()])
        {
            std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?;
        }
        Ok(paths)
    }
}

/// Six significant digits at most, without trailing zeros: the same bytes on every machine.
fn number(v: f64) -> String {
    let text = format!("{v:.6}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.to_string()
    }
}

/// A short form for the terminal: three decimals below 10, one below 1000, none above.
fn short(v: f64) -> String {
    if v.abs() < 10.0 {
        format!("{v:.3}")
    } else if v.abs() < 1000.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.0}")
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn write_csv(records: &[Vec<String>]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    for record in records {
        writer
            .write_record(record)
            .expect("writing to memory never fails");
    }
    let bytes = writer.into_inner().expect("writing to memory never fails");
    String::from_utf8(bytes).expect("the fields are UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sweep_is_read_from_rule_equals_values() {
        let sweep: Sweep = "demurrage_rate=0, 0.0005,0.001".parse().unwrap();
        assert_eq!(sweep.parameter, Parameter::DemurrageRate);
        assert_eq!(sweep.values, ["0", "0.0005", "0.001"]);
        let (s, x) = Parameter::HousingFee
            .apply(&Settings::DEFAULT, "2.5")
            .unwrap();
        assert_eq!(s.rules.housing_fee_per_day, Uint128::new(2_500_000));
        assert_eq!(x, 2.5);
    }

    #[test]
    fn a_malformed_sweep_is_refused_with_the_fix() {
        let err = |text: &str| text.parse::<Sweep>().unwrap_err().to_string();
        assert!(err("demurrage_rate").contains("RULE=V1,V2"));
        assert!(err("speed=1,2").contains("use one of demurrage_rate"));
        assert!(err("income_window=30,,7").contains("empty value"));
        assert!(err("income_window=30,seven").contains("a whole number of days"));
        assert!(err("activity=50,50").contains("listed twice"));
        assert!(err("demurrage_rate=2").contains("between 0 and 1"));
    }

    #[test]
    fn spread_takes_min_median_and_max() {
        assert_eq!(Spread::of(&[]), None);
        let s = Spread::of(&[3.0, 1.0, 2.0]).unwrap();
        assert_eq!((s.min, s.median, s.max), (1.0, 2.0, 3.0));
        assert_eq!(Spread::of(&[4.0, 1.0, 3.0, 2.0]).unwrap().median, 2.5);
    }

    #[test]
    fn numbers_print_the_same_everywhere() {
        assert_eq!(number(0.7200004), "0.72");
        assert_eq!(number(12.0), "12");
        assert_eq!(number(-0.0000001), "0");
    }
}
