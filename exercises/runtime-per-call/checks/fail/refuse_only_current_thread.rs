//! Wrong: refuses calls from a current-thread runtime, where blocking obviously stalls
//! everything, and lets calls from a multi-thread runtime through ("another worker will carry
//! on"). `block_on` panics there all the same. Caught by `from_async.rs`
//! (`no_panic_from_a_multi_thread_runtime`) and `nested_runtimes.rs`.

use std::sync::OnceLock;

use tokio::runtime::{Builder, Handle, Runtime, RuntimeFlavor};

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

/// Looks `key` up on the shared runtime, unless called from a current-thread runtime.
pub fn lookup(key: u64) -> Result<u64, BridgeError> {
    if let Ok(handle) = Handle::try_current()
        && handle.runtime_flavor() == RuntimeFlavor::CurrentThread
    {
        return Err(BridgeError::InsideRuntime);
    }
    Ok(runtime().block_on(fetch(key)))
}
