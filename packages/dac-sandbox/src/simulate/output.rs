//! The run's files: `daily.csv` (one row a day), `report.txt` (the findings) and `plot.svg`
//! (the key series, one panel each). Nothing in them depends on the clock or the machine, so a
//! fixed seed gives the same bytes.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::metrics::DayRow;
use super::report::Report;

/// `daily.csv`: a header named after [`DayRow`]'s fields, then one row a day.
pub fn csv(rows: &[DayRow]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    for row in rows {
        writer
            .serialize(row)
            .expect("a day's row always serializes");
    }
    let bytes = writer.into_inner().expect("writing to memory never fails");
    String::from_utf8(bytes).expect("numbers are UTF-8")
}

/// Token units (6 decimals) as CMC with two decimals, rounded down.
pub fn cmc(units: u128) -> String {
    format!(
        "{}.{:02} CMC",
        units / 1_000_000,
        units % 1_000_000 / 10_000
    )
}

fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

impl Report {
    pub fn render(&self) -> String {
        let s = &self.settings;
        let c = &self.capture;
        let mut out = String::new();
        let mut line = |text: String| {
            out.push_str(&text);
            out.push('\n');
        };
        line(format!(
            "Society simulation: {} members, {} days, seed {}, activity {}%, step-free {}%",
            s.members, s.days, s.seed, s.activity_percent, s.step_free_percent
        ));
        line(format!(
            "rules: demurrage {}% a day, income claimable for {} days, housing fee {} a day",
            s.rules.demurrage_rate * cosmwasm_std::Decimal::from_ratio(100u32, 1u32),
            s.rules.income_window_days,
            cmc(s.rules.housing_fee_per_day.u128())
        ));
        line(format!(
            "members (council): {} at the start, {} at the end; {} emigrated, {} arrived",
            self.members_start, self.members_end, self.departures, self.arrivals
        ));
        line(format!(
            "Gini of members' holdings: {:.3} at the start, {:.3} at the end (range {:.3} to {:.3})",
            self.gini_start, self.gini_end, self.gini_min, self.gini_max
        ));
        line(format!(
            "Gini of those who were members on day 0 and still are: {:.3} -> {:.3}",
            self.gini_stayers_start, self.gini_stayers_end
        ));
        line(format!(
            "{:<12} {:>6} {:>10} {:>10} {:>7} {:>7} {:>9} {:>10} {:>8} {:>8} {:>9} {:>9}",
            "who holds",
            "count",
            "day 0",
            "end",
            "share0",
            "share",
            "income",
            "net paid",
            "fees",
            "trade",
            "demurrage",
            "other"
        ));
        let total = |f: fn(&super::report::GroupLedger) -> u128| {
            self.ledger
                .iter()
                .filter(|g| g.group != "emigrants")
                .map(f)
                .sum::<u128>()
                .max(1) as f64
        };
        let (total_start, total_end) = (total(|g| g.start), total(|g| g.end));
        let units = |u: i128| format!("{:.1}", u as f64 / 1e6);
        for g in &self.ledger {
            let f = &g.flows;
            let share = |v: u128, total: f64| {
                if g.group == "emigrants" {
                    String::new()
                } else {
                    pct(v as f64 / total)
                }
            };
            line(format!(
                "{:<12} {:>6} {:>10} {:>10} {:>7} {:>7} {:>9} {:>10} {:>8} {:>8} {:>9} {:>9}",
                g.group,
                g.members,
                units(g.start as i128),
                units(g.end as i128),
                share(g.start, total_start),
                share(g.end, total_end),
                units(f.income as i128),
                units(f.received as i128 - f.paid as i128),
                units(-(f.fees as i128)),
                units(f.exports as i128 - f.imports as i128),
                units(-(f.decay as i128)),
                units(g.other()),
            ));
        }
        line(format!(
            "basic income paid: {}; {} payments between members worth {} ({} refused); housing \
             fees paid: {}",
            cmc(self.income_paid),
            self.payments,
            cmc(self.payment_volume),
            self.refused_payments,
            cmc(self.fees_paid)
        ));
        line(format!(
            "housing: {} homes at the start, {} at the end; {} allocations, waiting {:.1} days on \
             average, {} at most; {} of applicants housed at the start, {} at the end; {} waiting \
             and {} homes vacant at the end; {} days with someone waiting while a vacant home fit \
             them",
            self.homes_start,
            self.homes_end,
            self.allocations,
            self.mean_wait_days,
            self.max_wait_days,
            pct(self.housed_share_start),
            pct(self.housed_share_end),
            self.waiting_end,
            self.vacant_end,
            self.stranded_days
        ));
        line(format!(
            "council: {} proposals closed, {} passed; {} votes ({} refused); turnout {} on \
             average ({} to {})",
            self.proposals,
            self.proposals_passed,
            self.votes_cast,
            self.votes_refused,
            pct(self.mean_turnout),
            pct(if self.proposals == 0 {
                0.0
            } else {
                self.min_turnout
            }),
            pct(self.max_turnout)
        ));
        line(format!(
            "escrow: {} service deals; {} disputes, {} rulings, {} arbitrators slashed",
            self.deals, self.disputes, self.rulings, self.slashes
        ));
        let p = &self.panels;
        line(format!(
            "panels: {} appeals ({}% of losers appeal); {} panels drawn by sortition ({} for \
             silent arbitrators), {} to {} members (mean {:.1}); appealed rulings upheld {}, \
             overturned {}; {} of {} panel rulings as it happened; {} panel votes ({} refused)",
            p.appeals,
            s.appeal_percent,
            p.panels,
            p.timed_out,
            p.min_size,
            p.max_size,
            p.mean_size,
            p.upheld,
            p.overturned,
            p.as_it_happened,
            p.decided,
            p.votes,
            p.votes_refused
        ));
        line(format!(
            "trade: {} paid from {a} to {b}, {} from {b} to {a}",
            cmc(self.trade_a_to_b),
            cmc(self.trade_b_to_a),
            a = self.nodes[0],
            b = self.nodes[1],
        ));
        let poorer = self.hoarders.iter().filter(|h| h.end < h.start).count();
        let (start, end) = self
            .hoarders
            .iter()
            .fold((0, 0), |(s, e), h| (s + h.start, e + h.end));
        line(format!(
            "hoarders: {poorer} of {} ended with less than they started; together {} -> {}",
            self.hoarders.len(),
            cmc(start),
            cmc(end)
        ));
        line("capture attempt (the magnate):".into());
        line(format!(
            "  votes: {} ballots, each carrying at most {} vote; {} second votes refused, {} \
             counted; {} of {} puppets admitted ({} refused acts, {} accepted)",
            c.ballots,
            c.max_ballot_weight,
            c.second_votes_refused,
            c.second_votes_counted,
            c.puppets_admitted,
            c.puppets,
            c.puppet_acts_refused,
            c.puppet_acts_accepted
        ));
        line(format!(
            "  homes: at most {} held at once ({} at the end); {} purchases refused, {} accepted; \
             {} second applications refused, {} accepted",
            c.max_homes,
            c.homes_end,
            c.home_purchases_refused,
            c.home_purchases_accepted,
            c.second_applications_refused,
            c.second_applications_accepted
        ));
        line(format!(
            "  demurrage cuts proposed: {}, passed: {}",
            c.proposals, c.proposals_passed
        ));
        line(format!(
            "  hoarded value: {} at the start, {} at the end (of which {} abroad, {} sent there)",
            cmc(c.value_start),
            cmc(c.value_end),
            cmc(c.abroad_end),
            cmc(c.sent_abroad)
        ));
        out
    }
}

/// One panel of the plot: a title, a unit and one or more named series over the days.
struct Panel<'a> {
    title: &'a str,
    series: Vec<(&'a str, Vec<(f64, f64)>)>,
    /// Draw points instead of a line (sparse series such as turnout).
    points: bool,
}

const COLOURS: [&str; 3] = ["#1f77b4", "#d62728", "#2ca02c"];

/// The key series, one panel each, as an SVG document.
pub fn svg(rows: &[DayRow]) -> String {
    svg_between(rows, ["dac-1", "dac-2"])
}

/// [`svg`] of the society on node `nodes[0]` whose producers live on `nodes[1]`.
pub fn svg_between(rows: &[DayRow], [a, b]: [&str; 2]) -> String {
    let (out, back) = (format!("{a} to {b}"), format!("{b} to {a}"));
    let day = |r: &DayRow| r.day as f64;
    let cmc = |u: u128| u as f64 / 1_000_000.0;
    let panels = [
        Panel {
            title: "Gini coefficient of members' holdings",
            series: vec![("gini", rows.iter().map(|r| (day(r), r.gini)).collect())],
            points: false,
        },
        Panel {
            title: "Applicants housed (%) and longest wait (days)",
            series: vec![
                (
                    "housed %",
                    rows.iter()
                        .map(|r| (day(r), r.housed_share * 100.0))
                        .collect(),
                ),
                (
                    "longest wait",
                    rows.iter()
                        .map(|r| (day(r), r.longest_wait_days as f64))
                        .collect(),
                ),
            ],
            points: false,
        },
        Panel {
            title: "Basic income paid and trade between nodes, since day 0 (CMC)",
            series: vec![
                (
                    "income",
                    rows.iter()
                        .map(|r| (day(r), cmc(r.income_paid_total)))
                        .collect(),
                ),
                (out.as_str(), running(rows, |r| r.trade_a_to_b)),
                (back.as_str(), running(rows, |r| r.trade_b_to_a)),
            ],
            points: false,
        },
        Panel {
            title: "Turnout of closed proposals (%)",
            series: vec![(
                "turnout",
                rows.iter()
                    .filter_map(|r| r.turnout.map(|t| (day(r), t * 100.0)))
                    .collect(),
            )],
            points: true,
        },
        Panel {
            title: "Disputes and slashed arbitrators (total)",
            series: vec![
                (
                    "disputes",
                    rows.iter()
                        .map(|r| (day(r), r.disputes_total as f64))
                        .collect(),
                ),
                (
                    "slashes",
                    rows.iter()
                        .map(|r| (day(r), r.slashes_total as f64))
                        .collect(),
                ),
            ],
            points: false,
        },
        Panel {
            title: "The magnate's value: at home and abroad (CMC)",
            series: vec![
                (
                    "balance",
                    rows.iter()
                        .map(|r| (day(r), cmc(r.capture_balance)))
                        .collect(),
                ),
                (
                    "abroad",
                    rows.iter()
                        .map(|r| (day(r), cmc(r.capture_abroad)))
                        .collect(),
                ),
            ],
            points: false,
        },
    ];
    let days = rows.last().map(|r| r.day).unwrap_or(0).max(1) as f64;
    let (width, panel_height) = (900.0, 220.0);
    let height = panel_height * panels.len() as f64 + 20.0;
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">"#
    );
    let _ = writeln!(
        out,
        r#"<rect width="{width}" height="{height}" fill="white"/>"#
    );
    for (i, panel) in panels.iter().enumerate() {
        let top = 10.0 + i as f64 * panel_height;
        draw_panel(&mut out, panel, top, width, panel_height, days);
    }
    out.push_str("</svg>\n");
    out
}

/// The running total of a daily flow, in CMC.
fn running(rows: &[DayRow], flow: fn(&DayRow) -> u128) -> Vec<(f64, f64)> {
    let mut total = 0u128;
    rows.iter()
        .map(|r| {
            total += flow(r);
            (r.day as f64, total as f64 / 1_000_000.0)
        })
        .collect()
}

/// A round step for about five ticks over `span`.
pub(crate) fn tick_step(span: f64) -> f64 {
    let raw = span / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|step| *step >= raw)
        .unwrap_or(10.0 * magnitude)
}

fn draw_panel(out: &mut String, panel: &Panel, top: f64, width: f64, height: f64, days: f64) {
    let (left, right) = (70.0, width - 20.0);
    let (y_top, y_bottom) = (top + 28.0, top + height - 40.0);
    let values = panel.series.iter().flat_map(|(_, s)| s.iter().map(|p| p.1));
    let max = values.clone().fold(f64::NEG_INFINITY, f64::max);
    let min = values.fold(f64::INFINITY, f64::min).min(0.0);
    let (min, max) = if max.is_finite() && max > min {
        (min, max)
    } else {
        (0.0, 1.0)
    };
    let step = tick_step(max - min);
    let max = (max / step).ceil() * step;
    let x = |d: f64| left + (right - left) * d / days;
    let y = |v: f64| y_bottom - (y_bottom - y_top) * (v - min) / (max - min);
    let _ = writeln!(
        out,
        r#"<text x="{left}" y="{}" font-size="13" font-weight="bold">{}</text>"#,
        top + 16.0,
        panel.title
    );
    // Axes, grid and tick labels.
    let mut v = min;
    while v <= max + step / 2.0 {
        let _ = writeln!(
            out,
            r##"<line x1="{left}" y1="{y:.1}" x2="{right}" y2="{y:.1}" stroke="#ddd"/><text x="{}" y="{:.1}" text-anchor="end">{}</text>"##,
            left - 6.0,
            y(v) + 4.0,
            label(v, step),
            y = y(v)
        );
        v += step;
    }
    let day_step = tick_step(days).max(1.0);
    let mut d = 0.0;
    while d <= days + 0.5 {
        let _ = writeln!(
            out,
            r#"<text x="{:.1}" y="{}" text-anchor="middle">{d}</text>"#,
            x(d),
            y_bottom + 14.0
        );
        d += day_step;
    }
    let _ = writeln!(
        out,
        r#"<text x="{}" y="{}" text-anchor="middle">day</text>"#,
        (left + right) / 2.0,
        y_bottom + 28.0
    );
    let _ = writeln!(
        out,
        r#"<polyline points="{left},{y_top} {left},{y_bottom} {right},{y_bottom}" fill="none" stroke="black"/>"#
    );
    for (k, (name, series)) in panel.series.iter().enumerate() {
        let colour = COLOURS[k % COLOURS.len()];
        if panel.points {
            for (d, v) in series {
                let _ = writeln!(
                    out,
                    r#"<circle cx="{:.1}" cy="{:.1}" r="2.5" fill="{colour}"/>"#,
                    x(*d),
                    y(*v)
                );
            }
        } else {
            let points: Vec<String> = series
                .iter()
                .map(|(d, v)| format!("{:.1},{:.1}", x(*d), y(*v)))
                .collect();
            let _ = writeln!(
                out,
                r#"<polyline points="{}" fill="none" stroke="{colour}" stroke-width="1.5"/>"#,
                points.join(" ")
            );
        }
        // Legend, top right.
        let lx = right - 150.0;
        let ly = top + 12.0 + 14.0 * k as f64;
        let _ = writeln!(
            out,
            r#"<rect x="{lx}" y="{}" width="12" height="4" fill="{colour}"/><text x="{}" y="{ly}">{name}</text>"#,
            ly - 5.0,
            lx + 18.0
        );
    }
}

pub(crate) fn label(v: f64, step: f64) -> String {
    if step >= 1.0 {
        format!("{v:.0}")
    } else if step >= 0.1 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

/// Where a run's files went.
pub struct Written {
    pub csv: PathBuf,
    pub report: PathBuf,
    pub plot: PathBuf,
}

pub fn write_all(dir: &Path, rows: &[DayRow], report: &Report) -> Result<Written> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let written = Written {
        csv: dir.join("daily.csv"),
        report: dir.join("report.txt"),
        plot: dir.join("plot.svg"),
    };
    for (path, text) in [
        (&written.csv, csv(rows)),
        (&written.report, report.render()),
        (&written.plot, svg(rows)),
    ] {
        std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The header the simulator wrote before the CSV came from the row struct; columns added
    /// since follow it (`ADDED`), so scripts reading the old ones by position still work.
    const HEADER: &str = "day,members,arrivals,departures,gini,mean_balance,median_balance,\
commons_pool,income_paid_total,income_paid_day,payments,payment_volume,fees_paid,homes,homes_vacant,applications_open,\
housed_members,housed_share,allocations,mean_wait_days,longest_wait_days,stranded,proposals_closed_total,\
turnout,deals_proposed,disputes_total,rulings_total,slashes_total,trade_a_to_b,trade_b_to_a,\
capture_balance,capture_abroad,capture_homes,capture_max_ballot_weight";
    const ADDED: &str = "appeals,panels_drawn,panel_members,upheld_total,overturned_total";

    fn row(day: u32) -> DayRow {
        DayRow {
            day,
            members: 40,
            arrivals: 1,
            departures: 2,
            gini: 0.3125,
            mean_balance: 1_000_000_000_000_000_000_000_000,
            median_balance: 900,
            commons_pool: 5,
            income_paid_total: 6,
            income_paid_day: 7,
            payments: 8,
            payment_volume: 9,
            fees_paid: 10,
            homes: 11,
            homes_vacant: 12,
            applications_open: 13,
            housed_members: 14,
            housed_share: 0.75,
            allocations: 15,
            mean_wait_days: Some(2.5),
            longest_wait_days: 16,
            stranded: 17,
            proposals_closed_total: 18,
            turnout: None,
            deals_proposed: 19,
            disputes_total: 20,
            rulings_total: 21,
            slashes_total: 22,
            trade_a_to_b: 23,
            trade_b_to_a: 24,
            capture_balance: 25,
            capture_abroad: 26,
            capture_homes: 27,
            capture_max_ballot_weight: 1,
            appeals: 28,
            panels_drawn: 29,
            panel_members: 30,
            upheld_total: 31,
            overturned_total: 32,
        }
    }

    #[test]
    fn the_header_is_the_one_the_simulator_always_wrote_then_the_added_columns() {
        let text = csv(&[row(0)]);
        assert_eq!(
            text.lines().next(),
            Some(format!("{HEADER},{ADDED}").as_str())
        );
        assert_eq!(HEADER.split(',').count(), 34);
    }

    #[test]
    fn fractions_are_rounded_and_absent_values_empty() {
        let mut r = row(3);
        r.gini = 0.123_456;
        r.turnout = Some(0.5);
        r.mean_wait_days = None;
        let text = csv(&[r]);
        let line = text.lines().nth(1).unwrap();
        assert_eq!(
            line,
            "3,40,1,2,0.1235,1000000000000000000000000,900,5,6,7,8,9,10,11,12,13,14,0.7500,15,,16,17,\
18,50.00,19,20,21,22,23,24,25,26,27,1,28,29,30,31,32"
        );
        assert!(text.ends_with("27,1,28,29,30,31,32\n"));
    }

    #[test]
    fn rows_round_trip_through_a_csv_reader() {
        let mut with_turnout = row(1);
        with_turnout.turnout = Some(0.25);
        let rows = vec![row(0), with_turnout];
        let text = csv(&rows);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(
            reader
                .headers()
                .unwrap()
                .iter()
                .collect::<Vec<_>>()
                .join(","),
            format!("{HEADER},{ADDED}")
        );
        let read: Vec<DayRow> = reader.deserialize().map(|r| r.unwrap()).collect();
        assert_eq!(read, rows);
    }

    #[test]
    fn ticks_are_round() {
        assert_eq!(tick_step(1.0), 0.2);
        assert_eq!(tick_step(365.0), 100.0);
        assert_eq!(tick_step(0.07), 0.02);
    }

    #[test]
    fn token_units_print_as_cmc() {
        assert_eq!(cmc(1_234_567_891), "1234.56 CMC");
        assert_eq!(cmc(5), "0.00 CMC");
    }
}
