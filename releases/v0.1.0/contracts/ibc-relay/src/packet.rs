//! The wire format between two relays: JSON packets and ICS-style acknowledgements.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{from_json, to_json_binary, Binary, StdResult, Uint128};

use crate::msg::{DeliveryWindow, Price, ShipmentUpdate, TradeRole, TreatyKind};

/// Every packet carries the sender's own packet id, which makes replays detectable.
#[cw_serde]
pub struct Envelope {
    pub id: u64,
    pub body: RelayPacket,
}

/// What travels. Trades, treaties and panels are named by their id on the node that started
/// them; `*_by_sender` says which node that was.
#[cw_serde]
pub enum RelayPacket {
    /// `shares` of the sender relay's holdings, credited to `receiver` as vouchers.
    #[serde(deserialize_with = "relay_packet_transfer")]
    Transfer {
        sender: String,
        receiver: String,
        shares: Uint128,
        /// What the shares were worth when sent (informational: the origin redeems by share).
        value: Uint128,
    },
    /// Vouchers of the receiver's token coming home: the receiver relay pays out their share.
    #[serde(deserialize_with = "relay_packet_return")]
    Return {
        sender: String,
        receiver: String,
        shares: Uint128,
    },
    /// A guest booking paid with vouchers of the receiver's token.
    #[serde(deserialize_with = "relay_packet_guest_booking")]
    GuestBooking {
        visitor: String,
        guest: String,
        home_id: u64,
        start_day: u64,
        end_day: u64,
        shares: Uint128,
    },
    /// The visitor cancels their guest booking `booking_id` in the receiver's registry.
    #[serde(deserialize_with = "relay_packet_cancel_booking")]
    CancelBooking { visitor: String, booking_id: u64 },
    #[serde(deserialize_with = "relay_packet_trade_offer")]
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
    #[serde(deserialize_with = "relay_packet_trade_answer")]
    TradeAnswer {
        offer_id: u64,
        accept: bool,
        reason: Option<String>,
    },
    #[serde(deserialize_with = "relay_packet_shipment_update")]
    ShipmentUpdate {
        offer_id: u64,
        offered_by_sender: bool,
        update: ShipmentUpdate,
    },
    #[serde(deserialize_with = "relay_packet_delivery_receipt")]
    DeliveryReceipt {
        offer_id: u64,
        offered_by_sender: bool,
    },
    #[serde(deserialize_with = "relay_packet_treaty_proposal")]
    TreatyProposal {
        proposal_id: u64,
        kind: TreatyKind,
        title: String,
        terms: String,
    },
    /// Ratifies a treaty proposed by the receiving node.
    #[serde(deserialize_with = "relay_packet_treaty_ratification")]
    TreatyRatification { proposal_id: u64 },
    #[serde(deserialize_with = "relay_packet_note")]
    Note {
        note_id: u64,
        subject: String,
        body: String,
    },
    #[serde(deserialize_with = "relay_packet_panel_proposal")]
    PanelProposal {
        proposal_id: u64,
        subject: String,
        members: Vec<String>,
    },
    /// Seats the sender's half of a panel proposed by the receiving node.
    #[serde(deserialize_with = "relay_packet_panel_half")]
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
#[cw_serde]
pub struct BookingAck {
    pub shares_used: Uint128,
}

/// The acknowledgement, in the ICS-20 JSON shape: `{"result":..}` or `{"error":".."}`.
#[cw_serde]
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

// Lean deserializers of the struct variants above (`dac_common::de`: less wasm, same JSON).
dac_common::variant_fields! {
    relay_packet_transfer: RelayPacket::Transfer {
        sender: String,
        receiver: String,
        shares: Uint128,
        value: Uint128,
    },
    relay_packet_return: RelayPacket::Return { sender: String, receiver: String, shares: Uint128 },
    relay_packet_guest_booking: RelayPacket::GuestBooking {
        visitor: String,
        guest: String,
        home_id: u64,
        start_day: u64,
        end_day: u64,
        shares: Uint128,
    },
    relay_packet_cancel_booking: RelayPacket::CancelBooking { visitor: String, booking_id: u64 },
    relay_packet_trade_offer: RelayPacket::TradeOffer {
        offer_id: u64,
        offeror: String,
        counterparty: String,
        offeror_role: TradeRole,
        goods: String,
        containers: u32,
        price: Price,
        delivery_window: DeliveryWindow,
    },
    relay_packet_trade_answer: RelayPacket::TradeAnswer {
        offer_id: u64,
        accept: bool,
        reason: Option<String>,
    },
    relay_packet_shipment_update: RelayPacket::ShipmentUpdate {
        offer_id: u64,
        offered_by_sender: bool,
        update: ShipmentUpdate,
    },
    relay_packet_delivery_receipt: RelayPacket::DeliveryReceipt {
        offer_id: u64,
        offered_by_sender: bool,
    },
    relay_packet_treaty_proposal: RelayPacket::TreatyProposal {
        proposal_id: u64,
        kind: TreatyKind,
        title: String,
        terms: String,
    },
    relay_packet_treaty_ratification: RelayPacket::TreatyRatification { proposal_id: u64 },
    relay_packet_note: RelayPacket::Note { note_id: u64, subject: String, body: String },
    relay_packet_panel_proposal: RelayPacket::PanelProposal {
        proposal_id: u64,
        subject: String,
        members: Vec<String>,
    },
    relay_packet_panel_half: RelayPacket::PanelHalf { proposal_id: u64, members: Vec<String> },
}
