//! The anti-pattern: "exponential backoff" as `base × 2ⁿ`, with no cap and unchecked
//! arithmetic.
//!
//! It is the retry snippet most guides print, and for the three retries they try it looks
//! right: 200 ms, 400 ms, 800 ms. Nothing bounds it, though. By retry 10 a client waits 102 s
//! for a server that was back after one; by retry 20, 29 hours. And the arithmetic is plain
//! `u64`: `base_ms × 2ⁿ` overflows once the product passes 2⁶⁴ ms (retry 58 with a base of
//! 100 ms), where a debug build panics and a release build wraps: to other absurd waits at
//! first, then to zero from retry 62 on (`100 × 2⁶²` is `25 × 2⁶⁴`), and the loop hammers the
//! server with no wait at all. The first
//! retry also waits `2 × base`, not `base`. There is no jitter, so clients that failed together
//! retry together, every time.

use std::time::Duration;

use crate::contract::{Backoff, Config, Jitter};

/// `base_ms × 2ⁿ`, uncapped, in `u64` milliseconds.
#[derive(Debug, Clone, Copy, Default)]
pub struct Policy;

impl Backoff for Policy {
    fn ceiling(&self, config: &Config, retry: u32) -> Duration {
        if retry == 0 {
            return Duration::ZERO;
        }
        let base_ms = config.base.as_millis() as u64;
        // scan: expect(retry-backoff)
        Duration::from_millis(base_ms * 2_u64.pow(retry))
    }

    fn delay(&self, config: &Config, retry: u32, _jitter: Jitter) -> Duration {
        self.ceiling(config, retry)
    }
}
