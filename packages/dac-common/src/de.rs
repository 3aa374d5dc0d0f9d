//! Shared deserializers for enum variants, used as `#[serde(deserialize_with = "...")]`.
//!
//! Why: serde derives a separate map visitor for every struct variant of an enum, about 1.2 KiB of
//! wasm each even for an empty `Config {}`, and the message enums have dozens. Variants with the
//! same fields can instead share one derived struct. The JSON accepted and the errors stay the
//! same (the shared struct is parsed exactly like the variant: same field names, unknown fields
//! ignored, as serde does for struct variants), serialization is untouched, and so is the schema
//! (schemars ignores `deserialize_with`).
//!
//! A variant `V { a: A, b: B }` with `deserialize_with = "f"` needs `f` to return `(A, B)`; with
//! one field, `A`; with none, `()`. [`variant_fields!`] declares such an `f` for a contract's own
//! repeated shapes.

use serde::{Deserialize, Deserializer};

#[derive(Deserialize)]
struct Empty {}

/// For variants without fields, e.g. `Config {}`.
pub fn empty<'de, D: Deserializer<'de>>(deserializer: D) -> Result<(), D::Error> {
    Empty::deserialize(deserializer).map(|Empty {}| ())
}

#[derive(Deserialize)]
struct Page<K> {
    start_after: Option<K>,
    limit: Option<u32>,
}

/// For list queries `{ start_after: Option<K>, limit: Option<u32> }`.
pub fn page<'de, D, K>(deserializer: D) -> Result<(Option<K>, Option<u32>), D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de>,
{
    Page::deserialize(deserializer).map(|Page { start_after, limit }| (start_after, limit))
}

/// Declares `fn $name` deserializing the fields of a struct variant through one derived struct,
/// for `#[serde(deserialize_with = "$name")]` on every variant with exactly these fields (in any
/// order). The caller needs `serde` as a dependency.
///
/// ```
/// dac_common::variant_fields!(fn deal_id { deal_id: u64 });
/// dac_common::variant_fields!(pub fn member_in_council { member: String, council_id: u64 });
/// ```
#[macro_export]
macro_rules! variant_fields {
    ($vis:vis fn $name:ident { $($field:ident: $ty:ty),+ $(,)? }) => {
        // One field is `(A)`, i.e. `A`, as serde expects.
        #[allow(unused_parens)]
        $vis fn $name<'de, D>(deserializer: D) -> ::core::result::Result<($($ty),+), D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            #[derive(::serde::Deserialize)]
            struct Fields {
                $($field: $ty),+
            }
            let Fields { $($field),+ } =
                <Fields as ::serde::Deserialize>::deserialize(deserializer)?;
            ::core::result::Result::Ok(($($field),+))
        }
    };
}

#[cfg(test)]
mod tests {
    use cosmwasm_schema::cw_serde;
    use cosmwasm_std::{from_json, StdResult};

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
    }

    crate::variant_fields!(fn id { id: u64 });
    crate::variant_fields!(fn name_and_id { name: String, id: u64 });

    /// The same enum with shared deserializers.
    #[cw_serde]
    enum Shared {
        #[serde(deserialize_with = "super::empty")]
        Config {},
        #[serde(deserialize_with = "super::page")]
        List {
            start_after: Option<String>,
            limit: Option<u32>,
        },
        #[serde(deserialize_with = "id")]
        Other { id: u64 },
        #[serde(deserialize_with = "name_and_id")]
        Pair { name: String, id: u64 },
    }

    /// The value, or the error's message with the enum's name left out.
    fn outcome<T: std::fmt::Debug>(result: StdResult<T>, name: &str) -> String {
        match result {
            Ok(value) => format!("{value:?}").replace(name, "T"),
            Err(error) => error.to_string().replace(name, "T"),
        }
    }

    #[test]
    fn shared_variants_accept_and_refuse_exactly_what_derived_ones_do() {
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
            r#"{"list":{"limit":-1}}"#,
            r#"{"list":{"start_after":7}}"#,
            r#"{"list":{"start_after":"a\"b"}}"#,
            r#"{"list":[null,3]}"#,
            r#"{"list":{"limit":3} }"#,
            r#"{"other":{"id":5}}"#,
            r#"{"other":{}}"#,
            r#"{"other":{"id":"5"}}"#,
            r#"{"pair":{"id":5,"name":"x"}}"#,
            r#"{"pair":{"name":"x"}}"#,
            r#"{"pair":{"name":"x","id":1,"name":"y"}}"#,
            r#"{"nothing":{}}"#,
        ];
        for input in inputs {
            assert_eq!(
                outcome(from_json::<Derived>(input), "Derived"),
                outcome(from_json::<Shared>(input), "Shared"),
                "{input}"
            );
        }
    }
}
