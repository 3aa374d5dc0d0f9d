//! Property: over random transfers both ways, returns, relaying, timeouts and months of
//! demurrage, no value is created or lost across the two nodes. For each node's token:
//! the units its relay holds for the other node equal the vouchers outstanding there plus the
//! vouchers on their way home; the relay's holdings are worth exactly those units plus the
//! transfers in flight (to rounding); and the token's own books still balance.

mod ibc_common;

use dac_ibc_harness::Side;
use ibc_common::*;
use ibc_relay::holdings::value_of_units;
use ibc_relay::packet::RelayPacket;
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Op {
    Send {
        from_a: bool,
        user: usize,
        to: usize,
        amount: u128,
        short_timeout: bool,
    },
    Return {
        origin_a: bool,
        user: usize,
        to: usize,
        percent: u128,
        short_timeout: bool,
    },
    RelayNext,
    ExpireAfterHours(u64),
    WaitDays(u64),
}

fn side(a: bool) -> Side {
    if a {
        Side::A
    } else {
        Side::B
    }
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (any::<bool>(), 0..3usize, 0..3usize, 1u128..60_000, any::<bool>()).prop_map(
            |(from_a, user, to, amount, short_timeout)| Op::Send { from_a, user, to, amount, short_timeout }
        ),
        2 => (any::<bool>(), 0..3usize, 0..3usize, 1u128..=100, any::<bool>()).prop_map(
            |(origin_a, user, to, percent, short_timeout)| Op::Return { origin_a, user, to, percent, short_timeout }
        ),
        3 => Just(Op::RelayNext),
        1 => (1u64..48).prop_map(Op::ExpireAfterHours),
        1 => (1u64..120).prop_map(Op::WaitDays),
    ]
}

fn apply(w: &mut World, op: &Op) {
    match *op {
        Op::Send {
            from_a,
            user,
            to,
            amount,
            short_timeout,
        } => {
            let timeout = if short_timeout { 3_600 } else { 30 * DAY };
            // May be refused (not enough balance, dust): then nothing happens.
            let _ = w.send_tokens(side(from_a), PEOPLE[user], PEOPLE[to], amount, timeout);
        }
        Op::Return {
            origin_a,
            user,
            to,
            percent,
            short_timeout,
        } => {
            let origin = side(origin_a);
            let shares = w.vouchers(origin, PEOPLE[user]) * percent / 100;
            if shares > 0 {
                let timeout = if short_timeout { 3_600 } else { 30 * DAY };
                w.return_vouchers(origin.other(), PEOPLE[user], PEOPLE[to], shares, timeout)
                    .unwrap();
            }
        }
        Op::RelayNext => {
            w.relayer.relay_next().unwrap();
        }
        Op::ExpireAfterHours(h) => {
            w.advance_both(h * 3_600);
            w.relayer.timeout_expired().unwrap();
        }
        Op::WaitDays(d) => w.advance_both(d * DAY),
    }
}

/// Shares of `kind` packets pending on `side`.
fn pending_shares(w: &World, side: Side, returns: bool) -> u128 {
    w.pending(side)
        .packets
        .iter()
        .map(|p| match (&p.body, returns) {
            (RelayPacket::Transfer { shares, .. }, false) => shares.u128(),
            (RelayPacket::Return { shares, .. }, true) => shares.u128(),
            _ => 0,
        })
        .sum()
}

fn check(w: &World) {
    for origin in [Side::A, Side::B] {
        let h = w.holdings(origin);
        let held_units: u128 = h.nodes.iter().map(|n| n.units.u128()).sum();
        let held_value: u128 = h.nodes.iter().map(|n| n.value.u128()).sum();
        // Every unit is held for the other node or in flight towards it.
        assert_eq!(h.total_units.u128(), held_units + h.in_flight_units.u128());
        assert_eq!(h.in_flight_units.u128(), pending_shares(w, origin, false));
        // What is held for the other node is exactly what is outstanding there.
        let outstanding = w.voucher_supply(origin) + pending_shares(w, origin.other(), true);
        assert_eq!(
            held_units, outstanding,
            "units held vs vouchers outstanding"
        );
        // The holdings are worth the held units plus the transfers in flight, to rounding.
        let relay = w.node(origin).relay.clone();
        let balance = w.balance(origin, &relay);
        assert_eq!(balance, h.balance.u128());
        let in_flight_value = value_of_units(h.total_units, h.balance, h.in_flight_units)
            .unwrap()
            .u128();
        assert!(held_value + in_flight_value <= balance);
        assert!(
            balance - (held_value + in_flight_value) <= 2,
            "relay holds {balance}, owes {held_value} + {in_flight_value}"
        );
        // The token's books: every holder's balance and the pool add up to the fixed supply,
        // short by under one unit per holder (each balance rounds down).
        let pool = w.pool(origin);
        let mut total = balance + pool.pool.u128();
        for p in PEOPLE {
            total += w.balance(origin, &w.addr(origin, p));
        }
        let supply = pool.total_supply.u128();
        let holders = PEOPLE.len() as u128 + 1;
        assert!(
            total <= supply && supply - total <= holders,
            "books {total} vs supply {supply}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]
    #[test]
    fn value_held_plus_outstanding_is_conserved(ops in proptest::collection::vec(op(), 1..16)) {
        let (mut w, _) = world();
        for op in &ops {
            apply(&mut w, op);
            check(&w);
        }
        // Deliver everything, then bring every voucher home: the relays end up holding dust.
        w.relayer.relay_all().unwrap();
        check(&w);
        for origin in [Side::A, Side::B] {
            for (i, p) in PEOPLE.iter().enumerate().take(3) {
                let shares = w.vouchers(origin, p);
                if shares > 0 {
                    w.return_vouchers(origin.other(), p, PEOPLE[i], shares, DAY).unwrap();
                }
            }
        }
        let outcomes = w.relayer.relay_all().unwrap();
        prop_assert!(outcomes.iter().all(|o| !o.is_error_ack()));
        check(&w);
        for origin in [Side::A, Side::B] {
            let relay = w.node(origin).relay.clone();
            prop_assert_eq!(w.voucher_supply(origin), 0);
            prop_assert!(w.balance(origin, &relay) <= 2);
        }
    }
}
