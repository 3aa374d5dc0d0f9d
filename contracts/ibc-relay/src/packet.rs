//! The wire format between two relays (JSON packets and ICS-style acknowledgements), and the
//! [`Packet`] trait through which the IBC entry points hand each packet to its kind.
//!
//! Each kind has one home, beside the execute handler that sends it (`execute/transfer.rs`,
//! `execute/trade.rs`, `execute/diplomacy.rs`, `execute/moves.rs`): its struct `XPacket` and its `impl Packet`, which
//! says what receiving it does on the other node and what its acknowledgement, error
//! acknowledgement or timeout does back here.
//!
//! To add a kind: write those two in one file and send it with `XPacket { .. }.send(..)`; then,
//! here, add one line (variant, struct, name) to `packet_kinds!`. Nothing else changes: receiving,
//! the replay guard, pending records and refunds are the same for every kind.

use cosmwasm_std::{
    from_json, Binary, CosmosMsg, DepsMut, Env, IbcMsg, StdResult, Storage, Uint128,
};
use dac_common::dac_serde;
use dac_common::json::to_json_binary;

use crate::error::ContractError;
pub use crate::execute::diplomacy::{
    NotePacket, PanelHalfPacket, PanelProposalPacket, TreatyProposalPacket,
    TreatyRatificationPacket,
};
pub use crate::execute::moves::DeparturePacket;
use crate::execute::send_packet;
pub use crate::execute::trade::{
    DeliveryReceiptPacket, ShipmentUpdatePacket, TradeAnswerPacket, TradeOfferPacket,
};
pub use crate::execute::transfer::{
    CancelBookingPacket, GuestBookingPacket, ReturnPacket, TransferPacket,
};
use crate::holdings::HeldBalance;
use crate::msg::ChannelInfo;
use crate::state::Ledger;

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
        let ledger = Ledger::load(storage)?;
        self.send_with(ledger, storage, env, channel, timeout_seconds)
    }

    /// [`Packet::send`] for a message that has already loaded (and changed) the ledger: the
    /// packet takes its id from it and it is saved once.
    fn send_with(
        self,
        ledger: Ledger,
        storage: &mut dyn Storage,
        env: &Env,
        channel: &ChannelInfo,
        timeout_seconds: Option<u64>,
    ) -> Result<(IbcMsg, u64), ContractError> {
        send_packet(storage, ledger, env, channel, timeout_seconds, self.into())
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
#[dac_serde]
pub struct Envelope {
    pub id: u64,
    pub body: RelayPacket,
}

/// What travels. Trades, treaties and panels are named by their id on the node that started
/// them; `*_by_sender` says which node that was.
/// Declares [`RelayPacket`] from one list of kinds: each variant holds its kind's packet (the same
/// JSON as a struct variant), becomes a `RelayPacket` by `From`, is visited as its kind and is
/// named in events by `kind()`.
macro_rules! packet_kinds {
    ($($(#[$doc:meta])* $variant:ident($kind:ident) = $name:literal,)+) => {
        /// What travels: one variant per kind. Trades, treaties and panels are named by their id
        /// on the node that started them; `*_by_sender` says which node that was.
        #[dac_serde]
        pub enum RelayPacket {
            $($(#[$doc])* $variant($kind),)+
        }

        /// Each kind's name and whether it carries value, by its tag (its place in the list:
        /// stored in pending records, so kinds are only ever appended).
        const KINDS: &[(&str, bool)] = &[$(($name, <$kind as Packet>::CARRIES_VALUE),)+];

        $(impl From<$kind> for RelayPacket {
            fn from(packet: $kind) -> Self {
                RelayPacket::$variant(packet)
            }
        })+

        impl RelayPacket {
            /// The one place the enum meets the kinds: hands the packet, as its kind, to `visitor`.
            pub fn visit<V: PacketVisitor>(self, visitor: V) -> V::Output {
                match self {
                    $(RelayPacket::$variant(packet) => visitor.visit(packet),)+
                }
            }

            /// The kind's name in events (the variant's JSON name).
            pub fn kind(&self) -> &'static str {
                kind_name(self.tag())
            }

            /// The kind's place in the list, as stored in pending records.
            pub fn tag(&self) -> u8 {
                let mut tag = 0u8;
                $(if let RelayPacket::$variant(_) = self {
                    return tag;
                }
                tag += 1;)+
                tag
            }
        }
    };
}

packet_kinds! {
    /// `shares` of the sender relay's holdings, credited to `receiver` as vouchers.
    Transfer(TransferPacket) = "transfer",
    /// Vouchers of the receiver's token coming home: the receiver relay pays out their share.
    Return(ReturnPacket) = "return",
    /// A guest booking paid with vouchers of the receiver's token.
    GuestBooking(GuestBookingPacket) = "guest_booking",
    /// The visitor cancels their guest booking in the receiver's registry.
    CancelBooking(CancelBookingPacket) = "cancel_booking",
    TradeOffer(TradeOfferPacket) = "trade_offer",
    /// Answers an offer made on the receiving node.
    TradeAnswer(TradeAnswerPacket) = "trade_answer",
    ShipmentUpdate(ShipmentUpdatePacket) = "shipment_update",
    DeliveryReceipt(DeliveryReceiptPacket) = "delivery_receipt",
    TreatyProposal(TreatyProposalPacket) = "treaty_proposal",
    /// Ratifies a treaty proposed by the receiving node.
    TreatyRatification(TreatyRatificationPacket) = "treaty_ratification",
    Note(NotePacket) = "note",
    PanelProposal(PanelProposalPacket) = "panel_proposal",
    /// Seats the sender's half of a panel proposed by the receiving node.
    PanelHalf(PanelHalfPacket) = "panel_half",
    /// A member moving to the receiving node: their balance and their departure record.
    Departure(DeparturePacket) = "departure",
}

/// The name of the kind tagged `tag` (`unknown` for a tag no kind has).
pub fn kind_name(tag: u8) -> &'static str {
    KINDS
        .get(usize::from(tag))
        .map_or("unknown", |(name, _)| name)
}

/// Whether packets of the kind tagged `tag` move value (listed among the transfers in flight).
pub fn kind_carries_value(tag: u8) -> bool {
    KINDS.get(usize::from(tag)).is_some_and(|(_, value)| *value)
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
