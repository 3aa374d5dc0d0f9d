//! The authority matrix of SECURITY.md ("Three-signature escrow"), one row per execute message
//! (cw20 `Receive` hooks included): each row's message is sent by every sender class on a fresh
//! escrow holding a deal in the state the message needs. Exactly the allowed classes get past
//! authority; every other class gets a typed unauthorized error and changes nothing at all
//! (every storage entry, the escrow's balance and every payout compared before and after).

use cosmwasm_std::{coins, Order, Storage, Uint128};
use dac_common::admin::AdminError;

use super::*;
use crate::msg::{PoolMemberTerms, Ruling};

/// Every sender class. "buyer" proposes, "seller" is the counterparty, "carol" a pool member,
/// "relay" a trade shipment's attestor.
const CLASSES: [&str; 8] = [
    "admin", "council", "buyer", "seller", "arb", "carol", "relay", "stranger",
];
const ANYONE: &[&str] = &CLASSES;
const NATIVE: &str = "ucoin";

type Send = fn(&mut Suite, &str, u64) -> Result<Response, ContractError>;

struct Row {
    message: &'static str,
    /// Puts the escrow in the state the message needs; returns the deal id (0: none).
    setup: fn(&mut Suite) -> u64,
    allowed: &'static [&'static str],
    send: Send,
}

/// Everything stored, what the escrow holds and everything it paid.
type Fingerprint = (
    Vec<(Vec<u8>, Vec<u8>)>,
    u128,
    Vec<((cosmwasm_std::Addr, String), u128)>,
);

pub fn fingerprint(s: &Suite) -> Fingerprint {
    let storage: Vec<_> = s.deps.storage.range(None, None, Order::Ascending).collect();
    let paid = s.paid.iter().map(|(k, v)| (k.clone(), *v)).collect();
    (storage, s.balance, paid)
}

fn is_authority_error(error: &ContractError) -> bool {
    matches!(
        error,
        ContractError::Unauthorized(_)
            | ContractError::UnknownToken { .. }
            | ContractError::Admin(AdminError::NotAdmin | AdminError::NotPendingAdmin)
    )
}

pub fn none(_: &mut Suite) -> u64 {
    0
}

pub fn pool() -> DealKindMsg {
    DealKindMsg::Pool {
        members: vec![PoolMemberTerms {
            address: String::new(),
            stake: Uint128::new(200),
        }],
    }
}

/// Proposes a deal of `kind` (the buyer stakes 1000), in the token or in a native coin.
pub fn proposed(s: &mut Suite, mut kind: DealKindMsg, native: bool) -> u64 {
    if let DealKindMsg::Pool { members } = &mut kind {
        members[0].address = s.addr("carol").to_string();
    }
    if let DealKindMsg::TradeShipment { attestor } = &mut kind {
        *attestor = s.addr("relay").to_string();
    }
    let terms = s.terms(kind);
    if native {
        let r = s
            .exec("buyer", ExecuteMsg::Propose(terms), &coins(1000, NATIVE))
            .unwrap();
        deal_id_of(&r)
    } else {
        s.propose(terms, 1000)
    }
}

/// Proposes and has every other party sign with its stake.
pub fn active(s: &mut Suite, kind: DealKindMsg, native: bool) -> u64 {
    let is_pool = matches!(kind, DealKindMsg::Pool { .. });
    let id = proposed(s, kind, native);
    let mut signers = vec![("seller", 200), ("arb", 100)];
    if is_pool {
        signers.push(("carol", 200));
    }
    for (who, amount) in signers {
        let hook = if who == "arb" {
            ReceiveMsg::PostCollateral { deal_id: id }
        } else {
            ReceiveMsg::Sign { deal_id: id }
        };
        if native {
            let msg = match hook {
                ReceiveMsg::PostCollateral { deal_id } => ExecuteMsg::PostCollateral { deal_id },
                _ => ExecuteMsg::Sign { deal_id: id },
            };
            s.exec(who, msg, &coins(amount, NATIVE)).unwrap();
        } else {
            s.send(who, amount, hook).unwrap();
        }
    }
    assert_eq!(s.status(id), StatusKey::Active);
    id
}

pub fn disputed(s: &mut Suite) -> u64 {
    let id = active(s, DealKindMsg::Forward {}, false);
    let msg = ExecuteMsg::Dispute {
        deal_id: id,
        reason: "late".into(),
    };
    s.exec("buyer", msg, &[]).unwrap();
    id
}

pub fn ruled(s: &mut Suite) -> u64 {
    let id = disputed(s);
    let msg = ExecuteMsg::Rule {
        deal_id: id,
        ruling: Ruling::Performed {},
    };
    s.exec("arb", msg, &[]).unwrap();
    id
}

pub fn appealed(s: &mut Suite) -> u64 {
    let id = ruled(s);
    s.exec("buyer", ExecuteMsg::Appeal { deal_id: id }, &[])
        .unwrap();
    id
}

fn plain(s: &mut Suite, who: &str, msg: ExecuteMsg) -> Result<Response, ContractError> {
    s.exec(who, msg, &[])
}

fn rows() -> Vec<Row> {
    vec![
        Row {
            message: "receive: propose",
            setup: none,
            allowed: ANYONE,
            send: |s, who, _| {
                let terms = s.terms(DealKindMsg::Forward {});
                s.send(who, 1000, ReceiveMsg::Propose(terms))
            },
        },
        Row {
            message: "receive: sign",
            setup: |s| proposed(s, pool(), false),
            allowed: &["seller", "carol"],
            send: |s, who, id| s.send(who, 200, ReceiveMsg::Sign { deal_id: id }),
        },
        Row {
            message: "receive: post_collateral",
            setup: |s| proposed(s, DealKindMsg::Forward {}, false),
            allowed: &["arb"],
            send: |s, who, id| s.send(who, 100, ReceiveMsg::PostCollateral { deal_id: id }),
        },
        Row {
            message: "receive: repay",
            setup: |s| {
                active(
                    s,
                    DealKindMsg::Loan {
                        interest: Uint128::zero(),
                    },
                    false,
                )
            },
            allowed: &["seller"],
            send: |s, who, id| s.send(who, 1000, ReceiveMsg::Repay { deal_id: id }),
        },
        Row {
            message: "receive: contribute",
            setup: |s| active(s, pool(), false),
            allowed: ANYONE,
            send: |s, who, id| s.send(who, 50, ReceiveMsg::Contribute { deal_id: id }),
        },
        Row {
            message: "receive from a cw20 other than the token",
            setup: |s| proposed(s, DealKindMsg::Forward {}, false),
            allowed: &[],
            send: |s, who, id| {
                let other = s.addr("other-token");
                s.send_via(&other, who, 200, ReceiveMsg::Sign { deal_id: id })
            },
        },
        Row {
            message: "propose",
            setup: none,
            allowed: ANYONE,
            send: |s, who, _| {
                let terms = s.terms(DealKindMsg::Forward {});
                s.exec(who, ExecuteMsg::Propose(terms), &coins(1000, NATIVE))
            },
        },
        Row {
            message: "sign",
            setup: |s| proposed(s, pool(), true),
            allowed: &["seller", "carol"],
            send: |s, who, id| s.exec(who, ExecuteMsg::Sign { deal_id: id }, &coins(200, NATIVE)),
        },
        Row {
            message: "post_collateral",
            setup: |s| proposed(s, DealKindMsg::Forward {}, true),
            allowed: &["arb"],
            send: |s, who, id| {
                let msg = ExecuteMsg::PostCollateral { deal_id: id };
                s.exec(who, msg, &coins(100, NATIVE))
            },
        },
        Row {
            message: "repay",
            setup: |s| {
                active(
                    s,
                    DealKindMsg::Loan {
                        interest: Uint128::zero(),
                    },
                    true,
                )
            },
            allowed: &["seller"],
            send: |s, who, id| s.exec(who, ExecuteMsg::Repay { deal_id: id }, &coins(1000, NATIVE)),
        },
        Row {
            message: "contribute",
            setup: |s| active(s, pool(), true),
            allowed: ANYONE,
            send: |s, who, id| {
                s.exec(
                    who,
                    ExecuteMsg::Contribute { deal_id: id },
                    &coins(50, NATIVE),
                )
            },
        },
        Row {
            message: "withdraw",
            setup: |s| proposed(s, DealKindMsg::Forward {}, false),
            allowed: &["buyer"],
            send: |s, who, id| plain(s, who, ExecuteMsg::Withdraw { deal_id: id }),
        },
        Row {
            message: "confirm",
            setup: |s| active(s, DealKindMsg::Forward {}, false),
            allowed: &["buyer", "seller"],
            send: |s, who, id| {
                plain(
                    s,
                    who,
                    ExecuteMsg::Confirm {
                        deal_id: id,
                        preimage: None,
                    },
                )
            },
        },
        Row {
            message: "confirm: reveal",
            setup: |s| {
                let kind = DealKindMsg::InformationSale {
                    commitment: super::information::commitment("it"),
                };
                active(s, kind, false)
            },
            allowed: &["seller"],
            send: |s, who, id| {
                let msg = ExecuteMsg::Confirm {
                    deal_id: id,
                    preimage: Some("it".into()),
                };
                plain(s, who, msg)
            },
        },
        Row {
            message: "dispute",
            setup: |s| active(s, DealKindMsg::Forward {}, false),
            allowed: &["buyer", "seller"],
            send: |s, who, id| {
                let msg = ExecuteMsg::Dispute {
                    deal_id: id,
                    reason: "no".into(),
                };
                plain(s, who, msg)
            },
        },
        Row {
            message: "rule",
            setup: disputed,
            allowed: &["arb"],
            send: |s, who, id| {
                let msg = ExecuteMsg::Rule {
                    deal_id: id,
                    ruling: Ruling::NotPerformed {},
                };
                plain(s, who, msg)
            },
        },
        Row {
            message: "appeal",
            setup: ruled,
            allowed: &["buyer", "seller"],
            send: |s, who, id| plain(s, who, ExecuteMsg::Appeal { deal_id: id }),
        },
        Row {
            message: "panel_ruling",
            setup: appealed,
            allowed: &["council"],
            send: |s, who, id| {
                let msg = ExecuteMsg::PanelRuling {
                    deal_id: id,
                    ruling: Ruling::NotPerformed {},
                    panel_by: None,
                };
                plain(s, who, msg)
            },
        },
        Row {
            message: "attest_delivery",
            setup: |s| {
                let kind = DealKindMsg::TradeShipment {
                    attestor: String::new(),
                };
                active(s, kind, false)
            },
            allowed: &["relay"],
            send: |s, who, id| plain(s, who, ExecuteMsg::AttestDelivery { deal_id: id }),
        },
        Row {
            message: "advance",
            setup: |s| {
                let id = proposed(s, DealKindMsg::Forward {}, false);
                s.wait(2 * DAY);
                id
            },
            allowed: ANYONE,
            send: |s, who, id| plain(s, who, ExecuteMsg::Advance { deal_id: id }),
        },
        Row {
            message: "set_council",
            setup: none,
            allowed: &["admin"],
            send: |s, who, _| {
                let council = Some(s.addr("stranger").to_string());
                plain(s, who, ExecuteMsg::SetCouncil { council })
            },
        },
        Row {
            message: "set_panel_seconds",
            setup: none,
            allowed: &["admin"],
            send: |s, who, _| plain(s, who, ExecuteMsg::SetPanelSeconds { seconds: DAY }),
        },
        Row {
            message: "propose_admin",
            setup: none,
            allowed: &["admin"],
            send: |s, who, _| {
                let admin = Some(s.addr("stranger").to_string());
                plain(s, who, ExecuteMsg::ProposeAdmin { admin })
            },
        },
        Row {
            message: "accept_admin",
            setup: |s| {
                let admin = Some(s.addr("council").to_string());
                s.exec("admin", ExecuteMsg::ProposeAdmin { admin }, &[])
                    .unwrap();
                0
            },
            allowed: &["council"],
            send: |s, who, _| plain(s, who, ExecuteMsg::AcceptAdmin {}),
        },
    ]
}

#[test]
fn every_message_is_accepted_from_exactly_the_senders_of_the_matrix() {
    let rows = rows();
    // The 17 execute messages besides `receive`, its 5 hooks, a foreign cw20 and an information
    // sale's reveal (`confirm` with a preimage).
    assert_eq!(rows.len(), 24);
    for row in rows {
        let mut passed = vec![];
        for who in CLASSES {
            let mut s = Suite::new(true);
            let id = (row.setup)(&mut s);
            let before = fingerprint(&s);
            let result = (row.send)(&mut s, who, id);
            let allowed = row.allowed.contains(&who);
            match &result {
                Err(e) if is_authority_error(e) => {
                    assert!(!allowed, "{}: {who} is allowed but got {e}", row.message);
                    assert_eq!(
                        fingerprint(&s),
                        before,
                        "{}: refused {who} changed state",
                        row.message
                    );
                }
                _ => {
                    assert!(
                        allowed,
                        "{}: {who} got past authority: {result:?}",
                        row.message
                    );
                    if result.is_ok() {
                        passed.push(who);
                    }
                }
            }
        }
        // The fixture is right: at least one allowed sender actually succeeds.
        assert!(
            row.allowed.is_empty() || !passed.is_empty(),
            "{}: no allowed sender succeeded",
            row.message
        );
    }
}

/// Every execute message and every cw20 hook has its row (a new message without one fails).
#[test]
fn the_matrix_has_a_row_per_message_and_hook() {
    use crate::msg::ReceiveMsg;
    use dac_common::schema::message_names;
    let mut rows: Vec<String> = rows()
        .iter()
        .map(|r| r.message.to_string())
        .filter(|m| m != "receive from a cw20 other than the token" && m != "confirm: reveal")
        .collect();
    rows.sort();
    let mut expected: Vec<String> = message_names::<ExecuteMsg>()
        .into_iter()
        .filter(|m| m != "receive")
        .chain(
            message_names::<ReceiveMsg>()
                .into_iter()
                .map(|m| format!("receive: {m}")),
        )
        .collect();
    expected.sort();
    assert_eq!(rows, expected);
}
