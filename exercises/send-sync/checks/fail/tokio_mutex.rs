//! Wrong: the guide's "proper async type", `Arc<tokio::sync::Mutex<_>>`. `convert` is a plain
//! function, so it takes the lock with `blocking_lock`, which panics on a runtime's thread.
//! Serialises the calls and passes every threaded test; caught by `from_tasks.rs`.

use std::sync::Arc;

use tokio::sync::Mutex;

use crate::ffi::{self, RawSession};

/// One library session and the count of its calls.
#[derive(Debug, Clone)]
pub struct Converter {
    state: Arc<Mutex<State>>,
}

#[derive(Debug)]
struct State {
    session: RawSession,
    calls: u64,
}

impl Converter {
    /// Wraps an open session.
    pub fn open(session: RawSession) -> Converter {
        Converter {
            state: Arc::new(Mutex::new(State { session, calls: 0 })),
        }
    }

    /// Converts `input` through the session.
    pub fn convert(&self, input: &str) -> String {
        let mut state = self.state.blocking_lock();
        state.calls += 1;
        ffi::convert(&state.session, input)
    }

    /// How many conversions this converter made.
    pub fn calls(&self) -> u64 {
        self.state.blocking_lock().calls
    }
}
