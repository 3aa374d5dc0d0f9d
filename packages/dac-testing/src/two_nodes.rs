//! Two nodes on two chains joined by the IBC harness's relayer: the [`crate::Mesh`] of two nodes
//! that recognize each other, built by the same [`build`], with the side-keyed shorthands the
//! cross-node tests (IBC stories, attacks, the sandbox) share (per node, those of [`At`]):
//! accounts by name on each chain, proposals passed by each node's founders, balances, vouchers
//! and the relays' books.

use anyhow::{anyhow, Result};
use cosmwasm_std::{Addr, CosmosMsg, IbcOrder, IbcPacket, IbcTimeout, Timestamp, Uint128};
use dac_deploy::{recognize_node, Contract, Deployment, NodeConfig};
use dac_ibc_harness::{port_of, Chain as IbcChain, ChannelPair, Delivery, Relayer, Side};
use demurrage_token::msg::{CommonsPoolResponse, QueryMsg as TokenQuery};
use ibc_relay::msg::{
    ExecuteMsg as RelayMsg, HoldingsResponse, ListPendingResponse, ListVouchersResponse,
    QueryMsg as RelayQuery, ReceiveMsg as RelayReceive,
};

use crate::mesh::{build, At, Deployed};
use crate::{deploy_on, OnApp};

/// The connection id both test chains use for each other (a mesh numbers its connections per
/// chain, [`crate::mesh::connection_ids`], which for two nodes is this one).
pub const CONNECTION: &str = "connection-0";

/// Two nodes on two chains, recognized by each other's councils, their relays joined by an
/// open `dac-relay-1` channel.
pub struct TwoNodes {
    pub relayer: Relayer,
    pub a: NodeInfo,
    pub b: NodeInfo,
    pub channel: ChannelPair,
}

/// One side of [`TwoNodes`].
pub struct NodeInfo {
    pub cfg: NodeConfig,
    pub deployment: Deployment,
    pub side: Side,
}

impl TwoNodes {
    /// Deploys `dac-1` (addresses `alpha1…`) and `dac-2` (`beta1…`) through the recipe; each
    /// council recognizes the other node by a passed proposal; then the channel is opened.
    pub fn new() -> Result<Self> {
        Self::with_config(|_| {})
    }

    /// As [`TwoNodes::new`], with each node's constitution adjusted by `adjust` before it is
    /// deployed (e.g. a larger economy for the simulator).
    pub fn with_config(adjust: impl Fn(&mut NodeConfig)) -> Result<Self> {
        Self::with_deploy(adjust, deploy_on)
    }

    /// As [`TwoNodes::with_config`], each node deployed by `deploy` (e.g. the recipe with a past
    /// release's code, for the upgrade tests).
    pub fn with_deploy(
        adjust: impl Fn(&mut NodeConfig),
        deploy: impl Fn(&mut IbcChain, &NodeConfig) -> Result<Deployment>,
    ) -> Result<Self> {
        let (relayer, nodes, mut links) =
            build::<Side>(2, &[(0, 1), (1, 0)], |_, cfg| adjust(cfg), deploy)?;
        let [a, b] = <[Deployed; 2]>::try_from(nodes).map_err(|_| anyhow!("two nodes"))?;
        let channel = links.remove(0).channel;
        let info = |node: Deployed, side| NodeInfo {
            cfg: node.cfg,
            deployment: node.deployment,
            side,
        };
        Ok(TwoNodes {
            relayer,
            a: info(a, Side::A),
            b: info(b, Side::B),
            channel,
        })
    }

    /// [`TwoNodes::new`] for a test: a node that fails to deploy fails the test.
    pub fn deploy() -> Self {
        Self::new().expect("two nodes deploy through the recipe")
    }

    /// As [`TwoNodes::deploy`], with both constitutions adjusted by `adjust`.
    pub fn deploy_with(adjust: impl Fn(&mut NodeConfig)) -> Self {
        Self::with_config(adjust).expect("two nodes deploy through the recipe")
    }

    pub fn chain(&mut self, side: Side) -> &mut IbcChain {
        self.relayer.chain_mut(side)
    }

    pub fn info(&self, side: Side) -> &NodeInfo {
        match side {
            Side::A => &self.a,
            Side::B => &self.b,
        }
    }

    /// `side`'s node, to read (the shorthands of [`At`]).
    pub fn at(&self, side: Side) -> At<'_, &IbcChain> {
        let info = self.info(side);
        At {
            chain: self.relayer.chain(side),
            cfg: &info.cfg,
            deployment: &info.deployment,
        }
    }

    /// `side`'s node, to act on.
    pub fn at_mut(&mut self, side: Side) -> At<'_, &mut IbcChain> {
        let info = match side {
            Side::A => &self.a,
            Side::B => &self.b,
        };
        At {
            chain: self.relayer.chain_mut(side),
            cfg: &info.cfg,
            deployment: &info.deployment,
        }
    }

    /// The node's name, as the other node's relay knows it (`dac-1`, `dac-2`).
    pub fn name(&self, side: Side) -> String {
        self.at(side).name()
    }

    pub fn contract(&self, side: Side, contract: Contract) -> String {
        self.at(side).contract(contract)
    }

    pub fn founders(&self, side: Side) -> Vec<String> {
        self.at(side).founders()
    }

    /// A named account on `side`'s chain (the founders are "ada", "bea", "cyd", "dov").
    pub fn addr(&self, side: Side, name: &str) -> String {
        self.at(side).addr(name)
    }

    /// The id of `side`'s end of the current channel.
    pub fn channel_id(&self, side: Side) -> String {
        self.channel.end(side).channel_id.clone()
    }

    pub fn now(&self, side: Side) -> Timestamp {
        self.at(side).now()
    }

    /// Days since 1970-01-01 on `side`'s clock: what guest bookings count in.
    pub fn today(&self, side: Side) -> u64 {
        self.at(side).today()
    }

    /// The named account `sender` executes `msg` on one of `side`'s contracts.
    pub fn exec<T: serde::Serialize>(
        &mut self,
        side: Side,
        sender: &str,
        contract: Contract,
        msg: &T,
    ) -> Result<Vec<(String, String)>> {
        self.at_mut(side).exec(sender, contract, msg)
    }

    /// Queries one of `side`'s contracts into `R`; a refused query fails the test.
    pub fn query<T: serde::Serialize, R: serde::de::DeserializeOwned>(
        &self,
        side: Side,
        contract: Contract,
        msg: &T,
    ) -> R {
        self.at(side).query(contract, msg)
    }

    /// A message from `side`'s council to one of its contracts, for a proposal.
    pub fn wasm_msg<T: serde::Serialize>(
        &self,
        side: Side,
        contract: Contract,
        msg: &T,
    ) -> CosmosMsg {
        self.at(side).wasm_msg(contract, msg)
    }

    /// The founders pass `msgs` in `side`'s executive council. Returns the proposal id (its
    /// status says whether the messages succeeded).
    pub fn pass(&mut self, side: Side, title: &str, msgs: Vec<CosmosMsg>) -> Result<u64> {
        self.at_mut(side).pass(title, msgs)
    }

    pub fn proposal(&self, side: Side, proposal_id: u64) -> council::msg::ProposalResponse {
        self.at(side).proposal(proposal_id)
    }

    /// `side`'s council has `contract` execute `msg`, by a proposal the founders pass: how the
    /// council acts as the admin of its contracts. An error if the message itself failed.
    pub fn govern<T: serde::Serialize>(
        &mut self,
        side: Side,
        title: &str,
        contract: Contract,
        msg: &T,
    ) -> Result<u64> {
        self.at_mut(side).govern(title, contract, msg)
    }

    /// `side`'s council opens a guest home (two rooms, by the harbour) in its registry by
    /// proposal. Returns its home id.
    pub fn open_guest_home(&mut self, side: Side) -> Result<u64> {
        self.at_mut(side).open_guest_home()
    }

    /// The token balance of the address `address` on `side`.
    pub fn balance_of(&self, side: Side, address: &str) -> u128 {
        self.at(side).balance_of(address)
    }

    /// The token balance of the named account `who` on `side`.
    pub fn balance(&self, side: Side, who: &str) -> u128 {
        self.at(side).balance(who)
    }

    pub fn pool(&self, side: Side) -> CommonsPoolResponse {
        self.query(side, Contract::Token, &TokenQuery::CommonsPool {})
    }

    /// `from` pays `to` (both named accounts on `side`) with a cw20 transfer.
    pub fn pay(&mut self, side: Side, from: &str, to: &str, amount: u128) -> Result<()> {
        let recipient = self.addr(side, to);
        self.at_mut(side).transfer(from, recipient, amount)
    }

    /// A plain cw20 transfer to a contract, which no hook announces: a donation.
    pub fn donate(&mut self, side: Side, from: &str, to: Contract, amount: u128) -> Result<()> {
        let recipient = self.contract(side, to);
        self.at_mut(side).transfer(from, recipient, amount)
    }

    /// `from` pays `amount` to one of `side`'s contracts with a cw20 `Send` carrying `msg` (the
    /// contract's `ReceiveMsg`).
    pub fn send_token<T: serde::Serialize>(
        &mut self,
        side: Side,
        from: &str,
        to: Contract,
        amount: u128,
        msg: &T,
    ) -> Result<Vec<(String, String)>> {
        self.at_mut(side).send_token(from, to, amount, msg)
    }

    /// `from` on `side` sends `amount` of its node's token to `to` on the other node.
    pub fn send_abroad(
        &mut self,
        side: Side,
        from: &str,
        to: &str,
        amount: u128,
        timeout_seconds: u64,
    ) -> Result<()> {
        let receiver = self.addr(side.other(), to);
        let channel_id = self.channel_id(side);
        let transfer = RelayReceive::Transfer {
            channel_id,
            receiver,
            timeout_seconds: Some(timeout_seconds),
        };
        self.send_token(side, from, Contract::Relay, amount, &transfer)?;
        Ok(())
    }

    /// `holder` on `side` returns `shares` of the other node's vouchers to `to` there.
    pub fn return_home(
        &mut self,
        side: Side,
        holder: &str,
        to: &str,
        shares: u128,
        timeout_seconds: u64,
    ) -> Result<()> {
        let receiver = self.addr(side.other(), to);
        let channel_id = self.channel_id(side);
        self.exec(
            side,
            holder,
            Contract::Relay,
            &RelayMsg::ReturnVouchers {
                channel_id,
                receiver,
                shares: Uint128::new(shares),
                timeout_seconds: Some(timeout_seconds),
            },
        )?;
        Ok(())
    }

    /// Vouchers of `origin`'s token that the named `holder` holds on the other node.
    pub fn vouchers(&self, origin: Side, holder: &str) -> u128 {
        self.vouchers_of(origin, &self.addr(origin.other(), holder))
    }

    /// Vouchers of `origin`'s token that the address `holder` holds on the other node.
    pub fn vouchers_of(&self, origin: Side, holder: &str) -> u128 {
        self.at(origin.other())
            .vouchers_of(&self.name(origin), holder)
    }

    /// All vouchers of `origin`'s token outstanding on the other node.
    pub fn voucher_supply(&self, origin: Side) -> u128 {
        let r: ListVouchersResponse = self.query(
            origin.other(),
            Contract::Relay,
            &RelayQuery::ListVouchers {
                node: self.name(origin),
                start_after: None,
                limit: Some(1),
            },
        );
        r.supply.u128()
    }

    /// What `side`'s relay holds of its own token, for whom.
    pub fn holdings(&self, side: Side) -> HoldingsResponse {
        self.query(
            side,
            Contract::Relay,
            &RelayQuery::Holdings {
                start_after: None,
                limit: None,
            },
        )
    }

    /// Units `side`'s relay holds for the other node: what backs its vouchers there.
    pub fn units_held_for_other(&self, side: Side) -> u128 {
        let other = self.name(side.other());
        self.holdings(side)
            .nodes
            .iter()
            .filter(|held| held.node == other)
            .map(|held| held.units.u128())
            .sum()
    }

    /// The packets `side`'s relay sent and still awaits an acknowledgement or timeout for.
    pub fn pending(&self, side: Side) -> ListPendingResponse {
        self.query(
            side,
            Contract::Relay,
            &RelayQuery::PendingPackets {
                start_after: None,
                limit: Some(30),
            },
        )
    }

    /// Delivers `data` to `side`'s relay as if the other relay had sent it on the open channel:
    /// what a hostile node (or a relayer replaying a packet) can make arrive.
    pub fn deliver_raw(&mut self, side: Side, sequence: u64, data: &[u8]) -> Delivery {
        let timeout = IbcTimeout::with_timestamp(Timestamp::from_seconds(u64::MAX / 2_000_000_000));
        let packet = IbcPacket::new(
            data.to_vec(),
            self.channel.end(side.other()).endpoint(),
            self.channel.end(side).endpoint(),
            sequence,
            timeout,
        );
        self.relayer
            .deliver_receive(side, packet)
            .expect("the harness delivers")
    }

    /// Opens a new channel between the two relays (after the last one closed).
    pub fn reopen_channel(&mut self) -> Result<()> {
        let relay_a = Addr::unchecked(self.contract(Side::A, Contract::Relay));
        let relay_b = Addr::unchecked(self.contract(Side::B, Contract::Relay));
        self.channel = self.relayer.open_channel(
            &relay_a,
            CONNECTION,
            &relay_b,
            CONNECTION,
            ibc_relay::msg::IBC_VERSION,
            IbcOrder::Unordered,
        )?;
        Ok(())
    }

    /// Moves both chains' clocks forward together.
    pub fn advance_both(&mut self, seconds: u64) {
        crate::advance_both(&mut self.relayer, seconds);
    }
}

/// Whether an acknowledgement is an ICS-style error (`{"error": …}`, or not an ack at all).
pub fn is_error(delivery: &Delivery) -> bool {
    match delivery {
        Delivery::Acknowledged(ack) => !ibc_relay::packet::ack_is_success(ack),
        _ => false,
    }
}

/// The council of the node on `chain` recognizes the node `name` whose relay is `remote_relay`.
pub fn recognize(
    chain: &mut IbcChain,
    cfg: &NodeConfig,
    deployment: &Deployment,
    name: &str,
    remote_relay: &str,
) -> Result<u64> {
    recognize_node(
        &mut OnApp(&mut chain.app),
        cfg,
        deployment,
        name,
        CONNECTION,
        &port_of(&Addr::unchecked(remote_relay)),
    )
}
