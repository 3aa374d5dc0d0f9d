//! Messages of the IBC relay. The wire format between relays is in [`crate::packet`].

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, Binary, Timestamp, Uint128};
use cw20::Cw20ReceiveMsg;
use dac_common::de::empty;

/// The channel version both ends must speak.
pub const IBC_VERSION: &str = "dac-relay-1";

#[cw_serde]
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
#[cw_serde]
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
#[cw_serde]
pub enum Price {
    /// Tokens of the SELLER's node, paid through an escrow deal on the seller's node that names
    /// the seller's relay as attestor. `payer` is the account on the seller's node that funds it.
    #[serde(deserialize_with = "price_tokens")]
    Tokens { amount: Uint128, payer: String },
    /// Barter: goods in return, nothing is escrowed.
    #[serde(deserialize_with = "price_goods")]
    Goods { goods: String, containers: u32 },
}

#[cw_serde]
pub struct DeliveryWindow {
    pub earliest: Timestamp,
    pub latest: Timestamp,
}

/// What the drone tanker reports on the way.
#[cw_serde]
pub enum ShipmentUpdate {
    #[serde(deserialize_with = "shipment_update_departed")]
    Departed { eta: Timestamp },
    #[serde(deserialize_with = "shipment_update_position")]
    Position { note: String },
    #[serde(deserialize_with = "shipment_update_delayed")]
    Delayed { new_eta: Timestamp, reason: String },
}

#[cw_serde]
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

#[cw_serde]
#[derive(Copy, Eq)]
pub enum TreatyKind {
    ResourceSharing,
    JointInitiative,
    MutualRecognition,
}

#[cw_serde]
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

#[cw_serde]
#[derive(Copy, Eq)]
pub enum PanelStatus {
    /// One half drawn, waiting for the other node's half.
    Forming,
    /// Both halves drawn.
    Seated,
    Failed,
}

#[cw_serde]
#[derive(Copy, Eq)]
pub enum NoteStatus {
    Sent,
    Delivered,
    Received,
    Failed,
}

/// The hook of a cw20 `Send` of this node's token to the relay.
#[cw_serde]
pub enum ReceiveMsg {
    /// Carries the tokens to `receiver` on the node at the other end of `channel_id`. The relay
    /// keeps them (they keep decaying); the receiver gets vouchers for a share of them.
    #[serde(deserialize_with = "receive_transfer")]
    Transfer {
        channel_id: String,
        receiver: String,
        timeout_seconds: Option<u64>,
    },
    /// From the housing registry only: the refund of a guest booking this relay paid for a
    /// visitor from another node (cancelled by the host or by the visitor). It goes back to the
    /// visitor as vouchers, by a transfer packet to their node.
    #[serde(deserialize_with = "receive_booking_refund")]
    BookingRefund {
        booking_id: u64,
        home_id: u64,
        start_day: u64,
    },
}

#[cw_serde]
pub enum ExecuteMsg {
    /// cw20 entry: only this node's token.
    Receive(Cw20ReceiveMsg),

    // ---- vouchers of other nodes' tokens ----
    /// Moves vouchers of `node`'s token to another account here.
    #[serde(deserialize_with = "execute_transfer_vouchers")]
    TransferVouchers {
        node: String,
        recipient: String,
        shares: Uint128,
    },
    /// Sends vouchers back to their node, which pays `receiver` their share of what it holds.
    #[serde(deserialize_with = "execute_return_vouchers")]
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
    #[serde(deserialize_with = "execute_book_guest")]
    BookGuest {
        channel_id: String,
        home_id: u64,
        /// The guest as the other node's registry knows them.
        guest: String,
        start_day: u64,
        end_day: u64,
        shares: Uint128,
        timeout_seconds: Option<u64>,
    },
    /// The visitor cancels a guest booking they made on the node at the other end of
    /// `channel_id` (the registry's `booking_id` there). That node's relay cancels it under its
    /// registry's rules, and the refund comes back to the visitor as vouchers.
    #[serde(deserialize_with = "execute_cancel_guest_booking")]
    CancelGuestBooking {
        channel_id: String,
        booking_id: u64,
        timeout_seconds: Option<u64>,
    },

    // ---- trade ----
    #[serde(deserialize_with = "execute_offer_trade")]
    OfferTrade {
        channel_id: String,
        /// The trading partner's account on the other node.
        counterparty: String,
        role: TradeRole,
        goods: String,
        containers: u32,
        price: Price,
        delivery_window: DeliveryWindow,
        timeout_seconds: Option<u64>,
    },
    /// The named counterparty answers an offer that arrived here.
    #[serde(deserialize_with = "execute_answer_trade")]
    AnswerTrade {
        trade_id: u64,
        accept: bool,
        reason: Option<String>,
        timeout_seconds: Option<u64>,
    },
    /// On the seller's node, the payer names the escrow deal that pays for the trade.
    #[serde(deserialize_with = "execute_attach_escrow")]
    AttachEscrow { trade_id: u64, deal_id: u64 },
    /// The seller reports the drone tanker's progress.
    #[serde(deserialize_with = "execute_report_shipment")]
    ReportShipment {
        trade_id: u64,
        update: ShipmentUpdate,
        timeout_seconds: Option<u64>,
    },
    /// The buyer confirms delivery; the seller's relay then attests the escrow deal.
    #[serde(deserialize_with = "execute_confirm_delivery")]
    ConfirmDelivery {
        trade_id: u64,
        timeout_seconds: Option<u64>,
    },

    // ---- diplomacy (admin, i.e. the council) ----
    #[serde(deserialize_with = "execute_propose_treaty")]
    ProposeTreaty {
        channel_id: String,
        kind: TreatyKind,
        title: String,
        terms: String,
        timeout_seconds: Option<u64>,
    },
    /// Ratifies a treaty the other node's council proposed.
    #[serde(deserialize_with = "execute_ratify_treaty")]
    RatifyTreaty {
        treaty_id: u64,
        timeout_seconds: Option<u64>,
    },
    #[serde(deserialize_with = "execute_send_note")]
    SendNote {
        channel_id: String,
        subject: String,
        body: String,
        timeout_seconds: Option<u64>,
    },
    /// Opens a joint dispute panel with our half of its members (drawn by our sortition).
    #[serde(deserialize_with = "execute_propose_panel")]
    ProposePanel {
        channel_id: String,
        subject: String,
        members: Vec<String>,
        timeout_seconds: Option<u64>,
    },
    /// Seats our half of a panel the other node proposed (same number of members).
    #[serde(deserialize_with = "execute_submit_panel_half")]
    SubmitPanelHalf {
        panel_id: u64,
        members: Vec<String>,
        timeout_seconds: Option<u64>,
    },

    // ---- recognition and configuration (admin) ----
    #[serde(deserialize_with = "execute_recognize_node")]
    RecognizeNode {
        name: String,
        connection_id: String,
        counterparty_port: String,
    },
    #[serde(deserialize_with = "execute_forget_node")]
    ForgetNode { name: String },
    #[serde(deserialize_with = "execute_update_config")]
    UpdateConfig {
        housing_registry: Option<String>,
        escrow: Option<String>,
        default_timeout_seconds: Option<u64>,
    },
    /// Stops the channel carrying packets. It refunds nothing: a packet in flight may already
    /// have been received on the other side, so it waits for its timeout (or timeout-on-close).
    #[serde(deserialize_with = "execute_close_channel")]
    CloseChannel { channel_id: String },
    #[serde(deserialize_with = "execute_propose_admin")]
    ProposeAdmin { admin: Option<String> },
    #[serde(deserialize_with = "empty")]
    AcceptAdmin {},

    /// Internal: the relay applies a received packet in its own sub-transaction so a failure
    /// rolls back everything and becomes an error acknowledgement.
    #[serde(deserialize_with = "execute_apply_packet")]
    ApplyPacket { channel_id: String, data: Binary },
}

#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    #[returns(ConfigResponse)]
    #[serde(deserialize_with = "empty")]
    Config {},
    #[returns(NodeResponse)]
    #[serde(deserialize_with = "query_node")]
    Node { name: String },
    #[returns(ListNodesResponse)]
    #[serde(deserialize_with = "query_list_nodes")]
    ListNodes {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(ChannelResponse)]
    #[serde(deserialize_with = "query_channel")]
    Channel { channel_id: String },
    #[returns(ListChannelsResponse)]
    #[serde(deserialize_with = "query_list_channels")]
    ListChannels {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    /// Packets sent and not yet acknowledged, timed out or refunded.
    #[returns(ListPendingResponse)]
    #[serde(deserialize_with = "query_pending_packets")]
    PendingPackets {
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    /// The pending packets that carry value (transfers, returns, bookings).
    #[returns(ListPendingResponse)]
    #[serde(deserialize_with = "query_transfers_in_flight")]
    TransfersInFlight {
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    /// Our token held for other nodes, and what it is worth now.
    #[returns(HoldingsResponse)]
    #[serde(deserialize_with = "query_holdings")]
    Holdings {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(VoucherResponse)]
    #[serde(deserialize_with = "query_voucher")]
    Voucher { node: String, holder: String },
    #[returns(ListVouchersResponse)]
    #[serde(deserialize_with = "query_list_vouchers")]
    ListVouchers {
        node: String,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(TradeResponse)]
    #[serde(deserialize_with = "query_trade")]
    Trade { trade_id: u64 },
    #[returns(ListTradesResponse)]
    #[serde(deserialize_with = "query_trades_by_status")]
    TradesByStatus {
        status: TradeStatus,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(ListShipmentUpdatesResponse)]
    #[serde(deserialize_with = "query_shipment_updates")]
    ShipmentUpdates {
        trade_id: u64,
        start_after: Option<u32>,
        limit: Option<u32>,
    },
    #[returns(TreatyResponse)]
    #[serde(deserialize_with = "query_treaty")]
    Treaty { treaty_id: u64 },
    #[returns(ListTreatiesResponse)]
    #[serde(deserialize_with = "query_list_treaties")]
    ListTreaties {
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(PanelResponse)]
    #[serde(deserialize_with = "query_panel")]
    Panel { panel_id: u64 },
    #[returns(ListPanelsResponse)]
    #[serde(deserialize_with = "query_list_panels")]
    ListPanels {
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(ListNotesResponse)]
    #[serde(deserialize_with = "query_list_notes")]
    ListNotes {
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(dac_common::admin::AdminState)]
    #[serde(deserialize_with = "empty")]
    Admin {},
}

#[cw_serde]
pub struct MigrateMsg {}

#[cw_serde]
pub struct ConfigResponse {
    pub token: Addr,
    pub housing_registry: Option<Addr>,
    pub escrow: Option<Addr>,
    pub default_timeout_seconds: u64,
}

#[cw_serde]
pub struct RemoteNode {
    pub name: String,
    pub connection_id: String,
    /// The other relay's port, `wasm.<address>`.
    pub counterparty_port: String,
}

#[cw_serde]
pub struct NodeResponse {
    pub node: RemoteNode,
    /// Shares of our holdings its vouchers stand for, and our token they are worth now.
    pub held_units: Uint128,
    pub held_value: Uint128,
    /// Vouchers of its token outstanding here.
    pub voucher_supply: Uint128,
}

#[cw_serde]
pub struct ListNodesResponse {
    pub nodes: Vec<RemoteNode>,
}

#[cw_serde]
pub struct ChannelInfo {
    pub channel_id: String,
    pub connection_id: String,
    pub counterparty_port: String,
    pub counterparty_channel: String,
    /// The recognized node this channel led to when it opened.
    pub node: String,
    pub open: bool,
}

#[cw_serde]
pub struct ChannelResponse {
    pub channel: ChannelInfo,
}

#[cw_serde]
pub struct ListChannelsResponse {
    pub channels: Vec<ChannelInfo>,
}

#[cw_serde]
pub struct PendingPacket {
    pub id: u64,
    pub channel_id: String,
    pub node: String,
    pub timeout: Timestamp,
    pub body: crate::packet::RelayPacket,
}

#[cw_serde]
pub struct ListPendingResponse {
    pub packets: Vec<PendingPacket>,
}

#[cw_serde]
pub struct HeldFor {
    pub node: String,
    pub units: Uint128,
    pub value: Uint128,
}

#[cw_serde]
pub struct HoldingsResponse {
    /// Our token balance as decayed now: everything below is a share of it.
    pub balance: Uint128,
    pub total_units: Uint128,
    /// Units of packets still in flight (refunded or moved to a node when they resolve).
    pub in_flight_units: Uint128,
    pub nodes: Vec<HeldFor>,
}

#[cw_serde]
pub struct VoucherResponse {
    pub node: String,
    pub holder: String,
    pub shares: Uint128,
}

#[cw_serde]
pub struct ListVouchersResponse {
    pub vouchers: Vec<VoucherResponse>,
    pub supply: Uint128,
}

#[cw_serde]
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

#[cw_serde]
pub struct TradeResponse {
    pub trade: Trade,
}

#[cw_serde]
pub struct ListTradesResponse {
    pub trades: Vec<Trade>,
}

#[cw_serde]
pub struct ShipmentRecord {
    pub seq: u32,
    pub update: ShipmentUpdate,
    pub at: Timestamp,
}

#[cw_serde]
pub struct ListShipmentUpdatesResponse {
    pub updates: Vec<ShipmentRecord>,
}

#[cw_serde]
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

#[cw_serde]
pub struct TreatyResponse {
    pub treaty: Treaty,
}

#[cw_serde]
pub struct ListTreatiesResponse {
    pub treaties: Vec<Treaty>,
}

#[cw_serde]
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

#[cw_serde]
pub struct PanelResponse {
    pub panel: Panel,
}

#[cw_serde]
pub struct ListPanelsResponse {
    pub panels: Vec<Panel>,
}

#[cw_serde]
pub struct Note {
    pub id: u64,
    pub node: String,
    pub subject: String,
    pub body: String,
    pub status: NoteStatus,
    pub at: Timestamp,
}

#[cw_serde]
pub struct ListNotesResponse {
    pub notes: Vec<Note>,
}

// Lean deserializers of the struct variants above (`dac_common::de`: less wasm, same JSON).
dac_common::variant_fields! {
    price_tokens: Price::Tokens { amount: Uint128, payer: String },
    price_goods: Price::Goods { goods: String, containers: u32 },
    shipment_update_departed: ShipmentUpdate::Departed { eta: Timestamp },
    shipment_update_position: ShipmentUpdate::Position { note: String },
    shipment_update_delayed: ShipmentUpdate::Delayed { new_eta: Timestamp, reason: String },
    receive_booking_refund: ReceiveMsg::BookingRefund {
        booking_id: u64,
        home_id: u64,
        start_day: u64,
    },
    execute_cancel_guest_booking: ExecuteMsg::CancelGuestBooking {
        channel_id: String,
        booking_id: u64,
        timeout_seconds: Option<u64>,
    },
    receive_transfer: ReceiveMsg::Transfer {
        channel_id: String,
        receiver: String,
        timeout_seconds: Option<u64>,
    },
    execute_transfer_vouchers: ExecuteMsg::TransferVouchers {
        node: String,
        recipient: String,
        shares: Uint128,
    },
    execute_return_vouchers: ExecuteMsg::ReturnVouchers {
        channel_id: String,
        receiver: String,
        shares: Uint128,
        timeout_seconds: Option<u64>,
    },
    execute_book_guest: ExecuteMsg::BookGuest {
        channel_id: String,
        home_id: u64,
        guest: String,
        start_day: u64,
        end_day: u64,
        shares: Uint128,
        timeout_seconds: Option<u64>,
    },
    execute_offer_trade: ExecuteMsg::OfferTrade {
        channel_id: String,
        counterparty: String,
        role: TradeRole,
        goods: String,
        containers: u32,
        price: Price,
        delivery_window: DeliveryWindow,
        timeout_seconds: Option<u64>,
    },
    execute_answer_trade: ExecuteMsg::AnswerTrade {
        trade_id: u64,
        accept: bool,
        reason: Option<String>,
        timeout_seconds: Option<u64>,
    },
    execute_attach_escrow: ExecuteMsg::AttachEscrow { trade_id: u64, deal_id: u64 },
    execute_report_shipment: ExecuteMsg::ReportShipment {
        trade_id: u64,
        update: ShipmentUpdate,
        timeout_seconds: Option<u64>,
    },
    execute_confirm_delivery: ExecuteMsg::ConfirmDelivery {
        trade_id: u64,
        timeout_seconds: Option<u64>,
    },
    execute_propose_treaty: ExecuteMsg::ProposeTreaty {
        channel_id: String,
        kind: TreatyKind,
        title: String,
        terms: String,
        timeout_seconds: Option<u64>,
    },
    execute_ratify_treaty: ExecuteMsg::RatifyTreaty {
        treaty_id: u64,
        timeout_seconds: Option<u64>,
    },
    execute_send_note: ExecuteMsg::SendNote {
        channel_id: String,
        subject: String,
        body: String,
        timeout_seconds: Option<u64>,
    },
    execute_propose_panel: ExecuteMsg::ProposePanel {
        channel_id: String,
        subject: String,
        members: Vec<String>,
        timeout_seconds: Option<u64>,
    },
    execute_submit_panel_half: ExecuteMsg::SubmitPanelHalf {
        panel_id: u64,
        members: Vec<String>,
        timeout_seconds: Option<u64>,
    },
    execute_recognize_node: ExecuteMsg::RecognizeNode {
        name: String,
        connection_id: String,
        counterparty_port: String,
    },
    execute_forget_node: ExecuteMsg::ForgetNode { name: String },
    execute_update_config: ExecuteMsg::UpdateConfig {
        housing_registry: Option<String>,
        escrow: Option<String>,
        default_timeout_seconds: Option<u64>,
    },
    execute_close_channel: ExecuteMsg::CloseChannel { channel_id: String },
    execute_propose_admin: ExecuteMsg::ProposeAdmin { admin: Option<String> },
    execute_apply_packet: ExecuteMsg::ApplyPacket { channel_id: String, data: Binary },
    query_node: QueryMsg::Node { name: String },
    query_list_nodes: QueryMsg::ListNodes { start_after: Option<String>, limit: Option<u32> },
    query_channel: QueryMsg::Channel { channel_id: String },
    query_list_channels: QueryMsg::ListChannels { start_after: Option<String>, limit: Option<u32> },
    query_pending_packets: QueryMsg::PendingPackets {
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    query_transfers_in_flight: QueryMsg::TransfersInFlight {
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    query_holdings: QueryMsg::Holdings { start_after: Option<String>, limit: Option<u32> },
    query_voucher: QueryMsg::Voucher { node: String, holder: String },
    query_list_vouchers: QueryMsg::ListVouchers {
        node: String,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    query_trade: QueryMsg::Trade { trade_id: u64 },
    query_trades_by_status: QueryMsg::TradesByStatus {
        status: TradeStatus,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    query_shipment_updates: QueryMsg::ShipmentUpdates {
        trade_id: u64,
        start_after: Option<u32>,
        limit: Option<u32>,
    },
    query_treaty: QueryMsg::Treaty { treaty_id: u64 },
    query_list_treaties: QueryMsg::ListTreaties { start_after: Option<u64>, limit: Option<u32> },
    query_panel: QueryMsg::Panel { panel_id: u64 },
    query_list_panels: QueryMsg::ListPanels { start_after: Option<u64>, limit: Option<u32> },
    query_list_notes: QueryMsg::ListNotes { start_after: Option<u64>, limit: Option<u32> },
}
