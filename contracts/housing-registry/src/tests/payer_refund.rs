//! A refund to a contract payer (the IBC relay booking for a visitor from another node).

use cosmwasm_std::{CosmosMsg, WasmMsg};
use cw20::Cw20ExecuteMsg;

use super::*;
/// Finding 8: a booking the IBC relay paid for a visitor, cancelled by the host, used to refund
/// the relay with a plain transfer, where it was shared by every voucher holder. A contract payer
/// now gets a cw20 `Send` whose hook names the booking, so the relay passes it on to the visitor.
#[test]
fn a_contract_payer_is_refunded_with_a_hook_naming_the_booking() {
    let mut t = T::new();
    let relay = t.addr("relay");
    let home = t.register_with(2, vec![], HomeStatus::Guest);
    let (b, token, relay_s) = (t.balance.clone(), t.token.to_string(), relay.to_string());
    t.deps.querier.update_wasm(move |q| match q {
        WasmQuery::ContractInfo { contract_addr } if *contract_addr == relay_s => {
            let info = cosmwasm_std::ContractInfoResponse::new(
                1,
                Addr::unchecked("creator"),
                None,
                false,
                None,
            );
            SystemResult::Ok(ContractResult::Ok(to_json_binary(&info).unwrap()))
        }
        WasmQuery::Smart { contract_addr, .. } if *contract_addr == token => {
            SystemResult::Ok(ContractResult::Ok(
                to_json_binary(&BalanceResponse {
                    balance: *b.borrow(),
                })
                .unwrap(),
            ))
        }
        _ => SystemResult::Err(SystemError::Unknown {}),
    });
    let start_day = t.today() + 2;
    let res = t
        .send(
            &relay,
            80,
            ReceiveMsg::BookGuest(crate::msg::BookGuestMsg {
                home_id: home,
                guest: "visitor@node-b".to_string(),
                start_day,
                end_day: start_day + 2,
                on_behalf_of: None,
            }),
        )
        .unwrap();
    let id: u64 = attr(&res, "booking_id").parse().unwrap();
    let admin = t.admin.clone();
    let res = t
        .exec(&admin, ExecuteMsg::CancelBooking { booking_id: id })
        .unwrap();
    let CosmosMsg::Wasm(WasmMsg::Execute { msg, .. }) = &res.messages[0].msg else {
        panic!("expected the refund");
    };
    let Cw20ExecuteMsg::Send {
        contract,
        amount,
        msg: hook,
    } = from_json(msg).unwrap()
    else {
        panic!("a contract payer is refunded with a send");
    };
    assert_eq!((contract, amount.u128()), (relay.to_string(), 80));
    #[derive(serde::Serialize)]
    #[serde(rename_all = "snake_case")]
    enum RelayHook {
        BookingRefund {
            booking_id: u64,
            home_id: u64,
            start_day: u64,
        },
    }
    let expected = RelayHook::BookingRefund {
        booking_id: id,
        home_id: home,
        start_day,
    };
    assert_eq!(hook, to_json_binary(&expected).unwrap());
}
