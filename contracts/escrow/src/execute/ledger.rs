//! What one message deposits and pays out for a deal: share accounting for token deals, plain
//! amounts for native ones, and the payout messages.
//!
//! Payouts are plain cw20 `Transfer`s of the configured token (the last one of a settlement that
//! empties the vault a `transfer_all`, see `finish`) and bank sends. Neither calls the
//! recipient, and every recipient is an address that already executed a message here (it
//! proposed, signed or deposited), so none is a blocked module account: a payout cannot fail and
//! cannot block a settlement. No claim step is needed, and nothing waits in the escrow, decaying,
//! for a recipient to come back.

use cosmwasm_std::{coins, Addr, BankMsg, CosmosMsg, Deps, Env, Storage, Uint128, Uint256};
use dac_common::calls::{cw20_transfer, token_transfer_all};

use crate::error::ContractError;
use crate::state::{Asset, Totals, TOTALS};
use crate::vault::Vault;

pub struct Ledger {
    asset: Asset,
    vault: Option<Vault>,
    /// The stored counters as read, once needed: always for a token deal (its shares), for a
    /// native one only to hand out an id. Written back only if they changed.
    totals: Option<(Totals, Totals)>,
    payouts: Vec<(Addr, Uint128)>,
}

fn load_totals(storage: &dyn Storage) -> Result<(Totals, Totals), ContractError> {
    let stored = TOTALS.may_load(storage)?.unwrap_or_default();
    Ok((stored.clone(), stored))
}

impl Ledger {
    pub fn open(deps: Deps, env: &Env, asset: &Asset) -> Result<Self, ContractError> {
        let (vault, totals) = match asset {
            Asset::Token { address } => {
                let totals = load_totals(deps.storage)?;
                let vault = Vault::load(deps, env, address, totals.1.shares)?;
                (Some(vault), Some(totals))
            }
            Asset::Native { .. } => (None, None),
        };
        Ok(Ledger {
            asset: asset.clone(),
            vault,
            totals,
            payouts: vec![],
        })
    }

    /// Hands out the id of a new deal (saved with the shares by `finish`).
    pub fn take_deal_id(&mut self, storage: &dyn Storage) -> Result<u64, ContractError> {
        let (_, totals) = match &mut self.totals {
            Some(totals) => totals,
            None => self.totals.insert(load_totals(storage)?),
        };
        totals.take_deal_id()
    }

    /// Units (shares or plain amount) for `amount` that has just arrived.
    pub fn deposit(&mut self, amount: Uint128) -> Result<Uint256, ContractError> {
        match &mut self.vault {
            Some(vault) => vault.deposit(amount),
            None => Ok(Uint256::from(amount)),
        }
    }

    /// Pays on at once what has just arrived, at its face value: it never belongs to the
    /// vault, so no share rounding touches it.
    pub fn pass_through(&mut self, to: &Addr, amount: Uint128) -> Result<(), ContractError> {
        if let Some(vault) = &mut self.vault {
            vault.balance = vault.balance.checked_sub(amount)?;
        }
        self.pay(to, amount);
        Ok(())
    }

    pub fn value_of(&self, units: Uint256) -> Result<Uint128, ContractError> {
        match &self.vault {
            Some(vault) => vault.value_of(units),
            None => Ok(Uint128::try_from(units)?),
        }
    }

    /// Redeems `units` for what they are worth now (to be paid by the caller).
    pub fn redeem(&mut self, units: Uint256) -> Result<Uint128, ContractError> {
        match &mut self.vault {
            Some(vault) => vault.redeem(units),
            None => Ok(Uint128::try_from(units)?),
        }
    }

    /// Empties a pot and returns what it held.
    pub fn take(&mut self, units: &mut Uint256) -> Result<Uint128, ContractError> {
        let value = self.redeem(*units)?;
        *units = Uint256::zero();
        Ok(value)
    }

    pub fn pay(&mut self, to: &Addr, amount: Uint128) {
        if amount.is_zero() {
            return;
        }
        match self.payouts.iter_mut().find(|(addr, _)| addr == to) {
            Some((_, total)) => *total += amount,
            None => self.payouts.push((to.clone(), amount)),
        }
    }

    /// Saves the counters if they changed and returns the payout messages and what they pay in
    /// all, as the vault counts it (a `transfer_all` may move up to one unit per earlier
    /// transfer less).
    pub fn finish(
        self,
        storage: &mut dyn Storage,
    ) -> Result<(Vec<CosmosMsg>, Uint128), ContractError> {
        if let Some((stored, mut totals)) = self.totals {
            if let Some(vault) = &self.vault {
                totals.shares = vault.total_shares;
            }
            if totals != stored {
                TOTALS.save(storage, &totals)?;
            }
        }
        let mut payouts = self.payouts;
        let mut last_takes_all = false;
        if let Some(vault) = &self.vault {
            // The token debits each transfer's shares rounded up, so each transfer after the
            // first may find one unit less than the vault counted.
            let may_lose = Uint128::new(payouts.len().saturating_sub(1) as u128);
            if vault.balance < may_lose {
                match payouts.last() {
                    // Nothing is left for other deals: the last payout takes what is really there.
                    Some((_, last)) if vault.balance.is_zero() && *last > may_lose => {
                        last_takes_all = true
                    }
                    // Otherwise the last payouts leave behind what the rounding may take.
                    _ => {
                        let mut short = may_lose - vault.balance;
                        for (_, amount) in payouts.iter_mut().rev() {
                            let cut = short.min(*amount);
                            *amount -= cut;
                            short -= cut;
                        }
                        payouts.retain(|(_, amount)| !amount.is_zero());
                    }
                }
            }
        }
        let mut total = Uint128::zero();
        let mut msgs = Vec::with_capacity(payouts.len());
        let last = payouts.len().saturating_sub(1);
        for (i, (to, amount)) in payouts.into_iter().enumerate() {
            total = total.checked_add(amount)?;
            msgs.push(match &self.asset {
                Asset::Token { address } if last_takes_all && i == last => {
                    token_transfer_all(address.as_str(), to.as_str())?
                }
                // The JSON of `Cw20ExecuteMsg::Transfer`, without linking that whole enum's
                // serializer (about 3 KiB of wasm).
                Asset::Token { address } => cw20_transfer(address.as_str(), to.as_str(), amount)?,
                Asset::Native { denom } => BankMsg::Send {
                    to_address: to.to_string(),
                    amount: coins(amount.u128(), denom),
                }
                .into(),
            });
        }
        Ok((msgs, total))
    }
}

#[cfg(test)]
mod tests {
    use cosmwasm_std::testing::MockStorage;

    use super::*;

    const TOKEN: &str = "token";

    /// A token deal's ledger about to finish: `balance` is what the vault will still hold once
    /// `payouts` are paid (other deals' value, or nothing).
    fn finish(balance: u128, payouts: &[(&str, u128)]) -> (Vec<CosmosMsg>, Uint128) {
        let ledger = Ledger {
            asset: Asset::Token {
                address: Addr::unchecked(TOKEN),
            },
            vault: Some(Vault {
                balance: Uint128::new(balance),
                total_shares: Uint256::from(1_000u32),
            }),
            totals: None,
            payouts: payouts
                .iter()
                .map(|(to, amount)| (Addr::unchecked(*to), Uint128::new(*amount)))
                .collect(),
        };
        ledger.finish(&mut MockStorage::new()).unwrap()
    }

    fn transfers(payouts: &[(&str, u128)]) -> Vec<CosmosMsg> {
        payouts
            .iter()
            .map(|(to, amount)| cw20_transfer(TOKEN, to, Uint128::new(*amount)).unwrap())
            .collect()
    }

    #[test]
    fn the_last_payouts_leave_behind_what_the_tokens_rounding_may_take() {
        // Three transfers may each after the first find a unit less than the vault counted: two
        // in all. With one unit left for other deals, the last payout leaves one more.
        let paid = [("a", 10), ("b", 5), ("c", 3)];
        assert_eq!(
            finish(1, &paid),
            (
                transfers(&[("a", 10), ("b", 5), ("c", 2)]),
                Uint128::new(17)
            )
        );
        // The cut goes on to the payout before when the last one is smaller, and a payout cut
        // to nothing is not sent.
        let small_last = [("a", 10), ("b", 5), ("c", 1)];
        assert_eq!(
            finish(0, &small_last),
            (transfers(&[("a", 10), ("b", 4)]), Uint128::new(14))
        );
        // Enough left for the rounding: paid as counted.
        assert_eq!(finish(2, &paid), (transfers(&paid), Uint128::new(18)));
    }

    #[test]
    fn with_nothing_left_for_other_deals_the_last_payout_takes_what_is_there() {
        let (msgs, paid) = finish(0, &[("a", 10), ("b", 5), ("c", 3)]);
        let mut expected = transfers(&[("a", 10), ("b", 5)]);
        expected.push(token_transfer_all(TOKEN, "c").unwrap());
        assert_eq!((msgs, paid), (expected, Uint128::new(18)));
    }
}
