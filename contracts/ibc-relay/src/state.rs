use cosmwasm_std::{
    Addr, Empty, Order, OverflowError, OverflowOperation, StdError, StdResult, Storage, Timestamp,
    Uint128,
};
use cw_storage_plus::{Bound, Item, Map};
use dac_common::admin::Admin;
use dac_common::dac_serde;
use dac_common::store::{LeanItem, LeanMap};

use crate::msg::{
    ChannelInfo, Note, Panel, PendingPacket, RemoteNode, ShipmentRecord, Trade, Treaty,
};
use crate::packet::{kind_carries_value, kind_name};

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

pub const CONFIG: LeanItem<Config> = LeanItem::new("config");

pub const NODES: LeanMap<&str, RemoteNode> = LeanMap::new("nodes");
/// (connection id, counterparty port) -> node name.
pub const NODE_BY_ENDPOINT: LeanMap<(&str, &str), String> = LeanMap::new("node_by_endpoint");
pub const CHANNELS: LeanMap<&str, ChannelInfo> = LeanMap::new("channels");
/// node -> the channel to it connected last (a refund whose own channel closed goes there).
pub const LATEST_CHANNEL: LeanMap<&str, String> = LeanMap::new("latest_channel");

/// (our channel, the packet's sequence): packets already received, whatever their outcome.
/// IBC makes the pair unique, so a node recognized anew (a redeployed relay on a new channel
/// under its old name) starts with a clean slate while a replay on any channel is caught.
pub const RECEIVED: Map<(&str, u64), ()> = Map::new("received_seq");

// Our own token: everything the relay holds is split into units (`Ledger::total_units`). Each
// node's vouchers stand for `HELD_FOR[node]` units; the rest belong to outgoing transfers not yet
// acknowledged (in flight), which no node can redeem.
/// Set by instantiate (or a migration with no units outstanding): the units are priced with
/// virtual units (`holdings::VIRTUAL_UNITS`). Units minted before that were one per micro-token
/// and would be mispriced, so a relay holding some cannot be migrated in place.
pub const VIRTUAL_UNIT_PRICING: LeanItem<bool> = LeanItem::new("virtual_unit_pricing");
pub const HELD_FOR: LeanMap<&str, Uint128> = LeanMap::new("held_for");

/// Who a guest booking paid by this relay is for, by (home id, first night): a booking's nights
/// never overlap another's, and the registry's refund hook names both.
pub const GUEST_STAYS: LeanMap<(u64, u64), GuestStay> = LeanMap::new("guest_stays");

#[dac_serde]
pub struct GuestStay {
    pub node: String,
    pub channel_id: String,
    /// The visitor's address on `node`.
    pub visitor: String,
}

// Other nodes' tokens: vouchers held here.
pub const VOUCHERS: LeanMap<(&str, &Addr), Uint128> = LeanMap::new("vouchers");
pub const VOUCHER_SUPPLY: LeanMap<&str, Uint128> = LeanMap::new("voucher_supply");

pub const NEXT_TRADE_ID: Item<u64> = Item::new("next_trade_id");
pub const TRADES: LeanMap<u64, Trade> = LeanMap::new("trades");
pub const TRADES_BY_STATUS: Map<(u8, u64), ()> = Map::new("trades_by_status");
/// (node, offer id on that node) -> local trade id.
pub const REMOTE_TRADES: LeanMap<(&str, u64), u64> = LeanMap::new("remote_trades");
/// escrow deal id -> the trade it backs.
pub const DEALS: LeanMap<u64, u64> = LeanMap::new("deals");
pub const SHIPMENTS: LeanMap<(u64, u32), ShipmentRecord> = LeanMap::new("shipments");

pub const NEXT_TREATY_ID: Item<u64> = Item::new("next_treaty_id");
pub const TREATIES: LeanMap<u64, Treaty> = LeanMap::new("treaties");
pub const REMOTE_TREATIES: LeanMap<(&str, u64), u64> = LeanMap::new("remote_treaties");

pub const NEXT_PANEL_ID: Item<u64> = Item::new("next_panel_id");
pub const PANELS: LeanMap<u64, Panel> = LeanMap::new("panels");
pub const REMOTE_PANELS: LeanMap<(&str, u64), u64> = LeanMap::new("remote_panels");

pub const NEXT_NOTE_ID: Item<u64> = Item::new("next_note_id");
pub const NOTES: LeanMap<u64, Note> = LeanMap::new("notes");

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

// ---- The ledger and the pending packets: compact entries ----
//
// Sending a transfer reads and writes the ledger and writes a pending record, and resolving it
// reads and deletes that record: storage gas is 1000 + 3/B per read and 2000 + 30/B per write
// (key and wasmd's 33-byte prefix included), so they are big-endian bytes under one-letter keys
// (as the token stores its accounts), not JSON.

/// The ledger: the last packet id handed out and the units outstanding, each as a one-byte
/// length and its big-endian bytes without leading zeros.
const LEDGER_KEY: &[u8] = b"l";

/// One record for what every packet sent and every unit minted or burned changes.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Ledger {
    /// Packet ids are handed out 1, 2, 3, ...: unique across channels, so an id names one packet.
    pub last_packet_id: u64,
    pub total_units: Uint128,
}

fn corrupt(what: &str) -> StdError {
    StdError::generic_err(["corrupt ", what, " entry"].concat())
}

/// Big-endian bytes without their leading zeros, after a one-byte length.
fn push_int(out: &mut Vec<u8>, be: &[u8]) {
    let first = be.iter().position(|b| *b != 0).unwrap_or(be.len());
    out.push((be.len() - first) as u8);
    out.extend_from_slice(&be[first..]);
}

/// Reads what [`push_int`] wrote into `N` big-endian bytes; answers them and the rest.
fn take_int<'a, const N: usize>(bytes: &'a [u8], what: &str) -> StdResult<([u8; N], &'a [u8])> {
    let (&len, rest) = bytes.split_first().ok_or_else(|| corrupt(what))?;
    let len = usize::from(len);
    if len > N || rest.len() < len {
        return Err(corrupt(what));
    }
    let mut out = [0u8; N];
    out[N - len..].copy_from_slice(&rest[..len]);
    Ok((out, &rest[len..]))
}

impl Ledger {
    /// No entry: nothing sent or minted yet.
    pub fn load(storage: &dyn Storage) -> StdResult<Ledger> {
        let Some(bytes) = storage.get(LEDGER_KEY) else {
            return Ok(Ledger::default());
        };
        let (id, rest) = take_int(&bytes, "ledger")?;
        let (units, rest) = take_int(rest, "ledger")?;
        if !rest.is_empty() {
            return Err(corrupt("ledger"));
        }
        Ok(Ledger {
            last_packet_id: u64::from_be_bytes(id),
            total_units: Uint128::from_be_bytes(units),
        })
    }

    pub fn save(&self, storage: &mut dyn Storage) {
        let mut bytes = Vec::with_capacity(26);
        push_int(&mut bytes, &self.last_packet_id.to_be_bytes());
        push_int(&mut bytes, &self.total_units.to_be_bytes());
        storage.set(LEDGER_KEY, &bytes);
    }

    pub fn next_packet_id(&mut self) -> StdResult<u64> {
        self.last_packet_id = self
            .last_packet_id
            .checked_add(1)
            .ok_or_else(|| StdError::overflow(OverflowError::new(OverflowOperation::Add)))?;
        Ok(self.last_packet_id)
    }
}

/// A packet sent and not yet resolved: what resolving it needs that the packet does not carry
/// (the node its channel led to), and what the listing shows. Its body is not stored again: it
/// travels in the packet, and IBC core verifies an acknowledged or timed-out packet against the
/// commitment it stored when we sent it, so the packet that comes back is the one we sent.
#[derive(Clone, Debug, PartialEq)]
pub struct Pending {
    pub id: u64,
    /// `RelayPacket::tag` of its body.
    pub kind: u8,
    pub timeout: Timestamp,
    pub node: String,
    pub channel_id: String,
    /// Stored by layout 1 (v0.1.0), as JSON with its body and two indexes.
    pub layout1: bool,
}

/// Layout 2: id -> kind (1 byte), timeout (8 bytes of nanoseconds), node (a one-byte length and
/// its bytes), channel id (the rest). The value only: the typed map supplies the key and the
/// key order of the listing.
const PENDING: Map<u64, Empty> = Map::new("p");

impl Pending {
    pub fn save(&self, storage: &mut dyn Storage) -> StdResult<()> {
        let node_len = u8::try_from(self.node.len()).map_err(|_| corrupt("pending"))?;
        let mut bytes = Vec::with_capacity(10 + self.node.len() + self.channel_id.len());
        bytes.push(self.kind);
        bytes.extend_from_slice(&self.timeout.nanos().to_be_bytes());
        bytes.push(node_len);
        bytes.extend_from_slice(self.node.as_bytes());
        bytes.extend_from_slice(self.channel_id.as_bytes());
        storage.set(&PENDING.key(self.id), &bytes);
        Ok(())
    }

    fn decode(id: u64, bytes: &[u8]) -> StdResult<Pending> {
        let text = |b: &[u8]| String::from_utf8(b.to_vec()).map_err(|_| corrupt("pending"));
        let (&kind, rest) = bytes.split_first().ok_or_else(|| corrupt("pending"))?;
        let (timeout, rest) = rest.split_at_checked(8).ok_or_else(|| corrupt("pending"))?;
        let (&node_len, rest) = rest.split_first().ok_or_else(|| corrupt("pending"))?;
        let (node, channel) = rest
            .split_at_checked(usize::from(node_len))
            .ok_or_else(|| corrupt("pending"))?;
        let mut nanos = [0u8; 8];
        nanos.copy_from_slice(timeout);
        Ok(Pending {
            id,
            kind,
            timeout: Timestamp::from_nanos(u64::from_be_bytes(nanos)),
            node: text(node)?,
            channel_id: text(channel)?,
            layout1: false,
        })
    }

    fn from_v1(old: v1::PendingPacket) -> Pending {
        Pending {
            id: old.id,
            kind: old.body.tag(),
            timeout: old.timeout,
            node: old.node,
            channel_id: old.channel_id,
            layout1: true,
        }
    }

    /// The pending packet `id`, in either layout.
    pub fn load(storage: &dyn Storage, id: u64) -> StdResult<Option<Pending>> {
        if let Some(bytes) = storage.get(&PENDING.key(id)) {
            return Pending::decode(id, &bytes).map(Some);
        }
        Ok(v1::PENDING.may_load(storage, id)?.map(Pending::from_v1))
    }

    /// Resolved: gone, in the layout it was stored in.
    pub fn remove(&self, storage: &mut dyn Storage) {
        if self.layout1 {
            v1::PENDING.remove(storage, self.id);
            v1::PENDING_BY_CHANNEL.remove(storage, (&self.channel_id, self.id));
            v1::VALUE_IN_FLIGHT.remove(storage, self.id);
        } else {
            PENDING.remove(storage, self.id);
        }
    }

    pub fn carries_value(&self) -> bool {
        kind_carries_value(self.kind)
    }

    pub fn into_response(self) -> PendingPacket {
        PendingPacket {
            id: self.id,
            channel_id: self.channel_id,
            node: self.node,
            timeout: self.timeout,
            kind: kind_name(self.kind).to_string(),
        }
    }
}

/// Pending packets after `start_after`, in id order: layout 1's first (their ids are all older).
pub fn pending_after<'a>(
    storage: &'a dyn Storage,
    start_after: Option<u64>,
) -> impl Iterator<Item = StdResult<Pending>> + 'a {
    let start = || start_after.map(Bound::exclusive);
    let old = v1::PENDING
        .range(storage, start(), None, Order::Ascending)
        .map(|r| r.map(|(_, p)| Pending::from_v1(p)));
    // The records' bytes are not JSON: walk the map's keys in the store directly.
    let first = PENDING.key(start_after.map_or(0, |id| id.saturating_add(1)));
    let namespace = first[..first.len() - 8].to_vec();
    let mut end = namespace.clone();
    if let Some(last) = end.last_mut() {
        *last += 1;
    }
    let new = storage
        .range(Some(&first), Some(&end), Order::Ascending)
        .take_while(move |_| start_after != Some(u64::MAX))
        .map(move |(key, bytes)| {
            let id = key[namespace.len()..]
                .try_into()
                .map(u64::from_be_bytes)
                .map_err(|_| corrupt("pending"))?;
            Pending::decode(id, &bytes)
        });
    old.chain(new)
}

/// Layout 1 (v0.1.0). Its counters `migrate` converts into the ledger; its pending packets are
/// still read, so packets sent before the upgrade resolve (they are only ever read and removed,
/// so their number stays what was pending at the upgrade).
pub mod v1 {
    use cosmwasm_std::{StdResult, Storage, Timestamp, Uint128};
    use cw_storage_plus::{Item, Map};
    use dac_common::dac_serde;

    use super::Ledger;
    use crate::packet::RelayPacket;

    pub const PENDING: Map<u64, PendingPacket> = Map::new("pending");
    pub const PENDING_BY_CHANNEL: Map<(&str, u64), ()> = Map::new("pending_by_channel");
    pub const VALUE_IN_FLIGHT: Map<u64, ()> = Map::new("value_in_flight");

    #[dac_serde]
    pub struct PendingPacket {
        pub id: u64,
        pub channel_id: String,
        pub node: String,
        pub timeout: Timestamp,
        pub body: RelayPacket,
    }

    pub const NEXT_PACKET_ID: Item<u64> = Item::new("next_packet_id");
    pub const TOTAL_UNITS: Item<Uint128> = Item::new("total_units");
    /// Dropped: the units held for no node are the ones in flight.
    pub const IN_FLIGHT_UNITS: Item<Uint128> = Item::new("in_flight_units");

    /// Three items into one (bounded, whatever the relay holds).
    pub fn into_ledger(storage: &mut dyn Storage) -> StdResult<()> {
        Ledger {
            last_packet_id: NEXT_PACKET_ID.may_load(storage)?.unwrap_or_default(),
            total_units: TOTAL_UNITS.may_load(storage)?.unwrap_or_default(),
        }
        .save(storage);
        NEXT_PACKET_ID.remove(storage);
        TOTAL_UNITS.remove(storage);
        IN_FLIGHT_UNITS.remove(storage);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::testing::MockStorage;

    /// The ledger a transfer reads and writes is a few bytes (two stripped integers), reads back
    /// exactly, and a damaged entry is an error rather than a wrong number.
    #[test]
    fn the_ledger_is_a_few_bytes_and_reads_back_exactly() {
        let mut storage = MockStorage::new();
        assert_eq!(Ledger::load(&storage).unwrap(), Ledger::default());
        let mut ledger = Ledger {
            last_packet_id: 300,
            total_units: Uint128::new(4_000_000_000_000),
        };
        assert_eq!(ledger.next_packet_id().unwrap(), 301);
        ledger.save(&mut storage);
        assert_eq!(storage.get(LEDGER_KEY).unwrap().len(), 1 + 2 + 1 + 6);
        assert_eq!(Ledger::load(&storage).unwrap(), ledger);
        ledger.total_units = Uint128::MAX;
        ledger.save(&mut storage);
        assert_eq!(Ledger::load(&storage).unwrap(), ledger);
        let mut full = Ledger {
            last_packet_id: u64::MAX,
            ..ledger
        };
        assert!(full.next_packet_id().is_err());
        for bad in [&[9, 1][..], &[1, 1, 17][..], &[1, 1, 1, 1, 0][..]] {
            storage.set(LEDGER_KEY, bad);
            assert!(Ledger::load(&storage).is_err(), "{bad:?}");
        }
    }

    /// A pending record is its kind, timeout, node and channel (no body), reads back exactly,
    /// lists in id order after `start_after`, and is gone once removed.
    #[test]
    fn pending_records_are_compact_and_list_in_id_order() {
        let mut storage = MockStorage::new();
        let record = |id| Pending {
            id,
            kind: 0,
            timeout: Timestamp::from_seconds(1_700_000_000),
            node: "beta".to_string(),
            channel_id: "channel-12".to_string(),
            layout1: false,
        };
        for id in [7, 1, 300] {
            record(id).save(&mut storage).unwrap();
        }
        let bytes = storage.get(&PENDING.key(7)).unwrap();
        assert_eq!(bytes.len(), 1 + 8 + 1 + 4 + 10);
        assert_eq!(Pending::load(&storage, 7).unwrap(), Some(record(7)));
        let ids = |storage: &MockStorage, after| -> Vec<u64> {
            pending_after(storage, after)
                .map(|p| p.unwrap().id)
                .collect()
        };
        assert_eq!(ids(&storage, None), [1, 7, 300]);
        assert_eq!(ids(&storage, Some(1)), [7, 300]);
        assert_eq!(ids(&storage, Some(u64::MAX)), Vec::<u64>::new());
        record(7).remove(&mut storage);
        assert_eq!(Pending::load(&storage, 7).unwrap(), None);
        assert_eq!(ids(&storage, None), [1, 300]);
        storage.set(&PENDING.key(1), &[0, 1, 2]);
        assert!(Pending::load(&storage, 1).is_err());
    }
}
