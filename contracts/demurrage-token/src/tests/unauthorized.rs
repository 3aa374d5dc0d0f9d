//! Every execute message that has an owner refuses everyone else, and a refusal writes nothing.

use cosmwasm_std::{Binary, Uint128};
use cw20::Logo;

use super::*;

#[test]
fn every_execute_message_refuses_the_wrong_sender_and_changes_nothing() {
    let mut t = Token::with(|m| {
        m.marketing = Some(crate::msg::InstantiateMarketingInfo {
            project: None,
            description: None,
            marketing: Some(MockApi::default().addr_make("marketer").into()),
            logo: None,
        })
    });
    let (alice, bob, admin) = (t.alice.clone(), t.bob.clone(), t.admin.clone());
    let mallory = t.addr("mallory");
    // Ten days of decay, so that a stray commons update would record it and show up.
    t.advance(10 * DAY);
    // A pending admin exists, so `AcceptAdmin` from a stranger is a real refusal.
    t.exec(
        &admin,
        ExecuteMsg::ProposeAdmin {
            admin: Some(bob.to_string()),
        },
    )
    .unwrap();
    let amount = Uint128::new(10);
    let cases: Vec<ExecuteMsg> = vec![
        ExecuteMsg::Transfer {
            recipient: bob.to_string(),
            amount,
        },
        ExecuteMsg::TransferAll {
            recipient: bob.to_string(),
        },
        ExecuteMsg::Send {
            contract: bob.to_string(),
            amount,
            msg: Binary::default(),
        },
        ExecuteMsg::SendAll {
            contract: bob.to_string(),
            msg: Binary::default(),
        },
        ExecuteMsg::Burn { amount },
        ExecuteMsg::TransferFrom {
            owner: alice.to_string(),
            recipient: mallory.to_string(),
            amount,
        },
        ExecuteMsg::SendFrom {
            owner: alice.to_string(),
            contract: mallory.to_string(),
            amount,
            msg: Binary::default(),
        },
        ExecuteMsg::BurnFrom {
            owner: alice.to_string(),
            amount,
        },
        ExecuteMsg::UpdateMarketing {
            project: Some("mine".into()),
            description: None,
            marketing: None,
        },
        ExecuteMsg::UploadLogo(Logo::Url("https://mallory.example".into())),
        ExecuteMsg::ClaimIncome {},
        ExecuteMsg::UpdateMembers {
            add: vec![mallory.to_string()],
            remove: vec![],
        },
        ExecuteMsg::UpdateDemurrage(DemurrageParams {
            rate: Decimal::zero(),
            period_seconds: DAY,
        }),
        ExecuteMsg::UpdateIncomeWindow { periods: 1 },
        ExecuteMsg::UpdateMembershipAuthority {
            authority: mallory.to_string(),
        },
        ExecuteMsg::ProposeAdmin {
            admin: Some(mallory.to_string()),
        },
        ExecuteMsg::AcceptAdmin {},
    ];
    for msg in cases {
        let label = format!("{msg:?}");
        let before = t.storage_snapshot();
        match t.exec(&mallory, msg) {
            Err(_) => assert_eq!(t.storage_snapshot(), before, "{label} wrote state"),
            Ok(res) => panic!("{label} was accepted from a stranger: {res:?}"),
        }
    }
}

/// Allowance messages act on the sender's own account; the only refusal is naming oneself.
#[test]
fn allowances_over_oneself_are_refused_and_change_nothing() {
    let mut t = Token::new();
    let alice = t.alice.clone();
    let before = t.storage_snapshot();
    for msg in [
        ExecuteMsg::IncreaseAllowance {
            spender: alice.to_string(),
            amount: Uint128::new(5),
            expires: None,
        },
        ExecuteMsg::DecreaseAllowance {
            spender: alice.to_string(),
            amount: Uint128::new(5),
            expires: None,
        },
    ] {
        let err = t.exec(&alice, msg).unwrap_err();
        assert!(err.to_string().contains("own account"), "{err}");
    }
    assert_eq!(t.storage_snapshot(), before);
}

#[test]
fn settle_is_permissionless() {
    let mut t = Token::new();
    let (alice, mallory) = (t.alice.clone(), t.addr("mallory"));
    t.advance(DAY);
    t.exec(
        &mallory,
        ExecuteMsg::Settle {
            addresses: vec![alice.to_string()],
        },
    )
    .unwrap();
    t.assert_conserved();
}
