//! Messages of the IBC relay. The wire format between relays is in [`crate::packet`].

use cosmwasm_schema::QueryResponses;
use cosmwasm_std::{Addr, Binary, Timestamp, Uint128};
use cw20::Cw20ReceiveMsg;
use dac_common::dac_serde;

/// The channel version both ends must speak.
pub const IBC_VERSION: &str = "dac-relay-1";

#[dac_serde]
pub struct InstantiateMsg {
    /// The node's council (or whoever stands for it): recognizes nodes, conducts diplomacy.
    pub admin: String,
    /// This node's demurrage token (cw20).
    pub token: String,
    /// The node's housing registry, which guest bookings from other nodes pay into.
    pub housing_registry: Option<String>,
    /// The node's escrow, whose deals this relay attests when a delivery receipt arrives.
    pub escrow: Option<String>,
    /// Packet timeout used when a message does not give one.
    pub default_timeout_seconds: u64,
}

/// Which side of a trade a party is on.
#[dac_serde]
#[derive(Copy, Eq)]
pub enum TradeRole {
    Seller,
    Buyer,
}

impl TradeRole {
    pub fn other(self) -> Self {
        match self {
            TradeRole::Seller => TradeRole::Buyer,
            TradeRole::Buyer => TradeRole::Seller,
        }
    }
}

/// What the buyer gives for the goods.
#[dac_serde]
pub enum Price {
    /// Tokens of the SELLER's node, paid through an escrow deal on the seller's node that names
    /// the seller's relay as attestor. `payer` is the account on the seller's node that funds it.
    Tokens { amount: Uint128, payer: String },
    /// Barter: goods in return, nothing is escrowed.
    Goods { goods: String, containers: u32 },
}

#[dac_serde]
pub struct DeliveryWindow {
    pub earliest: Timestamp,
    pub latest: Timestamp,
}

/// What the drone tanker reports on the way.
#[dac_serde]
pub enum ShipmentUpdate {
    Departed { eta: Timestamp },
    Position { note: String },
    Delayed { new_eta: Timestamp, reason: String },
}

#[dac_serde]
#[derive(Copy, Eq)]
pub enum TradeStatus {
    /// Offer sent, not yet acknowledged.
    Proposed,
    /// The offer is on both nodes, waiting for the counterparty's answer.
    Offered,
    Accepted,
    Refused,
    /// At least one shipment update has been exchanged.
    Shipping,
    /// Delivery received; barter trades end here.
    Delivered,
    /// Delivery received and the escrow deal attested: the seller is paid.
    Paid,
    /// The offer never reached the other node.
    Failed,
}

impl TradeStatus {
    /// A stable key for the by-status index.
    pub fn key(self) -> u8 {
        self as u8
    }
}

#[dac_serde]
#[derive(Copy, Eq)]
pub enum TreatyKind {
    ResourceSharing,
    JointInitiative,
    MutualRecognition,
}

#[dac_serde]
#[derive(Copy, Eq)]
pub enum TreatyStatus {
    /// Proposed by our council, not yet acknowledged by the other node.
    Proposed,
    /// On both nodes, waiting for the other council's ratification.
    AwaitingRatification,
    /// Signed by both councils.
    Ratified,
    /// The proposal never reached the other node.
    Failed,
}

#[dac_serde]
#[derive(Copy, Eq)]
pub enum PanelStatus {
    /// One half drawn, waiting for the other node's half.
    Forming,
    /// Both halves drawn.
    Seated,
    Failed,
}

#[dac_serde]
#[derive(Copy, Eq)]
pub enum NoteStatus {
    Sent,
    Delivered,
    Received,
    Failed,
}

/// The hook of a cw20 `Send` of this node's token to the relay.
#[dac_serde]
pub enum ReceiveMsg {
    /// Carries the tokens to `receiver` on the node at the other end of `channel_id`. The relay
    /// keeps them (they keep decaying); the receiver gets vouchers for a share of them.
    Transfer {
        channel_id: String,
        receiver: String,
        timeout_seconds: Option<u64>,
    },
    /// Moving to another node: the sender, a member here, sends their whole balance (the relay
    /// checks nothing is left). In the same transaction the council ends their membership
    /// (roles, delegations, basic income) and the registry takes their home back (or starts
    /// due process when `household_stays`); the balance goes to `receiver` on the node at the
    /// other end of `channel_id` as vouchers, with the departure record the council builds.
    Move {
        channel_id: String,
        receiver: String,
        #[serde(default)]
        household_stays: bool,
        timeout_seconds: Option<u64>,
    },
    /// From the housing registry only: the refund of a guest booking this relay paid for a
    /// visitor from another node (cancelled by the host or by the visitor). It goes back to the
    /// visitor as vouchers, by a transfer packet to their node.
    BookingRefund {
        booking_id: u64,
        home_id: u64,
        start_day: u64,
    },
}

#[dac_serde]
pub enum ExecuteMsg {
    /// cw20 entry: only this node's token.
    Receive(Cw20ReceiveMsg),

    // ---- vouchers of other nodes' tokens ----
    /// Moves vouchers of `node`'s token to another account here.
    TransferVouchers {
        node: String,
        recipient: String,
        shares: Uint128,
    },
    /// Sends vouchers back to their node, which pays `receiver` their share of what it holds.
    ReturnVouchers {
        channel_id: String,
        receiver: String,
        shares: Uint128,
        timeout_seconds: Option<u64>,
    },
    /// Books a guest home on the node at the other end, paid with vouchers of that node's token.
    /// `shares` is the most the visitor offers: that node takes the fewest shares that pay the
    /// registry's exact price when the packet arrives (what a share is worth decays) and the
    /// rest come back with the acknowledgement.
    BookGuest(BookGuestMsg),
    /// The visitor cancels a guest booking they made on the node at the other end of
    /// `channel_id` (the registry's `booking_id` there). That node's relay cancels it under its
    /// registry's rules, and the refund comes back to the visitor as vouchers.
    CancelGuestBooking {
        channel_id: String,
        booking_id: u64,
        timeout_seconds: Option<u64>,
    },

    // ---- trade ----
    OfferTrade(OfferTradeMsg),
    /// The named counterparty answers an offer that arrived here.
    AnswerTrade {
        trade_id: u64,
        accept: bool,
        reason: Option<String>,
        timeout_seconds: Option<u64>,
    },
    /// On the seller's node, the payer names the escrow deal that pays for the trade.
    AttachEscrow {
        trade_id: u64,
        deal_id: u64,
    },
    /// The seller reports the drone tanker's progress.
    ReportShipment {
        trade_id: u64,
        update: ShipmentUpdate,
        timeout_seconds: Option<u64>,
    },
    /// The buyer confirms delivery; the seller's relay then attests the escrow deal.
    ConfirmDelivery {
        trade_id: u64,
        timeout_seconds: Option<u64>,
    },

    // ---- diplomacy (admin, i.e. the council) ----
    ProposeTreaty(ProposeTreatyMsg),
    /// Ratifies a treaty the other node's council proposed.
    RatifyTreaty {
        treaty_id: u64,
        timeout_seconds: Option<u64>,
    },
    SendNote {
        channel_id: String,
        subject: String,
        body: String,
        timeout_seconds: Option<u64>,
    },
    /// Opens a joint dispute panel with our half of its members (drawn by our sortition).
    ProposePanel {
        channel_id: String,
        subject: String,
        members: Vec<String>,
        timeout_seconds: Option<u64>,
    },
    /// Seats our half of a panel the other node proposed (same number of members).
    SubmitPanelHalf {
        panel_id: u64,
        members: Vec<String>,
        timeout_seconds: Option<u64>,
    },

    // ---- recognition and configuration (admin) ----
    RecognizeNode {
        name: String,
        connection_id: String,
        counterparty_port: String,
    },
    ForgetNode {
        name: String,
    },
    UpdateConfig {
        housing_registry: Option<String>,
        escrow: Option<String>,
        default_timeout_seconds: Option<u64>,
        /// The node's council: builds departure records and keeps the ones that arrive.
        #[serde(default)]
        council: Option<String>,
    },
    /// Stops the channel carrying packets. It refunds nothing: a packet in flight may already
    /// have been received on the other side, so it waits for its timeout (or timeout-on-close).
    CloseChannel {
        channel_id: String,
    },
    ProposeAdmin {
        admin: Option<String>,
    },
    AcceptAdmin {},

    /// Internal: the relay applies a received packet in its own sub-transaction so a failure
    /// rolls back everything and becomes an error acknowledgement.
    ApplyPacket {
        channel_id: String,
        data: Binary,
    },
}

#[dac_serde]
pub struct ProposeTreatyMsg {
    pub channel_id: String,
    pub kind: TreatyKind,
    pub title: String,
    pub terms: String,
    pub timeout_seconds: Option<u64>,
}

#[dac_serde]
pub struct OfferTradeMsg {
    pub channel_id: String,
    /// The trading partner's account on the other node.
    pub counterparty: String,
    pub role: TradeRole,
    pub goods: String,
    pub containers: u32,
    pub price: Price,
    pub delivery_window: DeliveryWindow,
    pub timeout_seconds: Option<u64>,
}

#[dac_serde]
pub struct BookGuestMsg {
    pub channel_id: String,
    pub home_id: u64,
    /// The guest as the other node's registry knows them.
    pub guest: String,
    pub start_day: u64,
    pub end_day: u64,
    pub shares: Uint128,
    pub timeout_seconds: Option<u64>,
}

#[dac_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    #[returns(ConfigResponse)]
    Config {},
    #[returns(NodeResponse)]
    Node { name: String },
    #[returns(ListNodesResponse)]
    ListNodes {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(ChannelResponse)]
    Channel { channel_id: String },
    #[returns(ListChannelsResponse)]
    ListChannels {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    /// Packets sent and not yet acknowledged, timed out or refunded.
    #[returns(ListPendingResponse)]
    PendingPackets {
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    /// The pending packets that carry value (transfers, returns, bookings).
    #[returns(ListPendingResponse)]
    TransfersInFlight {
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    /// Our token held for other nodes, and what it is worth now.
    #[returns(HoldingsResponse)]
    Holdings {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(VoucherResponse)]
    Voucher { node: String, holder: String },
    #[returns(ListVouchersResponse)]
    ListVouchers {
        node: String,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(TradeResponse)]
    Trade { trade_id: u64 },
    #[returns(ListTradesResponse)]
    TradesByStatus {
        status: TradeStatus,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(ListShipmentUpdatesResponse)]
    ShipmentUpdates {
        trade_id: u64,
        start_after: Option<u32>,
        limit: Option<u32>,
    },
    #[returns(TreatyResponse)]
    Treaty { treaty_id: u64 },
    #[returns(ListTreatiesResponse)]
    ListTreaties {
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(PanelResponse)]
    Panel { panel_id: u64 },
    #[returns(ListPanelsResponse)]
    ListPanels {
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(ListNotesResponse)]
    ListNotes {
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(dac_common::admin::AdminState)]
    Admin {},
}

#[dac_serde]
pub struct MigrateMsg {}

#[dac_serde]
pub struct ConfigResponse {
    pub token: Addr,
    pub housing_registry: Option<Addr>,
    pub escrow: Option<Addr>,
    pub default_timeout_seconds: u64,
    pub council: Option<Addr>,
}

#[dac_serde]
pub struct RemoteNode {
    pub name: String,
    pub connection_id: String,
    /// The other relay's port, `wasm.<address>`.
    pub counterparty_port: String,
}

#[dac_serde]
pub struct NodeResponse {
    pub node: RemoteNode,
    /// Shares of our holdings its vouchers stand for, and our token they are worth now.
    pub held_units: Uint128,
    pub held_value: Uint128,
    /// Vouchers of its token outstanding here.
    pub voucher_supply: Uint128,
}

#[dac_serde]
pub struct ListNodesResponse {
    pub nodes: Vec<RemoteNode>,
}

#[dac_serde]
pub struct ChannelInfo {
    pub channel_id: String,
    pub connection_id: String,
    pub counterparty_port: String,
    pub counterparty_channel: String,
    /// The recognized node this channel led to when it opened.
    pub node: String,
    pub open: bool,
}

#[dac_serde]
pub struct ChannelResponse {
    pub channel: ChannelInfo,
}

#[dac_serde]
pub struct ListChannelsResponse {
    pub channels: Vec<ChannelInfo>,
}

/// A packet sent and not yet resolved. Its body is not kept (it travelled in the packet: the
/// `send_packet` event of the transaction that sent it carries it).
#[dac_serde]
pub struct PendingPacket {
    pub id: u64,
    pub channel_id: String,
    pub node: String,
    pub timeout: Timestamp,
    /// The packet's kind: `transfer`, `return`, `guest_booking`, ... (its JSON name).
    pub kind: String,
}

#[dac_serde]
pub struct ListPendingResponse {
    pub packets: Vec<PendingPacket>,
}

#[dac_serde]
pub struct HeldFor {
    pub node: String,
    pub units: Uint128,
    pub value: Uint128,
}

#[dac_serde]
pub struct HoldingsResponse {
    /// Our token balance as decayed now: everything below is a share of it.
    pub balance: Uint128,
    pub total_units: Uint128,
    /// Units of packets still in flight (refunded or moved to a node when they resolve).
    pub in_flight_units: Uint128,
    pub nodes: Vec<HeldFor>,
}

#[dac_serde]
pub struct VoucherResponse {
    pub node: String,
    pub holder: String,
    pub shares: Uint128,
}

#[dac_serde]
pub struct ListVouchersResponse {
    pub vouchers: Vec<VoucherResponse>,
    pub supply: Uint128,
}

#[dac_serde]
pub struct Trade {
    pub id: u64,
    pub node: String,
    pub channel_id: String,
    /// Whether the offer was made on this node; `offer_id` is the trade's id on the offering node.
    pub offered_here: bool,
    pub offer_id: u64,
    pub local_party: Addr,
    pub remote_party: String,
    pub local_role: TradeRole,
    pub goods: String,
    pub containers: u32,
    pub price: Price,
    pub delivery_window: DeliveryWindow,
    pub status: TradeStatus,
    /// A packet about this trade is on its way: no second one until it resolves.
    pub awaiting_ack: bool,
    pub escrow_deal_id: Option<u64>,
    pub shipment_updates: u32,
    pub refusal_reason: Option<String>,
}

#[dac_serde]
pub struct TradeResponse {
    pub trade: Trade,
}

#[dac_serde]
pub struct ListTradesResponse {
    pub trades: Vec<Trade>,
}

#[dac_serde]
pub struct ShipmentRecord {
    pub seq: u32,
    pub update: ShipmentUpdate,
    pub at: Timestamp,
}

#[dac_serde]
pub struct ListShipmentUpdatesResponse {
    pub updates: Vec<ShipmentRecord>,
}

#[dac_serde]
pub struct Treaty {
    pub id: u64,
    pub node: String,
    pub channel_id: String,
    pub proposed_here: bool,
    /// The treaty's id on the proposing node.
    pub proposal_id: u64,
    pub kind: TreatyKind,
    pub title: String,
    pub terms: String,
    pub status: TreatyStatus,
    pub awaiting_ack: bool,
    pub ratified_at: Option<Timestamp>,
}

#[dac_serde]
pub struct TreatyResponse {
    pub treaty: Treaty,
}

#[dac_serde]
pub struct ListTreatiesResponse {
    pub treaties: Vec<Treaty>,
}

#[dac_serde]
pub struct Panel {
    pub id: u64,
    pub node: String,
    pub channel_id: String,
    pub proposed_here: bool,
    pub proposal_id: u64,
    pub subject: String,
    pub seats_per_side: u32,
    pub local_members: Vec<String>,
    pub remote_members: Vec<String>,
    pub status: PanelStatus,
    pub awaiting_ack: bool,
}

#[dac_serde]
pub struct PanelResponse {
    pub panel: Panel,
}

#[dac_serde]
pub struct ListPanelsResponse {
    pub panels: Vec<Panel>,
}

#[dac_serde]
pub struct Note {
    pub id: u64,
    pub node: String,
    pub subject: String,
    pub body: String,
    pub status: NoteStatus,
    pub at: Timestamp,
}

#[dac_serde]
pub struct ListNotesResponse {
    pub notes: Vec<Note>,
}
