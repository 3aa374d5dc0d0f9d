//! Messages of the demurrage token. Every `cw20::Cw20ExecuteMsg` / `Cw20QueryMsg` variant that
//! applies to a fixed supply has the same name and fields here, so cw20 wallets and contracts
//! work unchanged; the extra variants cover demurrage, basic income and governance.

use cosmwasm_schema::QueryResponses;
use cosmwasm_std::{Binary, Decimal, Timestamp, Uint128, Uint256};
use cw20::{Cw20Coin, Expiration, Logo};
use dac_common::dac_serde;
// Named only by `#[returns]`, which the wasm build does not expand.
#[cfg(not(target_arch = "wasm32"))]
use cw20::{
    AllAccountsResponse, AllAllowancesResponse, AllSpenderAllowancesResponse, AllowanceResponse,
    BalanceResponse, DownloadLogoResponse, MarketingInfoResponse, MinterResponse,
    TokenInfoResponse,
};
// cw20-base's marketing block, declared here with the same fields and JSON (so the lean reader
// reads it); a plain comment keeps the schema as cw20-base's.
#[dac_serde]
pub struct InstantiateMarketingInfo {
    pub project: Option<String>,
    pub description: Option<String>,
    pub marketing: Option<String>,
    pub logo: Option<Logo>,
}

/// How fast held balances decay: `rate` of a balance is lost per `period_seconds`.
#[dac_serde]
pub struct DemurrageParams {
    pub rate: Decimal,
    pub period_seconds: u64,
}

#[dac_serde]
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

#[dac_serde]
pub enum ExecuteMsg {
    // ---- cw20 ----
    /// Moves `amount` from the sender to `recipient`.
    Transfer {
        recipient: String,
        amount: Uint128,
    },
    /// Destroys `amount` of the sender's tokens, lowering the total supply.
    Burn {
        amount: Uint128,
    },
    /// Moves `amount` to a contract and calls it with `Cw20ReceiveMsg`.
    Send {
        contract: String,
        amount: Uint128,
        msg: Binary,
    },
    IncreaseAllowance {
        spender: String,
        amount: Uint128,
        expires: Option<Expiration>,
    },
    DecreaseAllowance {
        spender: String,
        amount: Uint128,
        expires: Option<Expiration>,
    },
    TransferFrom {
        owner: String,
        recipient: String,
        amount: Uint128,
    },
    SendFrom {
        owner: String,
        contract: String,
        amount: Uint128,
        msg: Binary,
    },
    BurnFrom {
        owner: String,
        amount: Uint128,
    },
    UpdateMarketing {
        project: Option<String>,
        description: Option<String>,
        marketing: Option<String>,
    },
    UploadLogo(Logo),

    // ---- holder comfort: a fixed amount can never empty a decaying balance ----
    /// Moves the sender's whole balance, as decayed at this block.
    TransferAll {
        recipient: String,
    },
    /// Sends the sender's whole balance, as decayed at this block, to a contract.
    SendAll {
        contract: String,
        msg: Binary,
    },

    // ---- demurrage and basic income ----
    /// Brings the commons pool to this block: what decayed since its last update is credited to
    /// the members as income now. Anyone may call it. Balances never need settling; the
    /// addresses (at most `MAX_SETTLE`) are only checked.
    Settle {
        addresses: Vec<String>,
    },
    /// Pays the sender's claimable basic income from the commons pool.
    ClaimIncome {},
    /// Membership authority only: who receives basic income (at most `MAX_MEMBER_UPDATE` in all).
    UpdateMembers {
        add: Vec<String>,
        remove: Vec<String>,
    },

    // ---- governance (admin only) ----
    /// A new rate and period apply from this block on, never backwards.
    UpdateDemurrage(DemurrageParams),
    UpdateIncomeWindow {
        periods: u64,
    },
    UpdateMembershipAuthority {
        authority: String,
    },
    /// First step of an admin transfer; `None` cancels a pending one.
    ProposeAdmin {
        admin: Option<String>,
    },
    /// Second step: the proposed admin takes over.
    AcceptAdmin {},
}

#[dac_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    // ---- cw20 ----
    /// The balance as decayed at this block.
    #[returns(BalanceResponse)]
    Balance { address: String },
    #[returns(TokenInfoResponse)]
    TokenInfo {},
    /// Always `null`, as for a fixed-supply cw20-base token: nobody can raise the total supply
    /// (basic income is paid out of the commons pool, which the supply already counts).
    #[returns(Option<MinterResponse>)]
    Minter {},
    #[returns(AllowanceResponse)]
    Allowance { owner: String, spender: String },
    #[returns(AllAllowancesResponse)]
    AllAllowances {
        owner: String,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(AllSpenderAllowancesResponse)]
    AllSpenderAllowances {
        spender: String,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(AllAccountsResponse)]
    AllAccounts {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(MarketingInfoResponse)]
    MarketingInfo {},
    #[returns(DownloadLogoResponse)]
    DownloadLogo {},

    // ---- beyond cw20 ----
    #[returns(DemurrageResponse)]
    Demurrage {},
    #[returns(CommonsPoolResponse)]
    CommonsPool {},
    /// What `ClaimIncome` would pay this address at this block.
    #[returns(ClaimableResponse)]
    Claimable { address: String },
    /// The balance this address will have at `at` if it sends and receives nothing (at or
    /// after now).
    #[returns(ProjectedBalanceResponse)]
    ProjectedBalance { address: String, at: Timestamp },
    /// The account's shares and what they are worth now.
    #[returns(AccountResponse)]
    Account { address: String },
    #[returns(MemberResponse)]
    Member { address: String },
    #[returns(ListMembersResponse)]
    ListMembers {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(GovernanceResponse)]
    Governance {},
}

#[dac_serde]
pub struct MigrateMsg {}

#[dac_serde]
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

#[dac_serde]
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

#[dac_serde]
pub struct ClaimableResponse {
    pub is_member: bool,
    pub amount: Uint128,
}

#[dac_serde]
pub struct ProjectedBalanceResponse {
    pub balance: Uint128,
    pub at: Timestamp,
}

#[dac_serde]
pub struct AccountResponse {
    /// The account's base shares: its balance is `⌊shares · index / (index_scale · 10^9)⌋`
    /// (`index`, `index_scale` from the `demurrage` query). They change only when tokens move.
    pub shares: Uint256,
    /// What `Balance` answers now.
    pub balance: Uint128,
}

#[dac_serde]
pub struct MemberResponse {
    pub is_member: bool,
}

#[dac_serde]
pub struct ListMembersResponse {
    pub members: Vec<String>,
}

#[dac_serde]
pub struct GovernanceResponse {
    pub admin: String,
    pub pending_admin: Option<String>,
    pub membership_authority: String,
}
