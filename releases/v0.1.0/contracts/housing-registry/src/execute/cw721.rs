//! The cw721 transfer-like messages parse, so wallets get a clear answer, and are all refused.

use crate::error::ContractError;

pub fn refuse(action: &str) -> ContractError {
    ContractError::NonTransferable {
        action: action.to_string(),
    }
}
