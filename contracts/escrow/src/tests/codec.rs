//! Deals in postcard: every variant of every enum in a deal round-trips (postcard is not
//! self-describing, and the struct variants are read by `dac_common::de::Fields`' `visit_seq`),
//! with its addresses canonical and its numbers compact (layout 3) or both as text (layouts 1
//! and 2, still read), the keys are those of a plain `Map`, and a corrupt entry is an error, not
//! a panic.

use cosmwasm_std::testing::{mock_dependencies, mock_env, MockApi, MockStorage};
use cosmwasm_std::Api;
use cosmwasm_std::{
    to_json_vec, Addr, Decimal, Order, StdError, Storage, Timestamp, Uint128, Uint256,
};
use cw_storage_plus::Map;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

use dac_common::compact::as_text;

use crate::codec::{decode, encode, Addressed, Encoding, MARK};
use crate::error::ContractError;
use crate::msg::{Milestone, Ruling};
use crate::state::{Asset, Deal, DealKind, Dispute, Outcome, Pot, Role, Status, DEALS};

/// A valid address (the canonical form needs one), of any of the mock API's names.
fn addr() -> impl Strategy<Value = Addr> {
    "[a-z0-9]{0,12}".prop_map(|name| MockApi::default().addr_make(&name))
}

/// Numbers: the extremes often (their compact forms are the shortest and the longest), and
/// any other, small ones too (a varint's length changes every 7 bits).
fn uint128() -> impl Strategy<Value = Uint128> {
    prop_oneof![
        Just(Uint128::zero()),
        Just(Uint128::MAX),
        any::<u128>().prop_map(Uint128::new),
        any::<u32>().prop_map(Uint128::from),
    ]
}

fn uint256() -> impl Strategy<Value = Uint256> {
    prop_oneof![
        Just(Uint256::zero()),
        Just(Uint256::MAX),
        any::<[u8; 32]>().prop_map(Uint256::from_be_bytes),
        any::<u64>().prop_map(Uint256::from),
    ]
}

fn timestamp() -> impl Strategy<Value = Timestamp> {
    prop_oneof![
        Just(Timestamp::from_nanos(0)),
        Just(Timestamp::from_nanos(u64::MAX)),
        any::<u64>().prop_map(Timestamp::from_nanos),
    ]
}

fn ruling() -> impl Strategy<Value = Ruling> {
    prop_oneof![
        Just(Ruling::Performed {}),
        Just(Ruling::NotPerformed {}),
        any::<u128>().prop_map(|raw| Ruling::Split {
            proposer_share: Decimal::raw(raw)
        }),
    ]
}

fn asset() -> impl Strategy<Value = Asset> {
    prop_oneof![
        addr().prop_map(|address| Asset::Token { address }),
        any::<String>().prop_map(|denom| Asset::Native { denom }),
    ]
}

fn milestone() -> impl Strategy<Value = Milestone> {
    (uint128(), timestamp()).prop_map(|(amount, due)| Milestone { amount, due })
}

fn kind() -> impl Strategy<Value = DealKind> {
    prop_oneof![
        Just(DealKind::Forward {}),
        uint128().prop_map(|interest| DealKind::Loan { interest }),
        vec(milestone(), 0..13).prop_map(|milestones| DealKind::Service { milestones }),
        Just(DealKind::Insurance {}),
        Just(DealKind::Pool {}),
        addr().prop_map(|attestor| DealKind::TradeShipment { attestor }),
    ]
}

fn outcome() -> impl Strategy<Value = Outcome> {
    prop_oneof![
        Just(Outcome::Withdrawn {}),
        Just(Outcome::Expired {}),
        Just(Outcome::Settled {}),
        addr().prop_map(|by| Outcome::Defaulted { by }),
        (ruling(), any::<bool>())
            .prop_map(|(ruling, by_panel)| Outcome::Ruled { ruling, by_panel }),
        Just(Outcome::Refunded {}),
    ]
}

fn status() -> impl Strategy<Value = Status> {
    prop_oneof![
        Just(Status::Proposed {}),
        Just(Status::Active {}),
        timestamp().prop_map(|rule_by| Status::Disputed { rule_by }),
        timestamp().prop_map(|appeal_by| Status::Ruled { appeal_by }),
        timestamp().prop_map(|panel_by| Status::Appealed { panel_by }),
        timestamp().prop_map(|panel_by| Status::AwaitingPanel { panel_by }),
        outcome().prop_map(|outcome| Status::Closed { outcome }),
    ]
}

fn role() -> impl Strategy<Value = Role> {
    prop_oneof![
        Just(Role::Proposer),
        Just(Role::Counterparty),
        Just(Role::Member),
        Just(Role::Arbitrator),
    ]
}

fn pot() -> impl Strategy<Value = Pot> {
    (addr(), role(), uint128(), uint256(), any::<bool>()).prop_map(
        |(address, role, stake, units, signed)| Pot {
            address,
            role,
            stake,
            units,
            signed,
        },
    )
}

fn dispute() -> impl Strategy<Value = Dispute> {
    (
        addr(),
        any::<String>(),
        timestamp(),
        option::of(ruling()),
        option::of(addr()),
        any::<bool>(),
    )
        .prop_map(
            |(raised_by, reason, raised_at, ruling, appealed_by, arbitrator_slashed)| Dispute {
                raised_by,
                reason,
                raised_at,
                ruling,
                appealed_by,
                arbitrator_slashed,
            },
        )
}

/// The terms of a deal: everything but its state.
fn terms() -> impl Strategy<Value = (u64, DealKind, Asset, String, Vec<Pot>, Pot, Uint256)> {
    (
        any::<u64>(),
        kind(),
        asset(),
        any::<String>(),
        vec(pot(), 0..21),
        pot(),
        uint256(),
    )
}

fn times() -> impl Strategy<Value = (Timestamp, Timestamp, [u64; 4], Timestamp)> {
    (timestamp(), timestamp(), any::<[u64; 4]>(), timestamp())
}

fn deal() -> impl Strategy<Value = Deal> {
    (
        terms(),
        times(),
        status(),
        any::<u32>(),
        any::<bool>(),
        option::of(dispute()),
        uint128(),
    )
        .prop_map(
            |(
                (id, kind, asset, description, parties, arbitrator, extra),
                (sign_by, due, [grace, ruling, appeal, panel], created_at),
                status,
                milestone,
                claimed,
                dispute,
                paid_out,
            )| Deal {
                id,
                kind,
                asset,
                description,
                parties,
                arbitrator,
                extra,
                sign_by,
                due,
                grace_seconds: grace,
                ruling_seconds: ruling,
                appeal_seconds: appeal,
                panel_seconds: panel,
                status,
                milestone,
                claimed,
                dispute,
                paid_out,
                created_at,
            },
        )
}

fn is_parse_err(result: Result<Deal, StdError>) -> bool {
    matches!(result, Err(StdError::ParseErr { .. }))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn every_deal_round_trips_and_is_smaller_than_its_json(deal in deal()) {
        let bytes = encode(&deal).unwrap();
        prop_assert_eq!(decode::<Deal>(&bytes).unwrap(), deal.clone());
        prop_assert!(bytes.len() < to_json_vec(&deal).unwrap().len());
    }

    #[test]
    fn every_deal_round_trips_with_its_addresses_canonical_and_is_shorter(deal in deal()) {
        let api = MockApi::default();
        let mut storage = MockStorage::new();
        DEALS.save_canonical(&mut storage, &api, 1, deal.clone()).unwrap();
        prop_assert_eq!(DEALS.load_canonical(&storage, &api, 1).unwrap(), deal.clone());
        let stored = storage.get(&Map::<u64, Deal>::new("deals").key(1)).unwrap();
        prop_assert_eq!(stored[0], MARK);
        // Each address is 32 bytes instead of 67 characters, less a byte of slot and mark.
        let addresses = deal.clone().addresses_mut().len();
        prop_assert!(stored.len() + 33 * addresses <= encode(&deal).unwrap().len() + 2);
    }

    #[test]
    fn every_deal_saved_with_its_numbers_as_text_still_reads(deal in deal()) {
        // Layout 1 and 2's records: plain postcard, numbers as cosmwasm's text. A stored deal's
        // id is never 0, so its record never starts with `MARK`.
        let deal = Deal { id: deal.id.max(1), ..deal };
        let api = MockApi::default();
        let mut storage = MockStorage::new();
        as_text(|| DEALS.save(&mut storage, 1, &deal)).unwrap();
        prop_assert_eq!(
            DEALS.may_load_encoded(&storage, &api, 1).unwrap(),
            Some((deal.clone(), Encoding::Plain))
        );
        // Each number of the deal is at least a byte shorter in its compact form.
        let numbers = 5 + 2 * (deal.parties.len() + 1)
            + usize::from(matches!(deal.kind, DealKind::Loan { .. }))
            + usize::from(deal.dispute.is_some())
            + usize::from(!matches!(
                deal.status,
                Status::Proposed {} | Status::Active {} | Status::Closed { .. }
            ));
        let text = as_text(|| encode(&deal)).unwrap();
        prop_assert!(encode(&deal).unwrap().len() + numbers <= text.len());
        DEALS.save_canonical(&mut storage, &api, 1, deal.clone()).unwrap();
        prop_assert_eq!(
            DEALS.may_load_encoded(&storage, &api, 1).unwrap(),
            Some((deal, Encoding::Canonical))
        );
    }

    #[test]
    fn a_deal_cut_short_or_with_trailing_bytes_is_refused(deal in deal(), cut in any::<prop::sample::Index>()) {
        let mut bytes = encode(&deal).unwrap();
        let short = &bytes[..cut.index(bytes.len())];
        prop_assert!(is_parse_err(decode::<Deal>(short)));
        bytes.push(0);
        prop_assert!(is_parse_err(decode::<Deal>(&bytes)));
    }
}

/// One deal of each variant of every enum it holds (the proptest covers them at random).
/// Every address in them is another, so that a slot read back in the wrong place shows.
fn every_variant() -> Vec<Deal> {
    let at = Timestamp::from_seconds(1_700_000_000);
    let names = std::cell::Cell::new(0);
    let next = || {
        names.set(names.get() + 1);
        MockApi::default().addr_make(&format!("who{}", names.get()))
    };
    let split = Ruling::Split {
        proposer_share: Decimal::percent(40),
    };
    let rulings = [Ruling::Performed {}, Ruling::NotPerformed {}, split];
    let mut outcomes = vec![
        Outcome::Withdrawn {},
        Outcome::Expired {},
        Outcome::Settled {},
        Outcome::Defaulted { by: next() },
        Outcome::Refunded {},
    ];
    outcomes.extend(rulings.iter().map(|ruling| Outcome::Ruled {
        ruling: ruling.clone(),
        by_panel: true,
    }));
    let mut statuses = vec![
        Status::Proposed {},
        Status::Active {},
        Status::Disputed { rule_by: at },
        Status::Ruled { appeal_by: at },
        Status::Appealed { panel_by: at },
        Status::AwaitingPanel { panel_by: at },
    ];
    statuses.extend(
        outcomes
            .into_iter()
            .map(|outcome| Status::Closed { outcome }),
    );
    let kinds = [
        DealKind::Forward {},
        DealKind::Loan {
            interest: Uint128::new(5),
        },
        DealKind::Service {
            milestones: vec![Milestone {
                amount: Uint128::new(7),
                due: at,
            }],
        },
        DealKind::Insurance {},
        DealKind::Pool {},
        DealKind::TradeShipment { attestor: next() },
    ];
    let assets = [
        Asset::Token { address: next() },
        Asset::Native {
            denom: "ucoin".to_string(),
        },
    ];
    let roles = [Role::Proposer, Role::Counterparty, Role::Member];
    let pot = |role: &Role| Pot {
        address: next(),
        role: role.clone(),
        stake: Uint128::new(3),
        units: Uint256::from(4u8),
        signed: true,
    };
    let mut deals = vec![];
    for (i, status) in statuses.into_iter().enumerate() {
        let ruling = rulings.get(i % 4).cloned();
        deals.push(Deal {
            // Ids start at 1: a record of layout 2 starts with its id, never with `MARK`.
            id: i as u64 + 1,
            kind: kinds[i % kinds.len()].clone(),
            asset: assets[i % assets.len()].clone(),
            description: "goods".to_string(),
            parties: roles.iter().map(pot).collect(),
            arbitrator: pot(&Role::Arbitrator),
            extra: Uint256::from(9u8),
            sign_by: at,
            due: at.plus_seconds(1),
            grace_seconds: 2,
            ruling_seconds: 3,
            appeal_seconds: 4,
            panel_seconds: 5,
            status,
            milestone: 1,
            claimed: i % 2 == 0,
            dispute: (i % 3 != 0).then(|| Dispute {
                raised_by: next(),
                reason: "late".to_string(),
                raised_at: at,
                ruling,
                appealed_by: (i % 2 == 0).then(&next),
                arbitrator_slashed: i % 2 == 1,
            }),
            paid_out: Uint128::new(i as u128),
            created_at: at,
        });
    }
    deals
}

#[test]
fn one_deal_of_each_variant_round_trips_through_the_map() {
    let deals = every_variant();
    // 6 open statuses and 8 outcomes, over 6 kinds and 2 assets.
    assert_eq!(deals.len(), 14);
    let api = MockApi::default();
    let mut storage = MockStorage::new();
    for deal in &deals {
        DEALS
            .save_canonical(&mut storage, &api, deal.id, deal.clone())
            .unwrap();
    }
    for deal in &deals {
        assert_eq!(
            &DEALS.load_canonical(&storage, &api, deal.id).unwrap(),
            deal
        );
    }
}

#[test]
fn a_deal_stored_before_layout_3_with_its_addresses_as_text_still_reads() {
    let api = MockApi::default();
    let mut storage = MockStorage::new();
    for deal in every_variant() {
        dac_common::compact::as_text(|| DEALS.save(&mut storage, deal.id, &deal)).unwrap();
        assert_ne!(encode(&deal).unwrap()[0], MARK);
        assert_eq!(DEALS.load_canonical(&storage, &api, deal.id).unwrap(), deal);
    }
}

#[test]
fn a_stored_address_is_its_canonical_bytes_not_its_text() {
    let api = MockApi::default();
    let deal = every_variant().remove(0);
    let mut storage = MockStorage::new();
    DEALS
        .save_canonical(&mut storage, &api, 1, deal.clone())
        .unwrap();
    let stored = storage.get(&Map::<u64, Deal>::new("deals").key(1)).unwrap();
    let proposer = deal.proposer();
    let canonical = api.addr_canonicalize(proposer.as_str()).unwrap();
    let holds = |needle: &[u8]| stored.windows(needle.len()).any(|w| w == needle);
    assert!(holds(canonical.as_slice()));
    assert!(!holds(proposer.as_bytes()));
}

#[test]
fn deals_are_stored_under_the_keys_of_a_plain_map() {
    let api = MockApi::default();
    let deal = every_variant().remove(0);
    let mut storage = MockStorage::new();
    DEALS
        .save_canonical(&mut storage, &api, 7, deal.clone())
        .unwrap();
    let key = Map::<u64, Deal>::new("deals").key(7);
    assert_eq!(storage.get(&key).map(|bytes| bytes[0]), Some(MARK));
    let ids: Vec<u64> = DEALS
        .keys(&storage, None, None, Order::Ascending)
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(ids, vec![7]);
    DEALS.remove(&mut storage, 7);
    assert_eq!(DEALS.may_load_canonical(&storage, &api, 7).unwrap(), None);
    assert!(matches!(
        DEALS.load_canonical(&storage, &api, 7),
        Err(StdError::NotFound { .. })
    ));
}

#[test]
fn a_corrupt_deal_is_an_error_not_a_panic() {
    let key = Map::<u64, Deal>::new("deals").key(1);
    let deal = every_variant().remove(0);
    // JSON (the first encoding), garbage, a kind out of range, a service of 2^32-1 milestones;
    // the mark alone, and a record holding one address more than the deal has slots for.
    let json = to_json_vec(&deal).unwrap();
    let huge_length = [1, 2, 0xff, 0xff, 0xff, 0xff, 0x0f];
    let mut storage = MockStorage::new();
    DEALS
        .save_canonical(&mut storage, &MockApi::default(), 1, deal.clone())
        .unwrap();
    let mut one_too_many = storage.get(&key).unwrap();
    one_too_many[1] += 1;
    one_too_many.splice(2..2, [32].into_iter().chain([7; 32]));
    // An address longer than what is left of the record.
    let cut = [MARK, 1, 32, 7, 7];
    let cases: [&[u8]; 7] = [
        &json,
        b"\xff\xff",
        &[1, 9],
        &huge_length,
        &[MARK],
        &one_too_many,
        &cut,
    ];
    for bytes in cases {
        let mut deps = mock_dependencies();
        deps.storage.set(&key, bytes);
        let error = DEALS
            .load_canonical(&deps.storage, &deps.api, 1)
            .unwrap_err();
        assert!(
            matches!(&error, StdError::ParseErr { target_type, .. } if target_type.ends_with("Deal")),
            "{error}"
        );
        assert!(crate::query::deal(deps.as_ref(), &mock_env(), 1).is_err());
        let load = crate::execute::load_deal(&deps.storage, &deps.api, 1);
        assert!(matches!(
            load,
            Err(ContractError::Std(StdError::ParseErr { .. }))
        ));
    }
}
