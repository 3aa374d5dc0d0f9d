//! The entry points' answer (`ContractResult<Response>` and IBC's responses) and every message
//! in it, written by the lean writer: with it, serde's writer of `CosmosMsg` and of the
//! response types is not linked at all.
//!
//! cosmwasm-std's `CosmosMsg` variants depend on its features: those under `stargate` are named
//! here when dac-common's `stargate` feature is on (the relay's); any variant not named here (of
//! a feature a contract enables without telling dac-common) is written by serde, so the bytes
//! are serde's either way.

use cosmwasm_std::{
    AnyMsg, Attribute, BankMsg, ContractResult, CosmosMsg, Event, Ibc3ChannelOpenResponse,
    IbcBasicResponse, IbcReceiveResponse, ReplyOn, Response, SubMsg, WasmMsg,
};

use super::{by_serde, byte, end_object, raw, tagged, ToJson};

/// `,"key":value` inside an object begun at some `start` (see `end_object`).
fn field(out: &mut Vec<u8>, key: &[u8], value: &dyn ToJson) {
    raw(out, key);
    value.write_json(out);
}

impl<T: ToJson> ToJson for ContractResult<T> {
    fn write_json(&self, out: &mut Vec<u8>) {
        match self {
            ContractResult::Ok(value) => tagged(out, b"{\"ok\":", value),
            ContractResult::Err(error) => tagged(out, b"{\"error\":", error),
        }
    }
}

impl ToJson for Response {
    fn write_json(&self, out: &mut Vec<u8>) {
        let start = out.len();
        field(out, b",\"messages\":", &self.messages);
        field(out, b",\"attributes\":", &self.attributes);
        field(out, b",\"events\":", &self.events);
        field(out, b",\"data\":", &self.data);
        end_object(out, start);
    }
}

impl ToJson for IbcBasicResponse {
    fn write_json(&self, out: &mut Vec<u8>) {
        let start = out.len();
        field(out, b",\"messages\":", &self.messages);
        field(out, b",\"attributes\":", &self.attributes);
        field(out, b",\"events\":", &self.events);
        end_object(out, start);
    }
}

impl ToJson for IbcReceiveResponse {
    fn write_json(&self, out: &mut Vec<u8>) {
        let start = out.len();
        field(out, b",\"acknowledgement\":", &self.acknowledgement);
        field(out, b",\"messages\":", &self.messages);
        field(out, b",\"attributes\":", &self.attributes);
        field(out, b",\"events\":", &self.events);
        end_object(out, start);
    }
}

impl ToJson for Ibc3ChannelOpenResponse {
    fn write_json(&self, out: &mut Vec<u8>) {
        let start = out.len();
        field(out, b",\"version\":", &self.version);
        end_object(out, start);
    }
}

impl ToJson for Attribute {
    fn write_json(&self, out: &mut Vec<u8>) {
        let start = out.len();
        field(out, b",\"key\":", &self.key);
        field(out, b",\"value\":", &self.value);
        end_object(out, start);
    }
}

impl ToJson for Event {
    fn write_json(&self, out: &mut Vec<u8>) {
        let start = out.len();
        field(out, b",\"type\":", &self.ty);
        field(out, b",\"attributes\":", &self.attributes);
        end_object(out, start);
    }
}

impl ToJson for ReplyOn {
    fn write_json(&self, out: &mut Vec<u8>) {
        raw(
            out,
            match self {
                ReplyOn::Always => b"\"always\"",
                ReplyOn::Error => b"\"error\"",
                ReplyOn::Success => b"\"success\"",
                ReplyOn::Never => b"\"never\"",
            },
        );
    }
}

impl ToJson for SubMsg {
    fn write_json(&self, out: &mut Vec<u8>) {
        let start = out.len();
        field(out, b",\"id\":", &self.id);
        field(out, b",\"payload\":", &self.payload);
        field(out, b",\"msg\":", &self.msg);
        field(out, b",\"gas_limit\":", &self.gas_limit);
        field(out, b",\"reply_on\":", &self.reply_on);
        end_object(out, start);
    }
}

impl ToJson for CosmosMsg {
    #[allow(deprecated, unreachable_patterns)]
    fn write_json(&self, out: &mut Vec<u8>) {
        match self {
            CosmosMsg::Bank(msg) => tagged(out, b"{\"bank\":", msg),
            CosmosMsg::Custom(msg) => tagged(out, b"{\"custom\":", msg),
            CosmosMsg::Any(msg) => tagged(out, b"{\"any\":", msg),
            CosmosMsg::Wasm(msg) => tagged(out, b"{\"wasm\":", msg),
            #[cfg(feature = "stargate")]
            CosmosMsg::Ibc(msg) => tagged(out, b"{\"ibc\":", &Serde(msg)),
            // Every variant of the features dac-common knows is named above, so this arm is
            // compiled out unless a contract enables another (then it is serde's, whole).
            _ => by_serde(self, out),
        }
    }
}

/// A value written by serde, inside one written by the lean writer.
#[cfg(feature = "stargate")]
struct Serde<'a, T>(&'a T);

#[cfg(feature = "stargate")]
impl<T: serde::Serialize> ToJson for Serde<'_, T> {
    fn write_json(&self, out: &mut Vec<u8>) {
        by_serde(self.0, out);
    }
}

impl ToJson for BankMsg {
    #[allow(unreachable_patterns)]
    fn write_json(&self, out: &mut Vec<u8>) {
        match self {
            BankMsg::Send { to_address, amount } => {
                raw(out, b"{\"send\":");
                let start = out.len();
                field(out, b",\"to_address\":", to_address);
                field(out, b",\"amount\":", amount);
                end_object(out, start);
                byte(out, b'}');
            }
            BankMsg::Burn { amount } => {
                raw(out, b"{\"burn\":");
                let start = out.len();
                field(out, b",\"amount\":", amount);
                end_object(out, start);
                byte(out, b'}');
            }
            _ => by_serde(self, out),
        }
    }
}

impl ToJson for WasmMsg {
    #[allow(unreachable_patterns)]
    fn write_json(&self, out: &mut Vec<u8>) {
        let start;
        match self {
            WasmMsg::Execute {
                contract_addr,
                msg,
                funds,
            } => {
                raw(out, b"{\"execute\":");
                start = out.len();
                field(out, b",\"contract_addr\":", contract_addr);
                field(out, b",\"msg\":", msg);
                field(out, b",\"funds\":", funds);
            }
            WasmMsg::Instantiate {
                admin,
                code_id,
                msg,
                funds,
                label,
            } => {
                raw(out, b"{\"instantiate\":");
                start = out.len();
                field(out, b",\"admin\":", admin);
                field(out, b",\"code_id\":", code_id);
                field(out, b",\"msg\":", msg);
                field(out, b",\"funds\":", funds);
                field(out, b",\"label\":", label);
            }
            WasmMsg::Instantiate2 {
                admin,
                code_id,
                label,
                msg,
                funds,
                salt,
            } => {
                raw(out, b"{\"instantiate2\":");
                start = out.len();
                field(out, b",\"admin\":", admin);
                field(out, b",\"code_id\":", code_id);
                field(out, b",\"label\":", label);
                field(out, b",\"msg\":", msg);
                field(out, b",\"funds\":", funds);
                field(out, b",\"salt\":", salt);
            }
            WasmMsg::Migrate {
                contract_addr,
                new_code_id,
                msg,
            } => {
                raw(out, b"{\"migrate\":");
                start = out.len();
                field(out, b",\"contract_addr\":", contract_addr);
                field(out, b",\"new_code_id\":", new_code_id);
                field(out, b",\"msg\":", msg);
            }
            WasmMsg::UpdateAdmin {
                contract_addr,
                admin,
            } => {
                raw(out, b"{\"update_admin\":");
                start = out.len();
                field(out, b",\"contract_addr\":", contract_addr);
                field(out, b",\"admin\":", admin);
            }
            WasmMsg::ClearAdmin { contract_addr } => {
                raw(out, b"{\"clear_admin\":");
                start = out.len();
                field(out, b",\"contract_addr\":", contract_addr);
            }
            _ => return by_serde(self, out),
        }
        end_object(out, start);
        byte(out, b'}');
    }
}

impl ToJson for AnyMsg {
    fn write_json(&self, out: &mut Vec<u8>) {
        let start = out.len();
        field(out, b",\"type_url\":", &self.type_url);
        field(out, b",\"value\":", &self.value);
        end_object(out, start);
    }
}

#[cfg(test)]
mod tests {
    use cosmwasm_std::{Addr, Binary, Coin, Empty, StdError};
    use proptest::prelude::*;

    use super::*;
    use crate::json::assert_written_as_serde_writes as same;

    fn every_msg(text: &str, data: &Binary) -> Vec<CosmosMsg> {
        let coins = vec![Coin::new(7u128, text), Coin::new(u128::MAX, "u")];
        #[allow(unused_mut)]
        let mut msgs: Vec<CosmosMsg> = vec![
            BankMsg::Send {
                to_address: text.into(),
                amount: coins.clone(),
            }
            .into(),
            BankMsg::Burn { amount: vec![] }.into(),
            CosmosMsg::Custom(Empty {}),
            CosmosMsg::Any(AnyMsg {
                type_url: text.into(),
                value: data.clone(),
            }),
            WasmMsg::Execute {
                contract_addr: text.into(),
                msg: data.clone(),
                funds: coins.clone(),
            }
            .into(),
            WasmMsg::Instantiate {
                admin: None,
                code_id: 3,
                msg: data.clone(),
                funds: vec![],
                label: text.into(),
            }
            .into(),
            WasmMsg::Instantiate2 {
                admin: Some(text.into()),
                code_id: u64::MAX,
                label: String::new(),
                msg: data.clone(),
                funds: coins,
                salt: data.clone(),
            }
            .into(),
            WasmMsg::Migrate {
                contract_addr: text.into(),
                new_code_id: 0,
                msg: data.clone(),
            }
            .into(),
            WasmMsg::UpdateAdmin {
                contract_addr: text.into(),
                admin: "a".into(),
            }
            .into(),
            WasmMsg::ClearAdmin {
                contract_addr: text.into(),
            }
            .into(),
        ];
        #[cfg(feature = "stargate")]
        use cosmwasm_std::{IbcMsg, IbcTimeout, IbcTimeoutBlock, Timestamp};
        #[cfg(feature = "stargate")]
        msgs.extend([
            IbcMsg::SendPacket {
                channel_id: text.into(),
                data: data.clone(),
                timeout: IbcTimeout::with_timestamp(Timestamp::from_seconds(5)),
            }
            .into(),
            IbcMsg::Transfer {
                channel_id: "channel-0".into(),
                to_address: text.into(),
                amount: Coin::new(1u128, "u"),
                timeout: IbcTimeout::with_block(IbcTimeoutBlock {
                    revision: 1,
                    height: 2,
                }),
                memo: Some(text.into()),
            }
            .into(),
            IbcMsg::CloseChannel {
                channel_id: text.into(),
            }
            .into(),
        ]);
        msgs
    }

    fn response(text: &str, data: &Binary, with_data: bool) -> Response {
        let reply_ons = [
            ReplyOn::Always,
            ReplyOn::Error,
            ReplyOn::Success,
            ReplyOn::Never,
        ];
        let mut response = Response::new()
            // A key may not begin with `_`.
            .add_attribute(format!("k{text}"), text)
            .add_attribute("action", "")
            .add_event(Event::new(text).add_attribute("k", text))
            .add_event(Event::new("empty"));
        for (index, msg) in every_msg(text, data).into_iter().enumerate() {
            let mut sub = SubMsg::new(msg);
            sub.id = index as u64;
            sub.reply_on = reply_ons[index % 4].clone();
            sub.gas_limit = (index % 2 == 0).then_some(index as u64 * 1000);
            if index % 3 == 0 {
                sub.payload = data.clone();
            }
            response = response.add_submessage(sub);
        }
        if with_data {
            response = response.set_data(data.clone());
        }
        response
    }

    #[test]
    fn responses_are_written_as_serde_writes_them() {
        let data = Binary::from(b"{\"a\":1}\x00\xff");
        for text in ["", "plain", "a\"b\\c\n\t\u{1}", "é 😀 \u{2028}"] {
            for with_data in [false, true] {
                let response = response(text, &data, with_data);
                same(&ContractResult::Ok(response.clone()));
                let mut basic = IbcBasicResponse::new().add_attribute("k", text);
                basic.messages = response.messages.clone();
                basic.events = response.events.clone();
                same(&ContractResult::Ok(basic));
                let mut receive = IbcReceiveResponse::new(data.clone()).add_attribute("k", text);
                receive.messages = response.messages.clone();
                same(&ContractResult::Ok(receive.clone()));
                receive.acknowledgement = None;
                same(&ContractResult::Ok(receive));
            }
            same(&ContractResult::<Response>::Err(text.into()));
            same(&ContractResult::<Binary>::Err(
                StdError::generic_err(text).to_string(),
            ));
            let open = Some(Ibc3ChannelOpenResponse {
                version: text.into(),
            });
            same(&ContractResult::Ok(open));
            same(&ContractResult::Ok(None::<Ibc3ChannelOpenResponse>));
        }
        same(&ContractResult::Ok(Response::new()));
        same(&ContractResult::Ok(data));
        same(&ContractResult::Ok(Binary::default()));
        same(&Addr::unchecked("x"));
    }

    proptest! {
        #[test]
        fn any_response_is_written_as_serde_writes_it(
            text in "\\PC{0,12}|[\\x00-\\x7f]{0,12}",
            data in proptest::collection::vec(any::<u8>(), 0..40),
            with_data: bool,
            picks in proptest::collection::vec(any::<proptest::sample::Index>(), 0..6),
        ) {
            let data = Binary::new(data);
            let full = response(&text, &data, with_data);
            // Some of its messages, in any order.
            let mut response = full.clone();
            response.messages = picks.iter().map(|pick| pick.get(&full.messages).clone()).collect();
            same(&ContractResult::Ok(response));
        }
    }
}
