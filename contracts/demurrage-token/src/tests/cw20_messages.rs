//! The cw20 surface: a wallet that only speaks cw20 sees an ordinary token.

use cosmwasm_std::{to_json_binary, Binary, Uint128};
use cw20::{
    AllAccountsResponse, AllAllowancesResponse, AllSpenderAllowancesResponse, AllowanceResponse,
    Cw20ExecuteMsg, Cw20QueryMsg, Cw20ReceiveMsg, Expiration, Logo, MarketingInfoResponse,
    TokenInfoResponse,
};

use super::*;
use crate::msg::ExecuteMsg;

#[test]
fn genesis_creates_the_whole_supply_once() {
    let t = Token::new();
    let info: TokenInfoResponse = t.query(QueryMsg::TokenInfo {});
    assert_eq!(
        info,
        TokenInfoResponse {
            name: "Commons Credit".into(),
            symbol: "CMC".into(),
            decimals: 6,
            total_supply: Uint128::new(2_500_000),
        }
    );
    assert_eq!(t.balance(&t.alice), Uint128::new(1_000_000));
    assert_eq!(t.pool().pool, Uint128::new(1_000_000));
    let version = cw2::get_contract_version(&t.deps.storage).unwrap();
    assert_eq!(version.contract, crate::contract::CONTRACT_NAME);
    t.assert_conserved();
}

#[test]
fn genesis_refuses_bad_input() {
    let mut deps = mock_dependencies();
    let admin = deps.api.addr_make("admin");
    let base = default_instantiate(&deps.api);
    let cases: Vec<(InstantiateMsg, &str)> = vec![
        (
            InstantiateMsg {
                initial_balances: vec![base.initial_balances[0].clone(); 2],
                ..base.clone()
            },
            "duplicate initial balance",
        ),
        (
            InstantiateMsg {
                demurrage: DemurrageParams {
                    rate: Decimal::percent(5),
                    period_seconds: DAY,
                },
                ..base.clone()
            },
            "may not exceed",
        ),
        (
            InstantiateMsg {
                income_window_periods: 0,
                ..base.clone()
            },
            "income window",
        ),
        (
            InstantiateMsg {
                admin: Some("not-an-address".into()),
                ..base.clone()
            },
            "",
        ),
        (
            InstantiateMsg {
                symbol: "X".into(),
                ..base.clone()
            },
            "Ticker symbol",
        ),
    ];
    for (msg, expected) in cases {
        let err = instantiate(deps.as_mut(), mock_env(), message_info(&admin, &[]), msg)
            .unwrap_err()
            .to_string();
        assert!(err.contains(expected), "{err}");
    }
}

#[test]
fn transfer_moves_exact_amounts_and_reports_them() {
    let mut t = Token::new();
    let (alice, bob) = (t.alice.clone(), t.bob.clone());
    let res = t.transfer(&alice, &bob, 250_000);
    assert_eq!(attr(&res, "action"), "transfer");
    assert_eq!(attr(&res, "amount"), "250000");
    assert_eq!(t.balance(&alice), Uint128::new(750_000));
    assert_eq!(t.balance(&bob), Uint128::new(750_000));
    t.assert_conserved();
}

#[test]
fn transfer_refuses_bad_input_and_changes_nothing() {
    let mut t = Token::new();
    let (alice, bob) = (t.alice.clone(), t.bob.clone());
    let before = t.storage_snapshot();
    let cases = [
        (bob.to_string(), 0u128, ContractError::ZeroAmount),
        (alice.to_string(), 10, ContractError::SelfTransfer),
        (
            bob.to_string(),
            1_000_001,
            ContractError::InsufficientFunds {
                balance: Uint128::new(1_000_000),
                required: Uint128::new(1_000_001),
            },
        ),
    ];
    for (recipient, amount, expected) in cases {
        let err = t
            .exec(
                &alice,
                ExecuteMsg::Transfer {
                    recipient,
                    amount: Uint128::new(amount),
                },
            )
            .unwrap_err();
        assert_eq!(err, expected);
    }
    let err = t
        .exec(
            &alice,
            ExecuteMsg::Transfer {
                recipient: "cosmwasm1invalid".into(),
                amount: Uint128::new(1),
            },
        )
        .unwrap_err();
    assert!(matches!(err, ContractError::Std(_)), "{err}");
    assert_eq!(t.storage_snapshot(), before);
}

#[test]
fn send_calls_the_receiver_with_the_amount_moved() {
    let mut t = Token::new();
    let (alice, shop) = (t.alice.clone(), t.addr("shop"));
    let payload = to_json_binary(&"buy bread").unwrap();
    let res = t
        .exec(
            &alice,
            ExecuteMsg::Send {
                contract: shop.to_string(),
                amount: Uint128::new(1_234),
                msg: payload.clone(),
            },
        )
        .unwrap();
    let expected = Cw20ReceiveMsg {
        sender: alice.to_string(),
        amount: Uint128::new(1_234),
        msg: payload,
    };
    // The receiver sees `{"receive": Cw20ReceiveMsg}` from the token, as with cw20-base.
    assert_eq!(
        res.messages[0].msg,
        expected.into_cosmos_msg(&shop).unwrap()
    );
    assert_eq!(t.balance(&shop), Uint128::new(1_234));
}

#[test]
fn burn_lowers_supply_and_keeps_conservation() {
    let mut t = Token::new();
    let bob = t.bob.clone();
    t.exec(
        &bob,
        ExecuteMsg::Burn {
            amount: Uint128::new(100_000),
        },
    )
    .unwrap();
    let info: TokenInfoResponse = t.query(QueryMsg::TokenInfo {});
    assert_eq!(info.total_supply, Uint128::new(2_400_000));
    assert_eq!(t.balance(&bob), Uint128::new(400_000));
    t.assert_conserved();
    assert_eq!(
        t.exec(
            &bob,
            ExecuteMsg::Burn {
                amount: Uint128::zero()
            }
        ),
        Err(ContractError::ZeroAmount)
    );
}

#[test]
fn allowances_are_nominal_and_survive_the_passage_of_time() {
    let mut t = Token::new();
    let (alice, bob, carol) = (t.alice.clone(), t.bob.clone(), t.carol.clone());
    t.exec(
        &alice,
        ExecuteMsg::IncreaseAllowance {
            spender: bob.to_string(),
            amount: Uint128::new(300_000),
            expires: None,
        },
    )
    .unwrap();
    t.advance(100 * DAY);
    // Alice's balance decayed, her allowance did not.
    assert!(t.balance(&alice) < Uint128::new(1_000_000));
    let allowance: AllowanceResponse = t.query(QueryMsg::Allowance {
        owner: alice.to_string(),
        spender: bob.to_string(),
    });
    assert_eq!(allowance.allowance, Uint128::new(300_000));
    t.exec(
        &bob,
        ExecuteMsg::TransferFrom {
            owner: alice.to_string(),
            recipient: carol.to_string(),
            amount: Uint128::new(200_000),
        },
    )
    .unwrap();
    assert_eq!(t.balance(&carol), Uint128::new(200_000));
    t.exec(
        &bob,
        ExecuteMsg::BurnFrom {
            owner: alice.to_string(),
            amount: Uint128::new(50_000),
        },
    )
    .unwrap();
    let res = t
        .exec(
            &bob,
            ExecuteMsg::SendFrom {
                owner: alice.to_string(),
                contract: carol.to_string(),
                amount: Uint128::new(50_000),
                msg: Binary::default(),
            },
        )
        .unwrap();
    assert_eq!(res.messages.len(), 1);
    let allowance: AllowanceResponse = t.query(QueryMsg::Allowance {
        owner: alice.to_string(),
        spender: bob.to_string(),
    });
    assert_eq!(allowance.allowance, Uint128::zero());
    // A spent allowance refuses any further spend (cw20-base's rule), and writes nothing.
    let before = t.storage_snapshot();
    assert!(t
        .exec(
            &bob,
            ExecuteMsg::TransferFrom {
                owner: alice.to_string(),
                recipient: carol.to_string(),
                amount: Uint128::new(1),
            },
        )
        .is_err());
    assert_eq!(t.storage_snapshot(), before);
    t.assert_conserved();
}

#[test]
fn allowance_queries_and_decrease() {
    let mut t = Token::new();
    let (alice, bob, carol) = (t.alice.clone(), t.bob.clone(), t.carol.clone());
    for spender in [&bob, &carol] {
        t.exec(
            &alice,
            ExecuteMsg::IncreaseAllowance {
                spender: spender.to_string(),
                amount: Uint128::new(10),
                expires: Some(Expiration::AtHeight(t.env.block.height + 100)),
            },
        )
        .unwrap();
    }
    t.exec(
        &alice,
        ExecuteMsg::DecreaseAllowance {
            spender: bob.to_string(),
            amount: Uint128::new(4),
            expires: None,
        },
    )
    .unwrap();
    let all: AllAllowancesResponse = t.query(QueryMsg::AllAllowances {
        owner: alice.to_string(),
        start_after: None,
        limit: None,
    });
    assert_eq!(all.allowances.len(), 2);
    let by_spender: AllSpenderAllowancesResponse = t.query(QueryMsg::AllSpenderAllowances {
        spender: bob.to_string(),
        start_after: None,
        limit: None,
    });
    assert_eq!(by_spender.allowances[0].allowance, Uint128::new(6));
    // The allowance expires with its height.
    t.advance(1_000);
    let err = t
        .exec(
            &carol,
            ExecuteMsg::TransferFrom {
                owner: alice.to_string(),
                recipient: bob.to_string(),
                amount: Uint128::new(1),
            },
        )
        .unwrap_err();
    assert!(err.to_string().contains("expired"), "{err}");
}

#[test]
fn all_accounts_is_paginated() {
    let mut t = Token::new();
    let alice = t.alice.clone();
    for i in 0..40 {
        let to = t.addr(&format!("holder{i}"));
        t.transfer(&alice, &to, 10);
    }
    let first: AllAccountsResponse = t.query(QueryMsg::AllAccounts {
        start_after: None,
        limit: Some(1_000),
    });
    assert_eq!(
        first.accounts.len(),
        dac_common::pagination::MAX_LIMIT as usize
    );
    let rest: AllAccountsResponse = t.query(QueryMsg::AllAccounts {
        start_after: first.accounts.last().cloned(),
        limit: Some(1_000),
    });
    assert_eq!(first.accounts.len() + rest.accounts.len(), 42);
    assert!(rest.accounts.iter().all(|a| !first.accounts.contains(a)));
}

#[test]
fn marketing_and_logo_follow_cw20_base() {
    let mut t = Token::with(|m| {
        m.marketing = Some(crate::msg::InstantiateMarketingInfo {
            project: Some("DAC".into()),
            description: Some("Money that circulates".into()),
            marketing: Some(MockApi::default().addr_make("marketer").into()),
            logo: Some(Logo::Url("https://example.org/logo.png".into())),
        })
    });
    let marketer = t.addr("marketer");
    t.exec(
        &marketer,
        ExecuteMsg::UpdateMarketing {
            project: Some("DAC node 1".into()),
            description: None,
            marketing: None,
        },
    )
    .unwrap();
    let info: MarketingInfoResponse = t.query(QueryMsg::MarketingInfo {});
    assert_eq!(info.project.as_deref(), Some("DAC node 1"));
    let svg = Binary::from(b"<?xml version=\"1.0\"?><svg></svg>".as_slice());
    t.exec(
        &marketer,
        ExecuteMsg::UploadLogo(Logo::Embedded(cw20::EmbeddedLogo::Svg(svg.clone()))),
    )
    .unwrap();
    let logo: cw20::DownloadLogoResponse = t.query(QueryMsg::DownloadLogo {});
    assert_eq!(logo.data, svg);
}

/// A wallet speaking only `cw20::Cw20ExecuteMsg` / `Cw20QueryMsg` works unchanged.
#[test]
fn plain_cw20_messages_parse_as_ours() {
    let mut t = Token::new();
    let (alice, bob) = (t.alice.clone(), t.bob.clone());
    let wire = to_json_binary(&Cw20ExecuteMsg::Transfer {
        recipient: bob.to_string(),
        amount: Uint128::new(5),
    })
    .unwrap();
    let ours: ExecuteMsg = from_json(&wire).unwrap();
    t.exec(&alice, ours).unwrap();
    let q = to_json_binary(&Cw20QueryMsg::Balance {
        address: bob.to_string(),
    })
    .unwrap();
    let ours: QueryMsg = from_json(&q).unwrap();
    let r: BalanceResponse = t.query(ours);
    assert_eq!(r.balance, Uint128::new(500_005));
    for msg in [
        to_json_binary(&Cw20QueryMsg::TokenInfo {}).unwrap(),
        to_json_binary(&Cw20QueryMsg::MarketingInfo {}).unwrap(),
        to_json_binary(&Cw20QueryMsg::AllAccounts {
            start_after: None,
            limit: None,
        })
        .unwrap(),
    ] {
        from_json::<QueryMsg>(&msg).unwrap();
    }
}

/// Genesis checks and stores name, symbol, decimals and the marketing block as cw20-base's own
/// `instantiate` does (the token no longer calls it): same errors, same stored entries.
#[test]
fn genesis_token_and_marketing_checks_match_cw20_base() {
    use cosmwasm_std::testing::{message_info, mock_dependencies, mock_env};
    use cw20::EmbeddedLogo;
    use cw20_base::state::{LOGO, MARKETING_INFO};

    let api = MockApi::default();
    let png = |len: usize| {
        let mut bytes = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
        bytes.resize(len, 0);
        Binary::from(bytes)
    };
    let svg = |len: usize| {
        let mut bytes = b"<?xml version=\"1.0\"?><svg>".to_vec();
        bytes.resize(len, b' ');
        Binary::from(bytes)
    };
    let logos = [
        None,
        Some(Logo::Url("https://example.org/logo.png".into())),
        Some(Logo::Embedded(EmbeddedLogo::Svg(svg(100)))),
        Some(Logo::Embedded(EmbeddedLogo::Svg(svg(5 * 1024 + 1)))),
        Some(Logo::Embedded(EmbeddedLogo::Svg(Binary::from(
            b"<svg></svg>".as_slice(),
        )))),
        Some(Logo::Embedded(EmbeddedLogo::Svg(Binary::default()))),
        Some(Logo::Embedded(EmbeddedLogo::Png(png(5 * 1024)))),
        Some(Logo::Embedded(EmbeddedLogo::Png(png(5 * 1024 + 1)))),
        Some(Logo::Embedded(EmbeddedLogo::Png(Binary::from(
            b"GIF89a".as_slice(),
        )))),
    ];
    let mut cases: Vec<(&str, &str, u8, Option<crate::msg::InstantiateMarketingInfo>)> = logos
        .into_iter()
        .map(|logo| {
            let marketing = crate::msg::InstantiateMarketingInfo {
                project: Some("DAC".into()),
                description: None,
                marketing: Some(api.addr_make("marketer").into()),
                logo,
            };
            ("Commons Credit", "CMC", 6, Some(marketing))
        })
        .collect();
    let bad_marketer = crate::msg::InstantiateMarketingInfo {
        project: None,
        description: None,
        marketing: Some("not an address".into()),
        logo: None,
    };
    cases.push(("Commons Credit", "CMC", 6, Some(bad_marketer)));
    cases.push(("Co", "CMC", 6, None));
    cases.push(("Commons Credit", "C1C", 6, None));
    cases.push(("Commons Credit", "CMC", 19, None));
    cases.push(("Commons Credit", "CMC", 18, None));

    for (name, symbol, decimals, marketing) in cases {
        let ours = Token::try_with(|m| {
            m.name = name.into();
            m.symbol = symbol.into();
            m.decimals = decimals;
            m.marketing = marketing.clone();
        });
        let mut base = mock_dependencies();
        let base_result = cw20_base::contract::instantiate(
            base.as_mut(),
            mock_env(),
            message_info(&api.addr_make("admin"), &[]),
            cw20_base::msg::InstantiateMsg {
                name: name.into(),
                symbol: symbol.into(),
                decimals,
                initial_balances: vec![],
                mint: None,
                marketing: marketing.clone().map(Into::into),
            },
        );
        match (ours, base_result) {
            (Ok(t), Ok(_)) => {
                let stored = |s: &dyn Storage| {
                    (
                        MARKETING_INFO.may_load(s).unwrap(),
                        LOGO.may_load(s).unwrap(),
                    )
                };
                assert_eq!(
                    stored(&t.deps.storage),
                    stored(&base.storage),
                    "{marketing:?}"
                );
            }
            (Err(ours), Err(theirs)) => {
                assert_eq!(
                    ours,
                    ContractError::Cw20(theirs),
                    "{name} {symbol} {marketing:?}"
                )
            }
            (ours, theirs) => panic!(
                "{name} {symbol} {marketing:?}: {:?} vs {theirs:?}",
                ours.map(|_| ())
            ),
        }
    }
}
