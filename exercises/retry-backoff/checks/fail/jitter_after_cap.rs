//! The cap applied to the curve, then up to half of it added as jitter: the wait passes the curve and the cap by half. Caught by `policy`.

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

/// The curve plus up to half of it.
pub fn delay(config: &Config, retry: u32, draw: u64) -> Duration {
    let curve = ceiling(config, retry);
    let half = (curve.as_nanos() / 2 * u128::from(draw)) >> 64;
    curve + Duration::from_nanos(u64::try_from(half).unwrap_or(u64::MAX))
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
