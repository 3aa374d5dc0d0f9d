//! Everyday life: members claim their basic income, pay each other, pay housing fees, buy from
//! the other node's producers (an IBC transfer), who buy from them in turn with the vouchers
//! they earned. People emigrate and newcomers arrive in their place.

use anyhow::{anyhow, Context, Result};
use cosmwasm_std::Uint128;
use rand::Rng;

use super::agents::Kind;
use super::world::{attr, World};

/// Chance per day that a member who may emigrate does (about 14% a year).
const EMIGRATION_PER_DAY: f64 = 1.0 / 2500.0;

/// What a member decided to do today, before doing it.
enum Act {
    Claim,
    Pay { to: usize, amount: u128 },
    Import { producer: usize, amount: u128 },
    Order,
    Fees,
}

impl World {
    pub(crate) fn members_act(&mut self) -> Result<()> {
        let day = self.day as usize;
        let activity = self.settings.activity_percent as f64 / 100.0;
        let members = self.members_where(|_| true);
        // Who sells to spenders, and who sells to everyone else.
        let sellers_to = |buyer: Kind| -> Vec<usize> {
            members
                .iter()
                .copied()
                .filter(|&s| self.agents[s].kind.sells_to(buyer))
                .collect()
        };
        let (to_spenders, to_others) = (sellers_to(Kind::Spender), sellers_to(Kind::Worker));
        let mut plan: Vec<(usize, Act)> = vec![];
        for &id in &members {
            let agent = &self.agents[id];
            let kind = agent.kind;
            if (day + id).is_multiple_of(7) {
                plan.push((id, Act::Claim));
            }
            let (p, (lo, hi)) = kind.spending();
            if p > 0.0 && self.rng.gen_bool((p * activity).min(1.0)) {
                let sellers = if kind == Kind::Spender {
                    &to_spenders
                } else {
                    &to_others
                };
                let to = sellers[self.rng.gen_range(0..sellers.len())];
                let amount = agent.balance * self.rng.gen_range(lo..=hi) as u128 / 100;
                // Nobody buys from itself: that day it buys nothing.
                if to != id {
                    plan.push((id, Act::Pay { to, amount }));
                }
            }
            let p = kind.importing();
            if p > 0.0 && self.rng.gen_bool((p * activity).min(1.0)) {
                let producer = self.rng.gen_range(0..self.producers.len());
                let amount = agent.balance * self.rng.gen_range(10..=30) / 100;
                plan.push((id, Act::Import { producer, amount }));
            }
            let p = kind.ordering();
            if p > 0.0 && self.rng.gen_bool((p * activity).min(1.0)) {
                plan.push((id, Act::Order));
            }
            if kind.pays_fees() && agent.home.is_some() && (day + id).is_multiple_of(30) {
                plan.push((id, Act::Fees));
            }
        }
        for (id, act) in plan {
            self.act(id, act)?;
        }
        Ok(())
    }

    fn act(&mut self, id: usize, act: Act) -> Result<()> {
        let addr = self.agents[id].addr.clone();
        let token = self.contracts.token.clone();
        match act {
            Act::Claim => {
                // Refused only when nothing accrued yet.
                if let Ok(res) = self.exec_a(
                    &addr,
                    &token,
                    &demurrage_token::msg::ExecuteMsg::ClaimIncome {},
                ) {
                    self.agents[id].flows.income +=
                        attr(&res, "income").unwrap_or_default().parse::<u128>()?;
                }
            }
            Act::Pay { to, amount } => {
                if amount < 1_000 {
                    return Ok(());
                }
                let recipient = self.agents[to].addr.clone();
                let msg = cw20::Cw20ExecuteMsg::Transfer {
                    recipient,
                    amount: Uint128::new(amount),
                };
                match self.exec_a(&addr, &token, &msg) {
                    Ok(res) => {
                        let paid = attr(&res, "amount").unwrap_or_default().parse::<u128>()?;
                        self.tally.payments += 1;
                        self.tally.payment_volume += paid;
                        self.agents[id].flows.paid += paid;
                        self.agents[to].flows.received += paid;
                    }
                    Err(_) => self.tally.refused_payments += 1,
                }
            }
            Act::Import { producer, amount } => {
                if amount < 1_000 {
                    return Ok(());
                }
                let relay = self.contracts.relay_a.clone();
                let hook = ibc_relay::msg::ReceiveMsg::Transfer {
                    channel_id: self.contracts.channel_a.clone(),
                    receiver: self.producers[producer].clone(),
                    timeout_seconds: None,
                };
                match self.send_a(&addr, &relay, amount, &hook) {
                    Ok(res) => {
                        let sent = res
                            .events
                            .iter()
                            .filter(|e| e.ty == "wasm")
                            .find(|e| {
                                e.attributes
                                    .iter()
                                    .any(|a| a.key == "action" && a.value == "transfer_out")
                            })
                            .and_then(|e| e.attributes.iter().find(|a| a.key == "amount"))
                            .map(|a| a.value.parse::<u128>())
                            .transpose()?
                            .unwrap_or(0);
                        self.tally.trade_a_to_b += sent;
                        self.agents[id].flows.imports += sent;
                    }
                    Err(_) => self.tally.refused_payments += 1,
                }
            }
            Act::Order => self.order_service(id)?,
            Act::Fees => {
                let housing = self.contracts.housing.clone();
                let owed: housing_registry::msg::ArrearsResponse = self.query_a(
                    &housing,
                    &housing_registry::msg::QueryMsg::Arrears {
                        address: addr.clone(),
                    },
                )?;
                let due = owed.arrears.u128();
                if due > 0 && self.agents[id].balance > due {
                    let hook = housing_registry::msg::ReceiveMsg::PayFees { holder: None };
                    if self.send_a(&addr, &housing, due, &hook).is_ok() {
                        self.tally.fees_paid += due;
                        self.agents[id].flows.fees += due;
                    }
                }
            }
        }
        Ok(())
    }

    /// Newcomers replace yesterday's emigrants: admitted, and applying for a home.
    pub(crate) fn arrivals(&mut self) -> Result<()> {
        for kind in std::mem::take(&mut self.pending_arrivals) {
            let id = self.new_agent(kind);
            self.join(id)?;
            self.apply_for_home(id)?;
            self.tally.arrivals += 1;
        }
        Ok(())
    }

    /// Some members emigrate: most give their home back first, the others leave it to due
    /// process. A newcomer of the same kind arrives the next day.
    pub(crate) fn departures(&mut self) -> Result<()> {
        let members = self.members_where(|a| a.kind.may_emigrate());
        for id in members {
            if self.rng.gen_bool(EMIGRATION_PER_DAY) {
                let relinquish = self.rng.gen_bool(0.6);
                self.emigrate(id, relinquish)?;
                self.pending_arrivals.push(self.agents[id].kind);
            }
        }
        Ok(())
    }

    /// The relayer carries the day's packets both ways.
    pub(crate) fn relay(&mut self) -> Result<()> {
        let outcomes = self
            .net
            .borrow_mut()
            .relayer
            .relay_all()
            .map_err(|e| anyhow!("relaying: {e}"))?;
        if let Some(bad) = outcomes.iter().find(|o| o.is_error_ack()) {
            anyhow::bail!("a packet was refused: {:?}", bad.delivery);
        }
        Ok(())
    }

    /// Once a week each producer on `dac-2` spends half its vouchers buying from a member of
    /// `dac-1`: the vouchers return home and the member is paid in `dac-1`'s token.
    pub(crate) fn producers_buy(&mut self) -> Result<()> {
        if self.day % 7 != 5 {
            return Ok(());
        }
        let sellers = self.members_where(|a| a.kind.sells_to(Kind::Worker));
        if sellers.is_empty() {
            return Ok(());
        }
        let mut paid = vec![];
        for producer in self.producers.clone() {
            let voucher: ibc_relay::msg::VoucherResponse = self.query_on(
                self.partner,
                &self.contracts.relay_b,
                &ibc_relay::msg::QueryMsg::Voucher {
                    node: self.contracts.node_a.clone(),
                    holder: producer.clone(),
                },
            )?;
            let shares = voucher.shares.u128() / 2;
            if shares == 0 {
                continue;
            }
            let to = sellers[self.rng.gen_range(0..sellers.len())];
            let receiver = self.agents[to].addr.clone();
            let relay_b = self.contracts.relay_b.clone();
            self.exec_on(
                self.partner,
                &producer,
                &relay_b,
                &ibc_relay::msg::ExecuteMsg::ReturnVouchers {
                    channel_id: self.contracts.channel_b.clone(),
                    receiver,
                    shares: Uint128::new(shares),
                    timeout_seconds: None,
                },
            )
            .map_err(|e| anyhow!("a producer returning vouchers: {e}"))?;
            if !paid.contains(&to) {
                paid.push(to);
            }
        }
        let before: Vec<u128> = paid
            .iter()
            .map(|&to| self.balance(&self.agents[to].addr))
            .collect::<Result<_>>()?;
        self.relay()?;
        for (&to, before) in paid.iter().zip(before) {
            let sold = self.balance(&self.agents[to].addr)?.saturating_sub(before);
            self.tally.trade_b_to_a += sold;
            self.agents[to].flows.exports += sold;
        }
        Ok(())
    }
}

impl World {
    /// Whether `id` is a party or the arbitrator of an escrow deal still open.
    pub(crate) fn in_open_deal(&self, id: usize) -> bool {
        self.deals
            .iter()
            .any(|d| d.buyer == id || d.seller == id || d.arbitrator == id)
    }

    /// `id` moves to the node at the other end of `channel_id`, as `receiver` there (agent
    /// `to` of that node's world): it withdraws an application still waiting, then sends its
    /// whole balance to the relay with `move`, which ends its membership, returns its home and
    /// carries its money and departure record. Answers the value carried.
    pub(crate) fn move_away(
        &mut self,
        id: usize,
        channel_id: String,
        receiver: String,
        to: (usize, usize),
    ) -> Result<u128> {
        let addr = self.agents[id].addr.clone();
        let housing = self.contracts.housing.clone();
        if self.agents[id].applied_at.is_some() {
            self.exec_a(
                &addr,
                &housing,
                &housing_registry::msg::ExecuteMsg::WithdrawApplication {},
            )
            .map_err(|e| anyhow!("withdrawing an application: {e}"))?;
            self.agents[id].applied_at = None;
            self.housing.open_applications -= 1;
        }
        let depart = ibc_relay::msg::ReceiveMsg::Move {
            channel_id,
            receiver,
            household_stays: false,
            timeout_seconds: None,
        };
        // One transaction: its income claimed if any is owed (the relay refuses to leave it
        // behind), then its whole balance sent with `move`.
        let responses = {
            let mut net = self.net.borrow_mut();
            let chain = net.relayer.chain_mut(self.at);
            let msgs = dac_testing::move_messages(
                chain,
                &self.contracts.token,
                &self.contracts.relay_a,
                &addr,
                &depart,
            )?;
            chain
                .app
                .execute_multi(cosmwasm_std::Addr::unchecked(&addr), msgs)
                .map_err(|e| anyhow!("{} moving: {}", self.agents[id].name, e.root_cause()))?
        };
        let (moved, claimed) = responses.split_last().context("a move sends a message")?;
        for claim in claimed {
            self.agents[id].flows.income +=
                attr(claim, "income").unwrap_or_default().parse::<u128>()?;
        }
        let carried = super::mesh::sent_out(moved)?;
        if let Some(home_id) = self.agents[id].home.take() {
            self.housing.vacant += 1;
            self.housing.vacant_ids.insert(home_id);
        }
        let day = self.day;
        let agent = &mut self.agents[id];
        agent.member = false;
        agent.left_day = Some(day);
        agent.moved_to = Some(to);
        agent.flows.imports += carried;
        self.tally.departures += 1;
        Ok(carried)
    }

    /// Agent `id`, who moved here from node `from` (where it was `old`), applies: the
    /// gatekeeper finds its departure record (where from, since when a member, its standing)
    /// beside the application and admits it, and it applies for a home as anyone does.
    pub(crate) fn arrive(&mut self, id: usize, from: &str, old: &str) -> Result<()> {
        let addr = self.agents[id].addr.clone();
        let arrivals: council::msg::ArrivalsResponse = self.query_a(
            &self.contracts.council,
            &council::msg::QueryMsg::Arrivals {
                applicant: addr,
                start_after: None,
                limit: None,
            },
        )?;
        let record = arrivals
            .arrivals
            .iter()
            .find(|a| a.node == from && a.record.member.as_str() == old)
            .ok_or_else(|| anyhow!("no departure record from {from} for {old}"))?;
        anyhow::ensure!(
            record.record.sanction_level == 0,
            "{old} left {from} under a sanction the simulation never imposes"
        );
        self.join(id)?;
        self.apply_for_home(id)?;
        self.tally.arrivals += 1;
        Ok(())
    }
}
