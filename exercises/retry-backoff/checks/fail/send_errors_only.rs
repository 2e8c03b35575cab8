//! The right policy in a loop that retries only when `send()` fails: a 429 is an `Ok(Response)`, handed back after one attempt. Caught by `loopback`.

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

/// Retries `send()`'s errors.
pub async fn get(
    client: &reqwest::Client,
    url: &str,
    config: &Config,
    jitter: Jitter,
) -> Result<reqwest::Response, reqwest::Error> {
    let mut retries = 0;
    loop {
        match client.get(url).send().await {
            Ok(response) => return Ok(response),
            Err(error) if retryable(&error) && retries < config.max_retries => {
                retries += 1;
                tokio::time::sleep(delay(config, retries, jitter.draw(retries))).await;
            }
            Err(error) => return Err(error),
        }
    }
}
