//! The fix: one runtime, built on first use and shared by every caller.
//!
//! [`SharedRuntime`] builds a multi-thread runtime the first time any thread calls it and
//! keeps it for the life of the bridge ([`SharedRuntime::global`] for the life of the
//! process). Each call then only enters that runtime with `block_on`: a few atomic operations
//! and a wake-up, instead of starting and joining threads.
//!
//! Several threads may `block_on` the same runtime at once. A guide claims this deadlocks; it
//! does not, because each `block_on` drives its own future on its own calling thread while the
//! spawned work runs on the shared workers (the tests and the chapter check this).
//!
//! Calling a blocking API from async code is the trap next to the fix: blocking a thread
//! that belongs to some runtime stalls that runtime, and `Runtime::block_on` panics there.
//! So [`Bridge::call`] refuses with [`CallError::InsideRuntime`] instead of panicking, and
//! async callers get a twin, [`SharedRuntime::call_async`], that they can simply await.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::runtime::{Builder, Handle, Runtime};

use crate::contract::{BackgroundTask, Bridge, CallError};
use crate::work;

/// A bridge that owns one multi-thread runtime, built lazily and shared by every caller.
#[derive(Debug, Default)]
pub struct SharedRuntime {
    runtime: OnceLock<Runtime>,
    built: AtomicUsize,
}

impl SharedRuntime {
    /// A bridge whose runtime will be built by its first call.
    pub const fn new() -> Self {
        SharedRuntime {
            runtime: OnceLock::new(),
            built: AtomicUsize::new(0),
        }
    }

    /// The process-wide bridge, for code that has no place to keep one.
    pub fn global() -> &'static SharedRuntime {
        // A static rather than a `new()` per caller: the whole point is that there is one.
        static GLOBAL: SharedRuntime = SharedRuntime::new();
        &GLOBAL
    }

    /// The async twin of [`Bridge::call`], for callers that are already async.
    ///
    /// The lookup still runs on this bridge's runtime, so anything it creates (sockets,
    /// timers) belongs to the runtime that will keep driving it.
    pub async fn call_async(&self, key: u64) -> u64 {
        self.runtime()
            .spawn(work::lookup(key))
            .await
            .expect("the lookup task never panics")
    }

    /// How many worker threads the shared runtime runs.
    pub fn workers(&self) -> usize {
        self.runtime().metrics().num_workers()
    }

    fn runtime(&self) -> &Runtime {
        // `get_or_init` runs the closure once even when many threads race to the first call;
        // the losers wait for the winner's runtime instead of building their own.
        self.runtime.get_or_init(|| {
            self.built.fetch_add(1, Ordering::Relaxed);
            build_shared_runtime()
        })
    }
}

/// Start-up code: runs once per bridge, which is the fix.
fn build_shared_runtime() -> Runtime {
    let mut builder = Builder::new_multi_thread();
    builder.enable_all().thread_name("shared-runtime-worker");
    // The demo's `--stall-report` watches it; a no-op everywhere else.
    demo_console::watch(&mut builder)
        .build()
        .expect("the OS refused to start the shared Tokio runtime")
}

impl Bridge for SharedRuntime {
    fn call(&self, key: u64) -> Result<u64, CallError> {
        // Inside a runtime (an async task, or a thread it lent out) blocking is the wrong
        // answer whichever runtime we would block on. A clear error beats a panic.
        if Handle::try_current().is_ok() {
            return Err(CallError::InsideRuntime);
        }
        Ok(self.runtime().block_on(work::lookup(key)))
    }

    fn start_background(&self, task: BackgroundTask) -> Result<(), CallError> {
        // Spawning never blocks, so it is fine from anywhere, async code included.
        self.runtime().spawn(task);
        Ok(())
    }

    fn runtimes_built(&self) -> usize {
        self.built.load(Ordering::Relaxed)
    }
}
