//! `SnapshotMap` and `SnapshotItem` of cw-storage-plus 2 with the `EveryBlock` strategy, storing
//! the same bytes under the same keys, so a contract switches over without migrating anything.
//!
//! Why: cw-storage-plus compiles its snapshot code (checkpoint strategy, changelog writes,
//! reads at a height) and serde's reader and writer of each `ChangeSet<T>` once per map: with
//! the council's seven snapshots, ~20 KiB of wasm. Here all of it works on raw key and value
//! bytes in shared functions; the typed layer only encodes the key and reads or writes the value
//! (the lean reader and writer, `crate::de` and `crate::json`).
//!
//! What `EveryBlock` stores: the value under the map's key, and before the first change of a key
//! in a block, the value it had until then as `{"old":<value or null>}` under
//! (changelog, key parts, height). It writes no checkpoints. The value at a height is the `old`
//! of the key's first change at or after that height, or the value now if it has not changed
//! since. The old value is copied as stored (cw-storage-plus reads and writes it again, which
//! gives the same bytes for any value it wrote). The tests compare every byte stored and every
//! read with cw-storage-plus's.

use core::any::type_name;
use core::marker::PhantomData;
use std::borrow::Cow;

use cosmwasm_std::{Order, Record, StdError, StdResult, Storage};
use cw_storage_plus::{Bound, Key, KeyDeserialize, Prefixer, PrimaryKey, RawBound};
use serde::{Deserialize, Deserializer};

use crate::de::{FromJson, JsonError, Value};
use crate::json::{to_json_vec, ToJson};

/// A map whose values at the start of any past block can be read (`may_load_at_height`).
pub struct SnapshotMap<K, T> {
    namespace: &'static str,
    changelog: &'static str,
    types: PhantomData<fn() -> (K, T)>,
}

/// An item whose value at the start of any past block can be read (`may_load_at_height`).
pub struct SnapshotItem<T> {
    key: &'static str,
    changelog: &'static str,
    types: PhantomData<fn() -> T>,
}

/// The entries of a map under a prefix of its keys, read in key order.
pub struct SnapshotPrefix<B, T> {
    prefix: Vec<u8>,
    types: PhantomData<fn() -> (B, T)>,
}

impl<K, T> SnapshotMap<K, T> {
    /// `namespace` and `changelog` as given to cw-storage-plus's `SnapshotMap::new`
    /// (`EveryBlock` never uses the checkpoints namespace).
    pub const fn new(namespace: &'static str, changelog: &'static str) -> Self {
        SnapshotMap {
            namespace,
            changelog,
            types: PhantomData,
        }
    }
}

impl<T> SnapshotItem<T> {
    /// `key` and `changelog` as given to cw-storage-plus's `SnapshotItem::new`.
    pub const fn new(key: &'static str, changelog: &'static str) -> Self {
        SnapshotItem {
            key,
            changelog,
            types: PhantomData,
        }
    }
}

impl<'a, K, T> SnapshotMap<K, T>
where
    K: PrimaryKey<'a>,
    T: ToJson + FromJson,
{
    fn keys(&self, k: K) -> SnapshotKeys {
        map_keys(self.namespace, self.changelog, &k.key())
    }

    fn primary_key(&self, k: K) -> Vec<u8> {
        joined(self.namespace.as_bytes(), &k.key(), true)
    }

    /// Saves `value` under `k`, keeping what `k` held before block `height` began.
    pub fn save(&self, storage: &mut dyn Storage, k: K, value: &T, height: u64) -> StdResult<()> {
        write(storage, &self.keys(k), height, Some(&to_json_vec(value)));
        Ok(())
    }

    /// Removes `k`, keeping what it held before block `height` began.
    pub fn remove(&self, storage: &mut dyn Storage, k: K, height: u64) -> StdResult<()> {
        write(storage, &self.keys(k), height, None);
        Ok(())
    }

    pub fn load(&self, storage: &dyn Storage, k: K) -> StdResult<T> {
        load(storage, &self.primary_key(k))
    }

    pub fn may_load(&self, storage: &dyn Storage, k: K) -> StdResult<Option<T>> {
        may_load(storage, &self.primary_key(k))
    }

    /// What `k` held at the start of block `height`.
    pub fn may_load_at_height(
        &self,
        storage: &dyn Storage,
        k: K,
        height: u64,
    ) -> StdResult<Option<T>> {
        may_load_at_height(storage, &self.keys(k), height)
    }

    /// The entries whose keys start with `p`, keyed by the rest of their key.
    pub fn prefix(&self, p: K::Prefix) -> SnapshotPrefix<K::Suffix, T> {
        SnapshotPrefix {
            prefix: joined(self.namespace.as_bytes(), &p.prefix(), false),
            types: PhantomData,
        }
    }

    fn no_prefix(&self) -> SnapshotPrefix<K, T> {
        SnapshotPrefix {
            prefix: joined(self.namespace.as_bytes(), &[], false),
            types: PhantomData,
        }
    }
}

impl<'a, K, T> SnapshotMap<K, T>
where
    K: PrimaryKey<'a> + KeyDeserialize,
    T: ToJson + FromJson,
{
    /// cw-storage-plus's `Map::range`: the entries between the bounds, in `order`.
    pub fn range<'c>(
        &self,
        storage: &'c dyn Storage,
        min: Option<Bound<'a, K>>,
        max: Option<Bound<'a, K>>,
        order: Order,
    ) -> Box<dyn Iterator<Item = StdResult<(K::Output, T)>> + 'c>
    where
        T: 'c,
        K::Output: 'static,
    {
        self.no_prefix().range(storage, min, max, order)
    }
}

impl<'a, B, T> SnapshotPrefix<B, T>
where
    B: PrimaryKey<'a> + KeyDeserialize,
    T: FromJson,
{
    /// cw-storage-plus's `Prefix::range`: the entries between the bounds, in `order`.
    pub fn range<'c>(
        &self,
        storage: &'c dyn Storage,
        min: Option<Bound<'a, B>>,
        max: Option<Bound<'a, B>>,
        order: Order,
    ) -> Box<dyn Iterator<Item = StdResult<(B::Output, T)>> + 'c>
    where
        T: 'c,
        B::Output: 'static,
    {
        let records = range(
            storage,
            &self.prefix,
            min.map(|bound| bound.to_raw_bound()),
            max.map(|bound| bound.to_raw_bound()),
            order,
        );
        Box::new(records.map(|(key, value)| Ok((B::from_vec(key)?, read(&value)?))))
    }
}

impl<T: ToJson + FromJson> SnapshotItem<T> {
    fn keys(&self) -> SnapshotKeys {
        SnapshotKeys {
            primary: self.key.as_bytes().to_vec(),
            changes: joined(self.changelog.as_bytes(), &[], false),
        }
    }

    /// Saves `value`, keeping what the item held before block `height` began.
    pub fn save(&self, storage: &mut dyn Storage, value: &T, height: u64) -> StdResult<()> {
        write(storage, &self.keys(), height, Some(&to_json_vec(value)));
        Ok(())
    }

    /// Removes the value, keeping what the item held before block `height` began.
    pub fn remove(&self, storage: &mut dyn Storage, height: u64) -> StdResult<()> {
        write(storage, &self.keys(), height, None);
        Ok(())
    }

    pub fn load(&self, storage: &dyn Storage) -> StdResult<T> {
        load(storage, self.key.as_bytes())
    }

    pub fn may_load(&self, storage: &dyn Storage) -> StdResult<Option<T>> {
        may_load(storage, self.key.as_bytes())
    }

    /// What the item held at the start of block `height`.
    pub fn may_load_at_height(&self, storage: &dyn Storage, height: u64) -> StdResult<Option<T>> {
        may_load_at_height(storage, &self.keys(), height)
    }
}

// ---- the typed layer's few generic steps: reading a value ----

fn load<T: FromJson>(storage: &dyn Storage, key: &[u8]) -> StdResult<T> {
    match storage.get(key) {
        Some(bytes) => read(&bytes),
        None => Err(not_found(type_name::<T>(), key)),
    }
}

fn may_load<T: FromJson>(storage: &dyn Storage, key: &[u8]) -> StdResult<Option<T>> {
    storage.get(key).map(|bytes| read(&bytes)).transpose()
}

fn may_load_at_height<T: FromJson>(
    storage: &dyn Storage,
    keys: &SnapshotKeys,
    height: u64,
) -> StdResult<Option<T>> {
    let stored = stored_at_height(storage, keys, height);
    let target = type_name::<T>();
    value_of(stored, target)?
        .map(|value| T::from_json(value).map_err(|error| parse_error(target, error)))
        .transpose()
}

fn read<T: FromJson>(bytes: &[u8]) -> StdResult<T> {
    let target = type_name::<T>();
    T::from_json(parse(bytes, target)?).map_err(|error| parse_error(target, error))
}

// ---- everything else, on bytes, once for all maps ----

/// Where a key's value and its changelog entries are stored.
struct SnapshotKeys {
    primary: Vec<u8>,
    /// The changelog's namespace and the key's parts, each length-prefixed: a change at height
    /// `h` is stored under this followed by `h` (big-endian).
    changes: Vec<u8>,
}

/// What a key held at some height: a changelog entry (`{"old":...}`) or the value now.
enum Stored {
    Change(Vec<u8>),
    Now(Option<Vec<u8>>),
}

#[inline(never)]
fn map_keys(namespace: &str, changelog: &str, parts: &[Key]) -> SnapshotKeys {
    SnapshotKeys {
        primary: joined(namespace.as_bytes(), parts, true),
        changes: joined(changelog.as_bytes(), parts, false),
    }
}

/// cw-storage-plus's key layout: `namespace` and every part but the last prefixed by their
/// length (two bytes, big-endian); the last part too unless `last_raw` (a map's key; a prefix
/// length-prefixes all its parts).
#[inline(never)]
fn joined(namespace: &[u8], parts: &[Key], last_raw: bool) -> Vec<u8> {
    let mut key = Vec::with_capacity(
        namespace.len()
            + 2 * (parts.len() + 1)
            + parts.iter().map(|p| p.as_ref().len()).sum::<usize>(),
    );
    push_length_prefixed(&mut key, namespace);
    for (index, part) in parts.iter().enumerate() {
        if last_raw && index + 1 == parts.len() {
            key.extend_from_slice(part.as_ref());
        } else {
            push_length_prefixed(&mut key, part.as_ref());
        }
    }
    key
}

fn push_length_prefixed(key: &mut Vec<u8>, part: &[u8]) {
    // cosmwasm-std's `to_length_prefixed_nested` panics on longer parts too.
    let length = u16::try_from(part.len()).expect("a key part of at most 65535 bytes");
    key.extend_from_slice(&length.to_be_bytes());
    key.extend_from_slice(part);
}

fn change_key(changes: &[u8], height: u64) -> Vec<u8> {
    let mut key = changes.to_vec();
    key.extend_from_slice(&height.to_be_bytes());
    key
}

/// Writes `value` (`None`: removes it), first keeping the value before block `height` began
/// unless a change in this block already kept it.
#[inline(never)]
fn write(storage: &mut dyn Storage, keys: &SnapshotKeys, height: u64, value: Option<&[u8]>) {
    let change = change_key(&keys.changes, height);
    if storage.get(&change).is_none() {
        let old = storage.get(&keys.primary);
        let mut entry = b"{\"old\":".to_vec();
        entry.extend_from_slice(old.as_deref().unwrap_or(b"null"));
        entry.push(b'}');
        storage.set(&change, &entry);
    }
    match value {
        Some(value) => storage.set(&keys.primary, value),
        None => storage.remove(&keys.primary),
    }
}

/// The key's first change at or after `height` (it kept the value of `height`), or the value
/// now if it has not changed since.
#[inline(never)]
fn stored_at_height(storage: &dyn Storage, keys: &SnapshotKeys, height: u64) -> Stored {
    let start = change_key(&keys.changes, height);
    let end = increment_last_byte(&keys.changes);
    match storage
        .range(Some(&start), Some(&end), Order::Ascending)
        .next()
    {
        Some((_, change)) => Stored::Change(change),
        None => Stored::Now(storage.get(&keys.primary)),
    }
}

/// The value held, if there was one.
#[inline(never)]
fn value_of(stored: Stored, target: &str) -> StdResult<Option<Value<'static>>> {
    let change = match stored {
        Stored::Now(now) => return now.map(|now| parse(&now, target)).transpose(),
        Stored::Change(change) => parse(&change, target)?,
    };
    // `ChangeSet { old: Option<T> }`, as serde's derive reads it.
    let Value::Object(members) = change else {
        return Err(StdError::parse_err(
            target,
            "a changelog entry that is not an object",
        ));
    };
    let mut old = None;
    for (name, value) in members {
        if name == "old" {
            if old.is_some() {
                return Err(StdError::parse_err(target, "duplicate field `old`"));
            }
            old = Some(value);
        }
    }
    Ok(old.filter(|old| *old != Value::Null))
}

/// The entries under `prefix` within the bounds (relative to it), keys without the prefix: the
/// range cw-storage-plus's `Prefix` reads.
#[inline(never)]
fn range<'c>(
    storage: &'c dyn Storage,
    prefix: &[u8],
    min: Option<RawBound>,
    max: Option<RawBound>,
    order: Order,
) -> Box<dyn Iterator<Item = Record> + 'c> {
    let bounded = |limit: Vec<u8>, past: bool| {
        let mut key = prefix.to_vec();
        key.extend_from_slice(&limit);
        if past {
            key.push(0);
        }
        key
    };
    let start = match min {
        None => prefix.to_vec(),
        Some(RawBound::Inclusive(limit)) => bounded(limit, false),
        Some(RawBound::Exclusive(limit)) => bounded(limit, true),
    };
    let end = match max {
        None => increment_last_byte(prefix),
        Some(RawBound::Exclusive(limit)) => bounded(limit, false),
        Some(RawBound::Inclusive(limit)) => bounded(limit, true),
    };
    let skip = prefix.len();
    Box::new(
        storage
            .range(Some(&start), Some(&end), order)
            .map(move |(key, value)| (key[skip..].to_vec(), value)),
    )
}

/// The first key after every key that starts with `prefix` (which is never all 255s: it
/// starts with a namespace's length).
fn increment_last_byte(prefix: &[u8]) -> Vec<u8> {
    let mut end = prefix.to_vec();
    for byte in end.iter_mut().rev() {
        if *byte == u8::MAX {
            *byte = 0;
        } else {
            *byte += 1;
            break;
        }
    }
    end
}

/// The stored JSON, read once into a `Value` (the lead's `store.rs` is getting the same reader:
/// to be merged with it).
#[inline(never)]
fn parse(bytes: &[u8], target: &str) -> StdResult<Value<'static>> {
    match cosmwasm_std::from_json::<OwnedValue>(bytes) {
        Ok(OwnedValue(value)) => Ok(value),
        Err(StdError::ParseErr { msg, .. }) => Err(StdError::parse_err(target, msg)),
        Err(other) => Err(other),
    }
}

/// A `Value` that borrows nothing, so that `cosmwasm_std::from_json` (which reads only owned
/// types) reads it.
struct OwnedValue(Value<'static>);

impl<'de> Deserialize<'de> for OwnedValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Value::deserialize(deserializer).map(|value| OwnedValue(owned(value)))
    }
}

fn owned(value: Value) -> Value<'static> {
    match value {
        Value::Null => Value::Null,
        Value::Bool(value) => Value::Bool(value),
        Value::Unsigned(value) => Value::Unsigned(value),
        Value::Signed(value) => Value::Signed(value),
        Value::String(text) => Value::String(Cow::Owned(text.into_owned())),
        Value::Array(items) => Value::Array(items.into_iter().map(owned).collect()),
        Value::Object(members) => Value::Object(
            members
                .into_iter()
                .map(|(name, value)| (Cow::Owned(name.into_owned()), owned(value)))
                .collect(),
        ),
    }
}

#[inline(never)]
fn parse_error(target: &str, error: JsonError) -> StdError {
    StdError::parse_err(target, error)
}

/// cw-storage-plus's error for a missing value.
#[inline(never)]
fn not_found(target: &str, key: &[u8]) -> StdError {
    StdError::not_found(format!("type: {target}; key: {key:02X?}"))
}

#[cfg(test)]
mod tests {
    use cosmwasm_std::testing::MockStorage;
    use cosmwasm_std::Addr;
    use cw_storage_plus as plus;
    use proptest::prelude::*;

    use super::*;
    use crate::dac_serde;
    use crate::pagination::after;

    #[dac_serde]
    enum Seat {
        Direct,
        Delegate { of: u64 },
    }

    // The council's snapshots and their key shapes, here and in cw-storage-plus.
    const MEMBERS: SnapshotMap<&Addr, u64> = SnapshotMap::new("members", "members__changelog");
    const SEATS: SnapshotMap<(u64, &Addr), Seat> = SnapshotMap::new("seats", "seats__changelog");
    const SIZE: SnapshotMap<u64, u64> = SnapshotMap::new("size", "size__changelog");
    const ROSTER: SnapshotMap<(u64, u64), Addr> = SnapshotMap::new("roster", "roster__changelog");
    const DELEGATIONS: SnapshotMap<(u64, &str, &Addr), Addr> =
        SnapshotMap::new("delegations", "delegations__changelog");
    const POWER: SnapshotMap<(u64, &str, &Addr), u64> =
        SnapshotMap::new("power", "power__changelog");
    const TOTAL: SnapshotItem<u64> = SnapshotItem::new("total", "total__changelog");

    const EVERY_BLOCK: plus::Strategy = plus::Strategy::EveryBlock;
    const PLAIN_MEMBERS: plus::SnapshotMap<&Addr, u64> = plus::SnapshotMap::new(
        "members",
        "members__checkpoints",
        "members__changelog",
        EVERY_BLOCK,
    );
    const PLAIN_SEATS: plus::SnapshotMap<(u64, &Addr), Seat> = plus::SnapshotMap::new(
        "seats",
        "seats__checkpoints",
        "seats__changelog",
        EVERY_BLOCK,
    );
    const PLAIN_SIZE: plus::SnapshotMap<u64, u64> =
        plus::SnapshotMap::new("size", "size__checkpoints", "size__changelog", EVERY_BLOCK);
    const PLAIN_ROSTER: plus::SnapshotMap<(u64, u64), Addr> = plus::SnapshotMap::new(
        "roster",
        "roster__checkpoints",
        "roster__changelog",
        EVERY_BLOCK,
    );
    const PLAIN_DELEGATIONS: plus::SnapshotMap<(u64, &str, &Addr), Addr> = plus::SnapshotMap::new(
        "delegations",
        "delegations__checkpoints",
        "delegations__changelog",
        EVERY_BLOCK,
    );
    const PLAIN_POWER: plus::SnapshotMap<(u64, &str, &Addr), u64> = plus::SnapshotMap::new(
        "power",
        "power__checkpoints",
        "power__changelog",
        EVERY_BLOCK,
    );
    const PLAIN_TOTAL: plus::SnapshotItem<u64> = plus::SnapshotItem::new(
        "total",
        "total__checkpoints",
        "total__changelog",
        EVERY_BLOCK,
    );

    // Key parts: an empty one, escapes, and numbers whose last bytes are 255 (the end of a
    // prefix's range carries into the bytes before them; 256 is stored right there).
    const ADDRS: [&str; 4] = ["", "a", "member\"é", "zz"];
    const NUMBERS: [u64; 5] = [0, 1, 255, 256, u64::MAX];
    const TOPICS: [&str; 3] = ["", "t", "topic"];

    #[derive(Debug, Clone)]
    struct Op {
        /// Blocks since the previous operation (0: the same block).
        advance: u64,
        map: u8,
        parts: (usize, usize, usize),
        value: u64,
        remove: bool,
        /// Whether the mixed storage has it written by cw-storage-plus (an older release).
        by_plain: bool,
    }

    fn op() -> impl Strategy<Value = Op> {
        (
            0u64..3,
            0u8..7,
            (0usize..4, 0usize..5, 0usize..3),
            prop_oneof![Just(0), Just(u64::MAX), any::<u64>()],
            prop::bool::weighted(0.3),
            any::<bool>(),
        )
            .prop_map(|(advance, map, parts, value, remove, by_plain)| Op {
                advance,
                map,
                parts,
                value,
                remove,
                by_plain,
            })
    }

    /// Runs `$call` on `$ours` if `$lean`, else on `$theirs`: the two have the same methods.
    macro_rules! on {
        ($lean:expr, $ours:expr, $theirs:expr, |$map:ident| $call:expr) => {
            if $lean {
                let $map = &$ours;
                $call
            } else {
                let $map = &$theirs;
                $call
            }
        };
    }

    fn apply(storage: &mut dyn Storage, op: &Op, height: u64, lean: bool) {
        let (i, j, t) = op.parts;
        let (addr, number, topic) = (Addr::unchecked(ADDRS[i]), NUMBERS[j], TOPICS[t]);
        let other = Addr::unchecked(format!("delegate{}", op.value % 3));
        let seat = match op.value % 2 {
            0 => Seat::Direct,
            _ => Seat::Delegate { of: op.value },
        };
        let remove = op.remove;
        match op.map {
            0 => on!(lean, MEMBERS, PLAIN_MEMBERS, |m| if remove {
                m.remove(storage, &addr, height)
            } else {
                m.save(storage, &addr, &op.value, height)
            }),
            1 => on!(lean, SEATS, PLAIN_SEATS, |m| if remove {
                m.remove(storage, (number, &addr), height)
            } else {
                m.save(storage, (number, &addr), &seat, height)
            }),
            2 => on!(lean, SIZE, PLAIN_SIZE, |m| if remove {
                m.remove(storage, number, height)
            } else {
                m.save(storage, number, &op.value, height)
            }),
            3 => on!(lean, ROSTER, PLAIN_ROSTER, |m| if remove {
                m.remove(storage, (number, NUMBERS[i + 1]), height)
            } else {
                m.save(storage, (number, NUMBERS[i + 1]), &other, height)
            }),
            4 => on!(lean, DELEGATIONS, PLAIN_DELEGATIONS, |m| if remove {
                m.remove(storage, (number, topic, &addr), height)
            } else {
                m.save(storage, (number, topic, &addr), &other, height)
            }),
            5 => on!(lean, POWER, PLAIN_POWER, |m| if remove {
                m.remove(storage, (number, topic, &addr), height)
            } else {
                m.save(storage, (number, topic, &addr), &op.value, height)
            }),
            _ => on!(lean, TOTAL, PLAIN_TOTAL, |m| if remove {
                m.remove(storage, height)
            } else {
                m.save(storage, &op.value, height)
            }),
        }
        .unwrap();
    }

    fn everything(storage: &MockStorage) -> Vec<Record> {
        storage.range(None, None, Order::Ascending).collect()
    }

    /// A read's answer, its error as text (`StdError`'s own comparison ignores the message).
    fn answer<T>(result: StdResult<T>) -> Result<T, String> {
        result.map_err(|error| error.to_string())
    }

    /// Every read of ours on `lean` answers what cw-storage-plus's answers on `plain`: at every
    /// height up to `last` + 1, now (`may_load`, `load`), and the ranges the council reads.
    fn assert_reads_alike(lean: &MockStorage, plain: &MockStorage, last: u64) {
        let addrs = ADDRS.map(Addr::unchecked);
        for height in 0..=last + 1 {
            assert_eq!(
                TOTAL.may_load_at_height(lean, height),
                PLAIN_TOTAL.may_load_at_height(plain, height)
            );
            for addr in &addrs {
                assert_eq!(
                    MEMBERS.may_load_at_height(lean, addr, height),
                    PLAIN_MEMBERS.may_load_at_height(plain, addr, height)
                );
            }
            for number in NUMBERS {
                assert_eq!(
                    SIZE.may_load_at_height(lean, number, height),
                    PLAIN_SIZE.may_load_at_height(plain, number, height)
                );
                for position in NUMBERS {
                    assert_eq!(
                        ROSTER.may_load_at_height(lean, (number, position), height),
                        PLAIN_ROSTER.may_load_at_height(plain, (number, position), height)
                    );
                }
                for addr in &addrs {
                    assert_eq!(
                        SEATS.may_load_at_height(lean, (number, addr), height),
                        PLAIN_SEATS.may_load_at_height(plain, (number, addr), height)
                    );
                    for topic in TOPICS {
                        let key = (number, topic, addr);
                        assert_eq!(
                            DELEGATIONS.may_load_at_height(lean, key, height),
                            PLAIN_DELEGATIONS.may_load_at_height(plain, key, height)
                        );
                        assert_eq!(
                            POWER.may_load_at_height(lean, key, height),
                            PLAIN_POWER.may_load_at_height(plain, key, height)
                        );
                    }
                }
            }
        }
        assert_eq!(answer(TOTAL.load(lean)), answer(PLAIN_TOTAL.load(plain)));
        assert_eq!(TOTAL.may_load(lean), PLAIN_TOTAL.may_load(plain));
        for (addr, number) in addrs.iter().zip(NUMBERS) {
            assert_eq!(
                answer(MEMBERS.load(lean, addr)),
                answer(PLAIN_MEMBERS.load(plain, addr))
            );
            assert_eq!(
                answer(SIZE.load(lean, number)),
                answer(PLAIN_SIZE.load(plain, number))
            );
            assert_eq!(
                answer(ROSTER.load(lean, (number, number))),
                answer(PLAIN_ROSTER.load(plain, (number, number)))
            );
            assert_eq!(
                SEATS.may_load(lean, (number, addr)),
                PLAIN_SEATS.may_load(plain, (number, addr))
            );
            let key = (number, "t", addr);
            assert_eq!(
                DELEGATIONS.may_load(lean, key),
                PLAIN_DELEGATIONS.may_load(plain, key)
            );
            assert_eq!(POWER.may_load(lean, key), PLAIN_POWER.may_load(plain, key));
        }
        for order in [Order::Ascending, Order::Descending] {
            for start in [None].into_iter().chain(addrs.iter().map(Some)) {
                let ours: Vec<_> = MEMBERS.range(lean, after(start), None, order).collect();
                let theirs: Vec<_> = PLAIN_MEMBERS
                    .range(plain, after(start), None, order)
                    .collect();
                assert_eq!(ours, theirs);
                let ours: Vec<_> = MEMBERS.range(lean, None, after(start), order).collect();
                let theirs: Vec<_> = PLAIN_MEMBERS
                    .range(plain, None, after(start), order)
                    .collect();
                assert_eq!(ours, theirs);
                for number in NUMBERS {
                    let ours: Vec<_> = SEATS
                        .prefix(number)
                        .range(lean, after(start), None, order)
                        .collect();
                    let theirs: Vec<_> = PLAIN_SEATS
                        .prefix(number)
                        .range(plain, after(start), None, order)
                        .collect();
                    assert_eq!(ours, theirs);
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// Saves and removes over several blocks, by ours, by cw-storage-plus, and mixed (state
        /// an older release wrote, then ours): the same bytes under the same keys, and the same
        /// answers at every height.
        #[test]
        fn stores_and_reads_what_cw_storage_plus_does(ops in prop::collection::vec(op(), 1..40)) {
            let (mut lean, mut plain, mut mixed) =
                (MockStorage::new(), MockStorage::new(), MockStorage::new());
            let mut height = 1;
            for op in &ops {
                height += op.advance;
                apply(&mut lean, op, height, true);
                apply(&mut plain, op, height, false);
                apply(&mut mixed, op, height, !op.by_plain);
            }
            prop_assert_eq!(everything(&lean), everything(&plain));
            prop_assert_eq!(everything(&mixed), everything(&plain));
            assert_reads_alike(&lean, &plain, height);
        }
    }

    /// The layout, spelled out: the value, and the value before the block's first change.
    #[test]
    fn keeps_the_value_before_each_blocks_first_change() {
        let mut storage = MockStorage::new();
        let member = Addr::unchecked("m");
        MEMBERS.save(&mut storage, &member, &1, 5).unwrap();
        MEMBERS.save(&mut storage, &member, &2, 5).unwrap();
        MEMBERS.remove(&mut storage, &member, 7).unwrap();
        let change = |height: u64| {
            [
                &b"\0\x12members__changelog\0\x01m"[..],
                &height.to_be_bytes(),
            ]
            .concat()
        };
        assert_eq!(
            everything(&storage),
            [
                (change(5), b"{\"old\":null}".to_vec()),
                (change(7), b"{\"old\":2}".to_vec()),
            ]
        );
        let at = |height| {
            MEMBERS
                .may_load_at_height(&storage, &member, height)
                .unwrap()
        };
        assert_eq!([at(5), at(6), at(7), at(8)], [None, Some(2), Some(2), None]);
    }
}
