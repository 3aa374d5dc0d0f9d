//! Months in the life of a node's escrow, with the real demurrage token: a loan repaid, a
//! service disputed and ruled, an arbitrator who never rules and is slashed, and a trade
//! shipment settled by the relay's receipt. The token decays the escrow's holdings all along;
//! at every step the escrow holds exactly what its open deals are worth, and at the end nothing.

use cosmwasm_std::{Addr, Decimal, Uint128};
use cw20::Cw20ExecuteMsg;
use cw_multi_test::AppResponse;
use dac_testing::dac_deploy::Contract;
use dac_testing::{Node, DAY};
use escrow::msg::{
    ArbitratorResponse, DealKindMsg, DealResponse, DealsResponse, ExecuteMsg, Milestone,
    ProposeMsg, QueryMsg, ReceiveMsg, Ruling, StatusKey, VaultResponse,
};

const PEOPLE: [&str; 8] = [
    "lender", "borrower", "client", "provider", "buyer", "seller", "arb1", "arb2",
];
const START_BALANCE: u128 = 1_000_000;

/// A node deployed by the recipe at 0.03% demurrage a day (about 10% a year); a founder gives
/// each of the story's people 1 CMC.
fn setup() -> Node {
    let mut node = Node::deploy_with(|cfg| {
        cfg.demurrage_rate = Decimal::from_ratio(3u32, 10_000u32);
    });
    let ada = node.founders()[0].clone();
    for name in PEOPLE {
        let recipient = node.addr(name).to_string();
        node.execute_cw20(
            &ada,
            &Cw20ExecuteMsg::Transfer {
                recipient,
                amount: Uint128::new(START_BALANCE),
            },
        )
        .unwrap();
    }
    node
}

/// What the story does to the node's escrow, in its words.
trait EscrowStory {
    fn escrow(&self) -> Addr;
    fn wait(&mut self, seconds: u64);
    fn balance(&self, who: &Addr) -> u128;
    fn send(&mut self, from: &str, amount: u128, hook: ReceiveMsg) -> Outcome;
    fn exec(&mut self, from: &Addr, msg: ExecuteMsg) -> Outcome;
    /// The council rules on a deal's panel by a passed proposal: whether the escrow took it.
    fn council_rules(&mut self, msg: ExecuteMsg) -> bool;
    fn deal(&self, deal_id: u64) -> DealResponse;
    fn arbitrator(&self, name: &str) -> ArbitratorResponse;
    fn terms(&self, counterparty: &str, arbitrator: &str, kind: DealKindMsg) -> ProposeMsg;
    fn assert_books_balance(&self);
}

impl EscrowStory for Node {
    fn escrow(&self) -> Addr {
        self.contract(Contract::Escrow)
    }

    fn wait(&mut self, seconds: u64) {
        self.advance(seconds);
    }

    fn balance(&self, who: &Addr) -> u128 {
        self.token_balance(who)
    }

    fn send(&mut self, from: &str, amount: u128, hook: ReceiveMsg) -> Outcome {
        let from = self.addr(from);
        self.send_token(&from, Contract::Escrow, amount, &hook)
            .map_err(|e| format!("{e:?}"))
    }

    fn exec(&mut self, from: &Addr, msg: ExecuteMsg) -> Outcome {
        self.execute_escrow(from, &msg)
            .map_err(|e| format!("{e:?}"))
    }

    fn council_rules(&mut self, msg: ExecuteMsg) -> bool {
        let msg = self.wasm_msg(Contract::Escrow, &msg);
        let id = self.pass("panel ruling", vec![msg]).unwrap();
        self.proposal(id).status == council::msg::ProposalStatus::Executed
    }

    fn deal(&self, deal_id: u64) -> DealResponse {
        self.query_escrow(&QueryMsg::Deal { deal_id })
    }

    fn arbitrator(&self, name: &str) -> ArbitratorResponse {
        self.query_escrow(&QueryMsg::Arbitrator {
            address: self.addr(name).to_string(),
        })
    }

    fn terms(&self, counterparty: &str, arbitrator: &str, kind: DealKindMsg) -> ProposeMsg {
        ProposeMsg {
            counterparty: self.addr(counterparty).to_string(),
            arbitrator: self.addr(arbitrator).to_string(),
            kind,
            counterparty_stake: Uint128::zero(),
            arbitrator_collateral: Uint128::new(10_000),
            sign_by: self.now().plus_seconds(2 * DAY),
            due: self.now().plus_seconds(90 * DAY),
            grace_seconds: 5 * DAY,
            ruling_seconds: 10 * DAY,
            appeal_seconds: 10 * DAY,
            description: String::new(),
        }
    }

    /// The escrow holds what its open deals are worth: their values (each rounded down) add up
    /// to its token balance less under one unit per open deal, and their shares are all shares.
    fn assert_books_balance(&self) {
        let held = self.balance(&self.escrow());
        let vault: VaultResponse = self.query_escrow(&QueryMsg::Vault {});
        assert_eq!(vault.token_balance.u128(), held);
        let mut owed = 0u128;
        let mut shares = cosmwasm_std::Uint256::zero();
        let mut open = 0u128;
        for status in [
            StatusKey::Proposed,
            StatusKey::Active,
            StatusKey::Disputed,
            StatusKey::Ruled,
            StatusKey::Appealed,
            StatusKey::AwaitingPanel,
        ] {
            let deals: DealsResponse = self.query_escrow(&QueryMsg::DealsByStatus {
                status,
                start_after: None,
                limit: Some(30),
            });
            for d in deals.deals {
                owed += d.value_held.u128();
                shares += d.deal.total_units();
                open += 1;
            }
        }
        assert_eq!(
            shares, vault.total_shares,
            "every share belongs to an open deal"
        );
        assert!(owed <= held, "owes {owed}, holds {held}");
        assert!(held - owed < open.max(1), "owes {owed}, holds {held}");
    }
}

/// An execution's events, or the error message of a refused one.
type Outcome = Result<AppResponse, String>;

fn deal_id(response: &AppResponse) -> u64 {
    response
        .events
        .iter()
        .flat_map(|e| e.attributes.iter())
        .find(|a| a.key == "deal_id")
        .map(|a| a.value.parse().unwrap())
        .unwrap()
}

/// The sha256 of `text`, in lowercase hex: an information sale's commitment.
fn commitment(text: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Two information sales on the deployed node, in the real token: the seller who reveals what
/// they committed to is paid once the buyer's dispute window ends (a wrong text and the
/// buyer's reveal are refused on the way); the seller who reveals nothing by the due date
/// leaves the buyer refunded with the seller's stake. The escrow's books balance throughout.
#[test]
fn information_sales_settle_on_the_revealed_preimage_with_the_real_token() {
    let mut node = setup();
    let (buyer, seller) = (node.addr("buyer"), node.addr("seller"));
    let anyone = node.addr("anyone");
    let secret = "the well is 40 m north of the old mill";
    let sale = || DealKindMsg::InformationSale {
        commitment: commitment(secret),
    };
    let mut terms = node.terms("seller", "arb1", sale());
    terms.counterparty_stake = Uint128::new(5_000);
    let revealed = deal_id(
        &node
            .send("buyer", 50_000, ReceiveMsg::Propose(terms))
            .unwrap(),
    );
    let mut terms = node.terms("seller", "arb1", sale());
    terms.counterparty_stake = Uint128::new(5_000);
    let silent = deal_id(
        &node
            .send("buyer", 50_000, ReceiveMsg::Propose(terms))
            .unwrap(),
    );
    for id in [revealed, silent] {
        node.send("seller", 5_000, ReceiveMsg::Sign { deal_id: id })
            .unwrap();
        node.send("arb1", 10_000, ReceiveMsg::PostCollateral { deal_id: id })
            .unwrap();
        assert_eq!(node.deal(id).status, StatusKey::Active);
    }
    node.assert_books_balance();

    let reveal = |id: u64, text: &str| ExecuteMsg::Confirm {
        deal_id: id,
        preimage: Some(text.to_string()),
    };
    node.wait(20 * DAY);
    assert!(node
        .exec(&seller, reveal(revealed, "the well is south"))
        .is_err());
    assert!(node.exec(&buyer, reveal(revealed, secret)).is_err());
    let events = node.exec(&seller, reveal(revealed, secret)).unwrap();
    assert!(events
        .events
        .iter()
        .flat_map(|e| e.attributes.iter())
        .any(|a| a.key == "preimage" && a.value == secret));
    // The buyer reads it from the deal.
    match node.deal(revealed).deal.kind {
        escrow::state::DealKind::InformationSale { preimage, .. } => {
            assert_eq!(preimage.as_deref(), Some(secret))
        }
        other => panic!("not an information sale: {other:?}"),
    }
    node.assert_books_balance();

    // Due (day 90) plus the grace (5 days): the buyer did not dispute, the seller is paid.
    node.wait(76 * DAY);
    let (seller_before, buyer_before) = (node.balance(&seller), node.balance(&buyer));
    let held = node.deal(revealed).value_held.u128();
    node.exec(&anyone, ExecuteMsg::Advance { deal_id: revealed })
        .unwrap();
    assert!(node.balance(&seller) > seller_before);
    // Everything the deal held but the arbitrator's collateral went to the seller.
    let arb_share = held - (node.balance(&seller) - seller_before);
    assert!(arb_share > 0 && arb_share <= 10_000, "{arb_share}");
    assert_eq!(node.deal(revealed).status, StatusKey::Closed);

    // The silent seller defaulted: the buyer gets its payment and the seller's stake.
    node.exec(&anyone, ExecuteMsg::Advance { deal_id: silent })
        .unwrap();
    assert!(node.balance(&buyer) > buyer_before + 50_000);
    assert_eq!(node.deal(silent).status, StatusKey::Closed);
    node.assert_books_balance();
    assert_eq!(node.balance(&node.escrow()), 0);
}

#[test]
fn months_of_deals_with_the_real_demurrage_token() {
    let mut node = setup();
    let (lender, borrower) = (node.addr("lender"), node.addr("borrower"));
    let (client, provider) = (node.addr("client"), node.addr("provider"));
    let (buyer, seller) = (node.addr("buyer"), node.addr("seller"));
    let anyone = node.addr("anyone");

    // ---- A loan: 100k lent against 150k collateral, arbitrated by arb1. ----
    let mut loan = node.terms(
        "borrower",
        "arb1",
        DealKindMsg::Loan {
            interest: Uint128::zero(),
        },
    );
    loan.counterparty_stake = Uint128::new(150_000);
    let loan_id = deal_id(
        &node
            .send("lender", 100_000, ReceiveMsg::Propose(loan))
            .unwrap(),
    );
    // The arbitrator may not sign as a party, and nobody signs a second time.
    assert!(node
        .send("arb1", 150_000, ReceiveMsg::Sign { deal_id: loan_id })
        .is_err());
    node.send("borrower", 150_000, ReceiveMsg::Sign { deal_id: loan_id })
        .unwrap();
    node.send(
        "arb1",
        10_000,
        ReceiveMsg::PostCollateral { deal_id: loan_id },
    )
    .unwrap();
    assert_eq!(node.deal(loan_id).status, StatusKey::Active);
    assert_eq!(
        node.balance(&borrower),
        START_BALANCE - 150_000 + 100_000,
        "the principal reached the borrower"
    );
    node.assert_books_balance();

    // ---- A service with two milestones, also arbitrated by arb1. ----
    let now = node.now();
    let mut service = node.terms(
        "provider",
        "arb1",
        DealKindMsg::Service {
            milestones: vec![
                Milestone {
                    amount: Uint128::new(40_000),
                    due: now.plus_seconds(30 * DAY),
                },
                Milestone {
                    amount: Uint128::new(60_000),
                    due: now.plus_seconds(90 * DAY),
                },
            ],
        },
    );
    service.counterparty_stake = Uint128::new(20_000);
    service.arbitrator_collateral = Uint128::new(5_000);
    let service_id = deal_id(
        &node
            .send("client", 100_000, ReceiveMsg::Propose(service))
            .unwrap(),
    );
    node.send(
        "provider",
        20_000,
        ReceiveMsg::Sign {
            deal_id: service_id,
        },
    )
    .unwrap();
    node.send(
        "arb1",
        5_000,
        ReceiveMsg::PostCollateral {
            deal_id: service_id,
        },
    )
    .unwrap();

    // ---- A forward whose arbitrator, arb2, will never rule. ----
    let mut forward = node.terms("seller", "arb2", DealKindMsg::Forward {});
    forward.counterparty_stake = Uint128::new(30_000);
    let forward_id = deal_id(
        &node
            .send("buyer", 80_000, ReceiveMsg::Propose(forward))
            .unwrap(),
    );
    node.send(
        "seller",
        30_000,
        ReceiveMsg::Sign {
            deal_id: forward_id,
        },
    )
    .unwrap();
    node.send(
        "arb2",
        10_000,
        ReceiveMsg::PostCollateral {
            deal_id: forward_id,
        },
    )
    .unwrap();
    node.assert_books_balance();

    // Three weeks of demurrage; the client accepts the first milestone.
    node.wait(21 * DAY);
    node.assert_books_balance();
    let held_by_client = node.deal(service_id).holdings[0].value.u128();
    let provider_before = node.balance(&provider);
    node.exec(
        &client,
        ExecuteMsg::Confirm {
            deal_id: service_id,
            preimage: None,
        },
    )
    .unwrap();
    let first = node.balance(&provider) - provider_before;
    assert!(
        first + 1 >= held_by_client * 40 / 100 && first <= held_by_client * 40 / 100,
        "the first milestone is 40% of what the client's stake is worth now: {first} of {held_by_client}"
    );
    assert!(first < 40_000, "the stake decayed while held");
    node.assert_books_balance();

    // Two months on, the borrower repays: the lender gets the principal in full, the
    // borrower its collateral as decayed, the arbitrator its collateral as decayed.
    node.wait(40 * DAY);
    let loan_held = node.deal(loan_id).value_held.u128();
    assert!(loan_held < 160_000);
    let lender_before = node.balance(&lender);
    let borrower_before = node.balance(&borrower);
    let arb1_before = node.balance(&node.addr("arb1"));
    node.send("borrower", 100_000, ReceiveMsg::Repay { deal_id: loan_id })
        .unwrap();
    assert_eq!(node.balance(&lender) - lender_before, 100_000);
    let returned = node.balance(&borrower) + 100_000 - borrower_before
        + (node.balance(&node.addr("arb1")) - arb1_before);
    assert!(
        returned + 1 >= loan_held && returned <= loan_held + 1,
        "the loan paid out what it held: {returned} of {loan_held}"
    );
    assert_eq!(node.deal(loan_id).status, StatusKey::Closed);
    assert!(node
        .send("borrower", 100_000, ReceiveMsg::Repay { deal_id: loan_id })
        .is_err());
    node.assert_books_balance();

    // ---- The second milestone is disputed; arb1 splits it, nobody appeals. ----
    node.exec(
        &client,
        ExecuteMsg::Dispute {
            deal_id: service_id,
            reason: "half the work is missing".into(),
        },
    )
    .unwrap();
    node.wait(3 * DAY);
    assert!(node
        .exec(
            &provider,
            ExecuteMsg::Rule {
                deal_id: service_id,
                ruling: Ruling::Performed {}
            }
        )
        .is_err());
    node.exec(
        &node.addr("arb1"),
        ExecuteMsg::Rule {
            deal_id: service_id,
            ruling: Ruling::Split {
                proposer_share: Decimal::percent(50),
            },
        },
    )
    .unwrap();
    assert_eq!(node.deal(service_id).status, StatusKey::Ruled);
    node.wait(10 * DAY + 1);
    let service_held = node.deal(service_id).holdings;
    let (client_before, provider_before) = (node.balance(&client), node.balance(&provider));
    node.exec(
        &anyone,
        ExecuteMsg::Advance {
            deal_id: service_id,
        },
    )
    .unwrap();
    let parties_held = service_held[0].value.u128() + service_held[1].value.u128();
    let client_got = node.balance(&client) - client_before;
    let provider_got = node.balance(&provider) - provider_before;
    assert!(client_got + provider_got + 1 >= parties_held);
    assert!(client_got.abs_diff(provider_got) <= 1, "an even split");
    node.assert_books_balance();

    // ---- The forward is disputed and arb2 stays silent. ----
    node.exec(
        &buyer,
        ExecuteMsg::Dispute {
            deal_id: forward_id,
            reason: "nothing delivered".into(),
        },
    )
    .unwrap();
    node.wait(5 * DAY);
    assert!(node
        .exec(
            &anyone,
            ExecuteMsg::Advance {
                deal_id: forward_id
            }
        )
        .is_err());
    node.wait(5 * DAY + 1);
    let arb2_collateral = node.deal(forward_id).holdings[2].value.u128();
    let (buyer_before, seller_before) = (node.balance(&buyer), node.balance(&seller));
    node.exec(
        &anyone,
        ExecuteMsg::Advance {
            deal_id: forward_id,
        },
    )
    .unwrap();
    assert_eq!(node.deal(forward_id).status, StatusKey::AwaitingPanel);
    let slashed = node.balance(&buyer) - buyer_before + node.balance(&seller) - seller_before;
    assert!(slashed + 1 >= arb2_collateral && slashed <= arb2_collateral);
    let record = node.arbitrator("arb2").record;
    assert_eq!((record.timeouts, record.slashes), (1, 1));

    // The council's panel decides for the buyer a week later.
    node.wait(7 * DAY);
    let forward_held = node.deal(forward_id).value_held.u128();
    let buyer_before = node.balance(&buyer);
    assert!(node
        .exec(
            &buyer,
            ExecuteMsg::PanelRuling {
                deal_id: forward_id,
                ruling: Ruling::NotPerformed {},
                panel_by: None
            }
        )
        .is_err());
    assert!(node.council_rules(ExecuteMsg::PanelRuling {
        deal_id: forward_id,
        ruling: Ruling::NotPerformed {},
        panel_by: None,
    }));
    assert!(node.balance(&buyer) - buyer_before + 1 >= forward_held);

    // ---- A trade shipment: the relay's receipt pays the seller. ----
    let relay = node.addr("relay");
    let shipment = node.terms(
        "seller",
        "arb1",
        DealKindMsg::TradeShipment {
            attestor: relay.to_string(),
        },
    );
    let ship_id = deal_id(
        &node
            .send("buyer", 50_000, ReceiveMsg::Propose(shipment))
            .unwrap(),
    );
    node.exec(&seller, ExecuteMsg::Sign { deal_id: ship_id })
        .unwrap();
    node.send(
        "arb1",
        10_000,
        ReceiveMsg::PostCollateral { deal_id: ship_id },
    )
    .unwrap();
    node.wait(45 * DAY);
    assert!(node
        .exec(&seller, ExecuteMsg::AttestDelivery { deal_id: ship_id })
        .is_err());
    let seller_before = node.balance(&seller);
    node.exec(&relay, ExecuteMsg::AttestDelivery { deal_id: ship_id })
        .unwrap();
    assert!(node.balance(&seller) - seller_before > 48_000);
    assert!(
        node.balance(&seller) - seller_before < 50_000,
        "decayed while shipped"
    );

    // Every deal is closed: the escrow holds nothing, to the unit.
    for id in [loan_id, service_id, forward_id, ship_id] {
        assert_eq!(node.deal(id).status, StatusKey::Closed);
    }
    node.assert_books_balance();
    assert_eq!(node.balance(&node.escrow()), 0);
    let arb1 = node.arbitrator("arb1").record;
    assert_eq!((arb1.deals, arb1.rulings, arb1.slashes), (3, 1, 0));
}

mod property {
    //! Over random deals and steps, with the real token decaying the escrow's holdings in
    //! between, the escrow's balance always equals what it owes its open deals (to under a unit
    //! per deal, never more than it holds), a closed deal never pays again, and when time has
    //! run out for every deal the escrow holds nothing.

    use std::collections::BTreeMap;

    use escrow::msg::PoolMemberTerms;
    use proptest::prelude::*;

    use super::*;

    #[derive(Debug, Clone)]
    enum Step {
        Propose { kind: u8, amount: u128 },
        SignAll { deal: usize },
        Confirm { deal: usize, buyer: bool },
        Dispute { deal: usize },
        Rule { deal: usize, ruling: u8 },
        Appeal { deal: usize },
        Panel { deal: usize, ruling: u8 },
        Repay { deal: usize },
        Contribute { deal: usize, amount: u128 },
        Withdraw { deal: usize },
        Advance { deal: usize },
        Wait { days: u64 },
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            2 => (0u8..5, 10u128..5_000).prop_map(|(kind, amount)| Step::Propose { kind, amount }),
            2 => (0usize..6).prop_map(|deal| Step::SignAll { deal }),
            1 => (0usize..6, any::<bool>()).prop_map(|(deal, buyer)| Step::Confirm { deal, buyer }),
            1 => (0usize..6).prop_map(|deal| Step::Dispute { deal }),
            1 => (0usize..6, 0u8..3).prop_map(|(deal, ruling)| Step::Rule { deal, ruling }),
            1 => (0usize..6).prop_map(|deal| Step::Appeal { deal }),
            1 => (0usize..6, 0u8..3).prop_map(|(deal, ruling)| Step::Panel { deal, ruling }),
            1 => (0usize..6).prop_map(|deal| Step::Repay { deal }),
            1 => (0usize..6, 1u128..3_000).prop_map(|(deal, amount)| Step::Contribute { deal, amount }),
            1 => (0usize..6).prop_map(|deal| Step::Withdraw { deal }),
            1 => (0usize..6).prop_map(|deal| Step::Advance { deal }),
            2 => (0u64..40).prop_map(|days| Step::Wait { days }),
        ]
    }

    fn ruling(pick: u8) -> Ruling {
        match pick {
            0 => Ruling::Performed {},
            1 => Ruling::NotPerformed {},
            _ => Ruling::Split {
                proposer_share: Decimal::percent(61),
            },
        }
    }

    /// The deals a run opened, and what each closed one had paid out when it closed.
    struct Deals {
        node: Node,
        ids: Vec<u64>,
        closed_paid: BTreeMap<u64, Uint128>,
    }

    impl Deals {
        fn pick(&self, i: usize) -> Option<u64> {
            (!self.ids.is_empty()).then(|| self.ids[i % self.ids.len()])
        }

        fn exec(&mut self, who: &str, msg: ExecuteMsg) {
            let who = self.node.addr(who);
            let _ = self.node.exec(&who, msg);
        }

        fn apply(&mut self, step: Step) {
            let n = &mut self.node;
            match step {
                Step::Propose { kind, amount } => {
                    let now = n.now();
                    let kind = match kind {
                        0 => DealKindMsg::Forward {},
                        1 => DealKindMsg::Loan {
                            interest: Uint128::new(amount / 20),
                        },
                        2 => DealKindMsg::Insurance {},
                        3 => DealKindMsg::Pool {
                            members: vec![PoolMemberTerms {
                                address: n.addr("lender").to_string(),
                                stake: Uint128::new(amount / 2 + 1),
                            }],
                        },
                        _ => DealKindMsg::Service {
                            milestones: vec![
                                Milestone {
                                    amount: Uint128::new(amount / 4),
                                    due: now.plus_seconds(20 * DAY),
                                },
                                Milestone {
                                    amount: Uint128::new(amount - amount / 4),
                                    due: now.plus_seconds(90 * DAY),
                                },
                            ],
                        },
                    };
                    let mut terms = n.terms("seller", "arb1", kind);
                    terms.counterparty_stake = Uint128::new(amount / 3 + 1);
                    terms.arbitrator_collateral = Uint128::new(amount / 5 + 1);
                    if let Ok(r) = n.send("buyer", amount, ReceiveMsg::Propose(terms)) {
                        self.ids.push(deal_id(&r));
                    }
                }
                Step::SignAll { deal } => {
                    let Some(id) = self.pick(deal) else { return };
                    let d = self.node.deal(id).deal;
                    let _ = self.node.send(
                        "seller",
                        d.parties[1].stake.u128(),
                        ReceiveMsg::Sign { deal_id: id },
                    );
                    if let Some(member) = d.parties.get(2) {
                        let _ = self.node.send(
                            "lender",
                            member.stake.u128(),
                            ReceiveMsg::Sign { deal_id: id },
                        );
                    }
                    let _ = self.node.send(
                        "arb1",
                        d.arbitrator.stake.u128(),
                        ReceiveMsg::PostCollateral { deal_id: id },
                    );
                }
                Step::Confirm { deal, buyer } => {
                    let Some(id) = self.pick(deal) else { return };
                    let who = if buyer { "buyer" } else { "seller" };
                    self.exec(
                        who,
                        ExecuteMsg::Confirm {
                            deal_id: id,
                            preimage: None,
                        },
                    );
                }
                Step::Dispute { deal } => {
                    let Some(id) = self.pick(deal) else { return };
                    let msg = ExecuteMsg::Dispute {
                        deal_id: id,
                        reason: String::new(),
                    };
                    self.exec("buyer", msg);
                }
                Step::Rule { deal, ruling: r } => {
                    let Some(id) = self.pick(deal) else { return };
                    let msg = ExecuteMsg::Rule {
                        deal_id: id,
                        ruling: ruling(r),
                    };
                    self.exec("arb1", msg);
                }
                Step::Appeal { deal } => {
                    let Some(id) = self.pick(deal) else { return };
                    self.exec("seller", ExecuteMsg::Appeal { deal_id: id });
                }
                Step::Panel { deal, ruling: r } => {
                    let Some(id) = self.pick(deal) else { return };
                    let msg = ExecuteMsg::PanelRuling {
                        deal_id: id,
                        ruling: ruling(r),
                        panel_by: None,
                    };
                    self.node.council_rules(msg);
                }
                Step::Repay { deal } => {
                    let Some(id) = self.pick(deal) else { return };
                    let d = self.node.deal(id).deal;
                    if let escrow::state::DealKind::Loan { interest } = d.kind {
                        let owed = d.parties[0].stake + interest;
                        let _ = self.node.send(
                            "seller",
                            owed.u128(),
                            ReceiveMsg::Repay { deal_id: id },
                        );
                    }
                }
                Step::Contribute { deal, amount } => {
                    let Some(id) = self.pick(deal) else { return };
                    let _ =
                        self.node
                            .send("provider", amount, ReceiveMsg::Contribute { deal_id: id });
                }
                Step::Withdraw { deal } => {
                    let Some(id) = self.pick(deal) else { return };
                    self.exec("buyer", ExecuteMsg::Withdraw { deal_id: id });
                }
                Step::Advance { deal } => {
                    let Some(id) = self.pick(deal) else { return };
                    self.exec("anyone", ExecuteMsg::Advance { deal_id: id });
                }
                Step::Wait { days } => n.wait(days * DAY + 1),
            }
        }

        fn check(&mut self) {
            self.node.assert_books_balance();
            for id in self.ids.clone() {
                let d = self.node.deal(id);
                if d.status == StatusKey::Closed {
                    assert!(
                        d.deal.total_units().is_zero(),
                        "closed deal {id} holds shares"
                    );
                    let frozen = *self.closed_paid.entry(id).or_insert(d.deal.paid_out);
                    assert_eq!(frozen, d.deal.paid_out, "closed deal {id} paid again");
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20))]

        #[test]
        fn the_escrow_holds_what_it_owes_with_real_demurrage(
            steps in prop::collection::vec(step(), 1..50),
        ) {
            let mut world = Deals { node: setup(), ids: vec![], closed_paid: BTreeMap::new() };
            for step in steps {
                world.apply(step);
                world.check();
            }
            for _ in 0..6 {
                world.node.wait(200 * DAY);
                for id in world.ids.clone() {
                    world.exec("anyone", ExecuteMsg::Advance { deal_id: id });
                }
                world.check();
            }
            for id in world.ids.clone() {
                prop_assert_eq!(world.node.deal(id).status, StatusKey::Closed);
            }
            let escrow = world.node.escrow();
            prop_assert_eq!(world.node.balance(&escrow), 0);
        }
    }
}
