//! Storage. Token metadata, marketing, logo and allowances live in cw20-base's own items
//! (`cw20_base::state`), because this contract reuses cw20-base's code for them.
//!
//! A transfer reads the schedule and two accounts and writes the two accounts, and every claim,
//! membership change and burn reads and writes the commons, so those entries are stored
//! compactly (storage gas is 1000 + 3/byte per read and 2000 + 30/byte per write, key
//! included): one-letter keys and big-endian binary values instead of JSON. The rest is JSON.

use cosmwasm_std::{
    Addr, Decimal, Empty, StdError, StdResult, Storage, Timestamp, Uint128, Uint256,
};
use cw_storage_plus::{Bound, Item, Map};
use dac_common::admin::Admin;

use crate::ledger::{Commons, HistoryEntry, Schedule};

/// The schedule, 36 bytes: rate (u64 atomics), period (u32 seconds), checkpoint time (u64
/// nanoseconds), checkpoint index (u128, at most 10^27).
const SCHEDULE_KEY: &[u8] = b"d";
/// Each account's shares, as big-endian bytes without leading zeros (the value only; the typed
/// map supplies the key and the key iteration of `all_accounts`). No entry means no shares.
const SHARES: Map<&Addr, Empty> = Map::new("a");
/// The commons: each field as a one-byte length and big-endian bytes without leading zeros.
const COMMONS_KEY: &[u8] = b"c";
/// Basic-income members and the accumulator value their unclaimed income counts from.
pub const MEMBERS: Map<&Addr, Uint256> = Map::new("members");
/// Income accumulator at the start of each active period (seconds → acc), for the claim window.
pub const INCOME_HISTORY: Map<u64, Uint256> = Map::new("income_history");
pub const MEMBERSHIP_AUTHORITY: Item<Addr> = Item::new("membership_authority");
pub const ADMIN: Admin = Admin::new("admin");

fn corrupt(what: &str) -> StdError {
    StdError::generic_err(format!("corrupt {what} entry"))
}

/// Big-endian bytes without their leading zeros: how every stored integer is written.
fn strip_zeros(be: &[u8]) -> &[u8] {
    let first = be.iter().position(|b| *b != 0).unwrap_or(be.len());
    &be[first..]
}

/// The stripped bytes of an integer back to `N` big-endian bytes (`None` if they do not fit).
fn pad_zeros<const N: usize>(bytes: &[u8]) -> Option<[u8; N]> {
    let len = bytes.len();
    if len > N {
        return None;
    }
    let mut out = [0u8; N];
    out[N - len..].copy_from_slice(bytes);
    Some(out)
}

/// Writes integers as a one-byte length and their stripped big-endian bytes.
#[derive(Default)]
struct Writer(Vec<u8>);

// Out of line (as the reader's): only the commons uses them, never a transfer, and inlining nine
// fields' worth made `save_commons` and `load_commons` 8 KiB of wasm.
impl Writer {
    #[inline(never)]
    fn int(&mut self, be: &[u8]) -> &mut Self {
        let bytes = strip_zeros(be);
        self.0.push(bytes.len() as u8);
        self.0.extend_from_slice(bytes);
        self
    }
    #[inline(never)]
    fn u256(&mut self, value: &Uint256) -> &mut Self {
        self.int(&value.to_be_bytes())
    }
}

/// Reads what [`Writer`] wrote (the commons) into big-endian arrays of `N` bytes.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn int<const N: usize>(&mut self) -> StdResult<[u8; N]> {
        let (&len, rest) = self.0.split_first().ok_or_else(|| corrupt("commons"))?;
        let len = usize::from(len);
        let out = rest
            .get(..len)
            .and_then(pad_zeros)
            .ok_or_else(|| corrupt("commons"))?;
        self.0 = &rest[len..];
        Ok(out)
    }
    #[inline(never)]
    fn u64(&mut self) -> StdResult<u64> {
        Ok(u64::from_be_bytes(self.int()?))
    }
    #[inline(never)]
    fn u128(&mut self) -> StdResult<Uint128> {
        Ok(Uint128::from_be_bytes(self.int()?))
    }
    #[inline(never)]
    fn u256(&mut self) -> StdResult<Uint256> {
        Ok(Uint256::from_be_bytes(self.int()?))
    }
    fn end(&self) -> StdResult<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(corrupt("commons"))
        }
    }
}

pub fn load_schedule(storage: &dyn Storage) -> StdResult<Schedule> {
    let bytes = storage
        .get(SCHEDULE_KEY)
        .ok_or_else(|| StdError::not_found("schedule"))?;
    if bytes.len() != 36 {
        return Err(corrupt("schedule"));
    }
    let mut rate = [0u8; 8];
    let mut period = [0u8; 4];
    let mut time = [0u8; 8];
    let mut index = [0u8; 16];
    rate.copy_from_slice(&bytes[0..8]);
    period.copy_from_slice(&bytes[8..12]);
    time.copy_from_slice(&bytes[12..20]);
    index.copy_from_slice(&bytes[20..36]);
    Ok(Schedule {
        rate: Decimal::new(Uint128::from(u64::from_be_bytes(rate))),
        period_seconds: u32::from_be_bytes(period).into(),
        checkpoint_time: Timestamp::from_nanos(u64::from_be_bytes(time)),
        checkpoint_index: Uint256::from(u128::from_be_bytes(index)),
    })
}

pub fn save_schedule(storage: &mut dyn Storage, s: &Schedule) -> StdResult<()> {
    let too_big = || StdError::generic_err("schedule out of range");
    let rate = u64::try_from(s.rate.atomics().u128()).map_err(|_| too_big())?;
    let period = u32::try_from(s.period_seconds).map_err(|_| too_big())?;
    let index = Uint128::try_from(s.checkpoint_index).map_err(|_| too_big())?;
    let mut bytes = Vec::with_capacity(36);
    bytes.extend_from_slice(&rate.to_be_bytes());
    bytes.extend_from_slice(&period.to_be_bytes());
    bytes.extend_from_slice(&s.checkpoint_time.nanos().to_be_bytes());
    bytes.extend_from_slice(&index.to_be_bytes());
    storage.set(SCHEDULE_KEY, &bytes);
    Ok(())
}

pub fn load_shares(storage: &dyn Storage, addr: &Addr) -> StdResult<Uint256> {
    let Some(bytes) = storage.get(&SHARES.key(addr)) else {
        return Ok(Uint256::zero());
    };
    let be = pad_zeros(&bytes).ok_or_else(|| corrupt("account"))?;
    Ok(Uint256::from_be_bytes(be))
}

/// Writes an account's shares; an account without shares has no entry.
pub fn save_shares(storage: &mut dyn Storage, addr: &Addr, shares: Uint256) {
    let key = SHARES.key(addr);
    if shares.is_zero() {
        storage.remove(&key);
        return;
    }
    storage.set(&key, strip_zeros(&shares.to_be_bytes()));
}

/// Accounts holding shares, in address order, from `start`.
pub fn accounts<'a>(
    storage: &'a dyn Storage,
    start: Option<Bound<'a, &'a Addr>>,
) -> impl Iterator<Item = StdResult<Addr>> + 'a {
    SHARES.keys(storage, start, None, cosmwasm_std::Order::Ascending)
}

pub fn load_commons(storage: &dyn Storage) -> StdResult<Commons> {
    let bytes = storage
        .get(COMMONS_KEY)
        .ok_or_else(|| StdError::not_found("commons"))?;
    let mut r = Reader(&bytes);
    let commons = Commons {
        pool: r.u128()?,
        total_shares: r.u256()?,
        index: r.u256()?,
        members: r.u64()?,
        income_acc: r.u256()?,
        owed: r.u256()?,
        last_history_time: Timestamp::from_nanos(r.u64()?),
        income_paid_total: r.u128()?,
        income_window_periods: r.u64()?,
    };
    r.end()?;
    Ok(commons)
}

pub fn save_commons(storage: &mut dyn Storage, c: &Commons) {
    let mut w = Writer::default();
    w.int(&c.pool.to_be_bytes())
        .u256(&c.total_shares)
        .u256(&c.index)
        .int(&c.members.to_be_bytes())
        .u256(&c.income_acc)
        .u256(&c.owed)
        .int(&c.last_history_time.nanos().to_be_bytes())
        .int(&c.income_paid_total.to_be_bytes())
        .int(&c.income_window_periods.to_be_bytes());
    storage.set(COMMONS_KEY, &w.0);
}

/// Records the accumulator at the start of a new period and forgets one entry that has fallen
/// out of every possible window, so the history stays bounded without a loop.
pub fn record_history(
    storage: &mut dyn Storage,
    entry: &HistoryEntry,
    window_start: u64,
) -> StdResult<()> {
    INCOME_HISTORY.save(storage, entry.time.seconds(), &entry.acc)?;
    let oldest = INCOME_HISTORY
        .keys(storage, None, None, cosmwasm_std::Order::Ascending)
        .next()
        .transpose()?;
    if let Some(oldest) = oldest {
        if oldest < window_start {
            INCOME_HISTORY.remove(storage, oldest);
        }
    }
    Ok(())
}

/// The accumulator at the start of the claim window: the first entry at or after `window_start`
/// (or the pending entry of this block), otherwise the accumulator now. An entry stores the
/// accumulator before its period's first credit, so this errs against the claimant by at most
/// one period.
pub fn window_floor(
    storage: &dyn Storage,
    window_start: Timestamp,
    pending: Option<&HistoryEntry>,
    acc_now: Uint256,
) -> StdResult<Uint256> {
    let stored = INCOME_HISTORY
        .range(
            storage,
            Some(Bound::inclusive(window_start.seconds())),
            None,
            cosmwasm_std::Order::Ascending,
        )
        .next()
        .transpose()?
        .map(|(_, acc)| acc);
    Ok(stored
        .or_else(|| pending.filter(|e| e.time >= window_start).map(|e| e.acc))
        .unwrap_or(acc_now))
}

#[cfg(test)]
mod tests {
    use cosmwasm_std::testing::MockStorage;

    use super::*;
    use crate::ledger::INDEX_SCALE;

    #[test]
    fn the_schedule_round_trips_in_36_bytes() {
        let mut storage = MockStorage::new();
        let s = Schedule {
            rate: Decimal::permille(1),
            period_seconds: 86_400,
            checkpoint_time: Timestamp::from_nanos(1_571_797_419_879_305_533),
            checkpoint_index: INDEX_SCALE - Uint256::from(12_345u32),
        };
        save_schedule(&mut storage, &s).unwrap();
        assert_eq!(storage.get(SCHEDULE_KEY).unwrap().len(), 36);
        assert_eq!(load_schedule(&storage).unwrap(), s);
    }

    #[test]
    fn the_commons_round_trips_and_refuses_a_corrupt_entry() {
        let mut storage = MockStorage::new();
        let c = Commons {
            pool: Uint128::new(1_000_123),
            total_shares: Uint256::MAX,
            index: INDEX_SCALE,
            members: 0,
            income_acc: Uint256::from(7u32),
            owed: Uint256::zero(),
            last_history_time: Timestamp::from_nanos(1_571_797_419_879_305_533),
            income_paid_total: Uint128::MAX,
            income_window_periods: 30,
        };
        save_commons(&mut storage, &c);
        assert_eq!(load_commons(&storage).unwrap(), c);
        let mut bytes = storage.get(COMMONS_KEY).unwrap();
        bytes.push(0);
        storage.set(COMMONS_KEY, &bytes);
        assert!(load_commons(&storage).is_err());
        storage.set(COMMONS_KEY, &bytes[..bytes.len() - 5]);
        assert!(load_commons(&storage).is_err());
    }

    #[test]
    fn shares_are_stored_without_leading_zeros_and_zero_is_no_entry() {
        let mut storage = MockStorage::new();
        let addr = Addr::unchecked("holder");
        save_shares(
            &mut storage,
            &addr,
            Uint256::from(1_000_000_000_000_000u128),
        );
        assert_eq!(storage.get(&SHARES.key(&addr)).unwrap().len(), 7);
        assert_eq!(
            load_shares(&storage, &addr).unwrap(),
            Uint256::from(1_000_000_000_000_000u128)
        );
        save_shares(&mut storage, &addr, Uint256::MAX);
        assert_eq!(load_shares(&storage, &addr).unwrap(), Uint256::MAX);
        save_shares(&mut storage, &addr, Uint256::zero());
        assert_eq!(storage.get(&SHARES.key(&addr)), None);
        assert_eq!(load_shares(&storage, &addr).unwrap(), Uint256::zero());
    }
}
