//! The fix that is not: spawn the blocking work as a task and await it at once.
//!
//! "Blocking code belongs in its own task", so the pause moves into `tokio::spawn` and the
//! handler awaits the `JoinHandle`. The handler itself now yields, but the spawned task is a
//! task like any other: it runs on a worker of the same runtime and blocks that worker just as
//! before. On a current-thread runtime that is the only worker there is, so nothing changes at
//! all. On a multi-thread runtime the task usually lands on the very worker that spawned it
//! (Tokio runs a freshly spawned task next, from the worker's LIFO slot), and once as many
//! requests are in flight as there are workers, every worker sleeps.
//!
//! `tokio::spawn` is for concurrency, not for blocking: the blocking pool
//! ([`crate::fixed::spawn_blocking`]) exists because the workers must never block.

use crate::contract::{HandlerError, Job};
use crate::work;

/// Spawns a task that sleeps the thread, awaits it, then answers.
#[expect(
    clippy::disallowed_methods,
    reason = "the wrong fix still calls std::thread::sleep on a worker; clippy.toml's ban must fire"
)]
pub async fn handle(job: Job) -> Result<u64, HandlerError> {
    let pause = job.pause;
    // scan: expect(blocking-in-async)
    tokio::spawn(async move { std::thread::sleep(pause) }).await?;
    Ok(work::answer(job.key))
}
