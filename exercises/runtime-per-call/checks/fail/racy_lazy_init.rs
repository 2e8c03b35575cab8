//! Wrong: builds the runtime lazily, but checks and stores under two separate locks ("don't
//! hold a lock while building, it is slow"). Threads that make their first call together all
//! see "none yet" and each build a runtime. Fine with one caller and with callers that do not
//! collide; caught by `first_call_race.rs`, which makes sixteen first calls collide, twenty
//! times over (and usually by `many_threads.rs` too).

use std::sync::Mutex;

use tokio::runtime::{Builder, Handle, Runtime};

use crate::support::{BridgeError, fetch};

static RUNTIME: Mutex<Option<&'static Runtime>> = Mutex::new(None);

fn runtime() -> &'static Runtime {
    if let Some(runtime) = *RUNTIME.lock().unwrap() {
        return runtime;
    }
    let built: &'static Runtime = Box::leak(Box::new(
        Builder::new_multi_thread()
            .enable_all()
            .build()
            .expect("runtime"),
    ));
    *RUNTIME.lock().unwrap() = Some(built);
    built
}

/// Looks `key` up on the shared runtime.
pub fn lookup(key: u64) -> Result<u64, BridgeError> {
    if Handle::try_current().is_ok() {
        return Err(BridgeError::InsideRuntime);
    }
    Ok(runtime().block_on(fetch(key)))
}
