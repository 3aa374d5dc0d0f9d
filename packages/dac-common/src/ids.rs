//! Ids handed out 1, 2, 3, … from a counter `Item<u64>`.
//!
//! Two layouts of the counter are deployed and both stay readable: the council and the relay
//! keep the last id handed out ([`next_id`]), escrow and housing keep the next one
//! ([`take_next_id`]). Same ids either way; switching a layout would need a storage migration.

use cosmwasm_std::{OverflowError, OverflowOperation, StdError, StdResult, Storage};
use cw_storage_plus::Item;

fn after(id: u64) -> StdResult<u64> {
    id.checked_add(1)
        .ok_or_else(|| StdError::overflow(OverflowError::new(OverflowOperation::Add)))
}

/// The next id, from a counter that holds the last id handed out (absent: none yet).
pub fn next_id(storage: &mut dyn Storage, last: &Item<u64>) -> StdResult<u64> {
    let id = after(last.may_load(storage)?.unwrap_or_default())?;
    last.save(storage, &id)?;
    Ok(id)
}

/// The next id, from a counter that holds the id to hand out next (absent: 1).
pub fn take_next_id(storage: &mut dyn Storage, next: &Item<u64>) -> StdResult<u64> {
    let id = next.may_load(storage)?.unwrap_or(1);
    next.save(storage, &after(id)?)?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::testing::MockStorage;

    const LAST: Item<u64> = Item::new("last");
    const NEXT: Item<u64> = Item::new("next");

    #[test]
    fn both_layouts_hand_out_one_two_three() {
        let mut store = MockStorage::new();
        for want in 1..=3 {
            assert_eq!(next_id(&mut store, &LAST).unwrap(), want);
            assert_eq!(take_next_id(&mut store, &NEXT).unwrap(), want);
        }
        assert_eq!(LAST.load(&store).unwrap(), 3, "holds the last id");
        assert_eq!(NEXT.load(&store).unwrap(), 4, "holds the next id");
    }

    #[test]
    fn an_exhausted_counter_errors_instead_of_wrapping() {
        let mut store = MockStorage::new();
        LAST.save(&mut store, &u64::MAX).unwrap();
        NEXT.save(&mut store, &u64::MAX).unwrap();
        assert!(next_id(&mut store, &LAST).is_err());
        assert!(take_next_id(&mut store, &NEXT).is_err());
        assert_eq!(LAST.load(&store).unwrap(), u64::MAX);
        assert_eq!(NEXT.load(&store).unwrap(), u64::MAX);
    }
}
