//! A loop that counts the first attempt as a retry: `max_retries = 3` retries twice.
//!
//! A guide's job worker increments the job's retry count when an attempt fails and retries
//! while `retry_count < max_retries`; after the third failure the count is 3, so the job is
//! failed "after 3 retries" having been retried twice. Any bound written as "attempts so far
//! `<` max" or "`>=` max after the increment" has the same fault. The policy here is the
//! reference one; only the count is wrong.

use tokio::time::sleep;

use crate::contract::{Backoff, Config, Jitter, Request, Sent, is_retryable};

/// Retries while the failures so far are fewer than `config.max_retries`.
pub async fn call<R: Request>(
    policy: &dyn Backoff,
    config: &Config,
    jitter: Jitter,
    mut request: R,
) -> Sent {
    let mut retry_count = 0;
    loop {
        let error = match request()
            .await
            .and_then(reqwest::Response::error_for_status)
        {
            Ok(response) => return Ok(response),
            Err(error) => error,
        };
        retry_count += 1;
        // The failure just counted is the attempt, not a retry: one retry short.
        if !is_retryable(&error) || retry_count >= config.max_retries {
            return Err(error);
        }
        sleep(policy.delay(config, retry_count, jitter)).await;
    }
}
