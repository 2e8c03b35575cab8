//! Wrong: a Tokio timer, but the backoff is capped at 100 ms ("nobody waits seconds"). The
//! short backoffs of `answers.rs` are honoured; a long one is cut short. Caught by
//! `polls.rs` and `concurrent_waits.rs`, whose requests must wait a second or two.

use std::time::Duration;

use crate::support::{Request, Response, answer};

const LONGEST: Duration = Duration::from_millis(100);

/// Waits out the request's backoff, at most `LONGEST`, then answers it.
pub async fn handle(request: Request) -> Response {
    tokio::time::sleep(request.backoff.min(LONGEST)).await;
    answer(request.key)
}
