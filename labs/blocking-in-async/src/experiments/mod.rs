//! The measurements behind the chapter's verdicts on what popular guides claim.
//!
//! Each module runs one bounded experiment and returns plain numbers; the `probe` binary
//! turns them into the book's tables and verdicts. They measure on real threads and real
//! clocks (unlike the tests, which judge event order), so their numbers describe the machine
//! they ran on, and the probe stamps them with it.
//!
//! | experiment | question |
//! | --- | --- |
//! | [`every_variant`] | every handler under a steady load: heartbeat lateness, throughput, task metrics |
//! | [`blocking_pool`] | how many threads does the blocking pool really start? |
//! | [`slices`] | how long may a task run between two `.await`s? |
//! | [`freeze`] | does one blocked worker freeze the whole runtime? |
//! | [`all_workers_blocked`] | does Tokio add workers when every one is blocked? |
//! | [`cpu_burst`] | is `spawn_blocking` the tool for a burst of CPU work? |
//! | [`rayon_long`] | does a rayon iterator called inline block the runtime? |
//! | [`oversized_pool`] | what do 16 workers on a small machine cost? |

mod all_blocked;
mod blocking_pool;
mod cpu_burst;
mod every_variant;
mod freeze;
mod oversized_pool;
mod rayon_long;
mod slices;

use std::time::Duration;

pub use all_blocked::{AllBlocked, all_workers_blocked};
pub use blocking_pool::{BlockingPool, blocking_pool};
pub use cpu_burst::{BurstRunner, CpuBurst, cpu_burst};
pub use every_variant::{Setup, VariantRun, every_variant};
pub use freeze::{FreezeRun, freeze};
pub use oversized_pool::{OversizedPool, oversized_pool};
pub use rayon_long::{RayonRun, rayon_long};
pub use slices::{REQUEST_EVERY, SliceRun, slices};

/// Threads of this process right now, from `/proc/self/status` (Linux only).
pub fn os_threads() -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("Threads:")?.trim().parse().ok())
}

/// Blocks the calling thread; used where blocking is the point of the experiment.
#[expect(
    clippy::disallowed_methods,
    reason = "the experiments block threads on purpose, on the blocking pool or to freeze a worker"
)]
fn block_thread(duration: Duration) {
    std::thread::sleep(duration);
}
