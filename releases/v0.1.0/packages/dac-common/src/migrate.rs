//! `migrate` must never move a contract to an older version or to another contract's code.

use cosmwasm_std::{StdError, Storage};
use semver::Version;
use thiserror::Error;

#[derive(Error, Debug, PartialEq)]
pub enum MigrateError {
    #[error("{0}")]
    Std(#[from] StdError),

    #[error("cannot migrate from contract {stored} to {expected}")]
    WrongContract { stored: String, expected: String },

    #[error("cannot migrate from version {stored} down to {new}")]
    Downgrade { stored: String, new: String },

    #[error("invalid semantic version {0}")]
    BadVersion(String),
}

fn parse(version: &str) -> Result<Version, MigrateError> {
    Version::parse(version).map_err(|_| MigrateError::BadVersion(version.to_string()))
}

/// Checks the stored cw2 version against the code being migrated to, then records the new one.
/// The same version is accepted so a configuration-only migration stays possible.
pub fn ensure_upgrade(
    storage: &mut dyn Storage,
    contract_name: &str,
    new_version: &str,
) -> Result<(), MigrateError> {
    let stored = cw2::get_contract_version(storage)?;
    if stored.contract != contract_name {
        return Err(MigrateError::WrongContract {
            stored: stored.contract,
            expected: contract_name.to_string(),
        });
    }
    if parse(&stored.version)? > parse(new_version)? {
        return Err(MigrateError::Downgrade {
            stored: stored.version,
            new: new_version.to_string(),
        });
    }
    cw2::set_contract_version(storage, contract_name, new_version)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::testing::MockStorage;

    #[test]
    fn upgrades_and_same_version_pass_downgrades_and_strangers_fail() {
        let mut store = MockStorage::new();
        cw2::set_contract_version(&mut store, "crate:a", "1.2.0").unwrap();

        assert_eq!(
            ensure_upgrade(&mut store, "crate:a", "1.1.9"),
            Err(MigrateError::Downgrade {
                stored: "1.2.0".into(),
                new: "1.1.9".into()
            })
        );
        assert!(matches!(
            ensure_upgrade(&mut store, "crate:b", "9.0.0"),
            Err(MigrateError::WrongContract { .. })
        ));
        ensure_upgrade(&mut store, "crate:a", "1.2.0").unwrap();
        ensure_upgrade(&mut store, "crate:a", "1.3.0").unwrap();
        assert_eq!(cw2::get_contract_version(&store).unwrap().version, "1.3.0");
    }
}
