//! Building typed values from a [`Value`]: the trait `#[dac_serde]` derives, its implementations
//! for the field types the contracts use, and the readers of structs and enums the derive calls.

use core::fmt;
use std::borrow::Cow;

use cosmwasm_std::{Addr, Binary, Decimal, HexBinary, Timestamp, Uint128, Uint256, Uint64};
use serde::de::{self, Error as _, Unexpected};
use serde::{Deserialize, Deserializer};

use super::value::Value;

/// A type read from a JSON [`Value`]. `#[dac_serde]` derives it, and its `Deserialize` reads the
/// document into a `Value` first, so the serde visitors of JSON are compiled once, not per type.
pub trait FromJson: Sized {
    fn from_json(value: Value<'_>) -> Result<Self, JsonError>;
}

/// Why a value could not be read, and where: the fields and variants from the document's root.
/// Boxed: one pointer makes every `Result<T, JsonError>`'s error path (copied out of each reader
/// of every type) a word instead of six.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonError(Box<Failure>);

#[derive(Debug, Clone, PartialEq)]
struct Failure {
    message: String,
    /// Innermost first (pushed while the error travels out).
    path: Vec<&'static str>,
}

impl JsonError {
    /// The error, found inside the field or variant `name`.
    fn within(mut self, name: &'static str) -> Self {
        self.0.path.push(name);
        self
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        for (depth, name) in self.0.path.iter().rev().enumerate() {
            let separator = if depth == 0 { "" } else { "." };
            write!(formatter, "{separator}{name}")?;
        }
        if !self.0.path.is_empty() {
            formatter.write_str(": ")?;
        }
        formatter.write_str(&self.0.message)
    }
}

impl std::error::Error for JsonError {}

impl de::Error for JsonError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        JsonError(Box::new(Failure {
            message: message.to_string(),
            path: Vec::new(),
        }))
    }

    // serde's own texts for these print a float's digits: the formatting code would bring
    // floating-point instructions into the wasm, which CosmWasm refuses.
    fn invalid_type(unexpected: Unexpected, expected: &dyn de::Expected) -> Self {
        let found = Found(unexpected);
        JsonError::custom(format_args!("invalid type: {found}, expected {expected}"))
    }

    fn invalid_value(unexpected: Unexpected, expected: &dyn de::Expected) -> Self {
        let found = Found(unexpected);
        JsonError::custom(format_args!("invalid value: {found}, expected {expected}"))
    }
}

/// What was found instead, as serde says it, except that a float's value is not printed.
struct Found<'a>(Unexpected<'a>);

impl fmt::Display for Found<'_> {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        match self.0 {
            Unexpected::Bool(value) => write!(formatter, "boolean `{value}`"),
            Unexpected::Unsigned(value) => write!(formatter, "integer `{value}`"),
            Unexpected::Signed(value) => write!(formatter, "integer `{value}`"),
            Unexpected::Float(_) => formatter.write_str("a floating point number"),
            Unexpected::Char(value) => write!(formatter, "character `{value}`"),
            Unexpected::Str(value) => write!(formatter, "string {value:?}"),
            Unexpected::Bytes(_) => formatter.write_str("byte array"),
            Unexpected::Unit => formatter.write_str("null"),
            Unexpected::Option => formatter.write_str("Option value"),
            Unexpected::NewtypeStruct => formatter.write_str("newtype struct"),
            Unexpected::Seq => formatter.write_str("sequence"),
            Unexpected::Map => formatter.write_str("map"),
            Unexpected::Enum => formatter.write_str("enum"),
            Unexpected::UnitVariant => formatter.write_str("unit variant"),
            Unexpected::NewtypeVariant => formatter.write_str("newtype variant"),
            Unexpected::TupleVariant => formatter.write_str("tuple variant"),
            Unexpected::StructVariant => formatter.write_str("struct variant"),
            Unexpected::Other(other) => formatter.write_str(other),
        }
    }
}

/// `Deserialize` for a `FromJson` type from a self-describing format (JSON): the document as a
/// [`Value`], then the type from it.
pub fn deserialize<'de, T: FromJson, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    let value = Value::deserialize(deserializer)?;
    T::from_json(value).map_err(D::Error::custom)
}

fn invalid_type(value: &Value, expected: &'static str) -> JsonError {
    JsonError::invalid_type(value.unexpected(), &expected)
}

/// A struct's fields as read from an object, taken out one by one by the derived code.
pub struct StructFields<'de> {
    names: &'static [&'static str],
    slots: Vec<Option<Value<'de>>>,
    /// The enum variant these are the fields of, for errors.
    variant: Option<&'static str>,
    /// The first field that failed, and why.
    error: Option<JsonError>,
}

/// Reads the fields `names` of a struct from an object: keys in any order, a duplicate refused, an
/// unknown key ignored or, with `deny_unknown_fields`, refused.
pub fn read_struct<'de>(
    value: Value<'de>,
    names: &'static [&'static str],
    deny_unknown_fields: bool,
) -> Result<StructFields<'de>, JsonError> {
    let mut slots = Vec::with_capacity(names.len());
    slots.resize_with(names.len(), || None);
    match value {
        Value::Object(members) => {
            for (key, value) in members {
                match names.iter().position(|name| *name == key) {
                    Some(index) if slots[index].is_some() => {
                        return Err(JsonError::duplicate_field(names[index]))
                    }
                    Some(index) => slots[index] = Some(value),
                    None if deny_unknown_fields => {
                        return Err(JsonError::unknown_field(&key, names))
                    }
                    None => {}
                }
            }
        }
        // serde's JSON reader takes a struct from an object only (not from an array).
        other => return Err(invalid_type(&other, "a struct")),
    }
    Ok(StructFields {
        names,
        slots,
        variant: None,
        error: None,
    })
}

impl<'de> StructFields<'de> {
    /// `read_struct`, with its failure kept inside: the fields then read as failed, and
    /// `into_error` gives it. The derived code has one error path per struct this way, not two.
    pub fn open_struct(
        value: Value<'de>,
        names: &'static [&'static str],
        deny_unknown_fields: bool,
    ) -> Self {
        read_struct(value, names, deny_unknown_fields)
            .unwrap_or_else(|error| StructFields::failed(names, error))
    }

    /// `struct_variant`, with its failure kept inside as `open_struct` does.
    pub fn open_variant(
        content: Option<Value<'de>>,
        names: &'static [&'static str],
        variant: &'static str,
    ) -> Self {
        struct_variant(content, names, variant)
            .unwrap_or_else(|error| StructFields::failed(names, error))
    }

    #[inline(never)]
    fn failed(names: &'static [&'static str], error: JsonError) -> Self {
        StructFields {
            names,
            slots: Vec::new(),
            variant: None,
            error: Some(error),
        }
    }

    /// Whether no field failed (asked of a struct without fields).
    pub fn is_ok(&self) -> bool {
        self.error.is_none()
    }

    fn take(&mut self, index: usize) -> Option<Value<'de>> {
        self.slots.get_mut(index).and_then(Option::take)
    }

    fn name(&self, index: usize) -> &'static str {
        self.names.get(index).copied().unwrap_or("?")
    }

    /// Records the first failure, where it is; the fields after it are not read.
    fn fail(&mut self, error: JsonError) {
        let error = match self.variant {
            Some(variant) => error.within(variant),
            None => error,
        };
        self.error.get_or_insert(error);
    }

    /// A read field, or `None` with its failure recorded. Only this and `T::from_json` are
    /// compiled per field type; the rest is shared (inlined per type, the error paths of every
    /// field of every struct came to ~300 bytes a field).
    fn read<T>(&mut self, index: usize, read: Result<T, JsonError>) -> Option<T> {
        match read {
            Ok(value) => Some(value),
            Err(error) => {
                self.fail_field(index, error);
                None
            }
        }
    }

    #[inline(never)]
    fn fail_field(&mut self, index: usize, error: JsonError) {
        let name = self.name(index);
        self.fail(error.within(name));
    }

    /// The value of a field that must be given; `None` if it is missing (recorded) or an
    /// earlier field failed.
    #[inline(never)]
    fn take_given(&mut self, index: usize) -> Option<Value<'de>> {
        if self.error.is_some() {
            return None;
        }
        let value = self.take(index);
        if value.is_none() {
            let name = self.name(index);
            self.fail(JsonError::missing_field(name));
        }
        value
    }

    /// The value of a field that may be left out (`Some(None)` then); `None` if an earlier
    /// field failed.
    #[inline(never)]
    fn take_optional(&mut self, index: usize) -> Option<Option<Value<'de>>> {
        if self.error.is_some() {
            return None;
        }
        Some(self.take(index))
    }

    /// A field that must be given.
    pub fn required<T: FromJson>(&mut self, index: usize) -> Option<T> {
        let value = self.take_given(index)?;
        self.read(index, T::from_json(value))
    }

    /// A field that may be left out: an `Option` (then `None`) or one marked `#[serde(default)]`.
    pub fn or_default<T: FromJson + Default>(&mut self, index: usize) -> Option<T> {
        self.or_else(index, T::default)
    }

    /// A field marked `#[serde(default = "path")]`.
    pub fn or_else<T: FromJson>(&mut self, index: usize, default: fn() -> T) -> Option<T> {
        match self.take_optional(index)? {
            Some(value) => self.read(index, T::from_json(value)),
            None => Some(default()),
        }
    }

    /// Why a field could not be read (the derived code asks only after one failed).
    pub fn into_error(mut self) -> JsonError {
        self.take_error()
    }

    /// `into_error` without moving the fields (a copy of them per struct in the derived code).
    pub fn take_error(&mut self) -> JsonError {
        self.error
            .take()
            .unwrap_or_else(|| JsonError::custom("a field could not be read"))
    }
}

/// An enum's variant, externally tagged as serde writes it: `"name"` for a unit variant,
/// `{"name": content}` for the others. Gives the variant's index and its content.
pub fn read_variant<'de>(
    value: Value<'de>,
    variants: &'static [&'static str],
) -> Result<(usize, Option<Value<'de>>), JsonError> {
    let (name, content) = match value {
        Value::String(name) => (name, None),
        Value::Object(mut members) if members.len() == 1 => match members.pop() {
            Some((name, content)) => (name, Some(content)),
            None => return Err(JsonError::custom("an enum needs a variant")),
        },
        other => return Err(invalid_type(&other, "an enum variant")),
    };
    match variants.iter().position(|variant| *variant == name) {
        Some(index) => Ok((index, content)),
        None => Err(JsonError::unknown_variant(&name, variants)),
    }
}

/// A unit variant has no content (`"name"`, not `{"name": ..}`).
pub fn unit_variant(content: Option<Value>, variant: &'static str) -> Result<(), JsonError> {
    match content {
        None => Ok(()),
        Some(other) => Err(invalid_type(&other, "a unit variant").within(variant)),
    }
}

/// The content of a newtype variant `V(T)`.
pub fn newtype_variant<T: FromJson>(
    content: Option<Value>,
    variant: &'static str,
) -> Result<T, JsonError> {
    match content {
        Some(value) => T::from_json(value).map_err(|error| error.within(variant)),
        None => Err(
            JsonError::invalid_type(Unexpected::UnitVariant, &"newtype variant").within(variant),
        ),
    }
}

/// The fields of a struct variant. Unknown fields are ignored, as serde does for struct variants
/// even under `deny_unknown_fields`.
pub fn struct_variant<'de>(
    content: Option<Value<'de>>,
    names: &'static [&'static str],
    variant: &'static str,
) -> Result<StructFields<'de>, JsonError> {
    let value = content.ok_or_else(|| {
        JsonError::invalid_type(Unexpected::UnitVariant, &"struct variant").within(variant)
    })?;
    let mut fields = read_struct(value, names, false).map_err(|error| error.within(variant))?;
    fields.variant = Some(variant);
    Ok(fields)
}

impl FromJson for bool {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        match value {
            Value::Bool(value) => Ok(value),
            other => Err(invalid_type(&other, "a boolean")),
        }
    }
}

impl FromJson for u64 {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        match value {
            Value::Unsigned(value) => Ok(value),
            other => Err(invalid_type(&other, "an unsigned integer")),
        }
    }
}

macro_rules! narrow_unsigned {
    ($($ty:ty => $expected:literal),*) => {$(
        impl FromJson for $ty {
            fn from_json(value: Value) -> Result<Self, JsonError> {
                let wide = u64::from_json(value)?;
                <$ty>::try_from(wide)
                    .map_err(|_| JsonError::invalid_value(Unexpected::Unsigned(wide), &$expected))
            }
        }
    )*};
}

narrow_unsigned!(u8 => "an integer up to 255", u16 => "an integer up to 65535",
    u32 => "an integer up to 4294967295");

impl FromJson for String {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        match value {
            Value::String(text) => Ok(text.into_owned()),
            other => Err(invalid_type(&other, "a string")),
        }
    }
}

/// The text of a string value, for the types written as strings.
fn text<'v>(value: &'v Value, expected: &'static str) -> Result<&'v str, JsonError> {
    match value {
        Value::String(text) => Ok(text),
        other => Err(invalid_type(other, expected)),
    }
}

impl FromJson for Addr {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        String::from_json(value).map(Addr::unchecked)
    }
}

/// Types written as a string that `FromStr` parses (cosmwasm's integers and decimals).
macro_rules! parsed_from_string {
    ($($ty:ty => $expected:literal),*) => {$(
        impl FromJson for $ty {
            fn from_json(value: Value) -> Result<Self, JsonError> {
                let text = text(&value, $expected)?;
                text.parse()
                    .map_err(|_| JsonError::invalid_value(Unexpected::Str(text), &$expected))
            }
        }
    )*};
}

parsed_from_string!(
    Uint128 => "an unsigned 128-bit integer in a string",
    Uint256 => "an unsigned 256-bit integer in a string",
    Decimal => "a decimal in a string"
);

impl FromJson for Uint64 {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        const EXPECTED: &str = "an unsigned 64-bit integer in a string";
        let text = text(&value, EXPECTED)?;
        text.parse::<u64>()
            .map(Uint64::new)
            .map_err(|_| JsonError::invalid_value(Unexpected::Str(text), &EXPECTED))
    }
}

impl FromJson for Timestamp {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        Uint64::from_json(value).map(|nanos| Timestamp::from_nanos(nanos.u64()))
    }
}

impl FromJson for Binary {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        let text = text(&value, "base64 in a string")?;
        Binary::from_base64(text)
            .map_err(|_| JsonError::invalid_value(Unexpected::Str(text), &"base64 in a string"))
    }
}

impl FromJson for HexBinary {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        let text = text(&value, "hex in a string")?;
        HexBinary::from_hex(text)
            .map_err(|_| JsonError::invalid_value(Unexpected::Str(text), &"hex in a string"))
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        match value {
            Value::Null => Ok(None),
            value => T::from_json(value).map(Some),
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        match value {
            // A plain loop: collecting into a `Result` compiles four iterator adapters per type.
            Value::Array(items) => {
                let mut read = Vec::with_capacity(items.len());
                for item in items {
                    read.push(T::from_json(item)?);
                }
                Ok(read)
            }
            other => Err(invalid_type(&other, "an array")),
        }
    }
}

impl<T: FromJson> FromJson for Box<T> {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        T::from_json(value).map(Box::new)
    }
}

impl<A: FromJson, B: FromJson> FromJson for (A, B) {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        match value {
            Value::Array(items) if items.len() == 2 => {
                let mut items = items.into_iter();
                match (items.next(), items.next()) {
                    (Some(a), Some(b)) => Ok((A::from_json(a)?, B::from_json(b)?)),
                    _ => Err(JsonError::invalid_length(0, &"a pair")),
                }
            }
            other => Err(invalid_type(&other, "a pair")),
        }
    }
}

// cw20's two structs the contracts read, by hand: through serde they cost ~5 KiB of wasm each.
// Like cw20's own reader, they ignore unknown fields.

impl FromJson for cw20::Cw20ReceiveMsg {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        let mut fields = read_struct(value, &["sender", "amount", "msg"], false)?;
        match (fields.required(0), fields.required(1), fields.required(2)) {
            (Some(sender), Some(amount), Some(msg)) => Ok(cw20::Cw20ReceiveMsg {
                sender,
                amount,
                msg,
            }),
            _ => Err(fields.into_error()),
        }
    }
}

impl FromJson for cw20::Cw20Coin {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        let mut fields = read_struct(value, &["address", "amount"], false)?;
        match (fields.required(0), fields.required(1)) {
            (Some(address), Some(amount)) => Ok(cw20::Cw20Coin { address, amount }),
            _ => Err(fields.into_error()),
        }
    }
}

// cw2's record of the code in storage (`migrate` reads it), by hand: through serde ~5 KiB. Like
// cw2's own reader, it ignores unknown fields.

impl FromJson for cw2::ContractVersion {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        let mut fields = read_struct(value, &["contract", "version"], false)?;
        match (fields.required(0), fields.required(1)) {
            (Some(contract), Some(version)) => Ok(cw2::ContractVersion { contract, version }),
            _ => Err(fields.into_error()),
        }
    }
}

// `CosmosMsg` (the council's proposals carry them), by hand: serde's readers of it and of `WasmMsg`
// cost ~45 KiB of the council's wasm. The variants are those of cosmwasm-std's features here
// (`cosmwasm_2_0`, no `stargate` or `staking`); like serde's, the readers take structs from
// objects only and ignore unknown fields. `cosmos_msgs_read_as_serde_reads_them` compares them.

impl FromJson for cosmwasm_std::CosmosMsg {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        use cosmwasm_std::CosmosMsg;
        let (index, content) = read_variant(value, &["bank", "custom", "any", "wasm"])?;
        match index {
            0 => newtype_variant(content, "bank").map(CosmosMsg::Bank),
            1 => newtype_variant(content, "custom").map(CosmosMsg::Custom),
            2 => newtype_variant(content, "any").map(CosmosMsg::Any),
            _ => newtype_variant(content, "wasm").map(CosmosMsg::Wasm),
        }
    }
}

impl FromJson for cosmwasm_std::BankMsg {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        use cosmwasm_std::BankMsg;
        let (index, content) = read_variant(value, &["send", "burn"])?;
        if index == 0 {
            let mut fields = struct_variant(content, &["to_address", "amount"], "send")?;
            match (fields.required(0), fields.required(1)) {
                (Some(to_address), Some(amount)) => Ok(BankMsg::Send { to_address, amount }),
                _ => Err(fields.into_error()),
            }
        } else {
            let mut fields = struct_variant(content, &["amount"], "burn")?;
            match fields.required(0) {
                Some(amount) => Ok(BankMsg::Burn { amount }),
                _ => Err(fields.into_error()),
            }
        }
    }
}

impl FromJson for cosmwasm_std::WasmMsg {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        use cosmwasm_std::WasmMsg;
        const VARIANTS: &[&str] = &[
            "execute",
            "instantiate",
            "instantiate2",
            "migrate",
            "update_admin",
            "clear_admin",
        ];
        let (index, content) = read_variant(value, VARIANTS)?;
        let variant = VARIANTS[index];
        match index {
            0 => {
                let mut fields =
                    struct_variant(content, &["contract_addr", "msg", "funds"], variant)?;
                match (fields.required(0), fields.required(1), fields.required(2)) {
                    (Some(contract_addr), Some(msg), Some(funds)) => Ok(WasmMsg::Execute {
                        contract_addr,
                        msg,
                        funds,
                    }),
                    _ => Err(fields.into_error()),
                }
            }
            1 => {
                let names = &["admin", "code_id", "msg", "funds", "label"];
                let mut fields = struct_variant(content, names, variant)?;
                match (
                    fields.or_default(0),
                    fields.required(1),
                    fields.required(2),
                    fields.required(3),
                    fields.required(4),
                ) {
                    (Some(admin), Some(code_id), Some(msg), Some(funds), Some(label)) => {
                        Ok(WasmMsg::Instantiate {
                            admin,
                            code_id,
                            msg,
                            funds,
                            label,
                        })
                    }
                    _ => Err(fields.into_error()),
                }
            }
            2 => {
                let names = &["admin", "code_id", "label", "msg", "funds", "salt"];
                let mut fields = struct_variant(content, names, variant)?;
                match (
                    fields.or_default(0),
                    fields.required(1),
                    fields.required(2),
                    fields.required(3),
                    fields.required(4),
                    fields.required(5),
                ) {
                    (
                        Some(admin),
                        Some(code_id),
                        Some(label),
                        Some(msg),
                        Some(funds),
                        Some(salt),
                    ) => Ok(WasmMsg::Instantiate2 {
                        admin,
                        code_id,
                        label,
                        msg,
                        funds,
                        salt,
                    }),
                    _ => Err(fields.into_error()),
                }
            }
            3 => {
                let names = &["contract_addr", "new_code_id", "msg"];
                let mut fields = struct_variant(content, names, variant)?;
                match (fields.required(0), fields.required(1), fields.required(2)) {
                    (Some(contract_addr), Some(new_code_id), Some(msg)) => Ok(WasmMsg::Migrate {
                        contract_addr,
                        new_code_id,
                        msg,
                    }),
                    _ => Err(fields.into_error()),
                }
            }
            4 => {
                let mut fields = struct_variant(content, &["contract_addr", "admin"], variant)?;
                match (fields.required(0), fields.required(1)) {
                    (Some(contract_addr), Some(admin)) => Ok(WasmMsg::UpdateAdmin {
                        contract_addr,
                        admin,
                    }),
                    _ => Err(fields.into_error()),
                }
            }
            _ => {
                let mut fields = struct_variant(content, &["contract_addr"], variant)?;
                match fields.required(0) {
                    Some(contract_addr) => Ok(WasmMsg::ClearAdmin { contract_addr }),
                    _ => Err(fields.into_error()),
                }
            }
        }
    }
}

impl FromJson for cosmwasm_std::AnyMsg {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        let mut fields = read_struct(value, &["type_url", "value"], false)?;
        match (fields.required(0), fields.required(1)) {
            (Some(type_url), Some(value)) => Ok(cosmwasm_std::AnyMsg { type_url, value }),
            _ => Err(fields.into_error()),
        }
    }
}

impl FromJson for cosmwasm_std::Coin {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        let mut fields = read_struct(value, &["denom", "amount"], false)?;
        match (fields.required(0), fields.required(1)) {
            (Some(denom), Some(amount)) => Ok(cosmwasm_std::Coin { denom, amount }),
            _ => Err(fields.into_error()),
        }
    }
}

impl FromJson for cosmwasm_std::Empty {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        read_struct(value, &[], false).map(|_| cosmwasm_std::Empty {})
    }
}

// cw20's expiration and logo, by hand (the token and the registry read them).

impl FromJson for cw20::Expiration {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        use cw20::Expiration;
        match read_variant(value, &["at_height", "at_time", "never"])? {
            (0, content) => newtype_variant(content, "at_height").map(Expiration::AtHeight),
            (1, content) => newtype_variant(content, "at_time").map(Expiration::AtTime),
            (_, content) => struct_variant(content, &[], "never").map(|_| Expiration::Never {}),
        }
    }
}

impl FromJson for cw20::Logo {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        match read_variant(value, &["url", "embedded"])? {
            (0, content) => newtype_variant(content, "url").map(cw20::Logo::Url),
            (_, content) => newtype_variant(content, "embedded").map(cw20::Logo::Embedded),
        }
    }
}

impl FromJson for cw20::EmbeddedLogo {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        match read_variant(value, &["svg", "png"])? {
            (0, content) => newtype_variant(content, "svg").map(cw20::EmbeddedLogo::Svg),
            (_, content) => newtype_variant(content, "png").map(cw20::EmbeddedLogo::Png),
        }
    }
}

// The VM's `Env` and `MessageInfo`, read by hand at every entry point (`crate::entry`): through
// serde they cost ~12 KiB of each contract's wasm. Like serde's, they ignore unknown fields.

impl FromJson for cosmwasm_std::Env {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        let mut fields = read_struct(value, &["block", "transaction", "contract"], false)?;
        match (fields.required(0), fields.or_default(1), fields.required(2)) {
            (Some(block), Some(transaction), Some(contract)) => Ok(cosmwasm_std::Env {
                block,
                transaction,
                contract,
            }),
            _ => Err(fields.into_error()),
        }
    }
}

impl FromJson for cosmwasm_std::BlockInfo {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        let mut fields = read_struct(value, &["height", "time", "chain_id"], false)?;
        match (fields.required(0), fields.required(1), fields.required(2)) {
            (Some(height), Some(time), Some(chain_id)) => Ok(cosmwasm_std::BlockInfo {
                height,
                time,
                chain_id,
            }),
            _ => Err(fields.into_error()),
        }
    }
}

impl FromJson for cosmwasm_std::TransactionInfo {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        let mut fields = read_struct(value, &["index"], false)?;
        match fields.required(0) {
            Some(index) => Ok(cosmwasm_std::TransactionInfo { index }),
            None => Err(fields.into_error()),
        }
    }
}

impl FromJson for cosmwasm_std::ContractInfo {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        let mut fields = read_struct(value, &["address"], false)?;
        match fields.required(0) {
            Some(address) => Ok(cosmwasm_std::ContractInfo { address }),
            None => Err(fields.into_error()),
        }
    }
}

impl FromJson for cosmwasm_std::MessageInfo {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        let mut fields = read_struct(value, &["sender", "funds"], false)?;
        match (fields.required(0), fields.required(1)) {
            (Some(sender), Some(funds)) => Ok(cosmwasm_std::MessageInfo { sender, funds }),
            _ => Err(fields.into_error()),
        }
    }
}

// The `reply` entry point's `Reply`, by hand (`crate::entry`): serde's readers of it and of its
// events cost ~18 KiB of each contract with a `reply`. Like serde's, they ignore unknown fields;
// `payload`, `gas_used` and `msg_responses` may be left out, and so may the `Option` `data`.

impl FromJson for cosmwasm_std::Reply {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        let mut fields = read_struct(value, &["id", "payload", "gas_used", "result"], false)?;
        match (
            fields.required(0),
            fields.or_default(1),
            fields.or_default(2),
            fields.required(3),
        ) {
            (Some(id), Some(payload), Some(gas_used), Some(result)) => Ok(cosmwasm_std::Reply {
                id,
                payload,
                gas_used,
                result,
            }),
            _ => Err(fields.into_error()),
        }
    }
}

impl FromJson for cosmwasm_std::SubMsgResult {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        use cosmwasm_std::SubMsgResult;
        match read_variant(value, &["ok", "error"])? {
            (0, content) => newtype_variant(content, "ok").map(SubMsgResult::Ok),
            (_, content) => newtype_variant(content, "error").map(SubMsgResult::Err),
        }
    }
}

impl FromJson for cosmwasm_std::SubMsgResponse {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        let mut fields = read_struct(value, &["events", "data", "msg_responses"], false)?;
        match (
            fields.required(0),
            fields.or_default(1),
            fields.or_default(2),
        ) {
            // `data` is deprecated in favour of `msg_responses`, but the chain still fills it.
            #[allow(deprecated)]
            (Some(events), Some(data), Some(msg_responses)) => Ok(cosmwasm_std::SubMsgResponse {
                events,
                data,
                msg_responses,
            }),
            _ => Err(fields.into_error()),
        }
    }
}

impl FromJson for cosmwasm_std::MsgResponse {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        let mut fields = read_struct(value, &["type_url", "value"], false)?;
        match (fields.required(0), fields.required(1)) {
            (Some(type_url), Some(value)) => Ok(cosmwasm_std::MsgResponse { type_url, value }),
            _ => Err(fields.into_error()),
        }
    }
}

impl FromJson for cosmwasm_std::Event {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        let mut fields = read_struct(value, &["type", "attributes"], false)?;
        match (fields.required::<String>(0), fields.required(1)) {
            (Some(ty), Some(attributes)) => {
                // `Event` is `non_exhaustive`: built by its constructor.
                let mut event = cosmwasm_std::Event::new(ty);
                event.attributes = attributes;
                Ok(event)
            }
            _ => Err(fields.into_error()),
        }
    }
}

impl FromJson for cosmwasm_std::Attribute {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        let mut fields = read_struct(value, &["key", "value"], false)?;
        match (fields.required(0), fields.required(1)) {
            (Some(key), Some(value)) => Ok(cosmwasm_std::Attribute { key, value }),
            _ => Err(fields.into_error()),
        }
    }
}

// The IBC entry points' messages, by hand (`crate::entry`): serde's readers of them cost ~8 KiB
// of the relay. Like serde's, they ignore unknown fields. `IbcTimeout` is read by serde (below):
// its fields are private, and serde reads one with neither a block nor a timestamp, which its
// constructors can't build.

impl FromJson for cosmwasm_std::IbcChannelOpenMsg {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        use cosmwasm_std::IbcChannelOpenMsg;
        match read_variant(value, &["open_init", "open_try"])? {
            (0, content) => {
                let mut fields = struct_variant(content, &["channel"], "open_init")?;
                match fields.required(0) {
                    Some(channel) => Ok(IbcChannelOpenMsg::OpenInit { channel }),
                    None => Err(fields.into_error()),
                }
            }
            (_, content) => {
                let names = &["channel", "counterparty_version"];
                let mut fields = struct_variant(content, names, "open_try")?;
                match (fields.required(0), fields.required(1)) {
                    (Some(channel), Some(counterparty_version)) => Ok(IbcChannelOpenMsg::OpenTry {
                        channel,
                        counterparty_version,
                    }),
                    _ => Err(fields.into_error()),
                }
            }
        }
    }
}

impl FromJson for cosmwasm_std::IbcChannelConnectMsg {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        use cosmwasm_std::IbcChannelConnectMsg;
        match read_variant(value, &["open_ack", "open_confirm"])? {
            (0, content) => {
                let names = &["channel", "counterparty_version"];
                let mut fields = struct_variant(content, names, "open_ack")?;
                match (fields.required(0), fields.required(1)) {
                    (Some(channel), Some(counterparty_version)) => {
                        Ok(IbcChannelConnectMsg::OpenAck {
                            channel,
                            counterparty_version,
                        })
                    }
                    _ => Err(fields.into_error()),
                }
            }
            (_, content) => {
                let mut fields = struct_variant(content, &["channel"], "open_confirm")?;
                match fields.required(0) {
                    Some(channel) => Ok(IbcChannelConnectMsg::OpenConfirm { channel }),
                    None => Err(fields.into_error()),
                }
            }
        }
    }
}

impl FromJson for cosmwasm_std::IbcChannelCloseMsg {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        use cosmwasm_std::IbcChannelCloseMsg;
        const VARIANTS: &[&str] = &["close_init", "close_confirm"];
        let (index, content) = read_variant(value, VARIANTS)?;
        let mut fields = struct_variant(content, &["channel"], VARIANTS[index])?;
        match fields.required(0) {
            Some(channel) if index == 0 => Ok(IbcChannelCloseMsg::CloseInit { channel }),
            Some(channel) => Ok(IbcChannelCloseMsg::CloseConfirm { channel }),
            None => Err(fields.into_error()),
        }
    }
}

impl FromJson for cosmwasm_std::IbcChannel {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        let names = &[
            "endpoint",
            "counterparty_endpoint",
            "order",
            "version",
            "connection_id",
        ];
        let mut fields = read_struct(value, names, false)?;
        match (
            fields.required(0),
            fields.required(1),
            fields.required(2),
            fields.required::<String>(3),
            fields.required::<String>(4),
        ) {
            (Some(endpoint), Some(counterparty), Some(order), Some(version), Some(connection)) => {
                Ok(cosmwasm_std::IbcChannel::new(
                    endpoint,
                    counterparty,
                    order,
                    version,
                    connection,
                ))
            }
            _ => Err(fields.into_error()),
        }
    }
}

impl FromJson for cosmwasm_std::IbcEndpoint {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        let mut fields = read_struct(value, &["port_id", "channel_id"], false)?;
        match (fields.required(0), fields.required(1)) {
            (Some(port_id), Some(channel_id)) => Ok(cosmwasm_std::IbcEndpoint {
                port_id,
                channel_id,
            }),
            _ => Err(fields.into_error()),
        }
    }
}

impl FromJson for cosmwasm_std::IbcOrder {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        const VARIANTS: &[&str] = &["ORDER_UNORDERED", "ORDER_ORDERED"];
        let (index, content) = read_variant(value, VARIANTS)?;
        unit_variant(content, VARIANTS[index])?;
        Ok(match index {
            0 => cosmwasm_std::IbcOrder::Unordered,
            _ => cosmwasm_std::IbcOrder::Ordered,
        })
    }
}

impl FromJson for cosmwasm_std::IbcPacket {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        let names = &["data", "src", "dest", "sequence", "timeout"];
        let mut fields = read_struct(value, names, false)?;
        match (
            fields.required::<Binary>(0),
            fields.required(1),
            fields.required(2),
            fields.required(3),
            fields.required(4),
        ) {
            (Some(data), Some(src), Some(dest), Some(sequence), Some(timeout)) => Ok(
                cosmwasm_std::IbcPacket::new(data, src, dest, sequence, timeout),
            ),
            _ => Err(fields.into_error()),
        }
    }
}

impl FromJson for cosmwasm_std::IbcPacketReceiveMsg {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        let mut fields = read_struct(value, &["packet", "relayer"], false)?;
        match (fields.required(0), fields.required(1)) {
            (Some(packet), Some(relayer)) => {
                Ok(cosmwasm_std::IbcPacketReceiveMsg::new(packet, relayer))
            }
            _ => Err(fields.into_error()),
        }
    }
}

impl FromJson for cosmwasm_std::IbcPacketAckMsg {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        let names = &["acknowledgement", "original_packet", "relayer"];
        let mut fields = read_struct(value, names, false)?;
        match (fields.required(0), fields.required(1), fields.required(2)) {
            (Some(acknowledgement), Some(packet), Some(relayer)) => Ok(
                cosmwasm_std::IbcPacketAckMsg::new(acknowledgement, packet, relayer),
            ),
            _ => Err(fields.into_error()),
        }
    }
}

impl FromJson for cosmwasm_std::IbcAcknowledgement {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        let mut fields = read_struct(value, &["data"], false)?;
        match fields.required::<Binary>(0) {
            Some(data) => Ok(cosmwasm_std::IbcAcknowledgement::new(data)),
            None => Err(fields.into_error()),
        }
    }
}

impl FromJson for cosmwasm_std::IbcPacketTimeoutMsg {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        let mut fields = read_struct(value, &["packet", "relayer"], false)?;
        match (fields.required(0), fields.required(1)) {
            (Some(packet), Some(relayer)) => {
                Ok(cosmwasm_std::IbcPacketTimeoutMsg::new(packet, relayer))
            }
            _ => Err(fields.into_error()),
        }
    }
}

/// A `FromJson` type that isn't ours, read through `Deserialize` (e.g. with `cosmwasm_std::from_json`).
pub struct Lean<T>(pub T);

impl<'de, T: FromJson> Deserialize<'de> for Lean<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize(deserializer).map(Lean)
    }
}

/// Types from other crates with serde's own `Deserialize`, read from the `Value` through it. Each
/// costs its serde visitors once, as it did when read straight from the JSON.
macro_rules! from_json_by_serde {
    ($($ty:ty),* $(,)?) => {$(
        impl FromJson for $ty {
            fn from_json(value: Value) -> Result<Self, JsonError> {
                <$ty>::deserialize(value)
            }
        }
    )*};
}

from_json_by_serde!(cosmwasm_std::IbcTimeout, cw20::MarketingInfoResponse,);

// `Value` as a serde `Deserializer`, for the types above.

impl<'de> Deserializer<'de> for Value<'de> {
    type Error = JsonError;

    fn deserialize_any<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
        match self {
            Value::Null => visitor.visit_unit(),
            Value::Bool(value) => visitor.visit_bool(value),
            Value::Unsigned(value) => visitor.visit_u64(value),
            Value::Signed(value) => visitor.visit_i64(value),
            Value::String(Cow::Borrowed(text)) => visitor.visit_borrowed_str(text),
            Value::String(Cow::Owned(text)) => visitor.visit_string(text),
            Value::Array(items) => {
                let count = items.len();
                let mut seq = SeqReader(items.into_iter());
                let value = visitor.visit_seq(&mut seq)?;
                match seq.0.len() {
                    0 => Ok(value),
                    _ => Err(JsonError::invalid_length(count, &"fewer elements")),
                }
            }
            Value::Object(members) => visitor.visit_map(MapReader {
                members: members.into_iter(),
                value: None,
            }),
        }
    }

    fn deserialize_option<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
        match self {
            Value::Null => visitor.visit_none(),
            value => visitor.visit_some(value),
        }
    }

    fn deserialize_newtype_struct<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, JsonError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, JsonError> {
        let (name, content) = match self {
            Value::String(name) => (name, None),
            Value::Object(mut members) if members.len() == 1 => match members.pop() {
                Some((name, content)) => (name, Some(content)),
                None => return Err(JsonError::custom("an enum needs a variant")),
            },
            other => return Err(invalid_type(&other, "an enum variant")),
        };
        visitor.visit_enum(EnumReader { name, content })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

struct SeqReader<'de>(std::vec::IntoIter<Value<'de>>);

impl<'de> de::SeqAccess<'de> for SeqReader<'de> {
    type Error = JsonError;

    fn next_element_seed<T: de::DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, JsonError> {
        self.0.next().map(|item| seed.deserialize(item)).transpose()
    }
}

struct MapReader<'de> {
    members: std::vec::IntoIter<(Cow<'de, str>, Value<'de>)>,
    value: Option<Value<'de>>,
}

impl<'de> de::MapAccess<'de> for MapReader<'de> {
    type Error = JsonError;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, JsonError> {
        match self.members.next() {
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(Value::String(key)).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, JsonError> {
        match self.value.take() {
            Some(value) => seed.deserialize(value),
            None => Err(JsonError::custom("a map value was read before its key")),
        }
    }
}

struct EnumReader<'de> {
    name: Cow<'de, str>,
    content: Option<Value<'de>>,
}

impl<'de> de::EnumAccess<'de> for EnumReader<'de> {
    type Error = JsonError;
    type Variant = VariantReader<'de>;

    fn variant_seed<V: de::DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, VariantReader<'de>), JsonError> {
        let variant = seed.deserialize(Value::String(self.name))?;
        Ok((variant, VariantReader(self.content)))
    }
}

struct VariantReader<'de>(Option<Value<'de>>);

impl<'de> de::VariantAccess<'de> for VariantReader<'de> {
    type Error = JsonError;

    fn unit_variant(self) -> Result<(), JsonError> {
        match self.0 {
            None => Ok(()),
            Some(other) => Err(invalid_type(&other, "a unit variant")),
        }
    }

    fn newtype_variant_seed<T: de::DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<T::Value, JsonError> {
        match self.0 {
            Some(value) => seed.deserialize(value),
            None => Err(JsonError::invalid_type(
                Unexpected::UnitVariant,
                &"newtype variant",
            )),
        }
    }

    fn tuple_variant<V: de::Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, JsonError> {
        match self.0 {
            Some(value @ Value::Array(_)) => value.deserialize_any(visitor),
            Some(other) => Err(invalid_type(&other, "tuple variant")),
            None => Err(JsonError::invalid_type(
                Unexpected::UnitVariant,
                &"tuple variant",
            )),
        }
    }

    fn struct_variant<V: de::Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, JsonError> {
        match self.0 {
            Some(value) => value.deserialize_any(visitor),
            None => Err(JsonError::invalid_type(
                Unexpected::UnitVariant,
                &"struct variant",
            )),
        }
    }
}
