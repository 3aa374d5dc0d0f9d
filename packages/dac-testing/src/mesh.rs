//! A mesh of nodes, each on its own chain, deployed through the one recipe and joined by the IBC
//! harness's relayer: a channel opens between two relays only where both councils recognized
//! each other. [`TwoNodes`](crate::TwoNodes) is the mesh of two that recognize each other.
//!
//! [`At`] is one node seen from a test (act on its contracts, pass its proposals, read its
//! balances); the mesh and the two-node harness both hand it out, so the shorthands exist once.

use std::borrow::{Borrow, BorrowMut};
use std::collections::BTreeMap;

use anyhow::{anyhow, bail, Result};
use cosmwasm_std::{to_json_binary, Addr, CosmosMsg, IbcOrder, Timestamp, Uint128, WasmMsg};
use cw20::{BalanceResponse, Cw20ExecuteMsg};
use dac_deploy::{pass_proposal, recognize_node, Contract, Deployment, NodeConfig};
use dac_ibc_harness::{port_of, Chain as IbcChain, ChainKey, ChannelPair, Relayer};
use demurrage_token::msg::{ClaimableResponse, ExecuteMsg as TokenExecute, QueryMsg as TokenQuery};
use ibc_relay::msg::{QueryMsg as RelayQuery, ReceiveMsg as RelayReceive, VoucherResponse};

use crate::{account, deploy_on, exec, query, test_config, OnApp, DAY, GENESIS_SECONDS};

/// Address prefixes of the mesh's chains, in order (chain ids `dac-1`, `dac-2`, …).
pub const PREFIXES: [&str; 8] = [
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta",
];

/// One node of a network: its constitution and where the recipe put its contracts.
#[derive(Clone, Debug)]
pub struct Deployed {
    pub cfg: NodeConfig,
    pub deployment: Deployment,
}

/// A channel between two nodes' relays, with the node at each end (`nodes[0]` opened it).
#[derive(Clone, Debug)]
pub struct Link {
    pub nodes: [usize; 2],
    pub channel: ChannelPair,
}

/// The connection id on node `at`'s chain to node `to`'s: chain-local, numbered in the order the
/// plan first names the pair (so two nodes use `connection-0` on both chains).
pub fn connection_ids(
    count: usize,
    recognitions: &[(usize, usize)],
) -> BTreeMap<(usize, usize), String> {
    let mut next = vec![0; count];
    let mut ids = BTreeMap::new();
    for &(a, b) in recognitions {
        for (at, to) in [(a, b), (b, a)] {
            ids.entry((at, to)).or_insert_with(|| {
                next[at] += 1;
                format!("connection-{}", next[at] - 1)
            });
        }
    }
    ids
}

/// What a wallet sends, in one transaction, for `mover` to move with `depart` (the relay's
/// `move`): `claim_income` first if the token owes them income (the relay refuses a move that
/// would leave it to be paid at their old address), then `send_all` of their whole balance to
/// `relay`. In one block the claim restarts their count, so the move leaves nothing behind.
pub fn move_messages(
    chain: &IbcChain,
    token: &str,
    relay: &str,
    mover: &str,
    depart: &RelayReceive,
) -> Result<Vec<CosmosMsg>> {
    let owed: ClaimableResponse = query(
        chain,
        token,
        &TokenQuery::Claimable {
            address: mover.to_string(),
        },
    )?;
    let wasm = |msg: &TokenExecute| -> Result<CosmosMsg> {
        Ok(WasmMsg::Execute {
            contract_addr: token.to_string(),
            msg: to_json_binary(msg)?,
            funds: vec![],
        }
        .into())
    };
    let mut msgs = vec![];
    if !owed.amount.is_zero() {
        msgs.push(wasm(&TokenExecute::ClaimIncome {})?);
    }
    msgs.push(wasm(&TokenExecute::SendAll {
        contract: relay.to_string(),
        msg: to_json_binary(depart)?,
    })?);
    Ok(msgs)
}

/// Deploys `count` nodes (`dac-1`… with the [`PREFIXES`]) through `deploy`; each council
/// recognizes, by a passed proposal, the nodes `recognitions` lists for it (`(by, whom)`); then
/// a channel opens between every pair that recognized each other, and no other.
pub fn build<K: ChainKey>(
    count: usize,
    recognitions: &[(usize, usize)],
    adjust: impl Fn(usize, &mut NodeConfig),
    deploy: impl Fn(&mut IbcChain, &NodeConfig) -> Result<Deployment>,
) -> Result<(Relayer<K>, Vec<Deployed>, Vec<Link>)> {
    if count > PREFIXES.len() {
        bail!("at most {} nodes", PREFIXES.len());
    }
    if let Some(bad) = recognitions
        .iter()
        .find(|(by, whom)| by == whom || *by >= count || *whom >= count)
    {
        bail!("recognition {bad:?} does not name two nodes of {count}");
    }
    let genesis = Timestamp::from_seconds(GENESIS_SECONDS);
    let mut chains = vec![];
    let mut nodes = vec![];
    for (i, prefix) in PREFIXES.iter().take(count).enumerate() {
        let name = format!("dac-{}", i + 1);
        let mut chain = IbcChain::new(&name, prefix, genesis);
        let mut cfg = test_config(&chain, &name);
        adjust(i, &mut cfg);
        let deployment = deploy(&mut chain, &cfg)?;
        chains.push(chain);
        nodes.push(Deployed { cfg, deployment });
    }
    let connections = connection_ids(count, recognitions);
    for &(by, whom) in recognitions {
        let remote = &nodes[whom];
        let port = port_of(&Addr::unchecked(remote.deployment.addr(Contract::Relay)));
        recognize_node(
            &mut OnApp(&mut chains[by].app),
            &nodes[by].cfg,
            &nodes[by].deployment,
            &remote.cfg.name,
            &connections[&(by, whom)],
            &port,
        )?;
    }
    let mut relayer = Relayer::<K>::with_chains(chains);
    let mut links = vec![];
    for &(a, b) in recognitions {
        let mutual = recognitions.contains(&(b, a));
        let linked = links.iter().any(|l: &Link| l.nodes == [b, a]);
        if mutual && !linked {
            let channel = open_between(&mut relayer, &nodes, &connections, a, b)?;
            links.push(Link {
                nodes: [a, b],
                channel,
            });
        }
    }
    Ok((relayer, nodes, links))
}

/// The relay of node `a` opens a `dac-relay-1` channel to the relay of node `b`.
fn open_between<K: ChainKey>(
    relayer: &mut Relayer<K>,
    nodes: &[Deployed],
    connections: &BTreeMap<(usize, usize), String>,
    a: usize,
    b: usize,
) -> Result<ChannelPair> {
    let relay = |i: usize| Addr::unchecked(nodes[i].deployment.addr(Contract::Relay));
    let (relay_a, relay_b) = (relay(a), relay(b));
    // Nodes a mesh never connected still get a connection id, as light clients would exist.
    let conn = |at: usize, to: usize| {
        connections
            .get(&(at, to))
            .cloned()
            .unwrap_or_else(|| format!("connection-{to}"))
    };
    relayer.open_channel_between(
        (K::from_index(a), &relay_a, &conn(a, b)),
        (K::from_index(b), &relay_b, &conn(b, a)),
        ibc_relay::msg::IBC_VERSION,
        IbcOrder::Unordered,
    )
}

/// One node as a test sees it: its chain (borrowed, mutably to act) and its deployment.
pub struct At<'a, C> {
    pub chain: C,
    pub cfg: &'a NodeConfig,
    pub deployment: &'a Deployment,
}

impl<C: Borrow<IbcChain>> At<'_, C> {
    fn chain_ref(&self) -> &IbcChain {
        self.chain.borrow()
    }

    /// The node's name, as other nodes' relays know it (`dac-1`, …).
    pub fn name(&self) -> String {
        self.cfg.name.clone()
    }

    pub fn contract(&self, contract: Contract) -> String {
        self.deployment.addr(contract).to_string()
    }

    pub fn founders(&self) -> Vec<String> {
        self.cfg.founders.clone()
    }

    /// A named account on the node's chain (the founders are "ada", "bea", "cyd", "dov").
    pub fn addr(&self, name: &str) -> String {
        account(self.chain_ref(), name)
    }

    pub fn now(&self) -> Timestamp {
        self.chain_ref().now()
    }

    /// Days since 1970-01-01 on the node's clock: what guest bookings count in.
    pub fn today(&self) -> u64 {
        self.now().seconds() / DAY
    }

    /// Queries one of the node's contracts into `R`; a refused query fails the test.
    pub fn query<T: serde::Serialize, R: serde::de::DeserializeOwned>(
        &self,
        contract: Contract,
        msg: &T,
    ) -> R {
        let addr = self.contract(contract);
        query(self.chain_ref(), &addr, msg)
            .unwrap_or_else(|e| panic!("{contract:?} of {} answers: {e}", self.cfg.name))
    }

    /// A message from the node's council to one of its contracts, for a proposal.
    pub fn wasm_msg<T: serde::Serialize>(&self, contract: Contract, msg: &T) -> CosmosMsg {
        CosmosMsg::Wasm(cosmwasm_std::WasmMsg::Execute {
            contract_addr: self.contract(contract),
            msg: to_json_binary(msg).expect("test messages serialize"),
            funds: vec![],
        })
    }

    pub fn proposal(&self, proposal_id: u64) -> council::msg::ProposalResponse {
        self.query(
            Contract::Council,
            &council::msg::QueryMsg::Proposal { proposal_id },
        )
    }

    /// The token balance of the address `address`.
    pub fn balance_of(&self, address: &str) -> u128 {
        let r: BalanceResponse = self.query(
            Contract::Token,
            &cw20::Cw20QueryMsg::Balance {
                address: address.to_string(),
            },
        );
        r.balance.u128()
    }

    /// The token balance of the named account `who`.
    pub fn balance(&self, who: &str) -> u128 {
        self.balance_of(&self.addr(who))
    }

    /// Vouchers of node `origin`'s token that the address `holder` holds here.
    pub fn vouchers_of(&self, origin: &str, holder: &str) -> u128 {
        let r: VoucherResponse = self.query(
            Contract::Relay,
            &RelayQuery::Voucher {
                node: origin.to_string(),
                holder: holder.to_string(),
            },
        );
        r.shares.u128()
    }
}

impl<C: BorrowMut<IbcChain>> At<'_, C> {
    /// The named account `sender` executes `msg` on one of the node's contracts.
    pub fn exec<T: serde::Serialize>(
        &mut self,
        sender: &str,
        contract: Contract,
        msg: &T,
    ) -> Result<Vec<(String, String)>> {
        let sender = self.addr(sender);
        let contract = self.contract(contract);
        exec(self.chain.borrow_mut(), &sender, &contract, msg)
    }

    /// The founders pass `msgs` in the node's executive council. Returns the proposal id (its
    /// status says whether the messages succeeded).
    pub fn pass(&mut self, title: &str, msgs: Vec<CosmosMsg>) -> Result<u64> {
        let council = self.contract(Contract::Council);
        let founders = self.founders();
        let app = &mut self.chain.borrow_mut().app;
        pass_proposal(&mut OnApp(app), &council, &founders, title, msgs)
    }

    /// The node's council has `contract` execute `msg`, by a proposal the founders pass: how the
    /// council acts as the admin of its contracts. An error if the message itself failed.
    pub fn govern<T: serde::Serialize>(
        &mut self,
        title: &str,
        contract: Contract,
        msg: &T,
    ) -> Result<u64> {
        let msg = self.wasm_msg(contract, msg);
        let id = self.pass(title, vec![msg])?;
        let proposal = self.proposal(id);
        match proposal.status {
            council::msg::ProposalStatus::Executed => Ok(id),
            status => Err(anyhow!(
                "proposal {id} ({title}) is {status:?}: {}",
                proposal.execution_error.unwrap_or_default()
            )),
        }
    }

    /// The node's council opens a guest home (two rooms, by the harbour) by proposal. Returns
    /// its home id.
    pub fn open_guest_home(&mut self) -> Result<u64> {
        use housing_registry::msg::{ExecuteMsg, HomeStatus, HomesResponse, QueryMsg};
        let register = ExecuteMsg::RegisterHome {
            rooms: 2,
            accessibility: vec![],
            zone: "harbour".into(),
            status: HomeStatus::Guest,
        };
        self.govern("Open a guest home", Contract::Housing, &register)?;
        let homes: HomesResponse = self.query(
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

    /// The named member `who` moves to the node at the other end of `channel_id`, to the
    /// address `receiver` there: one transaction that claims their income if the token owes
    /// them any, then sends their whole balance with `move` ([`move_messages`]).
    pub fn move_over(
        &mut self,
        channel_id: String,
        who: &str,
        receiver: String,
        household_stays: bool,
    ) -> Result<Vec<(String, String)>> {
        let depart = RelayReceive::Move {
            channel_id,
            receiver,
            household_stays,
            timeout_seconds: Some(DAY),
        };
        let mover = self.addr(who);
        let token = self.contract(Contract::Token);
        let relay = self.contract(Contract::Relay);
        let msgs = move_messages(self.chain.borrow(), &token, &relay, &mover, &depart)?;
        let responses = self
            .chain
            .borrow_mut()
            .app
            .execute_multi(Addr::unchecked(mover), msgs)?;
        Ok(responses
            .iter()
            .flat_map(|r| r.events.iter())
            .filter(|e| e.ty.starts_with("wasm"))
            .flat_map(|e| e.attributes.iter())
            .map(|a| (a.key.clone(), a.value.clone()))
            .collect())
    }

    /// `from` pays the address `recipient` with a cw20 transfer.
    pub fn transfer(&mut self, from: &str, recipient: String, amount: u128) -> Result<()> {
        self.exec(
            from,
            Contract::Token,
            &Cw20ExecuteMsg::Transfer {
                recipient,
                amount: Uint128::new(amount),
            },
        )?;
        Ok(())
    }

    /// `from` pays `amount` to one of the node's contracts with a cw20 `Send` carrying `msg`
    /// (the contract's `ReceiveMsg`).
    pub fn send_token<T: serde::Serialize>(
        &mut self,
        from: &str,
        to: Contract,
        amount: u128,
        msg: &T,
    ) -> Result<Vec<(String, String)>> {
        let contract = self.contract(to);
        self.exec(
            from,
            Contract::Token,
            &Cw20ExecuteMsg::Send {
                contract,
                amount: Uint128::new(amount),
                msg: to_json_binary(msg)?,
            },
        )
    }

    /// `from` sends `amount` of the node's token over `channel_id` to the address `receiver`
    /// on the node at the other end.
    pub fn send_over(
        &mut self,
        channel_id: String,
        from: &str,
        receiver: String,
        amount: u128,
    ) -> Result<Vec<(String, String)>> {
        let transfer = RelayReceive::Transfer {
            channel_id,
            receiver,
            timeout_seconds: Some(DAY),
        };
        self.send_token(from, Contract::Relay, amount, &transfer)
    }
}

/// N nodes, each on its own chain (`dac-1` on `alpha`, `dac-2` on `beta`, …), joined by the
/// channels of [`build`]: only pairs whose councils recognized each other share one.
pub struct Mesh {
    pub relayer: Relayer<usize>,
    pub nodes: Vec<Deployed>,
    pub links: Vec<Link>,
}

impl Mesh {
    /// `count` nodes through the recipe; `recognitions` lists `(by, whom)`: node `by`'s
    /// council recognizes node `whom`.
    pub fn new(count: usize, recognitions: &[(usize, usize)]) -> Result<Self> {
        Self::with_config(count, recognitions, |_, _| {})
    }

    /// As [`Mesh::new`], each node's constitution adjusted by `adjust(index, cfg)` first.
    pub fn with_config(
        count: usize,
        recognitions: &[(usize, usize)],
        adjust: impl Fn(usize, &mut NodeConfig),
    ) -> Result<Self> {
        let (relayer, nodes, links) = build(count, recognitions, adjust, deploy_on)?;
        Ok(Mesh {
            relayer,
            nodes,
            links,
        })
    }

    /// Node `i`, to read.
    pub fn at(&self, i: usize) -> At<'_, &IbcChain> {
        At {
            chain: self.relayer.chain(i),
            cfg: &self.nodes[i].cfg,
            deployment: &self.nodes[i].deployment,
        }
    }

    /// Node `i`, to act on.
    pub fn at_mut(&mut self, i: usize) -> At<'_, &mut IbcChain> {
        At {
            chain: self.relayer.chain_mut(i),
            cfg: &self.nodes[i].cfg,
            deployment: &self.nodes[i].deployment,
        }
    }

    /// The id, on node `at`'s chain, of its open channel to node `to`, if they share one.
    pub fn channel_id(&self, at: usize, to: usize) -> Option<String> {
        self.links.iter().find_map(|l| {
            let end = match l.nodes {
                [a, b] if a == at && b == to => &l.channel.a,
                [a, b] if b == at && a == to => &l.channel.b,
                _ => return None,
            };
            (l.channel.open).then(|| end.channel_id.clone())
        })
    }

    /// The channel between `at` and `to`, seen from `at`; an error if they share none.
    pub fn channel(&self, at: usize, to: usize) -> Result<String> {
        self.channel_id(at, to)
            .ok_or_else(|| anyhow!("dac-{} and dac-{} share no channel", at + 1, to + 1))
    }

    /// The named `from` on node `at` sends `amount` to the named `to` on node `dest`, relayed.
    pub fn send_abroad(
        &mut self,
        at: usize,
        from: &str,
        dest: usize,
        to: &str,
        amount: u128,
    ) -> Result<()> {
        let channel_id = self.channel(at, dest)?;
        let receiver = self.at(dest).addr(to);
        self.at_mut(at)
            .send_over(channel_id, from, receiver, amount)?;
        self.relayer.relay_all()?;
        Ok(())
    }

    /// The named member `who` of node `at` moves to node `dest`, as the account of the same
    /// name there, relayed. `household_stays` hands their home to due process instead.
    pub fn move_member(
        &mut self,
        at: usize,
        who: &str,
        dest: usize,
        household_stays: bool,
    ) -> Result<()> {
        let channel_id = self.channel(at, dest)?;
        let receiver = self.at(dest).addr(who);
        self.at_mut(at)
            .move_over(channel_id, who, receiver, household_stays)?;
        self.relayer.relay_all()?;
        Ok(())
    }

    /// Vouchers of node `origin`'s token the named `holder` holds on node `at`.
    pub fn vouchers(&self, origin: usize, at: usize, holder: &str) -> u128 {
        let node = self.at(at);
        node.vouchers_of(&self.nodes[origin].cfg.name, &node.addr(holder))
    }

    /// Moves every chain's clock forward together.
    pub fn advance_all(&mut self, seconds: u64) {
        for chain in self.relayer.chains_mut() {
            chain.advance_seconds(seconds);
        }
    }
}
