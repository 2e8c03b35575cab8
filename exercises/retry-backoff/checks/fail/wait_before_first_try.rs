//! The right policy, and a loop that sleeps before every attempt, the first included, with the wait of the retry to come shifted by one: each wait is the next retry's. Caught by `loopback` (the time the waits took).

use std::time::Duration;

use reqwest::StatusCode;

use crate::support::{Config, Jitter};

/// `min(base × 2ⁿ⁻¹, cap)`.
pub fn ceiling(config: &Config, retry: u32) -> Duration {
    let Some(exponent) = retry.checked_sub(1) else {
        return Duration::ZERO;
    };
    2_u32
        .checked_pow(exponent)
        .and_then(|factor| config.base.checked_mul(factor))
        .map_or(config.cap, |delay| delay.min(config.cap))
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

/// Sleeps, then tries.
pub async fn get(
    client: &reqwest::Client,
    url: &str,
    config: &Config,
    jitter: Jitter,
) -> Result<reqwest::Response, reqwest::Error> {
    let mut retries = 0;
    loop {
        tokio::time::sleep(delay(config, retries + 1, jitter.draw(retries + 1))).await;
        let error = match client.get(url).send().await.and_then(reqwest::Response::error_for_status) {
            Ok(response) => return Ok(response),
            Err(error) => error,
        };
        if !retryable(&error) || retries == config.max_retries {
            return Err(error);
        }
        retries += 1;
    }
}
