//! Every pool of the lab, by the name the benches, the demo and the book use.
//!
//! [`Variant`] derives clap's `ValueEnum`, so the names and their order are written once,
//! here, and read everywhere through [`evidence::Variants`]. This is the only file that knows
//! every variant module; each of them knows only the contract.

use std::fmt;

use crate::contract::Built;
use crate::{anti, fast_poll, fixed, late_notify, mpmc, shared_receiver};

/// Every pool: the anti-pattern first, the reference fix second, then the other fixes, then
/// the other mistakes (the order of every table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Variant {
    /// Workers sleep 100 ms, lock a shared `Vec` and pop its last job.
    Anti,
    /// A `VecDeque` and a `Notify`, `notified()` enabled before the check.
    Fixed,
    /// An `async-channel` receiver cloned into every worker.
    Mpmc,
    /// One `tokio::sync::mpsc` receiver behind a Tokio `Mutex`.
    SharedReceiver,
    /// A `VecDeque` popped from the front, polled every millisecond.
    FastPoll,
    /// A `VecDeque` and a `Notify`, `notified()` created after the check.
    LateNotify,
}

/// What a pool gets wrong, each judged by a test in `tests/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Faults {
    /// A job queued while a worker is idle waits before it starts (paused time: any delay).
    pub late: bool,
    /// Jobs queued together start newest first.
    pub lifo: bool,
    /// Workers wake while the queue is empty.
    pub wakes_idle: bool,
    /// A job pushed between a worker's check and its wait is not started.
    pub loses_wakeup: bool,
}

impl Variant {
    /// What this pool gets wrong. A `match`, so a new variant cannot be added without
    /// deciding; the tests check every answer.
    pub fn faults(self) -> Faults {
        let (late, lifo, wakes_idle, loses_wakeup) = match self {
            Variant::Anti => (true, true, true, false),
            Variant::FastPoll => (true, false, true, false),
            Variant::LateNotify => (false, false, false, true),
            Variant::Fixed | Variant::Mpmc | Variant::SharedReceiver => {
                (false, false, false, false)
            }
        };
        Faults {
            late,
            lifo,
            wakes_idle,
            loses_wakeup,
        }
    }

    /// Whether this pool gets nothing wrong.
    pub fn is_correct(self) -> bool {
        self.faults()
            == Faults {
                late: false,
                lifo: false,
                wakes_idle: false,
                loses_wakeup: false,
            }
    }

    /// This variant's queue and `workers` worker bodies.
    pub fn build(self, workers: usize) -> Built {
        match self {
            Variant::Anti => anti::build(workers),
            Variant::Fixed => fixed::build(workers),
            Variant::Mpmc => mpmc::build(workers),
            Variant::SharedReceiver => shared_receiver::build(workers),
            Variant::FastPoll => fast_poll::build(workers),
            Variant::LateNotify => late_notify::build(workers),
        }
    }
}

impl fmt::Display for Variant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use evidence::Variants as _;
        f.write_str(&self.name())
    }
}
