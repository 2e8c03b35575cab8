//! The contract every supervisor in this lab keeps: run a batch of [`Job`]s concurrently,
//! return a [`Report`] with the outcome of *every* job (its value, its error, or its panic),
//! and leave no job running once the supervisor is gone, whether it returned or its caller
//! dropped it half-way.
//!
//! Every variant is an `async fn(Vec<Job>, Arc<Ledger>) -> Report`, so the tests, the bench,
//! the demo and the probe run each of them the same way. A job is the lab's stand-in for a
//! background sync or an upload: it takes a while (Tokio's timer, exact under paused time),
//! then returns a value, returns an error, or panics, as its [`Kind`] says. [`Ledger`] is the
//! witness: it counts the jobs that started and the jobs that got to their end, whatever the
//! supervisor reports.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// How a job ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Returns `Ok(value)`.
    Succeed,
    /// Returns `Err(JobError)`: an upstream that refused, a row that did not parse.
    Fail,
    /// Panics: an `unwrap()` on a `None`, an index out of range.
    Panic,
}

/// One background job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Job {
    /// Its id, unique in a batch.
    pub id: usize,
    /// How it ends.
    pub kind: Kind,
    /// How long its work takes before it ends.
    pub takes: Duration,
}

/// The error a [`Kind::Fail`] job returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobError {
    /// The job that failed.
    pub job: usize,
}

impl fmt::Display for JobError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "job {} failed: the upstream refused it", self.job)
    }
}

impl std::error::Error for JobError {}

impl Job {
    /// The value a [`Kind::Succeed`] job returns: its id squared, so that a test can tell
    /// one job's value from another's.
    pub fn value(&self) -> u64 {
        (self.id as u64).pow(2)
    }

    /// The panic message of a [`Kind::Panic`] job.
    pub fn panic_message(&self) -> String {
        format!("job {} panicked: no row 99 in a 3-row page", self.id)
    }

    /// Does the job's work, then ends as its kind says. `ledger` counts the start and the
    /// end (an end is counted before the job returns or panics, so a panic is an end too).
    /// Cancel safe in the only sense a job needs: dropped half-way, it counts no end.
    pub async fn run(self, ledger: &Ledger) -> Result<u64, JobError> {
        ledger.started.fetch_add(1, Ordering::Relaxed);
        // A zero-length job (the bench's) does not touch the timer at all.
        if !self.takes.is_zero() {
            tokio::time::sleep(self.takes).await;
        }
        ledger.ended.fetch_add(1, Ordering::Relaxed);
        match self.kind {
            Kind::Succeed => Ok(self.value()),
            Kind::Fail => Err(JobError { job: self.id }),
            Kind::Panic => panic!("{}", self.panic_message()),
        }
    }

    /// The outcome a correct supervisor reports for this job.
    pub fn expected(&self) -> Outcome {
        match self.kind {
            Kind::Succeed => Outcome::Done(self.value()),
            Kind::Fail => Outcome::Failed(JobError { job: self.id }),
            Kind::Panic => Outcome::Panicked(self.panic_message()),
        }
    }
}

/// What became of one job, as a supervisor reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// It returned this value.
    Done(u64),
    /// It returned this error.
    Failed(JobError),
    /// It panicked with this message.
    Panicked(String),
    /// It was aborted before it ended.
    Aborted,
}

impl Outcome {
    /// The outcome of a task that a `JoinHandle` or a `JoinSet` handed back.
    pub fn joined(joined: Result<Result<u64, JobError>, tokio::task::JoinError>) -> Outcome {
        match joined {
            Ok(result) => Outcome::returned(result),
            Err(err) if err.is_panic() => Outcome::Panicked(panic_message(&*err.into_panic())),
            Err(_) => Outcome::Aborted,
        }
    }

    /// The outcome of a job that returned.
    pub fn returned(result: Result<u64, JobError>) -> Outcome {
        match result {
            Ok(value) => Outcome::Done(value),
            Err(err) => Outcome::Failed(err),
        }
    }
}

/// The message of a panic payload (`panic!` with a literal gives a `&str`, with arguments a
/// `String`).
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".into())
}

/// Every job's outcome, by job id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The outcomes the supervisor heard of.
    pub outcomes: BTreeMap<usize, Outcome>,
}

impl Report {
    /// Records the outcome of job `id`.
    pub fn record(&mut self, id: usize, outcome: Outcome) {
        self.outcomes.insert(id, outcome);
    }

    /// The jobs of `jobs` whose outcome is missing or wrong.
    pub fn wrong<'a>(&self, jobs: &'a [Job]) -> Vec<&'a Job> {
        jobs.iter()
            .filter(|job| self.outcomes.get(&job.id) != Some(&job.expected()))
            .collect()
    }
}

/// What the jobs did, counted by the jobs themselves.
#[derive(Debug, Default)]
pub struct Ledger {
    started: AtomicU64,
    ended: AtomicU64,
}

impl Ledger {
    /// A ledger with nothing counted.
    pub fn new() -> Ledger {
        Ledger::default()
    }

    /// Jobs that started.
    pub fn started(&self) -> u64 {
        self.started.load(Ordering::Relaxed)
    }

    /// Jobs that got to their end (returned, failed or panicked).
    pub fn ended(&self) -> u64 {
        self.ended.load(Ordering::Relaxed)
    }
}

/// A batch of `n` jobs: every sixth from the second on fails, every sixth from the fifth on
/// panics, the rest succeed; job `i` takes `(1 + 7i mod 5) × unit`, so lengths of one to five
/// units in a mixed order.
pub fn batch(n: usize, unit: Duration) -> Vec<Job> {
    (0..n)
        .map(|id| Job {
            id,
            kind: match id % 6 {
                1 => Kind::Fail,
                4 => Kind::Panic,
                _ => Kind::Succeed,
            },
            takes: unit * (1 + (7 * id as u32) % 5),
        })
        .collect()
}

/// The lab's usual batch: twelve jobs of 10 to 50 ms, two of which fail and two panic.
pub fn usual() -> Vec<Job> {
    batch(12, Duration::from_millis(10))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_usual_batch_mixes_kinds_and_lengths() {
        let jobs = usual();
        let count = |k| jobs.iter().filter(|j| j.kind == k).count();
        assert_eq!(
            (count(Kind::Succeed), count(Kind::Fail), count(Kind::Panic)),
            (8, 2, 2)
        );
        let lengths: Vec<u128> = jobs.iter().take(5).map(|j| j.takes.as_millis()).collect();
        assert_eq!(lengths, [10, 30, 50, 20, 40]);
    }

    #[test]
    fn a_report_names_the_jobs_it_got_wrong() {
        let jobs = usual();
        let mut report = Report::default();
        for job in &jobs[1..] {
            report.record(job.id, job.expected());
        }
        report.record(2, Outcome::Aborted);
        let wrong: Vec<usize> = report.wrong(&jobs).iter().map(|j| j.id).collect();
        assert_eq!(wrong, [0, 2]);
    }
}
