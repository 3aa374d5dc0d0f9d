//! The arithmetic of demurrage and basic income, free of storage so it can be tested alone.
//!
//! **Decay.** A global index `I(t) = I_checkpoint · γ^n` (γ = 1 − rate, n = whole periods since
//! the checkpoint) is recomputed from scratch by square-and-multiply, never by chaining, so it is
//! the same value whenever it is asked for. Each account stores the amount it held when last
//! touched and the index at that moment; its balance is `⌊amount · I_now / I_touch⌋`. Touching an
//! account moves the difference from the account into the commons pool, so
//! `Σ stored amounts + pool == total supply` holds exactly after every message. Floors favour
//! the pool: splitting a balance over many accounts or touching it often can only lose dust.
//!
//! **Basic income.** Realized decay (and a decay of the pool's own unallocated reserve, so the
//! commons is no hoard either) is credited to an accumulator `acc` of income per member, scaled
//! by [`INCOME_SCALE`]. A member's claim is `acc_now − acc_at_join_or_last_claim`, limited to the
//! income window. `owed` tracks `Σ_members (acc − snapshot)` exactly, and
//! `pool · INCOME_SCALE ≥ owed` always, so the pool can never pay more than it holds.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Decimal, StdError, StdResult, Timestamp, Uint128, Uint256};

/// Fixed-point scale of the decay index: 1.0 == 10^36.
pub const INDEX_SCALE: Uint256 =
    Uint256::from_u128(1_000_000_000_000_000_000_000_000_000_000_000_000);
/// Fixed-point scale of the income accumulator: one token unit per member == 10^18.
pub const INCOME_SCALE: Uint256 = Uint256::from_u128(1_000_000_000_000_000_000);

pub const SECONDS_PER_YEAR: u64 = 365 * 24 * 60 * 60;
/// The hard ceiling: rate × periods per year may never exceed this.
pub const MAX_YEARLY_RATE: Decimal = Decimal::percent(50);
pub const MIN_PERIOD_SECONDS: u64 = 60;
pub const MAX_PERIOD_SECONDS: u64 = SECONDS_PER_YEAR;
/// Income older than this many periods cannot be claimed; a bound keeps the window meaningful.
pub const MAX_INCOME_WINDOW_PERIODS: u64 = 10_000;

/// What an account holds as of its last touch.
#[cw_serde]
pub struct Holding {
    pub amount: Uint128,
    pub index: Uint256,
}

/// The demurrage schedule: changes only by governance.
#[cw_serde]
pub struct Schedule {
    pub rate: Decimal,
    pub period_seconds: u64,
    /// When the current rate took effect and the index at that moment.
    pub checkpoint_time: Timestamp,
    pub checkpoint_index: Uint256,
    pub income_window_periods: u64,
}

/// The conserved quantities and the income accumulator.
#[cw_serde]
pub struct Ledger {
    /// Tokens in the commons pool.
    pub pool: Uint128,
    /// Σ of every account's stored amount.
    pub stored_total: Uint128,
    /// Σ ⌊amount · INDEX_SCALE / index⌋ over accounts: the O(1) estimate of live balances.
    pub base_sum: Uint256,
    pub members: u64,
    /// Income credited per member since genesis, × INCOME_SCALE.
    pub income_acc: Uint256,
    /// Σ over members of (income_acc − their snapshot), × INCOME_SCALE.
    pub owed: Uint256,
    /// The index at which the pool's reserve last decayed into income.
    pub reserve_index: Uint256,
    /// When the last income-history entry was written.
    pub last_history_time: Timestamp,
    pub income_paid_total: Uint128,
}

/// The income accumulator as it stood before the first credit of a period; the claim window
/// looks these up. Written at most once per period.
#[cw_serde]
pub struct HistoryEntry {
    pub time: Timestamp,
    pub acc: Uint256,
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

/// γ = 1 − rate, at INDEX_SCALE.
fn gamma(rate: Decimal) -> Uint256 {
    // Decimal has 18 fractional digits; INDEX_SCALE has 36.
    let keep =
        Uint256::from(Decimal::one().atomics() - rate.atomics().min(Decimal::one().atomics()));
    keep * Uint256::from_u128(1_000_000_000_000_000_000)
}

/// `base^n` at INDEX_SCALE by square-and-multiply; each product is floored.
pub fn pow_scaled(base: Uint256, mut n: u64) -> StdResult<Uint256> {
    let mut result = INDEX_SCALE;
    let mut square = base;
    while n > 0 {
        if n & 1 == 1 {
            result = result.checked_mul(square)?.checked_div(INDEX_SCALE)?;
            if result.is_zero() {
                break;
            }
        }
        n >>= 1;
        if n > 0 {
            square = square.checked_mul(square)?.checked_div(INDEX_SCALE)?;
        }
    }
    Ok(result)
}

impl Schedule {
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
            .checked_div(INDEX_SCALE)?)
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

    pub fn income_window_seconds(&self) -> u64 {
        self.income_window_periods
            .saturating_mul(self.period_seconds)
    }
}

/// `amount` decayed from index `from` to index `to`, floored, never above `amount`.
pub fn decayed(amount: Uint128, from: Uint256, to: Uint256) -> StdResult<Uint128> {
    if from == to || amount.is_zero() {
        return Ok(amount);
    }
    if from.is_zero() {
        return Ok(Uint128::zero());
    }
    let value = Uint256::from(amount).checked_mul(to)?.checked_div(from)?;
    Ok(Uint128::try_from(value).unwrap_or(Uint128::MAX).min(amount))
}

impl Holding {
    pub fn new(index: Uint256) -> Self {
        Holding {
            amount: Uint128::zero(),
            index,
        }
    }

    /// The amount in "index-1" units, for the O(1) estimate of live balances. Rounded up, so a
    /// freshly touched account's estimate is exact.
    fn base(&self) -> StdResult<Uint256> {
        if self.index.is_zero() || self.amount.is_zero() {
            return Ok(Uint256::zero());
        }
        let scaled = Uint256::from(self.amount).checked_mul(INDEX_SCALE)?;
        Ok(scaled.checked_add(self.index - Uint256::one())? / self.index)
    }
}

impl Ledger {
    pub fn genesis(pool: Uint128, stored_total: Uint128, now: Timestamp) -> Self {
        Ledger {
            pool,
            stored_total,
            base_sum: Uint256::zero(),
            members: 0,
            income_acc: Uint256::zero(),
            owed: Uint256::zero(),
            reserve_index: INDEX_SCALE,
            last_history_time: now,
            income_paid_total: Uint128::zero(),
        }
    }

    /// Part of the pool not yet credited to anyone, in token units (floored).
    pub fn reserve(&self) -> StdResult<Uint128> {
        let scaled = Uint256::from(self.pool)
            .checked_mul(INCOME_SCALE)?
            .checked_sub(self.owed)?;
        Ok(Uint128::try_from(scaled / INCOME_SCALE)?)
    }

    /// Brings the ledger to `now`: the reserve decays into income. Returns the income-history
    /// entry to record, when a new period has begun since the last one.
    pub fn advance(
        &mut self,
        schedule: &Schedule,
        now: Timestamp,
        index_now: Uint256,
    ) -> StdResult<Option<HistoryEntry>> {
        let entry = if now.seconds() >= self.last_history_time.seconds() + schedule.period_seconds {
            self.last_history_time = now;
            Some(HistoryEntry {
                time: now,
                acc: self.income_acc,
            })
        } else {
            None
        };
        if index_now < self.reserve_index {
            let reserve = self.reserve()?;
            let kept = decayed(reserve, self.reserve_index, index_now)?;
            self.credit_income(reserve - kept)?;
            self.reserve_index = index_now;
        }
        Ok(entry)
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

    /// Realizes the decay of `holding` up to `index_now`: the difference moves into the pool and
    /// is credited as income. Returns the amount realized.
    pub fn touch(&mut self, holding: &mut Holding, index_now: Uint256) -> StdResult<Uint128> {
        let live = decayed(holding.amount, holding.index, index_now)?;
        let realized = holding.amount - live;
        self.base_sum = self.base_sum.saturating_sub(holding.base()?);
        holding.amount = live;
        holding.index = index_now;
        self.base_sum = self.base_sum.checked_add(holding.base()?)?;
        if !realized.is_zero() {
            self.stored_total = self.stored_total.checked_sub(realized)?;
            self.pool = self.pool.checked_add(realized)?;
            self.credit_income(realized)?;
        }
        Ok(realized)
    }

    /// Moves `amount` between two touched holdings (both at the current index).
    pub fn move_between(
        &mut self,
        from: &mut Holding,
        to: &mut Holding,
        amount: Uint128,
    ) -> StdResult<()> {
        self.debit(from, amount)?;
        self.deposit(to, amount)
    }

    /// Takes `amount` out of a touched holding (the caller then credits it or burns it).
    pub fn debit(&mut self, from: &mut Holding, amount: Uint128) -> StdResult<()> {
        self.base_sum = self.base_sum.saturating_sub(from.base()?);
        from.amount = from.amount.checked_sub(amount)?;
        self.base_sum = self.base_sum.checked_add(from.base()?)?;
        self.stored_total = self.stored_total.checked_sub(amount)?;
        Ok(())
    }

    /// Adds `amount` to a touched holding.
    pub fn deposit(&mut self, to: &mut Holding, amount: Uint128) -> StdResult<()> {
        self.base_sum = self.base_sum.saturating_sub(to.base()?);
        to.amount = to.amount.checked_add(amount)?;
        self.base_sum = self.base_sum.checked_add(to.base()?)?;
        self.stored_total = self.stored_total.checked_add(amount)?;
        Ok(())
    }

    /// A member joins: their snapshot is the accumulator now, so they earn nothing from before.
    pub fn join(&mut self) -> StdResult<Uint256> {
        self.members = self
            .members
            .checked_add(1)
            .ok_or_else(|| StdError::generic_err("member count overflow"))?;
        Ok(self.income_acc)
    }

    /// Pays a member's claim into their touched holding. `entitled_since` is the member's
    /// snapshot, `window_floor` the accumulator at the start of the claim window. Returns the
    /// amount paid; what lies outside the window returns to the reserve.
    pub fn claim(
        &mut self,
        holding: &mut Holding,
        entitled_since: Uint256,
        window_floor: Uint256,
    ) -> StdResult<Uint128> {
        let entitled = self.income_acc.checked_sub(entitled_since)?;
        let claimable = self
            .income_acc
            .checked_sub(entitled_since.max(window_floor))?;
        let paid = Uint128::try_from(claimable / INCOME_SCALE)?.min(self.pool);
        self.owed = self.owed.checked_sub(entitled)?;
        self.pool = self.pool.checked_sub(paid)?;
        self.income_paid_total = self.income_paid_total.checked_add(paid)?;
        self.deposit(holding, paid)?;
        Ok(paid)
    }

    /// A member leaves (after their final claim).
    pub fn leave(&mut self) {
        self.members = self.members.saturating_sub(1);
    }

    /// Decay accrued on accounts but not yet realized, estimated in O(1): exact to within one
    /// unit per holder.
    pub fn unrealized_estimate(&self, index_now: Uint256) -> Uint128 {
        let live = index_now
            .checked_mul(self.base_sum)
            .ok()
            .map(|v| v / INDEX_SCALE)
            .and_then(|v| Uint128::try_from(v).ok())
            .unwrap_or(self.stored_total);
        self.stored_total.saturating_sub(live)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schedule(rate: Decimal, period: u64) -> Schedule {
        Schedule {
            rate,
            period_seconds: period,
            checkpoint_time: Timestamp::from_seconds(0),
            checkpoint_index: INDEX_SCALE,
            income_window_periods: 30,
        }
    }

    #[test]
    fn pow_matches_repeated_multiplication_to_the_last_digits() {
        let g = gamma(Decimal::permille(5));
        let mut chained = INDEX_SCALE;
        for n in 0..200u64 {
            let direct = pow_scaled(g, n).unwrap();
            // Chaining floors n times, the ladder about log2(n) times: they agree to ~n units of 10^-36.
            assert!(direct.abs_diff(chained) <= Uint256::from(n + 1), "n={n}");
            chained = chained * g / INDEX_SCALE;
        }
        assert_eq!(pow_scaled(g, 0).unwrap(), INDEX_SCALE);
        assert_eq!(
            pow_scaled(INDEX_SCALE, 1 << 40).unwrap(),
            INDEX_SCALE,
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
    fn decay_floors_and_never_exceeds_the_amount() {
        let half = INDEX_SCALE / Uint256::from(2u32);
        assert_eq!(
            decayed(Uint128::new(101), INDEX_SCALE, half).unwrap(),
            Uint128::new(50)
        );
        assert_eq!(
            decayed(Uint128::new(7), half, half).unwrap(),
            Uint128::new(7)
        );
        assert_eq!(
            decayed(Uint128::new(7), Uint256::zero(), half).unwrap(),
            Uint128::zero()
        );
        assert_eq!(
            decayed(Uint128::new(7), half, INDEX_SCALE).unwrap(),
            Uint128::new(7)
        );
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
    fn touch_moves_decay_to_the_pool_and_credits_members_exactly() {
        let half = INDEX_SCALE / Uint256::from(2u32);
        let mut ledger = Ledger::genesis(
            Uint128::zero(),
            Uint128::new(1001),
            Timestamp::from_seconds(0),
        );
        let mut h = Holding {
            amount: Uint128::new(1001),
            index: INDEX_SCALE,
        };
        ledger.base_sum = h.base().unwrap();
        let snapshot_a = ledger.join().unwrap();
        let snapshot_b = ledger.join().unwrap();
        let realized = ledger.touch(&mut h, half).unwrap();
        assert_eq!((realized, h.amount), (Uint128::new(501), Uint128::new(500)));
        assert_eq!(ledger.stored_total + ledger.pool, Uint128::new(1001));
        // 501 shared by two: 250.5 each, all of it owed.
        assert_eq!(ledger.owed, Uint256::from(501u32) * INCOME_SCALE);

        let mut a = Holding::new(half);
        let paid = ledger.claim(&mut a, snapshot_a, Uint256::zero()).unwrap();
        assert_eq!(paid, Uint128::new(250), "the half unit stays in the pool");
        let mut b = Holding::new(half);
        assert_eq!(
            ledger.claim(&mut b, snapshot_b, Uint256::zero()).unwrap(),
            Uint128::new(250)
        );
        assert_eq!(ledger.owed, Uint256::zero());
        assert_eq!(ledger.pool, Uint128::new(1));
        assert_eq!(ledger.stored_total + ledger.pool, Uint128::new(1001));
        assert_eq!(ledger.reserve().unwrap(), Uint128::new(1));
    }

    #[test]
    fn claims_outside_the_window_return_to_the_reserve() {
        let mut ledger = Ledger::genesis(
            Uint128::new(100),
            Uint128::zero(),
            Timestamp::from_seconds(0),
        );
        let since = ledger.join().unwrap();
        ledger.credit_income(Uint128::new(60)).unwrap();
        let floor = ledger.income_acc; // window starts here: the first 60 are too old
        ledger.credit_income(Uint128::new(40)).unwrap();
        let mut h = Holding::new(INDEX_SCALE);
        assert_eq!(
            ledger.claim(&mut h, since, floor).unwrap(),
            Uint128::new(40)
        );
        assert_eq!(
            (ledger.pool, ledger.owed),
            (Uint128::new(60), Uint256::zero())
        );
        assert_eq!(ledger.reserve().unwrap(), Uint128::new(60));
    }

    #[test]
    fn reserve_decays_into_income_only_while_there_are_members() {
        let s = schedule(Decimal::percent(10), 100);
        let mut ledger = Ledger::genesis(
            Uint128::new(1000),
            Uint128::zero(),
            Timestamp::from_seconds(0),
        );
        let i1 = s.index_at(Timestamp::from_seconds(100)).unwrap();
        ledger
            .advance(&s, Timestamp::from_seconds(100), i1)
            .unwrap();
        assert_eq!(ledger.owed, Uint256::zero(), "no members: nothing credited");
        assert_eq!(
            ledger.reserve_index, i1,
            "and the empty period is not paid later"
        );
        ledger.join().unwrap();
        let i2 = s.index_at(Timestamp::from_seconds(200)).unwrap();
        let entry = ledger
            .advance(&s, Timestamp::from_seconds(200), i2)
            .unwrap();
        assert_eq!(
            entry,
            Some(HistoryEntry {
                time: Timestamp::from_seconds(200),
                acc: Uint256::zero()
            })
        );
        assert_eq!(
            ledger.owed,
            Uint256::from(100u32) * INCOME_SCALE,
            "10% of 1000"
        );
        assert_eq!(ledger.reserve().unwrap(), Uint128::new(900));
    }

    #[test]
    fn unrealized_estimate_tracks_dormant_decay() {
        let half = INDEX_SCALE / Uint256::from(2u32);
        let mut ledger =
            Ledger::genesis(Uint128::zero(), Uint128::zero(), Timestamp::from_seconds(0));
        let mut a = Holding::new(INDEX_SCALE);
        let mut b = Holding::new(INDEX_SCALE);
        ledger.deposit(&mut a, Uint128::new(1000)).unwrap();
        ledger.deposit(&mut b, Uint128::new(333)).unwrap();
        assert_eq!(ledger.unrealized_estimate(INDEX_SCALE), Uint128::zero());
        let estimate = ledger.unrealized_estimate(half);
        assert_eq!(estimate, Uint128::new(1333 - 666));
        let realized = ledger.touch(&mut a, half).unwrap() + ledger.touch(&mut b, half).unwrap();
        assert!(realized.abs_diff(estimate) <= Uint128::new(2));
        assert_eq!(ledger.unrealized_estimate(half), Uint128::zero());
    }
}
