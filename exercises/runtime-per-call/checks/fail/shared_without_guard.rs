//! Wrong: the shared runtime without the inside-a-runtime guard; a call from async code panics.

use std::sync::OnceLock;

use tokio::runtime::Runtime;

use crate::support::{BridgeError, fetch};

fn runtime() -> &'static Runtime {
    static RUNTIME: OnceLock<Runtime> = OnceLock::new();
    #[expect(clippy::disallowed_methods, reason = "a wrong fix kept as a check")]
    RUNTIME.get_or_init(|| Runtime::new().expect("runtime"))
}

/// Looks `key` up on the process-wide runtime.
pub fn lookup(key: u64) -> Result<u64, BridgeError> {
    Ok(runtime().block_on(fetch(key)))
}
