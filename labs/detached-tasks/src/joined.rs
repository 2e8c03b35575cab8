//! The "failure isolation" a guide builds with `join!`: every job a future of the same task,
//! joined, each result matched.
//!
//! `tokio::join!` (and `join_all`, its form for a list) runs its futures concurrently *inside
//! the task that awaits it*, and a `Result` per branch does isolate errors: a job that fails
//! is one `Err` among the results. A panic is not a value, though. It unwinds out of the
//! branch's `poll`, through `join!`'s, through `run`'s, and ends the whole call: no report,
//! the other jobs' results gone with it (they are dropped half-way), and the caller's own
//! task panicked. Isolation needs a boundary a panic stops at: a task of its own (a spawn,
//! awaited through its handle) or a `catch_unwind`.

use std::sync::Arc;

use futures_util::future::join_all;

use crate::contract::{Job, Ledger, Outcome, Report};

/// Runs every job as a branch of one `join_all`, and reports each result.
pub async fn run(jobs: Vec<Job>, ledger: Arc<Ledger>) -> Report {
    let branches = jobs.into_iter().map(|job| {
        let ledger = &ledger;
        async move { (job.id, job.run(ledger).await) }
    });
    let mut report = Report::default();
    for (id, result) in join_all(branches).await {
        report.record(id, Outcome::returned(result));
    }
    report
}
