//! Genesis: the whole supply is created here, once. There is no mint afterwards.

use cosmwasm_std::{Addr, DepsMut, Env, MessageInfo, Response, Uint256};
use cw20::{EmbeddedLogo, Logo, LogoInfo, MarketingInfoResponse};
use cw20_base::state::{TokenInfo, LOGO, MARKETING_INFO, TOKEN_INFO};

use crate::attributes as attr;
use crate::contract::RELEASE;
use crate::error::ContractError;
use crate::execute::governance::validate_income_window;
use crate::ledger::{validate_schedule, Commons, Schedule, SHARES_PER_UNIT};
use crate::msg::{InstantiateMarketingInfo, InstantiateMsg};
use crate::state::{
    save_commons, save_schedule, save_shares, ADMIN, MEMBERS, MEMBERSHIP_AUTHORITY,
};

pub fn instantiate(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    validate_schedule(msg.demurrage.rate, msg.demurrage.period_seconds)?;
    validate_income_window(msg.income_window_periods)?;
    let admin = match &msg.admin {
        Some(a) => deps.api.addr_validate(a)?,
        None => info.sender.clone(),
    };
    let authority = match &msg.membership_authority {
        Some(a) => deps.api.addr_validate(a)?,
        None => admin.clone(),
    };

    // cw20-base's own checks of name, symbol and decimals, with its errors.
    let token = cw20_base::msg::InstantiateMsg {
        name: msg.name,
        symbol: msg.symbol,
        decimals: msg.decimals,
        initial_balances: vec![],
        mint: None,
        marketing: None,
    };
    token.validate().map_err(cw20_base::ContractError::Std)?;
    if let Some(marketing) = msg.marketing {
        save_marketing(&mut deps, marketing)?;
    }
    RELEASE.record(deps.storage)?;

    save_schedule(
        deps.storage,
        &Schedule::genesis(
            msg.demurrage.rate,
            msg.demurrage.period_seconds,
            env.block.time,
        ),
    )?;
    ADMIN.init(deps.storage, admin.clone())?;
    MEMBERSHIP_AUTHORITY.save(deps.storage, &authority)?;

    // At index 1.0 a unit is exactly SHARES_PER_UNIT shares: genesis balances are exact.
    let mut total_shares = Uint256::zero();
    let mut total_supply = msg.commons_pool;
    // Sorted, searched by halves: a `BTreeSet` would link its tree code (~3 KiB) for this alone.
    let mut seen: Vec<Addr> = Vec::with_capacity(msg.initial_balances.len());
    for coin in &msg.initial_balances {
        let addr = deps.api.addr_validate(&coin.address)?;
        match seen.binary_search(&addr) {
            Ok(_) => {
                return Err(ContractError::DuplicateAccount {
                    address: coin.address.clone(),
                })
            }
            Err(at) => seen.insert(at, addr.clone()),
        }
        let shares = Uint256::from(coin.amount).checked_mul(SHARES_PER_UNIT)?;
        save_shares(deps.storage, &addr, shares);
        total_shares = total_shares.checked_add(shares)?;
        total_supply = total_supply.checked_add(coin.amount)?;
    }
    let mut commons = Commons::genesis(
        msg.commons_pool,
        total_shares,
        env.block.time,
        msg.income_window_periods,
    );
    for member in &msg.initial_members {
        let addr = deps.api.addr_validate(member)?;
        if !MEMBERS.has(deps.storage, &addr) {
            let since = commons.join()?;
            MEMBERS.save(deps.storage, &addr, &since)?;
        }
    }
    save_commons(deps.storage, &commons);
    TOKEN_INFO.save(
        deps.storage,
        &TokenInfo {
            name: token.name,
            symbol: token.symbol,
            decimals: token.decimals,
            total_supply,
            mint: None,
        },
    )?;

    Ok(Response::new()
        .add_attribute(attr::ACTION, attr::INSTANTIATE)
        .add_attribute(attr::TOTAL_SUPPLY, total_supply)
        .add_attribute(attr::COMMONS_POOL, msg.commons_pool)
        .add_attribute(attr::ADMIN, admin)
        .add_attribute(attr::AUTHORITY, authority))
}

/// Stores the marketing block as cw20-base's `instantiate` does (same checks, same errors, same
/// storage), without linking the rest of it (initial balances, minter, their sort).
fn save_marketing(
    deps: &mut DepsMut,
    marketing: InstantiateMarketingInfo,
) -> Result<(), ContractError> {
    let logo = match marketing.logo {
        Some(logo) => {
            verify_logo(&logo)?;
            LOGO.save(deps.storage, &logo)?;
            Some(match logo {
                Logo::Url(url) => LogoInfo::Url(url),
                Logo::Embedded(_) => LogoInfo::Embedded,
            })
        }
        None => None,
    };
    let marketing_addr = marketing
        .marketing
        .map(|addr| deps.api.addr_validate(&addr))
        .transpose()
        .map_err(cw20_base::ContractError::Std)?;
    MARKETING_INFO.save(
        deps.storage,
        &MarketingInfoResponse {
            project: marketing.project,
            description: marketing.description,
            marketing: marketing_addr,
            logo,
        },
    )?;
    Ok(())
}

/// cw20-base's logo checks (private there): an SVG starts with an XML preamble, a PNG with its
/// header, and neither is over 5 KiB. A URL is not checked.
fn verify_logo(logo: &Logo) -> Result<(), cw20_base::ContractError> {
    use cw20_base::ContractError::{InvalidPngHeader, InvalidXmlPreamble, LogoTooBig};
    const LOGO_SIZE_CAP: usize = 5 * 1024;
    const PNG_HEADER: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
    match logo {
        Logo::Url(_) => Ok(()),
        Logo::Embedded(EmbeddedLogo::Svg(svg)) => {
            let preamble = svg.split_inclusive(|c| *c == b'>').next().unwrap_or(&[]);
            if !(preamble.starts_with(b"<?xml ") && preamble.ends_with(b"?>")) {
                Err(InvalidXmlPreamble {})
            } else if svg.len() > LOGO_SIZE_CAP {
                Err(LogoTooBig {})
            } else {
                Ok(())
            }
        }
        Logo::Embedded(EmbeddedLogo::Png(png)) => {
            if png.len() > LOGO_SIZE_CAP {
                Err(LogoTooBig {})
            } else if !png.starts_with(&PNG_HEADER) {
                Err(InvalidPngHeader {})
            } else {
                Ok(())
            }
        }
    }
}
