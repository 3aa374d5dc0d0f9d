//! The wire format between two relays (JSON packets and ICS-style acknowledgements), and the
//! [`Packet`] trait through which the IBC entry points hand each packet to its kind.
//!
//! Each kind has one home, beside the execute handler that sends it (`execute/transfer.rs`,
//! `execute/trade.rs`, `execute/diplomacy.rs`): its struct `XPacket` (the variant's fields), its
//! `From<XPacket> for RelayPacket`, and its `impl Packet`, which says what receiving it does on
//! the other node and what its acknowledgement, error acknowledgement or timeout does back here.
//!
//! To add a kind: write those three in one file and send it with `XPacket { .. }.send(..)`;
//! then, here, add its variant to [`RelayPacket`] (and its `variant_fields!` line), its name in
//! [`RelayPacket::kind`] and its arm in [`RelayPacket::visit`]. Nothing else changes: receiving,
//! the replay guard, pending records and refunds are the same for every kind.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    from_json, to_json_binary, Binary, CosmosMsg, DepsMut, Env, IbcMsg, StdResult, Storage, Uint128,
};

use crate::error::ContractError;
use crate::execute::diplomacy::{
    NotePacket, PanelHalfPacket, PanelProposalPacket, TreatyProposalPacket,
    TreatyRatificationPacket,
};
use crate::execute::send_packet;
use crate::execute::trade::{
    DeliveryReceiptPacket, ShipmentUpdatePacket, TradeAnswerPacket, TradeOfferPacket,
};
use crate::execute::transfer::{
    CancelBookingPacket, GuestBookingPacket, ReturnPacket, TransferPacket,
};
use crate::holdings::HeldBalance;
use crate::msg::{ChannelInfo, DeliveryWindow, Price, ShipmentUpdate, TradeRole, TreatyKind};

/// The node a received packet came from, as this relay knows it.
#[derive(Clone, Copy, Debug)]
pub struct Peer<'a> {
    /// The recognized node's name.
    pub node: &'a str,
    /// Our end of the channel the packet came on.
    pub channel_id: &'a str,
}

/// What applying a received packet did.
#[derive(Debug, Default)]
pub struct Applied {
    pub msgs: Vec<CosmosMsg>,
    /// What the success acknowledgement carries instead of the plain "ok" (only delivered for
    /// kinds with [`Packet::ACK_HAS_RESULT`]).
    pub ack_result: Option<Binary>,
}

impl From<Vec<CosmosMsg>> for Applied {
    fn from(msgs: Vec<CosmosMsg>) -> Self {
        Applied {
            msgs,
            ack_result: None,
        }
    }
}

/// One kind of packet, from sending to resolution. A failure anywhere on the receiving side
/// rolls back everything `receive` did and becomes an error acknowledgement; back here only an
/// error acknowledgement or a timeout proves the other side did not act, so only they refund.
pub trait Packet: Into<RelayPacket> {
    /// Moves value: listed among the transfers in flight until it resolves.
    const CARRIES_VALUE: bool = false;
    /// Its success acknowledgement carries [`Applied::ack_result`], so the receiving relay
    /// replies to a successful apply too (every other apply is replied to only on error).
    const ACK_HAS_RESULT: bool = false;

    /// Records the packet as pending on `channel` and builds the IBC message that sends it;
    /// answers the message and the packet's id.
    fn send(
        self,
        storage: &mut dyn Storage,
        env: &Env,
        channel: &ChannelInfo,
        timeout_seconds: Option<u64>,
    ) -> Result<(IbcMsg, u64), ContractError> {
        send_packet(
            storage,
            env,
            channel,
            timeout_seconds,
            Self::CARRIES_VALUE,
            self.into(),
        )
    }

    /// On the receiving node: applies the packet `from` sent.
    fn receive(self, deps: DepsMut, env: &Env, from: Peer) -> Result<Applied, ContractError>;

    /// Back on the sending node: `node` acted on the packet; `result` is what its
    /// acknowledgement carried.
    fn on_ack_success(
        self,
        deps: DepsMut,
        env: &Env,
        node: &str,
        result: Binary,
    ) -> Result<Vec<CosmosMsg>, ContractError>;

    /// Back on the sending node: `node` refused the packet and rolled back what it did, so this
    /// side rolls back and refunds too, out of `held` (shared by every packet the message
    /// resolves).
    fn on_ack_error(
        self,
        deps: DepsMut,
        env: &Env,
        node: &str,
        held: &mut HeldBalance,
    ) -> Result<Vec<CosmosMsg>, ContractError>;

    /// Back on the sending node: the packet timed out (or timed out on close), which proves it
    /// was never received; the same as an error acknowledgement unless a kind says otherwise.
    fn on_timeout(
        self,
        deps: DepsMut,
        env: &Env,
        node: &str,
        held: &mut HeldBalance,
    ) -> Result<Vec<CosmosMsg>, ContractError> {
        self.on_ack_error(deps, env, node, held)
    }
}

/// Something done to a packet as its kind, through [`RelayPacket::visit`] (a `match`, so
/// every kind's code is called directly, without trait objects).
pub trait PacketVisitor {
    type Output;

    fn visit<P: Packet>(self, packet: P) -> Self::Output;
}

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
    /// The one place the enum meets the kinds: hands the packet, as its kind, to `visitor`.
    pub fn visit<V: PacketVisitor>(self, visitor: V) -> V::Output {
        match self {
            RelayPacket::Transfer {
                sender,
                receiver,
                shares,
                value,
            } => visitor.visit(TransferPacket {
                sender,
                receiver,
                shares,
                value,
            }),
            RelayPacket::Return {
                sender,
                receiver,
                shares,
            } => visitor.visit(ReturnPacket {
                sender,
                receiver,
                shares,
            }),
            RelayPacket::GuestBooking {
                visitor: visiting,
                guest,
                home_id,
                start_day,
                end_day,
                shares,
            } => visitor.visit(GuestBookingPacket {
                visitor: visiting,
                guest,
                home_id,
                start_day,
                end_day,
                shares,
            }),
            RelayPacket::CancelBooking {
                visitor: visiting,
                booking_id,
            } => visitor.visit(CancelBookingPacket {
                visitor: visiting,
                booking_id,
            }),
            RelayPacket::TradeOffer {
                offer_id,
                offeror,
                counterparty,
                offeror_role,
                goods,
                containers,
                price,
                delivery_window,
            } => visitor.visit(TradeOfferPacket {
                offer_id,
                offeror,
                counterparty,
                offeror_role,
                goods,
                containers,
                price,
                delivery_window,
            }),
            RelayPacket::TradeAnswer {
                offer_id,
                accept,
                reason,
            } => visitor.visit(TradeAnswerPacket {
                offer_id,
                accept,
                reason,
            }),
            RelayPacket::ShipmentUpdate {
                offer_id,
                offered_by_sender,
                update,
            } => visitor.visit(ShipmentUpdatePacket {
                offer_id,
                offered_by_sender,
                update,
            }),
            RelayPacket::DeliveryReceipt {
                offer_id,
                offered_by_sender,
            } => visitor.visit(DeliveryReceiptPacket {
                offer_id,
                offered_by_sender,
            }),
            RelayPacket::TreatyProposal {
                proposal_id,
                kind,
                title,
                terms,
            } => visitor.visit(TreatyProposalPacket {
                proposal_id,
                kind,
                title,
                terms,
            }),
            RelayPacket::TreatyRatification { proposal_id } => {
                visitor.visit(TreatyRatificationPacket { proposal_id })
            }
            RelayPacket::Note {
                note_id,
                subject,
                body,
            } => visitor.visit(NotePacket {
                note_id,
                subject,
                body,
            }),
            RelayPacket::PanelProposal {
                proposal_id,
                subject,
                members,
            } => visitor.visit(PanelProposalPacket {
                proposal_id,
                subject,
                members,
            }),
            RelayPacket::PanelHalf {
                proposal_id,
                members,
            } => visitor.visit(PanelHalfPacket {
                proposal_id,
                members,
            }),
        }
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
