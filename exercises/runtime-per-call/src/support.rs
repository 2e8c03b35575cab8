//! What the exercise gives you; you should not need to change this file.
//!
//! [`fetch`] is the async work behind every lookup. It notes which runtime ran it, so the
//! tests can count runtimes without trusting anything in `bridge.rs`.

use std::sync::Mutex;

use tokio::runtime::{Handle, Id};

/// Every runtime that has run [`fetch`] in this process.
// A Vec, not a HashSet: it can be built in a `static`, and it only ever holds a handful.
static RUNTIMES_SEEN: Mutex<Vec<Id>> = Mutex::new(Vec::new());

/// Why `lookup` refused a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BridgeError {
    /// `lookup` was called from inside a Tokio runtime, where blocking would stall it.
    InsideRuntime,
}

/// The async work: looks `key` up on the current runtime. Must run inside a runtime.
pub async fn fetch(key: u64) -> u64 {
    note_current_runtime();
    let task = tokio::spawn(async move {
        tokio::task::yield_now().await;
        expected(key)
    });
    task.await.expect("the fetch task never panics")
}

/// Adds the runtime running this code to [`RUNTIMES_SEEN`].
fn note_current_runtime() {
    // A plain function, so the guard is gone before `fetch` reaches its first `.await`.
    let id = Handle::current().id();
    let mut seen = RUNTIMES_SEEN.lock().unwrap();
    if !seen.contains(&id) {
        seen.push(id);
    }
}

/// The answer `lookup(key)` must give.
pub fn expected(key: u64) -> u64 {
    key.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(17)
}

/// How many different runtimes have run [`fetch`] so far in this process.
pub fn runtimes_seen() -> usize {
    RUNTIMES_SEEN.lock().unwrap().len()
}
