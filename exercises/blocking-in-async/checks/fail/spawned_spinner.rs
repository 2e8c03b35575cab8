//! Wrong: the spinning moved into a task of its own, which the handler awaits. The handler's
//! own task is polled twice, but the spawned one spins on a worker for the whole backoff.
//! Caught by `polls.rs`, which counts every poll on every worker, spawned tasks included.

use std::time::Instant;

use crate::support::{Request, Response, answer};

/// Waits out the request's backoff, then answers it.
pub async fn handle(request: Request) -> Response {
    let deadline = Instant::now() + request.backoff;
    tokio::spawn(async move {
        while Instant::now() < deadline {
            tokio::task::yield_now().await;
        }
    })
    .await
    .expect("the spinner does not panic");
    answer(request.key)
}
