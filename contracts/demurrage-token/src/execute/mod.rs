//! Execute handlers, one module per concern. Every handler opens the [`Books`], which brings the
//! global ledger to this block, touches only the accounts the message names, and closes them.

pub mod governance;
pub mod income;
pub mod moves;

use cosmwasm_std::{Addr, Env, StdResult, Storage, Timestamp, Uint128, Uint256};

use crate::ledger::{HistoryEntry, Holding, Ledger, Schedule};
use crate::state::{record_history, window_floor, HOLDINGS, LEDGER, SCHEDULE};

/// The ledger brought to the current block, with the accounts touched so far.
pub struct Books {
    pub schedule: Schedule,
    pub ledger: Ledger,
    /// The global index at this block.
    pub index: Uint256,
    pub now: Timestamp,
    history: Option<HistoryEntry>,
    /// Decay realized by this message, over every account it touched.
    pub realized: Uint128,
}

impl Books {
    /// Loads the ledger and lets the pool's reserve decay up to now. Nothing is written until
    /// [`Books::close`], so queries use the same path.
    pub fn open(storage: &dyn Storage, env: &Env) -> StdResult<Self> {
        let schedule = SCHEDULE.load(storage)?;
        let mut ledger = LEDGER.load(storage)?;
        let now = env.block.time;
        let index = schedule.index_at(now)?;
        let history = ledger.advance(&schedule, now, index)?;
        Ok(Books {
            schedule,
            ledger,
            index,
            now,
            history,
            realized: Uint128::zero(),
        })
    }

    /// The account as it stands now, its pending decay realized into the pool.
    pub fn touch(&mut self, storage: &dyn Storage, addr: &Addr) -> StdResult<Holding> {
        let mut holding = HOLDINGS
            .may_load(storage, addr)?
            .unwrap_or_else(|| Holding::new(self.index));
        let realized = self.ledger.touch(&mut holding, self.index)?;
        self.realized = self.realized.checked_add(realized)?;
        Ok(holding)
    }

    pub fn save(storage: &mut dyn Storage, addr: &Addr, holding: &Holding) -> StdResult<()> {
        if holding.amount.is_zero() {
            HOLDINGS.remove(storage, addr);
            Ok(())
        } else {
            HOLDINGS.save(storage, addr, holding)
        }
    }

    /// The accumulator value the claim window starts from.
    pub fn window_floor(&self, storage: &dyn Storage) -> StdResult<Uint256> {
        let start = self.now.minus_seconds(
            self.schedule
                .income_window_seconds()
                .min(self.now.seconds()),
        );
        window_floor(
            storage,
            start,
            self.history.as_ref(),
            self.ledger.income_acc,
        )
    }

    pub fn close(self, storage: &mut dyn Storage) -> StdResult<Uint128> {
        if let Some(entry) = &self.history {
            let start = self
                .now
                .seconds()
                .saturating_sub(self.schedule.income_window_seconds());
            record_history(storage, entry, start)?;
        }
        LEDGER.save(storage, &self.ledger)?;
        Ok(self.realized)
    }
}
