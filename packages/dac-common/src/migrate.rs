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

use cosmwasm_std::{from_json, StdError, StdResult, Storage};
use cw2::ContractVersion;
use cw_storage_plus::Item;
use semver::Version;
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

fn parse(version: &str) -> Result<Version, MigrateError> {
    Version::parse(version).map_err(|_| MigrateError::BadVersion(version.to_string()))
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

    #[test]
    fn record_writes_both_versions() {
        let mut store = stored("0.1.0", None);
        RELEASE.record(&mut store).unwrap();
        assert_eq!(cw2::get_contract_version(&store).unwrap().version, "0.2.0");
        assert_eq!(STATE_VERSION.load(&store).unwrap(), 3);
    }
}
