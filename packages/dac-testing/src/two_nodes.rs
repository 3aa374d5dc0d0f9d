//! Two nodes on two chains joined by the IBC harness's relayer, and the typed shorthands the
//! cross-node tests (IBC stories, attacks, the sandbox) share: accounts by name on each chain,
//! proposals passed by each node's founders, balances, vouchers and the relays' books.

use anyhow::{anyhow, Result};
use cosmwasm_std::{
    to_json_binary, Addr, CosmosMsg, IbcOrder, IbcPacket, IbcTimeout, Timestamp, Uint128,
};
use cw20::{BalanceResponse, Cw20ExecuteMsg, Cw20QueryMsg};
use dac_deploy::{pass_proposal, recognize_node, Contract, Deployment, NodeConfig};
use dac_ibc_harness::{port_of, Chain as IbcChain, ChannelPair, Delivery, Relayer, Side};
use demurrage_token::msg::{CommonsPoolResponse, QueryMsg as TokenQuery};
use ibc_relay::msg::{
    ExecuteMsg as RelayMsg, HoldingsResponse, ListPendingResponse, ListVouchersResponse,
    QueryMsg as RelayQuery, ReceiveMsg as RelayReceive, VoucherResponse,
};

use crate::{account, deploy_on, exec, query, test_config, OnApp, DAY, GENESIS_SECONDS};

/// The connection id both test chains use for each other.
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
        let genesis = Timestamp::from_seconds(GENESIS_SECONDS);
        let mut chain_a = IbcChain::new("dac-1", "alpha", genesis);
        let mut chain_b = IbcChain::new("dac-2", "beta", genesis);
        let mut cfg_a = test_config(&chain_a, "dac-1");
        let mut cfg_b = test_config(&chain_b, "dac-2");
        adjust(&mut cfg_a);
        adjust(&mut cfg_b);
        let d_a = deploy(&mut chain_a, &cfg_a)?;
        let d_b = deploy(&mut chain_b, &cfg_b)?;
        recognize(
            &mut chain_a,
            &cfg_a,
            &d_a,
            &cfg_b.name,
            d_b.addr(Contract::Relay),
        )?;
        recognize(
            &mut chain_b,
            &cfg_b,
            &d_b,
            &cfg_a.name,
            d_a.addr(Contract::Relay),
        )?;
        let mut relayer = Relayer::new(chain_a, chain_b);
        let channel = relayer.open_channel(
            &Addr::unchecked(d_a.addr(Contract::Relay)),
            CONNECTION,
            &Addr::unchecked(d_b.addr(Contract::Relay)),
            CONNECTION,
            ibc_relay::msg::IBC_VERSION,
            IbcOrder::Unordered,
        )?;
        Ok(TwoNodes {
            relayer,
            a: NodeInfo {
                cfg: cfg_a,
                deployment: d_a,
                side: Side::A,
            },
            b: NodeInfo {
                cfg: cfg_b,
                deployment: d_b,
                side: Side::B,
            },
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

    /// The node's name, as the other node's relay knows it (`dac-1`, `dac-2`).
    pub fn name(&self, side: Side) -> String {
        self.info(side).cfg.name.clone()
    }

    pub fn contract(&self, side: Side, contract: Contract) -> String {
        self.info(side).deployment.addr(contract).to_string()
    }

    pub fn founders(&self, side: Side) -> Vec<String> {
        self.info(side).cfg.founders.clone()
    }

    /// A named account on `side`'s chain (the founders are "ada", "bea", "cyd", "dov").
    pub fn addr(&self, side: Side, name: &str) -> String {
        account(self.relayer.chain(side), name)
    }

    /// The id of `side`'s end of the current channel.
    pub fn channel_id(&self, side: Side) -> String {
        self.channel.end(side).channel_id.clone()
    }

    pub fn now(&self, side: Side) -> Timestamp {
        self.relayer.chain(side).now()
    }

    /// Days since 1970-01-01 on `side`'s clock: what guest bookings count in.
    pub fn today(&self, side: Side) -> u64 {
        self.now(side).seconds() / DAY
    }

    /// The named account `sender` executes `msg` on one of `side`'s contracts.
    pub fn exec<T: serde::Serialize>(
        &mut self,
        side: Side,
        sender: &str,
        contract: Contract,
        msg: &T,
    ) -> Result<Vec<(String, String)>> {
        let sender = self.addr(side, sender);
        let contract = self.contract(side, contract);
        exec(self.chain(side), &sender, &contract, msg)
    }

    /// Queries one of `side`'s contracts into `R`; a refused query fails the test.
    pub fn query<T: serde::Serialize, R: serde::de::DeserializeOwned>(
        &self,
        side: Side,
        contract: Contract,
        msg: &T,
    ) -> R {
        let addr = self.contract(side, contract);
        query(self.relayer.chain(side), &addr, msg)
            .unwrap_or_else(|e| panic!("{contract:?} of {:?} answers: {e}", side))
    }

    /// A message from `side`'s council to one of its contracts, for a proposal.
    pub fn wasm_msg<T: serde::Serialize>(
        &self,
        side: Side,
        contract: Contract,
        msg: &T,
    ) -> CosmosMsg {
        CosmosMsg::Wasm(cosmwasm_std::WasmMsg::Execute {
            contract_addr: self.contract(side, contract),
            msg: to_json_binary(msg).expect("test messages serialize"),
            funds: vec![],
        })
    }

    /// The founders pass `msgs` in `side`'s executive council. Returns the proposal id (its
    /// status says whether the messages succeeded).
    pub fn pass(&mut self, side: Side, title: &str, msgs: Vec<CosmosMsg>) -> Result<u64> {
        let council = self.contract(side, Contract::Council);
        let founders = self.founders(side);
        pass_proposal(
            &mut OnApp(&mut self.chain(side).app),
            &council,
            &founders,
            title,
            msgs,
        )
    }

    pub fn proposal(&self, side: Side, proposal_id: u64) -> council::msg::ProposalResponse {
        self.query(
            side,
            Contract::Council,
            &council::msg::QueryMsg::Proposal { proposal_id },
        )
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
        let msg = self.wasm_msg(side, contract, msg);
        let id = self.pass(side, title, vec![msg])?;
        let proposal = self.proposal(side, id);
        match proposal.status {
            council::msg::ProposalStatus::Executed => Ok(id),
            status => Err(anyhow!(
                "proposal {id} ({title}) is {status:?}: {}",
                proposal.execution_error.unwrap_or_default()
            )),
        }
    }

    /// `side`'s council opens a guest home (two rooms, by the harbour) in its registry by
    /// proposal. Returns its home id.
    pub fn open_guest_home(&mut self, side: Side) -> Result<u64> {
        use housing_registry::msg::{ExecuteMsg, HomeStatus, HomesResponse, QueryMsg};
        let register = ExecuteMsg::RegisterHome {
            rooms: 2,
            accessibility: vec![],
            zone: "harbour".into(),
            status: HomeStatus::Guest,
        };
        self.govern(side, "Open a guest home", Contract::Housing, &register)?;
        let homes: HomesResponse = self.query(
            side,
            Contract::Housing,
            &QueryMsg::ListHomes {
                start_after: None,
                limit: Some(30),
            },
        );
        homes
            .homes
            .iter()
            .rev()
            .find(|h| h.status == HomeStatus::Guest)
            .map(|h| h.home_id)
            .ok_or_else(|| anyhow!("no guest home after the proposal"))
    }

    /// The token balance of the address `address` on `side`.
    pub fn balance_of(&self, side: Side, address: &str) -> u128 {
        let r: BalanceResponse = self.query(
            side,
            Contract::Token,
            &Cw20QueryMsg::Balance {
                address: address.to_string(),
            },
        );
        r.balance.u128()
    }

    /// The token balance of the named account `who` on `side`.
    pub fn balance(&self, side: Side, who: &str) -> u128 {
        self.balance_of(side, &self.addr(side, who))
    }

    pub fn pool(&self, side: Side) -> CommonsPoolResponse {
        self.query(side, Contract::Token, &TokenQuery::CommonsPool {})
    }

    /// `from` pays `to` (both named accounts on `side`) with a cw20 transfer.
    pub fn pay(&mut self, side: Side, from: &str, to: &str, amount: u128) -> Result<()> {
        let recipient = self.addr(side, to);
        self.exec(
            side,
            from,
            Contract::Token,
            &Cw20ExecuteMsg::Transfer {
                recipient,
                amount: Uint128::new(amount),
            },
        )?;
        Ok(())
    }

    /// A plain cw20 transfer to a contract, which no hook announces: a donation.
    pub fn donate(&mut self, side: Side, from: &str, to: Contract, amount: u128) -> Result<()> {
        let recipient = self.contract(side, to);
        self.exec(
            side,
            from,
            Contract::Token,
            &Cw20ExecuteMsg::Transfer {
                recipient,
                amount: Uint128::new(amount),
            },
        )?;
        Ok(())
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
        let contract = self.contract(side, to);
        self.exec(
            side,
            from,
            Contract::Token,
            &Cw20ExecuteMsg::Send {
                contract,
                amount: Uint128::new(amount),
                msg: to_json_binary(msg)?,
            },
        )
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
        let r: VoucherResponse = self.query(
            origin.other(),
            Contract::Relay,
            &RelayQuery::Voucher {
                node: self.name(origin),
                holder: holder.to_string(),
            },
        );
        r.shares.u128()
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
