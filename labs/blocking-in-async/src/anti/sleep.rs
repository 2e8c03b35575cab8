//! A pause taken with `std::thread::sleep`.
//!
//! The handler has to wait before it answers: a backoff before a retry, a rate limit. The
//! standard library's sleep does exactly that, to the whole thread. The thread is a Tokio
//! worker, so every task queued on it waits out the same pause, and on a current-thread
//! runtime that is every task.
//!
//! This is the one blocking call a linter can catch by name: the workspace's `clippy.toml`
//! bans `std::thread::sleep`, and the `#[expect]` below proves the ban fires. The fix,
//! [`crate::fixed::sleep`], awaits a Tokio timer instead.

use crate::contract::{HandlerError, Job};
use crate::work;

/// Pauses for `job.pause` by sleeping the thread, then answers.
#[expect(
    clippy::disallowed_methods,
    reason = "the anti-pattern itself: clippy.toml's ban on std::thread::sleep must fire here"
)]
pub async fn handle(job: Job) -> Result<u64, HandlerError> {
    // scan: expect(blocking-in-async)
    std::thread::sleep(job.pause);
    Ok(work::answer(job.key))
}
