//! A home in a node, played with the real council (membership, and admin of the registry through
//! passed proposals), the real demurrage token (fees and guest bookings) and the registry:
//! a newcomer joins, applies, is housed, pays fees, modifies the home, and moves away; the home
//! goes to the next applicant. A second story runs due process after a holder leaves the node.

use cosmwasm_std::{to_json_binary, Addr, Decimal, Uint128};
use cw20::Cw20ExecuteMsg;
use cw_multi_test::error::AnyResult;
use cw_multi_test::AppResponse;
use dac_testing::dac_deploy::Contract;
use dac_testing::{attribute, Node, DAY};

use council::msg::{ExecuteMsg as CouncilExecute, ProposalStatus};
use housing_registry::msg::{
    ArrearsResponse, BookingResponse, BookingStatus, ExecuteMsg as HousingExecute, HomeOfResponse,
    HomeResponse, HomeStatus, ModificationResponse, ModificationStatus, OwnerOfResponse,
    QueryMsg as HousingQuery, ReceiveMsg,
};

const FEE: u128 = 1_000_000;
const PLAN: &str = "5f1c6a0e2b0e4fd2a7f0f1d0a4b9e1c3d5e7f9a1b3c5d7e9f1a3b5c7d9e1f3a5";

fn wasm_attr(res: &AppResponse, key: &str) -> String {
    attribute(res, key).unwrap_or_else(|| panic!("no attribute {key}"))
}

/// A node deployed by the recipe: a fee of one CMC a month, a guest night for one CMC, about
/// 5% demurrage a year. Dana, Frank and a remote node's relay each got 100 CMC from a founder.
fn setup() -> Node {
    let mut node = Node::deploy_with(|cfg| {
        cfg.housing_fee_per_period = Uint128::new(FEE);
        cfg.guest_price_per_day = Uint128::new(FEE);
        cfg.demurrage_rate = Decimal::from_ratio(1u32, 7_300u32);
    });
    let ada = node.founders()[0].clone();
    for name in ["dana", "frank", "relay"] {
        let recipient = node.addr(name).to_string();
        node.execute_cw20(
            &ada,
            &Cw20ExecuteMsg::Transfer {
                recipient,
                amount: Uint128::new(100 * FEE),
            },
        )
        .unwrap();
    }
    node.next_block();
    node
}

/// What the story does to the node, in its words.
trait Story {
    fn next_days(&mut self, days: u64);
    fn council_does(&mut self, msgs: Vec<HousingExecute>) -> u64;
    fn join_node(&mut self, who: &Addr);
    fn housing(&mut self, sender: &Addr, msg: HousingExecute) -> AnyResult<AppResponse>;
    fn send(&mut self, from: &Addr, amount: u128, msg: ReceiveMsg) -> AnyResult<AppResponse>;
    fn apply(&mut self, who: &Addr, household_size: u32);
    fn round(&mut self);
    fn home_of(&self, who: &Addr) -> Option<u64>;
    fn q<T: serde::de::DeserializeOwned>(&self, msg: HousingQuery) -> T;
    fn balance(&self, who: &Addr) -> u128;
    fn today(&self) -> u64;
}

impl Story for Node {
    fn next_days(&mut self, days: u64) {
        self.advance(days * DAY + 5);
    }

    /// The council (admin of the registry) does `msgs` through a passed proposal; returns its id.
    fn council_does(&mut self, msgs: Vec<HousingExecute>) -> u64 {
        let msgs = msgs
            .iter()
            .map(|m| self.wasm_msg(Contract::Housing, m))
            .collect();
        let id = self.pass("housing", msgs).unwrap();
        self.next_block();
        id
    }

    /// A newcomer asks the council to join and the gatekeeper admits them.
    fn join_node(&mut self, who: &Addr) {
        self.execute_council(
            who,
            &CouncilExecute::Apply {
                statement: "I would like to live here".into(),
                councils: vec![],
            },
        )
        .unwrap();
        let gatekeeper = self.gatekeeper();
        self.execute_council(
            &gatekeeper,
            &CouncilExecute::Admit {
                applicant: who.to_string(),
            },
        )
        .unwrap();
        self.next_block();
    }

    fn housing(&mut self, sender: &Addr, msg: HousingExecute) -> AnyResult<AppResponse> {
        self.execute_housing(sender, &msg)
    }

    fn send(&mut self, from: &Addr, amount: u128, msg: ReceiveMsg) -> AnyResult<AppResponse> {
        self.send_token(from, Contract::Housing, amount, &msg)
    }

    fn apply(&mut self, who: &Addr, household_size: u32) {
        self.housing(
            who,
            HousingExecute::Apply {
                household_size,
                needs: vec![],
                evidence_commitment: None,
            },
        )
        .unwrap();
    }

    fn round(&mut self) {
        let anyone = self.addr("anyone");
        self.housing(&anyone, HousingExecute::AllocateRound { limit: 5 })
            .unwrap();
    }

    fn home_of(&self, who: &Addr) -> Option<u64> {
        let r: HomeOfResponse = self.query_housing(&HousingQuery::HomeOf {
            holder: who.to_string(),
        });
        r.home_id
    }

    fn q<T: serde::de::DeserializeOwned>(&self, msg: HousingQuery) -> T {
        self.query_housing(&msg)
    }

    fn balance(&self, who: &Addr) -> u128 {
        self.token_balance(who)
    }

    fn today(&self) -> u64 {
        self.now().seconds() / DAY
    }
}

fn register(rooms: u32, status: HomeStatus) -> HousingExecute {
    HousingExecute::RegisterHome {
        rooms,
        accessibility: vec![],
        zone: "riverside".into(),
        status,
    }
}

#[test]
fn a_newcomer_is_housed_pays_modifies_and_moves_away_and_the_next_applicant_moves_in() {
    let mut n = setup();
    let dana = n.addr("dana");
    let frank = n.addr("frank");

    // The council registers a family home and a guest home.
    n.council_does(vec![
        register(2, HomeStatus::Available),
        register(1, HomeStatus::Guest),
    ]);
    let home = 1;

    // Not yet a member: the registry refuses the application.
    let err = n
        .housing(
            &dana,
            HousingExecute::Apply {
                household_size: 2,
                needs: vec![],
                evidence_commitment: None,
            },
        )
        .unwrap_err();
    assert!(format!("{:#}", err).contains("only members"), "{err:#}");

    n.join_node(&dana);
    n.apply(&dana, 2);
    n.round();
    assert_eq!(n.home_of(&dana), Some(home));
    let owner: OwnerOfResponse = n.q(HousingQuery::OwnerOf {
        token_id: home.to_string(),
        include_expired: None,
    });
    assert_eq!(owner.owner, dana.to_string());

    // Frank joins later and waits: no home is free.
    n.join_node(&frank);
    n.apply(&frank, 2);
    n.round();
    assert_eq!(n.home_of(&frank), None);

    // Two periods pass; dana owes two fees and pays them in the token.
    n.next_days(60);
    let arrears: ArrearsResponse = n.q(HousingQuery::Arrears {
        address: dana.to_string(),
    });
    assert_eq!(arrears.arrears, Uint128::new(2 * FEE));
    let treasury_before = n.balance(&n.contract(Contract::Council));
    n.send(&dana, 2 * FEE, ReceiveMsg::PayFees { holder: None })
        .unwrap();
    let arrears: ArrearsResponse = n.q(HousingQuery::Arrears {
        address: dana.to_string(),
    });
    assert!(arrears.arrears.is_zero());
    assert_eq!(
        n.balance(&n.contract(Contract::Council)),
        treasury_before + 2 * FEE
    );
    assert_eq!(
        n.balance(&n.contract(Contract::Housing)),
        0,
        "fees are not kept"
    );

    // Another cw20 cannot pay: only the node's token is accepted (a plain call is refused too).
    let err = n
        .housing(
            &dana,
            HousingExecute::Receive(cw20::Cw20ReceiveMsg {
                sender: dana.to_string(),
                amount: Uint128::new(FEE),
                msg: to_json_binary(&ReceiveMsg::PayFees { holder: None }).unwrap(),
            }),
        )
        .unwrap_err();
    assert!(format!("{err:#}").contains("only the node's token"));

    // A repair is within the guidelines; an extension goes to the council, which approves it.
    n.housing(
        &dana,
        HousingExecute::RequestModification {
            home_id: home,
            category: "repair".into(),
            plan_hash: PLAN.into(),
            estimated_cost: Uint128::new(10 * FEE),
        },
    )
    .unwrap();
    let res = n
        .housing(
            &dana,
            HousingExecute::RequestModification {
                home_id: home,
                category: "extension".into(),
                plan_hash: PLAN.into(),
                estimated_cost: Uint128::new(500 * FEE),
            },
        )
        .unwrap();
    let extension: u64 = wasm_attr(&res, "modification_id").parse().unwrap();
    let pending: ModificationResponse = n.q(HousingQuery::Modification {
        home_id: home,
        modification_id: extension,
    });
    assert_eq!(pending.status, ModificationStatus::Pending);
    n.council_does(vec![HousingExecute::DecideModification {
        home_id: home,
        modification_id: extension,
        approve: true,
    }]);
    let decided: ModificationResponse = n.q(HousingQuery::Modification {
        home_id: home,
        modification_id: extension,
    });
    assert_eq!(decided.status, ModificationStatus::Approved);

    // The right of use cannot be sold or handed over.
    let err = n
        .housing(
            &dana,
            HousingExecute::TransferNft {
                recipient: frank.to_string(),
                token_id: home.to_string(),
            },
        )
        .unwrap_err();
    assert!(format!("{err:#}").contains("cannot be transferred"));

    // A visitor from another node books the guest home through the relay, then cancels early.
    let relay = n.addr("relay");
    let start = n.today() + 20;
    let relay_before = n.balance(&relay);
    let res = n
        .send(
            &relay,
            3 * FEE,
            ReceiveMsg::BookGuest(housing_registry::msg::BookGuestMsg {
                home_id: 2,
                guest: "visitor@node-b".into(),
                start_day: start,
                end_day: start + 3,
                on_behalf_of: None,
            }),
        )
        .unwrap();
    let booking_id: u64 = wasm_attr(&res, "booking_id").parse().unwrap();
    let err = n
        .send(
            &relay,
            2 * FEE,
            ReceiveMsg::BookGuest(housing_registry::msg::BookGuestMsg {
                home_id: 2,
                guest: "someone else".into(),
                start_day: start + 2,
                end_day: start + 4,
                on_behalf_of: None,
            }),
        )
        .unwrap_err();
    assert!(format!("{err:#}").contains("overlap"));
    n.next_days(5);
    n.housing(&relay, HousingExecute::CancelBooking { booking_id })
        .unwrap();
    let booking: BookingResponse = n.q(HousingQuery::Booking { booking_id });
    assert_eq!(booking.status, BookingStatus::Cancelled);
    // The cancellation fee (10% with notice) and five days of demurrage on the held payment
    // are borne by the booking, never more.
    assert!(booking.refunded < Uint128::new(3 * FEE * 90 / 100));
    assert!(booking.refunded > Uint128::new(3 * FEE * 89 / 100));
    assert!(n.balance(&relay) <= relay_before);
    // At most the one unit kept back for the token's rounding of the refund stays behind.
    assert!(n.balance(&n.contract(Contract::Housing)) <= 1);

    // Dana moves to another node: relinquishes the home, then leaves the council.
    n.housing(&dana, HousingExecute::Relinquish { home_id: home })
        .unwrap();
    n.execute_council(&dana, &CouncilExecute::Leave {}).unwrap();
    assert_eq!(n.home_of(&dana), None);

    // The next round gives the home to frank, who had been waiting.
    n.round();
    assert_eq!(n.home_of(&frank), Some(home));
    let h: HomeResponse = n.q(HousingQuery::Home { home_id: home });
    assert_eq!(h.holder, Some(frank.to_string()));
}

#[test]
fn a_holder_who_leaves_the_node_keeps_the_home_until_due_process_ends() {
    let mut n = setup();
    let erin = n.addr("erin");
    let anyone = n.addr("anyone");
    n.council_does(vec![register(1, HomeStatus::Available)]);
    n.join_node(&erin);
    n.apply(&erin, 1);
    n.round();
    assert_eq!(n.home_of(&erin), Some(1));

    // The council itself cannot take the home, not even by a passed proposal.
    let msg = HousingExecute::UpdateHome {
        home_id: 1,
        rooms: None,
        accessibility: None,
        zone: None,
        status: Some(HomeStatus::UnderRepair),
    };
    let council = n.contract(Contract::Council);
    let err = n.housing(&council, msg.clone()).unwrap_err();
    assert!(format!("{err:#}").contains("occupied"));
    let id = n.council_does(vec![msg]);
    let refused = n.proposal(id);
    assert_eq!(refused.status, ProposalStatus::ExecutionFailed);
    assert_eq!(n.home_of(&erin), Some(1));
    let err = n
        .housing(&anyone, HousingExecute::CheckMembership { home_id: 1 })
        .unwrap_err();
    assert!(format!("{err:#}").contains("is a member"));

    // Erin leaves the node: the grace clock starts, and the home returns only after it.
    n.execute_council(&erin, &CouncilExecute::Leave {}).unwrap();
    n.next_days(0);
    n.housing(&anyone, HousingExecute::CheckMembership { home_id: 1 })
        .unwrap();
    n.next_days(29);
    assert!(n
        .housing(&anyone, HousingExecute::ReclaimHome { home_id: 1 })
        .is_err());
    assert_eq!(n.home_of(&erin), Some(1));
    n.next_days(1);
    n.housing(&anyone, HousingExecute::ReclaimHome { home_id: 1 })
        .unwrap();
    assert_eq!(n.home_of(&erin), None);
    // Unpaid fees stay on record; they never evicted anyone.
    let arrears: ArrearsResponse = n.q(HousingQuery::Arrears {
        address: erin.to_string(),
    });
    assert_eq!(arrears.arrears, Uint128::new(2 * FEE));
}
