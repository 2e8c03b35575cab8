//! "How many times slower, and are we sure?": one variant against another.
//!
//! Every headline in the book is a ratio of two criterion estimates, and a ratio means little
//! unless the two measurements can be told apart. [`Ratio`] carries both answers: the ratio of
//! the point estimates with the widest and narrowest ratios the two confidence intervals allow,
//! and whether those intervals are separated (the book's conservative test, see
//! [`Estimate::separated_from`]).

use std::fmt;

use crate::criterion::Estimate;
use crate::number;

/// `subject` measured against `reference`, both with their confidence intervals.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ratio {
    /// `subject.point / reference.point`.
    pub point: f64,
    /// The smallest ratio the intervals allow: `subject.lower / reference.upper`.
    pub lower: f64,
    /// The largest ratio the intervals allow: `subject.upper / reference.lower`.
    pub upper: f64,
    /// Whether the two intervals do not overlap.
    pub separated: bool,
}

impl Ratio {
    /// How `subject` compares with `reference` (a ratio above 1 means `subject` takes longer).
    pub fn of(subject: &Estimate, reference: &Estimate) -> Ratio {
        Ratio {
            point: subject.point / reference.point,
            lower: subject.lower / reference.upper,
            upper: subject.upper / reference.lower,
            separated: subject.separated_from(reference),
        }
    }

    /// The ratio with its range: `12.1× (11.0–13.4×)`.
    pub fn with_range(&self) -> String {
        let bare = |r: f64| number::ratio(r).trim_end_matches('×').to_owned();
        format!(
            "{} ({}–{})",
            number::ratio(self.point),
            bare(self.lower),
            number::ratio(self.upper)
        )
    }

    /// What the confidence intervals say, in the words of the book's tables.
    pub fn separation(&self) -> &'static str {
        if self.separated {
            "separate"
        } else {
            "overlap"
        }
    }
}

impl fmt::Display for Ratio {
    /// The ratio alone: `12.1×`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&number::ratio(self.point))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn estimate(point: f64, lower: f64, upper: f64) -> Estimate {
        Estimate {
            point,
            lower,
            upper,
            confidence_level: 0.95,
        }
    }

    #[test]
    fn a_ratio_carries_the_range_its_intervals_allow() {
        let ratio = Ratio::of(&estimate(140.0, 133.0, 147.0), &estimate(10.0, 9.0, 11.0));
        assert_eq!(ratio.point, 14.0);
        assert!((ratio.lower - 133.0 / 11.0).abs() < 1e-9);
        assert!((ratio.upper - 147.0 / 9.0).abs() < 1e-9);
        assert!(ratio.separated);
        assert_eq!(ratio.to_string(), "14.0×");
        assert_eq!(ratio.with_range(), "14.0× (12.1–16.3×)");
    }

    #[test]
    fn overlapping_intervals_are_not_separated() {
        let ratio = Ratio::of(&estimate(10.5, 9.5, 11.5), &estimate(10.0, 9.0, 11.0));
        assert!(!ratio.separated);
        assert_eq!(ratio.separation(), "overlap");
    }
}
