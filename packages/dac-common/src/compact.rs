//! Numbers stored in binary, written as text everywhere else: a field marked
//! `#[serde(with = "dac_common::compact")]` (a `Uint128`, `Uint256` or `Timestamp`).
//!
//! Why: cosmwasm-std's numbers serialize as decimal text in every format, so a stored record
//! (postcard) holds `"1000000"` as 8 bytes and a timestamp as 20, each paid per byte at every
//! write. A marked field is the same as before in a human-readable format (JSON, and the schema
//! is the type's own: `#[dac_serde]` tells schemars), and in a binary one it is the number:
//! - `Uint128`: postcard's varint of the `u128` (1 byte up to 127, 3 for a million);
//! - `Timestamp`: the varint of its nanoseconds (9 bytes for a date of this century);
//! - `Uint256`: its big-endian bytes without leading zeros, after their count (1 byte for 0).
//!
//! Records saved before a type's fields were marked hold them as text: read (or write) them
//! inside [`as_text`], which gives every marked field its text form for that while.

use core::fmt;
use std::cell::Cell;

use cosmwasm_std::{Timestamp, Uint128, Uint256};
use serde::de::{self, DeserializeOwned, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A number with a binary form (see the module's documentation).
pub trait Number: Serialize + DeserializeOwned {
    fn serialize_binary<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
    fn deserialize_binary<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
}

impl Number for Uint128 {
    fn serialize_binary<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u128(self.u128())
    }

    fn deserialize_binary<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        u128::deserialize(deserializer).map(Uint128::new)
    }
}

impl Number for Timestamp {
    fn serialize_binary<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u64(self.nanos())
    }

    fn deserialize_binary<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        u64::deserialize(deserializer).map(Timestamp::from_nanos)
    }
}

impl Number for Uint256 {
    fn serialize_binary<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let bytes = self.to_be_bytes();
        let first = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
        serializer.serialize_bytes(&bytes[first..])
    }

    fn deserialize_binary<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_bytes(BigEndian)
    }
}

/// A `Uint256`'s bytes as `serialize_binary` writes them: one form per number, so a leading
/// zero (or more than 32 bytes) is refused.
struct BigEndian;

impl Visitor<'_> for BigEndian {
    type Value = Uint256;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("up to 32 big-endian bytes without leading zeros")
    }

    fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<Uint256, E> {
        if bytes.len() > 32 || bytes.first() == Some(&0) {
            return Err(E::invalid_value(de::Unexpected::Bytes(bytes), &self));
        }
        let mut padded = [0u8; 32];
        padded[32 - bytes.len()..].copy_from_slice(bytes);
        Ok(Uint256::from_be_bytes(padded))
    }
}

thread_local! {
    /// Set inside `as_text`.
    static TEXT: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` with every marked field in its text form, in binary formats too: for records saved
/// before their fields were marked.
pub fn as_text<R>(f: impl FnOnce() -> R) -> R {
    /// Puts the mode back as it was, even if `f` unwinds.
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            TEXT.with(|text| text.set(self.0));
        }
    }
    let _restore = Restore(TEXT.with(|text| text.replace(true)));
    f()
}

fn text() -> bool {
    TEXT.with(Cell::get)
}

/// serde's `with`: the text form in human-readable formats (and inside `as_text`), else the
/// binary one.
pub fn serialize<T: Number, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    if serializer.is_human_readable() || text() {
        value.serialize(serializer)
    } else {
        value.serialize_binary(serializer)
    }
}

/// serde's `with`: reads what [`serialize`] writes.
pub fn deserialize<'de, T: Number, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    if deserializer.is_human_readable() || text() {
        T::deserialize(deserializer)
    } else {
        T::deserialize_binary(deserializer)
    }
}

#[cfg(test)]
mod tests {
    use cosmwasm_std::{from_json, to_json_vec};

    use super::*;
    use crate::dac_serde;

    #[dac_serde]
    struct Numbers {
        #[serde(with = "crate::compact")]
        amount: Uint128,
        #[serde(with = "crate::compact")]
        units: Uint256,
        #[serde(with = "crate::compact")]
        at: Timestamp,
        plain: Uint128,
    }

    /// The same fields unmarked: how records were saved before.
    #[dac_serde]
    struct Texts {
        amount: Uint128,
        units: Uint256,
        at: Timestamp,
        plain: Uint128,
    }

    fn numbers(amount: u128, units: Uint256, nanos: u64) -> Numbers {
        Numbers {
            amount: Uint128::new(amount),
            units,
            at: Timestamp::from_nanos(nanos),
            plain: Uint128::new(amount),
        }
    }

    fn texts(n: &Numbers) -> Texts {
        Texts {
            amount: n.amount,
            units: n.units,
            at: n.at,
            plain: n.plain,
        }
    }

    fn extremes() -> Vec<Numbers> {
        vec![
            numbers(0, Uint256::zero(), 0),
            numbers(1, Uint256::one(), 1),
            numbers(127, Uint256::from(255u8), 1_700_000_000_000_000_000),
            numbers(1_000_000, Uint256::from(256u16), u64::MAX),
            numbers(u128::MAX, Uint256::MAX, u64::MAX),
            numbers(u128::MAX - 1, Uint256::MAX - Uint256::one(), u64::MAX - 1),
        ]
    }

    #[test]
    fn binary_round_trips_and_is_the_numbers_not_their_text() {
        for value in extremes() {
            let bytes = postcard::to_allocvec(&value).unwrap();
            assert_eq!(postcard::from_bytes::<Numbers>(&bytes).unwrap(), value);
            let text = postcard::to_allocvec(&texts(&value)).unwrap();
            assert!(bytes.len() < text.len(), "{value:?}");
        }
        // 1 byte of varint for 0 and 1, no byte after the count for a zero Uint256, and the
        // unmarked field stays text (length, then the digits).
        let small = postcard::to_allocvec(&numbers(1, Uint256::zero(), 1)).unwrap();
        assert_eq!(small, [1, 0, 1, 1, b'1']);
        let million = postcard::to_allocvec(&numbers(1_000_000, Uint256::from(258u16), 0)).unwrap();
        assert_eq!(million[..6], [0xc0, 0x84, 0x3d, 2, 1, 2]);
    }

    #[test]
    fn json_is_the_types_own_text() {
        for value in extremes() {
            let json = to_json_vec(&value).unwrap();
            assert_eq!(json, to_json_vec(&texts(&value)).unwrap());
            assert_eq!(from_json::<Numbers>(&json).unwrap(), value);
        }
        assert_eq!(
            String::from_utf8(to_json_vec(&numbers(5, Uint256::from(6u8), 7)).unwrap()).unwrap(),
            r#"{"amount":"5","units":"6","at":"7","plain":"5"}"#
        );
        assert!(from_json::<Numbers>(r#"{"amount":5,"units":"6","at":"7","plain":"5"}"#).is_err());
    }

    #[test]
    fn as_text_reads_and_writes_records_saved_with_text_numbers() {
        for value in extremes() {
            let legacy = postcard::to_allocvec(&texts(&value)).unwrap();
            assert_eq!(as_text(|| postcard::to_allocvec(&value).unwrap()), legacy);
            assert_eq!(
                as_text(|| postcard::from_bytes::<Numbers>(&legacy)).unwrap(),
                value
            );
            // Outside the scope, the binary form again.
            let bytes = postcard::to_allocvec(&value).unwrap();
            assert_ne!(bytes, legacy);
            assert_eq!(postcard::from_bytes::<Numbers>(&bytes).unwrap(), value);
        }
    }

    #[test]
    fn as_text_ends_with_its_scope_even_when_it_unwinds() {
        let unwound = std::panic::catch_unwind(|| as_text(|| panic!("inside")));
        assert!(unwound.is_err());
        assert!(!text());
        as_text(|| {
            as_text(|| ());
            assert!(text(), "an inner scope leaves the outer one as it was");
        });
        assert!(!text());
    }

    #[test]
    fn a_uint256_has_one_binary_form() {
        let read = |bytes: &[u8]| postcard::from_bytes::<Numbers>(bytes);
        // amount 0, units (count, bytes), at 0, plain "0".
        assert_eq!(
            read(&[0, 1, 7, 0, 1, b'0']).unwrap().units,
            Uint256::from(7u8)
        );
        assert!(read(&[0, 2, 0, 7, 0, 1, b'0']).is_err(), "a leading zero");
        let mut too_long = vec![0, 33];
        too_long.extend([1; 33]);
        too_long.extend([0, 1, b'0']);
        assert!(read(&too_long).is_err(), "33 bytes");
        // A u128 past its range in varint, and text where a number is due.
        assert!(read(&[0xff; 20]).is_err());
        assert!(read(&[1, b'1', 0, 0, 1, b'0']).is_err());
    }
}
