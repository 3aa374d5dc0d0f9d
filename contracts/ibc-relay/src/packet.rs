//! The wire format between two relays: JSON packets and ICS-style acknowledgements.

use cosmwasm_std::{from_json, to_json_binary, Binary, StdResult, Uint128};
use dac_common::dac_serde;

use crate::msg::{DeliveryWindow, Price, ShipmentUpdate, TradeRole, TreatyKind};

/// Every packet carries the sender's own packet id, which makes replays detectable.
#[dac_serde]
pub struct Envelope {
    pub id: u64,
    pub body: RelayPacket,
}

/// What travels. Trades, treaties and panels are named by their id on the node that started
/// them; `*_by_sender` says which node that was.
#[dac_serde]
pub enum RelayPacket {
    /// `shares` of the sender relay's holdings, credited to `receiver` as vouchers.
    Transfer {
        sender: String,
        receiver: String,
        shares: Uint128,
        /// What the shares were worth when sent (informational: the origin redeems by share).
        value: Uint128,
    },
    /// Vouchers of the receiver's token coming home: the receiver relay pays out their share.
    Return {
        sender: String,
        receiver: String,
        shares: Uint128,
    },
    /// A guest booking paid with vouchers of the receiver's token.
    GuestBooking {
        visitor: String,
        guest: String,
        home_id: u64,
        start_day: u64,
        end_day: u64,
        shares: Uint128,
    },
    /// The visitor cancels their guest booking `booking_id` in the receiver's registry.
    CancelBooking { visitor: String, booking_id: u64 },
    TradeOffer {
        offer_id: u64,
        offeror: String,
        counterparty: String,
        offeror_role: TradeRole,
        goods: String,
        containers: u32,
        price: Price,
        delivery_window: DeliveryWindow,
    },
    /// Answers an offer made on the receiving node.
    TradeAnswer {
        offer_id: u64,
        accept: bool,
        reason: Option<String>,
    },
    ShipmentUpdate {
        offer_id: u64,
        offered_by_sender: bool,
        update: ShipmentUpdate,
    },
    DeliveryReceipt {
        offer_id: u64,
        offered_by_sender: bool,
    },
    TreatyProposal {
        proposal_id: u64,
        kind: TreatyKind,
        title: String,
        terms: String,
    },
    /// Ratifies a treaty proposed by the receiving node.
    TreatyRatification { proposal_id: u64 },
    Note {
        note_id: u64,
        subject: String,
        body: String,
    },
    PanelProposal {
        proposal_id: u64,
        subject: String,
        members: Vec<String>,
    },
    /// Seats the sender's half of a panel proposed by the receiving node.
    PanelHalf {
        proposal_id: u64,
        members: Vec<String>,
    },
}

impl RelayPacket {
    /// Packets that move value are listed as transfers in flight.
    pub fn carries_value(&self) -> bool {
        matches!(
            self,
            RelayPacket::Transfer { .. }
                | RelayPacket::Return { .. }
                | RelayPacket::GuestBooking { .. }
        )
    }

    pub fn kind(&self) -> &'static str {
        match self {
            RelayPacket::Transfer { .. } => "transfer",
            RelayPacket::Return { .. } => "return",
            RelayPacket::GuestBooking { .. } => "guest_booking",
            RelayPacket::CancelBooking { .. } => "cancel_booking",
            RelayPacket::TradeOffer { .. } => "trade_offer",
            RelayPacket::TradeAnswer { .. } => "trade_answer",
            RelayPacket::ShipmentUpdate { .. } => "shipment_update",
            RelayPacket::DeliveryReceipt { .. } => "delivery_receipt",
            RelayPacket::TreatyProposal { .. } => "treaty_proposal",
            RelayPacket::TreatyRatification { .. } => "treaty_ratification",
            RelayPacket::Note { .. } => "note",
            RelayPacket::PanelProposal { .. } => "panel_proposal",
            RelayPacket::PanelHalf { .. } => "panel_half",
        }
    }
}

/// What a successful guest booking acknowledges: the shares it took to pay the exact price.
/// The visitor's relay gives the rest of the offered vouchers back.
#[dac_serde]
pub struct BookingAck {
    pub shares_used: Uint128,
}

/// The acknowledgement, in the ICS-20 JSON shape: `{"result":..}` or `{"error":".."}`.
#[dac_serde]
pub enum Ack {
    Result(Binary),
    Error(String),
}

pub fn ack_success() -> Binary {
    ack_result(Binary::from(b"ok".as_slice()))
}

pub fn ack_result(result: Binary) -> Binary {
    // Serializing an enum of bytes cannot fail; fall back to the plain success literal just in case.
    to_json_binary(&Ack::Result(result))
        .unwrap_or_else(|_| Binary::from(br#"{"result":"b2s="}"#.as_slice()))
}

pub fn ack_error(reason: impl Into<String>) -> Binary {
    to_json_binary(&Ack::Error(reason.into()))
        .unwrap_or_else(|_| Binary::from(br#"{"error":"unencodable error"}"#.as_slice()))
}

/// An acknowledgement that does not decode counts as an error: the sender is refunded.
pub fn ack_is_success(data: &Binary) -> bool {
    matches!(from_json::<Ack>(data), Ok(Ack::Result(_)))
}

/// The result a successful acknowledgement carries, if any.
pub fn ack_result_data(data: &Binary) -> Option<Binary> {
    match from_json::<Ack>(data) {
        Ok(Ack::Result(result)) => Some(result),
        _ => None,
    }
}

pub fn decode_envelope(data: &Binary) -> StdResult<Envelope> {
    from_json(data)
}
