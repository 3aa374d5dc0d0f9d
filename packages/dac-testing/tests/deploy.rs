//! The recipe leaves a node governed by its council and by nothing else.

use dac_deploy::Contract;
use dac_testing::{Node, TwoNodes};

#[test]
fn the_council_governs_and_may_migrate_every_contract_after_deployment() {
    let node = Node::new("dac-1", "dac").unwrap();
    let d = &node.deployment;
    let council = d.addr(Contract::Council);

    let gov: demurrage_token::msg::GovernanceResponse =
        node.query_token(&demurrage_token::msg::QueryMsg::Governance {});
    assert_eq!(gov.admin, council, "the council is the token's admin");
    assert_eq!(gov.membership_authority, council);
    assert_eq!(gov.pending_admin, None);

    // The chain names the council as the wasmd admin (who may migrate) of every contract,
    // itself included; the deployer is admin of none.
    let wasmd_admin = |c: Contract| {
        let info = node.chain.app.wrap().query_wasm_contract_info(d.addr(c));
        info.unwrap().admin.map(String::from)
    };
    for c in [
        Contract::Council,
        Contract::Token,
        Contract::Housing,
        Contract::Escrow,
        Contract::Relay,
    ] {
        assert_eq!(
            wasmd_admin(c).as_deref(),
            Some(council),
            "{c:?} wasmd admin"
        );
    }
    assert_ne!(node.cfg.deployer, council);
    // The council knows its escrow (panels are drawn for that escrow's disputes), and the escrow
    // takes panel rulings from the council.
    let config: council::msg::ConfigResponse =
        node.query_council(&council::msg::QueryMsg::Config {});
    assert_eq!(
        config.escrow.as_ref().map(|e| e.as_str()),
        Some(d.addr(Contract::Escrow))
    );
    let escrow: escrow::msg::ConfigResponse = node.query_escrow(&escrow::msg::QueryMsg::Config {});
    assert_eq!(escrow.council.as_deref(), Some(council));
    // The founders are members of the council and receive basic income.
    for founder in &node.cfg.founders {
        assert_eq!(node.council_weight(founder), Some(1));
        assert!(node.token_member(founder));
    }
    // The JSON written for scripts round-trips.
    let back: dac_deploy::Deployment = serde_json::from_str(&d.to_json()).unwrap();
    assert_eq!(&back, d);
}

#[test]
fn two_nodes_recognize_each_other_and_open_a_channel() {
    let nodes = TwoNodes::new().unwrap();
    assert!(nodes.channel.open);
    let listed: ibc_relay::msg::ListNodesResponse = nodes.query(
        nodes.a.side,
        Contract::Relay,
        &ibc_relay::msg::QueryMsg::ListNodes {
            start_after: None,
            limit: None,
        },
    );
    assert!(listed.nodes.iter().any(|n| n.name == "dac-2"), "{listed:?}");
}
