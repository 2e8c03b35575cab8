//! How many runtimes each bridge builds, counted by the bridge itself.
//!
//! The headline symptom in numbers that cannot flake: the anti-pattern builds one runtime per
//! call, the fix builds one in total however many threads race to the first call, and the
//! per-thread variants build one per calling thread.

use std::sync::{Arc, Barrier};

use runtime_per_call::{Bridge, Variant, work};

/// Makes `calls` calls from each of `threads` threads that all start at the same moment and
/// stay alive until every one of them is done, checking every answer, and returns the bridge
/// for inspection.
fn call_from_threads(variant: Variant, threads: usize, calls: u64) -> Box<dyn Bridge> {
    let bridge = variant.bridge();
    let (start, end) = (Barrier::new(threads), Barrier::new(threads));
    std::thread::scope(|scope| {
        for t in 0..threads as u64 {
            let (bridge, start, end) = (&bridge, &start, &end);
            scope.spawn(move || {
                start.wait();
                for i in 0..calls {
                    let key = t * 1_000 + i;
                    assert_eq!(bridge.call(key), Ok(work::checksum(key)));
                }
                // A thread that exits early would hand its slot, and with it its per-thread
                // runtime, to a thread started later (see `per_thread`): count live threads.
                end.wait();
            });
        }
    });
    bridge
}

#[test]
fn the_anti_pattern_builds_a_runtime_for_every_call() {
    assert_eq!(call_from_threads(Variant::Anti, 1, 20).runtimes_built(), 20);
    assert_eq!(call_from_threads(Variant::Anti, 4, 5).runtimes_built(), 20);
}

#[test]
fn the_fix_builds_one_runtime_whatever_the_number_of_calls() {
    for (threads, calls) in [(1, 1), (1, 200), (8, 50)] {
        let bridge = call_from_threads(Variant::Fixed, threads, calls);
        assert_eq!(
            bridge.runtimes_built(),
            1,
            "{threads} threads x {calls} calls"
        );
    }
}

#[test]
fn per_thread_variants_build_one_runtime_per_calling_thread() {
    for variant in [Variant::ThreadLocal, Variant::ThreadLocalMulti] {
        assert_eq!(
            call_from_threads(variant, 1, 50).runtimes_built(),
            1,
            "{variant}"
        );
        assert_eq!(
            call_from_threads(variant, 6, 10).runtimes_built(),
            6,
            "{variant}"
        );
    }
}

#[test]
fn the_process_wide_bridge_is_one_bridge() {
    let first = runtime_per_call::fixed::SharedRuntime::global();
    let second = runtime_per_call::fixed::SharedRuntime::global();
    assert!(std::ptr::eq(first, second));
    assert_eq!(first.call(7), Ok(work::checksum(7)));
    assert_eq!(first.runtimes_built(), 1);
}

#[test]
fn the_shared_runtime_runs_one_worker_per_available_core() {
    let bridge = runtime_per_call::fixed::SharedRuntime::new();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    // Tokio reads TOKIO_WORKER_THREADS first; only the default is what this test is about.
    if std::env::var_os("TOKIO_WORKER_THREADS").is_none() {
        assert_eq!(bridge.workers(), cores);
    }
}

#[test]
fn many_threads_blocking_on_one_shared_runtime_all_complete() {
    // A guide claims this deadlocks. Sixteen threads released together by a barrier, each
    // blocking on the same runtime a hundred times, all get their answers.
    let bridge = Arc::new(runtime_per_call::fixed::SharedRuntime::new());
    let start = Arc::new(Barrier::new(16));
    let callers: Vec<_> = (0..16u64)
        .map(|t| {
            let (bridge, start) = (Arc::clone(&bridge), Arc::clone(&start));
            std::thread::spawn(move || {
                start.wait();
                (0..100)
                    .map(|i| bridge.call(t << 8 | i).unwrap())
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    for (t, caller) in callers.into_iter().enumerate() {
        let expected: Vec<_> = (0..100)
            .map(|i| work::checksum((t as u64) << 8 | i))
            .collect();
        assert_eq!(caller.join().unwrap(), expected);
    }
    assert_eq!(bridge.runtimes_built(), 1);
}
