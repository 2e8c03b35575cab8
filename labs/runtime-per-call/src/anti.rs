//! The anti-pattern: a whole runtime for every call.
//!
//! Each [`Bridge::call`] builds a multi-thread runtime, blocks on one small future and drops
//! the runtime again. Building starts one worker thread per core plus an I/O driver and a
//! timer; dropping joins those threads. That fixed cost dwarfs the work, and it is paid again
//! on the next call.
//!
//! Two more things go wrong that a benchmark does not show:
//!
//! - anything the call spawned and did not await is cancelled when the runtime is dropped, so
//!   [`Bridge::start_background`] starts a task that never runs;
//! - called from async code, `Runtime::block_on` panics ("Cannot start a runtime from within
//!   a runtime"). This bridge does not guard against that, because the code it models doesn't.

use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::runtime::Runtime;

use crate::contract::{BackgroundTask, Bridge, CallError};
use crate::work;

/// Builds a fresh multi-thread runtime for every call.
#[derive(Debug, Default)]
pub struct RuntimePerCall {
    built: AtomicUsize,
}

impl RuntimePerCall {
    /// A bridge that has built nothing yet.
    pub const fn new() -> Self {
        RuntimePerCall {
            built: AtomicUsize::new(0),
        }
    }

    #[expect(
        clippy::disallowed_methods,
        reason = "the anti-pattern itself: clippy.toml's ban on Runtime::new catches it here"
    )]
    fn build(&self) -> Runtime {
        self.built.fetch_add(1, Ordering::Relaxed);
        // `Runtime::new` is the multi-thread runtime with every driver enabled: what per-call
        // code in the wild builds. It only fails when the OS refuses threads or an epoll
        // instance, and a lab can stop there.
        Runtime::new().expect("the OS refused to start a Tokio runtime")
    }
}

impl Bridge for RuntimePerCall {
    fn call(&self, key: u64) -> Result<u64, CallError> {
        // scan: expect(runtime-per-call)
        let runtime = self.build();
        Ok(runtime.block_on(work::lookup(key)))
        // `runtime` is dropped here: its workers are shut down and joined before we return.
    }

    fn start_background(&self, task: BackgroundTask) -> Result<(), CallError> {
        // scan: expect(runtime-per-call)
        let runtime = self.build();
        runtime.spawn(task);
        // Dropping the runtime now cancels the task we just spawned, probably before its
        // first poll. The caller has no way to notice.
        Ok(())
    }

    fn runtimes_built(&self) -> usize {
        self.built.load(Ordering::Relaxed)
    }
}
