//! A second fix, for a service that does not want to hold handles: a `TaskTracker` waits for
//! every job, and each job reports its own end, panics included.
//!
//! `TaskTracker` (tokio-util) counts its tasks instead of keeping their handles: `close()` then
//! `wait()` returns once every task it spawned has ended, which is what a clean shutdown needs.
//! It does not hand back outputs, so each job sends its outcome itself, and catches its own
//! panic to do so (`catch_unwind` around the job's future: the panic stops at the job instead
//! of unwinding the task). A tracker does not cancel anything either; a `CancellationToken`
//! raced against every job does, and the token's drop guard, held by `run`, cancels it when
//! a caller drops `run` half-way.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use futures_util::FutureExt;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::contract::{Job, Ledger, Outcome, Report, panic_message};

/// Spawns every job on a tracker, waits for them all, and reports what each sent.
pub async fn run(jobs: Vec<Job>, ledger: Arc<Ledger>) -> Report {
    let tracker = TaskTracker::new();
    let token = CancellationToken::new();
    // Dropped with `run` (returned or abandoned): cancels whatever is still running.
    let _cancel_on_drop = token.clone().drop_guard();
    // Room for every job's outcome: a send never waits.
    let (outcomes, mut sent) = mpsc::channel(jobs.len().max(1));
    for job in jobs {
        let (outcomes, token, ledger) = (outcomes.clone(), token.clone(), Arc::clone(&ledger));
        tracker.spawn(async move {
            // `AssertUnwindSafe`: after a panic nothing of the job is used but its message.
            let work = AssertUnwindSafe(job.run(&ledger)).catch_unwind();
            let Some(ended) = token.run_until_cancelled(work).await else {
                return; // `run` is gone; there is nobody to report to.
            };
            let outcome = match ended {
                Ok(result) => Outcome::returned(result),
                Err(payload) => Outcome::Panicked(panic_message(&*payload)),
            };
            let _ = outcomes.send((job.id, outcome)).await;
        });
    }
    tracker.close();
    tracker.wait().await;
    drop(outcomes);
    let mut report = Report::default();
    while let Ok((id, outcome)) = sent.try_recv() {
        report.record(id, outcome);
    }
    report
}
