//! The right policy, `error_for_status()`, and a retry on every error: a 404 is tried `max_retries + 1` times. Caught by `loopback` (the 404).

use std::time::Duration;

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

/// Retries whatever went wrong.
pub async fn get(
    client: &reqwest::Client,
    url: &str,
    config: &Config,
    jitter: Jitter,
) -> Result<reqwest::Response, reqwest::Error> {
    let mut retries = 0;
    loop {
        match client.get(url).send().await.and_then(reqwest::Response::error_for_status) {
            Ok(response) => return Ok(response),
            Err(error) if retries == config.max_retries => return Err(error),
            Err(_) => {
                retries += 1;
                tokio::time::sleep(delay(config, retries, jitter.draw(retries))).await;
            }
        }
    }
}
