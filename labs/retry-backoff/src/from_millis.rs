//! tokio-retry's `ExponentialBackoff::from_millis(100)`, read as 100, 200, 400 ms.
//!
//! A guide recommends the crate with `ExponentialBackoff::from_millis(100)
//! .max_delay(10 s).take(5)` and the reader expects a doubling from 100 ms. The crate's
//! documentation says otherwise, and its code agrees: the argument is the *base* of a power,
//! `baseⁿ` milliseconds, so the waits are 100 ms, 100² = 10 000 ms, 100³ ms, ..., each clipped
//! to `max_delay`: 100 ms, then the cap for every retry after. The doubling the guide means is
//! `from_millis(2).factor(50)` (2ⁿ × 50 ms). No jitter in this strategy either; the crate
//! offers a `jitter` function to map over it, which the guide does not use.
//!
//! This variant is the real crate (tokio-retry 0.3), not a model of it: the delay before retry
//! `n` is the strategy iterator's `n`-th item.

use std::time::Duration;

use tokio_retry::strategy::ExponentialBackoff;

use crate::contract::{Backoff, Config, Jitter};

/// `ExponentialBackoff::from_millis(base in ms).max_delay(cap)`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Policy;

/// The strategy as the guide builds it, from the configuration.
pub fn strategy(config: &Config) -> ExponentialBackoff {
    let base_ms = u64::try_from(config.base.as_millis()).unwrap_or(u64::MAX);
    ExponentialBackoff::from_millis(base_ms).max_delay(config.cap)
}

impl Backoff for Policy {
    fn ceiling(&self, config: &Config, retry: u32) -> Duration {
        match retry.checked_sub(1) {
            None => Duration::ZERO,
            // Its iterator saturates at `u64::MAX` ms and then returns the cap for ever, so
            // walking it is cheap only while it still grows: past the retry where it first
            // returns the cap, every later item is the cap too.
            Some(skip) => {
                let mut items = strategy(config);
                let mut last = Duration::ZERO;
                for _ in 0..=skip.min(200) {
                    last = items.next().unwrap_or(config.cap);
                }
                last
            }
        }
    }

    fn delay(&self, config: &Config, retry: u32, _jitter: Jitter) -> Duration {
        self.ceiling(config, retry)
    }

    fn schedule(&self, config: &Config, _jitter: Jitter, retries: u32) -> Vec<Duration> {
        strategy(config).take(retries as usize).collect()
    }
}
