//! Every event attribute key and value this contract emits, in one place.

pub const ACTION: &str = "action";
pub const DEAL_ID: &str = "deal_id";
pub const SENDER: &str = "sender";
pub const KIND: &str = "kind";
pub const ROLE: &str = "role";
pub const AMOUNT: &str = "amount";
pub const DENOM: &str = "denom";
pub const SHARES: &str = "shares";
pub const STATUS: &str = "status";
pub const OUTCOME: &str = "outcome";
pub const PAID_OUT: &str = "paid_out";
pub const PAYOUTS: &str = "payouts";
pub const RECIPIENT: &str = "recipient";
pub const MILESTONE: &str = "milestone";
pub const DEADLINE: &str = "deadline";
pub const RULING: &str = "ruling";
pub const OVERTURNED: &str = "overturned";
pub const SLASHED: &str = "arbitrator_slashed";
pub const ARBITRATOR: &str = "arbitrator";
pub const COUNCIL: &str = "council";
pub const ADMIN: &str = "admin";
pub const PANEL_SECONDS: &str = "panel_seconds";
pub const TOKEN: &str = "token";
pub const REASON: &str = "reason";
pub const PREIMAGE: &str = "preimage";

pub const ACTION_INSTANTIATE: &str = "instantiate";
pub const ACTION_PROPOSE: &str = "propose";
pub const ACTION_SIGN: &str = "sign";
pub const ACTION_POST_COLLATERAL: &str = "post_collateral";
pub const ACTION_REPAY: &str = "repay";
pub const ACTION_CONTRIBUTE: &str = "contribute";
pub const ACTION_WITHDRAW: &str = "withdraw";
pub const ACTION_CONFIRM: &str = "confirm";
pub const ACTION_DISPUTE: &str = "dispute";
pub const ACTION_RULE: &str = "rule";
pub const ACTION_APPEAL: &str = "appeal";
pub const ACTION_PANEL_RULING: &str = "panel_ruling";
pub const ACTION_ATTEST_DELIVERY: &str = "attest_delivery";
pub const ACTION_ADVANCE: &str = "advance";
pub const ACTION_SET_COUNCIL: &str = "set_council";
pub const ACTION_SET_PANEL_SECONDS: &str = "set_panel_seconds";

pub const ROLE_PROPOSER: &str = "proposer";
pub const ROLE_COUNTERPARTY: &str = "counterparty";
pub const ROLE_MEMBER: &str = "member";
pub const ROLE_ARBITRATOR: &str = "arbitrator";
pub const ROLE_EXTRA: &str = "repayment_or_contributions";

pub const STATUS_PROPOSED: &str = "proposed";
pub const STATUS_ACTIVE: &str = "active";
pub const STATUS_DISPUTED: &str = "disputed";
pub const STATUS_RULED: &str = "ruled";
pub const STATUS_APPEALED: &str = "appealed";
pub const STATUS_AWAITING_PANEL: &str = "awaiting_panel";
pub const STATUS_CLOSED: &str = "closed";

pub const OUTCOME_WITHDRAWN: &str = "withdrawn";
pub const OUTCOME_EXPIRED: &str = "expired";
pub const OUTCOME_SETTLED: &str = "settled";
pub const OUTCOME_DEFAULTED: &str = "defaulted";
pub const OUTCOME_RULED: &str = "ruled";
pub const OUTCOME_REFUNDED: &str = "refunded";
pub const OUTCOME_MILESTONE_RELEASED: &str = "milestone_released";
pub const OUTCOME_CLAIMED: &str = "claimed";
pub const OUTCOME_ARBITRATOR_TIMED_OUT: &str = "arbitrator_timed_out";

pub const KIND_FORWARD: &str = "forward";
pub const KIND_LOAN: &str = "loan";
pub const KIND_SERVICE: &str = "service";
pub const KIND_INSURANCE: &str = "insurance";
pub const KIND_POOL: &str = "pool";
pub const KIND_TRADE_SHIPMENT: &str = "trade_shipment";
pub const KIND_INFORMATION_SALE: &str = "information_sale";

pub const RULING_PERFORMED: &str = "performed";
pub const RULING_NOT_PERFORMED: &str = "not_performed";
pub const RULING_SPLIT: &str = "split";

pub const NONE: &str = "none";
pub const TRUE: &str = "true";
pub const FALSE: &str = "false";
