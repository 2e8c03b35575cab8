//! The reference fix: a capped exponential curve in checked arithmetic, full jitter under it,
//! and a loop that reads the status and retries only what may succeed next time.

use std::time::Duration;

use reqwest::StatusCode;

use crate::support::{Config, Jitter};

/// `min(base × 2ⁿ⁻¹, cap)`; a multiplier that does not fit is past the cap.
pub fn ceiling(config: &Config, retry: u32) -> Duration {
    let Some(exponent) = retry.checked_sub(1) else {
        return Duration::ZERO;
    };
    2_u32
        .checked_pow(exponent)
        .and_then(|factor| config.base.checked_mul(factor))
        .map_or(config.cap, |delay| delay.min(config.cap))
}

/// Full jitter: uniform in `[0, ceiling]`.
pub fn delay(config: &Config, retry: u32, draw: u64) -> Duration {
    let ceiling = ceiling(config, retry).as_nanos();
    // `ceiling × draw / 2⁶⁴`; the ceiling is at most the cap, far below 2⁶⁴ ns here.
    let nanos = (ceiling * u128::from(draw)) >> 64;
    Duration::from_nanos(u64::try_from(nanos).unwrap_or(u64::MAX))
}

/// Whether another try may get a different answer: none at all, a 429 or a 5xx.
fn retryable(error: &reqwest::Error) -> bool {
    match error.status() {
        Some(status) => status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error(),
        None => error.is_connect() || error.is_timeout() || error.is_request(),
    }
}

/// Retries a 429, a 5xx or no answer, `config.max_retries` times at most.
pub async fn get(
    client: &reqwest::Client,
    url: &str,
    config: &Config,
    jitter: Jitter,
) -> Result<reqwest::Response, reqwest::Error> {
    let mut retries = 0;
    loop {
        // `send()` returns a 429 as `Ok`: the status has to be read.
        let sent = client.get(url).send().await;
        let error = match sent.and_then(reqwest::Response::error_for_status) {
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
