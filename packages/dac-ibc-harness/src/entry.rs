//! A contract's real IBC entry points behind its `sudo` entry point.

use cosmwasm_std::{
    to_json_binary, DepsMut, Env, IbcBasicResponse, IbcChannelCloseMsg, IbcChannelConnectMsg,
    IbcChannelOpenMsg, IbcChannelOpenResponse, IbcPacketAckMsg, IbcPacketReceiveMsg,
    IbcPacketTimeoutMsg, IbcReceiveResponse, Response, StdResult,
};
use serde::{Deserialize, Serialize};

/// What the relayer asks a contract to do; the `sudo` message of a wrapped contract.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub enum IbcCall {
    ChannelOpen(IbcChannelOpenMsg),
    ChannelConnect(IbcChannelConnectMsg),
    ChannelClose(IbcChannelCloseMsg),
    PacketReceive(IbcPacketReceiveMsg),
    PacketAck(IbcPacketAckMsg),
    PacketTimeout(IbcPacketTimeoutMsg),
}

/// A contract's six IBC entry points. Implement it with [`crate::ibc_entry_points!`].
pub trait IbcEntryPoints {
    fn channel_open(
        deps: DepsMut,
        env: Env,
        msg: IbcChannelOpenMsg,
    ) -> StdResult<IbcChannelOpenResponse>;
    fn channel_connect(
        deps: DepsMut,
        env: Env,
        msg: IbcChannelConnectMsg,
    ) -> StdResult<IbcBasicResponse>;
    fn channel_close(
        deps: DepsMut,
        env: Env,
        msg: IbcChannelCloseMsg,
    ) -> StdResult<IbcBasicResponse>;
    fn packet_receive(
        deps: DepsMut,
        env: Env,
        msg: IbcPacketReceiveMsg,
    ) -> StdResult<IbcReceiveResponse>;
    fn packet_ack(deps: DepsMut, env: Env, msg: IbcPacketAckMsg) -> StdResult<IbcBasicResponse>;
    fn packet_timeout(
        deps: DepsMut,
        env: Env,
        msg: IbcPacketTimeoutMsg,
    ) -> StdResult<IbcBasicResponse>;
}

/// Implements [`IbcEntryPoints`] for `$name` by calling the functions `ibc_channel_open`,
/// `ibc_channel_connect`, `ibc_channel_close`, `ibc_packet_receive`, `ibc_packet_ack` and
/// `ibc_packet_timeout` of module `$module` (the contract's real entry points).
#[macro_export]
macro_rules! ibc_entry_points {
    ($name:ident, $($module:ident)::+) => {
        pub struct $name;
        impl $crate::IbcEntryPoints for $name {
            fn channel_open(
                deps: ::cosmwasm_std::DepsMut,
                env: ::cosmwasm_std::Env,
                msg: ::cosmwasm_std::IbcChannelOpenMsg,
            ) -> ::cosmwasm_std::StdResult<::cosmwasm_std::IbcChannelOpenResponse> {
                $($module)::+::ibc_channel_open(deps, env, msg)
                    .map_err(|e| ::cosmwasm_std::StdError::generic_err(e.to_string()))
            }
            fn channel_connect(
                deps: ::cosmwasm_std::DepsMut,
                env: ::cosmwasm_std::Env,
                msg: ::cosmwasm_std::IbcChannelConnectMsg,
            ) -> ::cosmwasm_std::StdResult<::cosmwasm_std::IbcBasicResponse> {
                $($module)::+::ibc_channel_connect(deps, env, msg)
                    .map_err(|e| ::cosmwasm_std::StdError::generic_err(e.to_string()))
            }
            fn channel_close(
                deps: ::cosmwasm_std::DepsMut,
                env: ::cosmwasm_std::Env,
                msg: ::cosmwasm_std::IbcChannelCloseMsg,
            ) -> ::cosmwasm_std::StdResult<::cosmwasm_std::IbcBasicResponse> {
                $($module)::+::ibc_channel_close(deps, env, msg)
                    .map_err(|e| ::cosmwasm_std::StdError::generic_err(e.to_string()))
            }
            fn packet_receive(
                deps: ::cosmwasm_std::DepsMut,
                env: ::cosmwasm_std::Env,
                msg: ::cosmwasm_std::IbcPacketReceiveMsg,
            ) -> ::cosmwasm_std::StdResult<::cosmwasm_std::IbcReceiveResponse> {
                $($module)::+::ibc_packet_receive(deps, env, msg)
                    .map_err(|e| ::cosmwasm_std::StdError::generic_err(e.to_string()))
            }
            fn packet_ack(
                deps: ::cosmwasm_std::DepsMut,
                env: ::cosmwasm_std::Env,
                msg: ::cosmwasm_std::IbcPacketAckMsg,
            ) -> ::cosmwasm_std::StdResult<::cosmwasm_std::IbcBasicResponse> {
                $($module)::+::ibc_packet_ack(deps, env, msg)
                    .map_err(|e| ::cosmwasm_std::StdError::generic_err(e.to_string()))
            }
            fn packet_timeout(
                deps: ::cosmwasm_std::DepsMut,
                env: ::cosmwasm_std::Env,
                msg: ::cosmwasm_std::IbcPacketTimeoutMsg,
            ) -> ::cosmwasm_std::StdResult<::cosmwasm_std::IbcBasicResponse> {
                $($module)::+::ibc_packet_timeout(deps, env, msg)
                    .map_err(|e| ::cosmwasm_std::StdError::generic_err(e.to_string()))
            }
        }
    };
}

fn basic(res: IbcBasicResponse) -> Response {
    Response::new()
        .add_submessages(res.messages)
        .add_attributes(res.attributes)
        .add_events(res.events)
}

/// The `sudo` entry point of a wrapped contract: `ContractWrapper::new(..).with_sudo(ibc_sudo::<T>)`.
/// The receive response's acknowledgement becomes the response data (so a reply that sets data
/// overrides it, as in wasmd); the open response is returned as JSON data.
pub fn ibc_sudo<T: IbcEntryPoints>(deps: DepsMut, env: Env, call: IbcCall) -> StdResult<Response> {
    match call {
        IbcCall::ChannelOpen(msg) => {
            let res = T::channel_open(deps, env, msg)?;
            Ok(Response::new().set_data(to_json_binary(&res)?))
        }
        IbcCall::ChannelConnect(msg) => Ok(basic(T::channel_connect(deps, env, msg)?)),
        IbcCall::ChannelClose(msg) => Ok(basic(T::channel_close(deps, env, msg)?)),
        IbcCall::PacketReceive(msg) => {
            let res = T::packet_receive(deps, env, msg)?;
            let mut out = Response::new()
                .add_submessages(res.messages)
                .add_attributes(res.attributes)
                .add_events(res.events);
            if let Some(ack) = res.acknowledgement {
                out = out.set_data(ack);
            }
            Ok(out)
        }
        IbcCall::PacketAck(msg) => Ok(basic(T::packet_ack(deps, env, msg)?)),
        IbcCall::PacketTimeout(msg) => Ok(basic(T::packet_timeout(deps, env, msg)?)),
    }
}
