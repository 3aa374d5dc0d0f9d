//! One chain: a cw-multi-test App with its own bech32 prefix, chain id and recording IBC module.

use cosmwasm_std::testing::{MockApi, MockStorage};
use cosmwasm_std::{Addr, BlockInfo, Empty, Timestamp};
use cw_multi_test::error::AnyResult;
use cw_multi_test::{
    App, AppBuilder, BankKeeper, DistributionKeeper, FailingModule, StakeKeeper, WasmKeeper,
};

use crate::module::{drain, Outgoing, RecordingIbc};

/// The App type of every chain the harness drives.
pub type IbcApp = App<
    BankKeeper,
    MockApi,
    MockStorage,
    FailingModule<Empty, Empty, Empty>,
    WasmKeeper<Empty, Empty>,
    StakeKeeper,
    DistributionKeeper,
    RecordingIbc,
>;

/// The IBC port of a CosmWasm contract.
pub fn port_of(contract: &Addr) -> String {
    format!("wasm.{contract}")
}

pub struct Chain {
    pub app: IbcApp,
    pub chain_id: String,
    /// The account that signs relayed messages on this chain.
    pub relayer: Addr,
    next_channel: u64,
}

impl Chain {
    /// A fresh chain whose addresses use `prefix` and whose clock starts at `genesis`.
    pub fn new(chain_id: &str, prefix: &'static str, genesis: Timestamp) -> Self {
        let app = AppBuilder::new()
            .with_api(MockApi::default().with_prefix(prefix))
            .with_ibc(RecordingIbc)
            .with_block(BlockInfo {
                height: 1,
                time: genesis,
                chain_id: chain_id.to_string(),
            })
            .build(|_, _, _| {});
        let relayer = app.api().addr_make("relayer");
        Chain {
            app,
            chain_id: chain_id.to_string(),
            relayer,
            next_channel: 0,
        }
    }

    pub(crate) fn new_channel_id(&mut self) -> String {
        let id = format!("channel-{}", self.next_channel);
        self.next_channel += 1;
        id
    }

    /// Moves this chain's clock (and height, five seconds a block) forward.
    pub fn advance_seconds(&mut self, seconds: u64) {
        self.app.update_block(|b| {
            b.time = b.time.plus_seconds(seconds);
            b.height += seconds.div_ceil(5).max(1);
        });
    }

    pub fn now(&self) -> Timestamp {
        self.app.block_info().time
    }

    pub(crate) fn drain_outgoing(&mut self) -> AnyResult<Vec<Outgoing>> {
        drain(self.app.storage_mut())
    }
}
