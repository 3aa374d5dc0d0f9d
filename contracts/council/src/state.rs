//! Storage. Everything an open proposal reads about membership and delegation is a snapshot
//! (`dac_common::snapshot`: cw-storage-plus's every-block snapshots), read at the proposal's
//! creation height: the state at the start of that block, so joins, leaves and delegations after
//! creation never change who votes on it or how much a vote carries.

use cosmwasm_std::{Addr, CosmosMsg, StdResult, Storage, Timestamp};
use cw_storage_plus::{Item, Map};
use dac_common::codec::BinMap;
use dac_common::dac_serde;
use dac_common::mesh::Arrival;
use dac_common::snapshot::{SnapshotItem, SnapshotMap};
use dac_common::store::{LeanItem, LeanMap};

use crate::msg::{
    AppealRecord, Authority, Body, CouncilKind, Grant, Limits, PanelStatus, ProposalChoices,
    ProposalStatus, ReportStatus, Seat, VoteOption, VotingRules,
};

// ---- bounds: no execute path may grow with the number of members ----
pub const MAX_ROLE_HOLDERS: usize = 10;
pub const MAX_FOUNDERS: usize = 100;
pub const MAX_INITIAL_SEATS: usize = 100;
pub const MAX_INITIAL_COUNCILS: usize = 20;
pub const MAX_COUNCILS_PER_MEMBER: usize = 8;
pub const MAX_DELEGATIONS_PER_MEMBER: u32 = 16;
pub const MAX_DELEGATES_PER_CHILD: u32 = 10;
/// No configuration may allow longer delegation chains than this.
pub const HARD_MAX_DELEGATION_DEPTH: u8 = 8;
pub const MAX_CHOICES: usize = 10;
pub const MAX_PROPOSAL_MSGS: usize = 10;
pub const MAX_TITLE_LEN: usize = 140;
pub const MAX_TOPIC_LEN: usize = 64;
pub const MAX_TEXT_LEN: usize = 4000;
pub const MAX_PANEL_SIZE: u32 = 25;
/// A draw examines at most this many candidates (stratification may skip some).
pub const MAX_DRAW_STEPS: u64 = 200;
pub const MAX_DRAW_REQUESTERS: usize = 8;
pub const MAX_GRANTS: usize = 16;
pub const MAX_GRANT_ACTIONS: usize = 16;
/// Hard bounds of `Limits` (inclusive).
pub const MAX_OPEN_PROPOSALS_CAP: u32 = 50;
pub const EXECUTION_WINDOW_BOUNDS: (u64, u64) = (3_600, 365 * 86_400);
pub const PANEL_SECONDS_BOUNDS: (u64, u64) = (3_600, 365 * 86_400);
pub const DRAND_MARGIN_BOUNDS: (u64, u64) = (60, 86_400);

#[dac_serde]
pub struct Config {
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
    /// Configs stored before these fields read as no escrow and the default limits.
    #[serde(default)]
    pub escrow: Option<Addr>,
    #[serde(default)]
    pub limits: Limits,
    /// The node's IBC relay: the only sender of `record_departure` and `record_arrival`.
    #[serde(default)]
    pub relay: Option<Addr>,
}

pub const CONFIG: LeanItem<Config> = LeanItem::new("config");

// ---- node membership (cw4: weight 1 per member) ----
pub const MEMBERS: SnapshotMap<&Addr, u64> = SnapshotMap::new("members", "members__changelog");
pub const TOTAL: SnapshotItem<u64> = SnapshotItem::new("total", "total__changelog");

#[dac_serde]
pub struct Application {
    pub statement: String,
    pub councils: Vec<u64>,
    pub filed_at: Timestamp,
}

pub const APPLICATIONS: LeanMap<&Addr, Application> = LeanMap::new("applications");
/// member -> when they were admitted (absent for members admitted before it was kept).
pub const MEMBER_SINCE: LeanMap<&Addr, Timestamp> = LeanMap::new("member_since");
/// (newcomer, node they left) -> their departure record from that node. Written once: a second
/// record from the same node for the same address is refused, so none is overwritten.
pub const ARRIVALS: LeanMap<(&Addr, &str), Arrival> = LeanMap::new("arrivals");
/// How many departure records an application's listing shows (`arrivals` pages the rest).
pub const MAX_ARRIVALS_SHOWN: usize = 4;
/// Members whose last membership change the demurrage token refused: one entry per member
/// (the retry sends their membership as it is then).
pub const PENDING_TOKEN_SYNC: Map<&Addr, ()> = Map::new("pending_token_sync");

// ---- councils ----
#[dac_serde]
pub struct Council {
    pub id: u64,
    pub name: String,
    pub kind: CouncilKind,
    pub parent: Option<u64>,
    pub executive: bool,
    pub rules: VotingRules,
}

pub const COUNCILS: LeanMap<u64, Council> = LeanMap::new("councils");
/// council -> what its passed proposals may send while it is not executive (absent: the
/// default charter, its own delegate elections).
pub const CHARTERS: LeanMap<u64, Vec<Grant>> = LeanMap::new("charters");
pub const COUNCIL_COUNT: Item<u64> = Item::new("council_count");

/// (council, member) -> seat.
pub const COUNCIL_SEATS: SnapshotMap<(u64, &Addr), Seat> =
    SnapshotMap::new("seats", "seats__changelog");
/// council -> number of seated members.
pub const COUNCIL_SIZE: SnapshotMap<u64, u64> =
    SnapshotMap::new("council_size", "council_size__changelog");
/// (council, position) -> member: a dense roster (swap-remove on leave) so sortition can pick
/// the i-th candidate of a frozen snapshot in O(1).
pub const ROSTER: SnapshotMap<(u64, u64), Addr> = SnapshotMap::new("roster", "roster__changelog");
/// (council, member) -> position in `ROSTER` now.
pub const ROSTER_POSITION: LeanMap<(u64, &Addr), u64> = LeanMap::new("roster_position");
/// (member, council): the councils a member sits in now (at most `MAX_COUNCILS_PER_MEMBER`).
pub const MEMBER_COUNCILS: Map<(&Addr, u64), ()> = Map::new("member_councils");
/// child council -> number of delegates it seats in its parent.
pub const DELEGATE_COUNT: LeanMap<u64, u32> = LeanMap::new("delegate_count");

// ---- liquid democracy: one delegation forest per (council, topic) ----
/// (council, topic, delegator) -> delegate.
pub const DELEGATIONS: SnapshotMap<(u64, &str, &Addr), Addr> =
    SnapshotMap::new("delegations", "delegations__changelog");
/// (council, topic, member) -> how many members' chains pass through `member` (excluding
/// `member`). A direct vote carries `1 + this`, less what delegators voting directly claimed.
pub const DELEGATED_POWER: SnapshotMap<(u64, &str, &Addr), u64> =
    SnapshotMap::new("delegated_power", "delegated_power__changelog");
/// (council, topic, member) -> `profile[i]` = delegators at distance `i + 1` below `member`.
/// Its length bounds the depth below, which keeps every chain within `max_delegation_depth`.
pub const DEPTH_PROFILE: LeanMap<(u64, &str, &Addr), Vec<u64>> = LeanMap::new("depth_profile");
/// (member, council, topic) -> delegate: what a member has given, to undo it when they leave.
pub const OUTGOING: LeanMap<(&Addr, u64, &str), Addr> = LeanMap::new("outgoing");
pub const OUTGOING_COUNT: LeanMap<&Addr, u32> = LeanMap::new("outgoing_count");
/// (delegate, council, delegator) -> the topics on which `delegator` gives their vote to
/// `delegate` (at most `MAX_DELEGATIONS_PER_MEMBER`): how a departed member's incoming
/// delegations are found. Kept since release 0.2; older delegations are not in it.
pub const INCOMING: LeanMap<(&Addr, u64, &Addr), Vec<String>> = LeanMap::new("incoming");
/// Incoming delegations one departure or `release_delegations` call ends, at most.
pub const MAX_RELEASED_PER_CALL: u32 = 32;

// ---- proposals ----
#[dac_serde]
pub struct Chamber {
    pub body: Body,
    pub electorate: u64,
    pub rules: VotingRules,
    /// One entry per option, abstentions last.
    pub tally: Vec<u64>,
    /// Per option, the part of `tally` that direct votes carry for delegators who have not
    /// voted: each may still vote and take their weight elsewhere, so an early close must not
    /// count it as decided. Empty on proposals stored before it existed (never closed early).
    #[serde(default)]
    pub delegated: Vec<u64>,
}

/// What a vote needs of a proposal's choices: how many options (their texts stay in
/// `ProposalText`). Stored as one number, 0 for yes/no (a multiple choice has at least 2): an
/// enum's JSON reader would cost ~2 KiB of wasm.
#[derive(
    Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(from = "u32", into = "u32")]
pub enum ChoiceKind {
    YesNo,
    Multiple { options: u32 },
}

impl From<u32> for ChoiceKind {
    fn from(options: u32) -> Self {
        match options {
            0 => ChoiceKind::YesNo,
            options => ChoiceKind::Multiple { options },
        }
    }
}

impl dac_common::de::FromJson for ChoiceKind {
    fn from_json(value: dac_common::de::Value) -> Result<Self, dac_common::de::JsonError> {
        u32::from_json(value).map(ChoiceKind::from)
    }
}

impl dac_common::json::ToJson for ChoiceKind {
    fn write_json(&self, out: &mut Vec<u8>) {
        u32::from(*self).write_json(out);
    }
}

impl From<ChoiceKind> for u32 {
    fn from(choices: ChoiceKind) -> Self {
        match choices {
            ChoiceKind::YesNo => 0,
            ChoiceKind::Multiple { options } => options,
        }
    }
}

impl From<&ProposalChoices> for ChoiceKind {
    fn from(choices: &ProposalChoices) -> Self {
        match choices {
            ProposalChoices::YesNo {} => ChoiceKind::YesNo,
            ProposalChoices::Multiple { options } => ChoiceKind::Multiple {
                options: options.len() as u32,
            },
        }
    }
}

/// The part of a proposal that voting, closing and execution read and write. Everything whose
/// size the proposer chooses (title, description, option texts, messages) is in `ProposalText`,
/// written once, so a vote costs the same however long the proposal is.
#[dac_serde]
pub struct Proposal {
    pub id: u64,
    /// Bounded by `MAX_TOPIC_LEN`; a vote needs it to follow delegations.
    pub topic: String,
    pub choices: ChoiceKind,
    /// Whether `ProposalText::msgs` is non-empty, so executing need not read them.
    pub has_msgs: bool,
    pub chambers: Vec<Chamber>,
    pub start_height: u64,
    pub start_time: Timestamp,
    pub earliest_close: Timestamp,
    pub expires: Timestamp,
    pub status: ProposalStatus,
    pub outcome: Option<u32>,
    pub escalated_from: Option<u64>,
    pub escalated_to: Option<u64>,
    pub execution_error: Option<String>,
}

/// A proposal's write-once part: read by queries, escalation and `RunPassed`, never by a vote.
#[dac_serde]
pub struct ProposalText {
    pub title: String,
    pub description: String,
    pub proposer: Addr,
    pub choices: ProposalChoices,
    pub msgs: Vec<CosmosMsg>,
}

pub fn status_key(status: ProposalStatus) -> u8 {
    match status {
        ProposalStatus::Open => 0,
        ProposalStatus::Passed => 1,
        ProposalStatus::Rejected => 2,
        ProposalStatus::Executed => 3,
        ProposalStatus::ExecutionFailed => 4,
        ProposalStatus::Escalated => 5,
    }
}

/// Voting records, rewritten by every vote: in postcard after `codec::MARK` from layout 2 on (a
/// yes/no record of one chamber is about 110 bytes instead of 550 in JSON, and storage gas is
/// charged per byte). Layout 1's JSON records still read; each is rewritten in postcard at its
/// next vote or status change.
pub const PROPOSALS: BinMap<u64, Proposal> = BinMap::new("proposals");
/// (status key, id): the proposals in each status, under the keys cw-storage-plus's `MultiIndex`
/// gave them in layout 1 (its value, the length of the id's key, is kept too).
pub const PROPOSALS_BY_STATUS: LeanMap<(u8, u64), u32> = LeanMap::new("proposals__status");
const ID_KEY_LEN: u32 = 8;

pub fn may_load_proposal(storage: &dyn Storage, id: u64) -> StdResult<Option<Proposal>> {
    PROPOSALS.may_load_marked(storage, id)
}

/// Saves a proposal loaded with `stored_status`. While the status stays (a vote), its index
/// entry is already right: only the record is written. When it changes, the index needs only
/// the old status, so the stored record is not read back either.
pub fn save_proposal(
    storage: &mut dyn Storage,
    proposal: &Proposal,
    stored_status: ProposalStatus,
) -> StdResult<()> {
    if proposal.status != stored_status {
        PROPOSALS_BY_STATUS.remove(storage, (status_key(stored_status), proposal.id));
        index_status(storage, proposal)?;
    }
    PROPOSALS.save_marked(storage, proposal.id, proposal)
}

/// Saves a proposal that has no record yet (its id was just handed out): nothing to read back.
pub fn save_first_proposal(storage: &mut dyn Storage, proposal: &Proposal) -> StdResult<()> {
    index_status(storage, proposal)?;
    PROPOSALS.save_marked(storage, proposal.id, proposal)
}

fn index_status(storage: &mut dyn Storage, proposal: &Proposal) -> StdResult<()> {
    PROPOSALS_BY_STATUS.save(
        storage,
        (status_key(proposal.status), proposal.id),
        &ID_KEY_LEN,
    )
}

pub const PROPOSAL_TEXTS: LeanMap<u64, ProposalText> = LeanMap::new("proposal_texts");
pub const PROPOSAL_COUNT: Item<u64> = Item::new("proposal_count");

#[dac_serde]
pub struct Ballot {
    pub option: VoteOption,
    pub weight: u64,
}

/// (proposal, chamber, voter) -> direct vote.
pub const BALLOTS: LeanMap<(u64, u8, &Addr), Ballot> = LeanMap::new("ballots");
/// (proposal, chamber, member) -> members below `member` whose will is now carried by a direct
/// vote cast strictly below `member` (so `member`'s own vote must not carry them).
pub const CLAIMED: LeanMap<(u64, u8, &Addr), u64> = LeanMap::new("claimed");
/// The proposal whose messages are running (set by `RunPassed`, removed in the reply to it at
/// the end of every run): self-calls are authorized by the chambers of this proposal.
pub const EXECUTING: LeanItem<u64> = LeanItem::new("executing");
/// The proposal `Execute` just handed to `RunPassed`: a one-shot ticket `RunPassed` consumes.
pub const RUN_TICKET: LeanItem<u64> = LeanItem::new("run_ticket");
/// member -> ids of the proposals they made whose voting may be open, pruned on each new
/// proposal; at most `max_open_proposals_per_member` entries.
pub const OPEN_PROPOSALS: LeanMap<&Addr, Vec<u64>> = LeanMap::new("open_proposals");

// ---- Ostrom: monitoring, sanctions, appeals ----
#[dac_serde]
#[derive(Default)]
pub struct Standing {
    pub level: u8,
    pub exclusion_due: Option<Timestamp>,
    pub pending_appeals: u32,
    pub excluded: bool,
}

pub const STANDING: LeanMap<&Addr, Standing> = LeanMap::new("standing");

#[dac_serde]
pub struct Report {
    pub id: u64,
    pub monitor: Addr,
    pub member: Addr,
    pub description: String,
    pub filed_at: Timestamp,
    pub status: ReportStatus,
}

pub const REPORTS: LeanMap<u64, Report> = LeanMap::new("reports");
pub const REPORT_COUNT: Item<u64> = Item::new("report_count");

#[dac_serde]
pub struct SanctionRecord {
    pub id: u64,
    pub member: Addr,
    pub report_id: u64,
    pub level: u8,
    pub imposed_at: Timestamp,
    pub appeal_deadline: Timestamp,
    pub appeal: Option<AppealRecord>,
}

pub const SANCTIONS: LeanMap<u64, SanctionRecord> = LeanMap::new("sanctions");
pub const SANCTION_COUNT: Item<u64> = Item::new("sanction_count");
pub const MEMBER_SANCTIONS: Map<(&Addr, u64), ()> = Map::new("member_sanctions");

// ---- sortition ----
#[dac_serde]
pub struct Panel {
    pub id: u64,
    pub council_id: u64,
    pub purpose: String,
    pub requested_by: Addr,
    pub size: u32,
    pub max_per_subcouncil: Option<u32>,
    pub snapshot_height: u64,
    pub candidates: u64,
    pub round: u64,
    pub status: PanelStatus,
    pub randomness: Option<String>,
    pub members: Vec<Addr>,
    /// The escrow deal it decides (`None`: a text-only panel).
    #[serde(default)]
    pub deal_id: Option<u64>,
    /// Panels stored before expiry existed read as expired (0).
    #[serde(default)]
    pub expires: Timestamp,
    /// The escrow's panel deadline of the dispute it was drawn for: it names the dispute stage,
    /// so the panel can't rule on a later dispute of the same deal.
    #[serde(default)]
    pub panel_by: Option<Timestamp>,
}

pub const PANELS: LeanMap<u64, Panel> = LeanMap::new("panels");
/// escrow deal -> the latest panel committed for it (one live panel per dispute).
pub const DEAL_PANELS: LeanMap<u64, u64> = LeanMap::new("deal_panels");
pub const PANEL_COUNT: Item<u64> = Item::new("panel_count");

// Counters hold the last id handed out.
pub use dac_common::ids::next_id;
