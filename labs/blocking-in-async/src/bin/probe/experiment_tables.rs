//! The tables of the experiments behind the verdicts: one fragment per experiment.

use std::fmt::Write as _;

use blocking_in_async::experiments::{
    AllBlocked, BlockingPool, CpuBurst, FreezeRun, OversizedPool, RayonRun, SliceRun,
};
use evidence::number::{count, duration, mib};

use crate::{BURST_JOB, FREEZE_PAUSE, POOL_HOLD, RAYON_JOB, threads};

/// `pool.md`: the blocking pool around a burst of blocking calls.
pub fn pool(pool: &BlockingPool) -> String {
    format!(
        "{calls} calls to `spawn_blocking` started at once on a default multi-thread runtime, \
         each blocking its thread for {hold}.\n\n\
         | threads in the process before | calls running at the same time, at most | threads right after | threads {wait} later (keep-alive shortened to {keep}) |\n\
         | ---: | ---: | ---: | ---: |\n\
         | {before} | {peak} | {after} | {reaped} |\n",
        calls = count(pool.calls as u64),
        hold = duration(POOL_HOLD),
        wait = duration(3 * pool.keep_alive),
        keep = duration(pool.keep_alive),
        before = threads(pool.threads_before),
        peak = count(pool.peak_concurrent as u64),
        after = threads(pool.threads_after),
        reaped = threads(pool.threads_after_keep_alive),
    )
}

/// `slices.md`: the heartbeat beside a task computing in slices.
pub fn slices(slices: &[SliceRun]) -> String {
    let mut out = format!(
        "A current-thread runtime runs one task that computes for a fixed slice and then yields, \
         over and over, beside two instruments: *requests* that a plain thread sends every \
         {every} and a task on the runtime answers, each timed with `Instant` from send to answer \
         (microsecond resolution), and the 1 ms heartbeat (timer-driven, so it cannot see below \
         Tokio's millisecond tick).\n\n\
         | slice between yields | request's wait, p50 | p99 | heartbeat p50 | p99 | max | heartbeat: mean scheduling delay |\n\
         | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n",
        every = duration(blocking_in_async::experiments::REQUEST_EVERY),
    );
    for s in slices {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            duration(s.slice),
            duration(s.request_latency.p50()),
            duration(s.request_latency.p99()),
            duration(s.lateness.p50()),
            duration(s.lateness.p99()),
            duration(s.lateness.max()),
            duration(s.mean_scheduling_delay),
        );
    }
    out
}

/// `freeze.md`: the heartbeat with one, then every worker blocked.
pub fn freeze(freeze: &[FreezeRun]) -> String {
    let mut out = format!(
        "Clients of the `anti` variant send requests that each block their worker for {}, \
         back to back; nothing else runs but the heartbeat.\n\n\
         | runtime | workers | blocking clients | heartbeat p50 | p99 | max |\n\
         | --- | ---: | ---: | ---: | ---: | ---: |\n",
        duration(FREEZE_PAUSE),
    );
    for f in freeze {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            f.flavor,
            f.workers,
            f.blocking_clients,
            duration(f.lateness.p50()),
            duration(f.lateness.p99()),
            duration(f.lateness.max()),
        );
    }
    out
}

/// `all-blocked.md`: every worker blocked, plainly or in `block_in_place`.
pub fn all_blocked(all: &[AllBlocked]) -> String {
    let mut out = String::from(
        "Every worker of a multi-thread runtime blocks at once, plainly or inside \
         `block_in_place`; the process's threads are counted halfway through.\n\n\
         | how the workers block | workers | threads before | threads during | heartbeat max lateness |\n\
         | --- | ---: | ---: | ---: | ---: |\n",
    );
    for a in all {
        let how = if a.in_place {
            "inside `block_in_place`"
        } else {
            "plainly (`std::thread::sleep`)"
        };
        let _ = writeln!(
            out,
            "| {how} | {} | {} | {} | {} |",
            a.workers,
            threads(a.threads_before),
            threads(a.threads_during),
            duration(a.lateness.max()),
        );
    }
    out
}

/// `cpu-burst.md`: a burst of CPU jobs run each way.
pub fn cpu_burst(burst: &[CpuBurst]) -> String {
    let jobs = count(burst.first().map_or(0, |b| b.jobs) as u64);
    let job = duration(BURST_JOB);
    let mut out = format!(
        "{jobs} CPU-bound jobs of about {job} each start at once on the multi-thread runtime.\n\n\
         | how the jobs run | all done after | mean time to answer | most threads | heartbeat p99 | max |\n\
         | --- | ---: | ---: | ---: | ---: | ---: |\n"
    );
    for b in burst {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            b.runner.name(),
            duration(b.elapsed),
            duration(b.mean_latency),
            threads(b.peak_threads),
            duration(b.lateness.p99()),
            duration(b.lateness.max()),
        );
    }
    out
}

/// `rayon.md`: long parallel jobs inline and through `rayon::spawn`.
pub fn rayon(rayon: &[RayonRun]) -> String {
    let mut out = format!(
        "One client sends jobs back to back, each a parallel iterator over about {} of CPU \
         work, run inline or handed to rayon's pool.\n\n\
         | runtime | variant | heartbeat p50 | p99 | max |\n\
         | --- | --- | ---: | ---: | ---: |\n",
        duration(RAYON_JOB),
    );
    for r in rayon {
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {} | {} |",
            r.flavor,
            r.variant,
            duration(r.lateness.p50()),
            duration(r.lateness.p99()),
            duration(r.lateness.max()),
        );
    }
    out
}

/// `oversized.md`: `worker_threads(16)` against the default, one fresh process each.
pub fn oversized(runs: &[OversizedPool]) -> String {
    let mut out = String::from(
        "The same workload (many small tasks, each computing a few microseconds in four pieces \
         with a yield between them) on a default multi-thread runtime and on one with \
         `worker_threads(16)`, each in a fresh process. Memory is read from \
         `/proc/self/status` after the workload with the runtime alive; context switches are \
         summed over every thread of the process (`/proc/self/task/*/status`) during the \
         workload.\n\n\
         | workers | threads added | tasks | took | resident memory | virtual memory | voluntary context switches | involuntary |\n\
         | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n",
    );
    for r in runs {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            r.workers.map_or_else(
                || "default".to_string(),
                |w| format!("`worker_threads({w})`")
            ),
            count(r.threads_workers as u64),
            count(r.tasks as u64),
            duration(r.elapsed),
            mib(r.rss_bytes as f64),
            mib(r.vm_bytes as f64),
            count(r.voluntary_switches),
            count(r.involuntary_switches),
        );
    }
    out
}
