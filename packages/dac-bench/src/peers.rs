//! The published contracts a user would otherwise deploy, under the workload of ours: each
//! function sets a peer up in the state our suite measured and returns the gas of its nearest
//! steps. They are built from their crates by `scripts/bench.sh` (its `PEERS`), not linked here:
//! their messages are written as JSON from their schemas.

use std::collections::HashSet;
use std::path::Path;

use cosmwasm_std_vm::{
    Addr, Binary, CosmosMsg, IbcAcknowledgement, IbcChannel, IbcChannelConnectMsg,
    IbcChannelOpenMsg, IbcEndpoint, IbcMsg, IbcOrder, IbcPacket, IbcPacketAckMsg,
    IbcPacketReceiveMsg, IbcPacketTimeoutMsg, IbcTimeout, WasmMsg,
};
use serde_json::json;

use crate::report::Activity;
use crate::vm::{json, Contract, Gas, Vm};
use crate::world::QueryCost;
use crate::Config;

/// Every peer's wasm (from `scripts/bench.sh`) and what it stands beside.
pub const PEERS: &[(&str, &str)] = &[
    ("cw20_base.wasm", "cw20-base 2.0.0: the token"),
    ("cw4_group.wasm", "cw4-group 2.0.0: the council's members"),
    (
        "cw3_flex_multisig.wasm",
        "cw3-flex-multisig 2.0.0: the council's proposals",
    ),
    (
        "dao_proposal_single.wasm",
        "dao-proposal-single 2.6.0: the council's proposals (DAO DAO)",
    ),
    (
        "dao_dao_core.wasm",
        "dao-dao-core 2.6.0: the DAO around them (DAO DAO)",
    ),
    (
        "dao_voting_cw4.wasm",
        "dao-voting-cw4 2.6.0: its voting power, from a cw4-group (DAO DAO)",
    ),
    ("cw20_escrow.wasm", "cw20-escrow 0.11.1: the escrow"),
    ("cw20_ics20.wasm", "cw20-ics20 2.0.0: the relay"),
    (
        "cw721_base.wasm",
        "cw721-base 0.22.0: the housing registry's rights",
    ),
];

pub const CW3: &str = "cw3-flex-multisig 2.0.0 + cw4-group 2.0.0";
pub const DAO_DAO: &str =
    "dao-proposal-single 2.6.0 + dao-dao-core 2.6.0 + dao-voting-cw4 2.6.0 + cw4-group 2.0.0";
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

/// A multisig's or DAO's proposal steps: Propose, a Vote, and Execute once a majority voted yes.
pub struct ProposalSteps {
    pub propose: Gas,
    pub vote: Gas,
    pub execute: Gas,
}

/// cw3-flex-multisig over a cw4-group of `members`, threshold 50% with a 30% quorum (the
/// council's rules in the bench).
pub fn cw3_flex(vm: &Vm, config: &Config, members: &[String]) -> Result<ProposalSteps, String> {
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
    Ok(ProposalSteps {
        propose,
        vote,
        execute,
    })
}

/// DAO DAO's wasm: proposal module, core, voting module, cw4-group (`None` when one was not
/// built).
pub fn dao_dao_built(config: &Config) -> Option<[std::path::PathBuf; 4]> {
    Some([
        wasm(config, "dao_proposal_single.wasm")?,
        wasm(config, "dao_dao_core.wasm")?,
        wasm(config, "dao_voting_cw4.wasm")?,
        wasm(config, "cw4_group.wasm")?,
    ])
}

/// A DAO DAO DAO of `members` (dao-voting-cw4 over a cw4-group, weight 1 each) with one
/// dao-proposal-single module under the council's rules in the bench (50% threshold, 30% quorum,
/// voting a day to a week, no revoting): Propose, a Vote, and Execute once a majority voted yes.
///
/// The core is instantiated as on chain and instantiates its modules by sub-message: the bench
/// runs each module's instantiate message, as the core wrote it, with the core as sender, then
/// the core's reply. Anyone may propose (no pre-propose module, DAO DAO's leanest setup: no
/// membership check or deposit on Propose). Each query the proposal module makes is answered
/// by the bench's world and charged what the real core, voting module and group spend on it in
/// the same state, with the calls it takes (the core asks the voting module, which asks the
/// group).
pub fn dao_dao(vm: &Vm, config: &Config, members: &[String]) -> Result<ProposalSteps, String> {
    let [proposal_wasm, core_wasm, voting_wasm, group_wasm] =
        dao_dao_built(config).ok_or("a DAO DAO contract or cw4-group not built")?;
    let mut core = vm.deploy(&core_wasm, "dao-dao-core")?;
    let mut voting = vm.deploy(&voting_wasm, "dao-voting-cw4")?;
    let mut proposals = vm.deploy(&proposal_wasm, "dao-proposal-single")?;
    let mut group = vm.deploy(&group_wasm, "dao-cw4-group")?;
    let list: Vec<_> = members
        .iter()
        .map(|m| json!({"addr": m, "weight": 1}))
        .collect();
    group.instantiate(
        &core.address,
        &json!({"admin": core.address, "members": list}),
    )?;
    group.advance(6);
    for contract in [&mut core, &mut voting, &mut proposals] {
        contract.world.borrow_mut().members = members.iter().cloned().collect::<HashSet<_>>();
    }

    // Code ids as the core's instantiate message names them.
    const VOTING_CODE: u64 = 2;
    const PROPOSAL_CODE: u64 = 3;
    let module = |code_id: u64, msg: serde_json::Value, label: &str| {
        json!({
            "code_id": code_id,
            "msg": Binary::from(json(&msg)),
            "admin": {"core_module": {}},
            "funds": [],
            "label": label,
        })
    };
    let voting_msg = json!({"group_contract": {"existing": {"address": group.address}}});
    let proposal_msg = json!({
        "threshold": {"threshold_quorum": {
            "threshold": {"percent": "0.5"},
            "quorum": {"percent": "0.3"},
        }},
        "max_voting_period": {"time": 7 * 86_400},
        "min_voting_period": {"time": 86_400},
        "only_members_execute": false,
        "allow_revoting": false,
        "pre_propose_info": {"anyone_may_propose": {}},
        "close_proposal_on_execution_failure": true,
        "veto": null,
    });
    let (_, response) = core.instantiate_json(
        &vm.addr("admin"),
        &json(&json!({
            "admin": null,
            "name": "dac-1 council",
            "description": "The council as a DAO DAO DAO",
            "image_url": null,
            "automatically_add_cw20s": false,
            "automatically_add_cw721s": false,
            "voting_module_instantiate_info": module(VOTING_CODE, voting_msg, "voting"),
            "proposal_modules_instantiate_info": [module(PROPOSAL_CODE, proposal_msg, "proposals")],
            "initial_items": null,
            "dao_uri": null,
        })),
    )?;
    {
        let mut world = voting.world.borrow_mut();
        world
            .stores
            .insert(group.address.clone(), group.storage_snapshot());
    }
    for sub in &response.messages {
        let CosmosMsg::Wasm(WasmMsg::Instantiate { code_id, msg, .. }) = &sub.msg else {
            return Err(format!(
                "dao-dao-core sent {:?}, not an instantiation",
                sub.msg
            ));
        };
        let module = match *code_id {
            VOTING_CODE => &mut voting,
            PROPOSAL_CODE => &mut proposals,
            other => return Err(format!("dao-dao-core instantiates unknown code {other}")),
        };
        let core_address = core.address.clone();
        module.instantiate_json(&core_address, msg)?;
        core.reply_instantiated(sub.id, &module.address)?;
    }

    // What each query costs, measured on the real contract in this state, innermost first.
    let start_height = proposals.height;
    let voter = &members[members.len() / 2];
    let (member, _) =
        group.query(&json!({"member": {"addr": voter, "at_height": start_height}}))?;
    let (total_weight, _) = group.query(&json!({"total_weight": {"at_height": start_height}}))?;
    let power = json!({"voting_power_at_height": {"address": voter, "height": start_height}});
    let total = json!({"total_power_at_height": {"height": start_height}});
    {
        let mut world = voting.world.borrow_mut();
        let group = group.address.clone();
        world
            .query_costs
            .insert((group.clone(), "member".into()), QueryCost::of(&member));
        let total_weight = QueryCost::of(&total_weight);
        world
            .query_costs
            .insert((group, "total_weight".into()), total_weight);
    }
    let (voting_power, _) = voting.query(&power)?;
    let (voting_total, _) = voting.query(&total)?;
    let is_active = voting.query_gas(&json!({"is_active": {}}))?;
    {
        let mut world = core.world.borrow_mut();
        let module = voting.address.clone();
        world.query_costs.insert(
            (module.clone(), "voting_power_at_height".into()),
            QueryCost::of(&voting_power),
        );
        world.query_costs.insert(
            (module, "total_power_at_height".into()),
            QueryCost::of(&voting_total),
        );
    }
    let (core_power, _) = core.query(&power)?;
    let (core_total, _) = core.query(&total)?;
    let (core_module, _) = core.query(&json!({"voting_module": {}}))?;
    {
        let mut world = proposals.world.borrow_mut();
        world.voting_module = Some(voting.address.clone());
        let (core, voting) = (core.address.clone(), voting.address.clone());
        let mut cost = |contract: &str, query: &str, gas: &Gas| {
            let key = (contract.to_string(), query.to_string());
            world.query_costs.insert(key, QueryCost::of(gas));
        };
        cost(&core, "voting_power_at_height", &core_power);
        cost(&core, "total_power_at_height", &core_total);
        cost(&core, "voting_module", &core_module);
        cost(&voting, "is_active", &is_active);
    }

    let propose = proposals.execute(
        &members[0],
        &json!({"propose": {
            "title": "Repair the north well",
            "description": "Spend from the commons on the well",
            "msgs": [],
            "proposer": null,
            "vote": null,
        }}),
    )?;
    let vote_msg = json!({"vote": {"proposal_id": 1, "vote": "yes", "rationale": null}});
    proposals.execute(&members[1], &vote_msg)?;
    let vote = proposals.execute(voter, &vote_msg)?;
    // Members 1..=n/2+1 vote yes: a majority of the total power.
    for m in members[2..=members.len() / 2 + 1]
        .iter()
        .filter(|m| *m != voter)
    {
        proposals.execute(m, &vote_msg)?;
    }
    // Passing waits out the minimum voting period (a day).
    proposals.advance(86_400);
    let execute = proposals.execute(&vm.addr("anyone"), &json!({"execute": {"proposal_id": 1}}))?;
    Ok(ProposalSteps {
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
