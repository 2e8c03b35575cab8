//! Criterion bench for the polling-queue lab: how long a job waits to start, on the real
//! clock.
//!
//! The tests and the probe show every fault exactly on the paused clock; this measures the
//! latency a real runtime adds. One group, `polling-queue/latency`: a pool of 4 workers on a
//! current-thread runtime, idle, is given `n` jobs one at a time, the producer waiting for each to
//! start before it queues the next (so every job meets an idle pool). Time per job is the
//! mean wait from `push` to the job's start. `anti` waits for a worker's next 100 ms tick
//! (the four workers started together, so their ticks stay in step: most of the interval),
//! `fast-poll` for the next 1 ms tick; the fixes for a wake-up.
//!
//! `limit` is the floor: `tokio::sync::mpsc` send to one task already parked in `recv()`,
//! and its answer back ([`polling_queue::limit`]): one store and one wake-up each way, the
//! least any queue can do to start a job on another task and tell the producer so. Every
//! row pays the same answer back (the pool's log wakes the producer when a job starts), so
//! the floor and the fixes are measured alike.
//!
//! `late-notify` is left out: on a multi-thread runtime its lost wake-up is a matter of
//! timing, and a lost one would hang the bench (a producer that waits for a start that never
//! comes). The tests show it on the paused clock, every time.

use std::time::{Duration, Instant};

use criterion::{
    BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group,
    criterion_main, measurement::WallTime,
};
use evidence::Mode;
use polling_queue::{Pool, Variant, Variants, limit};
use tokio::runtime::Runtime;

/// Jobs per iteration, one at a time.
const JOBS: u64 = 4;

/// Workers in the pool.
const WORKERS: usize = 4;

fn quick() -> bool {
    Mode::from_env() == Mode::Quick
}

/// Flat sampling: an iteration of `anti` is four waits for a tick, most of a second.
fn settings(group: &mut BenchmarkGroup<'_, WallTime>) {
    group.sampling_mode(SamplingMode::Flat);
    if quick() {
        group
            .sample_size(10)
            .warm_up_time(Duration::from_millis(100))
            .measurement_time(Duration::from_millis(700));
    } else {
        group
            .sample_size(30)
            .measurement_time(Duration::from_secs(5));
    }
}

/// Times `iterations` rounds of [`JOBS`] jobs queued one at a time to an idle pool.
fn time_pool(runtime: &Runtime, variant: Variant, iterations: u64) -> Duration {
    runtime.block_on(async {
        let pool = Pool::start(variant, WORKERS);
        // Untimed: every worker reaches its first wait.
        tokio::time::sleep(Duration::from_millis(2)).await;
        let total = usize::try_from(iterations * JOBS).expect("fits");
        let start = Instant::now();
        for queued in 1..=total {
            pool.push(Duration::ZERO);
            pool.log().started_at_least(queued).await;
        }
        start.elapsed()
    })
}

fn latency(c: &mut Criterion) {
    let mut group = c.benchmark_group("polling-queue/latency");
    settings(&mut group);
    group.throughput(Throughput::Elements(JOBS));
    // One thread: a hand-off is a task switch, not an OS thread's wake-up, so the fixes'
    // rows measure the queue and not how soon the kernel wakes a parked thread on a busy
    // machine (which moved them by a factor of two between runs on a multi-thread runtime).
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    for &variant in Variant::all() {
        if variant == Variant::LateNotify {
            continue;
        }
        // The polling rows wait for timers (an iteration of `anti` is most of a second, ten
        // samples are all quick mode affords); the others take microseconds, and thirty
        // samples narrow what a busy machine does to them.
        let slow = matches!(variant, Variant::Anti | Variant::FastPoll);
        if quick() {
            group.sample_size(if slow { 10 } else { 30 });
        }
        group.bench_function(BenchmarkId::new(variant.name(), JOBS), |b| {
            b.iter_custom(|n| time_pool(&runtime, variant, n));
        });
    }
    if quick() {
        group.sample_size(30);
    }
    group.bench_function(BenchmarkId::new("limit", JOBS), |b| {
        b.iter_custom(|n| {
            runtime.block_on(async {
                let start = Instant::now();
                limit::hand_off(n * JOBS).await;
                start.elapsed()
            })
        });
    });
    group.finish();
}

criterion_group!(benches, latency);
criterion_main!(benches);
