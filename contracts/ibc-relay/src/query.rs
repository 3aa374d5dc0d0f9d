use cosmwasm_std::{Deps, Env, Order, StdError, StdResult, Uint128};
use dac_common::pagination::{after, page};

use crate::holdings::{token_balance, value_of_units};
use crate::msg::{
    ChannelResponse, ConfigResponse, HeldFor, HoldingsResponse, ListChannelsResponse,
    ListNodesResponse, ListNotesResponse, ListPanelsResponse, ListPendingResponse,
    ListShipmentUpdatesResponse, ListTradesResponse, ListTreatiesResponse, ListVouchersResponse,
    NodeResponse, PanelResponse, TradeResponse, TradeStatus, TreatyResponse, VoucherResponse,
};
use crate::state::{
    pending_after, Ledger, CHANNELS, CONFIG, HELD_FOR, NODES, NOTES, PANELS, SHIPMENTS, TRADES,
    TRADES_BY_STATUS, TREATIES, VOUCHERS, VOUCHER_SUPPLY,
};

fn value_now(deps: Deps, env: &Env, units: Uint128) -> StdResult<Uint128> {
    let token = CONFIG.load(deps.storage)?.token;
    let balance = token_balance(&deps.querier, &token, &env.contract.address)?;
    let total = Ledger::load(deps.storage)?.total_units;
    value_of_units(total, balance, units).map_err(|e| StdError::generic_err(e.to_string()))
}

pub fn config(deps: Deps) -> StdResult<ConfigResponse> {
    let c = CONFIG.load(deps.storage)?;
    Ok(ConfigResponse {
        token: c.token,
        housing_registry: c.housing_registry,
        escrow: c.escrow,
        default_timeout_seconds: c.default_timeout_seconds,
        council: c.council,
    })
}

pub fn node(deps: Deps, env: &Env, name: String) -> StdResult<NodeResponse> {
    let node = NODES.load(deps.storage, &name)?;
    let held_units = HELD_FOR.may_load(deps.storage, &name)?.unwrap_or_default();
    Ok(NodeResponse {
        node,
        held_units,
        held_value: value_now(deps, env, held_units)?,
        voucher_supply: VOUCHER_SUPPLY
            .may_load(deps.storage, &name)?
            .unwrap_or_default(),
    })
}

pub fn list_nodes(
    deps: Deps,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<ListNodesResponse> {
    let nodes = page(
        NODES
            .range(
                deps.storage,
                after(start_after.as_deref()),
                None,
                Order::Ascending,
            )
            .map(|r| r.map(|(_, n)| n)),
        limit,
    )?;
    Ok(ListNodesResponse { nodes })
}

pub fn channel(deps: Deps, channel_id: String) -> StdResult<ChannelResponse> {
    Ok(ChannelResponse {
        channel: CHANNELS.load(deps.storage, &channel_id)?,
    })
}

pub fn list_channels(
    deps: Deps,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<ListChannelsResponse> {
    let channels = page(
        CHANNELS
            .range(
                deps.storage,
                after(start_after.as_deref()),
                None,
                Order::Ascending,
            )
            .map(|r| r.map(|(_, c)| c)),
        limit,
    )?;
    Ok(ListChannelsResponse { channels })
}

/// Packets sent and not yet resolved, all of them or (`value_only`) those that carry value. One
/// function for both listings: one copy of the walk in the wasm.
pub fn pending_packets(
    deps: Deps,
    start_after: Option<u64>,
    limit: Option<u32>,
    value_only: bool,
) -> StdResult<ListPendingResponse> {
    let packets = page(
        pending_after(deps.storage, start_after)
            .filter(|p| !value_only || p.as_ref().map_or(true, |p| p.carries_value()))
            .map(|p| p.map(|p| p.into_response())),
        limit,
    )?;
    Ok(ListPendingResponse { packets })
}

pub fn holdings(
    deps: Deps,
    env: &Env,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<HoldingsResponse> {
    let token = CONFIG.load(deps.storage)?.token;
    let balance = token_balance(&deps.querier, &token, &env.contract.address)?;
    let total_units = Ledger::load(deps.storage)?.total_units;
    let to_std = |e: crate::ContractError| StdError::generic_err(e.to_string());
    let nodes = page(
        HELD_FOR
            .range(
                deps.storage,
                after(start_after.as_deref()),
                None,
                Order::Ascending,
            )
            .map(|r| {
                let (node, units) = r?;
                Ok(HeldFor {
                    node,
                    units,
                    value: value_of_units(total_units, balance, units).map_err(to_std)?,
                })
            }),
        limit,
    )?;
    // Units held for no node belong to transfers not yet acknowledged. Counted here rather
    // than kept, so an acknowledgement writes only its node's holding (one entry per node).
    let mut held = Uint128::zero();
    for units in HELD_FOR.range(deps.storage, None, None, Order::Ascending) {
        held = held.checked_add(units?.1)?;
    }
    Ok(HoldingsResponse {
        balance,
        total_units,
        in_flight_units: total_units.checked_sub(held)?,
        nodes,
    })
}

pub fn voucher(deps: Deps, node: String, holder: String) -> StdResult<VoucherResponse> {
    let addr = deps.api.addr_validate(&holder)?;
    let shares = VOUCHERS
        .may_load(deps.storage, (&node, &addr))?
        .unwrap_or_default();
    Ok(VoucherResponse {
        node,
        holder,
        shares,
    })
}

pub fn list_vouchers(
    deps: Deps,
    node: String,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<ListVouchersResponse> {
    let start = start_after
        .map(|a| deps.api.addr_validate(&a))
        .transpose()?;
    let vouchers = page(
        VOUCHERS
            .prefix(&node)
            .range(deps.storage, after(start.as_ref()), None, Order::Ascending)
            .map(|r| {
                r.map(|(holder, shares)| VoucherResponse {
                    node: node.clone(),
                    holder: holder.to_string(),
                    shares,
                })
            }),
        limit,
    )?;
    Ok(ListVouchersResponse {
        vouchers,
        supply: VOUCHER_SUPPLY
            .may_load(deps.storage, &node)?
            .unwrap_or_default(),
    })
}

pub fn trade(deps: Deps, trade_id: u64) -> StdResult<TradeResponse> {
    Ok(TradeResponse {
        trade: TRADES.load(deps.storage, trade_id)?,
    })
}

pub fn trades_by_status(
    deps: Deps,
    status: TradeStatus,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> StdResult<ListTradesResponse> {
    let trades = page(
        TRADES_BY_STATUS
            .prefix(status.key())
            .keys(deps.storage, after(start_after), None, Order::Ascending)
            .map(|id| TRADES.load(deps.storage, id?)),
        limit,
    )?;
    Ok(ListTradesResponse { trades })
}

pub fn shipment_updates(
    deps: Deps,
    trade_id: u64,
    start_after: Option<u32>,
    limit: Option<u32>,
) -> StdResult<ListShipmentUpdatesResponse> {
    let updates = page(
        SHIPMENTS
            .prefix(trade_id)
            .range(deps.storage, after(start_after), None, Order::Ascending)
            .map(|r| r.map(|(_, u)| u)),
        limit,
    )?;
    Ok(ListShipmentUpdatesResponse { updates })
}

pub fn treaty(deps: Deps, treaty_id: u64) -> StdResult<TreatyResponse> {
    Ok(TreatyResponse {
        treaty: TREATIES.load(deps.storage, treaty_id)?,
    })
}

pub fn list_treaties(
    deps: Deps,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> StdResult<ListTreatiesResponse> {
    let treaties = page(
        TREATIES
            .range(deps.storage, after(start_after), None, Order::Ascending)
            .map(|r| r.map(|(_, t)| t)),
        limit,
    )?;
    Ok(ListTreatiesResponse { treaties })
}

pub fn panel(deps: Deps, panel_id: u64) -> StdResult<PanelResponse> {
    Ok(PanelResponse {
        panel: PANELS.load(deps.storage, panel_id)?,
    })
}

pub fn list_panels(
    deps: Deps,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> StdResult<ListPanelsResponse> {
    let panels = page(
        PANELS
            .range(deps.storage, after(start_after), None, Order::Ascending)
            .map(|r| r.map(|(_, p)| p)),
        limit,
    )?;
    Ok(ListPanelsResponse { panels })
}

pub fn list_notes(
    deps: Deps,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> StdResult<ListNotesResponse> {
    let notes = page(
        NOTES
            .range(deps.storage, after(start_after), None, Order::Ascending)
            .map(|r| r.map(|(_, n)| n)),
        limit,
    )?;
    Ok(ListNotesResponse { notes })
}
