//! `Map` and `Item` whose values are saved by the lean JSON writer (`crate::json`) and read by the
//! lean reader (`crate::de`).
//!
//! Why: cw-storage-plus's `save` and `update` write with serde's `Serialize` through
//! `serde_json_wasm`, and its `load`, `may_load` and `range` read with serde's `Deserialize`, both
//! compiled again for every stored type, with the generic `Path`, `Prefix` and range code around
//! them. Here a value is written by the lean writer, and read by one shared parse into a
//! [`Value`] and the type's derived `FromJson`, as every message already is. The bytes saved are
//! the same (the lean writer writes what serde writes, and the tests compare them), and the reader
//! reads what serde's derive reads, so a contract switches a map over without migrating anything.
//! Keys, bounds, `has`, `remove` and `keys` are cw-storage-plus's own, reached through `Deref`.

use core::any::type_name;
use core::ops::Deref;

use cosmwasm_std::storage_keys::to_length_prefixed_nested;
use cosmwasm_std::{Order, StdError, StdResult, Storage};
use cw_storage_plus::{
    range_with_prefix, Bound, Item, Key, KeyDeserialize, Map, Prefix, Prefixer, PrimaryKey,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::de::{read, FromJson};
use crate::json::{to_json_vec, ToJson};

/// The value under `key`, or cw-storage-plus's not-found error for it.
fn load<T: FromJson>(storage: &dyn Storage, key: &[u8]) -> StdResult<T> {
    match storage.get(key) {
        Some(bytes) => read(&bytes),
        None => Err(not_found(type_name::<T>(), key)),
    }
}

fn may_load<T: FromJson>(storage: &dyn Storage, key: &[u8]) -> StdResult<Option<T>> {
    storage.get(key).map(|bytes| read(&bytes)).transpose()
}

/// cw-storage-plus's text for a missing value, built once.
#[inline(never)]
fn not_found(target: &'static str, key: &[u8]) -> StdError {
    StdError::not_found(format!("type: {target}; key: {key:02X?}"))
}

/// The entries under `prefix` (a namespace's storage prefix) within the bounds, keys and values
/// read; what `Prefix::range` does, with the values read by the lean reader.
fn range_under<'c, K, T>(
    storage: &'c dyn Storage,
    prefix: &[u8],
    min: Option<cw_storage_plus::RawBound>,
    max: Option<cw_storage_plus::RawBound>,
    order: Order,
) -> Box<dyn Iterator<Item = StdResult<(K::Output, T)>> + 'c>
where
    K: KeyDeserialize,
    K::Output: 'static,
    T: FromJson + 'c,
{
    Box::new(
        range_with_prefix(storage, prefix, min, max, order)
            .map(|(key, value)| Ok((K::from_vec(key)?, read(&value)?))),
    )
}

/// A `Map<K, T>` that saves with the lean writer and reads with the lean reader.
pub struct LeanMap<K, T>(Map<K, T>);

impl<K, T> LeanMap<K, T> {
    pub const fn new(namespace: &'static str) -> Self {
        LeanMap(Map::new(namespace))
    }
}

impl<K, T> Deref for LeanMap<K, T> {
    type Target = Map<K, T>;

    fn deref(&self) -> &Map<K, T> {
        &self.0
    }
}

impl<'a, K, T> LeanMap<K, T>
where
    K: PrimaryKey<'a>,
    T: Serialize + DeserializeOwned + ToJson + FromJson,
{
    /// `Map::load`.
    pub fn load(&self, storage: &dyn Storage, k: K) -> StdResult<T> {
        load(storage, &self.0.key(k))
    }

    /// `Map::may_load`.
    pub fn may_load(&self, storage: &dyn Storage, k: K) -> StdResult<Option<T>> {
        may_load(storage, &self.0.key(k))
    }

    /// `Map::prefix`: the entries whose key starts with `p`.
    pub fn prefix(&self, p: K::Prefix) -> LeanPrefix<K::Suffix, T> {
        LeanPrefix {
            storage_prefix: self.storage_prefix(&p.prefix()),
            typed: self.0.prefix(p),
        }
    }

    /// `Map::sub_prefix`: the entries whose key starts with `p`.
    pub fn sub_prefix(&self, p: K::SubPrefix) -> LeanPrefix<K::SuperSuffix, T> {
        LeanPrefix {
            storage_prefix: self.storage_prefix(&p.prefix()),
            typed: self.0.sub_prefix(p),
        }
    }

    /// What every key under `prefix` starts with in storage, as cw-storage-plus's `Prefix` has it.
    fn storage_prefix(&self, prefix: &[Key]) -> Vec<u8> {
        let mut parts: Vec<&[u8]> = Vec::with_capacity(1 + prefix.len());
        parts.push(self.0.namespace_bytes());
        parts.extend(prefix.iter().map(Key::as_ref));
        to_length_prefixed_nested(&parts)
    }

    /// `Map::save`, the same bytes.
    pub fn save(&self, storage: &mut dyn Storage, k: K, value: &T) -> StdResult<()> {
        storage.set(&self.0.key(k), &to_json_vec(value));
        Ok(())
    }

    /// `Map::update`: the value now (if any) to the value saved, or `action`'s error and nothing
    /// saved.
    pub fn update<A, E>(&self, storage: &mut dyn Storage, k: K, action: A) -> Result<T, E>
    where
        A: FnOnce(Option<T>) -> Result<T, E>,
        E: From<StdError>,
    {
        let path = self.0.key(k);
        let value = action(may_load(storage, &path)?)?;
        storage.set(&path, &to_json_vec(&value));
        Ok(value)
    }
}

impl<'a, K, T> LeanMap<K, T>
where
    K: PrimaryKey<'a> + KeyDeserialize,
    K::Output: 'static,
    T: Serialize + DeserializeOwned + FromJson,
{
    /// `Map::range`.
    pub fn range<'c>(
        &self,
        storage: &'c dyn Storage,
        min: Option<Bound<'a, K>>,
        max: Option<Bound<'a, K>>,
        order: Order,
    ) -> Box<dyn Iterator<Item = StdResult<(K::Output, T)>> + 'c>
    where
        T: 'c,
    {
        range_under::<K, T>(
            storage,
            &to_length_prefixed_nested(&[self.0.namespace_bytes()]),
            min.map(|bound| bound.to_raw_bound()),
            max.map(|bound| bound.to_raw_bound()),
            order,
        )
    }
}

/// A `Prefix` of a `LeanMap`: `range` reads the values with the lean reader; everything else
/// (`keys`) is cw-storage-plus's, through `Deref`.
pub struct LeanPrefix<K, T>
where
    K: KeyDeserialize,
    T: Serialize + DeserializeOwned,
{
    typed: Prefix<K, T, K>,
    storage_prefix: Vec<u8>,
}

impl<K, T> Deref for LeanPrefix<K, T>
where
    K: KeyDeserialize,
    T: Serialize + DeserializeOwned,
{
    type Target = Prefix<K, T, K>;

    fn deref(&self) -> &Prefix<K, T, K> {
        &self.typed
    }
}

impl<'b, K, T> LeanPrefix<K, T>
where
    K: PrimaryKey<'b> + KeyDeserialize,
    K::Output: 'static,
    T: Serialize + DeserializeOwned + FromJson,
{
    /// `Prefix::range`.
    pub fn range<'c>(
        &self,
        storage: &'c dyn Storage,
        min: Option<Bound<'b, K>>,
        max: Option<Bound<'b, K>>,
        order: Order,
    ) -> Box<dyn Iterator<Item = StdResult<(K::Output, T)>> + 'c>
    where
        T: 'c,
    {
        range_under::<K, T>(
            storage,
            &self.storage_prefix,
            min.map(|bound| bound.to_raw_bound()),
            max.map(|bound| bound.to_raw_bound()),
            order,
        )
    }
}

/// An `Item<T>` that saves with the lean writer and reads with the lean reader.
pub struct LeanItem<T>(Item<T>);

impl<T> LeanItem<T> {
    pub const fn new(key: &'static str) -> Self {
        LeanItem(Item::new(key))
    }
}

impl<T> Deref for LeanItem<T> {
    type Target = Item<T>;

    fn deref(&self) -> &Item<T> {
        &self.0
    }
}

impl<T> LeanItem<T>
where
    T: Serialize + DeserializeOwned + ToJson + FromJson,
{
    /// `Item::load`.
    pub fn load(&self, storage: &dyn Storage) -> StdResult<T> {
        load(storage, self.0.as_slice())
    }

    /// `Item::may_load`.
    pub fn may_load(&self, storage: &dyn Storage) -> StdResult<Option<T>> {
        may_load(storage, self.0.as_slice())
    }

    /// `Item::save`, the same bytes.
    pub fn save(&self, storage: &mut dyn Storage, value: &T) -> StdResult<()> {
        storage.set(self.0.as_slice(), &to_json_vec(value));
        Ok(())
    }

    /// `Item::update`: the value now (or an error if there is none) to the value saved.
    pub fn update<A, E>(&self, storage: &mut dyn Storage, action: A) -> Result<T, E>
    where
        A: FnOnce(T) -> Result<T, E>,
        E: From<StdError>,
    {
        let value = action(self.load(storage)?)?;
        self.save(storage, &value)?;
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use cosmwasm_std::testing::MockStorage;
    use cosmwasm_std::{Addr, Uint128};

    use super::*;
    use crate::dac_serde;

    #[dac_serde]
    struct Record {
        owner: Addr,
        amount: Uint128,
        note: Option<String>,
    }

    const LEAN: LeanMap<(&str, u64), Record> = LeanMap::new("records");
    const PLAIN: Map<(&str, u64), Record> = Map::new("records");
    const LEAN_ITEM: LeanItem<Record> = LeanItem::new("record");
    const PLAIN_ITEM: Item<Record> = Item::new("record");

    fn record(amount: u128, note: Option<&str>) -> Record {
        Record {
            owner: Addr::unchecked("owner\"\n"),
            amount: Uint128::new(amount),
            note: note.map(String::from),
        }
    }

    /// Everything a `LeanMap` or `LeanItem` saves is what cw-storage-plus saves, under the same key.
    #[test]
    fn saves_the_bytes_cw_storage_plus_saves() {
        for value in [record(0, None), record(u128::MAX, Some("é \u{1}"))] {
            let (mut lean, mut plain) = (MockStorage::new(), MockStorage::new());
            LEAN.save(&mut lean, ("a", 7), &value).unwrap();
            PLAIN.save(&mut plain, ("a", 7), &value).unwrap();
            LEAN_ITEM.save(&mut lean, &value).unwrap();
            PLAIN_ITEM.save(&mut plain, &value).unwrap();
            assert_eq!(
                lean.range(None, None, cosmwasm_std::Order::Ascending)
                    .collect::<Vec<_>>(),
                plain
                    .range(None, None, cosmwasm_std::Order::Ascending)
                    .collect::<Vec<_>>()
            );
            assert_eq!(LEAN.load(&lean, ("a", 7)).unwrap(), value);
        }
    }

    #[test]
    fn update_saves_what_the_action_returns_or_nothing() {
        let mut storage = MockStorage::new();
        let saved = LEAN
            .update(&mut storage, ("a", 1), |now| -> StdResult<_> {
                assert!(now.is_none());
                Ok(record(5, None))
            })
            .unwrap();
        assert_eq!(PLAIN.load(&storage, ("a", 1)).unwrap(), saved);

        let refused = LEAN.update(&mut storage, ("a", 1), |_| -> StdResult<Record> {
            Err(StdError::generic_err("no"))
        });
        assert!(refused.is_err());
        assert_eq!(PLAIN.load(&storage, ("a", 1)).unwrap(), record(5, None));

        assert!(LEAN_ITEM
            .update(&mut storage, |r| -> StdResult<_> { Ok(r) })
            .is_err());
        LEAN_ITEM.save(&mut storage, &record(1, None)).unwrap();
        let doubled = LEAN_ITEM
            .update(&mut storage, |mut r| -> StdResult<_> {
                r.amount += r.amount;
                Ok(r)
            })
            .unwrap();
        assert_eq!(PLAIN_ITEM.load(&storage).unwrap(), doubled);
        assert_eq!(doubled.amount, Uint128::new(2));
    }
}

#[cfg(test)]
mod reads {
    use cosmwasm_std::testing::MockStorage;
    use cosmwasm_std::{Addr, Order, StdResult, Uint128};
    use cw_storage_plus::{Bound, Item, Map};
    use proptest::prelude::*;

    use super::*;
    use crate::dac_serde;

    #[dac_serde]
    struct Record {
        owner: Addr,
        amount: Uint128,
        note: Option<String>,
    }

    const LEAN: LeanMap<(&str, u64), Record> = LeanMap::new("records");
    const PLAIN: Map<(&str, u64), Record> = Map::new("records");
    const LEAN_ITEM: LeanItem<Record> = LeanItem::new("record");
    const PLAIN_ITEM: Item<Record> = Item::new("record");

    fn record(amount: u128, note: Option<&str>) -> Record {
        Record {
            owner: Addr::unchecked(format!("owner{amount}")),
            amount: Uint128::new(amount),
            note: note.map(String::from),
        }
    }

    type Page = StdResult<Vec<((String, u64), Record)>>;
    type SubPage = StdResult<Vec<(u64, Record)>>;

    /// What both maps answer for one range over the whole map and one under the prefix `name`.
    fn ranges_agree(
        storage: &MockStorage,
        name: &str,
        min: Option<(u64, bool)>,
        max: Option<(u64, bool)>,
    ) {
        let bound = |edge: Option<(u64, bool)>| {
            edge.map(|(id, inclusive)| match inclusive {
                true => Bound::inclusive(id),
                false => Bound::exclusive(id),
            })
        };
        let whole = |edge: Option<(u64, bool)>| {
            edge.map(|(id, inclusive)| match inclusive {
                true => Bound::inclusive((name, id)),
                false => Bound::exclusive((name, id)),
            })
        };
        for order in [Order::Ascending, Order::Descending] {
            let lean: Page = LEAN.range(storage, whole(min), whole(max), order).collect();
            let plain: Page = PLAIN
                .range(storage, whole(min), whole(max), order)
                .collect();
            assert_eq!(lean, plain);
            let lean: SubPage = LEAN
                .prefix(name)
                .range(storage, bound(min), bound(max), order)
                .collect();
            let plain: SubPage = PLAIN
                .prefix(name)
                .range(storage, bound(min), bound(max), order)
                .collect();
            assert_eq!(lean, plain);
            let lean: Page = LEAN
                .sub_prefix(())
                .range(storage, None, None, order)
                .collect();
            let plain: Page = PLAIN
                .sub_prefix(())
                .range(storage, None, None, order)
                .collect();
            assert_eq!(lean, plain);
            let lean_keys: StdResult<Vec<u64>> =
                LEAN.prefix(name).keys(storage, None, None, order).collect();
            let plain_keys: StdResult<Vec<u64>> = PLAIN
                .prefix(name)
                .keys(storage, None, None, order)
                .collect();
            assert_eq!(lean_keys, plain_keys);
        }
    }

    #[test]
    fn loads_what_cw_storage_plus_loads_and_errs_where_it_errs() {
        let mut storage = MockStorage::new();
        PLAIN
            .save(&mut storage, ("a", 1), &record(5, Some("é \"q\" \u{1}")))
            .unwrap();
        PLAIN_ITEM
            .save(&mut storage, &record(u128::MAX, None))
            .unwrap();

        assert_eq!(
            LEAN.load(&storage, ("a", 1)),
            PLAIN.load(&storage, ("a", 1))
        );
        assert_eq!(
            LEAN.may_load(&storage, ("a", 1)),
            PLAIN.may_load(&storage, ("a", 1))
        );
        assert_eq!(LEAN.may_load(&storage, ("a", 2)), Ok(None));
        // A missing value: the same not-found error, word for word.
        assert_eq!(
            LEAN.load(&storage, ("a", 2)).unwrap_err().to_string(),
            PLAIN.load(&storage, ("a", 2)).unwrap_err().to_string()
        );
        assert_eq!(LEAN_ITEM.load(&storage), PLAIN_ITEM.load(&storage));
        assert_eq!(LEAN_ITEM.may_load(&storage), PLAIN_ITEM.may_load(&storage));
        assert_eq!(
            LeanItem::<Record>::new("none")
                .load(&storage)
                .unwrap_err()
                .to_string(),
            Item::<Record>::new("none")
                .load(&storage)
                .unwrap_err()
                .to_string()
        );

        // Bytes that are not the type: both refuse, and the lean error names the type.
        for broken in [
            &b"{"[..],
            b"{\"owner\":\"a\"}",
            b"7",
            b"{\"owner\":\"a\",\"amount\":\"1\"} x",
        ] {
            storage.set(&PLAIN.key(("b", 1)), broken);
            assert!(PLAIN.load(&storage, ("b", 1)).is_err());
            let error = LEAN.load(&storage, ("b", 1)).unwrap_err().to_string();
            assert!(error.contains("Record"), "{error}");
            assert!(LEAN
                .range(&storage, None, None, Order::Ascending)
                .any(|item| item.is_err()));
        }
    }

    #[test]
    fn ranges_read_what_cw_storage_plus_reads() {
        let mut storage = MockStorage::new();
        for (name, id) in [
            ("a", 1),
            ("a", 2),
            ("a", 255),
            ("a", 256),
            ("ab", 0),
            ("b", 7),
        ] {
            PLAIN
                .save(&mut storage, (name, id), &record(id.into(), Some(name)))
                .unwrap();
        }
        let edges = [
            None,
            Some((0, true)),
            Some((2, false)),
            Some((2, true)),
            Some((256, true)),
        ];
        for name in ["a", "ab", "b", "c"] {
            for min in edges {
                for max in edges {
                    ranges_agree(&storage, name, min, max);
                }
            }
        }
    }

    proptest! {
        #[test]
        fn any_map_ranges_alike(
            entries in prop::collection::vec((0..3usize, any::<u64>(), any::<u64>()), 0..12),
            min in prop::option::of((any::<u64>(), any::<bool>())),
            max in prop::option::of((any::<u64>(), any::<bool>())),
            name in 0..3usize,
        ) {
            const NAMES: [&str; 3] = ["a", "ab", "b"];
            let mut storage = MockStorage::new();
            for (n, id, amount) in entries {
                PLAIN.save(&mut storage, (NAMES[n], id), &record(amount.into(), None)).unwrap();
            }
            ranges_agree(&storage, NAMES[name], min, max);
        }
    }
}
