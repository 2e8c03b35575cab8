//! The witness: a task that does nothing but take turns on the runtime, and counts them.
//!
//! The heartbeat measures the symptom in time; the witness answers the same question in
//! events, which is what a test can judge without a clock. "Did any other task run while the
//! handler worked?" becomes "did the witness's count move between the handler's first poll
//! and its answer?". On a current-thread runtime with no timers or threads involved, the
//! answer is the same on every run.
//!
//! Each turn is one poll: count, maybe run the one-off action, `yield_now`. The action lets a
//! test end blocking work from the other side (stop a computation, open a gate) once the
//! witness has proved it could run, so no test waits on a clock for the good case.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use tokio::task::JoinHandle;

/// A running witness task; aborted when dropped.
#[derive(Debug)]
pub struct Witness {
    turns: Arc<AtomicU64>,
    task: JoinHandle<()>,
}

impl Witness {
    /// Spawns a witness on the current runtime.
    ///
    /// # Panics
    ///
    /// When called outside a Tokio runtime.
    pub fn spawn() -> Witness {
        Self::spawn_then(u64::MAX, || ())
    }

    /// Spawns a witness that runs `action` once, on its `after`-th turn.
    pub fn spawn_then(after: u64, action: impl FnOnce() + Send + 'static) -> Witness {
        let turns = Arc::new(AtomicU64::new(0));
        let counter = Arc::clone(&turns);
        let task = tokio::spawn(async move {
            let mut action = Some(action);
            loop {
                let turn = counter.fetch_add(1, Ordering::SeqCst) + 1;
                if turn >= after
                    && let Some(action) = action.take()
                {
                    action();
                }
                tokio::task::yield_now().await;
            }
        });
        Witness { turns, task }
    }

    /// How many turns the witness has taken so far.
    pub fn turns(&self) -> u64 {
        self.turns.load(Ordering::SeqCst)
    }

    /// Wraps `future` so that it also counts the witness's turns from its first poll to its
    /// output. The wrapper owns what it needs, so it can be spawned as a task of its own.
    ///
    /// The count starts inside the future, not when this function is called, so turns the
    /// witness took before the work even began are not credited to it.
    pub fn turns_during<F: Future>(
        &self,
        future: F,
    ) -> impl Future<Output = (F::Output, u64)> + use<F> {
        let turns = Arc::clone(&self.turns);
        async move {
            let before = turns.load(Ordering::SeqCst);
            let output = future.await;
            (output, turns.load(Ordering::SeqCst) - before)
        }
    }
}

/// Spawns a witness that runs `action` on its `after`-th turn, then runs `future`; returns the
/// future's output and the turns the witness took meanwhile.
///
/// The witness is spawned from inside the caller's task, so on a current-thread runtime it
/// cannot take a single turn before `future` first returns `Pending`: every turn it takes
/// happened while `future` was under way. An `action` that ends the future's work (stops a
/// computation, lets a reader in) therefore proves that the future left room for other tasks:
/// it could not have finished otherwise.
pub async fn alongside<F: Future>(
    after: u64,
    action: impl FnOnce() + Send + 'static,
    future: F,
) -> (F::Output, u64) {
    let witness = Witness::spawn_then(after, action);
    let output = future.await;
    (output, witness.turns())
}

impl Drop for Witness {
    fn drop(&mut self) {
        self.task.abort();
    }
}
