//! # Blocking in async code
//!
//! A service handles many requests at once on a Tokio runtime. One handler has blocking work
//! to do: a pause before a retry, a hash to compute, a file to read, a batch to crunch on
//! rayon. Written the obvious way, inside the `async fn`:
//!
//! ```text
//! async fn handle(job: Job) -> u64 {
//!     std::thread::sleep(job.pause);   // or a long computation, or std::fs::read, ...
//!     answer(job.key)
//! }
//! ```
//!
//! It compiles, it returns the right answer, and it freezes everything that shares the
//! handler's worker thread for as long as the work takes. A Tokio worker switches tasks only
//! when the task it is polling returns `Poll::Pending`, which happens at an `.await` on
//! something not yet ready. Blocking code never returns: the thread is busy inside `poll`, and
//! every other task on that worker (other requests, timers, a heartbeat) waits. On a
//! current-thread runtime that is every task there is; on a multi-thread runtime it is every
//! task once as many handlers block as there are workers.
//!
//! The fix depends on the work:
//!
//! | work | anti-pattern | fix |
//! | --- | --- | --- |
//! | a pause | `std::thread::sleep` ([`anti::sleep`]) | `tokio::time::sleep` ([`fixed::sleep`]) |
//! | CPU-bound | computed inline ([`anti::cpu`]) | `spawn_blocking` ([`fixed::spawn_blocking`]), `block_in_place` ([`fixed::block_in_place`]) |
//! | data-parallel | a rayon iterator inline ([`anti::rayon`]) | `rayon::spawn` and a oneshot ([`fixed::rayon_oneshot`]) |
//! | file I/O | `std::fs` inline ([`anti::file`]) | `tokio::fs` ([`fixed::tokio_fs`]), one `spawn_blocking` ([`fixed::fs_spawn_blocking`]) |
//! | a long loop of ready `.await`s | never yields ([`anti::ready_loop`]) | `yield_now` ([`fixed::yield_now`]), `consume_budget` ([`fixed::consume_budget`]) |
//!
//! and one "fix" that is not: spawning the blocking work as a task and awaiting it at once
//! ([`anti::spawn_await`]), which only moves the blocking to another worker, or to the same
//! one.
//!
//! Every variant has the same signature, `async fn handle(job: Job) -> Result<u64,
//! HandlerError>`, and [`Variant::handle`] picks one by name, so the tests, the benches in
//! `benches/blocking-in-async.rs`, the demo and the probe run the same code against all of
//! them. The evidence comes from [`heartbeat`], a task that measures how late it wakes, and
//! [`load`], which runs many requests beside it.

pub mod anti;
pub mod experiments;
pub mod fixed;
pub mod heartbeat;
pub mod load;
pub mod runtime;
pub mod witness;
pub mod work;

pub use runtime::Flavor;
pub use work::Job;

use std::fmt;

/// The kinds of blocking work a handler can have, each with its own anti-pattern and fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Work {
    /// A pause: a backoff before a retry, a rate limit.
    Sleep,
    /// CPU-bound work on one thread: hashing, parsing, compressing.
    Cpu,
    /// Data-parallel CPU work on rayon's pool.
    Parallel,
    /// Reading a file.
    File,
    /// A long loop whose `.await`s are always ready.
    Loop,
}

impl Work {
    /// Every kind of work, in the order the book discusses them.
    pub const ALL: [Work; 5] = [
        Work::Sleep,
        Work::Cpu,
        Work::Parallel,
        Work::File,
        Work::Loop,
    ];

    /// The name used on command lines and in the book.
    pub fn name(self) -> &'static str {
        match self {
            Work::Sleep => "sleep",
            Work::Cpu => "cpu",
            Work::Parallel => "parallel",
            Work::File => "file",
            Work::Loop => "loop",
        }
    }

    /// Every variant that does this kind of work, the anti-pattern first.
    pub fn variants(self) -> Vec<Variant> {
        Variant::ALL
            .into_iter()
            .filter(|v| v.work() == self)
            .collect()
    }
}

impl fmt::Display for Work {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Every handler in this lab, by the name the benches, demo and book use.
///
/// `anti` and `fixed` are the headline pair (a pause); the other names say what they do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Variant {
    /// Pauses with `std::thread::sleep`: the worker thread sleeps, its tasks wait.
    Anti,
    /// Pauses with `tokio::time::sleep`: the task sleeps, the worker runs the others.
    Fixed,
    /// Moves the `std::thread::sleep` into a task spawned and awaited at once: still blocks.
    SpawnAwait,
    /// Computes inline in the async handler.
    CpuInline,
    /// Computes on Tokio's blocking pool with `spawn_blocking`.
    SpawnBlocking,
    /// Computes in place after telling the runtime with `block_in_place` (multi-thread only).
    BlockInPlace,
    /// Runs a rayon parallel iterator inline in the async handler.
    RayonInline,
    /// Runs the same iterator with `rayon::spawn` and awaits a oneshot.
    RayonOneshot,
    /// Reads the file with `std::fs` inline.
    StdFs,
    /// Reads the file with `tokio::fs`, one blocking-pool trip per read.
    TokioFs,
    /// Reads the file with `std::fs` inside one `spawn_blocking`.
    FsSpawnBlocking,
    /// Loops over always-ready `.await`s without ever yielding.
    ReadyLoop,
    /// The same loop with `tokio::task::yield_now` every few items.
    YieldNow,
    /// The same loop with `tokio::task::coop::consume_budget` on every item.
    ConsumeBudget,
}

impl Variant {
    /// Every variant, grouped by kind of work, each anti-pattern before its fixes.
    pub const ALL: [Variant; 14] = [
        Variant::Anti,
        Variant::Fixed,
        Variant::SpawnAwait,
        Variant::CpuInline,
        Variant::SpawnBlocking,
        Variant::BlockInPlace,
        Variant::RayonInline,
        Variant::RayonOneshot,
        Variant::StdFs,
        Variant::TokioFs,
        Variant::FsSpawnBlocking,
        Variant::ReadyLoop,
        Variant::YieldNow,
        Variant::ConsumeBudget,
    ];

    /// The name used on command lines, in bench ids and in the book.
    pub fn name(self) -> &'static str {
        match self {
            Variant::Anti => "anti",
            Variant::Fixed => "fixed",
            Variant::SpawnAwait => "spawn-await",
            Variant::CpuInline => "cpu-inline",
            Variant::SpawnBlocking => "spawn-blocking",
            Variant::BlockInPlace => "block-in-place",
            Variant::RayonInline => "rayon-inline",
            Variant::RayonOneshot => "rayon-oneshot",
            Variant::StdFs => "std-fs",
            Variant::TokioFs => "tokio-fs",
            Variant::FsSpawnBlocking => "fs-spawn-blocking",
            Variant::ReadyLoop => "ready-loop",
            Variant::YieldNow => "yield-now",
            Variant::ConsumeBudget => "consume-budget",
        }
    }

    /// The kind of work this variant does.
    pub fn work(self) -> Work {
        match self {
            Variant::Anti | Variant::Fixed | Variant::SpawnAwait => Work::Sleep,
            Variant::CpuInline | Variant::SpawnBlocking | Variant::BlockInPlace => Work::Cpu,
            Variant::RayonInline | Variant::RayonOneshot => Work::Parallel,
            Variant::StdFs | Variant::TokioFs | Variant::FsSpawnBlocking => Work::File,
            Variant::ReadyLoop | Variant::YieldNow | Variant::ConsumeBudget => Work::Loop,
        }
    }

    /// Whether this variant blocks the worker that polls it (the anti-patterns, and the
    /// spawn-and-await "fix" that is one too).
    pub fn blocks_the_worker(self) -> bool {
        matches!(
            self,
            Variant::Anti
                | Variant::SpawnAwait
                | Variant::CpuInline
                | Variant::RayonInline
                | Variant::StdFs
                | Variant::ReadyLoop
        )
    }

    /// Whether the variant can run on a runtime of this flavour at all: `block_in_place`
    /// panics on a current-thread runtime, which has no other thread to hand its tasks to.
    pub fn runs_on(self, flavor: Flavor) -> bool {
        !(self == Variant::BlockInPlace && flavor == Flavor::CurrentThread)
    }

    /// Handles one request this variant's way. Must be awaited inside a Tokio runtime.
    pub async fn handle(self, job: Job) -> Result<u64, HandlerError> {
        match self {
            Variant::Anti => anti::sleep::handle(job).await,
            Variant::Fixed => fixed::sleep::handle(job).await,
            Variant::SpawnAwait => anti::spawn_await::handle(job).await,
            Variant::CpuInline => anti::cpu::handle(job).await,
            Variant::SpawnBlocking => fixed::spawn_blocking::handle(job).await,
            Variant::BlockInPlace => fixed::block_in_place::handle(job).await,
            Variant::RayonInline => anti::rayon::handle(job).await,
            Variant::RayonOneshot => fixed::rayon_oneshot::handle(job).await,
            Variant::StdFs => anti::file::handle(job).await,
            Variant::TokioFs => fixed::tokio_fs::handle(job).await,
            Variant::FsSpawnBlocking => fixed::fs_spawn_blocking::handle(job).await,
            Variant::ReadyLoop => anti::ready_loop::handle(job).await,
            Variant::YieldNow => fixed::yield_now::handle(job).await,
            Variant::ConsumeBudget => fixed::consume_budget::handle(job).await,
        }
    }
}

impl fmt::Display for Variant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a handler could not answer.
#[derive(Debug)]
pub enum HandlerError {
    /// Reading the file failed.
    Io(std::io::Error),
    /// The work panicked on the thread it was moved to; the message, if it had one.
    Panicked(String),
    /// The work was dropped before it finished (its runtime or pool shut down).
    Cancelled,
}

impl HandlerError {
    /// The error for a panic caught with `catch_unwind` or reported by a `JoinError`.
    pub fn from_panic(payload: Box<dyn std::any::Any + Send>) -> HandlerError {
        // panic!("literal") carries a &str, panic!("{x}") a String; anything else is rare.
        let message = match payload.downcast::<String>() {
            Ok(message) => *message,
            Err(payload) => payload.downcast_ref::<&str>().map_or_else(
                || "a panic without a message".to_string(),
                |s| s.to_string(),
            ),
        };
        HandlerError::Panicked(message)
    }
}

impl fmt::Display for HandlerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HandlerError::Io(err) => write!(f, "reading the file failed: {err}"),
            HandlerError::Panicked(message) => write!(f, "the work panicked: {message}"),
            HandlerError::Cancelled => f.write_str("the work was cancelled before it finished"),
        }
    }
}

impl std::error::Error for HandlerError {}

impl From<std::io::Error> for HandlerError {
    fn from(err: std::io::Error) -> Self {
        HandlerError::Io(err)
    }
}

impl From<tokio::task::JoinError> for HandlerError {
    fn from(err: tokio::task::JoinError) -> Self {
        match err.try_into_panic() {
            Ok(payload) => HandlerError::from_panic(payload),
            Err(_) => HandlerError::Cancelled,
        }
    }
}
