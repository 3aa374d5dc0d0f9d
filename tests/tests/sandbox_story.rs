//! The sandbox story (`cargo run -p dac-sandbox --release -- story`) as a test: everything it
//! prints really happened, and afterwards both nodes' books still balance.

use cosmwasm_std::Uint128;
use dac_deploy::Contract;
use dac_sandbox::{story, Narrator};
use dac_testing::query;
use serde_json::{json, Value};

fn token_balance(chain: &dac_testing::dac_ibc_harness::Chain, token: &str, who: &str) -> u128 {
    let res: Value = query(chain, token, &json!({"balance": {"address": who}})).unwrap();
    res["balance"].as_str().unwrap().parse().unwrap()
}

fn books_balance(pool: &Value) -> bool {
    let n = |k: &str| pool[k].as_str().unwrap().parse::<u128>().unwrap();
    n("stored_balances") + n("pool") == n("total_supply")
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
    let member: Value = query(
        chain,
        d.addr(Contract::Council),
        &json!({"member": {"addr": eve}}),
    )
    .unwrap();
    assert_eq!(member["weight"], json!(1));
    let owner: Value = query(
        chain,
        d.addr(Contract::Housing),
        &json!({"owner_of": {"token_id": o.home_id.to_string()}}),
    )
    .unwrap();
    assert_eq!(owner["owner"], json!(eve));
    // Her fee was paid a month ahead as credit. Prepaid credit decays like any holding of the
    // token (the treasury's money it stands for does), so what remains of the month's fee is
    // what demurrage took from it over the month: a small shortfall, never more.
    let fees: Value = query(
        chain,
        d.addr(Contract::Housing),
        &json!({"arrears": {"address": eve}}),
    )
    .unwrap();
    let arrears: u128 = fees["arrears"].as_str().unwrap().parse().unwrap();
    let fee = o.fees_paid.u128();
    assert!(arrears > 0 && arrears < fee * 3 / 100, "{arrears} of {fee}");
    assert_eq!(fees["paid_total"], json!(o.fees_paid.to_string()));
    // She received income (3 days of the commons decaying, shared by 5 members) and spent some.
    assert!(
        o.income_claimed > Uint128::new(2_900_000),
        "{}",
        o.income_claimed
    );
    let balance: Value = query(
        chain,
        d.addr(Contract::Token),
        &json!({"balance": {"address": eve}}),
    )
    .unwrap();
    let balance: u128 = balance["balance"].as_str().unwrap().parse().unwrap();
    // What came in, net of what went out: income, less the fee, plus the bicycles' price. The
    // loan and her collateral came back no larger than they went (demurrage took its share),
    // and forty-odd days of demurrage at most a few percent of the rest.
    let net = (o.income_claimed - o.fees_paid + o.abroad.eve_paid).u128();
    assert!(balance < net, "{balance} vs {net}");
    assert!(balance > net * 97 / 100, "{balance} vs {net}");
    // The assembly's decision took effect.
    let demurrage: Value =
        query(chain, d.addr(Contract::Token), &json!({"demurrage": {}})).unwrap();
    assert_eq!(demurrage["rate"], json!(o.new_rate.to_string()));

    // The loan closed: the lender was repaid and the escrow holds nothing for anyone.
    let deal: Value = query(
        chain,
        d.addr(Contract::Escrow),
        &json!({"deal": {"deal_id": o.loan_deal_id}}),
    )
    .unwrap();
    assert_eq!(deal["status"], json!("closed"), "{deal}");
    let held: Value = query(
        chain,
        d.addr(Contract::Token),
        &json!({"balance": {"address": d.addr(Contract::Escrow)}}),
    )
    .unwrap();
    assert_eq!(
        held["balance"],
        json!("0"),
        "the last deal out is paid in full"
    );

    // Across the nodes. The trade: paid on both sides, its escrow deal closed, Eve paid the
    // price less ten days of demurrage on the escrowed tokens.
    let abroad = &o.abroad;
    let (relay_a, relay_b) = (
        d.addr(Contract::Relay).to_string(),
        o.nodes.b.deployment.addr(Contract::Relay).to_string(),
    );
    let trade: Value = query(
        chain,
        &relay_a,
        &json!({"trade": {"trade_id": abroad.trade_id}}),
    )
    .unwrap();
    assert_eq!(trade["trade"]["status"], json!("paid"), "{trade}");
    let deal: Value = query(
        chain,
        d.addr(Contract::Escrow),
        &json!({"deal": {"deal_id": abroad.trade_deal_id}}),
    )
    .unwrap();
    assert_eq!(deal["status"], json!("closed"), "{deal}");
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
    let treaty: Value = query(
        chain,
        &relay_a,
        &json!({"treaty": {"treaty_id": abroad.treaty_id}}),
    )
    .unwrap();
    assert_eq!(treaty["treaty"]["status"], json!("ratified"), "{treaty}");
    let chain_b = o.nodes.relayer.chain(side_b);
    let treaties: Value = query(chain_b, &relay_b, &json!({"list_treaties": {}})).unwrap();
    assert_eq!(
        treaties["treaties"][0]["status"],
        json!("ratified"),
        "{treaties}"
    );
    // The guest stay: three nights at dac-2's price, booked for Eve.
    let housing_b = o.nodes.b.deployment.addr(Contract::Housing).to_string();
    let booking: Value = query(
        chain_b,
        &housing_b,
        &json!({"booking": {"booking_id": abroad.booking_id}}),
    )
    .unwrap();
    let price = o.nodes.b.cfg.guest_price_per_day.u128() * u128::from(story::GUEST_NIGHTS);
    assert_eq!(booking["paid"], json!(price.to_string()), "{booking}");
    assert_eq!(booking["guest"], json!(eve), "{booking}");
    assert_eq!(booking["home_id"], json!(abroad.guest_home_id), "{booking}");
    // Vouchers are backed one for one: what dac-2's relay holds for dac-1 equals the vouchers of
    // dac-2's token outstanding in dac-1 (Eve's change from the booking), and the reverse is empty
    // since Bea brought hers home.
    let held_b: Value = query(chain_b, &relay_b, &json!({"holdings": {}})).unwrap();
    let chain = o.nodes.relayer.chain(side_a);
    let held_a: Value = query(chain, &relay_a, &json!({"holdings": {}})).unwrap();
    let out_a: Value = query(
        chain,
        &relay_a,
        &json!({"list_vouchers": {"node": "dac-2"}}),
    )
    .unwrap();
    assert_eq!(
        held_b["nodes"][0]["units"], out_a["supply"],
        "{held_b} vs {out_a}"
    );
    assert_eq!(out_a["vouchers"][0]["holder"], json!(eve));
    // A first transfer buys 10^6 units per micro-token (the relay's virtual units).
    let eve_change = (story::TRAVEL_MONEY.u128() - price) * ibc_relay::holdings::VIRTUAL_UNITS;
    assert_eq!(
        out_a["supply"],
        json!(eve_change.to_string()),
        "no time passed between transfer and booking"
    );
    assert_eq!(held_a["nodes"][0]["units"], json!("0"), "{held_a}");
    let chain_b = o.nodes.relayer.chain(side_b);
    let out_b: Value = query(
        chain_b,
        &relay_b,
        &json!({"list_vouchers": {"node": "dac-1"}}),
    )
    .unwrap();
    assert_eq!(out_b["supply"], json!("0"), "{out_b}");

    // Conservation on both nodes' tokens.
    let pool: Value = query(chain, d.addr(Contract::Token), &json!({"commons_pool": {}})).unwrap();
    assert!(books_balance(&pool), "{pool}");
    let token_b = o.nodes.b.deployment.addr(Contract::Token).to_string();
    let pool_b: Value = query(
        o.nodes.relayer.chain(side_b),
        &token_b,
        &json!({"commons_pool": {}}),
    )
    .unwrap();
    assert!(books_balance(&pool_b), "{pool_b}");
}
