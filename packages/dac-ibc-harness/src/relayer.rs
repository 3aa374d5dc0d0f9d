//! The relayer: handshakes, packets, acknowledgements, timeouts and closes between chains. Two
//! chains are keyed by [`Side`]; a mesh of any number by their index (`usize`).

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

/// How a test names the relayer's chains: [`Side`] for two, their index for a mesh.
pub trait ChainKey: Copy + Eq + std::fmt::Debug {
    fn index(self) -> usize;
    fn from_index(index: usize) -> Self;
}

impl ChainKey for Side {
    fn index(self) -> usize {
        match self {
            Side::A => 0,
            Side::B => 1,
        }
    }

    fn from_index(index: usize) -> Self {
        if index == 0 {
            Side::A
        } else {
            Side::B
        }
    }
}

impl ChainKey for usize {
    fn index(self) -> usize {
        self
    }

    fn from_index(index: usize) -> Self {
        index
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

/// A channel: end `a` on the chain that opened it, end `b` on the one that answered.
#[derive(Clone, Debug, PartialEq)]
pub struct ChannelPair {
    pub a: ChannelEnd,
    pub b: ChannelEnd,
    /// The relayer's index of the chain of end `a`, and of end `b`.
    pub chains: [usize; 2],
    pub order: IbcOrder,
    pub open: bool,
}

impl ChannelPair {
    /// Which end lives on chain `chain` with id `channel_id`, if one does.
    fn end_of(&self, chain: usize, channel_id: &str) -> Option<Side> {
        [Side::A, Side::B].into_iter().find(|&side| {
            self.chains[side.index()] == chain && self.end(side).channel_id == channel_id
        })
    }

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
pub struct PacketOutcome<K = Side> {
    pub from: K,
    pub packet: IbcPacket,
    pub delivery: Delivery,
}

impl<K> PacketOutcome<K> {
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
    from: usize,
    packet: IbcPacket,
}

pub struct Relayer<K: ChainKey = Side> {
    chains: Vec<Chain>,
    channels: Vec<ChannelPair>,
    in_flight: VecDeque<InFlight>,
    /// Close requests picked up but not yet run.
    closes: Vec<(usize, String)>,
    key: std::marker::PhantomData<K>,
}

fn error_ack(reason: &str) -> Binary {
    Binary::from(
        serde_json::json!({ "error": reason })
            .to_string()
            .into_bytes(),
    )
}

impl Relayer<Side> {
    pub fn new(a: Chain, b: Chain) -> Self {
        Relayer::with_chains(vec![a, b])
    }

    /// The four-step handshake, started by the contract on chain A (see
    /// [`Relayer::open_channel_between`]).
    pub fn open_channel(
        &mut self,
        a_contract: &Addr,
        a_connection: &str,
        b_contract: &Addr,
        b_connection: &str,
        version: &str,
        order: IbcOrder,
    ) -> AnyResult<ChannelPair> {
        self.open_channel_between(
            (Side::A, a_contract, a_connection),
            (Side::B, b_contract, b_connection),
            version,
            order,
        )
    }
}

impl<K: ChainKey> Relayer<K> {
    /// A relayer between `chains`, keyed by their index.
    pub fn with_chains(chains: Vec<Chain>) -> Self {
        Relayer {
            chains,
            channels: vec![],
            in_flight: VecDeque::new(),
            closes: vec![],
            key: std::marker::PhantomData,
        }
    }

    pub fn chain(&self, key: K) -> &Chain {
        &self.chains[key.index()]
    }

    pub fn chain_mut(&mut self, key: K) -> &mut Chain {
        &mut self.chains[key.index()]
    }

    pub fn chains(&self) -> &[Chain] {
        &self.chains
    }

    pub fn chains_mut(&mut self) -> &mut [Chain] {
        &mut self.chains
    }

    pub fn channels(&self) -> &[ChannelPair] {
        &self.channels
    }

    fn call(&mut self, chain: usize, contract: &Addr, call: &IbcCall) -> AnyResult<AppResponse> {
        self.chains[chain].app.wasm_sudo(contract.clone(), call)
    }

    /// The four-step handshake, started by the contract `init` names (chain, contract,
    /// connection): `OpenInit` there, `OpenTry` on the chain `answer` names, `OpenAck` on the
    /// first, `OpenConfirm` on the second. Fails if either contract refuses a step.
    pub fn open_channel_between(
        &mut self,
        (a, a_contract, a_connection): (K, &Addr, &str),
        (b, b_contract, b_connection): (K, &Addr, &str),
        version: &str,
        order: IbcOrder,
    ) -> AnyResult<ChannelPair> {
        let (a, b) = (a.index(), b.index());
        if a == b {
            bail!("a channel joins two different chains");
        }
        let mut pair = ChannelPair {
            a: ChannelEnd {
                contract: a_contract.clone(),
                port_id: port_of(a_contract),
                channel_id: self.chains[a].new_channel_id(),
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
            chains: [a, b],
            order,
            open: false,
        };

        let init = IbcCall::ChannelOpen(IbcChannelOpenMsg::new_init(pair.channel(Side::A)));
        let res = self.call(a, a_contract, &init)?;
        if let Some(v) = chosen_version(&res)? {
            pair.a.version = v;
        }

        pair.b.channel_id = self.chains[b].new_channel_id();
        pair.b.version = pair.a.version.clone();
        let try_msg = IbcChannelOpenMsg::new_try(pair.channel(Side::B), pair.a.version.clone());
        let res = self.call(b, b_contract, &IbcCall::ChannelOpen(try_msg))?;
        if let Some(v) = chosen_version(&res)? {
            pair.b.version = v;
        }

        let ack = IbcChannelConnectMsg::new_ack(pair.channel(Side::A), pair.b.version.clone());
        self.call(a, a_contract, &IbcCall::ChannelConnect(ack))?;
        let confirm = IbcChannelConnectMsg::new_confirm(pair.channel(Side::B));
        self.call(b, b_contract, &IbcCall::ChannelConnect(confirm))?;

        pair.open = true;
        self.channels.push(pair.clone());
        Ok(pair)
    }

    /// The channel `channel_id` of chain `chain`, and which of its ends is there.
    fn find_channel(&self, chain: usize, channel_id: &str) -> AnyResult<(usize, Side)> {
        self.channels
            .iter()
            .enumerate()
            .find_map(|(i, p)| p.end_of(chain, channel_id).map(|end| (i, end)))
            .ok_or_else(|| anyhow!("no channel {channel_id} on chain {chain}"))
    }

    /// The chain at the other end of the channel a packet left `from` on.
    fn destination(&self, from: usize, packet: &IbcPacket) -> AnyResult<usize> {
        let (idx, end) = self.find_channel(from, &packet.src.channel_id)?;
        Ok(self.channels[idx].chains[end.other().index()])
    }

    /// Picks up what every chain sent since the last call: packets join the queue, then close
    /// requests run the close handshake (so a packet sent before a close, on either chain, is in
    /// flight when the close times out what is left on the channel).
    pub fn collect(&mut self) -> AnyResult<()> {
        self.collect_packets()?;
        for (chain, channel_id) in std::mem::take(&mut self.closes) {
            // A test may have closed it directly meanwhile.
            let (idx, _) = self.find_channel(chain, &channel_id)?;
            if self.channels[idx].open {
                self.close_on(chain, &channel_id)?;
            }
        }
        Ok(())
    }

    /// Queues the packets every chain sent and sets their close requests aside.
    fn collect_packets(&mut self) -> AnyResult<()> {
        for chain in 0..self.chains.len() {
            for out in self.chains[chain].drain_outgoing()? {
                match out {
                    Outgoing::Packet {
                        sender,
                        channel_id,
                        sequence,
                        data,
                        timeout,
                    } => {
                        let (idx, end) = self.find_channel(chain, &channel_id)?;
                        let pair = &self.channels[idx];
                        if pair.end(end).contract != sender {
                            bail!("{sender} sent on {channel_id}, which is not its channel");
                        }
                        let packet = IbcPacket::new(
                            data,
                            pair.end(end).endpoint(),
                            pair.end(end.other()).endpoint(),
                            sequence,
                            timeout,
                        );
                        self.in_flight.push_back(InFlight {
                            from: chain,
                            packet,
                        });
                    }
                    Outgoing::Close { sender, channel_id } => {
                        let (idx, end) = self.find_channel(chain, &channel_id)?;
                        if self.channels[idx].end(end).contract != sender {
                            bail!("{sender} closed {channel_id}, which is not its channel");
                        }
                        self.closes.push((chain, channel_id));
                    }
                }
            }
        }
        Ok(())
    }

    /// Packets sent and not yet received, acknowledged or timed out.
    pub fn pending_packets(&mut self) -> AnyResult<Vec<(K, IbcPacket)>> {
        self.collect()?;
        Ok(self
            .in_flight
            .iter()
            .map(|f| (K::from_index(f.from), f.packet.clone()))
            .collect())
    }

    fn expired(&self, to: usize, timeout: &IbcTimeout) -> bool {
        let block = self.chains[to].app.block_info();
        timeout.timestamp().is_some_and(|t| block.time >= t)
            || timeout.block().is_some_and(|b| block.height >= b.height)
    }

    fn channel_open_for(&self, from: usize, packet: &IbcPacket) -> bool {
        self.find_channel(from, &packet.src.channel_id)
            .map(|(i, _)| self.channels[i].open)
            .unwrap_or(false)
    }

    /// Delivers `packet` to the contract on `to` as `ibc_packet_receive` and returns the
    /// acknowledgement it wrote. Public so tests can replay a packet.
    pub fn deliver_receive(&mut self, to: K, packet: IbcPacket) -> AnyResult<Delivery> {
        self.receive_on(to.index(), packet)
    }

    fn receive_on(&mut self, to: usize, packet: IbcPacket) -> AnyResult<Delivery> {
        let (idx, end) = self.find_channel(to, &packet.dest.channel_id)?;
        let contract = self.channels[idx].end(end).contract.clone();
        let relayer = self.chains[to].relayer.clone();
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

    fn deliver_ack(&mut self, from: usize, packet: IbcPacket, ack: Binary) -> AnyResult<()> {
        let (idx, end) = self.find_channel(from, &packet.src.channel_id)?;
        let contract = self.channels[idx].end(end).contract.clone();
        let relayer = self.chains[from].relayer.clone();
        let call = IbcCall::PacketAck(IbcPacketAckMsg::new(
            IbcAcknowledgement::new(ack),
            packet,
            relayer,
        ));
        self.call(from, &contract, &call)?;
        Ok(())
    }

    fn deliver_timeout(&mut self, from: usize, packet: IbcPacket) -> AnyResult<()> {
        let (idx, end) = self.find_channel(from, &packet.src.channel_id)?;
        let contract = self.channels[idx].end(end).contract.clone();
        let relayer = self.chains[from].relayer.clone();
        let call = IbcCall::PacketTimeout(IbcPacketTimeoutMsg::new(packet, relayer));
        self.call(from, &contract, &call)?;
        Ok(())
    }

    /// Relays the oldest pending packet: timeout if its deadline passed on the destination or
    /// its channel closed, otherwise receive there and bring the acknowledgement back.
    pub fn relay_next(&mut self) -> AnyResult<Option<PacketOutcome<K>>> {
        self.collect()?;
        let Some(InFlight { from, packet }) = self.in_flight.pop_front() else {
            return Ok(None);
        };
        let to = self.destination(from, &packet)?;
        let delivery = if self.expired(to, &packet.timeout) || !self.channel_open_for(from, &packet)
        {
            self.deliver_timeout(from, packet.clone())?;
            Delivery::TimedOut
        } else {
            let delivery = self.receive_on(to, packet.clone())?;
            if let Delivery::Acknowledged(ack) = &delivery {
                self.deliver_ack(from, packet.clone(), ack.clone())?;
            }
            delivery
        };
        self.collect()?;
        Ok(Some(PacketOutcome {
            from: K::from_index(from),
            packet,
            delivery,
        }))
    }

    /// Relays until nothing is pending, including packets sent while handling others.
    pub fn relay_all(&mut self) -> AnyResult<Vec<PacketOutcome<K>>> {
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
    pub fn timeout_expired(&mut self) -> AnyResult<Vec<PacketOutcome<K>>> {
        self.collect()?;
        let mut outcomes = vec![];
        let queue = std::mem::take(&mut self.in_flight);
        for InFlight { from, packet } in queue {
            let to = self.destination(from, &packet)?;
            if self.expired(to, &packet.timeout) {
                self.deliver_timeout(from, packet.clone())?;
                outcomes.push(PacketOutcome {
                    from: K::from_index(from),
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
    pub fn receive_next_without_ack(&mut self) -> AnyResult<Option<(K, IbcPacket, Delivery)>> {
        self.collect()?;
        let Some(InFlight { from, packet }) = self.in_flight.pop_front() else {
            return Ok(None);
        };
        let to = self.destination(from, &packet)?;
        let delivery = self.receive_on(to, packet.clone())?;
        self.collect()?;
        Ok(Some((K::from_index(from), packet, delivery)))
    }

    /// Closes a channel: `CloseInit` on `key`'s chain, `CloseConfirm` on the other end's, then
    /// every packet still in flight on it is timed out on its sender (timeout-on-close).
    pub fn close_channel(&mut self, key: K, channel_id: &str) -> AnyResult<()> {
        self.close_on(key.index(), channel_id)
    }

    fn close_on(&mut self, chain: usize, channel_id: &str) -> AnyResult<()> {
        // What was sent before the close is in flight on it.
        self.collect_packets()?;
        let (idx, end) = self.find_channel(chain, channel_id)?;
        if !self.channels[idx].open {
            bail!("channel {channel_id} is already closed");
        }
        let pair = self.channels[idx].clone();
        let init = IbcCall::ChannelClose(IbcChannelCloseMsg::new_init(pair.channel(end)));
        self.call(chain, &pair.end(end).contract, &init)?;
        let other = end.other();
        let confirm = IbcCall::ChannelClose(IbcChannelCloseMsg::new_confirm(pair.channel(other)));
        self.call(
            pair.chains[other.index()],
            &pair.end(other).contract,
            &confirm,
        )?;
        self.channels[idx].open = false;

        let queue = std::mem::take(&mut self.in_flight);
        for InFlight { from, packet } in queue {
            if pair.end_of(from, &packet.src.channel_id).is_some() {
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
