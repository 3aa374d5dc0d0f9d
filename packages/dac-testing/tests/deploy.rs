//! The recipe leaves a node governed by its council and by nothing else.

use dac_deploy::Contract;
use dac_testing::{query, Node};
use serde_json::{json, Value};

#[test]
fn the_council_governs_every_contract_after_deployment() {
    let node = Node::new("dac-1", "dac").unwrap();
    let d = &node.deployment;
    let council = d.addr(Contract::Council);

    let gov: demurrage_token::msg::GovernanceResponse = query(
        &node.chain,
        d.addr(Contract::Token),
        &json!({"governance": {}}),
    )
    .unwrap();
    assert_eq!(
        gov.admin, council,
        "the council accepted the token's admin role by proposal"
    );
    assert_eq!(gov.membership_authority, council);
    assert_eq!(gov.pending_admin, None);

    // Every other contract names the council as its admin, and the chain does too (migrations).
    for c in [Contract::Housing, Contract::Escrow, Contract::Relay] {
        let info = node
            .chain
            .app
            .wrap()
            .query_wasm_contract_info(d.addr(c))
            .unwrap();
        assert_eq!(
            info.admin.map(String::from).as_deref(),
            Some(council),
            "{c:?} chain admin"
        );
    }
    // The council knows its escrow (panels are drawn for that escrow's disputes), and the escrow
    // takes panel rulings from the council.
    let config: council::msg::ConfigResponse =
        query(&node.chain, council, &json!({"config": {}})).unwrap();
    assert_eq!(
        config.escrow.as_ref().map(|e| e.as_str()),
        Some(d.addr(Contract::Escrow))
    );
    let escrow: Value = query(
        &node.chain,
        d.addr(Contract::Escrow),
        &json!({"config": {}}),
    )
    .unwrap();
    assert_eq!(escrow["council"], json!(council));
    // The founders are members of the council and receive basic income.
    for founder in &node.cfg.founders {
        let m: Value = query(&node.chain, council, &json!({"member": {"addr": founder}})).unwrap();
        assert_eq!(m["weight"], json!(1));
        let b: Value = query(
            &node.chain,
            d.addr(Contract::Token),
            &json!({"member": {"address": founder}}),
        )
        .unwrap();
        assert_eq!(b["is_member"], json!(true));
    }
    // The JSON written for scripts round-trips.
    let back: dac_deploy::Deployment = serde_json::from_str(&d.to_json()).unwrap();
    assert_eq!(&back, d);
}

#[test]
fn two_nodes_recognize_each_other_and_open_a_channel() {
    let mut nodes = dac_testing::TwoNodes::new().unwrap();
    assert!(nodes.channel.open);
    let relay_a = nodes.a.deployment.addr(Contract::Relay).to_string();
    let listed: Value = query(
        nodes.chain(nodes.a.side),
        &relay_a,
        &json!({"list_nodes": {}}),
    )
    .unwrap();
    assert!(listed.to_string().contains("dac-2"), "{listed}");
}
