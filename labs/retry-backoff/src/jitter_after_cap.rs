//! Jitter added after the cap, as a remainder of the wait's tenth.
//!
//! A guide's "exponential backoff with jitter" doubles the wait, caps it, and *then* adds a
//! random `rand % (wait / 10 in ms)` milliseconds; the sum is the next wait, and the next
//! doubling starts from it. Three faults follow:
//!
//! - the cap does not bound the wait: at the cap it sleeps up to 10 % longer;
//! - the jitter feeds back into the curve, so it grows by up to 2.2× a retry, not 2×;
//! - the divisor is zero when the capped wait is under 10 ms (a base under 5 ms, or a cap
//!   under 10 ms), and `x % 0` panics in every build. It never happens with the guide's
//!   100 ms, which is why it is latent.
//!
//! And its ±10 % does little against a herd: clients that failed together still come back
//! within a tenth of the wait of each other.

use std::time::Duration;

use crate::contract::{Backoff, Config, Jitter};

/// The guide's loop body, one wait per retry: `d = min(2d, cap); d += rand % (d / 10)`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Policy;

/// The guide's update, from the wait before retry `n` to the wait before retry `n + 1`;
/// `draw` picks the random number, given the divisor it will be reduced by.
fn next(config: &Config, delay: Duration, draw: impl FnOnce(u64) -> u64) -> Duration {
    let capped = (delay * 2).min(config.cap);
    let tenth_ms = (capped / 10).as_millis() as u64;
    capped + Duration::from_millis(draw(tenth_ms) % tenth_ms)
}

/// The wait before retry `retry`; `draw(n, divisor)` is the random number of update `n`.
fn walk(config: &Config, retry: u32, draw: impl Fn(u32, u64) -> u64) -> Duration {
    if retry == 0 {
        return Duration::ZERO;
    }
    // The first wait is the base, with no jitter.
    let mut delay = config.base;
    let mut n = 1;
    while n < retry {
        if delay * 2 >= config.cap {
            // From here every update starts from the cap: the history no longer matters, so
            // jump to the last update instead of walking up to four billion of them.
            n = retry - 1;
        }
        delay = next(config, delay, |divisor| draw(n, divisor));
        n += 1;
    }
    delay
}

impl Backoff for Policy {
    fn ceiling(&self, config: &Config, retry: u32) -> Duration {
        // The largest wait any draw can give: every remainder at its largest, `divisor - 1`
        // (wrapping, so that a zero divisor still panics where the guide's code does).
        walk(config, retry, |_, divisor| divisor.wrapping_sub(1))
    }

    fn delay(&self, config: &Config, retry: u32, jitter: Jitter) -> Duration {
        walk(config, retry, |n, _| jitter.draw(n))
    }
}
