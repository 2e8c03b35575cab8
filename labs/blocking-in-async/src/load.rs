//! Many requests at once, with the heartbeat beside them: the service the lab is about.
//!
//! Two shapes of load:
//!
//! - [`batch`]: `n` requests arrive together; it returns when the last is answered. Its
//!   elapsed time gives the throughput at that concurrency, and the criterion benches use it.
//! - [`steady`]: `clients` connections each send one request after another for a fixed time,
//!   the way a loaded service sees traffic. The probe and the demo use it.
//!
//! Each request is a task of its own, as in any Tokio server, and the heartbeat is one more
//! task on the same runtime.

use std::future::Future;
use std::time::Duration;

use tokio::time::Instant;
use tokio_metrics::TaskMonitor;

use crate::contract::{HandlerError, Job};
use crate::heartbeat::{self, Heartbeat, Lateness};
use crate::variants::Variant;

/// What one batch of concurrent requests showed.
#[derive(Debug, Clone)]
pub struct Batch {
    /// From the first request's arrival to the last answer.
    pub elapsed: Duration,
    /// The heartbeat's lateness over the same time.
    pub lateness: Lateness,
    /// Requests that ended in an error or a panic (zero unless something is broken).
    pub failures: usize,
    /// For each request, the time from the batch's start to its answer.
    pub latencies: Vec<Duration>,
}

impl Batch {
    /// The mean time from the batch's start to a request's answer.
    pub fn mean_latency(&self) -> Duration {
        let total: Duration = self.latencies.iter().sum();
        total / self.latencies.len().max(1) as u32
    }
}

/// Serves `requests` concurrent requests with `variant`, each a copy of `job` with its own
/// key, while a heartbeat ticks. Must run inside a Tokio runtime.
pub async fn batch(variant: Variant, requests: usize, job: &Job) -> Batch {
    batch_with(requests, job, move |job| variant.handle(job)).await
}

/// Like [`batch`], with any handler: `handle` turns each request's job into its answer.
pub async fn batch_with<H, F>(requests: usize, job: &Job, handle: H) -> Batch
where
    H: Fn(Job) -> F,
    F: Future<Output = Result<u64, HandlerError>> + Send + 'static,
{
    let heartbeat = Heartbeat::start(heartbeat::PERIOD);
    let start = Instant::now();
    let tasks: Vec<_> = (0..requests)
        .map(|i| {
            let request = handle(job.with_key(i as u64));
            // Timed inside the task, so a request is done when it answers, not when this loop
            // gets round to collecting it.
            tokio::spawn(async move { (request.await, start.elapsed()) })
        })
        .collect();
    let (mut failures, mut latencies) = (0, Vec::with_capacity(requests));
    for task in tasks {
        match task.await {
            Ok((Ok(_), latency)) => latencies.push(latency),
            _ => failures += 1,
        }
    }
    let elapsed = start.elapsed();
    Batch {
        elapsed,
        lateness: heartbeat.stop(),
        failures,
        latencies,
    }
}

/// The task monitors a [`steady`] run reports through.
#[derive(Debug, Clone)]
pub struct Monitors {
    /// Instruments every request's handler future: how long its polls take.
    pub requests: TaskMonitor,
    /// Instruments the heartbeat task: how long it waits between being woken and being polled.
    pub heartbeat: TaskMonitor,
}

impl Monitors {
    /// Monitors that count a poll longer than `slow_poll` as slow, and a wait in the run queue
    /// longer than `long_delay` as long.
    pub fn new(slow_poll: Duration, long_delay: Duration) -> Monitors {
        let build = || {
            let mut builder = TaskMonitor::builder();
            builder
                .with_slow_poll_threshold(slow_poll)
                .with_long_delay_threshold(long_delay);
            builder.build()
        };
        Monitors {
            requests: build(),
            heartbeat: build(),
        }
    }
}

/// What a [`steady`] run showed.
#[derive(Debug, Clone)]
pub struct Steady {
    /// Requests answered.
    pub completed: u64,
    /// Requests that ended in an error.
    pub failures: u64,
    /// How long the run really took (the last request may end after the planned duration).
    pub elapsed: Duration,
    /// The heartbeat's lateness over the run.
    pub lateness: Lateness,
}

impl Steady {
    /// Requests answered per second.
    pub fn throughput(&self) -> f64 {
        self.completed as f64 / self.elapsed.as_secs_f64()
    }
}

/// Runs `clients` connections, each sending requests back to back for `duration`, while a
/// heartbeat ticks. Must run inside a Tokio runtime.
pub async fn steady(
    variant: Variant,
    clients: usize,
    duration: Duration,
    job: &Job,
    monitors: &Monitors,
) -> Steady {
    let heartbeat = Heartbeat::start_monitored(heartbeat::PERIOD, &monitors.heartbeat);
    let start = Instant::now();
    let deadline = start + duration;
    let tasks: Vec<_> = (0..clients)
        .map(|client| {
            let job = job.clone();
            let monitor = monitors.requests.clone();
            tokio::spawn(async move {
                let (mut completed, mut failures) = (0u64, 0u64);
                let mut key = (client as u64) << 32;
                while Instant::now() < deadline {
                    match monitor.instrument(variant.handle(job.with_key(key))).await {
                        Ok(_) => completed += 1,
                        Err(_) => failures += 1,
                    }
                    key += 1;
                    // The next request arrives over the connection: reading it is an await
                    // that gives the worker back, as a socket read would.
                    tokio::task::yield_now().await;
                }
                (completed, failures)
            })
        })
        .collect();
    let (mut completed, mut failures) = (0, 0);
    for task in tasks {
        let (c, f) = task.await.unwrap_or((0, 1));
        completed += c;
        failures += f;
    }
    let elapsed = start.elapsed();
    Steady {
        completed,
        failures,
        elapsed,
        lateness: heartbeat.stop(),
    }
}
