//! Criterion bench for the sqlite-pool lab: what a store's pool setup costs under load.
//!
//! - `mixed`: 8 tasks at once, each making 16 operations (one insert to every three reads),
//!   on a fresh database per variant; time per operation. The `limit` row makes only the
//!   load's *writes*, one after another on one bare connection with the fix's options
//!   (`sqlite_pool::limit`): SQLite's single write lock makes the writes take turns whatever
//!   the pool, while reads can run beside them on other connections, so no store can finish
//!   the load faster than one connection doing its writes and nothing else.
//! - `synchronous`: single-row inserts, each its own transaction, on the fix's writer with
//!   `synchronous = NORMAL` (`fixed`) and with `FULL` (`full`), both under WAL: what the
//!   guide's "faster" is worth.
//!
//! Each iteration works on the same file, with new ids; the file grows by a few MiB over a
//! bench, not enough to change the B-tree's depth.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, Instant};

use criterion::measurement::WallTime;
use criterion::{
    BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group,
    criterion_main,
};
use evidence::Mode;
use sqlite_pool::fixed::{self, Synchronous};
use sqlite_pool::limit::Bare;
use sqlite_pool::load::{self, WRITE_EVERY};
use sqlite_pool::{Variant, Variants};

const TASKS: u64 = 8;
/// Operations per task: few, because `anti` does about a thousand a second.
const OPS: u64 = 16;
const INSERTS: u64 = 100;

fn quick_settings(group: &mut BenchmarkGroup<'_, WallTime>) {
    group.sampling_mode(SamplingMode::Flat);
    if Mode::from_env() == Mode::Quick {
        group
            .sample_size(10)
            .warm_up_time(Duration::from_millis(200))
            .measurement_time(Duration::from_millis(700));
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime")
}

/// Ids never reused within a process: every iteration inserts new rows.
static NEXT_ID: AtomicI64 = AtomicI64::new(0);

fn ids(n: u64) -> i64 {
    NEXT_ID.fetch_add(n as i64, Ordering::Relaxed)
}

fn mixed(c: &mut Criterion) {
    let mut group = c.benchmark_group("sqlite-pool/mixed");
    quick_settings(&mut group);
    group.throughput(Throughput::Elements(TASKS * OPS));
    let runtime = runtime();
    for &variant in Variant::all() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let store = runtime
            .block_on(variant.open(&dir.path().join("store.db")))
            .expect("the store opens");
        group.bench_function(BenchmarkId::new(variant.name(), TASKS), |b| {
            b.iter_custom(|iters| {
                runtime.block_on(async {
                    let started = Instant::now();
                    for _ in 0..iters {
                        let outcome = load::run(&store, TASKS, OPS, ids(TASKS * OPS)).await;
                        assert_eq!(outcome.done, TASKS * OPS, "every operation succeeds");
                    }
                    started.elapsed()
                })
            });
        });
        runtime.block_on(store.close());
    }
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut bare = runtime
        .block_on(Bare::open(&dir.path().join("store.db")))
        .expect("the connection opens");
    group.bench_function(BenchmarkId::new("limit", TASKS), |b| {
        b.iter_custom(|iters| {
            runtime.block_on(async {
                let started = Instant::now();
                for _ in 0..iters {
                    let first = ids(TASKS * OPS);
                    for op in (0..TASKS * OPS).step_by(WRITE_EVERY as usize) {
                        bare.insert(first + op as i64).await.expect("inserts");
                    }
                }
                started.elapsed()
            })
        });
    });
    group.finish();
}

fn synchronous(c: &mut Criterion) {
    let mut group = c.benchmark_group("sqlite-pool/synchronous");
    quick_settings(&mut group);
    group.throughput(Throughput::Elements(INSERTS));
    let runtime = runtime();
    for (name, level) in [("fixed", Synchronous::Normal), ("full", Synchronous::Full)] {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let store = runtime
            .block_on(fixed::open_with_synchronous(
                &dir.path().join("store.db"),
                level,
            ))
            .expect("the store opens");
        group.bench_function(BenchmarkId::new(name, 1), |b| {
            b.iter_custom(|iters| {
                runtime.block_on(async {
                    let started = Instant::now();
                    for _ in 0..iters {
                        let first = ids(INSERTS);
                        for i in 0..INSERTS {
                            store.insert(first + i as i64).await.expect("inserts");
                        }
                    }
                    started.elapsed()
                })
            });
        });
        runtime.block_on(store.close());
    }
    group.finish();
}

criterion_group!(benches, mixed, synchronous);
criterion_main!(benches);
