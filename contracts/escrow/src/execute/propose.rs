use cosmwasm_std::{Addr, DepsMut, Env, Response, Timestamp, Uint128, Uint256};
use dac_common::text::validate_len;

use crate::attributes as attr;
use crate::error::ContractError;
use crate::execute::ledger::Ledger;
use crate::execute::Deposit;
use crate::msg::{DealKindMsg, ProposeMsg};
use crate::state::{
    later, save_deal, Config, Deal, DealKind, Pot, Role, Status, DEALS_BY_PARTY, MAX_DESCRIPTION,
    MAX_MILESTONES, MAX_POOL_MEMBERS, MAX_STEP_SECONDS,
};

/// sha256 of the empty text, in hex.
const SHA256_OF_NOTHING: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

// The limits spelled out: a `format!` costs wasm (the tests below check they are the constants).
const MILESTONES_OUT_OF_RANGE: &str = "a service needs between 1 and 12 milestones";
const TOO_MANY_MEMBERS: &str = "a pool has at most 20 members";

fn invalid(reason: &str) -> ContractError {
    ContractError::InvalidTerms(reason.to_string())
}

fn pot(address: Addr, role: Role, stake: Uint128) -> Pot {
    Pot {
        address,
        role,
        stake,
        units: Uint256::zero(),
        signed: false,
    }
}

fn check_timing(msg: &ProposeMsg, now: Timestamp) -> Result<(), ContractError> {
    if msg.sign_by <= now {
        return Err(invalid("sign_by must be in the future"));
    }
    if msg.due <= msg.sign_by {
        return Err(invalid("due must come after sign_by"));
    }
    if msg.ruling_seconds == 0 {
        return Err(invalid("the arbitrator needs some time to rule"));
    }
    for step in [msg.grace_seconds, msg.ruling_seconds, msg.appeal_seconds] {
        if step > MAX_STEP_SECONDS {
            return Err(invalid("a step may last at most a year"));
        }
    }
    if msg.due.seconds() - now.seconds() > 10 * MAX_STEP_SECONDS {
        return Err(invalid("due may be at most ten years away"));
    }
    Ok(())
}

/// Validates the kind and returns it with the extra pool members.
fn check_kind(
    deps: &DepsMut,
    msg: &ProposeMsg,
    stake: Uint128,
) -> Result<(DealKind, Vec<Pot>), ContractError> {
    let mut members = vec![];
    let kind = match &msg.kind {
        DealKindMsg::Forward {} => DealKind::Forward {},
        DealKindMsg::Loan { interest } => {
            if msg.counterparty_stake.is_zero() {
                return Err(invalid("a loan needs collateral from the borrower"));
            }
            DealKind::Loan {
                interest: *interest,
            }
        }
        DealKindMsg::Service { milestones } => {
            if milestones.is_empty() || milestones.len() > MAX_MILESTONES {
                return Err(invalid(MILESTONES_OUT_OF_RANGE));
            }
            let mut sum = Uint128::zero();
            let mut previous_due = msg.sign_by;
            // A milestone is claimable only once the previous one is settled, which a silent
            // buyer can put off until the previous due date plus the grace: a later milestone
            // due within that grace could be squeezed into a default.
            let mut earliest = msg.sign_by;
            for m in milestones {
                if m.amount.is_zero() {
                    return Err(invalid("every milestone must pay something"));
                }
                if m.due <= previous_due {
                    return Err(invalid(
                        "milestone dues must increase and come after sign_by",
                    ));
                }
                if m.due <= earliest {
                    return Err(invalid(
                        "each milestone must be due more than the grace after the previous one",
                    ));
                }
                previous_due = m.due;
                earliest = later(m.due, msg.grace_seconds.saturating_mul(1_000_000_000))?;
                sum = sum.checked_add(m.amount)?;
            }
            if previous_due != msg.due {
                return Err(invalid("the last milestone is due at the deal's due date"));
            }
            if sum != stake {
                return Err(invalid(
                    "the milestones must add up to the proposer's stake",
                ));
            }
            DealKind::Service {
                milestones: milestones.clone(),
            }
        }
        DealKindMsg::Insurance {} => {
            if msg.counterparty_stake.is_zero() {
                return Err(invalid("insurance needs cover from the insurer"));
            }
            DealKind::Insurance {}
        }
        DealKindMsg::Pool { members: terms } => {
            if terms.len() + 2 > MAX_POOL_MEMBERS {
                return Err(invalid(TOO_MANY_MEMBERS));
            }
            if msg.counterparty_stake.is_zero() {
                return Err(invalid("every pool member stakes something"));
            }
            for t in terms {
                if t.stake.is_zero() {
                    return Err(invalid("every pool member stakes something"));
                }
                let address = deps.api.addr_validate(&t.address)?;
                members.push(pot(address, Role::Member, t.stake));
            }
            DealKind::Pool {}
        }
        DealKindMsg::TradeShipment { attestor } => DealKind::TradeShipment {
            attestor: deps.api.addr_validate(attestor)?,
        },
        DealKindMsg::InformationSale { commitment } => {
            let lowercase_hex = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
            if commitment.len() != 64 || !commitment.bytes().all(lowercase_hex) {
                return Err(invalid(
                    "the commitment is a sha256 in 64 lowercase hex characters",
                ));
            }
            // Nothing to sell, and its reveal would be an empty attribute, which a chain may
            // refuse: the seller could then never deliver and would forfeit their stake.
            if commitment == SHA256_OF_NOTHING {
                return Err(invalid("the commitment is the sha256 of nothing"));
            }
            DealKind::InformationSale {
                commitment: commitment.clone(),
                preimage: None,
            }
        }
    };
    Ok((kind, members))
}

/// `config` as the caller loaded it (the cw20 hook reads it to check the token).
pub fn propose(
    deps: DepsMut,
    env: Env,
    config: &Config,
    proposer: Addr,
    deposit: Deposit,
    msg: ProposeMsg,
) -> Result<Response, ContractError> {
    let counterparty = deps.api.addr_validate(&msg.counterparty)?;
    let arbitrator = deps.api.addr_validate(&msg.arbitrator)?;
    if deposit.amount.is_zero() {
        return Err(invalid("the proposer's stake comes with the proposal"));
    }
    if msg.arbitrator_collateral.is_zero() {
        return Err(invalid("the arbitrator must post collateral"));
    }
    validate_len(&msg.description, "description", MAX_DESCRIPTION)?;
    check_timing(&msg, env.block.time)?;
    let (kind, members) = check_kind(&deps, &msg, deposit.amount)?;

    let mut parties = vec![
        pot(proposer.clone(), Role::Proposer, deposit.amount),
        pot(counterparty, Role::Counterparty, msg.counterparty_stake),
    ];
    parties.extend(members);
    // The attestor alone settles a shipment and never signs: a party or the arbitrator in that
    // role could stall it into the seller's default or attest a delivery that never came.
    if let DealKind::TradeShipment { attestor } = &kind {
        if *attestor == arbitrator || parties.iter().any(|p| p.address == *attestor) {
            return Err(ContractError::AttestorIsParty);
        }
    }
    for (i, p) in parties.iter().enumerate() {
        if p.address == arbitrator {
            return Err(ContractError::ArbitratorIsParty);
        }
        if parties[..i].iter().any(|q| q.address == p.address) {
            return Err(ContractError::DuplicateParty);
        }
    }

    let mut ledger = Ledger::open(deps.as_ref(), &env, &deposit.asset)?;
    parties[0].units = ledger.deposit(deposit.amount)?;
    parties[0].signed = true;

    let id = ledger.take_deal_id(deps.storage)?;
    let deal = Deal {
        id,
        kind,
        asset: deposit.asset.clone(),
        description: msg.description,
        parties,
        arbitrator: pot(arbitrator, Role::Arbitrator, msg.arbitrator_collateral),
        extra: Uint256::zero(),
        sign_by: msg.sign_by,
        due: msg.due,
        grace_seconds: msg.grace_seconds,
        ruling_seconds: msg.ruling_seconds,
        appeal_seconds: msg.appeal_seconds,
        panel_seconds: config.panel_seconds,
        status: Status::Proposed {},
        milestone: 0,
        claimed: false,
        dispute: None,
        paid_out: Uint128::zero(),
        created_at: env.block.time,
    };
    for p in deal.parties.iter().chain(std::iter::once(&deal.arbitrator)) {
        let canonical = deps.api.addr_canonicalize(p.address.as_str())?;
        DEALS_BY_PARTY.save(deps.storage, (canonical.as_slice(), id), &p.role)?;
    }
    let (_, _) = ledger.finish(deps.storage)?;
    let response = Response::new()
        .add_attribute(attr::ACTION, attr::ACTION_PROPOSE)
        .add_attribute(attr::DEAL_ID, id.to_string())
        .add_attribute(attr::KIND, deal.kind.label())
        .add_attribute(attr::SENDER, proposer)
        .add_attribute(attr::ARBITRATOR, deal.arbitrator.address.as_str())
        .add_attribute(attr::AMOUNT, deposit.amount)
        .add_attribute(attr::DENOM, deposit.asset.label())
        .add_attribute(attr::SHARES, deal.parties[0].units.to_string())
        .add_attribute(attr::DEADLINE, deal.sign_by.seconds().to_string());
    save_deal(deps.storage, deps.api, deal, None)?;
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spelled_out_limits_are_the_constants() {
        let milestones = format!("a service needs between 1 and {MAX_MILESTONES} milestones");
        assert_eq!(MILESTONES_OUT_OF_RANGE, milestones);
        let members = format!("a pool has at most {MAX_POOL_MEMBERS} members");
        assert_eq!(TOO_MANY_MEMBERS, members);
    }
}
