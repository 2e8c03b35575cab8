//! Wrong: never sleeps the thread; spins instead, yielding until the deadline has passed.
//! Every other task gets turns, and the workers are never idle: a request is polled tens of
//! thousands of times while it waits. Caught by `polls.rs`.

use std::time::Instant;

use crate::support::{Request, Response, answer};

/// Waits out the request's backoff, then answers it.
pub async fn handle(request: Request) -> Response {
    let deadline = Instant::now() + request.backoff;
    while Instant::now() < deadline {
        tokio::task::yield_now().await;
    }
    answer(request.key)
}
