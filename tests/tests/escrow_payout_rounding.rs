//! A settlement pays several people from one vault: when a deal is all the escrow holds, its
//! last shares take the whole balance. The token debits each transfer's shares rounded up, so
//! each transfer may cost the escrow one unit more than it pays. Settling must still go
//! through, whatever the stakes, the ruling and the days of decay before it (a split ruled on the
//! day of the deposits failed by one unit before the last payout became a `transfer_all`).

use cosmwasm_std::{Decimal, Uint128};
use cw20::Cw20ExecuteMsg;
use dac_testing::dac_deploy::Contract;
use dac_testing::{attribute, Node, DAY};
use escrow::msg::{
    DealKindMsg, DealResponse, ExecuteMsg, ProposeMsg, QueryMsg, ReceiveMsg, Ruling, StatusKey,
};
use proptest::prelude::*;

fn node(rate_per_10k: u32) -> Node {
    let mut node = Node::deploy_with(|cfg| {
        cfg.demurrage_rate = Decimal::from_ratio(rate_per_10k, 10_000u32);
    });
    let founder = node.founders()[0].clone();
    for name in ["buyer", "seller", "arbitrator"] {
        let recipient = node.addr(name).to_string();
        node.execute_cw20(
            &founder,
            &Cw20ExecuteMsg::Transfer {
                recipient,
                amount: Uint128::new(100_000_000),
            },
        )
        .unwrap();
    }
    node
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn a_settled_deal_pays_everyone_whatever_the_rounding(
        rate_per_10k in 1u32..13,
        days_before in 1u64..300,
        price in 1u128..10_000_000,
        seller_stake in prop_oneof![Just(0u128), 1u128..1_000_000],
        collateral in 1u128..1_000_000,
        // Within the period of the deposits (no decay since) or days later.
        seconds_before_settling in prop_oneof![1u64..3, 1u64..(60 * DAY)],
        split_percent in prop_oneof![Just(None), (1u64..100).prop_map(Some)],
    ) {
        let mut n = node(rate_per_10k);
        // Days of decay first, so that a token share is no longer worth exactly one unit.
        n.advance(days_before * DAY);
        let (buyer, seller, arbitrator) = (n.addr("buyer"), n.addr("seller"), n.addr("arbitrator"));
        let terms = ProposeMsg {
            counterparty: seller.to_string(),
            arbitrator: arbitrator.to_string(),
            kind: DealKindMsg::Forward {},
            counterparty_stake: Uint128::new(seller_stake),
            arbitrator_collateral: Uint128::new(collateral),
            sign_by: n.now().plus_seconds(2 * DAY),
            due: n.now().plus_seconds(90 * DAY),
            grace_seconds: 5 * DAY,
            ruling_seconds: 10 * DAY,
            appeal_seconds: 0,
            description: String::new(),
        };
        let res = n
            .send_token(&buyer, Contract::Escrow, price, &ReceiveMsg::Propose(terms))
            .unwrap();
        let deal_id: u64 = attribute(&res, "deal_id").unwrap().parse().unwrap();
        if seller_stake > 0 {
            n.send_token(&seller, Contract::Escrow, seller_stake, &ReceiveMsg::Sign { deal_id })
                .unwrap();
        } else {
            n.execute_escrow(&seller, &ExecuteMsg::Sign { deal_id }).unwrap();
        }
        n.send_token(&arbitrator, Contract::Escrow, collateral, &ReceiveMsg::PostCollateral { deal_id })
            .unwrap();
        n.advance(seconds_before_settling);

        let escrow = n.contract(Contract::Escrow);
        let held = n.token_balance(&escrow);
        // The buyer confirms, or disputes and the arbitrator splits the pots (no appeal window).
        let res = match split_percent {
            None => n.execute_escrow(&buyer, &ExecuteMsg::Confirm { deal_id, preimage: None }).unwrap(),
            Some(percent) => {
                let dispute = ExecuteMsg::Dispute { deal_id, reason: String::new() };
                n.execute_escrow(&buyer, &dispute).unwrap();
                let ruling = Ruling::Split { proposer_share: Decimal::percent(percent) };
                n.execute_escrow(&arbitrator, &ExecuteMsg::Rule { deal_id, ruling }).unwrap()
            }
        };

        let deal: DealResponse = n.query_escrow(&QueryMsg::Deal { deal_id });
        prop_assert_eq!(deal.status, StatusKey::Closed);
        // What the token moved out of the escrow (a recipient's balance may show one unit
        // more: it gets the shares the escrow gave up, rounded up).
        let paid: u128 = res
            .events
            .iter()
            .filter(|e| e.ty == "wasm")
            .filter(|e| e.attributes.iter().any(|a| a.key == "action" && a.value == "transfer"))
            .filter_map(|e| e.attributes.iter().find(|a| a.key == "amount"))
            .map(|a| a.value.parse::<u128>().unwrap())
            .sum();
        prop_assert!(paid <= held, "paid {} out of {}", paid, held);
        // Nothing is owed any more: at most the units the transfers' rounding left stay behind.
        prop_assert!(n.token_balance(&escrow) <= 2, "left {}", n.token_balance(&escrow));
    }
}
