//! `(base × 2_u32.pow(n - 1)).min(cap)`: capped and doubling, but `2_u32.pow(32)` overflows at retry 33 (a panic in the tests' debug build) and `n - 1` underflows at 0. Caught by `policy` (a panic).

use std::time::Duration;

use reqwest::StatusCode;

use crate::support::{Config, Jitter};

/// `(base × 2ⁿ⁻¹).min(cap)`, the multiplier a `u32`.
pub fn ceiling(config: &Config, retry: u32) -> Duration {
    (config.base * 2_u32.pow(retry - 1)).min(config.cap)
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
