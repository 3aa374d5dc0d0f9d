//! The figures of one run, the checks against the targets, and BENCHMARKS.md.

use std::fmt::Write;

use crate::gas::{GAS_MULTIPLIER, INSTANCE_COST, INSTANCE_COST_DISCOUNT};
use crate::vm::Gas;

/// Token Transfer and Send may cost at most this much more than cw20-base's.
pub const RATIO_TARGET: f64 = 1.10;
/// No execute message may cost more than this much more in the large state than in the small.
pub const GROWTH_LIMIT: f64 = 0.10;
pub const CHAIN_LIMIT_BYTES: u64 = 800 * 1024;
pub const BUDGET_BYTES: u64 = 400 * 1024;

pub struct Comparison {
    pub operation: String,
    pub ours: Gas,
    pub theirs: Gas,
}

impl Comparison {
    pub fn ratio(&self) -> f64 {
        self.ours.total() as f64 / self.theirs.total() as f64
    }
}

pub struct Scaling {
    pub contract: String,
    pub operation: String,
    pub small_label: String,
    pub small: Gas,
    pub large_label: String,
    pub large: Gas,
    /// Set when the growth is capped by a limit of the contract (e.g. a maximum chain length):
    /// then it is reported, not failed.
    pub bound: Option<String>,
}

impl Scaling {
    pub fn new(
        contract: &str,
        operation: &str,
        small_label: String,
        small: Gas,
        large_label: String,
        large: Gas,
    ) -> Self {
        Scaling {
            contract: contract.to_string(),
            operation: operation.to_string(),
            small_label,
            small,
            large_label,
            large,
            bound: None,
        }
    }

    pub fn bounded(
        contract: &str,
        operation: &str,
        small_label: String,
        small: Gas,
        large_label: String,
        large: Gas,
        bound: String,
    ) -> Self {
        Scaling {
            bound: Some(bound),
            ..Scaling::new(contract, operation, small_label, small, large_label, large)
        }
    }

    /// More gas, or more cross-contract queries, in the large state (unless bounded).
    pub fn grows(&self) -> bool {
        self.bound.is_none()
            && (self.large.total() as f64 - self.small.total() as f64
                > GROWTH_LIMIT * self.small.total() as f64
                || self.large.queries > self.small.queries)
    }

    pub fn growth(&self) -> f64 {
        self.large.total() as f64 / self.small.total() as f64 - 1.0
    }
}

pub struct WasmSize {
    pub name: String,
    pub bytes: u64,
}

#[derive(Default)]
pub struct Report {
    pub quick: bool,
    /// The large state of the scaling rows: holders, members, applicants.
    pub large: usize,
    /// The large state of open items: deals, pending packets.
    pub open: usize,
    /// Whether a contract over the size budget fails the run (else it is reported only).
    pub fail_on_size: bool,
    pub comparisons: Vec<Comparison>,
    pub scalings: Vec<Scaling>,
    pub sizes: Vec<WasmSize>,
    pub reference_size: Option<WasmSize>,
    pub notes: Vec<String>,
    /// Suites that could not run (they fail the run).
    pub errors: Vec<String>,
}

impl Report {
    /// Every failed check, in words: a suite that could not run, the token's Transfer or Send
    /// above the ratio target, growth with state, and size over budget when `fail_on_size`.
    pub fn failures(&self) -> Vec<String> {
        let mut out = self.errors.clone();
        out.extend(self.misses());
        out.extend(self.growth_failures());
        if self.fail_on_size {
            out.extend(self.over_budget());
        }
        out
    }

    pub fn growth_failures(&self) -> Vec<String> {
        self.scalings
            .iter()
            .filter(|s| s.grows())
            .map(|s| {
                format!(
                    "{} {}: {} gas ({} queries) with {} but {} ({} queries) with {} ({:+.1}%, \
                     limit +{:.0}%)",
                    s.contract,
                    s.operation,
                    s.small.total(),
                    s.small.queries,
                    s.small_label,
                    s.large.total(),
                    s.large.queries,
                    s.large_label,
                    100.0 * s.growth(),
                    100.0 * GROWTH_LIMIT
                )
            })
            .collect()
    }

    /// Contracts over the size budget, in words.
    pub fn over_budget(&self) -> Vec<String> {
        self.sizes
            .iter()
            .filter(|w| w.bytes > BUDGET_BYTES)
            .map(|w| {
                format!(
                    "{}: {} bytes, over the {} KiB budget",
                    w.name,
                    w.bytes,
                    BUDGET_BYTES / 1024
                )
            })
            .collect()
    }

    /// The token's Transfer or Send above the ratio target (they fail the run).
    pub fn misses(&self) -> Vec<String> {
        self.comparisons
            .iter()
            .filter(|c| matches!(c.operation.as_str(), "Transfer" | "Send"))
            .filter(|c| c.ratio() > RATIO_TARGET)
            .map(|c| {
                format!(
                    "demurrage-token {}: {:.2}× cw20-base (target ≤ {RATIO_TARGET:.2}×)",
                    c.operation,
                    c.ratio()
                )
            })
            .collect()
    }

    pub fn markdown(&self) -> String {
        let mut md = String::new();
        let mode =
            format!(
            "{} (`scripts/bench.sh{}`: large state = {} holders, members or applicants, {} open \
             deals or pending packets)",
            if self.quick { "quick mode" } else { "full mode" },
            if self.quick { " --quick" } else { "" },
            self.large,
            self.open
        );
        let _ = writeln!(md, "# Benchmarks\n");
        let _ = writeln!(
            md,
            "Written by `scripts/bench.sh`, {mode}. Each contract's **optimized wasm** \
             (`artifacts/`, from `scripts/build-wasm.sh`) runs in `cosmwasm-vm` 3 with gas \
             metering; figures are Cosmos SDK gas units, comparable with a transaction's gas on \
             a wasmd chain:\n"
        );
        let _ = writeln!(
            md,
            "- **VM**: wasm execution and host calls, divided by wasmd's `DefaultGasMultiplier` \
             ({GAS_MULTIPLIER} CosmWasm gas = 1 SDK gas), plus wasmd's 1 gas per byte of the \
             JSON result; address checks cost what wasmd's API charges (validate 9, \
             canonicalize 4, humanize 5).\n\
             - **storage**: every read, write, delete and iterator step under the SDK's default \
             `KVGasConfig` (read 1000 + 3/byte, write 2000 + 30/byte, delete 1000, iterator \
             step 30 + 3/byte; keys include wasmd's 33-byte contract prefix).\n\
             - **gas** = VM + storage. Not included, the same for every contract: wasmd's \
             {INSTANCE_COST} per contract call ({INSTANCE_COST_DISCOUNT} when pinned) and the \
             transaction's own costs (signature, bytes). Event costs (10 per attribute + \
             1/byte beyond 100 bytes) are shown apart.\n"
        );

        if !self.comparisons.is_empty() {
            let _ = writeln!(md, "## Demurrage token vs cw20-base 2.0.0\n");
            let _ = writeln!(
                md,
                "Same cw20 messages on the same state (10 holders; the accounts last moved a day \
                 earlier, so every balance has decayed for a day).\n"
            );
            let _ = writeln!(
                md,
                "| operation | our gas | cw20-base gas | ratio | our VM + storage | cw20-base VM + storage | events (ours / cw20-base) |"
            );
            let _ = writeln!(md, "|---|---:|---:|---:|---:|---:|---:|");
            for c in &self.comparisons {
                let _ = writeln!(
                    md,
                    "| {} | {} | {} | {:.2}× | {} + {} | {} + {} | {} / {} |",
                    c.operation,
                    c.ours.total(),
                    c.theirs.total(),
                    c.ratio(),
                    c.ours.vm,
                    c.ours.storage,
                    c.theirs.vm,
                    c.theirs.storage,
                    c.ours.events,
                    c.theirs.events
                );
            }
            let _ = writeln!(md, "\nStorage operations behind those figures:\n");
            let _ = writeln!(
                md,
                "| operation | ours: reads / writes / deletes / iter steps, bytes read / written | cw20-base: same |"
            );
            let _ = writeln!(md, "|---|---|---|");
            for c in &self.comparisons {
                let t = |g: &Gas| {
                    format!(
                        "{} / {} / {} / {}, {} B / {} B",
                        g.tally.reads,
                        g.tally.writes,
                        g.tally.removes,
                        g.tally.iter_steps,
                        g.tally.bytes_read,
                        g.tally.bytes_written
                    )
                };
                let _ = writeln!(
                    md,
                    "| {} | {} | {} |",
                    c.operation,
                    t(&c.ours),
                    t(&c.theirs)
                );
            }
            let _ = writeln!(md);
        }

        if !self.scalings.is_empty() {
            let _ = writeln!(md, "## Scaling with state\n");
            let _ = writeln!(
                md,
                "The same message with small and large state; more than +{:.0}% fails the run, \
                 and so does any extra cross-contract query (column queries: small / large; \
                 each costs the queried contract's call on chain, not included in gas), unless \
                 a limit of the contract caps the growth (marked bounded).\n",
                100.0 * GROWTH_LIMIT
            );
            let _ = writeln!(
                md,
                "| contract | message | small state | gas (VM + storage) | large state | gas (VM + storage) | growth | queries | |"
            );
            let _ = writeln!(md, "|---|---|---|---:|---|---:|---:|---:|---|");
            for s in &self.scalings {
                let verdict = match &s.bound {
                    _ if s.grows() => "GROWS".to_string(),
                    Some(bound) => format!("bounded: {bound}"),
                    None => "ok".to_string(),
                };
                let _ = writeln!(
                    md,
                    "| {} | {} | {} | {} ({} + {}) | {} | {} ({} + {}) | {:+.1}% | {} / {} | {} |",
                    s.contract,
                    s.operation,
                    s.small_label,
                    s.small.total(),
                    s.small.vm,
                    s.small.storage,
                    s.large_label,
                    s.large.total(),
                    s.large.vm,
                    s.large.storage,
                    100.0 * s.growth(),
                    s.small.queries,
                    s.large.queries,
                    verdict
                );
            }
            let _ = writeln!(md);
        }

        let _ = writeln!(md, "## Sizes\n");
        let _ = writeln!(
            md,
            "Optimized wasm (wasm-opt, as `scripts/build-wasm.sh` builds it). The chain accepts \
             uploads up to 800 KiB; the project's budget is 400 KiB.\n"
        );
        let _ = writeln!(
            md,
            "| contract | bytes | KiB | % of 800 KiB limit | % of 400 KiB budget | |"
        );
        let _ = writeln!(md, "|---|---:|---:|---:|---:|---|");
        for w in self.sizes.iter().chain(self.reference_size.as_ref()) {
            let status = if w.bytes > CHAIN_LIMIT_BYTES {
                "OVER THE CHAIN LIMIT"
            } else if w.bytes > BUDGET_BYTES {
                "OVER BUDGET"
            } else {
                "ok"
            };
            let _ = writeln!(
                md,
                "| {} | {} | {:.1} | {:.1}% | {:.1}% | {} |",
                w.name,
                w.bytes,
                w.bytes as f64 / 1024.0,
                100.0 * w.bytes as f64 / CHAIN_LIMIT_BYTES as f64,
                100.0 * w.bytes as f64 / BUDGET_BYTES as f64,
                status
            );
        }
        let _ = writeln!(md);

        let growth = self.growth_failures();
        let sizes = self.over_budget();
        let misses = self.misses();
        let verdict = |list: &[String], word: &str| {
            if list.is_empty() {
                "met".to_string()
            } else {
                format!("**{word}**: {}", list.join("; "))
            }
        };
        let _ = writeln!(md, "## Targets\n");
        for e in &self.errors {
            let _ = writeln!(md, "- **Not measured**: {e}");
        }
        let _ = writeln!(
            md,
            "- Token `Transfer` and `Send` ≤ {RATIO_TARGET:.2}× cw20-base: {}",
            verdict(&misses, "missed")
        );
        let _ = writeln!(
            md,
            "- No execute message grows more than {:.0}% with state: {}",
            100.0 * GROWTH_LIMIT,
            verdict(&growth, "failed")
        );
        let _ = writeln!(
            md,
            "- Every contract under {} KiB: {}{}{}",
            BUDGET_BYTES / 1024,
            verdict(&sizes, "failed"),
            if self.fail_on_size || sizes.is_empty() {
                ""
            } else {
                " (reported, not fatal in this run: `--fail-on-size` makes it fatal)"
            },
            if sizes.is_empty() {
                ""
            } else {
                ". What the size is made of and what was tried: README, section Wasm size"
            }
        );
        if !self.notes.is_empty() {
            let _ = writeln!(md, "\n## Notes\n");
            for n in &self.notes {
                let _ = writeln!(md, "- {n}");
            }
        }
        md
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gas(total: u64, queries: u64) -> Gas {
        Gas {
            storage: total,
            queries,
            ..Gas::default()
        }
    }

    fn scaling(small: Gas, large: Gas) -> Scaling {
        Scaling::new("c", "m", "small".into(), small, "large".into(), large)
    }

    #[test]
    fn growth_beyond_ten_percent_or_an_extra_query_fails_unless_bounded() {
        assert!(!scaling(gas(1000, 1), gas(1100, 1)).grows());
        assert!(scaling(gas(1000, 1), gas(1101, 1)).grows());
        assert!(scaling(gas(1000, 1), gas(1000, 2)).grows());
        let mut bounded = scaling(gas(1000, 1), gas(5000, 20));
        bounded.bound = Some("at most 20".into());
        assert!(!bounded.grows());
    }

    #[test]
    fn a_size_over_budget_fails_only_with_fail_on_size() {
        let mut report = Report {
            sizes: vec![
                WasmSize {
                    name: "big.wasm".into(),
                    bytes: BUDGET_BYTES + 1,
                },
                WasmSize {
                    name: "small.wasm".into(),
                    bytes: BUDGET_BYTES,
                },
            ],
            ..Report::default()
        };
        assert_eq!(report.over_budget().len(), 1);
        assert!(report.failures().is_empty());
        assert!(report.markdown().contains("not fatal in this run"));
        report.fail_on_size = true;
        assert_eq!(report.failures().len(), 1);
        report.scalings.push(scaling(gas(100, 0), gas(200, 0)));
        assert_eq!(report.failures().len(), 2);
        report.errors.push("x.wasm: not measured: refused".into());
        assert_eq!(report.failures().len(), 3);
        assert!(report.markdown().contains("**Not measured**: x.wasm"));
    }

    #[test]
    fn a_token_transfer_or_send_above_the_ratio_target_fails() {
        let compare = |operation: &str, ours: u64| Comparison {
            operation: operation.into(),
            ours: gas(ours, 0),
            theirs: gas(1000, 0),
        };
        let mut report = Report {
            comparisons: vec![compare("Transfer", 1100), compare("Send", 1100)],
            ..Report::default()
        };
        assert!(report.failures().is_empty());
        // Other operations are reported, not judged.
        report.comparisons.push(compare("Balance (query)", 2000));
        assert!(report.failures().is_empty());
        report.comparisons.push(compare("Send", 1101));
        assert_eq!(report.failures().len(), 1);
        assert!(report.failures()[0].contains("Send"));
    }
}
