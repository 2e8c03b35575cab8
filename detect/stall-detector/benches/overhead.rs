//! What the stall detector costs: spawn-and-yield throughput with and without its hooks.
//!
//! The worst case for a per-poll hook is a task that does almost nothing per poll, so each
//! iteration spawns 1 000 tasks that yield once (two polls each) and waits for all of them,
//! on a runtime without the detector (`bare`) and with it (`detector`, watchdog included), on
//! both runtime flavours. `cargo xtask stalls` turns the two into a ratio for the book.

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use evidence::stamp::Mode;
use tokio::runtime::{Builder, Runtime};

const TASKS: u64 = 1_000;

fn runtime(flavor: &str, detector: bool) -> Runtime {
    let mut builder = match flavor {
        "current-thread" => Builder::new_current_thread(),
        _ => Builder::new_multi_thread(),
    };
    if detector {
        // The handle is dropped at once; the hooks keep the recorder alive with the runtime.
        let _ = stall_detector::install(&mut builder);
    }
    builder.build().expect("a runtime")
}

async fn spawn_and_yield() {
    let handles: Vec<_> = (0..TASKS)
        .map(|_| tokio::spawn(tokio::task::yield_now()))
        .collect();
    for handle in handles {
        handle.await.expect("the task does not panic");
    }
}

fn overhead(c: &mut Criterion) {
    let mut group = c.benchmark_group("stall-detector/spawn-yield");
    group.throughput(Throughput::Elements(TASKS));
    if Mode::from_env() == Mode::Quick {
        group.warm_up_time(Duration::from_millis(300));
        group.measurement_time(Duration::from_millis(1_200));
        group.sample_size(20);
    }
    for flavor in ["multi-thread", "current-thread"] {
        for (name, detector) in [("bare", false), ("detector", true)] {
            let runtime = runtime(flavor, detector);
            group.bench_with_input(BenchmarkId::new(name, flavor), &(), |b, ()| {
                b.iter(|| runtime.block_on(spawn_and_yield()));
            });
        }
    }
    group.finish();
}

criterion_group!(benches, overhead);
criterion_main!(benches);
