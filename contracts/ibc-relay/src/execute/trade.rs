//! Trade between a party here and a party on another node: offer, answer, shipment updates from
//! the drone tanker, delivery receipt and payment. A token price is paid in the SELLER's node
//! token through an escrow deal on the seller's node that names the seller's relay as attestor;
//! the relay attests it when the buyer's delivery receipt arrives. No receipt by the deal's
//! deadline: the escrow refunds the payer by its own permissionless step.

use cosmwasm_std::{
    Addr, Binary, CosmosMsg, DepsMut, Env, MessageInfo, Response, StdResult, Storage, Uint128,
    WasmMsg,
};
use dac_common::calls::query_wasm_smart;
use dac_common::dac_serde;
use dac_common::json::to_json_binary;

use super::{sendable_channel, validate_text};
use crate::attributes as attr;
use crate::error::ContractError;
use crate::holdings::HeldBalance;
use crate::msg::OfferTradeMsg;
use crate::msg::{
    DeliveryWindow, Price, ShipmentRecord, ShipmentUpdate, Trade, TradeRole, TradeStatus,
};
use crate::packet::{Applied, Packet, Peer};
use crate::state::{
    next_id, save_trade, CONFIG, DEALS, MAX_LABEL, MAX_TEXT, NEXT_TRADE_ID, REMOTE_TRADES,
    SHIPMENTS, TRADES,
};

/// The escrow's execute message the relay sends, defined here so the relay does not depend on
/// the escrow crate.
#[dac_serde]
pub enum EscrowExecuteMsg {
    AttestDelivery { deal_id: u64 },
}

/// The escrow's query the relay sends (serialized only, so no deserializer is needed).
#[derive(serde::Serialize, dac_common::LeanSerialize)]
#[serde(rename_all = "snake_case")]
enum EscrowQueryMsg {
    Deal { deal_id: u64 },
}

/// The parts of the escrow's `deal` answer the relay checks (other fields are ignored), read by
/// the lean reader; defined by a macro so that the tests can derive serde's reader of the same
/// types and compare the two.
macro_rules! escrow_deal_answer {
    ($derive:path) => {
        #[derive($derive)]
        #[cfg_attr(test, derive(Debug))]
        struct EscrowDealResponse {
            deal: EscrowDeal,
            status: String,
        }

        #[derive($derive)]
        #[cfg_attr(test, derive(Debug))]
        struct EscrowDeal {
            kind: EscrowDealKind,
            asset: EscrowAsset,
            /// `[0]` the proposer (who paid the price in), `[1]` the counterparty (who is paid).
            parties: Vec<EscrowPot>,
        }

        /// `{"trade_shipment":{"attestor":..}}`; any other kind leaves the field empty.
        #[derive($derive)]
        #[cfg_attr(test, derive(Debug))]
        struct EscrowDealKind {
            trade_shipment: Option<EscrowAttestor>,
        }

        #[derive($derive)]
        #[cfg_attr(test, derive(Debug))]
        struct EscrowAttestor {
            attestor: Addr,
        }

        /// `{"token":{"address":..}}`; a native asset leaves the field empty.
        #[derive($derive)]
        #[cfg_attr(test, derive(Debug))]
        struct EscrowAsset {
            token: Option<EscrowToken>,
        }

        #[derive($derive)]
        #[cfg_attr(test, derive(Debug))]
        struct EscrowToken {
            address: Addr,
        }

        #[derive($derive)]
        #[cfg_attr(test, derive(Debug))]
        struct EscrowPot {
            address: Addr,
            stake: Uint128,
        }
    };
}

escrow_deal_answer!(dac_common::LeanDeserialize);

/// The escrow deal must be exactly this trade's payment, asked of the configured escrow (a
/// user's word for a deal id proves nothing): a trade shipment attested by this relay, in
/// this node's token, from the trade's payer to its seller for the trade's price, active
/// (signed by everyone and funded). A deal id that does not exist yet cannot be reserved.
fn verify_deal(
    deps: &DepsMut,
    env: &Env,
    trade: &Trade,
    deal_id: u64,
) -> Result<Addr, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    let escrow = config
        .escrow
        .ok_or(ContractError::NotConfigured("escrow"))?;
    let Price::Tokens { amount, payer } = &trade.price else {
        return Err(ContractError::NoEscrowForBarter);
    };
    let payer = deps.api.addr_validate(payer)?;
    let answer: EscrowDealResponse = query_wasm_smart(
        &deps.querier,
        escrow.as_str(),
        &EscrowQueryMsg::Deal { deal_id },
    )
    .map_err(|_| ContractError::DealMismatch {
        deal_id,
        reason: "no such deal",
    })?;
    let deal = answer.deal;
    let mismatch = |reason| ContractError::DealMismatch { deal_id, reason };
    match deal.kind.trade_shipment {
        Some(kind) if kind.attestor == env.contract.address => {}
        Some(_) => return Err(mismatch("another attestor")),
        None => return Err(mismatch("not a trade shipment")),
    }
    if deal.asset.token.map(|t| t.address) != Some(config.token) {
        return Err(mismatch("not in this node's token"));
    }
    let [proposer, counterparty, ..] = deal.parties.as_slice() else {
        return Err(mismatch("not between the trade's parties"));
    };
    if proposer.address != payer || counterparty.address != trade.local_party {
        return Err(mismatch("not between the trade's parties"));
    }
    if proposer.stake != *amount {
        return Err(mismatch("not the trade's price"));
    }
    if answer.status != "active" {
        return Err(mismatch("not active"));
    }
    Ok(escrow)
}

pub fn attest_delivery_msg(escrow: &Addr, deal_id: u64) -> StdResult<CosmosMsg> {
    Ok(WasmMsg::Execute {
        contract_addr: escrow.to_string(),
        msg: to_json_binary(&EscrowExecuteMsg::AttestDelivery { deal_id })?,
        funds: vec![],
    }
    .into())
}

fn validate_terms(
    deps: &DepsMut,
    env: &Env,
    goods: &str,
    containers: u32,
    price: &Price,
    window: &DeliveryWindow,
    seller_is_local: bool,
) -> Result<(), ContractError> {
    validate_text(goods, "goods", MAX_LABEL)?;
    if containers == 0 {
        return Err(ContractError::ZeroContainers);
    }
    if window.earliest > window.latest || window.latest <= env.block.time {
        return Err(ContractError::BadWindow);
    }
    match price {
        Price::Tokens { amount, payer } => {
            if amount.is_zero() {
                return Err(ContractError::ZeroAmount);
            }
            validate_text(payer, "payer", MAX_LABEL)?;
            // The payer funds the escrow on the seller's node, so only that node can check it.
            if seller_is_local {
                deps.api.addr_validate(payer)?;
            }
        }
        Price::Goods { goods, containers } => {
            validate_text(goods, "goods", MAX_LABEL)?;
            if *containers == 0 {
                return Err(ContractError::ZeroContainers);
            }
        }
    }
    Ok(())
}

/// The local id of a trade named by its offer id; `offered_here` says which node offered it.
fn local_trade(
    storage: &dyn Storage,
    node: &str,
    offer_id: u64,
    offered_here: bool,
) -> Result<Trade, ContractError> {
    let id = if offered_here {
        offer_id
    } else {
        REMOTE_TRADES
            .may_load(storage, (node, offer_id))?
            .ok_or(ContractError::TradeNotFound(offer_id))?
    };
    let trade = TRADES
        .may_load(storage, id)?
        .ok_or(ContractError::TradeNotFound(id))?;
    if trade.node != node || trade.offered_here != offered_here {
        return Err(ContractError::TradeNotFound(offer_id));
    }
    Ok(trade)
}

fn load_own_trade(
    storage: &dyn Storage,
    trade_id: u64,
    sender: &Addr,
) -> Result<Trade, ContractError> {
    let trade = TRADES
        .may_load(storage, trade_id)?
        .ok_or(ContractError::TradeNotFound(trade_id))?;
    if trade.local_party != *sender {
        return Err(ContractError::Unauthorized);
    }
    if trade.awaiting_ack {
        return Err(ContractError::AwaitingAck);
    }
    Ok(trade)
}

fn wrong_status(trade: &Trade, action: &str) -> ContractError {
    ContractError::WrongTradeStatus {
        status: format!("{:?}", trade.status),
        action: action.to_string(),
    }
}

fn in_delivery(trade: &Trade) -> bool {
    matches!(trade.status, TradeStatus::Accepted | TradeStatus::Shipping)
}

fn trade_response(action: &str, trade: &Trade, packet_id: Option<u64>) -> Response {
    let mut res = Response::new().add_attributes([
        (attr::ACTION, action),
        (attr::TRADE_ID, &trade.id.to_string()),
        (attr::NODE, &trade.node),
        (attr::STATUS, &format!("{:?}", trade.status)),
    ]);
    if let Some(id) = packet_id {
        res = res.add_attribute(attr::PACKET_ID, id.to_string());
    }
    res
}

pub fn offer_trade(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: OfferTradeMsg,
) -> Result<Response, ContractError> {
    let OfferTradeMsg {
        channel_id,
        counterparty,
        role,
        goods,
        containers,
        price,
        delivery_window,
        timeout_seconds,
    } = msg;
    let channel = sendable_channel(deps.storage, &channel_id)?;
    validate_text(&counterparty, "counterparty", MAX_LABEL)?;
    validate_terms(
        &deps,
        &env,
        &goods,
        containers,
        &price,
        &delivery_window,
        role == TradeRole::Seller,
    )?;
    let id = next_id(deps.storage, &NEXT_TRADE_ID)?;
    let trade = Trade {
        id,
        node: channel.node.clone(),
        channel_id: channel_id.clone(),
        offered_here: true,
        offer_id: id,
        local_party: info.sender.clone(),
        remote_party: counterparty.clone(),
        local_role: role,
        goods: goods.clone(),
        containers,
        price: price.clone(),
        delivery_window: delivery_window.clone(),
        status: TradeStatus::Proposed,
        awaiting_ack: true,
        escrow_deal_id: None,
        shipment_updates: 0,
        refusal_reason: None,
    };
    save_trade(deps.storage, &trade)?;
    let (msg, packet_id) = TradeOfferPacket {
        offer_id: id,
        offeror: info.sender.to_string(),
        counterparty,
        offeror_role: role,
        goods,
        containers,
        price,
        delivery_window,
    }
    .send(deps.storage, &env, &channel, timeout_seconds)?;
    Ok(trade_response(attr::ACTION_OFFER_TRADE, &trade, Some(packet_id)).add_message(msg))
}

pub fn answer_trade(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    trade_id: u64,
    accept: bool,
    reason: Option<String>,
    timeout_seconds: Option<u64>,
) -> Result<Response, ContractError> {
    let mut trade = load_own_trade(deps.storage, trade_id, &info.sender)?;
    if trade.offered_here || trade.status != TradeStatus::Offered {
        return Err(wrong_status(&trade, "answer"));
    }
    if let Some(reason) = &reason {
        validate_text(reason, "reason", MAX_TEXT)?;
    }
    let channel = sendable_channel(deps.storage, &trade.channel_id)?;
    trade.awaiting_ack = true;
    save_trade(deps.storage, &trade)?;
    let (msg, packet_id) = TradeAnswerPacket {
        offer_id: trade.offer_id,
        accept,
        reason,
    }
    .send(deps.storage, &env, &channel, timeout_seconds)?;
    Ok(trade_response(attr::ACTION_ANSWER_TRADE, &trade, Some(packet_id)).add_message(msg))
}

pub fn attach_escrow(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    trade_id: u64,
    deal_id: u64,
) -> Result<Response, ContractError> {
    let mut trade = TRADES
        .may_load(deps.storage, trade_id)?
        .ok_or(ContractError::TradeNotFound(trade_id))?;
    let Price::Tokens { payer, .. } = &trade.price else {
        return Err(ContractError::NoEscrowForBarter);
    };
    if trade.local_role != TradeRole::Seller {
        return Err(ContractError::WrongParty("seller's node"));
    }
    if deps.api.addr_validate(payer)? != info.sender {
        return Err(ContractError::WrongParty("payer"));
    }
    if !in_delivery(&trade) || trade.escrow_deal_id.is_some() {
        return Err(wrong_status(&trade, "attach an escrow deal"));
    }
    if DEALS.has(deps.storage, deal_id) {
        return Err(ContractError::DealTaken(deal_id));
    }
    verify_deal(&deps, &env, &trade, deal_id)?;
    DEALS.save(deps.storage, deal_id, &trade_id)?;
    trade.escrow_deal_id = Some(deal_id);
    save_trade(deps.storage, &trade)?;
    Ok(trade_response(attr::ACTION_ATTACH_ESCROW, &trade, None)
        .add_attribute(attr::DEAL_ID, deal_id.to_string()))
}

pub fn report_shipment(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    trade_id: u64,
    update: ShipmentUpdate,
    timeout_seconds: Option<u64>,
) -> Result<Response, ContractError> {
    let mut trade = load_own_trade(deps.storage, trade_id, &info.sender)?;
    if trade.local_role != TradeRole::Seller {
        return Err(ContractError::WrongParty("seller"));
    }
    if !in_delivery(&trade) {
        return Err(wrong_status(&trade, "report shipment"));
    }
    validate_update(&update)?;
    let channel = sendable_channel(deps.storage, &trade.channel_id)?;
    trade.awaiting_ack = true;
    save_trade(deps.storage, &trade)?;
    let (msg, packet_id) = ShipmentUpdatePacket {
        offer_id: trade.offer_id,
        offered_by_sender: trade.offered_here,
        update,
    }
    .send(deps.storage, &env, &channel, timeout_seconds)?;
    Ok(trade_response(attr::ACTION_REPORT_SHIPMENT, &trade, Some(packet_id)).add_message(msg))
}

fn validate_update(update: &ShipmentUpdate) -> Result<(), ContractError> {
    match update {
        ShipmentUpdate::Departed { .. } => {}
        ShipmentUpdate::Position { note } => validate_text(note, "note", MAX_LABEL)?,
        ShipmentUpdate::Delayed { reason, .. } => validate_text(reason, "reason", MAX_TEXT)?,
    }
    Ok(())
}

pub fn confirm_delivery(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    trade_id: u64,
    timeout_seconds: Option<u64>,
) -> Result<Response, ContractError> {
    let mut trade = load_own_trade(deps.storage, trade_id, &info.sender)?;
    if trade.local_role != TradeRole::Buyer {
        return Err(ContractError::WrongParty("buyer"));
    }
    if !in_delivery(&trade) {
        return Err(wrong_status(&trade, "confirm delivery"));
    }
    let channel = sendable_channel(deps.storage, &trade.channel_id)?;
    trade.awaiting_ack = true;
    save_trade(deps.storage, &trade)?;
    let (msg, packet_id) = DeliveryReceiptPacket {
        offer_id: trade.offer_id,
        offered_by_sender: trade.offered_here,
    }
    .send(deps.storage, &env, &channel, timeout_seconds)?;
    Ok(trade_response(attr::ACTION_CONFIRM_DELIVERY, &trade, Some(packet_id)).add_message(msg))
}

// ---- its packets ----

/// An offer of `containers` of `goods` for `price`, from `offeror` here to `counterparty` on
/// the receiving node.
#[dac_serde]
pub struct TradeOfferPacket {
    pub offer_id: u64,
    pub offeror: String,
    pub counterparty: String,
    pub offeror_role: TradeRole,
    pub goods: String,
    pub containers: u32,
    pub price: Price,
    pub delivery_window: DeliveryWindow,
}

impl Packet for TradeOfferPacket {
    /// Records the offer for the local counterparty to answer.
    fn receive(self, deps: DepsMut, env: &Env, from: Peer) -> Result<Applied, ContractError> {
        let local_party = deps.api.addr_validate(&self.counterparty)?;
        validate_text(&self.offeror, "offeror", MAX_LABEL)?;
        let local_role = self.offeror_role.other();
        validate_terms(
            &deps,
            env,
            &self.goods,
            self.containers,
            &self.price,
            &self.delivery_window,
            local_role == TradeRole::Seller,
        )?;
        if REMOTE_TRADES.has(deps.storage, (from.node, self.offer_id)) {
            return Err(ContractError::WrongTradeStatus {
                status: "known".to_string(),
                action: "offer again".to_string(),
            });
        }
        let id = next_id(deps.storage, &NEXT_TRADE_ID)?;
        REMOTE_TRADES.save(deps.storage, (from.node, self.offer_id), &id)?;
        save_trade(
            deps.storage,
            &Trade {
                id,
                node: from.node.to_string(),
                channel_id: from.channel_id.to_string(),
                offered_here: false,
                offer_id: self.offer_id,
                local_party,
                remote_party: self.offeror,
                local_role,
                goods: self.goods,
                containers: self.containers,
                price: self.price,
                delivery_window: self.delivery_window,
                status: TradeStatus::Offered,
                awaiting_ack: false,
                escrow_deal_id: None,
                shipment_updates: 0,
                refusal_reason: None,
            },
        )?;
        Ok(Applied::default())
    }

    /// The offer now awaits the counterparty's answer.
    fn on_ack_success(
        self,
        deps: DepsMut,
        _env: &Env,
        node: &str,
        _result: Binary,
    ) -> Result<Vec<CosmosMsg>, ContractError> {
        settle_offer(deps.storage, node, self.offer_id, TradeStatus::Offered)
    }

    fn on_ack_error(
        self,
        deps: DepsMut,
        _env: &Env,
        node: &str,
        _held: &mut HeldBalance,
    ) -> Result<Vec<CosmosMsg>, ContractError> {
        settle_offer(deps.storage, node, self.offer_id, TradeStatus::Failed)
    }
}

fn settle_offer(
    storage: &mut dyn Storage,
    node: &str,
    offer_id: u64,
    status: TradeStatus,
) -> Result<Vec<CosmosMsg>, ContractError> {
    let mut trade = local_trade(storage, node, offer_id, true)?;
    trade.awaiting_ack = false;
    trade.status = status;
    save_trade(storage, &trade)?;
    Ok(vec![])
}

/// The answer to an offer made on the receiving node.
#[dac_serde]
pub struct TradeAnswerPacket {
    pub offer_id: u64,
    pub accept: bool,
    pub reason: Option<String>,
}

impl Packet for TradeAnswerPacket {
    fn receive(self, deps: DepsMut, _env: &Env, from: Peer) -> Result<Applied, ContractError> {
        let mut trade = local_trade(deps.storage, from.node, self.offer_id, true)?;
        if trade.status != TradeStatus::Offered {
            return Err(wrong_status(&trade, "answer"));
        }
        apply_answer(&mut trade, self.accept, self.reason);
        save_trade(deps.storage, &trade)?;
        Ok(Applied::default())
    }

    /// The offeror's node has the answer: this side takes it too.
    fn on_ack_success(
        self,
        deps: DepsMut,
        _env: &Env,
        node: &str,
        _result: Binary,
    ) -> Result<Vec<CosmosMsg>, ContractError> {
        let mut trade = local_trade(deps.storage, node, self.offer_id, false)?;
        trade.awaiting_ack = false;
        apply_answer(&mut trade, self.accept, self.reason);
        save_trade(deps.storage, &trade)?;
        Ok(vec![])
    }

    /// Unanswered still: the counterparty may answer again.
    fn on_ack_error(
        self,
        deps: DepsMut,
        _env: &Env,
        node: &str,
        _held: &mut HeldBalance,
    ) -> Result<Vec<CosmosMsg>, ContractError> {
        let mut trade = local_trade(deps.storage, node, self.offer_id, false)?;
        trade.awaiting_ack = false;
        save_trade(deps.storage, &trade)?;
        Ok(vec![])
    }
}

fn apply_answer(trade: &mut Trade, accept: bool, reason: Option<String>) {
    if accept {
        trade.status = TradeStatus::Accepted;
    } else {
        trade.status = TradeStatus::Refused;
        trade.refusal_reason = reason;
    }
}

fn record_shipment(
    storage: &mut dyn Storage,
    env: &Env,
    trade: &mut Trade,
    update: ShipmentUpdate,
) -> Result<(), ContractError> {
    trade.shipment_updates = trade
        .shipment_updates
        .checked_add(1)
        .ok_or_else(|| wrong_status(trade, "report more shipment updates"))?;
    trade.status = TradeStatus::Shipping;
    SHIPMENTS.save(
        storage,
        (trade.id, trade.shipment_updates),
        &ShipmentRecord {
            seq: trade.shipment_updates,
            update,
            at: env.block.time,
        },
    )?;
    save_trade(storage, trade)?;
    Ok(())
}

/// The seller's report of where the shipment is, for the buyer's node.
#[dac_serde]
pub struct ShipmentUpdatePacket {
    pub offer_id: u64,
    /// Whether the sending node made the offer (names the trade on both sides).
    pub offered_by_sender: bool,
    pub update: ShipmentUpdate,
}

impl Packet for ShipmentUpdatePacket {
    fn receive(self, deps: DepsMut, env: &Env, from: Peer) -> Result<Applied, ContractError> {
        let mut trade = local_trade(
            deps.storage,
            from.node,
            self.offer_id,
            !self.offered_by_sender,
        )?;
        if trade.local_role != TradeRole::Buyer {
            return Err(ContractError::WrongParty("seller"));
        }
        if !in_delivery(&trade) {
            return Err(wrong_status(&trade, "report shipment"));
        }
        validate_update(&self.update)?;
        record_shipment(deps.storage, env, &mut trade, self.update)?;
        Ok(Applied::default())
    }

    /// The buyer's node recorded it: so does the seller's.
    fn on_ack_success(
        self,
        deps: DepsMut,
        env: &Env,
        node: &str,
        _result: Binary,
    ) -> Result<Vec<CosmosMsg>, ContractError> {
        let mut trade = local_trade(deps.storage, node, self.offer_id, self.offered_by_sender)?;
        trade.awaiting_ack = false;
        record_shipment(deps.storage, env, &mut trade, self.update)?;
        Ok(vec![])
    }

    fn on_ack_error(
        self,
        deps: DepsMut,
        _env: &Env,
        node: &str,
        _held: &mut HeldBalance,
    ) -> Result<Vec<CosmosMsg>, ContractError> {
        let mut trade = local_trade(deps.storage, node, self.offer_id, self.offered_by_sender)?;
        trade.awaiting_ack = false;
        save_trade(deps.storage, &trade)?;
        Ok(vec![])
    }
}

/// The buyer's receipt of delivery, for the seller's node.
#[dac_serde]
pub struct DeliveryReceiptPacket {
    pub offer_id: u64,
    /// Whether the sending node made the offer (names the trade on both sides).
    pub offered_by_sender: bool,
}

impl Packet for DeliveryReceiptPacket {
    /// The buyer's receipt reached the seller's node: attest the escrow deal so the seller is
    /// paid, after checking again that the deal is still this trade's open payment.
    fn receive(self, deps: DepsMut, env: &Env, from: Peer) -> Result<Applied, ContractError> {
        let mut trade = local_trade(
            deps.storage,
            from.node,
            self.offer_id,
            !self.offered_by_sender,
        )?;
        if trade.local_role != TradeRole::Seller {
            return Err(ContractError::WrongParty("buyer"));
        }
        if !in_delivery(&trade) {
            return Err(wrong_status(&trade, "confirm delivery"));
        }
        let msgs = match trade.price {
            Price::Tokens { .. } => {
                let deal_id = trade.escrow_deal_id.ok_or(ContractError::NoEscrowDeal)?;
                let escrow = verify_deal(&deps, env, &trade, deal_id)?;
                trade.status = TradeStatus::Paid;
                vec![attest_delivery_msg(&escrow, deal_id)?]
            }
            Price::Goods { .. } => {
                trade.status = TradeStatus::Delivered;
                vec![]
            }
        };
        save_trade(deps.storage, &trade)?;
        Ok(msgs.into())
    }

    /// The seller's node took the receipt: paid (through its escrow) or delivered.
    fn on_ack_success(
        self,
        deps: DepsMut,
        _env: &Env,
        node: &str,
        _result: Binary,
    ) -> Result<Vec<CosmosMsg>, ContractError> {
        let mut trade = local_trade(deps.storage, node, self.offer_id, self.offered_by_sender)?;
        trade.awaiting_ack = false;
        trade.status = match trade.price {
            Price::Tokens { .. } => TradeStatus::Paid,
            Price::Goods { .. } => TradeStatus::Delivered,
        };
        save_trade(deps.storage, &trade)?;
        Ok(vec![])
    }

    fn on_ack_error(
        self,
        deps: DepsMut,
        _env: &Env,
        node: &str,
        _held: &mut HeldBalance,
    ) -> Result<Vec<CosmosMsg>, ContractError> {
        let mut trade = local_trade(deps.storage, node, self.offer_id, self.offered_by_sender)?;
        trade.awaiting_ack = false;
        save_trade(deps.storage, &trade)?;
        Ok(vec![])
    }
}

#[cfg(test)]
mod tests {
    use cosmwasm_std::testing::MockApi;
    use proptest::prelude::*;
    use serde_json::{json, Value};

    use crate::tests::escrow_deal_json;

    /// The same types with serde's reader (their fields are only printed).
    #[allow(dead_code)]
    mod by_serde {
        use cosmwasm_std::{Addr, Uint128};

        escrow_deal_answer!(serde::Deserialize);

        /// How many of `inputs` both read, alike (see `dac_common::de::read_alike`).
        pub fn read_alike(inputs: &[String]) -> usize {
            dac_common::de::read_alike::<super::super::EscrowDealResponse, EscrowDealResponse>(
                inputs,
            )
        }
    }

    fn deal(status: &str, amount: u128) -> Value {
        let api = MockApi::default();
        let [attestor, token, payer, seller] =
            ["relay", "token", "payer", "seller"].map(|name| api.addr_make(name));
        escrow_deal_json(&attestor, &token, &payer, &seller, amount, status)
    }

    /// `deal` with the member at `path` replaced by `value`, or removed (`None`).
    fn changed(mut deal: Value, path: &[&str], value: Option<Value>) -> Value {
        let (last, parents) = path.split_last().unwrap();
        let parent = parents.iter().fold(&mut deal, |node, key| &mut node[*key]);
        match value {
            Some(value) => parent[*last] = value,
            None => {
                parent.as_object_mut().unwrap().remove(*last);
            }
        }
        deal
    }

    #[test]
    fn escrow_deal_answers_read_as_serde_reads_them() {
        let base = deal("active", 500);
        let mut inputs: Vec<String> = [
            base.clone(),
            deal("funding", 0),
            changed(
                base.clone(),
                &["deal", "kind"],
                Some(json!({"forward": {}})),
            ),
            changed(
                base.clone(),
                &["deal", "kind"],
                Some(json!({"loan": {"interest": "5"}})),
            ),
            changed(
                base.clone(),
                &["deal", "kind", "trade_shipment"],
                Some(Value::Null),
            ),
            changed(
                base.clone(),
                &["deal", "asset"],
                Some(json!({"native": {"denom": "u"}})),
            ),
            changed(base.clone(), &["deal", "parties"], Some(json!([]))),
            changed(base.clone(), &["deal", "description"], None),
            // Refused by both.
            changed(base.clone(), &["deal", "kind"], Some(json!("forward"))),
            changed(
                base.clone(),
                &["deal", "kind", "trade_shipment"],
                Some(json!({})),
            ),
            changed(
                base.clone(),
                &["deal", "kind", "trade_shipment", "attestor"],
                Some(json!(7)),
            ),
            changed(
                base.clone(),
                &["deal", "asset", "token"],
                Some(json!({"denom": "u"})),
            ),
            changed(
                base.clone(),
                &["deal", "parties"],
                Some(json!([{"address": "a"}])),
            ),
            changed(
                base.clone(),
                &["deal", "parties"],
                Some(json!([{"address": "a", "stake": 5}])),
            ),
            changed(base.clone(), &["deal", "parties"], Some(Value::Null)),
            changed(base.clone(), &["deal", "asset"], None),
            changed(base.clone(), &["status"], None),
            changed(base.clone(), &["status"], Some(json!({"active": {}}))),
            changed(base.clone(), &["deal"], None),
            json!([]),
        ]
        .iter()
        .map(Value::to_string)
        .collect();
        inputs.push(
            r#"{"deal":{"kind":{},"asset":{},"parties":[]},"status":"a","status":"b"}"#.into(),
        );
        inputs.push(r#"{"deal":{"kind":{},"asset":{},"parties":[]},"status":"a"}"#.into());
        assert_eq!(by_serde::read_alike(&inputs), 9);
    }

    const PATHS: &[&[&str]] = &[
        &["deal", "kind"],
        &["deal", "kind", "trade_shipment"],
        &["deal", "kind", "trade_shipment", "attestor"],
        &["deal", "asset"],
        &["deal", "asset", "token"],
        &["deal", "asset", "token", "address"],
        &["deal", "parties"],
        &["deal", "id"],
        &["status"],
        &["holdings"],
    ];

    proptest! {
        /// A deal answer with any one member removed or replaced by another JSON value.
        #[test]
        fn any_changed_deal_answer_reads_as_serde_reads_it(
            status in "[a-z]{0,8}",
            amount in any::<u128>(),
            path in 0..PATHS.len(),
            value in prop_oneof![
                Just(None),
                Just(Some(Value::Null)),
                any::<u64>().prop_map(|n| Some(json!(n))),
                "[a-z0-9]{0,4}".prop_map(|s| Some(json!(s))),
                Just(Some(json!({}))),
                Just(Some(json!([]))),
                Just(Some(json!({"address": "a", "attestor": "b", "token": {"address": "c"}}))),
            ],
        ) {
            let input = changed(deal(&status, amount), PATHS[path], value);
            by_serde::read_alike(&[input.to_string()]);
        }
    }
}
