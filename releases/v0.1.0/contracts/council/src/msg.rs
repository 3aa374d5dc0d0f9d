//! Messages of the council contract: the node's constitution. Membership answers the cw4 queries
//! (`Member`, `ListMembers`, `TotalWeight`) with the same JSON as `cw4::Cw4QueryMsg`, so every
//! other contract reads who is a member from here.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, CosmosMsg, Decimal, HexBinary, Timestamp};
// Named only by `#[returns]`, which the wasm build does not expand.
#[cfg(not(target_arch = "wasm32"))]
use cw4::{MemberListResponse, MemberResponse, TotalWeightResponse};
use dac_common::de::empty;

/// Workers' councils plan production; consumers' councils plan consumption.
#[cw_serde]
#[derive(Copy, Eq, PartialOrd, Ord)]
pub enum CouncilKind {
    Workers,
    Consumers,
}

/// When a chamber passes a proposal. Shares are compared strictly ("more than"), so a tie
/// never passes and rounding never favours passing.
#[cw_serde]
pub enum Threshold {
    /// The winning option needs more than `percentage` of the whole electorate.
    #[serde(deserialize_with = "threshold_absolute_percentage")]
    AbsolutePercentage { percentage: Decimal },
    /// At least `quorum` of the electorate takes part (abstentions count), and the winning
    /// option gets more than `threshold` of the votes that are not abstentions.
    #[serde(deserialize_with = "threshold_threshold_quorum")]
    ThresholdQuorum { threshold: Decimal, quorum: Decimal },
}

#[cw_serde]
pub struct VotingRules {
    pub voting_period_seconds: u64,
    /// A proposal cannot close early before this, even when its outcome is already certain.
    pub min_voting_period_seconds: u64,
    pub threshold: Threshold,
    /// Voters may change their vote while the proposal is open (then it never closes early).
    pub allow_revoting: bool,
}

#[cw_serde]
pub struct NewCouncil {
    pub name: String,
    pub kind: CouncilKind,
    pub parent: Option<u64>,
    /// Only proposals of an executive council may command other contracts and change the
    /// node's constitution.
    pub executive: bool,
    pub rules: VotingRules,
    /// Node members seated directly (at most `MAX_INITIAL_SEATS`).
    #[serde(default)]
    pub members: Vec<String>,
}

/// Who holds a power of the constitution.
#[cw_serde]
pub enum Authority {
    /// The Ostrom head of the node.
    Head,
    /// A passed proposal one of whose chambers is this council.
    #[serde(deserialize_with = "authority_council")]
    Council { council_id: u64 },
}

#[cw_serde]
pub struct InstantiateMsg {
    /// Ostrom's head: applies sanctions when `sanction_authority` is `Head`. Like every role
    /// below, a founder: roles are held by members in good standing only.
    pub head: String,
    /// Admit or refuse applicants (Ostrom principle 1). Founders.
    pub gatekeepers: Vec<String>,
    /// File reports of misconduct (Ostrom principle 4). Founders.
    pub monitors: Vec<String>,
    /// Members from the first block.
    pub founders: Vec<String>,
    /// The first councils, ids 1, 2, ... in this order; a parent must come before its children.
    pub councils: Vec<NewCouncil>,
    pub sanction_authority: Authority,
    /// Must differ from `sanction_authority`: an appeal goes to another body.
    pub appeal_authority: Authority,
    /// How long a sanctioned member has to appeal, and the delay before an exclusion applies.
    pub appeal_window_seconds: u64,
    /// The longest delegation chain (edges), at most `HARD_MAX_DELEGATION_DEPTH`.
    pub max_delegation_depth: u8,
    /// The demurrage token told about membership changes (basic income). Settable later by an
    /// executive proposal (`SetToken`).
    pub token: Option<String>,
    /// Contracts (e.g. the escrow) that may commit sortition draws besides executive proposals.
    /// Need not be members; a sanctioned or excluded address may not be one.
    #[serde(default)]
    pub draw_requesters: Vec<String>,
    /// The escrow whose disputes panels are drawn for (settable later by an executive proposal).
    #[serde(default)]
    pub escrow: Option<String>,
    /// Bounds on proposals and panels; `None` takes `Limits::default()`.
    #[serde(default)]
    pub limits: Option<Limits>,
}

/// Bounds on proposals and panels, set at instantiation and by executive proposals.
#[cw_serde]
pub struct Limits {
    /// How long after its voting period a passed (or failed) proposal may still be executed.
    pub execution_window_seconds: u64,
    /// The smallest panel a draw may ask for (at least 2).
    pub min_panel_size: u32,
    /// The longest a panel lives (a dispute's panel also ends at the escrow's panel deadline).
    pub max_panel_seconds: u64,
    /// How far past the block time the drand round of a commit lies: must exceed any lag of
    /// block time behind wall time, or the beacon could already be public.
    pub drand_margin_seconds: u64,
    /// Proposals whose voting is still open that one member may have proposed.
    pub max_open_proposals_per_member: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            execution_window_seconds: 14 * 86_400,
            min_panel_size: 3,
            max_panel_seconds: 30 * 86_400,
            drand_margin_seconds: 3_600,
            max_open_proposals_per_member: 10,
        }
    }
}

/// One thing a chamber's passed proposals may send. Addresses are validated on receipt
/// (`addr_validate`, canonical form only) and compared as `Addr`.
#[cw_serde]
pub enum Grant {
    /// Bank sends and burns of the council's coins, coins attached to wasm calls, and the node
    /// token's `transfer`, `send` and `burn`.
    #[serde(deserialize_with = "empty")]
    Treasury {},
    /// Wasm execute on `contract` (any other contract when `None`; instantiating needs this
    /// with neither limit), limited to these top-level message names when given.
    #[serde(deserialize_with = "grant_execute")]
    Execute {
        contract: Option<Addr>,
        actions: Option<Vec<String>>,
    },
    /// Wasm `Migrate`, `UpdateAdmin` and `ClearAdmin` on `contract` (any when `None`).
    #[serde(deserialize_with = "grant_admin")]
    Admin { contract: Option<Addr> },
    /// The council's own messages with these names (any when `None`), never `execute` or
    /// `run_passed`.
    #[serde(deserialize_with = "grant_self_call")]
    SelfCall { actions: Option<Vec<String>> },
}

/// Options of a proposal. Abstaining is always possible and never counts as support.
#[cw_serde]
pub enum ProposalChoices {
    #[serde(deserialize_with = "empty")]
    YesNo {},
    /// Between 2 and `MAX_CHOICES` options; the one with the most votes wins, a tie at the top
    /// wins nothing. Multiple-choice proposals carry no messages.
    #[serde(deserialize_with = "proposal_choices_multiple")]
    Multiple { options: Vec<String> },
}

/// A body that votes on a proposal.
#[cw_serde]
#[derive(Copy, Eq)]
pub enum Body {
    #[serde(deserialize_with = "body_council")]
    Council { council_id: u64 },
    /// A sortition panel; its members vote personally (no delegation). Its proposals carry at
    /// most the escrow ruling of the one dispute it was drawn for, until it expires.
    #[serde(deserialize_with = "body_panel")]
    Panel { panel_id: u64 },
}

#[cw_serde]
pub enum VoteOption {
    Yes,
    No,
    Abstain,
    /// For multiple-choice proposals: the index of the option.
    #[serde(deserialize_with = "vote_option_choice")]
    Choice {
        index: u32,
    },
}

#[cw_serde]
pub enum ExecuteMsg {
    // ---- membership (Ostrom 1) ----
    /// Ask to join the node, and optionally some councils.
    Apply {
        statement: String,
        #[serde(default)]
        councils: Vec<u64>,
    },
    /// Gatekeeper: admit an applicant into the node and the councils they asked for.
    #[serde(deserialize_with = "execute_admit")]
    Admit { applicant: String },
    /// Gatekeeper: refuse an application.
    #[serde(deserialize_with = "execute_refuse")]
    Refuse { applicant: String, reason: String },
    /// Gatekeeper: seat a node member in a council.
    #[serde(deserialize_with = "execute_assign_council")]
    AssignCouncil { member: String, council_id: u64 },
    /// Leave a council (and any delegate seat it gave you).
    #[serde(deserialize_with = "execute_leave_council")]
    LeaveCouncil { council_id: u64 },
    /// Leave the node: every council, delegation and basic income ends.
    #[serde(deserialize_with = "empty")]
    Leave {},

    // ---- liquid democracy ----
    /// Give your vote on `topic` in `council_id` to another member of that council. Replaces
    /// your earlier delegation for that topic.
    #[serde(deserialize_with = "execute_delegate")]
    Delegate {
        council_id: u64,
        topic: String,
        delegate: String,
    },
    #[serde(deserialize_with = "execute_undelegate")]
    Undelegate { council_id: u64, topic: String },

    // ---- proposals ----
    Propose {
        /// One council or panel, or a workers' and a consumers' council that must both pass it.
        /// Each message must be within some chamber's scope (see the README's scope table).
        chambers: Vec<Body>,
        title: String,
        topic: String,
        description: String,
        choices: ProposalChoices,
        #[serde(default)]
        msgs: Vec<CosmosMsg>,
    },
    /// Votes in every chamber of the proposal the sender belongs to.
    #[serde(deserialize_with = "execute_vote")]
    Vote {
        proposal_id: u64,
        option: VoteOption,
    },
    /// Anyone: record the final status once voting is over (or the outcome is certain).
    #[serde(deserialize_with = "execute_close")]
    Close { proposal_id: u64 },
    /// Anyone: run a passed proposal's messages, within its execution window. A failure marks
    /// it `ExecutionFailed`, and it may be retried within the window.
    #[serde(deserialize_with = "execute_execute")]
    Execute { proposal_id: u64 },
    /// A member of the council: raise a passed proposal to the parent council instead of
    /// executing it.
    #[serde(deserialize_with = "execute_escalate")]
    Escalate { proposal_id: u64 },

    // ---- Ostrom's monitoring, sanctions and appeals ----
    /// Monitor: report misconduct of a member.
    #[serde(deserialize_with = "execute_report")]
    Report { member: String, description: String },
    /// Sanction authority: raise the reported member's sanction level by one.
    #[serde(deserialize_with = "execute_sanction")]
    Sanction { report_id: u64 },
    /// Sanction authority: close a report without sanction.
    #[serde(deserialize_with = "execute_dismiss_report")]
    DismissReport { report_id: u64 },
    /// The sanctioned member: appeal within the appeal window.
    #[serde(deserialize_with = "execute_appeal")]
    Appeal { sanction_id: u64, grounds: String },
    /// Appeal authority: an upheld appeal lowers the level by one.
    #[serde(deserialize_with = "execute_decide_appeal")]
    DecideAppeal { sanction_id: u64, uphold: bool },
    /// Anyone: exclude a member at level 3 once the appeal window has passed with no appeal
    /// pending.
    #[serde(deserialize_with = "execute_enforce_exclusion")]
    EnforceExclusion { member: String },
    /// Anyone: retry telling the demurrage token about a member whose last membership change
    /// it refused (listed by `pending_token_syncs`). Sends the membership as it is now.
    #[serde(deserialize_with = "execute_sync_token")]
    SyncToken { member: String },

    // ---- sortition ----
    /// Executive proposal or a draw requester: freeze a council's members and the future drand
    /// round (after block time + `drand_margin_seconds`) whose beacon will draw a panel of
    /// `size` (at least `min_panel_size`).
    #[serde(deserialize_with = "execute_commit_draw")]
    CommitDraw {
        council_id: u64,
        size: u32,
        /// At most this many panelists may hold a delegate seat of the same sub-council.
        max_per_subcouncil: Option<u32>,
        purpose: String,
        /// The escrow deal whose appeal or timed-out dispute the panel decides; its passed
        /// proposals may send only that deal's `panel_ruling`. Without one, a text-only panel.
        deal_id: Option<u64>,
    },
    /// Anyone: submit the drand quicknet signature of the committed round; the contract
    /// verifies it and draws the panel.
    #[serde(deserialize_with = "execute_reveal_draw")]
    RevealDraw { panel_id: u64, signature: HexBinary },

    // ---- changed only by passed proposals (the contract calling itself) ----
    #[serde(deserialize_with = "execute_update_config")]
    UpdateConfig {
        sanction_authority: Option<Authority>,
        appeal_authority: Option<Authority>,
        appeal_window_seconds: Option<u64>,
        max_delegation_depth: Option<u8>,
        draw_requesters: Option<Vec<String>>,
        escrow: Option<String>,
        limits: Option<Limits>,
    },
    /// What a non-executive council's passed proposals may send; `None` restores the default
    /// (electing and recalling its own delegates).
    #[serde(deserialize_with = "execute_update_charter")]
    UpdateCharter {
        council_id: u64,
        grants: Option<Vec<Grant>>,
    },
    /// `None` stops telling a token about membership.
    #[serde(deserialize_with = "execute_set_token")]
    SetToken { token: Option<String> },
    #[serde(deserialize_with = "execute_update_roles")]
    UpdateRoles {
        head: Option<String>,
        gatekeepers: Option<Vec<String>>,
        monitors: Option<Vec<String>>,
    },
    #[serde(deserialize_with = "execute_create_council")]
    CreateCouncil { council: NewCouncil },
    #[serde(deserialize_with = "execute_update_council")]
    UpdateCouncil {
        council_id: u64,
        name: Option<String>,
        executive: Option<bool>,
        rules: Option<VotingRules>,
    },
    /// A child council seats one of its members in its parent council as its delegate.
    #[serde(deserialize_with = "execute_elect_delegate")]
    ElectDelegate { council_id: u64, member: String },
    /// A child council recalls its delegate from the parent council.
    #[serde(deserialize_with = "execute_recall_delegate")]
    RecallDelegate { council_id: u64, member: String },
    /// Internal: runs a passed proposal's messages inside one sub-message, so they succeed or
    /// fail together. Only the contract itself may send it.
    #[serde(deserialize_with = "execute_run_passed")]
    RunPassed { proposal_id: u64 },
}

#[cw_serde]
#[derive(Copy, Eq)]
pub enum ProposalStatus {
    Open,
    Passed,
    Rejected,
    Executed,
    ExecutionFailed,
    Escalated,
}

#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    // ---- cw4, same JSON as cw4::Cw4QueryMsg ----
    #[returns(MemberResponse)]
    #[serde(deserialize_with = "query_member")]
    Member {
        addr: String,
        at_height: Option<u64>,
    },
    #[returns(MemberListResponse)]
    #[serde(deserialize_with = "query_list_members")]
    ListMembers {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(TotalWeightResponse)]
    #[serde(deserialize_with = "query_total_weight")]
    TotalWeight { at_height: Option<u64> },

    #[returns(ConfigResponse)]
    #[serde(deserialize_with = "empty")]
    Config {},
    #[returns(ApplicationResponse)]
    #[serde(deserialize_with = "query_application")]
    Application { applicant: String },
    #[returns(ListApplicationsResponse)]
    #[serde(deserialize_with = "query_list_applications")]
    ListApplications {
        start_after: Option<String>,
        limit: Option<u32>,
    },

    #[returns(CouncilResponse)]
    #[serde(deserialize_with = "query_council")]
    Council { council_id: u64 },
    #[returns(ListCouncilsResponse)]
    #[serde(deserialize_with = "query_list_councils")]
    ListCouncils {
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(CouncilMemberResponse)]
    #[serde(deserialize_with = "query_council_member")]
    CouncilMember {
        council_id: u64,
        addr: String,
        at_height: Option<u64>,
    },
    #[returns(ListCouncilMembersResponse)]
    #[serde(deserialize_with = "query_list_council_members")]
    ListCouncilMembers {
        council_id: u64,
        start_after: Option<String>,
        limit: Option<u32>,
    },

    #[returns(ProposalResponse)]
    #[serde(deserialize_with = "query_proposal")]
    Proposal { proposal_id: u64 },
    /// Filters on the stored status; `Close` stores the final one.
    #[returns(ListProposalsResponse)]
    #[serde(deserialize_with = "query_list_proposals")]
    ListProposals {
        status: Option<ProposalStatus>,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(VoteResponse)]
    #[serde(deserialize_with = "query_vote")]
    Vote {
        proposal_id: u64,
        chamber: Option<u8>,
        voter: String,
    },
    #[returns(ListVotesResponse)]
    #[serde(deserialize_with = "query_list_votes")]
    ListVotes {
        proposal_id: u64,
        chamber: Option<u8>,
        start_after: Option<String>,
        limit: Option<u32>,
    },

    #[returns(DelegationResponse)]
    #[serde(deserialize_with = "query_delegation")]
    Delegation {
        council_id: u64,
        topic: String,
        member: String,
    },
    /// The delegations a member has given.
    #[returns(ListDelegationsResponse)]
    #[serde(deserialize_with = "query_list_delegations")]
    ListDelegations {
        member: String,
        start_after: Option<(u64, String)>,
        limit: Option<u32>,
    },

    #[returns(PanelResponse)]
    #[serde(deserialize_with = "query_panel")]
    Panel { id: u64 },
    #[returns(ListPanelsResponse)]
    #[serde(deserialize_with = "query_list_panels")]
    ListPanels {
        start_after: Option<u64>,
        limit: Option<u32>,
    },

    #[returns(StandingResponse)]
    #[serde(deserialize_with = "query_standing")]
    Standing { member: String },
    #[returns(ReportResponse)]
    #[serde(deserialize_with = "query_report")]
    Report { report_id: u64 },
    #[returns(ListReportsResponse)]
    #[serde(deserialize_with = "query_list_reports")]
    ListReports {
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    /// Members whose last membership change the demurrage token refused (retry: `sync_token`).
    #[returns(PendingTokenSyncsResponse)]
    #[serde(deserialize_with = "query_pending_token_syncs")]
    PendingTokenSyncs {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(SanctionResponse)]
    #[serde(deserialize_with = "query_sanction")]
    Sanction { sanction_id: u64 },
    /// All sanctions, or one member's.
    #[returns(ListSanctionsResponse)]
    #[serde(deserialize_with = "query_list_sanctions")]
    ListSanctions {
        member: Option<String>,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
}

#[cw_serde]
pub struct MigrateMsg {}

#[cw_serde]
pub struct ConfigResponse {
    /// `None` once the head lost the role (sanctioned, left, excluded) until a new one is named.
    pub head: Option<Addr>,
    pub gatekeepers: Vec<Addr>,
    pub monitors: Vec<Addr>,
    pub token: Option<Addr>,
    pub sanction_authority: Authority,
    pub appeal_authority: Authority,
    pub appeal_window_seconds: u64,
    pub max_delegation_depth: u8,
    pub draw_requesters: Vec<Addr>,
    pub escrow: Option<Addr>,
    pub limits: Limits,
}

#[cw_serde]
pub struct ApplicationResponse {
    pub applicant: Addr,
    pub statement: String,
    pub councils: Vec<u64>,
    pub filed_at: Timestamp,
}

#[cw_serde]
pub struct ListApplicationsResponse {
    pub applications: Vec<ApplicationResponse>,
}

#[cw_serde]
pub struct CouncilResponse {
    pub id: u64,
    pub name: String,
    pub kind: CouncilKind,
    pub parent: Option<u64>,
    pub executive: bool,
    pub rules: VotingRules,
    pub size: u64,
    /// What its passed proposals may send now (see the README's scope table).
    pub scope: Vec<Grant>,
}

#[cw_serde]
pub struct ListCouncilsResponse {
    pub councils: Vec<CouncilResponse>,
}

/// How a member sits in a council.
#[cw_serde]
#[derive(Copy, Eq)]
pub enum Seat {
    Direct,
    /// Elected by the child council `of` (recallable).
    #[serde(deserialize_with = "seat_delegate")]
    Delegate {
        of: u64,
    },
}

#[cw_serde]
pub struct CouncilMemberResponse {
    pub seat: Option<Seat>,
}

#[cw_serde]
pub struct CouncilSeat {
    pub addr: Addr,
    pub seat: Seat,
}

#[cw_serde]
pub struct ListCouncilMembersResponse {
    pub members: Vec<CouncilSeat>,
}

#[cw_serde]
pub struct ChamberResponse {
    pub body: Body,
    /// Members entitled to vote, frozen at creation.
    pub electorate: u64,
    pub rules: VotingRules,
    /// Votes per option (members whose will is carried), abstentions last.
    pub tally: Vec<u64>,
}

#[cw_serde]
pub struct ProposalResponse {
    pub id: u64,
    pub title: String,
    pub topic: String,
    pub description: String,
    pub proposer: Addr,
    pub choices: ProposalChoices,
    pub msgs: Vec<CosmosMsg>,
    pub chambers: Vec<ChamberResponse>,
    /// Snapshot height: membership and delegations as at the start of this block.
    pub start_height: u64,
    pub start_time: Timestamp,
    pub earliest_close: Timestamp,
    pub expires: Timestamp,
    /// The status as stored.
    pub status: ProposalStatus,
    /// The status now, counting an expired or certain outcome not yet closed.
    pub effective_status: ProposalStatus,
    /// The winning option index once decided (0 = yes for yes/no).
    pub outcome: Option<u32>,
    pub escalated_from: Option<u64>,
    pub escalated_to: Option<u64>,
    pub execution_error: Option<String>,
    /// The last moment `Execute` is accepted (voting end + the execution window).
    pub execute_by: Timestamp,
    /// Passed or failed, but its execution window is over: it can never run.
    pub expired: bool,
}

#[cw_serde]
pub struct ListProposalsResponse {
    pub proposals: Vec<ProposalResponse>,
}

#[cw_serde]
pub struct BallotResponse {
    pub voter: Addr,
    pub chamber: u8,
    pub option: VoteOption,
    /// How many members' will this direct vote carries (the voter plus delegators whose chain
    /// ends here and who did not vote themselves).
    pub weight: u64,
}

#[cw_serde]
pub struct VoteResponse {
    pub ballot: Option<BallotResponse>,
}

#[cw_serde]
pub struct ListVotesResponse {
    pub votes: Vec<BallotResponse>,
}

#[cw_serde]
pub struct DelegationResponse {
    pub delegate: Option<Addr>,
    /// Members whose delegation chain on this topic passes through `member` (not counting them).
    pub delegated_to_member: u64,
    /// The longest chain below `member`.
    pub depth_below: u32,
}

#[cw_serde]
pub struct DelegationEntry {
    pub council_id: u64,
    pub topic: String,
    pub delegate: Addr,
}

#[cw_serde]
pub struct ListDelegationsResponse {
    pub delegations: Vec<DelegationEntry>,
}

#[cw_serde]
#[derive(Copy, Eq)]
pub enum PanelStatus {
    /// Waiting for the beacon of `round`.
    Committed,
    Drawn,
}

#[cw_serde]
pub struct PanelResponse {
    pub id: u64,
    pub council_id: u64,
    pub purpose: String,
    pub requested_by: Addr,
    pub size: u32,
    pub max_per_subcouncil: Option<u32>,
    /// Candidates: the council's members at the start of this block.
    pub snapshot_height: u64,
    pub candidates: u64,
    /// The drand quicknet round whose beacon draws the panel (published after the commit).
    pub round: u64,
    pub status: PanelStatus,
    /// sha256 of the beacon signature, hex.
    pub randomness: Option<String>,
    pub members: Vec<Addr>,
    /// The escrow deal it decides, if any.
    pub deal_id: Option<u64>,
    /// After this the panel neither proposes, votes nor executes.
    pub expires: Timestamp,
    /// The dispute stage it rules on: its `panel_ruling` must carry this `panel_by`.
    pub panel_by: Option<Timestamp>,
}

#[cw_serde]
pub struct ListPanelsResponse {
    pub panels: Vec<PanelResponse>,
}

#[cw_serde]
pub struct StandingResponse {
    pub member: Addr,
    pub is_member: bool,
    /// 0 none, 1 may not propose, 2 may not vote or delegate, 3 exclusion after the window.
    pub sanction_level: u8,
    pub exclusion_due: Option<Timestamp>,
    pub pending_appeals: u32,
    pub excluded: bool,
}

#[cw_serde]
pub enum ReportStatus {
    Open,
    #[serde(deserialize_with = "report_status_sanctioned")]
    Sanctioned {
        sanction_id: u64,
    },
    Dismissed,
}

#[cw_serde]
pub struct ReportResponse {
    pub id: u64,
    pub monitor: Addr,
    pub member: Addr,
    pub description: String,
    pub filed_at: Timestamp,
    pub status: ReportStatus,
}

#[cw_serde]
pub struct ListReportsResponse {
    pub reports: Vec<ReportResponse>,
}

#[cw_serde]
pub struct AppealRecord {
    pub grounds: String,
    pub filed_at: Timestamp,
    /// `None` while pending; `Some(true)` when upheld.
    pub upheld: Option<bool>,
}

#[cw_serde]
pub struct SanctionResponse {
    pub id: u64,
    pub member: Addr,
    pub report_id: u64,
    /// The member's level after this sanction.
    pub level: u8,
    pub imposed_at: Timestamp,
    pub appeal_deadline: Timestamp,
    pub appeal: Option<AppealRecord>,
}

#[cw_serde]
pub struct PendingTokenSync {
    pub member: Addr,
    /// Whether the retry adds (a member now) or removes them.
    pub is_member: bool,
}

#[cw_serde]
pub struct PendingTokenSyncsResponse {
    pub pending: Vec<PendingTokenSync>,
}

#[cw_serde]
pub struct ListSanctionsResponse {
    pub sanctions: Vec<SanctionResponse>,
}

// Lean deserializers of the struct variants above (`dac_common::de`: less wasm, same JSON).
dac_common::variant_fields! {
    threshold_absolute_percentage: Threshold::AbsolutePercentage { percentage: Decimal },
    threshold_threshold_quorum: Threshold::ThresholdQuorum { threshold: Decimal, quorum: Decimal },
    authority_council: Authority::Council { council_id: u64 },
    proposal_choices_multiple: ProposalChoices::Multiple { options: Vec<String> },
    body_council: Body::Council { council_id: u64 },
    body_panel: Body::Panel { panel_id: u64 },
    vote_option_choice: VoteOption::Choice { index: u32 },
    execute_admit: ExecuteMsg::Admit { applicant: String },
    execute_refuse: ExecuteMsg::Refuse { applicant: String, reason: String },
    execute_assign_council: ExecuteMsg::AssignCouncil { member: String, council_id: u64 },
    execute_leave_council: ExecuteMsg::LeaveCouncil { council_id: u64 },
    execute_delegate: ExecuteMsg::Delegate { council_id: u64, topic: String, delegate: String },
    execute_undelegate: ExecuteMsg::Undelegate { council_id: u64, topic: String },
    execute_vote: ExecuteMsg::Vote { proposal_id: u64, option: VoteOption },
    execute_close: ExecuteMsg::Close { proposal_id: u64 },
    execute_execute: ExecuteMsg::Execute { proposal_id: u64 },
    execute_escalate: ExecuteMsg::Escalate { proposal_id: u64 },
    execute_report: ExecuteMsg::Report { member: String, description: String },
    execute_sanction: ExecuteMsg::Sanction { report_id: u64 },
    execute_dismiss_report: ExecuteMsg::DismissReport { report_id: u64 },
    execute_appeal: ExecuteMsg::Appeal { sanction_id: u64, grounds: String },
    execute_decide_appeal: ExecuteMsg::DecideAppeal { sanction_id: u64, uphold: bool },
    execute_enforce_exclusion: ExecuteMsg::EnforceExclusion { member: String },
    execute_sync_token: ExecuteMsg::SyncToken { member: String },
    execute_commit_draw: ExecuteMsg::CommitDraw {
        council_id: u64,
        size: u32,
        max_per_subcouncil: Option<u32>,
        purpose: String,
        deal_id: Option<u64>,
    },
    execute_reveal_draw: ExecuteMsg::RevealDraw { panel_id: u64, signature: HexBinary },
    execute_update_config: ExecuteMsg::UpdateConfig {
        sanction_authority: Option<Authority>,
        appeal_authority: Option<Authority>,
        appeal_window_seconds: Option<u64>,
        max_delegation_depth: Option<u8>,
        draw_requesters: Option<Vec<String>>,
        escrow: Option<String>,
        limits: Option<Limits>,
    },
    execute_update_charter: ExecuteMsg::UpdateCharter { council_id: u64, grants: Option<Vec<Grant>> },
    grant_execute: Grant::Execute { contract: Option<Addr>, actions: Option<Vec<String>> },
    grant_admin: Grant::Admin { contract: Option<Addr> },
    grant_self_call: Grant::SelfCall { actions: Option<Vec<String>> },
    execute_set_token: ExecuteMsg::SetToken { token: Option<String> },
    execute_update_roles: ExecuteMsg::UpdateRoles {
        head: Option<String>,
        gatekeepers: Option<Vec<String>>,
        monitors: Option<Vec<String>>,
    },
    execute_create_council: ExecuteMsg::CreateCouncil { council: NewCouncil },
    execute_update_council: ExecuteMsg::UpdateCouncil {
        council_id: u64,
        name: Option<String>,
        executive: Option<bool>,
        rules: Option<VotingRules>,
    },
    execute_elect_delegate: ExecuteMsg::ElectDelegate { council_id: u64, member: String },
    execute_recall_delegate: ExecuteMsg::RecallDelegate { council_id: u64, member: String },
    execute_run_passed: ExecuteMsg::RunPassed { proposal_id: u64 },
    query_member: QueryMsg::Member { addr: String, at_height: Option<u64> },
    query_list_members: QueryMsg::ListMembers { start_after: Option<String>, limit: Option<u32> },
    query_total_weight: QueryMsg::TotalWeight { at_height: Option<u64> },
    query_application: QueryMsg::Application { applicant: String },
    query_list_applications: QueryMsg::ListApplications {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    query_council: QueryMsg::Council { council_id: u64 },
    query_list_councils: QueryMsg::ListCouncils { start_after: Option<u64>, limit: Option<u32> },
    query_council_member: QueryMsg::CouncilMember {
        council_id: u64,
        addr: String,
        at_height: Option<u64>,
    },
    query_list_council_members: QueryMsg::ListCouncilMembers {
        council_id: u64,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    query_proposal: QueryMsg::Proposal { proposal_id: u64 },
    query_list_proposals: QueryMsg::ListProposals {
        status: Option<ProposalStatus>,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    query_vote: QueryMsg::Vote { proposal_id: u64, chamber: Option<u8>, voter: String },
    query_list_votes: QueryMsg::ListVotes {
        proposal_id: u64,
        chamber: Option<u8>,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    query_delegation: QueryMsg::Delegation { council_id: u64, topic: String, member: String },
    query_list_delegations: QueryMsg::ListDelegations {
        member: String,
        start_after: Option<(u64, String)>,
        limit: Option<u32>,
    },
    query_panel: QueryMsg::Panel { id: u64 },
    query_list_panels: QueryMsg::ListPanels { start_after: Option<u64>, limit: Option<u32> },
    query_standing: QueryMsg::Standing { member: String },
    query_report: QueryMsg::Report { report_id: u64 },
    query_list_reports: QueryMsg::ListReports { start_after: Option<u64>, limit: Option<u32> },
    query_pending_token_syncs: QueryMsg::PendingTokenSyncs {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    query_sanction: QueryMsg::Sanction { sanction_id: u64 },
    query_list_sanctions: QueryMsg::ListSanctions {
        member: Option<String>,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    seat_delegate: Seat::Delegate { of: u64 },
    report_status_sanctioned: ReportStatus::Sanctioned { sanction_id: u64 },
}
