//! A rayon parallel iterator run inline.
//!
//! Rayon looks like the cure for CPU-bound work: the computation runs on rayon's own pool,
//! not on the Tokio worker. But a parallel iterator called from a thread outside that pool
//! does not return until the pool has finished; the calling thread parks on a latch in the
//! meantime. The Tokio worker is the calling thread, so it is frozen exactly as long as if it
//! had done the work itself (shorter only by the pool's parallelism), and its tasks wait.
//!
//! The fix, [`crate::fixed::rayon_oneshot`], hands the iterator to the pool with
//! `rayon::spawn` and awaits the answer on a oneshot channel, so the worker is free at once.

use crate::contract::{HandlerError, Job};
use crate::work;

/// Runs the parallel computation and waits for it on the worker thread, then answers.
pub async fn handle(job: Job) -> Result<u64, HandlerError> {
    Ok(work::crunch_parallel(&job))
}
