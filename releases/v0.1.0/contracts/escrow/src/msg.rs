//! Messages of the three-signature escrow.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Decimal, Timestamp, Uint128, Uint256};
use cw20::Cw20ReceiveMsg;

use crate::state::{ArbitratorRecord, Deal};
use dac_common::de::empty;

#[cw_serde]
pub struct InstantiateMsg {
    /// The node's demurrage token: the only cw20 this escrow accepts. Fixed for life, because
    /// deals own shares of the escrow's balance of it.
    pub token: String,
    /// The council contract that draws appeal panels; without one, appeals are refused and a
    /// timed-out arbitrator's dispute falls back to a refund.
    pub council: Option<String>,
    /// How long a council panel has to rule on an appeal or a timed-out dispute.
    pub panel_seconds: u64,
    /// Defaults to the sender.
    pub admin: Option<String>,
}

/// One step of a service deal: `amount` of the proposer's stake is released when it is delivered.
#[cw_serde]
pub struct Milestone {
    pub amount: Uint128,
    pub due: Timestamp,
}

/// A pool member other than the proposer and the counterparty, and the stake it must deposit.
#[cw_serde]
pub struct PoolMemberTerms {
    pub address: String,
    pub stake: Uint128,
}

/// What a deal is, as proposed. Roles: for forward, service and trade shipment the proposer
/// is the buyer and the counterparty the seller; for a loan the proposer lends (stake = principal)
/// and the counterparty borrows (stake = collateral); for insurance the proposer is insured
/// (stake = premium) and the counterparty insures (stake = cover); a pool pays everything held
/// pro rata to the members' stakes at `due`.
#[cw_serde]
pub enum DealKindMsg {
    /// The seller delivers by `due`; settled when the buyer confirms, or when the seller
    /// claimed delivery and the buyer neither confirmed nor disputed by `due + grace`.
    #[serde(deserialize_with = "empty")]
    Forward {},
    /// The principal goes to the borrower when the deal becomes active; repaying
    /// `principal + interest` by `due` returns the collateral, otherwise it goes to the lender.
    Loan {
        #[serde(default)]
        interest: Uint128,
    },
    /// Milestones (at most `MAX_MILESTONES`, dues increasing, the last equal to `due`) whose
    /// amounts add up to the proposer's stake; each settles like a forward.
    #[serde(deserialize_with = "deal_kind_msg_service")]
    Service { milestones: Vec<Milestone> },
    /// The insured claims a loss by `due`; the claim pays the cover to the insured when the
    /// insurer confirms it, the arbitrator upholds it, or the insurer stays silent past the grace.
    #[serde(deserialize_with = "empty")]
    Insurance {},
    /// Members (besides proposer and counterparty, at most `MAX_POOL_MEMBERS` in all) each sign
    /// with their stake; anyone may `Contribute` while active; at `due` all of it is paid pro rata.
    #[serde(deserialize_with = "deal_kind_msg_pool")]
    Pool { members: Vec<PoolMemberTerms> },
    /// Settled to the seller when `attestor` (the node's IBC relay contract) sends
    /// `AttestDelivery` or the buyer confirms; no receipt by `due + grace` refunds the buyer.
    #[serde(deserialize_with = "deal_kind_msg_trade_shipment")]
    TradeShipment { attestor: String },
}

#[cw_serde]
pub struct ProposeMsg {
    pub counterparty: String,
    /// Must be neither party; signs by posting `arbitrator_collateral`.
    pub arbitrator: String,
    pub kind: DealKindMsg,
    /// What the counterparty deposits when it signs (may be zero, except for a loan's collateral
    /// and an insurer's cover).
    pub counterparty_stake: Uint128,
    pub arbitrator_collateral: Uint128,
    /// Every signature must be in by then, or the deal expires with a full refund.
    pub sign_by: Timestamp,
    /// Delivery, repayment, end of cover or end of the pool.
    pub due: Timestamp,
    /// After a due date, how long the other side has to confirm or dispute.
    pub grace_seconds: u64,
    /// How long the arbitrator has to rule once a dispute is raised.
    pub ruling_seconds: u64,
    /// How long a ruling may be appealed to a council panel.
    pub appeal_seconds: u64,
    /// Free text describing what is exchanged (at most `MAX_DESCRIPTION` bytes).
    pub description: String,
}

/// How a dispute is decided. `Performed` is the claim upheld (the seller delivered, the insured's
/// loss is real), `NotPerformed` the claim rejected (the seller defaulted, the loss is not
/// covered); `Split` shares everything the parties hold in the deal.
#[cw_serde]
pub enum Ruling {
    #[serde(deserialize_with = "empty")]
    Performed {},
    #[serde(deserialize_with = "empty")]
    NotPerformed {},
    /// The proposer gets `proposer_share` (rounded down) of the parties' holdings, the
    /// counterparty the rest.
    #[serde(deserialize_with = "ruling_split")]
    Split { proposer_share: Decimal },
}

/// Hook carried by a cw20 `Send` of the demurrage token. The cw20 sender is the depositor.
#[cw_serde]
pub enum ReceiveMsg {
    /// Proposes a deal; the sent amount is the proposer's stake.
    Propose(ProposeMsg),
    /// The counterparty or a pool member signs with its stake.
    #[serde(deserialize_with = "receive_sign")]
    Sign { deal_id: u64 },
    /// The arbitrator signs by posting its collateral.
    #[serde(deserialize_with = "receive_post_collateral")]
    PostCollateral { deal_id: u64 },
    /// The borrower repays a loan.
    #[serde(deserialize_with = "receive_repay")]
    Repay { deal_id: u64 },
    /// Anyone adds to an active pool.
    #[serde(deserialize_with = "receive_contribute")]
    Contribute { deal_id: u64 },
}

#[cw_serde]
pub enum ExecuteMsg {
    /// Deposits in the configured demurrage token (see `ReceiveMsg`).
    Receive(Cw20ReceiveMsg),
    /// Proposes a deal held in the one native coin attached.
    Propose(ProposeMsg),
    /// The counterparty or a pool member signs; its stake (if any) is attached in the deal's
    /// native coin. For token deals use `Receive`, or this with no funds when the stake is zero.
    #[serde(deserialize_with = "execute_sign")]
    Sign { deal_id: u64 },
    /// The arbitrator signs, attaching its collateral in the deal's native coin.
    #[serde(deserialize_with = "execute_post_collateral")]
    PostCollateral { deal_id: u64 },
    /// The borrower repays a native-coin loan.
    #[serde(deserialize_with = "execute_repay")]
    Repay { deal_id: u64 },
    /// Anyone adds native coins to an active pool.
    #[serde(deserialize_with = "execute_contribute")]
    Contribute { deal_id: u64 },
    /// Before every signature is in, the proposer calls the deal off; everyone is refunded.
    #[serde(deserialize_with = "execute_withdraw")]
    Withdraw { deal_id: u64 },
    /// The buyer accepts the current delivery (releasing it), the seller claims it delivered;
    /// the insured claims a loss, the insurer accepts the claim.
    #[serde(deserialize_with = "execute_confirm")]
    Confirm { deal_id: u64 },
    /// A party disputes an active deal; the arbitrator must rule within `ruling_seconds`.
    #[serde(deserialize_with = "execute_dispute")]
    Dispute { deal_id: u64, reason: String },
    /// The arbitrator decides a dispute.
    #[serde(deserialize_with = "execute_rule")]
    Rule { deal_id: u64, ruling: Ruling },
    /// A party appeals a ruling, once, to a council-drawn panel.
    #[serde(deserialize_with = "execute_appeal")]
    Appeal { deal_id: u64 },
    /// The council, after its panel decides an appeal or a dispute whose arbitrator timed out.
    /// `panel_by`, when given, names the panel stage ruled on (the deal's `panel_by` when the
    /// panel was drawn): a panel drawn for an earlier dispute of the same deal is refused.
    #[serde(deserialize_with = "execute_panel_ruling")]
    PanelRuling {
        deal_id: u64,
        ruling: Ruling,
        #[serde(default)]
        panel_by: Option<Timestamp>,
    },
    /// The trade shipment's attestor (the IBC relay) reports the delivery receipt.
    #[serde(deserialize_with = "execute_attest_delivery")]
    AttestDelivery { deal_id: u64 },
    /// Anyone: moves an overdue deal on (expiry, default, silence, timeouts).
    #[serde(deserialize_with = "execute_advance")]
    Advance { deal_id: u64 },
    /// Admin: set or remove the council.
    #[serde(deserialize_with = "execute_set_council")]
    SetCouncil { council: Option<String> },
    /// Admin: how long panels have, for deals proposed from now on.
    #[serde(deserialize_with = "execute_set_panel_seconds")]
    SetPanelSeconds { seconds: u64 },
    #[serde(deserialize_with = "execute_propose_admin")]
    ProposeAdmin { admin: Option<String> },
    #[serde(deserialize_with = "empty")]
    AcceptAdmin {},
}

/// Deal status, as used to list deals.
#[cw_serde]
#[derive(Copy, Eq, PartialOrd, Ord)]
pub enum StatusKey {
    Proposed,
    Active,
    Disputed,
    Ruled,
    Appealed,
    AwaitingPanel,
    Closed,
}

#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    #[returns(ConfigResponse)]
    #[serde(deserialize_with = "empty")]
    Config {},
    #[returns(DealResponse)]
    #[serde(deserialize_with = "query_deal")]
    Deal { deal_id: u64 },
    #[returns(DealsResponse)]
    #[serde(deserialize_with = "query_list_deals")]
    ListDeals {
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(DealsResponse)]
    #[serde(deserialize_with = "query_deals_by_status")]
    DealsByStatus {
        status: StatusKey,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    /// Deals where `address` is proposer, counterparty, pool member or arbitrator.
    #[returns(DealsResponse)]
    #[serde(deserialize_with = "query_deals_by_party")]
    DealsByParty {
        address: String,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(ArbitratorResponse)]
    #[serde(deserialize_with = "query_arbitrator")]
    Arbitrator { address: String },
    #[returns(ArbitratorsResponse)]
    #[serde(deserialize_with = "query_list_arbitrators")]
    ListArbitrators {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    /// The share accounting of the escrow's token balance.
    #[returns(VaultResponse)]
    #[serde(deserialize_with = "empty")]
    Vault {},
}

#[cw_serde]
pub struct MigrateMsg {}

#[cw_serde]
pub struct ConfigResponse {
    pub token: String,
    pub council: Option<String>,
    pub panel_seconds: u64,
    pub admin: String,
    pub pending_admin: Option<String>,
}

/// What one depositor's pot in a deal is worth now.
#[cw_serde]
pub struct HoldingResponse {
    pub address: String,
    pub role: String,
    /// Vault shares (token deals) or plain amount (native deals).
    pub units: Uint256,
    pub value: Uint128,
}

#[cw_serde]
pub struct DealResponse {
    pub deal: Deal,
    pub status: StatusKey,
    /// When the permissionless `Advance` can next move this deal on (none once closed).
    pub next_deadline: Option<Timestamp>,
    /// Everything held for the deal now, with demurrage (rounded down).
    pub value_held: Uint128,
    pub holdings: Vec<HoldingResponse>,
    /// While the deal is before a council panel (`appealed` or `awaiting_panel`): when the
    /// panel's time ends. It also names the panel stage: each dispute's is different.
    #[serde(default)]
    pub panel_by: Option<Timestamp>,
}

#[cw_serde]
pub struct DealsResponse {
    pub deals: Vec<DealResponse>,
}

#[cw_serde]
pub struct ArbitratorResponse {
    pub address: String,
    pub record: ArbitratorRecord,
}

#[cw_serde]
pub struct ArbitratorsResponse {
    pub arbitrators: Vec<ArbitratorResponse>,
}

#[cw_serde]
pub struct VaultResponse {
    pub token: String,
    pub token_balance: Uint128,
    pub total_shares: Uint256,
}

// Lean deserializers of the struct variants above (`dac_common::de`: less wasm, same JSON).
dac_common::variant_fields! {
    deal_kind_msg_service: DealKindMsg::Service { milestones: Vec<Milestone> },
    deal_kind_msg_pool: DealKindMsg::Pool { members: Vec<PoolMemberTerms> },
    deal_kind_msg_trade_shipment: DealKindMsg::TradeShipment { attestor: String },
    ruling_split: Ruling::Split { proposer_share: Decimal },
    receive_sign: ReceiveMsg::Sign { deal_id: u64 },
    receive_post_collateral: ReceiveMsg::PostCollateral { deal_id: u64 },
    receive_repay: ReceiveMsg::Repay { deal_id: u64 },
    receive_contribute: ReceiveMsg::Contribute { deal_id: u64 },
    execute_sign: ExecuteMsg::Sign { deal_id: u64 },
    execute_post_collateral: ExecuteMsg::PostCollateral { deal_id: u64 },
    execute_repay: ExecuteMsg::Repay { deal_id: u64 },
    execute_contribute: ExecuteMsg::Contribute { deal_id: u64 },
    execute_withdraw: ExecuteMsg::Withdraw { deal_id: u64 },
    execute_confirm: ExecuteMsg::Confirm { deal_id: u64 },
    execute_dispute: ExecuteMsg::Dispute { deal_id: u64, reason: String },
    execute_rule: ExecuteMsg::Rule { deal_id: u64, ruling: Ruling },
    execute_appeal: ExecuteMsg::Appeal { deal_id: u64 },
    execute_panel_ruling: ExecuteMsg::PanelRuling {
        deal_id: u64,
        ruling: Ruling,
        panel_by: Option<Timestamp>,
    },
    execute_attest_delivery: ExecuteMsg::AttestDelivery { deal_id: u64 },
    execute_advance: ExecuteMsg::Advance { deal_id: u64 },
    execute_set_council: ExecuteMsg::SetCouncil { council: Option<String> },
    execute_set_panel_seconds: ExecuteMsg::SetPanelSeconds { seconds: u64 },
    execute_propose_admin: ExecuteMsg::ProposeAdmin { admin: Option<String> },
    query_deal: QueryMsg::Deal { deal_id: u64 },
    query_list_deals: QueryMsg::ListDeals { start_after: Option<u64>, limit: Option<u32> },
    query_deals_by_status: QueryMsg::DealsByStatus {
        status: StatusKey,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    query_deals_by_party: QueryMsg::DealsByParty {
        address: String,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    query_arbitrator: QueryMsg::Arbitrator { address: String },
    query_list_arbitrators: QueryMsg::ListArbitrators {
        start_after: Option<String>,
        limit: Option<u32>,
    },
}
