//! The trap next to the fix: a blocking API called from async code.
//!
//! `Runtime::block_on` panics when the calling thread is already running a runtime. The
//! anti-pattern and the per-thread variant hit that panic; the fixed bridge refuses with an
//! error that says what to do, and its async twin works from any runtime flavour.

use std::panic::{AssertUnwindSafe, catch_unwind};

use runtime_per_call::fixed::SharedRuntime;
use runtime_per_call::{Bridge, CallError, Variant, work};

#[tokio::test(flavor = "current_thread")]
async fn the_fix_refuses_with_an_error_on_a_current_thread_runtime() {
    let bridge = SharedRuntime::new();
    assert_eq!(bridge.call(1), Err(CallError::InsideRuntime));
    assert!(CallError::InsideRuntime.to_string().contains("call_async"));
    // Refusing built nothing: the runtime still comes into being only when first needed.
    assert_eq!(bridge.runtimes_built(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_fix_refuses_with_an_error_on_a_multi_thread_runtime() {
    assert_eq!(SharedRuntime::new().call(1), Err(CallError::InsideRuntime));
}

#[tokio::test(flavor = "current_thread")]
async fn the_async_twin_works_from_inside_another_runtime() {
    let bridge = SharedRuntime::new();
    assert_eq!(bridge.call_async(42).await, work::checksum(42));
    assert_eq!(bridge.runtimes_built(), 1);
    // A runtime may not be dropped inside async code either, so its last owner lets it go on
    // a plain thread. (`SharedRuntime::global` is never dropped at all.)
    std::thread::spawn(move || drop(bridge)).join().unwrap();
}

#[tokio::test(flavor = "current_thread")]
async fn the_anti_pattern_and_the_per_thread_variant_panic_instead() {
    for variant in [Variant::Anti, Variant::ThreadLocal] {
        let bridge = variant.bridge();
        let outcome = catch_unwind(AssertUnwindSafe(|| bridge.call(1)));
        let panic = outcome.expect_err("block_on inside a runtime must panic");
        let message = panic
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| panic.downcast_ref::<&str>().copied())
            .unwrap_or_default();
        assert!(
            message.contains("Cannot start a runtime from within a runtime"),
            "{variant}: {message}"
        );
        // Dropping a runtime inside async code panics as well, so let the bridge (and any
        // runtime it still holds) go on a plain thread.
        std::thread::spawn(move || drop(bridge)).join().unwrap();
    }
}
