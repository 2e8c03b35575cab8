//! A loop that retries only when `send()` fails: a 429 or a 503 is an `Ok`, returned at once.
//!
//! A guide's `fetch_with_retry` matches `Err(e) if is_retryable(&e)` and lists a status 429
//! and 5xx among the retryable errors, around a request that is `client.get(url).send()`. But
//! `send()` fails only when no response came back; a response with any status, 429 and 503
//! included, is an `Ok(Response)`. So the rate-limit branch never runs: the loop hands the 429
//! to the caller after one attempt, and only connection errors are retried. The fix is
//! `error_for_status()` on the response (or a match on `response.status()`) before deciding.
//! Everything else here is the reference loop.

use tokio::time::{Instant, sleep};

use crate::contract::{Backoff, Config, Jitter, Request, Sent, is_retryable};

/// Retries the errors of `send()`, and returns every response, whatever its status.
pub async fn call<R: Request>(
    policy: &dyn Backoff,
    config: &Config,
    jitter: Jitter,
    mut request: R,
) -> Sent {
    let started = Instant::now();
    let mut retries = 0;
    loop {
        let error = match request().await {
            // A 429 lands here: an answer, so not an error.
            Ok(response) => return Ok(response),
            Err(error) => error,
        };
        if !is_retryable(&error) || retries == config.max_retries {
            return Err(error);
        }
        retries += 1;
        let delay = policy.delay(config, retries, jitter);
        if let Some(deadline) = config.deadline
            && started.elapsed().saturating_add(delay) > deadline
        {
            return Err(error);
        }
        sleep(delay).await;
    }
}
