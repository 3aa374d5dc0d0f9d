//! Messages of the demurrage token. Every `cw20::Cw20ExecuteMsg` / `Cw20QueryMsg` variant that
//! applies to a fixed supply has the same name and fields here, so cw20 wallets and contracts
//! work unchanged; the extra variants cover demurrage, basic income and governance.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Binary, Decimal, Timestamp, Uint128, Uint256};
use cw20::{Cw20Coin, Expiration, Logo};
// Named only by `#[returns]`, which the wasm build does not expand.
#[cfg(not(target_arch = "wasm32"))]
use cw20::{
    AllAccountsResponse, AllAllowancesResponse, AllSpenderAllowancesResponse, AllowanceResponse,
    BalanceResponse, DownloadLogoResponse, MarketingInfoResponse, TokenInfoResponse,
};
/// The same marketing block as cw20-base's instantiate message.
pub use cw20_base::msg::InstantiateMarketingInfo;
use dac_common::de::empty;

/// How fast held balances decay: `rate` of a balance is lost per `period_seconds`.
#[cw_serde]
pub struct DemurrageParams {
    pub rate: Decimal,
    pub period_seconds: u64,
}

#[cw_serde]
pub struct InstantiateMsg {
    pub name: String,
    pub symbol: String,
    pub decimals: u8,
    /// Balances created at genesis; there is never a mint afterwards.
    pub initial_balances: Vec<Cw20Coin>,
    /// Created at genesis in the commons pool; it is paid out as basic income over time.
    pub commons_pool: Uint128,
    pub demurrage: DemurrageParams,
    /// Unclaimed basic income older than this many periods can no longer be claimed.
    pub income_window_periods: u64,
    /// Defaults to the sender. Changes demurrage parameters and the membership authority.
    pub admin: Option<String>,
    /// Adds and removes basic-income members. Defaults to the admin.
    pub membership_authority: Option<String>,
    /// Members from the first block (e.g. the founders).
    #[serde(default)]
    pub initial_members: Vec<String>,
    pub marketing: Option<InstantiateMarketingInfo>,
}

#[cw_serde]
pub enum ExecuteMsg {
    // ---- cw20 ----
    /// Moves `amount` from the sender to `recipient`.
    #[serde(deserialize_with = "execute_transfer")]
    Transfer {
        recipient: String,
        amount: Uint128,
    },
    /// Destroys `amount` of the sender's tokens, lowering the total supply.
    #[serde(deserialize_with = "execute_burn")]
    Burn {
        amount: Uint128,
    },
    /// Moves `amount` to a contract and calls it with `Cw20ReceiveMsg`.
    #[serde(deserialize_with = "execute_send")]
    Send {
        contract: String,
        amount: Uint128,
        msg: Binary,
    },
    #[serde(deserialize_with = "execute_increase_allowance")]
    IncreaseAllowance {
        spender: String,
        amount: Uint128,
        expires: Option<Expiration>,
    },
    #[serde(deserialize_with = "execute_decrease_allowance")]
    DecreaseAllowance {
        spender: String,
        amount: Uint128,
        expires: Option<Expiration>,
    },
    #[serde(deserialize_with = "execute_transfer_from")]
    TransferFrom {
        owner: String,
        recipient: String,
        amount: Uint128,
    },
    #[serde(deserialize_with = "execute_send_from")]
    SendFrom {
        owner: String,
        contract: String,
        amount: Uint128,
        msg: Binary,
    },
    #[serde(deserialize_with = "execute_burn_from")]
    BurnFrom {
        owner: String,
        amount: Uint128,
    },
    #[serde(deserialize_with = "execute_update_marketing")]
    UpdateMarketing {
        project: Option<String>,
        description: Option<String>,
        marketing: Option<String>,
    },
    UploadLogo(Logo),

    // ---- holder comfort: a fixed amount can never empty a decaying balance ----
    /// Moves the sender's whole balance, as decayed at this block.
    #[serde(deserialize_with = "execute_transfer_all")]
    TransferAll {
        recipient: String,
    },
    /// Sends the sender's whole balance, as decayed at this block, to a contract.
    #[serde(deserialize_with = "execute_send_all")]
    SendAll {
        contract: String,
        msg: Binary,
    },

    // ---- demurrage and basic income ----
    /// Brings the commons pool to this block: what decayed since its last update is credited to
    /// the members as income now. Anyone may call it. Balances never need settling; the
    /// addresses (at most `MAX_SETTLE`) are only checked.
    #[serde(deserialize_with = "execute_settle")]
    Settle {
        addresses: Vec<String>,
    },
    /// Pays the sender's claimable basic income from the commons pool.
    #[serde(deserialize_with = "empty")]
    ClaimIncome {},
    /// Membership authority only: who receives basic income (at most `MAX_MEMBER_UPDATE` in all).
    #[serde(deserialize_with = "execute_update_members")]
    UpdateMembers {
        add: Vec<String>,
        remove: Vec<String>,
    },

    // ---- governance (admin only) ----
    /// A new rate and period apply from this block on, never backwards.
    UpdateDemurrage(DemurrageParams),
    #[serde(deserialize_with = "execute_update_income_window")]
    UpdateIncomeWindow {
        periods: u64,
    },
    #[serde(deserialize_with = "execute_update_membership_authority")]
    UpdateMembershipAuthority {
        authority: String,
    },
    /// First step of an admin transfer; `None` cancels a pending one.
    #[serde(deserialize_with = "execute_propose_admin")]
    ProposeAdmin {
        admin: Option<String>,
    },
    /// Second step: the proposed admin takes over.
    #[serde(deserialize_with = "empty")]
    AcceptAdmin {},
}

#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    // ---- cw20 ----
    /// The balance as decayed at this block.
    #[returns(BalanceResponse)]
    #[serde(deserialize_with = "query_balance")]
    Balance { address: String },
    #[returns(TokenInfoResponse)]
    #[serde(deserialize_with = "empty")]
    TokenInfo {},
    #[returns(AllowanceResponse)]
    #[serde(deserialize_with = "query_allowance")]
    Allowance { owner: String, spender: String },
    #[returns(AllAllowancesResponse)]
    #[serde(deserialize_with = "query_all_allowances")]
    AllAllowances {
        owner: String,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(AllSpenderAllowancesResponse)]
    #[serde(deserialize_with = "query_all_spender_allowances")]
    AllSpenderAllowances {
        spender: String,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(AllAccountsResponse)]
    #[serde(deserialize_with = "query_all_accounts")]
    AllAccounts {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(MarketingInfoResponse)]
    #[serde(deserialize_with = "empty")]
    MarketingInfo {},
    #[returns(DownloadLogoResponse)]
    #[serde(deserialize_with = "empty")]
    DownloadLogo {},

    // ---- beyond cw20 ----
    #[returns(DemurrageResponse)]
    #[serde(deserialize_with = "empty")]
    Demurrage {},
    #[returns(CommonsPoolResponse)]
    #[serde(deserialize_with = "empty")]
    CommonsPool {},
    /// What `ClaimIncome` would pay this address at this block.
    #[returns(ClaimableResponse)]
    #[serde(deserialize_with = "query_claimable")]
    Claimable { address: String },
    /// The balance this address will have at `at` if it sends and receives nothing (at or
    /// after now).
    #[returns(ProjectedBalanceResponse)]
    #[serde(deserialize_with = "query_projected_balance")]
    ProjectedBalance { address: String, at: Timestamp },
    /// The account's shares and what they are worth now.
    #[returns(AccountResponse)]
    #[serde(deserialize_with = "query_account")]
    Account { address: String },
    #[returns(MemberResponse)]
    #[serde(deserialize_with = "query_member")]
    Member { address: String },
    #[returns(ListMembersResponse)]
    #[serde(deserialize_with = "query_list_members")]
    ListMembers {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(GovernanceResponse)]
    #[serde(deserialize_with = "empty")]
    Governance {},
}

#[cw_serde]
pub struct MigrateMsg {}

#[cw_serde]
pub struct DemurrageResponse {
    pub rate: Decimal,
    pub period_seconds: u64,
    /// The hard ceiling on the yearly rate (rate × periods per year).
    pub max_yearly_rate: Decimal,
    /// The global decay index now, scaled by `index_scale` (1 at genesis).
    pub index: Uint256,
    pub index_scale: Uint256,
    /// When the current rate took effect, and the index at that moment.
    pub checkpoint_time: Timestamp,
    pub checkpoint_index: Uint256,
    pub income_window_periods: u64,
}

#[cw_serde]
pub struct CommonsPoolResponse {
    /// Tokens held by the commons pool: everything that decayed, plus the genesis endowment,
    /// less income paid.
    pub pool: Uint128,
    /// Part of the pool already credited to members as income but not yet claimed (an upper
    /// bound: credit older than the income window is forfeited when its member next claims).
    pub owed_to_members: Uint128,
    /// What the holders own together, `⌊total_shares · index / (index_scale · 10^9)⌋`:
    /// `stored_balances + pool == total_supply` exactly, and the sum of the balances (each
    /// rounded down) is below it by less than one unit per holder.
    pub stored_balances: Uint128,
    pub total_supply: Uint128,
    /// Σ of every account's shares, exactly.
    pub total_shares: Uint256,
    pub members: u64,
    /// Everything ever paid out as basic income.
    pub income_paid_total: Uint128,
}

#[cw_serde]
pub struct ClaimableResponse {
    pub is_member: bool,
    pub amount: Uint128,
}

#[cw_serde]
pub struct ProjectedBalanceResponse {
    pub balance: Uint128,
    pub at: Timestamp,
}

#[cw_serde]
pub struct AccountResponse {
    /// The account's base shares: its balance is `⌊shares · index / (index_scale · 10^9)⌋`
    /// (`index`, `index_scale` from the `demurrage` query). They change only when tokens move.
    pub shares: Uint256,
    /// What `Balance` answers now.
    pub balance: Uint128,
}

#[cw_serde]
pub struct MemberResponse {
    pub is_member: bool,
}

#[cw_serde]
pub struct ListMembersResponse {
    pub members: Vec<String>,
}

#[cw_serde]
pub struct GovernanceResponse {
    pub admin: String,
    pub pending_admin: Option<String>,
    pub membership_authority: String,
}

// Lean deserializers of the struct variants above (`dac_common::de`: less wasm, same JSON).
dac_common::variant_fields! {
    execute_transfer: ExecuteMsg::Transfer { recipient: String, amount: Uint128 },
    execute_burn: ExecuteMsg::Burn { amount: Uint128 },
    execute_send: ExecuteMsg::Send { contract: String, amount: Uint128, msg: Binary },
    execute_increase_allowance: ExecuteMsg::IncreaseAllowance {
        spender: String,
        amount: Uint128,
        expires: Option<Expiration>,
    },
    execute_decrease_allowance: ExecuteMsg::DecreaseAllowance {
        spender: String,
        amount: Uint128,
        expires: Option<Expiration>,
    },
    execute_transfer_from: ExecuteMsg::TransferFrom {
        owner: String,
        recipient: String,
        amount: Uint128,
    },
    execute_send_from: ExecuteMsg::SendFrom {
        owner: String,
        contract: String,
        amount: Uint128,
        msg: Binary,
    },
    execute_burn_from: ExecuteMsg::BurnFrom { owner: String, amount: Uint128 },
    execute_update_marketing: ExecuteMsg::UpdateMarketing {
        project: Option<String>,
        description: Option<String>,
        marketing: Option<String>,
    },
    execute_transfer_all: ExecuteMsg::TransferAll { recipient: String },
    execute_send_all: ExecuteMsg::SendAll { contract: String, msg: Binary },
    execute_settle: ExecuteMsg::Settle { addresses: Vec<String> },
    execute_update_members: ExecuteMsg::UpdateMembers { add: Vec<String>, remove: Vec<String> },
    execute_update_income_window: ExecuteMsg::UpdateIncomeWindow { periods: u64 },
    execute_update_membership_authority: ExecuteMsg::UpdateMembershipAuthority {
        authority: String,
    },
    execute_propose_admin: ExecuteMsg::ProposeAdmin { admin: Option<String> },
    query_balance: QueryMsg::Balance { address: String },
    query_allowance: QueryMsg::Allowance { owner: String, spender: String },
    query_all_allowances: QueryMsg::AllAllowances {
        owner: String,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    query_all_spender_allowances: QueryMsg::AllSpenderAllowances {
        spender: String,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    query_all_accounts: QueryMsg::AllAccounts { start_after: Option<String>, limit: Option<u32> },
    query_claimable: QueryMsg::Claimable { address: String },
    query_projected_balance: QueryMsg::ProjectedBalance { address: String, at: Timestamp },
    query_account: QueryMsg::Account { address: String },
    query_member: QueryMsg::Member { address: String },
    query_list_members: QueryMsg::ListMembers { start_after: Option<String>, limit: Option<u32> },
}
