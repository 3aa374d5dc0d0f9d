//! The cw20 and cw4 calls the DAC contracts make of each other, with the JSON of
//! `cw20::Cw20ExecuteMsg`, `cw20::Cw20QueryMsg`, `cw4::Cw4QueryMsg` and `QueryRequest::Wasm`.
//!
//! Why not those enums: serializing one variant of an enum links the serializer of all its
//! variants into the wasm, and `QuerierWrapper::query_wasm_smart` serializes the whole
//! `QueryRequest`. The one-variant types below say the same in a few hundred bytes instead of
//! several KiB per enum (the tests check the JSON is byte for byte the same). They are written by
//! the lean writer (`crate::json`); serde's `Serialize` is derived for the tests' comparison. The
//! answers are read by `#[dac_serde]` mirrors of cw20's, cw4's and cosmwasm's answer types:
//! serde's derived reader of each costs its own copy of the JSON map reader (the tests check both
//! read the same).

use cosmwasm_std::{
    from_json, Addr, Binary, ContractResult, CosmosMsg, QuerierWrapper, StdError, StdResult,
    SystemResult, Uint128, WasmMsg,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::json::{to_json_binary, to_json_vec, ToJson};
use crate::{dac_serde, LeanSerialize};

/// One enum per variant: a contract that only transfers links no `Send` serializer.
#[derive(Serialize, LeanSerialize)]
#[serde(rename_all = "snake_case")]
enum Cw20Transfer<'a> {
    Transfer { recipient: &'a str, amount: Uint128 },
}

#[derive(Serialize, LeanSerialize)]
#[serde(rename_all = "snake_case")]
enum Cw20Send<'a> {
    Send {
        contract: &'a str,
        amount: Uint128,
        msg: &'a Binary,
    },
}

/// The DAC token's own `transfer_all` (not in cw20).
#[derive(Serialize, LeanSerialize)]
#[serde(rename_all = "snake_case")]
enum TokenTransferAll<'a> {
    TransferAll { recipient: &'a str },
}

#[derive(Serialize, LeanSerialize)]
#[serde(rename_all = "snake_case")]
enum Cw20Query<'a> {
    Balance { address: &'a str },
}

#[derive(Serialize, LeanSerialize)]
#[serde(rename_all = "snake_case")]
enum Cw4Query<'a> {
    Member {
        addr: &'a str,
        at_height: Option<u64>,
    },
}

/// `QueryRequest::Wasm(WasmQuery::Smart { .. })`.
#[derive(Serialize, LeanSerialize)]
#[serde(rename_all = "snake_case")]
enum WasmRequest<'a> {
    Wasm(WasmSmart<'a>),
}

#[derive(Serialize, LeanSerialize)]
#[serde(rename_all = "snake_case")]
enum WasmSmart<'a> {
    Smart { contract_addr: &'a str, msg: Binary },
    ContractInfo { contract_addr: &'a str },
}

/// `cw20::BalanceResponse`, read the same.
#[dac_serde]
struct BalanceAnswer {
    balance: Uint128,
}

/// `cw4::MemberResponse`, read the same.
#[dac_serde]
struct MemberAnswer {
    weight: Option<u64>,
}

/// `cosmwasm_std::ContractInfoResponse`, read the same: only whether it reads matters.
#[dac_serde]
struct ContractInfoAnswer {
    code_id: u64,
    creator: Addr,
    admin: Option<Addr>,
    pinned: bool,
    ibc_port: Option<String>,
}

/// `Cw20ExecuteMsg::Transfer` to `token`.
pub fn cw20_transfer(token: &str, recipient: &str, amount: Uint128) -> StdResult<CosmosMsg> {
    execute(token, &Cw20Transfer::Transfer { recipient, amount })
}

/// `Cw20ExecuteMsg::Send` to `token`.
pub fn cw20_send(
    token: &str,
    contract: &str,
    amount: Uint128,
    msg: &Binary,
) -> StdResult<CosmosMsg> {
    execute(
        token,
        &Cw20Send::Send {
            contract,
            amount,
            msg,
        },
    )
}

/// The DAC token's `transfer_all` to `token`: everything the sender holds at this block.
pub fn token_transfer_all(token: &str, recipient: &str) -> StdResult<CosmosMsg> {
    execute(token, &TokenTransferAll::TransferAll { recipient })
}

/// `address`'s balance by `Cw20QueryMsg::Balance`.
pub fn cw20_balance(querier: &QuerierWrapper, token: &str, address: &str) -> StdResult<Uint128> {
    let response: BalanceAnswer =
        query_wasm_smart(querier, token, &Cw20Query::Balance { address })?;
    Ok(response.balance)
}

/// `addr`'s weight in a cw4 group now, by `Cw4QueryMsg::Member`.
pub fn cw4_member_weight(
    querier: &QuerierWrapper,
    group: &str,
    addr: &str,
) -> StdResult<Option<u64>> {
    let response: MemberAnswer = query_wasm_smart(
        querier,
        group,
        &Cw4Query::Member {
            addr,
            at_height: None,
        },
    )?;
    Ok(response.weight)
}

fn execute(contract: &str, msg: &impl ToJson) -> StdResult<CosmosMsg> {
    Ok(WasmMsg::Execute {
        contract_addr: contract.to_string(),
        msg: to_json_binary(msg)?,
        funds: vec![],
    }
    .into())
}

/// `QuerierWrapper::query_wasm_smart` (same request JSON and error messages), without linking the
/// serializer of every `QueryRequest`.
pub fn query_wasm_smart<T: DeserializeOwned>(
    querier: &QuerierWrapper,
    contract_addr: &str,
    msg: &impl ToJson,
) -> StdResult<T> {
    let msg = to_json_binary(msg)?;
    from_json(query_raw(
        querier,
        WasmRequest::Wasm(WasmSmart::Smart { contract_addr, msg }),
    )?)
}

/// Whether `QuerierWrapper::query_wasm_contract_info(address)` succeeds: `address` is a contract.
pub fn is_contract(querier: &QuerierWrapper, address: &str) -> bool {
    query_raw(
        querier,
        WasmRequest::Wasm(WasmSmart::ContractInfo {
            contract_addr: address,
        }),
    )
    .and_then(from_json::<ContractInfoAnswer>)
    .is_ok()
}

/// The part of a query that does not depend on the types, once in the wasm.
#[inline(never)]
fn query_raw(querier: &QuerierWrapper, request: WasmRequest) -> StdResult<Binary> {
    match querier.raw_query(&to_json_vec(&request)) {
        SystemResult::Err(system_err) => Err(StdError::generic_err(format!(
            "Querier system error: {system_err}"
        ))),
        SystemResult::Ok(ContractResult::Err(contract_err)) => Err(StdError::generic_err(format!(
            "Querier contract error: {contract_err}"
        ))),
        SystemResult::Ok(ContractResult::Ok(value)) => Ok(value),
    }
}

#[cfg(test)]
mod tests {
    use cosmwasm_std::testing::{mock_dependencies, MockQuerier};
    use cosmwasm_std::{to_json_string, Empty, QueryRequest, WasmQuery};

    use super::*;

    fn wasm_msg(msg: CosmosMsg) -> (String, String) {
        match msg {
            CosmosMsg::Wasm(WasmMsg::Execute {
                contract_addr,
                msg,
                funds,
            }) => {
                assert!(funds.is_empty());
                (contract_addr, String::from_utf8(msg.to_vec()).unwrap())
            }
            other => panic!("not a wasm execute: {other:?}"),
        }
    }

    #[test]
    fn cw20_messages_have_the_json_of_cw20() {
        let amount = Uint128::new(42);
        let (token, json) = wasm_msg(cw20_transfer("token", "bob", amount).unwrap());
        assert_eq!(token, "token");
        let expected = cw20::Cw20ExecuteMsg::Transfer {
            recipient: "bob".into(),
            amount,
        };
        assert_eq!(json, to_json_string(&expected).unwrap());

        let payload = Binary::from(b"{\"deposit\":{}}".as_slice());
        let (_, json) = wasm_msg(cw20_send("token", "escrow", amount, &payload).unwrap());
        let expected = cw20::Cw20ExecuteMsg::Send {
            contract: "escrow".into(),
            amount,
            msg: payload,
        };
        assert_eq!(json, to_json_string(&expected).unwrap());

        let (_, json) = wasm_msg(token_transfer_all("token", "bob").unwrap());
        assert_eq!(json, r#"{"transfer_all":{"recipient":"bob"}}"#);
    }

    #[test]
    fn queries_have_the_json_of_query_request() {
        let lean = |value: &dyn ToJson| String::from_utf8(to_json_vec(&value)).unwrap();
        let ours = lean(&WasmRequest::Wasm(WasmSmart::Smart {
            contract_addr: "token",
            msg: to_json_binary(&Cw20Query::Balance { address: "bob" }).unwrap(),
        }));
        let theirs: QueryRequest<Empty> = WasmQuery::Smart {
            contract_addr: "token".into(),
            msg: cosmwasm_std::to_json_binary(&cw20::Cw20QueryMsg::Balance {
                address: "bob".into(),
            })
            .unwrap(),
        }
        .into();
        assert_eq!(ours, to_json_string(&theirs).unwrap());

        let ours = lean(&Cw4Query::Member {
            addr: "bob",
            at_height: None,
        });
        let theirs = cw4::Cw4QueryMsg::Member {
            addr: "bob".into(),
            at_height: None,
        };
        assert_eq!(ours, to_json_string(&theirs).unwrap());
    }

    #[test]
    fn queries_read_the_answer_and_report_errors_like_the_querier_wrapper() {
        let mut deps = mock_dependencies();
        deps.querier = MockQuerier::new(&[]);
        deps.querier.update_wasm(|query| {
            let WasmQuery::Smart { contract_addr, msg } = query else {
                panic!("not a smart query");
            };
            let answer = match (contract_addr.as_str(), from_json(msg)) {
                ("token", Ok(cw20::Cw20QueryMsg::Balance { address })) if address == "bob" => {
                    cosmwasm_std::to_json_binary(&cw20::BalanceResponse {
                        balance: Uint128::new(7),
                    })
                    .into()
                }
                ("group", _) => {
                    cosmwasm_std::to_json_binary(&cw4::MemberResponse { weight: Some(1) }).into()
                }
                _ => ContractResult::Err("unknown query".to_string()),
            };
            SystemResult::Ok(answer)
        });
        let querier = QuerierWrapper::<Empty>::new(&deps.querier);
        assert_eq!(
            cw20_balance(&querier, "token", "bob").unwrap(),
            Uint128::new(7)
        );
        assert_eq!(
            cw4_member_weight(&querier, "group", "bob").unwrap(),
            Some(1)
        );
        let ours = cw20_balance(&querier, "other", "bob").unwrap_err();
        let theirs = querier
            .query_wasm_smart::<cw20::BalanceResponse>(
                "other",
                &cw20::Cw20QueryMsg::Balance {
                    address: "bob".into(),
                },
            )
            .unwrap_err();
        assert_eq!(ours, theirs);
    }

    /// Documents a peer might answer: well-formed, with unknown or duplicate fields, missing or
    /// mistyped ones.
    const ANSWERS: &[&str] = &[
        r#"{"balance":"7"}"#,
        r#"{"balance":"340282366920938463463374607431768211455"}"#,
        r#"{"balance":"340282366920938463463374607431768211456"}"#,
        r#"{"balance":"7","extra":[1,{"a":null}]}"#,
        r#"{"balance":7}"#,
        r#"{"balance":"-1"}"#,
        r#"{"balance":null}"#,
        r#"{"balance":"1","balance":"2"}"#,
        r#"{"weight":3}"#,
        r#"{"weight":null}"#,
        r#"{"weight":"3"}"#,
        r#"{"weight":18446744073709551615}"#,
        r#"{"weight":18446744073709551616}"#,
        r#"{"weight":-1}"#,
        r#"{"weight":1,"weight":2}"#,
        r#"{"code_id":1,"creator":"c","admin":null,"pinned":false,"ibc_port":null}"#,
        r#"{"code_id":1,"creator":"c","admin":"a","pinned":true,"ibc_port":"wasm.x","ibc2_port":"p"}"#,
        r#"{"code_id":1,"creator":"c","pinned":false}"#,
        r#"{"code_id":1,"creator":"c","admin":null,"pinned":"false","ibc_port":null}"#,
        r#"{"code_id":1,"pinned":false}"#,
        r#"{}"#,
        r#"[]"#,
        r#"null"#,
        r#""7""#,
        r#"{"balance":"7""#,
    ];

    #[test]
    fn answers_read_as_the_answer_types_read_them() {
        for answer in ANSWERS {
            assert_eq!(
                from_json::<BalanceAnswer>(answer).ok().map(|a| a.balance),
                from_json::<cw20::BalanceResponse>(answer)
                    .ok()
                    .map(|r| r.balance),
                "{answer}"
            );
            assert_eq!(
                from_json::<MemberAnswer>(answer).ok().map(|a| a.weight),
                from_json::<cw4::MemberResponse>(answer)
                    .ok()
                    .map(|r| r.weight),
                "{answer}"
            );
            let ours = from_json::<ContractInfoAnswer>(answer)
                .ok()
                .map(|a| (a.code_id, a.creator, a.admin, a.pinned, a.ibc_port));
            let theirs = from_json::<cosmwasm_std::ContractInfoResponse>(answer)
                .ok()
                .map(|r| (r.code_id, r.creator, r.admin, r.pinned, r.ibc_port));
            assert_eq!(ours, theirs, "{answer}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_balance_and_weight_read_the_same(balance: u128, weight: Option<u64>) {
            let answer = to_json_string(&cw20::BalanceResponse { balance: Uint128::new(balance) })
                .unwrap();
            proptest::prop_assert_eq!(from_json::<BalanceAnswer>(&answer).unwrap().balance.u128(), balance);
            let answer = to_json_string(&cw4::MemberResponse { weight }).unwrap();
            proptest::prop_assert_eq!(from_json::<MemberAnswer>(&answer).unwrap().weight, weight);
        }
    }

    #[test]
    fn is_contract_asks_what_query_wasm_contract_info_asks() {
        let ours = String::from_utf8(to_json_vec(&WasmRequest::Wasm(WasmSmart::ContractInfo {
            contract_addr: "escrow",
        })))
        .unwrap();
        let theirs: QueryRequest<Empty> = WasmQuery::ContractInfo {
            contract_addr: "escrow".into(),
        }
        .into();
        assert_eq!(ours, to_json_string(&theirs).unwrap());

        let mut deps = mock_dependencies();
        deps.querier.update_wasm(|query| match query {
            WasmQuery::ContractInfo { contract_addr } if contract_addr == "escrow" => {
                SystemResult::Ok(ContractResult::Ok(
                    cosmwasm_std::to_json_binary(&cosmwasm_std::ContractInfoResponse::new(
                        1,
                        Addr::unchecked("creator"),
                        None,
                        false,
                        None,
                    ))
                    .unwrap(),
                ))
            }
            WasmQuery::ContractInfo { contract_addr } if contract_addr == "broken" => {
                SystemResult::Ok(ContractResult::Ok(Binary::from(b"{}")))
            }
            _ => {
                SystemResult::Err(cosmwasm_std::SystemError::NoSuchContract { addr: "bob".into() })
            }
        });
        let querier = QuerierWrapper::<Empty>::new(&deps.querier);
        for (address, contract) in [("escrow", true), ("broken", false), ("bob", false)] {
            assert_eq!(is_contract(&querier, address), contract, "{address}");
            assert_eq!(
                querier.query_wasm_contract_info(address).is_ok(),
                contract,
                "{address}"
            );
        }
    }
}
