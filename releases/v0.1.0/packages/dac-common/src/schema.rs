//! What the authority tests check their tables against: the JSON names of a message enum's
//! variants, read from its schema (so a new message without a row fails the test).

use schemars::schema::Schema;
use schemars::JsonSchema;

/// The top-level JSON name of every variant of `T` (`{"name": {...}}` or `"name"`), sorted.
pub fn message_names<T: JsonSchema>() -> Vec<String> {
    let schema = schemars::schema_for!(T);
    let branches = schema
        .schema
        .subschemas
        .and_then(|s| s.one_of)
        .unwrap_or_default();
    let mut names: Vec<String> = branches
        .into_iter()
        .flat_map(|branch| match branch {
            Schema::Object(o) => match o.enum_values {
                Some(values) => values
                    .into_iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect(),
                None => o
                    .object
                    .map(|o| o.required)
                    .unwrap_or_default()
                    .into_iter()
                    .collect(),
            },
            Schema::Bool(_) => vec![],
        })
        .collect();
    names.sort();
    names
}

/// The top-level JSON name of one message.
pub fn message_name<T: serde::Serialize>(msg: &T) -> String {
    let json = cosmwasm_std::to_json_string(msg).unwrap_or_default();
    json.trim_start_matches(['{', '"'])
        .split('"')
        .next()
        .unwrap_or_default()
        .to_string()
}
