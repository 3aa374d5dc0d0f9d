//! The sandbox's mesh story (`cargo run -p dac-sandbox -- story --nodes 5`) as a test: what it
//! prints happened on the chains. Five nodes joined only where both councils recognized each
//! other; a transfer, a trade, a treaty and a move between linked nodes; dac-3, recognized by
//! dac-1 and dac-2, dealing with both; dac-5, which recognizes nobody, refused; every node's
//! vouchers backed at home.

use council::msg::{ApplicationResponse, QueryMsg as CouncilQuery};
use cw4::MemberResponse;
use dac_deploy::Contract;
use dac_sandbox::story::mesh::{self, MeshOutcome};
use dac_sandbox::Narrator;
use demurrage_token::msg::{ClaimableResponse, QueryMsg as TokenQuery};
use ibc_relay::msg::{
    HoldingsResponse, ListVouchersResponse, Price, QueryMsg as RelayQuery, TradeResponse,
    TradeStatus, TreatyResponse, TreatyStatus,
};

const DAC1: usize = 0;
const DAC2: usize = 1;
const DAC3: usize = 2;
const DAC4: usize = 3;
const DAC5: usize = 4;

fn story() -> (MeshOutcome, Vec<String>) {
    let mut out = Narrator::collecting();
    let outcome = mesh::run(&mut out, 5).expect("the five-node story plays to its end");
    (outcome, out.lines)
}

fn is_member(o: &MeshOutcome, node: usize, addr: &str) -> bool {
    let r: MemberResponse = o.mesh.at(node).query(
        Contract::Council,
        &CouncilQuery::Member {
            addr: addr.to_string(),
            at_height: None,
        },
    );
    r.weight.is_some()
}

/// Units node `origin`'s relay holds for node `at`, and the vouchers of its token `at` issued.
fn backing(o: &MeshOutcome, origin: usize, at: usize) -> (u128, u128) {
    let held: HoldingsResponse = o.mesh.at(origin).query(
        Contract::Relay,
        &RelayQuery::Holdings {
            start_after: None,
            limit: None,
        },
    );
    let name = o.mesh.at(at).name();
    let units = held
        .nodes
        .iter()
        .find(|h| h.node == name)
        .map_or(0, |h| h.units.u128());
    let issued: ListVouchersResponse = o.mesh.at(at).query(
        Contract::Relay,
        &RelayQuery::ListVouchers {
            node: o.mesh.at(origin).name(),
            start_after: None,
            limit: None,
        },
    );
    (units, issued.supply.u128())
}

#[test]
fn five_nodes_trade_sign_and_move_where_linked_and_the_lone_node_is_refused() {
    let (o, lines) = story();

    // The plan: channels only where both recognized each other, not every pair.
    let linked: Vec<[usize; 2]> = o.mesh.links.iter().map(|l| l.nodes).collect();
    assert_eq!(
        linked,
        [[DAC1, DAC2], [DAC1, DAC3], [DAC2, DAC3], [DAC4, DAC1]]
    );
    assert_eq!(o.mesh.channel_id(DAC2, DAC4), None);
    assert!(lines.iter().any(|l| l == "dac-5 recognizes nobody"));
    assert!(lines.iter().any(|l| l == "dac-4 recognizes dac-1, dac-5"));

    // The transfer: Bea of dac-2 holds the vouchers dac-1's first transfer issued (10^6 units
    // per micro-token), and dac-1's relay holds the units backing them.
    let bea = o.mesh.at(DAC2).addr("bea");
    let vouchers: ibc_relay::msg::VoucherResponse = o.mesh.at(DAC2).query(
        Contract::Relay,
        &RelayQuery::Voucher {
            node: "dac-1".into(),
            holder: bea,
        },
    );
    assert_eq!(
        vouchers.shares.u128(),
        mesh::SEED_PAYMENT * ibc_relay::holdings::VIRTUAL_UNITS
    );

    // The trade: grain for apples, accepted on both nodes.
    for (node, trade_id) in [(DAC1, o.trade_ids[0]), (DAC2, o.trade_ids[1])] {
        let r: TradeResponse = o
            .mesh
            .at(node)
            .query(Contract::Relay, &RelayQuery::Trade { trade_id });
        assert_eq!(r.trade.status, TradeStatus::Accepted, "on dac-{}", node + 1);
        assert_eq!(r.trade.goods, "grain");
        assert!(matches!(r.trade.price, Price::Goods { containers: 3, .. }));
    }

    // The treaty: proposed by dac-2, ratified by dac-1, ratified on both.
    for (node, treaty_id) in [(DAC2, o.treaty_ids[0]), (DAC1, o.treaty_ids[1])] {
        let r: TreatyResponse = o
            .mesh
            .at(node)
            .query(Contract::Relay, &RelayQuery::Treaty { treaty_id });
        assert_eq!(
            r.treaty.status,
            TreatyStatus::Ratified,
            "on dac-{}",
            node + 1
        );
    }

    // The move: Erin left dac-2 (no membership, no income, nothing left at her old address: her
    // wallet claimed the income she had earned in the move's transaction) and is a member of
    // dac-1, with her savings and that income as dac-2's vouchers and dac-2's record of her
    // beside her application.
    let [old, new] = &o.moved.addresses;
    assert!(!is_member(&o, DAC2, old));
    let income: ClaimableResponse = o.mesh.at(DAC2).query(
        Contract::Token,
        &TokenQuery::Claimable {
            address: old.clone(),
        },
    );
    assert!(!income.is_member);
    assert!(o.moved.income_claimed > 0, "twelve days of income");
    assert!(o.moved.income_claimed < mesh::SAVINGS / 10);
    assert_eq!(o.mesh.at(DAC2).balance_of(old), 0);
    assert!(is_member(&o, DAC1, new));
    let vouchers: ibc_relay::msg::VoucherResponse = o.mesh.at(DAC1).query(
        Contract::Relay,
        &RelayQuery::Voucher {
            node: "dac-2".into(),
            holder: new.clone(),
        },
    );
    assert_eq!(vouchers.shares.u128(), o.moved.vouchers);
    // A first transfer of dac-2's token to dac-1: 10^6 units per micro-token, no decay between
    // the send and its acknowledgement: her savings (twelve days' decay of what she was paid)
    // and the income she claimed, all of it.
    let moved = vouchers.shares.u128() / ibc_relay::holdings::VIRTUAL_UNITS;
    assert_eq!(moved, o.moved.savings + o.moved.income_claimed);
    assert!(o.moved.savings < mesh::SAVINGS && o.moved.savings > mesh::SAVINGS * 99 / 100);
    let arrivals: council::msg::ArrivalsResponse = o.mesh.at(DAC1).query(
        Contract::Council,
        &CouncilQuery::Arrivals {
            applicant: new.clone(),
            start_after: None,
            limit: None,
        },
    );
    let record = &arrivals.arrivals[0];
    assert_eq!(record.node, "dac-2");
    assert_eq!(&record.record.member, old);
    assert_eq!(record.record.sanction_level, 0);
    let since = record.record.member_since.expect("admitted on dac-2");
    assert_eq!(
        (record.record.left_at.seconds() - since.seconds()) / dac_testing::DAY,
        mesh::MEMBER_DAYS
    );
    let _: housing_registry::msg::ApplicationResponse = o.mesh.at(DAC1).query(
        Contract::Housing,
        &housing_registry::msg::QueryMsg::Application {
            applicant: new.clone(),
        },
    );
    // Admitted, she is no longer an applicant to the council.
    let still: anyhow::Result<ApplicationResponse> = dac_testing::query(
        o.mesh.at(DAC1).chain,
        &o.mesh.at(DAC1).contract(Contract::Council),
        &CouncilQuery::Application {
            applicant: new.clone(),
        },
    );
    assert!(still.is_err());
    assert!(lines
        .iter()
        .any(|l| l == "relayer: departure dac-2 → dac-1, acknowledged"));

    // dac-3 sold to both nodes that recognize it: it sent dac-1's vouchers home to pay Bea
    // there, and kept dac-2's, which cannot pass for dac-1's.
    assert_eq!(o.mesh.vouchers(DAC1, DAC3, "cyd"), 0, "dac-1's went home");
    assert!(o.mesh.vouchers(DAC2, DAC3, "cyd") > 0);
    assert_eq!(
        o.shared_refusal.as_deref(),
        Some("not enough vouchers: have 0, need 1")
    );
    assert_eq!(backing(&o, DAC1, DAC3), (0, 0));
    let (units, issued) = backing(&o, DAC2, DAC3);
    assert!(units > 0 && units == issued);

    // dac-5 recognizes nobody: dac-4, which recognizes it, cannot open a channel to it (dac-5's
    // relay refuses to answer, naming dac-4's port), nor can dac-5 start one; its own relay
    // refuses to send, and no money moved.
    let dac4_port = format!("port wasm.{}", o.mesh.at(DAC4).contract(Contract::Relay));
    assert_eq!(o.handshake_refusals.len(), 2);
    for refusal in &o.handshake_refusals {
        assert!(refusal.contains("is not a recognized node"), "{refusal}");
        assert!(refusal.contains(&dac4_port), "{refusal}");
    }
    assert_eq!(o.transfer_refusal, "unknown channel channel-0");
    assert!(o
        .mesh
        .relayer
        .channels()
        .iter()
        .all(|c| !c.chains.contains(&DAC5)));
    let lone = o.mesh.at(DAC5);
    assert_eq!(lone.balance("ada"), lone.balance("bea"), "Ada sent nothing");
    assert_eq!(lone.balance_of(&lone.contract(Contract::Relay)), 0);

    // The books: every linked pair's vouchers are backed one for one at home, nothing is in
    // flight, and the story says every node is conserved.
    for link in &o.mesh.links {
        let [a, b] = link.nodes;
        for (origin, at) in [(a, b), (b, a)] {
            let (units, issued) = backing(&o, origin, at);
            assert_eq!(units, issued, "dac-{} at dac-{}", origin + 1, at + 1);
        }
    }
    let (units, issued) = backing(&o, DAC1, DAC2);
    assert!(units > 0 && units == issued);
    assert_eq!(o.books.len(), 5);
    assert!(o.books.iter().all(|b| b.conserved()), "{:?}", o.books);
    assert!(o.books[DAC5].backing.is_empty());
    assert_eq!(
        lines.last().map(String::as_str),
        Some("5 of 5 nodes conserved")
    );
}

#[test]
fn a_mesh_story_outside_three_to_eight_nodes_is_refused_before_anything_is_deployed() {
    for nodes in [2, 9] {
        let mut out = Narrator::collecting();
        let err = mesh::run(&mut out, nodes).err().expect("refused");
        assert!(err.to_string().contains("3 to 8 nodes"), "{err}");
        assert!(out.lines.is_empty());
    }
}
