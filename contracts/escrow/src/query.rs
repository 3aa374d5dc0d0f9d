use cosmwasm_std::{Deps, Env, Order, StdError, StdResult, Uint128, Uint256};
use dac_common::pagination::{after, page};

use crate::attributes as attr;
use crate::msg::{
    ArbitratorResponse, ArbitratorsResponse, ConfigResponse, DealResponse, DealsResponse,
    HoldingResponse, StatusKey, VaultResponse,
};
use crate::state::{
    deal_ids_by_party, deal_ids_by_status, Asset, Deal, Status, ADMIN, ARBITRATORS, CONFIG, DEALS,
    TOTALS,
};
use crate::vault::Vault;

fn std_err(e: crate::ContractError) -> StdError {
    StdError::generic_err(e.to_string())
}

fn total_shares(deps: Deps) -> StdResult<Uint256> {
    Ok(TOTALS.may_load(deps.storage)?.unwrap_or_default().shares)
}

pub fn config(deps: Deps) -> StdResult<ConfigResponse> {
    let config = CONFIG.load(deps.storage)?;
    let admin = ADMIN.state(deps.storage)?;
    Ok(ConfigResponse {
        token: config.token.to_string(),
        council: config.council.map(|c| c.to_string()),
        panel_seconds: config.panel_seconds,
        admin: admin.admin.to_string(),
        pending_admin: admin.pending.map(|a| a.to_string()),
    })
}

/// Values units for one listing, querying the token balance at most once.
struct Valuer {
    vault: Option<Vault>,
}

impl Valuer {
    fn new() -> Self {
        Valuer { vault: None }
    }

    fn value(
        &mut self,
        deps: Deps,
        env: &Env,
        asset: &Asset,
        units: Uint256,
    ) -> StdResult<Uint128> {
        match asset {
            Asset::Native { .. } => Uint128::try_from(units).map_err(StdError::from),
            Asset::Token { address } => {
                if self.vault.is_none() {
                    let shares = total_shares(deps)?;
                    self.vault = Some(Vault::load(deps, env, address, shares).map_err(std_err)?);
                }
                match &self.vault {
                    Some(v) => v.value_of(units).map_err(std_err),
                    None => Ok(Uint128::zero()),
                }
            }
        }
    }
}

fn deal_response(
    deps: Deps,
    env: &Env,
    valuer: &mut Valuer,
    deal: Deal,
) -> StdResult<DealResponse> {
    let mut holdings = vec![];
    for pot in deal.parties.iter().chain(std::iter::once(&deal.arbitrator)) {
        holdings.push(HoldingResponse {
            address: pot.address.to_string(),
            role: pot.role.as_str().to_string(),
            units: pot.units,
            value: valuer.value(deps, env, &deal.asset, pot.units)?,
        });
    }
    if !deal.extra.is_zero() {
        holdings.push(HoldingResponse {
            address: env.contract.address.to_string(),
            role: attr::ROLE_EXTRA.to_string(),
            units: deal.extra,
            value: valuer.value(deps, env, &deal.asset, deal.extra)?,
        });
    }
    let value_held = valuer.value(deps, env, &deal.asset, deal.total_units())?;
    let panel_by = match deal.status {
        Status::Appealed { panel_by } | Status::AwaitingPanel { panel_by } => Some(panel_by),
        _ => None,
    };
    Ok(DealResponse {
        panel_by,
        status: deal.status.key(),
        next_deadline: deal.next_deadline(),
        value_held,
        holdings,
        deal,
    })
}

pub fn deal(deps: Deps, env: &Env, deal_id: u64) -> StdResult<DealResponse> {
    let deal = DEALS.load_canonical(deps.storage, deps.api, deal_id)?;
    deal_response(deps, env, &mut Valuer::new(), deal)
}

fn responses(deps: Deps, env: &Env, ids: Vec<u64>) -> StdResult<DealsResponse> {
    let mut valuer = Valuer::new();
    let deals = ids
        .into_iter()
        .map(|id| {
            let deal = DEALS.load_canonical(deps.storage, deps.api, id)?;
            deal_response(deps, env, &mut valuer, deal)
        })
        .collect::<StdResult<Vec<_>>>()?;
    Ok(DealsResponse { deals })
}

pub fn list_deals(
    deps: Deps,
    env: &Env,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> StdResult<DealsResponse> {
    let ids = page(
        DEALS.keys(deps.storage, after(start_after), None, Order::Ascending),
        limit,
    )?;
    responses(deps, env, ids)
}

pub fn deals_by_status(
    deps: Deps,
    env: &Env,
    status: StatusKey,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> StdResult<DealsResponse> {
    let ids = deal_ids_by_status(deps.storage, status, start_after, limit)?;
    responses(deps, env, ids)
}

pub fn deals_by_party(
    deps: Deps,
    env: &Env,
    address: String,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> StdResult<DealsResponse> {
    let address = deps.api.addr_validate(&address)?;
    let ids = deal_ids_by_party(deps.storage, deps.api, &address, start_after, limit)?;
    responses(deps, env, ids)
}

pub fn arbitrator(deps: Deps, address: String) -> StdResult<ArbitratorResponse> {
    let address = deps.api.addr_validate(&address)?;
    let record = ARBITRATORS
        .may_load(deps.storage, &address)?
        .unwrap_or_default();
    Ok(ArbitratorResponse {
        address: address.to_string(),
        record,
    })
}

pub fn list_arbitrators(
    deps: Deps,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<ArbitratorsResponse> {
    let start = start_after
        .map(|a| deps.api.addr_validate(&a))
        .transpose()?;
    let arbitrators = page(
        ARBITRATORS
            .range(deps.storage, after(start.as_ref()), None, Order::Ascending)
            .map(|item| {
                item.map(|(address, record)| ArbitratorResponse {
                    address: address.to_string(),
                    record,
                })
            }),
        limit,
    )?;
    Ok(ArbitratorsResponse { arbitrators })
}

pub fn vault(deps: Deps, env: &Env) -> StdResult<VaultResponse> {
    let config = CONFIG.load(deps.storage)?;
    let shares = total_shares(deps)?;
    let vault = Vault::load(deps, env, &config.token, shares).map_err(std_err)?;
    Ok(VaultResponse {
        token: config.token.to_string(),
        token_balance: vault.balance,
        total_shares: vault.total_shares,
    })
}
