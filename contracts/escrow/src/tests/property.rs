//! Property: over random deals and random steps, with the token decaying in between, the escrow
//! holds exactly what it owes its open deals (the deals' shares are all the shares, their
//! values add up to the balance less under one unit each), a closed deal holds nothing and
//! never pays again, and once every deal is closed the escrow holds nothing.

use std::collections::BTreeMap;

use cosmwasm_std::{Decimal, Uint128, Uint256};
use proptest::prelude::*;

use super::*;
use crate::msg::{Milestone, PoolMemberTerms, Ruling};
use crate::state::TOTALS;

#[derive(Debug, Clone)]
enum Step {
    Propose { kind: u8, amount: u128, stake: u128 },
    Sign { deal: usize, who: u8 },
    SignAll { deal: usize },
    Confirm { deal: usize, buyer: bool },
    Dispute { deal: usize },
    Rule { deal: usize, ruling: u8 },
    Appeal { deal: usize },
    Panel { deal: usize, ruling: u8 },
    Repay { deal: usize },
    Contribute { deal: usize, amount: u128 },
    Withdraw { deal: usize },
    Advance { deal: usize },
    Wait { days: u64, decay_ppm: u128 },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0u8..7, 3u128..50_000, 0u128..20_000).prop_map(|(kind, amount, stake)| Step::Propose {
            kind,
            amount,
            stake
        }),
        (0u8..7, 3u128..50_000, 0u128..20_000).prop_map(|(kind, amount, stake)| Step::Propose {
            kind,
            amount,
            stake
        }),
        (0usize..8, 0u8..3).prop_map(|(deal, who)| Step::Sign { deal, who }),
        (0usize..8).prop_map(|deal| Step::SignAll { deal }),
        (0usize..8).prop_map(|deal| Step::SignAll { deal }),
        (0usize..8, any::<bool>()).prop_map(|(deal, buyer)| Step::Confirm { deal, buyer }),
        (0usize..8).prop_map(|deal| Step::Dispute { deal }),
        (0usize..8, 0u8..3).prop_map(|(deal, ruling)| Step::Rule { deal, ruling }),
        (0usize..8).prop_map(|deal| Step::Appeal { deal }),
        (0usize..8, 0u8..3).prop_map(|(deal, ruling)| Step::Panel { deal, ruling }),
        (0usize..8).prop_map(|deal| Step::Repay { deal }),
        (0usize..8, 1u128..10_000).prop_map(|(deal, amount)| Step::Contribute { deal, amount }),
        (0usize..8).prop_map(|deal| Step::Withdraw { deal }),
        (0usize..8).prop_map(|deal| Step::Advance { deal }),
        (0u64..20, 0u128..20_000).prop_map(|(days, decay_ppm)| Step::Wait { days, decay_ppm }),
    ]
}

fn ruling(pick: u8) -> Ruling {
    match pick {
        0 => Ruling::Performed {},
        1 => Ruling::NotPerformed {},
        _ => Ruling::Split {
            proposer_share: Decimal::percent(37),
        },
    }
}

/// What every information sale's seller reveals.
const PREIMAGE: &str = "it";

fn kind(s: &Suite, pick: u8, amount: u128) -> DealKindMsg {
    match pick {
        0 => DealKindMsg::Forward {},
        1 => DealKindMsg::Loan {
            interest: Uint128::new(amount / 10),
        },
        2 => DealKindMsg::Service {
            milestones: vec![
                Milestone {
                    amount: Uint128::new(amount / 3),
                    due: s.now().plus_seconds(10 * DAY),
                },
                Milestone {
                    amount: Uint128::new(amount - amount / 3),
                    due: s.now().plus_seconds(30 * DAY),
                },
            ],
        },
        3 => DealKindMsg::Insurance {},
        4 => DealKindMsg::Pool {
            members: vec![PoolMemberTerms {
                address: s.addr("carol").to_string(),
                stake: Uint128::new(amount / 2 + 1),
            }],
        },
        5 => DealKindMsg::TradeShipment {
            attestor: s.addr("relay").to_string(),
        },
        _ => DealKindMsg::InformationSale {
            commitment: super::information::commitment(PREIMAGE),
        },
    }
}

struct World {
    s: Suite,
    ids: Vec<u64>,
    /// What each closed deal had paid when it closed.
    closed_paid: BTreeMap<u64, Uint128>,
}

impl World {
    fn pick(&self, i: usize) -> Option<u64> {
        (!self.ids.is_empty()).then(|| self.ids[i % self.ids.len()])
    }

    fn deposit(&mut self, who: &str, amount: u128, hook: ReceiveMsg) {
        let id = match &hook {
            ReceiveMsg::Sign { deal_id }
            | ReceiveMsg::PostCollateral { deal_id }
            | ReceiveMsg::Repay { deal_id }
            | ReceiveMsg::Contribute { deal_id } => *deal_id,
            ReceiveMsg::Propose(_) => 0,
        };
        let result = if amount == 0 {
            let msg = match hook {
                ReceiveMsg::Sign { deal_id } => ExecuteMsg::Sign { deal_id },
                _ => return,
            };
            self.s.exec(who, msg, &[])
        } else {
            self.s.send(who, amount, hook)
        };
        if let Ok(r) = result {
            if id == 0 {
                self.ids.push(deal_id_of(&r));
            } else {
                self.after(id, &r);
            }
        }
    }

    fn run(&mut self, who: &str, deal_id: u64, msg: ExecuteMsg) {
        if let Ok(r) = self.s.exec(who, msg, &[]) {
            self.after(deal_id, &r);
        }
    }

    /// A message that paid anything did so for a deal that was still open.
    fn after(&mut self, deal_id: u64, response: &Response) {
        if !response.messages.is_empty() {
            assert!(
                !self.closed_paid.contains_key(&deal_id),
                "closed deal {deal_id} paid again"
            );
        }
    }

    fn apply(&mut self, step: Step) {
        match step {
            Step::Propose {
                kind: k,
                amount,
                stake,
            } => {
                let mut terms = self.s.terms(kind(&self.s, k, amount));
                terms.counterparty_stake = Uint128::new(stake.max(1));
                terms.arbitrator_collateral = Uint128::new(stake / 3 + 1);
                self.deposit("buyer", amount, ReceiveMsg::Propose(terms));
            }
            Step::Sign { deal, who } => {
                let Some(id) = self.pick(deal) else { return };
                let d = self.s.deal(id).deal;
                match who {
                    0 => self.deposit(
                        "seller",
                        d.parties[1].stake.u128(),
                        ReceiveMsg::Sign { deal_id: id },
                    ),
                    1 => self.deposit(
                        "arb",
                        d.arbitrator.stake.u128(),
                        ReceiveMsg::PostCollateral { deal_id: id },
                    ),
                    _ => {
                        let stake = d.parties.get(2).map_or(1, |p| p.stake.u128());
                        self.deposit("carol", stake, ReceiveMsg::Sign { deal_id: id })
                    }
                }
            }
            Step::SignAll { deal } => {
                for who in 0..3 {
                    self.apply(Step::Sign { deal, who });
                }
            }
            Step::Confirm { deal, buyer } => {
                let Some(id) = self.pick(deal) else { return };
                let who = if buyer { "buyer" } else { "seller" };
                // An information sale's seller confirms by revealing.
                let sale = matches!(
                    self.s.deal(id).deal.kind,
                    crate::state::DealKind::InformationSale { .. }
                );
                let preimage = (sale && !buyer).then(|| PREIMAGE.to_string());
                self.run(
                    who,
                    id,
                    ExecuteMsg::Confirm {
                        deal_id: id,
                        preimage,
                    },
                );
            }
            Step::Dispute { deal } => {
                let Some(id) = self.pick(deal) else { return };
                let msg = ExecuteMsg::Dispute {
                    deal_id: id,
                    reason: "no".into(),
                };
                self.run("seller", id, msg);
            }
            Step::Rule { deal, ruling: r } => {
                let Some(id) = self.pick(deal) else { return };
                let msg = ExecuteMsg::Rule {
                    deal_id: id,
                    ruling: ruling(r),
                };
                self.run("arb", id, msg);
            }
            Step::Appeal { deal } => {
                let Some(id) = self.pick(deal) else { return };
                self.run("buyer", id, ExecuteMsg::Appeal { deal_id: id });
            }
            Step::Panel { deal, ruling: r } => {
                let Some(id) = self.pick(deal) else { return };
                let msg = ExecuteMsg::PanelRuling {
                    deal_id: id,
                    ruling: ruling(r),
                    panel_by: None,
                };
                self.run("council", id, msg);
            }
            Step::Repay { deal } => {
                let Some(id) = self.pick(deal) else { return };
                let d = self.s.deal(id).deal;
                let owed = match d.kind {
                    crate::state::DealKind::Loan { interest } => d.parties[0].stake + interest,
                    _ => d.parties[0].stake,
                };
                self.deposit("seller", owed.u128(), ReceiveMsg::Repay { deal_id: id });
            }
            Step::Contribute { deal, amount } => {
                let Some(id) = self.pick(deal) else { return };
                self.deposit("stranger", amount, ReceiveMsg::Contribute { deal_id: id });
            }
            Step::Withdraw { deal } => {
                let Some(id) = self.pick(deal) else { return };
                self.run("buyer", id, ExecuteMsg::Withdraw { deal_id: id });
            }
            Step::Advance { deal } => {
                let Some(id) = self.pick(deal) else { return };
                self.run("anyone", id, ExecuteMsg::Advance { deal_id: id });
            }
            Step::Wait { days, decay_ppm } => {
                self.s.wait(days * DAY + 1);
                self.s.decay(decay_ppm);
            }
        }
    }

    fn check(&mut self) {
        let total_shares = TOTALS
            .may_load(self.s.deps.as_ref().storage)
            .unwrap()
            .unwrap_or_default()
            .shares;
        let mut open_units = Uint256::zero();
        let mut open_values = 0u128;
        let mut open_deals = 0u128;
        for id in self.ids.clone() {
            let deal = self.s.deal(id);
            if deal.status == StatusKey::Closed {
                assert!(
                    deal.deal.total_units().is_zero(),
                    "closed deal {id} holds units"
                );
                let frozen = *self.closed_paid.entry(id).or_insert(deal.deal.paid_out);
                assert_eq!(frozen, deal.deal.paid_out, "closed deal {id} paid again");
            } else {
                open_units += deal.deal.total_units();
                open_values += deal.value_held.u128();
                if !deal.deal.total_units().is_zero() {
                    open_deals += 1;
                }
            }
        }
        assert_eq!(
            open_units, total_shares,
            "every share belongs to an open deal"
        );
        assert!(
            open_values <= self.s.balance,
            "never promises more than it holds"
        );
        if total_shares.is_zero() {
            assert_eq!(self.s.balance, 0, "nothing owed, nothing held");
        } else {
            assert!(
                self.s.balance - open_values < open_deals.max(1),
                "held {} but owes {open_values} to {open_deals} deals",
                self.s.balance
            );
        }
        let paid: u128 = self.s.paid.values().sum();
        assert_eq!(self.s.deposited, paid + self.s.balance + self.s.decayed);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn escrow_holds_exactly_what_it_owes_and_never_pays_twice(
        with_council in any::<bool>(),
        steps in prop::collection::vec(step(), 1..80),
    ) {
        let mut world = World { s: Suite::new(with_council), ids: vec![], closed_paid: BTreeMap::new() };
        for step in steps {
            world.apply(step);
            world.check();
        }
        // Time runs out for every deal: the permissionless step closes them all.
        for _ in 0..8 {
            world.s.wait(400 * DAY);
            world.s.decay(1_000);
            for id in world.ids.clone() {
                world.run("anyone", id, ExecuteMsg::Advance { deal_id: id });
            }
            world.check();
        }
        for id in world.ids.clone() {
            prop_assert_eq!(world.s.status(id), StatusKey::Closed);
        }
        prop_assert_eq!(world.s.balance, 0);
    }
}
