//! Execute handlers, one module per concern.

pub mod admin;
pub mod advance;
pub mod dispute;
pub mod ledger;
pub mod perform;
pub mod propose;
pub mod receive;
pub mod settle;
pub mod sign;

use cosmwasm_std::{Addr, Api, MessageInfo, Response, Storage, Timestamp, Uint128};

use crate::attributes as attr;
use crate::error::ContractError;
use crate::msg::StatusKey;
use crate::state::{save_deal, Asset, Deal, Loaded, DEALS};
use ledger::Ledger;

/// Tokens or coins that arrived with a message.
#[derive(Debug, Clone, PartialEq)]
pub struct Deposit {
    pub asset: Asset,
    pub amount: Uint128,
}

/// The one native coin attached to a message, if any.
pub fn native_deposit(info: &MessageInfo) -> Result<Option<Deposit>, ContractError> {
    if info.funds.is_empty() {
        return Ok(None);
    }
    let coin = cw_utils::one_coin(info)?;
    Ok(Some(Deposit {
        asset: Asset::Native { denom: coin.denom },
        amount: coin.amount,
    }))
}

/// Checks that `deposit` is exactly `expected` in the deal's asset; returns the amount.
pub fn expect_deposit(
    deal: &Deal,
    deposit: &Option<Deposit>,
    expected: Uint128,
) -> Result<Uint128, ContractError> {
    let got = match deposit {
        None => Uint128::zero(),
        Some(d) if d.asset != deal.asset => {
            return Err(ContractError::WrongAsset {
                expected: deal.asset.label(),
                got: d.asset.label(),
            })
        }
        Some(d) => d.amount,
    };
    if got != expected {
        return Err(ContractError::WrongAmount {
            expected: expected.to_string(),
            got: got.to_string(),
            denom: deal.asset.label(),
        });
    }
    Ok(got)
}

/// The deal, and what `commit` needs to know of how it was (`Loaded`).
pub fn load_deal(
    storage: &dyn Storage,
    api: &dyn Api,
    deal_id: u64,
) -> Result<(Deal, Loaded), ContractError> {
    let (deal, encoding) = DEALS
        .may_load_encoded(storage, api, deal_id)?
        .ok_or(ContractError::DealNotFound(deal_id))?;
    let status = deal.status.key();
    Ok((deal, Loaded { status, encoding }))
}

pub fn require_status(
    deal: &Deal,
    status: StatusKey,
    needed: &'static str,
) -> Result<(), ContractError> {
    if deal.status.key() == status {
        Ok(())
    } else {
        Err(wrong_status(deal, needed))
    }
}

pub fn wrong_status(deal: &Deal, needed: &'static str) -> ContractError {
    ContractError::WrongStatus {
        id: deal.id,
        status: deal.status.key().as_str().to_string(),
        needed,
    }
}

/// `now` must be at or before `deadline`.
pub fn require_by(now: Timestamp, deadline: Timestamp) -> Result<(), ContractError> {
    if now > deadline {
        Err(ContractError::DeadlinePassed { deadline })
    } else {
        Ok(())
    }
}

pub fn require_sender(
    sender: &Addr,
    expected: &Addr,
    who: &'static str,
) -> Result<(), ContractError> {
    if sender == expected {
        Ok(())
    } else {
        Err(ContractError::Unauthorized(who))
    }
}

/// Saves the deal, turns the ledger's payouts into messages and records them on the deal.
pub fn commit(
    storage: &mut dyn Storage,
    api: &dyn Api,
    mut deal: Deal,
    previous: Loaded,
    ledger: Ledger,
    response: Response,
) -> Result<Response, ContractError> {
    let (msgs, paid) = ledger.finish(storage)?;
    let payouts = msgs.len();
    deal.paid_out = deal.paid_out.checked_add(paid)?;
    let mut response = response
        .add_messages(msgs)
        .add_attribute(attr::DEAL_ID, deal.id.to_string())
        .add_attribute(attr::STATUS, deal.status.key().as_str())
        .add_attribute(attr::PAYOUTS, payouts.to_string())
        .add_attribute(attr::PAID_OUT, paid);
    if let crate::state::Status::Closed { outcome } = &deal.status {
        response = response.add_attribute(attr::OUTCOME, outcome.label());
    }
    save_deal(storage, api, deal, Some(previous))?;
    Ok(response)
}
