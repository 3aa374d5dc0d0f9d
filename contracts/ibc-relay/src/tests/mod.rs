//! Unit tests with mock dependencies. The relay under test is node "alpha"; "beta" is the
//! recognized node at the other end of `channel-0`, simulated by hand-built packets.

mod admin;
mod authority;
mod diplomacy;
mod handshake;
mod moves;
mod packets;
mod robustness;
mod trade;
mod transfer;

use cosmwasm_std::testing::{
    message_info, mock_dependencies, mock_env, MockApi, MockQuerier, MockStorage,
};
use cosmwasm_std::{
    from_json, to_json_binary, Addr, Binary, ContractResult, CosmosMsg, IbcAcknowledgement,
    IbcChannel, IbcChannelConnectMsg, IbcChannelOpenMsg, IbcEndpoint, IbcMsg, IbcOrder, IbcPacket,
    IbcPacketAckMsg, IbcPacketReceiveMsg, IbcPacketTimeoutMsg, IbcReceiveResponse, IbcTimeout,
    MsgResponse, OwnedDeps, Reply, ReplyOn, Response, SubMsgResponse, SubMsgResult, SystemResult,
    Uint128, WasmMsg, WasmQuery,
};

use crate::contract::{
    execute, ibc_channel_connect, ibc_channel_open, ibc_packet_ack, ibc_packet_receive,
    ibc_packet_timeout, instantiate, query, reply,
};
use crate::error::ContractError;
use crate::msg::{
    BookGuestMsg, ExecuteMsg, InstantiateMsg, OfferTradeMsg, ProposeTreatyMsg, QueryMsg,
    IBC_VERSION,
};
use crate::packet::*;
use crate::state::RECEIVE_REPLY_ID;
use dac_common::json::read_as_serde_writes;

pub type Deps = OwnedDeps<MockStorage, MockApi, MockQuerier>;

pub const CHANNEL: &str = "channel-0";
pub const CONNECTION: &str = "connection-0";
pub const BETA_PORT: &str = "wasm.beta-relay";
pub const BETA: &str = "beta";

pub fn addr(deps: &Deps, name: &str) -> Addr {
    deps.api.addr_make(name)
}

/// The housing registry's price of a guest night in these tests.
pub const GUEST_NIGHT: u128 = 45;

thread_local! {
    /// The escrow's deals as its `deal` query answers them (each test runs on its own thread).
    static ESCROW_DEALS: std::cell::RefCell<std::collections::HashMap<u64, serde_json::Value>> =
        std::cell::RefCell::default();
}

thread_local! {
    /// The housing registry's bookings as its `booking` query answers them.
    static REGISTRY_BOOKINGS: std::cell::RefCell<std::collections::HashMap<u64, serde_json::Value>> =
        std::cell::RefCell::default();
}

thread_local! {
    /// Token balances of accounts other than the relay (absent: zero).
    static ACCOUNT_BALANCES: std::cell::RefCell<std::collections::HashMap<String, u128>> =
        std::cell::RefCell::default();
}

/// Makes the mock token answer `balance { address }` with `balance` (the relay's own balance
/// is `set_relay_balance`'s).
pub fn set_account_balance(address: &Addr, balance: u128) {
    ACCOUNT_BALANCES.with(|b| b.borrow_mut().insert(address.to_string(), balance));
}

thread_local! {
    /// Basic income the token owes accounts, as its `claimable` query answers it (absent: zero).
    static ACCOUNT_INCOME: std::cell::RefCell<std::collections::HashMap<String, u128>> =
        std::cell::RefCell::default();
}

/// Makes the mock token answer `claimable { address }` with `amount`.
pub fn set_account_income(address: &Addr, amount: u128) {
    ACCOUNT_INCOME.with(|b| b.borrow_mut().insert(address.to_string(), amount));
}

/// Makes the mock registry answer `booking { booking_id }` with `answer`.
pub fn set_registry_booking(booking_id: u64, answer: serde_json::Value) {
    REGISTRY_BOOKINGS.with(|b| b.borrow_mut().insert(booking_id, answer));
}

/// Makes the mock escrow answer `deal { deal_id }` with `answer` (a `DealResponse` JSON).
pub fn set_escrow_deal(deal_id: u64, answer: serde_json::Value) {
    ESCROW_DEALS.with(|d| d.borrow_mut().insert(deal_id, answer));
}

/// An escrow `DealResponse` of a trade shipment: `payer` paid `amount` of `token` in for
/// `seller`, attested by `attestor`, in `status`.
pub fn escrow_deal_json(
    attestor: &Addr,
    token: &Addr,
    payer: &Addr,
    seller: &Addr,
    amount: u128,
    status: &str,
) -> serde_json::Value {
    serde_json::json!({
        "deal": {
            "id": 1,
            "kind": {"trade_shipment": {"attestor": attestor}},
            "asset": {"token": {"address": token}},
            "description": "grain",
            "parties": [
                {"address": payer, "role": "proposer", "stake": amount.to_string(), "units": "0", "signed": true},
                {"address": seller, "role": "counterparty", "stake": "0", "units": "0", "signed": true},
            ],
        },
        "status": status,
        "next_deadline": null,
        "value_held": amount.to_string(),
        "holdings": [],
    })
}

/// The token answers `Balance` of the relay with `balance` (of others from
/// [`set_account_balance`]); the housing registry answers `config` with a guest night at
/// [`GUEST_NIGHT`]; the escrow answers `deal` from [`set_escrow_deal`] and fails for any other
/// id; the council answers `departure_record` for alice only (a member since 1,000 s, level 1).
pub fn set_relay_balance(deps: &mut Deps, balance: u128) {
    let registry = addr(deps, "housing").to_string();
    let escrow = addr(deps, "escrow").to_string();
    let council = addr(deps, "council").to_string();
    let alice = addr(deps, "alice").to_string();
    let relay = mock_env().contract.address.to_string();
    deps.querier.update_wasm(move |q| match q {
        WasmQuery::Smart { contract_addr, msg } if *contract_addr == council => {
            let asked: serde_json::Value = from_json(msg).unwrap();
            SystemResult::Ok(match asked["departure_record"]["member"].as_str() {
                Some(member) if member == alice => {
                    ContractResult::Ok(to_json_binary(&departure_record(member)).unwrap())
                }
                _ => ContractResult::Err("not a member".to_string()),
            })
        }
        WasmQuery::Smart { msg, .. }
            if from_json::<serde_json::Value>(msg).unwrap()["claimable"].is_object() =>
        {
            let asked: serde_json::Value = from_json(msg).unwrap();
            let address = asked["claimable"]["address"].as_str().unwrap().to_string();
            let owed = ACCOUNT_INCOME.with(|b| b.borrow().get(&address).copied());
            SystemResult::Ok(ContractResult::Ok(
                to_json_binary(&serde_json::json!({
                    "is_member": true,
                    "amount": owed.unwrap_or(0).to_string(),
                }))
                .unwrap(),
            ))
        }
        WasmQuery::Smart { msg, .. }
            if from_json::<serde_json::Value>(msg).unwrap()["balance"]["address"]
                .as_str()
                .is_some_and(|a| a != relay) =>
        {
            let asked: serde_json::Value = from_json(msg).unwrap();
            let address = asked["balance"]["address"].as_str().unwrap().to_string();
            let held = ACCOUNT_BALANCES.with(|b| b.borrow().get(&address).copied());
            SystemResult::Ok(ContractResult::Ok(
                to_json_binary(&cw20::BalanceResponse {
                    balance: Uint128::new(held.unwrap_or(0)),
                })
                .unwrap(),
            ))
        }
        WasmQuery::Smart { contract_addr, msg } if *contract_addr == registry => {
            let asked: serde_json::Value = from_json(msg).unwrap();
            if let Some(id) = asked["booking"]["booking_id"].as_u64() {
                let answer = REGISTRY_BOOKINGS.with(|b| b.borrow().get(&id).cloned());
                return SystemResult::Ok(match answer {
                    Some(answer) => ContractResult::Ok(to_json_binary(&answer).unwrap()),
                    None => ContractResult::Err("booking not found".to_string()),
                });
            }
            SystemResult::Ok(ContractResult::Ok(
                to_json_binary(&serde_json::json!({
                    "name": "housing",
                    "guest": {"price_per_day": GUEST_NIGHT.to_string(), "max_stay_days": 14},
                }))
                .unwrap(),
            ))
        }
        WasmQuery::Smart { contract_addr, msg } if *contract_addr == escrow => {
            let asked: serde_json::Value = from_json(msg).unwrap();
            let answer = asked["deal"]["deal_id"]
                .as_u64()
                .and_then(|id| ESCROW_DEALS.with(|d| d.borrow().get(&id).cloned()));
            SystemResult::Ok(match answer {
                Some(answer) => ContractResult::Ok(to_json_binary(&answer).unwrap()),
                None => ContractResult::Err("deal not found".to_string()),
            })
        }
        WasmQuery::Smart { .. } => SystemResult::Ok(ContractResult::Ok(
            to_json_binary(&cw20::BalanceResponse {
                balance: Uint128::new(balance),
            })
            .unwrap(),
        )),
        _ => panic!("unexpected query {q:?}"),
    });
}

/// What the mock council says about `member` when they move.
pub fn departure_record(member: &str) -> dac_common::mesh::DepartureRecord {
    dac_common::mesh::DepartureRecord {
        member: member.to_string(),
        member_since: Some(cosmwasm_std::Timestamp::from_seconds(1_000)),
        left_at: mock_env().block.time,
        sanction_level: 1,
        exclusion_due: None,
    }
}

pub fn channel(version: &str, order: IbcOrder, connection: &str, port: &str) -> IbcChannel {
    IbcChannel::new(
        IbcEndpoint {
            port_id: "wasm.alpha-relay".to_string(),
            channel_id: CHANNEL.to_string(),
        },
        IbcEndpoint {
            port_id: port.to_string(),
            channel_id: "channel-7".to_string(),
        },
        order,
        version,
        connection,
    )
}

pub fn good_channel() -> IbcChannel {
    channel(IBC_VERSION, IbcOrder::Unordered, CONNECTION, BETA_PORT)
}

pub fn exec(deps: &mut Deps, sender: &str, msg: ExecuteMsg) -> Result<Response, ContractError> {
    let info = message_info(&addr(deps, sender), &[]);
    execute(deps.as_mut(), mock_env(), info, msg)
}

/// The answer, checked to be what serde writes for it (the contract writes it by the lean writer).
pub fn q<T: serde::de::DeserializeOwned + serde::Serialize>(deps: &Deps, msg: QueryMsg) -> T {
    read_as_serde_writes(&query(deps.as_ref(), mock_env(), msg).unwrap())
}

/// Instantiated, "beta" recognized, `channel-0` open to it.
pub fn setup() -> Deps {
    let mut deps = mock_dependencies();
    let admin = addr(&deps, "council");
    let token = addr(&deps, "token");
    let registry = addr(&deps, "housing");
    let escrow = addr(&deps, "escrow");
    instantiate(
        deps.as_mut(),
        mock_env(),
        message_info(&admin, &[]),
        InstantiateMsg {
            admin: admin.to_string(),
            token: token.to_string(),
            housing_registry: Some(registry.to_string()),
            escrow: Some(escrow.to_string()),
            default_timeout_seconds: 3600,
        },
    )
    .unwrap();
    set_relay_balance(&mut deps, 0);
    exec(
        &mut deps,
        "council",
        ExecuteMsg::RecognizeNode {
            name: BETA.to_string(),
            connection_id: CONNECTION.to_string(),
            counterparty_port: BETA_PORT.to_string(),
        },
    )
    .unwrap();
    ibc_channel_open(
        deps.as_mut(),
        mock_env(),
        IbcChannelOpenMsg::new_init(good_channel()),
    )
    .unwrap();
    ibc_channel_connect(
        deps.as_mut(),
        mock_env(),
        IbcChannelConnectMsg::new_ack(good_channel(), IBC_VERSION),
    )
    .unwrap();
    deps
}

/// A packet from beta carrying `body` as beta's packet `id`.
pub fn incoming(id: u64, body: RelayPacket) -> IbcPacket {
    IbcPacket::new(
        to_json_binary(&Envelope { id, body }).unwrap(),
        IbcEndpoint {
            port_id: BETA_PORT.to_string(),
            channel_id: "channel-7".to_string(),
        },
        IbcEndpoint {
            port_id: "wasm.alpha-relay".to_string(),
            channel_id: CHANNEL.to_string(),
        },
        id,
        IbcTimeout::with_timestamp(mock_env().block.time.plus_seconds(600)),
    )
}

pub fn ack_of(res: &IbcReceiveResponse) -> Ack {
    from_json(res.acknowledgement.as_ref().unwrap()).unwrap()
}

pub fn is_error(ack: &Ack) -> bool {
    matches!(ack, Ack::Error(_))
}

/// What a chain does with a received packet: the receive entry point, then (if it asked) the
/// relay's own `ApplyPacket`; a failing apply is answered through `reply` as wasmd would.
/// Returns the final acknowledgement and the messages the apply emitted.
pub fn deliver(deps: &mut Deps, packet: IbcPacket) -> (Ack, Vec<CosmosMsg>) {
    let relay = mock_env().contract.address;
    let relayer = addr(deps, "relayer");
    let res = ibc_packet_receive(
        deps.as_mut(),
        mock_env(),
        IbcPacketReceiveMsg::new(packet, relayer),
    )
    .unwrap();
    let ack = ack_of(&res);
    let Some(sub) = res.messages.first() else {
        return (ack, vec![]);
    };
    assert_eq!(sub.id, RECEIVE_REPLY_ID);
    let CosmosMsg::Wasm(WasmMsg::Execute { msg, .. }) = &sub.msg else {
        panic!("expected the apply sub-message");
    };
    let apply: ExecuteMsg = from_json(msg).unwrap();
    let info = message_info(&relay, &[]);
    // The chain runs the sub-message in a cache it throws away on error.
    let before: Vec<(Vec<u8>, Vec<u8>)> =
        cosmwasm_std::Storage::range(&deps.storage, None, None, cosmwasm_std::Order::Ascending)
            .collect();
    match execute(deps.as_mut(), mock_env(), info, apply) {
        Ok(r) if sub.reply_on == ReplyOn::Always => {
            // The chain hands our reply the execution's data, wrapped as wasmd's protobuf
            // `MsgExecuteContractResponse { data }`; the reply's data becomes the ack.
            let msgs = r.messages.into_iter().map(|m| m.msg).collect();
            let wrapped = r.data.map(|data| {
                assert!(data.len() < 128, "a one-byte protobuf length");
                let mut bytes = vec![0x0a, data.len() as u8];
                bytes.extend_from_slice(&data);
                MsgResponse {
                    type_url: "/cosmwasm.wasm.v1.MsgExecuteContractResponse".to_string(),
                    value: Binary::from(bytes),
                }
            });
            #[allow(deprecated)]
            let result = SubMsgResult::Ok(SubMsgResponse {
                events: vec![],
                data: None,
                msg_responses: wrapped.into_iter().collect(),
            });
            let r = reply(
                deps.as_mut(),
                mock_env(),
                Reply {
                    id: RECEIVE_REPLY_ID,
                    payload: Binary::default(),
                    gas_used: 0,
                    result,
                },
            )
            .unwrap();
            let ack = r.data.map_or(ack, |data| from_json(data).unwrap());
            (ack, msgs)
        }
        Ok(r) => (ack, r.messages.into_iter().map(|m| m.msg).collect()),
        Err(err) => {
            deps.storage = MockStorage::new();
            for (k, v) in before {
                cosmwasm_std::Storage::set(&mut deps.storage, &k, &v);
            }
            let r = reply(
                deps.as_mut(),
                mock_env(),
                Reply {
                    id: RECEIVE_REPLY_ID,
                    payload: Binary::default(),
                    gas_used: 0,
                    result: SubMsgResult::Err(err.to_string()),
                },
            )
            .unwrap();
            (from_json(r.data.unwrap()).unwrap(), vec![])
        }
    }
}

/// The packet a response sent (the first `SendPacket`), as the chain would build it.
pub fn sent(res: &Response) -> IbcPacket {
    let (data, timeout) = res
        .messages
        .iter()
        .find_map(|m| match &m.msg {
            CosmosMsg::Ibc(IbcMsg::SendPacket { data, timeout, .. }) => {
                Some((data.clone(), timeout.clone()))
            }
            _ => None,
        })
        .expect("a packet was sent");
    IbcPacket::new(
        data,
        IbcEndpoint {
            port_id: "wasm.alpha-relay".to_string(),
            channel_id: CHANNEL.to_string(),
        },
        IbcEndpoint {
            port_id: BETA_PORT.to_string(),
            channel_id: "channel-7".to_string(),
        },
        1,
        timeout,
    )
}

pub fn sent_body(res: &Response) -> RelayPacket {
    from_json::<Envelope>(&sent(res).data).unwrap().body
}

pub fn ack_with(deps: &mut Deps, packet: IbcPacket, ack: Ack) -> Vec<CosmosMsg> {
    let relayer = addr(deps, "relayer");
    ibc_packet_ack(
        deps.as_mut(),
        mock_env(),
        IbcPacketAckMsg::new(
            IbcAcknowledgement::encode_json(&ack).unwrap(),
            packet,
            relayer,
        ),
    )
    .unwrap()
    .messages
    .into_iter()
    .map(|m| m.msg)
    .collect()
}

pub fn ack_ok(deps: &mut Deps, packet: IbcPacket) -> Vec<CosmosMsg> {
    ack_with(deps, packet, Ack::Result(Binary::from(b"ok".as_slice())))
}

pub fn ack_err(deps: &mut Deps, packet: IbcPacket) -> Vec<CosmosMsg> {
    ack_with(deps, packet, Ack::Error("refused".to_string()))
}

pub fn time_out(deps: &mut Deps, packet: IbcPacket) -> Vec<CosmosMsg> {
    let relayer = addr(deps, "relayer");
    ibc_packet_timeout(
        deps.as_mut(),
        mock_env(),
        IbcPacketTimeoutMsg::new(packet, relayer),
    )
    .unwrap()
    .messages
    .into_iter()
    .map(|m| m.msg)
    .collect()
}

/// The cw20 transfer (recipient, amount) a message list makes, if any.
pub fn token_transfer(msgs: &[CosmosMsg]) -> Option<(String, Uint128)> {
    msgs.iter().find_map(|m| match m {
        CosmosMsg::Wasm(WasmMsg::Execute { msg, .. }) => {
            match from_json::<cw20::Cw20ExecuteMsg>(msg) {
                Ok(cw20::Cw20ExecuteMsg::Transfer { recipient, amount }) => {
                    Some((recipient, amount))
                }
                _ => None,
            }
        }
        _ => None,
    })
}

/// Every piece of state a query can show, to compare before and after a refused message.
pub fn snapshot(deps: &Deps) -> String {
    let all = [
        QueryMsg::Config {},
        QueryMsg::ListNodes {
            start_after: None,
            limit: None,
        },
        QueryMsg::ListChannels {
            start_after: None,
            limit: None,
        },
        QueryMsg::PendingPackets {
            start_after: None,
            limit: None,
        },
        QueryMsg::Holdings {
            start_after: None,
            limit: None,
        },
        QueryMsg::ListVouchers {
            node: BETA.to_string(),
            start_after: None,
            limit: None,
        },
        QueryMsg::ListTreaties {
            start_after: None,
            limit: None,
        },
        QueryMsg::ListPanels {
            start_after: None,
            limit: None,
        },
        QueryMsg::ListNotes {
            start_after: None,
            limit: None,
        },
        QueryMsg::Admin {},
    ];
    let mut out = String::new();
    for msg in all {
        out.push_str(std::str::from_utf8(&query(deps.as_ref(), mock_env(), msg).unwrap()).unwrap());
    }
    for status in [
        crate::msg::TradeStatus::Proposed,
        crate::msg::TradeStatus::Offered,
        crate::msg::TradeStatus::Accepted,
        crate::msg::TradeStatus::Shipping,
        crate::msg::TradeStatus::Paid,
    ] {
        let r = query(
            deps.as_ref(),
            mock_env(),
            QueryMsg::TradesByStatus {
                status,
                start_after: None,
                limit: None,
            },
        )
        .unwrap();
        out.push_str(std::str::from_utf8(&r).unwrap());
    }
    out
}

/// A refused message must leave every queryable piece of state as it was.
pub fn assert_refused_unchanged(deps: &mut Deps, sender: &str, msg: ExecuteMsg) -> ContractError {
    let before = snapshot(deps);
    let err = exec(deps, sender, msg).unwrap_err();
    assert_eq!(before, snapshot(deps), "state changed on a refused message");
    err
}

pub fn ok_sub_result() -> SubMsgResult {
    #[allow(deprecated)]
    SubMsgResult::Ok(SubMsgResponse {
        events: vec![],
        data: None,
        msg_responses: vec![],
    })
}

/// Alice sends `amount` of our token towards beta; the relay's balance is then `balance_after`.
pub fn send_out(deps: &mut Deps, amount: u128, balance_after: u128) -> Response {
    set_relay_balance(deps, balance_after);
    let token = addr(deps, "token");
    let alice = addr(deps, "alice");
    execute(
        deps.as_mut(),
        mock_env(),
        message_info(&token, &[]),
        ExecuteMsg::Receive(cw20::Cw20ReceiveMsg {
            sender: alice.to_string(),
            amount: Uint128::new(amount),
            msg: to_json_binary(&crate::msg::ReceiveMsg::Transfer {
                channel_id: CHANNEL.to_string(),
                receiver: "beta1receiver".to_string(),
                timeout_seconds: Some(600),
            })
            .unwrap(),
        }),
    )
    .unwrap()
}
