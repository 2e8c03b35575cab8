//! A worker pool far larger than the machine: `worker_threads(16)` on a two-core box, against
//! Tokio's default of one worker per core, running the same many small tasks.
//!
//! Memory and context switches are process-wide, so each size is meant to run in a fresh
//! process (the probe starts one per size). Linux reports everything we need per thread in
//! `/proc/self/task/<tid>/status`: the switches are summed over every thread of the process.

use std::time::{Duration, Instant};

use super::os_threads;

/// What one runtime size cost the process while it ran the same workload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OversizedPool {
    /// `worker_threads(n)`, or `None` for Tokio's default (one per available core).
    pub workers: Option<usize>,
    /// Threads the runtime added to the process.
    pub threads_workers: usize,
    /// Tasks the workload spawned.
    pub tasks: usize,
    /// Resident memory (`VmRSS`) after the workload, with the runtime still alive.
    pub rss_bytes: u64,
    /// Virtual memory (`VmSize`): address space reserved, resident or not.
    pub vm_bytes: u64,
    /// How long the workload took.
    pub elapsed: Duration,
    /// Context switches every thread made because it waited (parked), during the workload.
    pub voluntary_switches: u64,
    /// Context switches forced on threads by the scheduler (their time slice ran out).
    pub involuntary_switches: u64,
}

impl OversizedPool {
    /// One line of `key=value` fields, for a child process to hand its measurement back.
    pub fn to_line(&self) -> String {
        format!(
            "workers={} threads={} tasks={} rss={} vm={} elapsed_ns={} voluntary={} involuntary={}",
            self.workers.unwrap_or(0),
            self.threads_workers,
            self.tasks,
            self.rss_bytes,
            self.vm_bytes,
            self.elapsed.as_nanos(),
            self.voluntary_switches,
            self.involuntary_switches,
        )
    }

    /// Reads back what [`to_line`](Self::to_line) wrote; `None` when a field is missing.
    pub fn from_line(line: &str) -> Option<OversizedPool> {
        let field = |name: &str| -> Option<u64> {
            line.split_whitespace()
                .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
                .and_then(|value| value.parse().ok())
        };
        let workers = usize::try_from(field("workers")?).ok()?;
        Some(OversizedPool {
            workers: (workers > 0).then_some(workers),
            threads_workers: usize::try_from(field("threads")?).ok()?,
            tasks: usize::try_from(field("tasks")?).ok()?,
            rss_bytes: field("rss")?,
            vm_bytes: field("vm")?,
            elapsed: Duration::from_nanos(field("elapsed_ns")?),
            voluntary_switches: field("voluntary")?,
            involuntary_switches: field("involuntary")?,
        })
    }
}

/// Builds a multi-thread runtime with `workers` workers (default when `None`), then spawns
/// `tasks` tasks that each compute a little and yield a few times, and waits for all of them.
pub fn oversized_pool(workers: Option<usize>, tasks: usize) -> std::io::Result<OversizedPool> {
    let threads_before = os_threads().unwrap_or(0);
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    builder.enable_all();
    if let Some(workers) = workers {
        builder.worker_threads(workers);
    }
    let runtime = builder.build()?;
    // Workers start lazily on some platforms; one round trip through each makes them exist.
    runtime.block_on(async {
        let warm: Vec<_> = (0..64).map(|_| tokio::spawn(async {})).collect();
        for task in warm {
            let _ = task.await;
        }
    });
    let threads_workers = os_threads().unwrap_or(0).saturating_sub(threads_before);
    let switches_before = switches();
    let start = Instant::now();
    runtime.block_on(async {
        let handles: Vec<_> = (0..tasks as u64)
            .map(|key| tokio::spawn(small_request(key)))
            .collect();
        for handle in handles {
            std::hint::black_box(handle.await.expect("a small request does not panic"));
        }
    });
    let elapsed = start.elapsed();
    let switches_after = switches();
    let (rss_bytes, vm_bytes) = memory();
    Ok(OversizedPool {
        workers,
        threads_workers,
        tasks,
        rss_bytes,
        vm_bytes,
        elapsed,
        voluntary_switches: switches_after.0.saturating_sub(switches_before.0),
        involuntary_switches: switches_after.1.saturating_sub(switches_before.1),
    })
}

/// A request in miniature: a few microseconds of work in four pieces, yielding between them.
async fn small_request(key: u64) -> u64 {
    let mut x = key;
    for _ in 0..4 {
        for round in 0..2_000 {
            x = (x ^ round)
                .wrapping_mul(0x9E37_79B9_7F4A_7C15)
                .rotate_left(5);
        }
        tokio::task::yield_now().await;
    }
    x
}

/// `VmRSS` and `VmSize` of this process, in bytes (0 where `/proc` is missing).
fn memory() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    (
        status_field(&status, "VmRSS:") * 1024,
        status_field(&status, "VmSize:") * 1024,
    )
}

/// Voluntary and involuntary context switches, summed over every thread of this process.
fn switches() -> (u64, u64) {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return (0, 0);
    };
    let mut total = (0, 0);
    for task in tasks.flatten() {
        let status = std::fs::read_to_string(task.path().join("status")).unwrap_or_default();
        total.0 += status_field(&status, "voluntary_ctxt_switches:");
        total.1 += status_field(&status, "nonvoluntary_ctxt_switches:");
    }
    total
}

/// The first number after `name` in a `/proc` status text (kB for memory, a count otherwise).
fn status_field(status: &str, name: &str) -> u64 {
    status
        .lines()
        .find_map(|line| line.strip_prefix(name))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_measurement_survives_its_line() {
        let measured = OversizedPool {
            workers: Some(16),
            threads_workers: 16,
            tasks: 10,
            rss_bytes: 4096,
            vm_bytes: 1 << 30,
            elapsed: Duration::from_micros(1500),
            voluntary_switches: 7,
            involuntary_switches: 3,
        };
        assert_eq!(
            OversizedPool::from_line(&measured.to_line()),
            Some(measured)
        );
        assert_eq!(OversizedPool::from_line("workers=0"), None);
    }
}
