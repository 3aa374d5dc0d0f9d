//! The admin (later the council) steers within published bounds; nobody else can.

use super::*;
use crate::msg::{DemurrageResponse, GovernanceResponse};

#[test]
fn rate_and_period_have_a_hard_ceiling() {
    let mut t = Token::new();
    let admin = t.admin.clone();
    let before = t.storage_snapshot();
    for (rate, period) in [
        (Decimal::percent(1), DAY),  // 365% a year
        (Decimal::permille(1), 10),  // period too short
        (Decimal::one(), 365 * DAY), // everything at once
    ] {
        assert!(t
            .exec(
                &admin,
                ExecuteMsg::UpdateDemurrage(DemurrageParams {
                    rate,
                    period_seconds: period
                })
            )
            .is_err());
    }
    assert_eq!(t.storage_snapshot(), before);
    t.exec(
        &admin,
        ExecuteMsg::UpdateDemurrage(DemurrageParams {
            rate: Decimal::percent(1),
            period_seconds: 30 * DAY,
        }),
    )
    .unwrap();
    let d: DemurrageResponse = t.query(QueryMsg::Demurrage {});
    assert_eq!((d.rate, d.period_seconds), (Decimal::percent(1), 30 * DAY));
}

#[test]
fn admin_transfer_takes_two_steps() {
    let mut t = Token::new();
    let (admin, carol) = (t.admin.clone(), t.carol.clone());
    let council = t.addr("council");
    let res = t
        .exec(
            &admin,
            ExecuteMsg::ProposeAdmin {
                admin: Some(council.to_string()),
            },
        )
        .unwrap();
    assert_eq!(
        res.attributes,
        dac_common::admin::propose_attributes(&admin, Some(&council))
    );
    assert!(t.exec(&carol, ExecuteMsg::AcceptAdmin {}).is_err());
    let g: GovernanceResponse = t.query(QueryMsg::Governance {});
    assert_eq!(
        (g.admin, g.pending_admin),
        (admin.to_string(), Some(council.to_string()))
    );
    let res = t.exec(&council, ExecuteMsg::AcceptAdmin {}).unwrap();
    assert_eq!(
        res.attributes,
        dac_common::admin::accept_attributes(&council)
    );
    t.exec(
        &council,
        ExecuteMsg::UpdateMembershipAuthority {
            authority: council.to_string(),
        },
    )
    .unwrap();
    t.exec(&council, ExecuteMsg::UpdateIncomeWindow { periods: 7 })
        .unwrap();
    let g: GovernanceResponse = t.query(QueryMsg::Governance {});
    assert_eq!(g.admin, council.to_string());
    assert_eq!(g.membership_authority, council.to_string());
    let d: DemurrageResponse = t.query(QueryMsg::Demurrage {});
    assert_eq!(d.income_window_periods, 7);
    assert!(
        t.exec(&admin, ExecuteMsg::UpdateIncomeWindow { periods: 8 })
            .is_err(),
        "the old admin lost its power"
    );
    assert_eq!(
        t.exec(&council, ExecuteMsg::UpdateIncomeWindow { periods: 0 }),
        Err(ContractError::IncomeWindow {
            max: crate::ledger::MAX_INCOME_WINDOW_PERIODS
        })
    );
}

#[test]
fn migrate_refuses_downgrades_other_contracts_and_unknown_layouts_changing_nothing() {
    use crate::error::ContractError;
    use dac_common::migrate::{MigrateError, STATE_VERSION};
    assert_eq!(
        crate::contract::CONTRACT_NAME,
        "crates.io:dac-demurrage-token"
    );
    let mut t = Token::new();
    let env = t.env.clone();
    let mut migrate = |t: &mut Token| {
        crate::contract::migrate(t.deps.as_mut(), env.clone(), crate::msg::MigrateMsg {})
    };
    migrate(&mut t).unwrap();
    let refused =
        |t: &mut Token, migrate: &mut dyn FnMut(&mut Token) -> Result<_, ContractError>| {
            let before = t
                .deps
                .storage
                .range(None, None, cosmwasm_std::Order::Ascending)
                .collect::<Vec<_>>();
            let err = migrate(t).unwrap_err();
            let after = t
                .deps
                .storage
                .range(None, None, cosmwasm_std::Order::Ascending)
                .collect::<Vec<_>>();
            assert_eq!(before, after, "a refused migration changes nothing");
            err
        };

    cw2::set_contract_version(
        &mut t.deps.storage,
        crate::contract::CONTRACT_NAME,
        "99.0.0",
    )
    .unwrap();
    assert_eq!(
        refused(&mut t, &mut migrate),
        ContractError::Migrate(MigrateError::Downgrade {
            stored: "99.0.0".into(),
            new: crate::contract::CONTRACT_VERSION.into()
        })
    );
    cw2::set_contract_version(&mut t.deps.storage, crate::contract::CONTRACT_NAME, "0.1.0")
        .unwrap();
    STATE_VERSION.save(&mut t.deps.storage, &7).unwrap();
    assert_eq!(
        refused(&mut t, &mut migrate),
        ContractError::Migrate(MigrateError::NewerLayout {
            stored: 7,
            current: crate::contract::RELEASE.layout
        })
    );
    STATE_VERSION.save(&mut t.deps.storage, &0).unwrap();
    assert_eq!(
        refused(&mut t, &mut migrate),
        ContractError::Migrate(MigrateError::UnknownLayout {
            stored: 0,
            oldest: 1,
            current: crate::contract::RELEASE.layout
        })
    );
    cw2::set_contract_version(&mut t.deps.storage, "crates.io:cw20-base", "0.1.0").unwrap();
    assert_eq!(
        refused(&mut t, &mut migrate),
        ContractError::Migrate(MigrateError::WrongContract {
            stored: "crates.io:cw20-base".into(),
            expected: crate::contract::CONTRACT_NAME.into()
        })
    );
}
