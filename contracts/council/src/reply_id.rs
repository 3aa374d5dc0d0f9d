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
            return Err(ContractError::ReplyIdTooLarge { id });
        }
        Ok((tag << TAG_SHIFT) | id)
    }

    pub fn decode(raw: u64) -> Result<Self, ContractError> {
        match raw >> TAG_SHIFT {
            Self::PROPOSAL_EXECUTION => Ok(TaggedReplyId::ProposalExecution(raw & ID_MASK)),
            Self::TOKEN_SYNC if raw & ID_MASK == 0 => Ok(TaggedReplyId::TokenSync),
            _ => Err(ContractError::UnknownReplyId { id: raw }),
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
        assert_eq!(
            TaggedReplyId::decode(42),
            Err(ContractError::UnknownReplyId { id: 42 })
        );
        let sync = TaggedReplyId::TokenSync;
        let raw = sync.encode().unwrap();
        assert_eq!(TaggedReplyId::decode(raw).unwrap(), sync);
        assert_eq!(
            TaggedReplyId::decode(raw + 1),
            Err(ContractError::UnknownReplyId { id: raw + 1 })
        );
        assert_eq!(
            TaggedReplyId::ProposalExecution(1 << 60).encode(),
            Err(ContractError::ReplyIdTooLarge { id: 1 << 60 })
        );
    }
}
