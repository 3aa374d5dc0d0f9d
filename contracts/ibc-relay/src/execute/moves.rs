//! Moving to another node. The member sends their whole balance to the relay with cw20 `send`
//! and `{"move":{..}}` (the token proves it is theirs). In that one transaction this relay asks
//! the council for their departure record (built from the council's state: nothing in it comes
//! from the mover), has the council end their membership and their home (`record_departure`),
//! and sends one `departure` packet: the balance, credited to their new address as vouchers, and
//! the record, which the other node's relay hands to its council (`record_arrival`).
//!
//! Income the mover earned and has not claimed would be paid to their old address as the
//! council ends their membership, after their balance left: so a move is refused while the token
//! owes them any, as it is while a balance is left. Their wallet sends `claim_income` and then
//! `send_all` with `move` in one transaction; the claim restarts their count at this block, so
//! the departure pays nothing more, and nothing accrues after it.
//!
//! If the packet is refused (error acknowledgement) or times out, the tokens come back to the
//! mover's old address by the transfer's own refund. The departure itself stands: leaving was
//! the member's own act, done when they sent it; they may apply again, or send the tokens on.

use cosmwasm_std::{
    Addr, Binary, CosmosMsg, DepsMut, Env, QuerierWrapper, Response, Uint128, WasmMsg,
};
use dac_common::calls::query_wasm_smart;
use dac_common::dac_serde;
use dac_common::json::to_json_binary;
use dac_common::mesh::DepartureRecord;

use super::transfer::{deposit_in_flight, TransferPacket};
use super::{sendable_channel, validate_text};
use crate::attributes as attr;
use crate::error::ContractError;
use crate::holdings::{token_balance, HeldBalance};
use crate::packet::{Applied, Packet, Peer};
use crate::state::{Config, CONFIG, MAX_LABEL};

/// What the mover chose: where to, their address there, and whether their household stays in
/// the home (then it goes to due process instead of returning at once).
pub struct Move {
    pub channel_id: String,
    pub receiver: String,
    pub household_stays: bool,
    pub timeout_seconds: Option<u64>,
}

/// What a move asks of the council and of the token (serialized only: the relay links neither
/// crate; one enum, so its serializer is in the wasm once).
#[derive(serde::Serialize, dac_common::LeanSerialize)]
#[serde(rename_all = "snake_case")]
enum Call {
    /// The council's query.
    DepartureRecord { member: String },
    /// The token's query: what `ClaimIncome` would pay `address` now.
    Claimable { address: String },
    RecordDeparture {
        member: String,
        household_stays: bool,
        housing_registry: Option<String>,
    },
    RecordArrival {
        newcomer: String,
        node: String,
        record: DepartureRecord,
    },
}

/// The part of the token's `ClaimableResponse` the relay reads.
#[derive(dac_common::LeanDeserialize)]
struct Claimable {
    amount: Uint128,
}

/// What `ClaimIncome` would pay `member` at this block.
fn unclaimed_income(
    querier: &QuerierWrapper,
    token: &Addr,
    member: &Addr,
) -> Result<Uint128, ContractError> {
    let claimable: Claimable = query_wasm_smart(
        querier,
        token.as_str(),
        &Call::Claimable {
            address: member.to_string(),
        },
    )?;
    Ok(claimable.amount)
}

fn council_call(council: &Addr, msg: &Call) -> Result<CosmosMsg, ContractError> {
    Ok(WasmMsg::Execute {
        contract_addr: council.to_string(),
        msg: to_json_binary(msg)?,
        funds: vec![],
    }
    .into())
}

/// `amount` of `mover`'s tokens just arrived with `move`.
pub fn move_out(
    deps: DepsMut,
    env: Env,
    config: Config,
    mover: Addr,
    amount: Uint128,
    msg: Move,
) -> Result<Response, ContractError> {
    let council = config
        .council
        .clone()
        .ok_or(ContractError::NotConfigured("council"))?;
    let channel = sendable_channel(deps.storage, &msg.channel_id)?;
    validate_text(&msg.receiver, "receiver", MAX_LABEL)?;
    let left = token_balance(&deps.querier, &config.token, &mover)?;
    if !left.is_zero() {
        return Err(ContractError::MoveLeavesBalance { left });
    }
    let income = unclaimed_income(&deps.querier, &config.token, &mover)?;
    if !income.is_zero() {
        return Err(ContractError::MoveLeavesIncome { income });
    }
    // The council refuses a non-member here, before anything is sent.
    let record: DepartureRecord = query_wasm_smart(
        &deps.querier,
        council.as_str(),
        &Call::DepartureRecord {
            member: mover.to_string(),
        },
    )?;
    let depart = council_call(
        &council,
        &Call::RecordDeparture {
            member: mover.to_string(),
            household_stays: msg.household_stays,
            housing_registry: config.housing_registry.map(String::from),
        },
    )?;
    let (units, ledger) = deposit_in_flight(&deps, &env, &config.token, amount)?;
    let (packet, id) = DeparturePacket {
        transfer: TransferPacket {
            sender: mover.to_string(),
            receiver: msg.receiver.clone(),
            shares: units,
            value: amount,
        },
        record,
    }
    .send_with(ledger, deps.storage, &env, &channel, msg.timeout_seconds)?;
    // The council's part first: if it refuses, nothing is sent.
    Ok(Response::new()
        .add_message(depart)
        .add_message(packet)
        .add_attributes([
            (attr::ACTION, attr::ACTION_MOVE_OUT),
            (attr::PACKET_ID, &id.to_string()),
            (attr::CHANNEL_ID, &msg.channel_id),
            (attr::NODE, &channel.node),
            (attr::SENDER, mover.as_str()),
            (attr::RECEIVER, &msg.receiver),
            (attr::AMOUNT, &amount.to_string()),
            (attr::SHARES, &units.to_string()),
        ]))
}

// ---- its packet ----

/// A member moving here from the sending node: their balance, and their departure record.
#[dac_serde]
pub struct DeparturePacket {
    pub transfer: TransferPacket,
    pub record: DepartureRecord,
}

impl Packet for DeparturePacket {
    const CARRIES_VALUE: bool = true;

    /// The vouchers as for any transfer, and the record for our council, under the name we
    /// know the sending node by. If the council refuses it (no council configured, or a
    /// record from that node for that address already kept), everything rolls back and the
    /// mover is refunded back home.
    fn receive(self, mut deps: DepsMut, env: &Env, from: Peer) -> Result<Applied, ContractError> {
        let council = CONFIG
            .load(deps.storage)?
            .council
            .ok_or(ContractError::NotConfigured("council"))?;
        let newcomer = self.transfer.receiver.clone();
        let mut applied = self.transfer.receive(deps.branch(), env, from)?;
        applied.msgs.push(council_call(
            &council,
            &Call::RecordArrival {
                newcomer,
                node: from.node.to_string(),
                record: self.record,
            },
        )?);
        Ok(applied)
    }

    fn on_ack_success(
        self,
        deps: DepsMut,
        env: &Env,
        node: &str,
        result: Binary,
    ) -> Result<Vec<CosmosMsg>, ContractError> {
        self.transfer.on_ack_success(deps, env, node, result)
    }

    /// The transfer's refund: the mover's old address gets what the units are worth now.
    fn on_ack_error(
        self,
        deps: DepsMut,
        env: &Env,
        node: &str,
        held: &mut HeldBalance,
    ) -> Result<Vec<CosmosMsg>, ContractError> {
        self.transfer.on_ack_error(deps, env, node, held)
    }
}
