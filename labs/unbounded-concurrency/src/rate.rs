//! A real rate limit: `governor`'s GCRA on Tokio's clock, and what "per second" means for it.
//!
//! A concurrency cap says how many requests are *unfinished*; a quota says how many may
//! *start* in a window of time. [`RateGate`] is the second: a `governor` rate limiter that a
//! request passes through before it is sent. GCRA (the generic cell rate algorithm) keeps one
//! number, the theoretical arrival time of the next request; a request that comes earlier than
//! that, less the burst's allowance, is told how long to wait.
//!
//! Two decisions a reader would question:
//!
//! - **Tokio's clock, not governor's.** Without default features governor brings no clock of
//!   its own; [`TokioClock`] reads `tokio::time::Instant`, so under a paused clock the limiter
//!   and the server's arrival stamps read the same exact time, and the tests can prove the
//!   quota instead of sampling it. The wait is a `tokio::time::sleep` for the same reason
//!   (governor's own `until_ready` sleeps on a timer that a paused clock does not drive).
//! - **A burst of 1.** `Quota::per_second(q)` allows a burst of `q`: after a quiet spell, `q`
//!   requests at once, then one every `1/q` s, so one window of a second can see `2q - 1` of
//!   them ([`most_in_window`]). An API whose quota is "`q` in any second" answers the surplus
//!   with 429s. `Quota::with_period(1 s / q)` with `allow_burst(1)` spaces every request.

use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::Clock;
use governor::middleware::NoOpMiddleware;
use governor::state::{InMemoryState, NotKeyed};
use governor::{Quota, RateLimiter};

/// Governor's time source, read from Tokio's clock (so a paused clock drives it).
#[derive(Debug, Clone, Copy)]
pub struct TokioClock {
    start: tokio::time::Instant,
}

impl TokioClock {
    /// A clock whose zero is now.
    pub fn new() -> TokioClock {
        TokioClock {
            start: tokio::time::Instant::now(),
        }
    }
}

impl Default for TokioClock {
    fn default() -> TokioClock {
        TokioClock::new()
    }
}

impl Clock for TokioClock {
    /// Time since the clock's zero: governor implements its `Reference` for `Duration`.
    type Instant = Duration;

    fn now(&self) -> Duration {
        self.start.elapsed()
    }
}

/// The quota `per_second` requests a second, with `burst` allowed at once.
pub fn quota(per_second: u32, burst: u32) -> Quota {
    let per_second = per_second.max(1);
    let period = Duration::from_secs(1) / per_second;
    Quota::with_period(period)
        .expect("a rate of at most u32::MAX a second has a non-zero period")
        .allow_burst(NonZeroU32::new(burst.max(1)).expect("at least 1"))
}

/// The most requests that `quota(per_second, burst)` lets start within any window of
/// `window`: `burst + ceil(window / period) - 1`. (The `n`-th of a run can pass no earlier
/// than `(n - burst)` periods after the first, and a window shorter than that cannot hold it.)
pub fn most_in_window(per_second: u32, burst: u32, window: Duration) -> usize {
    let period = Duration::from_secs(1) / per_second.max(1);
    let periods = window.as_nanos().div_ceil(period.as_nanos());
    let periods = usize::try_from(periods).unwrap_or(usize::MAX);
    (burst.max(1) as usize + periods).saturating_sub(1)
}

/// A gate every request passes before it is sent: at most the quota's rate.
#[derive(Debug)]
pub struct RateGate {
    limiter: RateLimiter<NotKeyed, InMemoryState, TokioClock, NoOpMiddleware<Duration>>,
    clock: TokioClock,
}

impl RateGate {
    /// A gate for `per_second` requests a second, `burst` at once.
    pub fn new(per_second: u32, burst: u32) -> RateGate {
        let clock = TokioClock::new();
        RateGate {
            limiter: RateLimiter::direct_with_clock(quota(per_second, burst), clock),
            clock,
        }
    }

    /// Waits until one more request conforms to the quota, and counts it.
    pub async fn until_ready(&self) {
        // Several requests may wait at once: each one that wakes checks again, and only a
        // conforming check passes, so losing the race costs a wait, never the quota.
        while let Err(not_until) = self.limiter.check() {
            tokio::time::sleep(not_until.wait_time_from(self.clock.now())).await;
        }
    }
}

/// The most entries of `times` (any order) that fall within one window `[s, s + window)`.
pub fn busiest_window(times: &[Duration], window: Duration) -> usize {
    let mut sorted = times.to_vec();
    sorted.sort_unstable();
    // The busiest window can be taken to start at an entry; two pointers walk them all.
    let mut best = 0;
    let mut end = 0;
    for start in 0..sorted.len() {
        end = end.max(start);
        while end < sorted.len() && sorted[end] < sorted[start] + window {
            end += 1;
        }
        best = best.max(end - start);
    }
    best
}
