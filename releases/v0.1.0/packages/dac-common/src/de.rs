//! Lean deserializers for the struct variants of message enums, used as
//! `#[serde(deserialize_with = "...")]`.
//!
//! Why: for every struct variant serde derives a separate map visitor, about 1.2 KiB of wasm each
//! even for an empty `Config {}`, and the message enums have dozens of variants. Here one visitor,
//! [`Fields`], is generic over the tuple of field types and takes the field names at run time, so
//! every variant with the same field types shares its code.
//!
//! It parses exactly what the derived visitor parses: the same field names in any order, unknown
//! fields ignored (serde ignores them in struct variants), a duplicate or missing field refused
//! with serde's own error, a missing `Option` field read as `None`. Serialization is untouched,
//! and so is the schema (schemars ignores `deserialize_with`). The tests below compare it with
//! the derived code on valid and invalid JSON.
//!
//! A variant `V { a: A, b: B }` with `deserialize_with = "f"` needs `f` to return `(A, B)`; with
//! one field, `A`; with none, `()`: [`empty`] for those, [`variant_fields!`] for the others.

use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

#[derive(Deserialize)]
struct Empty {}

/// For variants without fields, e.g. `Config {}`.
pub fn empty<'de, D: Deserializer<'de>>(deserializer: D) -> Result<(), D::Error> {
    Empty::deserialize(deserializer).map(|Empty {}| ())
}

/// Reads a JSON object whose fields are `names`, in any order, into the tuple `T` of their
/// values (in the order of `names`).
pub struct Fields<T> {
    names: &'static [&'static str],
    values: PhantomData<T>,
}

impl<T> Fields<T> {
    pub const fn new(names: &'static [&'static str]) -> Self {
        Fields {
            names,
            values: PhantomData,
        }
    }
}

/// Which of the names a key is, if any.
struct Key(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for Key {
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

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|name| *name == key))
    }

    fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|name| name.as_bytes() == key))
    }
}

/// A missing field, as serde reads it: `None` for an `Option`, otherwise `missing field` error.
struct Missing<E> {
    name: &'static str,
    error: PhantomData<E>,
}

fn missing<'de, T: Deserialize<'de>, E: de::Error>(name: &'static str) -> Result<T, E> {
    T::deserialize(Missing {
        name,
        error: PhantomData,
    })
}

impl<'de, E: de::Error> Deserializer<'de> for Missing<E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, E> {
        Err(E::missing_field(self.name))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_none()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

macro_rules! tuple_fields {
    ($count:literal: $($index:tt $ty:ident $value:ident),+) => {
        impl<'de, $($ty: Deserialize<'de>),+> Visitor<'de> for Fields<($($ty,)+)> {
            type Value = ($($ty,)+);

            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                write!(formatter, "struct variant with {} fields", $count)
            }

            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                $(let mut $value: Option<$ty> = None;)+
                while let Some(key) = map.next_key_seed(Key(self.names))? {
                    match key {
                        $(Some($index) => {
                            if $value.is_some() {
                                return Err(de::Error::duplicate_field(self.names[$index]));
                            }
                            $value = Some(map.next_value()?);
                        })+
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(($(match $value {
                    Some(value) => value,
                    None => missing(self.names[$index])?,
                },)+))
            }

            fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
                Ok(($(match seq.next_element()? {
                    Some(value) => value,
                    None => return Err(de::Error::invalid_length($index, &self)),
                },)+))
            }
        }

        impl<'de, $($ty: Deserialize<'de>),+> DeserializeSeed<'de> for Fields<($($ty,)+)> {
            type Value = ($($ty,)+);

            fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
                deserializer.deserialize_struct("", self.names, self)
            }
        }
    };
}

tuple_fields!(1: 0 A a);
tuple_fields!(2: 0 A a, 1 B b);
tuple_fields!(3: 0 A a, 1 B b, 2 C c);
tuple_fields!(4: 0 A a, 1 B b, 2 C c, 3 E e);
tuple_fields!(5: 0 A a, 1 B b, 2 C c, 3 E e, 4 F f);
tuple_fields!(6: 0 A a, 1 B b, 2 C c, 3 E e, 4 F f, 5 G g);
tuple_fields!(7: 0 A a, 1 B b, 2 C c, 3 E e, 4 F f, 5 G g, 6 H h);
tuple_fields!(8: 0 A a, 1 B b, 2 C c, 3 E e, 4 F f, 5 G g, 6 H h, 7 I i);

/// Declares, for each listed struct variant, a function `$name` for
/// `#[serde(deserialize_with = "$name")]` on that variant, reading its fields through the shared
/// [`Fields`] visitor. Each entry is checked at compile time against the variant: the same field
/// names and types (1 to 8 fields, no serde attributes on them). Attributes before an entry go on
/// its function (e.g. `#[inline(never)]`, when inlining the variants of a struct's enums would grow
/// one function past CosmWasm's limit of 100 locals). The caller needs `serde` as a dependency.
///
/// ```
/// #[derive(serde::Deserialize)]
/// enum ExecuteMsg {
///     #[serde(deserialize_with = "execute_sign")]
///     Sign { deal_id: u64 },
/// }
/// dac_common::variant_fields! {
///     execute_sign: ExecuteMsg::Sign { deal_id: u64 },
/// }
/// ```
///
/// An entry that does not match its variant does not compile:
///
/// ```compile_fail
/// #[derive(serde::Deserialize)]
/// enum ExecuteMsg {
///     #[serde(deserialize_with = "execute_sign")]
///     Sign { deal_id: u64 },
/// }
/// dac_common::variant_fields! {
///     execute_sign: ExecuteMsg::Sign { id: u64 },
/// }
/// ```
#[macro_export]
macro_rules! variant_fields {
    ($($(#[$attr:meta])* $name:ident: $enum:ident::$variant:ident { $($field:ident: $ty:ty),+ $(,)? }),+ $(,)?) => {
        $(
            // One field is `(A)`, i.e. `A`, as serde expects.
            #[allow(unused_parens)]
            $(#[$attr])*
            fn $name<'de, D>(deserializer: D) -> ::core::result::Result<($($ty),+), D::Error>
            where
                D: ::serde::Deserializer<'de>,
            {
                const NAMES: &[&str] = &[$(stringify!($field)),+];
                let ($($field,)+) = ::serde::de::DeserializeSeed::deserialize(
                    $crate::de::Fields::<($($ty,)+)>::new(NAMES),
                    deserializer,
                )?;
                ::core::result::Result::Ok(($($field),+))
            }

            // The entry names exactly the variant's fields, with their types.
            const _: fn($($ty),+) -> $enum = |$($field),+| $enum::$variant { $($field),+ };
        )+
    };
}

#[cfg(test)]
mod tests {
    use cosmwasm_schema::cw_serde;
    use cosmwasm_std::{from_json, StdResult, Uint128};

    /// Derived the usual way.
    #[cw_serde]
    enum Derived {
        Config {},
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
        Many {
            a: u8,
            b: Option<Vec<String>>,
            c: Uint128,
            d: bool,
            e: Option<u64>,
            f: Box<Derived>,
        },
    }

    /// The same enum with the lean deserializers.
    #[cw_serde]
    enum Lean {
        #[serde(deserialize_with = "super::empty")]
        Config {},
        #[serde(deserialize_with = "lean_list")]
        List {
            start_after: Option<String>,
            limit: Option<u32>,
        },
        #[serde(deserialize_with = "lean_other")]
        Other { id: u64 },
        #[serde(deserialize_with = "lean_pair")]
        Pair { name: String, id: u64 },
        #[serde(deserialize_with = "lean_many")]
        Many {
            a: u8,
            b: Option<Vec<String>>,
            c: Uint128,
            d: bool,
            e: Option<u64>,
            f: Box<Lean>,
        },
    }

    crate::variant_fields! {
        lean_list: Lean::List { start_after: Option<String>, limit: Option<u32> },
        lean_other: Lean::Other { id: u64 },
        lean_pair: Lean::Pair { name: String, id: u64 },
        lean_many: Lean::Many {
            a: u8,
            b: Option<Vec<String>>,
            c: Uint128,
            d: bool,
            e: Option<u64>,
            f: Box<Lean>,
        },
    }

    /// The value, or the error's message, with the enum's name left out.
    fn outcome<T: std::fmt::Debug>(result: StdResult<T>, name: &str) -> String {
        match result {
            Ok(value) => format!("{value:?}").replace(name, "T"),
            Err(error) => error.to_string().replace(name, "T"),
        }
    }

    #[test]
    fn lean_variants_accept_and_refuse_exactly_what_derived_ones_do() {
        let inputs = [
            r#"{"config":{}}"#,
            r#"{"config":{"unknown":[1,{"a":null}]}}"#,
            r#"{"config":null}"#,
            r#"{"config":[]}"#,
            r#"{"config":1}"#,
            r#""config""#,
            r#"{"config":{}"#,
            r#"{"config":{},"other":{"id":1}}"#,
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
            r#"{"pair":{"id":5,"name":"x"}}"#,
            r#"{"pair":{"name":"x"}}"#,
            r#"{"pair":{"id":1}}"#,
            r#"{"pair":{"name":"x","id":1,"name":"y"}}"#,
            r#"{"pair":{"name":"x","id":1,"id":1}}"#,
            r#"{"many":{"a":1,"b":["x"],"c":"7","d":true,"e":9,"f":{"other":{"id":1}}}}"#,
            r#"{"many":{"f":{"config":{}},"d":false,"c":"0","a":255}}"#,
            r#"{"many":{"a":1,"c":"7","d":true}}"#,
            r#"{"many":{"a":256,"c":"7","d":true,"f":{"config":{}}}}"#,
            r#"{"many":{"a":1,"c":7,"d":true,"f":{"config":{}}}}"#,
            r#"{"many":{"a":1,"c":"7","d":true,"f":{"nothing":{}}}}"#,
            r#"{"many":{"a":1,"b":null,"c":"7","d":true,"f":{"pair":{"name":"n","id":2}}}}"#,
            r#"{"nothing":{}}"#,
        ];
        let mut accepted = 0;
        for input in inputs {
            let derived = outcome(from_json::<Derived>(input), "Derived");
            assert_eq!(
                derived,
                outcome(from_json::<Lean>(input), "Lean"),
                "{input}"
            );
            accepted += usize::from(!derived.starts_with("Error"));
        }
        // Both sides of the comparison are exercised.
        assert_eq!(accepted, 13);
    }
}
