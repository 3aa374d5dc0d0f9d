//! A newcomer's life in a node deployed on a real chain (`scripts/deploy.sh`): every step is a
//! signed transaction from the key of the person acting, and every check reads what the contracts
//! answered. The same life as the sandbox's story (`dac-sandbox`), in real time: the node must be
//! deployed with a short demurrage period (`--set period_seconds=60`) so income accrues in a
//! minute.

use anyhow::{ensure, Result};
use cosmwasm_std::{to_json_binary, Decimal, Uint128};
use dac_deploy::{pass_proposal, Contract, Deployment, NodeConfig};
use demurrage_token::msg::{ClaimableResponse, CommonsPoolResponse, DemurrageResponse};
use serde_json::{json, Value};

use crate::{attr, exec, query, wait_for, wasm_msg, Wasmd};

/// The newcomer's test key.
pub const NEWCOMER_KEY: &str = "eve";

/// The longest demurrage period the story waits through for income to accrue.
const MAX_PERIOD_SECONDS: u64 = 120;

fn balance(chain: &Wasmd, token: &str, who: &str) -> Result<Uint128> {
    let answer: cw20::BalanceResponse = query(chain, token, &json!({"balance": {"address": who}}))?;
    Ok(answer.balance)
}

/// Plays the story; prints one line per step; fails on the first answer that is not as expected.
pub fn run(chain: &mut Wasmd, d: &Deployment, cfg: &NodeConfig) -> Result<()> {
    ensure!(
        cfg.period_seconds <= MAX_PERIOD_SECONDS,
        "the story waits for a demurrage period to pass: deploy with --set period_seconds=60 \
         (this node's period is {} s)",
        cfg.period_seconds
    );
    let (token, council, housing) = (
        d.addr(Contract::Token),
        d.addr(Contract::Council),
        d.addr(Contract::Housing),
    );
    let eve = chain.address(NEWCOMER_KEY)?;
    let founders = &cfg.founders;
    let gatekeeper = &cfg.gatekeepers[cfg.gatekeepers.len() - 1];

    println!(
        "== Eve arrives in {} and asks to join; a gatekeeper admits her",
        cfg.name
    );
    exec(
        chain,
        &eve,
        council,
        &council::msg::ExecuteMsg::Apply {
            statement: "I grow vegetables and repair bicycles".into(),
            councils: vec![d.executive_council_id],
        },
    )?;
    let admitted = exec(
        chain,
        gatekeeper,
        council,
        &council::msg::ExecuteMsg::Admit {
            applicant: eve.clone(),
        },
    )?;
    println!(
        "council: action={} member={}",
        attr(&admitted, "action")?,
        attr(&admitted, "member")?
    );
    let member: Value = query(chain, council, &json!({"member": {"addr": eve}}))?;
    ensure!(
        member["weight"] == json!(1),
        "Eve's council weight: {member}"
    );
    let income_member: Value = query(chain, token, &json!({"member": {"address": eve}}))?;
    ensure!(
        income_member["is_member"] == json!(true),
        "Eve is not a basic-income member: {income_member}"
    );
    println!("council member weight 1; basic-income member: true");

    println!("== The council registers a home by proposal; Eve applies and is allocated it");
    let register = wasm_msg(
        housing,
        &housing_registry::msg::ExecuteMsg::RegisterHome {
            rooms: 1,
            accessibility: vec![],
            zone: "riverside".into(),
            status: housing_registry::msg::HomeStatus::Available,
        },
    )?;
    let proposal = pass_proposal(
        chain,
        council,
        founders,
        "Register the riverside flat",
        vec![register],
    )?;
    println!("council: proposal {proposal} passed and executed by the founders' signed votes");
    exec(
        chain,
        &eve,
        housing,
        &housing_registry::msg::ExecuteMsg::Apply {
            household_size: 1,
            needs: vec![],
            evidence_commitment: None,
        },
    )?;
    let round = exec(
        chain,
        &founders[3],
        housing,
        &housing_registry::msg::ExecuteMsg::AllocateRound { limit: 5 },
    )?;
    let home_id = attr(&round, "home_id")?.to_string();
    let owner: Value = query(chain, housing, &json!({"owner_of": {"token_id": home_id}}))?;
    ensure!(
        owner["owner"] == json!(eve),
        "home {home_id} owner: {owner}"
    );
    println!(
        "housing: home {home_id} allocated; cw721 owner_of says {}",
        owner["owner"]
    );

    println!("== Alice pays Eve for repairing bicycles; Eve pays a month's usage fee in the token");
    let fee = cfg.housing_fee_per_period;
    exec(
        chain,
        &founders[0],
        token,
        &cw20::Cw20ExecuteMsg::Transfer {
            recipient: eve.clone(),
            amount: fee * Uint128::new(2),
        },
    )?;
    let paid = exec(
        chain,
        &eve,
        token,
        &cw20::Cw20ExecuteMsg::Send {
            contract: housing.to_string(),
            amount: fee,
            msg: to_json_binary(&housing_registry::msg::ReceiveMsg::PayFees { holder: None })?,
        },
    )?;
    println!(
        "token: send amount={} to={}",
        attr(&paid, "amount")?,
        attr(&paid, "to")?
    );
    let account: housing_registry::msg::ArrearsResponse =
        query(chain, housing, &json!({"arrears": {"address": eve}}))?;
    ensure!(
        account.arrears.is_zero() && account.paid_total == fee,
        "Eve's fee account after paying {fee}: {account:?}"
    );
    println!(
        "housing: Eve owes {}, has paid {} (fee per period {})",
        account.arrears, account.paid_total, account.fee_per_period
    );

    println!(
        "== Eve waits for basic income to accrue (a demurrage period is {} s)",
        cfg.period_seconds
    );
    let claimable = wait_for("Eve's basic income", cfg.period_seconds + 60, || {
        let c: ClaimableResponse = query(chain, token, &json!({"claimable": {"address": eve}}))?;
        Ok((!c.amount.is_zero()).then_some(c.amount))
    })?;
    let claimed = exec(
        chain,
        &eve,
        token,
        &demurrage_token::msg::ExecuteMsg::ClaimIncome {},
    )?;
    let income: Uint128 = attr(&claimed, "income")?.parse()?;
    ensure!(
        income >= claimable,
        "claimed {income}, less than the {claimable} shown claimable"
    );
    let untouched = balance(chain, token, &founders[2])?;
    ensure!(
        untouched < cfg.founder_balance,
        "Carol's untouched balance has not decayed: {untouched}"
    );
    let pool: CommonsPoolResponse = query(chain, token, &json!({"commons_pool": {}}))?;
    ensure!(
        pool.stored_balances + pool.pool == pool.total_supply,
        "the token's books do not balance: {pool:?}"
    );
    println!(
        "token: income={income}; Carol's untouched {} decayed to {untouched}; commons pool {} + \
         stored {} == supply {} ({} members)",
        cfg.founder_balance, pool.pool, pool.stored_balances, pool.total_supply, pool.members
    );

    println!("== The assembly, Eve included, votes to lower demurrage by a fifth");
    let new_rate = cfg.demurrage_rate * Decimal::percent(80);
    let change = wasm_msg(
        token,
        &demurrage_token::msg::ExecuteMsg::UpdateDemurrage(demurrage_token::msg::DemurrageParams {
            rate: new_rate,
            period_seconds: cfg.period_seconds,
        }),
    )?;
    let mut voters = founders.clone();
    voters.push(eve.clone());
    let proposal = pass_proposal(
        chain,
        council,
        &voters,
        "Lower demurrage by a fifth",
        vec![change],
    )?;
    let demurrage: DemurrageResponse = query(chain, token, &json!({"demurrage": {}}))?;
    ensure!(
        demurrage.rate == new_rate,
        "the rate after the vote: {}",
        demurrage.rate
    );
    println!(
        "council: proposal {proposal} executed (5 signed votes); token now decays {} per {} s",
        demurrage.rate, demurrage.period_seconds
    );
    println!("Eve's balance: {}", balance(chain, token, &eve)?);
    Ok(())
}
