//! Poll durations, bucketed: a log-linear histogram of fixed size.
//!
//! Every poll of every task lands here, so recording must cost a few instructions and no
//! allocation, and the memory per spawn location must stay small whatever the run's length.
//! Four buckets per power of two from 1 µs up (each bucket at most 25% wide, so a percentile
//! read from it is within 25% of the truth), one bucket below 1 µs: 128 counters, 1 KiB.

use serde::{Deserialize, Serialize};

/// Values below this many nanoseconds share bucket 0: 2^10 ns, about 1 µs.
const FLOOR_BITS: u32 = 10;
/// Sub-buckets per power of two, as a power of two: 4.
const SUB_BITS: u32 = 2;
/// The number of buckets; the last one takes everything from about 1 100 s up.
pub const BUCKETS: usize = 128;

/// Counts of poll durations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Histogram {
    #[serde(with = "counts")]
    counts: [u64; BUCKETS],
}

impl Default for Histogram {
    fn default() -> Self {
        Histogram {
            counts: [0; BUCKETS],
        }
    }
}

impl Histogram {
    /// Counts one duration, in ns.
    pub fn record(&mut self, ns: u64) {
        self.counts[bucket(ns)] += 1;
    }

    /// Adds another histogram's counts to this one.
    pub fn merge(&mut self, other: &Histogram) {
        for (mine, theirs) in self.counts.iter_mut().zip(&other.counts) {
            *mine += theirs;
        }
    }

    /// How many durations were counted.
    pub fn count(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// The duration at or below which `percent` % of the counted ones lie, as the upper bound
    /// of its bucket (so never an underestimate), or `None` when nothing was counted.
    pub fn percentile(&self, percent: f64) -> Option<u64> {
        let total = self.count();
        if total == 0 {
            return None;
        }
        // The rank of the wanted value, 1-based, rounded up: p50 of 3 values is the 2nd.
        let rank = ((percent / 100.0) * total as f64).ceil().max(1.0) as u64;
        let mut seen = 0;
        for (index, n) in self.counts.iter().enumerate() {
            seen += n;
            if seen >= rank {
                return Some(upper_bound(index));
            }
        }
        Some(upper_bound(BUCKETS - 1))
    }
}

/// The bucket a duration falls in.
fn bucket(ns: u64) -> usize {
    if ns < 1 << FLOOR_BITS {
        return 0;
    }
    let exponent = 63 - ns.leading_zeros();
    let sub = (ns >> (exponent - SUB_BITS)) & ((1 << SUB_BITS) - 1);
    let index = 1 + (((exponent - FLOOR_BITS) << SUB_BITS) as u64 + sub);
    (index as usize).min(BUCKETS - 1)
}

/// The largest duration that falls in `index` (the last bucket has none: `u64::MAX`).
fn upper_bound(index: usize) -> u64 {
    if index == 0 {
        return (1 << FLOOR_BITS) - 1;
    }
    if index == BUCKETS - 1 {
        return u64::MAX;
    }
    let step = index as u64 - 1;
    let exponent = FLOOR_BITS as u64 + (step >> SUB_BITS);
    let sub = step & ((1 << SUB_BITS) - 1);
    // The bucket starts at 2^e + sub·2^(e-2) and is 2^(e-2) wide.
    let width = 1u64 << (exponent - SUB_BITS as u64);
    (1u64 << exponent) + sub * width + width - 1
}

/// serde has no impls for arrays longer than 32: the counts travel as a list.
mod counts {
    use serde::{Deserialize, Deserializer, Serializer};

    use super::BUCKETS;

    pub fn serialize<S: Serializer>(counts: &[u64; BUCKETS], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(counts.iter())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<[u64; BUCKETS], D::Error> {
        let list = Vec::<u64>::deserialize(d)?;
        list.try_into()
            .map_err(|_| serde::de::Error::custom(format!("expected {BUCKETS} counts")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_lies_within_its_bucket_and_buckets_are_at_most_a_quarter_wide() {
        let mut value = 1u64;
        while value < 1 << 40 {
            for v in [value, value + value / 3, value * 2 - 1] {
                let index = bucket(v);
                assert!(v <= upper_bound(index), "{v} above bucket {index}");
                if index > 0 {
                    assert!(v > upper_bound(index - 1), "{v} below bucket {index}");
                    let low = upper_bound(index - 1) + 1;
                    assert!(
                        (upper_bound(index) - low) * 4 <= low,
                        "bucket {index} too wide"
                    );
                }
            }
            value *= 3;
        }
    }

    #[test]
    fn percentiles_come_from_the_counted_values() {
        let mut h = Histogram::default();
        assert_eq!(h.percentile(50.0), None);
        for _ in 0..90 {
            h.record(20_000);
        }
        for _ in 0..10 {
            h.record(5_000_000);
        }
        let p50 = h.percentile(50.0).unwrap();
        assert!((20_000..=25_000).contains(&p50), "{p50}");
        let p99 = h.percentile(99.0).unwrap();
        assert!((5_000_000..=6_250_000).contains(&p99), "{p99}");
        assert_eq!(h.count(), 100);
    }

    #[test]
    fn merging_adds_counts() {
        let mut a = Histogram::default();
        let mut b = Histogram::default();
        a.record(1);
        b.record(1);
        b.record(1 << 30);
        a.merge(&b);
        assert_eq!(a.count(), 3);
        assert!(a.percentile(100.0).unwrap() >= 1 << 30);
    }

    #[test]
    fn the_largest_values_land_in_the_last_bucket() {
        assert_eq!(bucket(u64::MAX), BUCKETS - 1);
        let mut h = Histogram::default();
        h.record(u64::MAX);
        assert_eq!(h.percentile(50.0), Some(u64::MAX));
    }
}
