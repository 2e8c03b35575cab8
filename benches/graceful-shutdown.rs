//! Criterion bench for the graceful-shutdown lab: how long a shutdown takes, from the signal
//! to the service's return with every worker flushed, per variant, on the real clock.
//!
//! Whether a shutdown happens at all is exact under paused time and lives in the tests and the
//! probe; what paused time cannot show is what the machinery costs. Two groups, the parameter
//! the number of workers:
//!
//! - `idle`: every worker waits in its `select!` (the tick is an hour away) when the signal
//!   comes. Even the anti-pattern stops here, so this is where it can be timed at all; it
//!   compares the mechanisms: a `Notify` heard by every worker, a token, a `watch`. `limit`
//!   is the floor: the bare `CancellationToken` round trip, `cancel()` waking the same number
//!   of parked tasks and every one joined ([`graceful_shutdown::limit`]).
//! - `busy`: every worker has just started a sync (2 to 8 ms of real sleep) when the signal
//!   comes. The services that race the sync against the signal stop in microseconds; the one
//!   that runs the sync inside the branch (`long-arm`) waits for it. The anti-pattern is left
//!   out: here it never stops. The headline is `long-arm` against `fixed` at the largest load.
//!
//! Only the shutdown is timed (`iter_custom`): starting the service is the same for every
//! variant. A current-thread runtime, so that "every worker is waiting" can be known without
//! a sleep: the bench yields until the ledger says every worker has run.
//!
//! Quick mode (`cargo xtask book`'s default, told by `evidence::Mode::from_env`) measures one
//! load, thirty samples per row; full mode and a `cargo bench` by hand measure every load with
//! criterion's defaults.

use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::measurement::WallTime;
use criterion::{
    BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main,
};
use evidence::Mode;
use graceful_shutdown::{Config, Ledger, Signal, Variant, Variants, limit};
use tokio::runtime::Runtime;

/// Workers per service ...
const WORKERS: [usize; 3] = [4, 16, 64];
/// ... and in quick mode: the headline's load only.
const QUICK_WORKERS: [usize; 1] = [16];

/// Whether `cargo xtask book` runs this bench in quick mode.
fn quick() -> bool {
    Mode::from_env() == Mode::Quick
}

/// Quick mode's settings: thirty flat samples in 0.35 s per row, so that eleven rows stay
/// within the lab's share of the measurement run.
fn quick_settings(group: &mut BenchmarkGroup<'_, WallTime>) {
    if quick() {
        group
            .sampling_mode(SamplingMode::Flat)
            .sample_size(30)
            .warm_up_time(Duration::from_millis(80))
            .measurement_time(Duration::from_millis(350));
    }
}

fn runtime() -> Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a current-thread runtime")
}

/// Yields until `ready`: on a current-thread runtime every other task runs in between.
async fn until(ready: impl Fn() -> bool) {
    while !ready() {
        tokio::task::yield_now().await;
    }
    // Once more: the last worker to count parks in the same poll, before this one runs.
    tokio::task::yield_now().await;
}

/// Times `iterations` shutdowns of `variant`, each from the signal to `run`'s return.
fn time_shutdowns(
    runtime: &Runtime,
    config: Config,
    busy: bool,
    variant: Variant,
    iterations: u64,
) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iterations {
        total += runtime.block_on(async {
            let ledger = Arc::new(Ledger::new(config));
            let signal = Signal::new();
            let service = tokio::spawn(variant.run(config, signal.clone(), Arc::clone(&ledger)));
            let workers = config.workers as u64;
            if busy {
                // Every worker is inside its first sync (the interval's first tick is at once).
                until(|| ledger.started() >= workers).await;
            } else {
                // Every worker has run its first, instant sync and waits for the next tick.
                until(|| ledger.synced() >= workers).await;
            }
            let start = Instant::now();
            signal.raise();
            service.await.expect("the service stops");
            let took = start.elapsed();
            assert!(
                ledger.records().iter().all(|r| r.is_flushed()),
                "{variant}: every worker flushed"
            );
            took
        });
    }
    total
}

/// Times `iterations` bare token round trips to `workers` parked tasks.
fn time_limit(runtime: &Runtime, workers: usize, iterations: u64) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iterations {
        total += runtime.block_on(async {
            let parked = limit::park(workers);
            // The spawned tasks run (and park) before this task is polled again.
            tokio::task::yield_now().await;
            let start = Instant::now();
            parked.cancel_and_join().await;
            start.elapsed()
        });
    }
    total
}

fn config(workers: usize, busy: bool) -> Config {
    Config {
        workers,
        // No tick fires during a run but the first, which `interval` fires at once.
        tick: Duration::from_secs(3_600),
        // Idle: an instant first sync. Busy: 2 to 8 ms, longer than any shutdown.
        job: if busy {
            Duration::from_millis(4)
        } else {
            Duration::ZERO
        },
    }
}

fn loads() -> &'static [usize] {
    if quick() { &QUICK_WORKERS } else { &WORKERS }
}

fn idle(c: &mut Criterion) {
    let mut group = c.benchmark_group("graceful-shutdown/idle");
    quick_settings(&mut group);
    let runtime = runtime();
    for &workers in loads() {
        // Every variant that returns: `lone-branch` panics at every shutdown.
        for &variant in Variant::all().iter().filter(|v| !v.faults().panics) {
            group.bench_function(BenchmarkId::new(variant.name(), workers), |b| {
                b.iter_custom(|n| {
                    time_shutdowns(&runtime, config(workers, false), false, variant, n)
                });
            });
        }
        group.bench_function(BenchmarkId::new("limit", workers), |b| {
            b.iter_custom(|n| time_limit(&runtime, workers, n));
        });
    }
    group.finish();
}

fn busy(c: &mut Criterion) {
    let mut group = c.benchmark_group("graceful-shutdown/busy");
    quick_settings(&mut group);
    let runtime = runtime();
    for &workers in loads() {
        // The anti-pattern loses the signal here and `lone-branch` panics: neither returns.
        for &variant in Variant::all()
            .iter()
            .filter(|v| !v.faults().hangs && !v.faults().panics)
        {
            group.bench_function(BenchmarkId::new(variant.name(), workers), |b| {
                b.iter_custom(|n| {
                    time_shutdowns(&runtime, config(workers, true), true, variant, n)
                });
            });
        }
    }
    group.finish();
}

criterion_group!(benches, idle, busy);
criterion_main!(benches);
