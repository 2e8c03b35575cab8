//! `checked_pow` against the overflow, with `Duration::ZERO` when it fails: no panic, but from retry 33 on the wait is zero, a hot loop. Caught by `policy` (the far retries do not stay at the cap).

use std::time::Duration;

use reqwest::StatusCode;

use crate::support::{Config, Jitter};

/// `min(base × 2ⁿ⁻¹, cap)`, or nothing when the multiplier does not fit.
pub fn ceiling(config: &Config, retry: u32) -> Duration {
    let Some(exponent) = retry.checked_sub(1) else {
        return Duration::ZERO;
    };
    2_u32
        .checked_pow(exponent)
        .map_or(Duration::ZERO, |factor| config.base.saturating_mul(factor).min(config.cap))
}

/// Full jitter.
pub fn delay(config: &Config, retry: u32, draw: u64) -> Duration {
    let nanos = (ceiling(config, retry).as_nanos() * u128::from(draw)) >> 64;
    Duration::from_nanos(u64::try_from(nanos).unwrap_or(u64::MAX))
}

fn retryable(error: &reqwest::Error) -> bool {
    match error.status() {
        Some(status) => status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error(),
        None => true,
    }
}

/// Retries a 429, a 5xx or no answer.
pub async fn get(
    client: &reqwest::Client,
    url: &str,
    config: &Config,
    jitter: Jitter,
) -> Result<reqwest::Response, reqwest::Error> {
    let mut retries = 0;
    loop {
        let error = match client.get(url).send().await.and_then(reqwest::Response::error_for_status) {
            Ok(response) => return Ok(response),
            Err(error) => error,
        };
        if !retryable(&error) || retries == config.max_retries {
            return Err(error);
        }
        retries += 1;
        tokio::time::sleep(delay(config, retries, jitter.draw(retries))).await;
    }
}
