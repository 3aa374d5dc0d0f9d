//! Property (finding 12 of issue 14): over random deals and random actions of the buyer, the
//! arbitrator and the council (disputes, rulings, appeals, panels, silence, confirmations) with
//! the token decaying, a seller or borrower who performs every step on time, measured in
//! unfrozen time (time outside disputes), is never refused and never recorded as defaulting;
//! and the escrow never promises more than it holds.

use cosmwasm_std::{Decimal, Timestamp, Uint128};
use proptest::prelude::*;

use super::*;
use crate::msg::{Milestone, Ruling};
use crate::state::{Deal, DealKind, Outcome, Status};

const HOUR: u64 = 3600;

#[derive(Debug, Clone)]
enum Act {
    Wait { hours: u64 },
    Dispute { buyer: bool },
    Rule { ruling: u8 },
    Appeal { buyer: bool },
    Panel { ruling: u8 },
    BuyerConfirm,
    Advance,
    Decay { ppm: u128 },
}

fn act() -> impl Strategy<Value = Act> {
    prop_oneof![
        3 => (1u64..15 * 24).prop_map(|hours| Act::Wait { hours }),
        2 => any::<bool>().prop_map(|buyer| Act::Dispute { buyer }),
        1 => (0u8..6).prop_map(|ruling| Act::Rule { ruling }),
        1 => any::<bool>().prop_map(|buyer| Act::Appeal { buyer }),
        1 => (0u8..6).prop_map(|ruling| Act::Panel { ruling }),
        1 => Just(Act::BuyerConfirm),
        1 => Just(Act::Advance),
        1 => (0u128..20_000).prop_map(|ppm| Act::Decay { ppm }),
    ]
}

/// Mostly "performed": the honest ruling for a performer that performs.
fn ruling(pick: u8) -> Ruling {
    match pick {
        0..=3 => Ruling::Performed {},
        4 => Ruling::NotPerformed {},
        _ => Ruling::Split {
            proposer_share: Decimal::percent(60),
        },
    }
}

#[derive(Debug, Clone)]
struct Plan {
    /// 0 service, 1 forward, 2 trade shipment, 3 loan.
    kind: u8,
    grace_days: u64,
    ruling_days: u64,
    appeal_days: u64,
    /// Days from sign_by to the first due date, then the extra days of each later gap beyond
    /// the grace (the escrow requires more than the grace between milestones).
    first_days: u64,
    gaps: Vec<u64>,
    /// How many hours before each due date the performer acts (in unfrozen time).
    slack_hours: Vec<u64>,
}

fn plan() -> impl Strategy<Value = Plan> {
    (
        prop_oneof![3 => Just(0u8), 1 => 1u8..4],
        1u64..6,
        1u64..10,
        0u64..10,
        1u64..20,
        prop::collection::vec(1u64..15, 1..4),
        prop::collection::vec(0u64..200, 4),
    )
        .prop_map(
            |(kind, grace_days, ruling_days, appeal_days, first_days, gaps, slack_hours)| Plan {
                kind,
                grace_days,
                ruling_days,
                appeal_days,
                first_days,
                gaps,
                slack_hours,
            },
        )
}

struct World {
    s: Suite,
    id: u64,
    /// Original due dates of the steps the performer must meet.
    dues: Vec<Timestamp>,
    slack: Vec<u64>,
    /// Time spent in a dispute so far, and when the current dispute began.
    frozen: u64,
    frozen_since: Option<Timestamp>,
}

impl World {
    fn new(with_council: bool, plan: &Plan) -> Self {
        let mut s = Suite::new(with_council);
        let sign_by = s.now().plus_seconds(DAY);
        let first = sign_by.plus_seconds(plan.first_days * DAY);
        let mut dues = vec![first];
        if plan.kind == 0 {
            for gap in &plan.gaps {
                let last = *dues.last().unwrap();
                dues.push(last.plus_seconds((plan.grace_days + gap) * DAY));
            }
        }
        let kind = match plan.kind {
            0 => {
                let n = dues.len() as u128;
                DealKindMsg::Service {
                    milestones: dues
                        .iter()
                        .enumerate()
                        .map(|(i, due)| Milestone {
                            amount: Uint128::new(if i == 0 { 1000 - 100 * (n - 1) } else { 100 }),
                            due: *due,
                        })
                        .collect(),
                }
            }
            1 => DealKindMsg::Forward {},
            2 => DealKindMsg::TradeShipment {
                attestor: s.addr("relay").to_string(),
            },
            _ => DealKindMsg::Loan {
                interest: Uint128::new(50),
            },
        };
        let mut terms = s.terms(kind);
        terms.sign_by = sign_by;
        terms.due = *dues.last().unwrap();
        terms.grace_seconds = plan.grace_days * DAY;
        terms.ruling_seconds = plan.ruling_days * DAY;
        terms.appeal_seconds = plan.appeal_days * DAY;
        let id = s.propose(terms, 1000);
        s.sign_all(id);
        assert_eq!(s.status(id), StatusKey::Active);
        World {
            s,
            id,
            dues,
            slack: plan.slack_hours.clone(),
            frozen: 0,
            frozen_since: None,
        }
    }

    fn deal(&mut self) -> Deal {
        self.s.deal(self.id).deal
    }

    /// Keeps the unfrozen clock: a deal in a dispute is frozen until it is active again.
    fn account(&mut self) {
        let now = self.s.now();
        match self.deal().status {
            Status::Disputed { .. }
            | Status::Ruled { .. }
            | Status::Appealed { .. }
            | Status::AwaitingPanel { .. } => {
                self.frozen_since.get_or_insert(now);
            }
            _ => {
                if let Some(since) = self.frozen_since.take() {
                    self.frozen += now.seconds() - since.seconds();
                }
            }
        }
    }

    fn exec(&mut self, who: &str, msg: ExecuteMsg) -> Result<Response, ContractError> {
        let result = self.s.exec(who, msg, &[]);
        self.account();
        self.check();
        result
    }

    fn unfrozen_now(&self) -> u64 {
        self.s.now().seconds() - self.frozen
    }

    /// When, in unfrozen time, the performer means to perform the current step.
    fn planned(&self, step: usize) -> u64 {
        self.dues[step].seconds() - self.slack[step] * HOUR
    }

    /// The honest performer acts on every step it is due to act on now: claims or repays at
    /// its planned time, and moves on a claimed step the buyer lets pass.
    fn perform(&mut self) {
        for _ in 0..10 {
            let deal = self.deal();
            if deal.status != (Status::Active {}) {
                return;
            }
            let step = deal.milestone as usize;
            let now = self.s.now();
            if deal.claimed {
                if now > deal.active_deadline() {
                    let id = self.id;
                    self.exec("seller", ExecuteMsg::Advance { deal_id: id })
                        .expect("the seller moves on a claim the buyer let pass");
                    continue;
                }
                return;
            }
            if self.unfrozen_now() < self.planned(step) {
                return;
            }
            assert!(
                self.unfrozen_now() <= self.dues[step].seconds(),
                "model: step {step} became current after its unfrozen due date"
            );
            let id = self.id;
            let result = match deal.kind {
                DealKind::Loan { .. } => {
                    let r = self
                        .s
                        .send("seller", 1050, ReceiveMsg::Repay { deal_id: id });
                    self.account();
                    self.check();
                    r
                }
                DealKind::TradeShipment { .. } => {
                    self.exec("relay", ExecuteMsg::AttestDelivery { deal_id: id })
                }
                _ => self.exec(
                    "seller",
                    ExecuteMsg::Confirm {
                        deal_id: id,
                        preimage: None,
                    },
                ),
            };
            if let Err(e) = result {
                panic!(
                    "step {step} performed on time (unfrozen {} <= due {}) was refused: {e}",
                    self.unfrozen_now(),
                    self.dues[step].seconds()
                );
            }
        }
    }

    /// The next moment the performer has something to do, if it is before `target`.
    fn next_event(&mut self, target: Timestamp) -> Timestamp {
        let deal = self.deal();
        if deal.status != (Status::Active {}) {
            return target;
        }
        let at = if deal.claimed {
            deal.active_deadline().plus_seconds(1)
        } else {
            let step = deal.milestone as usize;
            Timestamp::from_seconds(self.planned(step) + self.frozen)
        };
        if at > self.s.now() && at < target {
            at
        } else {
            target
        }
    }

    fn wait(&mut self, seconds: u64) {
        let target = self.s.now().plus_seconds(seconds);
        while self.s.now() < target {
            let next = self.next_event(target);
            let step = next.seconds() - self.s.now().seconds();
            self.s.wait(step.max(1));
            self.perform();
        }
    }

    fn apply(&mut self, act: Act) {
        let id = self.id;
        let _ = match act {
            Act::Wait { hours } => {
                self.wait(hours * HOUR);
                return;
            }
            Act::Dispute { buyer } => self.exec(
                if buyer { "buyer" } else { "seller" },
                ExecuteMsg::Dispute {
                    deal_id: id,
                    reason: "no".into(),
                },
            ),
            Act::Rule { ruling: r } => self.exec(
                "arb",
                ExecuteMsg::Rule {
                    deal_id: id,
                    ruling: ruling(r),
                },
            ),
            Act::Appeal { buyer } => self.exec(
                if buyer { "buyer" } else { "seller" },
                ExecuteMsg::Appeal { deal_id: id },
            ),
            Act::Panel { ruling: r } => self.exec(
                "council",
                ExecuteMsg::PanelRuling {
                    deal_id: id,
                    ruling: ruling(r),
                    panel_by: None,
                },
            ),
            Act::BuyerConfirm => self.exec(
                "buyer",
                ExecuteMsg::Confirm {
                    deal_id: id,
                    preimage: None,
                },
            ),
            Act::Advance => self.exec("anyone", ExecuteMsg::Advance { deal_id: id }),
            Act::Decay { ppm } => {
                self.s.decay(ppm);
                return;
            }
        };
        self.perform();
    }

    fn check(&mut self) {
        let response = self.s.deal(self.id);
        let seller = self.s.addr("seller");
        if let Status::Closed {
            outcome: Outcome::Defaulted { by },
        } = &response.deal.status
        {
            assert_ne!(
                by, &seller,
                "an on-time performer was recorded as defaulting"
            );
        }
        assert!(
            response.value_held.u128() <= self.s.balance,
            "the escrow promises {} but holds {}",
            response.value_held,
            self.s.balance
        );
        let paid: u128 = self.s.paid.values().sum();
        assert_eq!(self.s.deposited, paid + self.s.balance + self.s.decayed);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn a_performer_on_time_in_unfrozen_time_never_defaults(
        with_council in any::<bool>(),
        plan in plan(),
        acts in prop::collection::vec(act(), 0..40),
    ) {
        let mut world = World::new(with_council, &plan);
        world.perform();
        for act in acts {
            world.apply(act);
        }
        // Everyone falls silent: the permissionless step and the performer finish the deal.
        for _ in 0..12 {
            world.wait(200 * DAY);
            let id = world.id;
            let _ = world.exec("anyone", ExecuteMsg::Advance { deal_id: id });
            world.perform();
        }
        prop_assert_eq!(world.s.status(world.id), StatusKey::Closed);
        prop_assert_eq!(world.s.balance, 0);
    }
}
