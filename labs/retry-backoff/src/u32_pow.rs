//! Capped doubling in `u32`: `(base × 2_u32.pow(n - 1)).min(cap)`.
//!
//! This one has a cap, applied after the multiplication, and doubles correctly from `base`;
//! for the first 32 retries it is the textbook curve (without jitter). The multiplier is a
//! `u32`, though: `2_u32.pow(32)` overflows at retry 33, where a debug build panics and a
//! release build wraps it to 0, so the wait is `base × 0 = 0` and stays 0 for every retry
//! after, a hot loop against the server. And `n - 1` underflows for `n = 0`: a debug build
//! panics, a release build computes `2_u32.pow(u32::MAX)`, also 0.

use std::time::Duration;

use crate::contract::{Backoff, Config, Jitter};

/// `(base × 2ⁿ⁻¹).min(cap)`, the multiplier in `u32`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Policy;

impl Backoff for Policy {
    fn ceiling(&self, config: &Config, retry: u32) -> Duration {
        // scan: expect(retry-backoff)
        let delay = config.base * 2_u32.pow(retry - 1);
        delay.min(config.cap)
    }

    fn delay(&self, config: &Config, retry: u32, _jitter: Jitter) -> Duration {
        self.ceiling(config, retry)
    }
}
