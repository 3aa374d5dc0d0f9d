//! Allocation rounds. The formula and the walk are documented in [`crate::score`].

use cosmwasm_std::{Addr, DepsMut, Env, Event, Order, Response, StdResult, Storage, Timestamp};
use cw_storage_plus::Bound;

use crate::attributes as attr;
use crate::error::ContractError;
use crate::execute::{applications::remove_application, tenancy};
use crate::helpers::is_member;
use crate::score::{score, MAX_HOUSEHOLD, MAX_ROUND_HOMES, SCAN_PER_SIZE};
use crate::state::{
    Application, Home, APPLICATIONS, CONFIG, HOMES, HOME_OF, QUEUE, ROUND_CURSOR, VACANT,
};

/// An eligible applicant for one home, ranked by `(total desc, seq asc)`.
pub struct Candidate {
    pub total: u64,
    pub seq: u64,
    pub applicant: Addr,
    pub application: Application,
}

/// The vacant homes the next round of `limit` looks at, in order.
pub fn round_homes(storage: &dyn Storage, limit: usize) -> StdResult<Vec<u64>> {
    let cursor = ROUND_CURSOR.may_load(storage)?;
    let mut ids: Vec<u64> = VACANT
        .keys(
            storage,
            cursor.map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(limit)
        .collect::<StdResult<_>>()?;
    if let Some(cursor) = cursor {
        let wrapped = VACANT
            .keys(
                storage,
                None,
                Some(Bound::inclusive(cursor)),
                Order::Ascending,
            )
            .take(limit - ids.len())
            .collect::<StdResult<Vec<_>>>()?;
        ids.extend(wrapped);
    }
    Ok(ids)
}

/// Eligible candidates for `home`, best first. Reads at most `SCAN_PER_SIZE` applicants per
/// household size the home fits.
pub fn ranked_candidates(
    storage: &dyn Storage,
    home: &Home,
    now: Timestamp,
) -> StdResult<Vec<Candidate>> {
    let mut candidates = vec![];
    for size in 1..=home.rooms.min(MAX_HOUSEHOLD) {
        let oldest = QUEUE
            .prefix(size)
            .range(storage, None, None, Order::Ascending)
            .take(SCAN_PER_SIZE)
            .collect::<StdResult<Vec<_>>>()?;
        for (seq, applicant) in oldest {
            let application = APPLICATIONS.load(storage, &applicant)?;
            let s = score(&application, home, now);
            if s.ineligible.is_none() {
                // Kept in rank order as they come, ties in arrival order like a stable sort (a
                // `sort_by` would link ~5 KiB of sort code).
                let at = candidates.partition_point(|c: &Candidate| {
                    c.total > s.total || (c.total == s.total && c.seq <= seq)
                });
                candidates.insert(
                    at,
                    Candidate {
                        total: s.total,
                        seq,
                        applicant,
                        application,
                    },
                );
            }
        }
    }
    Ok(candidates)
}

pub fn allocate_round(deps: DepsMut, env: Env, limit: u32) -> Result<Response, ContractError> {
    if limit == 0 || limit > MAX_ROUND_HOMES {
        return Err(ContractError::InvalidRoundLimit {
            max: MAX_ROUND_HOMES,
        });
    }
    let config = CONFIG.load(deps.storage)?;
    let now = env.block.time;
    let home_ids = round_homes(deps.storage, limit as usize)?;
    let mut events = vec![];
    let mut allocated = 0u32;
    for &home_id in &home_ids {
        let home = HOMES.load(deps.storage, home_id)?;
        for c in ranked_candidates(deps.storage, &home, now)? {
            remove_application(deps.storage, &c.applicant, &c.application);
            if !is_member(&deps.querier, &config.membership, &c.applicant)? {
                events.push(
                    Event::new(attr::EVENT_LAPSED_APPLICATION)
                        .add_attribute(attr::APPLICANT, c.applicant.as_str()),
                );
                continue;
            }
            let mut event = Event::new(attr::EVENT_ALLOCATION)
                .add_attribute(attr::HOME_ID, home_id.to_string())
                .add_attribute(attr::HOLDER, c.applicant.as_str())
                .add_attribute(attr::SCORE, c.total.to_string())
                .add_attribute(attr::QUEUE_POSITION, c.seq.to_string());
            // A holder who applied is moving: the old home goes back in the same step.
            if let Some(previous) = HOME_OF.may_load(deps.storage, &c.applicant)? {
                tenancy::end(deps.storage, previous, now)?;
                event = event.add_attribute(attr::PREVIOUS_HOME_ID, previous.to_string());
            }
            tenancy::grant(
                deps.storage,
                &c.applicant,
                home_id,
                c.application.household_size,
                now,
            )?;
            events.push(event);
            allocated += 1;
            break;
        }
    }
    if let Some(last) = home_ids.last() {
        ROUND_CURSOR.save(deps.storage, last)?;
    }
    Ok(Response::new()
        .add_events(events)
        .add_attribute(attr::ACTION, attr::ALLOCATE_ROUND)
        .add_attribute(attr::HOMES_CONSIDERED, home_ids.len().to_string())
        .add_attribute(attr::ALLOCATED, allocated.to_string()))
}
