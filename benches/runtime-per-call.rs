//! Criterion bench for the runtime-per-call lab: what each way of bridging sync code to async
//! code costs per call.
//!
//! Three questions, one group each; the variant is the function id and the load the
//! parameter, so `cargo xtask report` can draw each group as cost against load:
//!
//! - `single-caller`: the latency of one call from one thread, bridge already warm. This is
//!   the headline ratio of the chapter, and it has a `limit` row: the bare round trip to
//!   another thread that the fix cannot beat (see [`RoundTrip`]).
//! - `callers`: 1 to 8 long-lived host threads (as a host language's thread pool) each making
//!   a batch of calls at once; reported per call. Shows how each variant scales with callers.
//! - `calls`: a fresh bridge making K calls and being dropped; reported per call. Shows how
//!   quickly the one-off cost of a shared or per-thread runtime is paid back.

use std::hint::black_box;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use runtime_per_call::host::HostThreads;
use runtime_per_call::{Bridge, Variant, Variants, work};

/// Calls each host thread makes per round in the `callers` group.
const CALLS_PER_ROUND: u64 = 8;

/// The floor under `fixed`: one call's hand-off to another thread and back, with no runtime.
///
/// A call through the shared runtime parks the calling thread while a worker runs the lookup,
/// and the worker wakes it when the answer is ready: two thread wake-ups. `RoundTrip` makes
/// the same round trip to one long-lived thread over std channels (each `recv` parks, each
/// `send` unparks) and computes the same answer, so no bridge that runs the work on another
/// thread can be faster. `thread-local` can, because it never leaves the calling thread; the
/// chapter shows what it pays for that instead.
struct RoundTrip {
    keys: Option<Sender<u64>>,
    answers: Receiver<u64>,
    thread: Option<JoinHandle<()>>,
}

impl RoundTrip {
    fn new() -> RoundTrip {
        let (keys, requests) = mpsc::channel::<u64>();
        let (replies, answers) = mpsc::channel();
        let thread = std::thread::spawn(move || {
            // Ends when the bench drops its sender.
            for key in requests {
                let _ = replies.send(work::checksum(key));
            }
        });
        RoundTrip {
            keys: Some(keys),
            answers,
            thread: Some(thread),
        }
    }

    fn call(&self, key: u64) -> u64 {
        let keys = self.keys.as_ref().expect("set until dropped");
        keys.send(key)
            .expect("the thread lives as long as RoundTrip");
        self.answers.recv().expect("the thread answers every key")
    }
}

impl Drop for RoundTrip {
    fn drop(&mut self) {
        drop(self.keys.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
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
    let limit = RoundTrip::new();
    assert_eq!(limit.call(0), work::checksum(0));
    group.bench_with_input(BenchmarkId::new("limit", 1), &limit, |b, limit| {
        b.iter(|| limit.call(black_box(7)));
    });
    group.finish();
}

fn callers(c: &mut Criterion) {
    let mut group = c.benchmark_group("runtime-per-call/callers");
    for threads in [1_usize, 2, 8] {
        group.throughput(Throughput::Elements(threads as u64 * CALLS_PER_ROUND));
        for &variant in Variant::all() {
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
    for calls in [1_u64, 16, 256] {
        group.throughput(Throughput::Elements(calls));
        for &variant in Variant::all() {
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
