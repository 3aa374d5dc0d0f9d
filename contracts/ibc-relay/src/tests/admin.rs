use cosmwasm_std::testing::mock_env;

use super::*;
use crate::contract::migrate;
use crate::holdings::VIRTUAL_UNITS as M;
use crate::msg::{ConfigResponse, HoldingsResponse, ListPendingResponse, MigrateMsg, NodeResponse};

#[test]
fn only_the_council_recognizes_and_forgets_nodes() {
    let mut deps = setup();
    let recognize = ExecuteMsg::RecognizeNode {
        name: "gamma".to_string(),
        connection_id: "connection-1".to_string(),
        counterparty_port: "wasm.gamma-relay".to_string(),
    };
    let err = assert_refused_unchanged(&mut deps, "mallory", recognize.clone());
    assert!(matches!(err, ContractError::Admin(_)));
    exec(&mut deps, "council", recognize.clone()).unwrap();
    let err = assert_refused_unchanged(&mut deps, "council", recognize);
    assert_eq!(err, ContractError::NodeExists("gamma".to_string()));
    let err = assert_refused_unchanged(
        &mut deps,
        "council",
        ExecuteMsg::RecognizeNode {
            name: "delta".to_string(),
            connection_id: "connection-1".to_string(),
            counterparty_port: "wasm.gamma-relay".to_string(),
        },
    );
    assert_eq!(err, ContractError::EndpointTaken("gamma".to_string()));
    let err = assert_refused_unchanged(
        &mut deps,
        "council",
        ExecuteMsg::RecognizeNode {
            name: "bad name!".to_string(),
            connection_id: "connection-2".to_string(),
            counterparty_port: "wasm.x".to_string(),
        },
    );
    assert_eq!(err, ContractError::BadNodeName);
    let node: NodeResponse = q(
        &deps,
        QueryMsg::Node {
            name: "gamma".to_string(),
        },
    );
    assert_eq!(node.node.connection_id, "connection-1");
    let forget = ExecuteMsg::ForgetNode {
        name: "gamma".to_string(),
    };
    let err = assert_refused_unchanged(&mut deps, "mallory", forget.clone());
    assert!(matches!(err, ContractError::Admin(_)));
    exec(&mut deps, "council", forget).unwrap();
    assert!(query(
        deps.as_ref(),
        mock_env(),
        QueryMsg::Node {
            name: "gamma".to_string()
        }
    )
    .is_err());
}

#[test]
fn only_the_council_updates_config_and_closes_channels() {
    let mut deps = setup();
    let update = ExecuteMsg::UpdateConfig {
        housing_registry: None,
        escrow: None,
        default_timeout_seconds: Some(60),
        council: None,
    };
    let err = assert_refused_unchanged(&mut deps, "mallory", update.clone());
    assert!(matches!(err, ContractError::Admin(_)));
    let err = assert_refused_unchanged(
        &mut deps,
        "council",
        ExecuteMsg::UpdateConfig {
            housing_registry: None,
            escrow: None,
            default_timeout_seconds: Some(0),
            council: None,
        },
    );
    assert!(matches!(err, ContractError::BadTimeout { .. }));
    exec(&mut deps, "council", update).unwrap();
    let config: ConfigResponse = q(&deps, QueryMsg::Config {});
    assert_eq!(config.default_timeout_seconds, 60);

    let close = ExecuteMsg::CloseChannel {
        channel_id: CHANNEL.to_string(),
    };
    let err = assert_refused_unchanged(&mut deps, "mallory", close.clone());
    assert!(matches!(err, ContractError::Admin(_)));
    let res = exec(&mut deps, "council", close).unwrap();
    assert_eq!(
        res.messages[0].msg,
        CosmosMsg::Ibc(IbcMsg::CloseChannel {
            channel_id: CHANNEL.to_string()
        })
    );
}

#[test]
fn admin_transfer_takes_two_steps() {
    let mut deps = setup();
    let newcomer = addr(&deps, "new-council").to_string();
    let err = assert_refused_unchanged(
        &mut deps,
        "mallory",
        ExecuteMsg::ProposeAdmin {
            admin: Some(newcomer.clone()),
        },
    );
    assert!(matches!(err, ContractError::Admin(_)));
    let res = exec(
        &mut deps,
        "council",
        ExecuteMsg::ProposeAdmin {
            admin: Some(newcomer),
        },
    )
    .unwrap();
    let (council, next) = (addr(&deps, "council"), addr(&deps, "new-council"));
    assert_eq!(
        res.attributes,
        dac_common::admin::propose_attributes(&council, Some(&next))
    );
    let err = assert_refused_unchanged(&mut deps, "mallory", ExecuteMsg::AcceptAdmin {});
    assert!(matches!(err, ContractError::Admin(_)));
    let res = exec(&mut deps, "new-council", ExecuteMsg::AcceptAdmin {}).unwrap();
    assert_eq!(res.attributes, dac_common::admin::accept_attributes(&next));
    let state: dac_common::admin::AdminState = q(&deps, QueryMsg::Admin {});
    assert_eq!(state.admin, addr(&deps, "new-council"));
}

#[test]
fn only_the_relay_itself_applies_packets() {
    let mut deps = setup();
    let data = to_json_binary(&Envelope {
        id: 1,
        body: RelayPacket::Note(NotePacket {
            note_id: 1,
            subject: "forged".to_string(),
            body: "forged".to_string(),
        }),
    })
    .unwrap();
    let err = assert_refused_unchanged(
        &mut deps,
        "mallory",
        ExecuteMsg::ApplyPacket {
            channel_id: CHANNEL.to_string(),
            data,
        },
    );
    assert_eq!(err, ContractError::NotSelf);
}

#[test]
fn a_successful_apply_reply_keeps_the_success_ack() {
    let mut deps = setup();
    let res = reply(
        deps.as_mut(),
        mock_env(),
        Reply {
            id: RECEIVE_REPLY_ID,
            payload: Binary::default(),
            gas_used: 0,
            result: ok_sub_result(),
        },
    )
    .unwrap();
    assert_eq!(res.data, None);
}

#[test]
fn a_reply_to_an_unknown_id_is_an_error() {
    let mut deps = setup();
    let before = snapshot(&deps);
    let err = reply(
        deps.as_mut(),
        mock_env(),
        Reply {
            id: RECEIVE_REPLY_ID + 1,
            payload: Binary::default(),
            gas_used: 0,
            result: ok_sub_result(),
        },
    )
    .unwrap_err();
    assert_eq!(err, ContractError::UnknownReplyId(RECEIVE_REPLY_ID + 1));
    assert_eq!(before, snapshot(&deps));
}

#[test]
fn migrate_refuses_downgrades_and_other_contracts() {
    use dac_common::migrate::MigrateError;
    assert_eq!(crate::contract::CONTRACT_NAME, "crates.io:ibc-relay");
    let mut deps = setup();
    migrate(deps.as_mut(), mock_env(), MigrateMsg {}).unwrap();
    cw2::set_contract_version(&mut deps.storage, crate::contract::CONTRACT_NAME, "99.0.0").unwrap();
    let err = migrate(deps.as_mut(), mock_env(), MigrateMsg {}).unwrap_err();
    assert_eq!(
        err,
        ContractError::Migrate(MigrateError::Downgrade {
            stored: "99.0.0".into(),
            new: crate::contract::CONTRACT_VERSION.into()
        })
    );
    cw2::set_contract_version(&mut deps.storage, "crates.io:other", "0.0.1").unwrap();
    let err = migrate(deps.as_mut(), mock_env(), MigrateMsg {}).unwrap_err();
    assert_eq!(
        err,
        ContractError::Migrate(MigrateError::WrongContract {
            stored: "crates.io:other".into(),
            expected: crate::contract::CONTRACT_NAME.into()
        })
    );
}

/// Units minted before virtual-unit pricing were one per micro-token; priced the new way they
/// would be worth a millionth. A relay holding some refuses the migration; an empty one migrates.
#[test]
fn migrating_a_relay_with_old_units_outstanding_is_refused() {
    let mut deps = setup();
    // As stored before v0.1.0: layout 1, units one per micro.
    dac_common::migrate::STATE_VERSION.remove(&mut deps.storage);
    crate::state::VIRTUAL_UNIT_PRICING.remove(&mut deps.storage);
    crate::state::v1::TOTAL_UNITS
        .save(&mut deps.storage, &Uint128::new(1_000))
        .unwrap();
    let before = super::authority::fingerprint(&deps);
    assert_eq!(
        migrate(deps.as_mut(), mock_env(), MigrateMsg {}).unwrap_err(),
        ContractError::OldUnitsOutstanding(Uint128::new(1_000))
    );
    assert!(before == super::authority::fingerprint(&deps));
    crate::state::v1::TOTAL_UNITS
        .save(&mut deps.storage, &Uint128::zero())
        .unwrap();
    migrate(deps.as_mut(), mock_env(), MigrateMsg {}).unwrap();
    assert!(crate::state::VIRTUAL_UNIT_PRICING
        .load(&deps.storage)
        .unwrap());
}

#[test]
fn instantiate_validates_its_inputs() {
    let mut deps = cosmwasm_std::testing::mock_dependencies();
    let admin = deps.api.addr_make("council");
    let err = instantiate(
        deps.as_mut(),
        mock_env(),
        message_info(&admin, &[]),
        InstantiateMsg {
            admin: admin.to_string(),
            token: "not-an-address".to_string(),
            housing_registry: None,
            escrow: None,
            default_timeout_seconds: 60,
        },
    )
    .unwrap_err();
    assert!(matches!(err, ContractError::Std(_)));
}

/// Rewrites what `setup` and the transfers since stored into v0.1.0's layout: each pending
/// packet as JSON with its body and its two indexes, and the three counters apart.
fn as_layout_1(deps: &mut Deps, sent: &[IbcPacket]) {
    use crate::state::{v1, Ledger, Pending};
    let storage = &mut deps.storage;
    for packet in sent {
        let envelope: Envelope = from_json(&packet.data).unwrap();
        let pending = Pending::load(storage, envelope.id).unwrap().unwrap();
        pending.remove(storage);
        let old = v1::PendingPacket {
            id: envelope.id,
            channel_id: pending.channel_id.clone(),
            node: pending.node.clone(),
            timeout: pending.timeout,
            body: envelope.body,
        };
        v1::PENDING.save(storage, old.id, &old).unwrap();
        v1::PENDING_BY_CHANNEL
            .save(storage, (&old.channel_id, old.id), &())
            .unwrap();
        v1::VALUE_IN_FLIGHT.save(storage, old.id, &()).unwrap();
    }
    let ledger = Ledger::load(storage).unwrap();
    cosmwasm_std::Storage::remove(storage, b"l");
    v1::NEXT_PACKET_ID
        .save(storage, &ledger.last_packet_id)
        .unwrap();
    v1::TOTAL_UNITS.save(storage, &ledger.total_units).unwrap();
    v1::IN_FLIGHT_UNITS
        .save(storage, &ledger.total_units)
        .unwrap();
    dac_common::migrate::STATE_VERSION.remove(storage);
}

fn listed(deps: &Deps, msg: QueryMsg) -> Vec<(u64, String)> {
    q::<ListPendingResponse>(deps, msg)
        .packets
        .into_iter()
        .map(|p| (p.id, p.kind))
        .collect()
}

fn all_pending() -> QueryMsg {
    QueryMsg::PendingPackets {
        start_after: None,
        limit: None,
    }
}

/// Two transfers pending when a v0.1.0 relay is upgraded: the migration converts only the
/// counters; both stay listed, one is acknowledged (its units now back beta's vouchers), the
/// other times out (Alice refunded), each exactly once, and nothing of layout 1 remains.
#[test]
fn packets_pending_under_layout_1_resolve_after_migration() {
    let mut deps = setup();
    let first = sent(&send_out(&mut deps, 1_000, 1_000));
    let second = sent(&send_out(&mut deps, 500, 1_500));
    let note = sent(
        &exec(
            &mut deps,
            "council",
            ExecuteMsg::SendNote {
                channel_id: CHANNEL.to_string(),
                subject: "s".to_string(),
                body: "b".to_string(),
                timeout_seconds: None,
            },
        )
        .unwrap(),
    );
    as_layout_1(&mut deps, &[first.clone(), second.clone(), note]);

    let res = migrate(deps.as_mut(), mock_env(), MigrateMsg {}).unwrap();
    assert!(res
        .attributes
        .iter()
        .any(|a| a.key == "converted" && a.value == "ledger"));
    assert!(crate::state::v1::TOTAL_UNITS
        .may_load(&deps.storage)
        .unwrap()
        .is_none());
    let transfer = || "transfer".to_string();
    assert_eq!(
        listed(&deps, all_pending()),
        [(1, transfer()), (2, transfer()), (3, "note".to_string())]
    );
    let in_flight = QueryMsg::TransfersInFlight {
        start_after: Some(1),
        limit: None,
    };
    assert_eq!(listed(&deps, in_flight), [(2, transfer())]);

    // The next packet continues the old counter and lists after the old ones.
    let third = sent(&send_out(&mut deps, 200, 1_700));
    assert_eq!(from_json::<Envelope>(&third.data).unwrap().id, 4);
    assert_eq!(listed(&deps, all_pending()).len(), 4);

    assert!(ack_ok(&mut deps, first.clone()).is_empty());
    let held = q::<HoldingsResponse>(
        &deps,
        QueryMsg::Holdings {
            start_after: None,
            limit: None,
        },
    );
    assert_eq!(held.nodes[0].units, Uint128::new(1_000 * M));
    set_relay_balance(&mut deps, 1_700);
    let refund = time_out(&mut deps, second.clone());
    assert!(token_transfer(&refund).is_some_and(|(to, _)| to == addr(&deps, "alice").as_str()));
    // Later news of either changes nothing.
    let before = super::authority::fingerprint(&deps);
    assert!(time_out(&mut deps, first).is_empty());
    assert!(ack_ok(&mut deps, second).is_empty());
    assert!(before == super::authority::fingerprint(&deps));
    assert_eq!(
        listed(&deps, all_pending()),
        [(3, "note".to_string()), (4, transfer())]
    );
    let held = q::<HoldingsResponse>(
        &deps,
        QueryMsg::Holdings {
            start_after: None,
            limit: None,
        },
    );
    assert_eq!(held.in_flight_units, held.total_units - held.nodes[0].units);
    assert!(crate::state::v1::PENDING_BY_CHANNEL
        .may_load(&deps.storage, (CHANNEL, 2))
        .unwrap()
        .is_none());
    assert!(crate::state::v1::VALUE_IN_FLIGHT
        .may_load(&deps.storage, 2)
        .unwrap()
        .is_none());
}
