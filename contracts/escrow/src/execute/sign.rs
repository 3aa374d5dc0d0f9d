//! Signatures before a deal is active: the counterparty and pool members deposit their
//! stakes, the arbitrator posts collateral; the proposer may call the deal off meanwhile.

use cosmwasm_std::{Addr, DepsMut, Env, Response};

use crate::attributes as attr;
use crate::error::ContractError;
use crate::execute::ledger::Ledger;
use crate::execute::settle::{close, refund_all};
use crate::execute::{
    commit, expect_deposit, load_deal, require_by, require_sender, require_status, Deposit,
};
use crate::msg::StatusKey;
use crate::state::{update_record, Deal, DealKind, Outcome, Status};

/// All three (or more) signatures are in. A loan's principal goes to the borrower now.
fn activate(deal: &mut Deal, ledger: &mut Ledger) -> Result<(), ContractError> {
    deal.status = Status::Active {};
    if let DealKind::Loan { .. } = deal.kind {
        let principal = ledger.take(&mut deal.parties[0].units)?;
        ledger.pay(&deal.parties[1].address, principal);
    }
    Ok(())
}

pub fn sign(
    deps: DepsMut,
    env: Env,
    sender: Addr,
    deal_id: u64,
    deposit: Option<Deposit>,
) -> Result<Response, ContractError> {
    let (mut deal, previous) = load_deal(deps.storage, deps.api, deal_id)?;
    require_status(&deal, StatusKey::Proposed, "a proposed deal")?;
    let index = deal
        .parties
        .iter()
        .position(|p| p.address == sender)
        .filter(|i| *i > 0)
        .ok_or(ContractError::Unauthorized(
            "only the counterparty or a pool member signs with a stake",
        ))?;
    if deal.parties[index].signed {
        return Err(ContractError::AlreadySigned);
    }
    require_by(env.block.time, deal.sign_by)?;
    let amount = expect_deposit(&deal, &deposit, deal.parties[index].stake)?;

    let mut ledger = Ledger::open(deps.as_ref(), &env, &deal.asset)?;
    if !amount.is_zero() {
        deal.parties[index].units = ledger.deposit(amount)?;
    }
    deal.parties[index].signed = true;
    if deal.all_signed() {
        activate(&mut deal, &mut ledger)?;
    }
    let role = deal.parties[index].role.as_str();
    let response = Response::new()
        .add_attribute(attr::ACTION, attr::ACTION_SIGN)
        .add_attribute(attr::SENDER, sender)
        .add_attribute(attr::ROLE, role)
        .add_attribute(attr::AMOUNT, amount);
    commit(deps.storage, deps.api, deal, previous, ledger, response)
}

pub fn post_collateral(
    deps: DepsMut,
    env: Env,
    sender: Addr,
    deal_id: u64,
    deposit: Option<Deposit>,
) -> Result<Response, ContractError> {
    let (mut deal, previous) = load_deal(deps.storage, deps.api, deal_id)?;
    require_status(&deal, StatusKey::Proposed, "a proposed deal")?;
    require_sender(
        &sender,
        &deal.arbitrator.address,
        "only the named arbitrator",
    )?;
    if deal.arbitrator.signed {
        return Err(ContractError::AlreadySigned);
    }
    require_by(env.block.time, deal.sign_by)?;
    let amount = expect_deposit(&deal, &deposit, deal.arbitrator.stake)?;

    let mut ledger = Ledger::open(deps.as_ref(), &env, &deal.asset)?;
    deal.arbitrator.units = ledger.deposit(amount)?;
    deal.arbitrator.signed = true;
    update_record(deps.storage, &sender, |r| r.deals += 1)?;
    if deal.all_signed() {
        activate(&mut deal, &mut ledger)?;
    }
    let response = Response::new()
        .add_attribute(attr::ACTION, attr::ACTION_POST_COLLATERAL)
        .add_attribute(attr::SENDER, sender)
        .add_attribute(attr::AMOUNT, amount);
    commit(deps.storage, deps.api, deal, previous, ledger, response)
}

pub fn withdraw(
    deps: DepsMut,
    env: Env,
    sender: Addr,
    deal_id: u64,
) -> Result<Response, ContractError> {
    let (mut deal, previous) = load_deal(deps.storage, deps.api, deal_id)?;
    require_status(&deal, StatusKey::Proposed, "a deal not yet signed by all")?;
    require_sender(&sender, deal.proposer(), "only the proposer withdraws")?;
    let mut ledger = Ledger::open(deps.as_ref(), &env, &deal.asset)?;
    refund_all(&mut deal, &mut ledger)?;
    close(&mut deal, &mut ledger, Outcome::Withdrawn {})?;
    let response = Response::new()
        .add_attribute(attr::ACTION, attr::ACTION_WITHDRAW)
        .add_attribute(attr::SENDER, sender);
    commit(deps.storage, deps.api, deal, previous, ledger, response)
}
