//! Token transfers: our token goes out as vouchers for a share of what we hold; other nodes'
//! vouchers move here, go home, or pay for guest bookings there.

use cosmwasm_std::{
    from_json, Addr, Binary, CosmosMsg, DepsMut, Env, MessageInfo, QuerierWrapper, Response,
    StdResult, Storage, Uint128, WasmMsg,
};
use cw20::Cw20ReceiveMsg;
use dac_common::calls::{cw20_send, cw20_transfer, query_wasm_smart};
use dac_common::dac_serde;
use dac_common::json::to_json_binary;

use super::{moves, sendable_channel, validate_text};
use crate::attributes as attr;
use crate::error::ContractError;
use crate::holdings::{
    mint_units, redeem_units, token_balance, units_for_deposit, units_to_pay, HeldBalance,
};
use crate::msg::BookGuestMsg;
use crate::msg::ReceiveMsg;
use crate::packet::{Applied, BookingAck, Packet, Peer};
use crate::state::{
    Config, GuestStay, Ledger, CONFIG, GUEST_STAYS, HELD_FOR, LATEST_CHANNEL, MAX_LABEL, VOUCHERS,
    VOUCHER_SUPPLY,
};

/// The housing registry's cw20 hook for a guest booking, defined here so the relay does not
/// depend on the registry crate.
#[dac_serde]
pub enum HousingHookMsg {
    BookGuest {
        home_id: u64,
        guest: String,
        start_day: u64,
        end_day: u64,
        /// "<node>/<visitor>": the registry counts its caps per visitor for its booking agent
        /// (this relay), not one payer's caps for every remote visitor together.
        on_behalf_of: Option<String>,
    },
}

pub fn receive_cw20(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    wrapper: Cw20ReceiveMsg,
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    if info.sender != config.token {
        return Err(ContractError::WrongToken(config.token.to_string()));
    }
    let sender = deps.api.addr_validate(&wrapper.sender)?;
    match from_json(&wrapper.msg)? {
        ReceiveMsg::Transfer {
            channel_id,
            receiver,
            timeout_seconds,
        } => transfer_out(
            deps,
            env,
            &config,
            sender,
            wrapper.amount,
            channel_id,
            receiver,
            timeout_seconds,
        ),
        ReceiveMsg::Move {
            channel_id,
            receiver,
            household_stays,
            timeout_seconds,
        } => moves::move_out(
            deps,
            env,
            config,
            sender,
            wrapper.amount,
            moves::Move {
                channel_id,
                receiver,
                household_stays,
                timeout_seconds,
            },
        ),
        ReceiveMsg::BookingRefund {
            booking_id,
            home_id,
            start_day,
        } => booking_refund(
            deps,
            env,
            sender,
            wrapper.amount,
            booking_id,
            (home_id, start_day),
        ),
    }
}

/// The tokens just arrived; they buy units at the price before they arrived.
#[allow(clippy::too_many_arguments)]
fn transfer_out(
    deps: DepsMut,
    env: Env,
    config: &Config,
    sender: Addr,
    amount: Uint128,
    channel_id: String,
    receiver: String,
    timeout_seconds: Option<u64>,
) -> Result<Response, ContractError> {
    let channel = sendable_channel(deps.storage, &channel_id)?;
    validate_text(&receiver, "receiver", MAX_LABEL)?;
    let (units, ledger) = deposit_in_flight(&deps, &env, &config.token, amount)?;
    // The config is loaded already: its default timeout saves `send` reading it again.
    let timeout_seconds = timeout_seconds.unwrap_or(config.default_timeout_seconds);
    let (msg, id) = TransferPacket {
        sender: sender.to_string(),
        receiver: receiver.clone(),
        shares: units,
        value: amount,
    }
    .send_with(ledger, deps.storage, &env, &channel, Some(timeout_seconds))?;
    Ok(Response::new().add_message(msg).add_attributes([
        (attr::ACTION, attr::ACTION_TRANSFER_OUT),
        (attr::PACKET_ID, &id.to_string()),
        (attr::CHANNEL_ID, &channel_id),
        (attr::NODE, &channel.node),
        (attr::SENDER, sender.as_str()),
        (attr::RECEIVER, &receiver),
        (attr::AMOUNT, &amount.to_string()),
        (attr::SHARES, &units.to_string()),
    ]))
}

/// Units for `amount` that has just arrived, priced before it arrived, minted in flight (held for
/// no node until the transfer carrying them is acknowledged). Answers them and the ledger they
/// were minted in, which the packet's `send_with` saves.
pub(crate) fn deposit_in_flight(
    deps: &DepsMut,
    env: &Env,
    token: &Addr,
    amount: Uint128,
) -> Result<(Uint128, Ledger), ContractError> {
    let balance_now = token_balance(&deps.querier, token, &env.contract.address)?;
    let balance_before = balance_now.saturating_sub(amount);
    let mut ledger = Ledger::load(deps.storage)?;
    let units = units_for_deposit(ledger.total_units, balance_before, amount)?;
    mint_units(&mut ledger, units)?;
    Ok((units, ledger))
}

/// The registry refunds a guest booking this relay paid for a visitor: the refund goes back to
/// the visitor's node as a transfer, credited to the visitor as vouchers. The transfer names
/// the relay itself as sender, which marks it as a refund (see `TransferPacket::on_ack_error`).
fn booking_refund(
    deps: DepsMut,
    env: Env,
    registry: Addr,
    amount: Uint128,
    booking_id: u64,
    stay_key: (u64, u64),
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    if config.housing_registry.as_ref() != Some(&registry) {
        return Err(ContractError::Unauthorized);
    }
    let stay = GUEST_STAYS
        .may_load(deps.storage, stay_key)?
        .ok_or(ContractError::UnknownGuestBooking(booking_id))?;
    GUEST_STAYS.remove(deps.storage, stay_key);
    // The booking's channel, or (if it closed since) the node's latest one.
    let channel = match sendable_channel(deps.storage, &stay.channel_id) {
        Ok(channel) => channel,
        Err(_) => {
            let latest = LATEST_CHANNEL
                .may_load(deps.storage, &stay.node)?
                .ok_or_else(|| ContractError::UnknownNode(stay.node.clone()))?;
            sendable_channel(deps.storage, &latest)?
        }
    };
    let (units, ledger) = deposit_in_flight(&deps, &env, &config.token, amount)?;
    let (msg, id) = TransferPacket {
        sender: env.contract.address.to_string(),
        receiver: stay.visitor.clone(),
        shares: units,
        value: amount,
    }
    .send_with(ledger, deps.storage, &env, &channel, None)?;
    Ok(Response::new().add_message(msg).add_attributes([
        (attr::ACTION, attr::ACTION_BOOKING_REFUND),
        (attr::PACKET_ID, &id.to_string()),
        (attr::NODE, &channel.node),
        (attr::RECEIVER, &stay.visitor),
        (attr::AMOUNT, &amount.to_string()),
        (attr::SHARES, &units.to_string()),
    ]))
}

/// The visitor asks the node at the other end of `channel_id` to cancel their booking there.
pub fn cancel_guest_booking(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    channel_id: String,
    booking_id: u64,
    timeout_seconds: Option<u64>,
) -> Result<Response, ContractError> {
    let channel = sendable_channel(deps.storage, &channel_id)?;
    let (msg, id) = CancelBookingPacket {
        visitor: info.sender.to_string(),
        booking_id,
    }
    .send(deps.storage, &env, &channel, timeout_seconds)?;
    Ok(Response::new().add_message(msg).add_attributes([
        (attr::ACTION, attr::ACTION_CANCEL_GUEST_BOOKING),
        (attr::PACKET_ID, &id.to_string()),
        (attr::NODE, &channel.node),
        (attr::SENDER, info.sender.as_str()),
    ]))
}

pub fn credit_vouchers(
    storage: &mut dyn Storage,
    node: &str,
    holder: &Addr,
    shares: Uint128,
) -> Result<(), ContractError> {
    let have = VOUCHERS
        .may_load(storage, (node, holder))?
        .unwrap_or_default();
    VOUCHERS.save(storage, (node, holder), &have.checked_add(shares)?)?;
    let supply = VOUCHER_SUPPLY.may_load(storage, node)?.unwrap_or_default();
    VOUCHER_SUPPLY.save(storage, node, &supply.checked_add(shares)?)?;
    Ok(())
}

pub fn debit_vouchers(
    storage: &mut dyn Storage,
    node: &str,
    holder: &Addr,
    shares: Uint128,
) -> Result<(), ContractError> {
    if shares.is_zero() {
        return Err(ContractError::ZeroAmount);
    }
    let have = VOUCHERS
        .may_load(storage, (node, holder))?
        .unwrap_or_default();
    if have < shares {
        return Err(ContractError::InsufficientVouchers {
            have: have.to_string(),
            need: shares.to_string(),
        });
    }
    let left = have - shares;
    if left.is_zero() {
        VOUCHERS.remove(storage, (node, holder));
    } else {
        VOUCHERS.save(storage, (node, holder), &left)?;
    }
    let supply = VOUCHER_SUPPLY.may_load(storage, node)?.unwrap_or_default();
    VOUCHER_SUPPLY.save(storage, node, &supply.checked_sub(shares)?)?;
    Ok(())
}

pub fn transfer_vouchers(
    deps: DepsMut,
    info: MessageInfo,
    node: String,
    recipient: String,
    shares: Uint128,
) -> Result<Response, ContractError> {
    let recipient = deps.api.addr_validate(&recipient)?;
    debit_vouchers(deps.storage, &node, &info.sender, shares)?;
    credit_vouchers(deps.storage, &node, &recipient, shares)?;
    Ok(Response::new().add_attributes([
        (attr::ACTION, attr::ACTION_TRANSFER_VOUCHERS),
        (attr::NODE, node.as_str()),
        (attr::SENDER, info.sender.as_str()),
        (attr::RECIPIENT, recipient.as_str()),
        (attr::SHARES, &shares.to_string()),
    ]))
}

pub fn return_vouchers(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    channel_id: String,
    receiver: String,
    shares: Uint128,
    timeout_seconds: Option<u64>,
) -> Result<Response, ContractError> {
    let channel = sendable_channel(deps.storage, &channel_id)?;
    validate_text(&receiver, "receiver", MAX_LABEL)?;
    debit_vouchers(deps.storage, &channel.node, &info.sender, shares)?;
    let (msg, id) = ReturnPacket {
        sender: info.sender.to_string(),
        receiver: receiver.clone(),
        shares,
    }
    .send(deps.storage, &env, &channel, timeout_seconds)?;
    Ok(Response::new().add_message(msg).add_attributes([
        (attr::ACTION, attr::ACTION_RETURN_VOUCHERS),
        (attr::PACKET_ID, &id.to_string()),
        (attr::NODE, &channel.node),
        (attr::SENDER, info.sender.as_str()),
        (attr::RECEIVER, &receiver),
        (attr::SHARES, &shares.to_string()),
    ]))
}

pub fn book_guest(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: BookGuestMsg,
) -> Result<Response, ContractError> {
    let BookGuestMsg {
        channel_id,
        home_id,
        guest,
        start_day,
        end_day,
        shares,
        timeout_seconds,
    } = msg;
    let channel = sendable_channel(deps.storage, &channel_id)?;
    validate_text(&guest, "guest", MAX_LABEL)?;
    if start_day >= end_day {
        return Err(ContractError::BadBookingDays);
    }
    debit_vouchers(deps.storage, &channel.node, &info.sender, shares)?;
    let (msg, id) = GuestBookingPacket {
        visitor: info.sender.to_string(),
        guest: guest.clone(),
        home_id,
        start_day,
        end_day,
        shares,
    }
    .send(deps.storage, &env, &channel, timeout_seconds)?;
    Ok(Response::new().add_message(msg).add_attributes([
        (attr::ACTION, attr::ACTION_BOOK_GUEST),
        (attr::PACKET_ID, &id.to_string()),
        (attr::NODE, &channel.node),
        (attr::SENDER, info.sender.as_str()),
        (attr::GUEST, &guest),
        (attr::HOME_ID, &home_id.to_string()),
        (attr::SHARES, &shares.to_string()),
    ]))
}

// ---- its packets ----

/// `shares` of the sending relay's holdings, for `receiver` as vouchers.
#[dac_serde]
pub struct TransferPacket {
    /// Who sent them, refunded on failure; the relay itself for a booking refund.
    pub sender: String,
    pub receiver: String,
    pub shares: Uint128,
    /// What the shares were worth when sent (informational: the origin redeems by share).
    pub value: Uint128,
}

impl Packet for TransferPacket {
    const CARRIES_VALUE: bool = true;

    /// Vouchers of the sending node's token for the receiver here.
    fn receive(self, deps: DepsMut, _env: &Env, from: Peer) -> Result<Applied, ContractError> {
        if self.shares.is_zero() {
            return Err(ContractError::ZeroAmount);
        }
        let receiver = deps.api.addr_validate(&self.receiver)?;
        credit_vouchers(deps.storage, from.node, &receiver, self.shares)?;
        Ok(Applied::default())
    }

    /// The units now back vouchers on `node`.
    fn on_ack_success(
        self,
        deps: DepsMut,
        _env: &Env,
        node: &str,
        _result: Binary,
    ) -> Result<Vec<CosmosMsg>, ContractError> {
        let held_for = HELD_FOR.may_load(deps.storage, node)?.unwrap_or_default();
        HELD_FOR.save(deps.storage, node, &held_for.checked_add(self.shares)?)?;
        Ok(vec![])
    }

    /// The units are redeemed and the sender refunded what they are worth now (out of `held`,
    /// what this message has not yet paid out).
    fn on_ack_error(
        self,
        deps: DepsMut,
        env: &Env,
        _node: &str,
        held: &mut HeldBalance,
    ) -> Result<Vec<CosmosMsg>, ContractError> {
        let token = CONFIG.load(deps.storage)?.token;
        let value = held.redeem(
            deps.storage,
            &deps.querier,
            &token,
            &env.contract.address,
            self.shares,
        )?;
        // A booking refund that could not reach the visitor stays with the holdings.
        if value.is_zero() || self.sender == env.contract.address.as_str() {
            return Ok(vec![]);
        }
        let sender = deps.api.addr_validate(&self.sender)?;
        Ok(vec![token_transfer(&token, &sender, value)?])
    }
}

/// Vouchers of the receiving node's token going home: that relay pays `receiver` their share.
#[dac_serde]
pub struct ReturnPacket {
    pub sender: String,
    pub receiver: String,
    pub shares: Uint128,
}

impl Packet for ReturnPacket {
    const CARRIES_VALUE: bool = true;

    /// Our vouchers came home: pay the receiver their share of what we hold for that node.
    fn receive(self, mut deps: DepsMut, env: &Env, from: Peer) -> Result<Applied, ContractError> {
        let receiver = deps.api.addr_validate(&self.receiver)?;
        let (token, value) = release_held(&mut deps, env, from.node, self.shares)?;
        if value.is_zero() {
            return Ok(Applied::default());
        }
        Ok(vec![token_transfer(&token, &receiver, value)?].into())
    }

    /// The vouchers were burned when sent.
    fn on_ack_success(
        self,
        _deps: DepsMut,
        _env: &Env,
        _node: &str,
        _result: Binary,
    ) -> Result<Vec<CosmosMsg>, ContractError> {
        Ok(vec![])
    }

    /// The vouchers come back to their holder.
    fn on_ack_error(
        self,
        deps: DepsMut,
        _env: &Env,
        node: &str,
        _held: &mut HeldBalance,
    ) -> Result<Vec<CosmosMsg>, ContractError> {
        let holder = deps.api.addr_validate(&self.sender)?;
        credit_vouchers(deps.storage, node, &holder, self.shares)?;
        Ok(vec![])
    }
}

/// Takes `shares` out of what we hold for `node` and returns what they are worth now.
fn release_held(
    deps: &mut DepsMut,
    env: &Env,
    node: &str,
    shares: Uint128,
) -> Result<(Addr, Uint128), ContractError> {
    if shares.is_zero() {
        return Err(ContractError::ZeroAmount);
    }
    let held = HELD_FOR.may_load(deps.storage, node)?.unwrap_or_default();
    if held < shares {
        return Err(ContractError::InsufficientHoldings {
            node: node.to_string(),
            have: held.to_string(),
            need: shares.to_string(),
        });
    }
    HELD_FOR.save(deps.storage, node, &(held - shares))?;
    let token = CONFIG.load(deps.storage)?.token;
    let balance = token_balance(&deps.querier, &token, &env.contract.address)?;
    let mut ledger = Ledger::load(deps.storage)?;
    let value = redeem_units(&mut ledger, balance, shares)?;
    ledger.save(deps.storage);
    Ok((token, value))
}

/// A guest booking on the receiving node, paid with at most `shares` of the vouchers of its
/// token that `visitor` holds here.
#[dac_serde]
pub struct GuestBookingPacket {
    pub visitor: String,
    pub guest: String,
    pub home_id: u64,
    pub start_day: u64,
    pub end_day: u64,
    pub shares: Uint128,
}

impl Packet for GuestBookingPacket {
    const CARRIES_VALUE: bool = true;
    const ACK_HAS_RESULT: bool = true;

    /// A visitor on `from.node` pays for a guest home here with vouchers of our token. The
    /// registry wants the exact price, and what a share is worth changes as our holdings decay,
    /// so the packet offers at most `shares`: we release the fewest that pay the price (rounded
    /// up, the surplus dust stays with the holdings) and acknowledge how many we used; the
    /// visitor's relay gives the rest back. If the registry refuses, the whole packet is rolled
    /// back and answered with an error acknowledgement.
    fn receive(self, mut deps: DepsMut, env: &Env, from: Peer) -> Result<Applied, ContractError> {
        let config = CONFIG.load(deps.storage)?;
        let registry = config
            .housing_registry
            .ok_or(ContractError::NotConfigured("housing registry"))?;
        let nights = self.end_day.saturating_sub(self.start_day);
        let price = guest_price_per_day(&deps.querier, &registry)?.checked_mul(nights.into())?;
        if price.is_zero() {
            return Err(ContractError::ZeroAmount);
        }
        let balance = token_balance(&deps.querier, &config.token, &env.contract.address)?;
        let total = Ledger::load(deps.storage)?.total_units;
        let need = units_to_pay(total, balance, price)?;
        if need > self.shares {
            return Err(ContractError::BookingUnderfunded {
                price,
                need,
                offered: self.shares,
            });
        }
        // Worth at least `price` (rounded up); the dust above it stays with the holdings.
        let (token, _value) = release_held(&mut deps, env, from.node, need)?;
        // Remembered so a refund (the host or the visitor cancelling) reaches the visitor.
        validate_text(&self.visitor, "visitor", MAX_LABEL)?;
        GUEST_STAYS.save(
            deps.storage,
            (self.home_id, self.start_day),
            &GuestStay {
                node: from.node.to_string(),
                channel_id: from.channel_id.to_string(),
                visitor: self.visitor.clone(),
            },
        )?;
        let hook = HousingHookMsg::BookGuest {
            home_id: self.home_id,
            guest: self.guest,
            start_day: self.start_day,
            end_day: self.end_day,
            on_behalf_of: Some([from.node, "/", &self.visitor].concat()),
        };
        let pay = cw20_send(
            token.as_str(),
            registry.as_str(),
            price,
            &to_json_binary(&hook)?,
        )?;
        Ok(Applied {
            msgs: vec![pay],
            ack_result: Some(to_json_binary(&BookingAck { shares_used: need })?),
        })
    }

    /// The shares the booking did not need come back to the visitor (an acknowledgement
    /// without a receipt used them all).
    fn on_ack_success(
        self,
        deps: DepsMut,
        _env: &Env,
        node: &str,
        result: Binary,
    ) -> Result<Vec<CosmosMsg>, ContractError> {
        let unused = match from_json::<BookingAck>(&result) {
            Ok(receipt) => self.shares.saturating_sub(receipt.shares_used),
            Err(_) => Uint128::zero(),
        };
        credit_unused(deps, node, &self.visitor, unused)
    }

    /// All the shares come back to the visitor.
    fn on_ack_error(
        self,
        deps: DepsMut,
        _env: &Env,
        node: &str,
        _held: &mut HeldBalance,
    ) -> Result<Vec<CosmosMsg>, ContractError> {
        credit_unused(deps, node, &self.visitor, self.shares)
    }
}

fn credit_unused(
    deps: DepsMut,
    node: &str,
    visitor: &str,
    unused: Uint128,
) -> Result<Vec<CosmosMsg>, ContractError> {
    if !unused.is_zero() {
        let visitor = deps.api.addr_validate(visitor)?;
        credit_vouchers(deps.storage, node, &visitor, unused)?;
    }
    Ok(vec![])
}

/// The visitor cancels their guest booking `booking_id` in the receiving node's registry.
#[dac_serde]
pub struct CancelBookingPacket {
    pub visitor: String,
    pub booking_id: u64,
}

impl Packet for CancelBookingPacket {
    /// The booking must be one this relay paid for that visitor. The registry applies its own
    /// cancellation rules (this relay is the payer) and refunds through `BookingRefund`, which
    /// sends the refund on to the visitor.
    fn receive(self, deps: DepsMut, env: &Env, from: Peer) -> Result<Applied, ContractError> {
        let booking_id = self.booking_id;
        let registry = CONFIG
            .load(deps.storage)?
            .housing_registry
            .ok_or(ContractError::NotConfigured("housing registry"))?;
        let booking: RegistryBooking = query_wasm_smart(
            &deps.querier,
            registry.as_str(),
            &RegistryRequest::Booking { booking_id },
        )
        .map_err(|_| ContractError::UnknownGuestBooking(booking_id))?;
        if booking.payer != env.contract.address.as_str() {
            return Err(ContractError::UnknownGuestBooking(booking_id));
        }
        let stay = GUEST_STAYS
            .may_load(deps.storage, (booking.home_id, booking.start_day))?
            .ok_or(ContractError::UnknownGuestBooking(booking_id))?;
        if stay.node != from.node || stay.visitor != self.visitor {
            return Err(ContractError::WrongParty("visitor"));
        }
        Ok(vec![WasmMsg::Execute {
            contract_addr: registry.to_string(),
            msg: to_json_binary(&RegistryRequest::CancelBooking { booking_id })?,
            funds: vec![],
        }
        .into()]
        .into())
    }

    /// Nothing moved on this side: the refund, if any, arrives as a transfer.
    fn on_ack_success(
        self,
        _deps: DepsMut,
        _env: &Env,
        _node: &str,
        _result: Binary,
    ) -> Result<Vec<CosmosMsg>, ContractError> {
        Ok(vec![])
    }

    fn on_ack_error(
        self,
        _deps: DepsMut,
        _env: &Env,
        _node: &str,
        _held: &mut HeldBalance,
    ) -> Result<Vec<CosmosMsg>, ContractError> {
        Ok(vec![])
    }
}

/// The registry's query and execute messages the relay sends (serialized only).
#[derive(serde::Serialize, dac_common::LeanSerialize)]
#[serde(rename_all = "snake_case")]
enum RegistryRequest {
    Booking { booking_id: u64 },
    CancelBooking { booking_id: u64 },
}

/// The parts of the registry's answers the relay reads (other fields are ignored), read by the
/// lean reader; defined by a macro so that the tests can derive serde's reader of the same types
/// and compare the two.
macro_rules! registry_answers {
    ($derive:path) => {
        /// The part of the registry's `booking` answer the relay reads.
        #[derive($derive)]
        #[cfg_attr(test, derive(Debug))]
        struct RegistryBooking {
            home_id: u64,
            start_day: u64,
            payer: String,
        }

        /// The part of the registry's `config` answer the relay reads.
        #[derive($derive)]
        #[cfg_attr(test, derive(Debug))]
        struct RegistryConfig {
            guest: RegistryGuestParams,
        }

        #[derive($derive)]
        #[cfg_attr(test, derive(Debug))]
        struct RegistryGuestParams {
            price_per_day: Uint128,
        }
    };
}

registry_answers!(dac_common::LeanDeserialize);

/// The registry's price of a guest night, from its `config` answer.
fn guest_price_per_day(querier: &QuerierWrapper, registry: &Addr) -> StdResult<Uint128> {
    let config: RegistryConfig =
        query_wasm_smart(querier, registry.as_str(), &RegistryQueryMsg::Config {})?;
    Ok(config.guest.price_per_day)
}

#[dac_serde]
enum RegistryQueryMsg {
    Config {},
}

fn token_transfer(token: &Addr, recipient: &Addr, amount: Uint128) -> StdResult<CosmosMsg> {
    cw20_transfer(token.as_str(), recipient.as_str(), amount)
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    /// The same types with serde's reader (their fields are only printed).
    #[allow(dead_code)]
    mod by_serde {
        use cosmwasm_std::Uint128;

        registry_answers!(serde::Deserialize);

        /// How many of `inputs` both read, alike (see `dac_common::de::read_alike`).
        pub fn read_alike(bookings: &[String], configs: &[String]) -> (usize, usize) {
            use dac_common::de::read_alike;
            (
                read_alike::<super::super::RegistryBooking, RegistryBooking>(bookings),
                read_alike::<super::super::RegistryConfig, RegistryConfig>(configs),
            )
        }
    }

    fn texts(values: &[Value]) -> Vec<String> {
        values.iter().map(Value::to_string).collect()
    }

    #[test]
    fn registry_answers_read_as_serde_reads_them() {
        let bookings = texts(&[
            json!({"home_id": 1, "start_day": 10, "payer": "relay"}),
            json!({"id": 7, "home_id": 1, "guest": "g", "start_day": 10, "end_day": 12, "payer": "r", "paid": "30"}),
            json!({"home_id": 1, "start_day": 10}),
            json!({"home_id": "1", "start_day": 10, "payer": "r"}),
            json!({"home_id": 1, "start_day": -1, "payer": "r"}),
            json!({"home_id": 1, "start_day": 10, "payer": null}),
            json!([1, 10, "r"]),
        ]);
        let configs = texts(&[
            json!({"name": "housing", "guest": {"price_per_day": "25", "max_stay_days": 14}}),
            json!({"guest": {"price_per_day": "0"}}),
            json!({"guest": {"price_per_day": 25}}),
            json!({"guest": {"max_stay_days": 14}}),
            json!({"guest": null}),
            json!({"name": "housing"}),
        ]);
        assert_eq!(by_serde::read_alike(&bookings, &configs), (2, 2));
        let duplicate = r#"{"home_id":1,"home_id":1,"start_day":10,"payer":"r"}"#.to_string();
        assert_eq!(by_serde::read_alike(&[duplicate], &[]), (0, 0));
    }
}
