//! The lean JSON writer behind `#[dac_serde]` (the `LeanSerialize` derive of `dac-derive`).
//!
//! Why: serde's derived `Serialize` is compiled again for `serde_json_wasm`'s serializer for every
//! type a contract writes (its query answers, the messages it sends): tens of KiB of wasm. Here a
//! type writes itself by plain derived code ([`ToJson`]) through a few shared, non-generic
//! functions (a key, a string, a number).
//!
//! It writes exactly what `cosmwasm_std::to_json_vec` (serde's derive and `serde_json_wasm`)
//! writes for the same value: compact, fields in declaration order, `skip_serializing_if`
//! honoured, `None` as `null`, enums externally tagged (a unit variant as a string), numbers as
//! cosmwasm-std writes them (`Uint128` etc. as decimal text), strings escaped as `serde_json_wasm`
//! escapes them (`"`, `\` and the control characters; everything else as UTF-8). The tests below,
//! and each contract's, compare the two byte for byte.
//!
//! The entry points' answer and the messages in it are written here too (`response`); a type
//! that is rarely written and large (`IbcMsg`) is written by serde ([`by_serde`]).

mod response;

use cosmwasm_std::{
    Addr, Binary, Coin, Decimal, Decimal256, Empty, HexBinary, StdResult, Timestamp, Uint128,
    Uint256, Uint64,
};

/// A value written as JSON, byte for byte as `cosmwasm_std::to_json_vec` writes it.
pub trait ToJson {
    fn write_json(&self, out: &mut Vec<u8>);
}

/// The value as JSON.
pub fn to_json_vec<T: ToJson>(value: &T) -> Vec<u8> {
    written(value)
}

/// The value as JSON, in the shape of `cosmwasm_std::to_json_binary` (which it replaces; it
/// can't fail).
pub fn to_json_binary<T: ToJson>(value: &T) -> StdResult<Binary> {
    Ok(Binary::new(written(value)))
}

/// One copy for every type (the callers above are inlined where they are called).
#[inline(never)]
fn written(value: &dyn ToJson) -> Vec<u8> {
    let mut out = Vec::new();
    value.write_json(&mut out);
    out
}

/// For tests: panics unless the lean writer's bytes for `value` are serde's
/// (`cosmwasm_std::to_json_vec`), byte for byte.
#[track_caller]
pub fn assert_written_as_serde_writes<T: ToJson + serde::Serialize>(value: &T) {
    let ours = to_json_vec(value);
    let serde = cosmwasm_std::to_json_vec(value).expect("serializable as JSON");
    assert!(
        ours == serde,
        "the lean writer wrote\n{}\nserde writes\n{}",
        String::from_utf8_lossy(&ours),
        String::from_utf8_lossy(&serde)
    );
}

/// For tests: reads a contract's answer, and panics unless serde writes the value read back to
/// the same bytes (the answer was written by the lean writer, so this compares it with serde's
/// on every answer a test reads).
#[track_caller]
pub fn read_as_serde_writes<T: serde::de::DeserializeOwned + serde::Serialize>(bytes: &[u8]) -> T {
    let value: T = cosmwasm_std::from_json(bytes).expect("an answer of this type");
    let serde = cosmwasm_std::to_json_vec(&value).expect("serializable as JSON");
    assert!(
        bytes == serde.as_slice(),
        "the contract wrote\n{}\nserde writes\n{}",
        String::from_utf8_lossy(bytes),
        String::from_utf8_lossy(&serde)
    );
    value
}

/// Bytes as they are (a key, a brace): one call site per use instead of an inlined copy.
#[inline(never)]
pub fn raw(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(bytes);
}

/// One byte (a bracket, a comma): a call instead of an inlined `Vec::push`.
#[inline(never)]
pub fn byte(out: &mut Vec<u8>, byte: u8) {
    out.push(byte);
}

/// Closes an object whose fields were written from `start` on, each as `,"key":value`: the
/// first comma becomes the opening brace (`{}` when every field was skipped).
#[inline(never)]
pub fn end_object(out: &mut Vec<u8>, start: usize) {
    if out.len() == start {
        out.extend_from_slice(b"{}");
    } else {
        out[start] = b'{';
        out.push(b'}');
    }
}

/// A JSON string, escaped as `serde_json_wasm` escapes it.
#[inline(never)]
pub fn write_str(out: &mut Vec<u8>, text: &str) {
    out.reserve(text.len() + 2);
    out.push(b'"');
    for &byte in text.as_bytes() {
        let escaped: &[u8] = match byte {
            b'\\' => b"\\\\",
            b'"' => b"\\\"",
            0x08 => b"\\b",
            b'\t' => b"\\t",
            b'\n' => b"\\n",
            0x0c => b"\\f",
            b'\r' => b"\\r",
            0..=0x1f => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(byte >> 4)]);
                out.push(HEX[usize::from(byte & 0xf)]);
                continue;
            }
            // UTF-8's multi-byte sequences have no byte below 0x80: they are copied as they are.
            _ => {
                out.push(byte);
                continue;
            }
        };
        out.extend_from_slice(escaped);
    }
    out.push(b'"');
}

/// An unsigned number in decimal.
#[inline(never)]
pub fn write_u128(out: &mut Vec<u8>, mut value: u128) {
    let mut digits = [0u8; 39];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// An unsigned number that fits 64 bits, in decimal (without the 128-bit division).
#[inline(never)]
pub fn write_u64(out: &mut Vec<u8>, mut value: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// A signed number in decimal.
#[inline(never)]
pub fn write_i64(out: &mut Vec<u8>, value: i64) {
    if value < 0 {
        out.push(b'-');
    }
    write_u64(out, value.unsigned_abs());
}

/// Text between quotes that needs no escaping (a number's decimal form).
fn quoted(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    out.extend_from_slice(text.as_bytes());
    out.push(b'"');
}

/// Written by serde's writer, for a type whose lean writer would cost more than it saves (see
/// the module's documentation). Same bytes by construction.
pub fn by_serde<T: serde::Serialize + ?Sized>(value: &T, out: &mut Vec<u8>) {
    // serde_json_wasm fails only on maps with non-string keys and on floats, which no type
    // written this way holds.
    out.extend_from_slice(&cosmwasm_std::to_json_vec(value).expect("serializable as JSON"));
}

macro_rules! unsigned {
    ($($ty:ty),*) => {$(
        impl ToJson for $ty {
            fn write_json(&self, out: &mut Vec<u8>) {
                write_u64(out, u64::from(*self));
            }
        }
    )*};
}
unsigned!(u8, u16, u32, u64);

macro_rules! signed {
    ($($ty:ty),*) => {$(
        impl ToJson for $ty {
            fn write_json(&self, out: &mut Vec<u8>) {
                write_i64(out, i64::from(*self));
            }
        }
    )*};
}
signed!(i8, i16, i32, i64);

impl ToJson for u128 {
    fn write_json(&self, out: &mut Vec<u8>) {
        write_u128(out, *self);
    }
}

impl ToJson for bool {
    fn write_json(&self, out: &mut Vec<u8>) {
        raw(out, if *self { b"true" } else { b"false" });
    }
}

impl ToJson for str {
    fn write_json(&self, out: &mut Vec<u8>) {
        write_str(out, self);
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut Vec<u8>) {
        write_str(out, self);
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write_json(&self, out: &mut Vec<u8>) {
        (**self).write_json(out);
    }
}

impl<T: ToJson + ?Sized> ToJson for Box<T> {
    fn write_json(&self, out: &mut Vec<u8>) {
        (**self).write_json(out);
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, out: &mut Vec<u8>) {
        match self {
            Some(value) => value.write_json(out),
            None => raw(out, b"null"),
        }
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, out: &mut Vec<u8>) {
        let mut separator = b'[';
        for item in self {
            byte(out, separator);
            separator = b',';
            item.write_json(out);
        }
        if separator == b'[' {
            raw(out, b"[]");
        } else {
            byte(out, b']');
        }
    }
}

impl<T: ToJson, const N: usize> ToJson for [T; N] {
    fn write_json(&self, out: &mut Vec<u8>) {
        self.as_slice().write_json(out);
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut Vec<u8>) {
        self.as_slice().write_json(out);
    }
}

/// Tuples are sequences, as in serde.
impl<A: ToJson, B: ToJson> ToJson for (A, B) {
    fn write_json(&self, out: &mut Vec<u8>) {
        out.push(b'[');
        self.0.write_json(out);
        out.push(b',');
        self.1.write_json(out);
        out.push(b']');
    }
}

impl ToJson for Addr {
    fn write_json(&self, out: &mut Vec<u8>) {
        write_str(out, self.as_str());
    }
}

impl ToJson for Uint128 {
    fn write_json(&self, out: &mut Vec<u8>) {
        out.push(b'"');
        write_u128(out, self.u128());
        out.push(b'"');
    }
}

impl ToJson for Uint64 {
    fn write_json(&self, out: &mut Vec<u8>) {
        out.push(b'"');
        write_u64(out, self.u64());
        out.push(b'"');
    }
}

/// As its nanoseconds' `Uint64`.
impl ToJson for Timestamp {
    fn write_json(&self, out: &mut Vec<u8>) {
        out.push(b'"');
        write_u64(out, self.nanos());
        out.push(b'"');
    }
}

impl ToJson for Uint256 {
    fn write_json(&self, out: &mut Vec<u8>) {
        quoted(out, &self.to_string());
    }
}

impl ToJson for Decimal {
    fn write_json(&self, out: &mut Vec<u8>) {
        quoted(out, &self.to_string());
    }
}

impl ToJson for Decimal256 {
    fn write_json(&self, out: &mut Vec<u8>) {
        quoted(out, &self.to_string());
    }
}

/// Lower-case hex.
impl ToJson for HexBinary {
    fn write_json(&self, out: &mut Vec<u8>) {
        quoted(out, &self.to_hex());
    }
}

/// Standard base64 with padding.
impl ToJson for Binary {
    fn write_json(&self, out: &mut Vec<u8>) {
        quoted(out, &self.to_base64());
    }
}

impl ToJson for Coin {
    fn write_json(&self, out: &mut Vec<u8>) {
        let start = out.len();
        raw(out, b",\"denom\":");
        write_str(out, &self.denom);
        raw(out, b",\"amount\":");
        self.amount.write_json(out);
        end_object(out, start);
    }
}

impl ToJson for Empty {
    fn write_json(&self, out: &mut Vec<u8>) {
        raw(out, b"{}");
    }
}

/// Writes `{"key":value,...}` for foreign structs (cw20's, cw4's) whose fields serde writes as
/// they are, in this order.
macro_rules! plain_struct {
    ($($ty:path { $($field:ident),* })*) => {$(
        impl ToJson for $ty {
            fn write_json(&self, out: &mut Vec<u8>) {
                let start = out.len();
                $(
                    raw(out, concat!(",\"", stringify!($field), "\":").as_bytes());
                    self.$field.write_json(out);
                )*
                end_object(out, start);
            }
        }
    )*};
}

plain_struct! {
    crate::admin::AdminState { admin, pending }
    cw20::Cw20Coin { address, amount }
    cw20::Cw20ReceiveMsg { sender, amount, msg }
    cw4::Member { addr, weight }
    cw4::MemberListResponse { members }
    cw4::MemberResponse { weight }
    cw4::TotalWeightResponse { weight }
}

/// A newtype variant: `{"tag":value}`.
pub(crate) fn tagged(out: &mut Vec<u8>, open: &[u8], value: &dyn ToJson) {
    raw(out, open);
    value.write_json(out);
    byte(out, b'}');
}

impl ToJson for cw20::Expiration {
    fn write_json(&self, out: &mut Vec<u8>) {
        match self {
            cw20::Expiration::AtHeight(height) => tagged(out, b"{\"at_height\":", height),
            cw20::Expiration::AtTime(time) => tagged(out, b"{\"at_time\":", time),
            cw20::Expiration::Never {} => raw(out, b"{\"never\":{}}"),
        }
    }
}

impl ToJson for cw20::Logo {
    fn write_json(&self, out: &mut Vec<u8>) {
        match self {
            cw20::Logo::Url(url) => tagged(out, b"{\"url\":", url),
            cw20::Logo::Embedded(embedded) => tagged(out, b"{\"embedded\":", embedded),
        }
    }
}

impl ToJson for cw20::EmbeddedLogo {
    fn write_json(&self, out: &mut Vec<u8>) {
        match self {
            cw20::EmbeddedLogo::Svg(svg) => tagged(out, b"{\"svg\":", svg),
            cw20::EmbeddedLogo::Png(png) => tagged(out, b"{\"png\":", png),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::assert_written_as_serde_writes as same;

    #[test]
    fn primitives_are_written_as_serde_writes_them() {
        for n in [0u64, 1, 9, 10, 99, 100, 12345, u64::MAX] {
            same(&n);
            same(&Uint64::new(n));
            same(&Timestamp::from_nanos(n));
        }
        for n in [0u128, 7, 10u128.pow(20), u128::MAX] {
            same(&n);
            same(&Uint128::new(n));
            same(&Uint256::from(n));
        }
        same(&Uint256::MAX);
        for n in [0i64, -1, 1, i64::MIN, i64::MAX] {
            same(&n);
        }
        same(&i8::MIN);
        same(&u8::MAX);
        same(&u16::MAX);
        same(&(u32::MAX, i32::MIN));
        same(&true);
        same(&false);
        for d in ["0", "1", "0.5", "1.000000000000000001", "123456.789"] {
            same(&d.parse::<Decimal>().unwrap());
            same(&d.parse::<Decimal256>().unwrap());
        }
        same(&Decimal::MAX);
        for bytes in [&b""[..], b"a", b"ab", b"abc", b"\x00\xff\xfe"] {
            same(&Binary::from(bytes));
            same(&HexBinary::from(bytes));
        }
        same(&Addr::unchecked("cosmwasm1abc"));
        same(&Coin::new(5u128, "ucredit"));
        same(&Empty {});
        same(&Some(3u8));
        same(&None::<u8>);
        same(&Vec::<u8>::new());
        same(&vec![Some(1u32), None]);
        same(&Box::new(vec![vec!["a".to_string()], vec![]]));
    }

    #[test]
    fn strings_are_escaped_as_serde_escapes_them() {
        let mut every_ascii: String = (0u8..0x80).map(char::from).collect();
        every_ascii.push_str("é – ∑ 😀 \u{7f} \u{80} \u{2028} \u{feff} \u{10ffff}");
        same(&every_ascii);
        for text in ["", "\"", "\\", "\\\"", "a\"b\\c\n", "\u{0}\u{1f}", "/"] {
            same(&text);
        }
    }

    #[test]
    fn cw20_and_cw4_types_are_written_as_theirs() {
        let binary = Binary::from(b"<svg/>\x00");
        same(&cw20::Cw20Coin {
            address: "a\"".into(),
            amount: Uint128::new(5),
        });
        same(&cw20::Cw20ReceiveMsg {
            sender: "s".into(),
            amount: Uint128::MAX,
            msg: binary.clone(),
        });
        same(&[
            cw20::Expiration::AtHeight(7),
            cw20::Expiration::AtTime(Timestamp::from_seconds(9)),
            cw20::Expiration::Never {},
        ]);
        same(&[
            cw20::Logo::Url("https://x/é".into()),
            cw20::Logo::Embedded(cw20::EmbeddedLogo::Svg(binary.clone())),
            cw20::Logo::Embedded(cw20::EmbeddedLogo::Png(binary)),
        ]);
        let member = cw4::Member {
            addr: "m".into(),
            weight: 3,
        };
        same(&cw4::MemberListResponse {
            members: vec![member.clone(), member],
        });
        same(&cw4::MemberListResponse { members: vec![] });
        same(&cw4::MemberResponse { weight: Some(1) });
        same(&cw4::MemberResponse { weight: None });
        same(&cw4::TotalWeightResponse { weight: u64::MAX });
    }

    fn seven() -> u32 {
        7
    }

    /// Every shape and attribute `#[dac_serde]` accepts.
    #[crate::dac_serde]
    enum Shapes {
        Config {},
        Plain,
        NoWithVeto,
        List {
            start_after: Option<String>,
            limit: Option<u32>,
        },
        Wrapped(Fields),
        Units(Vec<Shapes>),
        Nested {
            inner: Box<Shapes>,
            #[serde(skip_serializing_if = "Option::is_none")]
            maybe: Option<Box<Shapes>>,
        },
    }

    #[crate::dac_serde]
    #[serde(deny_unknown_fields)]
    struct Fields {
        #[serde(skip_serializing_if = "Option::is_none")]
        first: Option<String>,
        #[serde(default)]
        tags: Vec<String>,
        #[serde(default = "seven")]
        seven: u32,
        #[serde(with = "crate::compact")]
        amount: Uint128,
        #[serde(with = "crate::compact")]
        at: Timestamp,
        #[serde(with = "crate::compact")]
        big: Uint256,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        last: Vec<Addr>,
    }

    #[crate::dac_serde]
    struct Nothing {}

    fn fields(first: Option<&str>, last: Vec<Addr>) -> Fields {
        Fields {
            first: first.map(str::to_string),
            tags: vec!["a\\b".into(), "\u{1}\"\u{e9}".into()],
            seven: 0,
            amount: Uint128::MAX,
            at: Timestamp::from_nanos(1_700_000_000_000_000_001),
            big: Uint256::MAX,
            last,
        }
    }

    #[test]
    fn derived_types_are_written_as_serde_writes_them() {
        same(&Nothing {});
        let skipped = fields(None, vec![]);
        same(&skipped);
        // The first field skipped and the last not: the commas are still right.
        same(&fields(Some("first \n"), vec![Addr::unchecked("x")]));
        same(&fields(
            None,
            vec![Addr::unchecked("x"), Addr::unchecked("y")],
        ));
        let shapes = vec![
            Shapes::Config {},
            Shapes::Plain,
            Shapes::NoWithVeto,
            Shapes::List {
                start_after: None,
                limit: None,
            },
            Shapes::List {
                start_after: Some("\u{2028}".into()),
                limit: Some(u32::MAX),
            },
            Shapes::Wrapped(skipped),
            Shapes::Units(vec![]),
            Shapes::Units(vec![Shapes::Plain, Shapes::Config {}]),
            Shapes::Nested {
                inner: Box::new(Shapes::Plain),
                maybe: None,
            },
            Shapes::Nested {
                inner: Box::new(Shapes::Units(vec![Shapes::NoWithVeto])),
                maybe: Some(Box::new(Shapes::Nested {
                    inner: Box::new(Shapes::Wrapped(fields(Some(""), vec![]))),
                    maybe: None,
                })),
            },
        ];
        for shape in &shapes {
            same(shape);
        }
        same(&shapes);
    }

    proptest::proptest! {
        #[test]
        fn any_string_is_written_as_serde_writes_it(text in "\\PC*|[\\x00-\\x7f]*") {
            same(&text);
        }

        #[test]
        fn any_fields_are_written_as_serde_writes_them(
            first in proptest::option::of("\\PC{0,8}"),
            tags in proptest::collection::vec("[\\x00-\\x7f]{0,4}", 0..3),
            seven: u32,
            amount: u128,
            at: u64,
            last in proptest::collection::vec("\\PC{0,4}", 0..3),
        ) {
            let value = Fields {
                first,
                tags,
                seven,
                amount: Uint128::new(amount),
                at: Timestamp::from_nanos(at),
                big: Uint256::from(amount) * Uint256::from(amount),
                last: last.into_iter().map(Addr::unchecked).collect(),
            };
            same(&Shapes::Nested {
                inner: Box::new(Shapes::Wrapped(value)),
                maybe: Some(Box::new(Shapes::Plain)),
            });
        }

        #[test]
        fn any_number_is_written_as_serde_writes_it(a: u64, b: i64, c: u128, d: u32) {
            same(&a);
            same(&b);
            same(&c);
            same(&Uint128::new(c));
            same(&Timestamp::from_nanos(a));
            same(&Decimal::raw(c));
            same(&(d, Some(a)));
        }
    }
}
