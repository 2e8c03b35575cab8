//! Every variant of the lab, by the name the benches, the demo and the book use.
//!
//! [`Variant`] derives clap's `ValueEnum`, so the names and their order are written once,
//! here, and read everywhere through [`evidence::Variants`]. This is the only file that knows
//! every variant module; each of them knows only the contract.

use std::fmt;
use std::path::Path;

use crate::contract::Opened;
use crate::{anti, async_fd, dedicated_thread, fixed};

/// Every way of reading the port: the anti-pattern first, the reference fix second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Variant {
    /// `tokio::fs::File`: every read a `spawn_blocking` job.
    Anti,
    /// `tokio::net::unix::pipe::Receiver`: the FIFO non-blocking, on the reactor.
    Fixed,
    /// `AsyncFd` over a non-blocking descriptor: any pollable device, on the reactor.
    AsyncFd,
    /// A `std::thread` per port doing blocking reads, and a channel.
    DedicatedThread,
}

/// What a variant costs while its port is silent, and what cancelling it leaves; each field is
/// judged by a test in `tests/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Faults {
    /// An idle reader holds a thread of Tokio's blocking pool (so, at the pool's cap, other
    /// file operations queue behind it).
    pub holds_pool_thread: bool,
    /// An idle reader holds some thread in `read(2)`, the pool's or its own.
    pub holds_thread: bool,
    /// After its port is dropped, a read left behind takes the next bytes, for nobody.
    pub reads_after_drop: bool,
}

impl Variant {
    /// What this variant gets wrong. A `match`, so a new variant cannot be added without
    /// deciding; the tests check every answer.
    pub fn faults(self) -> Faults {
        let (holds_pool_thread, holds_thread, reads_after_drop) = match self {
            Variant::Anti => (true, true, true),
            Variant::DedicatedThread => (false, true, true),
            Variant::Fixed | Variant::AsyncFd => (false, false, false),
        };
        Faults {
            holds_pool_thread,
            holds_thread,
            reads_after_drop,
        }
    }

    /// Opens the port at `path` this variant's way.
    pub async fn open(self, path: &Path) -> Opened {
        match self {
            Variant::Anti => anti::open(path).await,
            Variant::Fixed => fixed::open(path).await,
            Variant::AsyncFd => async_fd::open(path).await,
            Variant::DedicatedThread => dedicated_thread::open(path).await,
        }
    }
}

impl fmt::Display for Variant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use evidence::Variants as _;
        f.write_str(&self.name())
    }
}
