//! Allocation rounds. The formula, the walk and the bound on a round's work are documented in
//! [`crate::score`].

use cosmwasm_std::{
    Addr, DepsMut, Env, Event, Order, QuerierWrapper, Response, StdResult, Storage, Timestamp,
};
use cw_storage_plus::Bound;

use crate::attributes as attr;
use crate::error::ContractError;
use crate::execute::fees::Clock;
use crate::execute::tenancy;
use crate::helpers::is_member;
use crate::profile::{FeatureSet, Profile};
use crate::queue::{dequeue, heads_needing};
use crate::score::{profile_score, MAX_HOUSEHOLD, MAX_LAPSED_PER_HOME, MAX_ROUND_HOMES};
use crate::state::{
    Head, Home, APPLICATIONS, CONFIG, HOMES, HOME_OF, QUEUE_ORDER, ROUND_CURSOR, VACANT,
};

/// The first applicant of one home in the published order: the head of a profile.
struct Candidate {
    total: u64,
    seq: u64,
    profile: Profile,
}

impl Candidate {
    /// Ranked by `(total desc, seq asc)`.
    fn outranks(&self, other: &Candidate) -> bool {
        self.total > other.total || (self.total == other.total && self.seq < other.seq)
    }
}

/// The profile heads a round has read, by rooms needed: each household size is read at most
/// once per round and kept current as applicants leave the queue.
#[derive(Default)]
struct RoundHeads {
    by_rooms: Vec<(u32, Vec<(u8, Head)>)>,
}

impl RoundHeads {
    /// The heads of the profiles needing `rooms` rooms, read from storage the first time.
    fn needing(&mut self, storage: &dyn Storage, rooms: u32) -> StdResult<&[(u8, Head)]> {
        let at = match self.by_rooms.iter().position(|(r, _)| *r == rooms) {
            Some(at) => at,
            None => {
                self.by_rooms.push((rooms, heads_needing(storage, rooms)?));
                self.by_rooms.len() - 1
            }
        };
        Ok(self
            .by_rooms
            .get(at)
            .map_or(&[], |(_, heads)| heads.as_slice()))
    }

    /// Records `profile`'s head after an applicant of it left the queue (a size not read yet
    /// will be read as it is now).
    fn replace(&mut self, profile: Profile, head: Option<Head>) {
        let Some((_, heads)) = self.by_rooms.iter_mut().find(|(r, _)| *r == profile.rooms) else {
            return;
        };
        let needs = profile.needs.bits();
        let at = heads.partition_point(|(n, _)| *n < needs);
        if heads.get(at).is_some_and(|(n, _)| *n == needs) {
            heads.remove(at);
        }
        if let Some(head) = head {
            heads.insert(at, (needs, head));
        }
    }
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

/// The first applicant `home` fits in the published order: the best-scoring head among the
/// profiles whose households the home fits.
fn best_candidate(
    storage: &dyn Storage,
    heads: &mut RoundHeads,
    home: &Home,
    now: Timestamp,
) -> StdResult<Option<Candidate>> {
    let mut best: Option<Candidate> = None;
    for rooms in 1..=home.rooms.min(MAX_HOUSEHOLD) {
        for (needs, head) in heads.needing(storage, rooms)? {
            let profile = Profile {
                rooms,
                needs: FeatureSet::from_bits(*needs),
            };
            let s = profile_score(profile, head.applied_at, home, now);
            if s.ineligible.is_some() {
                continue;
            }
            let candidate = Candidate {
                total: s.total,
                seq: head.seq,
                profile,
            };
            if best.as_ref().is_none_or(|b| candidate.outranks(b)) {
                best = Some(candidate);
            }
        }
    }
    Ok(best)
}

/// Gives `home_id` to the first applicant it fits who is still a member; applications of
/// former members met on the way lapse, at most `MAX_LAPSED_PER_HOME` of them. Answers
/// whether the home was allocated.
fn allocate_home(
    storage: &mut dyn Storage,
    querier: &QuerierWrapper,
    membership: &Addr,
    heads: &mut RoundHeads,
    home_id: u64,
    clock: &Clock,
    events: &mut Vec<Event>,
) -> Result<bool, ContractError> {
    let now = clock.time;
    let home = HOMES.load(storage, home_id)?;
    let mut lapsed = 0;
    while lapsed < MAX_LAPSED_PER_HOME {
        let Some(c) = best_candidate(storage, heads, &home, now)? else {
            return Ok(false);
        };
        let applicant = QUEUE_ORDER.load(storage, c.seq)?;
        let application = APPLICATIONS.load(storage, &applicant)?;
        let next = dequeue(storage, &applicant, &application)?;
        heads.replace(c.profile, next);
        if !is_member(querier, membership, &applicant)? {
            events.push(
                Event::new(attr::EVENT_LAPSED_APPLICATION)
                    .add_attribute(attr::APPLICANT, applicant.as_str()),
            );
            lapsed += 1;
            continue;
        }
        let mut event = Event::new(attr::EVENT_ALLOCATION)
            .add_attribute(attr::HOME_ID, home_id.to_string())
            .add_attribute(attr::HOLDER, applicant.as_str())
            .add_attribute(attr::SCORE, c.total.to_string())
            .add_attribute(attr::QUEUE_POSITION, c.seq.to_string());
        // A holder who applied is moving: the old home goes back in the same step.
        if let Some(previous) = HOME_OF.may_load(storage, &applicant)? {
            tenancy::end(storage, previous, clock)?;
            event = event.add_attribute(attr::PREVIOUS_HOME_ID, previous.to_string());
        }
        tenancy::grant(
            storage,
            &applicant,
            home_id,
            application.household_size,
            clock,
        )?;
        events.push(event);
        return Ok(true);
    }
    Ok(false)
}

pub fn allocate_round(deps: DepsMut, env: Env, limit: u32) -> Result<Response, ContractError> {
    if limit == 0 || limit > MAX_ROUND_HOMES {
        return Err(ContractError::InvalidRoundLimit {
            max: MAX_ROUND_HOMES,
        });
    }
    let config = CONFIG.load(deps.storage)?;
    let home_ids = round_homes(deps.storage, limit as usize)?;
    let mut heads = RoundHeads::default();
    let mut events = vec![];
    let mut allocated = 0u32;
    let clock = Clock::new(deps.storage, deps.querier, env.block.time)?;
    for &home_id in &home_ids {
        if allocate_home(
            deps.storage,
            &deps.querier,
            &config.membership,
            &mut heads,
            home_id,
            &clock,
            &mut events,
        )? {
            allocated += 1;
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
