use cosmwasm_std::{Addr, Api, Order, StdResult, Storage, Timestamp, Uint128, Uint256};
use cw_storage_plus::{Item, Map};
use dac_common::admin::Admin;
use dac_common::dac_serde;
use dac_common::pagination::{after, clamp_limit, page};

use crate::attributes as attr;
use crate::codec::{Addressed, BinItem, BinMap, Encoding};
use crate::error::ContractError;
use crate::msg::{Milestone, Ruling, StatusKey};

/// At most this many parties in a pool, proposer and counterparty included.
pub const MAX_POOL_MEMBERS: usize = 20;
pub const MAX_MILESTONES: usize = 12;
pub const MAX_DESCRIPTION: usize = 1024;
pub const MAX_REASON: usize = 512;
/// The longest preimage an information sale's seller may reveal (the information itself, or
/// a key to it).
pub const MAX_PREIMAGE: usize = 1024;
/// The longest any single step (grace, ruling, appeal, panel) may last.
pub const MAX_STEP_SECONDS: u64 = 365 * 24 * 3600;

#[dac_serde]
pub struct Config {
    pub token: Addr,
    pub council: Option<Addr>,
    pub panel_seconds: u64,
}

/// What a deal is held in. Token deals own vault shares; native deals hold plain amounts.
#[dac_serde]
pub enum Asset {
    Token { address: Addr },
    Native { denom: String },
}

impl Asset {
    pub fn label(&self) -> String {
        match self {
            Asset::Token { address } => address.to_string(),
            Asset::Native { denom } => denom.clone(),
        }
    }
}

#[dac_serde]
pub enum Role {
    Proposer,
    Counterparty,
    Member,
    Arbitrator,
}

impl Role {
    pub fn as_str(&self) -> &'static str {
        match self {
            Role::Proposer => attr::ROLE_PROPOSER,
            Role::Counterparty => attr::ROLE_COUNTERPARTY,
            Role::Member => attr::ROLE_MEMBER,
            Role::Arbitrator => attr::ROLE_ARBITRATOR,
        }
    }
}

/// One depositor's pot in a deal: the stake it must deposit and what it holds now
/// (vault shares for token deals, a plain amount for native deals).
#[dac_serde]
pub struct Pot {
    pub address: Addr,
    pub role: Role,
    #[serde(with = "dac_common::compact")]
    pub stake: Uint128,
    #[serde(with = "dac_common::compact")]
    pub units: Uint256,
    pub signed: bool,
}

#[dac_serde]
pub enum DealKind {
    Forward {},
    Loan {
        #[serde(with = "dac_common::compact")]
        interest: Uint128,
    },
    Service {
        milestones: Vec<Milestone>,
    },
    Insurance {},
    Pool {},
    TradeShipment {
        attestor: Addr,
    },
    /// `commitment` is lowercase hex; `preimage` is what the seller revealed (none yet).
    InformationSale {
        commitment: String,
        preimage: Option<String>,
    },
}

impl DealKind {
    pub fn label(&self) -> &'static str {
        match self {
            DealKind::Forward {} => attr::KIND_FORWARD,
            DealKind::Loan { .. } => attr::KIND_LOAN,
            DealKind::Service { .. } => attr::KIND_SERVICE,
            DealKind::Insurance {} => attr::KIND_INSURANCE,
            DealKind::Pool {} => attr::KIND_POOL,
            DealKind::TradeShipment { .. } => attr::KIND_TRADE_SHIPMENT,
            DealKind::InformationSale { .. } => attr::KIND_INFORMATION_SALE,
        }
    }

    /// Loans and pools settle on on-chain conditions only; the others can be disputed.
    pub fn is_disputable(&self) -> bool {
        !matches!(self, DealKind::Loan { .. } | DealKind::Pool {})
    }
}

#[dac_serde]
pub enum Outcome {
    Withdrawn {},
    Expired {},
    Settled {},
    Defaulted { by: Addr },
    Ruled { ruling: Ruling, by_panel: bool },
    Refunded {},
}

impl Outcome {
    pub fn label(&self) -> &'static str {
        match self {
            Outcome::Withdrawn {} => attr::OUTCOME_WITHDRAWN,
            Outcome::Expired {} => attr::OUTCOME_EXPIRED,
            Outcome::Settled {} => attr::OUTCOME_SETTLED,
            Outcome::Defaulted { .. } => attr::OUTCOME_DEFAULTED,
            Outcome::Ruled { .. } => attr::OUTCOME_RULED,
            Outcome::Refunded {} => attr::OUTCOME_REFUNDED,
        }
    }
}

/// Every open status carries the deadline after which `Advance` moves the deal on.
#[dac_serde]
pub enum Status {
    Proposed {},
    Active {},
    Disputed {
        #[serde(with = "dac_common::compact")]
        rule_by: Timestamp,
    },
    Ruled {
        #[serde(with = "dac_common::compact")]
        appeal_by: Timestamp,
    },
    Appealed {
        #[serde(with = "dac_common::compact")]
        panel_by: Timestamp,
    },
    AwaitingPanel {
        #[serde(with = "dac_common::compact")]
        panel_by: Timestamp,
    },
    Closed {
        outcome: Outcome,
    },
}

impl Status {
    pub fn key(&self) -> StatusKey {
        match self {
            Status::Proposed {} => StatusKey::Proposed,
            Status::Active {} => StatusKey::Active,
            Status::Disputed { .. } => StatusKey::Disputed,
            Status::Ruled { .. } => StatusKey::Ruled,
            Status::Appealed { .. } => StatusKey::Appealed,
            Status::AwaitingPanel { .. } => StatusKey::AwaitingPanel,
            Status::Closed { .. } => StatusKey::Closed,
        }
    }
}

impl StatusKey {
    pub fn as_str(&self) -> &'static str {
        match self {
            StatusKey::Proposed => attr::STATUS_PROPOSED,
            StatusKey::Active => attr::STATUS_ACTIVE,
            StatusKey::Disputed => attr::STATUS_DISPUTED,
            StatusKey::Ruled => attr::STATUS_RULED,
            StatusKey::Appealed => attr::STATUS_APPEALED,
            StatusKey::AwaitingPanel => attr::STATUS_AWAITING_PANEL,
            StatusKey::Closed => attr::STATUS_CLOSED,
        }
    }

    fn index(&self) -> u8 {
        *self as u8
    }
}

#[dac_serde]
pub struct Dispute {
    pub raised_by: Addr,
    pub reason: String,
    #[serde(with = "dac_common::compact")]
    pub raised_at: Timestamp,
    /// The arbitrator's ruling, once given.
    pub ruling: Option<Ruling>,
    pub appealed_by: Option<Addr>,
    pub arbitrator_slashed: bool,
}

#[dac_serde]
pub struct Deal {
    pub id: u64,
    pub kind: DealKind,
    pub asset: Asset,
    pub description: String,
    /// `[0]` is the proposer, `[1]` the counterparty, then pool members.
    pub parties: Vec<Pot>,
    pub arbitrator: Pot,
    /// A pool's contributions (units as in `Pot`).
    #[serde(with = "dac_common::compact")]
    pub extra: Uint256,
    #[serde(with = "dac_common::compact")]
    pub sign_by: Timestamp,
    #[serde(with = "dac_common::compact")]
    pub due: Timestamp,
    pub grace_seconds: u64,
    pub ruling_seconds: u64,
    pub appeal_seconds: u64,
    pub panel_seconds: u64,
    pub status: Status,
    /// The next milestone of a service deal (0 for the other kinds).
    pub milestone: u32,
    /// The seller claimed the current delivery (or revealed the information sold), or the
    /// insured claimed a loss.
    pub claimed: bool,
    pub dispute: Option<Dispute>,
    /// Everything this deal has paid out, in its asset.
    #[serde(with = "dac_common::compact")]
    pub paid_out: Uint128,
    #[serde(with = "dac_common::compact")]
    pub created_at: Timestamp,
}

impl Deal {
    pub fn proposer(&self) -> &Addr {
        &self.parties[0].address
    }

    pub fn counterparty(&self) -> &Addr {
        &self.parties[1].address
    }

    pub fn is_party(&self, addr: &Addr) -> bool {
        self.parties.iter().any(|p| p.address == *addr)
    }

    /// The due date of the current step: the current milestone of a service, else `due`.
    pub fn step_due(&self) -> Timestamp {
        match &self.kind {
            DealKind::Service { milestones } => milestones
                .get(self.milestone as usize)
                .map(|m| m.due)
                .unwrap_or(self.due),
            _ => self.due,
        }
    }

    /// After this time `Advance` settles an active deal. Loans and pools end at `due`; the
    /// attested kinds leave the other side `grace_seconds` to confirm or dispute.
    pub fn active_deadline(&self) -> Timestamp {
        match self.kind {
            DealKind::Loan { .. } | DealKind::Pool {} => self.due,
            _ => self.step_due().plus_seconds(self.grace_seconds),
        }
    }

    pub fn next_deadline(&self) -> Option<Timestamp> {
        match &self.status {
            Status::Proposed {} => Some(self.sign_by),
            Status::Active {} => Some(self.active_deadline()),
            Status::Disputed { rule_by } => Some(*rule_by),
            Status::Ruled { appeal_by } => Some(*appeal_by),
            Status::Appealed { panel_by } | Status::AwaitingPanel { panel_by } => Some(*panel_by),
            Status::Closed { .. } => None,
        }
    }

    /// Moves every deadline still ahead of the deal (its due date and the milestones from the
    /// current one on) later by `nanos`: the time a dispute froze the deal. Bounded by
    /// `MAX_MILESTONES`.
    pub fn postpone(&mut self, nanos: u64) -> Result<(), ContractError> {
        self.due = later(self.due, nanos)?;
        if let DealKind::Service { milestones } = &mut self.kind {
            for m in milestones.iter_mut().skip(self.milestone as usize) {
                m.due = later(m.due, nanos)?;
            }
        }
        Ok(())
    }

    pub fn all_signed(&self) -> bool {
        self.arbitrator.signed && self.parties.iter().all(|p| p.signed)
    }

    /// Every unit the deal holds, in all its pots.
    pub fn total_units(&self) -> Uint256 {
        self.parties
            .iter()
            .fold(self.arbitrator.units + self.extra, |acc, p| acc + p.units)
    }
}

impl Addressed for Deal {
    fn addresses_mut(&mut self) -> Vec<&mut Addr> {
        let mut slots = vec![];
        if let Asset::Token { address } = &mut self.asset {
            slots.push(address);
        }
        if let DealKind::TradeShipment { attestor } = &mut self.kind {
            slots.push(attestor);
        }
        slots.extend(self.parties.iter_mut().map(|p| &mut p.address));
        slots.push(&mut self.arbitrator.address);
        if let Status::Closed {
            outcome: Outcome::Defaulted { by },
        } = &mut self.status
        {
            slots.push(by);
        }
        if let Some(dispute) = &mut self.dispute {
            slots.push(&mut dispute.raised_by);
            slots.extend(dispute.appealed_by.as_mut());
        }
        slots
    }
}

/// `at` plus `nanos`, or an overflow error (`Timestamp::plus_*` panics instead).
pub fn later(at: Timestamp, nanos: u64) -> Result<Timestamp, ContractError> {
    at.nanos()
        .checked_add(nanos)
        .map(Timestamp::from_nanos)
        .ok_or(ContractError::Overflow)
}

/// Reputation: what an arbitrator has done. Counted as it happens, never recomputed.
#[dac_serde]
#[derive(Default)]
pub struct ArbitratorRecord {
    /// Deals it signed (posted collateral for).
    pub deals: u64,
    pub disputes: u64,
    pub rulings: u64,
    /// Appealed rulings the panel upheld or overturned.
    pub upheld: u64,
    pub overturned: u64,
    /// Disputes it let time out.
    pub timeouts: u64,
    pub slashes: u64,
}

/// The escrow's two counters, in one small record: every token deposit and payout reads and
/// writes the shares, and a proposal the id with them.
#[dac_serde]
#[derive(Default)]
pub struct Totals {
    /// Shares of the escrow's token balance owned by all open token deals together.
    pub shares: Uint256,
    /// The last deal id handed out (0: none yet).
    pub last_deal_id: u64,
}

impl Totals {
    /// Hands out the next deal id.
    pub fn take_deal_id(&mut self) -> Result<u64, ContractError> {
        self.last_deal_id = self
            .last_deal_id
            .checked_add(1)
            .ok_or(ContractError::Overflow)?;
        Ok(self.last_deal_id)
    }
}

pub const CONFIG: Item<Config> = Item::new("config");
pub const ADMIN: Admin = Admin::new("admin");
/// In postcard under a one-letter key: read and written by most messages (layout 2 on).
pub const TOTALS: BinItem<Totals> = BinItem::new("t");
/// Deals in postcard, not JSON: every message reads and writes one (see `codec`). From layout 3
/// on, saved with their addresses canonical and their numbers compact (`dac_common::compact`);
/// layout 1 and 2's records still read.
pub const DEALS: BinMap<u64, Deal> = BinMap::new("deals");
/// (status index, deal id) → the status, for every deal whose record is in layout 3's encoding:
/// maintained on every status change by `save_deal`. Only the keys are read.
pub const DEALS_BY_STATUS: BinMap<(u8, u64), StatusKey> = BinMap::new("s");
/// Layout 1 and 2's status index, under its long name: it lists the deals whose records are
/// still as those layouts saved them. Never written again; a deal's entry moves to
/// `DEALS_BY_STATUS` when its record is next saved (`save_deal`), in layout 3's encoding.
pub const DEALS_BY_STATUS_V2: Map<(u8, u64), ()> = Map::new("deals_by_status");
/// (canonical address, deal id) → the address's role, for every party and the arbitrator of
pub const DEALS_BY_PARTY: BinMap<(&[u8], u64), Role> = BinMap::new("p");
/// Layout 1 and 2's party index, by the address's text: never written again; it still lists
/// the deals proposed before layout 3, all of whose ids are lower than any in `DEALS_BY_PARTY`.
pub const DEALS_BY_PARTY_V2: Map<(&Addr, u64), ()> = Map::new("deals_by_party");
pub const ARBITRATORS: Map<&Addr, ArbitratorRecord> = Map::new("arbitrators");

/// What a message read of a deal before changing it: its status, and how its record was saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Loaded {
    pub status: StatusKey,
    pub encoding: Encoding,
}

/// Saves a deal and keeps the status index in step with it: its entry is in `DEALS_BY_STATUS`
/// from now on, wherever it was before.
pub fn save_deal(
    storage: &mut dyn Storage,
    api: &dyn Api,
    deal: Deal,
    previous: Option<Loaded>,
) -> StdResult<()> {
    let now = deal.status.key();
    let indexed = match previous {
        Some(Loaded {
            status,
            encoding: Encoding::Plain,
        }) => {
            DEALS_BY_STATUS_V2.remove(storage, (status.index(), deal.id));
            false
        }
        // Most messages leave the status as it was: its index entry is already right.
        Some(Loaded { status, .. }) if status == now => true,
        Some(Loaded { status, .. }) => {
            DEALS_BY_STATUS.remove(storage, (status.index(), deal.id));
            false
        }
        None => false,
    };
    if !indexed {
        DEALS_BY_STATUS.save(storage, (now.index(), deal.id), &now)?;
    }
    DEALS.save_canonical(storage, api, deal.id, deal)
}

/// The ids of `address`'s deals in ascending order: those proposed before layout 3 first (their
/// ids are all lower), then the others.
pub fn deal_ids_by_party(
    storage: &dyn Storage,
    api: &dyn Api,
    address: &Addr,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> StdResult<Vec<u64>> {
    let before =
        DEALS_BY_PARTY_V2
            .prefix(address)
            .keys(storage, after(start_after), None, Order::Ascending);
    let mut ids: Vec<u64> = page(before, limit)?;
    let left = clamp_limit(limit) - ids.len();
    if left > 0 {
        let canonical = api.addr_canonicalize(address.as_str())?;
        let since = DEALS_BY_PARTY.prefix(canonical.as_slice()).keys(
            storage,
            after(start_after),
            None,
            Order::Ascending,
        );
        ids.extend(page(since, Some(left as u32))?);
    }
    Ok(ids)
}

/// The ids of the deals in `status`, in ascending order, from both indexes: a page of each, merged
/// (a deal is in one of them; those still in `DEALS_BY_STATUS_V2` are not all older).
pub fn deal_ids_by_status(
    storage: &dyn Storage,
    status: StatusKey,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> StdResult<Vec<u64>> {
    let before = DEALS_BY_STATUS_V2.prefix(status.index()).keys(
        storage,
        after(start_after),
        None,
        Order::Ascending,
    );
    let mut ids: Vec<u64> = page(before, limit)?;
    let since = DEALS_BY_STATUS.prefix(status.index()).keys(
        storage,
        after(start_after),
        None,
        Order::Ascending,
    );
    ids.extend(page(since, limit)?);
    ids.sort_unstable();
    ids.truncate(clamp_limit(limit));
    Ok(ids)
}

/// `change` is a plain function, not a generic closure: one copy of this in the wasm, not one
/// per caller.
pub fn update_record(
    storage: &mut dyn Storage,
    arbitrator: &Addr,
    change: fn(&mut ArbitratorRecord),
) -> StdResult<()> {
    let mut record = ARBITRATORS
        .may_load(storage, arbitrator)?
        .unwrap_or_default();
    change(&mut record);
    ARBITRATORS.save(storage, arbitrator, &record)
}
