//! Queries. Every list is paginated with `start_after` (exclusive) and a clamped `limit`.

use cosmwasm_std::{Addr, Deps, Env, Order, StdError, StdResult, Timestamp};
use cw4::{Member, MemberListResponse, MemberResponse, TotalWeightResponse};
use dac_common::pagination::{after, page};

use crate::execute::scope::council_grants;
use crate::execute::tally::effective_status;
use crate::msg::*;
use crate::state::{
    may_load_proposal, status_key, Council, Panel, Proposal, ProposalText, Report, SanctionRecord,
    APPLICATIONS, ARRIVALS, BALLOTS, CONFIG, COUNCILS, COUNCIL_SEATS, COUNCIL_SIZE,
    DELEGATED_POWER, DELEGATIONS, DEPTH_PROFILE, INCOMING, MAX_ARRIVALS_SHOWN, MEMBERS,
    MEMBER_SANCTIONS, MEMBER_SINCE, OUTGOING, PANELS, PENDING_TOKEN_SYNC, PROPOSALS,
    PROPOSALS_BY_STATUS, PROPOSAL_TEXTS, REPORTS, SANCTIONS, STANDING, TOTAL,
};
use dac_common::pagination::at_most;

pub fn member(deps: Deps, addr: String, at_height: Option<u64>) -> StdResult<MemberResponse> {
    let addr = deps.api.addr_validate(&addr)?;
    let weight = match at_height {
        Some(h) => MEMBERS.may_load_at_height(deps.storage, &addr, h)?,
        None => MEMBERS.may_load(deps.storage, &addr)?,
    };
    Ok(MemberResponse { weight })
}

pub fn list_members(
    deps: Deps,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<MemberListResponse> {
    let start = start_after
        .map(|s| deps.api.addr_validate(&s))
        .transpose()?;
    let members = page(
        MEMBERS
            .range(deps.storage, after(start.as_ref()), None, Order::Ascending)
            .map(|item| {
                item.map(|(addr, weight)| Member {
                    addr: addr.into(),
                    weight,
                })
            }),
        limit,
    )?;
    Ok(MemberListResponse { members })
}

pub fn total_weight(deps: Deps, at_height: Option<u64>) -> StdResult<TotalWeightResponse> {
    let weight = match at_height {
        Some(h) => TOTAL.may_load_at_height(deps.storage, h)?,
        None => TOTAL.may_load(deps.storage)?,
    };
    Ok(TotalWeightResponse {
        weight: weight.unwrap_or_default(),
    })
}

pub fn config(deps: Deps) -> StdResult<ConfigResponse> {
    let c = CONFIG.load(deps.storage)?;
    Ok(ConfigResponse {
        head: c.head,
        gatekeepers: c.gatekeepers,
        monitors: c.monitors,
        token: c.token,
        sanction_authority: c.sanction_authority,
        appeal_authority: c.appeal_authority,
        appeal_window_seconds: c.appeal_window_seconds,
        max_delegation_depth: c.max_delegation_depth,
        draw_requesters: c.draw_requesters,
        escrow: c.escrow,
        limits: c.limits,
        relay: c.relay,
    })
}

fn application_response(
    deps: Deps,
    applicant: Addr,
    a: crate::state::Application,
) -> StdResult<ApplicationResponse> {
    let arrivals = at_most(
        ARRIVALS
            .prefix(&applicant)
            .range(deps.storage, None, None, Order::Ascending)
            .map(|item| item.map(|(_, arrival)| arrival)),
        MAX_ARRIVALS_SHOWN,
    )?;
    Ok(ApplicationResponse {
        applicant,
        statement: a.statement,
        councils: a.councils,
        filed_at: a.filed_at,
        arrivals,
    })
}

pub fn application(deps: Deps, applicant: String) -> StdResult<ApplicationResponse> {
    let applicant = deps.api.addr_validate(&applicant)?;
    let a = APPLICATIONS.load(deps.storage, &applicant)?;
    application_response(deps, applicant, a)
}

/// Built from this council's own state: the relay sends it when the member moves.
pub fn departure_record(deps: Deps, env: &Env, member: String) -> StdResult<DepartureRecord> {
    let member = deps.api.addr_validate(&member)?;
    if MEMBERS.may_load(deps.storage, &member)?.is_none() {
        return Err(StdError::generic_err(
            [member.as_str(), " is not a member"].concat(),
        ));
    }
    let standing = STANDING
        .may_load(deps.storage, &member)?
        .unwrap_or_default();
    Ok(DepartureRecord {
        member_since: MEMBER_SINCE.may_load(deps.storage, &member)?,
        member: member.into_string(),
        left_at: env.block.time,
        sanction_level: standing.level,
        exclusion_due: standing.exclusion_due,
    })
}

pub fn arrivals(
    deps: Deps,
    applicant: String,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<ArrivalsResponse> {
    let applicant = deps.api.addr_validate(&applicant)?;
    let arrivals = page(
        ARRIVALS
            .prefix(&applicant)
            .range(
                deps.storage,
                after(start_after.as_deref()),
                None,
                Order::Ascending,
            )
            .map(|item| item.map(|(_, arrival)| arrival)),
        limit,
    )?;
    Ok(ArrivalsResponse { arrivals })
}

pub fn pending_token_syncs(
    deps: Deps,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<PendingTokenSyncsResponse> {
    let start = start_after
        .map(|s| deps.api.addr_validate(&s))
        .transpose()?;
    let pending = page(
        PENDING_TOKEN_SYNC
            .keys(deps.storage, after(start.as_ref()), None, Order::Ascending)
            .map(|member| {
                let member = member?;
                let is_member = MEMBERS.may_load(deps.storage, &member)?.is_some();
                Ok(PendingTokenSync { member, is_member })
            }),
        limit,
    )?;
    Ok(PendingTokenSyncsResponse { pending })
}

pub fn list_applications(
    deps: Deps,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<ListApplicationsResponse> {
    let start = start_after
        .map(|s| deps.api.addr_validate(&s))
        .transpose()?;
    let applications = page(
        APPLICATIONS
            .range(deps.storage, after(start.as_ref()), None, Order::Ascending)
            .map(|item| item.and_then(|(addr, a)| application_response(deps, addr, a))),
        limit,
    )?;
    Ok(ListApplicationsResponse { applications })
}

fn council_response(deps: Deps, c: Council) -> StdResult<CouncilResponse> {
    let size = COUNCIL_SIZE
        .may_load(deps.storage, c.id)?
        .unwrap_or_default();
    Ok(CouncilResponse {
        id: c.id,
        name: c.name,
        kind: c.kind,
        parent: c.parent,
        executive: c.executive,
        rules: c.rules,
        size,
        scope: council_grants(deps.storage, c.id)
            .map_err(|e| cosmwasm_std::StdError::generic_err(e.to_string()))?,
    })
}

pub fn council(deps: Deps, council_id: u64) -> StdResult<CouncilResponse> {
    council_response(deps, COUNCILS.load(deps.storage, council_id)?)
}

pub fn list_councils(
    deps: Deps,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> StdResult<ListCouncilsResponse> {
    let councils = page(
        COUNCILS
            .range(deps.storage, after(start_after), None, Order::Ascending)
            .map(|item| council_response(deps, item?.1)),
        limit,
    )?;
    Ok(ListCouncilsResponse { councils })
}

pub fn council_member(
    deps: Deps,
    council_id: u64,
    addr: String,
    at_height: Option<u64>,
) -> StdResult<CouncilMemberResponse> {
    let addr = deps.api.addr_validate(&addr)?;
    let seat = match at_height {
        Some(h) => COUNCIL_SEATS.may_load_at_height(deps.storage, (council_id, &addr), h)?,
        None => COUNCIL_SEATS.may_load(deps.storage, (council_id, &addr))?,
    };
    Ok(CouncilMemberResponse { seat })
}

pub fn list_council_members(
    deps: Deps,
    council_id: u64,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<ListCouncilMembersResponse> {
    let start = start_after
        .map(|s| deps.api.addr_validate(&s))
        .transpose()?;
    let members = page(
        COUNCIL_SEATS
            .prefix(council_id)
            .range(deps.storage, after(start.as_ref()), None, Order::Ascending)
            .map(|item| item.map(|(addr, seat)| CouncilSeat { addr, seat })),
        limit,
    )?;
    Ok(ListCouncilMembersResponse { members })
}

fn proposal_response(
    env: &Env,
    p: Proposal,
    text: ProposalText,
    execute_by: Timestamp,
) -> ProposalResponse {
    let (effective, outcome) = effective_status(&p, env.block.time);
    let expired = matches!(
        effective,
        ProposalStatus::Passed | ProposalStatus::ExecutionFailed
    ) && env.block.time > execute_by;
    ProposalResponse {
        id: p.id,
        title: text.title,
        topic: p.topic,
        description: text.description,
        proposer: text.proposer,
        choices: text.choices,
        msgs: text.msgs,
        chambers: p
            .chambers
            .into_iter()
            .map(|c| ChamberResponse {
                body: c.body,
                electorate: c.electorate,
                rules: c.rules,
                tally: c.tally,
            })
            .collect(),
        start_height: p.start_height,
        start_time: p.start_time,
        earliest_close: p.earliest_close,
        expires: p.expires,
        status: p.status,
        effective_status: effective,
        outcome: p.outcome.or(outcome),
        escalated_from: p.escalated_from,
        escalated_to: p.escalated_to,
        execution_error: p.execution_error,
        execute_by,
        expired,
    }
}

/// A proposal's answer: its voting record joined with its text.
fn load_response(deps: Deps, env: &Env, p: Proposal) -> StdResult<ProposalResponse> {
    let text = PROPOSAL_TEXTS.load(deps.storage, p.id)?;
    let window = CONFIG.load(deps.storage)?.limits.execution_window_seconds;
    let execute_by = p.expires.plus_seconds(window);
    Ok(proposal_response(env, p, text, execute_by))
}

pub fn proposal(deps: Deps, env: &Env, proposal_id: u64) -> StdResult<ProposalResponse> {
    load_response(deps, env, load_proposal(deps, proposal_id)?)
}

/// The proposal, or the `not found` error `Map::load` gives.
fn load_proposal(deps: Deps, id: u64) -> StdResult<Proposal> {
    may_load_proposal(deps.storage, id)?
        .ok_or_else(|| StdError::not_found(core::any::type_name::<Proposal>()))
}

pub fn list_proposals(
    deps: Deps,
    env: &Env,
    status: Option<ProposalStatus>,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> StdResult<ListProposalsResponse> {
    let start = after(start_after);
    let ids: Vec<u64> = match status {
        Some(s) => page(
            PROPOSALS_BY_STATUS.prefix(status_key(s)).keys(
                deps.storage,
                start,
                None,
                Order::Ascending,
            ),
            limit,
        )?,
        None => page(
            PROPOSALS.keys(deps.storage, start, None, Order::Ascending),
            limit,
        )?,
    };
    let mut proposals = Vec::with_capacity(ids.len());
    for id in ids {
        proposals.push(load_response(deps, env, load_proposal(deps, id)?)?);
    }
    Ok(ListProposalsResponse { proposals })
}

pub fn vote(
    deps: Deps,
    proposal_id: u64,
    chamber: Option<u8>,
    voter: String,
) -> StdResult<VoteResponse> {
    let voter = deps.api.addr_validate(&voter)?;
    let chamber = chamber.unwrap_or_default();
    let ballot = BALLOTS
        .may_load(deps.storage, (proposal_id, chamber, &voter))?
        .map(|b| BallotResponse {
            voter,
            chamber,
            option: b.option,
            weight: b.weight,
        });
    Ok(VoteResponse { ballot })
}

pub fn list_votes(
    deps: Deps,
    proposal_id: u64,
    chamber: Option<u8>,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<ListVotesResponse> {
    let chamber = chamber.unwrap_or_default();
    let start = start_after
        .map(|s| deps.api.addr_validate(&s))
        .transpose()?;
    let votes = page(
        BALLOTS
            .prefix((proposal_id, chamber))
            .range(deps.storage, after(start.as_ref()), None, Order::Ascending)
            .map(|item| {
                item.map(|(voter, b)| BallotResponse {
                    voter,
                    chamber,
                    option: b.option,
                    weight: b.weight,
                })
            }),
        limit,
    )?;
    Ok(ListVotesResponse { votes })
}

pub fn delegation(
    deps: Deps,
    council_id: u64,
    topic: String,
    member: String,
) -> StdResult<DelegationResponse> {
    let member = deps.api.addr_validate(&member)?;
    let key = (council_id, topic.as_str(), &member);
    Ok(DelegationResponse {
        delegate: DELEGATIONS.may_load(deps.storage, key)?,
        delegated_to_member: DELEGATED_POWER
            .may_load(deps.storage, key)?
            .unwrap_or_default(),
        depth_below: DEPTH_PROFILE
            .may_load(deps.storage, key)?
            .unwrap_or_default()
            .len() as u32,
    })
}

pub fn list_delegations(
    deps: Deps,
    member: String,
    start_after: Option<(u64, String)>,
    limit: Option<u32>,
) -> StdResult<ListDelegationsResponse> {
    let member = deps.api.addr_validate(&member)?;
    let start = after(
        start_after
            .as_ref()
            .map(|(council_id, topic)| (*council_id, topic.as_str())),
    );
    let delegations = page(
        OUTGOING
            .sub_prefix(&member)
            .range(deps.storage, start, None, Order::Ascending)
            .map(|item| {
                item.map(|((council_id, topic), delegate)| DelegationEntry {
                    council_id,
                    topic,
                    delegate,
                })
            }),
        limit,
    )?;
    Ok(ListDelegationsResponse { delegations })
}

/// Read from `INCOMING`, the index `attach` and `detach` keep (one entry per council and giver).
pub fn list_delegators(
    deps: Deps,
    delegate: String,
    start_after: Option<(u64, String)>,
    limit: Option<u32>,
) -> StdResult<ListDelegatorsResponse> {
    let delegate = deps.api.addr_validate(&delegate)?;
    let start = start_after
        .map(|(council_id, giver)| Ok::<_, StdError>((council_id, deps.api.addr_validate(&giver)?)))
        .transpose()?;
    let delegators = page(
        INCOMING
            .sub_prefix(&delegate)
            .range(
                deps.storage,
                after(start.as_ref().map(|(c, g)| (*c, g))),
                None,
                Order::Ascending,
            )
            .map(|item| {
                item.map(|((council_id, delegator), topics)| DelegatorEntry {
                    council_id,
                    delegator,
                    topics,
                })
            }),
        limit,
    )?;
    Ok(ListDelegatorsResponse { delegators })
}

fn panel_response(p: Panel) -> PanelResponse {
    PanelResponse {
        id: p.id,
        council_id: p.council_id,
        purpose: p.purpose,
        requested_by: p.requested_by,
        size: p.size,
        max_per_subcouncil: p.max_per_subcouncil,
        snapshot_height: p.snapshot_height,
        candidates: p.candidates,
        round: p.round,
        status: p.status,
        randomness: p.randomness,
        members: p.members,
        deal_id: p.deal_id,
        expires: p.expires,
        panel_by: p.panel_by,
    }
}

pub fn panel(deps: Deps, id: u64) -> StdResult<PanelResponse> {
    Ok(panel_response(PANELS.load(deps.storage, id)?))
}

pub fn list_panels(
    deps: Deps,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> StdResult<ListPanelsResponse> {
    let panels = page(
        PANELS
            .range(deps.storage, after(start_after), None, Order::Ascending)
            .map(|item| item.map(|(_, p)| panel_response(p))),
        limit,
    )?;
    Ok(ListPanelsResponse { panels })
}

pub fn standing(deps: Deps, member: String) -> StdResult<StandingResponse> {
    let member = deps.api.addr_validate(&member)?;
    let s = STANDING
        .may_load(deps.storage, &member)?
        .unwrap_or_default();
    Ok(StandingResponse {
        is_member: MEMBERS.may_load(deps.storage, &member)?.is_some(),
        member,
        sanction_level: s.level,
        exclusion_due: s.exclusion_due,
        pending_appeals: s.pending_appeals,
        excluded: s.excluded,
    })
}

fn report_response(r: Report) -> ReportResponse {
    ReportResponse {
        id: r.id,
        monitor: r.monitor,
        member: r.member,
        description: r.description,
        filed_at: r.filed_at,
        status: r.status,
    }
}

pub fn report(deps: Deps, report_id: u64) -> StdResult<ReportResponse> {
    Ok(report_response(REPORTS.load(deps.storage, report_id)?))
}

pub fn list_reports(
    deps: Deps,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> StdResult<ListReportsResponse> {
    let reports = page(
        REPORTS
            .range(deps.storage, after(start_after), None, Order::Ascending)
            .map(|item| item.map(|(_, r)| report_response(r))),
        limit,
    )?;
    Ok(ListReportsResponse { reports })
}

fn sanction_response(s: SanctionRecord) -> SanctionResponse {
    SanctionResponse {
        id: s.id,
        member: s.member,
        report_id: s.report_id,
        level: s.level,
        imposed_at: s.imposed_at,
        appeal_deadline: s.appeal_deadline,
        appeal: s.appeal,
    }
}

pub fn sanction(deps: Deps, sanction_id: u64) -> StdResult<SanctionResponse> {
    Ok(sanction_response(
        SANCTIONS.load(deps.storage, sanction_id)?,
    ))
}

pub fn list_sanctions(
    deps: Deps,
    member: Option<String>,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> StdResult<ListSanctionsResponse> {
    let start = after(start_after);
    let sanctions = match member {
        Some(m) => {
            let m = deps.api.addr_validate(&m)?;
            page(
                MEMBER_SANCTIONS
                    .prefix(&m)
                    .keys(deps.storage, start, None, Order::Ascending)
                    .map(|id| SANCTIONS.load(deps.storage, id?).map(sanction_response)),
                limit,
            )?
        }
        None => page(
            SANCTIONS
                .range(deps.storage, start, None, Order::Ascending)
                .map(|item| item.map(|(_, s)| sanction_response(s))),
            limit,
        )?,
    };
    Ok(ListSanctionsResponse { sanctions })
}
