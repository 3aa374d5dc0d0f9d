//! Service orders through the three-signature escrow: a member buys work from a worker with an
//! arbitrator named. Reliable workers deliver; unreliable ones don't, and the buyer disputes or
//! lets the deal default. Diligent arbitrators rule in time (and sometimes wrongly); lazy ones
//! are slashed. A share of losers appeal, and a silent arbitrator's dispute waits for a panel
//! too: see [`super::panels`].

use anyhow::Result;
use cosmwasm_std::{Timestamp, Uint128};
use escrow::msg::{
    DealKindMsg, DealResponse, ExecuteMsg, ProposeMsg, QueryMsg, ReceiveMsg, Ruling,
};
use rand::Rng;

use super::agents::Kind;
use super::panels::Cause;
use super::world::{attr, World};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The worker signs with its stake and the arbitrator posts collateral.
    Sign,
    /// The worker claims delivery.
    Claim,
    /// The buyer accepts the delivery.
    Accept,
    /// The buyer disputes: nothing was delivered.
    Dispute,
    /// The arbitrator rules (the plan's `ruling`).
    Rule,
    /// The party the ruling went against appeals it.
    Appeal,
    /// The deal's panel takes its next stage (drawn, proposes, votes).
    Panel(Cause),
    /// Anyone moves the overdue deal on.
    Advance,
}

#[derive(Clone, Debug)]
pub struct DealPlan {
    pub deal_id: u64,
    pub buyer: usize,
    pub seller: usize,
    pub arbitrator: usize,
    /// What each party means to do, and on which day.
    pub steps: Vec<(u32, Step)>,
    /// The arbitrator's ruling, if it rules.
    pub ruling: Ruling,
    /// The deal's case in the panels' book, once before a panel.
    pub case: Option<usize>,
}

impl World {
    /// `buyer` orders a service from a worker, paying `price` into the escrow.
    pub(crate) fn order_service(&mut self, buyer: usize) -> Result<()> {
        let workers = self.members_where(|a| a.kind == Kind::Worker && a.id != buyer);
        let arbitrators = self.members_where(|a| a.kind == Kind::Arbitrator && a.id != buyer);
        if workers.is_empty() || arbitrators.is_empty() {
            return Ok(());
        }
        let seller = workers[self.rng.gen_range(0..workers.len())];
        let arbitrator = arbitrators[self.rng.gen_range(0..arbitrators.len())];
        let price = self.agents[buyer].balance * self.rng.gen_range(10..=30) / 100;
        if price < 1_000_000 {
            return Ok(());
        }
        let disputes = self.rng.gen_bool(0.7);
        let now = Timestamp::from_seconds(self.now_seconds());
        let day = dac_testing::DAY;
        let terms = ProposeMsg {
            counterparty: self.agents[seller].addr.clone(),
            arbitrator: self.agents[arbitrator].addr.clone(),
            kind: DealKindMsg::Forward {},
            counterparty_stake: Uint128::new(price / 10),
            arbitrator_collateral: Uint128::new(price / 20),
            sign_by: now.plus_seconds(2 * day),
            due: now.plus_seconds(5 * day),
            grace_seconds: 3 * day,
            ruling_seconds: 4 * day,
            appeal_seconds: 2 * day,
            description: "a week of work".into(),
        };
        let escrow = self.contracts.escrow.clone();
        let buyer_addr = self.agents[buyer].addr.clone();
        let Ok(res) = self.send_a(&buyer_addr, &escrow, price, &ReceiveMsg::Propose(terms)) else {
            self.tally.refused_payments += 1;
            return Ok(());
        };
        let deal_id: u64 = attr(&res, "deal_id").unwrap_or_default().parse()?;
        self.tally.deals_proposed += 1;
        let p = self.day;
        let mut steps = vec![(p + 1, Step::Sign)];
        let mut ruling = Ruling::NotPerformed {};
        if self.agents[seller].reliable {
            steps.extend([(p + 3, Step::Claim), (p + 4, Step::Accept)]);
        } else if !disputes {
            // Due + grace passes: the worker defaulted and loses its stake to the buyer.
            steps.push((p + 9, Step::Advance));
        } else if self.agents[arbitrator].reliable {
            // The panels' own stream decides, so the members' habits draw as before.
            ruling = self.panels.arbitrator_rules();
            steps.extend([(p + 6, Step::Dispute), (p + 7, Step::Rule)]);
            if self.panels.loser_appeals(self.settings.appeal_percent) {
                steps.extend([(p + 8, Step::Appeal), (p + 8, Step::Panel(Cause::Appeal))]);
            } else {
                // The appeal window passes: the ruling stands.
                steps.push((p + 10, Step::Advance));
            }
        } else {
            // The arbitrator stays silent: slashed, and the dispute goes to a panel.
            steps.extend([
                (p + 6, Step::Dispute),
                (p + 11, Step::Advance),
                (p + 11, Step::Panel(Cause::TimedOut)),
            ]);
        }
        self.deals.push(DealPlan {
            deal_id,
            buyer,
            seller,
            arbitrator,
            steps,
            ruling,
            case: None,
        });
        Ok(())
    }

    /// Everyone does what its deals ask of it today. A deal whose plan is done, or went wrong
    /// (a party could not pay its stake), is moved on by anyone at each deadline until it closes.
    pub(crate) fn deals_step(&mut self) -> Result<()> {
        let escrow = self.contracts.escrow.clone();
        let runner = self.agents[3].addr.clone();
        let day = self.day;
        let mut plans = std::mem::take(&mut self.deals);
        let mut open = vec![];
        for mut plan in plans.drain(..) {
            let today: Vec<Step> = plan
                .steps
                .iter()
                .filter(|(d, _)| *d == day)
                .map(|(_, s)| *s)
                .collect();
            for step in today {
                if self.deal_step(&mut plan, step).is_err() {
                    plan.steps.clear();
                    break;
                }
            }
            plan.steps.retain(|(d, _)| *d > day);
            if plan.steps.is_empty() {
                let deal: DealResponse = self.query_a(
                    &escrow,
                    &QueryMsg::Deal {
                        deal_id: plan.deal_id,
                    },
                )?;
                let Some(deadline) = deal.next_deadline else {
                    continue;
                };
                if self.now_seconds() > deadline.seconds() {
                    let advance = ExecuteMsg::Advance {
                        deal_id: plan.deal_id,
                    };
                    // Refused only if someone moved it on first; tomorrow tells.
                    let _ = self.exec_a(&runner, &escrow, &advance);
                }
            }
            open.push(plan);
        }
        self.deals = open;
        Ok(())
    }

    fn deal_step(&mut self, plan: &mut DealPlan, step: Step) -> std::result::Result<(), String> {
        let escrow = self.contracts.escrow.clone();
        let deal_id = plan.deal_id;
        let addr = |w: &World, id: usize| w.agents[id].addr.clone();
        match step {
            Step::Sign => {
                let deal: DealResponse = self
                    .query_a(&escrow, &QueryMsg::Deal { deal_id })
                    .map_err(|e| e.to_string())?;
                let stake = deal.deal.parties[1].stake.u128();
                let collateral = deal.deal.arbitrator.stake.u128();
                let seller = addr(self, plan.seller);
                self.send_a(&seller, &escrow, stake, &ReceiveMsg::Sign { deal_id })?;
                let arbitrator = addr(self, plan.arbitrator);
                self.send_a(
                    &arbitrator,
                    &escrow,
                    collateral,
                    &ReceiveMsg::PostCollateral { deal_id },
                )?;
            }
            Step::Claim => {
                let seller = addr(self, plan.seller);
                self.exec_a(
                    &seller,
                    &escrow,
                    &ExecuteMsg::Confirm {
                        deal_id,
                        preimage: None,
                    },
                )?;
            }
            Step::Accept => {
                let buyer = addr(self, plan.buyer);
                self.exec_a(
                    &buyer,
                    &escrow,
                    &ExecuteMsg::Confirm {
                        deal_id,
                        preimage: None,
                    },
                )?;
            }
            Step::Dispute => {
                let buyer = addr(self, plan.buyer);
                self.exec_a(
                    &buyer,
                    &escrow,
                    &ExecuteMsg::Dispute {
                        deal_id,
                        reason: "nothing was delivered".into(),
                    },
                )?;
            }
            Step::Rule => {
                let arbitrator = addr(self, plan.arbitrator);
                self.exec_a(
                    &arbitrator,
                    &escrow,
                    &ExecuteMsg::Rule {
                        deal_id,
                        ruling: plan.ruling.clone(),
                    },
                )?;
            }
            Step::Appeal => {
                let loser = if plan.ruling == (Ruling::NotPerformed {}) {
                    plan.seller
                } else {
                    plan.buyer
                };
                let loser = addr(self, loser);
                self.exec_a(&loser, &escrow, &ExecuteMsg::Appeal { deal_id })?;
                self.tally.appeals += 1;
            }
            Step::Panel(cause) => {
                if self.panel_step(plan, cause)? {
                    plan.steps.push((self.day + 1, Step::Panel(cause)));
                }
            }
            Step::Advance => {
                let runner = addr(self, 3);
                self.exec_a(&runner, &escrow, &ExecuteMsg::Advance { deal_id })?;
            }
        }
        Ok(())
    }
}
