//! The third anti-pattern: a panic inside `rayon::spawn` aborts the whole process.
//!
//! CPU-heavy work (scoring a batch of rows, an inference) goes to rayon's pool with
//! `rayon::spawn`, and the result comes back on a `oneshot`, which the async side awaits with
//! error handling around it: `rx.await.map_err(...)` or `expect("the pool task panicked")`.
//! That handling is for a case that never arrives. rayon's `spawn` has no handle to carry a
//! panic back; a panic that escapes its closure goes to the pool's `panic_handler`, and when
//! the pool has none (the global pool, by default) rayon **aborts the process**: SIGABRT,
//! exit status 134 in a shell, no unwinding, no destructors, every other request of the
//! service gone with it. The `map_err` never runs. Tokio's tasks catch a panic; rayon's
//! spawned jobs do not.
//!
//! The fixes: catch the panic inside the closure (`catch_unwind` around the work, the error
//! sent back on the `oneshot`, [`Offload::Fixed`]), or give the pool a `panic_handler`
//! ([`Offload::PanicHandler`]): the process lives, but the `oneshot`'s sender is dropped
//! unsent, so the caller learns only that the reply was lost, not why. The abort itself
//! can only be shown in a child process: `tests/offload.rs` runs `detached-rayon-child` and
//! reads its exit status.

use std::panic::{self, AssertUnwindSafe};
use std::sync::{Condvar, Mutex, OnceLock, PoisonError};
use std::time::Duration;

use rayon::prelude::*;
use tokio::sync::oneshot;

use crate::contract::panic_message;

/// How the pool's work is scored: `1 000 000 / row`, so a zero row panics (division by zero),
/// as a malformed input would in real scoring code.
pub fn score_rows(rows: &[u64]) -> Vec<u64> {
    rows.par_iter().map(|&row| 1_000_000 / row).collect()
}

/// Why a batch came back without scores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OffloadError {
    /// The pool's work panicked, with this message.
    Panicked(String),
    /// The reply was dropped unsent: something went wrong, nobody says what.
    Lost,
}

/// The three ways to hand a batch to rayon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Offload {
    /// `rayon::spawn` on the global pool, a `oneshot` back, error handling on the `oneshot`.
    Anti,
    /// The same, with `catch_unwind` around the work and the panic sent back as an error.
    Fixed,
    /// A pool of its own with a `panic_handler`: no abort, but the reply is lost.
    PanicHandler,
}

/// Panics the `panic-handler` pool's handler has seen, and a condition variable to wait on
/// it: the handler runs on the pool's thread *after* the panic has unwound the closure (and
/// dropped the reply's sender), so a caller that has its `Lost` may look before it has run.
static HANDLED: (Mutex<u64>, Condvar) = (Mutex::new(0), Condvar::new());

/// The pool of [`Offload::PanicHandler`], built once: two threads, and a handler that counts.
fn handled_pool() -> &'static rayon::ThreadPool {
    static POOL: OnceLock<rayon::ThreadPool> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .panic_handler(|_| {
                let (count, changed) = &HANDLED;
                *count.lock().unwrap_or_else(PoisonError::into_inner) += 1;
                changed.notify_all();
            })
            .build()
            .expect("a two-thread rayon pool")
    })
}

/// Panics the `panic-handler` pool has absorbed so far (in this process).
pub fn handled_panics() -> u64 {
    *HANDLED.0.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Waits until the `panic-handler` pool has absorbed more than `seen` panics, or `limit` has
/// passed (which only turns a handler that never runs into a failure instead of a hang);
/// returns the count.
pub fn wait_handled(seen: u64, limit: Duration) -> u64 {
    let (count, changed) = &HANDLED;
    let count = count.lock().unwrap_or_else(PoisonError::into_inner);
    let (count, _) = changed
        .wait_timeout_while(count, limit, |n| *n <= seen)
        .unwrap_or_else(PoisonError::into_inner);
    *count
}

impl Offload {
    /// Scores `rows` on rayon's pool and awaits the result.
    pub async fn score(self, rows: Vec<u64>) -> Result<Vec<u64>, OffloadError> {
        match self {
            Offload::Anti => {
                let (reply, scores) = oneshot::channel();
                rayon::spawn(move || {
                    // A panic here leaves the closure, and rayon aborts the process.
                    let _ = reply.send(score_rows(&rows));
                });
                // Looks like the panic's error path; it is only ever the dropped-reply path.
                scores.await.map_err(|_| OffloadError::Lost)
            }
            Offload::Fixed => {
                let (reply, scores) = oneshot::channel();
                rayon::spawn(move || {
                    // `AssertUnwindSafe`: after a panic, `rows` is dropped unread.
                    let scored = panic::catch_unwind(AssertUnwindSafe(|| score_rows(&rows)))
                        .map_err(|payload| OffloadError::Panicked(panic_message(&*payload)));
                    let _ = reply.send(scored);
                });
                scores.await.map_err(|_| OffloadError::Lost)?
            }
            Offload::PanicHandler => {
                let (reply, scores) = oneshot::channel();
                handled_pool().spawn(move || {
                    let _ = reply.send(score_rows(&rows));
                });
                scores.await.map_err(|_| OffloadError::Lost)
            }
        }
    }
}

/// How long the child goes on serving after the bad batch: a hundred times what rayon takes
/// to abort after a panic (the panic hook's report, then `abort()`: a few milliseconds at
/// most), so that a child that finishes its serving lived through the panic, and not by luck.
pub const SERVE_ON: Duration = Duration::from_millis(400);

/// What `detached-rayon-child` does: score a batch with a zero row in it on a Tokio runtime,
/// print how the error path saw it, then go on serving good batches for [`SERVE_ON`] (a
/// service does not exit after one error) and print `still serving` at the end. Under
/// [`Offload::Anti`] the process aborts in between: the error path may even run first (the
/// `oneshot`'s sender is dropped while the panic unwinds, before rayon aborts), but the
/// process dies a moment later all the same.
pub fn child(offload: Offload, say: impl Fn(&str)) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a current-thread runtime");
    runtime.block_on(async {
        let line = match offload.score(vec![4, 0, 2]).await {
            Ok(scores) => format!("scored: {scores:?}"),
            Err(OffloadError::Panicked(message)) => {
                format!("handled: the pool's work panicked: {message}")
            }
            Err(OffloadError::Lost) => "handled: the reply was lost".to_owned(),
        };
        say(&line);
        let until = tokio::time::Instant::now() + SERVE_ON;
        let mut batches = 0;
        while tokio::time::Instant::now() < until {
            let scores = offload.score(vec![1, 2, 4, 5]).await;
            assert!(scores.is_ok(), "a good batch is scored");
            batches += 1;
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        say(&format!("still serving: {batches} good batches since"));
    });
}
