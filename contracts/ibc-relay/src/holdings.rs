//! Share accounting of the relay's own token. The relay's balance decays like any other, so it
//! never records amounts: it records units, and a unit is worth `balance / total_units` at the
//! moment it is redeemed. Vouchers on other nodes are these units, so what comes back is a share
//! of the decayed holdings and no value is created or lost by moving between nodes.

use cosmwasm_std::{Addr, QuerierWrapper, StdResult, Storage, Uint128, Uint256};
use dac_common::calls::cw20_balance;

use crate::error::ContractError;
use crate::state::Ledger;

/// The relay's balance of `token`, as decayed at this block.
pub fn token_balance(querier: &QuerierWrapper, token: &Addr, holder: &Addr) -> StdResult<Uint128> {
    cw20_balance(querier, token.as_str(), holder.as_str())
}

/// The relay's token balance as one message sees it: asked of the token once, then lowered by
/// every payout the message makes. The payouts are cw20 transfers that run only after the
/// message returns, so asking the token again within it would count them as still held (a
/// channel close refunding several transfers would pay the later ones twice over).
#[derive(Debug, Default)]
pub struct HeldBalance(Option<Uint128>);

impl HeldBalance {
    /// Redeems `units` out of what this message still holds (the token is asked once per
    /// message): answers what they are worth, which leaves with the message.
    pub fn redeem(
        &mut self,
        storage: &mut dyn Storage,
        querier: &QuerierWrapper,
        token: &Addr,
        relay: &Addr,
        units: Uint128,
    ) -> Result<Uint128, ContractError> {
        let balance = match self.0 {
            Some(balance) => balance,
            None => token_balance(querier, token, relay)?,
        };
        let mut ledger = Ledger::load(storage)?;
        let value = redeem_units(&mut ledger, balance, units)?;
        ledger.save(storage);
        self.0 = Some(balance.checked_sub(value)?);
        Ok(value)
    }
}

/// Virtual units and virtual balance added to every price (ERC-4626's defence against the
/// first-depositor inflation attack): the holdings always count `VIRTUAL_UNITS` units nobody
/// owns, backed by `VIRTUAL_BALANCE`. A first deposit buys `VIRTUAL_UNITS` units per micro-token,
/// so rounding costs a depositor at most one unit (a millionth of a micro-token at par), and a
/// plain donation to the relay is shared with the virtual units: inflating the unit price to
/// round the next sender down costs the attacker far more than the sender loses.
pub const VIRTUAL_UNITS: u128 = 1_000_000;
pub const VIRTUAL_BALANCE: u128 = 1;

fn to_u128(value: Uint256) -> Result<Uint128, ContractError> {
    Uint128::try_from(value).map_err(|_| ContractError::WorthlessShares)
}

/// Units a deposit of `amount` buys when the holdings were worth `balance_before`:
/// `amount * (total + VIRTUAL_UNITS) / (balance_before + VIRTUAL_BALANCE)`, rounded down so
/// the depositor never dilutes the others.
pub fn units_for_deposit(
    total_units: Uint128,
    balance_before: Uint128,
    amount: Uint128,
) -> Result<Uint128, ContractError> {
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount);
    }
    let units = Uint256::from(amount)
        .checked_mul(Uint256::from(total_units) + Uint256::from(VIRTUAL_UNITS))?
        / (Uint256::from(balance_before) + Uint256::from(VIRTUAL_BALANCE));
    if units.is_zero() {
        return Err(ContractError::DustAmount);
    }
    to_u128(units)
}

/// What `units` (at most `total_units`) are worth out of `balance`:
/// `units * (balance + VIRTUAL_BALANCE) / (total + VIRTUAL_UNITS)`, rounded down so the
/// remaining holders never lose. For `units <= total_units` it is never more than `balance`
/// (`units * (balance + 1) < (balance + 1) * (total + VIRTUAL_UNITS)`), so a payout is covered.
pub fn value_of_units(
    total_units: Uint128,
    balance: Uint128,
    units: Uint128,
) -> Result<Uint128, ContractError> {
    let value = Uint256::from(units)
        .checked_mul(Uint256::from(balance) + Uint256::from(VIRTUAL_BALANCE))?
        / (Uint256::from(total_units) + Uint256::from(VIRTUAL_UNITS));
    to_u128(value)
}

/// The fewest units worth at least `amount` out of `balance`: rounds up, so paying an exact
/// price never takes value from the remaining holders.
pub fn units_to_pay(
    total_units: Uint128,
    balance: Uint128,
    amount: Uint128,
) -> Result<Uint128, ContractError> {
    let per = Uint256::from(balance) + Uint256::from(VIRTUAL_BALANCE);
    let units = Uint256::from(amount)
        .checked_mul(Uint256::from(total_units) + Uint256::from(VIRTUAL_UNITS))?
        .checked_add(per - Uint256::one())?
        / per;
    to_u128(units)
}

pub fn mint_units(ledger: &mut Ledger, units: Uint128) -> Result<(), ContractError> {
    ledger.total_units = ledger.total_units.checked_add(units)?;
    Ok(())
}

/// Burns `units` and returns what they were worth out of `balance`.
pub fn redeem_units(
    ledger: &mut Ledger,
    balance: Uint128,
    units: Uint128,
) -> Result<Uint128, ContractError> {
    let value = value_of_units(ledger.total_units, balance, units)?;
    ledger.total_units = ledger.total_units.checked_sub(units)?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const V: u128 = VIRTUAL_UNITS;

    #[test]
    fn first_deposit_buys_a_million_units_per_micro() {
        assert_eq!(
            units_for_deposit(Uint128::zero(), Uint128::zero(), Uint128::new(500)).unwrap(),
            Uint128::new(500 * V)
        );
        assert_eq!(
            units_for_deposit(Uint128::zero(), Uint128::zero(), Uint128::zero()),
            Err(ContractError::ZeroAmount)
        );
    }

    #[test]
    fn later_deposits_buy_at_the_decayed_price() {
        // 1000 * V units now worth 500: a deposit of 100 buys about 200 * V units.
        let units = units_for_deposit(Uint128::new(1000 * V), Uint128::new(500), Uint128::new(100))
            .unwrap()
            .u128();
        assert!(units <= 200 * V && units > 199 * V, "{units}");
        // Too small to buy a unit when a unit is worth more than the deposit.
        assert_eq!(
            units_for_deposit(
                Uint128::new(1),
                Uint128::new(u64::MAX.into()),
                Uint128::new(1)
            ),
            Err(ContractError::DustAmount)
        );
    }

    /// Finding 5: the first sender sends 1 micro, donates 499,999 to the relay with a plain cw20
    /// transfer, and the next sender's 999,000 used to buy a single unit, worth ~750,000 on
    /// redemption (the attacker taking ~249,500). With virtual units the victim loses at most one
    /// micro and the attacker loses most of the donation.
    #[test]
    fn a_first_deposit_and_a_donation_cannot_inflate_the_unit() {
        let attacker = units_for_deposit(Uint128::zero(), Uint128::zero(), Uint128::one()).unwrap();
        let donation = 499_999u128;
        let balance_before = Uint128::new(1 + donation);
        let victim = units_for_deposit(attacker, balance_before, Uint128::new(999_000)).unwrap();
        let total = attacker + victim;
        let balance = Uint128::new(1 + donation + 999_000);
        let victim_back = value_of_units(total, balance, victim).unwrap().u128();
        let attacker_back = value_of_units(total, balance, attacker).unwrap().u128();
        assert!(victim_back + 1 >= 999_000, "victim got {victim_back}");
        assert!(
            attacker_back < 1 + donation,
            "attacker spent {} and got {attacker_back}",
            1 + donation
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Paying a price takes the fewest units worth at least the price.
        #[test]
        fn units_to_pay_are_the_fewest_that_cover_the_price(
            total in 1u128..1_000_000_000_000_000_000,
            balance in 1u128..1_000_000_000_000,
            price in 1u128..1_000_000_000,
        ) {
            let (total, balance, price) = (Uint128::new(total), Uint128::new(balance), Uint128::new(price));
            let units = units_to_pay(total, balance, price).unwrap();
            prop_assert!(value_of_units(total, balance, units).unwrap() >= price);
            prop_assert!(value_of_units(total, balance, units - Uint128::one()).unwrap() < price);
        }

        /// Depositing then redeeming never gives back more than was deposited, and loses at most
        /// what one unit is worth plus one micro.
        #[test]
        fn a_deposit_loses_at_most_one_unit_and_never_gains(
            total in 0u128..1_000_000_000_000_000_000,
            balance in 0u128..1_000_000_000_000,
            amount in 1u128..1_000_000_000_000,
        ) {
            if let Ok(units) = units_for_deposit(Uint128::new(total), Uint128::new(balance), Uint128::new(amount)) {
                let total_after = Uint128::new(total) + units;
                let balance_after = Uint128::new(balance + amount);
                let back = value_of_units(total_after, balance_after, units).unwrap().u128();
                prop_assert!(back <= amount);
                let one_unit = (balance + amount + VIRTUAL_BALANCE).div_ceil(total_after.u128() + V);
                prop_assert!(amount - back <= one_unit + 1, "lost {} (a unit is {one_unit})", amount - back);
            }
        }

        /// Over deposits, plain donations, decay and redemptions in any order, every holder
        /// redeems at most what the holdings hold, a deposit never gains, and its loss stays
        /// within one unit's worth plus one micro whatever was donated before it.
        #[test]
        fn donations_never_let_a_depositor_lose_more_than_a_unit(
            ops in proptest::collection::vec((0u8..4, 1u128..2_000_000_000), 1..40),
        ) {
            let mut total = Uint128::zero();
            let mut balance = Uint128::zero();
            let mut holders: Vec<Uint128> = vec![];
            for (kind, amount) in ops {
                match kind {
                    0 => {
                        let amount = Uint128::new(amount);
                        let Ok(units) = units_for_deposit(total, balance, amount) else { continue };
                        total += units;
                        balance += amount;
                        let back = value_of_units(total, balance, units).unwrap();
                        prop_assert!(back <= amount);
                        let one_unit = (balance.u128() + VIRTUAL_BALANCE).div_ceil(total.u128() + V);
                        prop_assert!((amount - back).u128() <= one_unit + 1);
                        holders.push(units);
                    }
                    // A plain cw20 transfer to the relay.
                    1 => balance += Uint128::new(amount),
                    // Demurrage: up to a tenth decays.
                    2 => balance -= balance.multiply_ratio(amount % 100, 1000u128),
                    _ => {
                        if holders.is_empty() { continue }
                        let units = holders.swap_remove((amount as usize) % holders.len());
                        let value = value_of_units(total, balance, units).unwrap();
                        prop_assert!(value <= balance);
                        total -= units;
                        balance -= value;
                    }
                }
            }
        }
    }
}
