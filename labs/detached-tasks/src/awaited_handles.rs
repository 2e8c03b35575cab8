//! Nearly a fix: every handle kept in a `Vec` and awaited in turn.
//!
//! Awaiting a `JoinHandle` gives the job's end, panics included, so the report is complete
//! and `run` returns only when every job has ended. What a `Vec<JoinHandle>` does not do is
//! own the tasks: a handle that is dropped detaches its task rather than aborting it. When a
//! caller gives up on `run` half-way, the `Vec` is dropped and every job still running goes
//! on without a supervisor, exactly as in the anti-pattern. (tokio-util's `AbortOnDropHandle`
//! in the `Vec` would fix that; a `JoinSet` does it for you.)

use std::sync::Arc;

use crate::contract::{Job, Ledger, Outcome, Report};

/// Spawns every job, keeps the handles, and awaits them one by one.
pub async fn run(jobs: Vec<Job>, ledger: Arc<Ledger>) -> Report {
    let handles: Vec<_> = jobs
        .into_iter()
        .map(|job| {
            let ledger = Arc::clone(&ledger);
            (job.id, tokio::spawn(async move { job.run(&ledger).await }))
        })
        .collect();
    let mut report = Report::default();
    for (id, handle) in handles {
        report.record(id, Outcome::joined(handle.await));
    }
    report
}
