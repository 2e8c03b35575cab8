//! A `for attempt in 0..max_retries` loop that ends in `unreachable!()`.
//!
//! A guide's `retry_with_backoff` runs its attempts in `for attempt in 0..max_retries`, retries
//! while `attempt < max_retries - 1`, returns the last error otherwise, and closes the function
//! with `unreachable!()`, since every path through the loop returns. Every path but one: with
//! `max_retries = 0` the loop never runs, and the call panics before it makes a single
//! attempt. With any other value it makes `max_retries` attempts, one retry short. The policy
//! is the reference one.

use tokio::time::sleep;

use crate::contract::{Backoff, Config, Jitter, Request, Sent, is_retryable};

/// Makes at most `config.max_retries` attempts, and panics when that is zero.
pub async fn call<R: Request>(
    policy: &dyn Backoff,
    config: &Config,
    jitter: Jitter,
    mut request: R,
) -> Sent {
    for attempt in 0..config.max_retries {
        match request()
            .await
            .and_then(reqwest::Response::error_for_status)
        {
            Ok(response) => return Ok(response),
            Err(error) if attempt < config.max_retries - 1 && is_retryable(&error) => {
                sleep(policy.delay(config, attempt + 1, jitter)).await;
            }
            Err(error) => return Err(error),
        }
    }
    unreachable!("every attempt returns or retries")
}
