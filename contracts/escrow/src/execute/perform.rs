//! Performance of an active deal: confirmations, loan repayment, pool contributions, the
//! relay's delivery receipt and an information sale's reveal.

use cosmwasm_std::{Addr, DepsMut, Env, Response};
use dac_common::text::validate_len;
use sha2::{Digest, Sha256};

use crate::attributes as attr;
use crate::error::ContractError;
use crate::execute::ledger::Ledger;
use crate::execute::settle::{close, perform};
use crate::execute::{
    commit, expect_deposit, load_deal, require_by, require_sender, require_status, Deposit,
};
use crate::msg::StatusKey;
use crate::state::{Deal, DealKind, Outcome, MAX_PREIMAGE};

/// Settles the current step as performed and closes the deal if that was the last one.
pub fn perform_step(deal: &mut Deal, ledger: &mut Ledger) -> Result<(), ContractError> {
    if perform(deal, ledger)? {
        close(deal, ledger, Outcome::Settled {})?;
    }
    Ok(())
}

/// `preimage`: only an information sale's seller sends one, and must (see `ExecuteMsg::Confirm`).
pub fn confirm(
    deps: DepsMut,
    env: Env,
    sender: Addr,
    deal_id: u64,
    preimage: Option<String>,
) -> Result<Response, ContractError> {
    let (mut deal, previous) = load_deal(deps.storage, deps.api, deal_id)?;
    require_status(&deal, StatusKey::Active, "an active deal")?;
    let now = env.block.time;
    let is_proposer = sender == *deal.proposer();
    let is_counterparty = sender == *deal.counterparty();
    if !is_proposer && !is_counterparty {
        return Err(ContractError::Unauthorized("only the two parties confirm"));
    }
    if preimage.is_some() && !is_counterparty {
        return Err(ContractError::Unauthorized("only the seller reveals"));
    }
    let reveals = is_counterparty && matches!(deal.kind, DealKind::InformationSale { .. });
    if preimage.is_some() != reveals {
        return Err(ContractError::WrongPreimage);
    }
    let mut ledger = Ledger::open(deps.as_ref(), &env, &deal.asset)?;
    let mut response = Response::new()
        .add_attribute(attr::ACTION, attr::ACTION_CONFIRM)
        .add_attribute(attr::SENDER, sender);
    match &mut deal.kind {
        DealKind::Loan { .. } | DealKind::Pool {} => {
            return Err(ContractError::NotForThisKind("confirmations"))
        }
        // The buyer accepting a delivery releases it at once.
        DealKind::Forward {}
        | DealKind::Service { .. }
        | DealKind::TradeShipment { .. }
        | DealKind::InformationSale { .. }
            if is_proposer =>
        {
            require_by(now, deal.active_deadline())?;
            perform_step(&mut deal, &mut ledger)?;
        }
        // Only the relay's receipt proves a shipment delivered.
        DealKind::TradeShipment { .. } => {
            return Err(ContractError::NotForThisKind(
                "a seller's claim; the relay attests delivery",
            ))
        }
        // The seller delivers the information by revealing it, once, by the due date; it
        // proves itself against the commitment.
        DealKind::InformationSale {
            commitment,
            preimage: revealed,
        } => {
            require_by(now, deal.due)?;
            if revealed.is_some() {
                return Err(ContractError::AlreadyRevealed);
            }
            // Present (checked above). The length first: hashing is paid for per byte.
            let proof = preimage.unwrap_or_default();
            validate_len(&proof, "preimage", MAX_PREIMAGE)?;
            if hex::encode(Sha256::digest(&proof)) != *commitment {
                return Err(ContractError::WrongPreimage);
            }
            response = response.add_attribute(attr::PREIMAGE, proof.as_str());
            *revealed = Some(proof);
            deal.claimed = true;
        }
        // The seller claims delivery by the step's due date.
        DealKind::Forward {} | DealKind::Service { .. } => {
            require_by(now, deal.step_due())?;
            deal.claimed = true;
        }
        // The insured claims a loss during the cover.
        DealKind::Insurance {} if is_proposer => {
            require_by(now, deal.due)?;
            deal.claimed = true;
        }
        // The insurer accepts the claim.
        DealKind::Insurance {} => {
            if !deal.claimed {
                return Err(ContractError::NothingToConfirm);
            }
            require_by(now, deal.active_deadline())?;
            perform_step(&mut deal, &mut ledger)?;
        }
    }
    let response = response.add_attribute(attr::MILESTONE, deal.milestone.to_string());
    commit(deps.storage, deps.api, deal, previous, ledger, response)
}

pub fn repay(
    deps: DepsMut,
    env: Env,
    sender: Addr,
    deal_id: u64,
    deposit: Option<Deposit>,
) -> Result<Response, ContractError> {
    let (mut deal, previous) = load_deal(deps.storage, deps.api, deal_id)?;
    let DealKind::Loan { interest } = deal.kind else {
        return Err(ContractError::NotForThisKind("repayment"));
    };
    require_status(&deal, StatusKey::Active, "an active loan")?;
    require_sender(&sender, deal.counterparty(), "only the borrower repays")?;
    require_by(env.block.time, deal.due)?;
    let owed = deal.parties[0].stake.checked_add(interest)?;
    let amount = expect_deposit(&deal, &deposit, owed)?;
    let mut ledger = Ledger::open(deps.as_ref(), &env, &deal.asset)?;
    // The repayment goes straight to the lender, in full.
    let lender = deal.proposer().clone();
    ledger.pass_through(&lender, amount)?;
    perform_step(&mut deal, &mut ledger)?;
    let response = Response::new()
        .add_attribute(attr::ACTION, attr::ACTION_REPAY)
        .add_attribute(attr::SENDER, sender)
        .add_attribute(attr::AMOUNT, amount);
    commit(deps.storage, deps.api, deal, previous, ledger, response)
}

pub fn contribute(
    deps: DepsMut,
    env: Env,
    sender: Addr,
    deal_id: u64,
    deposit: Option<Deposit>,
) -> Result<Response, ContractError> {
    let (mut deal, previous) = load_deal(deps.storage, deps.api, deal_id)?;
    if deal.kind != (DealKind::Pool {}) {
        return Err(ContractError::NotForThisKind("contributions"));
    }
    require_status(&deal, StatusKey::Active, "an active pool")?;
    require_by(env.block.time, deal.due)?;
    let amount = match &deposit {
        Some(d) if !d.amount.is_zero() => expect_deposit(&deal, &deposit, d.amount)?,
        _ => return Err(ContractError::InvalidTerms("nothing contributed".into())),
    };
    let mut ledger = Ledger::open(deps.as_ref(), &env, &deal.asset)?;
    deal.extra = deal.extra.checked_add(ledger.deposit(amount)?)?;
    let response = Response::new()
        .add_attribute(attr::ACTION, attr::ACTION_CONTRIBUTE)
        .add_attribute(attr::SENDER, sender)
        .add_attribute(attr::AMOUNT, amount);
    commit(deps.storage, deps.api, deal, previous, ledger, response)
}

/// The trade shipment's attestor (the node's IBC relay) reports the delivery receipt: the
/// deal settles to the seller.
pub fn attest_delivery(
    deps: DepsMut,
    env: Env,
    sender: Addr,
    deal_id: u64,
) -> Result<Response, ContractError> {
    let (mut deal, previous) = load_deal(deps.storage, deps.api, deal_id)?;
    let DealKind::TradeShipment { attestor } = &deal.kind else {
        return Err(ContractError::NotForThisKind("delivery receipts"));
    };
    require_sender(&sender, attestor, "only the deal's attestor")?;
    require_status(&deal, StatusKey::Active, "an active shipment")?;
    require_by(env.block.time, deal.active_deadline())?;
    let mut ledger = Ledger::open(deps.as_ref(), &env, &deal.asset)?;
    perform_step(&mut deal, &mut ledger)?;
    let response = Response::new()
        .add_attribute(attr::ACTION, attr::ACTION_ATTEST_DELIVERY)
        .add_attribute(attr::SENDER, sender);
    commit(deps.storage, deps.api, deal, previous, ledger, response)
}
