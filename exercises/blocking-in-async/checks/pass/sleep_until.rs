//! Right: a Tokio timer with an absolute deadline instead of a duration.

use crate::support::{Request, Response, answer};

/// Waits out the request's backoff, then answers it.
pub async fn handle(request: Request) -> Response {
    let deadline = tokio::time::Instant::now() + request.backoff;
    tokio::time::sleep_until(deadline).await;
    answer(request.key)
}
