//! The relayer: handshakes, packets, acknowledgements, timeouts and closes between two chains.

use std::collections::VecDeque;

use cosmwasm_std::{
    from_json, Addr, Binary, IbcAcknowledgement, IbcChannel, IbcChannelCloseMsg,
    IbcChannelConnectMsg, IbcChannelOpenMsg, IbcChannelOpenResponse, IbcEndpoint, IbcOrder,
    IbcPacket, IbcPacketAckMsg, IbcPacketReceiveMsg, IbcPacketTimeoutMsg, IbcTimeout,
};
use cw_multi_test::error::{anyhow, bail, AnyResult};
use cw_multi_test::AppResponse;

use crate::chain::{port_of, Chain};
use crate::entry::IbcCall;
use crate::module::Outgoing;

/// Safety net: relaying stops after this many deliveries in one call (a ping-pong loop).
const MAX_DELIVERIES: usize = 1_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    A,
    B,
}

impl Side {
    pub fn other(self) -> Side {
        match self {
            Side::A => Side::B,
            Side::B => Side::A,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ChannelEnd {
    pub contract: Addr,
    pub port_id: String,
    pub channel_id: String,
    pub connection_id: String,
    pub version: String,
}

impl ChannelEnd {
    pub fn endpoint(&self) -> IbcEndpoint {
        IbcEndpoint {
            port_id: self.port_id.clone(),
            channel_id: self.channel_id.clone(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ChannelPair {
    pub a: ChannelEnd,
    pub b: ChannelEnd,
    pub order: IbcOrder,
    pub open: bool,
}

impl ChannelPair {
    pub fn end(&self, side: Side) -> &ChannelEnd {
        match side {
            Side::A => &self.a,
            Side::B => &self.b,
        }
    }

    /// The channel as the contract on `side` sees it.
    pub fn channel(&self, side: Side) -> IbcChannel {
        let (me, them) = (self.end(side), self.end(side.other()));
        IbcChannel::new(
            me.endpoint(),
            them.endpoint(),
            self.order.clone(),
            me.version.clone(),
            me.connection_id.clone(),
        )
    }
}

/// How a packet ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Delivery {
    /// Received; this acknowledgement was delivered back to the sender.
    Acknowledged(Binary),
    /// Received, but the contract wrote no acknowledgement (asynchronous acks are not modelled).
    NoAck,
    /// Not received before its deadline (or its channel closed); the sender was told.
    TimedOut,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PacketOutcome {
    pub from: Side,
    pub packet: IbcPacket,
    pub delivery: Delivery,
}

impl PacketOutcome {
    /// Whether the acknowledgement is an ICS-style `{"error": ..}`.
    pub fn is_error_ack(&self) -> bool {
        match &self.delivery {
            Delivery::Acknowledged(ack) => from_json::<serde_json::Value>(ack)
                .map(|v| v.get("error").is_some())
                .unwrap_or(true),
            _ => false,
        }
    }
}

struct InFlight {
    from: Side,
    packet: IbcPacket,
}

pub struct Relayer {
    pub a: Chain,
    pub b: Chain,
    channels: Vec<ChannelPair>,
    in_flight: VecDeque<InFlight>,
    /// Close requests picked up but not yet run.
    closes: Vec<(Side, String)>,
}

fn error_ack(reason: &str) -> Binary {
    Binary::from(
        serde_json::json!({ "error": reason })
            .to_string()
            .into_bytes(),
    )
}

impl Relayer {
    pub fn new(a: Chain, b: Chain) -> Self {
        Relayer {
            a,
            b,
            channels: vec![],
            in_flight: VecDeque::new(),
            closes: vec![],
        }
    }

    pub fn chain(&self, side: Side) -> &Chain {
        match side {
            Side::A => &self.a,
            Side::B => &self.b,
        }
    }

    pub fn chain_mut(&mut self, side: Side) -> &mut Chain {
        match side {
            Side::A => &mut self.a,
            Side::B => &mut self.b,
        }
    }

    pub fn channels(&self) -> &[ChannelPair] {
        &self.channels
    }

    fn call(&mut self, side: Side, contract: &Addr, call: &IbcCall) -> AnyResult<AppResponse> {
        self.chain_mut(side).app.wasm_sudo(contract.clone(), call)
    }

    /// The four-step handshake, started by the contract on chain A: `OpenInit` on A, `OpenTry`
    /// on B, `OpenAck` on A, `OpenConfirm` on B. Fails if either contract refuses a step.
    pub fn open_channel(
        &mut self,
        a_contract: &Addr,
        a_connection: &str,
        b_contract: &Addr,
        b_connection: &str,
        version: &str,
        order: IbcOrder,
    ) -> AnyResult<ChannelPair> {
        let mut pair = ChannelPair {
            a: ChannelEnd {
                contract: a_contract.clone(),
                port_id: port_of(a_contract),
                channel_id: self.a.new_channel_id(),
                connection_id: a_connection.to_string(),
                version: version.to_string(),
            },
            b: ChannelEnd {
                contract: b_contract.clone(),
                port_id: port_of(b_contract),
                // Not known to A during OpenInit.
                channel_id: String::new(),
                connection_id: b_connection.to_string(),
                version: String::new(),
            },
            order,
            open: false,
        };

        let init = IbcCall::ChannelOpen(IbcChannelOpenMsg::new_init(pair.channel(Side::A)));
        let res = self.call(Side::A, a_contract, &init)?;
        if let Some(v) = chosen_version(&res)? {
            pair.a.version = v;
        }

        pair.b.channel_id = self.b.new_channel_id();
        pair.b.version = pair.a.version.clone();
        let try_msg = IbcChannelOpenMsg::new_try(pair.channel(Side::B), pair.a.version.clone());
        let res = self.call(Side::B, b_contract, &IbcCall::ChannelOpen(try_msg))?;
        if let Some(v) = chosen_version(&res)? {
            pair.b.version = v;
        }

        let ack = IbcChannelConnectMsg::new_ack(pair.channel(Side::A), pair.b.version.clone());
        self.call(Side::A, a_contract, &IbcCall::ChannelConnect(ack))?;
        let confirm = IbcChannelConnectMsg::new_confirm(pair.channel(Side::B));
        self.call(Side::B, b_contract, &IbcCall::ChannelConnect(confirm))?;

        pair.open = true;
        self.channels.push(pair.clone());
        Ok(pair)
    }

    fn find_channel(&self, side: Side, channel_id: &str) -> AnyResult<usize> {
        self.channels
            .iter()
            .position(|p| p.end(side).channel_id == channel_id)
            .ok_or_else(|| anyhow!("no channel {channel_id} on side {side:?}"))
    }

    /// Picks up what both chains sent since the last call: packets join the queue, then close
    /// requests run the close handshake (so a packet sent before a close, on either chain, is in
    /// flight when the close times out what is left on the channel).
    pub fn collect(&mut self) -> AnyResult<()> {
        self.collect_packets()?;
        for (side, channel_id) in std::mem::take(&mut self.closes) {
            // A test may have closed it directly meanwhile.
            if self.channels[self.find_channel(side, &channel_id)?].open {
                self.close_channel(side, &channel_id)?;
            }
        }
        Ok(())
    }

    /// Queues the packets both chains sent and sets their close requests aside.
    fn collect_packets(&mut self) -> AnyResult<()> {
        for side in [Side::A, Side::B] {
            for out in self.chain_mut(side).drain_outgoing()? {
                match out {
                    Outgoing::Packet {
                        sender,
                        channel_id,
                        sequence,
                        data,
                        timeout,
                    } => {
                        let pair = &self.channels[self.find_channel(side, &channel_id)?];
                        if pair.end(side).contract != sender {
                            bail!("{sender} sent on {channel_id}, which is not its channel");
                        }
                        let packet = IbcPacket::new(
                            data,
                            pair.end(side).endpoint(),
                            pair.end(side.other()).endpoint(),
                            sequence,
                            timeout,
                        );
                        self.in_flight.push_back(InFlight { from: side, packet });
                    }
                    Outgoing::Close { sender, channel_id } => {
                        let pair = &self.channels[self.find_channel(side, &channel_id)?];
                        if pair.end(side).contract != sender {
                            bail!("{sender} closed {channel_id}, which is not its channel");
                        }
                        self.closes.push((side, channel_id));
                    }
                }
            }
        }
        Ok(())
    }

    /// Packets sent and not yet received, acknowledged or timed out.
    pub fn pending_packets(&mut self) -> AnyResult<Vec<(Side, IbcPacket)>> {
        self.collect()?;
        Ok(self
            .in_flight
            .iter()
            .map(|f| (f.from, f.packet.clone()))
            .collect())
    }

    fn expired(&self, to: Side, timeout: &IbcTimeout) -> bool {
        let block = self.chain(to).app.block_info();
        timeout.timestamp().is_some_and(|t| block.time >= t)
            || timeout.block().is_some_and(|b| block.height >= b.height)
    }

    fn channel_open_for(&self, from: Side, packet: &IbcPacket) -> bool {
        self.find_channel(from, &packet.src.channel_id)
            .map(|i| self.channels[i].open)
            .unwrap_or(false)
    }

    /// Delivers `packet` to the contract on `to` as `ibc_packet_receive` and returns the
    /// acknowledgement it wrote. Public so tests can replay a packet.
    pub fn deliver_receive(&mut self, to: Side, packet: IbcPacket) -> AnyResult<Delivery> {
        let idx = self.find_channel(to, &packet.dest.channel_id)?;
        let contract = self.channels[idx].end(to).contract.clone();
        let relayer = self.chain(to).relayer.clone();
        let call = IbcCall::PacketReceive(IbcPacketReceiveMsg::new(packet, relayer));
        // A receive that fails is rolled back and answered with an error acknowledgement.
        Ok(match self.call(to, &contract, &call) {
            Ok(res) => match res.data {
                Some(ack) => Delivery::Acknowledged(ack),
                None => Delivery::NoAck,
            },
            Err(err) => Delivery::Acknowledged(error_ack(&err.to_string())),
        })
    }

    fn deliver_ack(&mut self, from: Side, packet: IbcPacket, ack: Binary) -> AnyResult<()> {
        let idx = self.find_channel(from, &packet.src.channel_id)?;
        let contract = self.channels[idx].end(from).contract.clone();
        let relayer = self.chain(from).relayer.clone();
        let call = IbcCall::PacketAck(IbcPacketAckMsg::new(
            IbcAcknowledgement::new(ack),
            packet,
            relayer,
        ));
        self.call(from, &contract, &call)?;
        Ok(())
    }

    fn deliver_timeout(&mut self, from: Side, packet: IbcPacket) -> AnyResult<()> {
        let idx = self.find_channel(from, &packet.src.channel_id)?;
        let contract = self.channels[idx].end(from).contract.clone();
        let relayer = self.chain(from).relayer.clone();
        let call = IbcCall::PacketTimeout(IbcPacketTimeoutMsg::new(packet, relayer));
        self.call(from, &contract, &call)?;
        Ok(())
    }

    /// Relays the oldest pending packet: timeout if its deadline passed on the destination or
    /// its channel closed, otherwise receive there and bring the acknowledgement back.
    pub fn relay_next(&mut self) -> AnyResult<Option<PacketOutcome>> {
        self.collect()?;
        let Some(InFlight { from, packet }) = self.in_flight.pop_front() else {
            return Ok(None);
        };
        let to = from.other();
        let delivery = if self.expired(to, &packet.timeout) || !self.channel_open_for(from, &packet)
        {
            self.deliver_timeout(from, packet.clone())?;
            Delivery::TimedOut
        } else {
            let delivery = self.deliver_receive(to, packet.clone())?;
            if let Delivery::Acknowledged(ack) = &delivery {
                self.deliver_ack(from, packet.clone(), ack.clone())?;
            }
            delivery
        };
        self.collect()?;
        Ok(Some(PacketOutcome {
            from,
            packet,
            delivery,
        }))
    }

    /// Relays until nothing is pending, including packets sent while handling others.
    pub fn relay_all(&mut self) -> AnyResult<Vec<PacketOutcome>> {
        let mut outcomes = vec![];
        while let Some(outcome) = self.relay_next()? {
            outcomes.push(outcome);
            if outcomes.len() >= MAX_DELIVERIES {
                bail!("still relaying after {MAX_DELIVERIES} packets: a packet loop?");
            }
        }
        Ok(outcomes)
    }

    /// Times out every pending packet whose deadline has passed on its destination chain; the
    /// others stay pending. Advance the destination's clock first to expire them.
    pub fn timeout_expired(&mut self) -> AnyResult<Vec<PacketOutcome>> {
        self.collect()?;
        let mut outcomes = vec![];
        let queue = std::mem::take(&mut self.in_flight);
        for InFlight { from, packet } in queue {
            if self.expired(from.other(), &packet.timeout) {
                self.deliver_timeout(from, packet.clone())?;
                outcomes.push(PacketOutcome {
                    from,
                    packet,
                    delivery: Delivery::TimedOut,
                });
            } else {
                self.in_flight.push_back(InFlight { from, packet });
            }
        }
        self.collect()?;
        Ok(outcomes)
    }

    /// Receives the oldest pending packet on its destination but does not bring the
    /// acknowledgement back, as when a relayer stops half-way. Returns the packet and its ack.
    pub fn receive_next_without_ack(&mut self) -> AnyResult<Option<(Side, IbcPacket, Delivery)>> {
        self.collect()?;
        let Some(InFlight { from, packet }) = self.in_flight.pop_front() else {
            return Ok(None);
        };
        let delivery = self.deliver_receive(from.other(), packet.clone())?;
        self.collect()?;
        Ok(Some((from, packet, delivery)))
    }

    /// Closes a channel: `CloseInit` on `side`, `CloseConfirm` on the other, then every packet
    /// still in flight on it is timed out on its sender (timeout-on-close).
    pub fn close_channel(&mut self, side: Side, channel_id: &str) -> AnyResult<()> {
        // What was sent before the close is in flight on it.
        self.collect_packets()?;
        let idx = self.find_channel(side, channel_id)?;
        if !self.channels[idx].open {
            bail!("channel {channel_id} is already closed");
        }
        let pair = self.channels[idx].clone();
        let init = IbcCall::ChannelClose(IbcChannelCloseMsg::new_init(pair.channel(side)));
        self.call(side, &pair.end(side).contract, &init)?;
        let other = side.other();
        let confirm = IbcCall::ChannelClose(IbcChannelCloseMsg::new_confirm(pair.channel(other)));
        self.call(other, &pair.end(other).contract, &confirm)?;
        self.channels[idx].open = false;

        let queue = std::mem::take(&mut self.in_flight);
        for InFlight { from, packet } in queue {
            if packet.src.channel_id == pair.end(from).channel_id {
                self.deliver_timeout(from, packet)?;
            } else {
                self.in_flight.push_back(InFlight { from, packet });
            }
        }
        Ok(())
    }
}

fn chosen_version(res: &AppResponse) -> AnyResult<Option<String>> {
    let Some(data) = &res.data else {
        return Ok(None);
    };
    let open: IbcChannelOpenResponse = from_json(data)?;
    Ok(open.map(|r| r.version))
}
