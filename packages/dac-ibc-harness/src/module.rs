//! The IBC module each App runs: records outgoing packets and channel closes in the App's store.

use cosmwasm_std::{
    from_json, to_json_binary, Addr, Api, Binary, BlockInfo, CustomMsg, CustomQuery, Empty, IbcMsg,
    IbcQuery, IbcTimeout, Order, Querier, Storage,
};
use cw_multi_test::error::{bail, AnyResult};
use cw_multi_test::{AppResponse, CosmosRouter, Ibc, Module};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

const SEQ_PREFIX: &[u8] = b"dac_ibc_harness/seq/";
const OUT_PREFIX: &[u8] = b"dac_ibc_harness/out/";
const OUT_COUNT: &[u8] = b"dac_ibc_harness/out_count";

/// What a contract asked the chain's IBC stack to do.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub enum Outgoing {
    Packet {
        sender: Addr,
        channel_id: String,
        sequence: u64,
        data: Binary,
        timeout: IbcTimeout,
    },
    Close {
        sender: Addr,
        channel_id: String,
    },
}

/// The IBC module for [`crate::Chain`]s: `SendPacket` and `CloseChannel` are recorded, everything
/// else (ICS-20 `Transfer`, fees, queries) is refused.
#[derive(Default, Clone, Copy, Debug)]
pub struct RecordingIbc;

fn load_u64(storage: &dyn Storage, key: &[u8]) -> AnyResult<u64> {
    Ok(match storage.get(key) {
        Some(v) => from_json(&v)?,
        None => 0,
    })
}

fn seq_key(channel_id: &str) -> Vec<u8> {
    [SEQ_PREFIX, channel_id.as_bytes()].concat()
}

fn record(storage: &mut dyn Storage, out: &Outgoing) -> AnyResult<()> {
    let n = load_u64(storage, OUT_COUNT)? + 1;
    storage.set(OUT_COUNT, &to_json_binary(&n)?);
    storage.set(
        &[OUT_PREFIX, &n.to_be_bytes()].concat(),
        &to_json_binary(out)?,
    );
    Ok(())
}

/// Removes and returns everything recorded so far, oldest first.
pub(crate) fn drain(storage: &mut dyn Storage) -> AnyResult<Vec<Outgoing>> {
    let end = [OUT_PREFIX, &[0xff; 9]].concat();
    let entries: Vec<(Vec<u8>, Vec<u8>)> = storage
        .range(Some(OUT_PREFIX), Some(&end), Order::Ascending)
        .collect();
    let mut out = Vec::with_capacity(entries.len());
    for (key, value) in entries {
        storage.remove(&key);
        out.push(from_json(&value)?);
    }
    Ok(out)
}

impl Module for RecordingIbc {
    type ExecT = IbcMsg;
    type QueryT = IbcQuery;
    type SudoT = Empty;

    fn execute<ExecC, QueryC>(
        &self,
        _api: &dyn Api,
        storage: &mut dyn Storage,
        _router: &dyn CosmosRouter<ExecC = ExecC, QueryC = QueryC>,
        _block: &BlockInfo,
        sender: Addr,
        msg: IbcMsg,
    ) -> AnyResult<AppResponse>
    where
        ExecC: CustomMsg + DeserializeOwned + 'static,
        QueryC: CustomQuery + DeserializeOwned + 'static,
    {
        match msg {
            IbcMsg::SendPacket {
                channel_id,
                data,
                timeout,
            } => {
                let key = seq_key(&channel_id);
                let sequence = load_u64(storage, &key)? + 1;
                storage.set(&key, &to_json_binary(&sequence)?);
                record(
                    storage,
                    &Outgoing::Packet {
                        sender,
                        channel_id,
                        sequence,
                        data,
                        timeout,
                    },
                )?;
                Ok(AppResponse {
                    data: Some(to_json_binary(&sequence)?),
                    ..AppResponse::default()
                })
            }
            IbcMsg::CloseChannel { channel_id } => {
                record(storage, &Outgoing::Close { sender, channel_id })?;
                Ok(AppResponse::default())
            }
            other => bail!("the IBC harness does not support {other:?}"),
        }
    }

    fn query(
        &self,
        _api: &dyn Api,
        _storage: &dyn Storage,
        _querier: &dyn Querier,
        _block: &BlockInfo,
        request: IbcQuery,
    ) -> AnyResult<Binary> {
        bail!("the IBC harness does not answer IBC queries: {request:?}")
    }

    fn sudo<ExecC, QueryC>(
        &self,
        _api: &dyn Api,
        _storage: &mut dyn Storage,
        _router: &dyn CosmosRouter<ExecC = ExecC, QueryC = QueryC>,
        _block: &BlockInfo,
        _msg: Empty,
    ) -> AnyResult<AppResponse>
    where
        ExecC: CustomMsg + DeserializeOwned + 'static,
        QueryC: CustomQuery + DeserializeOwned + 'static,
    {
        bail!("the IBC harness has no sudo")
    }
}

impl Ibc for RecordingIbc {}
