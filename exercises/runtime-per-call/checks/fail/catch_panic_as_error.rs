//! Wrong: the shared runtime, and instead of checking for a runtime before blocking, lets
//! `block_on` panic and catches the panic, turning it into `Err(InsideRuntime)`. The answer
//! looks right; under `panic = "abort"`, as bindings are often built, the host dies. Caught
//! by `nested_runtimes.rs` (its panic hook counts the caught panic).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::OnceLock;

use tokio::runtime::{Builder, Runtime};

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

/// Looks `key` up; a panic from `block_on` becomes `InsideRuntime`.
pub fn lookup(key: u64) -> Result<u64, BridgeError> {
    catch_unwind(AssertUnwindSafe(|| runtime().block_on(fetch(key))))
        .map_err(|_| BridgeError::InsideRuntime)
}
