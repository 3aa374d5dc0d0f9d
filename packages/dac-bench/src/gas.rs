//! What a wasmd chain charges, in one place, with where each number comes from.

/// Cosmos SDK default `KVGasConfig()` (cosmos-sdk `store/types/gas.go`), in SDK gas. The gas KV
/// store (`store/gaskv/store.go`, SDK 0.47+) charges `ReadCostFlat + ReadCostPerByte·(|key|+|value|)`
/// per get, `WriteCostFlat + WriteCostPerByte·(|key|+|value|)` per set, `DeleteCost` per delete,
/// and `IterNextCostFlat + ReadCostPerByte·(|key|+|value|)` per iterator step. (`HasCost`, 1000,
/// never applies: CosmWasm has no `has` import; a contract's `has` is a read.)
pub mod kv {
    pub const DELETE_COST: u64 = 1_000;
    pub const READ_COST_FLAT: u64 = 1_000;
    pub const READ_COST_PER_BYTE: u64 = 3;
    pub const WRITE_COST_FLAT: u64 = 2_000;
    pub const WRITE_COST_PER_BYTE: u64 = 30;
    pub const ITER_NEXT_COST_FLAT: u64 = 30;
}

/// wasmd `x/wasm/types/gas_register.go`: `DefaultGasMultiplier = 140_000` CosmWasm gas per SDK gas
/// (140_000_000 before CosmWasm 2.0 cut VM gas prices by 1000; cosmwasm-vm 3 uses the new prices).
pub const GAS_MULTIPLIER: u64 = 140_000;

/// wasmd stores a contract's keys under `0x03 ‖ contract address` (32 bytes) below the gas store,
/// so every key the contract uses costs these bytes too.
pub const CONTRACT_KEY_PREFIX_LEN: u64 = 1 + 32;

/// wasmd `x/wasm/keeper/api.go`, in SDK gas (wasmvm reports them to the VM × the multiplier).
pub const HUMANIZE_COST: u64 = 5;
pub const CANONICALIZE_COST: u64 = 4;
pub const VALIDATE_COST: u64 = HUMANIZE_COST + CANONICALIZE_COST;
/// wasmd charges 1 SDK gas per byte of the JSON result wasmvm deserializes (`costJSONDeserialization`).
pub const RESULT_DESERIALIZATION_COST_PER_BYTE: u64 = 1;

/// wasmd gas register defaults, charged around every call (the same for every contract, so they
/// are reported apart and kept out of the ratios).
pub const INSTANCE_COST: u64 = 60_000;
pub const INSTANCE_COST_DISCOUNT: u64 = 2_000;
pub const EVENT_PER_ATTRIBUTE_COST: u64 = 10;
pub const EVENT_ATTRIBUTE_DATA_COST: u64 = 1;
pub const EVENT_ATTRIBUTE_DATA_FREE_TIER: u64 = 100;
pub const CUSTOM_EVENT_COST: u64 = 20;
/// wasmd `DefaultCompileCost`: SDK gas per byte of wasm stored (charged by wasmvm's `StoreCode`).
pub const COMPILE_COST_PER_BYTE: u64 = 3;
/// Cosmos SDK auth's default `TxSizeCostPerByte`: every byte of the upload transaction (the wasm,
/// unless gzipped) costs this much more.
pub const TX_SIZE_COST_PER_BYTE: u64 = 10;

/// The gas of a raw query (`WasmQuery::Raw`): one read of the other contract's store, with
/// wasmd's contract prefix on the key; no instance is loaded.
pub fn raw_query_cost(key_len: usize, value_len: usize) -> u64 {
    kv::READ_COST_FLAT
        + kv::READ_COST_PER_BYTE * (CONTRACT_KEY_PREFIX_LEN + key_len as u64 + value_len as u64)
}

/// wasmd's `EventCosts`: attribute bytes beyond the free tier, plus a flat cost per attribute
/// and per custom event (`attributes` are the response's, `events` its custom events).
pub fn event_cost(attributes: &[(usize, usize)], events: &[(usize, Vec<(usize, usize)>)]) -> u64 {
    let mut free = EVENT_ATTRIBUTE_DATA_FREE_TIER;
    let mut charge = |attrs: &[(usize, usize)]| -> u64 {
        if attrs.is_empty() {
            return 0;
        }
        let bytes: u64 = attrs.iter().map(|(k, v)| (k + v) as u64).sum();
        let billed = if bytes <= free {
            free -= bytes;
            0
        } else {
            let over = bytes - free;
            free = 0;
            over
        };
        billed * EVENT_ATTRIBUTE_DATA_COST + attrs.len() as u64 * EVENT_PER_ATTRIBUTE_COST
    };
    let mut gas = charge(attributes);
    for (type_len, attrs) in events {
        gas += CUSTOM_EVENT_COST + *type_len as u64 * EVENT_ATTRIBUTE_DATA_COST;
        gas += charge(attrs);
    }
    gas
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_cost_applies_the_free_tier_once_over_all_attributes() {
        // 60 bytes free, then 60 of which 40 are free: 20 billed, 2 attributes.
        let attrs = [(10, 50), (20, 40)];
        assert_eq!(event_cost(&attrs, &[]), 20 + 2 * EVENT_PER_ATTRIBUTE_COST);
        let events = [(4, vec![(10, 10)])];
        assert_eq!(
            event_cost(&attrs, &events),
            20 + 2 * EVENT_PER_ATTRIBUTE_COST
                + CUSTOM_EVENT_COST
                + 4
                + 20
                + EVENT_PER_ATTRIBUTE_COST
        );
        assert_eq!(event_cost(&[], &[]), 0);
    }
}
