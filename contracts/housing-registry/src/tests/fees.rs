use cosmwasm_std::{CosmosMsg, WasmMsg};
use cw20::Cw20ExecuteMsg;

use super::*;
use crate::execute::fees::fee_per_period;
use crate::msg::{ArrearsResponse, ListArrearsResponse};

fn arrears(t: &T, who: &Addr) -> ArrearsResponse {
    t.q(QueryMsg::Arrears {
        address: who.to_string(),
    })
}

fn pay(t: &mut T, payer: &Addr, amount: u128, holder: Option<&Addr>) -> Response {
    t.send(
        payer,
        amount,
        ReceiveMsg::PayFees {
            holder: holder.map(|h| h.to_string()),
        },
    )
    .unwrap()
}

#[test]
fn the_fee_is_progressive_in_excess_rooms() {
    let p = fee_params();
    assert_eq!(fee_per_period(&p, 2, 2).unwrap(), Uint128::new(100));
    assert_eq!(fee_per_period(&p, 1, 3).unwrap(), Uint128::new(100));
    assert_eq!(fee_per_period(&p, 3, 2).unwrap(), Uint128::new(150));
    assert_eq!(fee_per_period(&p, 4, 2).unwrap(), Uint128::new(250));
    assert_eq!(fee_per_period(&p, 5, 2).unwrap(), Uint128::new(400));
}

#[test]
fn unpaid_fees_become_arrears_and_never_evict() {
    let mut t = T::new();
    let (holder, home) = t.housed("holder", 4, 2); // fee 250
    t.advance_days(29);
    assert!(arrears(&t, &holder).arrears.is_zero());
    t.advance_days(1 + 30 * 11);
    let a = arrears(&t, &holder);
    assert_eq!(a.arrears, Uint128::new(250 * 12));
    assert_eq!(a.home_id, Some(home));
    let list: ListArrearsResponse = t.q(QueryMsg::ListArrears {
        start_after: None,
        limit: None,
    });
    assert_eq!(list.accounts, vec![a]);
    // A year in arrears: the home stays, and nobody can start due process against a member.
    let anyone = t.addr("anyone");
    t.refused(&anyone, ExecuteMsg::CheckMembership { home_id: home });
    assert_eq!(t.home_of(&holder), Some(home));
}

#[test]
fn payments_clear_arrears_first_then_build_credit_and_go_to_the_treasury() {
    let mut t = T::new();
    let (holder, _) = t.housed("holder", 2, 2); // fee 100
    t.advance_days(60);
    let res = pay(&mut t, &holder, 150, None);
    assert_eq!(
        res.messages[0].msg,
        CosmosMsg::Wasm(WasmMsg::Execute {
            contract_addr: t.token.to_string(),
            msg: to_json_binary(&Cw20ExecuteMsg::Transfer {
                recipient: t.treasury.to_string(),
                amount: Uint128::new(150),
            })
            .unwrap(),
            funds: vec![],
        })
    );
    let a = arrears(&t, &holder);
    assert_eq!((a.arrears, a.credit), (Uint128::new(50), Uint128::zero()));
    // A friend pays for the holder, with a surplus that covers the next periods.
    let friend = t.addr("friend");
    pay(&mut t, &friend, 250, Some(&holder));
    let a = arrears(&t, &holder);
    assert_eq!((a.arrears, a.credit), (Uint128::zero(), Uint128::new(200)));
    t.advance_days(90);
    let a = arrears(&t, &holder);
    assert_eq!((a.arrears, a.credit), (Uint128::new(100), Uint128::zero()));
    assert_eq!(a.paid_total, Uint128::new(400));
}

#[test]
fn bad_payments_are_refused() {
    let mut t = T::new();
    let nobody = t.addr("nobody");
    let token = t.token.clone();
    for (amount, err) in [
        (0u128, ContractError::ZeroPayment),
        (10, ContractError::NoFeeAccount),
    ] {
        assert_eq!(
            t.refused(
                &token,
                ExecuteMsg::Receive(Cw20ReceiveMsg {
                    sender: nobody.to_string(),
                    amount: Uint128::new(amount),
                    msg: to_json_binary(&ReceiveMsg::PayFees { holder: None }).unwrap(),
                })
            ),
            err
        );
    }
}

#[test]
fn leaving_charges_the_started_period_and_keeps_the_arrears() {
    let mut t = T::new();
    let (holder, home) = t.housed("holder", 2, 2);
    t.advance_days(45);
    t.exec(&holder, ExecuteMsg::Relinquish { home_id: home })
        .unwrap();
    let a = arrears(&t, &holder);
    assert_eq!((a.arrears, a.home_id), (Uint128::new(200), None));
    t.advance_days(365);
    assert_eq!(arrears(&t, &holder).arrears, Uint128::new(200));
}

#[test]
fn household_changes_and_new_rates_apply_from_the_period_in_progress() {
    let mut t = T::new();
    let (holder, home) = t.housed("holder", 3, 1); // fee 100 + 50×3 = 250
    assert_eq!(arrears(&t, &holder).fee_per_period, Uint128::new(250));
    t.advance_days(30);
    t.exec(
        &holder,
        ExecuteMsg::UpdateHousehold {
            home_id: home,
            household_size: 3,
            evidence_commitment: Some(PLAN.into()),
        },
    )
    .unwrap();
    let admin = t.admin.clone();
    t.exec(
        &admin,
        ExecuteMsg::DecideHousehold {
            home_id: home,
            approve: true,
        },
    )
    .unwrap();
    let a = arrears(&t, &holder);
    assert_eq!(
        (a.arrears, a.fee_per_period),
        (Uint128::new(250), Uint128::new(100))
    );

    let mut fees = fee_params();
    fees.base_fee = Uint128::new(120);
    t.exec(
        &admin,
        ExecuteMsg::UpdateConfig {
            treasury: None,
            fees: Some(fees),
            guest: None,
            grace_period_seconds: None,
            score_weights: None,
        },
    )
    .unwrap();
    // Not applied until the account is settled (no iteration over all holders).
    assert_eq!(arrears(&t, &holder).fee_per_period, Uint128::new(100));
    t.advance_days(30);
    let anyone = t.addr("anyone");
    t.exec(
        &anyone,
        ExecuteMsg::RefreshFees {
            address: holder.to_string(),
        },
    )
    .unwrap();
    let a = arrears(&t, &holder);
    assert_eq!(
        (a.arrears, a.fee_per_period),
        (Uint128::new(350), Uint128::new(120))
    );
}

#[test]
fn list_arrears_pages_over_accounts() {
    let mut t = T::new();
    let mut holders = vec![];
    for i in 0..5 {
        holders.push(t.housed(&format!("h{i}"), 1, 1).0);
    }
    t.advance_days(30);
    pay(&mut t, &holders[2].clone(), 100, None);
    let mut seen = vec![];
    let mut start_after = None;
    loop {
        let page: ListArrearsResponse = t.q(QueryMsg::ListArrears {
            start_after: start_after.clone(),
            limit: Some(2),
        });
        seen.extend(page.accounts.into_iter().map(|a| a.address));
        match page.next_start_after {
            Some(next) => start_after = Some(next),
            None => break,
        }
    }
    seen.sort();
    let mut expected: Vec<String> = holders
        .iter()
        .filter(|h| **h != holders[2])
        .map(|h| h.to_string())
        .collect();
    expected.sort();
    assert_eq!(seen, expected);
}

/// Finding 17: prepaid credit kept its face value while the treasury's money decayed, so
/// years of fees bought today escaped demurrage. Now it decays like a holding of the token
/// (the token's own index), rounded down.
#[test]
fn prepaid_credit_decays_like_a_holding() {
    let mut t = T::new();
    let (holder, _) = t.housed("holder", 2, 2); // fee 100
    pay(&mut t, &holder, 1_000, None);
    assert_eq!(arrears(&t, &holder).credit, Uint128::new(1_000));
    // The token's index falls by a tenth: so does the credit, as any balance would.
    *t.index.borrow_mut() = INDEX_SCALE * Uint256::from(9u32) / Uint256::from(10u32);
    assert_eq!(arrears(&t, &holder).credit, Uint128::new(900));
    // A period later the fee is paid from the decayed credit.
    t.advance_days(30);
    let a = arrears(&t, &holder);
    assert_eq!((a.credit, a.arrears), (Uint128::new(800), Uint128::zero()));
    // Settled at 0.9; a further fall decays only what is left, from there, rounded down.
    let anyone = t.addr("anyone");
    t.exec(
        &anyone,
        ExecuteMsg::RefreshFees {
            address: holder.to_string(),
        },
    )
    .unwrap();
    *t.index.borrow_mut() =
        INDEX_SCALE * Uint256::from(8u32) / Uint256::from(10u32) - Uint256::one();
    // 800 · (0.8 − ε) / 0.9 = 711.1…: 711.
    assert_eq!(arrears(&t, &holder).credit, Uint128::new(711));
    // New money joins at today's value and decays from today.
    pay(&mut t, &holder, 289, None);
    assert_eq!(arrears(&t, &holder).credit, Uint128::new(1_000));
    *t.index.borrow_mut() = INDEX_SCALE * Uint256::from(4u32) / Uint256::from(10u32);
    assert_eq!(arrears(&t, &holder).credit, Uint128::new(500));
}
