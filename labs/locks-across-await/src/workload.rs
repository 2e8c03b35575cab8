//! The workload: many tasks depositing at once, and what it cost.
//!
//! A [`Workload`] is `tasks` tasks started together, each making `deposits_per_task` deposits
//! one after the other. [`Keys`] says where they go: [`Keys::Spread`] gives every task its
//! own account, up to [`ACCOUNTS`] tasks (deposits never touch the same balance, so only a
//! lock that is wider than the data makes them wait), [`Keys::Hot`] sends them all to one account (the worst case for
//! per-key locks and for re-validation, and the case that exposes lost updates). Every
//! deposit has a different amount, so the expected total is known and a lost deposit shows.
//!
//! [`run`] drives a workload on the current `LocalSet` with `spawn_local`, which needs no
//! `Send` and so runs every variant, the anti-pattern included. [`measure`] builds a
//! current-thread runtime for one run on a thread of its own (see [`crate::watchdog`]), on a
//! paused clock for exact virtual times ([`Clock::Virtual`]) or on the real one for the demo
//! ([`Clock::Real`]), and reports an [`Outcome`] or how it got [`Stuck`].

use std::rc::Rc;
use std::time::Duration;

use tokio::runtime::{Builder, Runtime};
/// Re-exported so that the benches need no Tokio dependency of their own.
pub use tokio::task::LocalSet;
use tokio::time::Instant;

use crate::contract::Ledger;
use crate::remote::Remote;
use crate::variants::Variant;
use crate::watchdog::{self, Blocked};

/// Accounts in every workload's ledger: one per task at the largest load the lab measures.
pub const ACCOUNTS: usize = 64;

/// How long a run may take on a paused clock before it counts as stuck. The slowest correct
/// run in the lab takes well under a virtual second; a deadlocked one reaches this limit at
/// once, because an idle runtime on a paused clock jumps straight to its next timer.
pub const VIRTUAL_LIMIT: Duration = Duration::from_secs(60);

/// Where the deposits go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Keys {
    /// Task `i` deposits into account `i % ACCOUNTS`.
    Spread,
    /// Every task deposits into account 0.
    Hot,
}

impl Keys {
    /// Where the deposits go, in words.
    pub fn describe(self) -> &'static str {
        match self {
            Keys::Spread => "one account per task",
            Keys::Hot => "every deposit to one account",
        }
    }
}

/// Tasks started together, each making deposits one after the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Workload {
    /// Tasks running at once: the load.
    pub tasks: usize,
    /// Deposits each task makes, one after the other.
    pub deposits_per_task: usize,
    /// Where the deposits go.
    pub keys: Keys,
}

impl Workload {
    /// `tasks` tasks making one deposit each.
    pub fn new(tasks: usize, keys: Keys) -> Self {
        Workload {
            tasks,
            deposits_per_task: 1,
            keys,
        }
    }

    /// The account task `task` deposits into.
    pub fn account(&self, task: usize) -> usize {
        match self.keys {
            Keys::Spread => task % ACCOUNTS,
            Keys::Hot => 0,
        }
    }

    /// The amount of deposit `k` of task `task`: all different, so a lost one shows.
    pub fn amount(&self, task: usize, k: usize) -> u64 {
        (task * self.deposits_per_task + k + 1) as u64
    }

    /// Deposits in the whole workload.
    pub fn deposits(&self) -> u64 {
        (self.tasks * self.deposits_per_task) as u64
    }

    /// The sum of every amount: what the balances must add up to afterwards.
    pub fn expected_total(&self) -> u64 {
        let n = self.deposits();
        n * (n + 1) / 2
    }
}

/// Starts every task of `workload` on the current `LocalSet` and waits until all are done.
///
/// # Panics
///
/// Outside a `LocalSet`, or if a deposit panics.
pub async fn run(ledger: Rc<dyn Ledger>, workload: Workload) {
    let tasks: Vec<_> = (0..workload.tasks)
        .map(|task| {
            let ledger = Rc::clone(&ledger);
            tokio::task::spawn_local(async move {
                for k in 0..workload.deposits_per_task {
                    let amount = workload.amount(task, k);
                    ledger.deposit(workload.account(task), amount).await;
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("a depositing task panicked");
    }
}

/// Runs `batches` batches of `workload` one after the other, each starting just after a tick
/// of Tokio's timer (see [`time_after_ticks`]), and returns the time spent inside the
/// batches. Must run inside a `LocalSet` on a runtime with the real clock.
pub async fn time_batches(ledger: &Rc<dyn Ledger>, workload: Workload, batches: u64) -> Duration {
    time_after_ticks(batches, || run(Rc::clone(ledger), workload)).await
}

/// Runs `batch()` `batches` times, one after the other, each starting just after a tick of
/// Tokio's timer, and returns the time spent inside them. Must run on a runtime with the real
/// clock.
///
/// Tokio's timer counts whole milliseconds and rounds a deadline up to the next tick, so a
/// 1 ms round trip lasts between 1 and 2 ms depending on where between two ticks it starts.
/// A batch started at a random moment would pay 1.5 ms on average for overlapping round
/// trips, while round trips queued one after the other each start just after a tick and pay
/// 2 ms: the comparison would flatter the concurrent variants. Starting every batch just
/// after a tick makes every round trip, alone or in a crowd, last exactly two ticks.
pub async fn time_after_ticks<F>(batches: u64, mut batch: impl FnMut() -> F) -> Duration
where
    F: Future<Output = ()>,
{
    let mut measured = Duration::ZERO;
    for _ in 0..batches {
        // A timer returns just after the tick it was waiting for: the batch starts there.
        tokio::time::sleep(Duration::from_millis(1)).await;
        let start = std::time::Instant::now();
        batch().await;
        measured += start.elapsed();
    }
    measured
}

/// A current-thread runtime with the timer enabled, on `clock`.
pub fn current_thread_runtime(clock: Clock) -> Runtime {
    let mut builder = Builder::new_current_thread();
    builder.enable_time().start_paused(clock == Clock::Virtual);
    // The demo's `--stall-report` watches it; a no-op everywhere else.
    demo_console::watch(&mut builder)
        .build()
        .expect("the OS refused to start a Tokio runtime")
}

/// What one run did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The workload that ran.
    pub workload: Workload,
    /// Time from the first task's start to the last one's end, on the runtime's clock.
    pub elapsed: Duration,
    /// Calls the remote service received.
    pub remote_calls: u64,
    /// Every balance afterwards.
    pub balances: Vec<u64>,
}

impl Outcome {
    /// The sum of the balances afterwards.
    pub fn total(&self) -> u64 {
        self.balances.iter().sum()
    }

    /// How much money the deposits should have added but did not.
    pub fn lost(&self) -> u64 {
        self.workload.expected_total().saturating_sub(self.total())
    }

    /// The elapsed time in round trips of `latency`.
    pub fn round_trips(&self, latency: Duration) -> f64 {
        self.elapsed.as_secs_f64() / latency.as_secs_f64()
    }
}

/// Which clock the run's runtime uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// Paused: every timer fires as soon as the runtime is idle, and elapsed times are exact.
    Virtual,
    /// The real one: round trips really take their latency.
    Real,
}

/// Why a run did not finish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stuck {
    /// Every task was waiting and the runtime's own timeout fired: tasks waiting on each
    /// other, with the thread free.
    AllTasksWaiting {
        /// The timeout that fired, on the runtime's clock.
        after: Duration,
    },
    /// The runtime's thread never came back: it is blocked outside Tokio.
    ThreadBlocked(Blocked),
}

impl std::fmt::Display for Stuck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stuck::AllTasksWaiting { after } => write!(
                f,
                "deadlocked: every task was still waiting when the runtime's {} timeout fired",
                evidence::number::duration(*after)
            ),
            Stuck::ThreadBlocked(blocked) => write!(
                f,
                "deadlocked: the runtime's only thread is blocked ({blocked}); not even a \
                 timer can fire"
            ),
        }
    }
}

impl std::error::Error for Stuck {}

/// Runs `workload` against a fresh `variant` ledger on a current-thread runtime of its own,
/// on its own thread, and reports what it cost.
///
/// On [`Clock::Virtual`] the runtime's timeout is [`VIRTUAL_LIMIT`] and `wall_limit` only
/// bounds how long we watch a blocked thread; on [`Clock::Real`] both are `wall_limit`.
pub fn measure(
    variant: Variant,
    workload: Workload,
    remote: Remote,
    clock: Clock,
    wall_limit: Duration,
) -> Result<Outcome, Stuck> {
    let timeout = match clock {
        Clock::Virtual => VIRTUAL_LIMIT,
        Clock::Real => wall_limit,
    };
    // On the real clock, give the runtime's own timeout the first chance to report.
    let watch = match clock {
        Clock::Virtual => wall_limit,
        Clock::Real => wall_limit + Duration::from_secs(1),
    };
    let work = move || {
        let runtime = current_thread_runtime(clock);
        let local = LocalSet::new();
        // `LocalSet::block_on` is `runtime.block_on(local.run_until(..))`, spelled out so the
        // demo's `--stall-report` can watch the local tasks: Tokio's task hooks skip them.
        runtime.block_on(demo_console::watched(local.run_until(async move {
            let ledger: Rc<dyn Ledger> = Rc::from(variant.ledger(ACCOUNTS, remote.clone()));
            let start = Instant::now();
            tokio::time::timeout(timeout, run(Rc::clone(&ledger), workload))
                .await
                .map_err(|_| Stuck::AllTasksWaiting { after: timeout })?;
            let elapsed = start.elapsed();
            Ok(Outcome {
                workload,
                elapsed,
                remote_calls: remote.calls(),
                balances: ledger.balances().await,
            })
        })))
    };
    watchdog::on_own_thread(watch, work).map_err(Stuck::ThreadBlocked)?
}
