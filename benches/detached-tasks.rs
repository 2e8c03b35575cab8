//! Criterion bench for the detached-tasks lab: what supervision costs per job, from spawning
//! a batch to holding its report, per variant, on the real clock.
//!
//! Whether every outcome is reported is exact under paused time and lives in the tests and
//! the probe; what paused time cannot show is what keeping track of each job costs, which is
//! the reason people give for dropping the handle. One group, `supervise`, the parameter the
//! number of jobs in the batch, each job instant and successful (no timer, no error: the cost
//! is the supervision alone, and every variant reports the same thing). `Throughput` is the
//! batch, so the report shows time per job. `limit` is the floor: bare tasks spawned, their
//! handles kept in a `Vec` and awaited ([`detached_tasks::limit`]): a task per job, to stop a
//! panic, and a join per task, to hear of its end, with nothing else. `joined` spawns nothing,
//! so it can be below `limit`: it is what isolation is traded for.
//!
//! A current-thread runtime, so that the numbers are the machinery's and not the scheduler's
//! work stealing across cores of a shared machine.
//!
//! Quick mode (`cargo xtask book`'s default, told by `evidence::Mode::from_env`) measures one
//! load, thirty samples per row; full mode and a `cargo bench` by hand measure every load with
//! criterion's defaults.

use std::sync::Arc;
use std::time::Duration;

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use detached_tasks::contract::{Job, Kind};
use detached_tasks::{Ledger, Variant, Variants, limit};

/// Jobs per batch ...
const JOBS: [usize; 3] = [100, 1_000, 10_000];
/// ... and in quick mode: the headline's load only.
const QUICK_JOBS: [usize; 1] = [1_000];

fn quick() -> bool {
    evidence::Mode::from_env() == evidence::Mode::Quick
}

/// `n` instant jobs that succeed.
fn instant(n: usize) -> Vec<Job> {
    (0..n)
        .map(|id| Job {
            id,
            kind: Kind::Succeed,
            takes: Duration::ZERO,
        })
        .collect()
}

fn supervise(c: &mut Criterion) {
    let mut group = c.benchmark_group("detached-tasks/supervise");
    if quick() {
        group
            .sampling_mode(SamplingMode::Flat)
            .sample_size(30)
            .warm_up_time(Duration::from_millis(100))
            .measurement_time(Duration::from_millis(400));
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a current-thread runtime");
    let loads: &[usize] = if quick() { &QUICK_JOBS } else { &JOBS };
    for &n in loads {
        group.throughput(Throughput::Elements(n as u64));
        for &variant in Variant::all() {
            group.bench_function(BenchmarkId::new(variant.name(), n), |b| {
                b.iter_batched(
                    || (instant(n), Arc::new(Ledger::new())),
                    |(jobs, ledger)| {
                        let report = runtime.block_on(variant.run(jobs, ledger));
                        assert_eq!(report.outcomes.len(), n, "{variant}: every job reported");
                    },
                    criterion::BatchSize::SmallInput,
                );
            });
        }
        group.bench_function(BenchmarkId::new("limit", n), |b| {
            b.iter(|| runtime.block_on(limit::spawn_and_join(n)));
        });
    }
    group.finish();
}

criterion_group!(benches, supervise);
criterion_main!(benches);
