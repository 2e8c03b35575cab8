//! A blocking API called from async code must not panic: it answers or refuses. (What it
//! costs to get there, a caught panic or a runtime of its own, is `nested_runtimes.rs`.)

use std::panic::{AssertUnwindSafe, catch_unwind};

use exercise_runtime_per_call::support::expected;
use exercise_runtime_per_call::{BridgeError, lookup};

fn call_without_panicking(key: u64) {
    match catch_unwind(AssertUnwindSafe(|| lookup(key))) {
        Ok(Ok(answer)) => assert_eq!(answer, expected(key), "wrong answer for key {key}"),
        Ok(Err(BridgeError::InsideRuntime)) => {}
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("(no message)");
            panic!(
                "lookup panicked when called from inside a Tokio runtime: {message}\n\
                 detect that case and return Err(BridgeError::InsideRuntime) instead"
            );
        }
    }
}

#[tokio::test(flavor = "current_thread")]
async fn no_panic_from_a_current_thread_runtime() {
    call_without_panicking(3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_panic_from_a_multi_thread_runtime() {
    call_without_panicking(4);
}
