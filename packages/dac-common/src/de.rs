//! The lean JSON deserializer behind `#[dac_serde]` (the `dac-derive` crate).
//!
//! Why: for every struct and struct variant serde derives its own map visitor and field-name
//! visitor, about 1.5 KiB of wasm each, and the contracts have a few hundred. Here one visitor,
//! [`Fields`], is generic over the tuple of field types and takes the field names at run time, so
//! every struct with the same field types shares its code, and one [`VariantKey`] reads every
//! enum's variant name.
//!
//! It parses exactly what serde's derive parses: the same field names in any order, unknown fields
//! ignored (or refused with `deny_unknown_fields`), a duplicate or missing field refused with
//! serde's own error, a missing `Option` field read as `None`, `#[serde(default)]` honoured.
//! Serialization and the schema are serde's and schemars' own. The tests below compare it with
//! serde's derive on valid and invalid JSON.
//!
//! ```
//! #[dac_common::dac_serde]
//! pub enum ExecuteMsg {
//!     Sign { deal_id: u64, note: Option<String> },
//!     Propose(ProposeMsg),
//! }
//! #[dac_common::dac_serde]
//! pub struct ProposeMsg {
//!     pub title: String,
//!     #[serde(default)]
//!     pub tags: Vec<String>,
//! }
//! let msg: ExecuteMsg = cosmwasm_std::from_json(r#"{"sign":{"deal_id":7}}"#).unwrap();
//! assert_eq!(msg, ExecuteMsg::Sign { deal_id: 7, note: None });
//! ```
//!
//! A serde attribute the reader does not implement is refused at compile time, never ignored:
//!
//! ```compile_fail
//! #[dac_common::dac_serde]
//! pub struct ProposeMsg {
//!     #[serde(rename = "name")]
//!     pub title: String,
//! }
//! ```

use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Unexpected, Visitor};
use serde::{Deserialize, Deserializer};

/// What [`Fields`] read: each field's value if it was given, and whether they came as a sequence
/// (`[a, b]`, which serde also accepts for a struct) rather than an object.
pub struct Slots<T> {
    pub values: T,
    pub seq: bool,
}

/// Reads a JSON object whose fields are `names`, in any order, into `T`, the tuple of
/// `Option`s of their values (in the order of `names`). Unknown fields are ignored, or refused
/// with `deny_unknown_fields`; a duplicate field is refused.
pub struct Fields<T> {
    names: &'static [&'static str],
    deny_unknown_fields: bool,
    values: PhantomData<T>,
}

impl<T> Fields<T> {
    pub const fn new(names: &'static [&'static str], deny_unknown_fields: bool) -> Self {
        Fields {
            names,
            deny_unknown_fields,
            values: PhantomData,
        }
    }
}

/// A required field's value; missing, serde's `missing field` error (or, from a sequence, an
/// `invalid length` one). `Option` fields never get here: missing, they are `None`.
pub fn required<T, E: de::Error>(
    value: Option<T>,
    name: &'static str,
    index: usize,
    seq: bool,
) -> Result<T, E> {
    match value {
        Some(value) => Ok(value),
        None if seq => Err(E::invalid_length(index, &"more elements")),
        None => Err(E::missing_field(name)),
    }
}

/// Which of the names a key is (`None` for an unknown one, or an error when unknown keys are
/// refused).
#[derive(Clone, Copy)]
struct Key {
    names: &'static [&'static str],
    deny_unknown_fields: bool,
}

impl<'de> de::DeserializeSeed<'de> for Key {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Option<usize>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("field identifier")
    }

    fn visit_u64<E: de::Error>(self, index: u64) -> Result<Self::Value, E> {
        Ok(Some(index as usize).filter(|i| *i < self.names.len()))
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        match self.names.iter().position(|name| *name == key) {
            None if self.deny_unknown_fields => Err(E::unknown_field(key, self.names)),
            found => Ok(found),
        }
    }

    fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<Self::Value, E> {
        self.visit_str(&String::from_utf8_lossy(key))
    }
}

/// The index of an enum's variant, by name (or by index, as binary formats give it).
pub struct VariantKey(pub &'static [&'static str]);

impl<'de> de::DeserializeSeed<'de> for VariantKey {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for VariantKey {
    type Value = usize;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("variant identifier")
    }

    fn visit_u64<E: de::Error>(self, index: u64) -> Result<usize, E> {
        match usize::try_from(index) {
            Ok(index) if index < self.0.len() => Ok(index),
            _ => Err(E::invalid_value(
                Unexpected::Unsigned(index),
                &"a variant index in range",
            )),
        }
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<usize, E> {
        self.0
            .iter()
            .position(|name| *name == key)
            .ok_or_else(|| E::unknown_variant(key, self.0))
    }

    fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<usize, E> {
        self.visit_str(&String::from_utf8_lossy(key))
    }
}

impl<'de> Visitor<'de> for Fields<()> {
    type Value = Slots<()>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("struct with no fields")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
        let key = Key {
            names: self.names,
            deny_unknown_fields: self.deny_unknown_fields,
        };
        while map.next_key_seed(key)?.is_some() {
            map.next_value::<IgnoredAny>()?;
        }
        Ok(Slots {
            values: (),
            seq: false,
        })
    }

    fn visit_seq<S: SeqAccess<'de>>(self, _seq: S) -> Result<Self::Value, S::Error> {
        Ok(Slots {
            values: (),
            seq: true,
        })
    }
}

macro_rules! tuple_fields {
    ($count:literal: $($index:tt $ty:ident),+) => {
        impl<'de, $($ty: Deserialize<'de>),+> Visitor<'de> for Fields<($(Option<$ty>,)+)> {
            type Value = Slots<($(Option<$ty>,)+)>;

            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str(concat!("struct with ", $count, " fields"))
            }

            fn visit_map<Map: MapAccess<'de>>(self, mut map: Map) -> Result<Self::Value, Map::Error> {
                let mut values = ($(None::<$ty>,)+);
                let key = Key { names: self.names, deny_unknown_fields: self.deny_unknown_fields };
                while let Some(found) = map.next_key_seed(key)? {
                    match found {
                        $(Some($index) => {
                            if values.$index.is_some() {
                                return Err(de::Error::duplicate_field(self.names[$index]));
                            }
                            values.$index = Some(map.next_value()?);
                        })+
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(Slots { values, seq: false })
            }

            fn visit_seq<Seq: SeqAccess<'de>>(self, mut seq: Seq) -> Result<Self::Value, Seq::Error> {
                let mut values = ($(None::<$ty>,)+);
                $(match seq.next_element()? {
                    Some(value) => values.$index = Some(value),
                    None => return Ok(Slots { values, seq: true }),
                })+
                Ok(Slots { values, seq: true })
            }
        }
    };
}

// Up to 24 fields (the largest stored struct has 19).
tuple_fields!(1: 0 T0);
tuple_fields!(2: 0 T0, 1 T1);
tuple_fields!(3: 0 T0, 1 T1, 2 T2);
tuple_fields!(4: 0 T0, 1 T1, 2 T2, 3 T3);
tuple_fields!(5: 0 T0, 1 T1, 2 T2, 3 T3, 4 T4);
tuple_fields!(6: 0 T0, 1 T1, 2 T2, 3 T3, 4 T4, 5 T5);
tuple_fields!(7: 0 T0, 1 T1, 2 T2, 3 T3, 4 T4, 5 T5, 6 T6);
tuple_fields!(8: 0 T0, 1 T1, 2 T2, 3 T3, 4 T4, 5 T5, 6 T6, 7 T7);
tuple_fields!(9: 0 T0, 1 T1, 2 T2, 3 T3, 4 T4, 5 T5, 6 T6, 7 T7, 8 T8);
tuple_fields!(10: 0 T0, 1 T1, 2 T2, 3 T3, 4 T4, 5 T5, 6 T6, 7 T7, 8 T8, 9 T9);
tuple_fields!(11: 0 T0, 1 T1, 2 T2, 3 T3, 4 T4, 5 T5, 6 T6, 7 T7, 8 T8, 9 T9, 10 T10);
tuple_fields!(12: 0 T0, 1 T1, 2 T2, 3 T3, 4 T4, 5 T5, 6 T6, 7 T7, 8 T8, 9 T9, 10 T10, 11 T11);
tuple_fields!(13: 0 T0, 1 T1, 2 T2, 3 T3, 4 T4, 5 T5, 6 T6, 7 T7, 8 T8, 9 T9, 10 T10, 11 T11, 12 T12);
tuple_fields!(14: 0 T0, 1 T1, 2 T2, 3 T3, 4 T4, 5 T5, 6 T6, 7 T7, 8 T8, 9 T9, 10 T10, 11 T11, 12 T12, 13 T13);
tuple_fields!(15: 0 T0, 1 T1, 2 T2, 3 T3, 4 T4, 5 T5, 6 T6, 7 T7, 8 T8, 9 T9, 10 T10, 11 T11, 12 T12, 13 T13, 14 T14);
tuple_fields!(16: 0 T0, 1 T1, 2 T2, 3 T3, 4 T4, 5 T5, 6 T6, 7 T7, 8 T8, 9 T9, 10 T10, 11 T11, 12 T12, 13 T13, 14 T14, 15 T15);
tuple_fields!(17: 0 T0, 1 T1, 2 T2, 3 T3, 4 T4, 5 T5, 6 T6, 7 T7, 8 T8, 9 T9, 10 T10, 11 T11, 12 T12, 13 T13, 14 T14, 15 T15, 16 T16);
tuple_fields!(18: 0 T0, 1 T1, 2 T2, 3 T3, 4 T4, 5 T5, 6 T6, 7 T7, 8 T8, 9 T9, 10 T10, 11 T11, 12 T12, 13 T13, 14 T14, 15 T15, 16 T16, 17 T17);
tuple_fields!(19: 0 T0, 1 T1, 2 T2, 3 T3, 4 T4, 5 T5, 6 T6, 7 T7, 8 T8, 9 T9, 10 T10, 11 T11, 12 T12, 13 T13, 14 T14, 15 T15, 16 T16, 17 T17, 18 T18);
tuple_fields!(20: 0 T0, 1 T1, 2 T2, 3 T3, 4 T4, 5 T5, 6 T6, 7 T7, 8 T8, 9 T9, 10 T10, 11 T11, 12 T12, 13 T13, 14 T14, 15 T15, 16 T16, 17 T17, 18 T18, 19 T19);
tuple_fields!(21: 0 T0, 1 T1, 2 T2, 3 T3, 4 T4, 5 T5, 6 T6, 7 T7, 8 T8, 9 T9, 10 T10, 11 T11, 12 T12, 13 T13, 14 T14, 15 T15, 16 T16, 17 T17, 18 T18, 19 T19, 20 T20);
tuple_fields!(22: 0 T0, 1 T1, 2 T2, 3 T3, 4 T4, 5 T5, 6 T6, 7 T7, 8 T8, 9 T9, 10 T10, 11 T11, 12 T12, 13 T13, 14 T14, 15 T15, 16 T16, 17 T17, 18 T18, 19 T19, 20 T20, 21 T21);
tuple_fields!(23: 0 T0, 1 T1, 2 T2, 3 T3, 4 T4, 5 T5, 6 T6, 7 T7, 8 T8, 9 T9, 10 T10, 11 T11, 12 T12, 13 T13, 14 T14, 15 T15, 16 T16, 17 T17, 18 T18, 19 T19, 20 T20, 21 T21, 22 T22);
tuple_fields!(24: 0 T0, 1 T1, 2 T2, 3 T3, 4 T4, 5 T5, 6 T6, 7 T7, 8 T8, 9 T9, 10 T10, 11 T11, 12 T12, 13 T13, 14 T14, 15 T15, 16 T16, 17 T17, 18 T18, 19 T19, 20 T20, 21 T21, 22 T22, 23 T23);

#[cfg(test)]
mod tests {
    use cosmwasm_schema::cw_serde;
    use cosmwasm_std::{from_json, Binary, StdResult, Uint128};

    use crate::dac_serde;

    fn seven() -> u32 {
        7
    }

    /// Derived by serde.
    #[cw_serde]
    enum Derived {
        Config {},
        Plain,
        List {
            start_after: Option<String>,
            limit: Option<u32>,
        },
        Other {
            id: u64,
        },
        Pair {
            name: String,
            id: u64,
        },
        Wrapped(DerivedStruct),
        Many {
            a: u8,
            b: Option<Vec<String>>,
            c: Uint128,
            d: bool,
            e: Option<u64>,
            f: Box<Derived>,
        },
    }

    #[cw_serde]
    struct DerivedStruct {
        id: u64,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        #[serde(default)]
        tags: Vec<String>,
        #[serde(default = "seven")]
        seven: u32,
        data: Binary,
    }

    #[cw_serde]
    #[serde(deny_unknown_fields)]
    struct DerivedStrict {
        id: u64,
    }

    #[cw_serde]
    enum DerivedUnits {
        Yes,
        No,
        NoWithVeto,
    }

    /// The same types with `#[dac_serde]`.
    #[dac_serde]
    enum Lean {
        Config {},
        Plain,
        List {
            start_after: Option<String>,
            limit: Option<u32>,
        },
        Other {
            id: u64,
        },
        Pair {
            name: String,
            id: u64,
        },
        Wrapped(LeanStruct),
        Many {
            a: u8,
            b: Option<Vec<String>>,
            c: Uint128,
            d: bool,
            e: Option<u64>,
            f: Box<Lean>,
        },
    }

    #[dac_serde]
    struct LeanStruct {
        id: u64,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        #[serde(default)]
        tags: Vec<String>,
        #[serde(default = "seven")]
        seven: u32,
        data: Binary,
    }

    #[dac_serde]
    #[serde(deny_unknown_fields)]
    struct LeanStrict {
        id: u64,
    }

    #[dac_serde]
    enum LeanUnits {
        Yes,
        No,
        NoWithVeto,
    }

    /// The value, or the error's message, with the type's name prefix left out.
    fn outcome<T: std::fmt::Debug>(result: StdResult<T>, prefix: &str) -> String {
        let text = match result {
            Ok(value) => format!("{value:?}"),
            Err(error) => error.to_string(),
        };
        // Error texts name the type or what the visitor expected; compare the substance.
        let text = text
            .replace(&format!("{prefix}Struct"), "S")
            .replace(prefix, "T");
        match text.find(", expected") {
            Some(at) if text.starts_with("Error") => text[..at].to_string(),
            _ => text,
        }
    }

    /// Every input gives the same value or the same error from both, and both sides of the
    /// comparison are exercised: `accepted` of them parse.
    fn same_outcomes<D, L>(inputs: &[&str], prefix_d: &str, prefix_l: &str, accepted: usize)
    where
        D: serde::de::DeserializeOwned + std::fmt::Debug,
        L: serde::de::DeserializeOwned + std::fmt::Debug,
    {
        let mut parsed = 0;
        for input in inputs {
            let derived = outcome(from_json::<D>(input), prefix_d);
            assert_eq!(derived, outcome(from_json::<L>(input), prefix_l), "{input}");
            parsed += usize::from(!derived.starts_with("Error"));
        }
        assert_eq!(parsed, accepted);
    }

    #[test]
    fn enums_read_exactly_what_serde_reads() {
        let inputs = [
            r#"{"config":{}}"#,
            r#"{"config":{"unknown":[1,{"a":null}]}}"#,
            r#"{"config":null}"#,
            r#"{"config":[]}"#,
            r#"{"config":1}"#,
            r#""config""#,
            r#"{"config":{}"#,
            r#"{"config":{},"other":{"id":1}}"#,
            r#""plain""#,
            r#"{"plain":null}"#,
            r#"{"plain":{}}"#,
            r#"{"list":{}}"#,
            r#"{"list":{"start_after":"b","limit":3}}"#,
            r#"{"list":{"limit":3,"start_after":null,"extra":true}}"#,
            r#"{"list":{"limit":3,"limit":4}}"#,
            r#"{"list":{"limit":3,"limit":"x"}}"#,
            r#"{"list":{"limit":-1}}"#,
            r#"{"list":{"limit":4294967296}}"#,
            r#"{"list":{"start_after":7}}"#,
            r#"{"list":{"start_after":"a\"b"}}"#,
            r#"{"list":[null,3]}"#,
            r#"{"list":{"limit":3} }"#,
            r#"{"list":{"limit":3,}}"#,
            r#"{"list":{"limit" 3}}"#,
            r#"{"list":null}"#,
            r#""list""#,
            r#"{"other":{"id":5}}"#,
            r#"{"other":{"i\u0064":5}}"#,
            r#"{"other":{"ID":5}}"#,
            r#"{"other":{}}"#,
            r#"{"other":{"id":null}}"#,
            r#"{"other":{"id":"5"}}"#,
            r#"{"other":{"id":5.5}}"#,
            r#"{"other":[5]}"#,
            r#"{"pair":{"id":5,"name":"x"}}"#,
            r#"{"pair":{"name":"x"}}"#,
            r#"{"pair":{"id":1}}"#,
            r#"{"pair":{"name":"x","id":1,"name":"y"}}"#,
            r#"{"pair":{"name":"x","id":1,"id":1}}"#,
            r#"{"wrapped":{"id":1,"data":"AQI="}}"#,
            r#"{"wrapped":{"id":1,"data":"AQI=","tags":["a"],"seven":8,"note":"n"}}"#,
            r#"{"wrapped":{"id":1}}"#,
            r#"{"wrapped":null}"#,
            r#"{"many":{"a":1,"b":["x"],"c":"7","d":true,"e":9,"f":{"other":{"id":1}}}}"#,
            r#"{"many":{"f":{"config":{}},"d":false,"c":"0","a":255}}"#,
            r#"{"many":{"a":1,"c":"7","d":true}}"#,
            r#"{"many":{"a":256,"c":"7","d":true,"f":{"config":{}}}}"#,
            r#"{"many":{"a":1,"c":7,"d":true,"f":{"config":{}}}}"#,
            r#"{"many":{"a":1,"c":"7","d":true,"f":{"nothing":{}}}}"#,
            r#"{"many":{"a":1,"b":null,"c":"7","d":true,"f":{"pair":{"name":"n","id":2}}}}"#,
            r#"{"nothing":{}}"#,
            r#"{}"#,
            r#"[]"#,
        ];
        same_outcomes::<Derived, Lean>(&inputs, "Derived", "Lean", 16);
    }

    #[test]
    fn structs_read_exactly_what_serde_reads() {
        let inputs = [
            r#"{"id":1,"data":""}"#,
            r#"{"data":"AQI=","id":2,"note":null,"tags":[],"seven":0}"#,
            r#"{"id":1,"data":"","unknown":{"deep":[1,2]}}"#,
            r#"{"id":1}"#,
            r#"{"data":""}"#,
            r#"{"id":1,"data":"","seven":null}"#,
            r#"{"id":1,"data":"","tags":null}"#,
            r#"{"id":1,"data":"!"}"#,
            r#"{"id":1,"data":"","id":2}"#,
            r#"[1,"n",["t"],3,""]"#,
            r#"[1]"#,
            r#"[]"#,
            r#"[1,null,[],3,"",9]"#,
            r#"null"#,
            r#""id""#,
        ];
        same_outcomes::<DerivedStruct, LeanStruct>(&inputs, "Derived", "Lean", 3);

        let strict = [
            r#"{"id":1}"#,
            r#"{"id":1,"other":2}"#,
            r#"{"other":2}"#,
            r#"{}"#,
        ];
        same_outcomes::<DerivedStrict, LeanStrict>(&strict, "Derived", "Lean", 1);
    }

    #[test]
    fn unit_enums_read_exactly_what_serde_reads() {
        let inputs = [
            r#""yes""#,
            r#""no_with_veto""#,
            r#""NoWithVeto""#,
            r#""maybe""#,
            r#"{"no":null}"#,
            r#"{"no":{}}"#,
            r#"3"#,
        ];
        same_outcomes::<DerivedUnits, LeanUnits>(&inputs, "Derived", "Lean", 2);
    }

    #[test]
    fn binary_formats_read_variants_by_index_and_fields_in_order() {
        // The escrow stores deals with postcard, which names variants by index and gives a
        // struct's fields as a sequence.
        let values = [
            Lean::Plain,
            Lean::Config {},
            Lean::Pair {
                name: "n".into(),
                id: 3,
            },
            Lean::Wrapped(LeanStruct {
                id: 1,
                // Postcard can't skip a field, so `note` is not `None` here.
                note: Some("n".into()),
                tags: vec!["t".into()],
                seven: 7,
                data: Binary::from(b"ab"),
            }),
        ];
        for value in values {
            let bytes = postcard::to_allocvec(&value).unwrap();
            assert_eq!(postcard::from_bytes::<Lean>(&bytes).unwrap(), value);
        }
        // Variant index 9 does not exist.
        assert!(postcard::from_bytes::<Lean>(&[9]).is_err());
    }
}
