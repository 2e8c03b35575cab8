//! Criterion bench for the locks-across-await lab: what holding a lock across a round trip
//! costs as concurrency grows, and what the two mutexes cost when nothing is held across one.
//!
//! Three questions, one group each; the variant is the function id and the load (tasks
//! running at once) the parameter, so `cargo xtask report` draws each group as cost against
//! load:
//!
//! - `throughput`: 1 to 64 tasks start together and each makes one deposit to its own account
//!   through one shared ledger; time per deposit. Every deposit needs a simulated round trip
//!   (a real 1 ms `tokio::time::sleep`). The headline: `tokio-mutex` against `fixed` at 64
//!   tasks. The `anti` variant is absent because it cannot run two tasks at all (it deadlocks
//!   a current-thread runtime and cannot be spawned on a multi-thread one), and
//!   `release-and-write` because timing a ledger that loses deposits says nothing useful.
//!   `limit` is the floor: the same tasks making the same round trips with no ledger at all
//!   (`locks_across_await::limit`); a fix whose round trips overlap can at best match it.
//! - `uncontended`: one task taking and releasing a lock with no `.await` inside, under
//!   `std::sync::Mutex` (`fixed`, what the fixes use) and `tokio::sync::Mutex`.
//! - `contended`: the same, from 2 to 64 tasks on a multi-thread runtime, all on one lock.
//!
//! The round trip and the timer: Tokio's timer counts whole milliseconds and rounds every
//! deadline up to the next tick, so a 1 ms sleep lasts between 1 and 2 ms depending on when
//! it starts. Timed naively, overlapping round trips (which start anywhere between two ticks)
//! would pay less per round trip than queued ones (which each start just after a tick).
//! `workload::time_batches` starts every batch just after a tick and times the batch alone,
//! so every round trip lasts exactly two ticks, alone or in a crowd. The exact count of round
//! trips is in the probe's virtual-time table; this bench adds what wall time adds to it
//! (scheduling, wake-ups, channel hops).
//!
//! Quick mode (`cargo xtask book`'s default, told by `evidence::Mode::from_env`) has to fit
//! the lab into its share of a five-minute budget, so it measures the loads the chapter
//! quotes (1, 16 and the headline's 64 tasks in `throughput`, 2 and 64 in `contended`) with
//! ten samples each: the ratios it reports are 4× to 60×, far wider than ten samples' interval.
//! Full mode and a `cargo bench` by hand measure every load with criterion's defaults.

use std::rc::Rc;
use std::sync::{Arc, Mutex};

use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{
    BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group,
    criterion_main,
};
use evidence::Mode;
use locks_across_await::limit::round_trips_alone;
use locks_across_await::no_await::{
    self, TokioMutex, add_std_many, add_tokio_many, race_std, race_tokio,
};
use locks_across_await::workload::{self, ACCOUNTS, Clock, Keys, LocalSet, Workload};
use locks_across_await::{Ledger, Remote, Variant, Variants};

/// Tasks running at once in the `throughput` group ...
const TASKS: [usize; 4] = [1, 4, 16, 64];
/// ... and in quick mode: one task, the middle of the plot, and the headline.
const QUICK_TASKS: [usize; 3] = [1, 16, 64];

/// Racing tasks in the `contended` group, and in quick mode (both ends).
const RACERS: [u64; 3] = [2, 8, 64];
const QUICK_RACERS: [u64; 2] = [2, 64];

/// Lock-and-add operations per task in the `contended` group.
const ADDS: u64 = 256;

/// Lock-and-add operations in the `uncontended` group: enough that entering the runtime for
/// each iteration is a small part of its time.
const UNCONTENDED_ADDS: u64 = 4_096;

/// Whether `cargo xtask book` runs this bench in quick mode.
fn quick() -> bool {
    Mode::from_env() == Mode::Quick
}

/// Quick mode's settings for a group, which override the command line's: ten samples (the
/// fewest criterion takes) in a short time. Without them, the two queues of 64 round trips
/// alone (136 ms an iteration, 30 samples) would take longer than the lab's whole share.
fn quick_settings(group: &mut BenchmarkGroup<'_, WallTime>) {
    if quick() {
        group
            .sample_size(10)
            .warm_up_time(Duration::from_millis(100))
            .measurement_time(Duration::from_millis(300));
    }
}

fn throughput(c: &mut Criterion) {
    let mut group = c.benchmark_group("locks-across-await/throughput");
    // An iteration lasts milliseconds (up to 128 ms for a queue of 64 round trips), so every
    // sample runs the same number of iterations instead of criterion's growing ramp.
    group.sampling_mode(SamplingMode::Flat);
    quick_settings(&mut group);
    let runtime = workload::current_thread_runtime(Clock::Real);
    let local = LocalSet::new();
    let loads: &[usize] = if quick() { &QUICK_TASKS } else { &TASKS };
    for &tasks in loads {
        let batch = Workload::new(tasks, Keys::Spread);
        group.throughput(Throughput::Elements(batch.deposits()));
        // Every correct variant: the others deadlock or lose deposits (see the module doc).
        for variant in Variant::correct() {
            // Built inside the runtime: the actors spawn their task there.
            let ledger: Rc<dyn Ledger> = local.block_on(&runtime, async {
                Rc::from(variant.ledger(ACCOUNTS, Remote::default()))
            });
            group.bench_with_input(
                BenchmarkId::new(variant.name(), tasks),
                &batch,
                |b, &batch| {
                    // Only the batches are timed, not the wait for the tick each one starts on.
                    b.iter_custom(|batches| {
                        local.block_on(&runtime, workload::time_batches(&ledger, batch, batches))
                    });
                },
            );
        }
        // The floor: the same round trips with no lock and no balance. No ledger makes a
        // deposit without its round trip, so none can beat this.
        let remote = Remote::default();
        group.bench_with_input(BenchmarkId::new("limit", tasks), &batch, |b, &batch| {
            b.iter_custom(|batches| {
                local.block_on(
                    &runtime,
                    workload::time_after_ticks(batches, || {
                        round_trips_alone(remote.clone(), batch)
                    }),
                )
            });
        });
    }
    group.finish();
}

fn uncontended(c: &mut Criterion) {
    let mut group = c.benchmark_group("locks-across-await/uncontended");
    quick_settings(&mut group);
    group.throughput(Throughput::Elements(UNCONTENDED_ADDS));
    let runtime = workload::current_thread_runtime(Clock::Real);
    let std_counter = Mutex::new(0);
    group.bench_function(BenchmarkId::new("fixed", 1), |b| {
        b.iter(|| runtime.block_on(add_std_many(&std_counter, UNCONTENDED_ADDS)));
    });
    let tokio_counter = TokioMutex::new(0);
    group.bench_function(BenchmarkId::new("tokio-mutex", 1), |b| {
        b.iter(|| runtime.block_on(add_tokio_many(&tokio_counter, UNCONTENDED_ADDS)));
    });
    group.finish();
}

fn contended(c: &mut Criterion) {
    let mut group = c.benchmark_group("locks-across-await/contended");
    // One worker per core (two on the project's machine): the tasks really race for the lock.
    quick_settings(&mut group);
    let runtime = no_await::multi_thread_runtime();
    let loads: &[u64] = if quick() { &QUICK_RACERS } else { &RACERS };
    for &tasks in loads {
        group.throughput(Throughput::Elements(tasks * ADDS));
        let std_counter = Arc::new(Mutex::new(0));
        group.bench_with_input(BenchmarkId::new("fixed", tasks), &tasks, |b, &tasks| {
            b.iter(|| runtime.block_on(race_std(&std_counter, tasks, ADDS)));
        });
        let tokio_counter = Arc::new(TokioMutex::new(0));
        group.bench_with_input(
            BenchmarkId::new("tokio-mutex", tasks),
            &tasks,
            |b, &tasks| {
                b.iter(|| runtime.block_on(race_tokio(&tokio_counter, tasks, ADDS)));
            },
        );
    }
    group.finish();
}

criterion_group!(benches, throughput, uncontended, contended);
criterion_main!(benches);
