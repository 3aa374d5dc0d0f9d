//! Configuration, admin transfer and migration.

use super::*;
use crate::contract::{migrate, CONTRACT_NAME};
use crate::msg::MigrateMsg;
use cosmwasm_std::Order;

#[test]
fn only_the_admin_sets_the_council_and_panel_time() {
    let mut s = Suite::new(true);
    let before = s.config();
    assert!(matches!(
        s.exec(
            "stranger",
            ExecuteMsg::SetCouncil {
                council: Some(s.addr("stranger").to_string())
            },
            &[]
        ),
        Err(ContractError::Admin(_))
    ));
    assert!(matches!(
        s.exec("council", ExecuteMsg::SetPanelSeconds { seconds: 5 }, &[]),
        Err(ContractError::Admin(_))
    ));
    assert_eq!(s.config(), before);
    let new_council = s.addr("new-council").to_string();
    s.exec(
        "admin",
        ExecuteMsg::SetCouncil {
            council: Some(new_council.clone()),
        },
        &[],
    )
    .unwrap();
    s.exec("admin", ExecuteMsg::SetPanelSeconds { seconds: 5 }, &[])
        .unwrap();
    assert!(matches!(
        s.exec("admin", ExecuteMsg::SetPanelSeconds { seconds: 0 }, &[]),
        Err(ContractError::InvalidTerms(_))
    ));
    let config = s.config();
    assert_eq!(config.council, Some(new_council));
    assert_eq!(config.panel_seconds, 5);
}

#[test]
fn admin_transfer_takes_two_steps() {
    let mut s = Suite::new(true);
    let next = s.addr("next").to_string();
    let before = s.config();
    assert!(matches!(
        s.exec(
            "stranger",
            ExecuteMsg::ProposeAdmin {
                admin: Some(next.clone())
            },
            &[]
        ),
        Err(ContractError::Admin(_))
    ));
    assert!(matches!(
        s.exec("next", ExecuteMsg::AcceptAdmin {}, &[]),
        Err(ContractError::Admin(_))
    ));
    assert_eq!(s.config(), before);
    let res = s
        .exec(
            "admin",
            ExecuteMsg::ProposeAdmin {
                admin: Some(next.clone()),
            },
            &[],
        )
        .unwrap();
    let (admin, next_addr) = (s.addr("admin"), s.addr("next"));
    assert_eq!(
        res.attributes,
        dac_common::admin::propose_attributes(&admin, Some(&next_addr))
    );
    assert!(matches!(
        s.exec("stranger", ExecuteMsg::AcceptAdmin {}, &[]),
        Err(ContractError::Admin(_))
    ));
    let res = s.exec("next", ExecuteMsg::AcceptAdmin {}, &[]).unwrap();
    assert_eq!(
        res.attributes,
        dac_common::admin::accept_attributes(&next_addr)
    );
    assert_eq!(s.config().admin, next);
}

#[test]
fn migrate_refuses_a_downgrade() {
    assert_eq!(CONTRACT_NAME, "crates.io:escrow");
    let mut s = Suite::new(true);
    cw2::set_contract_version(s.deps.as_mut().storage, CONTRACT_NAME, "99.0.0").unwrap();
    let err = migrate(s.deps.as_mut(), s.env.clone(), MigrateMsg {}).unwrap_err();
    assert_eq!(
        err,
        ContractError::Migrate(dac_common::migrate::MigrateError::Downgrade {
            stored: "99.0.0".into(),
            new: crate::contract::CONTRACT_VERSION.into()
        })
    );
    cw2::set_contract_version(s.deps.as_mut().storage, CONTRACT_NAME, "0.0.1").unwrap();
    migrate(s.deps.as_mut(), s.env.clone(), MigrateMsg {}).unwrap();
}

#[test]
fn instantiate_validates_its_input() {
    let mut deps = cosmwasm_std::testing::mock_dependencies();
    let creator = deps.api.addr_make("creator");
    let token = deps.api.addr_make(TOKEN).to_string();
    let bad = [
        InstantiateMsg {
            token: "not an address".into(),
            council: None,
            panel_seconds: DAY,
            admin: None,
        },
        InstantiateMsg {
            token: token.clone(),
            council: Some("nope".into()),
            panel_seconds: DAY,
            admin: None,
        },
        InstantiateMsg {
            token,
            council: None,
            panel_seconds: 0,
            admin: None,
        },
    ];
    for msg in bad {
        assert!(instantiate(deps.as_mut(), mock_env(), message_info(&creator, &[]), msg).is_err());
    }
}

/// Rewinds the store to layout 2: every deal's record with its addresses and numbers as text,
/// the party and status indexes under their long names, the first keyed by the addresses' text.
fn as_layout_2(s: &mut Suite) {
    use crate::state::{
        DEALS, DEALS_BY_PARTY, DEALS_BY_PARTY_V2, DEALS_BY_STATUS, DEALS_BY_STATUS_V2,
    };
    let deps = s.deps.as_mut();
    let ids: Vec<u64> = DEALS
        .keys(deps.storage, None, None, Order::Ascending)
        .collect::<Result<_, _>>()
        .unwrap();
    for id in ids {
        let deal = DEALS.load_canonical(deps.storage, deps.api, id).unwrap();
        dac_common::compact::as_text(|| DEALS.save(deps.storage, id, &deal)).unwrap();
        let entry = (deal.status.key() as u8, id);
        DEALS_BY_STATUS.remove(deps.storage, entry);
        DEALS_BY_STATUS_V2.save(deps.storage, entry, &()).unwrap();
    }
    let left: Vec<(u8, u64)> = DEALS_BY_STATUS
        .keys(deps.storage, None, None, Order::Ascending)
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(left, vec![], "every deal had one status entry");
    let entries: Vec<(Vec<u8>, u64)> = DEALS_BY_PARTY
        .keys(deps.storage, None, None, Order::Ascending)
        .collect::<Result<_, _>>()
        .unwrap();
    for (canonical, id) in entries {
        let address = deps.api.addr_humanize(&canonical.clone().into()).unwrap();
        DEALS_BY_PARTY_V2
            .save(deps.storage, (&address, id), &())
            .unwrap();
        DEALS_BY_PARTY.remove(deps.storage, (canonical.as_slice(), id));
    }
    dac_common::migrate::STATE_VERSION
        .save(deps.storage, &2)
        .unwrap();
}

/// Rewinds the store to layout 1: layout 2's deals, the counters as v0.1.0 kept them (the id to
/// hand out next) and no state version.
fn as_layout_1(s: &mut Suite) {
    use cw_storage_plus::Item;
    as_layout_2(s);
    let storage = s.deps.as_mut().storage;
    let totals = crate::state::TOTALS.may_load(storage).unwrap().unwrap();
    storage.remove(b"t");
    storage.remove(b"state_version");
    Item::<cosmwasm_std::Uint256>::new("total_shares")
        .save(storage, &totals.shares)
        .unwrap();
    Item::<u64>::new("next_deal_id")
        .save(storage, &(totals.last_deal_id + 1))
        .unwrap();
    cw2::set_contract_version(storage, CONTRACT_NAME, "0.1.0").unwrap();
}

#[test]
fn migrate_from_layout_1_merges_the_counters_and_open_deals_complete() {
    let mut s = Suite::new(true);
    let settled = s.active(DealKindMsg::Forward {});
    let open = s.propose(s.terms(DealKindMsg::Forward {}), 1000);
    let before = (s.vault(), s.deal(open), s.deal(settled));
    as_layout_1(&mut s);

    let res = migrate(s.deps.as_mut(), s.env.clone(), MigrateMsg {}).unwrap();
    let attr = |key: &str| {
        res.attributes
            .iter()
            .find(|a| a.key == key)
            .map(|a| a.value.clone())
    };
    assert_eq!(attr("converted").as_deref(), Some("totals"));
    assert_eq!(attr("to_state_version").as_deref(), Some("3"));
    let storage = s.deps.as_ref().storage;
    assert_eq!(
        storage.get(b"total_shares"),
        None,
        "the old counters are gone"
    );
    assert_eq!(storage.get(b"next_deal_id"), None);
    assert_eq!((s.vault(), s.deal(open), s.deal(settled)), before);
    // Listed by status from layout 1's index, their numbers read from their text.
    let by_status = |s: &mut Suite, status| {
        s.deals(QueryMsg::DealsByStatus {
            status,
            start_after: None,
            limit: None,
        })
    };
    assert_eq!(by_status(&mut s, StatusKey::Proposed), vec![open]);
    assert_eq!(by_status(&mut s, StatusKey::Active), vec![settled]);
    assert_eq!(status_entries(&s), (vec![0, 1], vec![]));

    // The deal proposed under layout 1 is signed and settled; the one active then settles too.
    s.sign_all(open);
    for id in [open, settled] {
        s.confirm("buyer", id).unwrap();
        s.assert_emptied(id);
    }
    assert!(s.vault().total_shares.is_zero());
    assert_eq!(by_status(&mut s, StatusKey::Closed), vec![settled, open]);
    assert!(by_status(&mut s, StatusKey::Active).is_empty());
    // Ids go on from where layout 1 left them.
    let next = s.propose(s.terms(DealKindMsg::Forward {}), 1000);
    assert_eq!(next, open + 1);
    // A second migration finds layout 3 and converts nothing.
    let res = migrate(s.deps.as_mut(), s.env.clone(), MigrateMsg {}).unwrap();
    assert!(res
        .attributes
        .iter()
        .any(|a| a.key == "converted" && a.value == "none"));
    assert_eq!(s.propose(s.terms(DealKindMsg::Forward {}), 1000), next + 1);
}

#[test]
fn a_fresh_escrow_hands_out_ids_from_one() {
    let mut s = Suite::new(true);
    assert_eq!(s.propose(s.terms(DealKindMsg::Forward {}), 1000), 1);
    let native = ExecuteMsg::Propose(s.terms(DealKindMsg::Forward {}));
    let res = s
        .exec("buyer", native, &[cosmwasm_std::coin(1000, "ucosm")])
        .unwrap();
    assert_eq!(
        deal_id_of(&res),
        2,
        "native and token deals share one counter"
    );
}

#[test]
fn deals_stored_by_layout_2_read_list_and_settle_beside_new_ones_after_migrating() {
    let mut s = Suite::new(true);
    let settled = s.active(DealKindMsg::Forward {});
    let open = s.propose(s.terms(DealKindMsg::Forward {}), 1000);
    let by_party = |s: &mut Suite, name: &str, start_after, limit| {
        let address = s.addr(name).to_string();
        s.deals(QueryMsg::DealsByParty {
            address,
            start_after,
            limit,
        })
    };
    let listings = |s: &mut Suite| {
        (
            s.deal(open),
            s.deal(settled),
            by_party(s, "buyer", None, None),
            by_party(s, "arb", None, None),
            s.deals(QueryMsg::ListDeals {
                start_after: None,
                limit: None,
            }),
            s.deals(QueryMsg::DealsByStatus {
                status: StatusKey::Proposed,
                start_after: None,
                limit: None,
            }),
        )
    };
    let before = listings(&mut s);
    assert_eq!(before.2, vec![settled, open]);
    as_layout_2(&mut s);
    assert_eq!(
        listings(&mut s),
        before,
        "layout 2's records read as they are"
    );

    let res = migrate(s.deps.as_mut(), s.env.clone(), MigrateMsg {}).unwrap();
    assert!(res
        .attributes
        .iter()
        .any(|a| a.key == "converted" && a.value == "none"));
    assert_eq!(listings(&mut s), before);

    // A deal proposed now is indexed anew, and listed after the older ones, page by page.
    let new = s.propose(s.terms(DealKindMsg::Forward {}), 1000);
    assert_eq!(
        by_party(&mut s, "buyer", None, None),
        vec![settled, open, new]
    );
    assert_eq!(
        by_party(&mut s, "seller", Some(settled), Some(1)),
        vec![open]
    );
    assert_eq!(by_party(&mut s, "arb", Some(open), None), vec![new]);
    assert_eq!(
        by_party(&mut s, "buyer", None, Some(2)),
        vec![settled, open]
    );

    // The older deals finish on the new code, their records rewritten with canonical addresses.
    s.sign_all(open);
    for id in [open, settled] {
        s.confirm("buyer", id).unwrap();
        s.assert_emptied(id);
        let key = cw_storage_plus::Map::<u64, crate::state::Deal>::new("deals").key(id);
        let stored = s.deps.as_ref().storage.get(&key).unwrap();
        assert_eq!(stored[0], crate::codec::MARK);
    }
    // Their status entries moved to the current index with their records.
    assert_eq!(status_entries(&s), (vec![], vec![0, 6, 6]));
    assert_eq!(
        s.deals(QueryMsg::DealsByStatus {
            status: StatusKey::Closed,
            start_after: None,
            limit: None,
        }),
        vec![settled, open]
    );
}

/// The status index entries under layout 1 and 2's long name, then those under the short one,
/// each as the status's index.
fn status_entries(s: &Suite) -> (Vec<u8>, Vec<u8>) {
    use crate::state::{DEALS_BY_STATUS, DEALS_BY_STATUS_V2};
    let storage = s.deps.as_ref().storage;
    let statuses = |keys: Vec<(u8, u64)>| keys.into_iter().map(|(status, _)| status).collect();
    let v2 = DEALS_BY_STATUS_V2
        .keys(storage, None, None, Order::Ascending)
        .collect::<Result<_, _>>()
        .unwrap();
    let now = DEALS_BY_STATUS
        .keys(storage, None, None, Order::Ascending)
        .collect::<Result<_, _>>()
        .unwrap();
    (statuses(v2), statuses(now))
}

#[test]
fn the_status_listing_pages_across_both_indexes_after_migrating() {
    let mut s = Suite::new(true);
    let old: Vec<u64> = (0..3)
        .map(|_| s.propose(s.terms(DealKindMsg::Forward {}), 1000))
        .collect();
    as_layout_2(&mut s);
    migrate(s.deps.as_mut(), s.env.clone(), MigrateMsg {}).unwrap();
    let new: Vec<u64> = (0..2)
        .map(|_| s.propose(s.terms(DealKindMsg::Forward {}), 1000))
        .collect();
    // The seller signs the first old deal: still proposed, its entry moves with its record, so
    // each index holds ids the other's lie between.
    s.send("seller", 200, ReceiveMsg::Sign { deal_id: old[0] })
        .unwrap();
    assert_eq!(s.status(old[0]), StatusKey::Proposed);
    assert_eq!(status_entries(&s), (vec![0, 0], vec![0, 0, 0]));

    let proposed = |s: &mut Suite, start_after, limit| {
        s.deals(QueryMsg::DealsByStatus {
            status: StatusKey::Proposed,
            start_after,
            limit,
        })
    };
    let all: Vec<u64> = old.iter().chain(&new).copied().collect();
    assert_eq!(proposed(&mut s, None, None), all);
    for limit in 1..=5 {
        let mut listed = vec![];
        let mut cursor = None;
        loop {
            let page = proposed(&mut s, cursor, Some(limit));
            assert!(page.len() <= limit as usize);
            let Some(&last) = page.last() else { break };
            listed.extend(page);
            cursor = Some(last);
        }
        assert_eq!(listed, all, "pages of {limit}");
    }
    assert_eq!(
        proposed(&mut s, Some(old[1]), Some(2)),
        vec![old[2], new[0]]
    );

    // An old deal activated leaves the proposed ones, wherever its entry was.
    s.sign_all(old[1]);
    s.send("arb", 100, ReceiveMsg::PostCollateral { deal_id: old[0] })
        .unwrap();
    assert_eq!(s.status(old[0]), StatusKey::Active);
    assert_eq!(proposed(&mut s, None, None), vec![old[2], new[0], new[1]]);
    assert_eq!(
        s.deals(QueryMsg::DealsByStatus {
            status: StatusKey::Active,
            start_after: None,
            limit: None,
        }),
        vec![old[0], old[1]]
    );
    assert_eq!(status_entries(&s), (vec![0], vec![0, 0, 1, 1]));
}
