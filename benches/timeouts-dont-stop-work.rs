//! Criterion bench for the timeouts-dont-stop-work lab: how long each handler takes to give
//! up on a job that does not fit its limit, on the real clock.
//!
//! The tests and the probe show it exactly under paused time; this measures it with real
//! CPU work. One group, `give-up`: a job of `n` ms of CPU work (steps of 50 µs that spin
//! their thread), one attempt with a limit of 5 ms, on a two-worker runtime. The parameter is
//! the job's length: `anti` gives up (with the answer) only when the job is done, so its time
//! grows with the job; a handler that keeps its limit takes the limit whatever the job.
//! `limit` is the floor: `timeout(5 ms, pending())`, the timer alone with nothing to stop
//! ([`timeouts_dont_stop_work::limit`]). It costs the limit, plus the wait for Tokio's timer
//! (deadlines are rounded up to the next millisecond, and the timer wheel is read when a
//! worker wakes), plus the wake-up of the waiting task: no handler that gives every attempt
//! its limit can give up sooner. Above it a fix pays the step under way (50 µs) and the
//! stop.
//!
//! Only the handler is timed (`iter_custom`): copies that `blocking-retry` and
//! `abort-blocking` leave running are waited for after the clock stops, so that one
//! iteration's leftovers never slow the next (what they cost is counted in the tests and the
//! probe, not here).
//!
//! Quick mode (`cargo xtask book`'s default, told by `evidence::Mode::from_env`) measures the
//! headline's load only, twenty samples per row; full mode and a `cargo bench` by hand measure
//! every load with more samples.

use std::time::{Duration, Instant};

use criterion::measurement::WallTime;
use criterion::{
    BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main,
};
use evidence::Mode;
use timeouts_dont_stop_work::{Cost, Job, Policy, Variant, Variants, Work, limit};
use tokio::runtime::Runtime;

/// The job's length, in ms of CPU work ...
const JOB_MS: [u32; 3] = [10, 20, 40];
/// ... and in quick mode: the headline's load only.
const QUICK_JOB_MS: [u32; 1] = [40];

/// One step's CPU time: a job of 40 ms is 800 steps.
const STEP: Duration = Duration::from_micros(50);

/// One attempt of 5 ms: the time to give up, with no retry to add to it.
const POLICY: Policy = Policy {
    limit: Duration::from_millis(5),
    attempts: 1,
};

fn quick() -> bool {
    Mode::from_env() == Mode::Quick
}

/// Quick mode's settings: twenty flat samples a row (the slowest row, `anti`, is 40 ms an
/// iteration and more on a busy machine, one iteration a sample), so that the eight rows stay
/// within the lab's share of the main job's time. Twenty, not ten: a spinning step that the
/// scheduler preempts ends late, and on a shared machine a few such samples must not decide
/// the interval.
fn settings(group: &mut BenchmarkGroup<'_, WallTime>) {
    group.sampling_mode(SamplingMode::Flat);
    if quick() {
        group
            .sample_size(20)
            .warm_up_time(Duration::from_millis(100))
            .measurement_time(Duration::from_millis(800));
    } else {
        group
            .sample_size(30)
            .measurement_time(Duration::from_secs(3));
    }
}

/// What one row runs: a handler, or the floor.
#[derive(Clone, Copy)]
enum Row {
    Variant(Variant),
    Limit,
}

/// Times `row` giving up (or answering) on `iterations` jobs of `job_ms`.
fn time_give_ups(runtime: &Runtime, job_ms: u32, iterations: u64, row: Row) -> Duration {
    let work = Work::new(Cost::Spin(STEP));
    let job = Job {
        id: 1,
        steps: job_ms * 1_000 / u32::try_from(STEP.as_micros()).expect("small"),
    };
    let mut total = Duration::ZERO;
    for _ in 0..iterations {
        let start = Instant::now();
        runtime.block_on(async {
            match row {
                Row::Variant(variant) => {
                    let _answer = variant.handle(&work, job, POLICY).await;
                }
                Row::Limit => {
                    limit::give_up(POLICY).await;
                }
            }
        });
        total += start.elapsed();
        // Untimed: what an abandoned copy does after the handler returned.
        work.wait_until_idle();
    }
    total
}

fn give_up(c: &mut Criterion) {
    let mut group = c.benchmark_group("timeouts-dont-stop-work/give-up");
    settings(&mut group);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_time()
        .build()
        .expect("a multi-thread runtime");
    let loads: &[u32] = if quick() { &QUICK_JOB_MS } else { &JOB_MS };
    for &job_ms in loads {
        for &variant in Variant::all() {
            group.bench_function(BenchmarkId::new(variant.name(), job_ms), |b| {
                b.iter_custom(|n| time_give_ups(&runtime, job_ms, n, Row::Variant(variant)));
            });
        }
        group.bench_function(BenchmarkId::new("limit", job_ms), |b| {
            b.iter_custom(|n| time_give_ups(&runtime, job_ms, n, Row::Limit));
        });
    }
    group.finish();
}

criterion_group!(benches, give_up);
criterion_main!(benches);
