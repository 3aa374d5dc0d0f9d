//! Moving to another node (issue 18; seed 001: "relinquish your house back to the original
//! node, and then apply for a house in the new node"), across two relayed nodes.
//!
//! erin, a member of dac-1 with a home, money, a role and delegations both ways, sends one
//! message (a cw20 `send` of her whole balance to the relay with `move`). dac-1's council ends
//! her membership, roles and delegations and tells the token (no more basic income) and the
//! registry (her home returns); her money reaches her address on dac-2 as vouchers, with the
//! departure record dac-1's council built. dac-2's gatekeeper sees the record beside her
//! application and admits her; she applies for a home there as anyone does.

use cosmwasm_std::{to_json_binary, Uint128};
use council::msg::{
    ApplicationResponse, ConfigResponse, DelegationResponse, ExecuteMsg as CouncilMsg,
    ListApplicationsResponse, ProposalChoices, ProposeMsg, QueryMsg as CouncilQuery,
    StandingResponse,
};
use cw4::MemberResponse;
use dac_testing::dac_deploy::Contract;
use dac_testing::dac_ibc_harness::Side;
use dac_testing::{is_error, At, Mesh, TwoNodes, DAY};
use demurrage_token::msg::{ClaimableResponse, ExecuteMsg as TokenMsg, QueryMsg as TokenQuery};
use housing_registry::msg::{
    ExecuteMsg as HousingMsg, HomeOfResponse, HomeResponse, HomeStatus, QueryMsg as HousingQuery,
};
use ibc_relay::msg::{ListPendingResponse, QueryMsg as RelayQuery};
use ibc_relay::packet::{DeparturePacket, Envelope, RelayPacket, TransferPacket};

const DAC1: usize = 0;
const DAC2: usize = 1;
/// The executive council (the assembly) of every test node.
const ASSEMBLY: u64 = 1;

type Node<'a> = At<'a, &'a mut dac_testing::dac_ibc_harness::Chain>;

/// `who` applies to the node (and its assembly) and a gatekeeper (ada) admits them.
fn admit(node: &mut Node, who: &str) {
    node.exec(
        who,
        Contract::Council,
        &CouncilMsg::Apply {
            statement: "I live here".into(),
            councils: vec![ASSEMBLY],
        },
    )
    .unwrap();
    let applicant = node.addr(who);
    node.exec("ada", Contract::Council, &CouncilMsg::Admit { applicant })
        .unwrap();
}

fn delegate(node: &mut Node, from: &str, to: &str, topic: &str) {
    let delegate = node.addr(to);
    node.exec(
        from,
        Contract::Council,
        &CouncilMsg::Delegate {
            council_id: ASSEMBLY,
            topic: topic.into(),
            delegate,
        },
    )
    .unwrap();
}

fn delegation<C: std::borrow::Borrow<dac_testing::dac_ibc_harness::Chain>>(
    node: &At<C>,
    member: &str,
    topic: &str,
) -> DelegationResponse {
    node.query(
        Contract::Council,
        &CouncilQuery::Delegation {
            council_id: ASSEMBLY,
            topic: topic.into(),
            member: node.addr(member),
        },
    )
}

fn is_member<C: std::borrow::Borrow<dac_testing::dac_ibc_harness::Chain>>(
    node: &At<C>,
    who: &str,
) -> bool {
    let r: MemberResponse = node.query(
        Contract::Council,
        &CouncilQuery::Member {
            addr: node.addr(who),
            at_height: None,
        },
    );
    r.weight.is_some()
}

fn home_of<C: std::borrow::Borrow<dac_testing::dac_ibc_harness::Chain>>(
    node: &At<C>,
    who: &str,
) -> Option<u64> {
    let r: HomeOfResponse = node.query(
        Contract::Housing,
        &HousingQuery::HomeOf {
            holder: node.addr(who),
        },
    );
    r.home_id
}

fn apply_for_home(node: &mut Node, who: &str) -> anyhow::Result<Vec<(String, String)>> {
    node.exec(
        who,
        Contract::Housing,
        &HousingMsg::Apply {
            household_size: 1,
            needs: vec![],
            evidence_commitment: None,
        },
    )
}

/// Two nodes that recognize each other, moves enabled on both.
fn two_nodes() -> Mesh {
    Mesh::new(2, &[(DAC1, DAC2), (DAC2, DAC1)]).unwrap()
}

#[test]
fn a_member_moves_with_home_money_role_and_delegations_and_is_admitted_on_the_new_node() {
    let mut mesh = two_nodes();
    let dac1_name = mesh.at(DAC1).name();

    // ---- erin's life on dac-1: member, monitor, a home, money, delegations both ways ----
    let mut old = mesh.at_mut(DAC1);
    admit(&mut old, "erin");
    let (erin, bea) = (old.addr("erin"), old.addr("bea"));
    old.govern(
        "erin joins the monitors",
        Contract::Council,
        &CouncilMsg::UpdateRoles {
            head: None,
            gatekeepers: None,
            monitors: Some(vec![bea, erin.clone()]),
        },
    )
    .unwrap();
    old.govern(
        "A home by the river",
        Contract::Housing,
        &HousingMsg::RegisterHome {
            rooms: 1,
            accessibility: vec![],
            zone: "river".into(),
            status: HomeStatus::Available,
        },
    )
    .unwrap();
    apply_for_home(&mut old, "erin").unwrap();
    old.exec(
        "ada",
        Contract::Housing,
        &HousingMsg::AllocateRound { limit: 10 },
    )
    .unwrap();
    let home = home_of(&old, "erin").expect("erin is housed on dac-1");
    old.transfer("ada", erin.clone(), 300_000).unwrap();
    delegate(&mut old, "cyd", "erin", "housing");
    delegate(&mut old, "erin", "dov", "budget");
    assert_eq!(delegation(&old, "erin", "housing").delegated_to_member, 1);
    let claimable: ClaimableResponse = old.query(
        Contract::Token,
        &TokenQuery::Claimable {
            address: erin.clone(),
        },
    );
    assert!(claimable.is_member);
    let balance = old.balance("erin");
    assert!(balance > 0);

    // ---- the move: one message ----
    mesh.move_member(DAC1, "erin", DAC2, false).unwrap();

    // ---- dac-1: membership, role, delegations, home, money and income are gone ----
    let old = mesh.at(DAC1);
    assert!(!is_member(&old, "erin"));
    let config: ConfigResponse = old.query(Contract::Council, &CouncilQuery::Config {});
    assert!(!config.monitors.iter().any(|m| m.as_str() == erin));
    assert_eq!(delegation(&old, "cyd", "housing").delegate, None);
    assert_eq!(delegation(&old, "erin", "housing").delegated_to_member, 0);
    assert_eq!(delegation(&old, "erin", "budget").delegate, None);
    assert_eq!(home_of(&old, "erin"), None);
    let h: HomeResponse = old.query(Contract::Housing, &HousingQuery::Home { home_id: home });
    assert_eq!(h.status, HomeStatus::Available);
    assert_eq!(old.balance("erin"), 0);
    let claimable: ClaimableResponse = old.query(
        Contract::Token,
        &TokenQuery::Claimable {
            address: erin.clone(),
        },
    );
    assert!(!claimable.is_member);
    // The money crossed: nothing waits for an acknowledgement.
    let pending: ListPendingResponse = old.query(
        Contract::Relay,
        &RelayQuery::PendingPackets {
            start_after: None,
            limit: None,
        },
    );
    assert!(pending.packets.is_empty());

    // The old node refuses her income claim and her vote.
    let mut old = mesh.at_mut(DAC1);
    old.chain.advance_seconds(2 * DAY);
    let err = old
        .exec("erin", Contract::Token, &TokenMsg::ClaimIncome {})
        .unwrap_err();
    assert!(format!("{err:#}").contains("member"), "{err:#}");
    old.exec(
        "ada",
        Contract::Council,
        &CouncilMsg::Propose(ProposeMsg {
            chambers: vec![council::msg::Body::Council {
                council_id: ASSEMBLY,
            }],
            title: "Plant trees".into(),
            topic: "housing".into(),
            description: "By the river".into(),
            choices: ProposalChoices::YesNo {},
            msgs: vec![],
        }),
    )
    .unwrap();
    let proposals: council::msg::ListProposalsResponse = old.query(
        Contract::Council,
        &CouncilQuery::ListProposals {
            status: Some(council::msg::ProposalStatus::Open),
            start_after: None,
            limit: None,
        },
    );
    let proposal_id = proposals.proposals[0].id;
    old.chain.advance_seconds(5);
    let err = old
        .exec(
            "erin",
            Contract::Council,
            &CouncilMsg::Vote {
                proposal_id,
                option: council::msg::VoteOption::Yes,
            },
        )
        .unwrap_err();
    assert!(format!("{err:#}").contains("is not a member"), "{err:#}");

    // ---- dac-2: her money as vouchers, her record beside her application ----
    assert!(mesh.vouchers(DAC1, DAC2, "erin") > 0);
    let mut new = mesh.at_mut(DAC2);
    let erin_here = new.addr("erin");
    new.exec(
        "erin",
        Contract::Council,
        &CouncilMsg::Apply {
            statement: "Moving from dac-1".into(),
            councils: vec![],
        },
    )
    .unwrap();
    let listed: ListApplicationsResponse = new.query(
        Contract::Council,
        &CouncilQuery::ListApplications {
            start_after: None,
            limit: None,
        },
    );
    let application: &ApplicationResponse = listed
        .applications
        .iter()
        .find(|a| a.applicant.as_str() == erin_here)
        .unwrap();
    let arrival = &application.arrivals[0];
    assert_eq!(arrival.node, dac1_name);
    assert_eq!(arrival.record.member, erin);
    assert!(arrival.record.member_since.is_some());
    assert_eq!(arrival.record.sanction_level, 0);
    assert_eq!(arrival.record.exclusion_due, None);
    // The gatekeeper admits her; then she applies for a home as anyone does.
    new.exec(
        "ada",
        Contract::Council,
        &CouncilMsg::Admit {
            applicant: erin_here,
        },
    )
    .unwrap();
    apply_for_home(&mut new, "erin").unwrap();
}

/// On `dac-1`, `who` joins and is paid `amount`.
fn member_with(mesh: &mut TwoNodes, who: &str, amount: u128) {
    let mut node = mesh.at_mut(Side::A);
    admit(&mut node, who);
    let addr = node.addr(who);
    node.transfer("ada", addr, amount).unwrap();
}

fn two() -> TwoNodes {
    TwoNodes::deploy()
}

fn move_from_a(mesh: &mut TwoNodes, who: &str, amount: u128) -> anyhow::Result<()> {
    let channel_id = mesh.channel_id(Side::A);
    let receiver = mesh.addr(Side::B, who);
    let depart = ibc_relay::msg::ReceiveMsg::Move {
        channel_id,
        receiver,
        household_stays: false,
        timeout_seconds: Some(DAY),
    };
    mesh.at_mut(Side::A)
        .send_token(who, Contract::Relay, amount, &depart)?;
    Ok(())
}

#[test]
fn a_non_member_or_part_of_a_balance_cannot_move_and_nothing_is_sent() {
    let mut mesh = two();
    let mallory = mesh.addr(Side::A, "mallory");
    mesh.at_mut(Side::A)
        .transfer("ada", mallory, 10_000)
        .unwrap();
    let err = move_from_a(&mut mesh, "mallory", 10_000).unwrap_err();
    assert!(format!("{err:#}").contains("is not a member"), "{err:#}");
    assert_eq!(mesh.balance(Side::A, "mallory"), 10_000);
    member_with(&mut mesh, "erin", 10_000);
    let err = move_from_a(&mut mesh, "erin", 9_000).unwrap_err();
    assert!(format!("{err:#}").contains("whole balance"), "{err:#}");
    assert!(mesh.at(Side::A).balance("erin") == 10_000);
    assert!(mesh.pending(Side::A).packets.is_empty());
    assert!(is_member(&mesh.at(Side::A), "erin"));
}

#[test]
fn a_move_that_would_leave_income_behind_is_refused_and_a_claim_first_takes_it_all() {
    let mut mesh = two();
    member_with(&mut mesh, "erin", 10_000);
    mesh.at_mut(Side::A).chain.advance_seconds(3 * DAY);
    let erin = mesh.addr(Side::A, "erin");
    let owed: ClaimableResponse = mesh.at(Side::A).query(
        Contract::Token,
        &TokenQuery::Claimable {
            address: erin.clone(),
        },
    );
    assert!(owed.amount.u128() > 0, "three days of income");
    // Her whole balance without the claim: the income would be paid at her old address as her
    // membership ends. Refused, naming the amount and the fix; nothing changed.
    let balance = mesh.balance(Side::A, "erin");
    let err = move_from_a(&mut mesh, "erin", balance).unwrap_err();
    let expected = format!("claim your {} of basic income", owed.amount);
    assert!(format!("{err:#}").contains(&expected), "{err:#}");
    assert_eq!(mesh.balance(Side::A, "erin"), balance);
    assert!(is_member(&mesh.at(Side::A), "erin"));
    assert!(mesh.pending(Side::A).packets.is_empty());
    // Her wallet claims, then sends everything, in one transaction: all of it goes across.
    let (channel_id, receiver) = (mesh.channel_id(Side::A), mesh.addr(Side::B, "erin"));
    mesh.at_mut(Side::A)
        .move_over(channel_id, "erin", receiver, false)
        .unwrap();
    mesh.relayer.relay_all().unwrap();
    assert_eq!(mesh.balance(Side::A, "erin"), 0);
    assert!(!is_member(&mesh.at(Side::A), "erin"));
    let owed_after: ClaimableResponse = mesh
        .at(Side::A)
        .query(Contract::Token, &TokenQuery::Claimable { address: erin });
    assert!(!owed_after.is_member);
    assert_eq!(
        mesh.vouchers(Side::A, "erin"),
        (balance + owed.amount.u128()) * ibc_relay::holdings::VIRTUAL_UNITS
    );
}

#[test]
fn a_sanctioned_member_may_move_and_the_record_says_so() {
    // Leaving is never forbidden (as `leave` is not): the record carries the sanction instead.
    let mut mesh = two();
    member_with(&mut mesh, "erin", 10_000);
    let mut a = mesh.at_mut(Side::A);
    let erin = a.addr("erin");
    let res = a
        .exec(
            "bea",
            Contract::Council,
            &CouncilMsg::Report {
                member: erin.clone(),
                description: "Left the granary open".into(),
            },
        )
        .unwrap();
    let report_id: u64 = res
        .iter()
        .find(|(k, _)| k == "report_id")
        .unwrap()
        .1
        .parse()
        .unwrap();
    a.exec(
        "ada",
        Contract::Council,
        &CouncilMsg::Sanction { report_id },
    )
    .unwrap();
    let standing: StandingResponse =
        a.query(Contract::Council, &CouncilQuery::Standing { member: erin });
    assert_eq!(standing.sanction_level, 1);
    move_from_a(&mut mesh, "erin", 10_000).unwrap();
    mesh.relayer.relay_all().unwrap();
    let b = mesh.at(Side::B);
    let arrivals: council::msg::ArrivalsResponse = b.query(
        Contract::Council,
        &CouncilQuery::Arrivals {
            applicant: b.addr("erin"),
            start_after: None,
            limit: None,
        },
    );
    assert_eq!(arrivals.arrivals[0].record.sanction_level, 1);
}

/// A departure packet as dac-1's relay would send it, for `newcomer` on dac-2.
fn departure_data(mesh: &TwoNodes, id: u64, newcomer: &str, sanction_level: u8) -> Vec<u8> {
    let packet = RelayPacket::Departure(DeparturePacket {
        transfer: TransferPacket {
            sender: mesh.addr(Side::A, "forger"),
            receiver: mesh.addr(Side::B, newcomer),
            shares: Uint128::new(1_000),
            value: Uint128::new(1),
        },
        record: council::msg::DepartureRecord {
            member: mesh.addr(Side::A, "forger"),
            member_since: None,
            left_at: mesh.now(Side::A),
            sanction_level,
            exclusion_due: None,
        },
    });
    to_json_binary(&Envelope { id, body: packet })
        .unwrap()
        .to_vec()
}

fn arrivals(mesh: &TwoNodes, who: &str) -> Vec<council::msg::Arrival> {
    let r: council::msg::ArrivalsResponse = mesh.query(
        Side::B,
        Contract::Council,
        &CouncilQuery::Arrivals {
            applicant: mesh.addr(Side::B, who),
            start_after: None,
            limit: None,
        },
    );
    r.arrivals
}

#[test]
fn a_replayed_record_is_refused_and_overwrites_nothing() {
    let mut mesh = two();
    member_with(&mut mesh, "erin", 10_000);
    move_from_a(&mut mesh, "erin", 10_000).unwrap();
    mesh.relayer.relay_all().unwrap();
    let kept = arrivals(&mesh, "erin");
    assert_eq!(kept.len(), 1);
    let vouchers = mesh.vouchers(Side::A, "erin");
    // The same record again, under a fresh sequence (a hostile relay may resend anything):
    // refused whole, the vouchers it carries included.
    let replay = departure_data(&mesh, 99, "erin", 0);
    assert!(is_error(&mesh.deliver_raw(Side::B, 500, &replay)));
    assert_eq!(arrivals(&mesh, "erin"), kept);
    assert_eq!(mesh.vouchers(Side::A, "erin"), vouchers);
    // The same sequence twice is IBC's replay: refused before it is read.
    let fresh = departure_data(&mesh, 100, "frank", 0);
    assert!(!is_error(&mesh.deliver_raw(Side::B, 501, &fresh)));
    assert!(is_error(&mesh.deliver_raw(Side::B, 501, &fresh)));
    assert_eq!(arrivals(&mesh, "frank").len(), 1);
}

#[test]
fn a_record_from_a_node_the_council_no_longer_recognizes_is_refused() {
    let mut mesh = two();
    let dac1 = mesh.name(Side::A);
    mesh.govern(
        Side::B,
        "Forget dac-1",
        Contract::Relay,
        &ibc_relay::msg::ExecuteMsg::ForgetNode { name: dac1 },
    )
    .unwrap();
    let forged = departure_data(&mesh, 7, "frank", 0);
    assert!(is_error(&mesh.deliver_raw(Side::B, 700, &forged)));
    assert!(arrivals(&mesh, "frank").is_empty());
    assert_eq!(mesh.vouchers(Side::A, "frank"), 0);
}

#[test]
fn a_move_that_times_out_refunds_the_money_to_the_old_address_and_the_departure_stands() {
    let mut mesh = two();
    member_with(&mut mesh, "erin", 10_000);
    move_from_a(&mut mesh, "erin", 10_000).unwrap();
    // Its deadline (a day) passes on dac-2 before the relayer carries it.
    mesh.relayer.chain_mut(Side::B).advance_seconds(DAY + 1);
    let outcomes = mesh.relayer.timeout_expired().unwrap();
    assert_eq!(outcomes.len(), 1);
    // The transfer's proven refund: all of it (no decay within the block), at her old address.
    assert_eq!(mesh.balance(Side::A, "erin"), 10_000);
    assert!(mesh.pending(Side::A).packets.is_empty());
    assert_eq!(mesh.vouchers(Side::A, "erin"), 0);
    assert!(arrivals(&mesh, "erin").is_empty());
    // She left by her own act, and stays gone: she may apply again, or move her money on.
    assert!(!is_member(&mesh.at(Side::A), "erin"));
}
