//! A retry policy and its loop. The service behind `url` sometimes answers 429 ("too many
//! requests") or 503, and the client should try again after a wait that doubles from
//! `config.base` up to `config.cap`, with jitter so that clients that failed together do not
//! come back together. This one's waits grow without bound (and overflow), and its loop never
//! retries a 429 at all. Run `cargo workshop` to see what the tests expect.

use std::time::Duration;

use crate::support::{Config, Jitter};

/// The most the policy may wait before retry `retry` (1 for the first retry; 0 is the first
/// attempt, which does not wait): the curve the jitter draws under.
pub fn ceiling(config: &Config, retry: u32) -> Duration {
    if retry == 0 {
        return Duration::ZERO;
    }
    let base_ms = config.base.as_millis() as u64;
    Duration::from_millis(base_ms * 2_u64.pow(retry))
}

/// The wait before retry `retry`, with `draw` a uniform random 64-bit number.
pub fn delay(config: &Config, retry: u32, _draw: u64) -> Duration {
    ceiling(config, retry)
}

/// GETs `url` until it succeeds or it is not worth trying again, waiting
/// `delay(config, n, jitter.draw(n))` before retry `n`; returns the last answer.
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
            Err(_) if retries < config.max_retries => {
                retries += 1;
                tokio::time::sleep(delay(config, retries, jitter.draw(retries))).await;
            }
            Err(error) => return Err(error),
        }
    }
}
