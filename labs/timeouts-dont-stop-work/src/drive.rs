//! Runs a handler on the paused clock and measures how it gave up: when, and what its copies
//! of the job did then and afterwards.
//!
//! [`drive`] polls the handler, and whenever the handler waits while copies on blocking
//! threads wait in their step, it takes one turn of the lock-step described in
//! [`crate::work`]: the clock moves by one step, the handler is polled once (a timer that made
//! due fires and it may cancel), and then every such copy ends its step. Copies
//! stepped on the runtime's thread move the clock themselves. So a run is exact: the instant
//! the handler returned, how many copies were alive then, and (the driver keeps turning after
//! the answer, for as long as the job would take) how many of the abandoned copies ran to the
//! end anyway. A heartbeat task beside the handler wakes every millisecond; the longest gap
//! between its wake-ups is how long the handler kept the runtime's only worker to itself.
//!
//! One limit: the driver waits for every copy it knows of to show up in its step, so a copy
//! left waiting in the blocking pool's queue (more copies than the pool has threads) would
//! stall it. The scenarios keep Tokio's default pool of 512 threads, far above any run's
//! copies.

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;

use crate::contract::{Answer, Policy};
use crate::variants::Variant;
use crate::work::{Cost, Job, Tally, Work};

/// What one handled request showed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handled<T> {
    /// The handler's answer.
    pub output: T,
    /// How long after the request the handler returned (paused time, exact).
    pub returned_after: Duration,
    /// The copies, at that moment.
    pub at_return: Tally,
    /// Blocking-pool threads busy at that moment (Tokio's runtime metrics).
    pub blocking_busy_at_return: usize,
    /// The copies once every abandoned one had ended, or the drain gave up on them.
    pub after: Tally,
    /// How long the abandoned copies went on after the handler returned.
    pub ran_on_for: Duration,
    /// The longest gap between two wake-ups of a heartbeat that asks for one every
    /// [`HEARTBEAT`], while the handler ran: the longest the worker was kept busy.
    pub heartbeat_gap: Duration,
}

/// The heartbeat's period.
pub const HEARTBEAT: Duration = Duration::from_millis(1);

impl<T> Handled<T> {
    /// Copies that ran every step: more than one means the job ran twice.
    pub fn completed(&self) -> u32 {
        self.after.completed
    }
}

/// Drives `handler` on a current-thread runtime with paused time, on the `work` it uses
/// (built with [`crate::Cost::Paused`] on the runtime's thread). After the answer, keeps the
/// lock-step going for at most `drain` so that copies left behind show what they do.
pub async fn drive<T>(
    work: &Work,
    handler: impl Future<Output = T>,
    drain: Duration,
) -> Handled<T> {
    let start = Instant::now();
    let beats = Arc::new(Mutex::new(Beats {
        last: start,
        worst_gap: Duration::ZERO,
    }));
    let heartbeat = tokio::spawn(heartbeat(beats.clone()));
    let mut handler = Box::pin(handler);
    // Whether the waiting copies' step has been paid for on the clock: a turn is the step's
    // time, then one poll of the handler (it sees the timers that time made due, and may
    // cancel), then the end of the step (where a copy looks at its token).
    let mut paid = false;
    let output = loop {
        tokio::select! {
            biased;
            output = &mut handler => break output,
            () = async { if !paid { work.ready_to_pay().await } } => {
                if paid {
                    work.end_step().await;
                } else {
                    work.pay_step().await;
                }
                paid = !paid;
            }
        }
    };
    let returned_after = start.elapsed();
    heartbeat.abort();
    // The gap still open when the handler returned counts too.
    let heartbeat_gap = beats
        .lock()
        .expect("the heartbeat does not panic")
        .gap_until(Instant::now());
    // The handler is done: whatever it left running must now run without it.
    drop(handler);
    let at_return = work.tally();
    let blocking_busy_at_return = blocking_busy(work);
    let returned = Instant::now();
    while work.tally().live > 0 && returned.elapsed() < drain {
        tokio::select! {
            biased;
            () = async { if !paid { work.ready_to_pay().await } } => {
                if paid {
                    work.end_step().await;
                } else {
                    work.pay_step().await;
                }
                paid = !paid;
            }
            // Copies in spawned tasks step on the runtime's thread and move the clock
            // themselves; this only lets the clock reach the end of the drain.
            () = tokio::time::sleep(work.cost().step()) => {}
        }
    }
    Handled {
        output,
        returned_after,
        at_return,
        blocking_busy_at_return,
        after: work.tally(),
        ran_on_for: returned.elapsed(),
        heartbeat_gap,
    }
}

/// The heartbeat's record: its last wake-up, and the longest gap between two.
struct Beats {
    last: Instant,
    worst_gap: Duration,
}

impl Beats {
    /// The longest gap, counting one from the last wake-up to `now`.
    fn gap_until(&self, now: Instant) -> Duration {
        self.worst_gap.max(now - self.last)
    }
}

/// Sleeps [`HEARTBEAT`] at a time, forever, and records every wake-up.
async fn heartbeat(beats: Arc<Mutex<Beats>>) {
    loop {
        tokio::time::sleep(HEARTBEAT).await;
        let now = Instant::now();
        let mut beats = beats.lock().expect("the heartbeat does not panic");
        beats.worst_gap = beats.gap_until(now);
        beats.last = now;
    }
}

/// One request on the paused clock: the job, its steps' time, and the handler's policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scenario {
    /// One step's CPU time.
    pub step: Duration,
    /// The job.
    pub job: Job,
    /// The handler's limit and attempts.
    pub policy: Policy,
}

impl Scenario {
    /// The lab's request: a job of 1 000 steps of 1 ms (one second of CPU work), 100 ms per
    /// attempt, three attempts.
    pub const REQUEST: Scenario = Scenario {
        step: Duration::from_millis(1),
        job: Job {
            id: 7,
            steps: 1_000,
        },
        policy: Policy {
            limit: Duration::from_millis(100),
            attempts: 3,
        },
    };

    /// How long the whole job takes, run once.
    pub fn job_time(&self) -> Duration {
        self.step * self.job.steps
    }

    /// The latest a handler that keeps its limit may return ([`Policy::give_up_by`]).
    pub fn give_up_by(&self) -> Duration {
        self.policy.give_up_by(self.step)
    }

    /// Runs `variant` on this request, on a fresh current-thread runtime with paused time.
    pub fn run(self, variant: Variant) -> Handled<Answer> {
        self.run_handler(|work| async move { variant.handle(&work, self.job, self.policy).await })
    }

    /// Runs any handler on this request (the tests' hand-written ones too).
    pub fn run_handler<F, Fut>(self, handler: F) -> Handled<Answer>
    where
        F: FnOnce(Work) -> Fut,
        Fut: Future<Output = Answer>,
    {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .start_paused(true)
            .build()
            .expect("a current-thread runtime");
        // Long enough for every copy the handler could have left to run to its end.
        let drain = self.job_time() * (self.policy.attempts + 1);
        runtime.block_on(async {
            // Built on the runtime's thread, as the paused cost requires.
            let work = Work::new(Cost::Paused(self.step));
            drive(&work, handler(work.clone()), drain).await
        })
    }
}

/// Blocking threads that are not idle, once each thread whose copy has ended has gone back
/// to the pool (a matter of microseconds; waited for, bounded, so the count does not depend on
/// how fast that thread was).
fn blocking_busy(work: &Work) -> usize {
    let metrics = tokio::runtime::Handle::current().metrics();
    let busy = || metrics.num_blocking_threads() - metrics.num_idle_blocking_threads();
    let deadline = std::time::Instant::now() + Duration::from_secs(2);
    let live = usize::try_from(work.offloaded()).expect("a u32 fits");
    while busy() > live && std::time::Instant::now() < deadline {
        std::thread::yield_now();
    }
    busy()
}
