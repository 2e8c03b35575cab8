//! "Exponential" backoff that is linear: the wait is the base times the retry count.
//!
//! Two guides write it this way and call it exponential: a delay multiplied by the number of
//! the retry (100 ms, 200 ms, 300 ms, ...), or `60 s × n` after each rate-limit error. It grows
//! by the same step every time, so after ten failures it waits 1 s where doubling waits 51 s,
//! and nothing caps it: retry 1 000 waits 100 s. No jitter either.

use std::time::Duration;

use crate::contract::{Backoff, Config, Jitter};

/// `base × n`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Policy;

impl Backoff for Policy {
    fn ceiling(&self, config: &Config, retry: u32) -> Duration {
        // `Duration × u32` panics only past `u64::MAX` seconds; the base would have to be
        // over a century for a `u32` retry count to get there.
        config.base * retry
    }

    fn delay(&self, config: &Config, retry: u32, _jitter: Jitter) -> Duration {
        self.ceiling(config, retry)
    }
}
