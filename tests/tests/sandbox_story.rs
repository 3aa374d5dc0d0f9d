//! The sandbox story (`cargo run -p dac-sandbox --release -- story`) as a test: everything it
//! prints really happened, and afterwards both nodes' books still balance.

use cosmwasm_std::Uint128;
use dac_deploy::Contract;
use dac_sandbox::{story, Narrator};
use dac_testing::query;
use serde_json::{json, Value};

fn books_balance(pool: &Value) -> bool {
    let n = |k: &str| pool[k].as_str().unwrap().parse::<u128>().unwrap();
    n("stored_balances") + n("pool") == n("total_supply")
}

#[test]
fn a_newcomers_life_in_a_node() {
    let mut out = Narrator::collecting();
    let mut o = story::run(&mut out).unwrap();
    assert!(out
        .lines
        .iter()
        .any(|l| l.contains("housing: home 1 allocated")));

    let (side_a, side_b) = (o.nodes.a.side, o.nodes.b.side);
    let d = o.nodes.a.deployment.clone();
    let eve = o.newcomer.clone();
    let chain = o.nodes.chain(side_a);

    // Eve is a member of the node, of its basic income, and holds home 1.
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
    // Her fee is paid: credit for the coming period, no arrears.
    let fees: Value = query(
        chain,
        d.addr(Contract::Housing),
        &json!({"arrears": {"address": eve}}),
    )
    .unwrap();
    assert_eq!(fees["arrears"], json!("0"));
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
    assert!(balance < (o.income_claimed - o.fees_paid).u128());
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

    // Conservation on both nodes' tokens.
    let pool: Value = query(chain, d.addr(Contract::Token), &json!({"commons_pool": {}})).unwrap();
    assert!(books_balance(&pool), "{pool}");
    let token_b = o.nodes.b.deployment.addr(Contract::Token).to_string();
    let pool_b: Value = query(
        o.nodes.chain(side_b),
        &token_b,
        &json!({"commons_pool": {}}),
    )
    .unwrap();
    assert!(books_balance(&pool_b), "{pool_b}");
}
