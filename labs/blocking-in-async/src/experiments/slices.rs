//! How long a task may compute between two yields: the heartbeat beside a task that works in
//! slices of a given length, on a current-thread runtime.
//!
//! Two instruments watch the same run. The heartbeat is timer-driven, so it cannot see below
//! Tokio's millisecond tick: to it a 10 µs slice and a 1 ms slice look the same. The
//! *requests* are the instrument with the resolution the claim needs: a plain thread sends a
//! timestamp every [`REQUEST_EVERY`] over a channel, and a task on the runtime answers each
//! one by reading the clock: `Instant` from send to answer is what a request that needs no work
//! at all waits for the busy task's slice, to the microsecond.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::heartbeat::{self, Heartbeat, Lateness};
use crate::runtime::Flavor;

use super::block_thread;

/// How often the requesting thread sends a request: several per slice at 1 ms and up, and
/// slower than the answering task's own cost.
pub const REQUEST_EVERY: Duration = Duration::from_micros(200);

/// The heartbeat next to a task that computes in slices of a given length.
#[derive(Debug, Clone)]
pub struct SliceRun {
    /// How long the busy task ran between two yields.
    pub slice: Duration,
    /// The heartbeat's lateness.
    pub lateness: Lateness,
    /// The heartbeat task's mean wait between being woken and being polled.
    pub mean_scheduling_delay: Duration,
    /// How long each request from another thread waited for its answer: microsecond
    /// resolution, unlike the heartbeat.
    pub request_latency: Lateness,
}

/// On a current-thread runtime, runs a task that computes for `slice` and yields, over and
/// over for `run`, beside a heartbeat. One run per slice length.
pub fn slices(slice_lengths: &[Duration], run: Duration) -> std::io::Result<Vec<SliceRun>> {
    let mut runs = Vec::new();
    for &slice in slice_lengths {
        let runtime = Flavor::CurrentThread.runtime()?;
        let monitor = tokio_metrics::TaskMonitor::new();
        let done = Arc::new(AtomicBool::new(false));
        // Bounded, as every channel in this workspace: the answering task keeps up with one
        // request per 200 µs, so the requester never waits for room in practice.
        let (requests, mut inbox) = tokio::sync::mpsc::channel::<Instant>(1024);
        let requester = {
            let done = Arc::clone(&done);
            std::thread::spawn(move || {
                while !done.load(Ordering::Relaxed)
                    && requests.blocking_send(Instant::now()).is_ok()
                {
                    block_thread(REQUEST_EVERY);
                }
            })
        };
        let (lateness, request_latency) = runtime.block_on(async {
            let heartbeat = Heartbeat::start_monitored(heartbeat::PERIOD, &monitor);
            let answering = tokio::spawn(async move {
                let mut waits = Vec::new();
                while let Some(sent) = inbox.recv().await {
                    waits.push(sent.elapsed());
                }
                Lateness::from_samples(waits)
            });
            let busy = tokio::spawn(async move {
                let end = Instant::now() + run;
                while Instant::now() < end {
                    busy_for(slice);
                    tokio::task::yield_now().await;
                }
            });
            busy.await.expect("the busy task does not panic");
            done.store(true, Ordering::Relaxed);
            // The requester drops its sender when it stops, which ends the answering loop.
            let waits = answering.await.expect("the answering task does not panic");
            (heartbeat.stop(), waits)
        });
        requester
            .join()
            .expect("the requesting thread does not panic");
        runs.push(SliceRun {
            slice,
            lateness,
            mean_scheduling_delay: monitor.cumulative().mean_scheduled_duration(),
            request_latency,
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
