//! The reader of `#[dac_serde]` types from binary formats (postcard, in the escrow's deal store),
//! which are not self-describing and so can't be read into a [`Value`](super::Value) first: one
//! visitor, [`Fields`], generic over the tuple of field types, with the field names passed at run
//! time, so structs with the same field types share its code.

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
