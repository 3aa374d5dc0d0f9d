//! A drawn juror (issue 14, finding 1), through the real deployment recipe and the real escrow:
//! the panel drawn for a dispute rules on that dispute and can do nothing else; its requester
//! cannot draw a second panel for the same dispute.

use cosmwasm_std::{to_json_binary, CosmosMsg, HexBinary, Timestamp, Uint128, WasmMsg};
use council::msg::{
    Body, ExecuteMsg as CouncilExecute, ProposalChoices, ProposalResponse, ProposalStatus,
    QueryMsg as CouncilQuery, VoteOption,
};
use cw20::Cw20ExecuteMsg;
use dac_deploy::Contract;
use dac_testing::dac_ibc_harness::Chain as IbcChain;
use dac_testing::{account, deploy_on, exec, query, test_config, OnApp};
use escrow::msg::QueryMsg as EscrowQuery;
use escrow::msg::{DealKindMsg, ProposeMsg, ReceiveMsg, Ruling, StatusKey};

const DAY: u64 = 86_400;
/// drand quicknet round 5928395 and its public signature.
const ROUND: u64 = 5_928_395;
const SIGNATURE: &str =
    "a5d07c0071b4e386b3ae09206522253c68fefe8490ad59ecc44a7dd0d0745be91da5779e2247a82403fbc0cb9a34cb61";
const QUICKNET_GENESIS: u64 = 1_692_803_367;

/// The block time at which a commit names `ROUND` with the default margin.
fn commit_time() -> u64 {
    QUICKNET_GENESIS + (ROUND - 2) * 3 - council::msg::Limits::default().drand_margin_seconds
}

fn send(
    chain: &mut IbcChain,
    token: &str,
    from: &str,
    escrow: &str,
    amount: u128,
    hook: ReceiveMsg,
) -> Vec<(String, String)> {
    exec(
        chain,
        from,
        token,
        &Cw20ExecuteMsg::Send {
            contract: escrow.to_string(),
            amount: Uint128::new(amount),
            msg: to_json_binary(&hook).unwrap(),
        },
    )
    .unwrap()
}

fn attr(attrs: &[(String, String)], key: &str) -> String {
    attrs.iter().find(|(k, _)| k == key).unwrap().1.clone()
}

#[test]
fn a_drawn_juror_rules_on_its_dispute_and_takes_nothing_else() {
    let mut chain = IbcChain::new(
        "dac-1",
        "dac",
        Timestamp::from_seconds(commit_time() - 11 * DAY),
    );
    let cfg = test_config(&chain, "dac-1");
    let d = deploy_on(&mut chain, &cfg).unwrap();
    let (token, escrow, council) = (
        d.addr(Contract::Token).to_string(),
        d.addr(Contract::Escrow).to_string(),
        d.addr(Contract::Council).to_string(),
    );
    let [buyer, seller, arbitrator] = ["ada", "bea", "cyd"].map(|n| account(&chain, n));
    let requester = account(&chain, "requester");

    // The founders name a draw requester.
    let name_requester = CosmosMsg::Wasm(WasmMsg::Execute {
        contract_addr: council.clone(),
        msg: to_json_binary(&CouncilExecute::UpdateConfig(
            council::msg::UpdateConfigMsg {
                draw_requesters: Some(vec![requester.clone()]),
                ..Default::default()
            },
        ))
        .unwrap(),
        funds: vec![],
    });
    dac_deploy::pass_proposal(
        &mut OnApp(&mut chain.app),
        &council,
        &cfg.founders,
        "Name a draw requester",
        vec![name_requester],
    )
    .unwrap();

    // A forward whose arbitrator never rules: it waits for a panel.
    let now = chain.app.block_info().time;
    let terms = ProposeMsg {
        counterparty: seller.clone(),
        arbitrator: arbitrator.clone(),
        kind: DealKindMsg::Forward {},
        counterparty_stake: Uint128::new(3_000),
        arbitrator_collateral: Uint128::new(1_000),
        sign_by: now.plus_seconds(2 * DAY),
        due: now.plus_seconds(90 * DAY),
        grace_seconds: 5 * DAY,
        ruling_seconds: 10 * DAY,
        appeal_seconds: 10 * DAY,
        description: String::new(),
    };
    let attrs = send(
        &mut chain,
        &token,
        &buyer,
        &escrow,
        8_000,
        ReceiveMsg::Propose(terms),
    );
    let deal_id: u64 = attr(&attrs, "deal_id").parse().unwrap();
    send(
        &mut chain,
        &token,
        &seller,
        &escrow,
        3_000,
        ReceiveMsg::Sign { deal_id },
    );
    send(
        &mut chain,
        &token,
        &arbitrator,
        &escrow,
        1_000,
        ReceiveMsg::PostCollateral { deal_id },
    );
    exec(
        &mut chain,
        &buyer,
        &escrow,
        &escrow::msg::ExecuteMsg::Dispute {
            deal_id,
            reason: "nothing delivered".into(),
        },
    )
    .unwrap();
    chain.advance_seconds(10 * DAY + 1);
    exec(
        &mut chain,
        &buyer,
        &escrow,
        &escrow::msg::ExecuteMsg::Advance { deal_id },
    )
    .unwrap();
    let deal: escrow::msg::DealResponse =
        query(&chain, &escrow, &EscrowQuery::Deal { deal_id }).unwrap();
    assert_eq!(deal.status, StatusKey::AwaitingPanel);

    // The requester commits the dispute's panel, then tries a second draw on the same beacon.
    chain
        .app
        .update_block(|b| b.time = Timestamp::from_seconds(commit_time()));
    let commit = CouncilExecute::CommitDraw(council::msg::CommitDrawMsg {
        council_id: 1,
        size: 3,
        max_per_subcouncil: None,
        purpose: "the forward's dispute".into(),
        deal_id: Some(deal_id),
    });
    let attrs = exec(&mut chain, &requester, &council, &commit).unwrap();
    let panel_id: u64 = attr(&attrs, "panel_id").parse().unwrap();
    assert_eq!(attr(&attrs, "round"), ROUND.to_string());
    assert!(exec(&mut chain, &requester, &council, &commit).is_err());
    chain.advance_seconds(3_700);
    exec(
        &mut chain,
        &requester,
        &council,
        &CouncilExecute::RevealDraw {
            panel_id,
            signature: HexBinary::from_hex(SIGNATURE).unwrap(),
        },
    )
    .unwrap();
    let panel: council::msg::PanelResponse =
        query(&chain, &council, &CouncilQuery::Panel { id: panel_id }).unwrap();
    assert_eq!(panel.members.len(), 3);
    assert_eq!(panel.deal_id, Some(deal_id));
    assert_eq!(Some(panel.expires), deal.next_deadline);
    let juror = panel.members[0].to_string();
    chain.advance_seconds(10);

    let propose = |msgs: Vec<CosmosMsg>| {
        CouncilExecute::Propose(council::msg::ProposeMsg {
            chambers: vec![Body::Panel { panel_id }],
            title: "ruling".into(),
            topic: "dispute".into(),
            description: String::new(),
            choices: ProposalChoices::YesNo {},
            msgs,
        })
    };
    // The juror's grabs are refused: the token's membership authority, the treasury.
    let grab = CosmosMsg::Wasm(WasmMsg::Execute {
        contract_addr: token.clone(),
        msg: to_json_binary(
            &demurrage_token::msg::ExecuteMsg::UpdateMembershipAuthority {
                authority: juror.clone(),
            },
        )
        .unwrap(),
        funds: vec![],
    });
    let send_all = CosmosMsg::Bank(cosmwasm_std::BankMsg::Send {
        to_address: juror.clone(),
        amount: cosmwasm_std::coins(1, "ucredit"),
    });
    for msg in [grab, send_all] {
        let err = exec(&mut chain, &juror, &council, &propose(vec![msg])).unwrap_err();
        assert!(format!("{err:#}").contains("out of scope"), "{err:#}");
    }
    // The ruling of its own dispute goes through, naming the dispute stage it was drawn for;
    // without the stage it could be a later dispute of the same deal.
    assert_eq!(panel.panel_by, deal.next_deadline);
    let ruling_for = |panel_by| {
        CosmosMsg::Wasm(WasmMsg::Execute {
            contract_addr: escrow.clone(),
            msg: to_json_binary(&escrow::msg::ExecuteMsg::PanelRuling {
                deal_id,
                ruling: Ruling::NotPerformed {},
                panel_by,
            })
            .unwrap(),
            funds: vec![],
        })
    };
    let err = exec(
        &mut chain,
        &juror,
        &council,
        &propose(vec![ruling_for(None)]),
    )
    .unwrap_err();
    assert!(format!("{err:#}").contains("out of scope"), "{err:#}");
    let ruling = ruling_for(panel.panel_by);
    let attrs = exec(&mut chain, &juror, &council, &propose(vec![ruling])).unwrap();
    let proposal_id: u64 = attr(&attrs, "proposal_id").parse().unwrap();
    chain.advance_seconds(5);
    for member in &panel.members {
        exec(
            &mut chain,
            member.as_str(),
            &council,
            &CouncilExecute::Vote {
                proposal_id,
                option: VoteOption::Yes,
            },
        )
        .unwrap();
    }
    exec(
        &mut chain,
        &juror,
        &council,
        &CouncilExecute::Close { proposal_id },
    )
    .unwrap();
    exec(
        &mut chain,
        &juror,
        &council,
        &CouncilExecute::Execute { proposal_id },
    )
    .unwrap();
    let p: ProposalResponse =
        query(&chain, &council, &CouncilQuery::Proposal { proposal_id }).unwrap();
    assert_eq!(p.status, ProposalStatus::Executed, "{p:?}");
    let deal: escrow::msg::DealResponse =
        query(&chain, &escrow, &EscrowQuery::Deal { deal_id }).unwrap();
    assert_eq!(deal.status, StatusKey::Closed);
    let gov: demurrage_token::msg::GovernanceResponse = query(
        &chain,
        &token,
        &demurrage_token::msg::QueryMsg::Governance {},
    )
    .unwrap();
    assert_eq!(gov.membership_authority, council);
}
