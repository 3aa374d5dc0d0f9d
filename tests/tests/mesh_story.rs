//! Five nodes, each on its own chain, deployed through the recipe and joined by channels only
//! where both councils recognized each other (`dac_testing::Mesh`):
//!
//! ```text
//!   dac-4 ── dac-1 ── dac-2        dac-5 recognizes nobody (dac-4 recognizes it: no channel)
//!              \      /
//!               dac-3              dac-3 is recognized by dac-1 and dac-2
//! ```
//!
//! A transfer, a trade, a treaty and a move between nodes that share a channel; two nodes both
//! dealing with the node they both recognize, their vouchers kept apart and its visitor caps
//! counted per node; and a node that recognizes nobody, whose channels are refused at the
//! handshake.

use cosmwasm_std::{Addr, IbcOrder, Uint128};
use council::msg::{ExecuteMsg as CouncilMsg, QueryMsg as CouncilQuery};
use dac_testing::dac_deploy::Contract;
use dac_testing::{connection_ids, Mesh, DAY};
use housing_registry::msg::ExecuteMsg as HousingMsg;
use ibc_relay::msg::{
    BookGuestMsg, DeliveryWindow, ExecuteMsg as RelayMsg, OfferTradeMsg, Price, ProposeTreatyMsg,
    QueryMsg as RelayQuery, ReceiveMsg as RelayReceive, TradeResponse, TradeRole, TradeStatus,
    TreatyKind, TreatyResponse, TreatyStatus,
};

const DAC1: usize = 0;
const DAC2: usize = 1;
const DAC3: usize = 2;
const DAC4: usize = 3;
const DAC5: usize = 4;
const GUEST_NIGHT: u128 = 500;

/// Who recognizes whom, `(by, whom)`: the picture above.
const RECOGNITIONS: [(usize, usize); 9] = [
    (DAC1, DAC2),
    (DAC2, DAC1),
    (DAC1, DAC3),
    (DAC3, DAC1),
    (DAC2, DAC3),
    (DAC3, DAC2),
    (DAC4, DAC1),
    (DAC1, DAC4),
    (DAC4, DAC5),
];

/// The five nodes; on each, the first founder pays alice, bob and carol 1,000,000.
fn mesh() -> Mesh {
    let mut mesh = Mesh::with_config(5, &RECOGNITIONS, |_, cfg| {
        cfg.guest_price_per_day = Uint128::new(GUEST_NIGHT)
    })
    .expect("five nodes deploy through the recipe");
    for node in 0..5 {
        for person in ["alice", "bob", "carol"] {
            let to = mesh.at(node).addr(person);
            mesh.at_mut(node).transfer("ada", to, 1_000_000).unwrap();
        }
    }
    mesh
}

#[test]
fn five_nodes_share_a_channel_only_where_both_councils_recognized_each_other() {
    let mesh = mesh();
    let linked: Vec<[usize; 2]> = mesh.links.iter().map(|l| l.nodes).collect();
    assert_eq!(
        linked,
        [[DAC1, DAC2], [DAC1, DAC3], [DAC2, DAC3], [DAC4, DAC1]]
    );
    assert!(mesh.links.iter().all(|l| l.channel.open));
    // Not all pairs: dac-2 and dac-4 never recognized each other, dac-5 nobody.
    assert_eq!(mesh.channel_id(DAC2, DAC4), None);
    for other in [DAC1, DAC2, DAC3, DAC4] {
        assert_eq!(mesh.channel_id(DAC5, other), None);
    }
    // Each chain numbers its own connections: dac-1 reaches three nodes over three.
    let dac1_ends: Vec<&str> = mesh
        .links
        .iter()
        .flat_map(|l| [(l.nodes[0], &l.channel.a), (l.nodes[1], &l.channel.b)])
        .filter(|(node, _)| *node == DAC1)
        .map(|(_, end)| end.connection_id.as_str())
        .collect();
    assert_eq!(dac1_ends, ["connection-0", "connection-1", "connection-2"]);
}

#[test]
fn a_transfer_a_trade_and_a_treaty_between_nodes_that_share_a_channel() {
    let mut mesh = mesh();
    // A transfer from dac-4 to dac-1: carol there holds vouchers of dac-4's token.
    let before = mesh.at(DAC4).balance("alice");
    mesh.send_abroad(DAC4, "alice", DAC1, "carol", 40_000)
        .unwrap();
    assert_eq!(mesh.at(DAC4).balance("alice"), before - 40_000);
    assert!(mesh.vouchers(DAC4, DAC1, "carol") > 0);

    // A trade: alice on dac-1 offers grain to bob on dac-2, who accepts.
    let channel_id = mesh.channel(DAC1, DAC2).unwrap();
    let (bob, payer) = (mesh.at(DAC2).addr("bob"), mesh.at(DAC1).addr("bob"));
    let now = mesh.at(DAC1).now();
    let offer = RelayMsg::OfferTrade(OfferTradeMsg {
        channel_id,
        counterparty: bob,
        role: TradeRole::Seller,
        goods: "grain".to_string(),
        containers: 2,
        price: Price::Tokens {
            amount: Uint128::new(50_000),
            payer,
        },
        delivery_window: DeliveryWindow {
            earliest: now.plus_seconds(5 * DAY),
            latest: now.plus_seconds(30 * DAY),
        },
        timeout_seconds: None,
    });
    mesh.at_mut(DAC1)
        .exec("alice", Contract::Relay, &offer)
        .unwrap();
    mesh.relayer.relay_all().unwrap();
    let answer = RelayMsg::AnswerTrade {
        trade_id: 1,
        accept: true,
        reason: None,
        timeout_seconds: None,
    };
    mesh.at_mut(DAC2)
        .exec("bob", Contract::Relay, &answer)
        .unwrap();
    mesh.relayer.relay_all().unwrap();
    for node in [DAC1, DAC2] {
        let trade: TradeResponse = mesh
            .at(node)
            .query(Contract::Relay, &RelayQuery::Trade { trade_id: 1 });
        assert_eq!(
            trade.trade.status,
            TradeStatus::Accepted,
            "on dac-{}",
            node + 1
        );
    }

    // A treaty: dac-2's council proposes one to dac-3's, which ratifies it.
    let channel_id = mesh.channel(DAC2, DAC3).unwrap();
    let propose = RelayMsg::ProposeTreaty(ProposeTreatyMsg {
        channel_id,
        kind: TreatyKind::JointInitiative,
        title: "Share the valley's orchards".to_string(),
        terms: "Each node tends half the orchards and shares the harvest".to_string(),
        timeout_seconds: None,
    });
    mesh.at_mut(DAC2)
        .govern("Propose the orchard treaty", Contract::Relay, &propose)
        .unwrap();
    mesh.relayer.relay_all().unwrap();
    let ratify = RelayMsg::RatifyTreaty {
        treaty_id: 1,
        timeout_seconds: None,
    };
    mesh.at_mut(DAC3)
        .govern("Ratify the orchard treaty", Contract::Relay, &ratify)
        .unwrap();
    mesh.relayer.relay_all().unwrap();
    for node in [DAC2, DAC3] {
        let treaty: TreatyResponse = mesh
            .at(node)
            .query(Contract::Relay, &RelayQuery::Treaty { treaty_id: 1 });
        assert_eq!(treaty.treaty.status, TreatyStatus::Ratified);
    }
    // Nodes that share no channel cannot reach each other: dac-4 has none to dac-2.
    assert!(mesh.channel(DAC4, DAC2).is_err());
}

/// `who` applies to node `node` and its executive council; ada, a gatekeeper, admits them.
fn admit(mesh: &mut Mesh, node: usize, who: &str) {
    let council_id = mesh.nodes[node].deployment.executive_council_id;
    let applicant = mesh.at(node).addr(who);
    let mut at = mesh.at_mut(node);
    let apply = CouncilMsg::Apply {
        statement: "I mend nets".into(),
        councils: vec![council_id],
    };
    at.exec(who, Contract::Council, &apply).unwrap();
    at.exec("ada", Contract::Council, &CouncilMsg::Admit { applicant })
        .unwrap();
}

fn is_member(mesh: &Mesh, node: usize, addr: &str) -> bool {
    let r: cw4::MemberResponse = mesh.at(node).query(
        Contract::Council,
        &CouncilQuery::Member {
            addr: addr.to_string(),
            at_height: None,
        },
    );
    r.weight.is_some()
}

fn arrivals(mesh: &Mesh, node: usize, who: &str) -> Vec<council::msg::Arrival> {
    let r: council::msg::ArrivalsResponse = mesh.at(node).query(
        Contract::Council,
        &CouncilQuery::Arrivals {
            applicant: mesh.at(node).addr(who),
            start_after: None,
            limit: None,
        },
    );
    r.arrivals
}

#[test]
fn a_member_moves_along_a_channel_of_the_mesh_and_only_that_node_gets_her_record() {
    let mut mesh = mesh();
    // erin lives on dac-4, whose only channel leads to dac-1.
    admit(&mut mesh, DAC4, "erin");
    let erin = mesh.at(DAC4).addr("erin");
    mesh.at_mut(DAC4)
        .transfer("ada", erin.clone(), 200_000)
        .unwrap();
    mesh.move_member(DAC4, "erin", DAC1, false).unwrap();

    assert!(!is_member(&mesh, DAC4, &erin));
    assert_eq!(mesh.at(DAC4).balance("erin"), 0);
    assert!(mesh.vouchers(DAC4, DAC1, "erin") > 0);
    let record = &arrivals(&mesh, DAC1, "erin")[0];
    assert_eq!(record.node, "dac-4");
    assert_eq!(record.record.member, erin);
    // The other nodes heard nothing of her.
    for other in [DAC2, DAC3, DAC5] {
        assert!(
            arrivals(&mesh, other, "erin").is_empty(),
            "dac-{}",
            other + 1
        );
    }
    // dac-1's gatekeeper admits her.
    admit(&mut mesh, DAC1, "erin");
    let here = mesh.at(DAC1).addr("erin");
    assert!(is_member(&mesh, DAC1, &here));

    // frank of dac-4 cannot move to dac-2, which dac-4 shares no channel with: his relay knows
    // no channel to name, and he stays where he is with his money.
    admit(&mut mesh, DAC4, "frank");
    let frank = mesh.at(DAC4).addr("frank");
    mesh.at_mut(DAC4)
        .transfer("ada", frank.clone(), 10_000)
        .unwrap();
    assert!(mesh.channel(DAC4, DAC2).is_err());
    let receiver = mesh.at(DAC2).addr("frank");
    let err = mesh
        .at_mut(DAC4)
        .move_over("channel-7".into(), "frank", receiver, false)
        .unwrap_err();
    assert!(
        err.root_cause()
            .to_string()
            .contains("unknown channel channel-7"),
        "{err:?}"
    );
    assert!(is_member(&mesh, DAC4, &frank));
    assert_eq!(mesh.at(DAC4).balance("frank"), 10_000);
}

#[test]
fn two_nodes_both_deal_with_the_node_they_both_recognize_and_their_vouchers_stay_apart() {
    let mut mesh = mesh();
    // Visitors from dac-1 and dac-2 both come to dac-3: alice of each sends money to bob there.
    mesh.send_abroad(DAC1, "alice", DAC3, "bob", 30_000)
        .unwrap();
    mesh.send_abroad(DAC2, "alice", DAC3, "bob", 20_000)
        .unwrap();
    let of_dac1 = mesh.vouchers(DAC1, DAC3, "bob");
    let of_dac2 = mesh.vouchers(DAC2, DAC3, "bob");
    assert!(of_dac1 > 0 && of_dac2 > 0);
    assert_ne!(
        of_dac1, of_dac2,
        "each node's vouchers are their own ledger"
    );

    // Bob sends dac-1's vouchers home: dac-2's are untouched, and dac-2's relay still holds
    // what backs them.
    let dac1_alice = mesh.at(DAC1).addr("alice");
    let before = mesh.at(DAC1).balance("alice");
    let back = RelayMsg::ReturnVouchers {
        channel_id: mesh.channel(DAC3, DAC1).unwrap(),
        receiver: dac1_alice,
        shares: Uint128::new(of_dac1),
        timeout_seconds: None,
    };
    mesh.at_mut(DAC3)
        .exec("bob", Contract::Relay, &back)
        .unwrap();
    mesh.relayer.relay_all().unwrap();
    assert_eq!(mesh.vouchers(DAC1, DAC3, "bob"), 0);
    assert_eq!(mesh.vouchers(DAC2, DAC3, "bob"), of_dac2);
    assert!(mesh.at(DAC1).balance("alice") > before);
    // He still holds dac-2's vouchers, but they cannot pass for dac-1's.
    let again = RelayMsg::ReturnVouchers {
        channel_id: mesh.channel(DAC3, DAC1).unwrap(),
        receiver: mesh.at(DAC1).addr("alice"),
        shares: Uint128::new(1),
        timeout_seconds: None,
    };
    let err = mesh
        .at_mut(DAC3)
        .exec("bob", Contract::Relay, &again)
        .unwrap_err();
    assert_eq!(
        err.root_cause().to_string(),
        "not enough vouchers: have 0, need 1"
    );
    assert_eq!(mesh.vouchers(DAC2, DAC3, "bob"), of_dac2);

    // dac-3 is popular: its council caps visitors at one booking a night per visiting node.
    // Carol of dac-1 books night 2; Alice of dac-1 is refused that night (and refunded every
    // voucher), while bob of dac-2 is counted apart and gets it.
    let homes = [
        mesh.at_mut(DAC3).open_guest_home().unwrap(),
        mesh.at_mut(DAC3).open_guest_home().unwrap(),
        mesh.at_mut(DAC3).open_guest_home().unwrap(),
    ];
    let cap = HousingMsg::SetVisitorCap {
        node: None,
        cap: Some(1),
    };
    mesh.at_mut(DAC3)
        .govern("One booking a night per node", Contract::Housing, &cap)
        .unwrap();
    for (node, who) in [(DAC1, "carol"), (DAC1, "alice"), (DAC2, "bob")] {
        mesh.send_abroad(DAC3, "carol", node, who, 5_000).unwrap();
    }
    let book = |mesh: &mut Mesh, node: usize, who: &str, home_id: u64| {
        let start_day = mesh.at(DAC3).today() + 2;
        let offered = mesh.vouchers(DAC3, node, who);
        let msg = RelayMsg::BookGuest(BookGuestMsg {
            channel_id: mesh.channel(node, DAC3).unwrap(),
            home_id,
            guest: who.to_string(),
            start_day,
            end_day: start_day + 1,
            shares: Uint128::new(offered),
            timeout_seconds: Some(DAY),
        });
        mesh.at_mut(node).exec(who, Contract::Relay, &msg).unwrap();
        let outcomes = mesh.relayer.relay_all().unwrap();
        (
            outcomes[0].is_error_ack(),
            offered,
            mesh.vouchers(DAC3, node, who),
        )
    };
    let (refused, _, _) = book(&mut mesh, DAC1, "carol", homes[0]);
    assert!(!refused);
    let (refused, offered, after) = book(&mut mesh, DAC1, "alice", homes[1]);
    assert!(refused);
    assert_eq!(after, offered, "the full refund");
    let (refused, offered, after) = book(&mut mesh, DAC2, "bob", homes[1]);
    assert!(!refused);
    assert!(after < offered);
}

#[test]
fn a_node_that_recognizes_nobody_gets_no_channel_and_its_packets_are_refused() {
    let mut mesh = mesh();
    let relay = |mesh: &Mesh, node: usize| Addr::unchecked(mesh.at(node).contract(Contract::Relay));
    let (dac4, dac5) = (relay(&mesh, DAC4), relay(&mesh, DAC5));
    // The connections light clients would give each pair (dac-5 has one to dac-4).
    let connections = connection_ids(5, &RECOGNITIONS);
    let conn = |at: usize, to: usize| {
        connections
            .get(&(at, to))
            .cloned()
            .unwrap_or_else(|| "connection-9".to_string())
    };
    let open = |mesh: &mut Mesh, (a, a_relay): (usize, &Addr), (b, b_relay): (usize, &Addr)| {
        mesh.relayer
            .open_channel_between(
                (a, a_relay, &conn(a, b)),
                (b, b_relay, &conn(b, a)),
                ibc_relay::msg::IBC_VERSION,
                IbcOrder::Unordered,
            )
            .map(|_| ())
            .unwrap_err()
            .root_cause()
            .to_string()
    };
    // The refusing relay names the port it does not recognize: dac-5's names the other's.
    let refused_by_dac5 = |err: &str, other: &Addr| {
        err.contains("is not a recognized node") && err.contains(&format!("port wasm.{other}"))
    };
    // dac-5 starts a handshake with dac-4, which recognizes it: dac-5's own relay refuses.
    let err = open(&mut mesh, (DAC5, &dac5), (DAC4, &dac4));
    assert!(refused_by_dac5(&err, &dac4), "{err}");
    // dac-4 starts it: dac-4's relay agrees, dac-5's refuses the try.
    let err = open(&mut mesh, (DAC4, &dac4), (DAC5, &dac5));
    assert!(refused_by_dac5(&err, &dac4), "{err}");
    // dac-1, which does not recognize dac-5 either, refuses to start one towards it.
    let dac1 = relay(&mesh, DAC1);
    let err = open(&mut mesh, (DAC1, &dac1), (DAC5, &dac5));
    assert!(err.contains(&format!("port wasm.{dac5}")), "{err}");
    assert_eq!(mesh.links.len(), 4);
    assert!(mesh
        .relayer
        .channels()
        .iter()
        .all(|c| c.chains != [DAC4, DAC5]));

    // With no channel, a transfer from dac-5 is refused by its own relay and moves nothing.
    let before = mesh.at(DAC5).balance("alice");
    let transfer = RelayReceive::Transfer {
        channel_id: "channel-0".to_string(),
        receiver: mesh.at(DAC4).addr("bob"),
        timeout_seconds: None,
    };
    let err = mesh
        .at_mut(DAC5)
        .send_token("alice", Contract::Relay, 1_000, &transfer)
        .unwrap_err();
    assert!(
        err.root_cause()
            .to_string()
            .contains("unknown channel channel-0"),
        "{err:?}"
    );
    assert_eq!(mesh.at(DAC5).balance("alice"), before);
    assert!(mesh.relayer.pending_packets().unwrap().is_empty());
}
