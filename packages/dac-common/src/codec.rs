//! A map and an item whose values are stored in postcard, a compact binary encoding, instead of JSON.
//!
//! Why: a record a message rewrites (an escrow deal, a council proposal's voting record) is paid
//! for per byte at every write, so JSON's field names cost users gas. The keys are exactly those
//! of a `cw_storage_plus::Map` with the same namespace and key type; only the values differ.
//!
//! Postcard is not self-describing: a value's type must not use `skip_serializing_if`,
//! `flatten`, `untagged` or `deserialize_any`. The tests round-trip every stored type.
//!
//! A store can change its encoding in place, without rewriting what it holds: a record in the new
//! encoding starts with `MARK`, which no record in the older one starts with, and reads see
//! which one they hold.
//! - From JSON (`save_marked`): `MARK`, then the postcard of the value. JSON never starts with 0.
//! - To canonical addresses (`Addressed`, `save_canonical`: the escrow's deals): the bytes the
//!   chain's API gives for an address (20 or 32) instead of its text (45 to 67 bytes with the
//!   prefix and checksum), so a deal of four addresses is about 130 bytes shorter. `MARK`, the
//!   number of addresses, each one's length and bytes in the order `Addressed` names them, then
//!   the postcard of the value with each of them left empty, its `compact` fields (numbers) in
//!   their binary form. Without the mark, the record is the plain postcard of the value, saved
//!   before addresses were canonical and numbers compact, so read with numbers as text
//!   (`compact::as_text`): a deal's starts with its id, never 0.

use core::any::type_name;
use core::marker::PhantomData;

use cosmwasm_std::{Addr, Api, CanonicalAddr, Order, StdError, StdResult, Storage};
use cw_storage_plus::{Bound, KeyDeserialize, Map, Prefix, PrimaryKey};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::de::{read, FromJson};

use crate::compact;

/// Like `Map<K, T>`, with `T` stored as postcard bytes. The inner map is used for keys only (its
/// value type is `()` so that listing keys shares its code with the contracts' `Map<_, ()>`s).
pub struct BinMap<K, T> {
    keys: Map<K, ()>,
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
    /// The plain postcard of `value`, without the mark. Not for a map read by
    /// `may_load_canonical`: there an unmarked record is the old layout, read with its `compact`
    /// numbers as text, so a value saved here would misread; use `save_canonical`.
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

    /// Saves `value` as `MARK` and its postcard: in a map whose values were JSON before.
    pub fn save_marked(&self, storage: &mut dyn Storage, k: K, value: &T) -> StdResult<()> {
        let mut bytes = vec![MARK];
        bytes.extend(encode(value)?);
        storage.set(&self.keys.key(k), &bytes);
        Ok(())
    }

    /// The entries under the first part of the key, to list their keys (never their values).
    pub fn prefix(&self, p: K::Prefix) -> Prefix<K::Suffix, (), K::Suffix> {
        self.keys.prefix(p)
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

/// The first byte of a record in a store's newer encoding (see the module's doc).
pub const MARK: u8 = 0;

/// How a record read by `BinMap::may_load_encoded` was saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// By `save`, before the mark: addresses and numbers as text.
    Plain,
    /// By `save_canonical`: `MARK`, canonical addresses, compact numbers.
    Canonical,
}

/// A value whose addresses can be stored apart from it.
pub trait Addressed {
    /// Every address the value names, in an order its shape alone fixes (the shape is stored
    /// with it, so the same slots come back when it is read).
    fn addresses_mut(&mut self) -> Vec<&mut Addr>;
}

impl<'a, K, T> BinMap<K, T>
where
    K: PrimaryKey<'a>,
    T: Serialize + DeserializeOwned + FromJson,
{
    /// Reads a value saved by `save_marked`, or stored as JSON before (by the lean reader).
    pub fn may_load_marked(&self, storage: &dyn Storage, k: K) -> StdResult<Option<T>> {
        storage
            .get(&self.keys.key(k))
            .map(|bytes| match bytes.split_first() {
                Some((&MARK, rest)) => decode(rest),
                _ => read(&bytes),
            })
            .transpose()
    }
}

impl<'a, K, T> BinMap<K, T>
where
    K: PrimaryKey<'a>,
    T: Serialize + DeserializeOwned + Addressed,
{
    /// Saves `value` with its addresses canonical: `MARK`, their number, each one's length and
    /// bytes, then the postcard of `value` with them left empty.
    pub fn save_canonical(
        &self,
        storage: &mut dyn Storage,
        api: &dyn Api,
        k: K,
        mut value: T,
    ) -> StdResult<()> {
        let too_many = || {
            StdError::serialize_err(
                type_name::<T>(),
                "over 255 addresses or an address over 255 bytes",
            )
        };
        let mut bytes = vec![MARK, 0];
        for slot in value.addresses_mut() {
            let canonical = api.addr_canonicalize(slot.as_str())?;
            bytes[1] = bytes[1].checked_add(1).ok_or_else(too_many)?;
            bytes.push(u8::try_from(canonical.len()).map_err(|_| too_many())?);
            bytes.extend_from_slice(&canonical);
            *slot = Addr::unchecked("");
        }
        bytes.extend(encode(&value)?);
        storage.set(&self.keys.key(k), &bytes);
        Ok(())
    }

    /// Reads a value saved by `save_canonical`, or by `save` (without the mark) before numbers
    /// were compact.
    pub fn may_load_canonical(
        &self,
        storage: &dyn Storage,
        api: &dyn Api,
        k: K,
    ) -> StdResult<Option<T>> {
        Ok(self
            .may_load_encoded(storage, api, k)?
            .map(|(value, _)| value))
    }

    /// `may_load_canonical`, and which of the two encodings the record is in.
    pub fn may_load_encoded(
        &self,
        storage: &dyn Storage,
        api: &dyn Api,
        k: K,
    ) -> StdResult<Option<(T, Encoding)>> {
        let Some(bytes) = storage.get(&self.keys.key(k)) else {
            return Ok(None);
        };
        let Some((&MARK, rest)) = bytes.split_first() else {
            return compact::as_text(|| decode(&bytes)).map(|value| Some((value, Encoding::Plain)));
        };
        let corrupt = || StdError::parse_err(type_name::<T>(), "the addresses stored do not fit");
        let (&count, mut rest) = rest.split_first().ok_or_else(corrupt)?;
        let mut addresses = Vec::with_capacity(count.into());
        for _ in 0..count {
            let (&len, tail) = rest.split_first().ok_or_else(corrupt)?;
            if tail.len() < len.into() {
                return Err(corrupt());
            }
            let (canonical, tail) = tail.split_at(len.into());
            addresses.push(canonical);
            rest = tail;
        }
        let mut value: T = decode(rest)?;
        let slots = value.addresses_mut();
        if slots.len() != addresses.len() {
            return Err(corrupt());
        }
        for (slot, canonical) in slots.into_iter().zip(addresses) {
            *slot = api.addr_humanize(&CanonicalAddr::from(canonical))?;
        }
        Ok(Some((value, Encoding::Canonical)))
    }

    /// The value, or the same `not found` error as `Map::load`.
    pub fn load_canonical(&self, storage: &dyn Storage, api: &dyn Api, k: K) -> StdResult<T> {
        self.may_load_canonical(storage, api, k)?
            .ok_or_else(|| StdError::not_found(type_name::<T>()))
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
    // Postcard's own messages are left out: their text costs every contract about 1 KiB of wasm.
    postcard::to_allocvec(value)
        .map_err(|_| StdError::serialize_err(type_name::<T>(), "not encodable in postcard"))
}

/// Reads a value from exactly `bytes`: trailing bytes mean a corrupt entry, not a shorter value.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> StdResult<T> {
    let parse_err = |msg: String| StdError::parse_err(type_name::<T>(), msg);
    match postcard::take_from_bytes(bytes) {
        Ok((value, [])) => Ok(value),
        Ok((_, rest)) => Err(parse_err(format!("{} trailing bytes", rest.len()))),
        Err(_) => Err(parse_err("not the postcard of this type".to_string())),
    }
}

#[cfg(test)]
mod tests {
    use cosmwasm_std::testing::MockStorage;

    use super::*;
    use crate::dac_serde;

    #[dac_serde]
    struct Record {
        id: u64,
        topic: String,
        tally: Vec<u64>,
    }

    const RECORDS: BinMap<u64, Record> = BinMap::new("records");
    const JSON_RECORDS: Map<u64, Record> = Map::new("records");

    fn record() -> Record {
        Record {
            id: 7,
            topic: "north well".to_string(),
            tally: vec![3, 0, 1],
        }
    }

    #[test]
    fn a_marked_record_is_postcard_and_one_stored_as_json_before_still_reads() {
        let mut storage = MockStorage::new();
        RECORDS.save_marked(&mut storage, 7, &record()).unwrap();
        assert_eq!(storage.get(&JSON_RECORDS.key(7)).unwrap()[0], MARK);
        assert_eq!(
            RECORDS.may_load_marked(&storage, 7).unwrap(),
            Some(record())
        );

        JSON_RECORDS.save(&mut storage, 7, &record()).unwrap();
        assert_eq!(storage.get(&JSON_RECORDS.key(7)).unwrap()[0], b'{');
        assert_eq!(
            RECORDS.may_load_marked(&storage, 7).unwrap(),
            Some(record())
        );
        assert_eq!(RECORDS.may_load_marked(&storage, 8).unwrap(), None);
    }

    #[test]
    fn a_corrupt_marked_record_is_an_error_not_a_panic() {
        let mut storage = MockStorage::new();
        let cut_short = &RECORDS_BYTES[..RECORDS_BYTES.len() - 1];
        for bytes in [&[MARK][..], &[MARK, 7, 0xff], cut_short, b"{\"id\":"] {
            storage.set(&JSON_RECORDS.key(1), bytes);
            assert!(RECORDS.may_load_marked(&storage, 1).is_err(), "{bytes:?}");
        }
    }

    /// `record()` saved by `save_marked`.
    const RECORDS_BYTES: &[u8] = &[
        MARK, 7, 10, b'n', b'o', b'r', b't', b'h', b' ', b'w', b'e', b'l', b'l', 3, 3, 0, 1,
    ];

    #[test]
    fn the_marked_bytes_are_the_mark_then_postcard() {
        let mut storage = MockStorage::new();
        RECORDS.save_marked(&mut storage, 1, &record()).unwrap();
        assert_eq!(storage.get(&JSON_RECORDS.key(1)).unwrap(), RECORDS_BYTES);
    }
}
