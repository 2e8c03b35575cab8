//! Seed 001's thread-local runtime, and what its `&'static` promises that it cannot keep.
//!
//! The guide keeps one current-thread runtime per thread in a `thread_local!` and returns it
//! as `&'static Runtime`, made with `unsafe` from a raw pointer, arguing that "the reference is
//! valid for the lifetime of the thread". A `'static` reference says more than that: valid
//! for the rest of the *program*. `&Runtime` is `Send` (`Runtime` is `Sync`), so safe code may
//! hand it to another thread, store it in a global, or use it from a later thread-local's
//! destructor; when its thread exits, the thread-local and the runtime in it are dropped, and
//! every one of those uses reads freed memory. The type system was told a lie, so it cannot
//! help: that is what makes the function unsound, not merely risky.
//!
//! The workspace forbids `unsafe`, so this module keeps the same design with a safe handle
//! instead of the forged reference: [`handle`] returns a `tokio::runtime::Handle`, which keeps
//! the runtime's internals alive but not the runtime. [`use_after_thread_exit`] does what the
//! `&'static` lets a caller do, use the runtime after its thread ended, and shows the failure
//! the safe handle turns it into: a panic, "A Tokio 1.x context was found, but it is being
//! shutdown.". With the guide's raw pointer the same sequence has no defined outcome at all.

use std::time::Duration;

use tokio::runtime::{Builder, Handle, Runtime};

thread_local! {
    /// One runtime per thread, dropped with the thread's other thread-locals when it exits.
    static RUNTIME: Runtime = Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a current-thread runtime");
}

/// This thread's runtime, as a handle that outlives it (the safe stand-in for `&'static`).
pub fn handle() -> Handle {
    RUNTIME.with(|runtime| runtime.handle().clone())
}

/// Gets a handle on a thread that then exits, and uses it for a timer from this thread.
///
/// Returns the panic message, or `None` if the timer ran (it cannot: the runtime is gone).
pub fn use_after_thread_exit() -> Option<String> {
    let handle = std::thread::spawn(|| {
        let handle = handle();
        // The runtime works while its thread lives.
        handle.block_on(async {});
        handle
    })
    .join()
    .expect("the runtime's thread");
    // Its thread has exited, and its thread-locals, the runtime among them, were dropped.
    let outcome = std::thread::spawn(move || {
        handle.block_on(async { tokio::time::sleep(Duration::from_millis(1)).await });
    })
    .join();
    outcome
        .err()
        .map(|panic| crate::exclusion::panic_message(panic.as_ref()))
}
