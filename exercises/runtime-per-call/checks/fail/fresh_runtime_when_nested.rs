//! Wrong: one shared runtime for plain callers, but a call from async code "must not fail",
//! so it gets a runtime of its own on a new thread. No panic, right answers, and a runtime
//! per nested call. Caught by `nested_runtimes.rs` (it counts the runtimes besides its own).

use std::sync::OnceLock;

use tokio::runtime::{Builder, Handle, Runtime};

use crate::support::{BridgeError, fetch};

fn runtime() -> &'static Runtime {
    static RUNTIME: OnceLock<Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        Builder::new_multi_thread()
            .enable_all()
            .build()
            .expect("runtime")
    })
}

/// Looks `key` up; from inside a runtime, on a thread and runtime of its own.
pub fn lookup(key: u64) -> Result<u64, BridgeError> {
    if Handle::try_current().is_ok() {
        let helper = std::thread::spawn(move || {
            let runtime = Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(fetch(key))
        });
        return Ok(helper.join().expect("the helper thread never panics"));
    }
    Ok(runtime().block_on(fetch(key)))
}
