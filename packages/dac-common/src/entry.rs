//! The contracts' wasm entry points: cosmwasm-std's `do_*` functions, except that the querier reads
//! the chain's answer with the lean reader ([`QueryAnswer`]) instead of serde's, and so do
//! `Env` and `MessageInfo` (except in [`serde_env`]), and `reply`'s `Reply` and the IBC entry
//! points' messages (serde's readers of `Reply` and its events were ~18 KiB of each contract with
//! a `reply`, of the IBC messages ~8 KiB of the relay).
//!
//! Why: the entry points hand a querier to every handler, so cosmwasm-std's is linked into every
//! contract, and with it serde's reader of its answer (`SystemResult<ContractResult<Binary>>` and
//! every `SystemError` variant): ~14 KiB of each contract's wasm, even one that never queries.
//! serde's readers of `Env` and `MessageInfo` are ~3 KiB more; the lean reader costs ~12 gas more
//! per call (the allocations of its `Value` tree), which the token's Transfer and Send can't spare.
//!
//! A contract selects them with `#[entry_point(crate = "dac_common::entry")]`; the attribute then
//! calls `dac_common::entry::do_execute` etc. where it would call `cosmwasm_std::do_execute`
//! (`crate = "dac_common::entry::serde_env"` for serde's `Env` and `MessageInfo`). Each
//! does what cosmwasm-std 2.x's does, in the same order: install the panic hook, take the VM's
//! regions, read `Env`, then `MessageInfo`, then the message (a failure is the call's error), run
//! the handler, and hand its `ContractResult` back as JSON in a new region (written by the lean
//! writer, `crate::json`, except in [`serde_env`]).

use cosmwasm_std::{Binary, ContractResult, SystemError, SystemResult};

use crate::de::{
    newtype_variant, read_struct, read_variant, struct_variant, FromJson, JsonError, Value,
};

/// A `Reply` as a contract reads it that only learns whether its submessage failed, and why: the
/// id, the payload and the error text. A success's events, data and message responses are skipped
/// unread (their readers, `SubMsgResponse`, `Event`, `MsgResponse`, are ~7 KiB of wasm). `reply`
/// takes it in place of cosmwasm-std's `Reply` (`do_reply` reads either).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyOutcome {
    pub id: u64,
    pub payload: Binary,
    /// The submessage's error; `None` when it succeeded.
    pub error: Option<String>,
}

impl FromJson for ReplyOutcome {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        let mut fields = read_struct(value, &["id", "payload", "gas_used", "result"], false)?;
        match (
            fields.required(0),
            fields.or_default(1),
            fields.or_default::<u64>(2),
            fields.required(3),
        ) {
            (Some(id), Some(payload), Some(_), Some(Outcome(error))) => {
                Ok(ReplyOutcome { id, payload, error })
            }
            _ => Err(fields.into_error()),
        }
    }
}

impl From<cosmwasm_std::Reply> for ReplyOutcome {
    /// What the outcome reader reads of the reply's JSON (for tests and harnesses that have a
    /// `Reply` value).
    fn from(reply: cosmwasm_std::Reply) -> Self {
        ReplyOutcome {
            id: reply.id,
            payload: reply.payload,
            error: match reply.result {
                cosmwasm_std::SubMsgResult::Ok(_) => None,
                cosmwasm_std::SubMsgResult::Err(error) => Some(error),
            },
        }
    }
}

/// Through the lean reader, for the entry points' `serde_env` mode and tests.
impl<'de> serde::Deserialize<'de> for ReplyOutcome {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::de::deserialize(deserializer)
    }
}

/// `SubMsgResult`: the error's text, or `None` for a success (an object, not read further).
struct Outcome(Option<String>);

impl FromJson for Outcome {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        match read_variant(value, &["ok", "error"])? {
            (0, Some(Value::Object(_))) => Ok(Outcome(None)),
            (0, content) => newtype_variant::<ReadSuccess>(content, "ok").map(|_| Outcome(None)),
            (_, content) => newtype_variant(content, "error").map(|error| Outcome(Some(error))),
        }
    }
}

/// A success that is not an object: refused, with the reader's error.
struct ReadSuccess;

impl FromJson for ReadSuccess {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        read_struct(value, &[], false).map(|_| ReadSuccess)
    }
}

/// The chain's answer to a query, as the VM writes it: `{"ok":{"ok":"<base64>"}}`,
/// `{"ok":{"error":"<text>"}}` or `{"error":{<system error>}}`.
pub struct QueryAnswer(pub SystemResult<ContractResult<Binary>>);

impl FromJson for QueryAnswer {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        let answer = match read_variant(value, &["ok", "error"])? {
            (0, content) => {
                SystemResult::Ok(newtype_variant::<ReadContractResult>(content, "ok")?.0)
            }
            (_, content) => {
                SystemResult::Err(newtype_variant::<ReadSystemError>(content, "error")?.0)
            }
        };
        Ok(QueryAnswer(answer))
    }
}

/// The contract's own answer inside the chain's.
struct ReadContractResult(ContractResult<Binary>);

impl FromJson for ReadContractResult {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        Ok(ReadContractResult(
            match read_variant(value, &["ok", "error"])? {
                (0, content) => ContractResult::Ok(newtype_variant(content, "ok")?),
                (_, content) => ContractResult::Err(newtype_variant(content, "error")?),
            },
        ))
    }
}

/// cosmwasm-std 2.x's `SystemError`, every variant.
struct ReadSystemError(SystemError);

impl FromJson for ReadSystemError {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        const VARIANTS: &[&str] = &[
            "invalid_request",
            "invalid_response",
            "no_such_contract",
            "no_such_code",
            "unknown",
            "unsupported_request",
        ];
        // Each variant's fields, in the order of `VARIANTS`.
        const FIELDS: [&[&str]; 6] = [
            &["error", "request"],
            &["error", "response"],
            &["addr"],
            &["code_id"],
            &[],
            &["kind"],
        ];
        let (index, content) = read_variant(value, VARIANTS)?;
        let mut fields = struct_variant(content, FIELDS[index], VARIANTS[index])?;
        let error = match index {
            0 | 1 => match (fields.required(0), fields.required(1)) {
                (Some(error), Some(request)) if index == 0 => {
                    Some(SystemError::InvalidRequest { error, request })
                }
                (Some(error), Some(response)) => {
                    Some(SystemError::InvalidResponse { error, response })
                }
                _ => None,
            },
            2 | 5 => match fields.required(0) {
                Some(addr) if index == 2 => Some(SystemError::NoSuchContract { addr }),
                Some(kind) => Some(SystemError::UnsupportedRequest { kind }),
                None => None,
            },
            3 => fields
                .required(0)
                .map(|code_id| SystemError::NoSuchCode { code_id }),
            _ => Some(SystemError::Unknown {}),
        };
        error
            .map(ReadSystemError)
            .ok_or_else(|| fields.into_error())
    }
}

#[cfg(target_arch = "wasm32")]
pub use wasm::*;

/// The entry points with `Env` and `MessageInfo` read by serde (in wasm builds).
#[cfg(not(target_arch = "wasm32"))]
pub mod serde_env {}

#[cfg(target_arch = "wasm32")]
mod wasm {
    use core::marker::PhantomData;

    use cosmwasm_std::{
        from_json, to_json_vec, Binary, ContractResult, Deps, DepsMut, Empty, Env, ExternalApi,
        ExternalStorage, IbcChannelCloseMsg, IbcChannelConnectMsg, IbcChannelOpenMsg,
        IbcPacketAckMsg, IbcPacketReceiveMsg, IbcPacketTimeoutMsg, MessageInfo, OwnedDeps, Querier,
        QuerierResult, SystemError, SystemResult,
    };
    use serde::{de::DeserializeOwned, Serialize};

    use super::QueryAnswer;
    use crate::de::{FromJson, Lean};
    use crate::json::ToJson;

    // The VM's functions, as cosmwasm-std declares them.
    extern "C" {
        fn abort(source_ptr: u32);
        fn query_chain(request: u32) -> u32;
    }

    /// A slice of the contract's memory, as the VM reads and writes it (cosmwasm-std's `Region`).
    #[repr(C)]
    struct Region {
        offset: u32,
        capacity: u32,
        length: u32,
    }

    /// The bytes of a region the VM allocated (through cosmwasm-std's `allocate`) and handed over.
    ///
    /// # Safety
    /// `ptr` is a region made by `allocate` and not taken before, as the VM guarantees for the
    /// arguments of an entry point and the answer of `query_chain`.
    unsafe fn take(ptr: u32) -> Vec<u8> {
        assert!(ptr != 0, "Region pointer is null");
        let region = Box::from_raw(ptr as *mut Region);
        Vec::from_raw_parts(
            region.offset as *mut u8,
            region.length as usize,
            region.capacity as usize,
        )
    }

    /// Hands `bytes` to the VM in a new region (the VM frees it with `deallocate`).
    fn give(bytes: Vec<u8>) -> u32 {
        let mut bytes = core::mem::ManuallyDrop::new(bytes);
        let region = Region {
            offset: bytes.as_mut_ptr() as u32,
            capacity: bytes.capacity() as u32,
            length: bytes.len() as u32,
        };
        Box::into_raw(Box::new(region)) as u32
    }

    /// As cosmwasm-std's: a panic's message and place go to the VM, which aborts the call.
    fn install_panic_handler() {
        std::panic::set_hook(Box::new(|info| {
            let message = info.to_string();
            let region = Region {
                offset: message.as_ptr() as u32,
                capacity: message.len() as u32,
                length: message.len() as u32,
            };
            unsafe { abort(&region as *const Region as u32) };
        }));
    }

    /// cosmwasm-std's `ExternalQuerier`, reading the answer with [`QueryAnswer`].
    /// `LEAN`: the answer read by the lean reader's shared parse; otherwise through
    /// `from_json::<Lean<_>>` (`serde_env`: no shared parse linked for one type).
    pub struct ChainQuerier<const LEAN: bool>;

    impl<const LEAN: bool> Querier for ChainQuerier<LEAN> {
        fn raw_query(&self, request: &[u8]) -> QuerierResult {
            let region = Region {
                offset: request.as_ptr() as u32,
                capacity: request.len() as u32,
                length: request.len() as u32,
            };
            let response = unsafe { take(query_chain(&region as *const Region as u32)) };
            let answer = if LEAN {
                crate::de::read::<QueryAnswer>(&response)
            } else {
                from_json::<Lean<QueryAnswer>>(&response).map(|lean| lean.0)
            };
            match answer {
                Ok(answer) => answer.0,
                Err(error) => SystemResult::Err(SystemError::InvalidResponse {
                    error: error.to_string(),
                    response: Binary::new(response),
                }),
            }
        }
    }

    fn dependencies<const LEAN: bool>(
    ) -> OwnedDeps<ExternalStorage, ExternalApi, ChainQuerier<LEAN>, Empty> {
        OwnedDeps {
            storage: ExternalStorage::new(),
            api: ExternalApi::new(),
            querier: ChainQuerier::<LEAN>,
            custom_query_type: PhantomData,
        }
    }

    /// Reads a region, or ends the call with the error as cosmwasm-std does: by the lean
    /// reader's one shared parse (`LEAN`), or by serde (`serde_env`).
    macro_rules! read {
        ($lean:expr, $ptr:expr) => {{
            let bytes = unsafe { take($ptr) };
            let read = if $lean {
                crate::de::read(&bytes)
            } else {
                from_json(&bytes)
            };
            match read {
                Ok(value) => value,
                Err(error) => return ContractResult::Err(error.to_string()),
            }
        }};
    }

    /// The handler's result, as JSON, by the lean writer: serde's writer of `Response` and of
    /// every `CosmosMsg` in it would be linked otherwise.
    fn answer<R: ToJson>(result: ContractResult<R>) -> u32 {
        give(crate::json::to_json_vec(&result))
    }

    /// The same by serde's writer (see `serde_env`).
    fn answer_by_serde<R: Serialize>(result: ContractResult<R>) -> u32 {
        give(to_json_vec(&result).unwrap())
    }

    /// What the entry points read: serde's `Deserialize` (`serde_env`) and the lean reader's
    /// `FromJson`, both derived by `#[dac_serde]` for every message.
    pub trait Message: DeserializeOwned + FromJson {}

    impl<T: DeserializeOwned + FromJson> Message for T {}

    type WithInfo<'a, M, R, E> = &'a dyn Fn(DepsMut, Env, MessageInfo, M) -> Result<R, E>;
    type WithoutInfo<'a, M, R, E> = &'a dyn Fn(DepsMut, Env, M) -> Result<R, E>;
    type Query<'a, M, E> = &'a dyn Fn(Deps, Env, M) -> Result<Binary, E>;

    fn read_env<const LEAN: bool>(env: u32) -> ContractResult<Env> {
        ContractResult::Ok(read!(LEAN, env))
    }

    fn call_with_info<const LEAN: bool, M: Message, R, E: ToString>(
        handler: WithInfo<M, R, E>,
        env: u32,
        info: u32,
        msg: u32,
    ) -> ContractResult<R> {
        let env: Env = match read_env::<LEAN>(env) {
            ContractResult::Ok(env) => env,
            ContractResult::Err(error) => return ContractResult::Err(error),
        };
        let info: MessageInfo = read!(LEAN, info);
        let msg: M = read!(LEAN, msg);
        let mut deps = dependencies::<LEAN>();
        handler(deps.as_mut(), env, info, msg).into()
    }

    /// `LEAN_MSG`: the message is read by the lean reader even when `Env` is not (cosmwasm-std's
    /// own types: `Reply`, the IBC messages).
    fn call<const LEAN: bool, const LEAN_MSG: bool, M: Message, R, E: ToString>(
        handler: WithoutInfo<M, R, E>,
        env: u32,
        msg: u32,
    ) -> ContractResult<R> {
        let env: Env = match read_env::<LEAN>(env) {
            ContractResult::Ok(env) => env,
            ContractResult::Err(error) => return ContractResult::Err(error),
        };
        let msg: M = read!(LEAN_MSG, msg);
        let mut deps = dependencies::<LEAN>();
        handler(deps.as_mut(), env, msg).into()
    }

    fn query<const LEAN: bool, M: Message, E: ToString>(
        handler: Query<M, E>,
        env: u32,
        msg: u32,
    ) -> ContractResult<Binary> {
        let env: Env = match read_env::<LEAN>(env) {
            ContractResult::Ok(env) => env,
            ContractResult::Err(error) => return ContractResult::Err(error),
        };
        let msg: M = read!(LEAN, msg);
        let deps = dependencies::<LEAN>();
        handler(deps.as_ref(), env, msg).into()
    }

    /// The `do_*` functions the entry-point attribute calls, reading `Env` and `MessageInfo` by
    /// the lean reader or not (`$lean`), and writing the answer with `$answer` (the handler's
    /// result needs `$writes`).
    macro_rules! entry_points {
        ($lean:literal, $writes:ident, $answer:ident) => {
            pub fn do_instantiate<M: Message, R: $writes, E: ToString>(
                handler: WithInfo<M, R, E>,
                env: u32,
                info: u32,
                msg: u32,
            ) -> u32 {
                install_panic_handler();
                $answer(call_with_info::<$lean, _, _, _>(handler, env, info, msg))
            }

            pub fn do_execute<M: Message, R: $writes, E: ToString>(
                handler: WithInfo<M, R, E>,
                env: u32,
                info: u32,
                msg: u32,
            ) -> u32 {
                install_panic_handler();
                $answer(call_with_info::<$lean, _, _, _>(handler, env, info, msg))
            }

            pub fn do_query<M: Message, E: ToString>(
                handler: Query<M, E>,
                env: u32,
                msg: u32,
            ) -> u32 {
                install_panic_handler();
                $answer(query::<$lean, _, _>(handler, env, msg))
            }

            entry_points!($lean, $writes, $answer; do_migrate, do_sudo);
            /// `reply`, its message (cosmwasm-std's `Reply`, or [`ReplyOutcome`]) read by the
            /// lean reader.
            pub fn do_reply<M: Message, R: $writes, E: ToString>(
                handler: WithoutInfo<M, R, E>,
                env: u32,
                msg: u32,
            ) -> u32 {
                install_panic_handler();
                $answer(call::<$lean, true, _, _, _>(handler, env, msg))
            }

            entry_points!($lean, $writes, $answer; lean do_ibc_channel_open: IbcChannelOpenMsg,
                do_ibc_channel_connect: IbcChannelConnectMsg,
                do_ibc_channel_close: IbcChannelCloseMsg,
                do_ibc_packet_receive: IbcPacketReceiveMsg,
                do_ibc_packet_ack: IbcPacketAckMsg,
                do_ibc_packet_timeout: IbcPacketTimeoutMsg);
        };
        // The entry points called with `Env` and a message of the contract's own type: `migrate`, `sudo`.
        ($lean:literal, $writes:ident, $answer:ident; $($name:ident),*) => {$(
            pub fn $name<M: Message, R: $writes, E: ToString>(
                handler: WithoutInfo<M, R, E>,
                env: u32,
                msg: u32,
            ) -> u32 {
                install_panic_handler();
                $answer(call::<$lean, $lean, _, _, _>(handler, env, msg))
            }
        )*};
        // The entry points whose message is cosmwasm-std's own type, read by the lean reader.
        ($lean:literal, $writes:ident, $answer:ident; lean $($name:ident: $msg:ty),*) => {$(
            pub fn $name<R: $writes, E: ToString>(
                handler: WithoutInfo<$msg, R, E>,
                env: u32,
                msg: u32,
            ) -> u32 {
                install_panic_handler();
                $answer(call::<$lean, true, _, _, _>(handler, env, msg))
            }
        )*};
    }

    entry_points!(true, ToJson, answer);

    /// The same entry points with `Env` and `MessageInfo` read, and the answer written, by serde:
    /// for a contract whose every call's gas counts (the token's Transfer and Send).
    pub mod serde_env {
        use super::*;

        entry_points!(false, Serialize, answer_by_serde);
    }
}

#[cfg(test)]
mod tests {
    use cosmwasm_std::{
        from_json, Addr, Attribute, Binary, ContractResult, Env, Event, IbcAcknowledgement,
        IbcChannel, IbcChannelCloseMsg, IbcChannelConnectMsg, IbcChannelOpenMsg, IbcEndpoint,
        IbcOrder, IbcPacket, IbcPacketAckMsg, IbcPacketReceiveMsg, IbcPacketTimeoutMsg, IbcTimeout,
        IbcTimeoutBlock, MessageInfo, MsgResponse, Reply, SubMsgResponse, SubMsgResult,
        SystemResult, Timestamp,
    };
    use proptest::collection::vec;
    use proptest::option;
    use proptest::prelude::*;
    use serde::de::DeserializeOwned;

    use super::{QueryAnswer, ReplyOutcome};
    use crate::de::{FromJson, Lean};

    /// Every input reads to the same value by hand as by serde, or both refuse it; `accepted` of
    /// them are read.
    fn same_as_serde<T, L, F>(inputs: &[&str], accepted: usize, unwrap: F)
    where
        T: DeserializeOwned + PartialEq + std::fmt::Debug,
        L: FromJson,
        F: Fn(L) -> T,
    {
        let mut parsed = 0;
        for input in inputs {
            let ours = from_json::<Lean<L>>(input).map(|lean| unwrap(lean.0));
            match (from_json::<T>(input), ours) {
                (Ok(serde), Ok(ours)) => {
                    assert_eq!(serde, ours, "{input}");
                    parsed += 1;
                }
                (Err(_), Err(_)) => {}
                (serde, ours) => panic!("{input}: serde {serde:?}, by hand {ours:?}"),
            }
        }
        assert_eq!(parsed, accepted);
    }

    #[test]
    fn query_answers_read_as_serde_reads_them() {
        let inputs = [
            r#"{"ok":{"ok":"eyJhIjoxfQ=="}}"#,
            r#"{"ok":{"ok":""}}"#,
            r#"{"ok":{"error":"contract says no"}}"#,
            r#"{"ok":{"ok":"!"}}"#,
            r#"{"ok":{"ok":null}}"#,
            r#"{"ok":"ok"}"#,
            r#"{"ok":{"fine":"AA=="}}"#,
            r#"{"ok":{"ok":"AA==","error":"x"}}"#,
            r#"{"error":{"invalid_request":{"error":"bad","request":"e30="}}}"#,
            r#"{"error":{"invalid_request":{"error":"bad"}}}"#,
            r#"{"error":{"invalid_response":{"error":"bad","response":"e30=","x":1}}}"#,
            r#"{"error":{"invalid_response":{"response":"e30="}}}"#,
            r#"{"error":{"no_such_contract":{"addr":"cosmwasm1x"}}}"#,
            r#"{"error":{"no_such_contract":{"addr":7}}}"#,
            r#"{"error":{"no_such_code":{"code_id":4}}}"#,
            r#"{"error":{"no_such_code":{"code_id":"4"}}}"#,
            r#"{"error":{"unknown":{}}}"#,
            r#"{"error":"unknown"}"#,
            r#"{"error":{"unsupported_request":{"kind":"stargate"}}}"#,
            r#"{"error":{"unsupported_request":{}}}"#,
            r#"{"error":{"other":{}}}"#,
            r#"{"maybe":{}}"#,
            r#"{}"#,
            r#"[]"#,
        ];
        same_as_serde::<SystemResult<ContractResult<Binary>>, QueryAnswer, _>(
            &inputs,
            9,
            |answer| answer.0,
        );
    }

    #[test]
    fn the_vms_env_and_info_read_as_serde_reads_them() {
        let envs = [
            r#"{"block":{"height":12,"time":"1700000000000000000","chain_id":"dac-1"},"transaction":{"index":3},"contract":{"address":"c"}}"#,
            r#"{"block":{"height":12,"time":"1","chain_id":"dac-1"},"transaction":null,"contract":{"address":"c"}}"#,
            r#"{"contract":{"address":"c"},"block":{"chain_id":"x","time":"0","height":0}}"#,
            r#"{"block":{"height":12,"time":"1","chain_id":"dac-1","extra":1},"contract":{"address":"c","x":[]},"new":{}}"#,
            r#"{"block":{"height":12,"time":1,"chain_id":"dac-1"},"contract":{"address":"c"}}"#,
            r#"{"block":{"height":-1,"time":"1","chain_id":"dac-1"},"contract":{"address":"c"}}"#,
            r#"{"block":{"height":12,"chain_id":"dac-1"},"contract":{"address":"c"}}"#,
            r#"{"block":{"height":12,"time":"1","chain_id":"dac-1"},"transaction":{},"contract":{"address":"c"}}"#,
            r#"{"block":{"height":12,"time":"1","chain_id":"dac-1"}}"#,
            r#"{"block":{"height":1,"time":"1","chain_id":"d"},"block":{"height":1,"time":"1","chain_id":"d"},"contract":{"address":"c"}}"#,
        ];
        same_as_serde::<Env, Env, _>(&envs, 4, |env| env);
        let infos = [
            r#"{"sender":"s","funds":[]}"#,
            r#"{"sender":"s","funds":[{"denom":"u","amount":"10"}],"x":1}"#,
            r#"{"funds":[],"sender":"s"}"#,
            r#"{"sender":"s"}"#,
            r#"{"sender":"s","funds":[{"denom":"u","amount":10}]}"#,
            r#"{"sender":1,"funds":[]}"#,
            r#"["s",[]]"#,
        ];
        same_as_serde::<MessageInfo, MessageInfo, _>(&infos, 3, |info| info);
    }

    /// Replies as wasmd sends them, as older chains did, and malformed ones.
    const REPLIES: [&str; 31] = [
        // What wasmd sends: every field, an event with attributes, a message response.
        r#"{"id":7,"payload":"AQI=","gas_used":51234,"result":{"ok":{"events":[{"type":"wasm","attributes":[{"key":"_contract_address","value":"c"},{"key":"action","value":"mint"}]},{"type":"transfer","attributes":[]}],"data":"CgA=","msg_responses":[{"type_url":"/cosmwasm.wasm.v1.MsgExecuteContractResponse","value":"CgA="}]}}}"#,
        r#"{"id":7,"payload":"","gas_used":0,"result":{"ok":{"events":[],"data":null,"msg_responses":[]}}}"#,
        r#"{"id":1,"payload":"","gas_used":9,"result":{"error":"codespace: wasm, code: 5: out of funds"}}"#,
        // CosmWasm 1.x chains: no payload, gas, nor message responses.
        r#"{"id":2,"result":{"ok":{"events":[],"data":null}}}"#,
        r#"{"id":2,"result":{"ok":{"events":[]}}}"#,
        r#"{"result":{"error":""},"gas_used":3,"id":18446744073709551615}"#,
        r#"{"id":2,"new":{"x":[1]},"result":{"ok":{"events":[{"type":"t","attributes":[{"key":"k","value":"v","index":true}],"x":1}],"more":null}}}"#,
        r#"{"id":2,"result":{"ok":{"events":[],"msg_responses":[{"type_url":"/x","value":"","x":0}]}}}"#,
        // Refused by both.
        r#"{"id":2,"result":"ok"}"#,
        r#"{"id":2,"result":{"ok":{}}}"#,
        r#"{"id":2,"result":{"ok":{"events":[]},"error":"x"}}"#,
        r#"{"id":2,"result":{"error":5}}"#,
        r#"{"id":2,"result":{"error":null}}"#,
        r#"{"id":2,"result":{"err":"x"}}"#,
        r#"{"id":2,"result":{"Ok":{"events":[]}}}"#,
        r#"{"id":2,"result":{"ok":{"events":[{"ty":"t","attributes":[]}]}}}"#,
        r#"{"id":2,"result":{"ok":{"events":[{"type":"t"}]}}}"#,
        r#"{"id":2,"result":{"ok":{"events":[{"type":"t","attributes":[{"key":"k"}]}]}}}"#,
        r#"{"id":2,"result":{"ok":{"events":[{"type":"t","attributes":[["k","v"]]}]}}}"#,
        r#"{"id":2,"result":{"ok":{"events":[],"data":"!"}}}"#,
        r#"{"id":2,"result":{"ok":{"events":[],"msg_responses":null}}}"#,
        r#"{"id":2,"result":{"ok":{"events":[],"msg_responses":[{"type_url":"/x"}]}}}"#,
        r#"{"id":2,"payload":null,"result":{"error":"x"}}"#,
        r#"{"id":2,"gas_used":null,"result":{"error":"x"}}"#,
        r#"{"id":2,"gas_used":-1,"result":{"error":"x"}}"#,
        r#"{"id":"2","result":{"error":"x"}}"#,
        r#"{"id":2,"id":2,"result":{"error":"x"}}"#,
        r#"{"id":2}"#,
        r#"{"result":{"error":"x"}}"#,
        r#"[2,"",0,{"error":"x"}]"#,
        r#"null"#,
    ];

    #[test]
    fn replies_read_as_serde_reads_them() {
        let replies = REPLIES;
        same_as_serde::<Reply, Reply, _>(&replies, 8, |reply| reply);
    }

    /// `ReplyOutcome` reads what serde reads of a `Reply` (its id, payload and error) and refuses
    /// what serde refuses, except inside a success, which it does not read.
    #[test]
    fn reply_outcomes_read_what_serde_reads_of_a_reply() {
        let (mut read, mut success_unread) = (0, 0);
        for input in REPLIES {
            let ours = from_json::<Lean<ReplyOutcome>>(input).map(|lean| lean.0);
            match (from_json::<Reply>(input), ours) {
                (Ok(serde), Ok(ours)) => {
                    assert_eq!(ReplyOutcome::from(serde), ours, "{input}");
                    read += 1;
                }
                (Err(_), Err(_)) => {}
                (Err(_), Ok(ours)) => {
                    let json: serde_json::Value = serde_json::from_str(input).unwrap();
                    assert!(json["result"]["ok"].is_object(), "{input}");
                    assert_eq!(ours.error, None);
                    success_unread += 1;
                }
                (Ok(_), Err(error)) => panic!("{input}: {error}"),
            }
        }
        assert_eq!((read, success_unread), (8, 8));
    }

    /// A reply as wasmd could send it, with the optional fields left out or unknown ones added
    /// at random.
    fn arbitrary_reply() -> impl Strategy<Value = serde_json::Value> {
        let text = "[a-z_/.]{0,8}";
        let attribute = (text, "\\PC{0,6}").prop_map(|(key, value)| Attribute { key, value });
        let event = (text, vec(attribute, 0..3)).prop_map(|(ty, attributes)| {
            let mut event = Event::new(ty);
            event.attributes = attributes;
            event
        });
        let bytes = || vec(any::<u8>(), 0..6).prop_map(Binary::new);
        let response =
            (text, bytes()).prop_map(|(type_url, value)| MsgResponse { type_url, value });
        #[allow(deprecated)]
        let ok = (vec(event, 0..3), option::of(bytes()), vec(response, 0..2)).prop_map(
            |(events, data, msg_responses)| {
                SubMsgResult::Ok(SubMsgResponse {
                    events,
                    data,
                    msg_responses,
                })
            },
        );
        let result = prop_oneof![ok, "\\PC{0,12}".prop_map(SubMsgResult::Err)];
        let reply = (any::<u64>(), bytes(), any::<u64>(), result).prop_map(
            |(id, payload, gas_used, result)| Reply {
                id,
                payload,
                gas_used,
                result,
            },
        );
        (reply, vec(any::<bool>(), 5)).prop_map(|(reply, changes)| {
            let mut json = serde_json::to_value(&reply).unwrap();
            for (key, drop) in ["payload", "gas_used"].iter().zip(&changes) {
                if *drop {
                    json.as_object_mut().unwrap().remove(*key);
                }
            }
            if let Some(ok) = json["result"].get_mut("ok") {
                let ok = ok.as_object_mut().unwrap();
                for (key, drop) in ["data", "msg_responses"].iter().zip(&changes[2..]) {
                    if *drop {
                        ok.remove(*key);
                    }
                }
            }
            if changes[4] {
                json.as_object_mut()
                    .unwrap()
                    .insert("later".into(), serde_json::json!([{}]));
            }
            json
        })
    }

    const CHANNEL: &str = r#"{"endpoint":{"port_id":"wasm.relay","channel_id":"channel-0"},"counterparty_endpoint":{"port_id":"wasm.other","channel_id":"channel-7"},"order":"ORDER_UNORDERED","version":"dac-relay-1","connection_id":"connection-0"}"#;
    const PACKET: &str = r#"{"data":"eyJhIjoxfQ==","src":{"port_id":"wasm.a","channel_id":"channel-1"},"dest":{"port_id":"wasm.b","channel_id":"channel-2"},"sequence":4,"timeout":{"block":null,"timestamp":"1700000000000000000"}}"#;

    /// The inputs made by putting `part` where `@` is in each of `shapes`.
    fn with(shapes: &[&str], part: &str) -> Vec<String> {
        shapes
            .iter()
            .map(|shape| shape.replace('@', part))
            .collect()
    }

    fn refs(inputs: &[String]) -> Vec<&str> {
        inputs.iter().map(String::as_str).collect()
    }

    #[test]
    fn ibc_channel_messages_read_as_serde_reads_them() {
        let channels = [
            CHANNEL,
            r#"{"endpoint":{"port_id":"p","channel_id":"c","x":1},"counterparty_endpoint":{"port_id":"","channel_id":""},"order":"ORDER_ORDERED","version":"","connection_id":"","later":true}"#,
            r#"{"endpoint":{"port_id":"p","channel_id":"c"},"counterparty_endpoint":{"port_id":"","channel_id":""},"order":"ORDER_NONE_UNSPECIFIED","version":"","connection_id":""}"#,
            r#"{"endpoint":{"port_id":"p","channel_id":"c"},"counterparty_endpoint":{"port_id":"","channel_id":""},"order":"unordered","version":"","connection_id":""}"#,
            r#"{"endpoint":{"port_id":"p","channel_id":"c"},"counterparty_endpoint":{"port_id":"","channel_id":""},"order":{"ORDER_ORDERED":null},"version":"","connection_id":""}"#,
            r#"{"endpoint":{"port_id":"p","channel_id":"c"},"counterparty_endpoint":{"port_id":""},"order":"ORDER_ORDERED","version":"","connection_id":""}"#,
            r#"{"endpoint":{"port_id":"p","channel_id":"c"},"counterparty_endpoint":{"port_id":"","channel_id":""},"order":"ORDER_ORDERED","version":""}"#,
            r#"{"endpoint":{"port_id":"p","channel_id":"c"},"counterparty_endpoint":{"port_id":"","channel_id":""},"order":"ORDER_ORDERED","version":null,"connection_id":""}"#,
        ];
        let opens = with(
            &[
                r#"{"open_init":{"channel":@}}"#,
                r#"{"open_try":{"channel":@,"counterparty_version":"v1"}}"#,
                r#"{"open_try":{"channel":@,"counterparty_version":"v1","x":[]}}"#,
                r#"{"open_try":{"channel":@}}"#,
                r#"{"open_init":{"channel":@},"open_try":{"channel":@}}"#,
                r#"{"open_ack":{"channel":@}}"#,
                r#"{"open_init":[{}]}"#,
                r#""open_init""#,
            ],
            CHANNEL,
        );
        same_as_serde::<IbcChannelOpenMsg, IbcChannelOpenMsg, _>(&refs(&opens), 3, |m| m);
        let connects = with(
            &[
                r#"{"open_ack":{"channel":@,"counterparty_version":"v1"}}"#,
                r#"{"open_confirm":{"channel":@}}"#,
                r#"{"open_confirm":{"channel":@,"counterparty_version":"v1"}}"#,
                r#"{"open_ack":{"channel":@}}"#,
                r#"{"open_ack":{"channel":@,"counterparty_version":7}}"#,
                r#"{"open_init":{"channel":@}}"#,
                r#"{"open_confirm":null}"#,
            ],
            CHANNEL,
        );
        same_as_serde::<IbcChannelConnectMsg, IbcChannelConnectMsg, _>(&refs(&connects), 3, |m| m);
        let mut closes = with(
            &[
                r#"{"close_init":{"channel":@}}"#,
                r#"{"close_confirm":{"channel":@,"x":1}}"#,
                r#"{"close_confirm":{}}"#,
                r#"{"close":{"channel":@}}"#,
                r#""close_init""#,
            ],
            CHANNEL,
        );
        closes.extend(
            channels
                .iter()
                .map(|c| format!(r#"{{"close_init":{{"channel":{c}}}}}"#)),
        );
        same_as_serde::<IbcChannelCloseMsg, IbcChannelCloseMsg, _>(&refs(&closes), 4, |m| m);
    }

    #[test]
    fn ibc_packet_messages_read_as_serde_reads_them() {
        let packets = [
            PACKET,
            r#"{"data":"","src":{"port_id":"a","channel_id":"b"},"dest":{"port_id":"c","channel_id":"d"},"sequence":0,"timeout":{"block":{"revision":1,"height":90},"timestamp":null}}"#,
            r#"{"data":"","src":{"port_id":"a","channel_id":"b"},"dest":{"port_id":"c","channel_id":"d"},"sequence":1,"timeout":{"block":{"revision":1,"height":90},"timestamp":"5"},"x":{}}"#,
            r#"{"data":"","src":{"port_id":"a","channel_id":"b"},"dest":{"port_id":"c","channel_id":"d"},"sequence":1,"timeout":{}}"#,
            r#"{"data":"!","src":{"port_id":"a","channel_id":"b"},"dest":{"port_id":"c","channel_id":"d"},"sequence":1,"timeout":{}}"#,
            r#"{"data":"","src":{"port_id":"a","channel_id":"b"},"dest":{"port_id":"c","channel_id":"d"},"sequence":1,"timeout":{"timestamp":5}}"#,
            r#"{"data":"","src":{"port_id":"a","channel_id":"b"},"dest":{"port_id":"c","channel_id":"d"},"sequence":1,"timeout":{"block":{"revision":1}}}"#,
            r#"{"data":"","src":{"port_id":"a","channel_id":"b"},"dest":{"port_id":"c","channel_id":"d"},"sequence":-1,"timeout":{}}"#,
            r#"{"data":"","src":{"port_id":"a","channel_id":"b"},"dest":{"port_id":"c","channel_id":"d"},"timeout":{}}"#,
            r#"{"data":"","src":{"port_id":"a","channel_id":"b"},"sequence":1,"timeout":{}}"#,
        ];
        let mut receives = with(
            &[
                r#"{"packet":@,"relayer":"cosmwasm1relayer"}"#,
                r#"{"relayer":"r","packet":@,"x":null}"#,
                r#"{"packet":@}"#,
                r#"{"packet":@,"relayer":null}"#,
                r#"{"packet":@,"relayer":"r","relayer":"r"}"#,
            ],
            PACKET,
        );
        receives.extend(
            packets
                .iter()
                .map(|p| format!(r#"{{"packet":{p},"relayer":"r"}}"#)),
        );
        same_as_serde::<IbcPacketReceiveMsg, IbcPacketReceiveMsg, _>(&refs(&receives), 6, |m| m);
        let timeouts = with(
            &[
                r#"{"packet":@,"relayer":"cosmwasm1relayer"}"#,
                r#"{"packet":@,"relayer":"r","acknowledgement":{"data":""}}"#,
                r#"{"relayer":"r"}"#,
                r#"{"packet":[],"relayer":"r"}"#,
            ],
            PACKET,
        );
        same_as_serde::<IbcPacketTimeoutMsg, IbcPacketTimeoutMsg, _>(&refs(&timeouts), 2, |m| m);
        let acks = with(
            &[
                r#"{"acknowledgement":{"data":"eyJyZXN1bHQiOiJBUT09In0="},"original_packet":@,"relayer":"r"}"#,
                r#"{"acknowledgement":{"data":"","x":1},"original_packet":@,"relayer":"r","y":2}"#,
                r#"{"acknowledgement":{},"original_packet":@,"relayer":"r"}"#,
                r#"{"acknowledgement":{"data":null},"original_packet":@,"relayer":"r"}"#,
                r#"{"acknowledgement":"","original_packet":@,"relayer":"r"}"#,
                r#"{"acknowledgement":{"data":""},"packet":@,"relayer":"r"}"#,
                r#"{"acknowledgement":{"data":""},"original_packet":@}"#,
            ],
            PACKET,
        );
        same_as_serde::<IbcPacketAckMsg, IbcPacketAckMsg, _>(&refs(&acks), 2, |m| m);
    }

    fn arbitrary_packet() -> impl Strategy<Value = IbcPacket> {
        let endpoint = || {
            ("[a-z.]{0,6}", "channel-[0-9]{1,3}").prop_map(|(port_id, channel_id)| IbcEndpoint {
                port_id,
                channel_id,
            })
        };
        let block = || {
            (any::<u64>(), any::<u64>())
                .prop_map(|(revision, height)| IbcTimeoutBlock { revision, height })
        };
        let timeout = prop_oneof![
            block().prop_map(IbcTimeout::with_block),
            any::<u64>().prop_map(|nanos| IbcTimeout::with_timestamp(Timestamp::from_nanos(nanos))),
            (block(), any::<u64>()).prop_map(|(block, nanos)| {
                IbcTimeout::with_both(block, Timestamp::from_nanos(nanos))
            }),
        ];
        (
            vec(any::<u8>(), 0..12),
            endpoint(),
            endpoint(),
            any::<u64>(),
            timeout,
        )
            .prop_map(|(data, src, dest, sequence, timeout)| {
                IbcPacket::new(data, src, dest, sequence, timeout)
            })
    }

    fn arbitrary_channel() -> impl Strategy<Value = IbcChannel> {
        let endpoint = || {
            ("[a-z.]{0,6}", "\\PC{0,6}").prop_map(|(port_id, channel_id)| IbcEndpoint {
                port_id,
                channel_id,
            })
        };
        let order = prop_oneof![Just(IbcOrder::Unordered), Just(IbcOrder::Ordered)];
        (
            endpoint(),
            endpoint(),
            order,
            "\\PC{0,8}",
            "[a-z0-9-]{0,12}",
        )
            .prop_map(|(endpoint, counterparty, order, version, connection)| {
                IbcChannel::new(endpoint, counterparty, order, version, connection)
            })
    }

    /// serde's JSON of `value` reads back the same by serde and by hand.
    fn round_trip<T>(value: &T) -> Result<(), TestCaseError>
    where
        T: serde::Serialize + DeserializeOwned + FromJson + PartialEq + std::fmt::Debug,
    {
        let json = cosmwasm_std::to_json_vec(value).unwrap();
        let serde: T = from_json(&json).unwrap();
        let ours = from_json::<Lean<T>>(&json).unwrap().0;
        prop_assert_eq!(&serde, value);
        prop_assert_eq!(serde, ours);
        Ok(())
    }

    proptest! {
        #[test]
        fn any_ibc_message_reads_as_serde_reads_it(
            packet in arbitrary_packet(),
            channel in arbitrary_channel(),
            ack in vec(any::<u8>(), 0..12),
            version in "\\PC{0,8}",
        ) {
            let relayer = Addr::unchecked("cosmwasm1relayer");
            round_trip(&IbcPacketReceiveMsg::new(packet.clone(), relayer.clone()))?;
            round_trip(&IbcPacketTimeoutMsg::new(packet.clone(), relayer.clone()))?;
            round_trip(&IbcPacketAckMsg::new(IbcAcknowledgement::new(ack), packet, relayer))?;
            round_trip(&IbcChannelOpenMsg::new_init(channel.clone()))?;
            round_trip(&IbcChannelOpenMsg::new_try(channel.clone(), version.clone()))?;
            round_trip(&IbcChannelConnectMsg::new_ack(channel.clone(), version))?;
            round_trip(&IbcChannelConnectMsg::new_confirm(channel.clone()))?;
            round_trip(&IbcChannelCloseMsg::new_init(channel.clone()))?;
            round_trip(&IbcChannelCloseMsg::new_confirm(channel))?;
        }
    }

    proptest! {
        #[test]
        fn any_reply_reads_as_serde_reads_it(json in arbitrary_reply()) {
            let bytes = serde_json::to_vec(&json).unwrap();
            let serde: Reply = from_json(&bytes).unwrap();
            let ours = from_json::<Lean<Reply>>(&bytes).unwrap().0;
            let outcome = from_json::<Lean<ReplyOutcome>>(&bytes).unwrap().0;
            prop_assert_eq!(ReplyOutcome::from(serde.clone()), outcome);
            prop_assert_eq!(serde, ours);
        }
    }
}
