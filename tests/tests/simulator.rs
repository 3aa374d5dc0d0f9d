//! The society simulator (`cargo run -p dac-sandbox --release -- simulate`) as a test: 200
//! members live a year on the real contracts. The run finishes, a second run with the same seed
//! writes the same bytes, and the contracts show what the mechanism promises: hoarders lose
//! what they hoard, on no day does anyone wait after the allocation rounds while a home that
//! fits them stands empty, even with 30% of households needing step-free access (and homes were
//! built for everyone who waited a month), and the wealthy actor's money bought no vote beyond
//! its own and no second home.

use std::thread;

use dac_sandbox::simulate::agents::Kind;
use dac_sandbox::simulate::sweep::{self, Sweep, OUTCOMES};
use dac_sandbox::simulate::{output, run, Outcome, Progress, Settings};
use housing_registry::msg::QueryMsg as HousingQuery;
use housing_registry::msg::{HomeOfResponse, HomeStatus, ScoreResponse, TokensResponse};

const SETTINGS: Settings = Settings {
    members: 200,
    days: 365,
    seed: 7,
    activity_percent: 100,
    // Six times the default share: the oldest applicants of a household size often all need
    // step-free access that a vacant home lacks, and those behind them must not wait for it.
    step_free_percent: 30,
    ..Settings::DEFAULT
};

/// The files a run writes.
fn files(outcome: &Outcome) -> (String, String, String) {
    let rows = &outcome.world.rows;
    (
        output::csv(rows),
        outcome.report.render(),
        output::svg(rows),
    )
}

#[test]
fn a_year_of_two_hundred_members() {
    // The same run twice, side by side on two cores.
    let again = thread::spawn(|| {
        let outcome = run(SETTINGS, &Progress::hidden()).expect("the second run finishes");
        files(&outcome)
    });
    let outcome = run(SETTINGS, &Progress::hidden()).expect("the run finishes");
    let world = &outcome.world;
    let report = &outcome.report;
    println!("{}", report.render());
    assert_eq!(
        world.rows.len(),
        366,
        "a row for day 0 and each of 365 days"
    );

    // ---- Reproducible: the same seed writes the same bytes. ----
    let (csv, text, svg) = files(&outcome);
    let (csv2, text2, svg2) = again.join().expect("the second run did not panic");
    assert!(
        csv == csv2,
        "daily.csv differs between two runs with seed 7"
    );
    assert_eq!(text, text2, "report.txt differs between two runs");
    assert!(svg == svg2, "plot.svg differs between two runs");

    // ---- Hoarders end with less than they started, by the token's own balances. ----
    let hoarders: Vec<_> = world
        .agents
        .iter()
        .filter(|a| a.kind == Kind::Hoarder)
        .collect();
    assert!(hoarders.len() >= 20);
    for h in &hoarders {
        let end = world.balance(&h.addr).unwrap();
        assert!(
            end < h.start_balance,
            "{} hoarded {} on day 0 and holds {end} after a year",
            h.name,
            h.start_balance
        );
    }

    // ---- Who gains: the ledger explains the hoarders' holdings (they only claim income and
    // decay), to a unit a day each of the token's rounding. ----
    let ledger = report
        .ledger
        .iter()
        .find(|g| g.group == "hoarders")
        .expect("a ledger line for the hoarders");
    assert_eq!(ledger.members, hoarders.len() as u64);
    assert!(ledger.flows.income > 0 && ledger.flows.decay > 0);
    assert!(
        ledger.other().unsigned_abs() <= 2 * 365 * ledger.members as u128,
        "income and demurrage leave {} of the hoarders' change unexplained",
        ledger.other()
    );

    // ---- Homes: nobody waits while a home that fits stands empty. ----
    // After every day's rounds, by the registry's `score` of each waiting applicant for each
    // vacant home.
    assert_eq!(
        report.stranded_days, 0,
        "on {} days someone waited while a vacant home fit them",
        report.stranded_days
    );
    // And at the end, for every applicant who stayed.
    let housing = &world.contracts.housing;
    let homes = world.list_homes().unwrap();
    let vacant: Vec<u64> = homes
        .iter()
        .filter(|h| h.status == HomeStatus::Available && h.holder.is_none())
        .map(|h| h.home_id)
        .collect();
    let last_day = SETTINGS.days;
    let mut housed = 0;
    for agent in world.agents.iter().filter(|a| a.applied && a.member) {
        let home: HomeOfResponse = world
            .query_a(
                housing,
                &HousingQuery::HomeOf {
                    holder: agent.addr.clone(),
                },
            )
            .unwrap();
        if home.home_id.is_some() {
            housed += 1;
            continue;
        }
        for &home_id in &vacant {
            let score: ScoreResponse = world
                .query_a(
                    housing,
                    &HousingQuery::Score {
                        applicant: agent.addr.clone(),
                        home_id,
                    },
                )
                .unwrap();
            assert!(
                !score.eligible,
                "{} waits while home {home_id}, which fits, stands empty",
                agent.name
            );
        }
        // Homes were proposed and built for the waiting list every week, so only a newcomer
        // of the last weeks may still wait.
        assert!(
            agent.joined_day + 30 > last_day,
            "{} joined on day {} and still has no home on day {last_day}",
            agent.name,
            agent.joined_day
        );
    }
    assert!(housed > 190, "only {housed} members hold a home");

    // ---- The capture attempt gains no extra vote and no second home. ----
    let c = &report.capture;
    // Homes are the housing committee's to decide; the assembly votes on the monthly cuts.
    assert!(
        c.ballots >= 10,
        "the magnate voted on every proposal of the assembly"
    );
    assert_eq!(
        c.max_ballot_weight, 1,
        "every ballot of the magnate counted as one vote"
    );
    assert_eq!(c.second_votes_counted, 0, "no second vote was counted");
    assert_eq!(c.second_votes_refused, c.ballots);
    assert_eq!(c.puppets, 5);
    let council = &world.contracts.council;
    for puppet in &world.capture.puppets {
        let member: cw4::MemberResponse = world
            .query_a(
                council,
                &council::msg::QueryMsg::Member {
                    addr: puppet.clone(),
                    at_height: None,
                },
            )
            .unwrap();
        assert_eq!(member.weight, None, "puppet {puppet} is not a member");
    }
    assert_eq!(
        c.puppet_acts_accepted, 0,
        "puppets could not apply, claim or vote"
    );
    assert!(c.puppet_acts_refused >= 10);
    // Each attempt was made (a count of zero accepted proves nothing otherwise).
    assert!(
        c.home_purchases_refused >= 1,
        "the magnate tried to buy a home"
    );
    assert_eq!(
        c.home_purchases_accepted, 0,
        "a right of use cannot be sold"
    );
    assert!(
        c.second_applications_refused >= 1,
        "the magnate applied twice"
    );
    assert_eq!(c.second_applications_accepted, 0);
    assert_eq!(
        c.max_homes, 1,
        "the magnate and its puppets never held two homes"
    );
    let magnate = &world.agents[world.capture.magnate];
    let held: TokensResponse = world
        .query_a(
            housing,
            &HousingQuery::Tokens {
                owner: magnate.addr.clone(),
                start_after: None,
                limit: None,
            },
        )
        .unwrap();
    assert_eq!(
        held.tokens.len(),
        1,
        "the magnate holds one home at the end"
    );
    assert!(c.proposals >= 10, "the magnate proposed demurrage cuts");
    assert_eq!(c.proposals_passed, 0, "no demurrage cut passed");
    assert!(
        c.value_end < c.value_start,
        "hoarded value shrank, at home and abroad: {} -> {}",
        c.value_start,
        c.value_end
    );
}

/// Checks that every tag of `svg` is closed in order (self-closing tags aside) and returns the
/// number of elements of each name it met.
fn well_formed(svg: &str) -> std::collections::BTreeMap<String, usize> {
    let mut open: Vec<String> = vec![];
    let mut counts = std::collections::BTreeMap::new();
    let mut rest = svg;
    while let Some(start) = rest.find('<') {
        let end = rest[start..].find('>').expect("every tag ends") + start;
        let tag = &rest[start + 1..end];
        assert!(!tag.contains('<'), "a tag inside a tag: {tag}");
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(
                open.pop().as_deref(),
                Some(name),
                "</{name}> closes another tag"
            );
        } else {
            let name = tag
                .split_whitespace()
                .next()
                .expect("a named tag")
                .to_string();
            *counts.entry(name.clone()).or_insert(0) += 1;
            if !tag.ends_with('/') {
                open.push(name);
            }
        }
        let text = &rest[end + 1..];
        let next = text.find('<').unwrap_or(text.len());
        assert!(!text[..next].contains('>'), "a stray `>` in text");
        rest = text;
    }
    assert!(open.is_empty(), "tags left open: {open:?}");
    counts
}

#[test]
fn a_small_sweep_writes_its_table_and_plot_the_same_for_each_seed() {
    let base = Settings {
        members: 20,
        days: 8,
        seed: 3,
        ..Settings::DEFAULT
    };
    // No demurrage, some, and more than the token allows (50% a year).
    let demurrage: Sweep = "demurrage_rate=0,0.001,0.002".parse().unwrap();
    let result = sweep::run(base, &demurrage, 2, 2, &|_| {}).expect("the sweep runs");
    assert_eq!(result.runs.len(), 6, "three values of two seeds each");
    let seeds: Vec<u64> = result.runs.iter().map(|r| r.seed).collect();
    assert_eq!(seeds, [3, 4, 3, 4, 3, 4]);

    // ---- The table: a header, then one row per value with min ≤ median ≤ max. ----
    let table = result.summary_csv();
    let lines: Vec<Vec<&str>> = table.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(lines.len(), 4, "a header and three values:\n{table}");
    let header = &lines[0];
    assert_eq!(header[..4], ["parameter", "value", "seeds", "refused"]);
    assert_eq!(header.len(), 4 + 3 * OUTCOMES.len());
    for (i, o) in OUTCOMES.iter().enumerate() {
        let stats = &header[4 + 3 * i..7 + 3 * i];
        assert_eq!(
            stats,
            [
                format!("{}_min", o.name),
                format!("{}_median", o.name),
                format!("{}_max", o.name)
            ]
        );
    }
    let column = |row: &[&str], name: &str| -> f64 {
        let i = header.iter().position(|h| *h == name).unwrap();
        row[i]
            .parse()
            .unwrap_or_else(|_| panic!("{name} = `{}`", row[i]))
    };
    for (row, value) in lines[1..3].iter().zip(["0", "0.001"]) {
        assert_eq!(row[..4], ["demurrage_rate", value, "2", ""]);
        assert_eq!(row.len(), header.len());
        for o in &OUTCOMES {
            let (min, median, max) = (
                column(row, &format!("{}_min", o.name)),
                column(row, &format!("{}_median", o.name)),
                column(row, &format!("{}_max", o.name)),
            );
            assert!(min <= median && median <= max, "{} of {value}", o.name);
        }
    }
    // The rule reached the token: no demurrage, no loss and no income; some, both.
    assert_eq!(column(&lines[1], "hoarders_loss_max"), 0.0);
    assert_eq!(column(&lines[1], "income_per_member_max"), 0.0);
    assert!(column(&lines[2], "hoarders_loss_min") > 0.0);
    assert!(column(&lines[2], "income_per_member_min") > 0.0);
    // The token refuses 0.2% a day (73% a year); the row says so and holds no figures.
    let refused = &lines[3];
    assert_eq!(refused[..3], ["demurrage_rate", "0.002", "2"]);
    assert!(
        refused[3].contains("may not exceed 0.5"),
        "the token's refusal: {}",
        refused[3]
    );
    assert!(refused[4..].iter().all(|cell| cell.is_empty()));

    let runs = result.runs_csv();
    assert_eq!(runs.lines().count(), 7, "a header and six runs");
    assert_eq!(
        runs.lines().next().unwrap().split(',').count(),
        4 + OUTCOMES.len()
    );

    // ---- The plot: well-formed, a panel per outcome group, both measured values drawn. ----
    let svg = result.svg();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    let elements = well_formed(&svg);
    assert_eq!(elements["svg"], 1);
    // Median lines: two Gini series, hoarders, income, pool, two waits, value kept, three
    // capture counts.
    assert_eq!(
        elements["polyline"],
        7 + 11,
        "axes of 7 panels and 11 median lines"
    );
    assert_eq!(
        elements["polygon"], 11,
        "a band over the seeds for each line"
    );
    assert_eq!(
        svg.matches(">refused</text>").count(),
        7,
        "0.002 marked in every panel"
    );

    // ---- The same seeds give the same bytes, however the runs are shared out. ----
    let again = sweep::run(base, &demurrage, 2, 1, &|_| {}).expect("the sweep runs again");
    assert!(again.summary_csv() == table, "the table differs");
    assert!(again.runs_csv() == runs, "the runs differ");
    assert!(again.svg() == svg, "the plot differs");
}

/// Appeals to sortition panels on the real contracts: every loser appeals, and each panel is
/// drawn from the test beacon of the round its commit named, decides by its members' votes, and
/// the escrow carries out what it passed; nothing is minted on the way.
#[test]
fn a_season_of_appeals_to_sortition_panels() {
    use council::msg::{PanelResponse, PanelStatus, QueryMsg as CouncilQuery};
    use dac_sandbox::simulate::panels::{Cause, PANEL_SIZE};
    use dac_sandbox::simulate::{live, World};
    use demurrage_token::msg::{CommonsPoolResponse, QueryMsg as TokenQuery};
    use escrow::msg::{DealResponse, QueryMsg as EscrowQuery};
    use escrow::state::{Outcome, Status};
    use sha2::{Digest, Sha256};

    let settings = Settings {
        members: 120,
        days: 150,
        seed: 5,
        appeal_percent: 100,
        ..Settings::DEFAULT
    };
    let world = World::found(settings).expect("the node is founded");
    let token = world.contracts.token.clone();
    let pool = |world: &World| -> CommonsPoolResponse {
        world.query_a(&token, &TokenQuery::CommonsPool {}).unwrap()
    };
    let supply = pool(&world).total_supply;
    let outcome = live(world, &Progress::hidden()).expect("the run finishes");
    let (world, report) = (&outcome.world, &outcome.report);
    println!("{}", report.render());
    let p = &report.panels;

    // ---- Appeals happened, and panels both upheld and overturned rulings. ----
    assert!(p.appeals >= 5, "only {} appeals", p.appeals);
    assert!(p.upheld >= 1, "no appealed ruling was upheld");
    assert!(p.overturned >= 1, "no appealed ruling was overturned");
    assert_eq!(
        (p.min_size, p.max_size),
        (PANEL_SIZE, PANEL_SIZE),
        "every panel has the members the clerk asked for"
    );

    // ---- Deal by deal, by the council's and the escrow's answers. ----
    let (council, escrow) = (&world.contracts.council, &world.contracts.escrow);
    let (mut upheld, mut overturned) = (0, 0);
    let drawn: Vec<_> = world
        .panels
        .cases
        .iter()
        .filter(|c| c.panel_id.is_some())
        .collect();
    assert_eq!(drawn.len() as u64, p.panels);
    for case in drawn {
        let panel: PanelResponse = world
            .query_a(
                council,
                &CouncilQuery::Panel {
                    id: case.panel_id.unwrap(),
                },
            )
            .unwrap();
        assert_eq!(panel.status, PanelStatus::Drawn);
        assert_eq!(panel.deal_id, Some(case.deal_id));
        assert_eq!(panel.members.len() as u32, case.size);
        // Drawn by the beacon of the round named at commit time, and by no other.
        let beacon = dac_testing::beacon::sign(panel.round);
        let randomness = cosmwasm_std::HexBinary::from(Sha256::digest(&beacon).to_vec());
        assert_eq!(panel.randomness, Some(randomness.to_hex()));

        let deal: DealResponse = world
            .query_a(
                escrow,
                &EscrowQuery::Deal {
                    deal_id: case.deal_id,
                },
            )
            .unwrap();
        let Some(ruling) = &case.decided else {
            continue;
        };
        // The money moved as the panel ruled: the escrow closed the deal on its ruling.
        assert_eq!(
            deal.deal.status,
            Status::Closed {
                outcome: Outcome::Ruled {
                    ruling: ruling.clone(),
                    by_panel: true
                }
            },
            "deal {}",
            case.deal_id
        );
        let dispute = deal.deal.dispute.expect("a ruled deal keeps its dispute");
        match case.cause {
            Cause::Appeal => {
                let original = case.appealed.as_ref().expect("an appealed ruling");
                assert_eq!(dispute.ruling.as_ref(), Some(original));
                assert!(dispute.appealed_by.is_some());
                assert_eq!(case.overturned, ruling != original, "deal {}", case.deal_id);
                // An overturned arbitrator is slashed; an upheld one keeps its collateral.
                assert_eq!(dispute.arbitrator_slashed, case.overturned);
                if case.overturned {
                    overturned += 1;
                } else {
                    upheld += 1;
                }
            }
            Cause::TimedOut => assert!(dispute.arbitrator_slashed),
        }
    }
    assert_eq!((upheld, overturned), (p.upheld, p.overturned));

    // ---- Nothing was minted: the token's books close exactly. ----
    let end = pool(world);
    assert_eq!(end.total_supply, supply, "the supply never grows");
    assert_eq!(end.stored_balances + end.pool, end.total_supply);
}
