//! `simulate --nodes 3` as a test: three small societies on three chains, each under its own
//! rules, joined in a ring plus a hub (for three nodes, every pair), whose councils sign a
//! treaty at founding. Over a few weeks members sell to each other across channels, offer trades
//! and answer them, book guest homes abroad with the vouchers they earned, and move between
//! nodes. The same seed writes the same bytes; a member who moved is no member of the old node
//! and can't claim its basic income, and is one of the new node; and on every day every voucher
//! of a node's token abroad is a unit its own relay holds for that node.

use std::thread;

use cosmwasm_std::Decimal;
use cw4::MemberResponse;
use dac_sandbox::simulate::mesh::{self, topology, MeshOutcome, MeshSettings};
use dac_sandbox::simulate::{Progress, Rules, Settings};
use dac_testing::dac_deploy::Contract;
use ibc_relay::msg::{HoldingsResponse, ListVouchersResponse, QueryMsg as RelayQuery};

const DAYS: u32 = 21;

fn settings() -> MeshSettings {
    let base = Settings {
        members: 20,
        days: DAYS,
        seed: 11,
        ..Settings::DEFAULT
    };
    let mut settings = MeshSettings::uniform(base, 3);
    // dac-3 decays twice as fast as the others.
    settings.nodes[2].rules = Rules {
        demurrage_rate: Decimal::permille(1),
        ..Rules::DEFAULT
    };
    // Moves are rare (about 7% a year): a few weeks need many more to show one.
    settings.mobility_percent = 10_000;
    settings
}

fn files(outcome: &MeshOutcome) -> (String, String) {
    (outcome.csv(), outcome.render())
}

fn is_member(outcome: &MeshOutcome, node: usize, addr: &str) -> bool {
    let mesh = outcome.mesh.net.borrow();
    let r: MemberResponse = mesh.at(node).query(
        Contract::Council,
        &council::msg::QueryMsg::Member {
            addr: addr.to_string(),
            at_height: None,
        },
    );
    r.weight.is_some()
}

#[test]
fn three_nodes_trade_visit_and_move_and_no_token_is_created_or_lost() {
    let again = thread::spawn(|| {
        let outcome = mesh::run(settings(), &Progress::hidden()).expect("the second run finishes");
        files(&outcome)
    });
    let outcome = mesh::run(settings(), &Progress::hidden()).expect("the mesh run finishes");
    let report = outcome.render();
    println!("{report}");

    // ---- Three nodes, every pair joined; each node its own rules. ----
    assert_eq!(
        topology(3).len(),
        6,
        "three nodes: all three pairs, both ways"
    );
    assert_eq!(outcome.mesh.links.len(), 3);
    let rate = |i: usize| outcome.mesh.net.borrow().nodes[i].cfg.demurrage_rate;
    assert_eq!(rate(0), Rules::DEFAULT.demurrage_rate);
    assert_eq!(rate(2), Decimal::permille(1));

    // ---- Reproducible: the same seed writes the same bytes. ----
    let (csv, text) = files(&outcome);
    let (csv2, text2) = again.join().expect("the second run did not panic");
    assert!(
        csv == csv2,
        "daily.csv differs between two runs with seed 11"
    );
    assert_eq!(text, text2, "report.txt differs between two runs");
    // One row per node and day, after the header, each naming its node.
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("node,day,members,"), "{}", lines[0]);
    assert!(lines[0].ends_with(",conserved"), "{}", lines[0]);
    assert_eq!(lines.len(), 1 + 3 * (DAYS as usize + 1));
    for node in ["dac-1", "dac-2", "dac-3"] {
        let rows = lines.iter().filter(|l| l.starts_with(&format!("{node},")));
        assert_eq!(rows.count(), DAYS as usize + 1, "{node}'s rows");
    }

    // ---- Each pair's councils signed a treaty at founding, ratified on both relays. ----
    assert_eq!(outcome.mesh.treaties, [[0, 1], [1, 2], [0, 2]]);
    assert!(report.contains("treaties: 3 of 3 channels"), "{report}");

    // ---- Members sold, traded, visited and moved between nodes. ----
    let t = outcome.totals();
    assert!(t.sales_abroad > 0 && t.sales_abroad_value > 0, "{t:?}");
    assert!(t.trades_offered > 0 && t.trades_accepted > 0, "{t:?}");
    assert!(t.visits > 0 && t.visits_value > 0, "{t:?}");
    assert!(t.moves > 0 && t.moved_value > 0, "{t:?}");
    assert_eq!(t.moves, outcome.mesh.moves.len() as u64);
    let guests: u64 = outcome.mesh.rows.iter().flatten().map(|r| r.guests).sum();
    assert_eq!(
        guests, t.visits,
        "every visit was a guest taken in by its host"
    );
    assert_eq!(t.guests_refused, 0, "no node caps its visitors");

    // ---- A member who moved: gone from the old node, a member of the new one. ----
    let first = outcome.mesh.moves[0];
    let (from, old_id) = first.from;
    let (to, new_id) = first.to;
    let old = &outcome.mesh.worlds[from].agents[old_id];
    let new = &outcome.mesh.worlds[to].agents[new_id];
    assert_eq!(old.moved_to, Some(first.to));
    assert!(!old.member && old.left_day == Some(first.day));
    assert!(!is_member(&outcome, from, &old.addr));
    assert!(is_member(&outcome, to, &new.addr));
    assert_eq!(new.kind, old.kind);
    // The old node refuses the income of someone who left it (days have passed since).
    let refused = {
        let mut mesh = outcome.mesh.net.borrow_mut();
        let mut node = mesh.at_mut(from);
        node.chain.advance_seconds(2 * dac_testing::DAY);
        node.exec(
            &old.name,
            Contract::Token,
            &demurrage_token::msg::ExecuteMsg::ClaimIncome {},
        )
        .unwrap_err()
    };
    assert!(format!("{refused:#}").contains("member"), "{refused:#}");
    // A member who stayed on that node still may (the refusal is about leaving).
    let stayer = outcome.mesh.worlds[from]
        .agents
        .iter()
        .find(|a| a.member && a.kind == old.kind)
        .expect("someone of the same kind stayed");
    let mut mesh = outcome.mesh.net.borrow_mut();
    mesh.at_mut(from)
        .exec(
            &stayer.name,
            Contract::Token,
            &demurrage_token::msg::ExecuteMsg::ClaimIncome {},
        )
        .expect("a member who stayed claims their income");
    drop(mesh);

    // ---- Conservation, each day and again by hand at the end. ----
    for (node, rows) in outcome.mesh.rows.iter().enumerate() {
        assert_eq!(rows.len(), DAYS as usize + 1);
        let broken: Vec<usize> = (0..rows.len())
            .filter(|&d| rows[d].conserved != 1)
            .collect();
        assert!(
            broken.is_empty(),
            "dac-{}: unconserved on days {broken:?}",
            node + 1
        );
    }
    assert!(
        report.contains("conservation: on all 66 node-days"),
        "{report}"
    );
    let mesh = outcome.mesh.net.borrow();
    let mut abroad = 0u128;
    for origin in 0..3 {
        let name = mesh.nodes[origin].cfg.name.clone();
        let holdings: HoldingsResponse = mesh.at(origin).query(
            Contract::Relay,
            &RelayQuery::Holdings {
                start_after: None,
                limit: None,
            },
        );
        assert!(holdings.in_flight_units.is_zero());
        for held in &holdings.nodes {
            let at = mesh
                .nodes
                .iter()
                .position(|n| n.cfg.name == held.node)
                .unwrap();
            let issued: ListVouchersResponse = mesh.at(at).query(
                Contract::Relay,
                &RelayQuery::ListVouchers {
                    node: name.clone(),
                    start_after: None,
                    limit: Some(1),
                },
            );
            assert_eq!(
                issued.supply, held.units,
                "{name}'s vouchers on {}",
                held.node
            );
            abroad += issued.supply.u128();
        }
    }
    assert!(abroad > 0, "vouchers are held abroad at the end");
}

#[test]
fn a_councils_visitor_cap_refuses_bookings_beyond_it_and_every_one_is_refunded_in_full() {
    // Every node's council takes one booking a night from each visiting node. (Each refused
    // booking's vouchers are checked back in full during the run: a short refund ends it.)
    let mut capped = settings();
    capped
        .cap_visitors(&["1".parse().expect("a cap")])
        .expect("three nodes");
    let outcome = mesh::run(capped, &Progress::hidden()).expect("the capped run finishes");
    let t = outcome.totals();
    assert!(t.guests_refused > 0, "{t:?}");
    assert!(t.guests_refused <= t.visits_refused, "{t:?}");
    // Every booking taken is still a guest its host took in.
    let guests: u64 = outcome.mesh.rows.iter().flatten().map(|r| r.guests).sum();
    assert_eq!(guests, t.visits);
    let report = outcome.render();
    assert!(
        report.contains("visitor cap: 1 a night per visiting node"),
        "{report}"
    );
    assert!(
        report.contains(&format!(
            "visitor caps refused {} of the {} refused visits",
            t.guests_refused, t.visits_refused
        )),
        "{report}"
    );
    assert_eq!(t.unconserved_days, 0, "refunds create and lose nothing");
    let header = outcome.csv().lines().next().unwrap_or_default().to_string();
    assert!(header.contains(",guests,guests_refused,"), "{header}");
}
