//! What a run found, from the daily rows and the contracts' answers at the end.

use anyhow::Result;

use super::agents::{Agent, Flows, Kind};
use super::metrics::gini;
use super::metrics::DayRow;
use super::panels::{what_happened, Cause};
use super::world::World;
use super::Settings;

#[derive(Clone, Debug, PartialEq)]
pub struct HoarderOutcome {
    pub name: String,
    pub start: u128,
    pub end: u128,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CaptureOutcome {
    pub ballots: u64,
    pub max_ballot_weight: u64,
    pub second_votes_refused: u64,
    pub second_votes_counted: u64,
    pub puppets: u64,
    pub puppets_admitted: u64,
    pub puppet_acts_refused: u64,
    pub puppet_acts_accepted: u64,
    pub home_purchases_refused: u64,
    pub home_purchases_accepted: u64,
    pub second_applications_refused: u64,
    pub second_applications_accepted: u64,
    pub max_homes: u64,
    pub homes_end: u64,
    pub proposals: u64,
    pub proposals_passed: u64,
    /// Balance plus value held abroad, at the start and at the end.
    pub value_start: u128,
    pub value_end: u128,
    pub sent_abroad: u128,
    pub abroad_end: u128,
}

/// Deals before sortition panels: appeals, and disputes whose arbitrator stayed silent.
#[derive(Clone, Debug, PartialEq)]
pub struct PanelOutcome {
    /// Rulings appealed (the escrow accepted the appeal).
    pub appeals: u64,
    /// Panels drawn, and of those for arbitrators who timed out.
    pub panels: u64,
    pub timed_out: u64,
    /// Members drawn per panel, by the council's answers.
    pub min_size: u32,
    pub max_size: u32,
    pub mean_size: f64,
    /// Appealed rulings upheld and overturned, by the arbitrators' records.
    pub upheld: u64,
    pub overturned: u64,
    /// Rulings the escrow carried out on a panel's word, and of those the ones that match what
    /// happened.
    pub decided: u64,
    pub as_it_happened: u64,
    pub votes: u64,
    pub votes_refused: u64,
}

impl PanelOutcome {
    fn of(world: &World, rows: &[DayRow]) -> Self {
        let book = &world.panels;
        let drawn: Vec<u32> = book
            .cases
            .iter()
            .filter(|c| c.panel_id.is_some())
            .map(|c| c.size)
            .collect();
        let panels: u64 = rows.iter().map(|r| r.panels_drawn).sum();
        let last = rows.last();
        PanelOutcome {
            appeals: rows.iter().map(|r| r.appeals).sum(),
            panels,
            timed_out: book
                .cases
                .iter()
                .filter(|c| c.panel_id.is_some() && c.cause == Cause::TimedOut)
                .count() as u64,
            min_size: drawn.iter().copied().min().unwrap_or(0),
            max_size: drawn.iter().copied().max().unwrap_or(0),
            mean_size: rows.iter().map(|r| r.panel_members).sum::<u64>() as f64
                / panels.max(1) as f64,
            upheld: last.map_or(0, |r| r.upheld_total),
            overturned: last.map_or(0, |r| r.overturned_total),
            decided: book.cases.iter().filter(|c| c.decided.is_some()).count() as u64,
            as_it_happened: book
                .cases
                .iter()
                .filter(|c| c.decided == Some(what_happened()))
                .count() as u64,
            votes: book.juror_votes,
            votes_refused: book.juror_votes_refused,
        }
    }
}

/// A group's holdings on day 0 and at the end, and what moved them.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupLedger {
    pub group: String,
    pub members: u64,
    pub start: u128,
    pub end: u128,
    pub flows: Flows,
}

impl GroupLedger {
    /// What the named flows leave unexplained: escrow deals (prices, stakes, collateral,
    /// slashes) and the magnate's transfer abroad.
    pub fn other(&self) -> i128 {
        let f = &self.flows;
        self.end as i128 - self.start as i128 - f.income as i128 - f.received as i128
            + f.paid as i128
            + f.fees as i128
            + f.imports as i128
            - f.exports as i128
            + f.decay as i128
    }
}

/// Members present on day 0 and at the end, by kind; then newcomers, then emigrants.
fn ledger(world: &World) -> Vec<GroupLedger> {
    let kinds = [
        Kind::Founder,
        Kind::Spender,
        Kind::Worker,
        Kind::Hoarder,
        Kind::Arbitrator,
        Kind::Magnate,
    ];
    // The group of an agent: its kind's index, then newcomers, then emigrants.
    let group_of = |a: &Agent| match (a.left_day, a.joined_day) {
        (Some(_), _) => kinds.len() + 1,
        (None, 0) => kinds.iter().position(|k| *k == a.kind).unwrap_or(0),
        (None, _) => kinds.len(),
    };
    let names = kinds
        .iter()
        .map(|k| format!("{}s", k.label()))
        .chain(["newcomers".to_string(), "emigrants".to_string()]);
    let mut groups: Vec<GroupLedger> = names
        .map(|group| GroupLedger {
            group,
            members: 0,
            start: 0,
            end: 0,
            flows: Flows::default(),
        })
        .collect();
    for a in world
        .agents
        .iter()
        .filter(|a| a.member || a.left_day.is_some())
    {
        let g = &mut groups[group_of(a)];
        g.members += 1;
        g.start += a.start_balance;
        g.end += a.balance;
        g.flows.add(&a.flows);
    }
    groups
}

#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub settings: Settings,
    /// The society's node and its producers' node (`dac-1`, `dac-2` in a single run).
    pub nodes: [String; 2],
    pub members_start: u64,
    pub members_end: u64,
    pub arrivals: u64,
    pub departures: u64,
    pub gini_start: f64,
    pub gini_end: f64,
    pub gini_min: f64,
    pub gini_max: f64,
    /// The Gini of those who were members on day 0 and still are at the end.
    pub gini_stayers_start: f64,
    pub gini_stayers_end: f64,
    pub ledger: Vec<GroupLedger>,
    pub income_paid: u128,
    pub payments: u64,
    pub payment_volume: u128,
    pub refused_payments: u64,
    pub fees_paid: u128,
    pub homes_start: u64,
    pub homes_end: u64,
    pub allocations: u64,
    pub mean_wait_days: f64,
    pub max_wait_days: u64,
    pub housed_share_start: f64,
    pub housed_share_end: f64,
    pub waiting_end: u64,
    pub vacant_end: u64,
    /// Days after whose rounds someone waited while a vacant home fit them.
    pub stranded_days: u64,
    pub proposals: u64,
    pub proposals_passed: u64,
    pub mean_turnout: f64,
    pub min_turnout: f64,
    pub max_turnout: f64,
    pub votes_cast: u64,
    pub votes_refused: u64,
    pub deals: u64,
    pub disputes: u64,
    pub rulings: u64,
    pub slashes: u64,
    pub panels: PanelOutcome,
    pub trade_a_to_b: u128,
    pub trade_b_to_a: u128,
    pub hoarders: Vec<HoarderOutcome>,
    pub capture: CaptureOutcome,
}

impl Report {
    pub fn from_world(world: &World) -> Result<Self> {
        let rows: &[DayRow] = &world.rows;
        let first = rows.first().expect("day 0 is always measured");
        let last = rows.last().expect("day 0 is always measured");
        let sum = |f: fn(&DayRow) -> u128| rows.iter().map(f).sum::<u128>();
        let allocations = &world.housing.allocations;
        let records = &world.governance.records;
        let turnouts: Vec<f64> = records.iter().map(|r| r.turnout()).collect();
        let c = &world.capture;
        let mut puppets_admitted = 0;
        for puppet in &c.puppets {
            let member: cw4::MemberResponse = world.query_a(
                &world.contracts.council,
                &council::msg::QueryMsg::Member {
                    addr: puppet.clone(),
                    at_height: None,
                },
            )?;
            puppets_admitted += u64::from(member.weight.is_some());
        }
        let magnate = &world.agents[c.magnate];
        let stayers: Vec<_> = world
            .agents
            .iter()
            .filter(|a| a.member && a.joined_day == 0)
            .collect();
        let capture = CaptureOutcome {
            ballots: c.ballots,
            max_ballot_weight: c.max_ballot_weight,
            second_votes_refused: c.second_votes_refused,
            second_votes_counted: c.second_votes_counted,
            puppets: c.puppets.len() as u64,
            puppets_admitted,
            puppet_acts_refused: c.puppet_acts_refused,
            puppet_acts_accepted: c.puppet_acts_accepted,
            home_purchases_refused: c.home_purchases_refused,
            home_purchases_accepted: c.home_purchases_accepted,
            second_applications_refused: c.second_applications_refused,
            second_applications_accepted: c.second_applications_accepted,
            max_homes: c.max_homes,
            homes_end: last.capture_homes,
            proposals: c.proposals.len() as u64,
            proposals_passed: records
                .iter()
                .filter(|r| c.proposals.contains(&r.id) && r.passed())
                .count() as u64,
            value_start: magnate.start_balance,
            value_end: last.capture_balance + last.capture_abroad,
            sent_abroad: c.sent_abroad,
            abroad_end: last.capture_abroad,
        };
        Ok(Report {
            settings: world.settings,
            nodes: [
                world.contracts.node_a.clone(),
                world.contracts.node_b.clone(),
            ],
            members_start: first.members,
            members_end: last.members,
            arrivals: world.agents.iter().filter(|a| a.joined_day > 0).count() as u64,
            departures: world.agents.iter().filter(|a| a.left_day.is_some()).count() as u64,
            gini_start: first.gini,
            gini_end: last.gini,
            gini_min: rows.iter().map(|r| r.gini).fold(f64::INFINITY, f64::min),
            gini_max: rows.iter().map(|r| r.gini).fold(0.0, f64::max),
            gini_stayers_start: gini(&stayers.iter().map(|a| a.start_balance).collect::<Vec<_>>()),
            gini_stayers_end: gini(&stayers.iter().map(|a| a.balance).collect::<Vec<_>>()),
            ledger: ledger(world),
            income_paid: last.income_paid_total - first.income_paid_total,
            payments: rows.iter().map(|r| r.payments).sum(),
            payment_volume: sum(|r| r.payment_volume),
            refused_payments: world.refused_payments,
            fees_paid: sum(|r| r.fees_paid),
            homes_start: first.homes,
            homes_end: last.homes,
            allocations: allocations.len() as u64,
            mean_wait_days: if allocations.is_empty() {
                0.0
            } else {
                allocations.iter().map(|a| a.wait_days).sum::<u64>() as f64
                    / allocations.len() as f64
            },
            max_wait_days: allocations
                .iter()
                .map(|a| a.wait_days)
                .chain(rows.iter().map(|r| r.longest_wait_days))
                .max()
                .unwrap_or(0),
            housed_share_start: first.housed_share,
            housed_share_end: last.housed_share,
            waiting_end: last.applications_open,
            vacant_end: last.homes_vacant,
            stranded_days: rows.iter().filter(|r| r.stranded > 0).count() as u64,
            proposals: records.len() as u64,
            proposals_passed: records.iter().filter(|r| r.passed()).count() as u64,
            mean_turnout: if turnouts.is_empty() {
                0.0
            } else {
                turnouts.iter().sum::<f64>() / turnouts.len() as f64
            },
            min_turnout: turnouts.iter().copied().fold(f64::INFINITY, f64::min),
            max_turnout: turnouts.iter().copied().fold(0.0, f64::max),
            votes_cast: world.governance.votes_cast,
            votes_refused: world.governance.votes_refused,
            deals: rows.iter().map(|r| r.deals_proposed).sum(),
            disputes: last.disputes_total,
            rulings: last.rulings_total,
            slashes: last.slashes_total,
            panels: PanelOutcome::of(world, rows),
            trade_a_to_b: sum(|r| r.trade_a_to_b),
            trade_b_to_a: sum(|r| r.trade_b_to_a),
            hoarders: world
                .agents
                .iter()
                .filter(|a| a.kind == Kind::Hoarder)
                .map(|a| HoarderOutcome {
                    name: a.name.clone(),
                    start: a.start_balance,
                    end: a.balance,
                })
                .collect(),
            capture,
        })
    }
}
