//! Homes: the stock registered at founding, applications, the daily allocation rounds anyone
//! may run, homes given back by emigrants, and due process for those who left without.

use std::collections::BTreeSet;

use anyhow::{anyhow, Result};
use cosmwasm_std::{to_json_binary, CosmosMsg, WasmMsg};
use cw_multi_test::AppResponse;
use housing_registry::msg::{Accessibility, ExecuteMsg, HomeStatus, QueryMsg};
use rand::Rng;

use super::world::{attr, event_attr, events_of, World};

/// What the simulation knows of the registry, all of it read from the registry's events.
#[derive(Clone, Debug, Default)]
pub struct HousingBook {
    pub homes: u64,
    pub vacant: u64,
    /// The vacant homes, by id: where the daily check for stranded applicants looks (the
    /// registry's answer for each decides), instead of paging through every home.
    pub vacant_ids: BTreeSet<u64>,
    pub open_applications: u64,
    /// Homes still held by members who left: due process runs on them.
    pub due: Vec<DueProcess>,
    pub allocations: Vec<Allocation>,
    /// Refused attempts to hold or obtain a home outside the rules.
    pub refusals: u64,
}

#[derive(Clone, Debug)]
pub struct DueProcess {
    pub home_id: u64,
    pub holder: usize,
    /// When the registry said the grace period ends (seconds), once recorded.
    pub grace_ends: Option<u64>,
}

#[derive(Clone, Debug)]
pub struct Allocation {
    pub day: u32,
    pub agent: usize,
    pub home_id: u64,
    pub wait_days: u64,
    pub moved_from: Option<u64>,
}

/// Rooms and step-free access of a home to build for a household.
pub type HomeSpec = (u32, bool);

pub fn register_msg(housing: &str, (rooms, step_free): HomeSpec, n: u64) -> Result<CosmosMsg> {
    const ZONES: [&str; 4] = ["riverside", "old town", "hillside", "harbour"];
    Ok(CosmosMsg::Wasm(WasmMsg::Execute {
        contract_addr: housing.to_string(),
        msg: to_json_binary(&ExecuteMsg::RegisterHome {
            rooms,
            accessibility: if step_free {
                vec![Accessibility::StepFree]
            } else {
                vec![]
            },
            zone: ZONES[(n % 4) as usize].to_string(),
            status: HomeStatus::Available,
        })?,
        funds: vec![],
    }))
}

impl World {
    /// Registers a stock of homes for 60% of the population, by founders' proposals of ten
    /// homes each, before anyone else has joined.
    pub(crate) fn build_initial_homes(&mut self) -> Result<()> {
        let count = self.agents.len() * 6 / 10;
        let specs: Vec<HomeSpec> = (0..count)
            .map(|_| {
                let rooms = match self.rng.gen_range(0..10) {
                    0..=3 => 1,
                    4..=6 => 2,
                    7..=8 => 3,
                    _ => 4,
                };
                (rooms, self.rng.gen_bool(0.1))
            })
            .collect();
        for (batch, chunk) in specs.chunks(10).enumerate() {
            let msgs = chunk
                .iter()
                .enumerate()
                .map(|(i, spec)| register_msg(&self.contracts.housing, *spec, i as u64))
                .collect::<Result<Vec<_>>>()?;
            self.founders_pass(&format!("Register the founding homes, batch {batch}"), msgs)?;
        }
        let homes = self.list_homes()?;
        self.housing.homes = homes.len() as u64;
        self.housing.vacant_ids = homes
            .iter()
            .filter(|h| h.status == HomeStatus::Available && h.holder.is_none())
            .map(|h| h.home_id)
            .collect();
        self.housing.vacant = self.housing.vacant_ids.len() as u64;
        Ok(())
    }

    /// Every open application, in queue order, page by page.
    pub fn list_applications(&self) -> Result<Vec<housing_registry::msg::ApplicationResponse>> {
        let mut applications: Vec<housing_registry::msg::ApplicationResponse> = vec![];
        loop {
            let page: housing_registry::msg::ApplicationsResponse = self.query_a(
                &self.contracts.housing,
                &QueryMsg::ListApplications {
                    start_after: applications.last().map(|a| a.queue_position),
                    limit: Some(30),
                },
            )?;
            let full = page.applications.len() == 30;
            applications.extend(page.applications);
            if !full {
                return Ok(applications);
            }
        }
    }

    /// Applicants waiting while a vacant home fits them, by the registry's `score`. Measured
    /// after the day's rounds, which the allocation promises leave none.
    pub(crate) fn stranded_applicants(&self) -> Result<u64> {
        let mut vacant = vec![];
        for &home_id in &self.housing.vacant_ids {
            let home: housing_registry::msg::HomeResponse =
                self.query_a(&self.contracts.housing, &QueryMsg::Home { home_id })?;
            if home.status == HomeStatus::Available && home.holder.is_none() {
                vacant.push(home);
            }
        }
        if vacant.is_empty() {
            return Ok(0);
        }
        let mut stranded = 0;
        for application in self.list_applications()? {
            // Only pairs that look eligible are asked about: the registry's answer decides.
            let looks_eligible = vacant.iter().filter(|h| {
                h.rooms >= application.household_size
                    && application
                        .needs
                        .iter()
                        .all(|n| h.accessibility.contains(n))
            });
            for home in looks_eligible {
                let score: housing_registry::msg::ScoreResponse = self.query_a(
                    &self.contracts.housing,
                    &QueryMsg::Score {
                        applicant: application.applicant.clone(),
                        home_id: home.home_id,
                    },
                )?;
                if score.eligible {
                    stranded += 1;
                    break;
                }
            }
        }
        Ok(stranded)
    }

    /// Every home of the registry, page by page.
    pub fn list_homes(&self) -> Result<Vec<housing_registry::msg::HomeResponse>> {
        let mut homes = vec![];
        loop {
            let page: housing_registry::msg::HomesResponse = self.query_a(
                &self.contracts.housing,
                &QueryMsg::ListHomes {
                    start_after: homes
                        .last()
                        .map(|h: &housing_registry::msg::HomeResponse| h.home_id),
                    limit: Some(30),
                },
            )?;
            let full = page.homes.len() == 30;
            homes.extend(page.homes);
            if !full {
                return Ok(homes);
            }
        }
    }

    /// The founders open `count` guest homes (two rooms, by the harbour) for visitors from
    /// other nodes, before anyone else has joined.
    pub(crate) fn open_guest_homes(&mut self, count: u32) -> Result<()> {
        if count == 0 {
            return Ok(());
        }
        let msgs = (0..count)
            .map(|_| {
                Ok(CosmosMsg::Wasm(WasmMsg::Execute {
                    contract_addr: self.contracts.housing.clone(),
                    msg: to_json_binary(&ExecuteMsg::RegisterHome {
                        rooms: 2,
                        accessibility: vec![],
                        zone: "harbour".to_string(),
                        status: HomeStatus::Guest,
                    })?,
                    funds: vec![],
                }))
            })
            .collect::<Result<Vec<_>>>()?;
        // The council takes at most ten messages a proposal.
        for (batch, chunk) in msgs.chunks(10).enumerate() {
            self.founders_pass(
                &format!("Open guest homes for visitors, batch {batch}"),
                chunk.to_vec(),
            )?;
        }
        self.guest_homes = self
            .list_homes()?
            .iter()
            .filter(|h| h.status == HomeStatus::Guest)
            .map(|h| h.home_id)
            .collect();
        anyhow::ensure!(
            self.guest_homes.len() == count as usize,
            "the founders' proposal opened {} guest homes, not {count}",
            self.guest_homes.len()
        );
        Ok(())
    }

    /// Counts the homes a passed proposal registered, from the registry's events.
    pub(crate) fn count_registered(&mut self, res: &AppResponse) -> Result<()> {
        let housing = self.contracts.housing.clone();
        let registered: Vec<u64> = res
            .events
            .iter()
            .filter(|e| e.ty == "wasm")
            .filter(|e| event_attr(e, "_contract_address").as_deref() == Some(housing.as_str()))
            .filter(|e| event_attr(e, "action").as_deref() == Some("register_home"))
            .map(|e| event_attr(e, "home_id").unwrap_or_default().parse())
            .collect::<std::result::Result<_, _>>()?;
        self.housing.homes += registered.len() as u64;
        self.housing.vacant += registered.len() as u64;
        self.housing.vacant_ids.extend(registered);
        Ok(())
    }

    /// `id` asks for a home for its household.
    pub(crate) fn apply_for_home(&mut self, id: usize) -> Result<()> {
        let agent = &self.agents[id];
        let (addr, household, step_free) = (agent.addr.clone(), agent.household, agent.step_free);
        let housing = self.contracts.housing.clone();
        self.exec_a(
            &addr,
            &housing,
            &ExecuteMsg::Apply {
                household_size: household,
                needs: if step_free {
                    vec![Accessibility::StepFree]
                } else {
                    vec![]
                },
                evidence_commitment: None,
            },
        )
        .map_err(|e| anyhow!("{} applying for a home: {e}", self.agents[id].name))?;
        let application: housing_registry::msg::ApplicationResponse =
            self.query_a(&housing, &QueryMsg::Application { applicant: addr })?;
        let agent = &mut self.agents[id];
        agent.applied = true;
        agent.applied_at = Some(application.applied_at.seconds());
        self.housing.open_applications += 1;
        Ok(())
    }

    /// Runs allocation rounds (anyone may) until every vacant home has been looked at once
    /// since the last allocation (a mover frees a home mid-round, so one pass is not enough).
    pub(crate) fn housing_rounds(&mut self) -> Result<()> {
        let runner = self.agents[3].addr.clone();
        let housing = self.contracts.housing.clone();
        let mut idle = 0;
        while self.housing.open_applications > 0 && idle < self.housing.vacant {
            let res = self
                .exec_a(&runner, &housing, &ExecuteMsg::AllocateRound { limit: 10 })
                .map_err(|e| anyhow!("allocation round: {e}"))?;
            let considered: u64 = attr(&res, "homes_considered").unwrap_or_default().parse()?;
            if self.record_allocations(&res)? > 0 {
                idle = 0;
            } else {
                idle += considered.max(1);
            }
        }
        Ok(())
    }

    /// Records the round's allocations and lapsed applications; returns how many homes it
    /// allocated.
    fn record_allocations(&mut self, res: &AppResponse) -> Result<u64> {
        let now = self.now_seconds();
        let by_addr = self.by_addr();
        let mut granted = vec![];
        for e in events_of(res, "housing_allocation") {
            let home_id: u64 = event_attr(e, "home_id").unwrap_or_default().parse()?;
            let holder = event_attr(e, "holder").unwrap_or_default();
            let previous: Option<u64> = event_attr(e, "previous_home_id")
                .map(|p| p.parse())
                .transpose()?;
            let id = *by_addr
                .get(holder.as_str())
                .ok_or_else(|| anyhow!("home {home_id} allocated to a stranger {holder}"))?;
            granted.push((id, home_id, previous));
        }
        let lapsed = events_of(res, "housing_lapsed_application").count() as u64;
        drop(by_addr);
        let allocated = granted.len() as u64;
        for (id, home_id, previous) in granted {
            let agent = &mut self.agents[id];
            let waited = now.saturating_sub(agent.applied_at.unwrap_or(now));
            agent.home = Some(home_id);
            agent.applied_at = None;
            let wait_days = waited / dac_testing::DAY;
            self.housing.allocations.push(Allocation {
                day: self.day,
                agent: id,
                home_id,
                wait_days,
                moved_from: previous,
            });
            self.tally.allocations += 1;
            self.tally.wait_days_total += wait_days;
            self.housing.vacant -= 1;
            self.housing.vacant_ids.remove(&home_id);
            self.housing.open_applications -= 1;
            if let Some(previous) = previous {
                self.housing.vacant += 1;
                self.housing.vacant_ids.insert(previous);
            }
        }
        self.housing.open_applications -= lapsed;
        Ok(allocated)
    }

    /// `id` leaves the node: it gives its home back or not (then due process takes it), and
    /// withdraws an application still waiting.
    pub(crate) fn emigrate(&mut self, id: usize, relinquish: bool) -> Result<()> {
        let addr = self.agents[id].addr.clone();
        let housing = self.contracts.housing.clone();
        if let Some(home_id) = self.agents[id].home {
            if relinquish {
                self.exec_a(&addr, &housing, &ExecuteMsg::Relinquish { home_id })
                    .map_err(|e| anyhow!("relinquishing home {home_id}: {e}"))?;
                self.agents[id].home = None;
                self.housing.vacant += 1;
                self.housing.vacant_ids.insert(home_id);
            } else {
                self.housing.due.push(DueProcess {
                    home_id,
                    holder: id,
                    grace_ends: None,
                });
            }
        }
        if self.agents[id].applied_at.is_some() {
            self.exec_a(&addr, &housing, &ExecuteMsg::WithdrawApplication {})
                .map_err(|e| anyhow!("withdrawing an application: {e}"))?;
            self.agents[id].applied_at = None;
            self.housing.open_applications -= 1;
        }
        let council = self.contracts.council.clone();
        self.exec_a(&addr, &council, &council::msg::ExecuteMsg::Leave {})
            .map_err(|e| anyhow!("{} leaving: {e}", self.agents[id].name))?;
        let day = self.day;
        let agent = &mut self.agents[id];
        agent.member = false;
        agent.left_day = Some(day);
        self.tally.departures += 1;
        Ok(())
    }

    /// Homes of members who left without giving them back: anyone records the departure, and
    /// after the registry's grace period anyone returns the home to the node.
    pub(crate) fn due_process(&mut self) -> Result<()> {
        let now = self.now_seconds();
        let housing = self.contracts.housing.clone();
        let runner = self.agents[3].addr.clone();
        let mut done = vec![];
        for i in 0..self.housing.due.len() {
            let DueProcess {
                home_id,
                holder,
                grace_ends,
            } = self.housing.due[i].clone();
            match grace_ends {
                None => {
                    let res = self
                        .exec_a(&runner, &housing, &ExecuteMsg::CheckMembership { home_id })
                        .map_err(|e| anyhow!("checking home {home_id}: {e}"))?;
                    let ends = parse_timestamp(
                        &attr(&res, "grace_ends")
                            .ok_or_else(|| anyhow!("no grace_ends for home {home_id}"))?,
                    )?;
                    self.housing.due[i].grace_ends = Some(ends);
                }
                Some(ends) if now > ends => {
                    self.exec_a(&runner, &housing, &ExecuteMsg::ReclaimHome { home_id })
                        .map_err(|e| anyhow!("reclaiming home {home_id}: {e}"))?;
                    self.agents[holder].home = None;
                    self.housing.vacant += 1;
                    self.housing.vacant_ids.insert(home_id);
                    done.push(i);
                }
                Some(_) => {}
            }
        }
        for i in done.into_iter().rev() {
            self.housing.due.remove(i);
        }
        Ok(())
    }
}

/// A `Timestamp` as its `Display` prints it: seconds, a dot, nine digits of nanoseconds.
fn parse_timestamp(s: &str) -> Result<u64> {
    let seconds = s.split('.').next().unwrap_or(s);
    Ok(seconds.parse()?)
}
