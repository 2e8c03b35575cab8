//! The reference fix: the jobs go into a `JoinSet`, and `run` joins every one of them.
//!
//! A `JoinSet` keeps the handle of every task spawned into it, and `join_next` hands back
//! each task's end as it happens: `Ok(value)`, `Ok(Err(error))` for a job that failed, and
//! `Err(JoinError)` for one that panicked (`is_panic()`, with the payload inside). So every
//! job's outcome reaches the report, whatever it was. The set also owns its tasks: dropping
//! it aborts every task still in it, so a caller that gives up on `run` stops the jobs too,
//! and nothing outlives the supervisor.

use std::collections::HashMap;
use std::sync::Arc;

use tokio::task::JoinSet;

use crate::contract::{Job, Ledger, Outcome, Report};

/// Spawns every job into a `JoinSet` and reports the end of each.
pub async fn run(jobs: Vec<Job>, ledger: Arc<Ledger>) -> Report {
    let mut set = JoinSet::new();
    // A panicked task has no return value to carry the job's id; its `JoinError` carries the
    // task's id, so keep the way back from one to the other.
    let mut job_of = HashMap::with_capacity(jobs.len());
    for job in jobs {
        let ledger = Arc::clone(&ledger);
        let task = set.spawn(async move { job.run(&ledger).await });
        job_of.insert(task.id(), job.id);
    }
    let mut report = Report::default();
    while let Some(joined) = set.join_next_with_id().await {
        let (task, outcome) = match joined {
            Ok((task, result)) => (task, Outcome::returned(result)),
            Err(err) => (err.id(), Outcome::joined(Err(err))),
        };
        report.record(job_of[&task], outcome);
    }
    report
}
