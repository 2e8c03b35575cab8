//! How long a task may compute between two yields: the heartbeat beside a task that works in
//! slices of a given length, on a current-thread runtime.

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
}

/// On a current-thread runtime, runs a task that computes for `slice` and yields, over and
/// over for `run`, beside a heartbeat. One run per slice length.
pub fn slices(slice_lengths: &[Duration], run: Duration) -> std::io::Result<Vec<SliceRun>> {
    let mut runs = Vec::new();
    for &slice in slice_lengths {
        let runtime = Flavor::CurrentThread.runtime()?;
        let monitor = tokio_metrics::TaskMonitor::new();
        let lateness = runtime.block_on(async {
            let heartbeat = Heartbeat::start_monitored(heartbeat::PERIOD, &monitor);
            let busy = tokio::spawn(async move {
                let end = Instant::now() + run;
                while Instant::now() < end {
                    busy_for(slice);
                    tokio::task::yield_now().await;
                }
            });
            busy.await.expect("the busy task does not panic");
            heartbeat.stop()
        });
        runs.push(SliceRun {
            slice,
            lateness,
            mean_scheduling_delay: monitor.cumulative().mean_scheduled_duration(),
        });
    }
    Ok(runs)
}

/// Keeps the CPU busy for `duration`.
fn busy_for(duration: Duration) {
    let end = Instant::now() + duration;
    while Instant::now() < end {
        std::hint::spin_loop();
    }
}
