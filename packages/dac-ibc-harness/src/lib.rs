//! An in-process IBC relayer between cw-multi-test [`App`](cw_multi_test::App)s: two, or a mesh
//! of any number joined by channels between some pairs.
//!
//! CosmWasm's cw-multi-test (the 2.5 line this workspace uses) accepts or refuses `IbcMsg` and
//! nothing more, so this crate plays the part of ibc-go on each chain and of a relayer between
//! them:
//!
//! * [`RecordingIbc`] is the IBC module plugged into each App with `AppBuilder::with_ibc`. It
//!   records every `IbcMsg::SendPacket` (assigning the channel's next sequence number, returned
//!   as the message's data) and every `IbcMsg::CloseChannel` in the App's own storage, so a
//!   transaction that fails after sending a packet leaves no packet behind, as on a real chain.
//! * [`ibc_sudo`] and [`ibc_entry_points!`] wrap a contract's six REAL IBC entry points
//!   (`ibc_channel_open`, `_connect`, `_close`, `ibc_packet_receive`, `_ack`, `_timeout`) behind
//!   its `sudo` entry point, so `app.wasm_sudo(..)` runs them with the chain's real storage,
//!   querier and router: every message and sub-message they return is executed, replies run,
//!   and a reply's data overrides the acknowledgement exactly as in wasmd.
//! * [`Relayer`] owns the [`Chain`]s (two keyed by [`Side`], or any number by index). It opens
//!   channels between any two of them through the four-step handshake
//!   (init and ack on one side, try and confirm on the other), relays pending packets (receive on
//!   the destination, then the acknowledgement back to the source, including packets sent while
//!   handling those), times out packets whose deadline has passed on the destination chain,
//!   and closes channels (init on one side, confirm on the other, then timeout-on-close for
//!   what was still in flight).
//!
//! What it models faithfully: the entry points called and their order per packet, the
//! `IbcChannel`/`IbcPacket` values a contract sees (ports `wasm.<address>`, channel ids,
//! connection ids, counterparty versions, sequences, timeouts), acknowledgements written from
//! the receive response (a receive that returns an error becomes an error acknowledgement and
//! its state is rolled back, as wasmd does), the chain's own clock deciding timeouts, and each
//! chain having its own bech32 prefix and chain id.
//!
//! What it does NOT model, compared with a real relayer and two real chains:
//! * relayer delays and liveness: packets move only when a test calls the relayer, all in the
//!   current block of each chain unless the test advances the clocks; a real relayer may be
//!   late, skip packets, or relay in any order across many blocks;
//! * relayer fees (ICS-29) and the gas a relayer pays; the `relayer` address is a plain account;
//! * light clients, proofs, and client expiry or misbehaviour: the harness trusts itself, so a
//!   packet is "proven" simply because it was recorded;
//! * block-height timeouts (only timestamps are checked) and ordered-channel semantics (a packet
//!   on an ORDERED channel that times out should close the channel; the harness only times it
//!   out);
//! * connection handshakes (connection ids are plain strings given by the test), channel
//!   upgrades, and asynchronous acknowledgements (`IbcReceiveResponse::without_ack` is reported
//!   as a packet with no acknowledgement and left alone);
//! * a contract's `IbcMsg::CloseChannel` takes effect when the relayer next collects it, not
//!   inside the contract's own transaction as `ChanCloseInit` would.

mod chain;
mod entry;
mod module;
mod relayer;

pub use chain::{port_of, Chain, IbcApp};
pub use entry::{ibc_sudo, IbcCall, IbcEntryPoints};
pub use module::{Outgoing, RecordingIbc};
pub use relayer::{ChainKey, ChannelEnd, ChannelPair, Delivery, PacketOutcome, Relayer, Side};
