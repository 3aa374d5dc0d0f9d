//! A mesh run's files: `daily.csv` (one row per node and day: the `node`, the single run's
//! columns, then the mesh's [`MeshRow`]), `report.txt` (each node's report, then the mesh's
//! totals and its conservation check) and one `plot-dac-K.svg` per node.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Serialize;

use super::mesh::{MeshOutcome, MeshRow};
use super::output::{cmc, csv, svg_between};

/// Lines of a CSV of `rows`, the header first.
fn csv_lines<T: Serialize>(rows: &[T]) -> Vec<String> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    for row in rows {
        writer.serialize(row).expect("a mesh row always serializes");
    }
    let bytes = writer.into_inner().expect("writing to memory never fails");
    let text = String::from_utf8(bytes).expect("numbers are UTF-8");
    text.lines().map(str::to_string).collect()
}

/// Mesh totals over every node and day.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MeshTotals {
    pub moves: u64,
    pub moved_value: u128,
    pub sales_abroad: u64,
    pub sales_abroad_value: u128,
    pub trades_offered: u64,
    pub trades_accepted: u64,
    pub visits: u64,
    pub visits_refused: u64,
    pub visits_value: u128,
    /// Bookings the hosts' visitor caps refused (among `visits_refused`).
    pub guests_refused: u64,
    /// Node-days whose conservation check failed.
    pub unconserved_days: u64,
}

impl MeshOutcome {
    /// `daily.csv` of a mesh run.
    pub fn csv(&self) -> String {
        let mut out = String::new();
        for (node, world) in self.mesh.worlds.iter().enumerate() {
            let days: Vec<String> = csv(&world.rows).lines().map(str::to_string).collect();
            let mesh = csv_lines(&self.mesh.rows[node]);
            for (i, (day, extra)) in days.iter().zip(&mesh).enumerate() {
                if i == 0 && node > 0 {
                    continue;
                }
                let name = if i == 0 {
                    "node"
                } else {
                    &world.contracts.node_a
                };
                let _ = writeln!(out, "{name},{day},{extra}");
            }
        }
        out
    }

    pub fn totals(&self) -> MeshTotals {
        let mut t = MeshTotals::default();
        for r in self.mesh.rows.iter().flatten() {
            t.moves += r.moves_out;
            t.moved_value += r.moved_value;
            t.sales_abroad += r.sales_abroad;
            t.sales_abroad_value += r.sales_abroad_value;
            t.trades_offered += r.trades_offered;
            t.trades_accepted += r.trades_accepted;
            t.visits += r.visits;
            t.visits_refused += r.visits_refused;
            t.visits_value += r.visits_value;
            t.guests_refused += r.guests_refused;
            t.unconserved_days += u64::from(r.conserved == 0);
        }
        t
    }

    /// `report.txt` of a mesh run.
    pub fn render(&self) -> String {
        let mesh = &self.mesh;
        let names: Vec<&str> = mesh
            .worlds
            .iter()
            .map(|w| w.contracts.node_a.as_str())
            .collect();
        let mut out = String::new();
        let links: Vec<String> = mesh
            .links
            .iter()
            .map(|[a, b]| format!("{}-{}", names[*a], names[*b]))
            .collect();
        let _ = writeln!(
            out,
            "Mesh simulation: {} nodes, {} days; channels (a ring plus the hub {}): {}",
            names.len(),
            mesh.settings.days(),
            names[0],
            links.join(", ")
        );
        for (node, (world, report)) in mesh.worlds.iter().zip(&self.reports).enumerate() {
            let rows = &mesh.rows[node];
            let sum = |f: fn(&MeshRow) -> u64| rows.iter().map(f).sum::<u64>();
            let value = |f: fn(&MeshRow) -> u128| rows.iter().map(f).sum::<u128>();
            let _ = writeln!(
                out,
                "\n== {} (producers on {}) ==",
                names[node], world.contracts.node_b
            );
            out.push_str(&report.render());
            let _ = writeln!(
                out,
                "mesh: {} moved out ({}), {} moved in; {} sales abroad ({}); {} trade offers, \
                 {} accepted; {} visits abroad ({}), {} refused; {} guests taken in",
                sum(|r| r.moves_out),
                cmc(value(|r| r.moved_value)),
                sum(|r| r.moves_in),
                sum(|r| r.sales_abroad),
                cmc(value(|r| r.sales_abroad_value)),
                sum(|r| r.trades_offered),
                sum(|r| r.trades_accepted),
                sum(|r| r.visits),
                cmc(value(|r| r.visits_value)),
                sum(|r| r.visits_refused),
                sum(|r| r.guests),
            );
            if let Some(cap) = mesh.settings.visitor_caps[node] {
                let _ = writeln!(
                    out,
                    "visitor cap: {cap} a night per visiting node; {} bookings refused by it, \
                     refunded in full",
                    sum(|r| r.guests_refused)
                );
            }
            if let Some(last) = rows.last() {
                let _ = writeln!(
                    out,
                    "its relay holds {} for other nodes; {} units held against {} vouchers abroad",
                    cmc(last.relay_balance),
                    last.units_held,
                    last.vouchers_abroad
                );
            }
        }
        let t = self.totals();
        let _ = writeln!(out, "\n== the mesh ==");
        let _ = writeln!(
            out,
            "treaties: {} of {} channels' councils signed one at founding (resource sharing: guest homes for each other's visitors)",
            mesh.treaties.len(),
            mesh.links.len()
        );
        let _ = writeln!(
            out,
            "moves {} ({}), sales abroad {} ({}), trades offered {} (accepted {}), visits {} ({}), refused {}",
            t.moves,
            cmc(t.moved_value),
            t.sales_abroad,
            cmc(t.sales_abroad_value),
            t.trades_offered,
            t.trades_accepted,
            t.visits,
            cmc(t.visits_value),
            t.visits_refused
        );
        if mesh.settings.visitor_caps.iter().any(Option::is_some) {
            let _ = writeln!(
                out,
                "visitor caps refused {} of the {} refused visits, each refunded in full",
                t.guests_refused, t.visits_refused
            );
        }
        let _ = writeln!(
            out,
            "value carried in vouchers: {}",
            cmc(t.moved_value + t.sales_abroad_value)
        );
        let node_days: usize = mesh.rows.iter().map(Vec::len).sum();
        let _ = if t.unconserved_days == 0 {
            writeln!(
                out,
                "conservation: on all {node_days} node-days every voucher abroad was a unit its home relay held, none in flight"
            )
        } else {
            writeln!(
                out,
                "conservation FAILED on {} of {node_days} node-days (column `conserved` in daily.csv)",
                t.unconserved_days
            )
        };
        out
    }

    /// Writes `daily.csv`, `report.txt` and a plot per node into `dir`.
    pub fn write(&self, dir: &Path) -> Result<Vec<PathBuf>> {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let mut files = vec![
            (dir.join("daily.csv"), self.csv()),
            (dir.join("report.txt"), self.render()),
        ];
        for world in &self.mesh.worlds {
            let name = format!("plot-{}.svg", world.contracts.node_a);
            let nodes = [world.contracts.node_a.as_str(), &world.contracts.node_b];
            files.push((dir.join(name), svg_between(&world.rows, nodes)));
        }
        for (path, text) in &files {
            std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?;
        }
        Ok(files.into_iter().map(|(p, _)| p).collect())
    }
}
