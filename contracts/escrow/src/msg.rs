//! Messages of the three-signature escrow.

use cosmwasm_schema::QueryResponses;
use cosmwasm_std::{Decimal, Timestamp, Uint128, Uint256};
use cw20::Cw20ReceiveMsg;
use dac_common::dac_serde;

use crate::state::{ArbitratorRecord, Deal};

#[dac_serde]
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
#[dac_serde]
pub struct Milestone {
    pub amount: Uint128,
    pub due: Timestamp,
}

/// A pool member other than the proposer and the counterparty, and the stake it must deposit.
#[dac_serde]
pub struct PoolMemberTerms {
    pub address: String,
    pub stake: Uint128,
}

/// What a deal is, as proposed. Roles: for forward, service, trade shipment and information
/// sale the proposer is the buyer and the counterparty the seller; for a loan the proposer lends (stake = principal)
/// and the counterparty borrows (stake = collateral); for insurance the proposer is insured
/// (stake = premium) and the counterparty insures (stake = cover); a pool pays everything held
/// pro rata to the members' stakes at `due`.
#[dac_serde]
pub enum DealKindMsg {
    /// The seller delivers by `due`; settled when the buyer confirms, or when the seller
    /// claimed delivery and the buyer neither confirmed nor disputed by `due + grace`.
    Forward {},
    /// The principal goes to the borrower when the deal becomes active; repaying
    /// `principal + interest` by `due` returns the collateral, otherwise it goes to the lender.
    Loan {
        #[serde(default)]
        interest: Uint128,
    },
    /// Milestones (at most `MAX_MILESTONES`, dues increasing, the last equal to `due`) whose
    /// amounts add up to the proposer's stake; each settles like a forward.
    Service { milestones: Vec<Milestone> },
    /// The insured claims a loss by `due`; the claim pays the cover to the insured when the
    /// insurer confirms it, the arbitrator upholds it, or the insurer stays silent past the grace.
    Insurance {},
    /// Members (besides proposer and counterparty, at most `MAX_POOL_MEMBERS` in all) each sign
    /// with their stake; anyone may `Contribute` while active; at `due` all of it is paid pro rata.
    Pool { members: Vec<PoolMemberTerms> },
    /// Settled to the seller when `attestor` (the node's IBC relay contract) sends
    /// `AttestDelivery` or the buyer confirms; no receipt by `due + grace` refunds the buyer.
    TradeShipment { attestor: String },
    /// The seller delivers by revealing (`Confirm` with the preimage), by `due`, the preimage of
    /// `commitment` (64 hex characters: the sha256 of the information as text, or of a key to
    /// it published off chain); the buyer may dispute until `due + grace` (the arbitrator judges
    /// whether it is what the description promised), after which the payment goes to the
    /// seller. No reveal by `due` refunds the buyer, as a forward's default does. Once
    /// revealed, the preimage is public.
    InformationSale { commitment: String },
}

#[dac_serde]
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
#[dac_serde]
pub enum Ruling {
    Performed {},
    NotPerformed {},
    /// The proposer gets `proposer_share` (rounded down) of the parties' holdings, the
    /// counterparty the rest.
    Split {
        proposer_share: Decimal,
    },
}

/// Hook carried by a cw20 `Send` of the demurrage token. The cw20 sender is the depositor.
#[dac_serde]
pub enum ReceiveMsg {
    /// Proposes a deal; the sent amount is the proposer's stake.
    Propose(ProposeMsg),
    /// The counterparty or a pool member signs with its stake.
    Sign { deal_id: u64 },
    /// The arbitrator signs by posting its collateral.
    PostCollateral { deal_id: u64 },
    /// The borrower repays a loan.
    Repay { deal_id: u64 },
    /// Anyone adds to an active pool.
    Contribute { deal_id: u64 },
}

#[dac_serde]
pub enum ExecuteMsg {
    /// Deposits in the configured demurrage token (see `ReceiveMsg`).
    Receive(Cw20ReceiveMsg),
    /// Proposes a deal held in the one native coin attached.
    Propose(ProposeMsg),
    /// The counterparty or a pool member signs; its stake (if any) is attached in the deal's
    /// native coin. For token deals use `Receive`, or this with no funds when the stake is zero.
    Sign {
        deal_id: u64,
    },
    /// The arbitrator signs, attaching its collateral in the deal's native coin.
    PostCollateral {
        deal_id: u64,
    },
    /// The borrower repays a native-coin loan.
    Repay {
        deal_id: u64,
    },
    /// Anyone adds native coins to an active pool.
    Contribute {
        deal_id: u64,
    },
    /// Before every signature is in, the proposer calls the deal off; everyone is refunded.
    Withdraw {
        deal_id: u64,
    },
    /// The buyer accepts the current delivery (releasing it), the seller claims it delivered;
    /// the insured claims a loss, the insurer accepts the claim. The seller of an information
    /// sale delivers by revealing, once and by `due`, the `preimage`: text (at most
    /// `MAX_PREIMAGE` bytes, not blank) whose UTF-8 bytes' sha256 is the deal's commitment. It
    /// is kept on the deal (the `deal` query) and emitted as the `preimage` attribute. No other
    /// confirmation takes one.
    Confirm {
        deal_id: u64,
        #[serde(default)]
        preimage: Option<String>,
    },
    /// A party disputes an active deal; the arbitrator must rule within `ruling_seconds`.
    Dispute {
        deal_id: u64,
        reason: String,
    },
    /// The arbitrator decides a dispute.
    Rule {
        deal_id: u64,
        ruling: Ruling,
    },
    /// A party appeals a ruling, once, to a council-drawn panel.
    Appeal {
        deal_id: u64,
    },
    /// The council, after its panel decides an appeal or a dispute whose arbitrator timed out.
    /// `panel_by`, when given, names the panel stage ruled on (the deal's `panel_by` when the
    /// panel was drawn): a panel drawn for an earlier dispute of the same deal is refused.
    PanelRuling {
        deal_id: u64,
        ruling: Ruling,
        #[serde(default)]
        panel_by: Option<Timestamp>,
    },
    /// The trade shipment's attestor (the IBC relay) reports the delivery receipt.
    AttestDelivery {
        deal_id: u64,
    },
    /// Anyone: moves an overdue deal on (expiry, default, silence, timeouts).
    Advance {
        deal_id: u64,
    },
    /// Admin: set or remove the council.
    SetCouncil {
        council: Option<String>,
    },
    /// Admin: how long panels have, for deals proposed from now on.
    SetPanelSeconds {
        seconds: u64,
    },
    ProposeAdmin {
        admin: Option<String>,
    },
    AcceptAdmin {},
}

/// Deal status, as used to list deals.
#[dac_serde]
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

#[dac_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    #[returns(ConfigResponse)]
    Config {},
    #[returns(DealResponse)]
    Deal { deal_id: u64 },
    #[returns(DealsResponse)]
    ListDeals {
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(DealsResponse)]
    DealsByStatus {
        status: StatusKey,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    /// Deals where `address` is proposer, counterparty, pool member or arbitrator.
    #[returns(DealsResponse)]
    DealsByParty {
        address: String,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(ArbitratorResponse)]
    Arbitrator { address: String },
    #[returns(ArbitratorsResponse)]
    ListArbitrators {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    /// The share accounting of the escrow's token balance.
    #[returns(VaultResponse)]
    Vault {},
}

#[dac_serde]
pub struct MigrateMsg {}

#[dac_serde]
pub struct ConfigResponse {
    pub token: String,
    pub council: Option<String>,
    pub panel_seconds: u64,
    pub admin: String,
    pub pending_admin: Option<String>,
}

/// What one depositor's pot in a deal is worth now.
#[dac_serde]
pub struct HoldingResponse {
    pub address: String,
    pub role: String,
    /// Vault shares (token deals) or plain amount (native deals).
    pub units: Uint256,
    pub value: Uint128,
}

#[dac_serde]
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

#[dac_serde]
pub struct DealsResponse {
    pub deals: Vec<DealResponse>,
}

#[dac_serde]
pub struct ArbitratorResponse {
    pub address: String,
    pub record: ArbitratorRecord,
}

#[dac_serde]
pub struct ArbitratorsResponse {
    pub arbitrators: Vec<ArbitratorResponse>,
}

#[dac_serde]
pub struct VaultResponse {
    pub token: String,
    pub token_balance: Uint128,
    pub total_shares: Uint256,
}
