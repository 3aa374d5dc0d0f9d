//! Robustness: arbitrary bytes and hostile well-formed messages from random senders never
//! panic, every refusal leaves storage exactly as it was, and the supply laws hold throughout.

use cosmwasm_std::{Binary, Uint128};
use cw20::{Expiration, Logo};
use proptest::prelude::*;

use super::*;

/// Senders and addresses named in messages: the fixture's accounts, the admin, strangers, and
/// strings that are not valid addresses (wrong case, empty, garbage).
const NAMES: [&str; 7] = [
    "alice", "bob", "carol", "admin", "mallory", "spender", "token",
];

fn address(t: &Token, pick: usize) -> String {
    match pick {
        p if p < NAMES.len() => t.addr(NAMES[p]).to_string(),
        7 => t.alice.to_string().to_uppercase(),
        8 => String::new(),
        _ => "not an address".into(),
    }
}

#[derive(Debug, Clone)]
enum Hostile {
    Transfer(usize, u128),
    TransferAll(usize),
    Send(usize, u128, Vec<u8>),
    SendAll(usize, Vec<u8>),
    Burn(u128),
    IncreaseAllowance(usize, u128, Option<u64>),
    DecreaseAllowance(usize, u128),
    TransferFrom(usize, usize, u128),
    SendFrom(usize, usize, u128),
    BurnFrom(usize, u128),
    UpdateMarketing(Option<String>),
    UploadLogo(String),
    Settle(Vec<usize>),
    ClaimIncome,
    UpdateMembers(Vec<usize>, Vec<usize>),
    UpdateDemurrage(u128, u64),
    UpdateIncomeWindow(u64),
    UpdateMembershipAuthority(usize),
    ProposeAdmin(Option<usize>),
    AcceptAdmin,
}

fn amount() -> impl Strategy<Value = u128> {
    prop_oneof![
        Just(0u128),
        Just(1u128),
        0u128..2_000_000,
        Just(u64::MAX as u128),
        Just(u128::MAX),
    ]
}

fn seconds() -> impl Strategy<Value = u64> {
    prop_oneof![Just(0u64), Just(1u64), 0u64..400 * DAY, Just(u64::MAX)]
}

fn hostile() -> impl Strategy<Value = Hostile> {
    let who = 0usize..10;
    let bytes = proptest::collection::vec(any::<u8>(), 0..16);
    prop_oneof![
        (who.clone(), amount()).prop_map(|(a, n)| Hostile::Transfer(a, n)),
        who.clone().prop_map(Hostile::TransferAll),
        (who.clone(), amount(), bytes.clone()).prop_map(|(a, n, b)| Hostile::Send(a, n, b)),
        (who.clone(), bytes).prop_map(|(a, b)| Hostile::SendAll(a, b)),
        amount().prop_map(Hostile::Burn),
        (who.clone(), amount(), proptest::option::of(seconds()))
            .prop_map(|(a, n, e)| Hostile::IncreaseAllowance(a, n, e)),
        (who.clone(), amount()).prop_map(|(a, n)| Hostile::DecreaseAllowance(a, n)),
        (who.clone(), who.clone(), amount()).prop_map(|(a, b, n)| Hostile::TransferFrom(a, b, n)),
        (who.clone(), who.clone(), amount()).prop_map(|(a, b, n)| Hostile::SendFrom(a, b, n)),
        (who.clone(), amount()).prop_map(|(a, n)| Hostile::BurnFrom(a, n)),
        proptest::option::of("[a-z ]{0,300}").prop_map(Hostile::UpdateMarketing),
        "[ -~]{0,80}".prop_map(Hostile::UploadLogo),
        proptest::collection::vec(who.clone(), 0..40).prop_map(Hostile::Settle),
        Just(Hostile::ClaimIncome),
        (
            proptest::collection::vec(who.clone(), 0..6),
            proptest::collection::vec(who.clone(), 0..6)
        )
            .prop_map(|(a, r)| Hostile::UpdateMembers(a, r)),
        (any::<u128>(), seconds()).prop_map(|(r, p)| Hostile::UpdateDemurrage(r, p)),
        seconds().prop_map(Hostile::UpdateIncomeWindow),
        who.clone().prop_map(Hostile::UpdateMembershipAuthority),
        proptest::option::of(who).prop_map(Hostile::ProposeAdmin),
        Just(Hostile::AcceptAdmin),
    ]
}

fn build(t: &Token, h: &Hostile) -> ExecuteMsg {
    let a = |p: usize| address(t, p);
    let n = Uint128::new;
    match h.clone() {
        Hostile::Transfer(r, x) => ExecuteMsg::Transfer {
            recipient: a(r),
            amount: n(x),
        },
        Hostile::TransferAll(r) => ExecuteMsg::TransferAll { recipient: a(r) },
        Hostile::Send(c, x, b) => ExecuteMsg::Send {
            contract: a(c),
            amount: n(x),
            msg: Binary::from(b),
        },
        Hostile::SendAll(c, b) => ExecuteMsg::SendAll {
            contract: a(c),
            msg: Binary::from(b),
        },
        Hostile::Burn(x) => ExecuteMsg::Burn { amount: n(x) },
        Hostile::IncreaseAllowance(s, x, e) => ExecuteMsg::IncreaseAllowance {
            spender: a(s),
            amount: n(x),
            expires: e.map(Expiration::AtHeight),
        },
        Hostile::DecreaseAllowance(s, x) => ExecuteMsg::DecreaseAllowance {
            spender: a(s),
            amount: n(x),
            expires: None,
        },
        Hostile::TransferFrom(o, r, x) => ExecuteMsg::TransferFrom {
            owner: a(o),
            recipient: a(r),
            amount: n(x),
        },
        Hostile::SendFrom(o, c, x) => ExecuteMsg::SendFrom {
            owner: a(o),
            contract: a(c),
            amount: n(x),
            msg: Binary::default(),
        },
        Hostile::BurnFrom(o, x) => ExecuteMsg::BurnFrom {
            owner: a(o),
            amount: n(x),
        },
        Hostile::UpdateMarketing(p) => ExecuteMsg::UpdateMarketing {
            project: p,
            description: None,
            marketing: None,
        },
        Hostile::UploadLogo(url) => ExecuteMsg::UploadLogo(Logo::Url(url)),
        Hostile::Settle(who) => ExecuteMsg::Settle {
            addresses: who.into_iter().map(a).collect(),
        },
        Hostile::ClaimIncome => ExecuteMsg::ClaimIncome {},
        Hostile::UpdateMembers(add, remove) => ExecuteMsg::UpdateMembers {
            add: add.into_iter().map(a).collect(),
            remove: remove.into_iter().map(a).collect(),
        },
        Hostile::UpdateDemurrage(atomics, period) => ExecuteMsg::UpdateDemurrage(DemurrageParams {
            rate: Decimal::new(atomics.into()),
            period_seconds: period,
        }),
        Hostile::UpdateIncomeWindow(periods) => ExecuteMsg::UpdateIncomeWindow { periods },
        Hostile::UpdateMembershipAuthority(w) => {
            ExecuteMsg::UpdateMembershipAuthority { authority: a(w) }
        }
        Hostile::ProposeAdmin(w) => ExecuteMsg::ProposeAdmin { admin: w.map(a) },
        Hostile::AcceptAdmin => ExecuteMsg::AcceptAdmin {},
    }
}

/// A token where every sender class exists: members, an allowance, a pending admin.
fn fixture() -> Token {
    let api = MockApi::default();
    let mut t = Token::with(|m| {
        m.initial_members = vec![api.addr_make("alice").into(), api.addr_make("carol").into()];
    });
    let (alice, admin) = (t.alice.clone(), t.admin.clone());
    t.exec(
        &alice,
        ExecuteMsg::IncreaseAllowance {
            spender: t.addr("spender").to_string(),
            amount: Uint128::new(100_000),
            expires: None,
        },
    )
    .unwrap();
    t.exec(
        &admin,
        ExecuteMsg::ProposeAdmin {
            admin: Some(t.addr("mallory").to_string()),
        },
    )
    .unwrap();
    t
}

/// Runs one message as the chain would see it; a refusal must have written nothing.
fn run(t: &mut Token, sender: &Addr, msg: ExecuteMsg) -> Result<(), TestCaseError> {
    let before = t.storage_snapshot();
    let label = format!("{msg:?}");
    if t.exec(sender, msg).is_err() {
        prop_assert!(t.storage_snapshot() == before, "{} wrote state", label);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn arbitrary_bytes_never_panic_and_never_write(
        bytes in proptest::collection::vec(any::<u8>(), 0..200),
        sender in 0usize..NAMES.len(),
    ) {
        let mut t = fixture();
        let sender = t.addr(NAMES[sender]);
        if let Ok(msg) = cosmwasm_std::from_json::<ExecuteMsg>(&bytes) {
            run(&mut t, &sender, msg)?;
        }
        t.assert_conserved();
    }

    #[test]
    fn json_shaped_garbage_never_panics(
        name in prop_oneof![
            Just("transfer"), Just("send"), Just("burn"), Just("settle"),
            Just("update_members"), Just("update_demurrage"), Just("propose_admin"),
            Just("claim_income"), Just("upload_logo"), Just("transfer_from"),
        ],
        body in "[\\[\\]{}\":,0-9a-z_ -]{0,60}",
        sender in 0usize..NAMES.len(),
    ) {
        let mut t = fixture();
        let sender = t.addr(NAMES[sender]);
        let json = format!("{{\"{name}\":{body}}}");
        if let Ok(msg) = cosmwasm_std::from_json::<ExecuteMsg>(json.as_bytes()) {
            run(&mut t, &sender, msg)?;
        }
        t.assert_conserved();
    }

    #[test]
    fn hostile_messages_from_random_senders_never_panic_and_refusals_write_nothing(
        ops in proptest::collection::vec((0usize..NAMES.len(), hostile(), 0u64..3 * DAY), 1..24),
    ) {
        let mut t = fixture();
        for (sender, h, wait) in ops {
            t.advance(wait);
            let sender = t.addr(NAMES[sender]);
            let msg = build(&t, &h);
            run(&mut t, &sender, msg)?;
            t.assert_conserved();
        }
    }
}

/// Found by the property above: the allowance was deducted before the move was refused.
#[test]
fn a_spend_refused_for_the_owners_balance_keeps_the_allowance() {
    let mut t = fixture();
    let (alice, spender) = (t.alice.clone(), t.addr("spender"));
    let before = t.storage_snapshot();
    for msg in [
        ExecuteMsg::TransferFrom {
            owner: alice.to_string(),
            recipient: alice.to_string(),
            amount: Uint128::new(1),
        },
        ExecuteMsg::BurnFrom {
            owner: t.addr("mallory").to_string(),
            amount: Uint128::new(1),
        },
    ] {
        assert!(t.exec(&spender, msg).is_err());
        assert_eq!(t.storage_snapshot(), before);
    }
}

/// Found by the property above: cw20-base adds to an allowance with `+=`, which panicked (an
/// abort on chain) when the sum passed `Uint128::MAX`; it is now an overflow error.
#[test]
fn an_allowance_raised_past_the_largest_amount_is_an_error_not_a_panic() {
    let mut t = fixture();
    let (alice, spender) = (t.alice.clone(), t.addr("a-new-spender"));
    let raise = |amount| ExecuteMsg::IncreaseAllowance {
        spender: spender.to_string(),
        amount,
        expires: None,
    };
    t.exec(&alice, raise(Uint128::MAX)).unwrap();
    let before = t.storage_snapshot();
    let err = t.exec(&alice, raise(Uint128::new(1))).unwrap_err();
    assert!(matches!(err, ContractError::Overflow(_)), "{err:?}");
    assert_eq!(t.storage_snapshot(), before);
}
