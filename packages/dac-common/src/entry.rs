//! The contracts' wasm entry points: cosmwasm-std's `do_*` functions, except that the querier reads
//! the chain's answer with the lean reader ([`QueryAnswer`]) instead of serde's, and so do
//! `Env` and `MessageInfo` (except in [`serde_env`]).
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

use crate::de::{newtype_variant, read_variant, struct_variant, FromJson, JsonError, Value};

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
        ExternalStorage, MessageInfo, OwnedDeps, Querier, QuerierResult, SystemError, SystemResult,
    };
    use serde::{de::DeserializeOwned, Serialize};

    use super::QueryAnswer;
    use crate::de::Lean;
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
    pub struct ChainQuerier;

    impl Querier for ChainQuerier {
        fn raw_query(&self, request: &[u8]) -> QuerierResult {
            let region = Region {
                offset: request.as_ptr() as u32,
                capacity: request.len() as u32,
                length: request.len() as u32,
            };
            let response = unsafe { take(query_chain(&region as *const Region as u32)) };
            match from_json::<Lean<QueryAnswer>>(&response) {
                Ok(answer) => answer.0 .0,
                Err(error) => SystemResult::Err(SystemError::InvalidResponse {
                    error: error.to_string(),
                    response: Binary::new(response),
                }),
            }
        }
    }

    fn dependencies() -> OwnedDeps<ExternalStorage, ExternalApi, ChainQuerier, Empty> {
        OwnedDeps {
            storage: ExternalStorage::new(),
            api: ExternalApi::new(),
            querier: ChainQuerier,
            custom_query_type: PhantomData,
        }
    }

    /// Reads a region, or ends the call with the error as cosmwasm-std does. With `lean`,
    /// through the lean reader (`Env`, `MessageInfo`).
    macro_rules! read {
        ($ptr:expr) => {
            match from_json(unsafe { take($ptr) }) {
                Ok(value) => value,
                Err(error) => return ContractResult::Err(error.to_string()),
            }
        };
        (lean $ptr:expr) => {
            match from_json::<Lean<_>>(unsafe { take($ptr) }) {
                Ok(value) => value.0,
                Err(error) => return ContractResult::Err(error.to_string()),
            }
        };
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

    type WithInfo<'a, M, R, E> = &'a dyn Fn(DepsMut, Env, MessageInfo, M) -> Result<R, E>;
    type WithoutInfo<'a, M, R, E> = &'a dyn Fn(DepsMut, Env, M) -> Result<R, E>;
    type Query<'a, M, E> = &'a dyn Fn(Deps, Env, M) -> Result<Binary, E>;

    fn read_env<const LEAN: bool>(env: u32) -> ContractResult<Env> {
        ContractResult::Ok(if LEAN { read!(lean env) } else { read!(env) })
    }

    fn call_with_info<const LEAN: bool, M: DeserializeOwned, R, E: ToString>(
        handler: WithInfo<M, R, E>,
        env: u32,
        info: u32,
        msg: u32,
    ) -> ContractResult<R> {
        let env: Env = match read_env::<LEAN>(env) {
            ContractResult::Ok(env) => env,
            ContractResult::Err(error) => return ContractResult::Err(error),
        };
        let info: MessageInfo = if LEAN { read!(lean info) } else { read!(info) };
        let msg: M = read!(msg);
        let mut deps = dependencies();
        handler(deps.as_mut(), env, info, msg).into()
    }

    fn call<const LEAN: bool, M: DeserializeOwned, R, E: ToString>(
        handler: WithoutInfo<M, R, E>,
        env: u32,
        msg: u32,
    ) -> ContractResult<R> {
        let env: Env = match read_env::<LEAN>(env) {
            ContractResult::Ok(env) => env,
            ContractResult::Err(error) => return ContractResult::Err(error),
        };
        let msg: M = read!(msg);
        let mut deps = dependencies();
        handler(deps.as_mut(), env, msg).into()
    }

    fn query<const LEAN: bool, M: DeserializeOwned, E: ToString>(
        handler: Query<M, E>,
        env: u32,
        msg: u32,
    ) -> ContractResult<Binary> {
        let env: Env = match read_env::<LEAN>(env) {
            ContractResult::Ok(env) => env,
            ContractResult::Err(error) => return ContractResult::Err(error),
        };
        let msg: M = read!(msg);
        let deps = dependencies();
        handler(deps.as_ref(), env, msg).into()
    }

    /// The `do_*` functions the entry-point attribute calls, reading `Env` and `MessageInfo` by
    /// the lean reader or not (`$lean`), and writing the answer with `$answer` (the handler's
    /// result needs `$writes`).
    macro_rules! entry_points {
        ($lean:literal, $writes:ident, $answer:ident) => {
            pub fn do_instantiate<M: DeserializeOwned, R: $writes, E: ToString>(
                handler: WithInfo<M, R, E>,
                env: u32,
                info: u32,
                msg: u32,
            ) -> u32 {
                install_panic_handler();
                $answer(call_with_info::<$lean, _, _, _>(handler, env, info, msg))
            }

            pub fn do_execute<M: DeserializeOwned, R: $writes, E: ToString>(
                handler: WithInfo<M, R, E>,
                env: u32,
                info: u32,
                msg: u32,
            ) -> u32 {
                install_panic_handler();
                $answer(call_with_info::<$lean, _, _, _>(handler, env, info, msg))
            }

            pub fn do_query<M: DeserializeOwned, E: ToString>(
                handler: Query<M, E>,
                env: u32,
                msg: u32,
            ) -> u32 {
                install_panic_handler();
                $answer(query::<$lean, _, _>(handler, env, msg))
            }

            entry_points!($lean, $writes, $answer; do_migrate, do_reply, do_sudo, do_ibc_channel_open,
                do_ibc_channel_connect, do_ibc_channel_close, do_ibc_packet_receive,
                do_ibc_packet_ack, do_ibc_packet_timeout);
        };
        // The entry points called with `Env` and a message: `migrate`, `reply`, `sudo`, IBC's.
        ($lean:literal, $writes:ident, $answer:ident; $($name:ident),*) => {$(
            pub fn $name<M: DeserializeOwned, R: $writes, E: ToString>(
                handler: WithoutInfo<M, R, E>,
                env: u32,
                msg: u32,
            ) -> u32 {
                install_panic_handler();
                $answer(call::<$lean, _, _, _>(handler, env, msg))
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
    use cosmwasm_std::{from_json, Binary, ContractResult, Env, MessageInfo, SystemResult};
    use serde::de::DeserializeOwned;

    use super::QueryAnswer;
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
}
