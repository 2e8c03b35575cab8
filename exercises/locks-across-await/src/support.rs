//! What the exercise gives you; you should not need to change this file.
//!
//! - [`Remote`] is the risk service. `authorize` is one network round trip, simulated with
//!   Tokio's timer, and it notes every call, so the tests can check what it was told.
//! - [`run_in_phases`] is how the tests drive your ledger: one task per deposit, all started
//!   together, on a current-thread runtime with a paused clock. A paused clock makes every
//!   round trip take exactly its latency and nothing else take any time, so the elapsed time
//!   counts the round trips that had to happen one after another.
//!
//! - [`run_approving_one_by_one`] drives a ledger whose risk service answers only when the
//!   test says so: the test grants the approvals one at a time and, between two grants, looks
//!   at what the ledger shows and which deposits have returned. That is how the tests see the
//!   ledger *during* a round trip, which the answers at the end cannot show.
//!
//! A deadlock cannot hang the tests. If every task is waiting on another, the runtime goes
//! idle and the paused clock jumps straight to a timeout. If the runtime's thread itself is
//! blocked (a `std::sync::MutexGuard` alive across an `.await`, with a second task calling
//! `lock()` on the same thread), no timer can fire, so the whole run happens on a thread of
//! its own, and the tests stop watching it after [`WATCHDOG`] of real time. On a paused clock
//! a run that works needs a few milliseconds, so that bound only ever ends a deadlock.

use std::collections::VecDeque;
use std::rc::Rc;
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use tokio::sync::oneshot;
use tokio::task::{JoinHandle, LocalSet};
use tokio::time::Instant;

use crate::Ledger;

/// The latency of one round trip unless a test asks for others.
pub const ROUND_TRIP: Duration = Duration::from_millis(1);

/// How long a run may take on the paused clock before its tasks count as deadlocked.
const VIRTUAL_LIMIT: Duration = Duration::from_secs(60);

/// How long, in real time, to wait for a run's thread before calling it blocked.
pub const WATCHDOG: Duration = Duration::from_secs(2);

/// One call the risk service received.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Call {
    /// The account the deposit is for.
    pub account: usize,
    /// The balance the service was told the account has.
    pub balance: u64,
    /// The amount to deposit.
    pub amount: u64,
}

/// A handle to the remote risk service; clones share the service.
#[derive(Debug, Clone)]
pub struct Remote {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    /// Call `k` waits `latencies[k % len]`.
    latencies: Vec<Duration>,
    calls: Mutex<Vec<Call>>,
    /// For a gated service: the calls waiting for the test to approve them, and those whose
    /// `authorize` has returned after their approval.
    gate: Option<Gate>,
}

#[derive(Debug, Default)]
struct Gate {
    waiting: Mutex<VecDeque<(Call, oneshot::Sender<()>)>>,
    approved: Mutex<Vec<Call>>,
}

impl Remote {
    /// A service whose every round trip takes [`ROUND_TRIP`].
    pub fn new() -> Self {
        Self::with_latencies(vec![ROUND_TRIP])
    }

    /// A service whose `k`-th call takes `latencies[k % latencies.len()]`, so that deposits
    /// overtake each other.
    pub fn with_latencies(latencies: Vec<Duration>) -> Self {
        assert!(!latencies.is_empty(), "a remote needs at least one latency");
        Remote {
            inner: Arc::new(Inner {
                latencies,
                calls: Mutex::new(Vec::new()),
                gate: None,
            }),
        }
    }

    /// A service that answers a call only once the test approves it (see
    /// [`run_approving_one_by_one`]); until then `authorize` waits, however long that is.
    fn gated() -> Self {
        Remote {
            inner: Arc::new(Inner {
                latencies: vec![Duration::ZERO],
                calls: Mutex::new(Vec::new()),
                gate: Some(Gate::default()),
            }),
        }
    }

    /// Asks the service to approve depositing `amount` into `account`, whose current balance
    /// is `balance`. One round trip; it always approves.
    pub async fn authorize(&self, account: usize, balance: u64, amount: u64) {
        let latency = {
            let mut calls = self.inner.calls.lock().unwrap();
            calls.push(Call {
                account,
                balance,
                amount,
            });
            self.inner.latencies[(calls.len() - 1) % self.inner.latencies.len()]
        };
        let call = Call {
            account,
            balance,
            amount,
        };
        match &self.inner.gate {
            None => tokio::time::sleep(latency).await,
            Some(gate) => {
                let (approve, approval) = oneshot::channel();
                gate.waiting.lock().unwrap().push_back((call, approve));
                // The harness never drops a call unapproved; if it did, this would not count.
                if approval.await.is_ok() {
                    // Noted only here, once `authorize` really returns: a caller that dropped
                    // the call (a timeout, a task never awaited) is not approved.
                    gate.approved.lock().unwrap().push(call);
                }
            }
        }
    }

    /// Every call so far, in the order they arrived.
    pub fn calls(&self) -> Vec<Call> {
        self.inner.calls.lock().unwrap().clone()
    }
}

impl Default for Remote {
    fn default() -> Self {
        Remote::new()
    }
}

/// What a run did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// Time on the paused clock from the first deposit's start to the last one's end.
    pub elapsed: Duration,
    /// Every account's balance afterwards.
    pub balances: Vec<u64>,
}

impl Run {
    /// The elapsed time in round trips of [`ROUND_TRIP`].
    pub fn round_trips(&self) -> f64 {
        self.elapsed.as_secs_f64() / ROUND_TRIP.as_secs_f64()
    }
}

/// Why a run did not finish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stuck {
    /// Every task was waiting for another when the paused clock reached the time limit.
    TasksWaiting,
    /// The runtime's thread never came back: it is blocked outside Tokio.
    ThreadBlocked,
}

impl std::fmt::Display for Stuck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stuck::TasksWaiting => write!(
                f,
                "deadlocked: after {VIRTUAL_LIMIT:?} on the paused clock every task was still \
                 waiting for another (a lock nobody releases?)"
            ),
            Stuck::ThreadBlocked => write!(
                f,
                "deadlocked: the runtime's only thread did not come back within {WATCHDOG:?} of \
                 real time, so it is blocked, most likely in `Mutex::lock` while another task \
                 holds that lock across an `.await`"
            ),
        }
    }
}

/// Runs each phase's deposits (account, amount) as one task per deposit, all started together;
/// each phase starts when the previous one has finished, on the same ledger of `accounts`
/// accounts. The ledger is built, used and dropped on a thread of its own.
pub fn run_in_phases(
    accounts: usize,
    phases: Vec<Vec<(usize, u64)>>,
    remote: Remote,
) -> Result<Run, Stuck> {
    on_a_watched_thread(move || async move {
        let ledger = Rc::new(Ledger::new(accounts, remote));
        let start = Instant::now();
        let all = async {
            for phase in phases {
                let tasks: Vec<_> = phase
                    .into_iter()
                    .map(|(account, amount)| spawn_deposit(&ledger, account, amount))
                    .collect();
                for task in tasks {
                    task.await.expect("a deposit panicked");
                }
            }
        };
        tokio::time::timeout(VIRTUAL_LIMIT, all)
            .await
            .map_err(|_| Stuck::TasksWaiting)?;
        let elapsed = start.elapsed();
        let mut balances = Vec::with_capacity(accounts);
        for account in 0..accounts {
            balances.push(ledger.balance(account).await);
        }
        Ok(Run { elapsed, balances })
    })
}

/// One deposit as a task of its own on the run's `LocalSet`.
fn spawn_deposit(ledger: &Rc<Ledger>, account: usize, amount: u64) -> JoinHandle<()> {
    let ledger = Rc::clone(ledger);
    tokio::task::spawn_local(async move {
        ledger.deposit(account, amount).await;
    })
}

/// Runs the future `make` builds on a current-thread runtime with a paused clock, inside a
/// `LocalSet`, on a thread of its own; gives up on that thread after [`WATCHDOG`].
fn on_a_watched_thread<T, F>(make: impl FnOnce() -> F + Send + 'static) -> Result<T, Stuck>
where
    T: Send + 'static,
    F: Future<Output = Result<T, Stuck>>,
{
    let (done, result) = mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .start_paused(true)
            .build()
            .expect("the OS refused to start a Tokio runtime");
        let outcome = LocalSet::new().block_on(&runtime, make());
        // The receiver is gone only if the test gave up waiting.
        let _ = done.send(outcome);
    });
    match result.recv_timeout(WATCHDOG) {
        Ok(outcome) => outcome,
        Err(mpsc::RecvTimeoutError::Timeout) => Err(Stuck::ThreadBlocked),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            panic!("the run's thread panicked; its message is above")
        }
    }
}

/// In which order [`run_approving_one_by_one`] grants the waiting approvals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grant {
    /// The call that has waited longest first.
    OldestFirst,
    /// The call that arrived last first, so that later deposits overtake earlier ones.
    NewestFirst,
}

/// What the ledger showed at one moment of [`run_approving_one_by_one`], with every task
/// waiting (for an approval, or for something that waits for one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// What `balance(account)` returned for each account; `None` where it did not return
    /// before a long wait (it waits for a deposit in flight, which shows nothing either).
    pub balances: Vec<Option<u64>>,
    /// The deposits (account, amount) whose `deposit` call has returned.
    pub returned: Vec<(usize, u64)>,
    /// The calls to the risk service approved so far whose `authorize` has returned.
    pub approved: Vec<Call>,
    /// The calls to the risk service still waiting for their approval.
    pub waiting: Vec<Call>,
}

/// How long, on the paused clock, the harness lets everything run before each snapshot: far
/// longer than any timeout a ledger might put on a round trip.
const SETTLE: Duration = Duration::from_secs(1);

/// Runs every deposit (account, amount) as its own task against a risk service that approves
/// nothing until told to. Then, until every deposit has returned: lets all tasks run until
/// they wait, takes a [`Snapshot`], and approves one waiting call, chosen by `grant`. Returns
/// the snapshots, the first taken before any approval.
pub fn run_approving_one_by_one(
    accounts: usize,
    deposits: Vec<(usize, u64)>,
    grant: Grant,
) -> Result<Vec<Snapshot>, Stuck> {
    on_a_watched_thread(move || async move {
        let remote = Remote::gated();
        let gate = Arc::clone(&remote.inner);
        let gate = gate.gate.as_ref().expect("a gated remote");
        let ledger = Rc::new(Ledger::new(accounts, remote));
        let tasks: Vec<_> = deposits
            .iter()
            .map(|&(account, amount)| spawn_deposit(&ledger, account, amount))
            .collect();
        let mut snapshots = Vec::new();
        // Enough for every deposit to be asked about a few times over (a ledger that retries).
        for _ in 0..deposits.len() * 4 + 4 {
            // Paused, the clock only moves once every task waits: after this sleep, all of
            // them have run as far as they can without a new approval.
            tokio::time::sleep(SETTLE).await;
            let mut balances = Vec::with_capacity(accounts);
            for account in 0..accounts {
                balances.push(
                    tokio::time::timeout(SETTLE, ledger.balance(account))
                        .await
                        .ok(),
                );
            }
            let returned = deposits
                .iter()
                .zip(&tasks)
                .filter(|(_, task)| task.is_finished())
                .map(|(&deposit, _)| deposit)
                .collect();
            let approved = gate.approved.lock().unwrap().clone();
            let next = {
                let mut waiting = gate.waiting.lock().unwrap();
                match grant {
                    Grant::OldestFirst => waiting.pop_front(),
                    Grant::NewestFirst => waiting.pop_back(),
                }
            };
            let mut waiting: Vec<Call> = gate
                .waiting
                .lock()
                .unwrap()
                .iter()
                .map(|(call, _)| *call)
                .collect();
            if let Some((call, _)) = &next {
                waiting.push(*call);
            }
            let all_returned = tasks.iter().all(JoinHandle::is_finished);
            snapshots.push(Snapshot {
                balances,
                returned,
                approved,
                waiting,
            });
            match next {
                // The receiver is gone if the ledger dropped the call: that approval is lost.
                Some((_, approve)) => {
                    let _ = approve.send(());
                }
                None if all_returned => return Ok(snapshots),
                None => return Err(Stuck::TasksWaiting),
            }
        }
        Err(Stuck::TasksWaiting)
    })
}

/// Runs every deposit (account, amount) as its own task, all started together.
pub fn run_together(
    accounts: usize,
    deposits: Vec<(usize, u64)>,
    remote: Remote,
) -> Result<Run, Stuck> {
    run_in_phases(accounts, vec![deposits], remote)
}
