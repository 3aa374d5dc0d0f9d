//! Runs optimized contract wasm in cosmwasm-vm the way wasmd does: one instance per call from the
//! module cache, storage metered by the SDK's KV gas config, VM gas converted with wasmd's
//! multiplier. Messages cross into the VM as JSON bytes only.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use cosmwasm_std_vm::{
    Addr, Binary, BlockInfo, Checksum, ContractInfo, ContractResult, Empty, Env, MessageInfo,
    Response, Timestamp,
};
use cosmwasm_vm::testing::MockQuerier;
use cosmwasm_vm::{
    call_execute_raw, call_instantiate_raw, call_query_raw, capabilities_from_csv, from_slice,
    to_vec, Backend, Cache, CacheOptions, InstanceOptions, Size,
};
use serde::Serialize;

use crate::api::WasmdApi;
use crate::gas::{event_cost, GAS_MULTIPLIER, RESULT_DESERIALIZATION_COST_PER_BYTE};
use crate::storage::{MeteredStorage, Tally};

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
    pub tally: Tally,
}

impl Gas {
    /// VM plus storage: what differs between two contracts doing the same job.
    pub fn total(&self) -> u64 {
        self.vm + self.storage
    }
}

type BenchQuerier = MockQuerier<Empty>;

pub struct Vm {
    cache: Cache<WasmdApi, MeteredStorage, BenchQuerier>,
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
        Ok(Contract {
            vm: self,
            checksum,
            address: self.addr(&format!("contract:{label}")),
            storage: Some(MeteredStorage::new()),
            querier: Some(MockQuerier::new(&[])),
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
}

pub struct Contract<'v> {
    vm: &'v Vm,
    checksum: Checksum,
    pub address: String,
    storage: Option<MeteredStorage>,
    querier: Option<BenchQuerier>,
    pub height: u64,
    pub time: Timestamp,
}

/// A message as JSON bytes (the only form in which contract types reach the VM).
pub fn json<T: Serialize>(msg: &T) -> Vec<u8> {
    serde_json::to_vec(msg).expect("messages serialize")
}

impl Contract<'_> {
    pub fn instantiate<T: Serialize>(&mut self, sender: &str, msg: &T) -> Result<Gas, String> {
        self.call(Entry::Instantiate(sender), &json(msg))
            .map(|(g, _)| g)
    }

    pub fn execute<T: Serialize>(&mut self, sender: &str, msg: &T) -> Result<Gas, String> {
        self.call(Entry::Execute(sender), &json(msg))
            .map(|(g, _)| g)
    }

    /// The query's gas and its JSON answer.
    pub fn query<T: Serialize>(&mut self, msg: &T) -> Result<(Gas, Vec<u8>), String> {
        self.call(Entry::Query, &json(msg))
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
        let result = match entry {
            Entry::Instantiate(sender) => {
                call_instantiate_raw(&mut instance, &env, &info(sender)?, msg)
            }
            Entry::Execute(sender) => call_execute_raw(&mut instance, &env, &info(sender)?, msg),
            Entry::Query => call_query_raw(&mut instance, &env, msg),
        };
        let report = instance.create_gas_report();
        let mut backend = instance.recycle().ok_or("instance kept its backend")?;
        let tally = backend.storage.take_tally();
        self.storage = Some(backend.storage);
        self.querier = Some(backend.querier);
        let raw = result.map_err(|e| format!("VM error: {e}"))?;

        let deserialization =
            raw.len() as u64 * RESULT_DESERIALIZATION_COST_PER_BYTE * GAS_MULTIPLIER;
        let mut gas = Gas {
            vm: (report.used_internally + deserialization) / GAS_MULTIPLIER,
            storage: tally.gas,
            events: 0,
            tally,
        };
        let payload = if matches!(entry, Entry::Query) {
            let answer: ContractResult<Binary> =
                from_slice(&raw, RESULT_LIMIT).map_err(|e| e.to_string())?;
            answer.into_result()?.to_vec()
        } else {
            let answer: ContractResult<Response<Empty>> =
                from_slice(&raw, RESULT_LIMIT).map_err(|e| e.to_string())?;
            let response = answer.into_result()?;
            let lens = |attrs: &[cosmwasm_std_vm::Attribute]| -> Vec<(usize, usize)> {
                attrs.iter().map(|a| (a.key.len(), a.value.len())).collect()
            };
            let events: Vec<_> = response
                .events
                .iter()
                .map(|e| (e.ty.len(), lens(&e.attributes)))
                .collect();
            gas.events = event_cost(&lens(&response.attributes), &events);
            raw
        };
        // Height moves on so that each measured call is a block of its own.
        self.height += 1;
        Ok((gas, payload))
    }
}
