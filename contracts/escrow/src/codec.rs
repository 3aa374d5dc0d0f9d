//! A map and an item whose values are stored in postcard, a compact binary encoding, instead of JSON.
//!
//! Why: every escrow message reads and writes a deal, and storage gas is charged per byte, so
//! JSON's field names cost users gas; serde's JSON reader for a deal is also a large part of the
//! wasm. The keys are exactly those of a `cw_storage_plus::Map` with the same namespace and key
//! type; only the values differ (the demurrage token stores its balances the same way).
//!
//! Postcard is not self-describing: a value's type must not use `skip_serializing_if`,
//! `flatten`, `untagged` or `deserialize_any`. The tests round-trip every stored type.

use core::any::type_name;
use core::marker::PhantomData;

use cosmwasm_std::{Empty, Order, StdError, StdResult, Storage};
use cw_storage_plus::{Bound, KeyDeserialize, Map, PrimaryKey};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Like `Map<K, T>`, with `T` stored as postcard bytes. The inner map is used for keys only.
pub struct BinMap<K, T> {
    keys: Map<K, Empty>,
    value: PhantomData<T>,
}

impl<K, T> BinMap<K, T> {
    pub const fn new(namespace: &'static str) -> Self {
        BinMap {
            keys: Map::new(namespace),
            value: PhantomData,
        }
    }
}

impl<'a, K, T> BinMap<K, T>
where
    K: PrimaryKey<'a>,
    T: Serialize + DeserializeOwned,
{
    pub fn save(&self, storage: &mut dyn Storage, k: K, value: &T) -> StdResult<()> {
        let bytes = encode(value)?;
        storage.set(&self.keys.key(k), &bytes);
        Ok(())
    }

    pub fn may_load(&self, storage: &dyn Storage, k: K) -> StdResult<Option<T>> {
        storage
            .get(&self.keys.key(k))
            .map(|bytes| decode(&bytes))
            .transpose()
    }

    /// The value, or the same `not found` error as `Map::load`.
    pub fn load(&self, storage: &dyn Storage, k: K) -> StdResult<T> {
        self.may_load(storage, k)?
            .ok_or_else(|| StdError::not_found(type_name::<T>()))
    }

    pub fn remove(&self, storage: &mut dyn Storage, k: K) {
        storage.remove(&self.keys.key(k));
    }

    /// The keys in a range, without reading the values.
    pub fn keys<'c>(
        &self,
        storage: &'c dyn Storage,
        min: Option<Bound<'a, K>>,
        max: Option<Bound<'a, K>>,
        order: Order,
    ) -> Box<dyn Iterator<Item = StdResult<K::Output>> + 'c>
    where
        K: KeyDeserialize,
        K::Output: 'static,
    {
        self.keys.keys(storage, min, max, order)
    }
}

/// Like `Item<T>`, with `T` stored as postcard bytes under the raw key `key`.
pub struct BinItem<T> {
    key: &'static [u8],
    value: PhantomData<T>,
}

impl<T> BinItem<T> {
    pub const fn new(key: &'static str) -> Self {
        BinItem {
            key: key.as_bytes(),
            value: PhantomData,
        }
    }
}

impl<T: Serialize + DeserializeOwned> BinItem<T> {
    pub fn save(&self, storage: &mut dyn Storage, value: &T) -> StdResult<()> {
        storage.set(self.key, &encode(value)?);
        Ok(())
    }

    pub fn may_load(&self, storage: &dyn Storage) -> StdResult<Option<T>> {
        storage
            .get(self.key)
            .map(|bytes| decode(&bytes))
            .transpose()
    }
}

/// The postcard bytes of a value.
pub fn encode<T: Serialize>(value: &T) -> StdResult<Vec<u8>> {
    postcard::to_allocvec(value)
        .map_err(|e| StdError::serialize_err(type_name::<T>(), e.to_string()))
}

/// Reads a value from exactly `bytes`: trailing bytes mean a corrupt entry, not a shorter value.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> StdResult<T> {
    let parse_err = |msg: String| StdError::parse_err(type_name::<T>(), msg);
    match postcard::take_from_bytes(bytes) {
        Ok((value, [])) => Ok(value),
        Ok((_, rest)) => Err(parse_err(format!("{} trailing bytes", rest.len()))),
        Err(e) => Err(parse_err(e.to_string())),
    }
}
