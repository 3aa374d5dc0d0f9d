//! The escrow: one deal's life (propose, sign, collateral, settlement) with 1 and many other
//! deals open, all held in the token (vault shares against the escrow's balance).

use cosmwasm_std::{Timestamp, Uint128};
use escrow::msg::{DealKindMsg, ExecuteMsg, InstantiateMsg, ProposeMsg, ReceiveMsg, Ruling};

use crate::peers;
use crate::report::{PeerRow, Report, Scaling};
use crate::vm::{Contract, Gas, Vm};
use crate::Config;

const DAY: u64 = 86_400;
const STAKE: u128 = 5_000_000;

struct Escrow<'v> {
    contract: Contract<'v>,
    token: String,
    arbitrator: String,
    next_deal: u64,
}

/// The three parties of deal `i`.
struct Parties {
    proposer: String,
    counterparty: String,
}

fn parties(vm: &Vm, i: usize) -> Parties {
    Parties {
        proposer: vm.addr(&format!("proposer{i}")),
        counterparty: vm.addr(&format!("counterparty{i}")),
    }
}

/// The gas of each step of one deal's life.
struct Life {
    propose: Gas,
    sign: Gas,
    post_collateral: Gas,
    settle: Gas,
}

impl<'v> Escrow<'v> {
    /// An escrow with `open` active loans between distinct parties, one arbitrator for all.
    fn new(vm: &'v Vm, config: &Config, open: usize) -> Result<Self, String> {
        let mut contract = vm.deploy(&config.artifact("escrow.wasm"), "escrow")?;
        let token = vm.addr("token");
        contract
            .world
            .borrow_mut()
            .smart_query_gas
            .insert(token.clone(), config.token_query_gas);
        contract.instantiate(
            &vm.addr("admin"),
            &InstantiateMsg {
                token: token.clone(),
                // A council to appeal to: a ruling then waits out its appeal window.
                council: Some(vm.addr("council")),
                panel_seconds: 14 * DAY,
                admin: None,
            },
        )?;
        let mut escrow = Escrow {
            contract,
            token,
            arbitrator: vm.addr("arbitrator"),
            next_deal: 1,
        };
        for i in 0..open {
            escrow.life(
                &parties(vm, i),
                DealKindMsg::Loan {
                    interest: Uint128::zero(),
                },
                false,
            )?;
        }
        Ok(escrow)
    }

    fn terms(&self, p: &Parties, kind: DealKindMsg) -> ProposeMsg {
        // The contracts' own Timestamp type (cosmwasm-std 2), from the VM's.
        let now = Timestamp::from_nanos(self.contract.time.nanos());
        ProposeMsg {
            counterparty: p.counterparty.clone(),
            arbitrator: self.arbitrator.clone(),
            kind,
            counterparty_stake: Uint128::new(STAKE),
            arbitrator_collateral: Uint128::new(STAKE / 10),
            sign_by: now.plus_seconds(7 * DAY),
            due: now.plus_seconds(90 * DAY),
            grace_seconds: 7 * DAY,
            ruling_seconds: 14 * DAY,
            appeal_seconds: 7 * DAY,
            description: "Seed potatoes for the spring planting".to_string(),
        }
    }

    fn deposit(&mut self, from: &str, amount: u128, hook: &ReceiveMsg) -> Result<Gas, String> {
        let token = self.token.clone();
        self.contract
            .receive_cw20(&token, from, amount, hook)
            .map(|(gas, _)| gas)
    }

    /// Proposes, signs and activates a deal of `kind`; with `settle`, also settles it (a loan
    /// repaid, a forward delivery confirmed by the buyer).
    fn life(&mut self, p: &Parties, kind: DealKindMsg, settle: bool) -> Result<Life, String> {
        let deal_id = self.next_deal;
        self.next_deal += 1;
        let is_loan = matches!(kind, DealKindMsg::Loan { .. });
        let propose = self.deposit(
            &p.proposer,
            STAKE,
            &ReceiveMsg::Propose(self.terms(p, kind)),
        )?;
        let sign = self.deposit(&p.counterparty, STAKE, &ReceiveMsg::Sign { deal_id })?;
        let arbitrator = self.arbitrator.clone();
        let post_collateral = self.deposit(
            &arbitrator,
            STAKE / 10,
            &ReceiveMsg::PostCollateral { deal_id },
        )?;
        let settle = match (settle, is_loan) {
            (false, _) => Gas::default(),
            (true, true) => {
                self.contract.advance(30 * DAY);
                self.deposit(&p.counterparty, STAKE, &ReceiveMsg::Repay { deal_id })?
            }
            (true, false) => {
                self.contract.advance(30 * DAY);
                self.contract.execute(
                    &p.proposer,
                    &ExecuteMsg::Confirm {
                        deal_id,
                        preimage: None,
                    },
                )?
            }
        };
        Ok(Life {
            propose,
            sign,
            post_collateral,
            settle,
        })
    }
}

/// The gas of each measured step, in one state.
struct Figures {
    loan: Life,
    forward: Life,
    dispute: Gas,
    rule: Gas,
    advance_ruled: Gas,
    advance_expired: Gas,
}

/// With `open` active loans: a new loan from proposal to repayment, a forward deal confirmed,
/// a forward deal disputed, ruled and closed by `Advance` once nobody appealed, and an unsigned
/// deal expiring by `Advance`.
fn figures(vm: &Vm, config: &Config, open: usize) -> Result<Figures, String> {
    let mut escrow = Escrow::new(vm, config, open)?;
    // A week on, so that the new deals' timing is their own.
    escrow.contract.advance(7 * DAY);
    let loan = DealKindMsg::Loan {
        interest: Uint128::zero(),
    };
    let loan = escrow.life(&parties(vm, open), loan, true)?;
    let forward = escrow.life(&parties(vm, open + 1), DealKindMsg::Forward {}, true)?;

    let p = parties(vm, open + 2);
    let deal_id = escrow.next_deal;
    escrow.life(&p, DealKindMsg::Forward {}, false)?;
    escrow.contract.advance(DAY);
    let dispute = escrow.contract.execute(
        &p.proposer,
        &ExecuteMsg::Dispute {
            deal_id,
            reason: "Half the seed potatoes had rotted".to_string(),
        },
    )?;
    escrow.contract.advance(DAY);
    let arbitrator = escrow.arbitrator.clone();
    let rule = escrow.contract.execute(
        &arbitrator,
        &ExecuteMsg::Rule {
            deal_id,
            ruling: Ruling::NotPerformed {},
        },
    )?;
    // The appeal window (7 days) passes.
    escrow.contract.advance(8 * DAY);
    let anyone = vm.addr("anyone");
    let advance_ruled = escrow
        .contract
        .execute(&anyone, &ExecuteMsg::Advance { deal_id })?;

    let p = parties(vm, open + 3);
    let unsigned = escrow.next_deal;
    escrow.next_deal += 1;
    let terms = ReceiveMsg::Propose(escrow.terms(&p, DealKindMsg::Forward {}));
    escrow.deposit(&p.proposer, STAKE, &terms)?;
    escrow.contract.advance(8 * DAY);
    let advance_expired = escrow
        .contract
        .execute(&anyone, &ExecuteMsg::Advance { deal_id: unsigned })?;
    Ok(Figures {
        loan,
        forward,
        dispute,
        rule,
        advance_ruled,
        advance_expired,
    })
}

pub fn run(vm: &Vm, config: &Config, report: &mut Report) -> Result<(), String> {
    let (small, large) = (1, config.open);
    let few = figures(vm, config, small)?;
    let many = figures(vm, config, large)?;
    let open = |n: usize| format!("{n} open deal{}", if n == 1 { "" } else { "s" });
    let mut push = |operation: &str, small_gas: Gas, large_gas: Gas| {
        report.scalings.push(Scaling::new(
            "escrow",
            operation,
            open(small),
            small_gas,
            open(large),
            large_gas,
        ));
    };
    push("Propose (cw20 send)", few.loan.propose, many.loan.propose);
    push("Sign (cw20 send)", few.loan.sign, many.loan.sign);
    push(
        "PostCollateral: loan active, principal paid",
        few.loan.post_collateral,
        many.loan.post_collateral,
    );
    push(
        "Repay: loan settled and closed",
        few.loan.settle,
        many.loan.settle,
    );
    push(
        "Confirm: forward settled and closed",
        few.forward.settle,
        many.forward.settle,
    );
    push("Dispute", few.dispute, many.dispute);
    push("Rule", few.rule, many.rule);
    push(
        "Advance: ruling final, deal closed",
        few.advance_ruled,
        many.advance_ruled,
    );
    push(
        "Advance: unsigned deal expired, refunded",
        few.advance_expired,
        many.advance_expired,
    );
    for (n, ours) in [(small, &few), (large, &many)] {
        let theirs = match peers::cw20_escrow(vm, config, n) {
            Ok(theirs) => theirs,
            Err(e) => {
                report.notes.push(format!(
                    "escrow vs {}: not measured: {e}",
                    peers::CW20_ESCROW
                ));
                break;
            }
        };
        let mut row = |steps, pair, rule: &str| {
            report.peer_rows.push(PeerRow::new(
                "escrow",
                peers::CW20_ESCROW,
                steps,
                open(n),
                pair,
                0,
                true,
                rule,
            ));
        };
        row(
            ("Propose (cw20 send)", "Create (cw20 send)"),
            (ours.forward.propose, theirs.create),
            "ours validates the terms (parties, stake, collateral, dates), prices the deposit in \
             vault shares against the token's decayed balance (a balance query, its answer in \
             the figure; the first-depositor defence) and stores the deal with every party's \
             pot and deadline (postcard, addresses canonical, numbers binary), indexed by \
             status and under the proposer, the counterparty and the arbitrator (what \
             `DealsByStatus` and `DealsByParty` list); cw20-escrow stores id, parties and a \
             cw20 balance list (JSON), unindexed",
        );
        row(
            ("Sign (cw20 send)", "TopUp (cw20 send)"),
            (ours.forward.sign, theirs.top_up),
            "ours checks the signer and the exact stake, prices the shares (a balance query) \
             and rewrites the deal with the signature; cw20-escrow adds to a balance list",
        );
        row(
            ("Confirm: settled and closed", "Approve: paid out"),
            (ours.forward.settle, theirs.approve),
            "ours redeems the buyer's, the seller's and the arbitrator's pots at the token's \
             decayed balance (a balance query), pays the seller and the arbitrator, and keeps \
             the settled deal (rewritten closed, moved in the status index) so that `Deal` and \
             the listings still answer for it; cw20-escrow sends its one balance and deletes \
             the entry",
        );
    }
    report.notes.push(
        "escrow: every deposit and payout asks the token for the escrow's balance (one cw20 \
         `balance` query: vault shares are priced against the decayed balance)."
            .to_string(),
    );
    Ok(())
}
