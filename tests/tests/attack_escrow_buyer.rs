//! Attacker: a dishonest buyer (issue 14, finding 12), on a node deployed by the real recipe.
//! The buyer disputes a delivered milestone at the last second of the grace and appeals, so the
//! deal stays frozen past the next milestone's due date, hoping the seller is then recorded as
//! defaulting and its deposit and the next milestone's money come back to the buyer. The
//! dispute freezes the deal's later deadlines: the seller delivers the next milestone in the
//! time it had left, and the buyer takes nothing that is not its own.

use cosmwasm_std::{Timestamp, Uint128};
use cw20::{BalanceResponse, Cw20ExecuteMsg, Cw20QueryMsg};
use dac_deploy::Contract;
use dac_testing::{account, exec, json_binary, query, Node};
use escrow::msg::{
    DealKindMsg, DealResponse, ExecuteMsg, Milestone, ProposeMsg, QueryMsg, ReceiveMsg, Ruling,
    StatusKey,
};
use escrow::state::{Outcome, Status};

const DAY: u64 = 86_400;

struct Market {
    node: Node,
    token: String,
    escrow: String,
}

impl Market {
    fn who(&self, name: &str) -> String {
        account(&self.node.chain, name)
    }

    fn now(&self) -> Timestamp {
        self.node.chain.app.block_info().time
    }

    fn wait(&mut self, seconds: u64) {
        self.node.chain.advance_seconds(seconds);
    }

    fn balance(&self, name: &str) -> u128 {
        let msg = Cw20QueryMsg::Balance {
            address: self.who(name),
        };
        let r: BalanceResponse = query(&self.node.chain, &self.token, &msg).unwrap();
        r.balance.u128()
    }

    fn send(&mut self, name: &str, amount: u128, hook: ReceiveMsg) -> u64 {
        let sender = self.who(name);
        let msg = Cw20ExecuteMsg::Send {
            contract: self.escrow.clone(),
            amount: Uint128::new(amount),
            msg: json_binary(&hook),
        };
        let attrs = exec(&mut self.node.chain, &sender, &self.token.clone(), &msg).unwrap();
        attrs
            .iter()
            .find(|(k, _)| k == "deal_id")
            .map(|(_, v)| v.parse().unwrap())
            .unwrap_or(0)
    }

    fn exec(&mut self, name: &str, msg: ExecuteMsg) -> Result<(), String> {
        let sender = self.who(name);
        let escrow = self.escrow.clone();
        exec(&mut self.node.chain, &sender, &escrow, &msg)
            .map(|_| ())
            .map_err(|e| format!("{e:?}"))
    }

    fn deal(&self, deal_id: u64) -> DealResponse {
        query(&self.node.chain, &self.escrow, &QueryMsg::Deal { deal_id }).unwrap()
    }
}

#[test]
fn a_buyer_who_disputes_and_appeals_cannot_make_the_seller_default_on_the_next_milestone() {
    let node = Node::new("dac-1", "alpha").unwrap();
    let token = node.deployment.addr(Contract::Token).to_string();
    let escrow = node.deployment.addr(Contract::Escrow).to_string();
    let mut m = Market {
        node,
        token,
        escrow,
    };
    // Founders: ada buys, bea sells, cyd arbitrates.
    let start = m.now();
    let terms = ProposeMsg {
        counterparty: m.who("bea"),
        arbitrator: m.who("cyd"),
        kind: DealKindMsg::Service {
            milestones: vec![
                Milestone {
                    amount: Uint128::new(400_000),
                    due: start.plus_seconds(10 * DAY),
                },
                Milestone {
                    amount: Uint128::new(600_000),
                    due: start.plus_seconds(30 * DAY),
                },
            ],
        },
        counterparty_stake: Uint128::new(200_000),
        arbitrator_collateral: Uint128::new(100_000),
        sign_by: start.plus_seconds(DAY),
        due: start.plus_seconds(30 * DAY),
        grace_seconds: 3 * DAY,
        ruling_seconds: 7 * DAY,
        appeal_seconds: 7 * DAY,
        description: "two rooms painted".into(),
    };
    let id = m.send("ada", 1_000_000, ReceiveMsg::Propose(terms));
    m.send("bea", 200_000, ReceiveMsg::Sign { deal_id: id });
    m.send("cyd", 100_000, ReceiveMsg::PostCollateral { deal_id: id });
    assert_eq!(m.deal(id).status, StatusKey::Active);
    let bea_before = m.balance("bea") as i128 - m.balance("dov") as i128;

    // Day 10: bea delivers the first milestone. Day 13, the grace's last second: ada disputes.
    m.wait(10 * DAY);
    m.exec(
        "bea",
        ExecuteMsg::Confirm {
            deal_id: id,
            preimage: None,
        },
    )
    .unwrap();
    m.wait(3 * DAY);
    let dispute = ExecuteMsg::Dispute {
        deal_id: id,
        reason: "not good enough".into(),
    };
    m.exec("ada", dispute).unwrap();
    // Day 20: cyd rules honestly. Day 27: ada appeals at the window's end. No panel decides
    // in its 14 days: at day 41 the ruling stands, eleven days after milestone 2 was due.
    m.wait(7 * DAY);
    let rule = ExecuteMsg::Rule {
        deal_id: id,
        ruling: Ruling::Performed {},
    };
    m.exec("cyd", rule).unwrap();
    m.wait(7 * DAY);
    m.exec("ada", ExecuteMsg::Appeal { deal_id: id }).unwrap();
    let panel_by = m.deal(id).panel_by.expect("the deal is before a panel");
    m.wait(14 * DAY + 1);
    m.exec("ada", ExecuteMsg::Advance { deal_id: id }).unwrap();
    let deal = m.deal(id);
    assert_eq!((deal.status, deal.deal.milestone), (StatusKey::Active, 1));
    // The attack: record bea as defaulting at once. Refused: milestone 2 moved by the freeze.
    let attack = m.exec("ada", ExecuteMsg::Advance { deal_id: id });
    assert!(attack.is_err(), "the seller was made to default");
    assert!(deal.next_deadline.unwrap() > panel_by);
    // Bea delivers milestone 2 within the 17 days she had left; ada stays silent.
    m.wait(16 * DAY);
    m.exec(
        "bea",
        ExecuteMsg::Confirm {
            deal_id: id,
            preimage: None,
        },
    )
    .unwrap();
    m.wait(5 * DAY);
    m.exec("bea", ExecuteMsg::Advance { deal_id: id }).unwrap();
    let deal = m.deal(id);
    assert_eq!(
        deal.deal.status,
        Status::Closed {
            outcome: Outcome::Settled {}
        }
    );
    assert!(deal.deal.total_units().is_zero());
    // Settled: bea was paid both milestones and her deposit, cyd got its collateral back
    // (1.3M in all, less two months of the token's demurrage); ada got nothing back.
    assert!(
        deal.deal.paid_out.u128() > 1_200_000,
        "{}",
        deal.deal.paid_out
    );
    // Against dov, a founder who did nothing (the same demurrage on the same balance), bea
    // gained both milestones and her deposit back.
    let gained = m.balance("bea") as i128 - m.balance("dov") as i128 - bea_before;
    assert!(gained > 1_150_000, "the seller gained {gained}");
}
