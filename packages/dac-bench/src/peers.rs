//! The published contracts a user would otherwise deploy, under the workload of ours: each
//! function sets a peer up in the state our suite measured and returns the gas of its nearest
//! steps. They are built from their crates by `scripts/bench.sh` (its `PEERS`), not linked here:
//! their messages are written as JSON from their schemas.

use std::collections::HashSet;
use std::path::Path;

use cosmwasm_std_vm::{
    Addr, Binary, CosmosMsg, IbcAcknowledgement, IbcChannel, IbcChannelConnectMsg,
    IbcChannelOpenMsg, IbcEndpoint, IbcMsg, IbcOrder, IbcPacket, IbcPacketAckMsg,
    IbcPacketReceiveMsg, IbcPacketTimeoutMsg, IbcTimeout,
};
use serde_json::json;

use crate::report::Activity;
use crate::vm::{json, Contract, Gas, Vm};
use crate::Config;

/// Every peer's wasm (from `scripts/bench.sh`) and what it stands beside.
pub const PEERS: &[(&str, &str)] = &[
    ("cw20_base.wasm", "cw20-base 2.0.0: the token"),
    ("cw4_group.wasm", "cw4-group 2.0.0: the council's members"),
    (
        "cw3_flex_multisig.wasm",
        "cw3-flex-multisig 2.0.0: the council's proposals",
    ),
    ("cw20_escrow.wasm", "cw20-escrow 0.11.1: the escrow"),
    ("cw20_ics20.wasm", "cw20-ics20 2.0.0: the relay"),
    (
        "cw721_base.wasm",
        "cw721-base 0.22.0: the housing registry's rights",
    ),
];

pub const CW3: &str = "cw3-flex-multisig 2.0.0 + cw4-group 2.0.0";
pub const CW20_ESCROW: &str = "cw20-escrow 0.11.1";
pub const CW20_ICS20: &str = "cw20-ics20 2.0.0";
pub const CW721: &str = "cw721-base 0.22.0";

/// The peer's wasm, or `None` when it was not built (the suite then notes it).
pub fn wasm(config: &Config, file: &str) -> Option<std::path::PathBuf> {
    let path = config.peer(file);
    path.exists().then_some(path)
}

/// What the token's cw20 `balance` query costs it (10 holders, a day after they last moved):
/// our escrow and relay ask it before every deposit and payout.
pub fn token_balance_query_gas(vm: &Vm, config: &Config) -> Result<u64, String> {
    crate::token::balance_query_gas(vm, &config.artifact("demurrage_token.wasm"))
}

/// cw3-flex-multisig over a cw4-group of `members`, threshold 50% with a 30% quorum (the
/// council's rules in the bench): Propose, a Vote, and Execute once a majority voted yes.
pub struct Cw3Steps {
    pub propose: Gas,
    pub vote: Gas,
    pub execute: Gas,
}

pub fn cw3_flex(vm: &Vm, config: &Config, members: &[String]) -> Result<Cw3Steps, String> {
    let (Some(group_wasm), Some(multisig_wasm)) = (
        wasm(config, "cw4_group.wasm"),
        wasm(config, "cw3_flex_multisig.wasm"),
    ) else {
        return Err("cw4-group or cw3-flex-multisig not built".to_string());
    };
    let admin = vm.addr("admin");
    let mut group = vm.deploy(&group_wasm, "cw4-group")?;
    let list: Vec<_> = members
        .iter()
        .map(|m| json!({"addr": m, "weight": 1}))
        .collect();
    group.instantiate(&admin, &json!({"admin": admin, "members": list}))?;
    group.advance(6);
    // The vote's query: a member's weight at the proposal's start height.
    let at = json!({"member": {"addr": members[members.len() / 2], "at_height": group.height}});
    let (member_query, _) = group.query(&at)?;

    let mut multisig = vm.deploy(&multisig_wasm, "cw3-flex-multisig")?;
    {
        let mut world = multisig.world.borrow_mut();
        world.members = members.iter().cloned().collect::<HashSet<_>>();
        world
            .stores
            .insert(group.address.clone(), group.storage_snapshot());
        world
            .smart_query_gas
            .insert(group.address.clone(), member_query.total());
    }
    multisig.instantiate(
        &admin,
        &json!({
            "group_addr": group.address,
            "threshold": {"threshold_quorum": {"threshold": "0.5", "quorum": "0.3"}},
            "max_voting_period": {"time": 7 * 86_400},
            "executor": null,
            "proposal_deposit": null,
        }),
    )?;
    let propose = multisig.execute(
        &members[0],
        &json!({"propose": {
            "title": "Repair the north well",
            "description": "Spend from the commons on the well",
            "msgs": [],
            "latest": null,
        }}),
    )?;
    let vote_msg = json!({"vote": {"proposal_id": 1, "vote": "yes"}});
    let vote = multisig.execute(&members[1], &vote_msg)?;
    // The proposer voted yes with the proposal: a majority is n/2 + 1.
    for m in &members[2..=members.len() / 2] {
        multisig.execute(m, &vote_msg)?;
    }
    let execute = multisig.execute(&vm.addr("anyone"), &json!({"execute": {"proposal_id": 1}}))?;
    Ok(Cw3Steps {
        propose,
        vote,
        execute,
    })
}

/// cw20-escrow with `open` escrows open: a new one created (cw20 send), topped up by a second
/// deposit, and approved by its arbiter (paid out and removed).
pub struct EscrowSteps {
    pub create: Gas,
    pub top_up: Gas,
    pub approve: Gas,
}

pub fn cw20_escrow(vm: &Vm, config: &Config, open: usize) -> Result<EscrowSteps, String> {
    let wasm = wasm(config, "cw20_escrow.wasm").ok_or("cw20-escrow not built")?;
    let mut escrow = vm.deploy(&wasm, "cw20-escrow")?;
    let token = vm.addr("token");
    escrow.instantiate(&vm.addr("admin"), &json!({}))?;
    let arbiter = vm.addr("arbitrator");
    let create = |i: usize| {
        json!({"create": {
            "id": format!("deal{i}"),
            "arbiter": arbiter,
            "recipient": vm.addr(&format!("counterparty{i}")),
            "end_height": null,
            "end_time": null,
            "cw20_whitelist": null,
        }})
    };
    let stake = 5_000_000;
    for i in 0..open {
        let proposer = vm.addr(&format!("proposer{i}"));
        escrow.receive_cw20(&token, &proposer, stake, &create(i))?;
    }
    escrow.advance(7 * 86_400);
    let proposer = vm.addr(&format!("proposer{open}"));
    let (create, _) = escrow.receive_cw20(&token, &proposer, stake, &create(open))?;
    let counterparty = vm.addr(&format!("counterparty{open}"));
    let top_up = json!({"top_up": {"id": format!("deal{open}")}});
    let (top_up, _) = escrow.receive_cw20(&token, &counterparty, stake, &top_up)?;
    escrow.advance(30 * 86_400);
    let approve = escrow.execute(&arbiter, &json!({"approve": {"id": format!("deal{open}")}}))?;
    Ok(EscrowSteps {
        create,
        top_up,
        approve,
    })
}

/// cw20-ics20 with `pending` transfers sent and unacknowledged and as many received back:
/// a transfer out, its ack, a timeout (refund), and tokens coming home (vouchers returned).
pub struct Ics20Steps {
    pub transfer_out: Gas,
    pub ack: Gas,
    pub timeout: Gas,
    pub receive: Gas,
}

struct Ics20<'v> {
    contract: Contract<'v>,
    token: String,
    relayer: Addr,
    ours: IbcEndpoint,
    theirs: IbcEndpoint,
    sequence: u64,
}

impl Ics20<'_> {
    fn transfer_out(&mut self, from: &str) -> Result<(Gas, IbcPacket), String> {
        let hook = json!({
            "channel": self.ours.channel_id,
            "remote_address": format!("remote-receiver-of-{from}"),
            "timeout": null,
            "memo": null,
        });
        let token = self.token.clone();
        let (gas, response) = self.contract.receive_cw20(&token, from, 1_000_000, &hook)?;
        let packet = response
            .messages
            .iter()
            .find_map(|sub| match &sub.msg {
                CosmosMsg::Ibc(IbcMsg::SendPacket { data, timeout, .. }) => Some(IbcPacket::new(
                    data.clone(),
                    self.ours.clone(),
                    self.theirs.clone(),
                    self.sequence,
                    timeout.clone(),
                )),
                _ => None,
            })
            .ok_or("cw20-ics20 sent no packet")?;
        self.sequence += 1;
        Ok((gas, packet))
    }

    /// The remote chain sends `amount` of our token's vouchers back.
    fn receive(&mut self, i: usize, receiver: &str) -> Result<Gas, String> {
        let denom = format!(
            "{}/{}/cw20:{}",
            self.theirs.port_id, self.theirs.channel_id, self.token
        );
        let data = json!({
            "amount": "1000000",
            "denom": denom,
            "receiver": receiver,
            "sender": format!("remote-sender-{i}"),
        });
        let timeout = IbcTimeout::with_timestamp(self.contract.time.plus_seconds(3_600));
        let packet = IbcPacket::new(
            Binary::from(json(&data)),
            self.theirs.clone(),
            self.ours.clone(),
            i as u64 + 1,
            timeout,
        );
        let msg = IbcPacketReceiveMsg::new(packet, self.relayer.clone());
        let (gas, response) = self.contract.ibc_packet_receive(&msg)?;
        let ack = response.acknowledgement.unwrap_or_default();
        if !ack.as_slice().starts_with(br#"{"result""#) {
            return Err(format!(
                "cw20-ics20 refused packet {i}: {}",
                String::from_utf8_lossy(ack.as_slice())
            ));
        }
        Ok(gas)
    }
}

pub fn cw20_ics20(vm: &Vm, config: &Config, pending: usize) -> Result<Ics20Steps, String> {
    let wasm = wasm(config, "cw20_ics20.wasm").ok_or("cw20-ics20 not built")?;
    let mut contract = vm.deploy(&wasm, "cw20-ics20")?;
    let token = vm.addr("token");
    let admin = vm.addr("council");
    contract.instantiate(
        &admin,
        &json!({
            "default_timeout": 3_600,
            "gov_contract": admin,
            "allowlist": [{"contract": token, "gas_limit": null}],
            "default_gas_limit": null,
        }),
    )?;
    let ours = IbcEndpoint {
        port_id: format!("wasm.{}", contract.address),
        channel_id: "channel-0".to_string(),
    };
    let theirs = IbcEndpoint {
        port_id: "transfer".to_string(),
        channel_id: "channel-7".to_string(),
    };
    let channel = IbcChannel::new(
        ours.clone(),
        theirs.clone(),
        IbcOrder::Unordered,
        "ics20-1",
        "connection-0",
    );
    contract.ibc_channel_open(&IbcChannelOpenMsg::new_try(channel.clone(), "ics20-1"))?;
    contract.ibc_channel_connect(&IbcChannelConnectMsg::new_confirm(channel))?;
    let mut ics20 = Ics20 {
        contract,
        token,
        relayer: Addr::unchecked(vm.addr("relayer")),
        ours,
        theirs,
        sequence: 1,
    };
    // As the relay's setup: transfers acknowledged (held abroad, for the returns), then pending.
    for i in 0..4 + 2 * pending {
        ics20.transfer_out(&vm.addr(&format!("sender{i}")))?;
    }
    for i in 0..pending {
        ics20.receive(i, &vm.addr(&format!("receiver{i}")))?;
    }
    let (transfer_out, packet) = ics20.transfer_out(&vm.addr("alice"))?;
    let ack = IbcPacketAckMsg::new(
        IbcAcknowledgement::new(br#"{"result":"AQ=="}"#.to_vec()),
        packet,
        ics20.relayer.clone(),
    );
    let (ack, _) = ics20.contract.ibc_packet_ack(&ack)?;
    let (_, packet) = ics20.transfer_out(&vm.addr("bob"))?;
    let timeout = IbcPacketTimeoutMsg::new(packet, ics20.relayer.clone());
    let (timeout, _) = ics20.contract.ibc_packet_timeout(&timeout)?;
    let receive = ics20.receive(pending, &vm.addr("dave"))?;
    Ok(Ics20Steps {
        transfer_out,
        ack,
        timeout,
        receive,
    })
}

/// cw721-base with `minted` rights written: one more minted, and one transferred by its owner.
pub struct Cw721Steps {
    pub mint: Gas,
    pub transfer: Gas,
}

pub fn cw721(vm: &Vm, config: &Config, minted: usize) -> Result<Cw721Steps, String> {
    let wasm: &Path = &wasm(config, "cw721_base.wasm").ok_or("cw721-base not built")?;
    let mut contract = vm.deploy(wasm, "cw721-base")?;
    let council = vm.addr("council");
    contract.instantiate(
        &council,
        &json!({
            "name": "Homes of dac-1",
            "symbol": "HOME",
            "collection_info_extension": null,
            "minter": council,
            "creator": null,
            "withdraw_address": null,
        }),
    )?;
    let mint = |i: usize, owner: &str| {
        json!({"mint": {
            "token_id": format!("{}", i + 1),
            "owner": owner,
            "token_uri": null,
            "extension": null,
        }})
    };
    for i in 0..minted {
        contract.execute(&council, &mint(i, &vm.addr(&format!("applicant{i}"))))?;
    }
    let mint = contract.execute(&council, &mint(minted, &vm.addr("newcomer")))?;
    let transfer = contract.execute(
        &vm.addr("applicant0"),
        &json!({"transfer_nft": {"recipient": council, "token_id": "1"}}),
    )?;
    Ok(Cw721Steps { mint, transfer })
}

/// Contract calls a day at the simulator's activity: the run README prints (`dac-sandbox
/// simulate`, 200 members, 365 days, activity 100%), counting only the acts it reports.
pub fn simulator_activity() -> Vec<Activity> {
    let day = |a_year: f64| a_year / 365.0;
    let row = |contract: &str, a_year: f64, basis: &str| Activity {
        contract: contract.to_string(),
        calls_per_day: day(a_year),
        basis: basis.to_string(),
    };
    vec![
        row(
            "demurrage-token",
            36_136.0,
            "36136 payments (fees and income claims not counted)",
        ),
        row(
            "council",
            2_615.0 + 3.0 * 24.0 + 20.0,
            "2615 votes, 24 proposals (propose, close, execute), 20 admissions",
        ),
        row(
            "housing-registry",
            2.0 * 224.0 + 20.0 + 52.0,
            "224 applications and allocations, 20 homes given back, 52 weekly rounds",
        ),
        row(
            "escrow",
            4.0 * 743.0 + 85.0 + 70.0,
            "743 deals (propose, sign, collateral, settle), 85 disputes, 70 rulings",
        ),
        row(
            "ibc-relay",
            2.0 * 365.0,
            "not counted by the run (12620 CMC traded each way): one transfer each way a day assumed",
        ),
    ]
}
