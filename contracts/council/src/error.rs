use cosmwasm_std::StdError;
use dac_common::migrate::MigrateError;
use dac_common::text::TextError;
use thiserror::Error;

use crate::execute::sanctions::Act;

#[derive(Error, Debug, PartialEq)]
pub enum ContractError {
    #[error("{0}")]
    Std(#[from] StdError),

    #[error("{0}")]
    Migrate(#[from] MigrateError),

    #[error("unauthorized: {0}")]
    Unauthorized(String),

    #[error("only a passed proposal may do this: {0}")]
    NeedsProposal(String),

    #[error("too many {what}: at most {max}")]
    TooMany { what: String, max: u64 },

    #[error("{0} is already a member")]
    AlreadyMember(String),

    #[error("{0} is not a member")]
    NotMember(String),

    #[error("{0} is still a member: only a departed member's delegations are released")]
    StillMember(String),

    #[error(
        "{newcomer} already has a departure record from {node}; records are never overwritten"
    )]
    ArrivalRecorded { newcomer: String, node: String },

    #[error("no application from {0}")]
    NoApplication(String),

    #[error("{0} was excluded from the node")]
    Excluded(String),

    #[error("council {0} does not exist")]
    NoCouncil(u64),

    #[error("{member} does not sit in council {council_id}")]
    NotInCouncil { member: String, council_id: u64 },

    #[error("{member} already sits in council {council_id}")]
    AlreadyInCouncil { member: String, council_id: u64 },

    #[error("delegating would create a cycle")]
    DelegationCycle,

    #[error("delegation chains may be at most {max} long")]
    DelegationTooDeep { max: u8 },

    #[error("no delegation to undo")]
    NoDelegation,

    #[error("proposal {0} does not exist")]
    NoProposal(u64),

    #[error("proposal is {0}, not {1}")]
    WrongStatus(String, String),

    #[error("voting is closed")]
    VotingClosed,

    #[error("already voted and this chamber does not allow revoting")]
    AlreadyVoted,

    #[error("{0} may not vote on this proposal")]
    NotEligible(String),

    #[error("sanction level {level} forbids: {act}")]
    Sanctioned { act: Act, level: u8 },

    #[error("report {0} does not exist")]
    NoReport(u64),

    #[error("sanction {0} does not exist")]
    NoSanction(u64),

    #[error("the appeal window has closed")]
    AppealWindowClosed,

    #[error("exclusion is not due")]
    ExclusionNotDue,

    #[error("panel {0} does not exist")]
    NoPanel(u64),

    #[error("the drand beacon does not verify for round {0}")]
    BadBeacon(u64),

    #[error("no pending token sync for {0}")]
    NoPendingSync(String),

    #[error("{member} may not hold the role of {role}: {reason}")]
    RoleNotAllowed {
        member: String,
        role: String,
        reason: String,
    },
    #[error("out of scope: {0}")]
    OutOfScope(String),

    #[error("panel {0} has expired")]
    PanelExpired(u64),

    #[error("proposal {0}'s execution window is over")]
    ExecutionExpired(u64),

    #[error("at most {max} open proposals per member")]
    TooManyOpenProposals { max: u32 },

    // ---- Input ----
    #[error("{0}")]
    Text(#[from] TextError),

    #[error("{item} is listed twice in {list}")]
    ListedTwice { list: &'static str, item: String },

    #[error("a topic is 1-{max_len} of a-z, 0-9, '-', '_'")]
    InvalidTopic { max_len: usize },

    #[error("an action name is 1-{max_len} bytes")]
    InvalidActionName { max_len: usize },

    // ---- Voting rules and configuration ----
    #[error("the voting period must be positive")]
    ZeroVotingPeriod,

    #[error("the minimum voting period exceeds the voting period")]
    MinVotingPeriodTooLong,

    #[error("thresholds must lie strictly between 0 and 1, the quorum in (0, 1]")]
    ThresholdOutOfRange,

    #[error("appeals must go to a different body than the one that sanctions")]
    AppealToSanctioningBody,

    #[error("max_delegation_depth must be 1 to {max}")]
    DelegationDepthOutOfRange { max: u8 },

    #[error("the appeal window must be positive")]
    ZeroAppealWindow,

    #[error("limits out of bounds (see the council README)")]
    LimitsOutOfBounds,

    // ---- Councils ----
    #[error("council {council_id} has no parent")]
    NoParent { council_id: u64 },

    #[error("{member} is not a delegate of council {council_id}")]
    NotADelegate { member: String, council_id: u64 },

    #[error("council {council_id} is executive: its scope is fixed")]
    ExecutiveScopeFixed { council_id: u64 },

    // ---- Proposals ----
    #[error("a multiple-choice proposal needs {min} to {max} options")]
    OptionCount { min: usize, max: usize },

    #[error("two chambers must be a workers' and a consumers' council")]
    ChambersOfOneKind,

    #[error("two-chamber proposals are yes/no")]
    TwoChambersNotYesNo,

    #[error("a proposal has one chamber, or a workers' and a consumers' council")]
    ChamberCount { count: usize },

    #[error("only yes/no proposals carry messages")]
    MessagesNeedYesNo,

    #[error("this option does not exist on this proposal")]
    NoSuchOption,

    #[error("voting is still undecided")]
    VotingUndecided,

    #[error("proposal {proposal_id} is running")]
    AnotherProposalRunning { proposal_id: u64 },

    #[error("only single-council proposals can be escalated")]
    EscalateOneCouncilOnly,

    #[error("panels do not escalate")]
    PanelsDoNotEscalate,

    // ---- Sanctions ----
    #[error("report {report_id} is already decided")]
    ReportDecided { report_id: u64 },

    #[error("sanction {sanction_id} was already appealed")]
    AlreadyAppealed { sanction_id: u64 },

    #[error("no pending appeal on sanction {sanction_id}")]
    NoPendingAppeal { sanction_id: u64 },

    // ---- Sortition and the escrow ----
    #[error("no escrow is configured")]
    NoEscrow,

    #[error("the escrow did not answer the query")]
    EscrowUnreachable,

    #[error("the escrow does not take rulings from this council")]
    EscrowNotBound,

    #[error("deal {deal_id} is not waiting for a panel")]
    DealNotAwaitingPanel { deal_id: u64 },

    #[error("deal {deal_id} already has panel {panel_id}")]
    DealHasPanel { deal_id: u64, panel_id: u64 },

    #[error("panel size must be {min} to {max}")]
    PanelSizeOutOfRange { min: u32, max: u32 },

    #[error("max_per_subcouncil must be positive")]
    ZeroMaxPerSubcouncil,

    #[error("council {council_id} has no members to draw")]
    NoCandidates { council_id: u64 },

    #[error("block time is before drand quicknet genesis")]
    BeforeDrandGenesis,

    #[error("panel {panel_id} is already drawn")]
    PanelAlreadyDrawn { panel_id: u64 },

    #[error("panel {panel_id} is not drawn yet")]
    PanelNotDrawn { panel_id: u64 },

    // ---- Replies and broken invariants (a bug if ever seen) ----
    #[error("reply id {id} is not one this contract sends")]
    UnknownReplyId { id: u64 },

    #[error("id {id} does not fit in a reply id")]
    ReplyIdTooLarge { id: u64 },

    #[error("token sync payload is not an address")]
    BadSyncPayload,

    #[error("{counter} underflow")]
    Underflow { counter: &'static str },

    #[error("roster of council {council_id} has no seat {position} at the snapshot")]
    RosterIncomplete { council_id: u64, position: u64 },
}

impl From<dac_common::admin::AdminError> for ContractError {
    fn from(e: dac_common::admin::AdminError) -> Self {
        ContractError::Unauthorized(e.to_string())
    }
}
