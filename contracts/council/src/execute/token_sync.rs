//! Telling the demurrage token who is a member. Membership never waits on the token: the update
//! is a sub-message whose failure (e.g. the token's membership authority moved elsewhere) is
//! caught in `reply` and recorded per member; anyone may retry it with `SyncToken`.

use cosmwasm_std::{Addr, Binary, CosmosMsg, DepsMut, Response, Storage, SubMsg, WasmMsg};
use dac_common::json::to_json_binary;

use serde::Serialize;

use crate::attributes::*;
use crate::reply_id::TaggedReplyId;
use crate::state::{Config, CONFIG, MEMBERS, PENDING_TOKEN_SYNC};
use crate::ContractError;
use dac_common::entry::ReplyOutcome;

/// The token's `update_members`, written as its `ExecuteMsg` writes it: serializing that whole
/// enum would link the writer of all its variants into the council (~4 KiB).
#[derive(Serialize, dac_common::LeanSerialize)]
#[serde(rename_all = "snake_case")]
enum TokenMembers {
    UpdateMembers {
        add: Vec<String>,
        remove: Vec<String>,
    },
}

/// `update_members` adding or removing `member` on the configured token, if any.
pub(crate) fn update_members(
    config: &Config,
    member: &Addr,
    is_member: bool,
) -> Result<Option<CosmosMsg>, ContractError> {
    let Some(token) = &config.token else {
        return Ok(None);
    };
    let (add, remove) = if is_member {
        (vec![member.to_string()], vec![])
    } else {
        (vec![], vec![member.to_string()])
    };
    let msg = TokenMembers::UpdateMembers { add, remove };
    Ok(Some(
        WasmMsg::Execute {
            contract_addr: token.to_string(),
            msg: to_json_binary(&msg)?,
            funds: vec![],
        }
        .into(),
    ))
}

/// The token update for a membership change of `member` (now `is_member`), as a sub-message
/// whose failure is recorded instead of reverting the change. It supersedes any pending sync.
pub fn sync_member(
    storage: &mut dyn Storage,
    config: &Config,
    member: &Addr,
    is_member: bool,
) -> Result<Option<SubMsg>, ContractError> {
    PENDING_TOKEN_SYNC.remove(storage, member);
    let Some(msg) = update_members(config, member, is_member)? else {
        return Ok(None);
    };
    Ok(Some(
        SubMsg::reply_on_error(msg, TaggedReplyId::TokenSync.encode()?)
            .with_payload(Binary::from(member.as_bytes())),
    ))
}

/// The token refused: the membership change stands and the sync waits for a retry.
pub fn reply(deps: DepsMut, msg: ReplyOutcome) -> Result<Response, ContractError> {
    let Some(error) = msg.error else {
        return Ok(Response::new());
    };
    let member =
        String::from_utf8(msg.payload.to_vec()).map_err(|_| ContractError::BadSyncPayload)?;
    let member = deps.api.addr_validate(&member)?;
    PENDING_TOKEN_SYNC.save(deps.storage, &member, &())?;
    Ok(Response::new()
        .add_attribute(ACTION, ACT_TOKEN_SYNC_FAILED)
        .add_attribute(MEMBER, member)
        .add_attribute(TOKEN_UPDATED, "false")
        .add_attribute(ERROR, error))
}

/// Anyone: retries a pending token sync with the member's standing now. A plain message: if
/// the token still refuses, nothing changes and the sync stays pending.
pub fn sync_token(deps: DepsMut, member: String) -> Result<Response, ContractError> {
    let member = deps.api.addr_validate(&member)?;
    if !PENDING_TOKEN_SYNC.has(deps.storage, &member) {
        return Err(ContractError::NoPendingSync(member.to_string()));
    }
    PENDING_TOKEN_SYNC.remove(deps.storage, &member);
    let config = CONFIG.load(deps.storage)?;
    let is_member = MEMBERS.may_load(deps.storage, &member)?.is_some();
    let mut response = Response::new()
        .add_attribute(ACTION, ACT_SYNC_TOKEN)
        .add_attribute(MEMBER, member.as_str())
        .add_attribute(TOKEN_UPDATED, config.token.is_some().to_string());
    if let Some(msg) = update_members(&config, &member, is_member)? {
        response = response.add_message(msg);
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::TokenMembers;
    use cosmwasm_std::to_json_vec;

    #[test]
    fn update_members_is_written_as_the_tokens_own_message() {
        let ours = TokenMembers::UpdateMembers {
            add: vec!["a".into()],
            remove: vec!["b".into(), "c".into()],
        };
        let tokens = demurrage_token::msg::ExecuteMsg::UpdateMembers {
            add: vec!["a".into()],
            remove: vec!["b".into(), "c".into()],
        };
        // The message is written by the lean writer, the token's by serde.
        assert_eq!(
            dac_common::json::to_json_vec(&ours),
            to_json_vec(&tokens).unwrap()
        );
    }
}
