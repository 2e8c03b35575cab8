//! A right fix in floating point: the curve as `base × 2ⁿ⁻¹` in `f64` seconds clamped to the cap (the exponent clamped first, so no infinity), full jitter from the draw as a fraction, and the reference loop.

use std::time::Duration;

use reqwest::StatusCode;

use crate::support::{Config, Jitter};

/// `min(base × 2ⁿ⁻¹, cap)` in `f64`.
pub fn ceiling(config: &Config, retry: u32) -> Duration {
    if retry == 0 {
        return Duration::ZERO;
    }
    // 2¹⁰⁰⁰ is still finite; past it every curve is at its cap anyway.
    let exponent = (retry - 1).min(1_000) as i32;
    let secs = config.base.as_secs_f64() * 2_f64.powi(exponent);
    if secs >= config.cap.as_secs_f64() {
        config.cap
    } else {
        Duration::from_secs_f64(secs)
    }
}

/// Full jitter, the draw as a fraction in `[0, 1)`.
pub fn delay(config: &Config, retry: u32, draw: u64) -> Duration {
    let fraction = (draw >> 11) as f64 / (1_u64 << 53) as f64;
    ceiling(config, retry).mul_f64(fraction)
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
