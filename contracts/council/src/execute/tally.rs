//! Deciding proposals from their tallies. Pure functions: no storage.
//!
//! A chamber's tally has one entry per option and abstentions last. The option with the most
//! votes wins if it is alone at the top and its share is *more than* the threshold; a tie at the
//! top, an all-abstain vote or an empty electorate decide nothing. Yes/no proposals pass only
//! when "yes" wins in every chamber.

use core::cmp::Ordering;

use cosmwasm_std::{Decimal, Timestamp};

use crate::msg::{Body, ProposalStatus, Threshold, VoteOption, VotingRules};
use crate::state::{Chamber, ChoiceKind, Proposal};
use crate::ContractError;

pub fn option_count(choices: ChoiceKind) -> usize {
    match choices {
        ChoiceKind::YesNo => 2,
        ChoiceKind::Multiple { options } => options as usize,
    }
}

/// The tally slot of a vote option (abstain is the last slot).
pub fn option_slot(choices: ChoiceKind, option: &VoteOption) -> Result<usize, ContractError> {
    let n = option_count(choices);
    match (choices, option) {
        (_, VoteOption::Abstain) => Ok(n),
        (ChoiceKind::YesNo, VoteOption::Yes) => Ok(0),
        (ChoiceKind::YesNo, VoteOption::No) => Ok(1),
        (ChoiceKind::Multiple { .. }, VoteOption::Choice { index }) if (*index as usize) < n => {
            Ok(*index as usize)
        }
        _ => Err(ContractError::NoSuchOption),
    }
}

/// `part / whole` against `share`, exactly, with no rounding: `part × 10^18` against `share`'s
/// atomics × `whole`. A u64 count times 10^18 fits a u128, and so does the other side for any
/// share up to 1 (every rule's); a product past u128 is a share no count reaches. `None` for an
/// empty whole.
fn compare(part: u64, whole: u64, share: Decimal) -> Option<Ordering> {
    if whole == 0 {
        return None;
    }
    let scaled_part = u128::from(part) * 10u128.pow(Decimal::DECIMAL_PLACES);
    Some(
        match share.atomics().u128().checked_mul(u128::from(whole)) {
            Some(scaled_share) => scaled_part.cmp(&scaled_share),
            None => Ordering::Less,
        },
    )
}

fn exceeds(part: u64, whole: u64, share: Decimal) -> bool {
    compare(part, whole, share) == Some(Ordering::Greater)
}

fn reaches(part: u64, whole: u64, share: Decimal) -> bool {
    matches!(
        compare(part, whole, share),
        Some(Ordering::Greater | Ordering::Equal)
    )
}

/// The winning option of a final tally, if any.
pub fn winner(tally: &[u64], electorate: u64, threshold: &Threshold) -> Option<u32> {
    let (abstain, options) = tally.split_last()?;
    let total: u64 = tally.iter().sum();
    let non_abstain = total.saturating_sub(*abstain);
    let top = *options.iter().max()?;
    if top == 0 || options.iter().filter(|c| **c == top).count() > 1 {
        return None;
    }
    let index = options.iter().position(|c| *c == top)?;
    let passes = match threshold {
        Threshold::AbsolutePercentage { percentage } => exceeds(top, electorate, *percentage),
        Threshold::ThresholdQuorum { threshold, quorum } => {
            reaches(total, electorate, *quorum) && exceeds(top, non_abstain, *threshold)
        }
    };
    passes.then_some(index as u32)
}

/// A chamber with no votes yet.
pub fn empty_chamber(body: Body, electorate: u64, rules: VotingRules, slots: usize) -> Chamber {
    Chamber {
        body,
        electorate,
        rules,
        tally: vec![0; slots],
        delegated: vec![0; slots],
    }
}

fn underflow() -> ContractError {
    ContractError::Underflow { counter: "tally" }
}

/// Counts a direct vote of `weight` in `slot`: the voter's own will (1) and the will of the
/// delegators it carries (the rest), who may still vote themselves.
pub fn count_ballot(chamber: &mut Chamber, slot: usize, weight: u64) {
    chamber.tally[slot] += weight;
    if let Some(d) = chamber.delegated.get_mut(slot) {
        *d += weight.saturating_sub(1);
    }
}

/// Takes a ballot of `weight` out of `slot` (a revote moves it with `count_ballot`).
pub fn uncount_ballot(
    chamber: &mut Chamber,
    slot: usize,
    weight: u64,
) -> Result<(), ContractError> {
    chamber.tally[slot] = chamber.tally[slot]
        .checked_sub(weight)
        .ok_or_else(underflow)?;
    if let Some(d) = chamber.delegated.get_mut(slot) {
        *d = d
            .checked_sub(weight.saturating_sub(1))
            .ok_or_else(underflow)?;
    }
    Ok(())
}

/// A delegator below a ballot in `slot` voted themselves: `weight` leaves that ballot.
pub fn withdraw_delegated(
    chamber: &mut Chamber,
    slot: usize,
    weight: u64,
) -> Result<(), ContractError> {
    chamber.tally[slot] = chamber.tally[slot]
        .checked_sub(weight)
        .ok_or_else(underflow)?;
    if let Some(d) = chamber.delegated.get_mut(slot) {
        *d = d.checked_sub(weight).ok_or_else(underflow)?;
    }
    Ok(())
}

/// For a yes/no chamber without revoting: `Some(true)` if it passes however the votes still
/// possible go, `Some(false)` if it cannot pass any more, `None` if undecided. The votes still
/// possible are those of members who have not voted (`electorate` minus what is counted) and
/// those of delegators whose will a ballot carries now (`delegated`): voting themselves moves
/// their weight off that ballot. Only a voter's own will is settled (no revoting).
pub fn certain_yes_no(chamber: &Chamber) -> Option<bool> {
    if chamber.rules.allow_revoting
        || chamber.tally.len() != 3
        || chamber.delegated.len() != chamber.tally.len()
    {
        return None;
    }
    let counted: u64 = chamber.tally.iter().sum();
    let remaining = chamber.electorate.saturating_sub(counted);
    let threshold = &chamber.rules.threshold;
    let passes = |tally: &[u64]| winner(tally, chamber.electorate, threshold) == Some(0);
    let (tally, movable) = (&chamber.tally, &chamber.delegated);
    // Worst case for "yes": every weight that can still move goes to "no".
    let settled = |slot: usize| tally[slot].saturating_sub(movable[slot]);
    let to_no = remaining
        .saturating_add(movable[0])
        .saturating_add(movable[2]);
    let worst = [settled(0), tally[1].saturating_add(to_no), settled(2)];
    if passes(tally) && passes(&worst) {
        return Some(true);
    }
    // Best case for "yes": every weight that can still move goes to "yes".
    let to_yes = remaining
        .saturating_add(movable[1])
        .saturating_add(movable[2]);
    let best = [tally[0].saturating_add(to_yes), settled(1), settled(2)];
    if !passes(&best) {
        return Some(false);
    }
    None
}

/// The proposal's outcome once voting is over: the winning option if every chamber agrees on it
/// (for yes/no, option 0 = yes).
pub fn final_outcome(proposal: &Proposal) -> Option<u32> {
    let mut agreed: Option<u32> = None;
    for chamber in &proposal.chambers {
        let w = winner(&chamber.tally, chamber.electorate, &chamber.rules.threshold)?;
        if agreed.is_some_and(|a| a != w) {
            return None;
        }
        agreed = Some(w);
    }
    match proposal.choices {
        ChoiceKind::YesNo => agreed.filter(|w| *w == 0),
        ChoiceKind::Multiple { .. } => agreed,
    }
}

/// The status a stored proposal has at `now`, and its outcome.
pub fn effective_status(proposal: &Proposal, now: Timestamp) -> (ProposalStatus, Option<u32>) {
    if proposal.status != ProposalStatus::Open {
        return (proposal.status, proposal.outcome);
    }
    let decided = |outcome: Option<u32>| match outcome {
        Some(o) => (ProposalStatus::Passed, Some(o)),
        None => (ProposalStatus::Rejected, None),
    };
    if now >= proposal.expires {
        return decided(final_outcome(proposal));
    }
    if now >= proposal.earliest_close && proposal.choices == ChoiceKind::YesNo {
        let certain: Vec<Option<bool>> = proposal.chambers.iter().map(certain_yes_no).collect();
        if certain.contains(&Some(false)) {
            return (ProposalStatus::Rejected, None);
        }
        if certain.iter().all(|c| *c == Some(true)) {
            return (ProposalStatus::Passed, Some(0));
        }
    }
    (ProposalStatus::Open, None)
}

#[cfg(test)]
mod tests {
    use cosmwasm_std::{Decimal, Uint256};
    use proptest::prelude::*;

    use super::{exceeds, reaches};

    /// The comparison done in 256 bits: `part × 10^18` against `share`'s atomics × `whole`.
    fn exact(part: u64, whole: u64, share: Decimal) -> (bool, bool) {
        let left = Uint256::from(part) * Uint256::from(10u128.pow(18));
        let right = Uint256::from(share.atomics()) * Uint256::from(whole);
        (whole > 0 && left > right, whole > 0 && left >= right)
    }

    #[test]
    fn a_share_just_above_the_threshold_exceeds_it() {
        let third = Decimal::from_atomics(333_333_333_333_333_333u128, 18).unwrap();
        // 1/3 is above 0.333333333333333333, which a ratio rounded down to 18 places hides.
        assert!(exceeds(1, 3, third));
        assert!(!exceeds(
            1,
            3,
            Decimal::from_ratio(1u8, 3u8) + Decimal::raw(1)
        ));
        assert!(!exceeds(1, 2, Decimal::percent(50)));
        assert!(reaches(1, 2, Decimal::percent(50)));
        assert!(!reaches(0, 0, Decimal::zero()));
        assert!(exceeds(u64::MAX, u64::MAX - 1, Decimal::one()));
        assert!(!reaches(u64::MAX, 1, Decimal::MAX));
    }

    proptest! {
        #[test]
        fn shares_compare_exactly(
            part in any::<u64>(),
            whole in any::<u64>(),
            atomics in prop_oneof![0..=10u128.pow(18), any::<u128>()],
        ) {
            let share = Decimal::raw(atomics);
            let (more, at_least) = exact(part, whole, share);
            prop_assert_eq!(exceeds(part, whole, share), more);
            prop_assert_eq!(reaches(part, whole, share), at_least);
            // A part of the whole, as a tally's counts are.
            let part = part % whole.saturating_add(1).max(1);
            let (more, at_least) = exact(part, whole, share);
            prop_assert_eq!(exceeds(part, whole, share), more);
            prop_assert_eq!(reaches(part, whole, share), at_least);
        }
    }
}
