//! Information sales: the seller delivers by revealing the preimage of the commitment the buyer
//! agreed to; the buyer may dispute until the grace ends; no reveal by `due` refunds the buyer.

use sha2::{Digest, Sha256};

use super::*;
use crate::msg::Ruling;
use crate::state::{DealKind, MAX_PREIMAGE};
use dac_common::text::TextError;

const SECRET: &str = "the olive grove's well is 40 m north of the old mill";

pub fn commitment(text: &str) -> String {
    format!("{:x}", Sha256::digest(text.as_bytes()))
}

fn sale() -> DealKindMsg {
    DealKindMsg::InformationSale {
        commitment: commitment(SECRET),
    }
}

fn confirm(
    s: &mut Suite,
    who: &str,
    id: u64,
    preimage: Option<&str>,
) -> Result<Response, ContractError> {
    let msg = ExecuteMsg::Confirm {
        deal_id: id,
        preimage: preimage.map(str::to_string),
    };
    s.exec(who, msg, &[])
}

fn revealed(s: &mut Suite, id: u64) -> Option<String> {
    match s.deal(id).deal.kind {
        DealKind::InformationSale { preimage, .. } => preimage,
        other => panic!("not an information sale: {other:?}"),
    }
}

fn advance(s: &mut Suite, id: u64) -> Result<Response, ContractError> {
    s.exec("stranger", ExecuteMsg::Advance { deal_id: id }, &[])
}

#[test]
fn a_revealed_preimage_is_kept_emitted_and_paid_for_once_the_grace_ends() {
    let mut s = Suite::new(false);
    let id = s.active(sale());
    assert_eq!(revealed(&mut s, id), None);
    let r = confirm(&mut s, "seller", id, Some(SECRET)).unwrap();
    assert!(r
        .attributes
        .iter()
        .any(|a| a.key == crate::attributes::PREIMAGE && a.value == SECRET));
    assert_eq!(revealed(&mut s, id).as_deref(), Some(SECRET));
    // The buyer's dispute window is open: nothing is paid before due + grace.
    s.wait(30 * DAY);
    assert!(matches!(
        advance(&mut s, id),
        Err(ContractError::NotDue { .. })
    ));
    s.wait(3 * DAY + 1);
    advance(&mut s, id).unwrap();
    assert_eq!(s.paid_to("seller"), 1200);
    assert_eq!(s.paid_to("buyer"), 0);
    assert_eq!(s.paid_to("arb"), 100);
    s.assert_emptied(id);
}

#[test]
fn the_buyer_may_release_the_payment_at_once_after_the_reveal() {
    let mut s = Suite::new(false);
    let id = s.active(sale());
    confirm(&mut s, "seller", id, Some(SECRET)).unwrap();
    confirm(&mut s, "buyer", id, None).unwrap();
    assert_eq!(s.paid_to("seller"), 1200);
    s.assert_emptied(id);
}

#[test]
fn no_reveal_by_due_refunds_the_buyer_and_a_late_one_is_refused() {
    let mut s = Suite::new(false);
    let id = s.active(sale());
    s.wait(30 * DAY + 1);
    assert!(matches!(
        confirm(&mut s, "seller", id, Some(SECRET)),
        Err(ContractError::DeadlinePassed { .. })
    ));
    s.wait(3 * DAY);
    advance(&mut s, id).unwrap();
    assert_eq!(s.paid_to("buyer"), 1200);
    assert_eq!(s.paid_to("seller"), 0);
    s.assert_emptied(id);
}

#[test]
fn a_wrong_missing_or_oversized_preimage_is_refused_and_changes_nothing() {
    let mut s = Suite::new(false);
    let id = s.active(sale());
    let before = s.snapshot(id);
    let too_long = "x".repeat(MAX_PREIMAGE + 1);
    for (preimage, expected) in [
        (Some("the well is south"), ContractError::WrongPreimage),
        (None, ContractError::WrongPreimage),
        (
            Some(too_long.as_str()),
            ContractError::Text(TextError::TooLong {
                field: "preimage",
                max: MAX_PREIMAGE,
            }),
        ),
    ] {
        assert_eq!(
            confirm(&mut s, "seller", id, preimage).unwrap_err(),
            expected
        );
        assert_eq!(s.snapshot(id), before);
    }
    // The commitment is of the exact bytes: case or spacing changed is another preimage.
    let upper = SECRET.to_uppercase();
    assert_eq!(
        confirm(&mut s, "seller", id, Some(&upper)).unwrap_err(),
        ContractError::WrongPreimage
    );
}

#[test]
fn a_reveal_can_be_neither_replayed_nor_changed() {
    let mut s = Suite::new(false);
    let id = s.active(sale());
    confirm(&mut s, "seller", id, Some(SECRET)).unwrap();
    let before = s.snapshot(id);
    assert_eq!(
        confirm(&mut s, "seller", id, Some(SECRET)).unwrap_err(),
        ContractError::AlreadyRevealed
    );
    assert_eq!(
        confirm(&mut s, "seller", id, Some("another text")).unwrap_err(),
        ContractError::AlreadyRevealed
    );
    assert_eq!(s.snapshot(id), before);
}

#[test]
fn only_the_seller_reveals_and_only_in_an_information_sale() {
    let mut s = Suite::new(false);
    let id = s.active(sale());
    let before = s.snapshot(id);
    for who in ["buyer", "arb", "stranger"] {
        assert!(matches!(
            confirm(&mut s, who, id, Some(SECRET)),
            Err(ContractError::Unauthorized(_))
        ));
    }
    assert_eq!(s.snapshot(id), before);
    // A forward's seller claims without a preimage, and with one is refused.
    let forward = s.active(DealKindMsg::Forward {});
    assert_eq!(
        confirm(&mut s, "seller", forward, Some(SECRET)).unwrap_err(),
        ContractError::WrongPreimage
    );
}

#[test]
fn the_buyer_may_dispute_the_revealed_information_and_the_arbitrator_rules() {
    let mut s = Suite::new(false);
    let id = s.active(sale());
    confirm(&mut s, "seller", id, Some(SECRET)).unwrap();
    s.wait(31 * DAY);
    let msg = ExecuteMsg::Dispute {
        deal_id: id,
        reason: "there is no mill".into(),
    };
    s.exec("buyer", msg, &[]).unwrap();
    let msg = ExecuteMsg::Rule {
        deal_id: id,
        ruling: Ruling::NotPerformed {},
    };
    s.exec("arb", msg, &[]).unwrap();
    assert_eq!(s.paid_to("buyer"), 1200);
    assert_eq!(s.paid_to("seller"), 0);
    s.assert_emptied(id);
    // The grace is the whole window: past due + grace, a dispute is refused.
    let mut s = Suite::new(false);
    let id = s.active(sale());
    confirm(&mut s, "seller", id, Some(SECRET)).unwrap();
    s.wait(33 * DAY + 1);
    let msg = ExecuteMsg::Dispute {
        deal_id: id,
        reason: "late".into(),
    };
    assert!(matches!(
        s.exec("buyer", msg, &[]),
        Err(ContractError::DeadlinePassed { .. })
    ));
}

#[test]
fn the_commitment_is_a_lowercase_sha256_in_hex() {
    let mut s = Suite::new(false);
    let good = commitment(SECRET);
    for bad in [
        good[1..].to_string(),
        format!("{good}0"),
        good.to_uppercase(),
        format!("{}g", &good[1..]),
        String::new(),
        commitment(""),
    ] {
        let terms = s.terms(DealKindMsg::InformationSale { commitment: bad });
        let result = s.send("buyer", 1000, ReceiveMsg::Propose(terms));
        assert!(
            matches!(result, Err(ContractError::InvalidTerms(_))),
            "{result:?}"
        );
    }
    let id = s.propose(s.terms(sale()), 1000);
    assert_eq!(
        s.deal(id).deal.kind,
        DealKind::InformationSale {
            commitment: good,
            preimage: None
        }
    );
}
