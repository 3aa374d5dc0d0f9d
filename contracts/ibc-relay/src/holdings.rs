//! Share accounting of the relay's own token. The relay's balance decays like any other, so it
//! never records amounts: it records units, and a unit is worth `balance / total_units` at the
//! moment it is redeemed. Vouchers on other nodes are these units, so what comes back is a share
//! of the decayed holdings and no value is created or lost by moving between nodes.

use cosmwasm_std::{Addr, QuerierWrapper, StdResult, Storage, Uint128, Uint256};
use dac_common::calls::cw20_balance;

use crate::error::ContractError;
use crate::state::TOTAL_UNITS;

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
        let value = redeem_units(storage, balance, units)?;
        self.0 = Some(balance.checked_sub(value)?);
        Ok(value)
    }
}

/// Units a deposit of `amount` buys when the holdings were worth `balance_before`. Rounds down,
/// so the depositor never dilutes the others.
pub fn units_for_deposit(
    total_units: Uint128,
    balance_before: Uint128,
    amount: Uint128,
) -> Result<Uint128, ContractError> {
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount);
    }
    if total_units.is_zero() {
        return Ok(amount);
    }
    if balance_before.is_zero() {
        // Everything held has decayed away: the old units are worth nothing next to the new.
        return Ok(amount.checked_mul(total_units)?);
    }
    let units = amount.checked_multiply_ratio(total_units, balance_before)?;
    if units.is_zero() {
        return Err(ContractError::DustAmount);
    }
    Ok(units)
}

/// What `units` are worth out of `balance`; rounds down so the remaining holders never lose.
pub fn value_of_units(
    total_units: Uint128,
    balance: Uint128,
    units: Uint128,
) -> Result<Uint128, ContractError> {
    if total_units.is_zero() {
        return Ok(Uint128::zero());
    }
    Ok(units.checked_multiply_ratio(balance, total_units)?)
}

/// The fewest units worth at least `amount` out of `balance`: rounds up, so paying an exact
/// price never takes value from the remaining holders.
pub fn units_to_pay(
    total_units: Uint128,
    balance: Uint128,
    amount: Uint128,
) -> Result<Uint128, ContractError> {
    if total_units.is_zero() || balance.is_zero() {
        return Err(ContractError::WorthlessShares);
    }
    let balance = Uint256::from(balance);
    let units = amount
        .full_mul(total_units)
        .checked_add(balance - Uint256::one())?
        / balance;
    Uint128::try_from(units).map_err(|_| ContractError::WorthlessShares)
}

pub fn mint_units(storage: &mut dyn Storage, units: Uint128) -> Result<(), ContractError> {
    let total = TOTAL_UNITS.may_load(storage)?.unwrap_or_default();
    TOTAL_UNITS.save(storage, &total.checked_add(units)?)?;
    Ok(())
}

/// Burns `units` and returns what they were worth out of `balance`.
pub fn redeem_units(
    storage: &mut dyn Storage,
    balance: Uint128,
    units: Uint128,
) -> Result<Uint128, ContractError> {
    let total = TOTAL_UNITS.may_load(storage)?.unwrap_or_default();
    let value = value_of_units(total, balance, units)?;
    TOTAL_UNITS.save(storage, &total.checked_sub(units)?)?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn first_deposit_sets_the_unit() {
        assert_eq!(
            units_for_deposit(Uint128::zero(), Uint128::zero(), Uint128::new(500)).unwrap(),
            Uint128::new(500)
        );
        assert_eq!(
            units_for_deposit(Uint128::zero(), Uint128::zero(), Uint128::zero()),
            Err(ContractError::ZeroAmount)
        );
    }

    #[test]
    fn later_deposits_buy_at_the_decayed_price() {
        // 1000 units now worth 500: a deposit of 100 buys 200 units.
        assert_eq!(
            units_for_deposit(Uint128::new(1000), Uint128::new(500), Uint128::new(100)).unwrap(),
            Uint128::new(200)
        );
        // Too small to buy a unit when a unit is worth more than the deposit.
        assert_eq!(
            units_for_deposit(Uint128::new(1), Uint128::new(1000), Uint128::new(1)),
            Err(ContractError::DustAmount)
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Paying a price takes the fewest units worth at least the price.
        #[test]
        fn units_to_pay_are_the_fewest_that_cover_the_price(
            total in 1u128..1_000_000_000_000,
            balance in 1u128..1_000_000_000_000,
            price in 1u128..1_000_000_000,
        ) {
            let (total, balance, price) = (Uint128::new(total), Uint128::new(balance), Uint128::new(price));
            let units = units_to_pay(total, balance, price).unwrap();
            prop_assert!(value_of_units(total, balance, units).unwrap() >= price);
            prop_assert!(value_of_units(total, balance, units - Uint128::one()).unwrap() < price);
        }

        /// Depositing then redeeming never gives back more than was deposited.
        #[test]
        fn round_trip_never_creates_value(
            total in 1u128..1_000_000_000_000,
            balance in 1u128..1_000_000_000_000,
            amount in 1u128..1_000_000_000_000,
        ) {
            if let Ok(units) = units_for_deposit(Uint128::new(total), Uint128::new(balance), Uint128::new(amount)) {
                let back = value_of_units(
                    Uint128::new(total) + units,
                    Uint128::new(balance + amount),
                    units,
                ).unwrap();
                prop_assert!(back <= Uint128::new(amount));
            }
        }
    }
}
