//! The permissionless step: anyone moves an overdue deal on, so no state can hold funds
//! forever. One deal per call keeps every call's cost bounded.

use cosmwasm_std::{Addr, DepsMut, Env, Response};

use crate::attributes as attr;
use crate::error::ContractError;
use crate::execute::dispute::execute_ruling;
use crate::execute::ledger::Ledger;
use crate::execute::perform::perform_step;
use crate::execute::settle::{close, not_perform, refund_all, slash_arbitrator};
use crate::execute::{commit, load_deal, wrong_status};
use crate::state::{update_record, Deal, DealKind, Outcome, Status, CONFIG};

/// An active deal whose step deadline passed.
fn advance_active(deal: &mut Deal, ledger: &mut Ledger) -> Result<&'static str, ContractError> {
    match deal.kind {
        // The pool ends at its due date.
        DealKind::Pool {} => {
            perform_step(deal, ledger)?;
            Ok(attr::OUTCOME_SETTLED)
        }
        // A claimed delivery or loss (or revealed information) that the other side let pass
        // is accepted.
        DealKind::Forward {}
        | DealKind::Service { .. }
        | DealKind::Insurance {}
        | DealKind::InformationSale { .. }
            if deal.claimed =>
        {
            perform_step(deal, ledger)?;
            Ok(attr::OUTCOME_CLAIMED)
        }
        // No claim: the cover ended without a loss.
        DealKind::Insurance {} => {
            not_perform(deal, ledger)?;
            close(deal, ledger, Outcome::Settled {})?;
            Ok(attr::OUTCOME_SETTLED)
        }
        // Not delivered, not repaid, no receipt from the relay or nothing revealed: the seller
        // or borrower defaulted and loses its deposit to the proposer, who is refunded.
        DealKind::Forward {}
        | DealKind::Service { .. }
        | DealKind::Loan { .. }
        | DealKind::TradeShipment { .. }
        | DealKind::InformationSale { .. } => {
            not_perform(deal, ledger)?;
            let by = deal.counterparty().clone();
            close(deal, ledger, Outcome::Defaulted { by })?;
            Ok(attr::OUTCOME_DEFAULTED)
        }
    }
}

pub fn advance(
    deps: DepsMut,
    env: Env,
    sender: Addr,
    deal_id: u64,
) -> Result<Response, ContractError> {
    let (mut deal, previous) = load_deal(deps.storage, deps.api, deal_id)?;
    let deadline = deal
        .next_deadline()
        .ok_or_else(|| wrong_status(&deal, "an open deal"))?;
    if env.block.time <= deadline {
        return Err(ContractError::NotDue { deadline });
    }
    let mut ledger = Ledger::open(deps.as_ref(), &env, &deal.asset)?;
    let step = match deal.status.clone() {
        Status::Proposed {} => {
            refund_all(&mut deal, &mut ledger)?;
            close(&mut deal, &mut ledger, Outcome::Expired {})?;
            attr::OUTCOME_EXPIRED
        }
        Status::Active {} => advance_active(&mut deal, &mut ledger)?,
        Status::Disputed { .. } => {
            // The arbitrator let its deadline pass: it is slashed, and the dispute goes to a
            // council panel, or is refunded when there is no council.
            let arbitrator = deal.arbitrator.address.clone();
            slash_arbitrator(&mut deal, &mut ledger)?;
            update_record(deps.storage, &arbitrator, |r| {
                r.timeouts += 1;
                r.slashes += 1;
            })?;
            match CONFIG.load(deps.storage)?.council {
                Some(_) => {
                    let panel_by = env.block.time.plus_seconds(deal.panel_seconds);
                    deal.status = Status::AwaitingPanel { panel_by };
                }
                None => close(&mut deal, &mut ledger, Outcome::Refunded {})?,
            }
            attr::OUTCOME_ARBITRATOR_TIMED_OUT
        }
        // Nobody appealed, or the panel did not decide in time: the arbitrator's ruling stands.
        Status::Ruled { .. } | Status::Appealed { .. } => {
            match deal.dispute.as_ref().and_then(|d| d.ruling.clone()) {
                Some(ruling) => {
                    execute_ruling(&mut deal, &mut ledger, ruling, false, env.block.time)?;
                    attr::OUTCOME_RULED
                }
                // Unreachable by construction; refunding keeps even that case from locking funds.
                None => {
                    close(&mut deal, &mut ledger, Outcome::Refunded {})?;
                    attr::OUTCOME_REFUNDED
                }
            }
        }
        // The panel for a timed-out arbitrator never decided: everyone gets its own back.
        Status::AwaitingPanel { .. } => {
            close(&mut deal, &mut ledger, Outcome::Refunded {})?;
            attr::OUTCOME_REFUNDED
        }
        Status::Closed { .. } => return Err(wrong_status(&deal, "an open deal")),
    };
    let response = Response::new()
        .add_attribute(attr::ACTION, attr::ACTION_ADVANCE)
        .add_attribute(attr::SENDER, sender)
        .add_attribute(attr::MILESTONE, deal.milestone.to_string())
        .add_attribute(attr::REASON, step);
    commit(deps.storage, deps.api, deal, previous, ledger, response)
}
