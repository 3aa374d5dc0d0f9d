//! Runs optimized contract wasm in cosmwasm-vm the way wasmd does: one instance per call from the
//! module cache, storage metered by the SDK's KV gas config, VM gas converted with wasmd's
//! multiplier. Messages cross into the VM as JSON bytes only.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use cosmwasm_std_vm::{
    Addr, Attribute, Binary, BlockInfo, Checksum, ContractInfo, ContractResult, CosmosMsg, Env,
    Event, IbcBasicResponse, IbcChannelCloseMsg, IbcChannelConnectMsg, IbcChannelOpenMsg,
    IbcPacketAckMsg, IbcPacketReceiveMsg, IbcPacketTimeoutMsg, IbcReceiveResponse, MessageInfo,
    Response, SubMsg, Timestamp, WasmMsg,
};
use cosmwasm_vm::{
    call_execute_raw, call_ibc_channel_close_raw, call_ibc_channel_connect_raw,
    call_ibc_channel_open_raw, call_ibc_packet_ack_raw, call_ibc_packet_receive_raw,
    call_ibc_packet_timeout_raw, call_instantiate_raw, call_query_raw, call_reply_raw,
    capabilities_from_csv, from_slice, to_vec, Backend, Cache, CacheOptions, InstanceOptions, Size,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::api::WasmdApi;
use crate::gas::{event_cost, GAS_MULTIPLIER, RESULT_DESERIALIZATION_COST_PER_BYTE};
use crate::storage::{MeteredStorage, Tally};
use crate::world::{SharedWorld, WorldQuerier};

/// What a chain of the cosmwasm 2.x family offers; the contracts need `cosmwasm_2_0`.
const CAPABILITIES: &str = "iterator,staking,stargate,cosmwasm_1_1,cosmwasm_1_2,cosmwasm_1_3,\
                            cosmwasm_1_4,cosmwasm_2_0,cosmwasm_2_1,cosmwasm_2_2";
/// High enough for any setup message (e.g. a genesis with 10,000 balances); the measured
/// messages are far below it.
const GAS_LIMIT: u64 = 1 << 60;
/// Largest JSON result the VM accepts back (wasmvm's limit for execute results is 64 MiB).
const RESULT_LIMIT: usize = 64 << 20;
/// Seconds per block, for moving time forward.
pub const BLOCK_SECONDS: u64 = 6;

/// The gas of one call, in SDK gas.
#[derive(Clone, Copy, Debug, Default)]
pub struct Gas {
    /// Wasm execution and host calls (address checks), plus wasmd's charge for reading the
    /// result: `used_internally / multiplier`.
    pub vm: u64,
    /// Storage reads, writes and iteration under the SDK's KV gas config.
    pub storage: u64,
    /// wasmd's charge for the response's attributes and events.
    pub events: u64,
    /// Cross-contract queries sent (each costs the queried contract's call on chain).
    pub queries: u64,
    /// What the contracts it queried spent answering (their VM and storage gas as measured on
    /// their own, and raw reads of their storage), where the harness knows it: see `world.rs`.
    pub queried: u64,
    pub tally: Tally,
}

impl Gas {
    /// VM plus storage: what differs between two contracts doing the same job.
    pub fn total(&self) -> u64 {
        self.vm + self.storage
    }

    /// VM plus storage, plus what the contracts it queried spent: the figure two contracts that
    /// split one job differently (a multisig asking its group) are compared on.
    pub fn with_queried(&self) -> u64 {
        self.total() + self.queried
    }

    /// The share of one of `n` items (e.g. per home allocated by a round), rounded down.
    pub fn per(&self, n: u64) -> Gas {
        let n = n.max(1);
        Gas {
            vm: self.vm / n,
            storage: self.storage / n,
            events: self.events / n,
            queries: self.queries / n,
            queried: self.queried / n,
            tally: self.tally.per(n),
        }
    }
}

/// Two calls of one transaction (e.g. a packet received, then applied by a sub-message).
impl std::ops::Add for Gas {
    type Output = Gas;

    fn add(self, other: Gas) -> Gas {
        Gas {
            vm: self.vm + other.vm,
            storage: self.storage + other.storage,
            events: self.events + other.events,
            queries: self.queries + other.queries,
            queried: self.queried + other.queried,
            tally: self.tally + other.tally,
        }
    }
}

pub struct Vm {
    cache: Cache<WasmdApi, MeteredStorage, WorldQuerier>,
    api: WasmdApi,
    dir: PathBuf,
    /// Code already stored, by file: compiling a module is by far the slowest step of a run,
    /// and a chain too stores a code once and instantiates it many times.
    codes: RefCell<HashMap<PathBuf, Checksum>>,
}

impl Vm {
    /// A module cache in a scratch directory (removed on drop).
    pub fn new() -> Result<Self, String> {
        let dir = std::env::temp_dir().join(format!("dac-bench-{}", std::process::id()));
        let options = CacheOptions::new(
            &dir,
            capabilities_from_csv(CAPABILITIES),
            Size::mebi(200),
            Size::mebi(64),
        );
        // SAFETY: the directory is this process's own; nothing else writes into it.
        let cache = unsafe { Cache::new(options) }.map_err(|e| format!("VM cache: {e}"))?;
        Ok(Vm {
            cache,
            api: WasmdApi::default(),
            dir,
            codes: RefCell::default(),
        })
    }

    pub fn addr(&self, name: &str) -> String {
        self.api.addr(name)
    }

    /// Stores the wasm (checking it as a chain does on upload) and returns a fresh contract
    /// with empty storage at `address`.
    pub fn deploy(&self, wasm_path: &Path, label: &str) -> Result<Contract<'_>, String> {
        let checksum = self.store_code(wasm_path, label)?;
        let world = SharedWorld::default();
        Ok(Contract {
            vm: self,
            checksum,
            address: self.addr(&format!("contract:{label}")),
            storage: Some(MeteredStorage::new()),
            querier: Some(WorldQuerier::new(world.clone())),
            world,
            height: 1_000,
            time: Timestamp::from_seconds(1_700_000_000),
        })
    }
}

impl Vm {
    fn store_code(&self, wasm_path: &Path, label: &str) -> Result<Checksum, String> {
        if let Some(checksum) = self.codes.borrow().get(wasm_path) {
            return Ok(*checksum);
        }
        let wasm = std::fs::read(wasm_path)
            .map_err(|e| format!("{}: {e} (run scripts/bench.sh)", wasm_path.display()))?;
        let checksum = self
            .cache
            .store_code(&wasm, true, true)
            .map_err(|e| format!("{label}: the chain would refuse this wasm: {e}"))?;
        self.codes
            .borrow_mut()
            .insert(wasm_path.to_path_buf(), checksum);
        Ok(checksum)
    }
}

impl Drop for Vm {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

enum Entry<'m> {
    Instantiate(&'m str),
    Execute(&'m str),
    Query,
    Reply,
    IbcChannelOpen,
    IbcChannelConnect,
    IbcPacketReceive,
    IbcPacketAck,
    IbcPacketTimeout,
    IbcChannelClose,
}

pub struct Contract<'v> {
    vm: &'v Vm,
    checksum: Checksum,
    pub address: String,
    storage: Option<MeteredStorage>,
    querier: Option<WorldQuerier>,
    /// The rest of the chain as this contract's queries see it.
    pub world: SharedWorld,
    pub height: u64,
    pub time: Timestamp,
}

/// A message as JSON bytes (the only form in which contract types reach the VM).
pub fn json<T: Serialize>(msg: &T) -> Vec<u8> {
    serde_json::to_vec(msg).expect("messages serialize")
}

/// What every response type carries that wasmd charges event gas for.
#[derive(Deserialize)]
struct Emitted {
    #[serde(default)]
    attributes: Vec<Attribute>,
    #[serde(default)]
    events: Vec<Event>,
}

fn event_gas(emitted: &Emitted) -> u64 {
    let lens = |attrs: &[Attribute]| -> Vec<(usize, usize)> {
        attrs.iter().map(|a| (a.key.len(), a.value.len())).collect()
    };
    let events: Vec<_> = emitted
        .events
        .iter()
        .map(|e| (e.ty.len(), lens(&e.attributes)))
        .collect();
    event_cost(&lens(&emitted.attributes), &events)
}

/// The contract's answer (an error becomes `Err`), with the event gas of its attributes.
fn parse_response<T: DeserializeOwned>(gas: &mut Gas, raw: &[u8]) -> Result<T, String> {
    let answer: ContractResult<T> = from_slice(raw, RESULT_LIMIT).map_err(|e| e.to_string())?;
    let answer = answer.into_result()?;
    if let Ok(ContractResult::Ok(Some(emitted))) =
        from_slice::<ContractResult<Option<Emitted>>>(raw, RESULT_LIMIT)
    {
        gas.events = event_gas(&emitted);
    }
    Ok(answer)
}

/// wasmd's `MsgInstantiateContractResponse` for `address` (protobuf: field 1, the address; no
/// data), the `data` a contract's reply to its instantiate sub-message parses.
pub fn instantiate_response_data(address: &str) -> Vec<u8> {
    let mut data = vec![0x0a];
    let mut len = address.len();
    while len >= 0x80 {
        data.push((len as u8 & 0x7f) | 0x80);
        len >>= 7;
    }
    data.push(len as u8);
    data.extend_from_slice(address.as_bytes());
    data
}

impl Contract<'_> {
    pub fn instantiate<T: Serialize>(&mut self, sender: &str, msg: &T) -> Result<Gas, String> {
        self.instantiate_json(sender, &json(msg))
            .map(|(gas, _)| gas)
    }

    /// Instantiates with a message given as JSON bytes and returns the response too (its
    /// sub-messages are not run: see `reply_instantiated`).
    pub fn instantiate_json(
        &mut self,
        sender: &str,
        msg: &[u8],
    ) -> Result<(Gas, Response), String> {
        let (mut gas, raw) = self.call(Entry::Instantiate(sender), msg)?;
        let response = parse_response(&mut gas, &raw)?;
        Ok((gas, response))
    }

    /// The chain's reply to sub-message `id` once it instantiated `address` for this contract.
    pub fn reply_instantiated(&mut self, id: u64, address: &str) -> Result<Gas, String> {
        let reply = serde_json::json!({
            "id": id,
            "payload": "",
            "gas_used": 0,
            "result": {"ok": {
                "events": [],
                "data": Binary::from(instantiate_response_data(address)),
                "msg_responses": [],
            }},
        });
        self.reply_json(&json(&reply)).map(|(gas, _)| gas)
    }

    /// Calls `reply` with a `Reply` given as JSON bytes and returns the response too.
    pub fn reply_json(&mut self, reply: &[u8]) -> Result<(Gas, Response), String> {
        let (mut gas, raw) = self.call(Entry::Reply, reply)?;
        let response = parse_response(&mut gas, &raw)?;
        Ok((gas, response))
    }

    pub fn execute<T: Serialize>(&mut self, sender: &str, msg: &T) -> Result<Gas, String> {
        self.execute_response(sender, msg).map(|(gas, _)| gas)
    }

    /// Executes and returns the response too (its messages are not run, except that cw20
    /// payments to a token the world keeps balances of move those balances).
    pub fn execute_response<T: Serialize>(
        &mut self,
        sender: &str,
        msg: &T,
    ) -> Result<(Gas, Response), String> {
        self.execute_json(sender, &json(msg))
    }

    /// Executes a message given as JSON bytes.
    pub fn execute_json(&mut self, sender: &str, msg: &[u8]) -> Result<(Gas, Response), String> {
        let (mut gas, raw) = self.call(Entry::Execute(sender), msg)?;
        let response: Response = parse_response(&mut gas, &raw)?;
        self.world
            .borrow_mut()
            .apply_token_messages(&self.address, &response.messages)?;
        Ok((gas, response))
    }

    /// A cw20 `Send` of `amount` of `token` from `from` to this contract with `hook`: the token
    /// credits this contract, then calls its `receive` (what is measured).
    pub fn receive_cw20<T: Serialize>(
        &mut self,
        token: &str,
        from: &str,
        amount: u128,
        hook: &T,
    ) -> Result<(Gas, Response), String> {
        self.world.borrow_mut().credit(token, &self.address, amount);
        let receive = serde_json::json!({ "receive": {
            "sender": from,
            "amount": amount.to_string(),
            "msg": Binary::from(json(hook)),
        }});
        self.execute_response(token, &receive)
    }

    pub fn ibc_channel_close(
        &mut self,
        msg: &IbcChannelCloseMsg,
    ) -> Result<(Gas, IbcBasicResponse), String> {
        let (mut gas, raw) = self.call(Entry::IbcChannelClose, &json(msg))?;
        let response: IbcBasicResponse = parse_response(&mut gas, &raw)?;
        self.world
            .borrow_mut()
            .apply_token_messages(&self.address, &response.messages)?;
        Ok((gas, response))
    }

    /// Runs the messages a call addressed to this contract itself (e.g. the relay applying a
    /// packet in a sub-message), as the chain would in the same transaction, and returns their
    /// gas. Replies are not run: a sub-message that fails is returned as an error here.
    pub fn run_self_messages(&mut self, msgs: &[SubMsg]) -> Result<Gas, String> {
        let mut gas = Gas::default();
        for sub in msgs {
            if let CosmosMsg::Wasm(WasmMsg::Execute {
                contract_addr, msg, ..
            }) = &sub.msg
            {
                if *contract_addr == self.address {
                    let me = self.address.clone();
                    let (g, response) = self.execute_json(&me, msg)?;
                    gas = gas + g + self.run_self_messages(&response.messages)?;
                }
            }
        }
        Ok(gas)
    }

    /// The query's gas and its JSON answer.
    pub fn query<T: Serialize>(&mut self, msg: &T) -> Result<(Gas, Vec<u8>), String> {
        let (gas, raw) = self.call(Entry::Query, &json(msg))?;
        let answer: ContractResult<Binary> =
            from_slice(&raw, RESULT_LIMIT).map_err(|e| e.to_string())?;
        Ok((gas, answer.into_result()?.to_vec()))
    }

    /// What a query costs whether the contract answers or refuses it (a refusal is still a
    /// call, e.g. dao-voting-cw4 asked `is_active`).
    pub fn query_gas<T: Serialize>(&mut self, msg: &T) -> Result<Gas, String> {
        self.call(Entry::Query, &json(msg)).map(|(gas, _)| gas)
    }

    pub fn ibc_channel_open(&mut self, msg: &IbcChannelOpenMsg) -> Result<Gas, String> {
        let (mut gas, raw) = self.call(Entry::IbcChannelOpen, &json(msg))?;
        parse_response::<Option<serde_json::Value>>(&mut gas, &raw)?;
        Ok(gas)
    }

    pub fn ibc_channel_connect(&mut self, msg: &IbcChannelConnectMsg) -> Result<Gas, String> {
        let (mut gas, raw) = self.call(Entry::IbcChannelConnect, &json(msg))?;
        parse_response::<IbcBasicResponse>(&mut gas, &raw)?;
        Ok(gas)
    }

    /// The real `ibc_packet_receive` entry point, and its acknowledgement and messages.
    pub fn ibc_packet_receive(
        &mut self,
        msg: &IbcPacketReceiveMsg,
    ) -> Result<(Gas, IbcReceiveResponse), String> {
        let (mut gas, raw) = self.call(Entry::IbcPacketReceive, &json(msg))?;
        let response: IbcReceiveResponse = parse_response(&mut gas, &raw)?;
        self.world
            .borrow_mut()
            .apply_token_messages(&self.address, &response.messages)?;
        Ok((gas, response))
    }

    pub fn ibc_packet_ack(
        &mut self,
        msg: &IbcPacketAckMsg,
    ) -> Result<(Gas, IbcBasicResponse), String> {
        let (mut gas, raw) = self.call(Entry::IbcPacketAck, &json(msg))?;
        let response: IbcBasicResponse = parse_response(&mut gas, &raw)?;
        self.world
            .borrow_mut()
            .apply_token_messages(&self.address, &response.messages)?;
        Ok((gas, response))
    }

    pub fn ibc_packet_timeout(
        &mut self,
        msg: &IbcPacketTimeoutMsg,
    ) -> Result<(Gas, IbcBasicResponse), String> {
        let (mut gas, raw) = self.call(Entry::IbcPacketTimeout, &json(msg))?;
        let response: IbcBasicResponse = parse_response(&mut gas, &raw)?;
        self.world
            .borrow_mut()
            .apply_token_messages(&self.address, &response.messages)?;
        Ok((gas, response))
    }

    /// A copy of this contract's storage (for another contract's raw queries of it).
    pub fn storage_snapshot(&self) -> std::collections::BTreeMap<Vec<u8>, Vec<u8>> {
        self.storage
            .as_ref()
            .map(|s| s.snapshot())
            .unwrap_or_default()
    }

    /// Moves the chain forward by `seconds` (in whole blocks).
    pub fn advance(&mut self, seconds: u64) {
        self.height += seconds.div_ceil(BLOCK_SECONDS);
        self.time = self.time.plus_seconds(seconds);
    }

    fn env(&self) -> Env {
        Env {
            block: BlockInfo {
                height: self.height,
                time: self.time,
                chain_id: "dac-bench-1".to_string(),
            },
            transaction: None,
            contract: ContractInfo {
                address: Addr::unchecked(&self.address),
            },
        }
    }

    /// Runs one entry point in a fresh instance, as wasmd does for every call, and returns its
    /// gas (events not yet counted) and raw JSON result.
    fn call(&mut self, entry: Entry, msg: &[u8]) -> Result<(Gas, Vec<u8>), String> {
        let backend = Backend {
            api: self.vm.api,
            storage: self.storage.take().ok_or("storage lost by a failed call")?,
            querier: self.querier.take().ok_or("querier lost by a failed call")?,
        };
        let mut instance = self
            .vm
            .cache
            .get_instance(
                &self.checksum,
                backend,
                InstanceOptions {
                    gas_limit: GAS_LIMIT,
                },
            )
            .map_err(|e| format!("instance: {e}"))?;
        let env = to_vec(&self.env()).map_err(|e| e.to_string())?;
        let info = |sender: &str| {
            to_vec(&MessageInfo {
                sender: Addr::unchecked(sender),
                funds: vec![],
            })
            .map_err(|e| e.to_string())
        };
        let i = &mut instance;
        let result = match entry {
            Entry::Instantiate(sender) => call_instantiate_raw(i, &env, &info(sender)?, msg),
            Entry::Execute(sender) => call_execute_raw(i, &env, &info(sender)?, msg),
            Entry::Query => call_query_raw(i, &env, msg),
            Entry::Reply => call_reply_raw(i, &env, msg),
            Entry::IbcChannelOpen => call_ibc_channel_open_raw(i, &env, msg),
            Entry::IbcChannelConnect => call_ibc_channel_connect_raw(i, &env, msg),
            Entry::IbcPacketReceive => call_ibc_packet_receive_raw(i, &env, msg),
            Entry::IbcPacketAck => call_ibc_packet_ack_raw(i, &env, msg),
            Entry::IbcPacketTimeout => call_ibc_packet_timeout_raw(i, &env, msg),
            Entry::IbcChannelClose => call_ibc_channel_close_raw(i, &env, msg),
        };
        let report = instance.create_gas_report();
        let mut backend = instance.recycle().ok_or("instance kept its backend")?;
        let tally = backend.storage.take_tally();
        let (queries, queried) = backend.querier.take_queries();
        self.storage = Some(backend.storage);
        self.querier = Some(backend.querier);
        let raw = result.map_err(|e| format!("VM error: {e}"))?;

        let deserialization =
            raw.len() as u64 * RESULT_DESERIALIZATION_COST_PER_BYTE * GAS_MULTIPLIER;
        let gas = Gas {
            vm: (report.used_internally + deserialization) / GAS_MULTIPLIER,
            storage: tally.gas,
            events: 0,
            queries,
            queried,
            tally,
        };
        // Height moves on so that each measured call is a block of its own.
        self.height += 1;
        Ok((gas, raw))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instantiate_response_data_is_wasmds_protobuf_with_a_varint_length() {
        assert_eq!(instantiate_response_data("ab"), b"\x0a\x02ab".to_vec());
        // 200 bytes: a two-byte varint (0xc8 0x01).
        let long = "c".repeat(200);
        let data = instantiate_response_data(&long);
        assert_eq!(&data[..3], &[0x0a, 0xc8, 0x01]);
        assert_eq!(&data[3..], long.as_bytes());
    }
}
