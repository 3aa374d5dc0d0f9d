//! `Map` and `Item` whose values are saved by the lean JSON writer (`crate::json`).
//!
//! Why: cw-storage-plus's `save` and `update` write with serde's `Serialize` through
//! `serde_json_wasm`, compiled again for every stored type (~1 KiB of wasm each). The bytes saved
//! here are the same (the lean writer writes what serde writes, and the tests compare them), so a
//! contract switches a map over without migrating anything. Everything else (loading, ranges,
//! prefixes, removal) is cw-storage-plus's own, reached through `Deref`.

use core::ops::Deref;

use cosmwasm_std::{StdError, StdResult, Storage};
use cw_storage_plus::{Item, Map, PrimaryKey};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::json::{to_json_vec, ToJson};

/// A `Map<K, T>` whose `save` and `update` write with the lean writer.
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
    T: Serialize + DeserializeOwned + ToJson,
{
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
        let value = action(path.may_load(storage)?)?;
        storage.set(&path, &to_json_vec(&value));
        Ok(value)
    }
}

/// An `Item<T>` whose `save` and `update` write with the lean writer.
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
    T: Serialize + DeserializeOwned + ToJson,
{
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
        let value = action(self.0.load(storage)?)?;
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
