//! The variant popular guides recommend: a runtime per calling thread.
//!
//! [`RuntimePerThread::current_thread`] gives every thread that calls the bridge its own
//! current-thread runtime, built on that thread's first call. After that, calls are cheap and
//! no two threads ever share a runtime. The guides sell this as free of synchronisation and
//! immune to a deadlock that shared runtimes do not actually have. Its costs are real, though:
//!
//! - a current-thread runtime only runs while some thread is inside its `block_on`. A task that
//!   a call spawned and left behind is frozen between calls, and so is a socket's I/O, because
//!   the runtime that owns its registration is the one that has to turn the I/O driver;
//! - each thread pays for its own I/O driver and timer, so memory grows with the number of
//!   calling threads;
//! - called from async code, `block_on` still panics.
//!
//! [`RuntimePerThread::multi_thread`] is the trap: the same idea with a multi-thread runtime.
//! Every calling thread now brings one worker per core, so a pool of 8 host threads on an
//! 8-core machine runs 64 workers where one runtime needed 8.
//!
//! The runtimes live in per-object thread-local storage (the `thread_local` crate) rather than
//! `std`'s `thread_local!`, so that each bridge counts and owns its runtimes and tests can
//! create bridges side by side. They are dropped with the bridge, not when a thread exits:
//! that crate recycles the slot of a thread that has exited, so a thread started later
//! inherits its runtime instead of building one.

use std::sync::atomic::{AtomicUsize, Ordering};

use ::thread_local::ThreadLocal;
use tokio::runtime::{Builder, Runtime};

use crate::contract::{BackgroundTask, Bridge, CallError};
use crate::work;

/// Which runtime each calling thread gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flavor {
    CurrentThread,
    MultiThread,
}

/// A bridge that gives every calling thread a runtime of its own.
#[derive(Debug)]
pub struct RuntimePerThread {
    flavor: Flavor,
    runtimes: ThreadLocal<Runtime>,
    built: AtomicUsize,
}

impl RuntimePerThread {
    /// One current-thread runtime per calling thread: what the guides recommend.
    pub fn current_thread() -> Self {
        Self::with_flavor(Flavor::CurrentThread)
    }

    /// One multi-thread runtime per calling thread: a thread explosion.
    pub fn multi_thread() -> Self {
        Self::with_flavor(Flavor::MultiThread)
    }

    fn with_flavor(flavor: Flavor) -> Self {
        RuntimePerThread {
            flavor,
            runtimes: ThreadLocal::new(),
            built: AtomicUsize::new(0),
        }
    }

    /// This thread's runtime, built on its first call.
    fn runtime(&self) -> &Runtime {
        self.runtimes.get_or(|| {
            self.built.fetch_add(1, Ordering::Relaxed);
            build(self.flavor)
        })
    }
}

/// Runs once per calling thread: cheaper than per call, but it multiplies with threads.
fn build(flavor: Flavor) -> Runtime {
    let mut builder = match flavor {
        Flavor::CurrentThread => Builder::new_current_thread(),
        Flavor::MultiThread => Builder::new_multi_thread(),
    };
    builder.enable_all();
    // The demo's `--stall-report` watches it; a no-op everywhere else.
    demo_console::watch(&mut builder)
        .build()
        .expect("the OS refused to start a Tokio runtime")
}

impl Bridge for RuntimePerThread {
    fn call(&self, key: u64) -> Result<u64, CallError> {
        Ok(self.runtime().block_on(work::lookup(key)))
    }

    fn start_background(&self, task: BackgroundTask) -> Result<(), CallError> {
        // On a current-thread runtime this only queues the task: it first runs during this
        // thread's next call, and only for as long as that call lasts.
        self.runtime().spawn(task);
        Ok(())
    }

    fn runtimes_built(&self) -> usize {
        self.built.load(Ordering::Relaxed)
    }
}
