use cosmwasm_std::{Addr, StdResult, Storage, Uint128};
use cw_storage_plus::{Item, Map};
use dac_common::admin::Admin;
use dac_common::dac_serde;

use crate::msg::{
    ChannelInfo, Note, Panel, PendingPacket, RemoteNode, ShipmentRecord, Trade, Treaty,
};

/// Longest free text (terms, note bodies) and shortest-lived labels (titles, names, goods).
pub const MAX_TEXT: usize = 2048;
pub const MAX_LABEL: usize = 128;
pub const MAX_PANEL_SEATS: usize = 15;
pub const MAX_TIMEOUT_SECONDS: u64 = 90 * 24 * 3600;
pub const RECEIVE_REPLY_ID: u64 = 1;

pub const ADMIN: Admin = Admin::new("admin");

#[dac_serde]
pub struct Config {
    pub token: Addr,
    pub housing_registry: Option<Addr>,
    pub escrow: Option<Addr>,
    pub default_timeout_seconds: u64,
    /// Set by `update_config`; configs stored before it read as none (moves refused).
    #[serde(default)]
    pub council: Option<Addr>,
}

pub const CONFIG: Item<Config> = Item::new("config");

pub const NODES: Map<&str, RemoteNode> = Map::new("nodes");
/// (connection id, counterparty port) -> node name.
pub const NODE_BY_ENDPOINT: Map<(&str, &str), String> = Map::new("node_by_endpoint");
pub const CHANNELS: Map<&str, ChannelInfo> = Map::new("channels");
/// node -> the channel to it connected last (a refund whose own channel closed goes there).
pub const LATEST_CHANNEL: Map<&str, String> = Map::new("latest_channel");

pub const NEXT_PACKET_ID: Item<u64> = Item::new("next_packet_id");
pub const PENDING: Map<u64, PendingPacket> = Map::new("pending");
pub const PENDING_BY_CHANNEL: Map<(&str, u64), ()> = Map::new("pending_by_channel");
pub const VALUE_IN_FLIGHT: Map<u64, ()> = Map::new("value_in_flight");
/// (our channel, the packet's sequence): packets already received, whatever their outcome.
/// IBC makes the pair unique, so a node recognized anew (a redeployed relay on a new channel
/// under its old name) starts with a clean slate while a replay on any channel is caught.
pub const RECEIVED: Map<(&str, u64), ()> = Map::new("received_seq");

// Our own token: everything the relay holds is split into units. Each node's vouchers stand for
// `HELD_FOR[node]` units; outgoing transfers not yet acknowledged own `IN_FLIGHT_UNITS`.
pub const TOTAL_UNITS: Item<Uint128> = Item::new("total_units");
/// Set by instantiate (or a migration with no units outstanding): the units are priced with
/// virtual units (`holdings::VIRTUAL_UNITS`). Units minted before that were one per micro-token
/// and would be mispriced, so a relay holding some cannot be migrated in place.
pub const VIRTUAL_UNIT_PRICING: Item<bool> = Item::new("virtual_unit_pricing");
pub const IN_FLIGHT_UNITS: Item<Uint128> = Item::new("in_flight_units");
pub const HELD_FOR: Map<&str, Uint128> = Map::new("held_for");

/// Who a guest booking paid by this relay is for, by (home id, first night): a booking's nights
/// never overlap another's, and the registry's refund hook names both.
pub const GUEST_STAYS: Map<(u64, u64), GuestStay> = Map::new("guest_stays");

#[dac_serde]
pub struct GuestStay {
    pub node: String,
    pub channel_id: String,
    /// The visitor's address on `node`.
    pub visitor: String,
}

// Other nodes' tokens: vouchers held here.
pub const VOUCHERS: Map<(&str, &Addr), Uint128> = Map::new("vouchers");
pub const VOUCHER_SUPPLY: Map<&str, Uint128> = Map::new("voucher_supply");

pub const NEXT_TRADE_ID: Item<u64> = Item::new("next_trade_id");
pub const TRADES: Map<u64, Trade> = Map::new("trades");
pub const TRADES_BY_STATUS: Map<(u8, u64), ()> = Map::new("trades_by_status");
/// (node, offer id on that node) -> local trade id.
pub const REMOTE_TRADES: Map<(&str, u64), u64> = Map::new("remote_trades");
/// escrow deal id -> the trade it backs.
pub const DEALS: Map<u64, u64> = Map::new("deals");
pub const SHIPMENTS: Map<(u64, u32), ShipmentRecord> = Map::new("shipments");

pub const NEXT_TREATY_ID: Item<u64> = Item::new("next_treaty_id");
pub const TREATIES: Map<u64, Treaty> = Map::new("treaties");
pub const REMOTE_TREATIES: Map<(&str, u64), u64> = Map::new("remote_treaties");

pub const NEXT_PANEL_ID: Item<u64> = Item::new("next_panel_id");
pub const PANELS: Map<u64, Panel> = Map::new("panels");
pub const REMOTE_PANELS: Map<(&str, u64), u64> = Map::new("remote_panels");

pub const NEXT_NOTE_ID: Item<u64> = Item::new("next_note_id");
pub const NOTES: Map<u64, Note> = Map::new("notes");

// Counters hold the last id handed out, whatever their names say.
pub use dac_common::ids::next_id;

/// Saves a trade and keeps the by-status index in step.
pub fn save_trade(storage: &mut dyn Storage, trade: &Trade) -> StdResult<()> {
    if let Some(old) = TRADES.may_load(storage, trade.id)? {
        TRADES_BY_STATUS.remove(storage, (old.status.key(), trade.id));
    }
    TRADES_BY_STATUS.save(storage, (trade.status.key(), trade.id), &())?;
    TRADES.save(storage, trade.id, trade)
}
