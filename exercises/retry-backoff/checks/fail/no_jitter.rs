//! The right curve and no jitter: every client that failed together retries together. Caught by `policy` (two draws, the same waits).

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

/// The curve itself.
pub fn delay(config: &Config, retry: u32, _draw: u64) -> Duration {
    ceiling(config, retry)
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
