//! The anti-pattern: every job is `tokio::spawn`ed and its `JoinHandle` dropped on the spot;
//! the jobs send their results back on a channel, and the report is whatever arrives.
//!
//! It is the shape many guides teach for background work (spawn a task per job, `?` inside
//! it, a channel for the results) and it reads as complete: `run` even waits, for the channel
//! to close, which it does once every job's sender is gone. But the handle was the only thing
//! that would have carried a job's *end* back: a job whose `?` fires returns its `Err` into a
//! task output nobody reads, and a job that panics unwinds its task, whose `JoinError` nobody
//! reads either (the panic hook prints a line on stderr, and that is all). Both simply send
//! nothing, and the report comes back shorter, with no error in sight. And a dropped handle
//! does not cancel its task: when the caller gives up on `run` (a timeout, a `select!` that
//! went the other way), every job goes on running, unowned, with nobody to hear of it.

use std::sync::Arc;

use tokio::sync::mpsc;

use crate::contract::{Job, JobError, Ledger, Outcome, Report};

/// Spawns every job, detached, and reports what the jobs send back.
pub async fn run(jobs: Vec<Job>, ledger: Arc<Ledger>) -> Report {
    // Room for every job's result: a send never waits.
    let (results, mut arrived) = mpsc::channel(jobs.len().max(1));
    for job in jobs {
        let results = results.clone();
        let ledger = Arc::clone(&ledger);
        // The handle is dropped at the `;`: the task's `Err` and its panic go nowhere.
        // scan: expect(detached-tasks)
        tokio::spawn(async move {
            let value = job.run(&ledger).await?;
            // A send fails only when `run` is gone; nobody would hear of that either.
            let _ = results.send((job.id, value)).await;
            Ok::<(), JobError>(())
        });
    }
    // The channel closes when the last job's sender is dropped: every job has ended.
    drop(results);
    let mut report = Report::default();
    while let Some((id, value)) = arrived.recv().await {
        report.record(id, Outcome::Done(value));
    }
    report
}
