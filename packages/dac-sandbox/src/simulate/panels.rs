//! Sortition panels: a share of the parties who lose an arbitrator's ruling appeal it, and a
//! dispute whose arbitrator stayed silent waits for a panel too. The court clerk (a founder
//! the founders named the council's draw requester) commits a draw for the deal; the next day
//! the beacon of the committed round is revealed (the published test beacon, which the
//! simulation's council verifies as it verifies drand quicknet: `dac_testing::beacon`), the
//! council draws the panel from its frozen roster, and the first panelist proposes the ruling it
//! believes in; the panel votes the day after, and the passed proposal sends the ruling to the
//! escrow, which upholds or overturns the arbitrator and moves the money. A rejected proposal is
//! followed by the other ruling. Every count reported is the contracts' answer.
//!
//! What happened is always that the seller did not deliver (only unreliable workers are
//! disputed). Arbitrators err now and then; a fair panelist votes for what happened, a biased
//! one for the party at fault, and a party to the deal drawn onto its panel votes for itself.

use anyhow::Result;
use cosmwasm_std::{to_json_binary, CosmosMsg, WasmMsg};
use council::msg::{
    Body, CommitDrawMsg, ExecuteMsg as CouncilMsg, PanelResponse, ProposalChoices,
    ProposalResponse, ProposalStatus, QueryMsg as CouncilQuery, VoteOption,
};
use escrow::msg::{DealResponse, ExecuteMsg as EscrowMsg, QueryMsg as EscrowQuery, Ruling};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::deals::DealPlan;
use super::world::{attr, World};

/// Panelists a draw asks for (the council's smallest panel is three).
pub const PANEL_SIZE: u32 = 5;
/// Chance that an arbitrator who rules gets it wrong (rules the undelivered work performed).
pub const ARBITRATOR_ERROR: f64 = 0.2;
/// Chance that a panelist votes for what happened; otherwise it votes for the party at fault.
pub const JUROR_FAIRNESS: f64 = 0.8;
/// The ChaCha stream of the panels' own choices: the members' habits (stream 0) draw what they
/// drew before panels were simulated.
const PANEL_STREAM: u64 = 1;

/// Why a deal went before a panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cause {
    /// The losing party appealed the arbitrator's ruling.
    Appeal,
    /// The arbitrator let its deadline pass.
    TimedOut,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    Commit,
    Reveal {
        panel_id: u64,
        round: u64,
    },
    /// Tomorrow's business of a proposal: the panelists vote (unless they did), then it is
    /// carried out or closed once decided.
    Vote {
        panel_id: u64,
        proposal_id: u64,
        voted: bool,
    },
    Over,
}

/// One deal before a panel, as far as it got.
#[derive(Clone, Debug)]
pub struct PanelCase {
    pub deal_id: u64,
    pub cause: Cause,
    /// The arbitrator's ruling, on an appeal.
    pub appealed: Option<Ruling>,
    pub panel_id: Option<u64>,
    /// Panelists the council drew (its `panel` answer).
    pub size: u32,
    /// Each panelist's agent and the ruling it votes for.
    pub jurors: Vec<(usize, Ruling)>,
    /// The rulings proposed to the panel, in order.
    pub proposed: Vec<Ruling>,
    /// The ruling the escrow carried out on the panel's word, and whether it overturned the
    /// arbitrator (the escrow's `overturned` attribute).
    pub decided: Option<Ruling>,
    pub overturned: bool,
    stage: Stage,
}

#[derive(Clone, Debug)]
pub struct PanelBook {
    rng: ChaCha8Rng,
    pub cases: Vec<PanelCase>,
    pub juror_votes: u64,
    pub juror_votes_refused: u64,
    /// What the contracts answered when they refused a stage (the escrow's deadline then
    /// decides the deal).
    pub refusals: Vec<String>,
}

impl PanelBook {
    pub fn new(seed: u64) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(PANEL_STREAM);
        PanelBook {
            rng,
            cases: vec![],
            juror_votes: 0,
            juror_votes_refused: 0,
            refusals: vec![],
        }
    }

    /// The arbitrator's ruling on a disputed delivery that did not happen.
    pub(crate) fn arbitrator_rules(&mut self) -> Ruling {
        if self.rng.gen_bool(ARBITRATOR_ERROR) {
            Ruling::Performed {}
        } else {
            Ruling::NotPerformed {}
        }
    }

    /// Whether the losing party appeals (`percent` of losers do).
    pub(crate) fn loser_appeals(&mut self, percent: u32) -> bool {
        self.rng.gen_bool(f64::from(percent.min(100)) / 100.0)
    }
}

/// What happened in every simulated dispute: nothing was delivered.
pub fn what_happened() -> Ruling {
    Ruling::NotPerformed {}
}

impl World {
    /// The founders name the court clerk (founder `dov`) the council's draw requester.
    pub(crate) fn appoint_clerk(&mut self) -> Result<()> {
        let council = self.contracts.council.clone();
        let clerk = self.agents[3].addr.clone();
        let name = CouncilMsg::UpdateConfig(council::msg::UpdateConfigMsg {
            draw_requesters: Some(vec![clerk]),
            ..Default::default()
        });
        let msg = CosmosMsg::Wasm(WasmMsg::Execute {
            contract_addr: council.clone(),
            msg: to_json_binary(&name)?,
            funds: vec![],
        });
        self.founders_pass("Name the court clerk", vec![msg])?;
        Ok(())
    }

    /// Takes the deal of `plan` one stage further before its panel; returns whether a stage
    /// remains for tomorrow. A refusal ends the panel's part: the escrow's deadline then moves
    /// the deal on (the arbitrator's ruling stands, or a timed-out dispute is refunded).
    pub(crate) fn panel_step(
        &mut self,
        plan: &mut DealPlan,
        cause: Cause,
    ) -> std::result::Result<bool, String> {
        let case = match plan.case {
            Some(case) => case,
            None => {
                self.panels.cases.push(PanelCase {
                    deal_id: plan.deal_id,
                    cause,
                    appealed: (cause == Cause::Appeal).then(|| plan.ruling.clone()),
                    panel_id: None,
                    size: 0,
                    jurors: vec![],
                    proposed: vec![],
                    decided: None,
                    overturned: false,
                    stage: Stage::Commit,
                });
                plan.case = Some(self.panels.cases.len() - 1);
                self.panels.cases.len() - 1
            }
        };
        let stage = self.panels.cases[case].stage;
        let outcome = match stage {
            Stage::Commit => self.commit_panel(case),
            Stage::Reveal { panel_id, round } => self.reveal_panel(case, plan, panel_id, round),
            Stage::Vote {
                panel_id,
                proposal_id,
                voted,
            } => self.panel_votes(case, panel_id, proposal_id, voted),
            Stage::Over => Ok(Stage::Over),
        };
        let stage = outcome.unwrap_or_else(|refusal| {
            self.panels
                .refusals
                .push(format!("deal {}: {refusal}", plan.deal_id));
            Stage::Over
        });
        self.panels.cases[case].stage = stage;
        Ok(stage != Stage::Over)
    }

    fn commit_panel(&mut self, case: usize) -> std::result::Result<Stage, String> {
        let deal_id = self.panels.cases[case].deal_id;
        let clerk = self.agents[3].addr.clone();
        let council = self.contracts.council.clone();
        let res = self.exec_a(
            &clerk,
            &council,
            &CouncilMsg::CommitDraw(CommitDrawMsg {
                council_id: self.contracts.council_id,
                size: PANEL_SIZE,
                max_per_subcouncil: None,
                purpose: format!("deal {deal_id}"),
                deal_id: Some(deal_id),
            }),
        )?;
        let number = |key: &str| -> std::result::Result<u64, String> {
            attr(&res, key)
                .and_then(|v| v.parse().ok())
                .ok_or(format!("the council reported no {key}"))
        };
        Ok(Stage::Reveal {
            panel_id: number("panel_id")?,
            round: number("round")?,
        })
    }

    /// Anyone (the clerk) reveals the committed round's beacon; the drawn panelists decide how
    /// they will vote, and the first who can proposes its ruling.
    fn reveal_panel(
        &mut self,
        case: usize,
        plan: &DealPlan,
        panel_id: u64,
        round: u64,
    ) -> std::result::Result<Stage, String> {
        let clerk = self.agents[3].addr.clone();
        let council = self.contracts.council.clone();
        self.exec_a(
            &clerk,
            &council,
            &CouncilMsg::RevealDraw {
                panel_id,
                signature: dac_testing::beacon::sign(round),
            },
        )?;
        self.tally.panels_drawn += 1;
        let panel: PanelResponse = self
            .query_a(&council, &CouncilQuery::Panel { id: panel_id })
            .map_err(|e| e.to_string())?;
        self.tally.panel_members += panel.members.len() as u64;
        let by_addr = self.by_addr();
        let drawn: Vec<usize> = panel
            .members
            .iter()
            .filter_map(|m| by_addr.get(m.as_str()).copied())
            .collect();
        let fair = what_happened();
        let cause = self.panels.cases[case].cause;
        let jurors: Vec<(usize, Ruling)> = drawn
            .into_iter()
            .map(|juror| {
                let view = if juror == plan.buyer {
                    Ruling::NotPerformed {}
                } else if juror == plan.seller {
                    Ruling::Performed {}
                } else if juror == plan.arbitrator && cause == Cause::Appeal {
                    plan.ruling.clone()
                } else if self.panels.rng.gen_bool(JUROR_FAIRNESS) {
                    fair.clone()
                } else {
                    Ruling::Performed {}
                };
                (juror, view)
            })
            .collect();
        let c = &mut self.panels.cases[case];
        c.panel_id = Some(panel_id);
        c.size = panel.members.len() as u32;
        c.jurors = jurors;
        let first = self.panels.cases[case]
            .jurors
            .first()
            .map(|(_, view)| view.clone())
            .ok_or("the panel drew nobody")?;
        self.propose_ruling(case, panel_id, first, &panel)
    }

    /// The first panelist voting for `ruling` who may propose proposes it to the panel.
    fn propose_ruling(
        &mut self,
        case: usize,
        panel_id: u64,
        ruling: Ruling,
        panel: &PanelResponse,
    ) -> std::result::Result<Stage, String> {
        let deal_id = self.panels.cases[case].deal_id;
        let msg = CosmosMsg::Wasm(WasmMsg::Execute {
            contract_addr: self.contracts.escrow.clone(),
            msg: to_json_binary(&EscrowMsg::PanelRuling {
                deal_id,
                ruling: ruling.clone(),
                panel_by: panel.panel_by,
            })
            .map_err(|e| e.to_string())?,
            funds: vec![],
        });
        let propose = CouncilMsg::Propose(council::msg::ProposeMsg {
            chambers: vec![Body::Panel { panel_id }],
            title: format!("Ruling on deal {deal_id}"),
            topic: "dispute".into(),
            description: String::new(),
            choices: ProposalChoices::YesNo {},
            msgs: vec![msg],
        });
        let council = self.contracts.council.clone();
        let proposers: Vec<usize> = self.panels.cases[case]
            .jurors
            .iter()
            .filter(|(_, view)| *view == ruling)
            .map(|(juror, _)| *juror)
            .collect();
        for juror in proposers {
            let addr = self.agents[juror].addr.clone();
            if let Ok(res) = self.exec_a(&addr, &council, &propose) {
                let proposal_id = attr(&res, "proposal_id")
                    .and_then(|v| v.parse().ok())
                    .ok_or("the council reported no proposal id")?;
                self.panels.cases[case].proposed.push(ruling);
                return Ok(Stage::Vote {
                    panel_id,
                    proposal_id,
                    voted: false,
                });
            }
        }
        Err("no panelist could propose".into())
    }

    /// The panelists vote as they see it; anyone executes a passed ruling, or closes a
    /// rejected one, after which the other ruling is proposed (once).
    fn panel_votes(
        &mut self,
        case: usize,
        panel_id: u64,
        proposal_id: u64,
        voted: bool,
    ) -> std::result::Result<Stage, String> {
        let council = self.contracts.council.clone();
        let proposed = self.panels.cases[case]
            .proposed
            .last()
            .cloned()
            .ok_or("nothing was proposed")?;
        let jurors = if voted {
            vec![]
        } else {
            self.panels.cases[case].jurors.clone()
        };
        for (juror, view) in &jurors {
            let option = if *view == proposed {
                VoteOption::Yes
            } else {
                VoteOption::No
            };
            let addr = self.agents[*juror].addr.clone();
            let vote = CouncilMsg::Vote {
                proposal_id,
                option,
            };
            // Refused if it left the node since the draw.
            match self.exec_a(&addr, &council, &vote) {
                Ok(_) => self.panels.juror_votes += 1,
                Err(_) => self.panels.juror_votes_refused += 1,
            }
        }
        let runner = self.agents[3].addr.clone();
        let proposal: ProposalResponse = self
            .query_a(&council, &CouncilQuery::Proposal { proposal_id })
            .map_err(|e| e.to_string())?;
        match proposal.effective_status {
            ProposalStatus::Passed => {
                let res = self.exec_a(&runner, &council, &CouncilMsg::Execute { proposal_id })?;
                let deal_id = self.panels.cases[case].deal_id;
                let deal: DealResponse = self
                    .query_a(&self.contracts.escrow, &EscrowQuery::Deal { deal_id })
                    .map_err(|e| e.to_string())?;
                let c = &mut self.panels.cases[case];
                if let escrow::state::Status::Closed {
                    outcome:
                        escrow::state::Outcome::Ruled {
                            ruling,
                            by_panel: true,
                        },
                } = deal.deal.status
                {
                    c.decided = Some(ruling);
                    c.overturned = attr(&res, "overturned").as_deref() == Some("true");
                }
                Ok(Stage::Over)
            }
            ProposalStatus::Rejected if self.panels.cases[case].proposed.len() == 1 => {
                self.exec_a(&runner, &council, &CouncilMsg::Close { proposal_id })?;
                let other = if proposed == what_happened() {
                    Ruling::Performed {}
                } else {
                    what_happened()
                };
                let panel: PanelResponse = self
                    .query_a(&council, &CouncilQuery::Panel { id: panel_id })
                    .map_err(|e| e.to_string())?;
                self.propose_ruling(case, panel_id, other, &panel)
            }
            // Undecided (a panelist could not vote): tomorrow, or at its end.
            ProposalStatus::Open => Ok(Stage::Vote {
                panel_id,
                proposal_id,
                voted: true,
            }),
            _ => Ok(Stage::Over),
        }
    }
}
