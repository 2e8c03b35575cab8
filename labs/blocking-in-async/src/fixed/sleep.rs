//! A pause taken with `tokio::time::sleep`.
//!
//! Tokio's sleep is a timer registration, not a thread sleep: the first poll registers a
//! deadline with the runtime's timer wheel and returns `Pending`, the worker goes on with its
//! other tasks, and the timer wakes this task when the deadline passes. A thousand requests
//! can pause at once on one thread.
//!
//! Two things to know. The timer wheel ticks in milliseconds, so the pause is rounded up to
//! the next millisecond (a 100 µs sleep lasts about a millisecond). And the waking happens
//! only when a worker gets round to the timer, so a runtime blocked by someone else's
//! anti-pattern delays this sleep too: the fix keeps its own handler from blocking, it cannot
//! protect the handler from its neighbours.

use crate::contract::{HandlerError, Job};
use crate::work;

/// Pauses for `job.pause` on a Tokio timer, then answers.
pub async fn handle(job: Job) -> Result<u64, HandlerError> {
    tokio::time::sleep(job.pause).await;
    Ok(work::answer(job.key))
}
