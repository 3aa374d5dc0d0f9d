//! The cw-plus pagination convention: `start_after` is exclusive, `limit` defaults to
//! [`DEFAULT_LIMIT`] and is clamped to [`MAX_LIMIT`] so no list query can be made unbounded.
//!
//! A list query reads `page(MAP.range(storage, after(start_after), None, Order::Ascending), limit)`.

use cosmwasm_std::StdResult;
use cw_storage_plus::{Bound, PrimaryKey};

pub const DEFAULT_LIMIT: u32 = 10;
pub const MAX_LIMIT: u32 = 30;

/// The number of items a list query may return for the `limit` a caller asked for.
pub fn clamp_limit(limit: Option<u32>) -> usize {
    limit.unwrap_or(DEFAULT_LIMIT).min(MAX_LIMIT) as usize
}

/// The lower bound for `start_after`: exclusive, so a page starts after the last one shown.
pub fn after<'a, K: PrimaryKey<'a>>(start_after: Option<K>) -> Option<Bound<'a, K>> {
    start_after.map(Bound::exclusive)
}

/// One page of `items`: at most `clamp_limit(limit)` of them, or the first error met.
pub fn page<T>(items: impl Iterator<Item = StdResult<T>>, limit: Option<u32>) -> StdResult<Vec<T>> {
    at_most(items, clamp_limit(limit))
}

/// The first `max` of `items`, or the first error met. A plain loop: collecting into a `Result`
/// compiles four iterator adapters per item type.
pub fn at_most<T, E>(items: impl Iterator<Item = Result<T, E>>, max: usize) -> Result<Vec<T>, E> {
    let mut read = Vec::new();
    for item in items.take(max) {
        read.push(item?);
    }
    Ok(read)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::testing::MockStorage;
    use cosmwasm_std::Order;
    use cw_storage_plus::Map;

    #[test]
    fn limit_defaults_and_is_clamped() {
        assert_eq!(clamp_limit(None), DEFAULT_LIMIT as usize);
        assert_eq!(clamp_limit(Some(3)), 3);
        assert_eq!(clamp_limit(Some(u32::MAX)), MAX_LIMIT as usize);
    }

    const MAP: Map<u64, ()> = Map::new("m");

    fn keys(store: &MockStorage, start_after: Option<u64>, limit: Option<u32>) -> Vec<u64> {
        let keys: StdResult<Vec<u64>> = page(
            MAP.keys(store, after(start_after), None, Order::Ascending),
            limit,
        );
        keys.unwrap()
    }

    #[test]
    fn pages_start_after_the_given_key_and_hold_at_most_the_clamped_limit() {
        let mut store = MockStorage::new();
        for k in 1..=50 {
            MAP.save(&mut store, k, &()).unwrap();
        }
        assert_eq!(keys(&store, None, Some(3)), [1, 2, 3]);
        assert_eq!(keys(&store, Some(3), Some(2)), [4, 5]);
        assert_eq!(keys(&store, Some(48), None), [49, 50]);
        assert_eq!(keys(&store, None, None).len(), DEFAULT_LIMIT as usize);
        assert_eq!(keys(&store, None, Some(1000)).len(), MAX_LIMIT as usize);
        assert_eq!(keys(&store, Some(50), None), Vec::<u64>::new());
    }

    #[test]
    fn at_most_stops_at_the_first_error_or_the_limit() {
        let items = || [Ok(1), Ok(2), Err("bad"), Ok(4)].into_iter();
        assert_eq!(at_most(items(), 2), Ok(vec![1, 2]));
        assert_eq!(at_most(items(), 3), Err("bad"));
        assert_eq!(at_most(items().skip(3), 5), Ok(vec![4]));
        assert_eq!(at_most(items(), 0), Ok(vec![]));
    }
}
