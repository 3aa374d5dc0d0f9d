//! Who lives in the simulated node and how each kind behaves: a member's kind fixes its
//! endowment, how often it spends, trades abroad, orders services and votes.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// One unit of the economy's scale: 20 CMC (the token has 6 decimals).
pub const BASE: u128 = 20_000_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// The four founders of the test node: gatekeepers, head, monitor, housing committee.
    Founder,
    /// Spends most of what it gets, on local workers and on imports.
    Spender,
    /// Sells work: paid directly and through escrow service deals; spends too.
    Worker,
    /// Wealthy saver: claims its income, pays for nothing, keeps everything.
    Hoarder,
    /// Arbitrates escrow deals and posts collateral for them.
    Arbitrator,
    /// The wealthy actor trying to capture the node: votes, homes, hoarded value.
    Magnate,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Founder => "founder",
            Kind::Spender => "spender",
            Kind::Worker => "worker",
            Kind::Hoarder => "hoarder",
            Kind::Arbitrator => "arbitrator",
            Kind::Magnate => "magnate",
        }
    }

    /// Chance of voting on a proposal it may vote on.
    pub fn turnout(self) -> f64 {
        match self {
            Kind::Founder => 0.95,
            Kind::Spender => 0.45,
            Kind::Worker => 0.6,
            Kind::Hoarder => 0.35,
            Kind::Arbitrator => 0.8,
            Kind::Magnate => 1.0,
        }
    }

    /// Chance per day of paying someone in the node, and the share of its balance it pays.
    pub fn spending(self) -> (f64, (u32, u32)) {
        match self {
            Kind::Spender => (0.6, (5, 25)),
            Kind::Worker | Kind::Founder => (0.5, (5, 20)),
            Kind::Arbitrator => (0.3, (5, 15)),
            Kind::Hoarder | Kind::Magnate => (0.0, (0, 0)),
        }
    }

    /// Chance per day of buying from the other node (an IBC transfer to a producer there).
    pub fn importing(self) -> f64 {
        match self {
            Kind::Spender => 0.08,
            Kind::Worker => 0.04,
            _ => 0.0,
        }
    }

    /// Chance per day of ordering a service from a worker through the escrow.
    pub fn ordering(self) -> f64 {
        match self {
            Kind::Spender => 0.03,
            Kind::Founder => 0.02,
            _ => 0.0,
        }
    }

    /// Whether it pays the housing usage fee (unpaid fees never evict, so hoarders don't).
    pub fn pays_fees(self) -> bool {
        !matches!(self, Kind::Hoarder | Kind::Magnate)
    }

    /// Whether it may emigrate during the run (and be replaced by a newcomer of its kind).
    pub fn may_emigrate(self) -> bool {
        matches!(self, Kind::Spender | Kind::Worker)
    }

    /// Who it buys from: workers sell, and everyone but hoarders and the magnate sells a little.
    pub fn sells_to(self, buyer: Kind) -> bool {
        match buyer {
            Kind::Spender => matches!(self, Kind::Worker | Kind::Founder),
            _ => matches!(
                self,
                Kind::Worker | Kind::Founder | Kind::Spender | Kind::Arbitrator
            ),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Agent {
    pub id: usize,
    pub name: String,
    pub addr: String,
    pub kind: Kind,
    /// Workers: delivers what it sold. Arbitrators: rules within its deadline.
    pub reliable: bool,
    pub household: u32,
    pub step_free: bool,
    /// What the founders pay it on arrival (zero for newcomers during the run).
    pub endowment: u128,
    pub joined_day: u32,
    /// Still a member, as far as its own choices go (it left, or it never joined).
    pub member: bool,
    pub left_day: Option<u32>,
    /// Moved to another node of a mesh: that node and its agent id there.
    pub moved_to: Option<(usize, usize)>,
    /// Asked for a home (its application is, or was, in the registry's queue).
    pub applied: bool,
    /// Its application's `applied_at`, as the registry answered (seconds).
    pub applied_at: Option<u64>,
    /// The home the registry's events say it holds.
    pub home: Option<u64>,
    /// Balance at the last daily query.
    pub balance: u128,
    /// Balance when the run began (day 0, after the endowments), or zero for newcomers.
    pub start_balance: u128,
    /// What moved its balance since day 0, from the contracts' events and answers.
    pub flows: Flows,
}

/// Where a member's money came from and went since day 0 (token units).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flows {
    /// Basic income claimed (the token's `income` attribute).
    pub income: u128,
    /// Paid by other members, and paid to them.
    pub received: u128,
    pub paid: u128,
    /// Housing fees paid to the treasury.
    pub fees: u128,
    /// Sent to the other node's producers, and received from them.
    pub imports: u128,
    pub exports: u128,
    /// Lost to demurrage: each day, the balance times the fall of the token's decay index.
    pub decay: u128,
}

impl Flows {
    pub fn add(&mut self, other: &Flows) {
        self.income += other.income;
        self.received += other.received;
        self.paid += other.paid;
        self.fees += other.fees;
        self.imports += other.imports;
        self.exports += other.exports;
        self.decay += other.decay;
    }
}

impl Agent {
    /// `step_free_share` (0 to 1): the chance that the household needs step-free access.
    pub fn new(
        id: usize,
        name: String,
        addr: String,
        kind: Kind,
        step_free_share: f64,
        rng: &mut ChaCha8Rng,
    ) -> Self {
        let household = match rng.gen_range(0..10) {
            0..=3 => 1,
            4..=6 => 2,
            7..=8 => 3,
            _ => 4,
        };
        let reliable = match kind {
            Kind::Worker => rng.gen_bool(0.85),
            Kind::Arbitrator => rng.gen_bool(0.8),
            _ => true,
        };
        Agent {
            id,
            name,
            addr,
            kind,
            reliable,
            household,
            step_free: rng.gen_bool(step_free_share),
            endowment: 0,
            joined_day: 0,
            member: false,
            left_day: None,
            moved_to: None,
            applied: false,
            applied_at: None,
            home: None,
            balance: 0,
            start_balance: 0,
            flows: Flows::default(),
        }
    }
}

/// The kinds of the `members` simulated members: one magnate, then 5% arbitrators (at least
/// three), 10% hoarders (at least two), 35% workers and the rest spenders.
pub fn population(members: u32) -> Vec<Kind> {
    let n = members as usize;
    let arbitrators = (n / 20).max(3);
    let hoarders = (n / 10).max(2);
    let workers = (n * 35 / 100).max(2);
    let mut kinds = vec![Kind::Magnate];
    kinds.extend(std::iter::repeat_n(Kind::Arbitrator, arbitrators));
    kinds.extend(std::iter::repeat_n(Kind::Hoarder, hoarders));
    kinds.extend(std::iter::repeat_n(Kind::Worker, workers));
    let spenders = n.saturating_sub(kinds.len()).max(2);
    kinds.extend(std::iter::repeat_n(Kind::Spender, spenders));
    kinds
}

/// What the founders give a member of this kind when the node is founded: ordinary members
/// 0.2 to 1.8 units, arbitrators 1 to 2 (for collateral), hoarders 10 to 20, and the magnate as
/// much as all ordinary members together.
pub fn endowment(kind: Kind, members: u32, rng: &mut ChaCha8Rng) -> u128 {
    let units = |lo: u128, hi: u128, rng: &mut ChaCha8Rng| rng.gen_range(lo..=hi) * BASE / 10;
    match kind {
        Kind::Spender | Kind::Worker => units(2, 18, rng),
        Kind::Arbitrator => units(10, 20, rng),
        Kind::Hoarder => units(100, 200, rng),
        Kind::Magnate => members as u128 * BASE,
        Kind::Founder => 0,
    }
}
