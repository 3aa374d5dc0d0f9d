//! The city assembly at work: the housing committee proposes homes for whoever waits, every
//! member may vote within the week, and anyone closes and executes proposals once voting is over.

use std::collections::BTreeMap;

use anyhow::{anyhow, Context, Result};
use cosmwasm_std::CosmosMsg;
use council::msg::{
    Body, ExecuteMsg, ProposalChoices, ProposalResponse, ProposalStatus, QueryMsg, VoteOption,
    VoteResponse,
};
use housing_registry::msg::{Accessibility, HomeStatus};
use rand::Rng;

use super::agents::Kind;
use super::housing::{register_msg, HomeSpec};
use super::world::{attr, World};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Register these homes.
    Build(Vec<HomeSpec>),
    /// The magnate's: cut demurrage, so hoarded value keeps.
    CutDemurrage,
}

impl Purpose {
    pub fn label(&self) -> &'static str {
        match self {
            Purpose::Build(_) => "build homes",
            Purpose::CutDemurrage => "cut demurrage",
        }
    }
}

#[derive(Clone, Debug)]
pub struct OpenProposal {
    pub id: u64,
    pub purpose: Purpose,
    pub proposer: usize,
    pub created_day: u32,
    pub expires: u64,
}

/// A closed proposal, as the council reports it.
#[derive(Clone, Debug)]
pub struct ProposalRecord {
    pub id: u64,
    pub purpose: &'static str,
    pub proposer: usize,
    pub created_day: u32,
    pub closed_day: u32,
    pub status: ProposalStatus,
    pub tally: Vec<u64>,
    pub electorate: u64,
}

impl ProposalRecord {
    pub fn turnout(&self) -> f64 {
        self.tally.iter().sum::<u64>() as f64 / self.electorate.max(1) as f64
    }

    pub fn passed(&self) -> bool {
        matches!(
            self.status,
            ProposalStatus::Passed | ProposalStatus::Executed
        )
    }
}

#[derive(Clone, Debug, Default)]
pub struct GovernanceBook {
    pub open: Vec<OpenProposal>,
    pub records: Vec<ProposalRecord>,
    /// Votes members mean to cast, by day: (agent, proposal).
    pub scheduled: BTreeMap<u32, Vec<(usize, u64)>>,
    pub votes_cast: u64,
    pub votes_refused: u64,
}

/// Members of the housing committee propose homes at most this often (days).
const BUILD_EVERY: u32 = 7;
/// The founders (by agent id) the assembly seats in its housing committee at founding.
pub const HOUSING_COMMITTEE: [usize; 3] = [2, 3, 1];
/// Homes the committee can propose in a week: 10 proposals each of 10 homes per founder.
const MAX_BUILT_PER_WEEK: usize = 100 * HOUSING_COMMITTEE.len();

impl World {
    pub(crate) fn governance_step(&mut self) -> Result<()> {
        self.cast_votes()?;
        self.close_proposals()?;
        if self.day % BUILD_EVERY == 3 {
            self.plan_building()?;
        }
        Ok(())
    }

    /// `proposer` proposes `msgs` to the city assembly; members plan whether and when to vote.
    pub(crate) fn propose(
        &mut self,
        proposer: usize,
        title: &str,
        purpose: Purpose,
        msgs: Vec<CosmosMsg>,
    ) -> std::result::Result<u64, String> {
        let addr = self.agents[proposer].addr.clone();
        let council = self.contracts.council.clone();
        // Homes are the housing committee's to decide (the assembly chartered it); the
        // constitution stays the assembly's.
        let chamber = match purpose {
            Purpose::Build(_) => self.contracts.housing_committee_id,
            Purpose::CutDemurrage => self.contracts.council_id,
        };
        let res = self.exec_a(
            &addr,
            &council,
            &ExecuteMsg::Propose(council::msg::ProposeMsg {
                chambers: vec![Body::Council {
                    council_id: chamber,
                }],
                title: title.to_string(),
                topic: match purpose {
                    Purpose::Build(_) => "housing".into(),
                    Purpose::CutDemurrage => "currency".into(),
                },
                description: title.to_string(),
                choices: ProposalChoices::YesNo {},
                msgs,
            }),
        )?;
        let id: u64 = attr(&res, "proposal_id")
            .and_then(|id| id.parse().ok())
            .ok_or("the council reported no proposal id")?;
        let proposal: ProposalResponse = self
            .query_a(&council, &QueryMsg::Proposal { proposal_id: id })
            .map_err(|e| e.to_string())?;
        // Members who joined before today sit in the frozen electorate.
        let voters: Vec<usize> = match purpose {
            Purpose::Build(_) => HOUSING_COMMITTEE.to_vec(),
            Purpose::CutDemurrage => (0..self.agents.len()).collect(),
        };
        for i in voters {
            let agent = &self.agents[i];
            if !agent.member || agent.joined_day >= self.day {
                continue;
            }
            if self.rng.gen_bool(agent.kind.turnout()) {
                let offset = if agent.kind == Kind::Magnate {
                    1
                } else {
                    self.rng.gen_range(1..=6)
                };
                self.governance
                    .scheduled
                    .entry(self.day + offset)
                    .or_default()
                    .push((i, id));
            }
        }
        self.governance.open.push(OpenProposal {
            id,
            purpose,
            proposer,
            created_day: self.day,
            expires: proposal.expires.seconds(),
        });
        Ok(id)
    }

    /// How `id` votes on `purpose`: homes are popular; a demurrage cut wins the votes of those
    /// holding more than the average member (who would keep more than they lose in income).
    fn choose_vote(&mut self, id: usize, purpose: &Purpose) -> VoteOption {
        match purpose {
            Purpose::Build(_) => {
                if self.rng.gen_bool(0.9) {
                    VoteOption::Yes
                } else {
                    VoteOption::No
                }
            }
            Purpose::CutDemurrage => {
                let mean = self.rows.last().map(|r| r.mean_balance).unwrap_or(0);
                let agent = &self.agents[id];
                if matches!(agent.kind, Kind::Magnate | Kind::Hoarder) || agent.balance > mean {
                    VoteOption::Yes
                } else {
                    VoteOption::No
                }
            }
        }
    }

    fn cast_votes(&mut self) -> Result<()> {
        let Some(due) = self.governance.scheduled.remove(&self.day) else {
            return Ok(());
        };
        let council = self.contracts.council.clone();
        for (id, proposal_id) in due {
            let Some(purpose) = self
                .governance
                .open
                .iter()
                .find(|p| p.id == proposal_id)
                .map(|p| p.purpose.clone())
            else {
                continue;
            };
            if !self.agents[id].member {
                continue;
            }
            let option = self.choose_vote(id, &purpose);
            let addr = self.agents[id].addr.clone();
            let vote = ExecuteMsg::Vote {
                proposal_id,
                option,
            };
            match self.exec_a(&addr, &council, &vote) {
                Ok(_) => self.governance.votes_cast += 1,
                Err(_) => self.governance.votes_refused += 1,
            }
            if self.agents[id].kind == Kind::Magnate {
                // Money buys no second ballot.
                let second = self.exec_a(&addr, &council, &vote);
                self.capture.record_second_vote(second.is_ok());
            }
        }
        Ok(())
    }

    /// Closes every proposal whose voting period is over and executes those that passed.
    fn close_proposals(&mut self) -> Result<()> {
        let now = self.now_seconds();
        let council = self.contracts.council.clone();
        let runner = self.agents[3].addr.clone();
        let due: Vec<OpenProposal> = self
            .governance
            .open
            .iter()
            .filter(|p| now >= p.expires)
            .cloned()
            .collect();
        for p in due {
            self.exec_a(&runner, &council, &ExecuteMsg::Close { proposal_id: p.id })
                .map_err(|e| anyhow!("closing proposal {}: {e}", p.id))?;
            let closed: ProposalResponse =
                self.query_a(&council, &QueryMsg::Proposal { proposal_id: p.id })?;
            if closed.status == ProposalStatus::Passed {
                let res = self
                    .exec_a(
                        &runner,
                        &council,
                        &ExecuteMsg::Execute { proposal_id: p.id },
                    )
                    .map_err(|e| anyhow!("executing proposal {}: {e}", p.id))?;
                self.count_registered(&res)?;
            }
            let final_state: ProposalResponse =
                self.query_a(&council, &QueryMsg::Proposal { proposal_id: p.id })?;
            let chamber = final_state
                .chambers
                .first()
                .context("a proposal without a chamber")?;
            let record = ProposalRecord {
                id: p.id,
                purpose: p.purpose.label(),
                proposer: p.proposer,
                created_day: p.created_day,
                closed_day: self.day,
                status: final_state.status,
                tally: chamber.tally.clone(),
                electorate: chamber.electorate,
            };
            self.tally.proposals_closed += 1;
            self.tally.turnout_sum += record.turnout();
            self.governance.records.push(record);
            self.governance.open.retain(|o| o.id != p.id);
            // What the magnate's ballot carried, as the council counts it.
            let magnate = self.capture.magnate;
            let ballot: VoteResponse = self.query_a(
                &council,
                &QueryMsg::Vote {
                    proposal_id: p.id,
                    chamber: None,
                    voter: self.agents[magnate].addr.clone(),
                },
            )?;
            if let Some(ballot) = ballot.ballot {
                self.capture.record_ballot(ballot.weight);
            }
        }
        Ok(())
    }

    /// The housing committee (a founder) matches the waiting list against vacant homes and
    /// homes already proposed, and proposes homes for the rest, up to what can be built in a
    /// week.
    fn plan_building(&mut self) -> Result<()> {
        let housing = self.contracts.housing.clone();
        let waiting: Vec<HomeSpec> = self
            .list_applications()?
            .iter()
            .map(|a| (a.household_size, a.needs.contains(&Accessibility::StepFree)))
            .collect();
        if waiting.is_empty() {
            return Ok(());
        }
        let mut vacant: Vec<HomeSpec> = self
            .list_homes()?
            .iter()
            .filter(|h| h.status == HomeStatus::Available && h.holder.is_none())
            .map(|h| (h.rooms, h.accessibility.contains(&Accessibility::StepFree)))
            .collect();
        for p in &self.governance.open {
            if let Purpose::Build(specs) = &p.purpose {
                vacant.extend(specs.iter().copied());
            }
        }
        let unmet = unmet_needs(&waiting, vacant);
        // The council takes at most 10 messages a proposal and 10 open proposals a member:
        // the committee's founders share the proposals.
        let capacity = (self.settings.members as usize / 20).clamp(10, MAX_BUILT_PER_WEEK);
        let to_build: Vec<HomeSpec> = unmet.into_iter().take(capacity).collect();
        for (batch, chunk) in to_build.chunks(10).enumerate() {
            let committee = HOUSING_COMMITTEE[batch / 10 % HOUSING_COMMITTEE.len()];
            let msgs = chunk
                .iter()
                .enumerate()
                .map(|(i, spec)| register_msg(&housing, *spec, (batch * 10 + i) as u64))
                .collect::<Result<Vec<_>>>()?;
            let title = format!(
                "Build {} homes (day {}, batch {batch})",
                chunk.len(),
                self.day
            );
            self.propose(committee, &title, Purpose::Build(chunk.to_vec()), msgs)
                .map_err(|e| anyhow!("proposing homes: {e}"))?;
        }
        Ok(())
    }
}

/// The households in `waiting` (queue order) that no home in `vacant` fits, each given the
/// smallest home that fits it first.
pub fn unmet_needs(waiting: &[HomeSpec], mut vacant: Vec<HomeSpec>) -> Vec<HomeSpec> {
    vacant.sort();
    let mut unmet = vec![];
    for &(household, step_free) in waiting {
        match vacant
            .iter()
            .position(|&(rooms, has_step_free)| rooms >= household && (has_step_free || !step_free))
        {
            Some(i) => {
                vacant.remove(i);
            }
            None => unmet.push((household, step_free)),
        }
    }
    unmet
}

impl World {
    /// The founders charter a housing committee before anyone else joins: a council of three
    /// founders whose passed proposals may register homes and nothing else. The assembly
    /// then votes only on the constitution (a city of 10,000 does not vote on every ten homes;
    /// with it, votes grew as the square of the population).
    pub(crate) fn charter_housing_committee(&mut self) -> Result<()> {
        let council = self.contracts.council.clone();
        let rules = self
            .query_a::<_, council::msg::CouncilResponse>(
                &council,
                &QueryMsg::Council {
                    council_id: self.contracts.council_id,
                },
            )?
            .rules;
        let name = "housing committee".to_string();
        let create = ExecuteMsg::CreateCouncil {
            council: council::msg::NewCouncil {
                name: name.clone(),
                kind: council::msg::CouncilKind::Workers,
                parent: Some(self.contracts.council_id),
                executive: false,
                rules,
                members: HOUSING_COMMITTEE
                    .iter()
                    .map(|&i| self.agents[i].addr.clone())
                    .collect(),
            },
        };
        self.founders_pass(
            "Found the housing committee",
            vec![self_call(&council, &create)?],
        )?;
        let councils: council::msg::ListCouncilsResponse = self.query_a(
            &council,
            &QueryMsg::ListCouncils {
                start_after: None,
                limit: None,
            },
        )?;
        let id = councils
            .councils
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.id)
            .context("the council lists no housing committee")?;
        let charter = ExecuteMsg::UpdateCharter {
            council_id: id,
            grants: Some(vec![council::msg::Grant::Execute {
                contract: Some(cosmwasm_std::Addr::unchecked(&self.contracts.housing)),
                actions: Some(vec!["register_home".into()]),
            }]),
        };
        self.founders_pass(
            "Charter the housing committee",
            vec![self_call(&council, &charter)?],
        )?;
        self.contracts.housing_committee_id = id;
        Ok(())
    }
}

/// A message of the council to itself.
fn self_call(council: &str, msg: &ExecuteMsg) -> Result<CosmosMsg> {
    Ok(CosmosMsg::Wasm(cosmwasm_std::WasmMsg::Execute {
        contract_addr: council.to_string(),
        msg: cosmwasm_std::to_json_binary(msg)?,
        funds: vec![],
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unmet_needs_take_the_smallest_fitting_home() {
        let waiting = [(2, false), (1, true), (1, false), (3, false)];
        let vacant = vec![(1, false), (2, true), (4, false)];
        // (2) takes the step-free 2-room home, so the step-free single waits; (1) takes the
        // single room, (3) the four rooms.
        assert_eq!(unmet_needs(&waiting, vacant), vec![(1, true)]);
    }
}
