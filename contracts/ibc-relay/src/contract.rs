//! Entry points only: each dispatches to a named function.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{
    Binary, Deps, DepsMut, Env, IbcBasicResponse, IbcChannelCloseMsg, IbcChannelConnectMsg,
    IbcChannelOpenMsg, IbcChannelOpenResponse, IbcPacketAckMsg, IbcPacketReceiveMsg,
    IbcPacketTimeoutMsg, IbcReceiveResponse, MessageInfo, Reply, Response, StdResult,
};

use crate::attributes as attr;
use crate::error::{ContractError, Never};
use crate::execute::{admin, diplomacy, trade, transfer};
use crate::ibc::{ack, handshake, receive};
use crate::msg::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};
use crate::query;
use crate::state::{v1, Config, Ledger, ADMIN, CONFIG, RECEIVE_REPLY_ID, VIRTUAL_UNIT_PRICING};
// Query answers by the lean writer (serde's writer of every answer type is larger).
use dac_common::json::to_json_binary;
use dac_common::migrate::{migrate_attributes, Release, FIRST_RELEASE_LAYOUT};

/// cw2's name for this code, checked by `migrate`: changing it would refuse deployed contracts.
pub const CONTRACT_NAME: &str = concat!("crates.io:", env!("CARGO_PKG_NAME"));
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// This code's stored layout (`dac_common::migrate`). Layout 2: the packet counter and the
/// units in one compact ledger, pending packets as compact records without their bodies (those
/// of layout 1 are still read, so packets pending across the upgrade resolve).
pub const RELEASE: Release = Release {
    contract: CONTRACT_NAME,
    version: CONTRACT_VERSION,
    layout: 2,
    oldest_layout: FIRST_RELEASE_LAYOUT,
};

#[cfg_attr(not(feature = "library"), entry_point(crate = "dac_common::entry"))]
pub fn instantiate(
    deps: DepsMut,
    _env: Env,
    _info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    RELEASE.record(deps.storage)?;
    admin::validate_default_timeout(msg.default_timeout_seconds)?;
    let admin_addr = deps.api.addr_validate(&msg.admin)?;
    ADMIN.init(deps.storage, admin_addr.clone())?;
    let config = Config {
        token: deps.api.addr_validate(&msg.token)?,
        housing_registry: msg
            .housing_registry
            .map(|a| deps.api.addr_validate(&a))
            .transpose()?,
        escrow: msg.escrow.map(|a| deps.api.addr_validate(&a)).transpose()?,
        default_timeout_seconds: msg.default_timeout_seconds,
        council: None,
    };
    CONFIG.save(deps.storage, &config)?;
    Ledger::default().save(deps.storage);
    VIRTUAL_UNIT_PRICING.save(deps.storage, &true)?;
    Ok(Response::new().add_attributes([
        (attr::ACTION, attr::ACTION_INSTANTIATE),
        (attr::ADMIN, admin_addr.as_str()),
    ]))
}

#[cfg_attr(not(feature = "library"), entry_point(crate = "dac_common::entry"))]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    match msg {
        ExecuteMsg::Receive(wrapper) => transfer::receive_cw20(deps, env, info, wrapper),
        ExecuteMsg::TransferVouchers {
            node,
            recipient,
            shares,
        } => transfer::transfer_vouchers(deps, info, node, recipient, shares),
        ExecuteMsg::ReturnVouchers {
            channel_id,
            receiver,
            shares,
            timeout_seconds,
        } => transfer::return_vouchers(
            deps,
            env,
            info,
            channel_id,
            receiver,
            shares,
            timeout_seconds,
        ),
        ExecuteMsg::BookGuest(msg) => transfer::book_guest(deps, env, info, msg),
        ExecuteMsg::CancelGuestBooking {
            channel_id,
            booking_id,
            timeout_seconds,
        } => {
            transfer::cancel_guest_booking(deps, env, info, channel_id, booking_id, timeout_seconds)
        }
        ExecuteMsg::OfferTrade(msg) => trade::offer_trade(deps, env, info, msg),
        ExecuteMsg::AnswerTrade {
            trade_id,
            accept,
            reason,
            timeout_seconds,
        } => trade::answer_trade(deps, env, info, trade_id, accept, reason, timeout_seconds),
        ExecuteMsg::AttachEscrow { trade_id, deal_id } => {
            trade::attach_escrow(deps, env, info, trade_id, deal_id)
        }
        ExecuteMsg::ReportShipment {
            trade_id,
            update,
            timeout_seconds,
        } => trade::report_shipment(deps, env, info, trade_id, update, timeout_seconds),
        ExecuteMsg::ConfirmDelivery {
            trade_id,
            timeout_seconds,
        } => trade::confirm_delivery(deps, env, info, trade_id, timeout_seconds),
        ExecuteMsg::ProposeTreaty(msg) => diplomacy::propose_treaty(deps, env, info, msg),
        ExecuteMsg::RatifyTreaty {
            treaty_id,
            timeout_seconds,
        } => diplomacy::ratify_treaty(deps, env, info, treaty_id, timeout_seconds),
        ExecuteMsg::SendNote {
            channel_id,
            subject,
            body,
            timeout_seconds,
        } => diplomacy::send_note(deps, env, info, channel_id, subject, body, timeout_seconds),
        ExecuteMsg::ProposePanel {
            channel_id,
            subject,
            members,
            timeout_seconds,
        } => diplomacy::propose_panel(
            deps,
            env,
            info,
            channel_id,
            subject,
            members,
            timeout_seconds,
        ),
        ExecuteMsg::SubmitPanelHalf {
            panel_id,
            members,
            timeout_seconds,
        } => diplomacy::submit_panel_half(deps, env, info, panel_id, members, timeout_seconds),
        ExecuteMsg::RecognizeNode {
            name,
            connection_id,
            counterparty_port,
        } => admin::recognize_node(deps, info, name, connection_id, counterparty_port),
        ExecuteMsg::ForgetNode { name } => admin::forget_node(deps, info, name),
        ExecuteMsg::UpdateConfig {
            housing_registry,
            escrow,
            default_timeout_seconds,
            council,
        } => admin::update_config(
            deps,
            info,
            housing_registry,
            escrow,
            default_timeout_seconds,
            council,
        ),
        ExecuteMsg::CloseChannel { channel_id } => admin::close_channel(deps, info, channel_id),
        ExecuteMsg::ProposeAdmin { admin } => admin::propose_admin(deps, info, admin),
        ExecuteMsg::AcceptAdmin {} => admin::accept_admin(deps, info),
        ExecuteMsg::ApplyPacket { channel_id, data } => {
            receive::apply_packet(deps, env, info, channel_id, data)
        }
    }
}

#[cfg_attr(not(feature = "library"), entry_point(crate = "dac_common::entry"))]
pub fn reply(_deps: DepsMut, _env: Env, msg: Reply) -> Result<Response, ContractError> {
    match msg.id {
        RECEIVE_REPLY_ID => receive::receive_reply(msg),
        // Only the chain calls `reply`, and only for ids we sent: anything else is a bug to see.
        id => Err(ContractError::UnknownReplyId(id)),
    }
}

#[cfg_attr(not(feature = "library"), entry_point(crate = "dac_common::entry"))]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> StdResult<Binary> {
    match msg {
        QueryMsg::Config {} => to_json_binary(&query::config(deps)?),
        QueryMsg::Node { name } => to_json_binary(&query::node(deps, &env, name)?),
        QueryMsg::ListNodes { start_after, limit } => {
            to_json_binary(&query::list_nodes(deps, start_after, limit)?)
        }
        QueryMsg::Channel { channel_id } => to_json_binary(&query::channel(deps, channel_id)?),
        QueryMsg::ListChannels { start_after, limit } => {
            to_json_binary(&query::list_channels(deps, start_after, limit)?)
        }
        QueryMsg::PendingPackets { start_after, limit } => {
            to_json_binary(&query::pending_packets(deps, start_after, limit, false)?)
        }
        QueryMsg::TransfersInFlight { start_after, limit } => {
            to_json_binary(&query::pending_packets(deps, start_after, limit, true)?)
        }
        QueryMsg::Holdings { start_after, limit } => {
            to_json_binary(&query::holdings(deps, &env, start_after, limit)?)
        }
        QueryMsg::Voucher { node, holder } => to_json_binary(&query::voucher(deps, node, holder)?),
        QueryMsg::ListVouchers {
            node,
            start_after,
            limit,
        } => to_json_binary(&query::list_vouchers(deps, node, start_after, limit)?),
        QueryMsg::Trade { trade_id } => to_json_binary(&query::trade(deps, trade_id)?),
        QueryMsg::TradesByStatus {
            status,
            start_after,
            limit,
        } => to_json_binary(&query::trades_by_status(deps, status, start_after, limit)?),
        QueryMsg::ShipmentUpdates {
            trade_id,
            start_after,
            limit,
        } => to_json_binary(&query::shipment_updates(
            deps,
            trade_id,
            start_after,
            limit,
        )?),
        QueryMsg::Treaty { treaty_id } => to_json_binary(&query::treaty(deps, treaty_id)?),
        QueryMsg::ListTreaties { start_after, limit } => {
            to_json_binary(&query::list_treaties(deps, start_after, limit)?)
        }
        QueryMsg::Panel { panel_id } => to_json_binary(&query::panel(deps, panel_id)?),
        QueryMsg::ListPanels { start_after, limit } => {
            to_json_binary(&query::list_panels(deps, start_after, limit)?)
        }
        QueryMsg::ListNotes { start_after, limit } => {
            to_json_binary(&query::list_notes(deps, start_after, limit)?)
        }
        QueryMsg::Admin {} => to_json_binary(&ADMIN.state(deps.storage)?),
    }
}

#[cfg_attr(not(feature = "library"), entry_point(crate = "dac_common::entry"))]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    let stored = RELEASE.check(deps.storage)?;
    // A relay from before v0.1.0 priced units one per micro: it converts only when it holds none.
    if !VIRTUAL_UNIT_PRICING
        .may_load(deps.storage)?
        .unwrap_or(false)
    {
        let outstanding = match stored.layout {
            FIRST_RELEASE_LAYOUT => v1::TOTAL_UNITS.may_load(deps.storage)?.unwrap_or_default(),
            _ => Ledger::load(deps.storage)?.total_units,
        };
        if !outstanding.is_zero() {
            return Err(ContractError::OldUnitsOutstanding(outstanding));
        }
        VIRTUAL_UNIT_PRICING.save(deps.storage, &true)?;
    }
    let mut converted = vec![];
    if stored.layout == FIRST_RELEASE_LAYOUT {
        v1::into_ledger(deps.storage)?;
        converted.push("ledger");
    }
    RELEASE.record(deps.storage)?;
    Ok(Response::new().add_attributes(migrate_attributes(&RELEASE, &stored, &converted)))
}

#[cfg_attr(not(feature = "library"), entry_point(crate = "dac_common::entry"))]
pub fn ibc_channel_open(
    deps: DepsMut,
    _env: Env,
    msg: IbcChannelOpenMsg,
) -> Result<IbcChannelOpenResponse, ContractError> {
    handshake::channel_open(deps, msg)
}

#[cfg_attr(not(feature = "library"), entry_point(crate = "dac_common::entry"))]
pub fn ibc_channel_connect(
    deps: DepsMut,
    _env: Env,
    msg: IbcChannelConnectMsg,
) -> Result<IbcBasicResponse, ContractError> {
    handshake::channel_connect(deps, msg)
}

#[cfg_attr(not(feature = "library"), entry_point(crate = "dac_common::entry"))]
pub fn ibc_channel_close(
    deps: DepsMut,
    _env: Env,
    msg: IbcChannelCloseMsg,
) -> Result<IbcBasicResponse, ContractError> {
    handshake::channel_close(deps, msg)
}

/// Never fails: every problem becomes an error acknowledgement.
#[cfg_attr(not(feature = "library"), entry_point(crate = "dac_common::entry"))]
pub fn ibc_packet_receive(
    deps: DepsMut,
    env: Env,
    msg: IbcPacketReceiveMsg,
) -> Result<IbcReceiveResponse, Never> {
    Ok(receive::packet_receive(deps, env, msg))
}

#[cfg_attr(not(feature = "library"), entry_point(crate = "dac_common::entry"))]
pub fn ibc_packet_ack(
    deps: DepsMut,
    env: Env,
    msg: IbcPacketAckMsg,
) -> Result<IbcBasicResponse, ContractError> {
    ack::packet_ack(deps, env, msg)
}

#[cfg_attr(not(feature = "library"), entry_point(crate = "dac_common::entry"))]
pub fn ibc_packet_timeout(
    deps: DepsMut,
    env: Env,
    msg: IbcPacketTimeoutMsg,
) -> Result<IbcBasicResponse, ContractError> {
    ack::packet_timeout(deps, env, msg)
}
