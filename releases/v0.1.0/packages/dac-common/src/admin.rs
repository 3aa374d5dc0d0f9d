//! A two-step admin: the current admin proposes a successor, who must accept. A typo in an
//! address can therefore never hand a contract to nobody.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Api, StdResult, Storage};
use cw_storage_plus::Item;
use thiserror::Error;

#[cw_serde]
pub struct AdminState {
    pub admin: Addr,
    pub pending: Option<Addr>,
}

#[derive(Error, Debug, PartialEq)]
pub enum AdminError {
    #[error("{0}")]
    Std(#[from] cosmwasm_std::StdError),

    #[error("only the admin may do this")]
    NotAdmin,

    #[error("no admin transfer is pending for this address")]
    NotPendingAdmin,
}

/// Where a contract keeps its admin; one per contract.
pub struct Admin<'a>(Item<AdminState>, std::marker::PhantomData<&'a ()>);

impl Admin<'_> {
    pub const fn new(namespace: &'static str) -> Self {
        Admin(Item::new(namespace), std::marker::PhantomData)
    }

    pub fn init(&self, storage: &mut dyn Storage, admin: Addr) -> StdResult<()> {
        self.0.save(
            storage,
            &AdminState {
                admin,
                pending: None,
            },
        )
    }

    pub fn state(&self, storage: &dyn Storage) -> StdResult<AdminState> {
        self.0.load(storage)
    }

    pub fn get(&self, storage: &dyn Storage) -> StdResult<Addr> {
        Ok(self.0.load(storage)?.admin)
    }

    pub fn assert_admin(&self, storage: &dyn Storage, sender: &Addr) -> Result<(), AdminError> {
        if self.get(storage)? == *sender {
            Ok(())
        } else {
            Err(AdminError::NotAdmin)
        }
    }

    /// The admin names a successor (or `None` to cancel a pending transfer).
    pub fn propose(
        &self,
        storage: &mut dyn Storage,
        api: &dyn Api,
        sender: &Addr,
        new_admin: Option<String>,
    ) -> Result<Option<Addr>, AdminError> {
        self.assert_admin(storage, sender)?;
        let pending = new_admin.map(|a| api.addr_validate(&a)).transpose()?;
        let mut state = self.0.load(storage)?;
        state.pending = pending.clone();
        self.0.save(storage, &state)?;
        Ok(pending)
    }

    /// The proposed successor takes over.
    pub fn accept(&self, storage: &mut dyn Storage, sender: &Addr) -> Result<(), AdminError> {
        let mut state = self.0.load(storage)?;
        if state.pending.as_ref() != Some(sender) {
            return Err(AdminError::NotPendingAdmin);
        }
        state.admin = sender.clone();
        state.pending = None;
        self.0.save(storage, &state)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::testing::{MockApi, MockStorage};

    const ADMIN: Admin = Admin::new("admin");

    #[test]
    fn transfer_needs_proposal_and_acceptance() {
        let api = MockApi::default();
        let mut store = MockStorage::new();
        let (old, new, stranger) = (
            api.addr_make("old"),
            api.addr_make("new"),
            api.addr_make("stranger"),
        );
        ADMIN.init(&mut store, old.clone()).unwrap();

        assert_eq!(
            ADMIN.propose(&mut store, &api, &stranger, Some(new.to_string())),
            Err(AdminError::NotAdmin)
        );
        ADMIN
            .propose(&mut store, &api, &old, Some(new.to_string()))
            .unwrap();
        assert_eq!(
            ADMIN.accept(&mut store, &stranger),
            Err(AdminError::NotPendingAdmin)
        );
        assert_eq!(
            ADMIN.get(&store).unwrap(),
            old,
            "nothing changes before acceptance"
        );
        ADMIN.accept(&mut store, &new).unwrap();
        assert_eq!(
            ADMIN.state(&store).unwrap(),
            AdminState {
                admin: new,
                pending: None
            }
        );
    }
}
