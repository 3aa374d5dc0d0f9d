//! A home in a node, played with the real council (membership, and admin of the registry through
//! passed proposals), the real demurrage token (fees and guest bookings) and the registry:
//! a newcomer joins, applies, is housed, pays fees, modifies the home, and moves away; the home
//! goes to the next applicant. A second story runs due process after a holder leaves the node.

use cosmwasm_std::{to_json_binary, Addr, CosmosMsg, Decimal, Uint128, WasmMsg};
use cw20::{BalanceResponse, Cw20Coin, Cw20ExecuteMsg, Cw20QueryMsg};
use cw_multi_test::error::AnyResult;
use cw_multi_test::{App, AppResponse, ContractWrapper, Executor};

use council::msg::{
    Authority, Body, CouncilKind, ExecuteMsg as CouncilExecute, InstantiateMsg as CouncilInit,
    NewCouncil, ProposalChoices, Threshold, VoteOption, VotingRules,
};
use demurrage_token::msg::{DemurrageParams, InstantiateMsg as TokenInit};
use housing_registry::msg::{
    ArrearsResponse, BookingResponse, BookingStatus, ExecuteMsg as HousingExecute, FeeParams,
    GuestParams, Guideline, HomeOfResponse, HomeResponse, HomeStatus,
    InstantiateMsg as HousingInit, ModificationResponse, ModificationStatus, OwnerOfResponse,
    QueryMsg as HousingQuery, ReceiveMsg,
};

const DAY: u64 = 86_400;
const PERIOD: u64 = 30 * DAY;
const FEE: u128 = 1_000_000;
const PLAN: &str = "5f1c6a0e2b0e4fd2a7f0f1d0a4b9e1c3d5e7f9a1b3c5d7e9f1a3b5c7d9e1f3a5";

struct Node {
    app: App,
    council: Addr,
    token: Addr,
    housing: Addr,
    founders: [Addr; 2],
    gatekeeper: Addr,
}

fn wasm_attr(res: &AppResponse, key: &str) -> String {
    res.events
        .iter()
        .flat_map(|e| e.attributes.iter())
        .find(|a| a.key == key)
        .map(|a| a.value.clone())
        .unwrap_or_else(|| panic!("no attribute {key}"))
}

fn setup() -> Node {
    let mut app = App::default();
    let api = app.api();
    let founders = [api.addr_make("alice"), api.addr_make("bob")];
    let gatekeeper = api.addr_make("gatekeeper");
    let head = api.addr_make("head");
    let (dana, frank, visitor) = (
        api.addr_make("dana"),
        api.addr_make("frank"),
        api.addr_make("relay"),
    );

    let council_code = app.store_code(Box::new(
        ContractWrapper::new(
            council::contract::execute,
            council::contract::instantiate,
            council::contract::query,
        )
        .with_reply(council::contract::reply),
    ));
    let token_code = app.store_code(Box::new(ContractWrapper::new(
        demurrage_token::contract::execute,
        demurrage_token::contract::instantiate,
        demurrage_token::contract::query,
    )));
    let housing_code = app.store_code(Box::new(ContractWrapper::new(
        housing_registry::contract::execute,
        housing_registry::contract::instantiate,
        housing_registry::contract::query,
    )));

    let council = app
        .instantiate_contract(
            council_code,
            head.clone(),
            &CouncilInit {
                head: head.to_string(),
                gatekeepers: vec![gatekeeper.to_string()],
                monitors: vec![],
                // Roles are held by members: the head and the gatekeeper are founders too.
                founders: founders
                    .iter()
                    .chain([&head, &gatekeeper])
                    .map(|f| f.to_string())
                    .collect(),
                councils: vec![NewCouncil {
                    name: "city".into(),
                    kind: CouncilKind::Consumers,
                    parent: None,
                    executive: true,
                    rules: VotingRules {
                        voting_period_seconds: 7 * DAY,
                        min_voting_period_seconds: 0,
                        threshold: Threshold::AbsolutePercentage {
                            percentage: Decimal::percent(50),
                        },
                        allow_revoting: false,
                    },
                    members: founders.iter().map(|f| f.to_string()).collect(),
                }],
                sanction_authority: Authority::Head,
                appeal_authority: Authority::Council { council_id: 1 },
                appeal_window_seconds: 14 * DAY,
                max_delegation_depth: 3,
                token: None,
                draw_requesters: vec![],
                escrow: None,
                limits: None,
            },
            &[],
            "council",
            None,
        )
        .unwrap();
    let token = app
        .instantiate_contract(
            token_code,
            head.clone(),
            &TokenInit {
                name: "Commons Credit".into(),
                symbol: "CMC".into(),
                decimals: 6,
                initial_balances: [&dana, &frank, &visitor]
                    .iter()
                    .map(|a| Cw20Coin {
                        address: a.to_string(),
                        amount: Uint128::new(100 * FEE),
                    })
                    .collect(),
                commons_pool: Uint128::new(1_000 * FEE),
                // About 5% a year.
                demurrage: DemurrageParams {
                    rate: Decimal::from_ratio(1u32, 7_300u32),
                    period_seconds: DAY,
                },
                income_window_periods: 60,
                admin: None,
                membership_authority: None,
                initial_members: vec![],
                marketing: None,
            },
            &[],
            "token",
            None,
        )
        .unwrap();
    let housing = app
        .instantiate_contract(
            housing_code,
            head,
            &HousingInit {
                admin: Some(council.to_string()),
                membership: council.to_string(),
                token: token.to_string(),
                treasury: council.to_string(),
                fees: FeeParams {
                    period_seconds: PERIOD,
                    base_fee: Uint128::new(FEE),
                    excess_room_fee: Uint128::new(FEE / 2),
                },
                guest: GuestParams {
                    price_per_day: Uint128::new(FEE),
                    full_refund_notice_days: 7,
                    late_refund_share: Decimal::percent(50),
                    max_stay_days: 30,
                    max_advance_days: 365,
                    cancellation_fee: Decimal::percent(10),
                    max_nights_held_per_home: 60,
                    max_nights_held: 120,
                    max_nights_held_per_agent: 1_200,
                },
                grace_period_seconds: 30 * DAY,
                guidelines: vec![Guideline {
                    category: "paint".into(),
                    max_cost: Uint128::new(50 * FEE),
                }],
                name: "Node homes".into(),
                symbol: "HOME".into(),
            },
            &[],
            "housing",
            None,
        )
        .unwrap();
    let mut node = Node {
        app,
        council,
        token,
        housing,
        founders,
        gatekeeper,
    };
    node.next_block(1);
    node
}

impl Node {
    fn addr(&self, name: &str) -> Addr {
        self.app.api().addr_make(name)
    }

    fn next_block(&mut self, days: u64) {
        self.app.update_block(|b| {
            b.height += 1 + days * 14_400;
            b.time = b.time.plus_seconds(days * DAY + 5);
        });
    }

    /// The council (admin of the registry) does `msgs` through a passed proposal.
    fn council_does(&mut self, msgs: Vec<HousingExecute>) {
        let msgs: Vec<CosmosMsg> = msgs
            .into_iter()
            .map(|m| {
                WasmMsg::Execute {
                    contract_addr: self.housing.to_string(),
                    msg: to_json_binary(&m).unwrap(),
                    funds: vec![],
                }
                .into()
            })
            .collect();
        let [alice, bob] = self.founders.clone();
        let res = self
            .app
            .execute_contract(
                alice.clone(),
                self.council.clone(),
                &CouncilExecute::Propose(council::msg::ProposeMsg {
                    chambers: vec![Body::Council { council_id: 1 }],
                    title: "housing".into(),
                    topic: "housing".into(),
                    description: "homes of the node".into(),
                    choices: ProposalChoices::YesNo {},
                    msgs,
                }),
                &[],
            )
            .unwrap();
        let proposal_id: u64 = wasm_attr(&res, "proposal_id").parse().unwrap();
        for voter in [alice.clone(), bob] {
            self.app
                .execute_contract(
                    voter,
                    self.council.clone(),
                    &CouncilExecute::Vote {
                        proposal_id,
                        option: VoteOption::Yes,
                    },
                    &[],
                )
                .unwrap();
        }
        self.next_block(0);
        self.app
            .execute_contract(
                alice.clone(),
                self.council.clone(),
                &CouncilExecute::Close { proposal_id },
                &[],
            )
            .unwrap();
        self.app
            .execute_contract(
                alice,
                self.council.clone(),
                &CouncilExecute::Execute { proposal_id },
                &[],
            )
            .unwrap();
        self.next_block(0);
    }

    /// A newcomer asks the council to join and the gatekeeper admits them.
    fn join_node(&mut self, who: &Addr) {
        self.app
            .execute_contract(
                who.clone(),
                self.council.clone(),
                &CouncilExecute::Apply {
                    statement: "I would like to live here".into(),
                    councils: vec![],
                },
                &[],
            )
            .unwrap();
        self.app
            .execute_contract(
                self.gatekeeper.clone(),
                self.council.clone(),
                &CouncilExecute::Admit {
                    applicant: who.to_string(),
                },
                &[],
            )
            .unwrap();
        self.next_block(0);
    }

    fn housing(&mut self, sender: &Addr, msg: HousingExecute) -> AnyResult<AppResponse> {
        self.app
            .execute_contract(sender.clone(), self.housing.clone(), &msg, &[])
    }

    fn send(&mut self, from: &Addr, amount: u128, msg: ReceiveMsg) -> AnyResult<AppResponse> {
        self.app.execute_contract(
            from.clone(),
            self.token.clone(),
            &Cw20ExecuteMsg::Send {
                contract: self.housing.to_string(),
                amount: Uint128::new(amount),
                msg: to_json_binary(&msg).unwrap(),
            },
            &[],
        )
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
        let r: HomeOfResponse = self
            .app
            .wrap()
            .query_wasm_smart(
                &self.housing,
                &HousingQuery::HomeOf {
                    holder: who.to_string(),
                },
            )
            .unwrap();
        r.home_id
    }

    fn q<T: serde::de::DeserializeOwned>(&self, msg: HousingQuery) -> T {
        self.app
            .wrap()
            .query_wasm_smart(&self.housing, &msg)
            .unwrap()
    }

    fn balance(&self, who: &Addr) -> u128 {
        let r: BalanceResponse = self
            .app
            .wrap()
            .query_wasm_smart(
                &self.token,
                &Cw20QueryMsg::Balance {
                    address: who.to_string(),
                },
            )
            .unwrap();
        r.balance.u128()
    }

    fn today(&self) -> u64 {
        self.app.block_info().time.seconds() / DAY
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
    n.next_block(60);
    let arrears: ArrearsResponse = n.q(HousingQuery::Arrears {
        address: dana.to_string(),
    });
    assert_eq!(arrears.arrears, Uint128::new(2 * FEE));
    let treasury_before = n.balance(&n.council.clone());
    n.send(&dana, 2 * FEE, ReceiveMsg::PayFees { holder: None })
        .unwrap();
    let arrears: ArrearsResponse = n.q(HousingQuery::Arrears {
        address: dana.to_string(),
    });
    assert!(arrears.arrears.is_zero());
    assert_eq!(n.balance(&n.council.clone()), treasury_before + 2 * FEE);
    assert_eq!(n.balance(&n.housing.clone()), 0, "fees are not kept");

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

    // Painting is within the guidelines; an extension goes to the council, which approves it.
    n.housing(
        &dana,
        HousingExecute::RequestModification {
            home_id: home,
            category: "paint".into(),
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
    n.next_block(5);
    n.housing(&relay, HousingExecute::CancelBooking { booking_id })
        .unwrap();
    let booking: BookingResponse = n.q(HousingQuery::Booking { booking_id });
    assert_eq!(booking.status, BookingStatus::Cancelled);
    // The cancellation fee (10% with notice) and five days of demurrage on the held payment
    // are borne by the booking, never more.
    assert!(booking.refunded < Uint128::new(3 * FEE * 90 / 100));
    assert!(booking.refunded > Uint128::new(3 * FEE * 89 / 100));
    assert!(n.balance(&relay) <= relay_before);
    assert_eq!(n.balance(&n.housing.clone()), 0);

    // Dana moves to another node: relinquishes the home, then leaves the council.
    n.housing(&dana, HousingExecute::Relinquish { home_id: home })
        .unwrap();
    n.app
        .execute_contract(
            dana.clone(),
            n.council.clone(),
            &CouncilExecute::Leave {},
            &[],
        )
        .unwrap();
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
    let council = n.council.clone();
    let err = n.housing(&council, msg).unwrap_err();
    assert!(format!("{err:#}").contains("occupied"));
    let err = n
        .housing(&anyone, HousingExecute::CheckMembership { home_id: 1 })
        .unwrap_err();
    assert!(format!("{err:#}").contains("is a member"));

    // Erin leaves the node: the grace clock starts, and the home returns only after it.
    n.app
        .execute_contract(
            erin.clone(),
            n.council.clone(),
            &CouncilExecute::Leave {},
            &[],
        )
        .unwrap();
    n.next_block(0);
    n.housing(&anyone, HousingExecute::CheckMembership { home_id: 1 })
        .unwrap();
    n.next_block(29);
    assert!(n
        .housing(&anyone, HousingExecute::ReclaimHome { home_id: 1 })
        .is_err());
    assert_eq!(n.home_of(&erin), Some(1));
    n.next_block(1);
    n.housing(&anyone, HousingExecute::ReclaimHome { home_id: 1 })
        .unwrap();
    assert_eq!(n.home_of(&erin), None);
    // Unpaid fees stay on record; they never evicted anyone.
    let arrears: ArrearsResponse = n.q(HousingQuery::Arrears {
        address: erin.to_string(),
    });
    assert_eq!(arrears.arrears, Uint128::new(2 * FEE));
}
