//! CPU-bound work computed inline.
//!
//! The handler has a computation to do (a password hash, a large parse, a compression) and
//! simply does it inside the `async fn`. The thread is not asleep this time but busy, which
//! makes no difference to the other tasks on it: they wait until the computation ends.
//!
//! Nothing flags this. There is no clippy lint for a long loop in an `async fn`, and a
//! profiler shows a busy worker, which looks healthy. What shows it is the time each poll
//! takes (tokio-metrics' slow polls) and the lateness of everything else (our heartbeat). The
//! fixes move the computation to a thread that may block: [`crate::fixed::spawn_blocking`],
//! [`crate::fixed::block_in_place`] or, for work that splits well, rayon
//! ([`crate::fixed::rayon_oneshot`]).

use crate::contract::{HandlerError, Job};
use crate::work;

/// Computes `job.rounds` rounds on the worker thread, then answers.
pub async fn handle(job: Job) -> Result<u64, HandlerError> {
    Ok(work::crunch(job.key, job.rounds, &job.stop))
}
