//! Correct: a `LazyLock` runtime with a fixed worker count, and the inside-a-runtime guard.

use std::sync::LazyLock;

use tokio::runtime::{Builder, Handle, Runtime};

use crate::support::{BridgeError, fetch};

static RUNTIME: LazyLock<Runtime> = LazyLock::new(|| {
    Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
});

/// Looks `key` up on the process-wide runtime.
pub fn lookup(key: u64) -> Result<u64, BridgeError> {
    if Handle::try_current().is_ok() {
        return Err(BridgeError::InsideRuntime);
    }
    Ok(RUNTIME.block_on(fetch(key)))
}
