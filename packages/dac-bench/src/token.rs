//! The demurrage token against cw20-base: the same cw20 messages on the same state, and how the
//! token's own messages scale with holders and members.

use std::str::FromStr;

use cosmwasm_std::{Binary, Decimal, Uint128};
use cw20::{Cw20Coin, Cw20ExecuteMsg, Cw20QueryMsg};
use demurrage_token::msg as token;

use crate::report::{Comparison, Report, Scaling};
use crate::vm::{Contract, Gas, Vm};
use crate::Config;

const DAY: u64 = 86_400;
const BALANCE: u128 = 1_000_000_000;

/// The two contracts under the same cw20 workload.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Demurrage,
    Cw20Base,
}

struct Cw20Setup<'v> {
    contract: Contract<'v>,
    kind: Kind,
    holders: Vec<String>,
    spender: String,
    receiver: String,
    /// An address that holds nothing yet.
    fresh: String,
}

fn holder_names(vm: &Vm, n: usize) -> Vec<String> {
    (0..n).map(|i| vm.addr(&format!("holder{i}"))).collect()
}

fn token_instantiate(vm: &Vm, holders: &[String], members: &[String]) -> token::InstantiateMsg {
    token::InstantiateMsg {
        name: "Commons Credit".to_string(),
        symbol: "CRED".to_string(),
        decimals: 6,
        initial_balances: holders
            .iter()
            .map(|h| Cw20Coin {
                address: h.clone(),
                amount: Uint128::new(BALANCE),
            })
            .collect(),
        commons_pool: Uint128::new(BALANCE * 100),
        // 0.01% a day, about 3.6% a year.
        demurrage: token::DemurrageParams {
            rate: Decimal::from_str("0.0001").expect("a decimal"),
            period_seconds: DAY,
        },
        income_window_periods: 30,
        admin: Some(vm.addr("admin")),
        membership_authority: None,
        initial_members: members.to_vec(),
        marketing: None,
    }
}

fn cw20_base_instantiate(holders: &[String]) -> cw20_base_msg::InstantiateMsg {
    cw20_base_msg::InstantiateMsg {
        name: "Reference Token".to_string(),
        symbol: "REF".to_string(),
        decimals: 6,
        initial_balances: holders
            .iter()
            .map(|h| Cw20Coin {
                address: h.clone(),
                amount: Uint128::new(BALANCE),
            })
            .collect(),
        mint: None,
        marketing: None,
    }
}

/// cw20-base 2.0.0's instantiate message, as its JSON schema has it (the crate itself is only
/// built to wasm, not linked here).
mod cw20_base_msg {
    use cw20::{Cw20Coin, MinterResponse};
    use serde::Serialize;

    #[derive(Serialize)]
    pub struct InstantiateMsg {
        pub name: String,
        pub symbol: String,
        pub decimals: u8,
        pub initial_balances: Vec<Cw20Coin>,
        pub mint: Option<MinterResponse>,
        pub marketing: Option<()>,
    }
}

impl<'v> Cw20Setup<'v> {
    fn new(vm: &'v Vm, kind: Kind, wasm: &std::path::Path, holders: usize) -> Result<Self, String> {
        let label = match kind {
            Kind::Demurrage => "demurrage-token",
            Kind::Cw20Base => "cw20-base",
        };
        let mut contract = vm.deploy(wasm, label)?;
        let holders = holder_names(vm, holders);
        let admin = vm.addr("admin");
        match kind {
            Kind::Demurrage => {
                contract.instantiate(&admin, &token_instantiate(vm, &holders, &[]))?
            }
            Kind::Cw20Base => contract.instantiate(&admin, &cw20_base_instantiate(&holders))?,
        };
        let mut setup = Cw20Setup {
            contract,
            kind,
            holders,
            spender: vm.addr("spender"),
            receiver: vm.addr("receiver-contract"),
            fresh: vm.addr("newcomer"),
        };
        setup.execute_as(
            0,
            Cw20ExecuteMsg::IncreaseAllowance {
                spender: setup.spender.clone(),
                amount: Uint128::new(BALANCE),
                expires: None,
            },
        )?;
        // A day later, the usual case for a holder's next message: every balance has decayed.
        // Two other holders trade first, on both contracts alike.
        setup.contract.advance(DAY);
        let (h2, h3) = (setup.holders[2].clone(), setup.holders[3].clone());
        setup.transfer(&h2, &h3, 1)?;
        Ok(setup)
    }

    /// Sends a cw20 message as the `i`th holder, typed as each contract's own message.
    fn execute_as(&mut self, i: usize, msg: Cw20ExecuteMsg) -> Result<Gas, String> {
        let sender = self.holders[i].clone();
        self.execute_from(&sender, msg)
    }

    fn execute_from(&mut self, sender: &str, msg: Cw20ExecuteMsg) -> Result<Gas, String> {
        match self.kind {
            Kind::Cw20Base => self.contract.execute(sender, &msg),
            Kind::Demurrage => self.contract.execute(sender, &as_token_msg(msg)),
        }
    }

    fn transfer(&mut self, from: &str, to: &str, amount: u128) -> Result<Gas, String> {
        self.execute_from(
            from,
            Cw20ExecuteMsg::Transfer {
                recipient: to.to_string(),
                amount: Uint128::new(amount),
            },
        )
    }

    fn balance(&mut self, who: &str) -> Result<Gas, String> {
        let address = who.to_string();
        let (gas, _) = match self.kind {
            Kind::Cw20Base => self.contract.query(&Cw20QueryMsg::Balance { address })?,
            Kind::Demurrage => self.contract.query(&token::QueryMsg::Balance { address })?,
        };
        Ok(gas)
    }
}

/// The token's message for a cw20 message (same names and fields, its own type).
fn as_token_msg(msg: Cw20ExecuteMsg) -> token::ExecuteMsg {
    match msg {
        Cw20ExecuteMsg::Transfer { recipient, amount } => {
            token::ExecuteMsg::Transfer { recipient, amount }
        }
        Cw20ExecuteMsg::Send {
            contract,
            amount,
            msg,
        } => token::ExecuteMsg::Send {
            contract,
            amount,
            msg,
        },
        Cw20ExecuteMsg::TransferFrom {
            owner,
            recipient,
            amount,
        } => token::ExecuteMsg::TransferFrom {
            owner,
            recipient,
            amount,
        },
        Cw20ExecuteMsg::IncreaseAllowance {
            spender,
            amount,
            expires,
        } => token::ExecuteMsg::IncreaseAllowance {
            spender,
            amount,
            expires,
        },
        other => panic!("no token mapping for {other:?} in the benchmark"),
    }
}

/// The cw20 workload: each message once, between holders who last moved a day ago.
fn cw20_workload(setup: &mut Cw20Setup) -> Result<Vec<(&'static str, Gas)>, String> {
    let h = setup.holders.clone();
    let mut rows = vec![];
    rows.push(("Transfer", setup.transfer(&h[0], &h[1], 1_000)?));
    let fresh = setup.fresh.clone();
    rows.push((
        "Transfer to a new account",
        setup.transfer(&h[4], &fresh, 1_000)?,
    ));
    rows.push((
        "Send",
        setup.execute_as(
            5,
            Cw20ExecuteMsg::Send {
                contract: setup.receiver.clone(),
                amount: Uint128::new(1_000),
                msg: Binary::from(br#"{"deposit":{}}"#.to_vec()),
            },
        )?,
    ));
    let spender = setup.spender.clone();
    rows.push((
        "TransferFrom",
        setup.execute_from(
            &spender,
            Cw20ExecuteMsg::TransferFrom {
                owner: h[0].clone(),
                recipient: h[6].clone(),
                amount: Uint128::new(1_000),
            },
        )?,
    ));
    rows.push(("Balance (query)", setup.balance(&h[7])?));
    Ok(rows)
}

pub fn run(vm: &Vm, config: &Config, report: &mut Report) -> Result<(), String> {
    let token_wasm = config.artifact("demurrage_token.wasm");
    let mut ours = Cw20Setup::new(vm, Kind::Demurrage, &token_wasm, 10)?;
    let mut theirs = Cw20Setup::new(vm, Kind::Cw20Base, &config.reference, 10)?;
    let our_rows = cw20_workload(&mut ours)?;
    let their_rows = cw20_workload(&mut theirs)?;
    if let (Some((_, o)), Some((_, t))) = (our_rows.first(), their_rows.first()) {
        report.notes.push(transfer_analysis(o, t));
    }
    for ((name, ours), (_, theirs)) in our_rows.into_iter().zip(their_rows) {
        report.comparisons.push(Comparison {
            operation: name.to_string(),
            ours,
            theirs,
        });
    }

    // Income is dated by `Settle`/`ClaimIncome`, not by transfers: the first transfer after a quiet
    // day must cost what any other does (no per-period bookkeeping falls on a random sender).
    let mut day = Cw20Setup::new(vm, Kind::Demurrage, &token_wasm, 10)?;
    day.contract.advance(DAY);
    let h = day.holders.clone();
    let first = day.transfer(&h[0], &h[1], 1_000)?;
    let next = day.transfer(&h[2], &h[3], 1_000)?;
    report.scalings.push(Scaling::new(
        "demurrage-token",
        "Transfer",
        "the next one in the period".to_string(),
        next,
        "the first after a quiet day".to_string(),
        first,
    ));

    let (small, large) = (10, config.large);
    report.scalings.push(Scaling::new(
        "demurrage-token",
        "Transfer",
        format!("{small} holders"),
        transfer_with_holders(vm, &token_wasm, Kind::Demurrage, small)?,
        format!("{large} holders"),
        transfer_with_holders(vm, &token_wasm, Kind::Demurrage, large)?,
    ));
    report.scalings.push(Scaling::new(
        "cw20-base (reference)",
        "Transfer",
        format!("{small} holders"),
        transfer_with_holders(vm, &config.reference, Kind::Cw20Base, small)?,
        format!("{large} holders"),
        transfer_with_holders(vm, &config.reference, Kind::Cw20Base, large)?,
    ));
    report.scalings.push(Scaling::new(
        "demurrage-token",
        "ClaimIncome",
        format!("{small} members"),
        claim_with_members(vm, &token_wasm, small)?,
        format!("{large} members"),
        claim_with_members(vm, &token_wasm, large)?,
    ));
    Ok(())
}

fn transfer_with_holders(
    vm: &Vm,
    wasm: &std::path::Path,
    kind: Kind,
    holders: usize,
) -> Result<Gas, String> {
    let mut setup = Cw20Setup::new(vm, kind, wasm, holders)?;
    let h = setup.holders.clone();
    setup.transfer(&h[0], &h[1], 1_000)
}

/// A member claims a week of basic income while `members` members share the pool.
fn claim_with_members(vm: &Vm, wasm: &std::path::Path, members: usize) -> Result<Gas, String> {
    let mut contract = vm.deploy(wasm, "demurrage-token")?;
    let names: Vec<String> = (0..members)
        .map(|i| vm.addr(&format!("member{i}")))
        .collect();
    let holders = holder_names(vm, 10);
    let admin = vm.addr("admin");
    contract.instantiate(&admin, &token_instantiate(vm, &holders, &names))?;
    // A week of decay flows into the pool as income, dated day by day by a `Settle`.
    for _ in 0..7 {
        contract.advance(DAY);
        contract.execute(
            &holders[0],
            &token::ExecuteMsg::Settle { addresses: vec![] },
        )?;
    }
    contract.execute(&names[members / 2], &token::ExecuteMsg::ClaimIncome {})
}

/// Where the token's Transfer gas goes, against cw20-base's, from the measured tallies.
fn transfer_analysis(ours: &Gas, theirs: &Gas) -> String {
    let extra = ours.total().saturating_sub(theirs.total());
    let extra_storage = ours.storage.saturating_sub(theirs.storage);
    format!(
        "demurrage-token Transfer: {} gas more than cw20-base, {} of it storage. The token reads \
         {} entries and writes {} ({} B read, {} B written with keys) where cw20-base reads {} and \
         writes {} ({} B / {} B). Decay is one global index (a holder owns shares; a share's value \
         falls with the index), so a transfer writes only the two accounts, as cw20-base does, and \
         reads one more entry: the 36-byte schedule that gives the index at this block. Accounts \
         and schedule are stored as big-endian bytes under one-letter keys, not JSON; the VM \
         remainder is the share arithmetic (256-bit multiply and divide).",
        extra,
        extra_storage,
        ours.tally.reads,
        ours.tally.writes,
        ours.tally.bytes_read,
        ours.tally.bytes_written,
        theirs.tally.reads,
        theirs.tally.writes,
        theirs.tally.bytes_read,
        theirs.tally.bytes_written,
    )
}

/// The gas of the token's cw20 `balance` query (10 holders, a day after they last moved).
pub fn balance_query_gas(vm: &Vm, wasm: &std::path::Path) -> Result<u64, String> {
    let mut setup = Cw20Setup::new(vm, Kind::Demurrage, wasm, 10)?;
    let holder = setup.holders[7].clone();
    Ok(setup.balance(&holder)?.total())
}
