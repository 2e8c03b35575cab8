//! Criterion bench for the unbounded-concurrency lab: what a job of `N` inputs costs per
//! variant, and what the guides' redundant semaphore costs on top of `buffer_unordered`.
//!
//! Two groups:
//!
//! - `fan-out`: one iteration is one run of the job, `N` GETs (the parameter) to the loopback
//!   API with a cap of 8, from a fresh client, as a batch job starts: the unbounded variants
//!   open a connection per request in flight (`N`), the capped ones 8. The server answers at
//!   once (no latency), so what is timed is what the fan-out itself costs both ends: tasks,
//!   connections, requests. Server and client share one current-thread runtime, so a row
//!   measures the work of both with no thread hand-off in between. `governor` is left out:
//!   its time is the quota's (`N / per_second`), by design. `limit` is the floor: 8 plain
//!   loops over a shared counter (`limit`), the same GETs with no combinator at all.
//! - `redundant-semaphore`: 10 000 inputs whose fetch is one `yield_now` (no I/O), so that the
//!   only difference between `fixed` and `semaphore-and-buffer` is the semaphore the latter
//!   acquires and releases per item, which never makes anything wait. `limit` is the items
//!   awaited one after another, with no cap at all.
//!
//! Quick mode (`cargo xtask book`'s default) measures `fan-out` at 256 inputs only, twenty
//! samples a row; full mode and a `cargo bench` by hand measure 64, 256 and 1 024.

use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::measurement::WallTime;
use criterion::{
    BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group,
    criterion_main,
};
use evidence::Mode;
use unbounded_concurrency::server::{self, Http};
use unbounded_concurrency::{
    Bounds, Fetch, Fetcher, Fetching, Latency, Variant, Variants, expected, limit,
};

/// Inputs per job ...
const INPUTS: [usize; 3] = [64, 256, 1_024];
/// ... and in quick mode.
const QUICK_INPUTS: [usize; 1] = [256];
/// Inputs in the redundant-semaphore group.
const NO_OP_INPUTS: usize = 10_000;

fn quick() -> bool {
    Mode::from_env() == Mode::Quick
}

fn settings(group: &mut BenchmarkGroup<'_, WallTime>) {
    if quick() {
        group
            .sampling_mode(SamplingMode::Flat)
            .sample_size(20)
            .warm_up_time(Duration::from_millis(150))
            .measurement_time(Duration::from_millis(500));
    } else {
        group.measurement_time(Duration::from_secs(3));
    }
}

/// What one row runs: a variant, or the floor.
#[derive(Clone, Copy)]
enum Row {
    Variant(Variant),
    Limit,
}

impl Row {
    async fn run(self, fetcher: &Fetcher, ids: Vec<u64>) -> usize {
        let answers = match self {
            Row::Variant(variant) => variant.fetch_all(fetcher, ids, Bounds::USUAL).await,
            Row::Limit => limit::fetch_all(fetcher, ids, Bounds::USUAL).await,
        };
        answers.expect("every request answered").len()
    }

    fn name(self) -> String {
        match self {
            Row::Variant(variant) => variant.name(),
            Row::Limit => "limit".into(),
        }
    }
}

/// Runs `iters` jobs of `inputs` GETs, each from a fresh client, against one server sized for
/// them; returns the time of the jobs alone.
fn time_jobs(runtime: &tokio::runtime::Runtime, iters: u64, inputs: usize, row: Row) -> Duration {
    runtime.block_on(async {
        let requests = usize::try_from(iters).expect("iterations fit a usize") * inputs;
        let api = server::start(Latency::zero(), requests)
            .await
            .expect("a loopback port");
        let mut took = Duration::ZERO;
        for _ in 0..iters {
            let fetcher: Fetcher = Arc::new(Http::new(&api));
            let started = Instant::now();
            let answered = row.run(&fetcher, (0..inputs as u64).collect()).await;
            took += started.elapsed();
            assert_eq!(answered, inputs);
            // The client (and its connections) is dropped off the clock.
        }
        took
    })
}

fn fan_out(c: &mut Criterion) {
    let mut group = c.benchmark_group("unbounded-concurrency/fan-out");
    settings(&mut group);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a current-thread runtime");
    let loads: &[usize] = if quick() { &QUICK_INPUTS } else { &INPUTS };
    for &inputs in loads {
        group.throughput(Throughput::Elements(inputs as u64));
        let rows = Variant::all()
            .iter()
            .filter(|&&v| !v.keeps_quota())
            .map(|&v| Row::Variant(v))
            .chain([Row::Limit]);
        for row in rows {
            group.bench_function(BenchmarkId::new(row.name(), inputs), |b| {
                b.iter_custom(|iters| time_jobs(&runtime, iters, inputs, row));
            });
        }
    }
    group.finish();
}

/// A fetch that does no I/O: one yield, then the answer.
struct NoOp;

impl Fetch for NoOp {
    fn fetch(&self, id: u64) -> Fetching {
        Box::pin(async move {
            tokio::task::yield_now().await;
            Ok(expected(id))
        })
    }
}

fn redundant_semaphore(c: &mut Criterion) {
    let mut group = c.benchmark_group("unbounded-concurrency/redundant-semaphore");
    settings(&mut group);
    group.throughput(Throughput::Elements(NO_OP_INPUTS as u64));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a current-thread runtime");
    let fetcher: Fetcher = Arc::new(NoOp);
    for variant in [Variant::Fixed, Variant::SemaphoreAndBuffer] {
        group.bench_function(BenchmarkId::new(variant.name(), NO_OP_INPUTS), |b| {
            b.iter(|| {
                runtime.block_on(
                    Row::Variant(variant).run(&fetcher, (0..NO_OP_INPUTS as u64).collect()),
                )
            });
        });
    }
    group.bench_function(BenchmarkId::new("limit", NO_OP_INPUTS), |b| {
        b.iter(|| {
            runtime.block_on(async {
                let mut answers = Vec::with_capacity(NO_OP_INPUTS);
                for id in 0..NO_OP_INPUTS as u64 {
                    answers.push(fetcher.fetch(id).await.expect("no I/O, no error"));
                }
                answers.len()
            })
        });
    });
    group.finish();
}

criterion_group!(benches, fan_out, redundant_semaphore);
criterion_main!(benches);
