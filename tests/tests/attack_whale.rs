//! The attacker is rich. Money buys no votes, a hoard decays into the commons like any holding,
//! the supply never grows, a donation cannot make the next depositor's money round away, a flood
//! of proposals stops at the per-member cap, and money cannot hold every night of a guest home.

use cw20::{AllAccountsResponse, BalanceResponse, Cw20QueryMsg};
use dac_testing::dac_deploy::Contract;
use dac_testing::dac_ibc_harness::Side;
use dac_testing::{TwoNodes, DAY};
use demurrage_token::msg::{CommonsPoolResponse, QueryMsg as TokenQuery};

/// Ada collects the other founders' money: she holds about four times everyone else together.
fn whale() -> TwoNodes {
    let mut mesh = TwoNodes::deploy();
    for founder in ["bea", "cyd", "dov"] {
        let most = mesh.balance(Side::A, founder) * 9 / 10;
        mesh.pay(Side::A, founder, "ada", most).unwrap();
    }
    mesh
}

#[test]
fn a_fortune_buys_no_votes() {
    let mut mesh = whale();
    let attrs = mesh
        .exec(
            Side::A,
            "ada",
            Contract::Council,
            &council::msg::ExecuteMsg::Propose(council::msg::ProposeMsg {
                chambers: vec![council::msg::Body::Council { council_id: 1 }],
                title: "The richest member decides alone".into(),
                topic: "governance".into(),
                description: String::new(),
                choices: council::msg::ProposalChoices::YesNo {},
                msgs: vec![],
            }),
        )
        .unwrap();
    let id: u64 = attrs
        .iter()
        .find(|(k, _)| k == "proposal_id")
        .unwrap()
        .1
        .parse()
        .unwrap();
    let vote = |option| council::msg::ExecuteMsg::Vote {
        proposal_id: id,
        option,
    };
    let weight = |attrs: Vec<(String, String)>| -> String {
        attrs.into_iter().find(|(k, _)| k == "weight").unwrap().1
    };
    // The proposal opened in this block; its electorate is frozen at it.
    let ada = mesh.exec(
        Side::A,
        "ada",
        Contract::Council,
        &vote(council::msg::VoteOption::Yes),
    );
    assert_eq!(weight(ada.unwrap()), "1", "a fortune weighs one vote");
    for member in ["bea", "cyd"] {
        let attrs = mesh
            .exec(
                Side::A,
                member,
                Contract::Council,
                &vote(council::msg::VoteOption::No),
            )
            .unwrap();
        assert_eq!(weight(attrs), "1");
    }
    mesh.advance_both(8 * DAY);
    mesh.exec(
        Side::A,
        "dov",
        Contract::Council,
        &council::msg::ExecuteMsg::Close { proposal_id: id },
    )
    .unwrap();
    let proposal: council::msg::ProposalResponse = mesh.query(
        Side::A,
        Contract::Council,
        &council::msg::QueryMsg::Proposal { proposal_id: id },
    );
    assert_eq!(proposal.status, council::msg::ProposalStatus::Rejected);
}

/// Σ balances + commons pool, and the total supply.
fn books(mesh: &mut TwoNodes, side: Side) -> (u128, u128) {
    let mut sum = 0u128;
    let mut start_after = None;
    loop {
        let page: AllAccountsResponse = mesh.query(
            side,
            Contract::Token,
            &Cw20QueryMsg::AllAccounts {
                start_after: start_after.clone(),
                limit: Some(30),
            },
        );
        if page.accounts.is_empty() {
            break;
        }
        for account in &page.accounts {
            let b: BalanceResponse = mesh.query(
                side,
                Contract::Token,
                &Cw20QueryMsg::Balance {
                    address: account.clone(),
                },
            );
            sum += b.balance.u128();
        }
        start_after = page.accounts.last().cloned();
    }
    let pool: CommonsPoolResponse = mesh.query(side, Contract::Token, &TokenQuery::CommonsPool {});
    (sum + pool.pool.u128(), pool.total_supply.u128())
}

#[test]
fn a_hoard_decays_into_the_commons_and_the_supply_never_grows() {
    let mut mesh = whale();
    let (held, supply) = books(&mut mesh, Side::A);
    let hoard = mesh.balance(Side::A, "ada");
    let pool_before: CommonsPoolResponse =
        mesh.query(Side::A, Contract::Token, &TokenQuery::CommonsPool {});

    mesh.advance_both(365 * DAY);
    let after = mesh.balance(Side::A, "ada");
    // 0.05% a day: about 16.7% a year.
    assert!(
        after < hoard * 85 / 100,
        "the hoard kept {after} of {hoard}"
    );
    let pool: CommonsPoolResponse =
        mesh.query(Side::A, Contract::Token, &TokenQuery::CommonsPool {});
    assert!(pool.pool.u128() >= pool_before.pool.u128() + (hoard - after));
    assert_eq!(pool.total_supply.u128(), supply, "nothing was minted");
    // Every balance rounds down by less than one unit: the books close within the holder count.
    let (held_after, _) = books(&mut mesh, Side::A);
    assert!(
        held_after <= supply && held_after + 64 >= supply,
        "{held_after} vs {supply}"
    );
    assert!(held <= supply);
}

#[test]
fn a_donation_to_the_relay_cannot_skim_the_next_sender() {
    let mut mesh = whale();
    // The whale is the relay's first depositor with one micro-unit, then donates a fortune.
    mesh.send_abroad(Side::A, "ada", "mallory", 1, DAY).unwrap();
    mesh.relayer.relay_all().unwrap();
    mesh.donate(Side::A, "ada", Contract::Relay, 1_000_000)
        .unwrap();

    // Bea sends 999,000 abroad and Cyd brings all of it home at once.
    let bea_before = mesh.balance(Side::A, "bea");
    mesh.send_abroad(Side::A, "bea", "cyd", 999_000, DAY)
        .unwrap();
    mesh.relayer.relay_all().unwrap();
    let shares = mesh.vouchers(Side::A, "cyd");
    assert!(shares > 0, "the deposit bought vouchers");
    mesh.return_home(Side::B, "cyd", "bea", shares, DAY)
        .unwrap();
    mesh.relayer.relay_all().unwrap();
    let bea_after = mesh.balance(Side::A, "bea");
    assert!(
        bea_after + 2 >= bea_before,
        "bea lost {} to the donation trick",
        bea_before - bea_after
    );

    // And the whale's one micro-unit redeems no more than the micro-unit plus the donation.
    let mallory_shares = mesh.vouchers(Side::A, "mallory");
    if mallory_shares > 0 {
        mesh.return_home(Side::B, "mallory", "mallory", mallory_shares, DAY)
            .unwrap();
        mesh.relayer.relay_all().unwrap();
    }
    assert!(
        mesh.balance(Side::A, "mallory") <= 1_000_001,
        "the whale took back more than it put in"
    );
}

fn propose_text(
    mesh: &mut TwoNodes,
    who: &str,
    title: &str,
) -> anyhow::Result<Vec<(String, String)>> {
    mesh.exec(
        Side::A,
        who,
        Contract::Council,
        &council::msg::ExecuteMsg::Propose(council::msg::ProposeMsg {
            chambers: vec![council::msg::Body::Council { council_id: 1 }],
            title: title.into(),
            topic: "governance".into(),
            description: "x".repeat(4_000),
            choices: council::msg::ProposalChoices::YesNo {},
            msgs: vec![],
        }),
    )
}

#[test]
fn one_member_cannot_drown_the_council_in_proposals() {
    let mut mesh = whale();
    let config: council::msg::ConfigResponse = mesh.query(
        Side::A,
        Contract::Council,
        &council::msg::QueryMsg::Config {},
    );
    let cap = config.limits.max_open_proposals_per_member;
    for i in 0..cap {
        propose_text(&mut mesh, "ada", &format!("flood {i}")).unwrap();
    }
    let err = propose_text(&mut mesh, "ada", "one too many").unwrap_err();
    assert!(format!("{err:#}").contains("open proposals"), "{err:#}");
    // Others still propose; and once voting on hers has ended, Ada may propose again.
    propose_text(&mut mesh, "bea", "an ordinary proposal").unwrap();
    mesh.advance_both(8 * DAY);
    propose_text(&mut mesh, "ada", "after the flood").unwrap();
}

#[test]
fn a_fortune_cannot_hold_every_guest_night() {
    let mut mesh = whale();
    let housing = mesh.contract(Side::A, Contract::Housing);
    let register = cosmwasm_std::CosmosMsg::Wasm(cosmwasm_std::WasmMsg::Execute {
        contract_addr: housing.clone(),
        msg: cosmwasm_std::to_json_binary(&housing_registry::msg::ExecuteMsg::RegisterHome {
            rooms: 1,
            accessibility: vec![],
            zone: "harbour".into(),
            status: housing_registry::msg::HomeStatus::Guest,
        })
        .unwrap(),
        funds: vec![],
    });
    mesh.pass(Side::A, "A guest home by the harbour", vec![register])
        .unwrap();
    let homes: housing_registry::msg::HomesResponse = mesh.query(
        Side::A,
        Contract::Housing,
        &housing_registry::msg::QueryMsg::ListHomes {
            start_after: None,
            limit: None,
        },
    );
    let home_id = homes.homes.first().expect("the guest home").home_id;
    let price_per_day = 2_000_000u128;
    let today = mesh.relayer.chain(Side::A).now().seconds() / DAY;
    let book = |mesh: &mut TwoNodes, who: &str, start_day: u64, nights: u64| {
        mesh.exec(
            Side::A,
            who,
            Contract::Token,
            &cw20::Cw20ExecuteMsg::Send {
                contract: housing.clone(),
                amount: cosmwasm_std::Uint128::new(price_per_day * nights as u128),
                msg: cosmwasm_std::to_json_binary(&housing_registry::msg::ReceiveMsg::BookGuest(
                    housing_registry::msg::BookGuestMsg {
                        home_id,
                        guest: who.into(),
                        start_day,
                        end_day: start_day + nights,
                        on_behalf_of: None,
                    },
                ))
                .unwrap(),
            },
        )
    };
    // The whale books month after month ahead until the registry stops her.
    let mut held = 0;
    let mut start = today + 1;
    while book(&mut mesh, "ada", start, 30).is_ok() {
        held += 30;
        start += 30;
        assert!(held <= 180, "the whale holds {held} nights of one home");
    }
    assert!(
        held < 180,
        "the whale blocked the whole booking horizon ({held} nights)"
    );
    // A genuine visitor books the next free nights.
    book(&mut mesh, "bea", start, 3).unwrap();
}
