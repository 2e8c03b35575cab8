//! CPU-bound work done in place, after telling the runtime with `block_in_place`.
//!
//! `block_in_place` is the one way to tell Tokio "this thread is about to block". The worker
//! hands its run queue (its "core") to a thread from the blocking pool, which carries on
//! running the other tasks, and then runs the closure right here. When the closure returns,
//! the thread becomes an ordinary worker again as soon as a core is free.
//!
//! It saves moving the data to another thread (the closure may borrow), and it is the only
//! fix that works from synchronous code deep inside a call stack. The limits:
//!
//! - It panics on a current-thread runtime, which has no other thread to hand the core to
//!   ([`Variant::runs_on`](crate::variants::Variant::runs_on)).
//! - It blocks the whole current *task*: anything this task was running concurrently
//!   (`join!`, `select!` branches) stops until the closure returns.
//! - Each call costs a hand-over of the core, and possibly a new thread.

use crate::contract::{HandlerError, Job};
use crate::work;

/// Computes `job.rounds` rounds on this thread after handing its tasks to another, then
/// answers. Panics on a current-thread runtime.
pub async fn handle(job: Job) -> Result<u64, HandlerError> {
    Ok(tokio::task::block_in_place(|| {
        work::crunch(job.key, job.rounds, &job.stop)
    }))
}
