//! A newcomer's life in node `dac-1`, told by the contracts' own answers: every value printed is
//! an attribute a contract emitted or a query it answered.

use anyhow::{Context, Result};
use cosmwasm_std::{to_json_binary, CosmosMsg, Decimal, Uint128, WasmMsg};
use dac_deploy::{pass_proposal, Contract};
use dac_testing::dac_ibc_harness::Chain as IbcChain;
use dac_testing::{account, exec, query, OnApp, TwoNodes, DAY};
use serde_json::{json, Value};

use crate::Narrator;

mod abroad;
pub mod mesh;
pub use abroad::{Abroad, BICYCLES_PRICE, GUEST_NIGHTS, SEED_PAYMENT, TRAVEL_MONEY};

/// What the story leaves behind, for tests to check.
pub struct Outcome {
    pub nodes: TwoNodes,
    pub newcomer: String,
    pub home_id: u64,
    pub income_claimed: Uint128,
    pub fees_paid: Uint128,
    pub new_rate: Decimal,
    pub loan_deal_id: u64,
    pub abroad: Abroad,
}

/// The loan of the story: principal, the borrower's collateral, the arbitrator's collateral.
pub const LOAN: Uint128 = Uint128::new(500_000);
pub const LOAN_COLLATERAL: Uint128 = Uint128::new(1_000_000);
pub const ARBITRATOR_COLLATERAL: Uint128 = Uint128::new(50_000);

fn attr<'a>(attrs: &'a [(String, String)], key: &str) -> Result<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .with_context(|| format!("no `{key}` attribute"))
}

/// Token amounts as a person reads them: whole tokens with every decimal and the symbol
/// (`3.195801 CMC`, never the raw `3195801`), as the token's own `token_info` says.
#[derive(Clone, Debug)]
pub struct Amounts {
    decimals: u32,
    symbol: String,
}

impl Amounts {
    pub fn new(decimals: u32, symbol: impl Into<String>) -> Self {
        Amounts {
            decimals,
            symbol: symbol.into(),
        }
    }

    pub fn of_token(chain: &IbcChain, token: &str) -> Result<Self> {
        let info: Value = query(chain, token, &json!({"token_info": {}}))?;
        let decimals = info["decimals"]
            .as_u64()
            .context("token_info without decimals")?;
        let symbol = info["symbol"]
            .as_str()
            .context("token_info without symbol")?;
        Ok(Amounts::new(u32::try_from(decimals)?, symbol))
    }

    /// The same token, its symbol naming the node it belongs to (`CMC of dac-2`): in a mesh
    /// every node's token has the same symbol.
    pub fn of_node(&self, node: &str) -> Self {
        Amounts::new(self.decimals, format!("{} of {node}", self.symbol))
    }

    /// `1234567890` units with 6 decimals: `1,234.567890 CMC`.
    pub fn show(&self, units: impl Into<u128>) -> String {
        let units = units.into();
        let scale = 10u128.pow(self.decimals);
        let whole = grouped(units / scale);
        if self.decimals == 0 {
            return format!("{whole} {}", self.symbol);
        }
        let fraction = units % scale;
        let width = self.decimals as usize;
        format!("{whole}.{fraction:0width$} {}", self.symbol)
    }

    /// An amount as a contract answers it: a JSON string of units (`"3195801"`) or an attribute.
    pub fn show_json(&self, units: &Value) -> Result<String> {
        let text = units.as_str().context("an amount is a string of units")?;
        self.show_str(text)
    }

    pub fn show_str(&self, units: &str) -> Result<String> {
        Ok(self.show(
            units
                .parse::<u128>()
                .with_context(|| format!("`{units}` is not an amount"))?,
        ))
    }
}

/// `1234567` as `1,234,567`.
pub fn grouped(number: u128) -> String {
    let digits = number.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

fn wasm(contract: &str, msg: &impl serde::Serialize) -> Result<CosmosMsg> {
    Ok(CosmosMsg::Wasm(WasmMsg::Execute {
        contract_addr: contract.to_string(),
        msg: to_json_binary(msg)?,
        funds: vec![],
    }))
}

pub fn run(out: &mut Narrator) -> Result<Outcome> {
    out.say("== Two nodes are founded, each on its own chain, through the one deployment recipe");
    let mut nodes = TwoNodes::new()?;
    for info in [&nodes.a, &nodes.b] {
        out.say(format!("node {}:", info.cfg.name));
        for (contract, addr) in &info.deployment.contracts {
            out.say(format!("  {:<17} {addr}", contract.crate_name()));
        }
    }
    out.say(format!(
        "the relays are joined by channel {} <-> {} ({})",
        nodes.channel.a.channel_id, nodes.channel.b.channel_id, nodes.channel.a.version
    ));

    let side = nodes.a.side;
    let d = nodes.a.deployment.clone();
    let founders = nodes.a.cfg.founders.clone();
    let (token, council, housing) = (
        d.addr(Contract::Token).to_string(),
        d.addr(Contract::Council).to_string(),
        d.addr(Contract::Housing).to_string(),
    );
    let chain = nodes.chain(side);
    let money = Amounts::of_token(chain, &token)?;
    let eve = account(chain, "eve");
    let gatekeeper = founders[1].clone();

    out.say("");
    out.say("== Eve arrives in dac-1 and asks to join; a gatekeeper admits her");
    exec(
        chain,
        &eve,
        &council,
        &council::msg::ExecuteMsg::Apply {
            statement: "I grow vegetables and repair bicycles".into(),
            councils: vec![d.executive_council_id],
        },
    )?;
    let admitted = exec(
        chain,
        &gatekeeper,
        &council,
        &council::msg::ExecuteMsg::Admit {
            applicant: eve.clone(),
        },
    )?;
    out.say(format!(
        "council: action={} member={}",
        attr(&admitted, "action")?,
        attr(&admitted, "member")?
    ));
    let member: Value = query(chain, &council, &json!({"member": {"addr": eve}}))?;
    let income_member: Value = query(chain, &token, &json!({"member": {"address": eve}}))?;
    out.say(format!(
        "council member weight: {}; basic-income member: {}",
        member["weight"], income_member["is_member"]
    ));

    out.say("");
    out.say("== Three days later Eve claims her basic income");
    chain.advance_seconds(3 * DAY);
    let claimed = exec(
        chain,
        &eve,
        &token,
        &demurrage_token::msg::ExecuteMsg::ClaimIncome {},
    )?;
    let income_claimed: Uint128 = attr(&claimed, "income")?.parse()?;
    let pool: Value = query(chain, &token, &json!({"commons_pool": {}}))?;
    out.say(format!(
        "token: income {}; commons pool now {} of supply {} ({} members)",
        money.show(income_claimed),
        money.show_json(&pool["pool"])?,
        money.show_json(&pool["total_supply"])?,
        pool["members"]
    ));

    out.say("");
    out.say("== The council registers a home by proposal; Eve applies and is allocated it");
    let register = wasm(
        &housing,
        &housing_registry::msg::ExecuteMsg::RegisterHome {
            rooms: 1,
            accessibility: vec![],
            zone: "riverside".into(),
            status: housing_registry::msg::HomeStatus::Available,
        },
    )?;
    let proposal = pass_proposal(
        &mut OnApp(&mut chain.app),
        &council,
        &founders,
        "Register the riverside flat",
        vec![register],
    )?;
    out.say(format!("council: proposal {proposal} passed and executed"));
    exec(
        chain,
        &eve,
        &housing,
        &housing_registry::msg::ExecuteMsg::Apply {
            household_size: 1,
            needs: vec![],
            evidence_commitment: None,
        },
    )?;
    chain.advance_seconds(DAY);
    let round = exec(
        chain,
        &founders[3],
        &housing,
        &housing_registry::msg::ExecuteMsg::AllocateRound { limit: 5 },
    )?;
    let home_id: u64 = attr(&round, "home_id")?.parse()?;
    let owner: Value = query(
        chain,
        &housing,
        &json!({"owner_of": {"token_id": home_id.to_string()}}),
    )?;
    out.say(format!(
        "housing: home {home_id} allocated; cw721 owner_of says {}",
        owner["owner"]
    ));

    out.say("");
    out.say("== Eve pays a month's usage fee in the token");
    let fee = nodes.a.cfg.housing_fee_per_period;
    let chain = nodes.chain(side);
    let paid = exec(
        chain,
        &eve,
        &token,
        &cw20::Cw20ExecuteMsg::Send {
            contract: housing.clone(),
            amount: fee,
            msg: to_json_binary(&housing_registry::msg::ReceiveMsg::PayFees { holder: None })?,
        },
    )?;
    out.say(format!(
        "token: sent {} to {}",
        money.show_str(attr(&paid, "amount")?)?,
        attr(&paid, "to")?
    ));
    let arrears: Value = query(chain, &housing, &json!({"arrears": {"address": eve}}))?;
    out.say(format!(
        "housing: Eve's fee account: {} a period, {} paid, {} in arrears, {} credit",
        money.show_json(&arrears["fee_per_period"])?,
        money.show_json(&arrears["paid_total"])?,
        money.show_json(&arrears["arrears"])?,
        money.show_json(&arrears["credit"])?
    ));

    out.say("");
    out.say("== The assembly votes, Eve included, to lower demurrage to 0.04% a day");
    let new_rate = Decimal::from_ratio(4u32, 10_000u32);
    let change = wasm(
        &token,
        &demurrage_token::msg::ExecuteMsg::UpdateDemurrage(demurrage_token::msg::DemurrageParams {
            rate: new_rate,
            period_seconds: DAY,
        }),
    )?;
    let mut voters = founders.clone();
    voters.push(eve.clone());
    let proposal = pass_proposal(
        &mut OnApp(&mut chain.app),
        &council,
        &voters,
        "Lower demurrage to 0.04% a day",
        vec![change],
    )?;
    let demurrage: Value = query(chain, &token, &json!({"demurrage": {}}))?;
    out.say(format!(
        "council: proposal {proposal} executed; token now decays {} per {} s",
        demurrage["rate"], demurrage["period_seconds"]
    ));
    let balance: Value = query(chain, &token, &json!({"balance": {"address": eve}}))?;
    out.say(format!(
        "Eve's balance: {}",
        money.show_json(&balance["balance"])?
    ));

    out.say("");
    out.say(format!(
        "== Ada lends Eve {} through the escrow; Cyd arbitrates and posts collateral",
        money.show(LOAN)
    ));
    let escrow = d.addr(Contract::Escrow).to_string();
    let (ada, cyd) = (founders[0].clone(), founders[2].clone());
    let now = chain.now();
    let terms = escrow::msg::ProposeMsg {
        counterparty: eve.clone(),
        arbitrator: cyd.clone(),
        kind: escrow::msg::DealKindMsg::Loan {
            interest: Uint128::zero(),
        },
        counterparty_stake: LOAN_COLLATERAL,
        arbitrator_collateral: ARBITRATOR_COLLATERAL,
        sign_by: now.plus_seconds(2 * DAY),
        due: now.plus_seconds(60 * DAY),
        grace_seconds: 5 * DAY,
        ruling_seconds: 10 * DAY,
        appeal_seconds: 10 * DAY,
        description: "a bicycle workshop".into(),
    };
    let send = |amount: Uint128, msg: &escrow::msg::ReceiveMsg| -> Result<cw20::Cw20ExecuteMsg> {
        Ok(cw20::Cw20ExecuteMsg::Send {
            contract: escrow.clone(),
            amount,
            msg: to_json_binary(msg)?,
        })
    };
    let proposed = exec(
        chain,
        &ada,
        &token,
        &send(LOAN, &escrow::msg::ReceiveMsg::Propose(terms))?,
    )?;
    let deal_id: u64 = attr(&proposed, "deal_id")?.parse()?;
    exec(
        chain,
        &eve,
        &token,
        &send(LOAN_COLLATERAL, &escrow::msg::ReceiveMsg::Sign { deal_id })?,
    )?;
    exec(
        chain,
        &cyd,
        &token,
        &send(
            ARBITRATOR_COLLATERAL,
            &escrow::msg::ReceiveMsg::PostCollateral { deal_id },
        )?,
    )?;
    let deal: Value = query(chain, &escrow, &json!({"deal": {"deal_id": deal_id}}))?;
    let holdings = deal["holdings"]
        .as_array()
        .context("deal without holdings")?
        .iter()
        .map(|h| Ok(format!("{} {}", h["role"], money.show_json(&h["value"])?)))
        .collect::<Result<Vec<String>>>()?;
    out.say(format!(
        "escrow: deal {deal_id} is {} and holds {}",
        deal["status"],
        holdings.join(", ")
    ));

    out.say("");
    out.say("== A month later Eve repays; the escrow pays out exactly what it holds");
    chain.advance_seconds(30 * DAY);
    let held: Value = query(chain, &escrow, &json!({"deal": {"deal_id": deal_id}}))?;
    out.say(format!(
        "escrow: the deal holds {} after a month of demurrage",
        money.show_json(&held["value_held"])?
    ));
    exec(
        chain,
        &eve,
        &token,
        &send(LOAN, &escrow::msg::ReceiveMsg::Repay { deal_id })?,
    )?;
    let deal: Value = query(chain, &escrow, &json!({"deal": {"deal_id": deal_id}}))?;
    let vault: Value = query(chain, &escrow, &json!({"vault": {}}))?;
    out.say(format!(
        "escrow: deal {deal_id} is {}; the escrow's token balance is now {} ({} vault shares)",
        deal["status"],
        money.show_json(&vault["token_balance"])?,
        vault["total_shares"]
    ));

    let abroad = abroad::play(out, &mut nodes, &eve, &money)?;

    Ok(Outcome {
        nodes,
        newcomer: eve,
        home_id,
        income_claimed,
        fees_paid: fee,
        new_rate,
        loan_deal_id: deal_id,
        abroad,
    })
}

#[cfg(test)]
mod tests {
    use super::Amounts;

    #[test]
    fn amounts_read_in_whole_tokens_with_every_decimal() {
        let cmc = Amounts::new(6, "CMC");
        assert_eq!(cmc.show(3_195_801u128), "3.195801 CMC");
        assert_eq!(cmc.show(1u128), "0.000001 CMC");
        assert_eq!(cmc.show(1_234_567_890_000u128), "1,234,567.890000 CMC");
        assert_eq!(cmc.show_str("500000").unwrap(), "0.500000 CMC");
        assert!(cmc.show_str("-1").is_err());
        assert_eq!(Amounts::new(0, "HOME").show(1000u128), "1,000 HOME");
        assert_eq!(cmc.of_node("dac-2").show(1u128), "0.000001 CMC of dac-2");
        assert_eq!(super::grouped(12_345_678), "12,345,678");
    }
}
