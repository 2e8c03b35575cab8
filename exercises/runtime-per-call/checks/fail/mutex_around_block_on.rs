//! Wrong: one runtime, built on first use inside a `Mutex<Option<Runtime>>`, and the lock
//! held across `block_on`. One runtime and right answers, but every host thread waits for
//! every other one's call. Caught by `overlap.rs`.

use std::sync::Mutex;

use tokio::runtime::{Builder, Handle, Runtime};

use crate::support::{BridgeError, fetch};

static RUNTIME: Mutex<Option<Runtime>> = Mutex::new(None);

/// Looks `key` up on the shared runtime, one call at a time.
pub fn lookup(key: u64) -> Result<u64, BridgeError> {
    if Handle::try_current().is_ok() {
        return Err(BridgeError::InsideRuntime);
    }
    let mut runtime = RUNTIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let runtime = runtime.get_or_insert_with(|| {
        Builder::new_multi_thread()
            .enable_all()
            .build()
            .expect("runtime")
    });
    Ok(runtime.block_on(fetch(key)))
}
