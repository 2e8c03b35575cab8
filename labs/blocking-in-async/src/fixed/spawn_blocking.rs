//! CPU-bound work moved to Tokio's blocking pool with `spawn_blocking`.
//!
//! The blocking pool is a second set of threads owned by the runtime, separate from the
//! workers and allowed to block. `spawn_blocking` queues the closure there and returns a
//! `JoinHandle`; awaiting it returns `Pending`, so the worker goes back to its other tasks
//! while a pool thread does the work.
//!
//! What to know before using it for CPU work:
//!
//! - The pool grows on demand, one thread per concurrent call, up to `max_blocking_threads`
//!   (512 by default); idle threads exit after ten seconds. With more concurrent CPU jobs than
//!   cores, the jobs share the cores through the OS scheduler, and each one finishes later.
//!   For a steady stream of CPU work a pool sized to the cores (rayon, or a semaphore in front
//!   of `spawn_blocking`) keeps the thread count and the queueing under control.
//! - A started closure cannot be aborted; dropping the `JoinHandle` only detaches it. Long
//!   work should check a flag (here [`crate::contract::Stop`]).
//! - A panic in the closure does not take the process down: it comes back as a `JoinError`,
//!   which [`HandlerError`] turns into [`HandlerError::Panicked`].

use crate::contract::{HandlerError, Job};
use crate::work;

/// Computes `job.rounds` rounds on a blocking-pool thread, then answers.
pub async fn handle(job: Job) -> Result<u64, HandlerError> {
    let answer =
        tokio::task::spawn_blocking(move || work::crunch(job.key, job.rounds, &job.stop)).await?;
    Ok(answer)
}
