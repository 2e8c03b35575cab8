//! What the exercise gives you; you should not need to change this file.
//!
//! [`fetch`] is the async work behind every lookup. It notes which runtime ran it, so the
//! tests can count runtimes without trusting anything in `bridge.rs`, and how many fetches
//! are running at once. A test can also make fetches wait for each other ([`make_fetches_meet`]):
//! then a fetch answers only once enough others have started too, which is how the tests see
//! whether calls from many threads really run at the same time.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tokio::runtime::{Handle, Id};
use tokio::sync::Barrier;

/// Every runtime that has run [`fetch`] in this process.
// A Vec, not a HashSet: it can be built in a `static`, and it only ever holds a handful.
static RUNTIMES_SEEN: Mutex<Vec<Id>> = Mutex::new(Vec::new());

/// When set, every fetch waits here until as many fetches as the barrier counts have arrived.
static MEETING: Mutex<Option<Arc<Barrier>>> = Mutex::new(None);

/// Fetches started and not yet finished.
static IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);

/// Why `lookup` refused a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BridgeError {
    /// `lookup` was called from inside a Tokio runtime, where blocking would stall it.
    InsideRuntime,
}

/// The async work: looks `key` up on the current runtime. Must run inside a runtime.
pub async fn fetch(key: u64) -> u64 {
    note_current_runtime();
    IN_FLIGHT.fetch_add(1, Ordering::SeqCst);
    // Cloned out so that the lock is not held while waiting.
    let meeting = MEETING.lock().unwrap().clone();
    if let Some(meeting) = meeting {
        meeting.wait().await;
    }
    let task = tokio::spawn(async move {
        tokio::task::yield_now().await;
        expected(key)
    });
    let answer = task.await.expect("the fetch task never panics");
    IN_FLIGHT.fetch_sub(1, Ordering::SeqCst);
    answer
}

/// From now on, fetches answer in groups of `group`: each waits until `group` fetches
/// (itself included) have started. Calls that can only run one at a time never get there.
pub fn make_fetches_meet(group: usize) {
    *MEETING.lock().unwrap() = Some(Arc::new(Barrier::new(group)));
}

/// How many fetches have started and not finished, right now.
pub fn fetches_in_flight() -> usize {
    IN_FLIGHT.load(Ordering::SeqCst)
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

/// The ids of the runtimes that have run [`fetch`] so far, so a test can leave out its own.
pub fn runtime_ids_seen() -> Vec<Id> {
    RUNTIMES_SEEN.lock().unwrap().clone()
}
