//! Wrong: a current-thread runtime per calling thread, as some guides recommend. Eight threads
//! get eight runtimes, and a call from async code still panics.

use tokio::runtime::{Builder, Runtime};

use crate::support::{BridgeError, fetch};

thread_local! {
    static RUNTIME: Runtime = Builder::new_current_thread().enable_all().build().expect("runtime");
}

/// Looks `key` up on this thread's runtime.
pub fn lookup(key: u64) -> Result<u64, BridgeError> {
    Ok(RUNTIME.with(|runtime| runtime.block_on(fetch(key))))
}
