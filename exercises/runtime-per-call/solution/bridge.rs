//! Reference fix: one runtime for the whole process, built on first use, and a clear error
//! instead of a panic when the caller is already inside a runtime.

use std::sync::OnceLock;

use tokio::runtime::{Builder, Handle, Runtime};

use crate::support::{BridgeError, fetch};

/// The one runtime every call shares.
fn runtime() -> &'static Runtime {
    static RUNTIME: OnceLock<Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        // Start-up code: this closure runs once per process.
        Builder::new_multi_thread()
            .enable_all()
            .build()
            .expect("could not start the Tokio runtime")
    })
}

/// Looks `key` up, blocking the calling thread until the answer is ready.
pub fn lookup(key: u64) -> Result<u64, BridgeError> {
    // Blocking inside a runtime would stall it (and `block_on` panics there): refuse instead.
    if Handle::try_current().is_ok() {
        return Err(BridgeError::InsideRuntime);
    }
    Ok(runtime().block_on(fetch(key)))
}
