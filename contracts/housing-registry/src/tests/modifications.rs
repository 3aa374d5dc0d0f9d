use super::*;
use crate::msg::{ModificationResponse, ModificationStatus, ModificationsResponse};

fn request(t: &mut T, who: &Addr, home_id: u64, category: &str, cost: u128) -> u64 {
    let res = t
        .exec(
            who,
            ExecuteMsg::RequestModification {
                home_id,
                category: category.to_string(),
                plan_hash: PLAN.to_string(),
                estimated_cost: Uint128::new(cost),
            },
        )
        .unwrap();
    attr(&res, "modification_id").parse().unwrap()
}

fn status(t: &T, home_id: u64, modification_id: u64) -> ModificationStatus {
    t.q::<ModificationResponse>(QueryMsg::Modification {
        home_id,
        modification_id,
    })
    .status
}

#[test]
fn within_guidelines_is_approved_at_once_otherwise_the_council_decides() {
    let mut t = T::new();
    let (holder, home) = t.housed("holder", 2, 2);
    let paint = request(&mut t, &holder, home, "paint", 500);
    assert_eq!(status(&t, home, paint), ModificationStatus::AutoApproved);
    let costly = request(&mut t, &holder, home, "paint", 501);
    let wall = request(&mut t, &holder, home, "wall", 10);
    assert_eq!(status(&t, home, costly), ModificationStatus::Pending);
    assert_eq!(status(&t, home, wall), ModificationStatus::Pending);

    let admin = t.admin.clone();
    t.exec(
        &admin,
        ExecuteMsg::DecideModification {
            home_id: home,
            modification_id: wall,
            approve: true,
        },
    )
    .unwrap();
    t.exec(
        &admin,
        ExecuteMsg::DecideModification {
            home_id: home,
            modification_id: costly,
            approve: false,
        },
    )
    .unwrap();
    assert_eq!(
        t.refused(
            &admin,
            ExecuteMsg::DecideModification {
                home_id: home,
                modification_id: paint,
                approve: false
            }
        ),
        ContractError::AlreadyDecided {
            modification_id: paint
        }
    );
    let history: ModificationsResponse = t.q(QueryMsg::ListModifications {
        home_id: home,
        start_after: Some(paint),
        limit: Some(5),
    });
    let statuses: Vec<_> = history.modifications.iter().map(|m| m.status).collect();
    assert_eq!(
        statuses,
        vec![ModificationStatus::Refused, ModificationStatus::Approved]
    );

    // New guidelines apply to new requests.
    t.exec(
        &admin,
        ExecuteMsg::SetGuidelines {
            guidelines: vec![Guideline {
                category: "wall".into(),
                max_cost: Uint128::new(50),
            }],
        },
    )
    .unwrap();
    let wall2 = request(&mut t, &holder, home, "wall", 50);
    assert_eq!(status(&t, home, wall2), ModificationStatus::AutoApproved);
}

#[test]
fn only_the_holder_requests_with_a_plan_hash() {
    let mut t = T::new();
    let (holder, home) = t.housed("holder", 2, 2);
    let admin = t.admin.clone();
    assert_eq!(
        t.refused(
            &admin,
            ExecuteMsg::RequestModification {
                home_id: home,
                category: "paint".into(),
                plan_hash: PLAN.into(),
                estimated_cost: Uint128::new(1)
            }
        ),
        ContractError::NotHolder { home_id: home }
    );
    assert!(matches!(
        t.refused(
            &holder,
            ExecuteMsg::RequestModification {
                home_id: home,
                category: "paint".into(),
                plan_hash: "plans.pdf".into(),
                estimated_cost: Uint128::new(1)
            }
        ),
        ContractError::InvalidInput { .. }
    ));
    let dup = vec![
        Guideline {
            category: "a".into(),
            max_cost: Uint128::one(),
        };
        2
    ];
    assert!(matches!(
        t.refused(&admin, ExecuteMsg::SetGuidelines { guidelines: dup }),
        ContractError::InvalidInput { .. }
    ));
}
