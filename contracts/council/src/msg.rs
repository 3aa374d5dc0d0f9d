//! Messages of the council contract: the node's constitution. Membership answers the cw4 queries
//! (`Member`, `ListMembers`, `TotalWeight`) with the same JSON as `cw4::Cw4QueryMsg`, so every
//! other contract reads who is a member from here.

use cosmwasm_schema::QueryResponses;
use cosmwasm_std::{Addr, CosmosMsg, Decimal, HexBinary, Timestamp};
use dac_common::dac_serde;
pub use dac_common::mesh::{Arrival, DepartureRecord};
// Named only by `#[returns]`, which the wasm build does not expand.
#[cfg(not(target_arch = "wasm32"))]
use cw4::{MemberListResponse, MemberResponse, TotalWeightResponse};

/// Workers' councils plan production; consumers' councils plan consumption.
#[dac_serde]
#[derive(Copy, Eq, PartialOrd, Ord)]
pub enum CouncilKind {
    Workers,
    Consumers,
}

/// When a chamber passes a proposal. Shares are compared strictly ("more than"), so a tie
/// never passes and rounding never favours passing.
#[dac_serde]
pub enum Threshold {
    /// The winning option needs more than `percentage` of the whole electorate.
    AbsolutePercentage { percentage: Decimal },
    /// At least `quorum` of the electorate takes part (abstentions count), and the winning
    /// option gets more than `threshold` of the votes that are not abstentions.
    ThresholdQuorum { threshold: Decimal, quorum: Decimal },
}

#[dac_serde]
pub struct VotingRules {
    pub voting_period_seconds: u64,
    /// A proposal cannot close early before this, even when its outcome is already certain.
    pub min_voting_period_seconds: u64,
    pub threshold: Threshold,
    /// Voters may change their vote while the proposal is open (then it never closes early).
    pub allow_revoting: bool,
}

#[dac_serde]
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
#[dac_serde]
pub enum Authority {
    /// The Ostrom head of the node.
    Head,
    /// A passed proposal one of whose chambers is this council.
    Council { council_id: u64 },
}

#[dac_serde]
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
#[dac_serde]
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
#[dac_serde]
pub enum Grant {
    /// Bank sends and burns of the council's coins, coins attached to wasm calls, and the node
    /// token's `transfer`, `send` and `burn`.
    Treasury {},
    /// Wasm execute on `contract` (any other contract when `None`; instantiating needs this
    /// with neither limit), limited to these top-level message names when given.
    Execute {
        contract: Option<Addr>,
        actions: Option<Vec<String>>,
    },
    /// Wasm `Migrate`, `UpdateAdmin` and `ClearAdmin` on `contract` (any when `None`).
    Admin { contract: Option<Addr> },
    /// The council's own messages with these names (any when `None`), never `execute` or
    /// `run_passed`.
    SelfCall { actions: Option<Vec<String>> },
}

/// Options of a proposal. Abstaining is always possible and never counts as support.
#[dac_serde]
pub enum ProposalChoices {
    YesNo {},
    /// Between 2 and `MAX_CHOICES` options; the one with the most votes wins, a tie at the top
    /// wins nothing. Multiple-choice proposals carry no messages.
    Multiple {
        options: Vec<String>,
    },
}

/// A body that votes on a proposal.
#[dac_serde]
#[derive(Copy, Eq)]
pub enum Body {
    Council {
        council_id: u64,
    },
    /// A sortition panel; its members vote personally (no delegation). Its proposals carry at
    /// most the escrow ruling of the one dispute it was drawn for, until it expires.
    Panel {
        panel_id: u64,
    },
}

#[dac_serde]
pub enum VoteOption {
    Yes,
    No,
    Abstain,
    /// For multiple-choice proposals: the index of the option.
    Choice {
        index: u32,
    },
}

#[dac_serde]
pub enum ExecuteMsg {
    // ---- membership (Ostrom 1) ----
    /// Ask to join the node, and optionally some councils.
    Apply {
        statement: String,
        #[serde(default)]
        councils: Vec<u64>,
    },
    /// Gatekeeper: admit an applicant into the node and the councils they asked for.
    Admit {
        applicant: String,
    },
    /// Gatekeeper: refuse an application.
    Refuse {
        applicant: String,
        reason: String,
    },
    /// Gatekeeper: seat a node member in a council.
    AssignCouncil {
        member: String,
        council_id: u64,
    },
    /// Leave a council (and any delegate seat it gave you).
    LeaveCouncil {
        council_id: u64,
    },
    /// Leave the node: every council, delegation and basic income ends.
    Leave {},

    // ---- moving to another node (the node's relay only, then anyone) ----
    /// Relay only, as part of `member`'s move (their cw20 `send` of their whole balance to the
    /// relay with `move`): ends their membership as `leave` does, with the delegations given to
    /// them (up to 32; `release_delegations` the rest), tells the token in the same transaction
    /// (a token that refuses fails the move: no basic income after it), and tells
    /// `housing_registry` (the relay's) that they moved (`member_moved`).
    RecordDeparture {
        member: String,
        household_stays: bool,
        housing_registry: Option<String>,
    },
    /// Relay only: `newcomer` moved here from `node` (the relay's name for the channel the
    /// record came on) with this record, built by that node. One record per node and newcomer.
    RecordArrival {
        newcomer: String,
        node: String,
        record: DepartureRecord,
    },
    /// Anyone: ends up to `limit` (at most 32) delegations given to `member`, who is no longer a
    /// member; their givers keep their votes.
    ReleaseDelegations {
        member: String,
        limit: Option<u32>,
    },

    // ---- liquid democracy ----
    /// Give your vote on `topic` in `council_id` to another member of that council. Replaces
    /// your earlier delegation for that topic.
    Delegate {
        council_id: u64,
        topic: String,
        delegate: String,
    },
    Undelegate {
        council_id: u64,
        topic: String,
    },

    // ---- proposals ----
    Propose(ProposeMsg),
    /// Votes in every chamber of the proposal the sender belongs to.
    Vote {
        proposal_id: u64,
        option: VoteOption,
    },
    /// Anyone: record the final status once voting is over (or the outcome is certain).
    Close {
        proposal_id: u64,
    },
    /// Anyone: run a passed proposal's messages, within its execution window. A failure marks
    /// it `ExecutionFailed`, and it may be retried within the window.
    Execute {
        proposal_id: u64,
    },
    /// A member of the council: raise a passed proposal to the parent council instead of
    /// executing it.
    Escalate {
        proposal_id: u64,
    },

    // ---- Ostrom's monitoring, sanctions and appeals ----
    /// Monitor: report misconduct of a member.
    Report {
        member: String,
        description: String,
    },
    /// Sanction authority: raise the reported member's sanction level by one.
    Sanction {
        report_id: u64,
    },
    /// Sanction authority: close a report without sanction.
    DismissReport {
        report_id: u64,
    },
    /// The sanctioned member: appeal within the appeal window.
    Appeal {
        sanction_id: u64,
        grounds: String,
    },
    /// Appeal authority: an upheld appeal lowers the level by one.
    DecideAppeal {
        sanction_id: u64,
        uphold: bool,
    },
    /// Anyone: exclude a member at level 3 once the appeal window has passed with no appeal
    /// pending.
    EnforceExclusion {
        member: String,
    },
    /// Anyone: retry telling the demurrage token about a member whose last membership change
    /// it refused (listed by `pending_token_syncs`). Sends the membership as it is now.
    SyncToken {
        member: String,
    },

    // ---- sortition ----
    /// Executive proposal or a draw requester: freeze a council's members and the future drand
    /// round (after block time + `drand_margin_seconds`) whose beacon will draw a panel of
    /// `size` (at least `min_panel_size`).
    CommitDraw(CommitDrawMsg),
    /// Anyone: submit the drand quicknet signature of the committed round; the contract
    /// verifies it and draws the panel.
    RevealDraw {
        panel_id: u64,
        signature: HexBinary,
    },

    // ---- changed only by passed proposals (the contract calling itself) ----
    UpdateConfig(UpdateConfigMsg),
    /// What a non-executive council's passed proposals may send; `None` restores the default
    /// (electing and recalling its own delegates).
    UpdateCharter {
        council_id: u64,
        grants: Option<Vec<Grant>>,
    },
    /// `None` stops telling a token about membership.
    SetToken {
        token: Option<String>,
    },
    UpdateRoles {
        head: Option<String>,
        gatekeepers: Option<Vec<String>>,
        monitors: Option<Vec<String>>,
    },
    CreateCouncil {
        council: NewCouncil,
    },
    UpdateCouncil {
        council_id: u64,
        name: Option<String>,
        executive: Option<bool>,
        rules: Option<VotingRules>,
    },
    /// A child council seats one of its members in its parent council as its delegate.
    ElectDelegate {
        council_id: u64,
        member: String,
    },
    /// A child council recalls its delegate from the parent council.
    RecallDelegate {
        council_id: u64,
        member: String,
    },
    /// Internal: runs a passed proposal's messages inside one sub-message, so they succeed or
    /// fail together. Only the contract itself may send it.
    RunPassed {
        proposal_id: u64,
    },
}

#[dac_serde]
#[derive(Default)]
pub struct UpdateConfigMsg {
    pub sanction_authority: Option<Authority>,
    pub appeal_authority: Option<Authority>,
    pub appeal_window_seconds: Option<u64>,
    pub max_delegation_depth: Option<u8>,
    pub draw_requesters: Option<Vec<String>>,
    pub escrow: Option<String>,
    pub limits: Option<Limits>,
    /// The node's IBC relay, the only sender of `record_departure` and `record_arrival`.
    #[serde(default)]
    pub relay: Option<String>,
}

#[dac_serde]
pub struct CommitDrawMsg {
    pub council_id: u64,
    pub size: u32,
    /// At most this many panelists may hold a delegate seat of the same sub-council.
    pub max_per_subcouncil: Option<u32>,
    pub purpose: String,
    /// The escrow deal whose appeal or timed-out dispute the panel decides; its passed
    /// proposals may send only that deal's `panel_ruling`. Without one, a text-only panel.
    pub deal_id: Option<u64>,
}

#[dac_serde]
pub struct ProposeMsg {
    /// One council or panel, or a workers' and a consumers' council that must both pass it.
    /// Each message must be within some chamber's scope (see the README's scope table).
    pub chambers: Vec<Body>,
    pub title: String,
    pub topic: String,
    pub description: String,
    pub choices: ProposalChoices,
    #[serde(default)]
    pub msgs: Vec<CosmosMsg>,
}

#[dac_serde]
#[derive(Copy, Eq)]
pub enum ProposalStatus {
    Open,
    Passed,
    Rejected,
    Executed,
    ExecutionFailed,
    Escalated,
}

#[dac_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    // ---- cw4, same JSON as cw4::Cw4QueryMsg ----
    #[returns(MemberResponse)]
    Member {
        addr: String,
        at_height: Option<u64>,
    },
    #[returns(MemberListResponse)]
    ListMembers {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(TotalWeightResponse)]
    TotalWeight { at_height: Option<u64> },

    #[returns(ConfigResponse)]
    Config {},
    #[returns(ApplicationResponse)]
    Application { applicant: String },
    #[returns(ListApplicationsResponse)]
    ListApplications {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    /// What this node would send about `member` if they moved now (refused for a non-member).
    #[returns(DepartureRecord)]
    DepartureRecord { member: String },
    /// The departure records other nodes sent for `applicant`, by node.
    #[returns(ArrivalsResponse)]
    Arrivals {
        applicant: String,
        start_after: Option<String>,
        limit: Option<u32>,
    },

    #[returns(CouncilResponse)]
    Council { council_id: u64 },
    #[returns(ListCouncilsResponse)]
    ListCouncils {
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(CouncilMemberResponse)]
    CouncilMember {
        council_id: u64,
        addr: String,
        at_height: Option<u64>,
    },
    #[returns(ListCouncilMembersResponse)]
    ListCouncilMembers {
        council_id: u64,
        start_after: Option<String>,
        limit: Option<u32>,
    },

    #[returns(ProposalResponse)]
    Proposal { proposal_id: u64 },
    /// Filters on the stored status; `Close` stores the final one.
    #[returns(ListProposalsResponse)]
    ListProposals {
        status: Option<ProposalStatus>,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(VoteResponse)]
    Vote {
        proposal_id: u64,
        chamber: Option<u8>,
        voter: String,
    },
    #[returns(ListVotesResponse)]
    ListVotes {
        proposal_id: u64,
        chamber: Option<u8>,
        start_after: Option<String>,
        limit: Option<u32>,
    },

    #[returns(DelegationResponse)]
    Delegation {
        council_id: u64,
        topic: String,
        member: String,
    },
    /// The delegations a member has given.
    #[returns(ListDelegationsResponse)]
    ListDelegations {
        member: String,
        start_after: Option<(u64, String)>,
        limit: Option<u32>,
    },
    /// Who delegates to `delegate`: per council and giver, the topics given. Delegations given
    /// before release 0.2.0 show once their giver delegates again (or undelegates).
    #[returns(ListDelegatorsResponse)]
    ListDelegators {
        delegate: String,
        start_after: Option<(u64, String)>,
        limit: Option<u32>,
    },

    #[returns(PanelResponse)]
    Panel { id: u64 },
    #[returns(ListPanelsResponse)]
    ListPanels {
        start_after: Option<u64>,
        limit: Option<u32>,
    },

    #[returns(StandingResponse)]
    Standing { member: String },
    #[returns(ReportResponse)]
    Report { report_id: u64 },
    #[returns(ListReportsResponse)]
    ListReports {
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    /// Members whose last membership change the demurrage token refused (retry: `sync_token`).
    #[returns(PendingTokenSyncsResponse)]
    PendingTokenSyncs {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(SanctionResponse)]
    Sanction { sanction_id: u64 },
    /// All sanctions, or one member's.
    #[returns(ListSanctionsResponse)]
    ListSanctions {
        member: Option<String>,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
}

#[dac_serde]
pub struct MigrateMsg {}

#[dac_serde]
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
    pub relay: Option<Addr>,
}

#[dac_serde]
pub struct ApplicationResponse {
    pub applicant: Addr,
    pub statement: String,
    pub councils: Vec<u64>,
    pub filed_at: Timestamp,
    /// Where the applicant moved from: the first departure records other nodes sent for them
    /// (`arrivals` lists them all).
    pub arrivals: Vec<Arrival>,
}

#[dac_serde]
pub struct ArrivalsResponse {
    pub arrivals: Vec<Arrival>,
}

#[dac_serde]
pub struct ListApplicationsResponse {
    pub applications: Vec<ApplicationResponse>,
}

#[dac_serde]
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

#[dac_serde]
pub struct ListCouncilsResponse {
    pub councils: Vec<CouncilResponse>,
}

/// How a member sits in a council.
#[dac_serde]
#[derive(Copy, Eq)]
pub enum Seat {
    Direct,
    /// Elected by the child council `of` (recallable).
    Delegate {
        of: u64,
    },
}

#[dac_serde]
pub struct CouncilMemberResponse {
    pub seat: Option<Seat>,
}

#[dac_serde]
pub struct CouncilSeat {
    pub addr: Addr,
    pub seat: Seat,
}

#[dac_serde]
pub struct ListCouncilMembersResponse {
    pub members: Vec<CouncilSeat>,
}

#[dac_serde]
pub struct ChamberResponse {
    pub body: Body,
    /// Members entitled to vote, frozen at creation.
    pub electorate: u64,
    pub rules: VotingRules,
    /// Votes per option (members whose will is carried), abstentions last.
    pub tally: Vec<u64>,
}

#[dac_serde]
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

#[dac_serde]
pub struct ListProposalsResponse {
    pub proposals: Vec<ProposalResponse>,
}

#[dac_serde]
pub struct BallotResponse {
    pub voter: Addr,
    pub chamber: u8,
    pub option: VoteOption,
    /// How many members' will this direct vote carries (the voter plus delegators whose chain
    /// ends here and who did not vote themselves).
    pub weight: u64,
}

#[dac_serde]
pub struct VoteResponse {
    pub ballot: Option<BallotResponse>,
}

#[dac_serde]
pub struct ListVotesResponse {
    pub votes: Vec<BallotResponse>,
}

#[dac_serde]
pub struct DelegationResponse {
    pub delegate: Option<Addr>,
    /// Members whose delegation chain on this topic passes through `member` (not counting them).
    pub delegated_to_member: u64,
    /// The longest chain below `member`.
    pub depth_below: u32,
}

#[dac_serde]
pub struct DelegationEntry {
    pub council_id: u64,
    pub topic: String,
    pub delegate: Addr,
}

#[dac_serde]
pub struct ListDelegationsResponse {
    pub delegations: Vec<DelegationEntry>,
}

#[dac_serde]
pub struct DelegatorEntry {
    pub council_id: u64,
    pub delegator: Addr,
    pub topics: Vec<String>,
}

#[dac_serde]
pub struct ListDelegatorsResponse {
    pub delegators: Vec<DelegatorEntry>,
}

#[dac_serde]
#[derive(Copy, Eq)]
pub enum PanelStatus {
    /// Waiting for the beacon of `round`.
    Committed,
    Drawn,
}

#[dac_serde]
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

#[dac_serde]
pub struct ListPanelsResponse {
    pub panels: Vec<PanelResponse>,
}

#[dac_serde]
pub struct StandingResponse {
    pub member: Addr,
    pub is_member: bool,
    /// 0 none, 1 may not propose, 2 may not vote or delegate, 3 exclusion after the window.
    pub sanction_level: u8,
    pub exclusion_due: Option<Timestamp>,
    pub pending_appeals: u32,
    pub excluded: bool,
}

#[dac_serde]
pub enum ReportStatus {
    Open,
    Sanctioned { sanction_id: u64 },
    Dismissed,
}

#[dac_serde]
pub struct ReportResponse {
    pub id: u64,
    pub monitor: Addr,
    pub member: Addr,
    pub description: String,
    pub filed_at: Timestamp,
    pub status: ReportStatus,
}

#[dac_serde]
pub struct ListReportsResponse {
    pub reports: Vec<ReportResponse>,
}

#[dac_serde]
pub struct AppealRecord {
    pub grounds: String,
    pub filed_at: Timestamp,
    /// `None` while pending; `Some(true)` when upheld.
    pub upheld: Option<bool>,
}

#[dac_serde]
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

#[dac_serde]
pub struct PendingTokenSync {
    pub member: Addr,
    /// Whether the retry adds (a member now) or removes them.
    pub is_member: bool,
}

#[dac_serde]
pub struct PendingTokenSyncsResponse {
    pub pending: Vec<PendingTokenSync>,
}

#[dac_serde]
pub struct ListSanctionsResponse {
    pub sanctions: Vec<SanctionResponse>,
}
