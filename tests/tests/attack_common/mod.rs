//! What every attacker file shares: two nodes deployed through the one recipe
//! ([`dac_testing::TwoNodes`]), named accounts on each chain, and the few reads an attack is
//! judged by (balances, vouchers, the relay's holdings, the commons pool).

#![allow(dead_code)]

use anyhow::Result;
use cosmwasm_std::{to_json_binary, CosmosMsg, IbcPacket, IbcTimeout, Timestamp, Uint128};
use cw20::{BalanceResponse, Cw20ExecuteMsg, Cw20QueryMsg};
use dac_testing::dac_deploy::{pass_proposal, Contract};
use dac_testing::dac_ibc_harness::{Delivery, Side};
use dac_testing::{account, exec, query, OnApp, TwoNodes};
use ibc_relay::msg::{
    ExecuteMsg as RelayMsg, HoldingsResponse, ListVouchersResponse, QueryMsg as RelayQuery,
    ReceiveMsg as RelayReceive, VoucherResponse,
};

pub use dac_testing::DAY;

pub struct Mesh {
    pub nodes: TwoNodes,
}

impl Mesh {
    pub fn new() -> Self {
        Mesh {
            nodes: TwoNodes::new().expect("two nodes deploy through the recipe"),
        }
    }

    fn info(&self, side: Side) -> &dac_testing::NodeInfo {
        match side {
            Side::A => &self.nodes.a,
            Side::B => &self.nodes.b,
        }
    }

    pub fn name(&self, side: Side) -> String {
        self.info(side).cfg.name.clone()
    }

    pub fn contract(&self, side: Side, contract: Contract) -> String {
        self.info(side).deployment.addr(contract).to_string()
    }

    pub fn founders(&self, side: Side) -> Vec<String> {
        self.info(side).cfg.founders.clone()
    }

    /// A named account on `side`'s chain (founders are "ada", "bea", "cyd", "dov").
    pub fn addr(&mut self, side: Side, name: &str) -> String {
        account(self.nodes.chain(side), name)
    }

    pub fn channel_id(&self, side: Side) -> String {
        self.nodes.channel.end(side).channel_id.clone()
    }

    pub fn exec<T: serde::Serialize>(
        &mut self,
        side: Side,
        sender: &str,
        contract: Contract,
        msg: &T,
    ) -> Result<Vec<(String, String)>> {
        let sender = self.addr(side, sender);
        let contract = self.contract(side, contract);
        exec(self.nodes.chain(side), &sender, &contract, msg)
    }

    pub fn query<T: serde::Serialize, R: serde::de::DeserializeOwned>(
        &mut self,
        side: Side,
        contract: Contract,
        msg: &T,
    ) -> R {
        let contract = self.contract(side, contract);
        query(self.nodes.chain(side), &contract, msg).expect("query answers")
    }

    /// The founders pass `msgs` in `side`'s executive council.
    pub fn pass(&mut self, side: Side, title: &str, msgs: Vec<CosmosMsg>) -> Result<u64> {
        let council = self.contract(side, Contract::Council);
        let founders = self.founders(side);
        pass_proposal(
            &mut OnApp(&mut self.nodes.chain(side).app),
            &council,
            &founders,
            title,
            msgs,
        )
    }

    pub fn balance_of(&mut self, side: Side, address: &str) -> u128 {
        let r: BalanceResponse = self.query(
            side,
            Contract::Token,
            &Cw20QueryMsg::Balance {
                address: address.to_string(),
            },
        );
        r.balance.u128()
    }

    pub fn balance(&mut self, side: Side, who: &str) -> u128 {
        let address = self.addr(side, who);
        self.balance_of(side, &address)
    }

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
        let relay = self.contract(side, Contract::Relay);
        let channel_id = self.channel_id(side);
        self.exec(
            side,
            from,
            Contract::Token,
            &Cw20ExecuteMsg::Send {
                contract: relay,
                amount: Uint128::new(amount),
                msg: to_json_binary(&RelayReceive::Transfer {
                    channel_id,
                    receiver,
                    timeout_seconds: Some(timeout_seconds),
                })?,
            },
        )?;
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

    /// Vouchers of `origin`'s token that `holder` holds on the other node.
    pub fn vouchers(&mut self, origin: Side, holder: &str) -> u128 {
        let node = self.name(origin);
        let holder = self.addr(origin.other(), holder);
        let r: VoucherResponse = self.query(
            origin.other(),
            Contract::Relay,
            &RelayQuery::Voucher { node, holder },
        );
        r.shares.u128()
    }

    /// All vouchers of `origin`'s token outstanding on the other node.
    pub fn voucher_supply(&mut self, origin: Side) -> u128 {
        let node = self.name(origin);
        let r: ListVouchersResponse = self.query(
            origin.other(),
            Contract::Relay,
            &RelayQuery::ListVouchers {
                node,
                start_after: None,
                limit: Some(1),
            },
        );
        r.supply.u128()
    }

    pub fn holdings(&mut self, side: Side) -> HoldingsResponse {
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
    pub fn units_held_for_other(&mut self, side: Side) -> u128 {
        let other = self.name(side.other());
        self.holdings(side)
            .nodes
            .iter()
            .filter(|held| held.node == other)
            .map(|held| held.units.u128())
            .sum()
    }

    /// Delivers `data` to `side`'s relay as if the other relay had sent it on the open channel:
    /// what a hostile node (or a relayer replaying a packet) can make arrive.
    pub fn deliver_raw(&mut self, side: Side, sequence: u64, data: &[u8]) -> Delivery {
        let channel = self.nodes.channel.clone();
        let timeout = IbcTimeout::with_timestamp(Timestamp::from_seconds(u64::MAX / 2_000_000_000));
        let packet = IbcPacket::new(
            data.to_vec(),
            channel.end(side.other()).endpoint(),
            channel.end(side).endpoint(),
            sequence,
            timeout,
        );
        self.nodes
            .relayer
            .deliver_receive(side, packet)
            .expect("the harness delivers")
    }

    pub fn advance_both(&mut self, seconds: u64) {
        dac_testing::advance_both(&mut self.nodes.relayer, seconds);
    }
}

/// Whether an acknowledgement is an ICS-style error.
pub fn is_error(delivery: &Delivery) -> bool {
    match delivery {
        Delivery::Acknowledged(ack) => cosmwasm_std::from_json::<serde_json::Value>(ack)
            .map(|v| v.get("error").is_some())
            .unwrap_or(true),
        _ => false,
    }
}
