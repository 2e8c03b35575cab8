//! The reference fix: capped exponential backoff with full jitter, in checked arithmetic, and a
//! loop that reads the status, retries only what may succeed next time, and keeps a deadline.
//!
//! The policy: the curve is `min(base × 2ⁿ⁻¹, cap)`, computed in 128-bit nanoseconds with
//! `checked_mul`, so a retry number of a billion is the cap, not a panic or a wrapped zero; the
//! wait is drawn uniformly in `[0, curve]` ("full jitter"), so clients that failed together do
//! not come back together, and the cap bounds the wait itself, jitter included.
//!
//! The loop: `error_for_status()` turns a 429 or a 5xx into an `Err` the loop can judge;
//! [`is_retryable`] keeps the ones worth another try (no answer, 429, 5xx) and returns any
//! other 4xx at once; `max_retries` counts retries, so the first attempt is not one of them;
//! and before each wait it checks the deadline, so it never sleeps past it.

use std::time::Duration;

use tokio::time::{Instant, sleep};

use crate::contract::{Backoff, Config, Jitter, Request, Sent, is_retryable};

/// Capped exponential backoff with full jitter.
#[derive(Debug, Clone, Copy, Default)]
pub struct Policy;

/// Nanoseconds back to a `Duration`; `nanos` is at most a `Duration`'s, so nothing is lost.
fn from_nanos(nanos: u128) -> Duration {
    let secs = u64::try_from(nanos / 1_000_000_000).unwrap_or(u64::MAX);
    Duration::new(secs, (nanos % 1_000_000_000) as u32)
}

impl Backoff for Policy {
    fn ceiling(&self, config: &Config, retry: u32) -> Duration {
        // Retry 0 is the first attempt: it does not wait.
        let Some(exponent) = retry.checked_sub(1) else {
            return Duration::ZERO;
        };
        let base = config.base.as_nanos();
        // base × 2^exponent; a factor or a product past 128 bits is past every cap (a
        // `Duration` is below 2⁹⁴ ns), so saturating is exact after the `min`, unless the base
        // is zero.
        let grown = match 1_u128.checked_shl(exponent) {
            Some(factor) => base.saturating_mul(factor),
            None if base == 0 => 0,
            None => u128::MAX,
        };
        from_nanos(grown.min(config.cap.as_nanos()))
    }

    fn delay(&self, config: &Config, retry: u32, jitter: Jitter) -> Duration {
        // Full jitter: anywhere from nothing to the curve, so the cap holds for the wait.
        jitter.up_to(retry, self.ceiling(config, retry))
    }
}

/// Calls `request` until it succeeds, gets an answer not worth retrying, has retried
/// `config.max_retries` times, or the next wait would end past `config.deadline`; returns the
/// last answer (a 429 or a 5xx as an `Err` with its status).
pub async fn call<R: Request>(
    policy: &dyn Backoff,
    config: &Config,
    jitter: Jitter,
    mut request: R,
) -> Sent {
    let started = Instant::now();
    let mut retries = 0;
    loop {
        // `send()` returns a 429 as `Ok`: only the status says it failed.
        let error = match request()
            .await
            .and_then(reqwest::Response::error_for_status)
        {
            Ok(response) => return Ok(response),
            Err(error) => error,
        };
        if !is_retryable(&error) || retries == config.max_retries {
            return Err(error);
        }
        retries += 1;
        let delay = policy.delay(config, retries, jitter);
        // Give up now rather than sleep into the deadline and fail after it.
        if let Some(deadline) = config.deadline
            && started.elapsed().saturating_add(delay) > deadline
        {
            return Err(error);
        }
        sleep(delay).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_curve_is_exact_and_the_cap_holds_for_huge_retry_numbers() {
        let config = Config::USUAL;
        for retry in (0..200).chain([1_000, u32::MAX / 2, u32::MAX]) {
            assert_eq!(
                Policy.ceiling(&config, retry),
                config.expected_ceiling(retry),
                "retry {retry}"
            );
        }
        let tiny = Config {
            base: Duration::from_nanos(1),
            cap: Duration::MAX,
            ..Config::USUAL
        };
        // 2⁹³ ns still doubles exactly; 2⁹⁴ ns is past `Duration::MAX`, so it is the cap.
        assert_eq!(Policy.ceiling(&tiny, 94).as_nanos(), 1_u128 << 93);
        assert_eq!(Policy.ceiling(&tiny, 95), Duration::MAX);
        assert_eq!(Policy.ceiling(&tiny, u32::MAX), Duration::MAX);
    }
}
