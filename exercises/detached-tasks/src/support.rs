//! What the service works with, and the harness the tests drive it with. You do not need to
//! edit this file.
//!
//! A [`Job`] takes a while (Tokio's timer, exact under paused time), then returns a value,
//! returns a [`JobError`], or panics, as its [`Kind`] says; the [`Ledger`] counts the jobs
//! that started and ended, whatever your report says. The store is an actor: a task that owns
//! a [`Shelf`] (write-once values: a second `put` of a key is [`Rejected`]) and serves
//! [`Command`]s from a channel; callers hold a [`Store`]. The harness runs your `run_jobs` on
//! a batch ([`supervise`]) or drops it half-way ([`abandon`]), on a paused runtime.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::sync::{mpsc, oneshot};

/// How a job ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Returns `Ok(value)`.
    Succeed,
    /// Returns `Err(JobError)`.
    Fail,
    /// Panics.
    Panic,
}

/// One background job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Job {
    /// Its id, unique in a batch.
    pub id: usize,
    /// How it ends.
    pub kind: Kind,
    /// How long it works before it ends.
    pub takes: Duration,
}

/// The error a failing job returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobError {
    /// The job that failed.
    pub job: usize,
}

impl fmt::Display for JobError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "job {} failed", self.job)
    }
}

impl std::error::Error for JobError {}

impl Job {
    /// Works for `self.takes`, then ends as its kind says.
    pub async fn run(self, ledger: &Ledger) -> Result<u64, JobError> {
        ledger.started.fetch_add(1, Ordering::Relaxed);
        tokio::time::sleep(self.takes).await;
        ledger.ended.fetch_add(1, Ordering::Relaxed);
        match self.kind {
            Kind::Succeed => Ok(self.id as u64 * 10),
            Kind::Fail => Err(JobError { job: self.id }),
            Kind::Panic => panic!("job {} panicked", self.id),
        }
    }

    /// The outcome a correct report holds for this job.
    pub fn expected(&self) -> Outcome {
        match self.kind {
            Kind::Succeed => Outcome::Done(self.id as u64 * 10),
            Kind::Fail => Outcome::Failed(JobError { job: self.id }),
            Kind::Panic => Outcome::Panicked(format!("job {} panicked", self.id)),
        }
    }
}

/// What became of one job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// It returned this value.
    Done(u64),
    /// It returned this error.
    Failed(JobError),
    /// It panicked with this message (see [`panic_message`]).
    Panicked(String),
}

/// The message of a panic payload, as a `JoinError::into_panic()` or a `catch_unwind` gives it.
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
    /// The outcomes, by job id.
    pub outcomes: BTreeMap<usize, Outcome>,
}

impl Report {
    /// Records the outcome of job `id`.
    pub fn record(&mut self, id: usize, outcome: Outcome) {
        self.outcomes.insert(id, outcome);
    }
}

/// What the jobs did, counted by the jobs themselves.
#[derive(Debug, Default)]
pub struct Ledger {
    started: AtomicU64,
    ended: AtomicU64,
}

impl Ledger {
    /// Jobs that got to their end.
    pub fn ended(&self) -> u64 {
        self.ended.load(Ordering::Relaxed)
    }
}

/// A value the shelf refused: the key has one already.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// The key.
    pub key: String,
}

/// The actor's state: values that can each be written once.
#[derive(Debug, Default)]
pub struct Shelf {
    values: HashMap<String, u64>,
}

impl Shelf {
    /// Writes `value` under `key`, unless `key` has a value already.
    pub fn put(&mut self, key: String, value: u64) -> Result<(), Rejected> {
        if self.values.contains_key(&key) {
            return Err(Rejected { key });
        }
        self.values.insert(key, value);
        Ok(())
    }

    /// The value under `key`.
    pub fn get(&self, key: &str) -> Option<u64> {
        self.values.get(key).copied()
    }
}

/// A request to the store actor, with the sender of its reply.
#[derive(Debug)]
pub enum Command {
    /// `Shelf::put`.
    Put {
        /// The key.
        key: String,
        /// Its value.
        value: u64,
        /// Where the answer goes.
        reply: oneshot::Sender<Result<(), Rejected>>,
    },
    /// `Shelf::get`.
    Get {
        /// The key.
        key: String,
        /// Where the value goes.
        reply: oneshot::Sender<Option<u64>>,
    },
}

/// Why a request to the store did not succeed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The shelf refused it.
    Rejected(Rejected),
    /// The actor dropped the request or its reply: it is gone, or never answered.
    Gone,
}

/// The callers' handle on the store actor.
#[derive(Debug, Clone)]
pub struct Store {
    commands: mpsc::Sender<Command>,
}

impl Store {
    /// A handle that sends its requests on `commands`.
    pub fn new(commands: mpsc::Sender<Command>) -> Store {
        Store { commands }
    }

    /// Writes `value` under `key`.
    pub async fn put(&self, key: &str, value: u64) -> Result<(), StoreError> {
        let (reply, answer) = oneshot::channel();
        let command = Command::Put {
            key: key.to_owned(),
            value,
            reply,
        };
        self.commands
            .send(command)
            .await
            .map_err(|_| StoreError::Gone)?;
        answer
            .await
            .map_err(|_| StoreError::Gone)?
            .map_err(StoreError::Rejected)
    }

    /// The value under `key`.
    pub async fn get(&self, key: &str) -> Result<Option<u64>, StoreError> {
        let (reply, answer) = oneshot::channel();
        let command = Command::Get {
            key: key.to_owned(),
            reply,
        };
        self.commands
            .send(command)
            .await
            .map_err(|_| StoreError::Gone)?;
        answer.await.map_err(|_| StoreError::Gone)
    }
}

/// How `run_jobs` ended on a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Supervised {
    /// It returned this report; this many jobs ended after it had returned.
    Returned {
        /// The report.
        report: Report,
        /// Jobs that ended after `run_jobs` returned: it left them running.
        ended_after: u64,
    },
    /// It panicked, with this message.
    Panicked(String),
    /// It had not returned ten (virtual) seconds after the batch started.
    Hung,
}

/// What became of the jobs when the caller dropped `run_jobs` half-way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Abandoned {
    /// Jobs that ended after `run_jobs` was dropped.
    pub ended_after: u64,
}

/// Longer than any batch of the tests: past it, `run_jobs` is hung.
const HANG: Duration = Duration::from_secs(10);

fn paused() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .expect("a paused current-thread runtime")
}

fn longest(jobs: &[Job]) -> Duration {
    jobs.iter().map(|j| j.takes).max().unwrap_or_default() + Duration::from_millis(1)
}

/// Runs `run` on `jobs` on a paused runtime, in a task of its own, and says how it ended.
pub fn supervise<F, Fut>(jobs: &[Job], run: F) -> Supervised
where
    F: FnOnce(Vec<Job>, Arc<Ledger>) -> Fut,
    Fut: Future<Output = Report> + Send + 'static,
{
    paused().block_on(async {
        let ledger = Arc::new(Ledger::default());
        let task = tokio::spawn(run(jobs.to_vec(), Arc::clone(&ledger)));
        let joined = match tokio::time::timeout(HANG, task).await {
            Ok(joined) => joined,
            Err(_) => return Supervised::Hung,
        };
        let ended = ledger.ended();
        tokio::time::sleep(longest(jobs)).await;
        match joined {
            Ok(report) => Supervised::Returned {
                report,
                ended_after: ledger.ended() - ended,
            },
            Err(err) if err.is_panic() => Supervised::Panicked(panic_message(&*err.into_panic())),
            Err(err) => Supervised::Panicked(err.to_string()),
        }
    })
}

/// Starts `run` on `jobs` on a paused runtime, drops it `at` into the batch, as a caller's
/// timeout would, and counts the jobs that ended afterwards.
pub fn abandon<F, Fut>(jobs: &[Job], at: Duration, run: F) -> Abandoned
where
    F: FnOnce(Vec<Job>, Arc<Ledger>) -> Fut,
    Fut: Future<Output = Report> + Send + 'static,
{
    paused().block_on(async {
        let ledger = Arc::new(Ledger::default());
        let task = tokio::spawn(run(jobs.to_vec(), Arc::clone(&ledger)));
        tokio::time::sleep(at).await;
        task.abort();
        let _ = task.await;
        let ended = ledger.ended();
        tokio::time::sleep(longest(jobs)).await;
        Abandoned {
            ended_after: ledger.ended() - ended,
        }
    })
}
