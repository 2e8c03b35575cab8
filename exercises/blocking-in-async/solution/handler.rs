//! Reference fix: wait on a Tokio timer instead of putting the worker thread to sleep.
//!
//! `tokio::time::sleep` registers a deadline and returns `Pending`, so the worker goes on
//! running the other tasks (the heartbeat among them) until the timer wakes this one. When the
//! blocking call has no async twin (a synchronous database driver, say), move it to
//! `tokio::task::spawn_blocking` instead; see `checks/pass/` for that and other answers.

use crate::support::{Request, Response, answer};

/// Waits out the request's backoff, then answers it.
pub async fn handle(request: Request) -> Response {
    tokio::time::sleep(request.backoff).await;
    answer(request.key)
}
