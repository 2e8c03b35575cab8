//! Wrong: reuses the caller's runtime when there is one, through `Handle::block_on`, which
//! panics inside async code just like `Runtime::block_on`.

use std::sync::OnceLock;

use tokio::runtime::{Handle, Runtime};

use crate::support::{BridgeError, fetch};

fn runtime() -> &'static Runtime {
    static RUNTIME: OnceLock<Runtime> = OnceLock::new();
    #[expect(clippy::disallowed_methods, reason = "a wrong fix kept as a check")]
    RUNTIME.get_or_init(|| Runtime::new().expect("runtime"))
}

/// Looks `key` up on the caller's runtime if there is one, else on the shared one.
pub fn lookup(key: u64) -> Result<u64, BridgeError> {
    match Handle::try_current() {
        Ok(handle) => Ok(handle.block_on(fetch(key))),
        Err(_) => Ok(runtime().block_on(fetch(key))),
    }
}
