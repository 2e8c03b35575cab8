//! The loom model: a worker and a signaller, every interleaving, checked exhaustively.
//!
//! Run with `cargo test -p graceful-shutdown-loom --features loom --release`.
//!
//! The model that must fail cannot fail in this process: when loom finds a deadlock it
//! panics from inside its scheduler, which aborts the whole test binary. So it is an
//! `#[ignore]`d test, and a normal test re-runs this very binary with only that model
//! selected (`child_test::run_ignored`), then reads the child's exit status and its
//! report.

#![cfg(feature = "loom")]

use child_test::run_ignored;
use graceful_shutdown_loom::sync::{Arc, thread};
use graceful_shutdown_loom::{Listen, Shutdown};

/// A worker that waits for the stop while a signaller asks for it, at the same time.
fn worker_and_signaller(listen: Listen) {
    loom::model(move || {
        let shutdown = Arc::new(Shutdown::new());
        let signaller = {
            let shutdown = Arc::clone(&shutdown);
            thread::spawn(move || shutdown.signal())
        };
        shutdown.wait_for_stop(listen);
        signaller.join().unwrap();
    });
}

#[test]
fn a_listener_created_before_the_check_never_misses_the_signal() {
    worker_and_signaller(Listen::BeforeCheck);
}

#[test]
fn a_latch_never_misses_the_signal() {
    worker_and_signaller(Listen::Latch);
}

#[test]
#[ignore = "deadlocks on purpose, and loom aborts on a deadlock: run by `a_listener_created_after_the_check_misses_the_signal`"]
fn model_listener_after_the_check() {
    worker_and_signaller(Listen::AfterCheck);
}

#[test]
fn a_listener_created_after_the_check_misses_the_signal() {
    let report = run_ignored("model_listener_after_the_check");
    // loom's own words when every thread is blocked: "deadlock; threads = [...]".
    assert!(
        report.failed_with("deadlock; threads"),
        "loom should have found the lost wake-up; it reported:\n{}",
        report.output
    );
    let line = report.line_with("deadlock; threads");
    println!("loom: {line}");
}
