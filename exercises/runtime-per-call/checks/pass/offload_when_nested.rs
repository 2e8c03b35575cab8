//! Correct, if blunt: a shared runtime, and when called from async code the blocking wait
//! moves to a fresh thread instead of panicking (it still blocks the caller's thread).

use std::sync::OnceLock;

use tokio::runtime::{Handle, Runtime};

use crate::support::{BridgeError, fetch};

fn runtime() -> &'static Runtime {
    static RUNTIME: OnceLock<Runtime> = OnceLock::new();
    #[expect(
        clippy::disallowed_methods,
        reason = "start-up code: runs once per process"
    )]
    RUNTIME.get_or_init(|| Runtime::new().expect("runtime"))
}

/// Looks `key` up on the process-wide runtime.
pub fn lookup(key: u64) -> Result<u64, BridgeError> {
    if Handle::try_current().is_ok() {
        let answer = std::thread::spawn(move || runtime().block_on(fetch(key)));
        return Ok(answer.join().expect("the lookup thread never panics"));
    }
    Ok(runtime().block_on(fetch(key)))
}
