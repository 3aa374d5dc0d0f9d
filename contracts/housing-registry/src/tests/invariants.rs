//! Property test over random histories: no home ever has two holders, no member holds two
//! homes, and no admin message ever removes a current member's home.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;
use crate::state::{HOMES, HOME_OF, NUM_RIGHTS, RIGHTS};

const PEOPLE: usize = 6;

#[derive(Debug, Clone)]
enum Op {
    Join(usize),
    Leave(usize),
    Apply(usize, u32),
    Withdraw(usize),
    Round(u32),
    Relinquish(usize),
    Swap(usize, usize),
    Check(u64),
    Reclaim(u64),
    Register(u32),
    Advance(u64),
    Admin(u8, u64),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..PEOPLE).prop_map(Op::Join),
        (0..PEOPLE).prop_map(Op::Leave),
        ((0..PEOPLE), 1u32..4).prop_map(|(i, s)| Op::Apply(i, s)),
        (0..PEOPLE).prop_map(Op::Withdraw),
        (1u32..4).prop_map(Op::Round),
        (0..PEOPLE).prop_map(Op::Relinquish),
        ((0..PEOPLE), (0..PEOPLE)).prop_map(|(i, k)| Op::Swap(i, k)),
        (1u64..7).prop_map(Op::Check),
        (1u64..7).prop_map(Op::Reclaim),
        (1u32..4).prop_map(Op::Register),
        (0u64..40).prop_map(Op::Advance),
        ((0u8..6), (1u64..7)).prop_map(|(k, h)| Op::Admin(k, h)),
    ]
}

fn admin_attack(kind: u8, home_id: u64, t: &T) -> ExecuteMsg {
    match kind {
        0 => ExecuteMsg::UpdateHome {
            home_id,
            rooms: Some(1),
            accessibility: None,
            zone: None,
            status: Some(HomeStatus::Available),
        },
        1 => ExecuteMsg::UpdateHome {
            home_id,
            rooms: None,
            accessibility: None,
            zone: None,
            status: Some(HomeStatus::UnderRepair),
        },
        2 => ExecuteMsg::Relinquish { home_id },
        3 => ExecuteMsg::ReclaimHome { home_id },
        4 => ExecuteMsg::TransferNft {
            recipient: t.admin.to_string(),
            token_id: home_id.to_string(),
        },
        _ => ExecuteMsg::Burn {
            token_id: home_id.to_string(),
        },
    }
}

fn holders(t: &T) -> BTreeMap<u64, Addr> {
    RIGHTS
        .range(&t.deps.storage, None, None, Order::Ascending)
        .map(|r| r.map(|(id, right)| (id, right.holder)).unwrap())
        .collect()
}

fn assert_one_to_one(t: &T) {
    let rights = holders(t);
    let home_of: BTreeMap<Addr, u64> = HOME_OF
        .range(&t.deps.storage, None, None, Order::Ascending)
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(rights.len(), home_of.len(), "a holder with two homes");
    for (home, holder) in &rights {
        assert_eq!(home_of.get(holder), Some(home));
    }
    assert_eq!(
        NUM_RIGHTS.load(&t.deps.storage).unwrap(),
        rights.len() as u64
    );
    for item in HOMES.range(&t.deps.storage, None, None, Order::Ascending) {
        let (id, home) = item.unwrap();
        assert_eq!(
            home.status == HomeStatus::Occupied,
            rights.contains_key(&id),
            "status of home {id}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn rights_stay_one_to_one_and_members_keep_their_homes(
        ops in proptest::collection::vec(op(), 1..60)
    ) {
        let mut t = T::new();
        let people: Vec<Addr> = (0..PEOPLE).map(|i| t.join(&format!("p{i}"))).collect();
        for rooms in [1, 2, 3] {
            t.register(rooms, vec![]);
        }
        // Start with three holders so every history has rights to attack.
        for (i, size) in [1u32, 2, 3].into_iter().enumerate() {
            t.apply(&people[i], size, vec![]);
        }
        t.round(3);
        prop_assert_eq!(holders(&t).len(), 3);
        let anyone = t.addr("anyone");
        let admin = t.admin.clone();
        for op in ops {
            let before = holders(&t);
            let is_member = |t: &T, a: &Addr| t.members.borrow().contains(a.as_str());
            let member_holders: Vec<(u64, Addr)> = before
                .iter()
                .filter(|(_, a)| is_member(&t, a))
                .map(|(h, a)| (*h, a.clone()))
                .collect();
            // Who, if anyone, may lose or change a home by this op (only by their own act).
            let mut consenting: Vec<Addr> = vec![];
            match op.clone() {
                Op::Join(i) => {
                    t.members.borrow_mut().insert(people[i].to_string());
                }
                Op::Leave(i) => t.leave(&people[i]),
                Op::Apply(i, size) => {
                    let _ = t.exec(&people[i], ExecuteMsg::Apply {
                        household_size: size,
                        needs: vec![],
                        evidence_commitment: None,
                    });
                }
                Op::Withdraw(i) => {
                    let _ = t.exec(&people[i], ExecuteMsg::WithdrawApplication {});
                }
                Op::Round(limit) => {
                    // Holders who applied move, by their own application.
                    consenting = people.clone();
                    let _ = t.exec(&anyone, ExecuteMsg::AllocateRound { limit });
                }
                Op::Relinquish(i) => {
                    consenting.push(people[i].clone());
                    if let Some(home_id) = t.home_of(&people[i]) {
                        t.exec(&people[i], ExecuteMsg::Relinquish { home_id }).unwrap();
                    }
                }
                Op::Swap(i, k) => {
                    consenting.push(people[i].clone());
                    consenting.push(people[k].clone());
                    if let (Some(a), Some(b)) = (t.home_of(&people[i]), t.home_of(&people[k])) {
                        if t.exec(&people[i], ExecuteMsg::ProposeSwap { home_id: a, with_home_id: b }).is_ok() {
                            t.exec(&people[k], ExecuteMsg::AcceptSwap { home_id: b, with_home_id: a }).unwrap();
                        }
                    }
                }
                Op::Check(h) => {
                    let _ = t.exec(&anyone, ExecuteMsg::CheckMembership { home_id: h });
                }
                Op::Reclaim(h) => {
                    let _ = t.exec(&anyone, ExecuteMsg::ReclaimHome { home_id: h });
                }
                Op::Register(rooms) => {
                    t.register(rooms, vec![]);
                }
                Op::Advance(days) => t.advance_days(days),
                Op::Admin(kind, h) => {
                    let msg = admin_attack(kind, h, &t);
                    let _ = t.exec(&admin, msg);
                    if matches!(admin_attack(kind, h, &t), ExecuteMsg::ReclaimHome { .. }) {
                        // Anyone may reclaim a former member's home once the grace period is
                        // over; the admin may do no more than anyone: members keep theirs.
                        let after = holders(&t);
                        for (home, holder) in &member_holders {
                            prop_assert_eq!(after.get(home), Some(holder));
                        }
                    } else {
                        // Nothing else an admin sends changes any right of use, member or not.
                        prop_assert_eq!(&before, &holders(&t));
                    }
                }
            }
            assert_one_to_one(&t);
            let after = holders(&t);
            for (home, holder) in member_holders {
                if consenting.contains(&holder) {
                    continue;
                }
                prop_assert_eq!(after.get(&home), Some(&holder), "a member lost home {}", home);
            }
            // A holder who moved by allocation still has a home.
            if matches!(op, Op::Round(_)) {
                for holder in before.values().filter(|a| is_member(&t, a)) {
                    prop_assert!(t.home_of(holder).is_some());
                }
            }
        }
    }
}
