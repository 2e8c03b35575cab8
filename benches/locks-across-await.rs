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

use std::rc::Rc;
use std::sync::{Arc, Mutex};

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use locks_across_await::limit::round_trips_alone;
use locks_across_await::no_await::{
    self, TokioMutex, add_std_many, add_tokio_many, race_std, race_tokio,
};
use locks_across_await::workload::{self, ACCOUNTS, Clock, Keys, LocalSet, Workload};
use locks_across_await::{Ledger, Remote, Variant, Variants};

/// Tasks running at once in the `throughput` group.
const TASKS: [usize; 4] = [1, 4, 16, 64];

/// Lock-and-add operations per task in the `contended` group.
const ADDS: u64 = 256;

/// Lock-and-add operations in the `uncontended` group: enough that entering the runtime for
/// each iteration is a small part of its time.
const UNCONTENDED_ADDS: u64 = 4_096;

fn throughput(c: &mut Criterion) {
    let mut group = c.benchmark_group("locks-across-await/throughput");
    // An iteration lasts milliseconds (up to 128 ms for a queue of 64 round trips), so every
    // sample runs the same number of iterations instead of criterion's growing ramp.
    group.sampling_mode(SamplingMode::Flat);
    let runtime = workload::current_thread_runtime(Clock::Real);
    let local = LocalSet::new();
    for tasks in TASKS {
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
    let runtime = no_await::multi_thread_runtime();
    for tasks in [2_u64, 8, 64] {
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
