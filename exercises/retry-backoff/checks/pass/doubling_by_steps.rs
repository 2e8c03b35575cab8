//! A right fix shaped otherwise: the curve by repeated doubling with a cap at every step (no power at all), equal jitter (half the curve fixed, half drawn), and a loop that matches on the status instead of `error_for_status()`.

use std::time::Duration;

use reqwest::StatusCode;

use crate::support::{Config, Jitter};

/// Doubles from the base, one retry at a time, never past the cap.
pub fn ceiling(config: &Config, retry: u32) -> Duration {
    if retry == 0 {
        return Duration::ZERO;
    }
    let mut curve = config.base.min(config.cap);
    for _ in 1..retry {
        if curve == config.cap {
            break;
        }
        curve = curve.saturating_mul(2).min(config.cap);
    }
    curve
}

/// Equal jitter: half the curve, plus up to the other half.
pub fn delay(config: &Config, retry: u32, draw: u64) -> Duration {
    let curve = ceiling(config, retry).as_nanos();
    let half = curve / 2;
    let drawn = ((curve - half) * u128::from(draw)) >> 64;
    Duration::from_nanos(u64::try_from(half + drawn).unwrap_or(u64::MAX))
}

/// Retries 429 and 5xx answers and failed sends.
pub async fn get(
    client: &reqwest::Client,
    url: &str,
    config: &Config,
    jitter: Jitter,
) -> Result<reqwest::Response, reqwest::Error> {
    for retry in 0..=config.max_retries {
        if retry > 0 {
            tokio::time::sleep(delay(config, retry, jitter.draw(retry))).await;
        }
        let last = retry == config.max_retries;
        match client.get(url).send().await {
            Ok(response) => {
                let status = response.status();
                let again = status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error();
                if !again || last {
                    return response.error_for_status();
                }
            }
            Err(error) if last => return Err(error),
            Err(_) => {}
        }
    }
    unreachable!("the last retry returns")
}
