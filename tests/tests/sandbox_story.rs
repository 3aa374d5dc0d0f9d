//! The sandbox story (`cargo run -p dac-sandbox --release -- story`) as a test: everything it
//! prints really happened, and afterwards both nodes' books still balance.

use cosmwasm_std::Uint128;
use dac_deploy::Contract;
use dac_sandbox::{story, Narrator};
use dac_testing::dac_ibc_harness::Chain;
use dac_testing::query;
use demurrage_token::msg::{CommonsPoolResponse, DemurrageResponse, QueryMsg as TokenQuery};
use escrow::msg::{DealResponse, QueryMsg as EscrowQuery, StatusKey};
use housing_registry::msg::{
    ArrearsResponse, BookingResponse, OwnerOfResponse, QueryMsg as HousingQuery,
};
use ibc_relay::msg::{
    HoldingsResponse, ListTreatiesResponse, ListVouchersResponse, QueryMsg as RelayQuery,
    TradeResponse, TradeStatus, TreatyResponse, TreatyStatus,
};

fn token_balance(chain: &Chain, token: &str, who: &str) -> u128 {
    let res: cw20::BalanceResponse = query(
        chain,
        token,
        &TokenQuery::Balance {
            address: who.to_string(),
        },
    )
    .unwrap();
    res.balance.u128()
}

fn books_balance(pool: &CommonsPoolResponse) -> bool {
    pool.stored_balances + pool.pool == pool.total_supply
}

fn holdings(chain: &Chain, relay: &str) -> HoldingsResponse {
    query(
        chain,
        relay,
        &RelayQuery::Holdings {
            start_after: None,
            limit: None,
        },
    )
    .unwrap()
}

fn vouchers(chain: &Chain, relay: &str, node: &str) -> ListVouchersResponse {
    query(
        chain,
        relay,
        &RelayQuery::ListVouchers {
            node: node.to_string(),
            start_after: None,
            limit: None,
        },
    )
    .unwrap()
}

fn deal(chain: &Chain, escrow: &str, deal_id: u64) -> DealResponse {
    query(chain, escrow, &EscrowQuery::Deal { deal_id }).unwrap()
}

#[test]
fn a_newcomers_life_in_a_node() {
    let mut out = Narrator::collecting();
    let o = story::run(&mut out).unwrap();
    assert!(out
        .lines
        .iter()
        .any(|l| l.contains("housing: home 1 allocated")));

    let (side_a, side_b) = (o.nodes.a.side, o.nodes.b.side);
    let d = o.nodes.a.deployment.clone();
    let eve = o.newcomer.clone();
    let chain = o.nodes.relayer.chain(side_a);

    // At home. Eve is a member of the node, of its basic income, and holds home 1.
    let member: cw4::MemberResponse = query(
        chain,
        d.addr(Contract::Council),
        &council::msg::QueryMsg::Member {
            addr: eve.clone(),
            at_height: None,
        },
    )
    .unwrap();
    assert_eq!(member.weight, Some(1));
    let owner: OwnerOfResponse = query(
        chain,
        d.addr(Contract::Housing),
        &HousingQuery::OwnerOf {
            token_id: o.home_id.to_string(),
            include_expired: None,
        },
    )
    .unwrap();
    assert_eq!(owner.owner, eve);
    // Her fee was paid a month ahead as credit. Prepaid credit decays like any holding of the
    // token (the treasury's money it stands for does), so what remains of the month's fee is
    // what demurrage took from it over the month: a small shortfall, never more.
    let fees: ArrearsResponse = query(
        chain,
        d.addr(Contract::Housing),
        &HousingQuery::Arrears {
            address: eve.clone(),
        },
    )
    .unwrap();
    let arrears = fees.arrears.u128();
    let fee = o.fees_paid.u128();
    assert!(arrears > 0 && arrears < fee * 3 / 100, "{arrears} of {fee}");
    assert_eq!(fees.paid_total, o.fees_paid);
    // She received income (3 days of the commons decaying, shared by 5 members) and spent some.
    assert!(
        o.income_claimed > Uint128::new(2_900_000),
        "{}",
        o.income_claimed
    );
    let balance = token_balance(chain, d.addr(Contract::Token), &eve);
    // What came in, net of what went out: income, less the fee, plus the bicycles' price. The
    // loan and her collateral came back no larger than they went (demurrage took its share),
    // and forty-odd days of demurrage at most a few percent of the rest.
    let net = (o.income_claimed - o.fees_paid + o.abroad.eve_paid).u128();
    assert!(balance < net, "{balance} vs {net}");
    assert!(balance > net * 97 / 100, "{balance} vs {net}");
    // The assembly's decision took effect.
    let demurrage: DemurrageResponse =
        query(chain, d.addr(Contract::Token), &TokenQuery::Demurrage {}).unwrap();
    assert_eq!(demurrage.rate, o.new_rate);

    // The loan closed: the lender was repaid and the escrow holds nothing for anyone.
    let loan = deal(chain, d.addr(Contract::Escrow), o.loan_deal_id);
    assert_eq!(loan.status, StatusKey::Closed, "{loan:?}");
    assert_eq!(
        token_balance(chain, d.addr(Contract::Token), d.addr(Contract::Escrow)),
        0,
        "the last deal out is paid in full"
    );

    // Across the nodes. The trade: paid on both sides, its escrow deal closed, Eve paid the
    // price less ten days of demurrage on the escrowed tokens.
    let abroad = &o.abroad;
    let (relay_a, relay_b) = (
        d.addr(Contract::Relay).to_string(),
        o.nodes.b.deployment.addr(Contract::Relay).to_string(),
    );
    let trade: TradeResponse = query(
        chain,
        &relay_a,
        &RelayQuery::Trade {
            trade_id: abroad.trade_id,
        },
    )
    .unwrap();
    assert_eq!(trade.trade.status, TradeStatus::Paid, "{trade:?}");
    let trade_deal = deal(chain, d.addr(Contract::Escrow), abroad.trade_deal_id);
    assert_eq!(trade_deal.status, StatusKey::Closed, "{trade_deal:?}");
    assert!(abroad.eve_paid <= story::BICYCLES_PRICE);
    assert!(
        abroad.eve_paid > story::BICYCLES_PRICE.multiply_ratio(99u128, 100u128),
        "{}",
        abroad.eve_paid
    );
    // Bea's dac-1 account: the seed payment brought home, less the price, less its decay.
    let bea_a: u128 = token_balance(chain, d.addr(Contract::Token), &abroad.bea_a);
    let left = (story::SEED_PAYMENT - story::BICYCLES_PRICE).u128();
    assert!(bea_a <= left && bea_a > left * 99 / 100, "{bea_a}");
    // Both escrowed deals are settled: the escrow holds nothing.
    assert_eq!(
        token_balance(chain, d.addr(Contract::Token), d.addr(Contract::Escrow)),
        0
    );
    // The ratified treaty, on both sides.
    let treaty: TreatyResponse = query(
        chain,
        &relay_a,
        &RelayQuery::Treaty {
            treaty_id: abroad.treaty_id,
        },
    )
    .unwrap();
    assert_eq!(treaty.treaty.status, TreatyStatus::Ratified, "{treaty:?}");
    let chain_b = o.nodes.relayer.chain(side_b);
    let treaties: ListTreatiesResponse = query(
        chain_b,
        &relay_b,
        &RelayQuery::ListTreaties {
            start_after: None,
            limit: None,
        },
    )
    .unwrap();
    assert_eq!(
        treaties.treaties[0].status,
        TreatyStatus::Ratified,
        "{treaties:?}"
    );
    // The guest stay: three nights at dac-2's price, booked for Eve.
    let housing_b = o.nodes.b.deployment.addr(Contract::Housing).to_string();
    let booking: BookingResponse = query(
        chain_b,
        &housing_b,
        &HousingQuery::Booking {
            booking_id: abroad.booking_id,
        },
    )
    .unwrap();
    let price = o.nodes.b.cfg.guest_price_per_day.u128() * u128::from(story::GUEST_NIGHTS);
    assert_eq!(booking.paid.u128(), price, "{booking:?}");
    assert_eq!(booking.guest, eve, "{booking:?}");
    assert_eq!(booking.home_id, abroad.guest_home_id, "{booking:?}");
    // Vouchers are backed one for one: what dac-2's relay holds for dac-1 equals the vouchers of
    // dac-2's token outstanding in dac-1 (Eve's change from the booking), and the reverse is empty
    // since Bea brought hers home.
    let held_b = holdings(chain_b, &relay_b);
    let chain = o.nodes.relayer.chain(side_a);
    let held_a = holdings(chain, &relay_a);
    let out_a = vouchers(chain, &relay_a, "dac-2");
    assert_eq!(
        held_b.nodes[0].units, out_a.supply,
        "{held_b:?} vs {out_a:?}"
    );
    assert_eq!(out_a.vouchers[0].holder, eve);
    // A first transfer buys 10^6 units per micro-token (the relay's virtual units).
    let eve_change = (story::TRAVEL_MONEY.u128() - price) * ibc_relay::holdings::VIRTUAL_UNITS;
    assert_eq!(
        out_a.supply.u128(),
        eve_change,
        "no time passed between transfer and booking"
    );
    assert!(held_a.nodes[0].units.is_zero(), "{held_a:?}");
    let chain_b = o.nodes.relayer.chain(side_b);
    let out_b = vouchers(chain_b, &relay_b, "dac-1");
    assert!(out_b.supply.is_zero(), "{out_b:?}");

    // Conservation on both nodes' tokens.
    let pool: CommonsPoolResponse =
        query(chain, d.addr(Contract::Token), &TokenQuery::CommonsPool {}).unwrap();
    assert!(books_balance(&pool), "{pool:?}");
    let token_b = o.nodes.b.deployment.addr(Contract::Token).to_string();
    let pool_b: CommonsPoolResponse = query(
        o.nodes.relayer.chain(side_b),
        &token_b,
        &TokenQuery::CommonsPool {},
    )
    .unwrap();
    assert!(books_balance(&pool_b), "{pool_b:?}");
}
