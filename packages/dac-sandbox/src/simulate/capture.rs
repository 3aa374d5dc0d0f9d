//! The capture attempt: a member as rich as all ordinary members together tries to turn money
//! into power. It votes on everything and tries to vote twice, funds puppets who ask to join,
//! tries to buy a member's home and to hold two, proposes to cut demurrage every month, hoards,
//! and parks part of its fortune on the other node. Everything it gains or fails to gain is
//! read back from the contracts.

use anyhow::{anyhow, Result};
use cosmwasm_std::{to_json_binary, CosmosMsg, Decimal, Uint128, WasmMsg};
use dac_testing::DAY;

use super::agents::BASE;
use super::governance::Purpose;
use super::world::World;

/// Days of the attempts.
pub const BUY_HOME_DAY: u32 = 20;
pub const PUPPETS_DAY: u32 = 30;
pub const MOVE_DAY: u32 = 45;
pub const ABROAD_DAY: u32 = 60;
pub const PUPPETS: usize = 5;

#[derive(Clone, Debug, Default)]
pub struct CaptureBook {
    pub magnate: usize,
    /// The puppets' addresses on `dac-1`.
    pub puppets: Vec<String>,
    /// Puppets whose applications wait for the gatekeepers.
    pending_puppets: Vec<String>,
    /// The magnate's own account on `dac-2`.
    pub abroad_account: String,
    /// What its ballots carried, as the council counted them.
    pub ballots: u64,
    pub max_ballot_weight: u64,
    pub second_votes_refused: u64,
    pub second_votes_counted: u64,
    pub puppet_applications: u64,
    pub puppets_refused_by_gatekeepers: u64,
    /// Refusals of puppets' attempts to apply for a home, claim income or vote.
    pub puppet_acts_refused: u64,
    pub puppet_acts_accepted: u64,
    pub home_purchases_refused: u64,
    pub home_purchases_accepted: u64,
    pub second_applications_refused: u64,
    pub second_applications_accepted: u64,
    /// Most homes held at once by the magnate and its puppets, from the registry's cw721 view.
    pub max_homes: u64,
    /// Demurrage-cut proposals it made.
    pub proposals: Vec<u64>,
    pub proposals_refused: u64,
    pub sent_abroad: u128,
}

impl CaptureBook {
    pub fn record_ballot(&mut self, weight: u64) {
        self.ballots += 1;
        self.max_ballot_weight = self.max_ballot_weight.max(weight);
    }

    pub fn record_second_vote(&mut self, accepted: bool) {
        if accepted {
            self.second_votes_counted += 1;
        } else {
            self.second_votes_refused += 1;
        }
    }
}

impl World {
    pub(crate) fn capture_step(&mut self) -> Result<()> {
        let magnate = self.capture.magnate;
        if !self.agents[magnate].member {
            return Ok(());
        }
        match self.day {
            BUY_HOME_DAY => self.try_buying_a_home()?,
            PUPPETS_DAY => self.send_puppets()?,
            d if d == PUPPETS_DAY + 1 => self.puppets_try()?,
            MOVE_DAY => {
                // Asks for a bigger home: allowed, but moving gives the old one back. Then it
                // asks again, for a second home besides.
                self.agents[magnate].household = 4;
                self.apply_for_home(magnate)?;
                let res = self.exec_a(
                    &self.agents[magnate].addr.clone(),
                    &self.contracts.housing.clone(),
                    &housing_registry::msg::ExecuteMsg::Apply {
                        household_size: 2,
                        needs: vec![],
                        evidence_commitment: None,
                    },
                );
                match res {
                    Ok(_) => self.capture.second_applications_accepted += 1,
                    Err(_) => self.capture.second_applications_refused += 1,
                }
            }
            ABROAD_DAY => self.park_abroad()?,
            _ => {}
        }
        if self.day % 30 == 15 {
            self.propose_demurrage_cut()?;
        }
        Ok(())
    }

    /// Pays a housed worker to hand over its right of use.
    fn try_buying_a_home(&mut self) -> Result<()> {
        let magnate = self.capture.magnate;
        let Some(seller) = self
            .agents
            .iter()
            .find(|a| a.member && a.home.is_some() && a.id != magnate && a.kind.pays_fees())
            .map(|a| a.id)
        else {
            return Ok(());
        };
        let (from, to) = (
            self.agents[magnate].addr.clone(),
            self.agents[seller].addr.clone(),
        );
        let token = self.contracts.token.clone();
        self.exec_a(
            &from,
            &token,
            &cw20::Cw20ExecuteMsg::Transfer {
                recipient: to.clone(),
                amount: Uint128::new(BASE),
            },
        )
        .map_err(|e| anyhow!("the magnate paying for a home: {e}"))?;
        let home = self.agents[seller].home.unwrap_or_default();
        let res = self.exec_a(
            &to,
            &self.contracts.housing.clone(),
            &housing_registry::msg::ExecuteMsg::TransferNft {
                recipient: from,
                token_id: home.to_string(),
            },
        );
        match res {
            Ok(_) => self.capture.home_purchases_accepted += 1,
            Err(_) => self.capture.home_purchases_refused += 1,
        }
        Ok(())
    }

    /// Funds puppets who ask to join the node.
    fn send_puppets(&mut self) -> Result<()> {
        let magnate = self.agents[self.capture.magnate].addr.clone();
        let token = self.contracts.token.clone();
        let council = self.contracts.council.clone();
        for k in 0..PUPPETS {
            let puppet = self.account_on(self.at, &format!("puppet-{k}"));
            self.exec_a(
                &magnate,
                &token,
                &cw20::Cw20ExecuteMsg::Transfer {
                    recipient: puppet.clone(),
                    amount: Uint128::new(BASE),
                },
            )
            .map_err(|e| anyhow!("funding a puppet: {e}"))?;
            self.exec_a(
                &puppet,
                &council,
                &council::msg::ExecuteMsg::Apply {
                    statement: "a new resident".into(),
                    councils: vec![self.contracts.council_id],
                },
            )
            .map_err(|e| anyhow!("a puppet applying: {e}"))?;
            self.capture.puppet_applications += 1;
            self.capture.puppets.push(puppet.clone());
            self.capture.pending_puppets.push(puppet);
        }
        Ok(())
    }

    /// The gatekeepers' daily round: applicants with no person behind them are refused (the
    /// gatekeepers' off-chain identity check, which the simulation knows the answer to).
    pub(crate) fn gatekeeping(&mut self) -> Result<()> {
        let gatekeeper = self.agents[1].addr.clone();
        let council = self.contracts.council.clone();
        for puppet in std::mem::take(&mut self.capture.pending_puppets) {
            self.exec_a(
                &gatekeeper,
                &council,
                &council::msg::ExecuteMsg::Refuse {
                    applicant: puppet,
                    reason: "nobody lives behind this application".into(),
                },
            )
            .map_err(|e| anyhow!("refusing a puppet: {e}"))?;
            self.capture.puppets_refused_by_gatekeepers += 1;
        }
        Ok(())
    }

    /// Refused puppets try what members may do.
    fn puppets_try(&mut self) -> Result<()> {
        let housing = self.contracts.housing.clone();
        let token = self.contracts.token.clone();
        let council = self.contracts.council.clone();
        let open_proposal = self.governance.open.first().map(|p| p.id);
        for puppet in self.capture.puppets.clone() {
            let mut outcomes = vec![
                self.exec_a(
                    &puppet,
                    &housing,
                    &housing_registry::msg::ExecuteMsg::Apply {
                        household_size: 1,
                        needs: vec![],
                        evidence_commitment: None,
                    },
                )
                .is_ok(),
                self.exec_a(
                    &puppet,
                    &token,
                    &demurrage_token::msg::ExecuteMsg::ClaimIncome {},
                )
                .is_ok(),
            ];
            if let Some(proposal_id) = open_proposal {
                outcomes.push(
                    self.exec_a(
                        &puppet,
                        &council,
                        &council::msg::ExecuteMsg::Vote {
                            proposal_id,
                            option: council::msg::VoteOption::Yes,
                        },
                    )
                    .is_ok(),
                );
            }
            for accepted in outcomes {
                if accepted {
                    self.capture.puppet_acts_accepted += 1;
                } else {
                    self.capture.puppet_acts_refused += 1;
                }
            }
        }
        Ok(())
    }

    /// Sends a quarter of its balance to its own account on the other node, out of reach of
    /// the node's demurrage, it hopes.
    fn park_abroad(&mut self) -> Result<()> {
        let magnate = self.capture.magnate;
        let amount = self.agents[magnate].balance / 4;
        let addr = self.agents[magnate].addr.clone();
        let relay = self.contracts.relay_a.clone();
        let hook = ibc_relay::msg::ReceiveMsg::Transfer {
            channel_id: self.contracts.channel_a.clone(),
            receiver: self.capture.abroad_account.clone(),
            timeout_seconds: None,
        };
        self.send_a(&addr, &relay, amount, &hook)
            .map_err(|e| anyhow!("the magnate sending abroad: {e}"))?;
        self.capture.sent_abroad += amount;
        Ok(())
    }

    fn propose_demurrage_cut(&mut self) -> Result<()> {
        let msg = CosmosMsg::Wasm(WasmMsg::Execute {
            contract_addr: self.contracts.token.clone(),
            msg: to_json_binary(&demurrage_token::msg::ExecuteMsg::UpdateDemurrage(
                demurrage_token::msg::DemurrageParams {
                    rate: Decimal::from_ratio(1u32, 10_000u32),
                    period_seconds: DAY,
                },
            ))?,
            funds: vec![],
        });
        let title = format!("Cut demurrage to 0.01% a day (day {})", self.day);
        match self.propose(
            self.capture.magnate,
            &title,
            Purpose::CutDemurrage,
            vec![msg],
        ) {
            Ok(id) => self.capture.proposals.push(id),
            Err(_) => self.capture.proposals_refused += 1,
        }
        Ok(())
    }

    /// The magnate's balance, the value it holds abroad, and the homes it and its puppets hold.
    pub(crate) fn capture_holdings(&mut self) -> Result<(u128, u128, u64)> {
        let magnate = self.capture.magnate;
        let balance = self.balance(&self.agents[magnate].addr)?;
        let abroad = self.value_abroad(&self.capture.abroad_account)?;
        let mut homes = 0;
        let owners: Vec<String> = std::iter::once(self.agents[magnate].addr.clone())
            .chain(self.capture.puppets.iter().cloned())
            .collect();
        for owner in owners {
            let tokens: housing_registry::msg::TokensResponse = self.query_a(
                &self.contracts.housing,
                &housing_registry::msg::QueryMsg::Tokens {
                    owner,
                    start_after: None,
                    limit: None,
                },
            )?;
            homes += tokens.tokens.len() as u64;
        }
        self.capture.max_homes = self.capture.max_homes.max(homes);
        Ok((balance, abroad, homes))
    }
}
