//! Every event attribute key and `action` value of the registry, in one place.

pub const ACTION: &str = "action";

// actions
pub const INSTANTIATE: &str = "instantiate";
pub const REGISTER_HOME: &str = "register_home";
pub const UPDATE_HOME: &str = "update_home";
pub const SET_GUIDELINES: &str = "set_guidelines";
pub const DECIDE_MODIFICATION: &str = "decide_modification";
pub const UPDATE_CONFIG: &str = "update_config";
pub const SET_BOOKING_AGENTS: &str = "set_booking_agents";
pub const SET_VISITOR_CAP: &str = "set_visitor_cap";
pub const APPLY: &str = "apply";
pub const UPDATE_APPLICATION: &str = "update_application";
pub const WITHDRAW_APPLICATION: &str = "withdraw_application";
pub const RELINQUISH: &str = "relinquish";
pub const MEMBER_MOVED: &str = "member_moved";
pub const APPLICATION_WITHDRAWN: &str = "application_withdrawn";
pub const UPDATE_HOUSEHOLD: &str = "update_household";
pub const DECIDE_HOUSEHOLD: &str = "decide_household";
pub const REQUEST_MODIFICATION: &str = "request_modification";
pub const PROPOSE_SWAP: &str = "propose_swap";
pub const ACCEPT_SWAP: &str = "accept_swap";
pub const CANCEL_SWAP: &str = "cancel_swap";
pub const ALLOCATE_ROUND: &str = "allocate_round";
pub const CHECK_MEMBERSHIP: &str = "check_membership";
pub const RECLAIM_HOME: &str = "reclaim_home";
pub const REFRESH_FEES: &str = "refresh_fees";
pub const PAY_FEES: &str = "pay_fees";
pub const BOOK_GUEST: &str = "book_guest";
pub const CANCEL_BOOKING: &str = "cancel_booking";
pub const RELEASE_BOOKING_PAYMENT: &str = "release_booking_payment";

// event types emitted alongside the main response
pub const EVENT_ALLOCATION: &str = "housing_allocation";
pub const EVENT_LAPSED_APPLICATION: &str = "housing_lapsed_application";

// keys
pub const ADMIN: &str = "admin";
pub const SENDER: &str = "sender";
pub const HOME_ID: &str = "home_id";
pub const WITH_HOME_ID: &str = "with_home_id";
pub const PREVIOUS_HOME_ID: &str = "previous_home_id";
pub const ROOMS: &str = "rooms";
pub const ZONE: &str = "zone";
pub const STATUS: &str = "status";
pub const HOLDER: &str = "holder";
pub const APPLICANT: &str = "applicant";
pub const HOUSEHOLD_SIZE: &str = "household_size";
pub const QUEUE_POSITION: &str = "queue_position";
pub const WAIT_RESTARTED: &str = "wait_restarted";
pub const PENDING: &str = "pending";
pub const SCORE: &str = "score";
pub const ALLOCATED: &str = "allocated";
pub const HOMES_CONSIDERED: &str = "homes_considered";
pub const GRACE_ENDS: &str = "grace_ends";
pub const OUTCOME: &str = "outcome";
pub const MODIFICATION_ID: &str = "modification_id";
pub const CATEGORY: &str = "category";
pub const APPROVED: &str = "approved";
pub const GUIDELINES: &str = "guidelines";
pub const PAYER: &str = "payer";
pub const ON_BEHALF_OF: &str = "on_behalf_of";
pub const BOOKING_AGENTS: &str = "booking_agents";
pub const NODE: &str = "node";
pub const CAP: &str = "cap";
pub const AMOUNT: &str = "amount";
pub const ARREARS: &str = "arrears";
pub const CREDIT: &str = "credit";
pub const FEE_PER_PERIOD: &str = "fee_per_period";
pub const BOOKING_ID: &str = "booking_id";
pub const GUEST: &str = "guest";
pub const START_DAY: &str = "start_day";
pub const END_DAY: &str = "end_day";
pub const REFUND: &str = "refund";
pub const TO_TREASURY: &str = "to_treasury";

// outcome values
pub const GRACE_STARTED: &str = "grace_started";
pub const GRACE_CLEARED: &str = "grace_cleared";
