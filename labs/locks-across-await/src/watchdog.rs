//! Telling a deadlock from a finish without hanging: run it on a thread of its own.
//!
//! Two kinds of deadlock appear in this lab, and they need different instruments:
//!
//! - **Tasks waiting on each other** (two Tokio mutexes taken in opposite orders). The thread
//!   is free, the runtime is idle, and a Tokio timer still fires. With a paused clock the
//!   runtime jumps straight to that timer as soon as it is idle, so `tokio::time::timeout`
//!   reports the deadlock at once, deterministically, in virtual time.
//! - **A thread blocked outside Tokio** (a `std::sync::Mutex` guard held across an `.await`
//!   on a current-thread runtime). The runtime's only thread sleeps in the kernel inside
//!   `Mutex::lock`. No timer can fire, paused clock or not, because firing one needs that
//!   thread. Nothing inside the runtime can notice; only another thread can.
//!
//! [`on_own_thread`] covers the second kind: it runs a closure (typically "build a runtime
//! and run a workload on it") on a fresh thread and waits for its result for at most a given
//! wall-clock time. The bound is not a measurement: the workloads it guards run on a paused
//! clock and finish in microseconds of real time, so the bound only decides how long we are
//! willing to watch a thread that will never come back. Such a thread cannot be stopped from
//! outside; it is left blocked, and the process reclaims it when it exits.

use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// The closure did not return within the wall-clock bound: its thread is blocked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Blocked {
    /// How long we waited.
    pub waited: Duration,
}

impl std::fmt::Display for Blocked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the thread did not come back within {} of real time",
            evidence::number::duration(self.waited)
        )
    }
}

impl std::error::Error for Blocked {}

/// Runs `work` on a new thread and returns its result, or [`Blocked`] if it has not returned
/// after `limit` of real time. A panic in `work` is re-raised here.
pub fn on_own_thread<T, F>(limit: Duration, work: F) -> Result<T, Blocked>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let (done, result) = mpsc::channel();
    let started = Instant::now();
    let worker = thread::Builder::new()
        .name("watched".into())
        .spawn(move || {
            // The receiver is gone only if the watcher gave up; then no one needs the result.
            let _ = done.send(work());
        })
        .expect("the OS refused to start a thread");
    match result.recv_timeout(limit) {
        Ok(value) => Ok(value),
        Err(mpsc::RecvTimeoutError::Timeout) => Err(Blocked {
            waited: started.elapsed(),
        }),
        // The sender was dropped without a value: `work` panicked. Show that panic.
        Err(mpsc::RecvTimeoutError::Disconnected) => match worker.join() {
            Err(panic) => std::panic::resume_unwind(panic),
            Ok(()) => unreachable!("the worker sends before it returns"),
        },
    }
}
