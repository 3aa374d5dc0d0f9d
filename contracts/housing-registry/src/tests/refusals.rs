use cosmwasm_std::Binary;

use super::*;
use crate::contract::migrate;
use crate::execute::admin::MAX_ZONE_LEN;
use crate::msg::{
    AllNftInfoResponse, ContractInfoResponse, MigrateMsg, NftInfoResponse, NumTokensResponse,
    OwnerOfResponse, TokensResponse,
};
use dac_common::migrate::MigrateError;
use dac_common::text::TextError;

fn transfer_like(t: &T, token_id: &str) -> Vec<(&'static str, ExecuteMsg)> {
    let other = t.addr("buyer").to_string();
    let id = token_id.to_string();
    vec![
        (
            "transfer_nft",
            ExecuteMsg::TransferNft {
                recipient: other.clone(),
                token_id: id.clone(),
            },
        ),
        (
            "send_nft",
            ExecuteMsg::SendNft {
                contract: other.clone(),
                token_id: id.clone(),
                msg: Binary::default(),
            },
        ),
        (
            "approve",
            ExecuteMsg::Approve {
                spender: other.clone(),
                token_id: id.clone(),
                expires: None,
            },
        ),
        (
            "revoke",
            ExecuteMsg::Revoke {
                spender: other.clone(),
                token_id: id.clone(),
            },
        ),
        (
            "approve_all",
            ExecuteMsg::ApproveAll {
                operator: other.clone(),
                expires: None,
            },
        ),
        ("revoke_all", ExecuteMsg::RevokeAll { operator: other }),
        ("burn", ExecuteMsg::Burn { token_id: id }),
    ]
}

#[test]
fn every_transfer_like_message_is_refused_for_holder_and_admin() {
    let mut t = T::new();
    let (holder, home) = t.housed("holder", 2, 2);
    let admin = t.admin.clone();
    for sender in [holder.clone(), admin] {
        for (action, msg) in transfer_like(&t, &home.to_string()) {
            assert_eq!(
                t.refused(&sender, msg),
                ContractError::NonTransferable {
                    action: action.to_string()
                }
            );
        }
    }
    assert_eq!(t.home_of(&holder), Some(home));
}

#[test]
fn the_cw721_json_of_transfer_messages_parses() {
    let raw = r#"{"transfer_nft":{"recipient":"x","token_id":"1"}}"#;
    let msg: ExecuteMsg = from_json(raw).unwrap();
    assert!(matches!(msg, ExecuteMsg::TransferNft { .. }));
    let raw = r#"{"approve_all":{"operator":"x","expires":{"never":{}}}}"#;
    assert!(matches!(
        from_json::<ExecuteMsg>(raw).unwrap(),
        ExecuteMsg::ApproveAll { .. }
    ));
}

#[test]
fn the_admin_cannot_take_a_members_home() {
    let mut t = T::new();
    let (holder, home) = t.housed("holder", 2, 2);
    let admin = t.admin.clone();
    assert_eq!(
        t.refused(
            &admin,
            ExecuteMsg::UpdateHome {
                home_id: home,
                rooms: None,
                accessibility: None,
                zone: None,
                status: Some(HomeStatus::Available),
            }
        ),
        ContractError::HomeOccupied { home_id: home }
    );
    assert_eq!(
        t.refused(&admin, ExecuteMsg::Relinquish { home_id: home }),
        ContractError::NotHolder { home_id: home }
    );
    assert_eq!(
        t.refused(&admin, ExecuteMsg::ReclaimHome { home_id: home }),
        ContractError::NoDueProcess { home_id: home }
    );
    assert_eq!(
        t.refused(&admin, ExecuteMsg::CheckMembership { home_id: home }),
        ContractError::HolderIsMember { home_id: home }
    );
    assert_eq!(
        t.refused(
            &admin,
            ExecuteMsg::RegisterHome {
                rooms: 2,
                accessibility: vec![],
                zone: "z".into(),
                status: HomeStatus::Occupied
            }
        ),
        ContractError::InvalidStatus {
            status: "occupied".into()
        }
    );
    // The admin cannot shorten due process either.
    assert!(matches!(
        t.refused(
            &admin,
            ExecuteMsg::UpdateConfig {
                treasury: None,
                fees: None,
                guest: None,
                grace_period_seconds: Some(DAY),
                score_weights: None,
            }
        ),
        ContractError::InvalidInput { .. }
    ));
    assert_eq!(t.home_of(&holder), Some(home));
}

#[test]
fn a_non_member_cannot_apply() {
    let mut t = T::new();
    let stranger = t.addr("stranger");
    assert_eq!(
        t.refused(
            &stranger,
            ExecuteMsg::Apply {
                household_size: 1,
                needs: vec![],
                evidence_commitment: None
            }
        ),
        ContractError::NotAMember
    );
}

#[test]
fn bad_applications_are_refused() {
    let mut t = T::new();
    let who = t.join("who");
    for (size, commitment) in [(0, None), (17, None), (1, Some("not-a-hash".to_string()))] {
        assert!(matches!(
            t.refused(
                &who,
                ExecuteMsg::Apply {
                    household_size: size,
                    needs: vec![],
                    evidence_commitment: commitment
                }
            ),
            ContractError::InvalidInput { .. }
        ));
    }
    t.apply(&who, 1, vec![]);
    assert_eq!(
        t.refused(
            &who,
            ExecuteMsg::Apply {
                household_size: 2,
                needs: vec![],
                evidence_commitment: None
            }
        ),
        ContractError::ApplicationExists
    );
}

#[test]
fn another_cw20_is_refused() {
    let mut t = T::new();
    let (holder, _) = t.housed("holder", 1, 1);
    let fake = t.addr("fake-token");
    let err = t.refused(
        &fake,
        ExecuteMsg::Receive(Cw20ReceiveMsg {
            sender: holder.to_string(),
            amount: Uint128::new(100),
            msg: to_json_binary(&ReceiveMsg::PayFees { holder: None }).unwrap(),
        }),
    );
    assert_eq!(
        err,
        ContractError::WrongToken {
            expected: t.token.to_string()
        }
    );
}

#[test]
fn cw721_queries_answer_the_cw721_shapes() {
    let mut t = T::new();
    let (a, home_a) = t.housed("a", 2, 2);
    let (b, home_b) = t.housed("b", 1, 1);
    let owner: OwnerOfResponse = t.q(QueryMsg::OwnerOf {
        token_id: home_a.to_string(),
        include_expired: None,
    });
    assert_eq!(owner.owner, a.to_string());
    assert!(owner.approvals.is_empty());
    let info: NftInfoResponse = t.q(QueryMsg::NftInfo {
        token_id: home_b.to_string(),
    });
    assert_eq!(info.extension.rooms, 1);
    assert!(!info.extension.transferable);
    let all: AllNftInfoResponse = t.q(QueryMsg::AllNftInfo {
        token_id: home_b.to_string(),
        include_expired: Some(true),
    });
    assert_eq!(all.access.owner, b.to_string());
    let tokens: TokensResponse = t.q(QueryMsg::Tokens {
        owner: a.to_string(),
        start_after: None,
        limit: None,
    });
    assert_eq!(tokens.tokens, vec![home_a.to_string()]);
    let tokens: TokensResponse = t.q(QueryMsg::AllTokens {
        start_after: Some(home_a.to_string()),
        limit: Some(5),
    });
    assert_eq!(tokens.tokens, vec![home_b.to_string()]);
    let n: NumTokensResponse = t.q(QueryMsg::NumTokens {});
    assert_eq!(n.count, 2);
    let c: ContractInfoResponse = t.q(QueryMsg::ContractInfo {});
    assert_eq!((c.name.as_str(), c.symbol.as_str()), ("Node homes", "HOME"));
    // The raw JSON is the cw721 one.
    let raw = query(
        t.deps.as_ref(),
        t.env.clone(),
        from_json(format!(r#"{{"owner_of":{{"token_id":"{home_a}"}}}}"#)).unwrap(),
    )
    .unwrap();
    let json: serde_json_wasm_like::Value = from_json(raw).unwrap();
    assert_eq!(json.owner, a.to_string());
    // A vacant home is no token.
    let vacant = t.register(1, vec![]);
    assert!(t
        .q_err(QueryMsg::OwnerOf {
            token_id: vacant.to_string(),
            include_expired: None
        })
        .contains("not found"));
}

mod serde_json_wasm_like {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Value {
        pub owner: String,
        #[allow(dead_code)]
        pub approvals: Vec<serde::de::IgnoredAny>,
    }
}

#[test]
fn migrate_refuses_a_downgrade() {
    assert_eq!(crate::contract::CONTRACT_NAME, "crates.io:housing-registry");
    let mut t = T::new();
    cw2::set_contract_version(&mut t.deps.storage, crate::contract::CONTRACT_NAME, "9.0.0")
        .unwrap();
    let err = migrate(t.deps.as_mut(), t.env.clone(), MigrateMsg {}).unwrap_err();
    assert_eq!(
        err,
        ContractError::Migrate(MigrateError::Downgrade {
            stored: "9.0.0".into(),
            new: crate::contract::CONTRACT_VERSION.into()
        })
    );
    cw2::set_contract_version(&mut t.deps.storage, crate::contract::CONTRACT_NAME, "0.0.1")
        .unwrap();
    migrate(t.deps.as_mut(), t.env.clone(), MigrateMsg {}).unwrap();
}

#[test]
fn blank_or_overlong_text_is_refused_naming_its_field() {
    let mut t = T::new();
    let admin = t.admin.clone();
    let register = |zone: String| ExecuteMsg::RegisterHome {
        rooms: 2,
        accessibility: vec![],
        zone,
        status: HomeStatus::Available,
    };
    assert_eq!(
        t.refused(&admin, register(" ".into())),
        ContractError::Text(TextError::Empty { field: "zone" })
    );
    assert_eq!(
        t.refused(&admin, register("z".repeat(MAX_ZONE_LEN + 1))),
        ContractError::Text(TextError::TooLong {
            field: "zone",
            max: MAX_ZONE_LEN
        })
    );
    t.exec(&admin, register("z".repeat(MAX_ZONE_LEN))).unwrap();
}

#[test]
fn an_admin_transfer_is_reported_in_the_shared_shape() {
    let mut t = T::new();
    let (admin, next) = (t.admin.clone(), t.addr("next"));
    let propose = |admin: Option<&Addr>| ExecuteMsg::ProposeAdmin {
        admin: admin.map(Addr::to_string),
    };
    let res = t.exec(&admin, propose(Some(&next))).unwrap();
    assert_eq!(
        res.attributes,
        dac_common::admin::propose_attributes(&admin, Some(&next))
    );
    let res = t.exec(&admin, propose(None)).unwrap();
    assert_eq!(
        res.attributes,
        dac_common::admin::propose_attributes(&admin, None)
    );
    t.exec(&admin, propose(Some(&next))).unwrap();
    let res = t.exec(&next, ExecuteMsg::AcceptAdmin {}).unwrap();
    assert_eq!(res.attributes, dac_common::admin::accept_attributes(&next));
}
