//! The contract every pool in this lab keeps: take jobs from a queue, run each once, on one
//! of `n` workers.
//!
//! A variant builds two halves ([`Built`]): the producer's side of its queue ([`Queue`]) and
//! the body of each worker (a future that runs forever). It never spawns the workers itself:
//! the [`crate::pool::Pool`] does, and wraps each body in a counter of its polls, so what the
//! report says about wake-ups does not depend on the variant counting honestly. A worker
//! runs a job by awaiting [`Job::run`], which writes down when it started and on which
//! worker; everything the tests judge comes from that [`Log`].

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;

/// A boxed future, as the variants hand their halves to the pool.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// The producer's side of a variant's queue.
pub trait Queue: Send + Sync {
    /// Puts `job` on the queue and returns at once: it does not wait for the job to start
    /// (every queue here is unbounded, so it never waits for room either).
    fn push(&self, job: Job);
}

/// What a variant builds for a pool of workers.
pub struct Built {
    /// Where the producer puts jobs.
    pub queue: Arc<dyn Queue>,
    /// One body per worker; each runs jobs forever.
    pub workers: Vec<BoxFuture<'static, ()>>,
    /// The variant's [`Backlog`], if it keeps one, so a test can act in its gap.
    pub backlog: Option<Arc<Backlog>>,
}

/// One job: its id, how long it works, and the log it reports to.
pub struct Job {
    /// The job's id, its place in the order the producer queued them (0, 1, 2, ...).
    pub id: u64,
    /// How long the job takes once started (a sleep: the work waits, as I/O does).
    pub work: Duration,
    log: Arc<Log>,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Job")
            .field("id", &self.id)
            .field("work", &self.work)
            .finish_non_exhaustive()
    }
}

impl Job {
    /// Runs the job on the calling worker: writes down that it started, then works.
    pub async fn run(self) {
        self.log.started(self.id);
        if !self.work.is_zero() {
            tokio::time::sleep(self.work).await;
        }
        self.log.finished(self.id);
    }
}

/// When one job was queued, started and finished, and by which worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Record {
    /// The job's id.
    pub id: u64,
    /// When the producer queued it.
    pub enqueued: Instant,
    /// When a worker started it, if one has.
    pub started: Option<Instant>,
    /// When it finished, if it has.
    pub finished: Option<Instant>,
    /// The worker (0-based) that ran it.
    pub worker: Option<usize>,
    /// How many times it was started: exactly once is the contract.
    pub runs: u32,
}

impl Record {
    /// How long the job waited between being queued and starting.
    pub fn latency(&self) -> Option<Duration> {
        self.started.map(|s| s - self.enqueued)
    }
}

/// Everything the pool saw: the jobs, the order they started in, each worker's polls.
#[derive(Debug, Default)]
pub struct Log {
    inner: Mutex<Inner>,
    /// Signalled at every start, for [`Log::started_at_least`].
    progress: tokio::sync::Notify,
}

#[derive(Debug, Default)]
struct Inner {
    records: Vec<Record>,
    start_order: Vec<u64>,
    /// The Tokio task id of each worker, in worker order.
    workers: Vec<Option<tokio::task::Id>>,
    polls: Vec<u64>,
}

impl Log {
    /// A job for this log, queued now; ids are given in the order jobs are made.
    pub fn job(self: &Arc<Self>, work: Duration) -> Job {
        let mut inner = self.lock();
        let id = inner.records.len() as u64;
        inner.records.push(Record {
            id,
            enqueued: Instant::now(),
            started: None,
            finished: None,
            worker: None,
            runs: 0,
        });
        Job {
            id,
            work,
            log: self.clone(),
        }
    }

    /// Makes room for `n` workers' counts.
    pub(crate) fn add_workers(&self, n: usize) {
        let mut inner = self.lock();
        inner.workers = vec![None; n];
        inner.polls = vec![0; n];
    }

    /// Registers worker `index`'s task, so that jobs it runs are attributed to it.
    pub(crate) fn set_worker(&self, index: usize, task: tokio::task::Id) {
        self.lock().workers[index] = Some(task);
    }

    /// Counts one poll of worker `index`.
    pub(crate) fn polled(&self, index: usize) {
        self.lock().polls[index] += 1;
    }

    fn started(&self, id: u64) {
        let now = Instant::now();
        // The worker is whichever registered task is running this job.
        let task = tokio::task::try_id();
        let mut inner = self.lock();
        let worker = task.and_then(|t| inner.workers.iter().position(|&w| w == Some(t)));
        let record = &mut inner.records[usize::try_from(id).expect("small")];
        record.runs += 1;
        record.started.get_or_insert(now);
        record.worker = record.worker.or(worker);
        inner.start_order.push(id);
        drop(inner);
        self.progress.notify_waiters();
    }

    /// Waits until `n` jobs have started (on the real clock, where there is no paused time
    /// to sleep through: the bench's producer).
    pub async fn started_at_least(&self, n: usize) {
        loop {
            // Registered before the check, like the fix's workers: a start in between counts.
            let mut notified = std::pin::pin!(self.progress.notified());
            notified.as_mut().enable();
            if self.lock().start_order.len() >= n {
                return;
            }
            notified.await;
        }
    }

    fn finished(&self, id: u64) {
        let now = Instant::now();
        self.lock().records[usize::try_from(id).expect("small")].finished = Some(now);
    }

    /// Every job so far, by id.
    pub fn records(&self) -> Vec<Record> {
        self.lock().records.clone()
    }

    /// The ids of the jobs in the order they started (an id twice if it ran twice).
    pub fn start_order(&self) -> Vec<u64> {
        self.lock().start_order.clone()
    }

    /// How many times each worker's task has been polled: one poll per wake-up.
    pub fn polls(&self) -> Vec<u64> {
        self.lock().polls.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().expect("the log's users do not panic")
    }
}

/// A FIFO of jobs under a std `Mutex`, for the variants that keep their own queue and wake
/// workers with a `Notify`.
///
/// It can be told to act as a producer on another core would at the worst moment: with
/// [`Backlog::interleave`], the next time a worker finds the backlog empty, the given
/// closure runs right after that check, before the worker does anything else. The lost
/// wake-up of a `notified()` created after the check needs exactly that moment, which a
/// multi-thread runtime reaches now and then; this reaches it every time.
#[derive(Default)]
pub struct Backlog {
    jobs: Mutex<VecDeque<Job>>,
    on_empty: Mutex<Option<Box<dyn FnOnce() + Send>>>,
}

impl Backlog {
    /// Puts a job at the back.
    pub fn push_back(&self, job: Job) {
        self.jobs.lock().expect("no panic").push_back(job);
    }

    /// Takes the job at the front, the oldest.
    pub fn pop_front(&self) -> Option<Job> {
        let job = self.jobs.lock().expect("no panic").pop_front();
        if job.is_none() {
            // The lock is released: a producer may get in here.
            if let Some(producer) = self.on_empty.lock().expect("no panic").take() {
                producer();
            }
        }
        job
    }

    /// Takes the job at the back, the newest (a `Vec::pop` in disguise).
    pub fn pop_back(&self) -> Option<Job> {
        self.jobs.lock().expect("no panic").pop_back()
    }

    /// Whether it holds no job.
    pub fn is_empty(&self) -> bool {
        self.jobs.lock().expect("no panic").is_empty()
    }

    /// Runs `producer` once, right after the next check that finds the backlog empty.
    pub fn interleave(&self, producer: impl FnOnce() + Send + 'static) {
        *self.on_empty.lock().expect("no panic") = Some(Box::new(producer));
    }
}

/// The anti-pattern's interval: the seed's 100 ms.
pub const POLL_INTERVAL: Duration = Duration::from_millis(100);
