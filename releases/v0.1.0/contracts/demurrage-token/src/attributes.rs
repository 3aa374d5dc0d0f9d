//! Event attribute keys and action names, in one place.

pub const ACTION: &str = "action";
pub const FROM: &str = "from";
pub const TO: &str = "to";
pub const OWNER: &str = "owner";
pub const SPENDER: &str = "by";
pub const AMOUNT: &str = "amount";
pub const RECIPIENT: &str = "recipient";
/// The decay the commons recorded by this message: what the balances lost since its last update.
pub const DEMURRAGE: &str = "demurrage";
pub const INCOME: &str = "income";
pub const MEMBER: &str = "member";
pub const ADDED: &str = "added";
pub const REMOVED: &str = "removed";
pub const SETTLED: &str = "settled";
pub const RATE: &str = "rate";
pub const PERIOD_SECONDS: &str = "period_seconds";
pub const PERIODS: &str = "periods";
pub const AUTHORITY: &str = "authority";
pub const ADMIN: &str = "admin";
pub const PENDING_ADMIN: &str = "pending_admin";
pub const TOTAL_SUPPLY: &str = "total_supply";
pub const COMMONS_POOL: &str = "commons_pool";

pub const TRANSFER: &str = "transfer";
pub const SEND: &str = "send";
pub const BURN: &str = "burn";
pub const TRANSFER_FROM: &str = "transfer_from";
pub const SEND_FROM: &str = "send_from";
pub const BURN_FROM: &str = "burn_from";
pub const SETTLE: &str = "settle";
pub const CLAIM_INCOME: &str = "claim_income";
pub const UPDATE_MEMBERS: &str = "update_members";
pub const UPDATE_DEMURRAGE: &str = "update_demurrage";
pub const UPDATE_INCOME_WINDOW: &str = "update_income_window";
pub const UPDATE_MEMBERSHIP_AUTHORITY: &str = "update_membership_authority";
pub const PROPOSE_ADMIN: &str = "propose_admin";
pub const ACCEPT_ADMIN: &str = "accept_admin";
pub const INSTANTIATE: &str = "instantiate";
pub const MIGRATE: &str = "migrate";
