//! Property test of the allocation's fairness over random applications (household sizes and
//! needs), updates, withdrawals, members leaving and rejoining, homes and time: after a round
//! no vacant home stands empty while an applicant it fits waits, and every home went to the
//! first applicant it fits in the published order (highest score, then the earlier
//! application), former members' applications lapsing on the way. An update keeps its place
//! only if the need profile stays (no waiting time is banked in another profile). After every
//! step the queue's indexes agree with the applications. The score's weights are the published
//! ones or random valid ones, and the admin changes them between rounds: the property holds for
//! any weights `score::validate_weights` accepts.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::weights::valid_weights;
use super::*;
use crate::msg::{ApplicationResponse, ApplicationsResponse, HomesResponse, ScoreResponse};
use crate::profile::Profile;
use crate::score::{DEFAULT_WEIGHTS, MAX_LAPSED_PER_HOME, MAX_ROUND_HOMES};
use crate::state::{Head, APPLICATIONS, HEADS, QUEUE, QUEUE_ORDER, ROUND_CURSOR};

const PEOPLE: usize = 14;
/// Needs and home features are drawn from these three: profiles repeat, so queues get long and
/// the oldest of a size often need something a home lacks.
const FEATURES: [Accessibility; 3] = [
    Accessibility::StepFree,
    Accessibility::Elevator,
    Accessibility::GroundFloor,
];

#[derive(Debug, Clone)]
enum Op {
    Apply(usize, u32, u8),
    Update(usize, u32, u8),
    Withdraw(usize),
    Leave(usize),
    Join(usize),
    Register(u32, u8),
    Advance(u64),
    Round,
    Reweigh(ScoreWeights),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        5 => ((0..PEOPLE), 1u32..4, 0u8..8).prop_map(|(i, s, n)| Op::Apply(i, s, n)),
        1 => ((0..PEOPLE), 1u32..4, 0u8..8).prop_map(|(i, s, n)| Op::Update(i, s, n)),
        1 => (0..PEOPLE).prop_map(Op::Withdraw),
        1 => (0..PEOPLE).prop_map(Op::Leave),
        1 => (0..PEOPLE).prop_map(Op::Join),
        2 => (1u32..5, 0u8..8).prop_map(|(r, f)| Op::Register(r, f)),
        1 => (0u64..30).prop_map(Op::Advance),
        2 => Just(Op::Round),
        1 => valid_weights().prop_map(Op::Reweigh),
    ]
}

/// The features of `mask`, one bit per entry of `FEATURES`.
fn features(mask: u8) -> Vec<Accessibility> {
    FEATURES
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, f)| *f)
        .collect()
}

/// Every open application, in queue order.
fn waiting(t: &T) -> Vec<ApplicationResponse> {
    let mut all: Vec<ApplicationResponse> = vec![];
    loop {
        let page: ApplicationsResponse = t.q(QueryMsg::ListApplications {
            start_after: all.last().map(|a| a.queue_position),
            limit: Some(30),
        });
        let done = page.applications.len() < 30;
        all.extend(page.applications);
        if done {
            return all;
        }
    }
}

/// Homes that are available and held by nobody, by id.
fn vacant(t: &T) -> Vec<u64> {
    let mut homes = vec![];
    let mut start_after = None;
    loop {
        let page: HomesResponse = t.q(QueryMsg::ListHomes {
            start_after,
            limit: Some(30),
        });
        start_after = page.homes.last().map(|h| h.home_id);
        let done = page.homes.len() < 30;
        homes.extend(
            page.homes
                .into_iter()
                .filter(|h| h.status == HomeStatus::Available && h.holder.is_none())
                .map(|h| h.home_id),
        );
        if done {
            return homes;
        }
    }
}

fn score_of(t: &T, who: &str, home_id: u64) -> ScoreResponse {
    t.q(QueryMsg::Score {
        applicant: who.to_string(),
        home_id,
    })
}

/// What a round over every vacant home must do, as its events in order (`"home <- applicant"`
/// or `"lapsed applicant"`), and whether a home met `MAX_LAPSED_PER_HOME` lapses: homes after
/// the previous round's cursor first, each to the eligible applicant with the highest score,
/// ties to the lower queue position, among those still waiting; a former member's application
/// lapses instead and the next is taken.
fn expected_round(t: &T) -> (Vec<String>, bool) {
    let cursor = ROUND_CURSOR.may_load(&t.deps.storage).unwrap().unwrap_or(0);
    let (after, before): (Vec<u64>, Vec<u64>) = vacant(t).into_iter().partition(|&h| h > cursor);
    let mut remaining = waiting(t);
    let mut events = vec![];
    let mut capped = false;
    for home in after.into_iter().chain(before) {
        let mut lapsed = 0;
        while lapsed < MAX_LAPSED_PER_HOME {
            let best = remaining
                .iter()
                .enumerate()
                .map(|(k, a)| (k, score_of(t, &a.applicant, home)))
                .filter(|(_, s)| s.eligible)
                .max_by(|(_, x), (_, y)| {
                    x.total
                        .cmp(&y.total)
                        .then(y.queue_position.cmp(&x.queue_position))
                });
            let Some((k, _)) = best else { break };
            let who = remaining.remove(k).applicant;
            if t.members.borrow().contains(&who) {
                events.push(format!("{home} <- {who}"));
                break;
            }
            events.push(format!("lapsed {who}"));
            lapsed += 1;
        }
        capped |= lapsed == MAX_LAPSED_PER_HOME;
    }
    (events, capped)
}

/// The round's allocation and lapse events, in order, written like `expected_round`'s.
fn round_events(res: &Response) -> Vec<String> {
    let value = |e: &cosmwasm_std::Event, key: &str| {
        e.attributes
            .iter()
            .find(|a| a.key == key)
            .map(|a| a.value.clone())
            .unwrap_or_default()
    };
    res.events
        .iter()
        .filter_map(|e| match e.ty.as_str() {
            "housing_allocation" => {
                Some(format!("{} <- {}", value(e, "home_id"), value(e, "holder")))
            }
            "housing_lapsed_application" => Some(format!("lapsed {}", value(e, "applicant"))),
            _ => None,
        })
        .collect()
}

/// Every application is in `QUEUE_ORDER` and its profile's `QUEUE`, nothing else is, and
/// `HEADS` holds exactly the oldest of every profile anyone waits in.
fn assert_indexes_agree(t: &T) {
    let storage = &t.deps.storage;
    let apps: Vec<(Addr, crate::state::Application)> = APPLICATIONS
        .range(storage, None, None, Order::Ascending)
        .map(|r| r.unwrap())
        .collect();
    let mut oldest: BTreeMap<(u32, u8), Head> = BTreeMap::new();
    for (who, app) in &apps {
        let p = Profile::of(app);
        assert_eq!(QUEUE_ORDER.load(storage, app.seq).unwrap(), *who);
        let key = (p.rooms, p.needs.bits(), app.seq);
        assert_eq!(QUEUE.load(storage, key).unwrap(), *who);
        let head = oldest
            .entry((p.rooms, p.needs.bits()))
            .or_insert_with(|| Head {
                seq: app.seq,
                applied_at: app.applied_at,
            });
        if app.seq < head.seq {
            *head = Head {
                seq: app.seq,
                applied_at: app.applied_at,
            };
        }
    }
    let count = |n: usize| assert_eq!(n, apps.len(), "an index has entries of no application");
    count(
        QUEUE_ORDER
            .keys(storage, None, None, Order::Ascending)
            .count(),
    );
    count(QUEUE.keys(storage, None, None, Order::Ascending).count());
    let heads: BTreeMap<(u32, u8), Head> = HEADS
        .range(storage, None, None, Order::Ascending)
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(heads, oldest, "HEADS are not the oldest of each profile");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]
    #[test]
    fn every_home_goes_to_the_first_applicant_it_fits(
        weights in prop_oneof![1 => Just(DEFAULT_WEIGHTS), 3 => valid_weights()],
        ops in proptest::collection::vec(op(), 1..80)
    ) {
        let mut t = T::new();
        let admin = t.admin.clone();
        let people: Vec<Addr> = (0..PEOPLE).map(|i| t.join(&format!("p{i}"))).collect();
        let reweigh = |t: &mut T, weights| {
            t.exec(&admin, ExecuteMsg::UpdateConfig {
                treasury: None,
                fees: None,
                guest: None,
                grace_period_seconds: None,
                score_weights: Some(weights),
            })
            .unwrap();
        };
        reweigh(&mut t, weights);
        for op in ops {
            match op {
                Op::Apply(i, size, needs) => {
                    // Holders who apply move and free a home mid-round: left out here, the
                    // property is about who waits.
                    if t.home_of(&people[i]).is_none() {
                        let _ = t.exec(&people[i], ExecuteMsg::Apply {
                            household_size: size,
                            needs: features(needs),
                            evidence_commitment: None,
                        });
                    }
                }
                Op::Update(i, size, needs) => {
                    let before = waiting(&t);
                    let mine = before.iter().find(|a| a.applicant == people[i].as_str()).cloned();
                    let updated = t.exec(&people[i], ExecuteMsg::UpdateApplication {
                        household_size: size,
                        needs: features(needs),
                        evidence_commitment: None,
                    });
                    if let (Ok(_), Some(old)) = (updated, mine) {
                        let now: ApplicationResponse = t.q(QueryMsg::Application {
                            applicant: people[i].to_string(),
                        });
                        let same_profile =
                            old.household_size == size && old.needs == features(needs);
                        if same_profile {
                            // Only the evidence may change in place: the wait is kept.
                            prop_assert_eq!(
                                (now.queue_position, now.applied_at),
                                (old.queue_position, old.applied_at)
                            );
                        } else {
                            // A new profile waits from now, behind everyone already waiting.
                            prop_assert_eq!(now.applied_at, t.env.block.time);
                            prop_assert!(before.iter().all(|a| a.queue_position < now.queue_position));
                        }
                    }
                }
                Op::Withdraw(i) => {
                    let _ = t.exec(&people[i], ExecuteMsg::WithdrawApplication {});
                }
                Op::Leave(i) => t.leave(&people[i]),
                Op::Join(i) => {
                    t.members.borrow_mut().insert(people[i].to_string());
                }
                Op::Register(rooms, offered) => {
                    // A round looks at every vacant home only while there are at most
                    // `MAX_ROUND_HOMES` of them.
                    if vacant(&t).len() < MAX_ROUND_HOMES as usize {
                        t.register(rooms, features(offered));
                    }
                }
                Op::Advance(days) => t.advance_days(days),
                Op::Reweigh(weights) => reweigh(&mut t, weights),
                Op::Round => {
                    let (expected, capped) = expected_round(&t);
                    let res = t.round(MAX_ROUND_HOMES);
                    prop_assert_eq!(round_events(&res), expected);
                    // A home that met too many lapses waits for the next round.
                    if !capped {
                        let still_waiting = waiting(&t);
                        for home in vacant(&t) {
                            for a in &still_waiting {
                                prop_assert!(
                                    !score_of(&t, &a.applicant, home).eligible,
                                    "{} waits while home {} fits and stands empty",
                                    a.applicant,
                                    home
                                );
                            }
                        }
                    }
                }
            }
            assert_indexes_agree(&t);
        }
    }
}
