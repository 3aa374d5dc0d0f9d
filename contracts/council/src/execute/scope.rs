//! Scopes: what each chamber's passed proposals may send, checked when a proposal is created and
//! again when it runs (against the scopes as they are then). A message passes when some chamber
//! of the proposal grants it. One table, in the README, says the same.
//!
//! - An executive council: `EXECUTIVE_SCOPE` (treasury, any contract, admin of any contract it
//!   administers, its own messages).
//! - Any other council: its charter (`CHARTERS`, set by executive proposals), by default only
//!   the election and recall of its own delegates.
//! - A panel: only the `panel_ruling` of the deal it was drawn for, to the configured escrow,
//!   until it expires; a text-only panel nothing.
//!
//! Opaque messages (`Any`, `Stargate`) and every other kind (gov, IBC, staking, distribution,
//! custom) are refused for every chamber: they cannot be inspected, and wasmd decodes an `Any`
//! `MsgExecuteContract` into a call signed by the council, a self-call in disguise. Addresses
//! go through `addr_validate`, which refuses non-canonical spellings (e.g. upper case).

use cosmwasm_std::{Addr, Api, BankMsg, Binary, CosmosMsg, Env, Storage, Timestamp, WasmMsg};
use dac_common::de::{read, FromJson, JsonError, Value};

use crate::execute::councils::load_council;
use crate::execute::sortition::load_panel;
use crate::msg::{Body, Grant, PanelStatus};
use crate::state::{Config, CHARTERS, CONFIG, MAX_GRANTS, MAX_GRANT_ACTIONS, MAX_TOPIC_LEN};
use crate::ContractError;

/// Self-calls no chamber may send: running proposals is `Execute`'s alone.
const NEVER_SELF: [&str; 2] = ["execute", "run_passed"];
/// The node token's messages `Treasury` covers.
const TREASURY_TOKEN_ACTIONS: [&str; 3] = ["transfer", "send", "burn"];

pub fn executive_scope() -> Vec<Grant> {
    vec![
        Grant::Treasury {},
        Grant::Execute {
            contract: None,
            actions: None,
        },
        Grant::Admin { contract: None },
        Grant::SelfCall { actions: None },
    ]
}

pub fn default_charter() -> Vec<Grant> {
    vec![Grant::SelfCall {
        actions: Some(vec!["elect_delegate".into(), "recall_delegate".into()]),
    }]
}

/// What one chamber may send now.
pub struct Scope {
    grants: Vec<Grant>,
    /// A dispute panel: (escrow, deal id, dispute stage) of the one ruling it may send.
    ruling: Option<(Addr, u64, Option<Timestamp>)>,
}

/// The grants of a council as they are now.
pub fn council_grants(storage: &dyn Storage, council_id: u64) -> Result<Vec<Grant>, ContractError> {
    if load_council(storage, council_id)?.executive {
        return Ok(executive_scope());
    }
    Ok(CHARTERS
        .may_load(storage, council_id)?
        .unwrap_or_else(default_charter))
}

/// Refuses a panel that is not drawn or has expired.
pub fn require_live_panel(
    storage: &dyn Storage,
    panel_id: u64,
    now: Timestamp,
) -> Result<crate::state::Panel, ContractError> {
    let panel = load_panel(storage, panel_id)?;
    if panel.status != PanelStatus::Drawn {
        return Err(ContractError::PanelNotDrawn { panel_id });
    }
    if now >= panel.expires {
        return Err(ContractError::PanelExpired(panel_id));
    }
    Ok(panel)
}

pub fn chamber_scope(
    storage: &dyn Storage,
    config: &Config,
    body: &Body,
    now: Timestamp,
) -> Result<Scope, ContractError> {
    Ok(match body {
        Body::Council { council_id } => Scope {
            grants: council_grants(storage, *council_id)?,
            ruling: None,
        },
        Body::Panel { panel_id } => {
            let panel = require_live_panel(storage, *panel_id, now)?;
            Scope {
                grants: vec![],
                ruling: match (panel.deal_id, &config.escrow) {
                    (Some(deal_id), Some(escrow)) => {
                        Some((escrow.clone(), deal_id, panel.panel_by))
                    }
                    _ => None,
                },
            }
        }
    })
}

/// The top-level name of a JSON message (`{"name": {...}}`); `None` when it has another shape
/// (a bare `"name"` included), which only grants without an action list cover. Read as a map,
/// never with `deserialize_any`, whose error paths link float formatting (~30 KiB of wasm).
struct ActionName(Option<String>);

impl FromJson for ActionName {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        match value {
            Value::Object(mut members) => Ok(ActionName(match members.len() {
                1 => members.pop().map(|(name, _)| name.into_owned()),
                _ => None,
            })),
            _ => Err(serde::de::Error::custom("a message is an object")),
        }
    }
}

pub fn action_name(msg: &Binary) -> Option<String> {
    read::<ActionName>(msg).ok().and_then(|a| a.0)
}

/// The escrow's `panel_ruling` call as the council reads it from a proposal's message (other
/// fields are ignored), read by the lean reader; defined by a macro so that the tests can derive
/// serde's reader of the same types and compare the two.
macro_rules! ruling_call {
    ($derive:path) => {
        #[derive($derive)]
        #[cfg_attr(test, derive(Debug))]
        struct DealRef {
            deal_id: u64,
            /// The dispute stage the ruling is for; the escrow refuses it for any other stage.
            panel_by: Option<Timestamp>,
        }

        #[derive($derive)]
        #[cfg_attr(test, derive(Debug))]
        struct RulingCall {
            panel_ruling: DealRef,
        }
    };
}

ruling_call!(dac_common::LeanDeserialize);

fn allows_action(allowed: &Option<Vec<String>>, action: &Option<String>) -> bool {
    match (allowed, action) {
        (None, _) => true,
        (Some(list), Some(name)) => list.iter().any(|a| a == name),
        (Some(_), None) => false,
    }
}

/// How a message is judged: its kind, with canonical addresses.
enum Kind {
    /// Bank sends and burns.
    Coins,
    Execute {
        contract: Addr,
        action: Option<String>,
        paid: bool,
        msg: Binary,
    },
    Instantiate {
        paid: bool,
    },
    Admin {
        contract: Addr,
    },
}

fn classify(api: &dyn Api, msg: &CosmosMsg) -> Result<Kind, ContractError> {
    let canonical = |a: &str| {
        api.addr_validate(a)
            .map_err(|_| ContractError::OutOfScope(format!("{a} is not a canonical address")))
    };
    Ok(match msg {
        CosmosMsg::Bank(BankMsg::Send { .. } | BankMsg::Burn { .. }) => Kind::Coins,
        CosmosMsg::Wasm(WasmMsg::Execute {
            contract_addr,
            msg,
            funds,
        }) => Kind::Execute {
            contract: canonical(contract_addr)?,
            action: action_name(msg),
            paid: !funds.is_empty(),
            msg: msg.clone(),
        },
        CosmosMsg::Wasm(
            WasmMsg::Instantiate { funds, .. } | WasmMsg::Instantiate2 { funds, .. },
        ) => Kind::Instantiate {
            paid: !funds.is_empty(),
        },
        CosmosMsg::Wasm(
            WasmMsg::Migrate { contract_addr, .. } | WasmMsg::UpdateAdmin { contract_addr, .. },
        )
        | CosmosMsg::Wasm(WasmMsg::ClearAdmin { contract_addr }) => Kind::Admin {
            contract: canonical(contract_addr)?,
        },
        _ => {
            return Err(ContractError::OutOfScope(
                "no chamber may send opaque (Any, Stargate) or non-wasm, non-bank messages".into(),
            ))
        }
    })
}

impl Scope {
    fn allows(&self, me: &Addr, token: Option<&Addr>, kind: &Kind) -> bool {
        let treasury = self.grants.contains(&Grant::Treasury {});
        match kind {
            Kind::Coins => treasury,
            Kind::Instantiate { paid } => {
                (treasury || !paid)
                    && self.grants.contains(&Grant::Execute {
                        contract: None,
                        actions: None,
                    })
            }
            Kind::Admin { contract } => self.grants.iter().any(|g| match g {
                Grant::Admin { contract: c } => c.as_ref().is_none_or(|c| c == contract),
                _ => false,
            }),
            Kind::Execute {
                contract,
                action,
                paid,
                msg,
            } => {
                if *paid && !treasury {
                    return false;
                }
                if contract == me {
                    let reserved = action.as_deref().is_none_or(|a| NEVER_SELF.contains(&a));
                    return !reserved
                        && self.grants.iter().any(|g| match g {
                            Grant::SelfCall { actions } => allows_action(actions, action),
                            _ => false,
                        });
                }
                if let Some((escrow, deal_id, panel_by)) = &self.ruling {
                    // A panel drawn for a known stage must name it (panels stored before stages
                    // were recorded have none to name).
                    if contract == escrow
                        && !paid
                        && action.as_deref() == Some("panel_ruling")
                        && read::<RulingCall>(msg).is_ok_and(|r| {
                            r.panel_ruling.deal_id == *deal_id
                                && (panel_by.is_none() || r.panel_ruling.panel_by == *panel_by)
                        })
                    {
                        return true;
                    }
                }
                let token_move = token == Some(contract)
                    && action
                        .as_deref()
                        .is_some_and(|a| TREASURY_TOKEN_ACTIONS.contains(&a));
                (treasury && token_move)
                    || self.grants.iter().any(|g| match g {
                        Grant::Execute {
                            contract: c,
                            actions,
                        } => {
                            c.as_ref().is_none_or(|c| c == contract)
                                && allows_action(actions, action)
                        }
                        _ => false,
                    })
            }
        }
    }
}

/// Refuses `msgs` unless each is granted by some chamber among `bodies`, as scopes are now.
pub fn check_msgs_allowed(
    storage: &dyn Storage,
    api: &dyn Api,
    env: &Env,
    bodies: &[Body],
    msgs: &[CosmosMsg],
) -> Result<(), ContractError> {
    if msgs.len() > crate::state::MAX_PROPOSAL_MSGS {
        return Err(ContractError::TooMany {
            what: "messages in a proposal".into(),
            max: crate::state::MAX_PROPOSAL_MSGS as u64,
        });
    }
    if msgs.is_empty() {
        return Ok(());
    }
    let config = CONFIG.load(storage)?;
    let mut scopes = Vec::with_capacity(bodies.len());
    for body in bodies {
        scopes.push(chamber_scope(storage, &config, body, env.block.time)?);
    }
    let me = &env.contract.address;
    for (index, msg) in msgs.iter().enumerate() {
        let kind = classify(api, msg)?;
        if !scopes
            .iter()
            .any(|s| s.allows(me, config.token.as_ref(), &kind))
        {
            return Err(ContractError::OutOfScope(format!(
                "message {index} is outside every chamber's scope"
            )));
        }
    }
    Ok(())
}

/// Validates a charter: bounded, canonical addresses, short action names.
pub fn validate_grants(api: &dyn Api, grants: &[Grant]) -> Result<(), ContractError> {
    if grants.len() > MAX_GRANTS {
        return Err(ContractError::TooMany {
            what: "grants in a charter".into(),
            max: MAX_GRANTS as u64,
        });
    }
    let check_addr = |a: &Option<Addr>| -> Result<(), ContractError> {
        if let Some(a) = a {
            api.addr_validate(a.as_str())?;
        }
        Ok(())
    };
    let check_actions = |actions: &Option<Vec<String>>| -> Result<(), ContractError> {
        let Some(actions) = actions else {
            return Ok(());
        };
        if actions.len() > MAX_GRANT_ACTIONS {
            return Err(ContractError::TooMany {
                what: "actions in a grant".into(),
                max: MAX_GRANT_ACTIONS as u64,
            });
        }
        if actions
            .iter()
            .any(|a| a.is_empty() || a.len() > MAX_TOPIC_LEN)
        {
            return Err(ContractError::InvalidActionName {
                max_len: MAX_TOPIC_LEN,
            });
        }
        Ok(())
    };
    for grant in grants {
        match grant {
            Grant::Treasury {} => {}
            Grant::Execute { contract, actions } => {
                check_addr(contract)?;
                check_actions(actions)?;
            }
            Grant::Admin { contract } => check_addr(contract)?,
            Grant::SelfCall { actions } => check_actions(actions)?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_names_are_parsed_not_matched() {
        let name = |s: &str| action_name(&Binary::from(s.as_bytes()));
        assert_eq!(name(r#"{"transfer":{"a":1}}"#), Some("transfer".into()));
        assert_eq!(
            name(r#"{"upd\u0061te_roles":{}}"#),
            Some("update_roles".into())
        );
        assert_eq!(name(r#""accept_admin""#), None);
        assert_eq!(name(r#"{"a":{},"b":{}}"#), None);
        // A repeated key is two keys, as serde's map visitor counted them; trailing text is not JSON.
        assert_eq!(name(r#"{"a":{},"a":{}}"#), None);
        assert_eq!(name(r#"{"a":{}} x"#), None);
        // A float, which no CosmWasm contract reads, leaves the message without an action name:
        // only a grant of every action on that contract covers it (the stricter reading).
        assert_eq!(name(r#"{"transfer":{"amount":1.5}}"#), None);
        assert_eq!(name("not json"), None);
        assert_eq!(name("{}"), None);
    }

    /// The same types with serde's reader (their fields are only printed).
    #[allow(dead_code)]
    mod by_serde {
        use cosmwasm_std::Timestamp;

        ruling_call!(serde::Deserialize);

        pub fn read_alike(inputs: &[String]) -> usize {
            dac_common::de::read_alike::<super::super::RulingCall, RulingCall>(inputs)
        }
    }

    #[test]
    fn ruling_calls_read_as_serde_reads_them() {
        let inputs = [
            r#"{"panel_ruling":{"deal_id":4,"ruling":{"performed":{}},"panel_by":"1700000000000000000"}}"#,
            r#"{"panel_ruling":{"deal_id":4,"ruling":{"split":{"proposer_share":"0.5"}}}}"#,
            r#"{"panel_ruling":{"deal_id":4,"panel_by":null}}"#,
            r#"{"panel_ruling":{"ruling":{"performed":{}}}}"#,
            r#"{"panel_ruling":{"deal_id":"4"}}"#,
            r#"{"panel_ruling":{"deal_id":4,"panel_by":17}}"#,
            r#"{"panel_ruling":{"deal_id":4,"deal_id":5}}"#,
            r#"{"panel_ruling":{"deal_id":4},"attest_delivery":{"deal_id":4}}"#,
            r#"{"panel_ruling":[4]}"#,
            r#""panel_ruling""#,
        ]
        .map(String::from);
        assert_eq!(by_serde::read_alike(&inputs), 4);
    }
}
