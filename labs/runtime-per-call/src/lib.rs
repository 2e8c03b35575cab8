//! # A runtime per call
//!
//! A synchronous entry point (what an FFI binding or a blocking library API exposes) has to
//! run async code inside. The tempting way is to build a Tokio runtime right there:
//!
//! ```text
//! fn lookup(key) -> u64 { Runtime::new()?.block_on(async_lookup(key)) }
//! ```
//!
//! It works, and every call pays for it. A multi-thread runtime starts one worker thread per
//! core, an I/O driver (an epoll instance) and a timer wheel, and dropping it joins all of
//! those threads again. The async work itself takes microseconds; the runtime around it takes
//! far longer, and anything the call spawned to finish later is cancelled when the runtime is
//! dropped at the end of the call.
//!
//! This crate puts every way of bridging sync to async behind one trait, [`Bridge`], so the
//! tests, the benches in `benches/runtime-per-call.rs` and the demo binary run the same code
//! against each of them:
//!
//! | variant | module | what it does |
//! | --- | --- | --- |
//! | `anti` | [`anti`] | builds and drops a multi-thread runtime on every call |
//! | `fixed` | [`fixed`] | one runtime, built on first use, shared by every caller |
//! | `thread-local` | [`per_thread`] | one current-thread runtime per calling thread, as popular guides recommend |
//! | `thread-local-multi` | [`per_thread`] | one *multi-thread* runtime per calling thread: the trap |
//!
//! The [`footprint`] module reads what a variant costs the process (threads and resident
//! memory) from the process itself, and [`host`] keeps a fixed set of long-lived caller
//! threads, the way a host language's thread pool would call in.

pub mod anti;
pub mod fixed;
pub mod footprint;
pub mod host;
pub mod per_thread;
pub mod work;

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
    /// Looks `key` up by running [`work::lookup`] to completion.
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

/// Every bridge in this lab, by the name the benches, demo and book use.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Variant {
    /// A new multi-thread runtime built and dropped on every call.
    Anti,
    /// One shared multi-thread runtime, built once.
    Fixed,
    /// One current-thread runtime per calling thread.
    ThreadLocal,
    /// One multi-thread runtime per calling thread.
    ThreadLocalMulti,
}

impl Variant {
    /// Every variant, anti-pattern first.
    pub const ALL: [Variant; 4] = [
        Variant::Anti,
        Variant::Fixed,
        Variant::ThreadLocal,
        Variant::ThreadLocalMulti,
    ];

    /// The name used on command lines, in bench ids and in the book.
    pub fn name(self) -> &'static str {
        match self {
            Variant::Anti => "anti",
            Variant::Fixed => "fixed",
            Variant::ThreadLocal => "thread-local",
            Variant::ThreadLocalMulti => "thread-local-multi",
        }
    }

    /// A fresh bridge of this kind, with nothing built yet.
    pub fn bridge(self) -> Box<dyn Bridge> {
        match self {
            Variant::Anti => Box::new(anti::RuntimePerCall::new()),
            Variant::Fixed => Box::new(fixed::SharedRuntime::new()),
            Variant::ThreadLocal => Box::new(per_thread::RuntimePerThread::current_thread()),
            Variant::ThreadLocalMulti => Box::new(per_thread::RuntimePerThread::multi_thread()),
        }
    }
}

impl std::fmt::Display for Variant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
