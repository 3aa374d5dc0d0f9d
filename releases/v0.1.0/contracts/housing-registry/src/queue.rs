//! The waiting queue, changed only here. An open application is in `APPLICATIONS`, in
//! `QUEUE_ORDER` (arrival order) and in its need profile's `QUEUE`; the oldest of every profile
//! is in `HEADS`. `enqueue` and `dequeue` change all four together, with a bounded number of
//! reads and writes.

use cosmwasm_std::{Addr, Order, StdResult, Storage};

use crate::profile::Profile;
use crate::state::{Application, Head, APPLICATIONS, HEADS, QUEUE, QUEUE_ORDER};

fn head_key(profile: Profile) -> (u32, u8) {
    (profile.rooms, profile.needs.bits())
}

/// Saves `app` (new, or updated after `dequeue`) and puts it in its profile's queue.
pub fn enqueue(storage: &mut dyn Storage, applicant: &Addr, app: &Application) -> StdResult<()> {
    let profile = Profile::of(app);
    APPLICATIONS.save(storage, applicant, app)?;
    QUEUE_ORDER.save(storage, app.seq, applicant)?;
    QUEUE.save(
        storage,
        (profile.rooms, profile.needs.bits(), app.seq),
        applicant,
    )?;
    // An updated application keeps its place, so it may be older than the profile's head.
    let head = HEADS.may_load(storage, head_key(profile))?;
    if head.is_none_or(|h| app.seq < h.seq) {
        let head = Head {
            seq: app.seq,
            applied_at: app.applied_at,
        };
        HEADS.save(storage, head_key(profile), &head)?;
    }
    Ok(())
}

/// Takes `applicant`'s application out of every index; answers its profile's head afterwards.
pub fn dequeue(
    storage: &mut dyn Storage,
    applicant: &Addr,
    app: &Application,
) -> StdResult<Option<Head>> {
    let profile = Profile::of(app);
    APPLICATIONS.remove(storage, applicant);
    QUEUE_ORDER.remove(storage, app.seq);
    QUEUE.remove(storage, (profile.rooms, profile.needs.bits(), app.seq));
    let head = HEADS.may_load(storage, head_key(profile))?;
    if head.as_ref().is_some_and(|h| h.seq != app.seq) {
        return Ok(head);
    }
    let next = oldest(storage, profile)?;
    match &next {
        Some(head) => HEADS.save(storage, head_key(profile), head)?,
        None => HEADS.remove(storage, head_key(profile)),
    }
    Ok(next)
}

/// The oldest applicant waiting in `profile`'s queue.
fn oldest(storage: &dyn Storage, profile: Profile) -> StdResult<Option<Head>> {
    let first = QUEUE
        .prefix((profile.rooms, profile.needs.bits()))
        .range(storage, None, None, Order::Ascending)
        .next()
        .transpose()?;
    let Some((seq, applicant)) = first else {
        return Ok(None);
    };
    let applied_at = APPLICATIONS.load(storage, &applicant)?.applied_at;
    Ok(Some(Head { seq, applied_at }))
}

/// The heads of every profile of households that need `rooms` rooms, by needs bits: at most
/// `PROFILES_PER_SIZE` (64).
pub fn heads_needing(storage: &dyn Storage, rooms: u32) -> StdResult<Vec<(u8, Head)>> {
    HEADS
        .prefix(rooms)
        .range(storage, None, None, Order::Ascending)
        .collect()
}
