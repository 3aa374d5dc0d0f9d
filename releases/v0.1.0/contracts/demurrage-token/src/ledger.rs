//! The arithmetic of demurrage and basic income, free of storage so it can be tested alone.
//!
//! **Decay: a global index and base shares.** A global index `I(t) = I_checkpoint · γ^n`
//! (γ = 1 − rate, n = whole periods since the checkpoint, the last rate change) is recomputed
//! from scratch by square-and-multiply at 36 digits, never by chaining, and floored once to the
//! index's 27 digits, so it has one value per block and it never rises. Each account holds
//! *shares*; its balance is `⌊shares · I / D⌋` with `D = INDEX_SCALE · SHARES_PER_UNIT = 10^36`,
//! so every balance decays at once without being written. With `D` at 10^36 every product of
//! the share arithmetic is at most `u128::MAX · 10^36` and fits in 256 bits.
//! Moving `x` takes `⌈x · D / I⌉` shares from the sender and gives exactly those to the
//! recipient: `Σ shares == total shares` is exact and a transfer writes nothing global. What
//! the holders own together is `⌊total shares · I / D⌋`; the rest of the supply is the commons
//! pool, so the pool grows by exactly what the balances lost. Each balance is floored too, so
//! `supply − pool − Σ balances` lies in `[0, holders]` (under one unit per holder), and holders
//! together can never spend more than `supply − pool`. Rounding never favours the caller: a
//! debit takes its shares rounded up; the pool rounds up.
//!
//! **Basic income.** The commons records the pool's growth whenever it is updated (a claim, a
//! membership change, a burn, a rate change or `settle`), together with a decay of the pool's
//! own unallocated reserve at the same rate (so the commons is no hoard either), and credits it
//! to an accumulator `acc` of income per member, scaled by [`INCOME_SCALE`]. Membership only
//! changes at such updates, so members earn only for the time they were members. A member's
//! claim is `acc_now − acc_at_join_or_last_claim`, limited to the income window, and is paid by
//! minting the member new shares worth at most the claim, out of the pool. `owed` tracks
//! `Σ_members (acc − snapshot)` exactly and `pool · INCOME_SCALE ≥ owed` always, so the pool can
//! never pay more than it holds.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Decimal, StdError, StdResult, Timestamp, Uint128, Uint256};

/// Fixed-point scale of the decay index: 1.0 == 10^27.
pub const INDEX_SCALE: Uint256 = Uint256::from_u128(1_000_000_000_000_000_000_000_000_000);
/// Fixed-point scale of γ and its powers, 10^36, so the ladder's floors stay far below the
/// index's last digit.
const LADDER_SCALE: Uint256 = Uint256::from_u128(1_000_000_000_000_000_000_000_000_000_000_000_000);
/// Shares per token unit at index 1.0: fine enough that a transfer of `x` lowers the sender's
/// balance by exactly `x`, except once in about 10^9 transfers when it is `x + 1`.
pub const SHARES_PER_UNIT: Uint256 = Uint256::from_u128(1_000_000_000);
/// Fixed-point scale of the income accumulator: one token unit per member == 10^18.
pub const INCOME_SCALE: Uint256 = Uint256::from_u128(1_000_000_000_000_000_000);

pub const SECONDS_PER_YEAR: u64 = 365 * 24 * 60 * 60;
/// The hard ceiling: rate × periods per year may never exceed this.
pub const MAX_YEARLY_RATE: Decimal = Decimal::percent(50);
pub const MIN_PERIOD_SECONDS: u64 = 60;
pub const MAX_PERIOD_SECONDS: u64 = SECONDS_PER_YEAR;
/// Income older than this many periods cannot be claimed; a bound keeps the window meaningful.
pub const MAX_INCOME_WINDOW_PERIODS: u64 = 10_000;

/// The demurrage schedule: everything the index needs, and nothing else (every transfer reads
/// it). Changes only by governance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schedule {
    pub rate: Decimal,
    pub period_seconds: u64,
    /// When the current rate took effect (a period boundary) and the index at that moment.
    pub checkpoint_time: Timestamp,
    pub checkpoint_index: Uint256,
}

/// The commons pool and basic income. Read and written by claims, membership changes, burns,
/// rate changes and `settle`; never by a transfer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Commons {
    /// Tokens in the commons pool: `pool + ⌊total_shares · index / D⌋ == total supply`.
    pub pool: Uint128,
    /// Σ of every account's shares, exactly.
    pub total_shares: Uint256,
    /// The index when the commons was last updated: the pool's growth is counted from here.
    pub index: Uint256,
    pub members: u64,
    /// Income credited per member since genesis, × INCOME_SCALE.
    pub income_acc: Uint256,
    /// Σ over members of (income_acc − their snapshot), × INCOME_SCALE.
    pub owed: Uint256,
    /// When the last income-history entry was written.
    pub last_history_time: Timestamp,
    pub income_paid_total: Uint128,
    pub income_window_periods: u64,
}

/// The income accumulator as it stood before the first credit of a period; the claim window
/// looks these up. Written at most once per period.
#[cw_serde]
pub struct HistoryEntry {
    pub time: Timestamp,
    pub acc: Uint256,
}

/// What a claim paid: the tokens that left the pool and the shares minted for them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Payout {
    pub amount: Uint128,
    pub shares: Uint256,
}

pub fn validate_schedule(rate: Decimal, period_seconds: u64) -> Result<(), ScheduleError> {
    if !(MIN_PERIOD_SECONDS..=MAX_PERIOD_SECONDS).contains(&period_seconds) {
        return Err(ScheduleError::Period {
            min: MIN_PERIOD_SECONDS,
            max: MAX_PERIOD_SECONDS,
        });
    }
    let periods_per_year = Decimal::from_ratio(SECONDS_PER_YEAR, period_seconds);
    let yearly = rate
        .checked_mul(periods_per_year)
        .map_err(|_| ScheduleError::Rate {
            max_yearly: MAX_YEARLY_RATE,
        })?;
    if yearly > MAX_YEARLY_RATE {
        return Err(ScheduleError::Rate {
            max_yearly: MAX_YEARLY_RATE,
        });
    }
    Ok(())
}

#[derive(Debug, PartialEq, thiserror::Error)]
pub enum ScheduleError {
    #[error("period must be between {min} and {max} seconds")]
    Period { min: u64, max: u64 },
    #[error("rate × periods per year may not exceed {max_yearly}")]
    Rate { max_yearly: Decimal },
}

/// γ = 1 − rate, at LADDER_SCALE.
fn gamma(rate: Decimal) -> Uint256 {
    // Decimal has 18 fractional digits; LADDER_SCALE has 36.
    let keep =
        Uint256::from(Decimal::one().atomics() - rate.atomics().min(Decimal::one().atomics()));
    keep * Uint256::from_u128(1_000_000_000_000_000_000)
}

/// `base^n` at LADDER_SCALE by square-and-multiply; each product is floored.
pub fn pow_scaled(base: Uint256, mut n: u64) -> StdResult<Uint256> {
    let mut result = LADDER_SCALE;
    let mut square = base;
    while n > 0 {
        if n & 1 == 1 {
            result = result.checked_mul(square)?.checked_div(LADDER_SCALE)?;
            if result.is_zero() {
                break;
            }
        }
        n >>= 1;
        if n > 0 {
            square = square.checked_mul(square)?.checked_div(LADDER_SCALE)?;
        }
    }
    Ok(result)
}

impl Schedule {
    pub fn genesis(rate: Decimal, period_seconds: u64, now: Timestamp) -> Self {
        Schedule {
            rate,
            period_seconds,
            checkpoint_time: now,
            checkpoint_index: INDEX_SCALE,
        }
    }

    /// Whole periods elapsed from the checkpoint to `at` (zero before it).
    fn periods_until(&self, at: Timestamp) -> u64 {
        at.seconds().saturating_sub(self.checkpoint_time.seconds()) / self.period_seconds
    }

    /// The global index at `at` under the current schedule.
    pub fn index_at(&self, at: Timestamp) -> StdResult<Uint256> {
        let factor = pow_scaled(gamma(self.rate), self.periods_until(at))?;
        Ok(self
            .checkpoint_index
            .checked_mul(factor)?
            .checked_div(LADDER_SCALE)?)
    }

    /// Starts a new schedule: decay up to now stays as it was, the new rate applies to every
    /// period boundary from now on. With the period unchanged the phase is kept (the checkpoint
    /// moves to the current period's start, where the index already is), so that re-sending a
    /// schedule can never postpone a decay step; a new period length starts its phase now.
    pub fn rebase(&mut self, now: Timestamp, rate: Decimal, period_seconds: u64) -> StdResult<()> {
        let index = self.index_at(now)?;
        self.checkpoint_time = if period_seconds == self.period_seconds {
            self.checkpoint_time
                .plus_seconds(self.periods_until(now) * self.period_seconds)
        } else {
            now
        };
        self.checkpoint_index = index;
        self.rate = rate;
        self.period_seconds = period_seconds;
        Ok(())
    }
}

/// `a · b / c`, rounded down or up. The products here are at most `u128::MAX · 10^36`.
fn mul_div(a: Uint256, b: Uint256, c: Uint256, round_up: bool) -> StdResult<Uint256> {
    if c.is_zero() {
        return Err(StdError::generic_err("the decay index has reached zero"));
    }
    let product = a.checked_mul(b)?;
    let q = product / c;
    if round_up && !(product % c).is_zero() {
        return Ok(q.checked_add(Uint256::one())?);
    }
    Ok(q)
}

/// `D = INDEX_SCALE · SHARES_PER_UNIT = 10^36`, the denominator of every balance (a test checks
/// the product; a constant spares the multiplication on every balance).
const SHARE_DENOMINATOR: Uint256 =
    Uint256::from_u128(1_000_000_000_000_000_000_000_000_000_000_000_000);

fn to_units(value: Uint256) -> StdResult<Uint128> {
    Uint128::try_from(value).map_err(|e| StdError::generic_err(e.to_string()))
}

/// What `shares` are worth at `index`, rounded down: an account's balance.
pub fn balance_of(shares: Uint256, index: Uint256) -> StdResult<Uint128> {
    if shares.is_zero() || index.is_zero() {
        return Ok(Uint128::zero());
    }
    to_units(mul_div(shares, index, SHARE_DENOMINATOR, false)?)
}

/// The fewest shares worth at least `amount` (rounded up): what a debit of `amount` takes.
/// For `amount ≤ balance_of(s, index)` this is at most `s`, since `amount ≤ s · index / D`
/// and `s` is a whole number.
pub fn shares_for(amount: Uint128, index: Uint256) -> StdResult<Uint256> {
    mul_div(amount.into(), SHARE_DENOMINATOR, index, true)
}

/// What all holders own together, rounded down like each balance (so the pool, the rest, is
/// rounded up, and `Σ balances ≤ this`).
pub fn holders_value(total_shares: Uint256, index: Uint256) -> StdResult<Uint128> {
    to_units(mul_div(total_shares, index, SHARE_DENOMINATOR, false)?)
}

/// `amount` decayed from index `from` to index `to`, floored, never above `amount`.
fn decayed(amount: Uint128, from: Uint256, to: Uint256) -> StdResult<Uint128> {
    if from <= to || amount.is_zero() {
        return Ok(amount);
    }
    to_units(mul_div(amount.into(), to, from, false)?)
}

impl Commons {
    pub fn genesis(
        pool: Uint128,
        total_shares: Uint256,
        now: Timestamp,
        income_window_periods: u64,
    ) -> Self {
        Commons {
            pool,
            total_shares,
            index: INDEX_SCALE,
            members: 0,
            income_acc: Uint256::zero(),
            owed: Uint256::zero(),
            last_history_time: now,
            income_paid_total: Uint128::zero(),
            income_window_periods,
        }
    }

    /// What all holders own together at the commons' index: `pool + this == supply`.
    pub fn holders_value(&self) -> StdResult<Uint128> {
        holders_value(self.total_shares, self.index)
    }

    /// Part of the pool not yet credited to anyone, in token units (floored).
    pub fn reserve(&self) -> StdResult<Uint128> {
        let scaled = Uint256::from(self.pool)
            .checked_mul(INCOME_SCALE)?
            .checked_sub(self.owed)?;
        to_units(scaled / INCOME_SCALE)
    }

    pub fn income_window_seconds(&self, period_seconds: u64) -> u64 {
        self.income_window_periods.saturating_mul(period_seconds)
    }

    /// Brings the commons to `now`: what the balances lost since the last update moves into the
    /// pool, and it and the reserve's own decay are credited as income. Returns the decay that
    /// flowed into the pool and the income-history entry to record, when a new period has begun
    /// since the last one.
    pub fn advance(
        &mut self,
        now: Timestamp,
        index_now: Uint256,
        period_seconds: u64,
    ) -> StdResult<(Uint128, Option<HistoryEntry>)> {
        let entry = if now.seconds() >= self.last_history_time.seconds() + period_seconds {
            self.last_history_time = now;
            Some(HistoryEntry {
                time: now,
                acc: self.income_acc,
            })
        } else {
            None
        };
        // The index never rises; should the floors of two ladders ever disagree, the commons
        // keeps the lower one rather than take value back from the pool.
        if index_now >= self.index {
            return Ok((Uint128::zero(), entry));
        }
        let reserve = self.reserve()?;
        let reserve_decay = reserve - decayed(reserve, self.index, index_now)?;
        let before = self.holders_value()?;
        self.index = index_now;
        let decay = before.checked_sub(self.holders_value()?)?;
        self.pool = self.pool.checked_add(decay)?;
        self.credit_income(decay.checked_add(reserve_decay)?)?;
        Ok((decay, entry))
    }

    /// Shares `amount` (already in the pool) among the members. With no members it stays in the
    /// reserve; the floor's remainder stays there too.
    fn credit_income(&mut self, amount: Uint128) -> StdResult<()> {
        if self.members == 0 || amount.is_zero() {
            return Ok(());
        }
        let per_member = Uint256::from(amount)
            .checked_mul(INCOME_SCALE)?
            .checked_div(Uint256::from(self.members))?;
        self.income_acc = self.income_acc.checked_add(per_member)?;
        self.owed = self
            .owed
            .checked_add(per_member.checked_mul(Uint256::from(self.members))?)?;
        Ok(())
    }

    /// Changes the total shares and keeps `pool + holders' value == supply − burned`: the pool
    /// absorbs the rounding, to its own advantage.
    fn reshare(&mut self, total_shares: Uint256, burned: Uint128) -> StdResult<Uint128> {
        let before = self.holders_value()?;
        self.total_shares = total_shares;
        let after = self.holders_value()?;
        // pool' = supply' − after = pool + before − burned − after
        self.pool = self
            .pool
            .checked_add(before)?
            .checked_sub(burned)?
            .checked_sub(after)?;
        Ok(after)
    }

    /// A member joins: their snapshot is the accumulator now, so they earn nothing from before.
    pub fn join(&mut self) -> StdResult<Uint256> {
        self.members = self
            .members
            .checked_add(1)
            .ok_or_else(|| StdError::generic_err("member count overflow"))?;
        Ok(self.income_acc)
    }

    /// A member leaves (after their final claim).
    pub fn leave(&mut self) {
        self.members = self.members.saturating_sub(1);
    }

    /// A member's claim, paid out of the pool as new shares. `entitled_since` is the member's
    /// snapshot, `window_floor` the accumulator at the start of the claim window; what lies
    /// outside the window returns to the reserve. Call after [`Commons::advance`], so the shares
    /// are priced at the current index.
    ///
    /// The pool pays exactly the amount due. The member gets the fewest shares worth at least
    /// that, or one share (10^-9 of a unit) fewer in the rare case where the holders' rounding
    /// would otherwise make the pool pay a unit more.
    pub fn claim(&mut self, entitled_since: Uint256, window_floor: Uint256) -> StdResult<Payout> {
        let entitled = self.income_acc.checked_sub(entitled_since)?;
        let claimable = self
            .income_acc
            .checked_sub(entitled_since.max(window_floor))?;
        let due = to_units(claimable / INCOME_SCALE)?.min(self.pool);
        self.owed = self.owed.checked_sub(entitled)?;
        if due.is_zero() || self.index.is_zero() {
            return Ok(Payout {
                amount: Uint128::zero(),
                shares: Uint256::zero(),
            });
        }
        let ceiling = self.holders_value()?.checked_add(due)?;
        let mut shares = shares_for(due, self.index)?;
        let total = self.total_shares.checked_add(shares)?;
        if holders_value(total, self.index)? > ceiling {
            shares -= Uint256::one();
        }
        self.reshare(self.total_shares.checked_add(shares)?, Uint128::zero())?;
        self.income_paid_total = self.income_paid_total.checked_add(due)?;
        Ok(Payout {
            amount: due,
            shares,
        })
    }

    /// `amount` is destroyed by removing `shares` (its debit, rounded up) from the holders;
    /// the supply drops by `amount` and the rounding goes to the pool.
    pub fn burn(&mut self, shares: Uint256, amount: Uint128) -> StdResult<()> {
        self.reshare(self.total_shares.checked_sub(shares)?, amount)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schedule(rate: Decimal, period: u64) -> Schedule {
        Schedule::genesis(rate, period, Timestamp::from_seconds(0))
    }

    fn units(n: u128) -> Uint256 {
        Uint256::from(n) * SHARES_PER_UNIT
    }

    #[test]
    fn the_share_denominator_is_the_index_scale_times_the_shares_per_unit() {
        assert_eq!(SHARE_DENOMINATOR, INDEX_SCALE * SHARES_PER_UNIT);
    }

    #[test]
    fn pow_matches_repeated_multiplication_to_the_last_digits() {
        let g = gamma(Decimal::permille(5));
        let mut chained = LADDER_SCALE;
        for n in 0..200u64 {
            let direct = pow_scaled(g, n).unwrap();
            // Chaining floors n times, the ladder about log2(n) times: they agree to ~n units of 10^-36.
            assert!(direct.abs_diff(chained) <= Uint256::from(n + 1), "n={n}");
            chained = chained * g / LADDER_SCALE;
        }
        assert_eq!(pow_scaled(g, 0).unwrap(), LADDER_SCALE);
        assert_eq!(
            pow_scaled(LADDER_SCALE, 1 << 40).unwrap(),
            LADDER_SCALE,
            "rate 0 never decays"
        );
    }

    #[test]
    fn index_is_stepwise_per_whole_period_and_never_rises() {
        let s = schedule(Decimal::percent(1), 100);
        assert_eq!(
            s.index_at(Timestamp::from_seconds(99)).unwrap(),
            INDEX_SCALE
        );
        let one = s.index_at(Timestamp::from_seconds(100)).unwrap();
        assert_eq!(
            one,
            INDEX_SCALE * Uint256::from(99u32) / Uint256::from(100u32)
        );
        let mut last = INDEX_SCALE;
        for t in (0..100_000).step_by(777) {
            let i = s.index_at(Timestamp::from_seconds(t)).unwrap();
            assert!(i <= last);
            last = i;
        }
    }

    #[test]
    fn rebase_keeps_past_decay_and_applies_the_new_rate_at_the_next_boundary() {
        let mut s = schedule(Decimal::percent(1), 100);
        let at_300 = s.index_at(Timestamp::from_seconds(300)).unwrap();
        s.rebase(Timestamp::from_seconds(350), Decimal::percent(2), 100)
            .unwrap();
        assert_eq!(
            s.checkpoint_time,
            Timestamp::from_seconds(300),
            "phase kept"
        );
        assert_eq!(s.index_at(Timestamp::from_seconds(350)).unwrap(), at_300);
        assert_eq!(s.index_at(Timestamp::from_seconds(399)).unwrap(), at_300);
        assert_eq!(
            s.index_at(Timestamp::from_seconds(400)).unwrap(),
            at_300 * Uint256::from(98u32) / Uint256::from(100u32)
        );
        // A new period length starts its own phase, still without touching the past.
        s.rebase(Timestamp::from_seconds(450), Decimal::percent(2), 60)
            .unwrap();
        assert_eq!(s.checkpoint_time, Timestamp::from_seconds(450));
    }

    #[test]
    fn resending_a_schedule_cannot_postpone_decay() {
        let mut s = schedule(Decimal::percent(1), 100);
        // The admin re-sends the same schedule every 99 seconds for ten periods.
        for t in (99..1_000).step_by(99) {
            s.rebase(Timestamp::from_seconds(t), Decimal::percent(1), 100)
                .unwrap();
        }
        let untouched = schedule(Decimal::percent(1), 100);
        let at = Timestamp::from_seconds(1_000);
        assert_eq!(s.index_at(at).unwrap(), untouched.index_at(at).unwrap());
    }

    #[test]
    fn schedule_bounds() {
        assert!(validate_schedule(Decimal::permille(1), 86_400).is_ok());
        assert_eq!(
            validate_schedule(Decimal::percent(1), 86_400),
            Err(ScheduleError::Rate {
                max_yearly: MAX_YEARLY_RATE
            }),
            "1% a day is 365% a year"
        );
        assert!(matches!(
            validate_schedule(Decimal::zero(), 10),
            Err(ScheduleError::Period { .. })
        ));
        assert!(matches!(
            validate_schedule(Decimal::zero(), MAX_PERIOD_SECONDS + 1),
            Err(ScheduleError::Period { .. })
        ));
    }

    #[test]
    fn shares_round_against_whoever_moves_them() {
        // An index of 2/3: one unit is 1.5 · 10^9 shares.
        let index = INDEX_SCALE * Uint256::from(2u32) / Uint256::from(3u32);
        let shares = units(150);
        assert_eq!(
            balance_of(shares, index).unwrap(),
            Uint128::new(99),
            "floored"
        );
        // Debiting the whole balance never needs more shares than the account has.
        let debit = shares_for(Uint128::new(99), index).unwrap();
        assert!(debit <= shares);
        assert!(balance_of(debit, index).unwrap() >= Uint128::new(99));
        // The index is just below 2/3, so 10 units are a hair over 15 · 10^9 shares: rounded up.
        assert_eq!(
            shares_for(Uint128::new(10), index).unwrap(),
            units(15) + Uint256::one()
        );
        // Together the holders own the floor too; the pool gets the rest.
        assert_eq!(holders_value(shares, index).unwrap(), Uint128::new(99));
        assert_eq!(
            balance_of(shares, Uint256::zero()).unwrap(),
            Uint128::zero()
        );
        assert!(shares_for(Uint128::one(), Uint256::zero()).is_err());
    }

    #[test]
    fn the_largest_supply_fits_in_256_bits_at_any_index() {
        let shares = Uint256::from(u128::MAX) * SHARES_PER_UNIT;
        assert_eq!(balance_of(shares, INDEX_SCALE).unwrap(), Uint128::MAX);
        assert_eq!(holders_value(shares, INDEX_SCALE).unwrap(), Uint128::MAX);
        assert_eq!(shares_for(Uint128::MAX, INDEX_SCALE).unwrap(), shares);
        // Near the end of the index's life a unit takes 10^35 shares.
        let tiny = Uint256::from(10u32);
        let shares = shares_for(Uint128::MAX, tiny).unwrap();
        assert_eq!(balance_of(shares, tiny).unwrap(), Uint128::MAX);
    }

    fn commons(pool: u128, holders: u128) -> Commons {
        Commons::genesis(
            Uint128::new(pool),
            units(holders),
            Timestamp::from_seconds(0),
            30,
        )
    }

    #[test]
    fn advancing_moves_the_balances_loss_into_the_pool_and_credits_members() {
        let half = INDEX_SCALE / Uint256::from(2u32);
        let mut c = commons(0, 1001);
        let snapshot_a = c.join().unwrap();
        let snapshot_b = c.join().unwrap();
        let (decay, entry) = c.advance(Timestamp::from_seconds(100), half, 100).unwrap();
        assert!(entry.is_some(), "a new period began");
        // The holders own ⌊1001 / 2⌋ = 500; the pool gets the other 501.
        assert_eq!(decay, Uint128::new(501));
        assert_eq!(c.pool + c.holders_value().unwrap(), Uint128::new(1001));
        assert_eq!(c.owed, Uint256::from(501u32) * INCOME_SCALE);

        // 250.5 each: the pool pays 250 and keeps the halves.
        let a = c.claim(snapshot_a, Uint256::zero()).unwrap();
        assert_eq!((a.amount, a.shares), (Uint128::new(250), units(500)));
        assert_eq!(balance_of(a.shares, half).unwrap(), Uint128::new(250));
        let b = c.claim(snapshot_b, Uint256::zero()).unwrap();
        assert_eq!((b.amount, b.shares), (Uint128::new(250), units(500)));
        assert_eq!(c.owed, Uint256::zero());
        assert_eq!(c.pool, Uint128::new(1));
        assert_eq!(c.total_shares, units(2001));
        assert_eq!(c.pool + c.holders_value().unwrap(), Uint128::new(1001));
        assert_eq!(c.income_paid_total, Uint128::new(500));
    }

    #[test]
    fn a_claim_never_makes_the_pool_pay_more_than_it_is_due() {
        // The holders' value is a hair under a whole unit: 150 units at an index just below
        // 2/3 are worth 99.99...; the fewest shares worth 10 more would tip it to 110.
        let index = INDEX_SCALE * Uint256::from(2u32) / Uint256::from(3u32);
        let mut c = commons(1_000, 150);
        c.index = index;
        let holders = c.holders_value().unwrap();
        assert_eq!(holders, Uint128::new(99));
        let since = c.join().unwrap();
        c.credit_income(Uint128::new(10)).unwrap();
        let paid = c.claim(since, Uint256::zero()).unwrap();
        assert_eq!(paid.amount, Uint128::new(10));
        assert_eq!(c.pool, Uint128::new(990), "the pool pays exactly the claim");
        assert_eq!(c.holders_value().unwrap(), holders + paid.amount);
        assert_eq!(
            paid.shares,
            shares_for(paid.amount, index).unwrap() - Uint256::one()
        );
        assert_eq!(balance_of(paid.shares, index).unwrap(), Uint128::new(9));
    }

    #[test]
    fn claims_outside_the_window_return_to_the_reserve() {
        let mut c = commons(100, 0);
        let since = c.join().unwrap();
        c.credit_income(Uint128::new(60)).unwrap();
        let floor = c.income_acc; // window starts here: the first 60 are too old
        c.credit_income(Uint128::new(40)).unwrap();
        let paid = c.claim(since, floor).unwrap();
        assert_eq!(paid.amount, Uint128::new(40));
        assert_eq!((c.pool, c.owed), (Uint128::new(60), Uint256::zero()));
        assert_eq!(c.reserve().unwrap(), Uint128::new(60));
    }

    #[test]
    fn reserve_decays_into_income_only_while_there_are_members() {
        let s = schedule(Decimal::percent(10), 100);
        let mut c = commons(1000, 0);
        let i1 = s.index_at(Timestamp::from_seconds(100)).unwrap();
        c.advance(Timestamp::from_seconds(100), i1, 100).unwrap();
        assert_eq!(c.owed, Uint256::zero(), "no members: nothing credited");
        assert_eq!(c.index, i1, "and the empty period is not paid later");
        c.join().unwrap();
        let i2 = s.index_at(Timestamp::from_seconds(200)).unwrap();
        let (_, entry) = c.advance(Timestamp::from_seconds(200), i2, 100).unwrap();
        assert_eq!(
            entry,
            Some(HistoryEntry {
                time: Timestamp::from_seconds(200),
                acc: Uint256::zero()
            })
        );
        assert_eq!(c.owed, Uint256::from(100u32) * INCOME_SCALE, "10% of 1000");
        assert_eq!(c.reserve().unwrap(), Uint128::new(900));
    }

    #[test]
    fn a_burn_lowers_the_supply_and_the_pool_keeps_the_rounding() {
        let index = INDEX_SCALE * Uint256::from(2u32) / Uint256::from(3u32);
        let mut c = commons(50, 150);
        c.advance(Timestamp::from_seconds(100), index, 100).unwrap();
        let supply = c.pool + c.holders_value().unwrap();
        let debit = shares_for(Uint128::new(7), index).unwrap();
        c.burn(debit, Uint128::new(7)).unwrap();
        assert_eq!(
            c.pool + c.holders_value().unwrap(),
            supply - Uint128::new(7)
        );
        assert_eq!(c.total_shares, units(150) - debit);
    }
}
