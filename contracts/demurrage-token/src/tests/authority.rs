//! The authority matrix of SECURITY.md ("Demurrage token"), one row per execute message: each
//! message is sent by every sender class on a fresh token; exactly the row's classes get past
//! its authority check, every other class gets the row's typed refusal and writes nothing.

use cosmwasm_std::{Binary, Uint128};
use cw20::Logo;

use super::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// The token's admin (the council once deployed).
    Admin,
    /// Whoever the admin named to change basic-income members (the council).
    MembershipAuthority,
    /// A holder with a balance (alice).
    Holder,
    /// Holds an allowance over the holder's balance.
    Spender,
    /// A basic-income member with income to claim (carol, no balance).
    Member,
    /// The cw20 marketing address.
    Marketer,
    /// Named by the admin's `propose_admin`, not yet accepted.
    PendingAdmin,
    /// Anyone else.
    Stranger,
}

use Class::*;

const CLASSES: [Class; 8] = [
    Admin,
    MembershipAuthority,
    Holder,
    Spender,
    Member,
    Marketer,
    PendingAdmin,
    Stranger,
];

struct Fixture {
    t: Token,
}

impl Fixture {
    fn new() -> Self {
        let api = MockApi::default();
        let mut t = Token::with(|m| {
            m.marketing = Some(crate::msg::InstantiateMarketingInfo {
                project: None,
                description: None,
                marketing: Some(api.addr_make("marketer").into()),
                logo: None,
            });
            m.membership_authority = Some(api.addr_make("authority").into());
            m.initial_members = vec![api.addr_make("carol").into()];
        });
        let (alice, admin) = (t.alice.clone(), t.admin.clone());
        let spender = t.addr("spender");
        t.exec(
            &alice,
            ExecuteMsg::IncreaseAllowance {
                spender: spender.to_string(),
                amount: Uint128::new(1_000),
                expires: None,
            },
        )
        .unwrap();
        let heir = t.addr("heir");
        t.exec(
            &admin,
            ExecuteMsg::ProposeAdmin {
                admin: Some(heir.to_string()),
            },
        )
        .unwrap();
        // Ten days of decay and income, so a stray commons update would show up.
        t.advance(10 * DAY);
        Fixture { t }
    }

    fn sender(&self, class: Class) -> Addr {
        let name = match class {
            Admin => "admin",
            MembershipAuthority => "authority",
            Holder => "alice",
            Spender => "spender",
            Member => "carol",
            Marketer => "marketer",
            PendingAdmin => "heir",
            Stranger => "mallory",
        };
        self.t.addr(name)
    }
}

struct Row {
    name: &'static str,
    msg: fn(&Token) -> ExecuteMsg,
    allowed: &'static [Class],
    /// The typed refusal every other class must get.
    refusal: fn(&ContractError) -> bool,
}

fn no_balance(e: &ContractError) -> bool {
    matches!(
        e,
        ContractError::InsufficientFunds { .. } | ContractError::ZeroAmount
    )
}

fn no_allowance(e: &ContractError) -> bool {
    matches!(
        e,
        ContractError::Cw20(cw20_base::ContractError::NoAllowance {})
            | ContractError::Std(StdError::NotFound { .. })
            | ContractError::Cw20(cw20_base::ContractError::Std(StdError::NotFound { .. }))
    )
}

fn not_marketer(e: &ContractError) -> bool {
    matches!(
        e,
        ContractError::Cw20(cw20_base::ContractError::Unauthorized {})
    )
}

fn not_admin(e: &ContractError) -> bool {
    matches!(e, ContractError::Admin(_))
}

fn never(_: &ContractError) -> bool {
    false
}

use cosmwasm_std::StdError;

const AMOUNT: Uint128 = Uint128::new(10);

fn rows() -> Vec<Row> {
    vec![
        Row {
            name: "transfer",
            msg: |t| ExecuteMsg::Transfer {
                recipient: t.bob.to_string(),
                amount: AMOUNT,
            },
            allowed: &[Holder],
            refusal: no_balance,
        },
        Row {
            name: "transfer_all",
            msg: |t| ExecuteMsg::TransferAll {
                recipient: t.bob.to_string(),
            },
            allowed: &[Holder],
            refusal: no_balance,
        },
        Row {
            name: "send",
            msg: |t| ExecuteMsg::Send {
                contract: t.bob.to_string(),
                amount: AMOUNT,
                msg: Binary::default(),
            },
            allowed: &[Holder],
            refusal: no_balance,
        },
        Row {
            name: "send_all",
            msg: |t| ExecuteMsg::SendAll {
                contract: t.bob.to_string(),
                msg: Binary::default(),
            },
            allowed: &[Holder],
            refusal: no_balance,
        },
        Row {
            name: "burn",
            msg: |_| ExecuteMsg::Burn { amount: AMOUNT },
            allowed: &[Holder],
            refusal: no_balance,
        },
        Row {
            name: "increase_allowance",
            msg: |t| ExecuteMsg::IncreaseAllowance {
                spender: t.addr("somebody").to_string(),
                amount: AMOUNT,
                expires: None,
            },
            allowed: &CLASSES,
            refusal: never,
        },
        Row {
            name: "decrease_allowance",
            msg: |t| ExecuteMsg::DecreaseAllowance {
                spender: t.addr("spender").to_string(),
                amount: AMOUNT,
                expires: None,
            },
            allowed: &[Holder],
            // The spender itself names its own account.
            refusal: |e| {
                no_allowance(e)
                    || matches!(
                        e,
                        ContractError::Cw20(cw20_base::ContractError::CannotSetOwnAccount {})
                    )
            },
        },
        Row {
            name: "transfer_from",
            msg: |t| ExecuteMsg::TransferFrom {
                owner: t.alice.to_string(),
                recipient: t.addr("mallory").to_string(),
                amount: AMOUNT,
            },
            allowed: &[Spender],
            refusal: no_allowance,
        },
        Row {
            name: "send_from",
            msg: |t| ExecuteMsg::SendFrom {
                owner: t.alice.to_string(),
                contract: t.addr("mallory").to_string(),
                amount: AMOUNT,
                msg: Binary::default(),
            },
            allowed: &[Spender],
            refusal: no_allowance,
        },
        Row {
            name: "burn_from",
            msg: |t| ExecuteMsg::BurnFrom {
                owner: t.alice.to_string(),
                amount: AMOUNT,
            },
            allowed: &[Spender],
            refusal: no_allowance,
        },
        Row {
            name: "update_marketing",
            msg: |_| ExecuteMsg::UpdateMarketing {
                project: Some("mine".into()),
                description: None,
                marketing: None,
            },
            allowed: &[Marketer],
            refusal: not_marketer,
        },
        Row {
            name: "upload_logo",
            msg: |_| ExecuteMsg::UploadLogo(Logo::Url("https://example.org/logo.png".into())),
            allowed: &[Marketer],
            refusal: not_marketer,
        },
        Row {
            name: "settle",
            msg: |t| ExecuteMsg::Settle {
                addresses: vec![t.alice.to_string()],
            },
            allowed: &CLASSES,
            refusal: never,
        },
        Row {
            name: "claim_income",
            msg: |_| ExecuteMsg::ClaimIncome {},
            allowed: &[Member],
            refusal: |e| matches!(e, ContractError::NotAMember { .. }),
        },
        Row {
            name: "update_members",
            msg: |t| ExecuteMsg::UpdateMembers {
                add: vec![t.addr("mallory").to_string()],
                remove: vec![t.carol.to_string()],
            },
            allowed: &[MembershipAuthority],
            refusal: |e| matches!(e, ContractError::NotMembershipAuthority),
        },
        Row {
            name: "update_demurrage",
            msg: |_| {
                ExecuteMsg::UpdateDemurrage(DemurrageParams {
                    rate: Decimal::zero(),
                    period_seconds: DAY,
                })
            },
            allowed: &[Admin],
            refusal: not_admin,
        },
        Row {
            name: "update_income_window",
            msg: |_| ExecuteMsg::UpdateIncomeWindow { periods: 1 },
            allowed: &[Admin],
            refusal: not_admin,
        },
        Row {
            name: "update_membership_authority",
            msg: |t| ExecuteMsg::UpdateMembershipAuthority {
                authority: t.addr("mallory").to_string(),
            },
            allowed: &[Admin],
            refusal: not_admin,
        },
        Row {
            name: "propose_admin",
            msg: |t| ExecuteMsg::ProposeAdmin {
                admin: Some(t.addr("mallory").to_string()),
            },
            allowed: &[Admin],
            refusal: not_admin,
        },
        Row {
            name: "accept_admin",
            msg: |_| ExecuteMsg::AcceptAdmin {},
            allowed: &[PendingAdmin],
            refusal: not_admin,
        },
    ]
}

#[test]
fn the_table_has_one_row_per_execute_message() {
    let mut names: Vec<String> = rows().iter().map(|r| r.name.to_string()).collect();
    names.sort();
    let all = dac_common::schema::message_names::<ExecuteMsg>();
    assert_eq!(names, all);
}

#[test]
fn every_message_admits_exactly_its_senders_and_a_refusal_writes_nothing() {
    for row in rows() {
        for class in CLASSES {
            let mut f = Fixture::new();
            let sender = f.sender(class);
            let msg = (row.msg)(&f.t);
            let before = f.t.storage_snapshot();
            let result = f.t.exec(&sender, msg);
            let allowed = row.allowed.contains(&class);
            match result {
                Ok(_) => assert!(allowed, "{} was accepted from {class:?}", row.name),
                Err(e) => {
                    assert!(!allowed, "{} refused {class:?}: {e}", row.name);
                    assert!(
                        (row.refusal)(&e),
                        "{} from {class:?}: unexpected refusal {e:?}",
                        row.name
                    );
                    assert_eq!(
                        f.t.storage_snapshot(),
                        before,
                        "{} from {class:?} wrote state",
                        row.name
                    );
                }
            }
            f.t.assert_conserved();
        }
    }
}

/// Allowance messages act on the sender's own account; the only refusal is naming oneself.
#[test]
fn allowances_over_oneself_are_refused_and_change_nothing() {
    let mut t = Token::new();
    let alice = t.alice.clone();
    let before = t.storage_snapshot();
    for msg in [
        ExecuteMsg::IncreaseAllowance {
            spender: alice.to_string(),
            amount: Uint128::new(5),
            expires: None,
        },
        ExecuteMsg::DecreaseAllowance {
            spender: alice.to_string(),
            amount: Uint128::new(5),
            expires: None,
        },
    ] {
        let err = t.exec(&alice, msg).unwrap_err();
        assert!(err.to_string().contains("own account"), "{err}");
    }
    assert_eq!(t.storage_snapshot(), before);
}

#[test]
fn settle_is_permissionless() {
    let mut t = Token::new();
    let (alice, mallory) = (t.alice.clone(), t.addr("mallory"));
    t.advance(DAY);
    t.exec(
        &mallory,
        ExecuteMsg::Settle {
            addresses: vec![alice.to_string()],
        },
    )
    .unwrap();
    t.assert_conserved();
}
