//! The list of handlers: every variant by name, the kind of work each does, and the one
//! `match` that runs each.
//!
//! Names and order come from clap's `ValueEnum` (through [`evidence::Variants`]: `all()`,
//! `name()`, `named()`), so the benches, the demo, the probe and the book cannot disagree on
//! them; declaration order is the book's order, each anti-pattern before its fixes. This is
//! the only module that knows every variant module.

use std::fmt;

use evidence::Variants;

use crate::contract::{HandlerError, Job};
use crate::runtime::Flavor;
use crate::{anti, fixed};

/// The kinds of blocking work a handler can have, each with its own anti-pattern and fixes,
/// in the order the book discusses them.
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
    /// Every variant that does this kind of work, the anti-pattern first.
    pub fn variants(self) -> Vec<Variant> {
        Variant::all()
            .iter()
            .copied()
            .filter(|v| v.work() == self)
            .collect()
    }
}

impl fmt::Display for Work {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

/// Every handler in this lab, by the name the benches, demo and book use, grouped by kind of
/// work, each anti-pattern before its fixes.
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
        f.write_str(&self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_work_starts_with_its_anti_pattern() {
        for &work in Work::all() {
            let variants = work.variants();
            assert!(variants[0].blocks_the_worker(), "{work}: {variants:?}");
        }
    }
}
