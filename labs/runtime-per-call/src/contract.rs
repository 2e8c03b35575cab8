//! The contract: the synchronous API every bridge offers, and why a call can be refused.
//!
//! A binding exposes plain blocking functions; behind each one some async work has to run to
//! completion on some runtime. [`Bridge`] is that API, written once, so that every variant of
//! the lab (which runtime, built when, shared by whom) is judged by the same tests and benches.

use std::future::Future;
use std::pin::Pin;

/// A task a call starts and leaves running, such as a cache refresh or a flush of buffered
/// writes. Boxed so that [`Bridge`] stays object-safe.
pub type BackgroundTask = Pin<Box<dyn Future<Output = ()> + Send + 'static>>;

/// The synchronous API every variant offers, the way a binding would expose it.
///
/// Each method blocks the calling thread until its async work is done; none of them may be
/// called from inside an async task on a current-thread runtime without stalling it, which is
/// why [`CallError::InsideRuntime`] exists.
pub trait Bridge: Send + Sync {
    /// Looks `key` up by running [`crate::work::lookup`] to completion.
    fn call(&self, key: u64) -> Result<u64, CallError>;

    /// Starts `task` on the bridge's runtime and returns without waiting for it.
    fn start_background(&self, task: BackgroundTask) -> Result<(), CallError>;

    /// How many runtimes this bridge has built so far.
    fn runtimes_built(&self) -> usize;
}

/// Why a call was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallError {
    /// The caller is itself running inside a Tokio runtime. Blocking that thread would stall
    /// the caller's runtime (and `Runtime::block_on` panics there), so the fixed bridge refuses
    /// and points to its async twin instead.
    InsideRuntime,
}

impl std::fmt::Display for CallError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CallError::InsideRuntime => f.write_str(
                "called from inside a Tokio runtime: blocking this thread would stall that \
                 runtime; await `SharedRuntime::call_async` instead",
            ),
        }
    }
}

impl std::error::Error for CallError {}
