//! The library's rule: no two calls on one session at once, judged on every run.
//!
//! [`second_caller`] parks one call inside the library and watches what a second caller
//! meets; the multi-threaded runs check that every call was numbered once; the Tokio-mutex
//! converter is called from runtime workers, where the host's async code would call it.

use std::collections::BTreeSet;
use std::sync::Arc;

use proptest::prelude::*;
use send_sync::Converter;
use send_sync::exclusion::{Exclusion, panic_message, second_caller};
use send_sync::ffi::{self, RawSession};
use send_sync::fixed::Fixed;
use send_sync::tokio_mutex::TokioMutex;
use send_sync::unguarded::Unguarded;

fn judge<C: Converter + Sync>() -> (Exclusion, RawSession) {
    let session = ffi::open();
    let converter = C::open(session.clone());
    (
        second_caller(&converter, &session, |c, input| c.convert(input)),
        session,
    )
}

#[test]
fn the_fix_makes_a_second_caller_wait_outside_the_library() {
    let (outcome, session) = judge::<Fixed>();
    assert_eq!(
        outcome,
        Exclusion::Waited("1:FIRST".into(), "2:SECOND".into())
    );
    assert_eq!(session.overlaps(), 0);
}

#[test]
fn the_tokio_mutex_makes_a_second_caller_wait_off_a_runtime() {
    let (outcome, _) = judge::<TokioMutex>();
    assert!(matches!(outcome, Exclusion::Waited(..)), "{outcome:?}");
}

#[test]
fn the_unguarded_converter_lets_a_second_caller_in() {
    let (outcome, session) = judge::<Unguarded>();
    assert_eq!(outcome, Exclusion::Overlapped);
    assert_eq!(session.overlaps(), 1);
}

#[test]
fn the_tokio_mutex_panics_when_called_from_a_runtime_worker() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .build()
        .expect("a runtime");
    let converter = Arc::new(TokioMutex::open(ffi::open()));
    let fixed = Arc::new(Fixed::open(ffi::open()));
    let (tokio_mutex, std_mutex) = runtime.block_on(async move {
        let tokio_mutex = tokio::spawn(async move { converter.convert("from a task") }).await;
        let std_mutex = tokio::spawn(async move { fixed.convert("from a task") }).await;
        (tokio_mutex, std_mutex)
    });
    let panic = tokio_mutex
        .expect_err("blocking_lock on a worker")
        .into_panic();
    assert!(
        panic_message(panic.as_ref()).contains("Cannot block the current thread"),
        "{}",
        panic_message(panic.as_ref())
    );
    assert_eq!(
        std_mutex.expect("the std mutex works there"),
        "1:FROM A TASK"
    );
}

/// Calls `converter` from `threads` threads, `calls` times each; every answer.
fn hammer<C: Converter + Sync>(converter: &C, threads: usize, calls: usize) -> Vec<String> {
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|thread| {
                scope.spawn(move || {
                    (0..calls)
                        .map(|call| converter.convert(&format!("t{thread}c{call}")))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a worker"))
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Shared by any number of threads, the fix numbers every call once, in 1..=n, and
    /// counts them all.
    #[test]
    fn the_fix_numbers_every_call_once(threads in 1_usize..6, calls in 1_usize..60) {
        let session = ffi::open();
        let converter = Fixed::open(session.clone());
        let answers = hammer(&converter, threads, calls);
        let total = threads * calls;
        let numbers: BTreeSet<u64> = answers
            .iter()
            .map(|a| a.split(':').next().and_then(|n| n.parse().ok()).expect("a number"))
            .collect();
        prop_assert_eq!(numbers, (1..=total as u64).collect::<BTreeSet<_>>());
        prop_assert_eq!(converter.calls(), total as u64);
        prop_assert_eq!(session.overlaps(), 0);
    }
}
