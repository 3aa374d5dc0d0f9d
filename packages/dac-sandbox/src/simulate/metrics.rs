//! What is measured each day, from the contracts' answers: balances, the commons pool,
//! council membership and proposals, housing events, arbitrators' records, relay transfers.

use anyhow::Result;
use cosmwasm_std::Uint256;
use serde::{Deserialize, Serialize};

use super::world::World;

/// Flows of one day, summed from the events of the day's messages.
#[derive(Clone, Debug, Default)]
pub struct DayTally {
    pub payments: u64,
    pub payment_volume: u128,
    /// Payments, imports and orders the token refused (a balance too small by then).
    pub refused_payments: u64,
    pub fees_paid: u128,
    pub trade_a_to_b: u128,
    pub trade_b_to_a: u128,
    pub allocations: u64,
    pub wait_days_total: u64,
    pub deals_proposed: u64,
    pub proposals_closed: u64,
    pub turnout_sum: f64,
    pub arrivals: u64,
    pub departures: u64,
    pub appeals: u64,
    pub panels_drawn: u64,
    pub panel_members: u64,
}

/// One row of `daily.csv`: the fields in column order, each column named after its field.
/// Fractions are written rounded (see the `serialize_with` helpers below), absent values empty.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DayRow {
    pub day: u32,
    /// Council members (cw4 total weight).
    pub members: u64,
    pub arrivals: u64,
    pub departures: u64,
    #[serde(with = "four_places")]
    pub gini: f64,
    pub mean_balance: u128,
    pub median_balance: u128,
    pub commons_pool: u128,
    pub income_paid_total: u128,
    pub income_paid_day: u128,
    pub payments: u64,
    pub payment_volume: u128,
    pub fees_paid: u128,
    pub homes: u64,
    pub homes_vacant: u64,
    pub applications_open: u64,
    pub housed_members: u64,
    #[serde(with = "four_places")]
    pub housed_share: f64,
    pub allocations: u64,
    /// Mean waiting time of the day's allocations (none if there were none).
    #[serde(with = "two_places")]
    pub mean_wait_days: Option<f64>,
    pub longest_wait_days: u64,
    /// Applicants still waiting after the day's rounds while a vacant home fits them.
    pub stranded: u64,
    pub proposals_closed_total: u64,
    /// Turnout of the proposals closed that day (none if none closed).
    #[serde(with = "percent_two_places")]
    pub turnout: Option<f64>,
    pub deals_proposed: u64,
    pub disputes_total: u64,
    pub rulings_total: u64,
    pub slashes_total: u64,
    pub trade_a_to_b: u128,
    pub trade_b_to_a: u128,
    pub capture_balance: u128,
    pub capture_abroad: u128,
    pub capture_homes: u64,
    pub capture_max_ballot_weight: u64,
    /// Rulings appealed that day (the escrow accepted the appeal).
    pub appeals: u64,
    /// Sortition panels drawn that day, and the members drawn to them.
    pub panels_drawn: u64,
    pub panel_members: u64,
    /// Appealed rulings that panels upheld and overturned, by the arbitrators' records.
    pub upheld_total: u64,
    pub overturned_total: u64,
}

/// `0.1234`: a fraction to four places.
mod four_places {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&format_args!("{v:.4}"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        f64::deserialize(d)
    }
}

/// `12.34`, or an empty field when there is no value.
mod two_places {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => s.collect_str(&format_args!("{v:.2}")),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
        Option::<f64>::deserialize(d)
    }
}

/// A fraction written as a percentage to two places (`0.5` as `50.00`), or an empty field.
mod percent_two_places {
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
        super::two_places::serialize(&v.map(|v| v * 100.0), s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
        Ok(super::two_places::deserialize(d)?.map(|v| v / 100.0))
    }
}

/// The Gini coefficient of `values`: 0 when everyone holds the same, towards 1 when one
/// holds everything.
pub fn gini(values: &[u128]) -> f64 {
    let n = values.len();
    let total: u128 = values.iter().sum();
    if n == 0 || total == 0 {
        return 0.0;
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    // G = 2·Σ i·x_i / (n·Σ x) − (n + 1)/n, with i from 1 in ascending order.
    let weighted: f64 = sorted
        .iter()
        .enumerate()
        .map(|(i, &x)| (i as f64 + 1.0) * x as f64)
        .sum();
    2.0 * weighted / (n as f64 * total as f64) - (n as f64 + 1.0) / n as f64
}

pub fn median(values: &[u128]) -> u128 {
    if values.is_empty() {
        return 0;
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    sorted[sorted.len() / 2]
}

impl World {
    /// Queries what the day's row reports and refreshes every member's known balance.
    pub(crate) fn measure(&mut self) -> Result<()> {
        let members: cw4::TotalWeightResponse = self.query_a(
            &self.contracts.council,
            &council::msg::QueryMsg::TotalWeight { at_height: None },
        )?;
        // What each balance lost to demurrage since the last measurement: every transfer of
        // the day happens after the day's decay, so yesterday's balance is what decayed.
        let demurrage: demurrage_token::msg::DemurrageResponse = self.query_a(
            &self.contracts.token,
            &demurrage_token::msg::QueryMsg::Demurrage {},
        )?;
        let index_before = self.decay_index.replace(demurrage.index);
        let mut balances = vec![];
        for id in 0..self.agents.len() {
            if !self.agents[id].member {
                continue;
            }
            let balance = self.balance(&self.agents[id].addr)?;
            let agent = &mut self.agents[id];
            if let Some(before) = index_before.filter(|b| !b.is_zero()) {
                let kept = Uint256::from(agent.balance) * demurrage.index / before;
                agent.flows.decay += agent.balance
                    - cosmwasm_std::Uint128::try_from(kept).map_or(agent.balance, |k| k.u128());
            }
            agent.balance = balance;
            balances.push(balance);
        }
        let pool: demurrage_token::msg::CommonsPoolResponse = self.query_a(
            &self.contracts.token,
            &demurrage_token::msg::QueryMsg::CommonsPool {},
        )?;
        let income_paid_total = pool.income_paid_total.u128();
        let income_paid_day = income_paid_total
            - self
                .rows
                .last()
                .map(|r| r.income_paid_total)
                .unwrap_or(income_paid_total);

        let oldest: housing_registry::msg::ApplicationsResponse = self.query_a(
            &self.contracts.housing,
            &housing_registry::msg::QueryMsg::ListApplications {
                start_after: None,
                limit: Some(1),
            },
        )?;
        let now = self.now_seconds();
        let longest_wait_days = oldest
            .applications
            .first()
            .map(|a| (now - a.applied_at.seconds()) / dac_testing::DAY)
            .unwrap_or(0);
        let housed_members = self
            .agents
            .iter()
            .filter(|a| a.member && a.home.is_some())
            .count() as u64;
        let applicants = self.agents.iter().filter(|a| a.member && a.applied).count() as u64;
        let stranded = self.stranded_applicants()?;

        let mut records = (0u64, 0u64, 0u64);
        let mut appeals_decided = (0u64, 0u64);
        let mut start_after = None;
        loop {
            let page: escrow::msg::ArbitratorsResponse = self.query_a(
                &self.contracts.escrow,
                &escrow::msg::QueryMsg::ListArbitrators {
                    start_after: start_after.clone(),
                    limit: Some(30),
                },
            )?;
            for a in &page.arbitrators {
                records.0 += a.record.disputes;
                records.1 += a.record.rulings;
                records.2 += a.record.slashes;
                appeals_decided.0 += a.record.upheld;
                appeals_decided.1 += a.record.overturned;
            }
            match page.arbitrators.last() {
                Some(last) if page.arbitrators.len() == 30 => {
                    start_after = Some(last.address.clone())
                }
                _ => break,
            }
        }

        let (capture_balance, capture_abroad, capture_homes) = self.capture_holdings()?;
        self.refused_payments += self.tally.refused_payments;
        let t = &self.tally;
        let closed_before = self
            .rows
            .last()
            .map(|r| r.proposals_closed_total)
            .unwrap_or(0);
        let row = DayRow {
            day: self.day,
            members: members.weight,
            arrivals: t.arrivals,
            departures: t.departures,
            gini: gini(&balances),
            mean_balance: balances.iter().sum::<u128>() / balances.len().max(1) as u128,
            median_balance: median(&balances),
            commons_pool: pool.pool.u128(),
            income_paid_total,
            income_paid_day,
            payments: t.payments,
            payment_volume: t.payment_volume,
            fees_paid: t.fees_paid,
            homes: self.housing.homes,
            homes_vacant: self.housing.vacant,
            applications_open: self.housing.open_applications,
            housed_members,
            housed_share: if applicants == 0 {
                1.0
            } else {
                housed_members as f64 / applicants as f64
            },
            allocations: t.allocations,
            mean_wait_days: (t.allocations > 0)
                .then(|| t.wait_days_total as f64 / t.allocations as f64),
            longest_wait_days,
            stranded,
            proposals_closed_total: closed_before + t.proposals_closed,
            turnout: (t.proposals_closed > 0).then(|| t.turnout_sum / t.proposals_closed as f64),
            deals_proposed: t.deals_proposed,
            disputes_total: records.0,
            rulings_total: records.1,
            slashes_total: records.2,
            trade_a_to_b: t.trade_a_to_b,
            trade_b_to_a: t.trade_b_to_a,
            capture_balance,
            capture_abroad,
            capture_homes,
            capture_max_ballot_weight: self.capture.max_ballot_weight,
            appeals: t.appeals,
            panels_drawn: t.panels_drawn,
            panel_members: t.panel_members,
            upheld_total: appeals_decided.0,
            overturned_total: appeals_decided.1,
        };
        self.rows.push(row);
        Ok(())
    }

    /// Vouchers of `dac-1`'s token held by `holder` on `dac-2`, valued at what `dac-1`'s relay
    /// holds for `dac-2` per voucher.
    pub(crate) fn value_abroad(&self, holder_on_b: &str) -> Result<u128> {
        let voucher: ibc_relay::msg::VoucherResponse = self.query_on(
            self.partner,
            &self.contracts.relay_b,
            &ibc_relay::msg::QueryMsg::Voucher {
                node: self.contracts.node_a.clone(),
                holder: holder_on_b.to_string(),
            },
        )?;
        if voucher.shares.is_zero() {
            return Ok(0);
        }
        let holdings: ibc_relay::msg::HoldingsResponse = self.query_a(
            &self.contracts.relay_a,
            &ibc_relay::msg::QueryMsg::Holdings {
                start_after: None,
                limit: None,
            },
        )?;
        let held = holdings
            .nodes
            .iter()
            .find(|h| h.node == self.contracts.node_b)
            .map(|h| (h.units.u128(), h.value.u128()))
            .unwrap_or((0, 0));
        if held.0 == 0 {
            return Ok(0);
        }
        Ok(voucher.shares.u128() * held.1 / held.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gini_of_equal_and_concentrated_holdings() {
        assert_eq!(gini(&[5, 5, 5, 5]), 0.0);
        // One of four holds everything: (n - 1) / n.
        assert!((gini(&[0, 0, 0, 100]) - 0.75).abs() < 1e-12);
        assert!((gini(&[1, 2, 3, 4]) - 0.25).abs() < 1e-12);
        assert_eq!(gini(&[]), 0.0);
    }

    #[test]
    fn median_takes_the_upper_middle() {
        assert_eq!(median(&[3, 1, 2]), 2);
        assert_eq!(median(&[4, 1, 3, 2]), 3);
    }
}
