use cosmwasm_std::StdError;
use dac_common::migrate::MigrateError;
use thiserror::Error;

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

    #[error("invalid input: {0}")]
    Invalid(String),

    #[error("too many {what}: at most {max}")]
    TooMany { what: String, max: u64 },

    #[error("{0} is already a member")]
    AlreadyMember(String),

    #[error("{0} is not a member")]
    NotMember(String),

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

    #[error("sanction level {level} forbids this: {action}")]
    Sanctioned { level: u8, action: String },

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
}

impl From<dac_common::admin::AdminError> for ContractError {
    fn from(e: dac_common::admin::AdminError) -> Self {
        ContractError::Unauthorized(e.to_string())
    }
}
