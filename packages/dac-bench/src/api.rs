//! Bech32 addresses as cosmwasm-vm's mock API handles them, priced as wasmd prices them.

use cosmwasm_vm::testing::MockApi;
use cosmwasm_vm::{BackendApi, BackendResult, GasInfo};

use crate::gas::{CANONICALIZE_COST, GAS_MULTIPLIER, HUMANIZE_COST, VALIDATE_COST};

#[derive(Clone, Copy, Default)]
pub struct WasmdApi(MockApi);

impl WasmdApi {
    /// A valid `cosmwasm1…` address derived from `name` (the same as the contracts' unit tests use).
    pub fn addr(&self, name: &str) -> String {
        self.0.addr_make(name)
    }
}

fn priced<T>(result: BackendResult<T>, sdk_gas: u64) -> BackendResult<T> {
    (result.0, GasInfo::with_cost(sdk_gas * GAS_MULTIPLIER))
}

impl BackendApi for WasmdApi {
    fn addr_validate(&self, input: &str) -> BackendResult<()> {
        priced(self.0.addr_validate(input), VALIDATE_COST)
    }

    fn addr_canonicalize(&self, human: &str) -> BackendResult<Vec<u8>> {
        priced(self.0.addr_canonicalize(human), CANONICALIZE_COST)
    }

    fn addr_humanize(&self, canonical: &[u8]) -> BackendResult<String> {
        priced(self.0.addr_humanize(canonical), HUMANIZE_COST)
    }
}
