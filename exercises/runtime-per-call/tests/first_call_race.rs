//! The first calls, racing: however many threads make the first call at once, one runtime.
//!
//! A lazily built runtime is shared only if building it is done once. A check-then-build
//! that lets two threads both see "not built yet" builds two, and only threads that collide
//! inside that window show it. The window is inside `bridge.rs`, where no test can hold a
//! thread, so this cannot be made certain; it is made near-certain instead. The runtime
//! is built once per process, so the test runs its race in fresh processes: it starts this
//! test binary again `RUNS` times, and in each of those sixteen threads wait at a barrier and
//! make the first call together (building a runtime starts threads, which takes long enough
//! for the others to arrive). Every process must have seen exactly one runtime. A correct fix
//! (`OnceLock`, `LazyLock`, a lock held while building) passes every time; a racy one
//! passes only if all `RUNS` races happen to miss. On a two-core machine with both cores
//! busy, one race caught the check-then-build of `checks/fail/racy_lazy_init.rs` 44 times
//! in 50 (50 in 50 unloaded), so twenty misses in a row is a chance of about one in 10^18.

use std::process::Command;
use std::sync::Barrier;

use exercise_runtime_per_call::lookup;
use exercise_runtime_per_call::support::{expected, runtimes_seen};

/// Set in the child processes: run one race instead of starting more.
const CHILD: &str = "EXERCISE_RUNTIME_PER_CALL_RACE";
const RUNS: usize = 20;
const THREADS: usize = 16;
const NAME: &str = "sixteen_first_calls_at_once_build_one_runtime";

#[test]
fn sixteen_first_calls_at_once_build_one_runtime() {
    if std::env::var_os(CHILD).is_some() {
        race();
        return;
    }
    let me = std::env::current_exe().expect("the test binary knows its path");
    for run in 1..=RUNS {
        let output = Command::new(&me)
            .args(["--exact", NAME, "--test-threads=1", "--nocapture"])
            .env(CHILD, "1")
            .output()
            .expect("the test binary can start itself");
        assert!(
            output.status.success(),
            "race {run} of {RUNS}: {}",
            String::from_utf8_lossy(&output.stdout)
                .lines()
                .chain(String::from_utf8_lossy(&output.stderr).lines())
                .filter(|line| line.contains("runtimes") || line.contains("panicked"))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

/// One race, in a fresh process: sixteen threads make the first call at the same moment.
fn race() {
    let start = Barrier::new(THREADS);
    std::thread::scope(|scope| {
        for t in 0..THREADS as u64 {
            let start = &start;
            scope.spawn(move || {
                start.wait();
                assert_eq!(lookup(t), Ok(expected(t)), "wrong answer for key {t}");
            });
        }
    });
    assert_eq!(
        runtimes_seen(),
        1,
        "{THREADS} threads making the first call together were served by {} runtimes: \
         two of them both found no runtime yet and each built one. Build it under \
         `OnceLock::get_or_init` (or a lock held while building), so the others wait for it",
        runtimes_seen()
    );
}
