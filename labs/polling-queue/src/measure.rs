//! The measurements the probe and the demo print: each pool on the paused clock (exact), and
//! the CPU time an idle pool burns on the real clock.

use std::time::Duration;

use tokio::time::{Instant, sleep};

use crate::contract::POLL_INTERVAL;
use crate::pool::Pool;
use crate::variants::Variant;

/// What one pool did in the lab's paused-clock scenarios.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// Delay from queueing to start of a job queued to an idle pool of 2, 250 ms in.
    pub idle_latency: Duration,
    /// The worst such delay over 100 jobs queued 7 ms apart, among the jobs started 300 ms
    /// after the last was queued ...
    pub worst_latency: Duration,
    /// ... and how many of the 100 had not started by then.
    pub not_started: usize,
    /// The order 5 jobs queued together started in, on one worker.
    pub backlog_order: Vec<u64>,
    /// Wake-ups per worker in an idle second, a pool of 4 (the busiest worker).
    pub idle_wakeups: u64,
    /// Task polls Tokio's runtime metrics counted in that second (`worker_poll_count`, the
    /// whole runtime: the four workers; the future `block_on` runs is not a task, so it is
    /// not counted), a check on the pool's own counter that needs no wrapper around them.
    pub idle_runtime_polls: u64,
    /// Whether a job pushed between the worker's check and its wait was started.
    pub gap_job_started: bool,
    /// Jobs of 1 ms started in one second by a pool of 4 given 1 000 at once.
    pub per_second: usize,
}

/// Sleeps `d`, then lets every task woken at that instant run first.
async fn sleep_past(d: Duration) {
    sleep(d).await;
    for _ in 0..8 {
        tokio::task::yield_now().await;
    }
}

fn paused<T>(f: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .expect("a runtime")
        .block_on(f)
}

/// Runs `variant` through every paused-clock scenario.
pub fn profile(variant: Variant) -> Profile {
    let idle_latency = paused(async {
        let pool = Pool::start(variant, 2);
        sleep_past(POLL_INTERVAL * 2 + Duration::from_millis(50)).await;
        let id = pool.push(Duration::ZERO);
        sleep(POLL_INTERVAL * 2).await;
        pool.log().records()[usize::try_from(id).expect("small")]
            .latency()
            .unwrap_or(Duration::MAX)
    });
    let (worst_latency, not_started) = paused(async {
        let pool = Pool::start(variant, 2);
        for _ in 0..100 {
            sleep(Duration::from_millis(7)).await;
            pool.push(Duration::ZERO);
        }
        sleep(POLL_INTERVAL * 3).await;
        let records = pool.log().records();
        let worst = records.iter().filter_map(|r| r.latency()).max();
        let not_started = records.iter().filter(|r| r.started.is_none()).count();
        (worst.unwrap_or_default(), not_started)
    });
    let backlog_order = paused(async {
        let pool = Pool::start(variant, 1);
        sleep(POLL_INTERVAL + Duration::from_millis(50)).await;
        for _ in 0..5 {
            pool.push(Duration::from_millis(10));
        }
        sleep(POLL_INTERVAL * 10).await;
        pool.log().start_order()
    });
    let (idle_wakeups, idle_runtime_polls) = paused(async {
        let pool = Pool::start(variant, 4);
        // Every worker's first poll, before the second is counted.
        sleep_past(Duration::ZERO).await;
        let metrics = tokio::runtime::Handle::current().metrics();
        let before = metrics.worker_poll_count(0);
        sleep_past(Duration::from_secs(1)).await;
        let polls = metrics.worker_poll_count(0) - before;
        (pool.wakeups().into_iter().max().unwrap_or(0), polls)
    });
    let gap_job_started = paused(async {
        let pool = Pool::start(variant, 1);
        sleep(POLL_INTERVAL + Duration::from_millis(50)).await;
        pool.push(Duration::from_millis(10));
        let second = pool
            .push_in_the_gap(Duration::ZERO)
            .unwrap_or_else(|| pool.push(Duration::ZERO));
        sleep(Duration::from_secs(2)).await;
        pool.log().records()[usize::try_from(second).expect("small")]
            .started
            .is_some()
    });
    let per_second = paused(async {
        let pool = Pool::start(variant, 4);
        let start = Instant::now();
        for _ in 0..1_000 {
            pool.push(Duration::from_millis(1));
        }
        sleep(Duration::from_secs(1)).await;
        pool.log()
            .records()
            .iter()
            .filter(|r| {
                r.started
                    .is_some_and(|s| s - start < Duration::from_secs(1))
            })
            .count()
    });
    Profile {
        idle_latency,
        worst_latency,
        not_started,
        backlog_order,
        idle_wakeups,
        idle_runtime_polls,
        gap_job_started,
        per_second,
    }
}

/// The CPU time this process's threads have used so far, summed from Linux's
/// `/proc/self/task/*/schedstat` (its first field: time on a CPU, in ns). `None` where it
/// cannot be read.
pub fn process_cpu_time() -> Option<Duration> {
    let mut total = 0u64;
    for task in std::fs::read_dir("/proc/self/task").ok()? {
        let path = task.ok()?.path().join("schedstat");
        // A thread may have ended since the listing: skip it.
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        total += text.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(Duration::from_nanos(total))
}

/// CPU time a pool of `workers` of `variant` uses while idle for `idle` of real time, on a
/// two-thread runtime, the process's other threads included (they are idle too).
pub fn idle_cpu(variant: Variant, workers: usize, idle: Duration) -> Option<Duration> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let pool = Pool::start(variant, workers);
        // Let every worker reach its wait before the measurement starts.
        tokio::time::sleep(Duration::from_millis(20)).await;
        let before = process_cpu_time()?;
        tokio::time::sleep(idle).await;
        let after = process_cpu_time()?;
        drop(pool);
        Some(after.saturating_sub(before))
    })
}
