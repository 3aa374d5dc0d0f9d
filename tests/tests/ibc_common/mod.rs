//! Two nodes, alpha and beta, each its own chain (App, bech32 prefix, chain id) with its own
//! demurrage token and IBC relay, joined by the dac-ibc-harness relayer.

#![allow(dead_code)]

use cosmwasm_std::{to_json_binary, Addr, Decimal, IbcOrder, Timestamp, Uint128};
use cw20::{BalanceResponse, Cw20Coin, Cw20ExecuteMsg, Cw20QueryMsg};
use cw_multi_test::{AppResponse, ContractWrapper, Executor};
use dac_ibc_harness::{ibc_entry_points, ibc_sudo, Chain, ChannelPair, Relayer, Side};
use demurrage_token::msg::{
    CommonsPoolResponse, DemurrageParams, InstantiateMsg as TokenInstantiate,
    QueryMsg as TokenQuery,
};
use ibc_relay::msg::{
    ExecuteMsg, HoldingsResponse, InstantiateMsg, ListPendingResponse, ListVouchersResponse,
    QueryMsg, ReceiveMsg, IBC_VERSION,
};

ibc_entry_points!(RelayIbc, ibc_relay::contract);

pub const DAY: u64 = 86_400;
pub const GENESIS: u64 = 1_700_000_000;
pub const CONNECTION: &str = "connection-0";
pub const PEOPLE: [&str; 5] = ["alice", "bob", "carol", "payer", "arb"];
pub const START_BALANCE: u128 = 1_000_000;

pub struct Node {
    pub side: Side,
    pub name: &'static str,
    pub token: Addr,
    pub relay: Addr,
    pub council: Addr,
}

pub struct World {
    pub relayer: Relayer,
    pub alpha: Node,
    pub beta: Node,
    pub channel: ChannelPair,
}

pub fn relay_contract() -> Box<dyn cw_multi_test::Contract<cosmwasm_std::Empty>> {
    Box::new(
        ContractWrapper::new(
            ibc_relay::contract::execute,
            ibc_relay::contract::instantiate,
            ibc_relay::contract::query,
        )
        .with_reply(ibc_relay::contract::reply)
        .with_sudo(ibc_sudo::<RelayIbc>),
    )
}

/// Deploys a token (0.03% a day, about 10% a year) and a relay on `chain`.
pub fn deploy_one(
    chain: &mut Chain,
    side: Side,
    name: &'static str,
    escrow: bool,
) -> (Node, Option<Addr>) {
    let app = &mut chain.app;
    let api = *app.api();
    let council = api.addr_make("council");
    let token_code = app.store_code(Box::new(ContractWrapper::new(
        demurrage_token::contract::execute,
        demurrage_token::contract::instantiate,
        demurrage_token::contract::query,
    )));
    let relay_code = app.store_code(relay_contract());
    let token = app
        .instantiate_contract(
            token_code,
            council.clone(),
            &TokenInstantiate {
                name: format!("{name} credit"),
                symbol: "CRD".into(),
                decimals: 6,
                initial_balances: PEOPLE
                    .iter()
                    .map(|p| Cw20Coin {
                        address: api.addr_make(p).to_string(),
                        amount: Uint128::new(START_BALANCE),
                    })
                    .collect(),
                commons_pool: Uint128::new(1_000_000),
                demurrage: DemurrageParams {
                    rate: Decimal::from_ratio(3u32, 10_000u32),
                    period_seconds: DAY,
                },
                income_window_periods: 60,
                admin: None,
                membership_authority: None,
                initial_members: vec![],
                marketing: None,
            },
            &[],
            "token",
            None,
        )
        .unwrap();
    let escrow_addr = escrow.then(|| {
        let code = app.store_code(Box::new(ContractWrapper::new(
            escrow::contract::execute,
            escrow::contract::instantiate,
            escrow::contract::query,
        )));
        app.instantiate_contract(
            code,
            council.clone(),
            &escrow::msg::InstantiateMsg {
                token: token.to_string(),
                council: None,
                panel_seconds: 14 * DAY,
                admin: None,
            },
            &[],
            "escrow",
            None,
        )
        .unwrap()
    });
    let relay = app
        .instantiate_contract(
            relay_code,
            council.clone(),
            &InstantiateMsg {
                admin: council.to_string(),
                token: token.to_string(),
                housing_registry: None,
                escrow: escrow_addr.as_ref().map(|a| a.to_string()),
                default_timeout_seconds: DAY,
            },
            &[],
            "relay",
            Some(council.to_string()),
        )
        .unwrap();
    (
        Node {
            side,
            name,
            token,
            relay,
            council,
        },
        escrow_addr,
    )
}

/// Both nodes deployed, each council recognizing the other, and a channel open between them.
pub fn world() -> (World, Option<Addr>) {
    let mut a = Chain::new("alpha-1", "alpha", Timestamp::from_seconds(GENESIS));
    let mut b = Chain::new("beta-1", "beta", Timestamp::from_seconds(GENESIS));
    let (alpha, escrow) = deploy_one(&mut a, Side::A, "alpha", true);
    let (beta, _) = deploy_one(&mut b, Side::B, "beta", false);
    let mut relayer = Relayer::new(a, b);
    recognize(&mut relayer, &alpha, &beta);
    recognize(&mut relayer, &beta, &alpha);
    let channel = relayer
        .open_channel(
            &alpha.relay,
            CONNECTION,
            &beta.relay,
            CONNECTION,
            IBC_VERSION,
            IbcOrder::Unordered,
        )
        .unwrap();
    (
        World {
            relayer,
            alpha,
            beta,
            channel,
        },
        escrow,
    )
}

pub fn recognize(relayer: &mut Relayer, node: &Node, other: &Node) {
    let app = &mut relayer.chain_mut(node.side).app;
    app.execute_contract(
        node.council.clone(),
        node.relay.clone(),
        &ExecuteMsg::RecognizeNode {
            name: other.name.to_string(),
            connection_id: CONNECTION.to_string(),
            counterparty_port: dac_ibc_harness::port_of(&other.relay),
        },
        &[],
    )
    .unwrap();
}

impl World {
    pub fn node(&self, side: Side) -> &Node {
        match side {
            Side::A => &self.alpha,
            Side::B => &self.beta,
        }
    }

    pub fn addr(&self, side: Side, name: &str) -> Addr {
        self.relayer.chain(side).app.api().addr_make(name)
    }

    pub fn channel_id(&self, side: Side) -> String {
        self.channel.end(side).channel_id.clone()
    }

    pub fn balance(&self, side: Side, who: &Addr) -> u128 {
        let r: BalanceResponse = self
            .relayer
            .chain(side)
            .app
            .wrap()
            .query_wasm_smart(
                &self.node(side).token,
                &Cw20QueryMsg::Balance {
                    address: who.to_string(),
                },
            )
            .unwrap();
        r.balance.u128()
    }

    pub fn pool(&self, side: Side) -> CommonsPoolResponse {
        self.relayer
            .chain(side)
            .app
            .wrap()
            .query_wasm_smart(&self.node(side).token, &TokenQuery::CommonsPool {})
            .unwrap()
    }

    pub fn relay_query<T: serde::de::DeserializeOwned>(&self, side: Side, msg: &QueryMsg) -> T {
        self.relayer
            .chain(side)
            .app
            .wrap()
            .query_wasm_smart(&self.node(side).relay, msg)
            .unwrap()
    }

    pub fn relay_exec(
        &mut self,
        side: Side,
        sender: &str,
        msg: &ExecuteMsg,
    ) -> Result<AppResponse, String> {
        let sender = self.addr(side, sender);
        let relay = self.node(side).relay.clone();
        self.relayer
            .chain_mut(side)
            .app
            .execute_contract(sender, relay, msg, &[])
            .map_err(|e| format!("{e:?}"))
    }

    pub fn council_exec(&mut self, side: Side, msg: &ExecuteMsg) -> AppResponse {
        self.relay_exec(side, "council", msg).unwrap()
    }

    /// `from` on `side` sends `amount` of its token to `to` on the other node.
    pub fn send_tokens(
        &mut self,
        side: Side,
        from: &str,
        to: &str,
        amount: u128,
        timeout_seconds: u64,
    ) -> Result<AppResponse, String> {
        let sender = self.addr(side, from);
        let receiver = self.addr(side.other(), to).to_string();
        let msg = Cw20ExecuteMsg::Send {
            contract: self.node(side).relay.to_string(),
            amount: Uint128::new(amount),
            msg: to_json_binary(&ReceiveMsg::Transfer {
                channel_id: self.channel_id(side),
                receiver,
                timeout_seconds: Some(timeout_seconds),
            })
            .unwrap(),
        };
        let token = self.node(side).token.clone();
        self.relayer
            .chain_mut(side)
            .app
            .execute_contract(sender, token, &msg, &[])
            .map_err(|e| format!("{e:?}"))
    }

    /// `holder` on `side` sends vouchers of the other node's token home to `to` there.
    pub fn return_vouchers(
        &mut self,
        side: Side,
        holder: &str,
        to: &str,
        shares: u128,
        timeout_seconds: u64,
    ) -> Result<AppResponse, String> {
        let receiver = self.addr(side.other(), to).to_string();
        let msg = ExecuteMsg::ReturnVouchers {
            channel_id: self.channel_id(side),
            receiver,
            shares: Uint128::new(shares),
            timeout_seconds: Some(timeout_seconds),
        };
        self.relay_exec(side, holder, &msg)
    }

    /// Vouchers of `origin`'s token held by `who` on the other node.
    pub fn vouchers(&self, origin: Side, who: &str) -> u128 {
        let holder = self.addr(origin.other(), who).to_string();
        let r: ibc_relay::msg::VoucherResponse = self.relay_query(
            origin.other(),
            &QueryMsg::Voucher {
                node: self.node(origin).name.to_string(),
                holder,
            },
        );
        r.shares.u128()
    }

    pub fn voucher_supply(&self, origin: Side) -> u128 {
        let r: ListVouchersResponse = self.relay_query(
            origin.other(),
            &QueryMsg::ListVouchers {
                node: self.node(origin).name.to_string(),
                start_after: None,
                limit: Some(1),
            },
        );
        r.supply.u128()
    }

    pub fn holdings(&self, side: Side) -> HoldingsResponse {
        self.relay_query(
            side,
            &QueryMsg::Holdings {
                start_after: None,
                limit: None,
            },
        )
    }

    pub fn pending(&self, side: Side) -> ListPendingResponse {
        self.relay_query(
            side,
            &QueryMsg::PendingPackets {
                start_after: None,
                limit: Some(30),
            },
        )
    }

    /// The housing registry [`add_guest_home`] put on `side`.
    pub fn housing(&self, side: Side) -> Addr {
        let config: ibc_relay::msg::ConfigResponse = self.relay_query(side, &QueryMsg::Config {});
        config.housing_registry.expect("add_guest_home first")
    }

    pub fn advance_both(&mut self, seconds: u64) {
        self.relayer.a.advance_seconds(seconds);
        self.relayer.b.advance_seconds(seconds);
    }
}

/// Price of a guest night in the homes [`add_guest_home`] opens.
pub const GUEST_NIGHT: u128 = 500;

/// Deploys a housing registry on `side` (the council its admin), opens guest home 1 there and
/// points that side's relay at it. Returns the registry.
pub fn add_guest_home(w: &mut World, side: Side) -> Addr {
    use housing_registry::msg::{ExecuteMsg as HousingExecute, HomeStatus};
    let (council, token, relay) = {
        let n = w.node(side);
        (n.council.clone(), n.token.clone(), n.relay.clone())
    };
    let app = &mut w.relayer.chain_mut(side).app;
    let code = app.store_code(Box::new(ContractWrapper::new(
        housing_registry::contract::execute,
        housing_registry::contract::instantiate,
        housing_registry::contract::query,
    )));
    let housing = app
        .instantiate_contract(
            code,
            council.clone(),
            // As JSON: fields the registry adds later take their defaults.
            &serde_json::json!({
                "admin": council,
                "membership": council,
                "token": token,
                "treasury": council,
                "fees": {"period_seconds": 30 * DAY, "base_fee": "1000", "excess_room_fee": "500"},
                "guest": {
                    "price_per_day": GUEST_NIGHT.to_string(),
                    "full_refund_notice_days": 7,
                    "late_refund_share": "0.5",
                    "max_stay_days": 14,
                    "max_advance_days": 365,
                },
                "grace_period_seconds": 30 * DAY,
                "guidelines": [],
                "name": "homes",
                "symbol": "HOME",
            }),
            &[],
            "housing",
            None,
        )
        .unwrap();
    app.execute_contract(
        council.clone(),
        housing.clone(),
        &HousingExecute::RegisterHome {
            rooms: 2,
            accessibility: vec![],
            zone: "harbour".into(),
            status: HomeStatus::Guest,
        },
        &[],
    )
    .unwrap();
    // As the deployment recipe does: the relay books for remote visitors, each with own caps.
    app.execute_contract(
        council.clone(),
        housing.clone(),
        &HousingExecute::SetBookingAgents {
            agents: vec![relay.to_string()],
        },
        &[],
    )
    .unwrap();
    app.execute_contract(
        council,
        relay,
        &ExecuteMsg::UpdateConfig {
            housing_registry: Some(housing.to_string()),
            escrow: None,
            default_timeout_seconds: None,
        },
        &[],
    )
    .unwrap();
    housing
}

/// Both nodes deployed through the recipe ([`dac_testing::TwoNodes`]), guest nights at
/// [`GUEST_NIGHT`]; on each, the first founder pays every one of [`PEOPLE`] [`START_BALANCE`].
pub fn deploy() -> dac_testing::TwoNodes {
    let mut w = dac_testing::TwoNodes::deploy_with(|cfg| {
        cfg.guest_price_per_day = Uint128::new(GUEST_NIGHT)
    });
    for side in [Side::A, Side::B] {
        for person in PEOPLE {
            w.pay(side, "ada", person, START_BALANCE)
                .expect("a founder can pay");
        }
    }
    w
}
