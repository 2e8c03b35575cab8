//! The loom model: a worker and a signaller, every interleaving, checked exhaustively.
//!
//! Run with `cargo test -p graceful-shutdown-loom --features loom --release`.
//!
//! The model that must fail cannot fail in this process: when loom finds a deadlock it
//! panics from inside its scheduler, which aborts the whole test binary. So it is an
//! `#[ignore]`d test, and a normal test re-runs this very binary with only that model
//! selected, then reads the child's exit status and its report.

#![cfg(feature = "loom")]

use std::process::Command;

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
    let output = Command::new(std::env::current_exe().expect("the test binary's path"))
        .args([
            "model_listener_after_the_check",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("RUST_BACKTRACE", "0")
        .output()
        .expect("cannot start the test binary again");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    // loom's own words when every thread is blocked: "deadlock; threads = [...]".
    assert!(
        !output.status.success() && report.contains("deadlock; threads"),
        "loom should have found the lost wake-up; it reported:\n{report}"
    );
    let line = report
        .lines()
        .find(|line| line.contains("deadlock; threads"))
        .unwrap_or_default();
    println!("loom: {line}");
}
