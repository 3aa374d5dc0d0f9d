//! Sortition: panels drawn at random from a council's frozen membership.
//!
//! 1. `CommitDraw` freezes the candidates (the council's roster at the start of this block) and
//!    names the drand quicknet round that will draw them: the first round published after
//!    block time + `drand_margin_seconds`. Block time can lag wall time (a slow or halted
//!    chain; the first block after a halt carries a time from before it), so a margin of a few
//!    rounds could name a beacon already public; the margin (default an hour) must exceed any
//!    lag. A panel drawn for an escrow dispute records the deal (verified with the escrow),
//!    ends at the escrow's panel deadline, and is the only live panel for that deal.
//! 2. Anyone submits that round's BLS signature (`RevealDraw`). The contract verifies it against
//!    the quicknet public key with the BLS12-381 host functions: signature on G1, key on G2,
//!    message `sha256(round as big-endian u64)`, hashed to G1 with
//!    `BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_`. A signature is unique per round, so the
//!    submitter has no choice to make.
//! 3. The draw (reproducible by anyone from the public inputs):
//!    `randomness = sha256(signature)`; for step `j = 0, 1, ...` (at most `MAX_DRAW_STEPS`),
//!    `r_j = first 8 bytes, big-endian, of sha256(randomness || panel_id as u64 BE || j as u64 BE)`
//!    and a partial Fisher-Yates shuffle of roster positions `0..N` swaps position `j` with
//!    `j + r_j mod (N - j)`; the candidate now at position `j` is drawn (without replacement),
//!    unless stratification skips them (their delegate seat's sub-council is full), until
//!    `size` are drawn. The modulo bias is below `N / 2^64`.

use cosmwasm_std::{
    Addr, Api, Binary, ContractResult, Deps, DepsMut, Env, HashFunction, HexBinary, MessageInfo,
    Response, Storage, SystemResult, Timestamp, BLS12_381_G2_GENERATOR,
};
use dac_common::de::{read, FromJson};
use dac_common::json::to_json_binary;
use sha2::{Digest, Sha256};

use crate::attributes::*;
use crate::execute::councils::load_council;
use crate::execute::roles;
use crate::execute::{require_executive, validate_text};
use crate::msg::CommitDrawMsg;
use crate::msg::{PanelStatus, Seat};
use crate::state::{
    next_id, Config, Panel, CONFIG, COUNCIL_SEATS, COUNCIL_SIZE, DEAL_PANELS, MAX_DRAW_STEPS,
    MAX_PANEL_SIZE, MAX_TITLE_LEN, PANELS, PANEL_COUNT, ROSTER,
};
use crate::ContractError;

/// drand quicknet (`bls-unchained-g1-rfc9380`), chain hash
/// 52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971.
pub const QUICKNET_PUBLIC_KEY: &str = "83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a";
pub const QUICKNET_GENESIS_SECONDS: u64 = 1_692_803_367;
pub const QUICKNET_PERIOD_SECONDS: u64 = 3;
pub const QUICKNET_DST: &[u8] = b"BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_";

/// Asks the escrow `msg` (its query JSON). The request is written by hand: serializing a
/// `QueryRequest` and displaying the querier's errors would link ~14 KiB of wasm for two queries.
fn query_escrow<T: FromJson>(deps: Deps, escrow: &Addr, msg: &[u8]) -> Result<T, ContractError> {
    // A validated address is bech32: nothing in it needs escaping.
    let request = format!(
        r#"{{"wasm":{{"smart":{{"contract_addr":"{escrow}","msg":"{}"}}}}}}"#,
        Binary::from(msg).to_base64()
    );
    match deps.querier.raw_query(request.as_bytes()) {
        SystemResult::Ok(ContractResult::Ok(answer)) => Ok(read(&answer)?),
        _ => Err(ContractError::EscrowUnreachable),
    }
}

/// The parts of the escrow's `config` and `deal` answers the council reads (other fields are
/// ignored), read by the lean reader; defined by a macro so that the tests can derive serde's
/// reader of the same types and compare the two.
macro_rules! escrow_answers {
    ($derive:path) => {
        #[derive($derive)]
        #[cfg_attr(test, derive(Debug))]
        struct EscrowConfig {
            council: Option<String>,
        }

        #[derive($derive)]
        #[cfg_attr(test, derive(Debug))]
        struct EscrowDeal {
            status: String,
            next_deadline: Option<Timestamp>,
        }
    };
}

escrow_answers!(dac_common::LeanDeserialize);

/// The panel deadline of `deal_id` at the configured escrow, after checking that the escrow
/// names this council and the deal waits for a panel.
fn dispute_deadline(
    deps: Deps,
    env: &Env,
    config: &Config,
    deal_id: u64,
) -> Result<Timestamp, ContractError> {
    let escrow = config.escrow.as_ref().ok_or(ContractError::NoEscrow)?;
    let escrow_config: EscrowConfig = query_escrow(deps, escrow, br#"{"config":{}}"#)?;
    let council = escrow_config
        .council
        .map(|c| deps.api.addr_validate(&c))
        .transpose()?;
    if council.as_ref() != Some(&env.contract.address) {
        return Err(ContractError::EscrowNotBound);
    }
    let deal: EscrowDeal = query_escrow(
        deps,
        escrow,
        format!(r#"{{"deal":{{"deal_id":{deal_id}}}}}"#).as_bytes(),
    )?;
    match (deal.status.as_str(), deal.next_deadline) {
        ("appealed" | "awaiting_panel", Some(panel_by)) if panel_by > env.block.time => {
            Ok(panel_by)
        }
        _ => Err(ContractError::DealNotAwaitingPanel { deal_id }),
    }
}

pub fn load_panel(storage: &dyn Storage, panel_id: u64) -> Result<Panel, ContractError> {
    PANELS
        .may_load(storage, panel_id)?
        .ok_or(ContractError::NoPanel(panel_id))
}

/// The latest quicknet round published at `unix_seconds` (0 before genesis).
pub fn latest_round(unix_seconds: u64) -> u64 {
    match unix_seconds.checked_sub(QUICKNET_GENESIS_SECONDS) {
        Some(elapsed) => elapsed / QUICKNET_PERIOD_SECONDS + 1,
        None => 0,
    }
}

/// The round a commit at `time` names: the first published after `time + margin`.
pub fn commit_round(time: Timestamp, margin_seconds: u64) -> u64 {
    latest_round(time.seconds().saturating_add(margin_seconds)) + 1
}

/// The deterministic test beacon's public key: quicknet's scheme under the secret key
/// `sha256("dac-contracts test beacon")`, published in `dac_testing::beacon` so native
/// simulations can sign any round. Anyone can, in advance: only native builds with the
/// `test-beacon` feature accept it, and `lib.rs` refuses that feature on wasm32.
#[cfg(feature = "test-beacon")]
pub const TEST_BEACON_PUBLIC_KEY: &str = "8397a2e910d773e2a6040888e25a48d128069d14c186025eff242c56167533908e2945b3291ebeafac506aebbe2c9c591771cee1a10eb2dc90a7f8f08a789188405d14680973767189fd093939a09efe658a7b50e91c796d2638fa520cbe977d";

/// Verifies a quicknet beacon: e(signature, g2) == e(H(sha256(round)), public_key). With the
/// `test-beacon` feature (native only), a signature under [`TEST_BEACON_PUBLIC_KEY`] verifies
/// too, by the same hash and pairing.
pub fn verify_beacon(api: &dyn Api, round: u64, signature: &[u8]) -> Result<(), ContractError> {
    let bad = || ContractError::BadBeacon(round);
    if signature.len() != 48 {
        return Err(bad());
    }
    // HexBinary's reader, which signatures already need (hex's own would be another 1.4 KiB).
    let public_key = HexBinary::from_hex(QUICKNET_PUBLIC_KEY).map_err(|_| bad())?;
    let message = Sha256::digest(round.to_be_bytes());
    let hashed = api
        .bls12_381_hash_to_g1(HashFunction::Sha256, &message, QUICKNET_DST)
        .map_err(|_| bad())?;
    let valid = api
        .bls12_381_pairing_equality(signature, &BLS12_381_G2_GENERATOR, &hashed, &public_key)
        .map_err(|_| bad())?;
    // Without the feature this function is exactly the wasm's: the line below is not compiled.
    #[cfg(feature = "test-beacon")]
    let valid = valid || signed_by_test_key(api, signature, &hashed).map_err(|_| bad())?;
    if valid {
        Ok(())
    } else {
        Err(bad())
    }
}

#[cfg(feature = "test-beacon")]
fn signed_by_test_key(
    api: &dyn Api,
    signature: &[u8],
    hashed: &[u8],
) -> Result<bool, cosmwasm_std::VerificationError> {
    let public_key = HexBinary::from_hex(TEST_BEACON_PUBLIC_KEY)
        .map_err(|_| cosmwasm_std::VerificationError::InvalidPubkeyFormat)?;
    api.bls12_381_pairing_equality(signature, &BLS12_381_G2_GENERATOR, hashed, &public_key)
}

/// `r_j` of the documented draw.
pub fn draw_word(randomness: &[u8; 32], panel_id: u64, step: u64) -> u64 {
    let digest = Sha256::new()
        .chain_update(randomness)
        .chain_update(panel_id.to_be_bytes())
        .chain_update(step.to_be_bytes())
        .finalize();
    let mut word = [0u8; 8];
    word.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(word)
}

/// Roster positions in draw order: a partial Fisher-Yates shuffle of `0..candidates`, at most
/// `steps` long. Pure, so anyone can reproduce it.
pub fn shuffled_positions(
    randomness: &[u8; 32],
    panel_id: u64,
    candidates: u64,
    steps: u64,
) -> Vec<u64> {
    // The swapped entries, sorted by position (a sorted Vec: a BTreeMap links ~4 KiB more).
    let mut moved: Vec<(u64, u64)> = Vec::new();
    let at = |moved: &[(u64, u64)], position: u64| {
        moved
            .binary_search_by_key(&position, |&(p, _)| p)
            .map_or(position, |i| moved[i].1)
    };
    let mut out = Vec::new();
    for j in 0..candidates.min(steps) {
        let pick = j + draw_word(randomness, panel_id, j) % (candidates - j);
        let at_pick = at(&moved, pick);
        let at_j = at(&moved, j);
        match moved.binary_search_by_key(&pick, |&(p, _)| p) {
            Ok(i) => moved[i].1 = at_j,
            Err(i) => moved.insert(i, (pick, at_j)),
        }
        out.push(at_pick);
    }
    out
}

pub fn commit_draw(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: CommitDrawMsg,
) -> Result<Response, ContractError> {
    let CommitDrawMsg {
        council_id,
        size,
        max_per_subcouncil,
        purpose,
        deal_id,
    } = msg;
    let config = CONFIG.load(deps.storage)?;
    if roles::require_role(
        deps.storage,
        &config,
        roles::Role::DrawRequester,
        &info.sender,
    )
    .is_err()
    {
        require_executive(deps.as_ref(), &env, &info, "commit a draw")?;
    }
    load_council(deps.storage, council_id)?;
    validate_text(&purpose, "purpose", MAX_TITLE_LEN)?;
    let min = config.limits.min_panel_size;
    if size < min || size > MAX_PANEL_SIZE {
        return Err(ContractError::PanelSizeOutOfRange {
            min,
            max: MAX_PANEL_SIZE,
        });
    }
    let latest = env.block.time.plus_seconds(config.limits.max_panel_seconds);
    let panel_by = match deal_id {
        None => None,
        Some(deal_id) => {
            let panel_by = dispute_deadline(deps.as_ref(), &env, &config, deal_id)?;
            // One panel per dispute (stage): committing several and keeping a friendly draw
            // fails. A later dispute of the same deal gets its own panel.
            if let Some(previous) = DEAL_PANELS.may_load(deps.storage, deal_id)? {
                let previous_panel = load_panel(deps.storage, previous)?;
                let same_dispute = match previous_panel.panel_by {
                    Some(stage) => stage == panel_by,
                    None => env.block.time < previous_panel.expires,
                };
                if same_dispute {
                    return Err(ContractError::DealHasPanel {
                        deal_id,
                        panel_id: previous,
                    });
                }
            }
            Some(panel_by)
        }
    };
    let expires = panel_by.map_or(latest, |by| by.min(latest));
    if max_per_subcouncil == Some(0) {
        return Err(ContractError::ZeroMaxPerSubcouncil);
    }
    let height = env.block.height;
    let candidates = COUNCIL_SIZE
        .may_load_at_height(deps.storage, council_id, height)?
        .unwrap_or_default();
    if candidates == 0 {
        return Err(ContractError::NoCandidates { council_id });
    }
    let now_round = latest_round(env.block.time.seconds());
    if now_round == 0 {
        return Err(ContractError::BeforeDrandGenesis);
    }
    let round = commit_round(env.block.time, config.limits.drand_margin_seconds);
    let id = next_id(deps.storage, &PANEL_COUNT)?;
    if let Some(deal_id) = deal_id {
        DEAL_PANELS.save(deps.storage, deal_id, &id)?;
    }
    PANELS.save(
        deps.storage,
        id,
        &Panel {
            id,
            council_id,
            purpose,
            requested_by: info.sender.clone(),
            size,
            max_per_subcouncil,
            snapshot_height: height,
            candidates,
            round,
            status: PanelStatus::Committed,
            randomness: None,
            members: vec![],
            deal_id,
            expires,
            panel_by,
        },
    )?;
    Ok(Response::new()
        .add_attribute(ACTION, ACT_COMMIT_DRAW)
        .add_attribute(SENDER, info.sender)
        .add_attribute(PANEL_ID, id.to_string())
        .add_attribute(COUNCIL_ID, council_id.to_string())
        .add_attribute(ROUND, round.to_string())
        .set_data(to_json_binary(&id)?))
}

/// Draws the members of a committed panel from `randomness` (see the module doc).
pub fn draw_members(
    storage: &dyn Storage,
    panel: &Panel,
    randomness: &[u8; 32],
) -> Result<Vec<Addr>, ContractError> {
    let mut chosen: Vec<Addr> = Vec::new();
    // (sub-council, panelists drawn from its delegates); at most `panel.size` entries.
    let mut per_stratum: Vec<(u64, u32)> = Vec::new();
    let positions = shuffled_positions(randomness, panel.id, panel.candidates, MAX_DRAW_STEPS);
    for position in positions {
        if chosen.len() as u32 >= panel.size {
            break;
        }
        let candidate = ROSTER
            .may_load_at_height(storage, (panel.council_id, position), panel.snapshot_height)?
            .ok_or(ContractError::RosterIncomplete {
                council_id: panel.council_id,
                position,
            })?;
        if let Some(limit) = panel.max_per_subcouncil {
            let seat = COUNCIL_SEATS.may_load_at_height(
                storage,
                (panel.council_id, &candidate),
                panel.snapshot_height,
            )?;
            if let Some(Seat::Delegate { of }) = seat {
                let i = match per_stratum.iter().position(|&(stratum, _)| stratum == of) {
                    Some(i) => i,
                    None => {
                        per_stratum.push((of, 0));
                        per_stratum.len() - 1
                    }
                };
                if per_stratum[i].1 >= limit {
                    continue;
                }
                per_stratum[i].1 += 1;
            }
        }
        chosen.push(candidate);
    }
    Ok(chosen)
}

pub fn reveal_draw(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    panel_id: u64,
    signature: HexBinary,
) -> Result<Response, ContractError> {
    let mut panel = load_panel(deps.storage, panel_id)?;
    if panel.status != PanelStatus::Committed {
        return Err(ContractError::PanelAlreadyDrawn { panel_id });
    }
    verify_beacon(deps.api, panel.round, signature.as_slice())?;
    if env.block.time >= panel.expires {
        return Err(ContractError::PanelExpired(panel_id));
    }
    let randomness: [u8; 32] = Sha256::digest(signature.as_slice()).into();
    panel.members = draw_members(deps.storage, &panel, &randomness)?;
    let randomness_hex = hex::encode(randomness);
    panel.randomness = Some(randomness_hex.clone());
    panel.status = PanelStatus::Drawn;
    PANELS.save(deps.storage, panel_id, &panel)?;
    let names: Vec<&str> = panel.members.iter().map(Addr::as_str).collect();
    Ok(Response::new()
        .add_attribute(ACTION, ACT_REVEAL_DRAW)
        .add_attribute(SENDER, info.sender)
        .add_attribute(PANEL_ID, panel_id.to_string())
        .add_attribute(ROUND, panel.round.to_string())
        .add_attribute(RANDOMNESS, randomness_hex)
        .add_attribute(PANELISTS, names.join(",")))
}

#[cfg(test)]
mod answer_tests {
    /// The same types with serde's reader (their fields are only printed).
    #[allow(dead_code)]
    mod by_serde {
        use cosmwasm_std::Timestamp;

        escrow_answers!(serde::Deserialize);

        /// How many of the inputs both read, alike (see `dac_common::de::read_alike`).
        pub fn read_alike(configs: &[&str], deals: &[&str]) -> (usize, usize) {
            use dac_common::de::read_alike;
            let owned = |inputs: &[&str]| inputs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
            (
                read_alike::<super::super::EscrowConfig, EscrowConfig>(&owned(configs)),
                read_alike::<super::super::EscrowDeal, EscrowDeal>(&owned(deals)),
            )
        }
    }

    #[test]
    fn escrow_answers_read_as_serde_reads_them() {
        let configs = [
            r#"{"token":"t","council":"c","panel_seconds":86400,"admin":"a","pending_admin":null}"#,
            r#"{"token":"t","council":null,"panel_seconds":1,"admin":"a"}"#,
            r#"{"token":"t"}"#,
            r#"{"council":7}"#,
            r#"{"council":"a","council":"b"}"#,
            r#"["c"]"#,
        ];
        let deals = [
            r#"{"deal":{"id":1},"status":"awaiting_panel","next_deadline":"1700000000000000000","value_held":"5","holdings":[],"panel_by":"1700000000000000000"}"#,
            r#"{"deal":{},"status":"appealed","next_deadline":null}"#,
            r#"{"status":"closed"}"#,
            r#"{"status":"appealed","next_deadline":1700000000}"#,
            r#"{"status":"appealed","next_deadline":"-1"}"#,
            r#"{"next_deadline":"1"}"#,
            r#"{"status":{"appealed":{}}}"#,
            r#"{"status":"a","next_deadline":"1","next_deadline":"1"}"#,
        ];
        assert_eq!(by_serde::read_alike(&configs, &deals), (3, 3));
    }
}
