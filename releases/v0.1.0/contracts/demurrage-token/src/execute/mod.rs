//! Execute handlers, one module per concern. Moving tokens only needs the index at this block
//! ([`current_index`]); everything that touches the commons pool opens the [`Books`], which
//! bring the commons to this block, and closes them.

pub mod governance;
pub mod income;
pub mod moves;

use cosmwasm_std::{Env, StdResult, Storage, Timestamp, Uint128, Uint256};

use crate::ledger::{Commons, HistoryEntry, Schedule};
use crate::state::{load_commons, load_schedule, record_history, save_commons, window_floor};

/// The schedule and the global decay index at this block: the one global read of a transfer.
pub fn current_index(storage: &dyn Storage, env: &Env) -> StdResult<(Schedule, Uint256)> {
    let schedule = load_schedule(storage)?;
    let index = schedule.index_at(env.block.time)?;
    Ok((schedule, index))
}

/// The commons brought to the current block.
pub struct Books {
    pub schedule: Schedule,
    pub commons: Commons,
    /// The global index at this block.
    pub index: Uint256,
    pub now: Timestamp,
    history: Option<HistoryEntry>,
    /// Decay that flowed into the pool since the commons was last updated.
    pub decay: Uint128,
}

impl Books {
    /// Loads the commons and credits what decayed since its last update. Nothing is written
    /// until [`Books::close`], so queries use the same path.
    pub fn open(storage: &dyn Storage, env: &Env) -> StdResult<Self> {
        let (schedule, index) = current_index(storage, env)?;
        let mut commons = load_commons(storage)?;
        let now = env.block.time;
        let (decay, history) = commons.advance(now, index, schedule.period_seconds)?;
        Ok(Books {
            schedule,
            commons,
            index,
            now,
            history,
            decay,
        })
    }

    fn window_start(&self) -> Timestamp {
        let window = self
            .commons
            .income_window_seconds(self.schedule.period_seconds);
        self.now.minus_seconds(window.min(self.now.seconds()))
    }

    /// The accumulator value the claim window starts from.
    pub fn window_floor(&self, storage: &dyn Storage) -> StdResult<Uint256> {
        window_floor(
            storage,
            self.window_start(),
            self.history.as_ref(),
            self.commons.income_acc,
        )
    }

    /// Writes the commons (and this period's history entry). Returns the decay recorded.
    pub fn close(self, storage: &mut dyn Storage) -> StdResult<Uint128> {
        if let Some(entry) = &self.history {
            record_history(storage, entry, self.window_start().seconds())?;
        }
        save_commons(storage, &self.commons);
        Ok(self.decay)
    }
}
