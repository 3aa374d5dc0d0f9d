//! Configuration, admin transfer and migration.

use super::*;
use crate::contract::{migrate, CONTRACT_NAME};
use crate::msg::MigrateMsg;

#[test]
fn only_the_admin_sets_the_council_and_panel_time() {
    let mut s = Suite::new(true);
    let before = s.config();
    assert!(matches!(
        s.exec(
            "stranger",
            ExecuteMsg::SetCouncil {
                council: Some(s.addr("stranger").to_string())
            },
            &[]
        ),
        Err(ContractError::Admin(_))
    ));
    assert!(matches!(
        s.exec("council", ExecuteMsg::SetPanelSeconds { seconds: 5 }, &[]),
        Err(ContractError::Admin(_))
    ));
    assert_eq!(s.config(), before);
    let new_council = s.addr("new-council").to_string();
    s.exec(
        "admin",
        ExecuteMsg::SetCouncil {
            council: Some(new_council.clone()),
        },
        &[],
    )
    .unwrap();
    s.exec("admin", ExecuteMsg::SetPanelSeconds { seconds: 5 }, &[])
        .unwrap();
    assert!(matches!(
        s.exec("admin", ExecuteMsg::SetPanelSeconds { seconds: 0 }, &[]),
        Err(ContractError::InvalidTerms(_))
    ));
    let config = s.config();
    assert_eq!(config.council, Some(new_council));
    assert_eq!(config.panel_seconds, 5);
}

#[test]
fn admin_transfer_takes_two_steps() {
    let mut s = Suite::new(true);
    let next = s.addr("next").to_string();
    let before = s.config();
    assert!(matches!(
        s.exec(
            "stranger",
            ExecuteMsg::ProposeAdmin {
                admin: Some(next.clone())
            },
            &[]
        ),
        Err(ContractError::Admin(_))
    ));
    assert!(matches!(
        s.exec("next", ExecuteMsg::AcceptAdmin {}, &[]),
        Err(ContractError::Admin(_))
    ));
    assert_eq!(s.config(), before);
    let res = s
        .exec(
            "admin",
            ExecuteMsg::ProposeAdmin {
                admin: Some(next.clone()),
            },
            &[],
        )
        .unwrap();
    let (admin, next_addr) = (s.addr("admin"), s.addr("next"));
    assert_eq!(
        res.attributes,
        dac_common::admin::propose_attributes(&admin, Some(&next_addr))
    );
    assert!(matches!(
        s.exec("stranger", ExecuteMsg::AcceptAdmin {}, &[]),
        Err(ContractError::Admin(_))
    ));
    let res = s.exec("next", ExecuteMsg::AcceptAdmin {}, &[]).unwrap();
    assert_eq!(
        res.attributes,
        dac_common::admin::accept_attributes(&next_addr)
    );
    assert_eq!(s.config().admin, next);
}

#[test]
fn migrate_refuses_a_downgrade() {
    assert_eq!(CONTRACT_NAME, "crates.io:escrow");
    let mut s = Suite::new(true);
    cw2::set_contract_version(s.deps.as_mut().storage, CONTRACT_NAME, "99.0.0").unwrap();
    let err = migrate(s.deps.as_mut(), s.env.clone(), MigrateMsg {}).unwrap_err();
    assert_eq!(
        err,
        ContractError::Migrate(dac_common::migrate::MigrateError::Downgrade {
            stored: "99.0.0".into(),
            new: crate::contract::CONTRACT_VERSION.into()
        })
    );
    cw2::set_contract_version(s.deps.as_mut().storage, CONTRACT_NAME, "0.0.1").unwrap();
    migrate(s.deps.as_mut(), s.env.clone(), MigrateMsg {}).unwrap();
}

#[test]
fn instantiate_validates_its_input() {
    let mut deps = cosmwasm_std::testing::mock_dependencies();
    let creator = deps.api.addr_make("creator");
    let token = deps.api.addr_make(TOKEN).to_string();
    let bad = [
        InstantiateMsg {
            token: "not an address".into(),
            council: None,
            panel_seconds: DAY,
            admin: None,
        },
        InstantiateMsg {
            token: token.clone(),
            council: Some("nope".into()),
            panel_seconds: DAY,
            admin: None,
        },
        InstantiateMsg {
            token,
            council: None,
            panel_seconds: 0,
            admin: None,
        },
    ];
    for msg in bad {
        assert!(instantiate(deps.as_mut(), mock_env(), message_info(&creator, &[]), msg).is_err());
    }
}
