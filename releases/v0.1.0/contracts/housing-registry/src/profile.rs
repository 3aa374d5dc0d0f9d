//! Need profiles: the rooms a household needs and the features it needs. Applicants of one
//! profile score the same for any home except for their waiting time, so the oldest of a
//! profile is its best candidate; applicants wait in one queue per profile
//! ([`crate::queue`]).

use crate::msg::Accessibility;
use crate::score::rooms_needed;
use crate::state::Application;

/// Every feature, in `Accessibility` order: bit `i` of a [`FeatureSet`] is `ALL_FEATURES[i]`.
pub const ALL_FEATURES: [Accessibility; 6] = {
    use Accessibility::*;
    [
        StepFree,
        Wheelchair,
        Elevator,
        GroundFloor,
        VisualAids,
        HearingAids,
    ]
};

// Fails to compile when a feature is added but not listed.
const _: fn(Accessibility) = |feature| {
    use Accessibility::*;
    match feature {
        StepFree | Wheelchair | Elevator | GroundFloor | VisualAids | HearingAids => {}
    }
};

// A feature's bit is its place in the list, which is its place in the enum.
const _: () = {
    let mut i = 0;
    while i < ALL_FEATURES.len() {
        assert!(ALL_FEATURES[i] as usize == i);
        i += 1;
    }
};

/// Need profiles of one household size: every set of features (64).
pub const PROFILES_PER_SIZE: usize = 1 << ALL_FEATURES.len();

/// A set of accessibility features, one bit each.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FeatureSet(u8);

impl FeatureSet {
    pub fn of(features: &[Accessibility]) -> Self {
        FeatureSet(features.iter().fold(0, |bits, f| bits | 1 << (*f as u8)))
    }

    pub fn from_bits(bits: u8) -> Self {
        FeatureSet(bits)
    }

    pub fn bits(self) -> u8 {
        self.0
    }

    pub fn count(self) -> u64 {
        u64::from(self.0.count_ones())
    }

    pub fn intersection(self, other: FeatureSet) -> FeatureSet {
        FeatureSet(self.0 & other.0)
    }

    pub fn difference(self, other: FeatureSet) -> FeatureSet {
        FeatureSet(self.0 & !other.0)
    }

    /// The first feature of the set in `ALL_FEATURES` order.
    pub fn first(self) -> Option<Accessibility> {
        ALL_FEATURES.get(self.0.trailing_zeros() as usize).copied()
    }

    /// The features in `ALL_FEATURES` order.
    pub fn features(self) -> Vec<Accessibility> {
        ALL_FEATURES
            .into_iter()
            .enumerate()
            .filter(|(i, _)| self.0 & (1 << i) != 0)
            .map(|(_, f)| f)
            .collect()
    }
}

/// Who competes with whom: applicants of one profile differ only in waiting time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Profile {
    pub rooms: u32,
    pub needs: FeatureSet,
}

impl Profile {
    pub fn of(app: &Application) -> Self {
        Profile {
            rooms: rooms_needed(app.household_size),
            needs: FeatureSet::of(&app.needs),
        }
    }
}
