//! A member moving to beta: one cw20 `send` of their whole balance with `move`. The council's
//! record goes with the money in one `departure` packet; the council is told first, so nothing is
//! sent if it refuses. Arriving, the record is handed to our council under the channel's node
//! name; refused, the money comes back to the mover.

use super::*;
use crate::msg::ReceiveMsg;

/// Setup, with the council named so moves work.
fn node() -> Deps {
    let mut deps = setup();
    let council = addr(&deps, "council").to_string();
    exec(
        &mut deps,
        "council",
        ExecuteMsg::UpdateConfig {
            housing_registry: None,
            escrow: None,
            default_timeout_seconds: None,
            council: Some(council),
        },
    )
    .unwrap();
    deps
}

/// `mover` sends `amount` with `move` (the relay then holds `amount`).
fn move_out(deps: &mut Deps, mover: &str, amount: u128) -> Result<Response, ContractError> {
    set_relay_balance(deps, amount);
    let token = addr(deps, "token");
    let mover = addr(deps, mover);
    execute(
        deps.as_mut(),
        mock_env(),
        message_info(&token, &[]),
        ExecuteMsg::Receive(cw20::Cw20ReceiveMsg {
            sender: mover.to_string(),
            amount: Uint128::new(amount),
            msg: to_json_binary(&ReceiveMsg::Move {
                channel_id: CHANNEL.to_string(),
                receiver: "beta1newhome".to_string(),
                household_stays: true,
                timeout_seconds: None,
            })
            .unwrap(),
        }),
    )
}

#[test]
fn a_move_tells_the_council_first_and_sends_the_councils_record_with_the_money() {
    let mut deps = node();
    let res = move_out(&mut deps, "alice", 1_000).unwrap();
    let alice = addr(&deps, "alice").to_string();
    let CosmosMsg::Wasm(WasmMsg::Execute {
        contract_addr, msg, ..
    }) = &res.messages[0].msg
    else {
        panic!("the council first: {:?}", res.messages[0]);
    };
    assert_eq!(*contract_addr, addr(&deps, "council").to_string());
    let told: serde_json::Value = from_json(msg).unwrap();
    assert_eq!(
        told,
        serde_json::json!({"record_departure": {
            "member": alice,
            "household_stays": true,
            "housing_registry": addr(&deps, "housing"),
        }})
    );
    assert_eq!(res.messages[0].reply_on, ReplyOn::Never);
    let RelayPacket::Departure(packet) = sent_body(&res) else {
        panic!("a departure packet");
    };
    assert_eq!(packet.record, departure_record(&alice));
    assert_eq!(packet.transfer.sender, alice);
    assert_eq!(packet.transfer.receiver, "beta1newhome");
    assert_eq!(packet.transfer.value, Uint128::new(1_000));
    // A first deposit buys 10^6 units per micro.
    assert_eq!(packet.transfer.shares, Uint128::new(1_000_000_000));
}

#[test]
fn a_move_is_refused_for_a_non_member_a_partial_balance_or_without_a_council() {
    let mut deps = node();
    // The council has no record of a non-member: nothing is sent.
    let err = move_out(&mut deps, "mallory", 1_000).unwrap_err();
    assert!(err.to_string().contains("not a member"), "{err}");
    // The whole balance or nothing.
    let alice = addr(&deps, "alice");
    set_account_balance(&alice, 5);
    let err = move_out(&mut deps, "alice", 1_000).unwrap_err();
    assert_eq!(
        err,
        ContractError::MoveLeavesBalance {
            left: Uint128::new(5)
        }
    );
    set_account_balance(&alice, 0);
    let mut unconfigured = setup();
    assert_eq!(
        move_out(&mut unconfigured, "alice", 1_000).unwrap_err(),
        ContractError::NotConfigured("council")
    );
}

#[test]
fn a_move_is_refused_while_the_token_owes_the_mover_income_and_a_claim_first_takes_it_all() {
    let mut deps = node();
    let alice = addr(&deps, "alice");
    // Her balance is all sent, but 40 of income would be paid to her old address as her
    // membership ends: refused, naming the amount and the fix, before anything is asked or sent.
    set_account_income(&alice, 40);
    let err = move_out(&mut deps, "alice", 1_000).unwrap_err();
    assert_eq!(
        err,
        ContractError::MoveLeavesIncome {
            income: Uint128::new(40)
        }
    );
    assert!(err.to_string().contains("claim your 40"), "{err}");
    let in_flight: crate::msg::ListPendingResponse = q(
        &deps,
        QueryMsg::TransfersInFlight {
            start_after: None,
            limit: None,
        },
    );
    assert!(in_flight.packets.is_empty());
    let holdings: crate::msg::HoldingsResponse = q(
        &deps,
        QueryMsg::Holdings {
            start_after: None,
            limit: None,
        },
    );
    assert!(holdings.total_units.is_zero());
    assert!(holdings.in_flight_units.is_zero());
    // She claims in the same transaction, before the send: the 40 arrive with her balance and
    // the token owes her nothing when the relay asks.
    set_account_income(&alice, 0);
    let res = move_out(&mut deps, "alice", 1_040).unwrap();
    let RelayPacket::Departure(packet) = sent_body(&res) else {
        panic!("a departure packet");
    };
    assert_eq!(packet.transfer.value, Uint128::new(1_040));
}

#[test]
fn an_arriving_record_goes_to_the_council_under_the_channels_node_name() {
    let mut deps = node();
    let newcomer = addr(&deps, "newcomer").to_string();
    let mut record = departure_record("beta1mover");
    record.sanction_level = 2;
    let (ack, msgs) = deliver(
        &mut deps,
        incoming(
            3,
            RelayPacket::Departure(DeparturePacket {
                transfer: TransferPacket {
                    sender: "beta1mover".to_string(),
                    receiver: newcomer.clone(),
                    shares: Uint128::new(700),
                    value: Uint128::new(7),
                },
                record: record.clone(),
            }),
        ),
    );
    assert!(!is_error(&ack), "{ack:?}");
    let told: Vec<serde_json::Value> = msgs
        .iter()
        .map(|m| match m {
            CosmosMsg::Wasm(WasmMsg::Execute { msg, .. }) => from_json(msg).unwrap(),
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(
        told,
        [serde_json::json!({"record_arrival": {
            "newcomer": newcomer,
            "node": BETA,
            "record": record,
        }})]
    );
    let held: crate::msg::VoucherResponse = q(
        &deps,
        QueryMsg::Voucher {
            node: BETA.to_string(),
            holder: newcomer,
        },
    );
    assert_eq!(held.shares, Uint128::new(700));
}

#[test]
fn a_refused_or_timed_out_departure_refunds_the_mover_by_the_transfers_own_path() {
    for refused in [true, false] {
        let mut deps = node();
        let res = move_out(&mut deps, "alice", 1_000).unwrap();
        let msgs = if refused {
            ack_err(&mut deps, sent(&res))
        } else {
            time_out(&mut deps, sent(&res))
        };
        let alice = addr(&deps, "alice").to_string();
        assert_eq!(
            token_transfer(&msgs),
            Some((alice, Uint128::new(1_000))),
            "refused: {refused}"
        );
        let pending: crate::msg::ListPendingResponse = q(
            &deps,
            QueryMsg::TransfersInFlight {
                start_after: None,
                limit: None,
            },
        );
        assert!(pending.packets.is_empty());
    }
}
