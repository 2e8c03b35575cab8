//! Criterion bench for the runtime-per-call lab: what each way of bridging sync code to async
//! code costs per call.
//!
//! Three questions, one group each; the variant is the function id and the load the
//! parameter, so `cargo xtask report` can draw each group as cost against load:
//!
//! - `single-caller`: the latency of one call from one thread, bridge already warm. This is
//!   the headline ratio of the chapter, and it has a `limit` row: the bare round trip to
//!   another thread that the fix cannot beat (`runtime_per_call::round_trip`).
//! - `callers`: 1 to 8 long-lived host threads (as a host language's thread pool) each making
//!   a batch of calls at once; reported per call. Shows how each variant scales with callers.
//! - `calls`: a fresh bridge making K calls and being dropped; reported per call. Shows how
//!   quickly the one-off cost of a shared or per-thread runtime is paid back.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use evidence::Mode;
use runtime_per_call::host::HostThreads;
use runtime_per_call::round_trip::RoundTrip;
use runtime_per_call::{Bridge, Variant, Variants, work};

/// Calls each host thread makes per round in the `callers` group.
const CALLS_PER_ROUND: u64 = 8;

/// Whether `cargo xtask book` runs this bench in quick mode, where it measures only what the
/// chapter's claims and headline read: every variant in `single-caller`, and fewer loads and
/// variants in the other two groups (their tables show whatever was measured).
fn quick() -> bool {
    Mode::from_env() == Mode::Quick
}

fn single_caller(c: &mut Criterion) {
    let mut group = c.benchmark_group("runtime-per-call/single-caller");
    group.throughput(Throughput::Elements(1));
    for &variant in Variant::all() {
        let bridge = variant.bridge();
        // One warm-up call outside the timing, so per-thread runtimes already exist.
        bridge
            .call(0)
            .expect("the bench thread is not inside a runtime");
        group.bench_with_input(BenchmarkId::new(variant.name(), 1), &bridge, |b, bridge| {
            b.iter(|| bridge.call(black_box(7)));
        });
    }
    // The limit: the same answer computed on another thread, handed over and back.
    let limit = RoundTrip::new();
    assert_eq!(limit.call(0), work::checksum(0));
    group.bench_with_input(BenchmarkId::new("limit", 1), &limit, |b, limit| {
        b.iter(|| limit.call(black_box(7)));
    });
    group.finish();
}

fn callers(c: &mut Criterion) {
    let mut group = c.benchmark_group("runtime-per-call/callers");
    // Quick mode: the most callers only, and only the two variants the `thread-local-no-sync`
    // claim compares (`anti` pays the same start-up at every load, which `single-caller` and
    // `calls` show; `thread-local-multi`'s cost is its threads, which the footprint shows).
    let (loads, variants): (&[usize], Vec<Variant>) = if quick() {
        (&[8], vec![Variant::Fixed, Variant::ThreadLocal])
    } else {
        (&[1, 2, 8], Variant::all().to_vec())
    };
    for &threads in loads {
        group.throughput(Throughput::Elements(threads as u64 * CALLS_PER_ROUND));
        for &variant in &variants {
            let bridge: Arc<dyn Bridge> = Arc::from(variant.bridge());
            let hosts = HostThreads::new(threads, bridge);
            hosts.round(1);
            group.bench_with_input(
                BenchmarkId::new(variant.name(), threads),
                &hosts,
                |b, hosts| {
                    b.iter(|| hosts.round(CALLS_PER_ROUND));
                },
            );
        }
    }
    group.finish();
}

fn calls(c: &mut Criterion) {
    let mut group = c.benchmark_group("runtime-per-call/calls");
    if quick() {
        // An `anti` iteration at 256 calls takes tens of milliseconds, and criterion's linear
        // sampling needs n(n+1)/2 iterations for n samples: 465 at the command line's 30, 55 at
        // its minimum of 10. A group's own setting overrides the command line.
        group.sample_size(10);
    }
    // Quick mode: the two ends of the pay-back curve, for the variants the chapter compares.
    let (loads, variants): (&[u64], Vec<Variant>) = if quick() {
        (
            &[1, 256],
            vec![Variant::Anti, Variant::Fixed, Variant::ThreadLocal],
        )
    } else {
        (&[1, 16, 256], Variant::all().to_vec())
    };
    for &calls in loads {
        group.throughput(Throughput::Elements(calls));
        for &variant in &variants {
            group.bench_with_input(
                BenchmarkId::new(variant.name(), calls),
                &calls,
                |b, &calls| {
                    b.iter(|| {
                        // Building and dropping the bridge is part of what is measured here.
                        let bridge = variant.bridge();
                        for key in 0..calls {
                            black_box(bridge.call(key).expect("not inside a runtime"));
                        }
                    });
                },
            );
        }
    }
    group.finish();
}

criterion_group!(benches, single_caller, callers, calls);
criterion_main!(benches);
