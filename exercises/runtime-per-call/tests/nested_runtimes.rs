//! Calls from inside a runtime: no runtime of their own, and no panic, not even a caught one.
//!
//! `from_async.rs` checks what a nested call returns. Two wrong fixes return the right thing
//! and still do harm, and this test sees both through instruments `bridge.rs` cannot touch:
//!
//! - a nested call that builds a fresh runtime (on a new thread, say) to answer is a runtime
//!   per call again, only in the nested case. `support.rs` notes every runtime that ran a
//!   fetch; leaving out the two runtimes this test owns, exactly one may remain: the shared
//!   one. (A fix that answers on the caller's own runtime is fine: those are left out.)
//! - a `block_on` that panics, caught with `catch_unwind` and turned into
//!   `Err(InsideRuntime)`, looks like a refusal. But bindings are often built with
//!   `panic = "abort"`, and there the panic kills the host before anything can catch it. A
//!   panic hook installed here counts every panic, caught or not; there must be none.
//!
//! Everything is in one test so that the panic count and the runtime count belong to it alone
//! (each test file is its own process).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};

use exercise_runtime_per_call::support::{expected, runtime_ids_seen};
use exercise_runtime_per_call::{BridgeError, lookup};
use tokio::runtime::{Builder, Runtime};

/// Panics anywhere in this process since the hook was installed, caught or not.
static PANICS: AtomicUsize = AtomicUsize::new(0);

fn count_panics() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICS.fetch_add(1, Ordering::SeqCst);
        report(info);
    }));
}

/// Five lookups from a task on `runtime`; each must answer or refuse.
fn call_from_inside(runtime: &Runtime, flavour: &str) {
    let outcome = runtime.block_on(async {
        tokio::spawn(async {
            for key in 0..5 {
                match catch_unwind(AssertUnwindSafe(|| lookup(key))) {
                    Ok(Ok(answer)) => assert_eq!(answer, expected(key), "wrong answer"),
                    Ok(Err(BridgeError::InsideRuntime)) => {}
                    Err(_) => return Err(key),
                }
            }
            Ok(())
        })
        .await
        .expect("the calling task itself never panics")
    });
    if let Err(key) = outcome {
        panic!("lookup({key}) panicked inside a {flavour} runtime (see the message above)");
    }
}

#[test]
fn nested_calls_build_no_runtime_and_never_panic() {
    count_panics();
    let current = Builder::new_current_thread().enable_all().build().unwrap();
    let multi = Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let ours = [current.handle().id(), multi.handle().id()];

    call_from_inside(&current, "current-thread");
    call_from_inside(&multi, "multi-thread");
    for key in 0..5 {
        assert_eq!(lookup(key), Ok(expected(key)), "wrong answer for key {key}");
    }

    assert_eq!(
        PANICS.load(Ordering::SeqCst),
        0,
        "lookup panicked inside a runtime and the panic was caught (see the message above). \
         Built with panic = \"abort\", as bindings often are, that panic kills the host: \
         check for a runtime before blocking, don't let block_on find out"
    );
    let others: Vec<_> = runtime_ids_seen()
        .into_iter()
        .filter(|id| !ours.contains(id))
        .collect();
    assert_eq!(
        others.len(),
        1,
        "5 calls from a current-thread runtime, 5 from a multi-thread one and 5 from a plain \
         thread were served by {} runtimes besides the callers' own: the nested calls build \
         a runtime each. Refuse them, or hand them to the one shared runtime",
        others.len()
    );
}
