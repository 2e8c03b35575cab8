//! The harness every test, the probe and the demo drive a supervisor with: run it on a batch
//! and judge its report, or abandon it half-way and count the jobs that ran on.
//!
//! Under paused time ([`paused_runtime`]) every instant is exact and a batch costs
//! microseconds, so each run is the same on every machine.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use tokio::runtime::{Builder, Runtime};

use crate::contract::{Job, Ledger, Report, panic_message};

/// How a supervisor's `run` ended on a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Supervised {
    /// Its report, or the message of the panic that ended `run` itself.
    pub result: Result<Report, String>,
    /// Jobs that ended after `run` had returned (or panicked): jobs it left running.
    pub ended_after_return: u64,
}

impl Supervised {
    /// The ids of the jobs whose outcome is missing or wrong (all of them if `run` panicked).
    pub fn wrong(&self, jobs: &[Job]) -> Vec<usize> {
        match &self.result {
            Ok(report) => report.wrong(jobs).iter().map(|job| job.id).collect(),
            Err(_) => jobs.iter().map(|job| job.id).collect(),
        }
    }

    /// Whether the report has every job's right outcome and no job outlived `run`.
    pub fn is_complete(&self, jobs: &[Job]) -> bool {
        self.wrong(jobs).is_empty() && self.ended_after_return == 0
    }
}

/// What became of the jobs when the caller dropped `run` half-way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Abandoned {
    /// Jobs that had ended when `run` was dropped.
    pub ended_before: u64,
    /// Jobs that ended afterwards: they ran on with nobody to report to.
    pub ended_after: u64,
}

/// A current-thread runtime on paused time.
pub fn paused_runtime() -> Runtime {
    Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .expect("a paused current-thread runtime")
}

/// The longest job of `jobs`, and a millisecond (Tokio's timer resolution) to spare.
fn longest(jobs: &[Job]) -> Duration {
    jobs.iter().map(|job| job.takes).max().unwrap_or_default() + Duration::from_millis(1)
}

/// Runs `run` on `jobs` in a task of its own (so that a panic of `run` is caught as an
/// outcome) and judges what it returned. Call inside a runtime with time enabled.
pub async fn supervise<F, Fut>(jobs: &[Job], run: F) -> Supervised
where
    F: FnOnce(Vec<Job>, Arc<Ledger>) -> Fut,
    Fut: Future<Output = Report> + Send + 'static,
{
    let ledger = Arc::new(Ledger::new());
    let task = tokio::spawn(run(jobs.to_vec(), Arc::clone(&ledger)));
    let joined = task.await;
    // Read the moment `run` ends: a process would exit right there.
    let ended = ledger.ended();
    tokio::time::sleep(longest(jobs)).await;
    let ended_after_return = ledger.ended() - ended;
    let result = match joined {
        Ok(report) => Ok(report),
        Err(err) if err.is_panic() => Err(panic_message(&*err.into_panic())),
        Err(err) => Err(err.to_string()),
    };
    Supervised {
        result,
        ended_after_return,
    }
}

/// Starts `run` on `jobs`, drops it `at` into the batch (as a caller's timeout would), and
/// waits long enough for any job to end. Call inside a runtime with time enabled; pick `at`
/// apart from the instants the jobs end, so that "before" and "after" are not a tie.
pub async fn abandon<F, Fut>(jobs: &[Job], at: Duration, run: F) -> Abandoned
where
    F: FnOnce(Vec<Job>, Arc<Ledger>) -> Fut,
    Fut: Future<Output = Report> + Send + 'static,
{
    let ledger = Arc::new(Ledger::new());
    let service = tokio::spawn(run(jobs.to_vec(), Arc::clone(&ledger)));
    tokio::time::sleep(at).await;
    service.abort();
    // The abort takes effect when the task is next polled: wait for it to be dropped.
    let _ = service.await;
    let ended_before = ledger.ended();
    tokio::time::sleep(longest(jobs)).await;
    Abandoned {
        ended_before,
        ended_after: ledger.ended() - ended_before,
    }
}
