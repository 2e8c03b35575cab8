//! A real SIGINT, sent to the demo running as this test's child: every correct service must
//! exit cleanly, with every worker flushed.
//!
//! The test waits for the demo's `running` line (its Ctrl-C handler is installed before it
//! says so), sends SIGINT, and reads the report. No sleep synchronises anything; the one
//! timeout is generous and only turns a hang into a failure instead of a stuck test run.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use graceful_shutdown::{Variant, Variants};
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

/// Far beyond a clean shutdown (milliseconds); reached only by a hang.
const HANG: Duration = Duration::from_secs(30);

/// Runs the demo with `variant`, interrupts it once it runs, and returns its exit status
/// and every line it printed.
fn interrupt(variant: Variant) -> (bool, Vec<String>) {
    // Not `demo`: that path holds whichever lab's demo a workspace build linked last.
    let mut child = Command::new(env!("CARGO_BIN_EXE_sigint-demo"))
        // Its own deadlines far away: only the SIGINT can stop it within `HANG`.
        .args([&variant.name(), "--seconds", "60", "--grace-ms", "20000"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the demo starts");
    let pid = Pid::from_raw(i32::try_from(child.id()).expect("a pid fits an i32"));
    let stdout = child.stdout.take().expect("piped");
    let (lines_tx, lines) = mpsc::channel();
    thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines_tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut seen = Vec::new();
    loop {
        match lines.recv_timeout(HANG) {
            Ok(line) => {
                let running = line.starts_with("running");
                seen.push(line);
                if running {
                    break;
                }
            }
            Err(_) => {
                let _ = child.kill();
                panic!("{variant}: the demo never said it was running: {seen:?}");
            }
        }
    }
    kill(pid, Signal::SIGINT).expect("SIGINT sent to the child");
    loop {
        match lines.recv_timeout(HANG) {
            Ok(line) => seen.push(line),
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let _ = child.kill();
                panic!("{variant}: no exit {HANG:?} after SIGINT: {seen:?}");
            }
        }
    }
    let status = child.wait().expect("the demo exits");
    (status.success(), seen)
}

#[test]
fn every_correct_service_stops_cleanly_on_a_real_sigint() {
    for variant in Variant::all().iter().copied().filter(|v| v.is_correct()) {
        let (success, lines) = interrupt(variant);
        let report = lines.join("\n");
        assert!(success, "{variant} did not exit cleanly:\n{report}");
        assert!(
            report.contains("signal: SIGINT; flushed 4 of 4 workers"),
            "{variant}: {report}"
        );
    }
}
