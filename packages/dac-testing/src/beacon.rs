//! A deterministic test beacon for native simulations: drand quicknet's scheme (BLS12-381,
//! signature on G1, message `sha256(round as big-endian u64)` hashed to G1 with quicknet's DST,
//! public key on G2) under a published secret key, so a simulation can reveal the beacon of any
//! round a council commits to. Its councils verify it exactly as quicknet's (the same hash to the
//! curve and pairing check, `council::execute::sortition::verify_beacon`), because this crate
//! builds the council with its `test-beacon` feature; that feature refuses to compile for wasm,
//! so no council on a chain accepts this key (SECURITY.md says why it must not).

use ark_bls12_381::{Fr, G1Affine, G2Affine};
use ark_ec::{AffineRepr, CurveGroup};
use ark_ff::PrimeField;
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
use cosmwasm_std::testing::MockApi;
use cosmwasm_std::{Api, HashFunction, HexBinary};
use council::execute::sortition::QUICKNET_DST;
use sha2::{Digest, Sha256};

/// The test beacon's secret key, published on purpose: `sha256("dac-contracts test beacon")`,
/// read as a big-endian scalar (it is below the group order).
pub const SECRET_KEY: [u8; 32] = [
    0x47, 0x1b, 0x9c, 0x75, 0x9b, 0x72, 0x05, 0xab, 0xbc, 0xaf, 0x70, 0x1b, 0xd4, 0x34, 0xc2, 0x72,
    0x0e, 0x3c, 0x36, 0x3e, 0x82, 0x50, 0x74, 0xbe, 0xc2, 0xc4, 0x86, 0x77, 0xb6, 0x06, 0x4e, 0xbe,
];

fn scalar(secret_key: &[u8; 32]) -> Fr {
    Fr::from_be_bytes_mod_order(secret_key)
}

/// The compressed G2 public key of `secret_key`.
pub fn public_key_of(secret_key: &[u8; 32]) -> HexBinary {
    let point = (G2Affine::generator() * scalar(secret_key)).into_affine();
    let mut out = Vec::with_capacity(96);
    point
        .serialize_compressed(&mut out)
        .expect("a G2 point serializes");
    out.into()
}

/// The test beacon's public key (the council's `TEST_BEACON_PUBLIC_KEY`).
pub fn public_key() -> HexBinary {
    public_key_of(&SECRET_KEY)
}

/// `secret_key`'s signature of `round` in quicknet's scheme.
pub fn sign_with(secret_key: &[u8; 32], round: u64) -> HexBinary {
    let message = Sha256::digest(round.to_be_bytes());
    let hashed = MockApi::default()
        .bls12_381_hash_to_g1(HashFunction::Sha256, &message, QUICKNET_DST)
        .expect("hashing to G1 never fails");
    let point = G1Affine::deserialize_compressed(&hashed[..]).expect("the hash is a point of G1");
    let signature = (point * scalar(secret_key)).into_affine();
    let mut out = Vec::with_capacity(48);
    signature
        .serialize_compressed(&mut out)
        .expect("a G1 point serializes");
    out.into()
}

/// The test beacon of `round`: what a simulation reveals for a panel committed to it.
pub fn sign(round: u64) -> HexBinary {
    sign_with(&SECRET_KEY, round)
}

#[cfg(test)]
mod tests {
    use super::*;
    use council::execute::sortition::{verify_beacon, QUICKNET_PUBLIC_KEY, TEST_BEACON_PUBLIC_KEY};
    use council::ContractError;

    /// drand quicknet round 5928395 and its published signature.
    const QUICKNET_ROUND: u64 = 5_928_395;
    const QUICKNET_SIGNATURE: &str = "a5d07c0071b4e386b3ae09206522253c68fefe8490ad59ecc44a7dd0d0745be91da5779e2247a82403fbc0cb9a34cb61";

    #[test]
    fn the_secret_key_is_the_documented_hash_and_its_public_key_the_councils() {
        assert_eq!(
            SECRET_KEY.as_slice(),
            Sha256::digest(b"dac-contracts test beacon").as_slice()
        );
        assert_eq!(public_key().to_hex(), TEST_BEACON_PUBLIC_KEY);
        assert_ne!(public_key().to_hex(), QUICKNET_PUBLIC_KEY);
    }

    #[test]
    fn a_test_beacon_verifies_as_quicknet_does_and_only_for_its_round_and_key() {
        let api = MockApi::default();
        let round = 24_000_000;
        verify_beacon(&api, round, &sign(round)).unwrap();
        assert_eq!(
            verify_beacon(&api, round + 1, &sign(round)),
            Err(ContractError::BadBeacon(round + 1)),
            "a signature of another round"
        );
        let mut other_key = SECRET_KEY;
        other_key[31] ^= 1;
        assert_eq!(
            verify_beacon(&api, round, &sign_with(&other_key, round)),
            Err(ContractError::BadBeacon(round)),
            "a signature under another key"
        );
        // Quicknet's own beacons still verify with the feature on.
        let quicknet = HexBinary::from_hex(QUICKNET_SIGNATURE).unwrap();
        verify_beacon(&api, QUICKNET_ROUND, &quicknet).unwrap();
        assert_ne!(sign(QUICKNET_ROUND), quicknet);
    }

    /// The vector packages/dac-bench submits to the shipped council.wasm, which must refuse it.
    #[test]
    fn the_bench_vector_is_the_test_beacon_of_its_round() {
        assert_eq!(sign(QUICKNET_ROUND).to_hex(), "8eaf44dd7b8f13bde6449d844c6672d0e7d38a3935ee0f78d9c548eb3a99b80972641fe8a3c196cffe90fa979d3f0be9");
    }
}
