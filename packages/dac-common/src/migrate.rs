//! Upgrades: what `migrate` checks before it converts anything, and the stored state version.
//!
//! Two versions are stored. cw2's `contract_info` holds the crate version (what the code is); the
//! state version, under `state_version`, numbers the stored layout (what the data is), so a
//! release that changes no layout converts nothing. It is a key of its own rather than a field in
//! cw2's record because that record is cw2's: `set_contract_version` rewrites it whole (a field
//! of ours would be lost at every release), and explorers read it as cw2 defines it.
//!
//! A contract that stores no state version holds the layout of the first release (v0.1.0): it
//! is layout 1. Each contract lists the layouts it can convert from; anything else is refused
//! before one byte changes.

use std::cmp::Ordering;

use cosmwasm_std::{from_json, StdError, StdResult, Storage};
use cw2::ContractVersion;
use cw_storage_plus::Item;
use thiserror::Error;

use crate::de::Lean;

/// The layout number of the stored data.
pub const STATE_VERSION: Item<u16> = Item::new("state_version");

/// The layout of a contract stored by the first release, which wrote no state version.
pub const FIRST_RELEASE_LAYOUT: u16 = 1;

#[derive(Error, Debug, PartialEq)]
pub enum MigrateError {
    #[error("{0}")]
    Std(#[from] StdError),

    #[error("cannot migrate contract {stored} to {expected}: store the code of {stored}")]
    WrongContract { stored: String, expected: String },

    #[error("cannot migrate from version {stored} down to {new}: downgrades are refused")]
    Downgrade { stored: String, new: String },

    #[error("stored layout {stored} is newer than this code's layout {current}: migrate to a release that knows it")]
    NewerLayout { stored: u16, current: u16 },

    #[error("stored layout {stored} is unknown to this code (it converts layouts {oldest} to {current}): migrate through an older release first")]
    UnknownLayout {
        stored: u16,
        oldest: u16,
        current: u16,
    },

    #[error("invalid semantic version {0}")]
    BadVersion(String),
}

/// The code's side of a migration: its cw2 name and version, its layout, the oldest layout its
/// conversions start from.
pub struct Release<'a> {
    pub contract: &'a str,
    pub version: &'a str,
    pub layout: u16,
    pub oldest_layout: u16,
}

/// What a migration started from, for its attributes and its conversions.
#[derive(Debug, PartialEq)]
pub struct Stored {
    pub version: String,
    pub layout: u16,
}

/// What cw-storage-plus says when cw2's `contract_info` holds nothing (its type and key).
const NO_CONTRACT_VERSION: &str =
    "type: cw2::ContractVersion; key: [63, 6F, 6E, 74, 72, 61, 63, 74, 5F, 69, 6E, 66, 6F]";

/// `cw2::get_contract_version`, with its error when nothing is stored, through the lean reader:
/// serde's reader of `ContractVersion` is ~5 KiB of every contract's wasm.
fn stored_contract_version(storage: &dyn Storage) -> StdResult<ContractVersion> {
    let bytes = storage
        .get(cw2::CONTRACT.as_slice())
        .ok_or_else(|| StdError::not_found(NO_CONTRACT_VERSION))?;
    Ok(from_json::<Lean<ContractVersion>>(bytes)?.0)
}

/// A SemVer 2.0 version as `semver::Version::parse` accepts it, borrowed from its text. Ordered
/// as `semver::Version` orders (the tests compare both on many versions): the semver crate's
/// parser and ordering are ~4 KiB of every contract's wasm, for one comparison in `migrate`.
#[derive(Debug, PartialEq, Eq)]
struct SemVer<'a> {
    major: u64,
    minor: u64,
    patch: u64,
    pre: &'a str,
    build: &'a str,
}

fn parse(version: &str) -> Result<SemVer<'_>, MigrateError> {
    parse_semver(version).ok_or_else(|| MigrateError::BadVersion(version.to_string()))
}

fn parse_semver(text: &str) -> Option<SemVer<'_>> {
    // Byte loops rather than `str` splitting: this is in every contract's wasm.
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut numbers = [0u64; 3];
    for (index, number) in numbers.iter_mut().enumerate() {
        if index > 0 {
            if bytes.get(at) != Some(&b'.') {
                return None;
            }
            at += 1;
        }
        // Digits without a leading zero, within `u64`.
        let start = at;
        while let Some(digit @ b'0'..=b'9') = bytes.get(at) {
            *number = number
                .checked_mul(10)?
                .checked_add(u64::from(digit - b'0'))?;
            at += 1;
        }
        if at == start || (at - start > 1 && bytes[start] == b'0') {
            return None;
        }
    }
    // `-pre`, then `+build`, each optional; neither may hold a `+`.
    let rest = &text[at..];
    let (pre, build) = match rest.as_bytes().first() {
        None => ("", None),
        Some(b'-') => match rest.bytes().position(|c| c == b'+') {
            Some(plus) => (&rest[1..plus], Some(&rest[plus + 1..])),
            None => (&rest[1..], None),
        },
        Some(b'+') => ("", Some(&rest[1..])),
        Some(_) => return None,
    };
    if (rest.starts_with('-') && !identifiers(pre.as_bytes(), true))
        || build.is_some_and(|build| !identifiers(build.as_bytes(), false))
    {
        return None;
    }
    Some(SemVer {
        major: numbers[0],
        minor: numbers[1],
        patch: numbers[2],
        pre,
        build: build.unwrap_or(""),
    })
}

fn is_number(identifier: &[u8]) -> bool {
    identifier.iter().all(u8::is_ascii_digit)
}

/// The first dot-separated identifier of `list`, and the rest after its dot if there is one.
fn split_dot(list: &[u8]) -> (&[u8], Option<&[u8]>) {
    match list.iter().position(|&c| c == b'.') {
        Some(dot) => (&list[..dot], Some(&list[dot + 1..])),
        None => (list, None),
    }
}

/// Dot-separated identifiers of ASCII letters, digits and `-`, none empty; a pre-release's
/// numbers have no leading zero.
fn identifiers(mut list: &[u8], pre_release: bool) -> bool {
    loop {
        let (identifier, rest) = split_dot(list);
        if identifier.is_empty()
            || !identifier
                .iter()
                .all(|&c| c.is_ascii_alphanumeric() || c == b'-')
            || (pre_release
                && identifier.len() > 1
                && identifier[0] == b'0'
                && is_number(identifier))
        {
            return false;
        }
        match rest {
            Some(rest) => list = rest,
            None => return true,
        }
    }
}

fn without_leading_zeros(number: &[u8]) -> &[u8] {
    let zeros = number.iter().take_while(|&&c| c == b'0').count();
    &number[zeros..]
}

/// SemVer precedence of two dot-separated lists: numbers by value, below words; words in ASCII
/// order; a list above its own prefix. Build metadata's numbers may have leading zeros, which
/// the semver crate orders after the same value without (0 < 00 < 1 < 01).
fn cmp_identifiers(mut a: &[u8], mut b: &[u8]) -> Ordering {
    loop {
        let (a_identifier, a_rest) = split_dot(a);
        let (b_identifier, b_rest) = split_dot(b);
        let ordering = match (is_number(a_identifier), is_number(b_identifier)) {
            (true, true) => {
                let a_value = without_leading_zeros(a_identifier);
                let b_value = without_leading_zeros(b_identifier);
                a_value
                    .len()
                    .cmp(&b_value.len())
                    .then_with(|| a_value.cmp(b_value))
                    .then_with(|| a_identifier.len().cmp(&b_identifier.len()))
            }
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
            (false, false) => a_identifier.cmp(b_identifier),
        };
        if ordering != Ordering::Equal {
            return ordering;
        }
        match (a_rest, b_rest) {
            (Some(a_rest), Some(b_rest)) => (a, b) = (a_rest, b_rest),
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
        }
    }
}

impl Ord for SemVer<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.major, self.minor, self.patch)
            .cmp(&(other.major, other.minor, other.patch))
            .then_with(|| match (self.pre.is_empty(), other.pre.is_empty()) {
                (true, true) => Ordering::Equal,
                // A release is above its pre-releases.
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                (false, false) => cmp_identifiers(self.pre.as_bytes(), other.pre.as_bytes()),
            })
            // The semver crate orders build metadata too (an empty one first).
            .then_with(|| cmp_identifiers(self.build.as_bytes(), other.build.as_bytes()))
    }
}

impl PartialOrd for SemVer<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Release<'_> {
    /// Reads and checks what is stored; writes nothing. Refuses another contract's data, a
    /// downgrade of the crate version, a layout newer than the code's and one older than its
    /// oldest conversion. The same version passes (a configuration-only migration).
    pub fn check(&self, storage: &dyn Storage) -> Result<Stored, MigrateError> {
        let stored = stored_contract_version(storage)?;
        if stored.contract != self.contract {
            return Err(MigrateError::WrongContract {
                stored: stored.contract,
                expected: self.contract.to_string(),
            });
        }
        if parse(&stored.version)? > parse(self.version)? {
            return Err(MigrateError::Downgrade {
                stored: stored.version,
                new: self.version.to_string(),
            });
        }
        let layout = STATE_VERSION
            .may_load(storage)?
            .unwrap_or(FIRST_RELEASE_LAYOUT);
        if layout > self.layout {
            return Err(MigrateError::NewerLayout {
                stored: layout,
                current: self.layout,
            });
        }
        if layout < self.oldest_layout {
            return Err(MigrateError::UnknownLayout {
                stored: layout,
                oldest: self.oldest_layout,
                current: self.layout,
            });
        }
        Ok(Stored {
            version: stored.version,
            layout,
        })
    }

    /// Records the code's version and layout: at instantiation, and after the conversions.
    pub fn record(&self, storage: &mut dyn Storage) -> Result<(), StdError> {
        cw2::set_contract_version(storage, self.contract, self.version)?;
        STATE_VERSION.save(storage, &self.layout)
    }
}

/// The attributes every migration reports, the same in every contract.
pub mod attr {
    pub const MIGRATE: &str = "migrate";
    pub const FROM_VERSION: &str = "from_version";
    pub const TO_VERSION: &str = "to_version";
    pub const FROM_LAYOUT: &str = "from_state_version";
    pub const TO_LAYOUT: &str = "to_state_version";
    /// What was converted, comma-separated, or `none`.
    pub const CONVERTED: &str = "converted";
    pub const NONE: &str = "none";
}

/// `action=migrate, from_version, to_version, from_state_version, to_state_version, converted`.
pub fn migrate_attributes(
    release: &Release,
    stored: &Stored,
    converted: &[&str],
) -> Vec<cosmwasm_std::Attribute> {
    use cosmwasm_std::Attribute;
    let converted = if converted.is_empty() {
        attr::NONE.to_string()
    } else {
        converted.join(",")
    };
    vec![
        Attribute::new("action", attr::MIGRATE),
        Attribute::new(attr::FROM_VERSION, stored.version.as_str()),
        Attribute::new(attr::TO_VERSION, release.version),
        Attribute::new(attr::FROM_LAYOUT, stored.layout.to_string()),
        Attribute::new(attr::TO_LAYOUT, release.layout.to_string()),
        Attribute::new(attr::CONVERTED, converted),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::testing::MockStorage;

    const RELEASE: Release = Release {
        contract: "crates.io:a",
        version: "0.2.0",
        layout: 3,
        oldest_layout: 2,
    };

    fn stored(version: &str, layout: Option<u16>) -> MockStorage {
        let mut store = MockStorage::new();
        cw2::set_contract_version(&mut store, "crates.io:a", version).unwrap();
        if let Some(layout) = layout {
            STATE_VERSION.save(&mut store, &layout).unwrap();
        }
        store
    }

    #[test]
    fn known_layouts_and_same_or_newer_code_pass() {
        for (version, layout) in [("0.1.0", 2), ("0.2.0", 3), ("0.2.0", 2)] {
            assert_eq!(
                RELEASE.check(&stored(version, Some(layout))),
                Ok(Stored {
                    version: version.into(),
                    layout
                })
            );
        }
    }

    #[test]
    fn a_contract_without_a_state_version_holds_the_first_release_layout() {
        let first = Release {
            oldest_layout: FIRST_RELEASE_LAYOUT,
            ..RELEASE
        };
        assert_eq!(first.check(&stored("0.1.0", None)).unwrap().layout, 1);
        assert_eq!(
            RELEASE.check(&stored("0.1.0", None)),
            Err(MigrateError::UnknownLayout {
                stored: 1,
                oldest: 2,
                current: 3
            })
        );
    }

    #[test]
    fn downgrades_newer_layouts_and_strangers_are_refused() {
        assert_eq!(
            RELEASE.check(&stored("0.3.0", Some(3))),
            Err(MigrateError::Downgrade {
                stored: "0.3.0".into(),
                new: "0.2.0".into()
            })
        );
        assert_eq!(
            RELEASE.check(&stored("0.2.0", Some(4))),
            Err(MigrateError::NewerLayout {
                stored: 4,
                current: 3
            })
        );
        let mut other = MockStorage::new();
        cw2::set_contract_version(&mut other, "crates.io:b", "0.1.0").unwrap();
        assert!(matches!(
            RELEASE.check(&other),
            Err(MigrateError::WrongContract { .. })
        ));
        assert!(matches!(
            RELEASE.check(&stored("not-a-version", Some(3))),
            Err(MigrateError::BadVersion(_))
        ));
    }

    #[test]
    fn the_stored_contract_version_reads_as_cw2_reads_it() {
        let store = stored("0.1.0", None);
        assert_eq!(
            stored_contract_version(&store),
            cw2::get_contract_version(&store)
        );
        let empty = MockStorage::new();
        assert_eq!(
            stored_contract_version(&empty).unwrap_err().to_string(),
            cw2::get_contract_version(&empty).unwrap_err().to_string()
        );
        // Both ignore a field they don't know, and refuse a record without its version.
        let mut other = MockStorage::new();
        for record in [
            r#"{"contract":"crates.io:a","version":"0.1.0","layout":2}"#,
            r#"{"contract":"crates.io:a"}"#,
        ] {
            other.set(cw2::CONTRACT.as_slice(), record.as_bytes());
            assert_eq!(
                stored_contract_version(&other).ok(),
                cw2::get_contract_version(&other).ok(),
                "{record}"
            );
        }
        assert!(stored_contract_version(&other).is_err());
    }

    /// Versions the semver crate accepts and refuses, pre-releases and build metadata included.
    const VERSIONS: &[&str] = &[
        "0.0.0",
        "0.1.0",
        "0.2.0",
        "0.10.0",
        "0.9.9",
        "1.0.0",
        "1.0.1",
        "1.1.0",
        "2.0.0",
        "10.0.0",
        "18446744073709551615.0.0",
        "1.0.0-alpha",
        "1.0.0-alpha.1",
        "1.0.0-alpha.beta",
        "1.0.0-beta",
        "1.0.0-beta.2",
        "1.0.0-beta.11",
        "1.0.0-rc.1",
        "1.0.0-0",
        "1.0.0-0.3.7",
        "1.0.0-x.7.z.92",
        "1.0.0-x-y-z.--",
        "1.0.0-a.b.c.d",
        "1.0.0-99",
        "1.0.0-100",
        "1.0.0-a1",
        "1.0.0-A",
        "1.0.0-a",
        "1.0.0--",
        "1.0.0+build",
        "1.0.0+001",
        "1.0.0+01",
        "1.0.0+1",
        "1.0.0+0",
        "1.0.0+00",
        "1.0.0+a.1",
        "1.0.0+a.01",
        "1.0.0+20130313144700",
        "1.0.0-beta+exp.sha.5114f85",
        "1.0.0-rc.1+build.1",
        "1.0.0-rc.1+build.2",
        "0.2.0-rc.1",
        // Refused.
        "",
        "1",
        "1.0",
        "1.0.0.0",
        "01.0.0",
        "1.00.0",
        "1.0.00",
        "v1.0.0",
        " 1.0.0",
        "1.0.0 ",
        "1.0.0-",
        "1.0.0+",
        "1.0.0-+",
        "1.0.0-01",
        "1.0.0-a..b",
        "1.0.0-a.",
        "1.0.0-.a",
        "1.0.0+a..b",
        "1.0.0+a+b",
        "1.0.0-a+b+c",
        "1.0.0-a_b",
        "1.0.0+é",
        "1.0.0-é",
        "18446744073709551616.0.0",
        "1.-1.0",
        "1.0.0a",
        "a.b.c",
        "not-a-version",
        "1..0",
    ];

    /// Our reading of a version, against the semver crate's: both accept it or both refuse it.
    fn parse_both(version: &str) -> Option<(SemVer<'_>, semver::Version)> {
        let ours = parse_semver(version);
        let theirs = semver::Version::parse(version).ok();
        assert_eq!(ours.is_some(), theirs.is_some(), "{version:?}");
        ours.zip(theirs)
    }

    fn assert_same_order(a: &str, b: &str) {
        if let (Some((ours_a, theirs_a)), Some((ours_b, theirs_b))) = (parse_both(a), parse_both(b))
        {
            assert_eq!(ours_a.cmp(&ours_b), theirs_a.cmp(&theirs_b), "{a} vs {b}");
            assert_eq!(ours_a > ours_b, theirs_a > theirs_b, "{a} > {b}");
        }
    }

    #[test]
    fn versions_parse_and_order_as_the_semver_crate_does() {
        for a in VERSIONS {
            for b in VERSIONS {
                assert_same_order(a, b);
            }
        }
        let pre_releases = [
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
        ];
        for pair in pre_releases.windows(2) {
            assert!(
                parse(pair[0]).unwrap() < parse(pair[1]).unwrap(),
                "{pair:?}"
            );
        }
        assert_eq!(
            parse("1.0.0-01"),
            Err(MigrateError::BadVersion("1.0.0-01".into()))
        );
    }

    proptest::proptest! {
        /// Near-versions (numbers with leading zeros or past `u64`, any pre-release and build
        /// characters) and arbitrary short text: accepted, refused and ordered alike.
        #[test]
        fn generated_versions_parse_and_order_as_the_semver_crate_does(
            a in VERSION_LIKE,
            b in VERSION_LIKE,
            noise in "[0-9a-zA-Z.+_ -]{0,12}",
        ) {
            assert_same_order(&a, &b);
            assert_same_order(&a, &noise);
        }
    }

    const VERSION_LIKE: &str = "(0|1|2|00|01|10|18446744073709551615|18446744073709551616)\\.\
        (0|1|01|10)\\.(0|1|00|10)(-[0-9a-cA.-]{0,7})?(\\+[0-9a-c.+-]{0,6})?";

    #[test]
    fn record_writes_both_versions() {
        let mut store = stored("0.1.0", None);
        RELEASE.record(&mut store).unwrap();
        assert_eq!(cw2::get_contract_version(&store).unwrap().version, "0.2.0");
        assert_eq!(STATE_VERSION.load(&store).unwrap(), 3);
    }
}
