//! The housing registry: applying, allocation rounds (gas per home allocated) and giving a home
//! back, with few and many homes and applicants.

use std::str::FromStr;

use cosmwasm_std::{Decimal, Uint128};
use housing_registry::msg::{
    Accessibility, ExecuteMsg, FeeParams, GuestParams, HomeStatus, InstantiateMsg,
};
use housing_registry::profile::{FeatureSet, ALL_FEATURES, PROFILES_PER_SIZE};
use housing_registry::score::{MAX_HOUSEHOLD, MAX_LAPSED_PER_HOME, MAX_ROUND_HOMES};

use crate::peers;
use crate::report::{PeerRow, Report, Scaling};
use crate::vm::{Contract, Gas, Vm};
use crate::Config;

const DAY: u64 = 86_400;
/// Homes have 1 to `SIZES` rooms and households 1 to `SIZES` people, in turn.
const SIZES: u32 = 4;

struct Registry<'v> {
    contract: Contract<'v>,
    council: String,
    anyone: String,
    applicants: Vec<String>,
}

fn applicant(vm: &Vm, i: usize) -> String {
    vm.addr(&format!("applicant{i}"))
}

/// A registry with `homes` available homes and `applicants` members waiting, who applied a day
/// apart in groups (so waiting time matters in the score).
fn registry<'v>(
    vm: &'v Vm,
    config: &Config,
    homes: usize,
    applicants: usize,
) -> Result<Registry<'v>, String> {
    let mut contract = vm.deploy(&config.artifact("housing_registry.wasm"), "housing")?;
    let council = vm.addr("council");
    contract.instantiate(
        &council,
        &InstantiateMsg {
            admin: None,
            membership: council.clone(),
            token: vm.addr("token"),
            treasury: vm.addr("treasury"),
            fees: FeeParams {
                period_seconds: 30 * DAY,
                base_fee: Uint128::new(1_000_000),
                excess_room_fee: Uint128::new(250_000),
            },
            guest: GuestParams {
                price_per_day: Uint128::new(500_000),
                full_refund_notice_days: 7,
                late_refund_share: Decimal::from_str("0.5").expect("a decimal"),
                max_stay_days: 30,
                max_advance_days: 365,
                cancellation_fee: Decimal::percent(10),
                max_nights_held_per_home: 60,
                max_nights_held: 120,
                max_nights_held_per_agent: 1_200,
            },
            grace_period_seconds: 60 * DAY,
            guidelines: vec![],
            name: "Homes of dac-1".to_string(),
            symbol: "HOME".to_string(),
        },
    )?;
    let mut registry = Registry {
        contract,
        council,
        anyone: vm.addr("anyone"),
        applicants: vec![],
    };
    for i in 0..homes {
        registry.register_home(1 + i as u32 % SIZES, vec![])?;
    }
    for i in 0..applicants {
        if i % 100 == 0 {
            registry.contract.advance(DAY);
        }
        registry.apply(applicant(vm, i), 1 + i as u32 % SIZES, vec![])?;
    }
    Ok(registry)
}

/// A round's documented worst case: someone waits in every need profile (every household size
/// × every set of features) and the round's homes (every feature, rooms for the largest
/// household) fit them all. Its gas per home allocated.
fn worst_round(vm: &Vm, config: &Config) -> Result<Gas, String> {
    let mut registry = registry(vm, config, 0, 0)?;
    for _ in 0..MAX_ROUND_HOMES {
        registry.register_home(MAX_HOUSEHOLD, ALL_FEATURES.to_vec())?;
    }
    let mut i = 0;
    for size in 1..=MAX_HOUSEHOLD {
        for needs in 0..PROFILES_PER_SIZE {
            let needs = FeatureSet::from_bits(needs as u8).features();
            registry.apply(applicant(vm, i), size, needs)?;
            i += 1;
        }
    }
    let (round, _) = registry.round()?;
    Ok(round)
}

impl Registry<'_> {
    fn register_home(
        &mut self,
        rooms: u32,
        accessibility: Vec<Accessibility>,
    ) -> Result<Gas, String> {
        let council = self.council.clone();
        self.contract.execute(
            &council,
            &ExecuteMsg::RegisterHome {
                rooms,
                accessibility,
                zone: "riverside".to_string(),
                status: HomeStatus::Available,
            },
        )
    }

    fn apply(
        &mut self,
        who: String,
        household_size: u32,
        needs: Vec<Accessibility>,
    ) -> Result<Gas, String> {
        self.contract.world.borrow_mut().members.insert(who.clone());
        let gas = self.contract.execute(
            &who,
            &ExecuteMsg::Apply {
                household_size,
                needs,
                evidence_commitment: Some("ab".repeat(32)),
            },
        )?;
        self.applicants.push(who);
        Ok(gas)
    }

    /// One round over `MAX_ROUND_HOMES` homes: its gas per home allocated, and that number.
    fn round(&mut self) -> Result<(Gas, u64), String> {
        let anyone = self.anyone.clone();
        let (gas, response) = self.contract.execute_response(
            &anyone,
            &ExecuteMsg::AllocateRound {
                limit: MAX_ROUND_HOMES,
            },
        )?;
        let allocated: u64 = response
            .attributes
            .iter()
            .find(|a| a.key == housing_registry::attributes::ALLOCATED)
            .and_then(|a| a.value.parse().ok())
            .ok_or("allocate_round answered no `allocated` attribute")?;
        if allocated == 0 {
            return Err("the round allocated no home".to_string());
        }
        Ok((gas.per(allocated), allocated))
    }
}

/// The gas of each measured message in one state.
struct Figures {
    /// A round's gas per home allocated.
    round: Gas,
    relinquish: Gas,
    apply: Gas,
}

/// With `homes` homes and `waiting` applicants: a round, a holder it housed giving the home
/// back, and a newcomer applying.
fn figures(vm: &Vm, config: &Config, homes: usize, waiting: usize) -> Result<Figures, String> {
    let mut registry = registry(vm, config, homes, waiting)?;
    let (round, _) = registry.round()?;
    // Applicant 0 (one person, waiting longest) is the best fit for home 1 (one room).
    let holder = registry.applicants[0].clone();
    registry.contract.advance(DAY);
    let relinquish = registry
        .contract
        .execute(&holder, &ExecuteMsg::Relinquish { home_id: 1 })?;
    let apply = registry.apply(vm.addr("newcomer"), 2, vec![])?;
    Ok(Figures {
        round,
        relinquish,
        apply,
    })
}

pub fn run(vm: &Vm, config: &Config, report: &mut Report) -> Result<(), String> {
    let (small, large) = (10, config.large);
    // With few applicants a profile the round houses someone from may empty (no next head to
    // find); once every profile keeps someone waiting through the round, a round does its most
    // work per home, whatever the queue's length.
    let full = (SIZES as usize) * MAX_ROUND_HOMES as usize;
    let few = figures(vm, config, small, small)?;
    let saturated = figures(vm, config, small, full)?;
    let many = figures(vm, config, large, large)?;
    let state = |homes: usize, waiting: usize| format!("{homes} homes, {waiting} waiting");
    // The newcomer joins a need profile someone already waits in: with few waiting it may be the
    // first of its profile, which writes the profile's head too (reported apart, below).
    report.scalings.push(Scaling::new(
        "housing-registry",
        "Apply (joins a waiting need profile)",
        state(small, full),
        saturated.apply,
        state(large, large),
        many.apply,
    ));
    report.notes.push(format!(
        "housing-registry: an Apply that opens a need profile (nobody with its rooms and features \
         waits) also records the profile's oldest applicant: {} gas ({} storage) with {small} \
         homes and {small} waiting.",
        few.apply.total(),
        few.apply.storage,
    ));
    let round = "AllocateRound, per home allocated";
    let bound = format!(
        "a round reads the oldest applicant of at most {MAX_HOUSEHOLD} household sizes × \
         {PROFILES_PER_SIZE} need profiles once, and takes at most {} applicants out of the \
         queue for each of at most {MAX_ROUND_HOMES} homes",
        MAX_LAPSED_PER_HOME + 1
    );
    report.scalings.push(Scaling::bounded(
        "housing-registry",
        round,
        state(small, small),
        few.round,
        state(large, large),
        many.round,
        bound.clone(),
    ));
    let profiles = MAX_HOUSEHOLD as usize * PROFILES_PER_SIZE;
    report.scalings.push(Scaling::bounded(
        "housing-registry",
        round,
        state(small, small),
        few.round,
        format!("{MAX_ROUND_HOMES} homes, {profiles} waiting, one in every need profile"),
        worst_round(vm, config)?,
        format!("the worst case of the bound: {bound}"),
    ));
    report.scalings.push(Scaling::new(
        "housing-registry",
        round,
        state(small, full),
        saturated.round,
        state(large, large),
        many.round,
    ));
    report.scalings.push(Scaling::new(
        "housing-registry",
        "Relinquish",
        state(small, small),
        few.relinquish,
        state(large, large),
        many.relinquish,
    ));
    for (n, apply, relinquish) in [
        (small, saturated.apply, few.relinquish),
        (large, many.apply, many.relinquish),
    ] {
        let theirs = match peers::cw721(vm, config, n) {
            Ok(theirs) => theirs,
            Err(e) => {
                report.notes.push(format!(
                    "housing-registry vs {}: not measured: {e}",
                    peers::CW721
                ));
                break;
            }
        };
        let mut row = |steps, pair, rule: &str| {
            report.peer_rows.push(PeerRow::new(
                "housing-registry",
                peers::CW721,
                steps,
                format!("{n} homes / {n} tokens"),
                pair,
                0,
                false,
                rule,
            ));
        };
        row(
            ("Apply", "Mint"),
            (apply, theirs.mint),
            "no peer does this job: ours checks membership (a council query, not in the \
             figure), one application per member, and queues the applicant in its need profile \
             for the published allocation; cw721 writes a token and its owner index",
        );
        row(
            ("Relinquish", "TransferNft"),
            (relinquish, theirs.transfer),
            "ours ends the tenancy, settles the usage fee period and frees the home for the \
             next round; cw721 rewrites the token's owner",
        );
    }
    report.notes.push(format!(
        "housing-registry: Apply and AllocateRound ask the council's cw4 `member` query (Apply \
         once, a round once per home allocated, plus once per lapsed candidate); a full round of \
         {MAX_ROUND_HOMES} homes costs about {} gas, so it needs a transaction gas limit well \
         above the CLI's default of 200000 (`--gas auto`).",
        many.round.total() * u64::from(MAX_ROUND_HOMES)
    ));
    Ok(())
}
