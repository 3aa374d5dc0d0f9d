//! The settlement rules of each kind: loan, service milestones, insurance, pool, trade shipment.

use cosmwasm_std::{Timestamp, Uint128};

use super::*;
use crate::msg::{Milestone, PoolMemberTerms};
use crate::state::{Outcome, Status};

fn loan(s: &mut Suite, interest: u128) -> u64 {
    s.active(DealKindMsg::Loan {
        interest: Uint128::new(interest),
    })
}

#[test]
fn a_loan_pays_the_principal_out_at_activation_and_returns_collateral_on_repayment() {
    let mut s = Suite::new(true);
    let id = loan(&mut s, 0);
    assert_eq!(s.paid_to("seller"), 1000, "the borrower has the principal");
    s.wait(10 * DAY);
    s.decay(5_000);
    let before = s.snapshot(id);
    assert!(matches!(
        s.send("stranger", 1000, ReceiveMsg::Repay { deal_id: id }),
        Err(ContractError::Unauthorized(_))
    ));
    assert!(matches!(
        s.send("buyer", 1000, ReceiveMsg::Repay { deal_id: id }),
        Err(ContractError::Unauthorized(_))
    ));
    assert!(matches!(
        s.send("seller", 999, ReceiveMsg::Repay { deal_id: id }),
        Err(ContractError::WrongAmount { .. })
    ));
    assert_eq!(s.snapshot(id), before);
    let held = s.balance;
    s.send("seller", 1000, ReceiveMsg::Repay { deal_id: id })
        .unwrap();
    assert_eq!(
        s.paid_to("buyer"),
        1000,
        "interest-free: the principal back"
    );
    assert_eq!(
        s.paid_to("seller") - 1000 + s.paid_to("arb"),
        held,
        "collateral and arbitrator collateral, as decayed"
    );
    assert_eq!(s.balance, 0);
    s.assert_emptied(id);
}

#[test]
fn a_loan_with_interest_needs_principal_plus_interest() {
    let mut s = Suite::new(true);
    let id = loan(&mut s, 50);
    assert!(matches!(
        s.send("seller", 1000, ReceiveMsg::Repay { deal_id: id }),
        Err(ContractError::WrongAmount { .. })
    ));
    s.send("seller", 1050, ReceiveMsg::Repay { deal_id: id })
        .unwrap();
    assert_eq!(s.paid_to("buyer"), 1050);
}

#[test]
fn an_unpaid_loan_releases_the_collateral_to_the_lender() {
    let mut s = Suite::new(true);
    let id = loan(&mut s, 0);
    s.wait(30 * DAY + 1);
    assert!(matches!(
        s.send("seller", 1000, ReceiveMsg::Repay { deal_id: id }),
        Err(ContractError::DeadlinePassed { .. })
    ));
    s.decay(30_000);
    let held = s.balance;
    s.exec("anyone", ExecuteMsg::Advance { deal_id: id }, &[])
        .unwrap();
    assert_eq!(s.paid_to("buyer") + s.paid_to("arb"), held);
    assert!(s.paid_to("buyer") >= 193, "the collateral as decayed");
    assert_eq!(s.balance, 0);
    assert!(matches!(
        s.deal(id).deal.status,
        Status::Closed {
            outcome: Outcome::Defaulted { .. }
        }
    ));
    assert!(matches!(
        s.exec(
            "seller",
            ExecuteMsg::Dispute {
                deal_id: id,
                reason: "x".into()
            },
            &[]
        ),
        Err(ContractError::WrongStatus { .. })
    ));
}

#[test]
fn loans_and_pools_cannot_be_confirmed_or_disputed() {
    let mut s = Suite::new(true);
    let id = loan(&mut s, 0);
    assert_eq!(
        s.confirm("buyer", id),
        Err(ContractError::NotForThisKind("confirmations"))
    );
    assert_eq!(
        s.exec(
            "buyer",
            ExecuteMsg::Dispute {
                deal_id: id,
                reason: "x".into()
            },
            &[]
        ),
        Err(ContractError::NotForThisKind("disputes"))
    );
}

fn milestones(s: &Suite) -> Vec<Milestone> {
    vec![
        Milestone {
            amount: Uint128::new(300),
            due: s.now().plus_seconds(10 * DAY),
        },
        Milestone {
            amount: Uint128::new(700),
            due: s.now().plus_seconds(30 * DAY),
        },
    ]
}

#[test]
fn service_milestones_are_released_in_proportion_of_what_is_held() {
    let mut s = Suite::new(true);
    let ms = milestones(&s);
    let id = s.active(DealKindMsg::Service { milestones: ms });
    s.decay(100_000);
    s.confirm("buyer", id).unwrap();
    assert_eq!(s.paid_to("seller"), 270, "30% of the buyer's decayed 900");
    let deal = s.deal(id);
    assert_eq!(deal.status, StatusKey::Active);
    assert_eq!(deal.deal.milestone, 1);
    assert_eq!(deal.next_deadline, Some(s.now().plus_seconds(33 * DAY)));
    // The second is claimed, the buyer stays silent.
    s.confirm("seller", id).unwrap();
    s.wait(33 * DAY + 1);
    s.exec("anyone", ExecuteMsg::Advance { deal_id: id }, &[])
        .unwrap();
    assert_eq!(s.paid_to("seller"), 270 + 630 + 180);
    assert_eq!(s.paid_to("arb"), 90);
    assert_eq!(s.balance, 0);
    s.assert_emptied(id);
}

#[test]
fn a_missed_milestone_returns_the_rest_and_the_bond_to_the_buyer() {
    let mut s = Suite::new(true);
    let ms = milestones(&s);
    let id = s.active(DealKindMsg::Service { milestones: ms });
    s.wait(13 * DAY + 1);
    s.exec("anyone", ExecuteMsg::Advance { deal_id: id }, &[])
        .unwrap();
    assert_eq!(s.paid_to("buyer"), 1200);
    s.assert_emptied(id);
}

#[test]
fn milestones_must_add_up_and_end_at_due() {
    let mut s = Suite::new(true);
    let ms = milestones(&s);
    let terms = s.terms(DealKindMsg::Service {
        milestones: ms.clone(),
    });
    assert!(matches!(
        s.send("buyer", 999, ReceiveMsg::Propose(terms)),
        Err(ContractError::InvalidTerms(_))
    ));
    let mut terms = s.terms(DealKindMsg::Service { milestones: ms });
    terms.due = Timestamp::from_seconds(terms.due.seconds() + 1);
    assert!(matches!(
        s.send("buyer", 1000, ReceiveMsg::Propose(terms)),
        Err(ContractError::InvalidTerms(_))
    ));
}

#[test]
fn an_accepted_insurance_claim_pays_the_cover_to_the_insured() {
    let mut s = Suite::new(true);
    let id = s.active(DealKindMsg::Insurance {});
    assert_eq!(
        s.confirm("seller", id),
        Err(ContractError::NothingToConfirm)
    );
    s.confirm("buyer", id).unwrap();
    s.confirm("seller", id).unwrap();
    assert_eq!(s.paid_to("buyer"), 200, "the cover");
    assert_eq!(s.paid_to("seller"), 1000, "the premium");
    s.assert_emptied(id);
}

#[test]
fn an_unanswered_claim_pays_and_no_claim_leaves_everything_to_the_insurer() {
    let mut s = Suite::new(true);
    let claimed = s.active(DealKindMsg::Insurance {});
    let quiet = s.active(DealKindMsg::Insurance {});
    s.confirm("buyer", claimed).unwrap();
    s.wait(30 * DAY + 1);
    assert!(matches!(
        s.confirm("buyer", quiet),
        Err(ContractError::DeadlinePassed { .. })
    ));
    s.wait(3 * DAY);
    s.exec("anyone", ExecuteMsg::Advance { deal_id: claimed }, &[])
        .unwrap();
    s.exec("anyone", ExecuteMsg::Advance { deal_id: quiet }, &[])
        .unwrap();
    assert_eq!(s.paid_to("buyer"), 200);
    assert_eq!(s.paid_to("seller"), 1000 + 1200);
    assert_eq!(s.balance, 0);
}

#[test]
fn a_pool_pays_everything_pro_rata_at_due() {
    let mut s = Suite::new(true);
    let mut terms = s.terms(DealKindMsg::Pool {
        members: vec![PoolMemberTerms {
            address: s.addr("carol").to_string(),
            stake: Uint128::new(100),
        }],
    });
    terms.counterparty_stake = Uint128::new(100);
    let id = s.propose(terms, 200);
    s.send("seller", 100, ReceiveMsg::Sign { deal_id: id })
        .unwrap();
    s.send("arb", 100, ReceiveMsg::PostCollateral { deal_id: id })
        .unwrap();
    assert_eq!(s.status(id), StatusKey::Proposed, "carol has not signed");
    assert!(matches!(
        s.send("carol", 100, ReceiveMsg::Contribute { deal_id: id }),
        Err(ContractError::WrongStatus { .. })
    ));
    s.send("carol", 100, ReceiveMsg::Sign { deal_id: id })
        .unwrap();
    assert_eq!(s.status(id), StatusKey::Active);
    // Someone's winnings go into the pool.
    s.send("stranger", 400, ReceiveMsg::Contribute { deal_id: id })
        .unwrap();
    assert_eq!(
        s.confirm("carol", id),
        Err(ContractError::Unauthorized("only the two parties confirm"))
    );
    s.wait(30 * DAY + 1);
    s.exec("anyone", ExecuteMsg::Advance { deal_id: id }, &[])
        .unwrap();
    assert_eq!(s.paid_to("buyer"), 400);
    assert_eq!(s.paid_to("seller"), 200);
    assert_eq!(s.paid_to("carol"), 200);
    assert_eq!(s.paid_to("arb"), 100);
    s.assert_emptied(id);
}

fn shipment(s: &mut Suite) -> u64 {
    let attestor = s.addr("relay").to_string();
    s.active(DealKindMsg::TradeShipment { attestor })
}

#[test]
fn the_relay_receipt_settles_a_shipment_to_the_seller() {
    let mut s = Suite::new(true);
    let id = shipment(&mut s);
    let before = s.snapshot(id);
    for who in ["stranger", "arb", "buyer", "seller"] {
        assert!(matches!(
            s.exec(who, ExecuteMsg::AttestDelivery { deal_id: id }, &[]),
            Err(ContractError::Unauthorized(_))
        ));
    }
    assert!(matches!(
        s.confirm("seller", id),
        Err(ContractError::NotForThisKind(_))
    ));
    assert_eq!(s.snapshot(id), before);
    s.exec("relay", ExecuteMsg::AttestDelivery { deal_id: id }, &[])
        .unwrap();
    assert_eq!(s.paid_to("seller"), 1200);
    assert!(matches!(
        s.exec("relay", ExecuteMsg::AttestDelivery { deal_id: id }, &[]),
        Err(ContractError::WrongStatus { .. })
    ));
}

#[test]
fn no_receipt_by_the_deadline_refunds_the_buyer() {
    let mut s = Suite::new(true);
    let id = shipment(&mut s);
    s.wait(33 * DAY + 1);
    assert!(matches!(
        s.exec("relay", ExecuteMsg::AttestDelivery { deal_id: id }, &[]),
        Err(ContractError::DeadlinePassed { .. })
    ));
    s.exec("anyone", ExecuteMsg::Advance { deal_id: id }, &[])
        .unwrap();
    assert_eq!(s.paid_to("buyer"), 1200);
    assert_eq!(s.paid_to("seller"), 0);
}

#[test]
fn attest_delivery_is_only_for_shipments() {
    let mut s = Suite::new(true);
    let id = s.active(DealKindMsg::Forward {});
    assert_eq!(
        s.exec("relay", ExecuteMsg::AttestDelivery { deal_id: id }, &[]),
        Err(ContractError::NotForThisKind("delivery receipts"))
    );
}

#[test]
fn a_party_cannot_be_its_own_shipments_attestor() {
    // The buyer as attestor would never attest (the seller defaults and loses its stake); the
    // seller as attestor would be paid without shipping.
    let mut s = Suite::new(true);
    for who in ["buyer", "seller", "arb"] {
        let attestor = s.addr(who).to_string();
        let terms = s.terms(DealKindMsg::TradeShipment { attestor });
        let before = s.vault();
        assert_eq!(
            s.send("buyer", 1000, ReceiveMsg::Propose(terms)),
            Err(ContractError::AttestorIsParty)
        );
        assert_eq!(s.vault(), before);
        assert_eq!(s.balance, 0);
    }
}
