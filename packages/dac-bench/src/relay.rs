//! The IBC relay through its real IBC entry points: packets received (with the `ApplyPacket`
//! sub-message the receive returns), acknowledged and timed out, and token transfers sent, with
//! 1 and many packets pending and received.

use cosmwasm_std::Uint128;
use cosmwasm_std_vm::{
    Addr, CosmosMsg, IbcAcknowledgement, IbcChannel, IbcChannelCloseMsg, IbcChannelConnectMsg,
    IbcChannelOpenMsg, IbcEndpoint, IbcMsg, IbcOrder, IbcPacket, IbcPacketAckMsg,
    IbcPacketReceiveMsg, IbcPacketTimeoutMsg, IbcTimeout,
};
use ibc_relay::msg::{ExecuteMsg, InstantiateMsg, ReceiveMsg, IBC_VERSION};
use ibc_relay::packet::{Envelope, RelayPacket, ReturnPacket, TransferPacket};

use crate::peers;
use crate::report::{PeerRow, Report, Scaling};
use crate::vm::{json, Contract, Gas, Vm};
use crate::Config;

const NODE: &str = "dac-2";
const CONNECTION: &str = "connection-0";
const REMOTE_PORT: &str = "wasm.relay-of-dac-2";
const AMOUNT: u128 = 1_000_000;
/// Units the other node holds of ours after the setup's first transfers (for `Return`s).
const HELD_TRANSFERS: usize = 4;

struct Relay<'v> {
    contract: Contract<'v>,
    token: String,
    relayer: Addr,
    ours: IbcEndpoint,
    theirs: IbcEndpoint,
    channel: IbcChannel,
    /// The other relay's next packet id (it numbers its packets 1, 2, ...).
    next_incoming: u64,
    /// Our next IBC sequence number on the channel.
    next_sequence: u64,
}

fn sender(vm: &Vm, i: usize) -> String {
    vm.addr(&format!("sender{i}"))
}

impl<'v> Relay<'v> {
    /// A relay joined to node `dac-2` by one channel, with `pending` transfers sent and not yet
    /// acknowledged, and `received` transfers received from the other node.
    fn new(vm: &'v Vm, config: &Config, pending: usize, received: usize) -> Result<Self, String> {
        let mut contract = vm.deploy(&config.artifact("ibc_relay.wasm"), "relay")?;
        let admin = vm.addr("council");
        let token = vm.addr("token");
        contract
            .world
            .borrow_mut()
            .smart_query_gas
            .insert(token.clone(), config.token_query_gas);
        contract.instantiate(
            &admin,
            &InstantiateMsg {
                admin: admin.clone(),
                token: token.clone(),
                housing_registry: None,
                escrow: None,
                default_timeout_seconds: 3_600,
            },
        )?;
        contract.execute(
            &admin,
            &ExecuteMsg::RecognizeNode {
                name: NODE.to_string(),
                connection_id: CONNECTION.to_string(),
                counterparty_port: REMOTE_PORT.to_string(),
            },
        )?;
        let ours = IbcEndpoint {
            port_id: format!("wasm.{}", contract.address),
            channel_id: "channel-0".to_string(),
        };
        let theirs = IbcEndpoint {
            port_id: REMOTE_PORT.to_string(),
            channel_id: "channel-7".to_string(),
        };
        let channel = IbcChannel::new(
            ours.clone(),
            theirs.clone(),
            IbcOrder::Unordered,
            IBC_VERSION,
            CONNECTION,
        );
        contract.ibc_channel_open(&IbcChannelOpenMsg::new_try(channel.clone(), IBC_VERSION))?;
        contract.ibc_channel_connect(&IbcChannelConnectMsg::new_confirm(channel.clone()))?;
        let mut relay = Relay {
            contract,
            token,
            relayer: Addr::unchecked(vm.addr("relayer")),
            ours,
            theirs,
            channel,
            next_incoming: 1,
            next_sequence: 1,
        };
        for i in 0..HELD_TRANSFERS {
            let (_, packet) = relay.transfer_out(&sender(vm, i))?;
            relay.ack(packet, true)?;
        }
        for i in 0..pending {
            relay.transfer_out(&sender(vm, HELD_TRANSFERS + i))?;
        }
        for i in 0..received {
            relay.receive(RelayPacket::Transfer(TransferPacket {
                sender: format!("remote-sender-{i}"),
                receiver: vm.addr(&format!("receiver{i}")),
                shares: Uint128::new(AMOUNT),
                value: Uint128::new(AMOUNT),
            }))?;
        }
        Ok(relay)
    }

    /// A cw20 `Send` to the relay that carries tokens to the other node: its gas and the packet
    /// it sends.
    fn transfer_out(&mut self, from: &str) -> Result<(Gas, IbcPacket), String> {
        let hook = ReceiveMsg::Transfer {
            channel_id: self.ours.channel_id.clone(),
            receiver: format!("remote-receiver-of-{from}"),
            timeout_seconds: None,
        };
        let token = self.token.clone();
        let (gas, response) = self.contract.receive_cw20(&token, from, AMOUNT, &hook)?;
        let packet = response
            .messages
            .iter()
            .find_map(|sub| match &sub.msg {
                CosmosMsg::Ibc(IbcMsg::SendPacket {
                    data,
                    timeout,
                    channel_id,
                }) if *channel_id == self.ours.channel_id => Some(IbcPacket::new(
                    data.clone(),
                    self.ours.clone(),
                    self.theirs.clone(),
                    self.next_sequence,
                    timeout.clone(),
                )),
                _ => None,
            })
            .ok_or("the transfer sent no packet")?;
        self.next_sequence += 1;
        Ok((gas, packet))
    }

    /// The other relay's packet arrives: `ibc_packet_receive`, then the `ApplyPacket`
    /// sub-message it returns (one transaction on chain). Fails on an error acknowledgement.
    fn receive(&mut self, body: RelayPacket) -> Result<Gas, String> {
        let id = self.next_incoming;
        self.next_incoming += 1;
        let timeout = IbcTimeout::with_timestamp(self.contract.time.plus_seconds(3_600));
        let packet = IbcPacket::new(
            json(&Envelope { id, body }),
            self.theirs.clone(),
            self.ours.clone(),
            id,
            timeout,
        );
        let msg = IbcPacketReceiveMsg::new(packet, self.relayer.clone());
        let (gas, response) = self.contract.ibc_packet_receive(&msg)?;
        let ack = response.acknowledgement.unwrap_or_default();
        if !ack.as_slice().starts_with(br#"{"result""#) {
            return Err(format!(
                "packet {id} refused: {}",
                String::from_utf8_lossy(ack.as_slice())
            ));
        }
        Ok(gas + self.contract.run_self_messages(&response.messages)?)
    }

    fn ack(&mut self, packet: IbcPacket, success: bool) -> Result<Gas, String> {
        let ack = if success {
            br#"{"result":"b2s="}"#.to_vec()
        } else {
            br#"{"error":"refused"}"#.to_vec()
        };
        let msg = IbcPacketAckMsg::new(IbcAcknowledgement::new(ack), packet, self.relayer.clone());
        self.contract.ibc_packet_ack(&msg).map(|(gas, _)| gas)
    }

    fn timeout(&mut self, packet: IbcPacket) -> Result<Gas, String> {
        let msg = IbcPacketTimeoutMsg::new(packet, self.relayer.clone());
        self.contract.ibc_packet_timeout(&msg).map(|(gas, _)| gas)
    }
}

/// Gas of each measured message in one state.
struct Figures {
    transfer_out: Gas,
    ack: Gas,
    timeout: Gas,
    receive_transfer: Gas,
    receive_return: Gas,
    close: Gas,
}

fn figures(vm: &Vm, config: &Config, n: usize) -> Result<Figures, String> {
    let mut relay = Relay::new(vm, config, n, n)?;
    let (transfer_out, packet) = relay.transfer_out(&vm.addr("alice"))?;
    let ack = relay.ack(packet, true)?;
    let (_, packet) = relay.transfer_out(&vm.addr("bob"))?;
    let timeout = relay.timeout(packet)?;
    let receive_transfer = relay.receive(RelayPacket::Transfer(TransferPacket {
        sender: "remote-carol".to_string(),
        receiver: vm.addr("carol"),
        shares: Uint128::new(AMOUNT),
        value: Uint128::new(AMOUNT),
    }))?;
    let receive_return = relay.receive(RelayPacket::Return(ReturnPacket {
        sender: "remote-dave".to_string(),
        receiver: vm.addr("dave"),
        shares: Uint128::new(AMOUNT / 2),
    }))?;
    // Last: the other side closes the channel. It refunds nothing (each pending packet waits
    // for its timeout-on-close), so its cost does not depend on what is pending.
    let close = IbcChannelCloseMsg::new_confirm(relay.channel.clone());
    let (close, _) = relay.contract.ibc_channel_close(&close)?;
    Ok(Figures {
        close,
        transfer_out,
        ack,
        timeout,
        receive_transfer,
        receive_return,
    })
}

/// The relay's wasm reads the chain's `Reply` (by the lean reader, `dac_common::entry`): a
/// reply with events, attributes, message responses and `data: null`, and an error reply, reach
/// the handler (which refuses their unknown id), and a malformed one is refused before it. Fails
/// the run otherwise.
fn reads_the_chains_replies(relay: &mut Relay) -> Result<(), String> {
    let unknown = "no sub-message of this relay has reply id 999";
    let replies = [
        (
            r#"{"id":999,"payload":"","gas_used":5123,"result":{"ok":{"events":[{"type":"wasm","attributes":[{"key":"action","value":"x"}]}],"data":null,"msg_responses":[{"type_url":"/cosmwasm.wasm.v1.MsgExecuteContractResponse","value":"CgA="}]}}}"#,
            true,
        ),
        (
            r#"{"id":999,"result":{"error":"codespace: wasm, code: 5"}}"#,
            true,
        ),
        (r#"{"id":999,"result":"ok"}"#, false),
    ];
    for (reply, well_formed) in replies {
        match relay.contract.reply_json(reply.as_bytes()) {
            Err(e) if e.contains(unknown) == well_formed => {}
            other => return Err(format!("the relay's reply to {reply}: {other:?}")),
        }
    }
    Ok(())
}

pub fn run(vm: &Vm, config: &Config, report: &mut Report) -> Result<(), String> {
    let (small, large) = (1, config.open);
    reads_the_chains_replies(&mut Relay::new(vm, config, small, small)?)?;
    let few = figures(vm, config, small)?;
    let many = figures(vm, config, large)?;
    let state = |n: usize| format!("{n} pending, {n} received");
    let mut push = |operation: &str, small_gas: Gas, large_gas: Gas| {
        report.scalings.push(Scaling::new(
            "ibc-relay",
            operation,
            state(small),
            small_gas,
            state(large),
            large_gas,
        ));
    };
    push(
        "ibc_packet_receive: transfer (+ ApplyPacket)",
        few.receive_transfer,
        many.receive_transfer,
    );
    push(
        "ibc_packet_receive: vouchers home, tokens paid (+ ApplyPacket)",
        few.receive_return,
        many.receive_return,
    );
    push("ibc_packet_ack: transfer delivered", few.ack, many.ack);
    push(
        "ibc_packet_timeout: transfer refunded",
        few.timeout,
        many.timeout,
    );
    push(
        "Transfer out (cw20 send, packet sent)",
        few.transfer_out,
        many.transfer_out,
    );
    for (n, ours) in [(small, &few), (large, &many)] {
        let theirs = match peers::cw20_ics20(vm, config, n) {
            Ok(theirs) => theirs,
            Err(e) => {
                report.notes.push(format!(
                    "ibc-relay vs {}: not measured: {e}",
                    peers::CW20_ICS20
                ));
                break;
            }
        };
        let mut row = |steps, pair, extra, rule: &str| {
            report.peer_rows.push(PeerRow::new(
                "ibc-relay",
                peers::CW20_ICS20,
                steps,
                format!("{n} pending"),
                pair,
                extra,
                true,
                rule,
            ));
        };
        row(
            ("Transfer out (cw20 send)", "Transfer (cw20 send)"),
            (ours.transfer_out, theirs.transfer_out),
            0,
            "ours prices the deposit in vault units against the token's balance (a balance \
             query) and writes a compact ledger (packet counter, units) and a 24-byte pending \
             record (kind, timeout, node, channel: the body travels in the packet); cw20-ics20 \
             adds to one channel balance",
        );
        row(
            (
                "ibc_packet_receive: vouchers home (+ ApplyPacket)",
                "ibc_packet_receive: tokens home",
            ),
            (ours.receive_return, theirs.receive),
            1,
            "ours dedups the packet id, burns the vouchers' record and pays in a sub-message to \
             itself (a failure rolls back into an error ack), pricing the shares (a balance \
             query); cw20-ics20 lowers one channel balance and saves its reply arguments",
        );
        row(
            ("ibc_packet_ack: delivered", "ibc_packet_ack: success"),
            (ours.ack, theirs.ack),
            0,
            "function, not cost: ours reads and removes the pending record (each packet \
             resolves once, and is listed until then) and only now credits the units to the \
             node's holding (units in flight are not redeemable there before the ack); \
             cw20-ics20 counted its channel balance when sending, keeps no pending record and \
             only reads the ack",
        );
        row(
            (
                "ibc_packet_timeout: refunded",
                "ibc_packet_timeout: refunded",
            ),
            (ours.timeout, theirs.timeout),
            0,
            "ours removes the pending record and refunds the transfer's units at today's value \
             (a balance query: the holdings decay); cw20-ics20 lowers one channel balance and \
             refunds the amount",
        );
    }
    report.scalings.push(Scaling::bounded(
        "ibc-relay",
        "ibc_channel_close: pending transfers wait for their timeout",
        state(small),
        few.close,
        state(large),
        many.close,
        "refunds nothing: each pending packet is refunded by its own timeout-on-close".to_string(),
    ));
    report.notes.push(
        "ibc-relay: a received packet is applied by a sub-message the relay sends itself \
         (`ApplyPacket`, so a failure rolls back into an error acknowledgement): its figures \
         are both calls together, and on chain the sub-message costs one more contract call. \
         Sending, a refund and paying vouchers home ask the token for the relay's balance \
         (one cw20 `balance` query)."
            .to_string(),
    );
    Ok(())
}
