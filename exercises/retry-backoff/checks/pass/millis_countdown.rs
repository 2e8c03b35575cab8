//! A right fix shaped otherwise again: the curve in whole milliseconds (`u64`, a shift checked
//! for its width, a saturating multiply, then the cap), full jitter as a remainder in
//! milliseconds, and a loop that counts the retries left down to zero.

use std::time::Duration;

use reqwest::StatusCode;

use crate::support::{Config, Jitter};

/// `min(base × 2ⁿ⁻¹, cap)` in milliseconds.
pub fn ceiling(config: &Config, retry: u32) -> Duration {
    if retry == 0 {
        return Duration::ZERO;
    }
    let base = u64::try_from(config.base.as_millis()).unwrap_or(u64::MAX);
    let cap = u64::try_from(config.cap.as_millis()).unwrap_or(u64::MAX);
    // A shift of 64 or more does not fit: saturate, the cap takes it from there.
    let factor = 1_u64.checked_shl(retry - 1).unwrap_or(u64::MAX);
    Duration::from_millis(base.saturating_mul(factor).min(cap))
}

/// Full jitter to the millisecond: `draw % (curve + 1)` ms.
pub fn delay(config: &Config, retry: u32, draw: u64) -> Duration {
    let curve = u64::try_from(ceiling(config, retry).as_millis()).unwrap_or(u64::MAX);
    Duration::from_millis(draw % curve.saturating_add(1))
}

/// Retries while any are left; a status decides whether to.
pub async fn get(
    client: &reqwest::Client,
    url: &str,
    config: &Config,
    jitter: Jitter,
) -> Result<reqwest::Response, reqwest::Error> {
    let mut left = config.max_retries;
    loop {
        let sent = client.get(url).send().await;
        let again = match &sent {
            Ok(response) => {
                response.status() == StatusCode::TOO_MANY_REQUESTS
                    || response.status().is_server_error()
            }
            Err(error) => error.is_connect() || error.is_timeout(),
        };
        if !again || left == 0 {
            return sent.and_then(reqwest::Response::error_for_status);
        }
        left -= 1;
        let retry = config.max_retries - left;
        tokio::time::sleep(delay(config, retry, jitter.draw(retry))).await;
    }
}
