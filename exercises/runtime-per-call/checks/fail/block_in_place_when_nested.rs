//! Wrong: from async code, waits on the caller's own runtime with `block_in_place` and
//! `Handle::block_on`, as guides suggest. That works on a multi-thread runtime and panics on
//! a current-thread one ("can call blocking only when running on the multi-threaded
//! runtime"). Fixed only for one flavour: caught by `from_async.rs`
//! (`no_panic_from_a_current_thread_runtime`) and `nested_runtimes.rs`.

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

/// Looks `key` up; from async code, on the caller's runtime.
pub fn lookup(key: u64) -> Result<u64, BridgeError> {
    if let Ok(handle) = Handle::try_current() {
        return Ok(tokio::task::block_in_place(|| handle.block_on(fetch(key))));
    }
    Ok(runtime().block_on(fetch(key)))
}
