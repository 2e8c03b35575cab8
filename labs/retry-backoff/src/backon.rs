//! The policy from a maintained crate: backon's `ExponentialBuilder`, and its retry loop.
//!
//! backon (1.6) builds exponential backoff with a minimum, a maximum, a count, a total delay
//! and jitter, and runs the loop itself: `request.retry(builder).when(is_retryable)`. Two of
//! its choices matter here, both read from its source and confirmed by the tests:
//!
//! - its jitter is *added* after the cap: the wait is `d + d × U[0, 1)`, so with
//!   `with_max_delay(cap)` a wait can reach twice the cap. To keep every wait under `cap`,
//!   this variant halves both ends (`with_min_delay(base / 2)`, `with_max_delay(cap / 2)`): the
//!   wait is then uniform in `[c, 2c)` under the curve `2c = min(base × 2ⁿ⁻¹, cap)`, what is
//!   called "equal jitter" (half fixed, half random);
//! - it computes in `f32`, so the curve doubles to within one part in a million, not to the
//!   nanosecond.
//!
//! Its `with_total_delay` counts the waits only, not the time the attempts took, so it is a
//! budget for sleeping, not a deadline for the call; with attempts as quick as the tests' it
//! is the same thing.

use std::time::Duration;

use backon::{BackoffBuilder, ExponentialBuilder, Retryable};

use crate::contract::{Backoff, Config, Jitter, Request, Sent, is_retryable};

/// backon's exponential backoff with jitter, both ends halved to keep the waits under the cap.
#[derive(Debug, Clone, Copy, Default)]
pub struct Policy;

/// The builder, from the configuration; `jitter: None` leaves the jitter off (the curve).
fn builder(config: &Config, jitter: Option<Jitter>) -> ExponentialBuilder {
    let builder = ExponentialBuilder::default()
        .with_min_delay(config.base / 2)
        .with_max_delay(config.cap / 2)
        .with_max_times(config.max_retries as usize)
        .with_total_delay(config.deadline);
    match jitter {
        Some(jitter) => builder.with_jitter().with_jitter_seed(jitter.seed()),
        None => builder,
    }
}

/// The first `retries` waits, with no limit but the count.
fn waits(config: &Config, jitter: Option<Jitter>, retries: u32) -> Vec<Duration> {
    let unlimited = Config {
        max_retries: retries,
        deadline: None,
        ..*config
    };
    builder(&unlimited, jitter).build().collect()
}

/// Retries past this one are asked of the iterator's item here: by then the curve has long
/// met the cap (it doubles from at least a nanosecond, and a `Duration` is below 2⁹⁴ ns), so
/// only the draw differs, and walking four billion items to reach `u32::MAX` would take
/// seconds.
const WALK: u32 = 10_000;

/// The wait before retry `retry`: the iterator's item of that number.
fn nth(config: &Config, jitter: Option<Jitter>, retry: u32) -> Duration {
    waits(config, jitter, retry.min(WALK))
        .last()
        .copied()
        .unwrap_or(Duration::ZERO)
}

impl Backoff for Policy {
    fn ceiling(&self, config: &Config, retry: u32) -> Duration {
        // The most a wait can be: twice the curve before jitter (`U` is below 1).
        nth(config, None, retry) * 2
    }

    fn delay(&self, config: &Config, retry: u32, jitter: Jitter) -> Duration {
        nth(config, Some(jitter), retry)
    }

    fn schedule(&self, config: &Config, jitter: Jitter, retries: u32) -> Vec<Duration> {
        waits(config, Some(jitter), retries)
    }
}

/// backon's own loop: retries while [`is_retryable`] says so, as many times as
/// `config.max_retries`, within `config.deadline` of waiting.
pub async fn call<R: Request>(config: &Config, jitter: Jitter, mut request: R) -> Sent {
    // Each attempt is a fresh future from `request`, with the status turned into an error.
    let attempt = move || {
        let sent = request();
        async move { sent.await.and_then(reqwest::Response::error_for_status) }
    };
    attempt
        .retry(builder(config, Some(jitter)))
        .when(is_retryable)
        .await
}
