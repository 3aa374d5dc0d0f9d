//! Ostrom's roles are offices of members in good standing. The head, gatekeepers and monitors
//! must be members with no sanction, both when appointed and whenever they act; a member who is
//! sanctioned (any level), leaves or is excluded loses every role at once. Draw requesters are
//! meant to be contracts (e.g. the escrow), so they need not be members, but an excluded or
//! sanctioned address cannot be one, and a member who holds it loses it like any other role.

use cosmwasm_std::{Addr, Storage};

use crate::state::{Config, CONFIG, MEMBERS, STANDING};
use crate::ContractError;

/// From this sanction level on a member holds no role (level 1 already means the sanction
/// authority found misconduct, and an office needs trust a sanction has withdrawn).
pub const ROLE_LOSS_LEVEL: u8 = 1;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Head,
    Gatekeeper,
    Monitor,
    DrawRequester,
}

impl Role {
    fn name(self) -> &'static str {
        match self {
            Role::Head => "head",
            Role::Gatekeeper => "gatekeeper",
            Role::Monitor => "monitor",
            Role::DrawRequester => "draw requester",
        }
    }

    fn holds(self, config: &Config, who: &Addr) -> bool {
        match self {
            Role::Head => config.head.as_ref() == Some(who),
            Role::Gatekeeper => config.gatekeepers.contains(who),
            Role::Monitor => config.monitors.contains(who),
            Role::DrawRequester => config.draw_requesters.contains(who),
        }
    }
}

/// Why `who` may not hold `role` now, if anything.
fn disqualified(
    storage: &dyn Storage,
    role: Role,
    who: &Addr,
) -> Result<Option<&'static str>, ContractError> {
    let standing = STANDING.may_load(storage, who)?.unwrap_or_default();
    if standing.excluded {
        return Ok(Some("excluded from the node"));
    }
    if standing.level >= ROLE_LOSS_LEVEL {
        return Ok(Some("sanctioned"));
    }
    if role != Role::DrawRequester && MEMBERS.may_load(storage, who)?.is_none() {
        return Ok(Some("not a member"));
    }
    Ok(None)
}

/// At use time: `sender` holds `role` and still qualifies for it.
pub fn require_role(
    storage: &dyn Storage,
    config: &Config,
    role: Role,
    sender: &Addr,
) -> Result<(), ContractError> {
    if !role.holds(config, sender) {
        return Err(ContractError::Unauthorized(format!(
            "only a {} may do this",
            role.name()
        )));
    }
    if let Some(reason) = disqualified(storage, role, sender)? {
        return Err(ContractError::Unauthorized(format!(
            "the {} {sender} is {reason}",
            role.name()
        )));
    }
    Ok(())
}

/// At appointment: refuses anyone who may not hold `role`.
pub fn check_appointees(
    storage: &dyn Storage,
    role: Role,
    appointees: &[Addr],
) -> Result<(), ContractError> {
    for who in appointees {
        if let Some(reason) = disqualified(storage, role, who)? {
            return Err(ContractError::RoleNotAllowed {
                member: who.to_string(),
                role: role.name().to_string(),
                reason: reason.to_string(),
            });
        }
    }
    Ok(())
}

/// Takes every role from `member`. Bounded: the role lists are capped (`MAX_ROLE_HOLDERS`,
/// `MAX_DRAW_REQUESTERS`). Returns whether any role was lost.
pub fn drop_roles(storage: &mut dyn Storage, member: &Addr) -> Result<bool, ContractError> {
    let mut config = CONFIG.load(storage)?;
    let mut lost = false;
    if config.head.as_ref() == Some(member) {
        config.head = None;
        lost = true;
    }
    for list in [
        &mut config.gatekeepers,
        &mut config.monitors,
        &mut config.draw_requesters,
    ] {
        let before = list.len();
        list.retain(|a| a != member);
        lost |= list.len() != before;
    }
    if lost {
        CONFIG.save(storage, &config)?;
    }
    Ok(lost)
}
