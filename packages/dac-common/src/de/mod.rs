//! The lean deserializer behind `#[dac_serde]` (the `dac-derive` crate).
//!
//! Why: serde derives a visitor for every struct, struct variant and enum, and the JSON reader
//! compiles its map, sequence and enum readers once for each of them: together about 40% of a
//! contract's wasm. Here a JSON document is read once into a [`Value`] (the JSON reader compiled
//! once, for `Value`), and each type is built from the `Value` by plain derived code
//! ([`FromJson`]), which shares one function per field type across all structs.
//!
//! It reads what serde's derive reads: the same field names in any order, unknown fields ignored (or
//! refused with `deny_unknown_fields`), a duplicate or missing field refused, a missing `Option`
//! field read as `None`, `#[serde(default)]` honoured, externally tagged enums. Its errors name
//! where they are (`propose.title: invalid type: ...`). Binary formats, which can't be read into a
//! `Value`, go through a shared visitor instead ([`Fields`]). JSON is written by the lean writer
//! (`crate::json`), binary formats by serde's `Serialize`, and the schema is schemars' own. The
//! tests below compare it with serde's derive.
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

mod binary;
mod from_json;
mod value;

pub use binary::{required, Fields, Slots, VariantKey};
pub use from_json::{
    deserialize, newtype_variant, read_struct, read_variant, struct_variant, unit_variant,
    FromJson, JsonError, Lean, StructFields,
};
pub use value::Value;

use core::any::type_name;

use cosmwasm_std::{StdError, StdResult};
use serde::{Deserialize, Deserializer};

/// A JSON document (a stored value, a message, an answer) read into `T` by the lean reader: parsed
/// by the one copy of the parse every type shares, then built by `T`'s `FromJson`. Errors name
/// `type_name::<T>()`, as cosmwasm-std's `from_json` does. (`from_json::<Lean<T>>` compiles
/// `serde_json_wasm`'s entry once per type.)
pub fn read<T: FromJson>(bytes: &[u8]) -> StdResult<T> {
    let value = parse(bytes, type_name::<T>())?;
    T::from_json(value).map_err(|error| StdError::parse_err(type_name::<T>(), error))
}

/// The JSON document as a `Value`: the one copy of the parse every stored type shares.
#[inline(never)]
fn parse(bytes: &[u8], target: &'static str) -> StdResult<Value<'static>> {
    serde_json_wasm::from_slice(bytes)
        .map(|Document(value)| value)
        .map_err(|error| StdError::parse_err(target, error))
}

/// A document read into an owned `Value`: `serde_json_wasm` reads only types that borrow nothing
/// from the input.
struct Document(Value<'static>);

impl<'de> Deserialize<'de> for Document {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Value::deserialize(deserializer).map(|value| Document(value.into_owned()))
    }
}

/// For tests: each input reads to the same value by the lean reader (`Lean`) as by serde's derive
/// of the same type (`Serde`), or both refuse it; panics otherwise. Gives how many were read. The
/// values are compared by their `Debug` text, which names neither reader: define both types with
/// one macro, once with `dac_common::LeanDeserialize`, once (in a test module) with serde's.
pub fn read_alike<Lean, Serde>(inputs: &[String]) -> usize
where
    Lean: serde::de::DeserializeOwned + core::fmt::Debug,
    Serde: serde::de::DeserializeOwned + core::fmt::Debug,
{
    use cosmwasm_std::from_json;
    let mut parsed = 0;
    for input in inputs {
        let lean = from_json::<Lean>(input).map(|value| format!("{value:?}"));
        match (
            lean,
            from_json::<Serde>(input).map(|value| format!("{value:?}")),
        ) {
            (Ok(lean), Ok(serde)) => {
                assert_eq!(lean, serde, "{input}");
                parsed += 1;
            }
            (Err(_), Err(_)) => {}
            (lean, serde) => panic!("{input}: lean {lean:?}, serde {serde:?}"),
        }
    }
    parsed
}

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

    /// The value, or "refused" (the messages differ: ours say where and what, see
    /// `errors_say_where_and_what`), with the type's name prefix left out.
    fn outcome<T: std::fmt::Debug>(result: StdResult<T>, prefix: &str) -> String {
        match result {
            Ok(value) => format!("{value:?}")
                .replace(&format!("{prefix}Struct"), "S")
                .replace(prefix, "T"),
            Err(_) => "refused".to_string(),
        }
    }

    /// Every input gives the same value from both, or both refuse it, and both sides of the
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
            parsed += usize::from(derived != "refused");
        }
        assert_eq!(parsed, accepted);
    }

    /// The error text after cosmwasm's "Error parsing into type ...: ".
    fn refusal<T: serde::de::DeserializeOwned + std::fmt::Debug>(input: &str) -> String {
        let error = from_json::<T>(input).unwrap_err().to_string();
        error
            .split_once(": ")
            .map(|(_, why)| why.to_string())
            .unwrap_or(error)
    }

    #[test]
    fn errors_say_where_and_what() {
        let cases = [
            (r#"{"pair":{"name":"x"}}"#, "pair: missing field `id`"),
            (
                r#"{"other":{"id":"5"}}"#,
                r#"other.id: invalid type: string "5", expected an unsigned integer"#,
            ),
            (
                r#"{"many":{"a":256,"c":"7","d":true,"f":{"config":{}}}}"#,
                "many.a: invalid value: integer `256`, expected an integer up to 255",
            ),
            (
                r#"{"many":{"a":1,"c":"x","d":true,"f":{"config":{}}}}"#,
                r#"many.c: invalid value: string "x", expected an unsigned 128-bit integer in a string"#,
            ),
            (
                r#"{"many":{"a":1,"c":"7","d":true,"f":{"pair":{"id":1}}}}"#,
                "many.f.pair: missing field `name`",
            ),
            (
                r#"{"nothing":{}}"#,
                "unknown variant `nothing`, expected one of `config`, `plain`, `list`, `other`, \
                 `pair`, `wrapped`, `many`",
            ),
            (
                r#"{"pair":{"name":"x","id":1,"id":1}}"#,
                "pair: duplicate field `id`",
            ),
            (
                r#"{"plain":null}"#,
                "plain: invalid type: null, expected a unit variant",
            ),
            (
                r#"{"wrapped":{"id":1,"data":"!"}}"#,
                r#"wrapped.data: invalid value: string "!", expected base64 in a string"#,
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(refusal::<Lean>(input), expected, "{input}");
        }
        assert_eq!(
            refusal::<LeanStrict>(r#"{"id":1,"other":2}"#),
            "unknown field `other`, expected `id`"
        );
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

        // Without fields, only opening the object can fail (a migrate message).
        #[cw_serde]
        struct DerivedEmpty {}
        #[dac_serde]
        struct LeanEmpty {}
        let empty = [
            r#"{}"#,
            r#"{"other":2}"#,
            r#"[]"#,
            r#"null"#,
            r#"1"#,
            r#""x""#,
        ];
        same_outcomes::<DerivedEmpty, LeanEmpty>(&empty, "Derived", "Lean", 2);
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

    /// cw20's hook and coin, read by hand: the same as cw20's own (serde) reader.
    #[test]
    fn cw20_structs_read_as_cw20_reads_them() {
        use crate::de::{FromJson, Value};
        fn by_hand<T: FromJson>(input: &str) -> StdResult<T> {
            let value: Value = serde_json::from_str(input)
                .map_err(|e| cosmwasm_std::StdError::generic_err(e.to_string()))?;
            T::from_json(value).map_err(|e| cosmwasm_std::StdError::generic_err(e.to_string()))
        }
        fn same<T: FromJson + serde::de::DeserializeOwned + std::fmt::Debug + PartialEq>(
            inputs: &[&str],
            accepted: usize,
        ) {
            let mut parsed = 0;
            for input in inputs {
                match (from_json::<T>(input), by_hand::<T>(input)) {
                    (Ok(serde), Ok(ours)) => {
                        assert_eq!(serde, ours, "{input}");
                        parsed += 1;
                    }
                    (Err(_), Err(_)) => {}
                    (serde, ours) => panic!("{input}: serde {serde:?}, by hand {ours:?}"),
                }
            }
            assert_eq!(parsed, accepted);
        }
        same::<cw20::Cw20ReceiveMsg>(
            &[
                r#"{"sender":"a","amount":"5","msg":"e30="}"#,
                r#"{"msg":"","amount":"0","sender":""}"#,
                r#"{"sender":"a","amount":"5"}"#,
                r#"{"sender":"a","amount":5,"msg":""}"#,
                r#"{"sender":"a","amount":"5","msg":"!"}"#,
                r#"{"sender":"a","amount":"5","msg":"","extra":1}"#,
                r#"{"sender":"a","sender":"b","amount":"5","msg":""}"#,
                r#"["a","5",""]"#,
            ],
            3,
        );
        same::<cw20::Expiration>(
            &[
                r#"{"at_height":5}"#,
                r#"{"at_time":"1000"}"#,
                r#"{"never":{}}"#,
                r#"{"never":{"x":1}}"#,
                r#""never""#,
                r#"{"never":[]}"#,
                r#"{"never":null}"#,
                r#"{"at_height":"5"}"#,
                r#"{"at_time":1000}"#,
                r#"{"at_height":null}"#,
                r#""at_height""#,
                r#"{"later":{}}"#,
            ],
            4,
        );
        same::<cw20::Logo>(
            &[
                r#"{"url":"https://x"}"#,
                r#"{"embedded":{"svg":"PHN2Zy8+"}}"#,
                r#"{"embedded":{"png":"iVBO"}}"#,
                r#"{"embedded":{"png":"!"}}"#,
                r#"{"embedded":"svg"}"#,
                r#"{"embedded":{"gif":""}}"#,
                r#"{"url":5}"#,
                r#""url""#,
            ],
            3,
        );
        same::<cw20::Cw20Coin>(
            &[
                r#"{"address":"a","amount":"5"}"#,
                r#"{"address":"a"}"#,
                r#"{"address":"a","amount":"-1"}"#,
                r#"{"address":"a","amount":"5","x":null}"#,
            ],
            2,
        );
    }

    /// `CosmosMsg`, read by hand: what serde's own reader (cosmwasm's `from_json`) reads.
    #[test]
    fn cosmos_msgs_read_as_serde_reads_them() {
        use crate::de::{FromJson, Value};
        use cosmwasm_std::CosmosMsg;
        let inputs = [
            r#"{"bank":{"send":{"to_address":"a","amount":[{"denom":"u","amount":"5"}]}}}"#,
            r#"{"bank":{"send":{"amount":[],"to_address":"a","x":1}}}"#,
            r#"{"bank":{"send":{"to_address":"a"}}}"#,
            r#"{"bank":{"send":{"to_address":"a","amount":[{"denom":"u","amount":5}]}}}"#,
            r#"{"bank":{"send":{"to_address":"a","amount":[{"denom":"u"}]}}}"#,
            r#"{"bank":{"send":{"to_address":"a","amount":[{"denom":"u","amount":"1","x":2}]}}}"#,
            r#"{"bank":{"send":{"to_address":"a","amount":[["u","1"]]}}}"#,
            r#"{"bank":{"send":["a",[]]}}"#,
            r#"{"bank":{"send":{"to_address":"a","to_address":"b","amount":[]}}}"#,
            r#"{"bank":{"burn":{"amount":[{"denom":"u","amount":"7"}]}}}"#,
            r#"{"bank":{"burn":{}}}"#,
            r#"{"bank":"burn"}"#,
            r#"{"bank":{"mint":{"amount":[]}}}"#,
            r#"{"bank":null}"#,
            r#""bank""#,
            r#"{"custom":{}}"#,
            r#"{"custom":{"anything":[1]}}"#,
            r#"{"custom":[]}"#,
            r#"{"custom":null}"#,
            r#"{"any":{"type_url":"/x.Y","value":"AQI="}}"#,
            r#"{"any":{"type_url":"/x.Y","value":"!"}}"#,
            r#"{"any":{"type_url":"/x.Y"}}"#,
            r#"{"wasm":{"execute":{"contract_addr":"c","msg":"e30=","funds":[]}}}"#,
            r#"{"wasm":{"execute":{"contract_addr":"c","msg":"e30="}}}"#,
            r#"{"wasm":{"execute":{"contract_addr":"c","msg":{},"funds":[]}}}"#,
            r#"{"wasm":{"instantiate":{"code_id":1,"msg":"","funds":[],"label":"l"}}}"#,
            r#"{"wasm":{"instantiate":{"admin":null,"code_id":1,"msg":"","funds":[],"label":"l"}}}"#,
            r#"{"wasm":{"instantiate":{"admin":"a","code_id":"1","msg":"","funds":[],"label":"l"}}}"#,
            r#"{"wasm":{"instantiate2":{"admin":"a","code_id":2,"label":"l","msg":"","funds":[],"salt":"AA=="}}}"#,
            r#"{"wasm":{"instantiate2":{"code_id":2,"label":"l","msg":"","funds":[]}}}"#,
            r#"{"wasm":{"migrate":{"contract_addr":"c","new_code_id":3,"msg":"e30="}}}"#,
            r#"{"wasm":{"migrate":{"contract_addr":"c","new_code_id":-3,"msg":"e30="}}}"#,
            r#"{"wasm":{"update_admin":{"contract_addr":"c","admin":"a"}}}"#,
            r#"{"wasm":{"update_admin":{"contract_addr":"c"}}}"#,
            r#"{"wasm":{"clear_admin":{"contract_addr":"c"}}}"#,
            r#"{"wasm":{"clear_admin":{}}}"#,
            r#"{"wasm":"clear_admin"}"#,
            r#"{"wasm":{"clear_admin":{"contract_addr":"c"},"migrate":{}}}"#,
            r#"{"wasm":{"execute":{"contract_addr":"c","msg":"","funds":[]}},"bank":{}}"#,
            r#"{"ibc":{"close_channel":{"channel_id":"c"}}}"#,
            r#"{"gov":{"vote":{"proposal_id":1,"option":"yes"}}}"#,
            r#"{"stargate":{"type_url":"/x","value":""}}"#,
            r#"{"staking":{"delegate":{"validator":"v","amount":{"denom":"u","amount":"1"}}}}"#,
            r#"{}"#,
            r#"[]"#,
        ];
        // Variants of cosmwasm-std features no contract enables for the chain (stargate, staking):
        // the contracts' wasm refuses them, and so does the hand reader, even where a host build
        // of the whole workspace unifies those features into serde's reader.
        let not_built = ["ibc", "gov", "stargate", "staking", "distribution"];
        let mut parsed = 0;
        for input in inputs {
            let ours = serde_json::from_str::<Value>(input)
                .map_err(|e| e.to_string())
                .and_then(|value| CosmosMsg::from_json(value).map_err(|e| e.to_string()));
            if not_built
                .iter()
                .any(|tag| input.starts_with(&format!("{{\"{tag}\"")))
            {
                let err = ours.expect_err(input);
                assert!(err.contains("unknown variant"), "{input}: {err}");
                continue;
            }
            let serde = from_json::<CosmosMsg>(input);
            match (serde, ours) {
                (Ok(serde), Ok(ours)) => {
                    assert_eq!(serde, ours, "{input}");
                    parsed += 1;
                }
                (Err(_), Err(_)) => {}
                (serde, ours) => panic!("{input}: serde {serde:?}, by hand {ours:?}"),
            }
        }
        assert_eq!(parsed, 14);
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
    /// Arrays (read by a loop, not a collect) read as serde reads them: the same elements, or a
    /// refusal when any element is refused, nested arrays and options included.
    mod arrays {
        use cosmwasm_std::from_json;
        use proptest::prelude::*;

        use crate::de::Lean;

        fn element() -> impl Strategy<Value = String> {
            prop_oneof![
                (0u64..300).prop_map(|n| n.to_string()),
                Just("null".to_string()),
                Just("\"7\"".to_string()),
                Just("-1".to_string()),
                proptest::collection::vec(0u64..300, 0..3)
                    .prop_map(|v| serde_json::to_string(&v).unwrap()),
            ]
        }

        proptest! {
            #[test]
            fn arrays_read_as_serde_reads_them(
                items in proptest::collection::vec(element(), 0..6)
            ) {
                let json = format!("[{}]", items.join(","));
                let lean = from_json::<Lean<Vec<u8>>>(&json).map(|read| read.0);
                prop_assert_eq!(lean.ok(), from_json::<Vec<u8>>(&json).ok(), "{}", json);
                let lean = from_json::<Lean<Vec<Option<Vec<u8>>>>>(&json).map(|read| read.0);
                let serde = from_json::<Vec<Option<Vec<u8>>>>(&json);
                prop_assert_eq!(lean.ok(), serde.ok(), "{}", json);
            }
        }
    }
}
