//! The two runtime flavours the lab runs on.
//!
//! Every measurement builds its runtime once and runs many requests on it; building one per
//! request would measure runtime start-up instead (that is the previous lab's anti-pattern).

use std::io;

use evidence::Variants;
use tokio::runtime::{Builder, Runtime};

/// Which kind of Tokio runtime to run on; the one that blocks most plainly first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flavor {
    /// One thread runs every task (`#[tokio::main(flavor = "current_thread")]`, and every
    /// `#[tokio::test]`).
    CurrentThread,
    /// One worker thread per core, with work stealing (`#[tokio::main]`).
    MultiThread,
}

impl Flavor {
    /// How many worker threads a runtime of this flavour has on this machine.
    pub fn workers(self) -> usize {
        match self {
            Flavor::CurrentThread => 1,
            // Tokio's own default: one worker per core the process may use.
            Flavor::MultiThread => std::thread::available_parallelism().map_or(1, |n| n.get()),
        }
    }

    /// Builds a runtime of this flavour with its timer enabled.
    pub fn runtime(self) -> io::Result<Runtime> {
        match self {
            Flavor::CurrentThread => build(Builder::new_current_thread().enable_time()),
            Flavor::MultiThread => multi_thread(self.workers()),
        }
    }
}

impl std::fmt::Display for Flavor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name())
    }
}

/// A multi-thread runtime with exactly `workers` workers, for tests and experiments that must
/// not depend on the machine's core count.
pub fn multi_thread(workers: usize) -> io::Result<Runtime> {
    build(
        Builder::new_multi_thread()
            .worker_threads(workers)
            .enable_time(),
    )
}

fn build(builder: &mut Builder) -> io::Result<Runtime> {
    // The demo's `--stall-report` watches it; a no-op everywhere else.
    demo_console::watch(builder).build()
}
