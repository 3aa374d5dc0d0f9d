//! Sub-message reply ids carry a tag in the top byte and an id (e.g. a proposal id) in the
//! other 56 bits, so one `reply` entry point can tell every kind of sub-message apart.

use crate::ContractError;

const TAG_SHIFT: u32 = 56;
const ID_MASK: u64 = (1 << TAG_SHIFT) - 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaggedReplyId {
    /// The messages of a passed proposal.
    ProposalExecution(u64),
    /// A membership update sent to the demurrage token (the member is the payload).
    TokenSync,
}

impl TaggedReplyId {
    const PROPOSAL_EXECUTION: u64 = 1;
    const TOKEN_SYNC: u64 = 2;

    pub fn encode(self) -> Result<u64, ContractError> {
        let (tag, id) = match self {
            TaggedReplyId::ProposalExecution(id) => (Self::PROPOSAL_EXECUTION, id),
            TaggedReplyId::TokenSync => (Self::TOKEN_SYNC, 0),
        };
        if id > ID_MASK {
            return Err(ContractError::Invalid(format!("reply id {id} too large")));
        }
        Ok((tag << TAG_SHIFT) | id)
    }

    pub fn decode(raw: u64) -> Result<Self, ContractError> {
        match raw >> TAG_SHIFT {
            Self::PROPOSAL_EXECUTION => Ok(TaggedReplyId::ProposalExecution(raw & ID_MASK)),
            Self::TOKEN_SYNC if raw & ID_MASK == 0 => Ok(TaggedReplyId::TokenSync),
            tag => Err(ContractError::Invalid(format!("unknown reply tag {tag}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_unknown_tags() {
        let id = TaggedReplyId::ProposalExecution(42);
        assert_eq!(TaggedReplyId::decode(id.encode().unwrap()).unwrap(), id);
        assert!(TaggedReplyId::decode(42).is_err());
        let sync = TaggedReplyId::TokenSync;
        assert_eq!(TaggedReplyId::decode(sync.encode().unwrap()).unwrap(), sync);
        assert!(TaggedReplyId::decode(sync.encode().unwrap() + 1).is_err());
        assert!(TaggedReplyId::ProposalExecution(1 << 60).encode().is_err());
    }
}
