//! A panic inside `rayon::spawn` aborts the process: shown in a child process, whose exit
//! status is read here, never in the test process itself. The fixes are run both ways.

use std::process::{Child, Command, Output, Stdio};

use std::time::Duration;

use detached_tasks::offload::{Offload, OffloadError, handled_panics, wait_handled};

/// Starts the child; `.wait_with_output()` on the result waits for it.
fn start(offload: &str) -> Child {
    Command::new(env!("CARGO_BIN_EXE_detached-rayon-child"))
        .arg(offload)
        // A short panic report: the abort comes right after it.
        .env("RUST_BACKTRACE", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the child starts")
}

fn child(offload: &str) -> Output {
    start(offload).wait_with_output().expect("the child runs")
}

#[cfg(unix)]
#[test]
fn a_panic_in_rayon_spawn_aborts_the_process_before_any_error_handling_runs() {
    use std::os::unix::process::ExitStatusExt;

    let out = child("anti");
    // SIGABRT: what a shell reports as exit status 134.
    assert_eq!(out.status.signal(), Some(6), "{:?}", out.status);
    let stdout = String::from_utf8_lossy(&out.stdout);
    // The error path may have run (the reply's sender is dropped as the panic unwinds), but
    // the service did not live on.
    assert!(!stdout.contains("still serving"), "{stdout}");
}

#[test]
fn the_fixes_live_and_say_what_happened() {
    // Both at once: each serves on for `SERVE_ON`.
    let (fixed, handler) = (start("fixed"), start("panic-handler"));
    let fixed = fixed.wait_with_output().expect("the child runs");
    let handler = handler.wait_with_output().expect("the child runs");
    assert!(fixed.status.success(), "{:?}", fixed.status);
    let stdout = String::from_utf8_lossy(&fixed.stdout);
    assert!(
        stdout.contains("panicked: attempt to divide by zero"),
        "{stdout}"
    );
    assert!(stdout.contains("still serving"), "{stdout}");

    assert!(handler.status.success(), "{:?}", handler.status);
    let stdout = String::from_utf8_lossy(&handler.stdout);
    assert!(stdout.contains("the reply was lost"), "{stdout}");
    assert!(stdout.contains("still serving"), "{stdout}");
}

#[tokio::test]
async fn caught_in_process_too_and_good_batches_are_scored() {
    assert_eq!(
        Offload::Fixed.score(vec![4, 0]).await,
        Err(OffloadError::Panicked("attempt to divide by zero".into()))
    );
    let before = handled_panics();
    assert_eq!(
        Offload::PanicHandler.score(vec![0]).await,
        Err(OffloadError::Lost)
    );
    // The handler runs after the reply was dropped: wait for it, not for a while.
    assert_eq!(
        wait_handled(before, Duration::from_secs(10)),
        before + 1,
        "the pool's handler saw it"
    );
    for offload in [Offload::Anti, Offload::Fixed, Offload::PanicHandler] {
        assert_eq!(offload.score(vec![4, 5]).await, Ok(vec![250_000, 200_000]));
    }
}
