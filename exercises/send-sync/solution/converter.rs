//! A converter exposed to a host language that calls it from any thread: the reference fix.
//!
//! One `std::sync::Mutex` around the session and the count. `Mutex<T>` is `Sync` when `T` is
//! `Send`, so the converter may be shared; the guard lives until the library call returns, so
//! no second call can enter the session meanwhile. A std mutex, not Tokio's: the call is short
//! and synchronous, and `tokio::sync::Mutex::blocking_lock` panics on a runtime's thread.

use std::sync::{Mutex, PoisonError};

use crate::ffi::{self, RawSession};

/// One library session and the count of its calls.
#[derive(Debug)]
pub struct Converter {
    state: Mutex<State>,
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
            state: Mutex::new(State { session, calls: 0 }),
        }
    }

    /// Converts `input` through the session (`"<n>:<INPUT>"`).
    pub fn convert(&self, input: &str) -> String {
        // A panic while holding the lock cannot leave the session half-called: keep going.
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.calls += 1;
        ffi::convert(&state.session, input)
    }

    /// How many conversions this converter made.
    pub fn calls(&self) -> u64 {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .calls
    }
}
