//! Wrong: still a runtime per call, only a cheaper one (a current-thread runtime starts no
//! worker threads), with the inside-a-runtime guard added. Cheaper is not once: caught by
//! `many_calls.rs` and `many_threads.rs`, which count the runtimes.

use tokio::runtime::{Builder, Handle};

use crate::support::{BridgeError, fetch};

/// Looks `key` up on a small runtime of its own.
pub fn lookup(key: u64) -> Result<u64, BridgeError> {
    if Handle::try_current().is_ok() {
        return Err(BridgeError::InsideRuntime);
    }
    let runtime = Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    Ok(runtime.block_on(fetch(key)))
}
