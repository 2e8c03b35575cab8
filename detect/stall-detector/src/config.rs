//! What the detector counts as a long poll, and how closely it watches.

use std::time::Duration;

use long_poll::Thresholds;

/// The detector's settings; [`Config::default`] is what the book measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// The long-poll rule's thresholds, shared with the tokio-console snapshot lint: a poll of
    /// 1 ms or more is slow, a location fires on 3 slow polls that are 25% of its polls, or on
    /// one poll of 100 ms (the `long-poll` crate says why).
    pub thresholds: Thresholds,
    /// How often the watchdog thread looks at the workers (default 1 ms).
    ///
    /// It samples each poll that has run for half the slow threshold, which is what lets the
    /// report tell a CPU-bound poll from a blocked one, and it reports a poll still running
    /// past the stall threshold while it runs. Looking every millisecond samples every poll of
    /// 2 ms or more and costs one thread wake-up per millisecond (measured in the overhead
    /// bench); looking less often misses the class of shorter polls, never the polls
    /// themselves, which the hooks time whatever this says.
    pub watch_every: Duration,
    /// How many of the longest polls the report keeps, with their details (default 32).
    pub keep_worst: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            thresholds: Thresholds::default(),
            watch_every: Duration::from_millis(1),
            keep_worst: 32,
        }
    }
}
