//! Proposal, signatures, withdrawal, expiry and the forward lifecycle.

use cosmwasm_std::{coin, coins, Uint128};

use super::*;
use crate::msg::{PoolMemberTerms, QueryMsg};
use crate::state::Outcome;

#[test]
fn proposal_mints_shares_for_the_stake_and_indexes_the_deal() {
    let mut s = Suite::new(true);
    let terms = s.terms(DealKindMsg::Forward {});
    let id = s.propose(terms, 1000);
    let deal = s.deal(id);
    assert_eq!(deal.status, StatusKey::Proposed);
    assert_eq!(deal.value_held, Uint128::new(1000));
    assert_eq!(deal.next_deadline, Some(s.now().plus_seconds(DAY)));
    assert_eq!(s.vault().total_shares, deal.deal.parties[0].units);
    for who in ["buyer", "seller", "arb"] {
        let address = s.addr(who).to_string();
        let ids = s.deals(QueryMsg::DealsByParty {
            address,
            start_after: None,
            limit: None,
        });
        assert_eq!(ids, vec![id], "{who} sees the deal");
    }
    let proposed = s.deals(QueryMsg::DealsByStatus {
        status: StatusKey::Proposed,
        start_after: None,
        limit: None,
    });
    assert_eq!(proposed, vec![id]);
}

#[test]
fn arbitrator_equal_to_a_party_is_refused() {
    let mut s = Suite::new(true);
    let mut terms = s.terms(DealKindMsg::Forward {});
    terms.arbitrator = s.addr("seller").to_string();
    assert_eq!(
        s.send("buyer", 1000, ReceiveMsg::Propose(terms.clone())),
        Err(ContractError::ArbitratorIsParty)
    );
    terms.arbitrator = s.addr("buyer").to_string();
    assert_eq!(
        s.send("buyer", 1000, ReceiveMsg::Propose(terms.clone())),
        Err(ContractError::ArbitratorIsParty)
    );
    terms.arbitrator = s.addr("carol").to_string();
    terms.kind = DealKindMsg::Pool {
        members: vec![PoolMemberTerms {
            address: s.addr("carol").to_string(),
            stake: Uint128::new(5),
        }],
    };
    assert_eq!(
        s.send("buyer", 1000, ReceiveMsg::Propose(terms)),
        Err(ContractError::ArbitratorIsParty)
    );
    assert_eq!(s.balance, 0, "nothing was kept");
    assert!(s.vault().total_shares.is_zero());
}

#[test]
fn proposal_refuses_self_dealing_and_bad_deadlines() {
    let mut s = Suite::new(true);
    let mut terms = s.terms(DealKindMsg::Forward {});
    terms.counterparty = s.addr("buyer").to_string();
    assert_eq!(
        s.send("buyer", 1000, ReceiveMsg::Propose(terms)),
        Err(ContractError::DuplicateParty)
    );
    let mut terms = s.terms(DealKindMsg::Forward {});
    terms.sign_by = s.now();
    assert!(matches!(
        s.send("buyer", 1000, ReceiveMsg::Propose(terms)),
        Err(ContractError::InvalidTerms(_))
    ));
    let mut terms = s.terms(DealKindMsg::Forward {});
    terms.due = terms.sign_by;
    assert!(matches!(
        s.send("buyer", 1000, ReceiveMsg::Propose(terms)),
        Err(ContractError::InvalidTerms(_))
    ));
    let mut terms = s.terms(DealKindMsg::Forward {});
    terms.arbitrator_collateral = Uint128::zero();
    assert!(matches!(
        s.send("buyer", 1000, ReceiveMsg::Propose(terms)),
        Err(ContractError::InvalidTerms(_))
    ));
    let mut terms = s.terms(DealKindMsg::Forward {});
    terms.description = "x".repeat(crate::state::MAX_DESCRIPTION + 1);
    assert_eq!(
        s.send("buyer", 1000, ReceiveMsg::Propose(terms)),
        Err(ContractError::Text(dac_common::text::TextError::TooLong {
            field: "description",
            max: crate::state::MAX_DESCRIPTION
        }))
    );
    let mut terms = s.terms(DealKindMsg::Forward {});
    terms.ruling_seconds = 0;
    assert!(matches!(
        s.send("buyer", 1000, ReceiveMsg::Propose(terms)),
        Err(ContractError::InvalidTerms(_))
    ));
}

#[test]
fn only_the_configured_token_is_accepted() {
    let mut s = Suite::new(true);
    let terms = s.terms(DealKindMsg::Forward {});
    let other = s.addr("other-token");
    let before = s.vault();
    assert!(matches!(
        s.send_via(&other, "buyer", 1000, ReceiveMsg::Propose(terms)),
        Err(ContractError::UnknownToken { .. })
    ));
    assert_eq!(s.vault(), before);
    let ids = s.deals(QueryMsg::ListDeals {
        start_after: None,
        limit: None,
    });
    assert!(ids.is_empty());
}

#[test]
fn native_proposal_needs_exactly_one_coin() {
    let mut s = Suite::new(true);
    let terms = s.terms(DealKindMsg::Forward {});
    assert!(matches!(
        s.exec("buyer", ExecuteMsg::Propose(terms.clone()), &[]),
        Err(ContractError::Payment(_))
    ));
    assert!(matches!(
        s.exec(
            "buyer",
            ExecuteMsg::Propose(terms.clone()),
            &[coin(5, "uatom"), coin(5, "ujuno")]
        ),
        Err(ContractError::Payment(_))
    ));
    s.exec("buyer", ExecuteMsg::Propose(terms), &coins(1000, "uatom"))
        .unwrap();
}

#[test]
fn wrong_signer_is_refused_and_changes_nothing() {
    let mut s = Suite::new(true);
    let terms = s.terms(DealKindMsg::Forward {});
    let id = s.propose(terms, 1000);
    let before = s.snapshot(id);
    for who in ["stranger", "arb", "buyer"] {
        assert!(matches!(
            s.send(who, 200, ReceiveMsg::Sign { deal_id: id }),
            Err(ContractError::Unauthorized(_))
        ));
    }
    for who in ["stranger", "seller", "buyer"] {
        assert!(matches!(
            s.send(who, 100, ReceiveMsg::PostCollateral { deal_id: id }),
            Err(ContractError::Unauthorized(_))
        ));
    }
    assert_eq!(s.snapshot(id), before);
}

#[test]
fn signatures_need_the_exact_stake_in_the_deal_asset() {
    let mut s = Suite::new(true);
    let terms = s.terms(DealKindMsg::Forward {});
    let id = s.propose(terms, 1000);
    assert!(matches!(
        s.send("seller", 199, ReceiveMsg::Sign { deal_id: id }),
        Err(ContractError::WrongAmount { .. })
    ));
    assert!(matches!(
        s.exec(
            "seller",
            ExecuteMsg::Sign { deal_id: id },
            &coins(200, "uatom")
        ),
        Err(ContractError::WrongAsset { .. })
    ));
    assert!(matches!(
        s.exec("seller", ExecuteMsg::Sign { deal_id: id }, &[]),
        Err(ContractError::WrongAmount { .. })
    ));
}

#[test]
fn deal_is_active_only_with_all_three_signatures() {
    let mut s = Suite::new(true);
    let terms = s.terms(DealKindMsg::Forward {});
    let id = s.propose(terms, 1000);
    s.send("seller", 200, ReceiveMsg::Sign { deal_id: id })
        .unwrap();
    assert_eq!(s.status(id), StatusKey::Proposed);
    assert_eq!(
        s.send("seller", 200, ReceiveMsg::Sign { deal_id: id }),
        Err(ContractError::AlreadySigned)
    );
    // Not active yet: nothing to confirm.
    assert!(matches!(
        s.confirm("buyer", id),
        Err(ContractError::WrongStatus { .. })
    ));
    s.send("arb", 100, ReceiveMsg::PostCollateral { deal_id: id })
        .unwrap();
    assert_eq!(s.status(id), StatusKey::Active);
    assert_eq!(s.record("arb").deals, 1);
    assert_eq!(s.deal(id).value_held, Uint128::new(1300));
}

#[test]
fn signing_after_the_deadline_is_refused() {
    let mut s = Suite::new(true);
    let terms = s.terms(DealKindMsg::Forward {});
    let id = s.propose(terms, 1000);
    s.wait(DAY + 1);
    assert!(matches!(
        s.send("seller", 200, ReceiveMsg::Sign { deal_id: id }),
        Err(ContractError::DeadlinePassed { .. })
    ));
    assert!(matches!(
        s.send("arb", 100, ReceiveMsg::PostCollateral { deal_id: id }),
        Err(ContractError::DeadlinePassed { .. })
    ));
}

#[test]
fn only_the_proposer_withdraws_and_everyone_gets_what_is_held() {
    let mut s = Suite::new(true);
    let terms = s.terms(DealKindMsg::Forward {});
    let id = s.propose(terms, 1000);
    s.send("seller", 200, ReceiveMsg::Sign { deal_id: id })
        .unwrap();
    let before = s.snapshot(id);
    for who in ["seller", "arb", "stranger"] {
        assert!(matches!(
            s.exec(who, ExecuteMsg::Withdraw { deal_id: id }, &[]),
            Err(ContractError::Unauthorized(_))
        ));
    }
    assert_eq!(s.snapshot(id), before);
    // 1% decays while held: each side gets its share of what is left, all of it.
    s.decay(10_000);
    s.exec("buyer", ExecuteMsg::Withdraw { deal_id: id }, &[])
        .unwrap();
    assert_eq!(s.paid_to("buyer") + s.paid_to("seller"), 1188);
    assert!(s.paid_to("buyer") >= 989 && s.paid_to("seller") >= 197);
    assert_eq!(s.balance, 0);
    s.assert_emptied(id);
    assert!(matches!(
        s.exec("buyer", ExecuteMsg::Withdraw { deal_id: id }, &[]),
        Err(ContractError::WrongStatus { .. })
    ));
}

#[test]
fn an_unsigned_deal_expires_with_a_full_refund_and_not_before() {
    let mut s = Suite::new(true);
    let terms = s.terms(DealKindMsg::Forward {});
    let id = s.propose(terms, 1000);
    s.send("arb", 100, ReceiveMsg::PostCollateral { deal_id: id })
        .unwrap();
    let before = s.snapshot(id);
    assert!(matches!(
        s.exec("anyone", ExecuteMsg::Advance { deal_id: id }, &[]),
        Err(ContractError::NotDue { .. })
    ));
    assert_eq!(s.snapshot(id), before);
    s.wait(DAY + 1);
    s.exec("anyone", ExecuteMsg::Advance { deal_id: id }, &[])
        .unwrap();
    assert_eq!(s.paid_to("buyer"), 1000);
    assert_eq!(s.paid_to("arb"), 100);
    s.assert_emptied(id);
    assert_eq!(
        s.deal(id).deal.status,
        crate::state::Status::Closed {
            outcome: Outcome::Expired {}
        }
    );
    assert!(matches!(
        s.exec("anyone", ExecuteMsg::Advance { deal_id: id }, &[]),
        Err(ContractError::WrongStatus { .. })
    ));
}

#[test]
fn buyer_confirmation_settles_a_forward_once() {
    let mut s = Suite::new(true);
    let id = s.active(DealKindMsg::Forward {});
    let before = s.snapshot(id);
    assert!(matches!(
        s.confirm("stranger", id),
        Err(ContractError::Unauthorized(_))
    ));
    assert!(matches!(
        s.confirm("arb", id),
        Err(ContractError::Unauthorized(_))
    ));
    assert_eq!(s.snapshot(id), before);
    s.confirm("buyer", id).unwrap();
    assert_eq!(s.paid_to("seller"), 1200);
    assert_eq!(s.paid_to("arb"), 100);
    s.assert_emptied(id);
    // Double settle: every way in is closed.
    let after = s.snapshot(id);
    assert!(matches!(
        s.confirm("buyer", id),
        Err(ContractError::WrongStatus { .. })
    ));
    s.wait(60 * DAY);
    assert!(matches!(
        s.exec("anyone", ExecuteMsg::Advance { deal_id: id }, &[]),
        Err(ContractError::WrongStatus { .. })
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
    assert_eq!(s.deal(id).deal.paid_out, after.0.deal.paid_out);
}

#[test]
fn a_claimed_delivery_the_buyer_lets_pass_pays_the_seller() {
    let mut s = Suite::new(true);
    let id = s.active(DealKindMsg::Forward {});
    s.confirm("seller", id).unwrap();
    assert_eq!(s.status(id), StatusKey::Active);
    s.wait(30 * DAY);
    assert!(matches!(
        s.exec("anyone", ExecuteMsg::Advance { deal_id: id }, &[]),
        Err(ContractError::NotDue { .. })
    ));
    s.wait(3 * DAY + 1);
    s.decay(20_000);
    s.exec("anyone", ExecuteMsg::Advance { deal_id: id }, &[])
        .unwrap();
    assert_eq!(s.paid_to("seller") + s.paid_to("arb"), 1300 - 26);
    assert_eq!(s.balance, 0);
    s.assert_emptied(id);
}

#[test]
fn a_late_claim_is_refused_and_no_delivery_is_a_seller_default() {
    let mut s = Suite::new(true);
    let id = s.active(DealKindMsg::Forward {});
    s.wait(30 * DAY + 1);
    assert!(matches!(
        s.confirm("seller", id),
        Err(ContractError::DeadlinePassed { .. })
    ));
    s.wait(3 * DAY);
    s.exec("anyone", ExecuteMsg::Advance { deal_id: id }, &[])
        .unwrap();
    assert_eq!(s.paid_to("buyer"), 1200, "price back and the seller's bond");
    assert_eq!(s.paid_to("arb"), 100);
    assert_eq!(
        s.deal(id).deal.status,
        crate::state::Status::Closed {
            outcome: Outcome::Defaulted {
                by: s.addr("seller")
            }
        }
    );
}

#[test]
fn funds_on_a_message_that_takes_none_are_refused() {
    let mut s = Suite::new(true);
    let id = s.active(DealKindMsg::Forward {});
    assert!(matches!(
        s.exec(
            "buyer",
            ExecuteMsg::Confirm {
                deal_id: id,
                preimage: None
            },
            &coins(5, "uatom")
        ),
        Err(ContractError::Payment(_))
    ));
}

#[test]
fn native_deals_hold_plain_amounts() {
    let mut s = Suite::new(true);
    let terms = s.terms(DealKindMsg::Forward {});
    let r = s
        .exec("buyer", ExecuteMsg::Propose(terms), &coins(1000, "uatom"))
        .unwrap();
    let id = deal_id_of(&r);
    s.exec(
        "seller",
        ExecuteMsg::Sign { deal_id: id },
        &coins(200, "uatom"),
    )
    .unwrap();
    assert!(matches!(
        s.send("arb", 100, ReceiveMsg::PostCollateral { deal_id: id }),
        Err(ContractError::WrongAsset { .. })
    ));
    s.exec(
        "arb",
        ExecuteMsg::PostCollateral { deal_id: id },
        &coins(100, "uatom"),
    )
    .unwrap();
    s.confirm("buyer", id).unwrap();
    assert_eq!(s.paid_in("seller", "uatom"), 1200);
    assert_eq!(s.paid_in("arb", "uatom"), 100);
    s.assert_emptied(id);
}

#[test]
fn list_queries_paginate() {
    let mut s = Suite::new(true);
    let ids: Vec<u64> = (0..4)
        .map(|_| {
            let terms = s.terms(DealKindMsg::Forward {});
            s.propose(terms, 10)
        })
        .collect();
    s.exec("buyer", ExecuteMsg::Withdraw { deal_id: ids[1] }, &[])
        .unwrap();
    let page = s.deals(QueryMsg::ListDeals {
        start_after: Some(ids[0]),
        limit: Some(2),
    });
    assert_eq!(page, vec![ids[1], ids[2]]);
    let proposed = s.deals(QueryMsg::DealsByStatus {
        status: StatusKey::Proposed,
        start_after: Some(ids[0]),
        limit: None,
    });
    assert_eq!(proposed, vec![ids[2], ids[3]]);
    let closed = s.deals(QueryMsg::DealsByStatus {
        status: StatusKey::Closed,
        start_after: None,
        limit: None,
    });
    assert_eq!(closed, vec![ids[1]]);
    let address = s.addr("arb").to_string();
    let by_party = s.deals(QueryMsg::DealsByParty {
        address,
        start_after: Some(ids[2]),
        limit: Some(1),
    });
    assert_eq!(by_party, vec![ids[3]]);
}
