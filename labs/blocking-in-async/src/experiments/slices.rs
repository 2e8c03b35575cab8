//! How long a task may compute between two yields: the heartbeat beside a task that works in
//! slices of a given length, on a current-thread runtime.
//!
//! Two instruments watch the same run. The heartbeat is timer-driven, so it cannot see below
//! Tokio's millisecond tick: to it a 10 µs slice and a 1 ms slice look the same. The
//! *neighbour* is a second task that only yields and times, with `Instant`, the gap between
//! two of its own turns: that gap is what one slice of the busy task costs every other task on
//! the worker, to the microsecond.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::heartbeat::{self, Heartbeat, Lateness};
use crate::runtime::Flavor;

/// The heartbeat next to a task that computes in slices of a given length.
#[derive(Debug, Clone)]
pub struct SliceRun {
    /// How long the busy task ran between two yields.
    pub slice: Duration,
    /// The heartbeat's lateness.
    pub lateness: Lateness,
    /// The heartbeat task's mean wait between being woken and being polled.
    pub mean_scheduling_delay: Duration,
    /// The gaps between two turns of a task that does nothing but yield: microsecond
    /// resolution, unlike the heartbeat.
    pub neighbour_gap: Lateness,
}

/// On a current-thread runtime, runs a task that computes for `slice` and yields, over and
/// over for `run`, beside a heartbeat. One run per slice length.
pub fn slices(slice_lengths: &[Duration], run: Duration) -> std::io::Result<Vec<SliceRun>> {
    let mut runs = Vec::new();
    for &slice in slice_lengths {
        let runtime = Flavor::CurrentThread.runtime()?;
        let monitor = tokio_metrics::TaskMonitor::new();
        let (lateness, neighbour_gap) = runtime.block_on(async {
            let heartbeat = Heartbeat::start_monitored(heartbeat::PERIOD, &monitor);
            let done = Arc::new(AtomicBool::new(false));
            let neighbour = tokio::spawn(neighbour(Arc::clone(&done)));
            let busy = tokio::spawn(async move {
                let end = Instant::now() + run;
                while Instant::now() < end {
                    busy_for(slice);
                    tokio::task::yield_now().await;
                }
            });
            busy.await.expect("the busy task does not panic");
            done.store(true, Ordering::Relaxed);
            let gaps = neighbour.await.expect("the neighbour does not panic");
            (heartbeat.stop(), gaps)
        });
        runs.push(SliceRun {
            slice,
            lateness,
            mean_scheduling_delay: monitor.cumulative().mean_scheduled_duration(),
            neighbour_gap,
        });
    }
    Ok(runs)
}

/// Yields over and over until `done`, timing the gap between two of its own turns.
async fn neighbour(done: Arc<AtomicBool>) -> Lateness {
    let mut gaps = Vec::new();
    let mut last = Instant::now();
    while !done.load(Ordering::Relaxed) {
        tokio::task::yield_now().await;
        let now = Instant::now();
        gaps.push(now - last);
        last = now;
    }
    Lateness::from_samples(gaps)
}

/// Keeps the CPU busy for `duration`.
fn busy_for(duration: Duration) {
    let end = Instant::now() + duration;
    while Instant::now() < end {
        std::hint::spin_loop();
    }
}
