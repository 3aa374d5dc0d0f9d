//! How each way out of a deal distributes what the deal holds. Every function empties the pots
//! it pays from, so a pot can never be paid twice; `close` also returns the arbitrator's
//! collateral unless it was slashed, leaving the closed deal holding nothing.

use cosmwasm_std::{Decimal, Uint128, Uint256};

use crate::error::ContractError;
use crate::execute::ledger::Ledger;
use crate::msg::Ruling;
use crate::state::{Deal, DealKind, Outcome, Status};

fn take_parties_and_extra(deal: &mut Deal, ledger: &mut Ledger) -> Result<Uint128, ContractError> {
    let mut total = ledger.take(&mut deal.extra)?;
    for pot in deal.parties.iter_mut() {
        total = total.checked_add(ledger.take(&mut pot.units)?)?;
    }
    Ok(total)
}

/// Before activation: every pot back to whoever deposited it.
pub fn refund_all(deal: &mut Deal, ledger: &mut Ledger) -> Result<(), ContractError> {
    refund_parties(deal, ledger)?;
    release_arbitrator(deal, ledger)
}

/// Each party gets its own pot back; a repayment or contributions go to the proposer.
pub fn refund_parties(deal: &mut Deal, ledger: &mut Ledger) -> Result<(), ContractError> {
    let extra = ledger.take(&mut deal.extra)?;
    ledger.pay(&deal.parties[0].address, extra);
    for pot in deal.parties.iter_mut() {
        let value = ledger.take(&mut pot.units)?;
        ledger.pay(&pot.address, value);
    }
    Ok(())
}

pub fn release_arbitrator(deal: &mut Deal, ledger: &mut Ledger) -> Result<(), ContractError> {
    let value = ledger.take(&mut deal.arbitrator.units)?;
    ledger.pay(&deal.arbitrator.address, value);
    Ok(())
}

/// The arbitrator's collateral goes to the parties in equal parts (the proposer gets the
/// remainder of the division).
pub fn slash_arbitrator(deal: &mut Deal, ledger: &mut Ledger) -> Result<Uint128, ContractError> {
    let value = ledger.take(&mut deal.arbitrator.units)?;
    let parties = Uint128::from(deal.parties.len() as u128);
    let each = value.checked_div(parties)?;
    let remainder = value.checked_sub(each.checked_mul(parties)?)?;
    for pot in &deal.parties {
        ledger.pay(&pot.address, each);
    }
    ledger.pay(&deal.parties[0].address, remainder);
    if let Some(dispute) = deal.dispute.as_mut() {
        dispute.arbitrator_slashed = true;
    }
    Ok(value)
}

/// Everything held, pro rata to the members' pots (shares or amounts); the last member takes
/// the rounding remainder so the whole is paid.
pub fn pay_pro_rata(deal: &mut Deal, ledger: &mut Ledger) -> Result<(), ContractError> {
    let weights: Vec<Uint256> = deal.parties.iter().map(|p| p.units).collect();
    let total_weight = weights
        .iter()
        .try_fold(Uint256::zero(), |acc, w| acc.checked_add(*w))?;
    let total = take_parties_and_extra(deal, ledger)?;
    if total_weight.is_zero() {
        ledger.pay(&deal.parties[0].address, total);
        return Ok(());
    }
    let mut left = total;
    let last = deal.parties.len() - 1;
    for (i, pot) in deal.parties.iter().enumerate() {
        let share = if i == last {
            left
        } else {
            Uint128::try_from(
                Uint256::from(total).checked_multiply_ratio(weights[i], total_weight)?,
            )?
        };
        left = left.checked_sub(share)?;
        ledger.pay(&pot.address, share);
    }
    Ok(())
}

/// The claim holds: the seller delivered the current step, the loan was repaid, the insured's
/// loss is covered, the pool ended. Returns whether the deal is finished.
pub fn perform(deal: &mut Deal, ledger: &mut Ledger) -> Result<bool, ContractError> {
    let proposer = deal.parties[0].address.clone();
    let counterparty = deal.parties[1].address.clone();
    match &deal.kind {
        DealKind::Forward {}
        | DealKind::TradeShipment { .. }
        | DealKind::InformationSale { .. } => {
            let total = take_parties_and_extra(deal, ledger)?;
            ledger.pay(&counterparty, total);
            Ok(true)
        }
        DealKind::Service { milestones } => {
            let index = deal.milestone as usize;
            if index + 1 >= milestones.len() {
                let total = take_parties_and_extra(deal, ledger)?;
                ledger.pay(&counterparty, total);
                return Ok(true);
            }
            // The part of the buyer's (decayed) pot this milestone stands for.
            let remaining = milestones[index..]
                .iter()
                .try_fold(Uint128::zero(), |acc, m| acc.checked_add(m.amount))?;
            let units = deal.parties[0]
                .units
                .checked_multiply_ratio(milestones[index].amount, remaining)?;
            deal.parties[0].units = deal.parties[0].units.checked_sub(units)?;
            let value = ledger.redeem(units)?;
            ledger.pay(&counterparty, value);
            deal.milestone += 1;
            deal.claimed = false;
            Ok(false)
        }
        DealKind::Insurance {} => {
            let cover = ledger.take(&mut deal.parties[1].units)?;
            ledger.pay(&proposer, cover);
            let premium = ledger.take(&mut deal.parties[0].units)?;
            let extra = ledger.take(&mut deal.extra)?;
            ledger.pay(&counterparty, premium.checked_add(extra)?);
            Ok(true)
        }
        // Repaid (the repayment itself passed straight through to the lender).
        DealKind::Loan { .. } => {
            let left = ledger.take(&mut deal.extra)?;
            let principal_left = ledger.take(&mut deal.parties[0].units)?;
            ledger.pay(&proposer, left.checked_add(principal_left)?);
            let collateral = ledger.take(&mut deal.parties[1].units)?;
            ledger.pay(&counterparty, collateral);
            Ok(true)
        }
        DealKind::Pool {} => {
            pay_pro_rata(deal, ledger)?;
            Ok(true)
        }
    }
}

/// The claim fails: the seller or borrower defaulted (everything to the proposer), or the
/// insured has no covered loss (everything to the insurer).
pub fn not_perform(deal: &mut Deal, ledger: &mut Ledger) -> Result<(), ContractError> {
    match deal.kind {
        DealKind::Pool {} => pay_pro_rata(deal, ledger),
        DealKind::Insurance {} => {
            let total = take_parties_and_extra(deal, ledger)?;
            ledger.pay(&deal.parties[1].address, total);
            Ok(())
        }
        _ => {
            let total = take_parties_and_extra(deal, ledger)?;
            ledger.pay(&deal.parties[0].address, total);
            Ok(())
        }
    }
}

/// Everything the parties hold, `proposer_share` of it (rounded down) to the proposer.
pub fn split(
    deal: &mut Deal,
    ledger: &mut Ledger,
    proposer_share: Decimal,
) -> Result<(), ContractError> {
    let total = take_parties_and_extra(deal, ledger)?;
    let to_proposer = total.mul_floor(proposer_share);
    ledger.pay(&deal.parties[0].address, to_proposer);
    ledger.pay(&deal.parties[1].address, total.checked_sub(to_proposer)?);
    Ok(())
}

/// Returns whether the deal is finished (a service ruled `Performed` may go on to its next
/// milestone).
pub fn apply_ruling(
    deal: &mut Deal,
    ledger: &mut Ledger,
    ruling: &Ruling,
) -> Result<bool, ContractError> {
    match ruling {
        Ruling::Performed {} => perform(deal, ledger),
        Ruling::NotPerformed {} => not_perform(deal, ledger).map(|_| true),
        Ruling::Split { proposer_share } => split(deal, ledger, *proposer_share).map(|_| true),
    }
}

/// Ends the deal: the arbitrator's collateral (unless slashed) goes back to it. Every outcome
/// has already emptied the parties' pots; refunding whatever is left is only a safety net so
/// that a closed deal can never keep anything.
pub fn close(deal: &mut Deal, ledger: &mut Ledger, outcome: Outcome) -> Result<(), ContractError> {
    refund_parties(deal, ledger)?;
    release_arbitrator(deal, ledger)?;
    deal.claimed = false;
    deal.status = Status::Closed { outcome };
    Ok(())
}
