//! What the IBC stories share: the two nodes of [`dac_testing::TwoNodes`], deployed through the
//! recipe with guest nights at a test price, and five people on each node with money of their
//! own (paid by a founder, so they are not members and receive no basic income).

#![allow(dead_code)]

use cosmwasm_std::Uint128;
use dac_testing::dac_ibc_harness::Side;
use dac_testing::TwoNodes;

pub const PEOPLE: [&str; 5] = ["alice", "bob", "carol", "payer", "arb"];
pub const START_BALANCE: u128 = 1_000_000;
/// Price of a guest night in every registry of the stories.
pub const GUEST_NIGHT: u128 = 500;

/// Both nodes deployed through the recipe, guest nights at [`GUEST_NIGHT`]; on each, the first
/// founder pays every one of [`PEOPLE`] [`START_BALANCE`].
pub fn deploy() -> TwoNodes {
    let mut w = TwoNodes::deploy_with(|cfg| cfg.guest_price_per_day = Uint128::new(GUEST_NIGHT));
    for side in [Side::A, Side::B] {
        for person in PEOPLE {
            w.pay(side, "ada", person, START_BALANCE)
                .expect("a founder can pay");
        }
    }
    w
}
