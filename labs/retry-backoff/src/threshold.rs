//! Backoff that waits nothing five times, then the same long wait for ever.
//!
//! A guide's self-healing loop backs off only "after repeated failures": while the failure
//! count is below 5 it waits nothing extra, and from the fifth on it waits
//! `base × 2^min(count, 5)`. The exponent is capped before it can grow, so the curve has two
//! values: zero for the first five retries (a tight loop against a server that is down), then
//! `32 × base` every time after (1 920 s with the guide's base of 60 s), without a cap of its
//! own and without jitter. The counter is the value *before* the increment (`fetch_add`), so
//! retry `n` sees `n - 1`.

use std::time::Duration;

use crate::contract::{Backoff, Config, Jitter};

/// Zero for retries 1 to 5, `base × 32` from retry 6 on.
#[derive(Debug, Clone, Copy, Default)]
pub struct Policy;

/// The count from which the guide backs off.
pub const THRESHOLD: u32 = 5;

impl Backoff for Policy {
    fn ceiling(&self, config: &Config, retry: u32) -> Duration {
        let count = retry.saturating_sub(1);
        if count >= THRESHOLD {
            config.base * 2_u32.pow(count.min(THRESHOLD))
        } else {
            Duration::ZERO
        }
    }

    fn delay(&self, config: &Config, retry: u32, _jitter: Jitter) -> Duration {
        self.ceiling(config, retry)
    }
}
