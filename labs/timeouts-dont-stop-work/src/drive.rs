//! Runs a handler on the paused clock and measures how it gave up: when, and what its copies
//! of the job did then and afterwards.
//!
//! [`drive`] polls the handler, and whenever the handler waits while copies on blocking
//! threads wait for their next step, it takes one turn of the lock-step described in
//! [`crate::work`]: every such copy takes one step, and the clock moves by one step. Copies
//! stepped on the runtime's thread move the clock themselves. So a run is exact: the instant
//! the handler returned, how many copies were alive then, and (the driver keeps turning after
//! the answer, for as long as the job would take) how many of the abandoned copies ran to the
//! end anyway.

use std::future::Future;
use std::time::Duration;

use tokio::time::Instant;

use crate::work::{Tally, Work};

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
}

impl<T> Handled<T> {
    /// Copies that ran every step: more than one means the job ran twice.
    pub fn completed(&self) -> u32 {
        self.after.completed
    }
}

/// Drives `handler` on a current-thread runtime with paused time, on the `work` it uses
/// (built with [`crate::Cost::Paused`] on the runtime's thread). After the answer, keeps the
/// lock-step going for at most `drain` so that copies left behind show what they do.
pub async fn drive<T>(work: &Work, handler: impl Future<Output = T>, drain: Duration) -> Handled<T> {
    let start = Instant::now();
    let mut handler = Box::pin(handler);
    let output = loop {
        tokio::select! {
            // The handler first: it reacts to the last turn before the next one is taken.
            biased;
            output = &mut handler => break output,
            () = work.offloaded_copies_waiting() => work.turn().await,
        }
    };
    let returned_after = start.elapsed();
    // The handler is done: whatever it left running must now run without it.
    drop(handler);
    let at_return = work.tally();
    let blocking_busy_at_return = blocking_busy(work);
    let returned = Instant::now();
    while work.tally().live > 0 && returned.elapsed() < drain {
        tokio::select! {
            biased;
            () = work.offloaded_copies_waiting() => work.turn().await,
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
