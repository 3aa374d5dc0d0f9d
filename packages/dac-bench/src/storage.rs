//! A contract's storage as wasmd meters it: a sorted map whose every access is charged with the
//! Cosmos SDK's default KV gas config, reported to the VM as externally used gas (as wasmvm does)
//! and tallied in SDK gas for the report.

use std::cell::Cell;
use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;

use cosmwasm_vm::{BackendError, BackendResult, GasInfo, Storage};

use crate::gas::{kv, CONTRACT_KEY_PREFIX_LEN, GAS_MULTIPLIER};

/// What one call did to storage, and what it cost in SDK gas.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub reads: u64,
    pub writes: u64,
    pub removes: u64,
    pub iter_steps: u64,
    /// Bytes of keys and values read or written (keys without wasmd's contract prefix).
    pub bytes_read: u64,
    pub bytes_written: u64,
    pub gas: u64,
}

impl Tally {
    /// The share of one of `n` items, rounded down.
    pub fn per(&self, n: u64) -> Tally {
        Tally {
            reads: self.reads / n,
            writes: self.writes / n,
            removes: self.removes / n,
            iter_steps: self.iter_steps / n,
            bytes_read: self.bytes_read / n,
            bytes_written: self.bytes_written / n,
            gas: self.gas / n,
        }
    }
}

impl std::ops::Add for Tally {
    type Output = Tally;

    fn add(self, o: Tally) -> Tally {
        Tally {
            reads: self.reads + o.reads,
            writes: self.writes + o.writes,
            removes: self.removes + o.removes,
            iter_steps: self.iter_steps + o.iter_steps,
            bytes_read: self.bytes_read + o.bytes_read,
            bytes_written: self.bytes_written + o.bytes_written,
            gas: self.gas + o.gas,
        }
    }
}

struct Iter {
    start: Option<Vec<u8>>,
    end: Option<Vec<u8>>,
    ascending: bool,
    /// The key the iterator points at; `None` once it is exhausted.
    current: Option<Vec<u8>>,
}

#[derive(Default)]
pub struct MeteredStorage {
    data: BTreeMap<Vec<u8>, Vec<u8>>,
    iterators: HashMap<u32, Iter>,
    tally: Cell<Tally>,
    /// Prints every read and write (`DAC_BENCH_TRACE=1`), to see where storage gas goes.
    trace: bool,
}

fn lower(start: &Option<Vec<u8>>) -> Bound<&[u8]> {
    start.as_deref().map_or(Bound::Unbounded, Bound::Included)
}

fn upper(end: &Option<Vec<u8>>) -> Bound<&[u8]> {
    end.as_deref().map_or(Bound::Unbounded, Bound::Excluded)
}

impl MeteredStorage {
    pub fn new() -> Self {
        Self {
            trace: std::env::var_os("DAC_BENCH_TRACE").is_some(),
            ..Self::default()
        }
    }

    pub fn snapshot(&self) -> BTreeMap<Vec<u8>, Vec<u8>> {
        self.data.clone()
    }

    /// Returns the tally since the last call and starts a new one; forgets open iterators
    /// (they never outlive a contract call).
    pub fn take_tally(&mut self) -> Tally {
        self.iterators.clear();
        self.tally.take()
    }

    fn charge(&self, gas: u64, update: impl FnOnce(&mut Tally)) -> GasInfo {
        let mut tally = self.tally.get();
        tally.gas += gas;
        update(&mut tally);
        self.tally.set(tally);
        GasInfo::with_externally_used(gas * GAS_MULTIPLIER)
    }

    /// The first key at or after `from` (exclusive when `after`) in the iterator's direction.
    fn seek(&self, iter: &Iter, from: Option<&[u8]>) -> Option<Vec<u8>> {
        if iter.start.is_some() && iter.end.is_some() && iter.start >= iter.end {
            return None;
        }
        if iter.ascending {
            let low = from.map_or(lower(&iter.start), Bound::Excluded);
            self.data
                .range::<[u8], _>((low, upper(&iter.end)))
                .next()
                .map(|(k, _)| k.clone())
        } else {
            let high = from.map_or(upper(&iter.end), Bound::Excluded);
            self.data
                .range::<[u8], _>((lower(&iter.start), high))
                .next_back()
                .map(|(k, _)| k.clone())
        }
    }

    /// The SDK's `consumeSeekGas`: flat, plus the bytes of the entry the iterator points at.
    fn seek_gas(&self, current: Option<&[u8]>) -> (u64, u64) {
        let bytes = current
            .and_then(|k| self.data.get(k).map(|v| (k.len() + v.len()) as u64))
            .unwrap_or(0);
        let prefix = if current.is_some() {
            CONTRACT_KEY_PREFIX_LEN
        } else {
            0
        };
        (
            kv::ITER_NEXT_COST_FLAT + kv::READ_COST_PER_BYTE * (prefix + bytes),
            bytes,
        )
    }
}

impl Storage for MeteredStorage {
    fn get(&self, key: &[u8]) -> BackendResult<Option<Vec<u8>>> {
        let value = self.data.get(key).cloned();
        let bytes = (key.len() + value.as_ref().map_or(0, Vec::len)) as u64;
        let gas = kv::READ_COST_FLAT + kv::READ_COST_PER_BYTE * (CONTRACT_KEY_PREFIX_LEN + bytes);
        if self.trace {
            eprintln!(
                "  read  {:>5} gas  key {:<40} {:>4} B",
                gas,
                String::from_utf8_lossy(key).escape_debug().to_string(),
                bytes as usize - key.len()
            );
        }
        let info = self.charge(gas, |t| {
            t.reads += 1;
            t.bytes_read += bytes;
        });
        (Ok(value), info)
    }

    fn scan(
        &mut self,
        start: Option<&[u8]>,
        end: Option<&[u8]>,
        order: cosmwasm_std_vm::Order,
    ) -> BackendResult<u32> {
        let mut iter = Iter {
            start: start.map(<[u8]>::to_vec),
            end: end.map(<[u8]>::to_vec),
            ascending: matches!(order, cosmwasm_std_vm::Order::Ascending),
            current: None,
        };
        iter.current = self.seek(&iter, None);
        // Creating the iterator already seeks to (and pays for) its first entry.
        let (gas, bytes) = self.seek_gas(iter.current.as_deref());
        let id = self.iterators.len() as u32 + 1;
        self.iterators.insert(id, iter);
        let info = self.charge(gas, |t| {
            t.iter_steps += 1;
            t.bytes_read += bytes;
        });
        (Ok(id), info)
    }

    fn next(&mut self, iterator_id: u32) -> BackendResult<Option<cosmwasm_std_vm::Record>> {
        let Some(iter) = self.iterators.get(&iterator_id) else {
            return (
                Err(BackendError::iterator_does_not_exist(iterator_id)),
                GasInfo::free(),
            );
        };
        // wasmvm returns the current entry, then calls the SDK's `Next`, which charges for it.
        let Some(key) = iter.current.clone() else {
            return (Ok(None), GasInfo::free());
        };
        let value = self.data.get(&key).cloned().unwrap_or_default();
        let (gas, bytes) = self.seek_gas(Some(&key));
        let following = self.seek(iter, Some(&key));
        if let Some(iter) = self.iterators.get_mut(&iterator_id) {
            iter.current = following;
        }
        let info = self.charge(gas, |t| {
            t.iter_steps += 1;
            t.bytes_read += bytes;
        });
        (Ok(Some((key, value))), info)
    }

    fn set(&mut self, key: &[u8], value: &[u8]) -> BackendResult<()> {
        let bytes = (key.len() + value.len()) as u64;
        let gas = kv::WRITE_COST_FLAT + kv::WRITE_COST_PER_BYTE * (CONTRACT_KEY_PREFIX_LEN + bytes);
        if self.trace {
            eprintln!(
                "  write {:>5} gas  key {:<40} {:>4} B value {}",
                gas,
                String::from_utf8_lossy(key).escape_debug().to_string(),
                value.len(),
                String::from_utf8_lossy(value)
            );
        }
        self.data.insert(key.to_vec(), value.to_vec());
        let info = self.charge(gas, |t| {
            t.writes += 1;
            t.bytes_written += bytes;
        });
        (Ok(()), info)
    }

    fn remove(&mut self, key: &[u8]) -> BackendResult<()> {
        self.data.remove(key);
        let info = self.charge(kv::DELETE_COST, |t| t.removes += 1);
        (Ok(()), info)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std_vm::Order;

    const P: u64 = CONTRACT_KEY_PREFIX_LEN;

    #[test]
    fn reads_and_writes_cost_flat_plus_bytes_of_prefixed_key_and_value() {
        let mut s = MeteredStorage::new();
        let (_, info) = s.set(b"key", b"value");
        assert_eq!(
            info.externally_used,
            (2_000 + 30 * (P + 8)) * GAS_MULTIPLIER
        );
        let (value, info) = s.get(b"key");
        assert_eq!(value.unwrap(), Some(b"value".to_vec()));
        assert_eq!(info.externally_used, (1_000 + 3 * (P + 8)) * GAS_MULTIPLIER);
        let (value, _) = s.get(b"nope");
        assert_eq!(value.unwrap(), None);
        s.remove(b"key").0.unwrap();
        let t = s.take_tally();
        assert_eq!((t.reads, t.writes, t.removes), (2, 1, 1));
        assert_eq!(
            t.gas,
            2_000 + 30 * (P + 8) + 1_000 + 3 * (P + 8) + 1_000 + 3 * (P + 4) + 1_000
        );
        assert_eq!(s.take_tally(), Tally::default());
    }

    #[test]
    fn iteration_pays_per_step_for_the_entry_it_returns_in_either_order() {
        let mut s = MeteredStorage::new();
        for k in [b"a", b"b", b"c", b"d"] {
            s.set(k, b"v").0.unwrap();
        }
        s.take_tally();
        let entry = 30 + 3 * (P + 2);
        let (id, info) = s.scan(Some(b"b"), Some(b"d"), Order::Ascending);
        let id = id.unwrap();
        assert_eq!(info.externally_used, entry * GAS_MULTIPLIER);
        let mut keys = vec![];
        while let (Ok(Some((k, _))), _) = s.next(id) {
            keys.push(k);
        }
        assert_eq!(keys, vec![b"b".to_vec(), b"c".to_vec()]);
        assert_eq!(s.take_tally().gas, 3 * entry);

        let (id, _) = s.scan(None, Some(b"c"), Order::Descending);
        let id = id.unwrap();
        assert_eq!(s.next(id).0.unwrap().unwrap().0, b"b".to_vec());
        assert_eq!(s.next(id).0.unwrap().unwrap().0, b"a".to_vec());
        assert_eq!(s.next(id).0.unwrap(), None);

        let (id, info) = s.scan(Some(b"x"), None, Order::Ascending);
        assert_eq!(
            info.externally_used,
            30 * GAS_MULTIPLIER,
            "empty range: flat only"
        );
        assert_eq!(s.next(id.unwrap()).0.unwrap(), None);
    }
}
