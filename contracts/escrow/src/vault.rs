//! Vault-share accounting of the escrow's demurrage-token balance.
//!
//! The balance decays while held, so a deal cannot be owed a fixed amount. Each deposit mints
//! shares against the balance held just before it; a payout redeems shares for
//! `shares * balance / total_shares`, rounded down. Rounding therefore never favours the one being
//! paid, the escrow never promises more than it holds, and the last shares out take the whole
//! remaining balance, so the last deal out is paid in full.

use cosmwasm_std::{Addr, Deps, Env, Uint128, Uint256};
use dac_common::calls::cw20_balance;

use crate::error::ContractError;

/// Shares minted per token unit by the first deposit into an empty vault. The fine grain keeps
/// the rounding loss of later deposits far below one unit.
pub const INITIAL_SHARES_PER_UNIT: u128 = 1_000_000;

#[derive(Debug, Clone, PartialEq)]
pub struct Vault {
    /// The escrow's token balance as decayed now, less what this message already paid out.
    pub balance: Uint128,
    pub total_shares: Uint256,
}

impl Vault {
    /// The vault of `total_shares` (stored in `state::TOTALS`) against the token's balance now.
    pub fn load(
        deps: Deps,
        env: &Env,
        token: &Addr,
        total_shares: Uint256,
    ) -> Result<Self, ContractError> {
        let balance = cw20_balance(&deps.querier, token.as_str(), env.contract.address.as_str())?;
        Ok(Vault {
            balance,
            total_shares,
        })
    }

    /// Shares for `amount` that has just arrived (the cw20 `Send` credited it before the
    /// hook runs, so it is already in `balance`). Rounded down, against the depositor.
    pub fn deposit(&mut self, amount: Uint128) -> Result<Uint256, ContractError> {
        let before = self.balance.saturating_sub(amount);
        let amount256 = Uint256::from(amount);
        let shares = if self.total_shares.is_zero() {
            amount256.checked_mul(Uint256::from(INITIAL_SHARES_PER_UNIT))?
        } else if before.is_zero() {
            // Everything held decayed to nothing: the old shares are owed nothing, so the new
            // ones must be worth more than every old share together by a factor beyond any
            // amount, leaving the old ones less than a unit.
            amount256
                .checked_mul(Uint256::from(INITIAL_SHARES_PER_UNIT))?
                .checked_mul(self.total_shares.checked_add(Uint256::one())?)?
        } else {
            amount256.checked_multiply_ratio(self.total_shares, before)?
        };
        if shares.is_zero() {
            return Err(ContractError::DepositTooSmall);
        }
        self.total_shares = self.total_shares.checked_add(shares)?;
        Ok(shares)
    }

    /// What `shares` are worth now, rounded down.
    pub fn value_of(&self, shares: Uint256) -> Result<Uint128, ContractError> {
        if shares.is_zero() || self.total_shares.is_zero() {
            return Ok(Uint128::zero());
        }
        let value = shares.checked_multiply_ratio(self.balance, self.total_shares)?;
        Ok(Uint128::try_from(value)?)
    }

    /// Burns `shares` and returns what they were worth; the caller pays it out.
    pub fn redeem(&mut self, shares: Uint256) -> Result<Uint128, ContractError> {
        let value = self.value_of(shares)?;
        self.total_shares = self.total_shares.checked_sub(shares)?;
        self.balance = self.balance.checked_sub(value)?;
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_deposit_mints_at_the_initial_rate_and_last_out_takes_everything() {
        let mut vault = Vault {
            balance: Uint128::new(100),
            total_shares: Uint256::zero(),
        };
        let a = vault.deposit(Uint128::new(100)).unwrap();
        assert_eq!(a, Uint256::from(100 * INITIAL_SHARES_PER_UNIT));
        // 100 decays to 90, then 50 arrives.
        vault.balance = Uint128::new(140);
        let b = vault.deposit(Uint128::new(50)).unwrap();
        // Rounded against the depositor: a fraction of a unit below what it brought.
        assert_eq!(vault.value_of(b).unwrap(), Uint128::new(49));
        assert_eq!(vault.value_of(a).unwrap(), Uint128::new(90));
        // Decay to 139: the first out is rounded down, the last takes the rest.
        vault.balance = Uint128::new(139);
        let paid_b = vault.redeem(b).unwrap();
        let paid_a = vault.redeem(a).unwrap();
        assert_eq!(paid_a + paid_b, Uint128::new(139));
        assert_eq!(vault.balance, Uint128::zero());
        assert!(vault.total_shares.is_zero());
    }

    #[test]
    fn deposit_into_a_decayed_to_nothing_vault_leaves_old_shares_worthless() {
        let mut vault = Vault {
            balance: Uint128::new(7),
            total_shares: Uint256::from(5u8),
        };
        let new = vault.deposit(Uint128::new(7)).unwrap();
        assert_eq!(vault.value_of(Uint256::from(5u8)).unwrap(), Uint128::zero());
        assert_eq!(vault.value_of(new).unwrap(), Uint128::new(6));
    }

    #[test]
    fn a_deposit_worth_no_share_is_refused() {
        let mut vault = Vault {
            balance: Uint128::new(1_000_001),
            total_shares: Uint256::one(),
        };
        assert_eq!(
            vault.deposit(Uint128::new(1)),
            Err(ContractError::DepositTooSmall)
        );
    }
}
