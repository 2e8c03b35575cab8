//! The fix: one `std::sync::Mutex` around the session and the state together.
//!
//! The library's rule, "no two calls on one session at once", is exactly what a mutex
//! enforces, so the lock goes around the *call*, not only around the counter: the guard lives
//! until `ffi::convert` has returned. One mutex for both keeps the count and the call in step.
//! `Mutex<T>` is `Sync` when `T` is `Send`, so the converter can be shared (`Arc`, a
//! `&'static`, `thread::scope`) and moved. A `std` mutex and not Tokio's: the call is short and
//! synchronous, nothing is awaited while the guard is held (that would be the
//! locks-across-await lab), and it works on any thread, a runtime's worker included.

use std::sync::{Mutex, PoisonError};

use crate::contract::Converter;
use crate::ffi::{self, RawSession};

/// Session and state behind one mutex.
#[derive(Debug)]
pub struct Fixed {
    state: Mutex<State>,
}

#[derive(Debug)]
struct State {
    session: RawSession,
    calls: u64,
}

impl Converter for Fixed {
    fn open(session: RawSession) -> Self {
        Fixed {
            state: Mutex::new(State { session, calls: 0 }),
        }
    }

    fn convert(&self, input: &str) -> String {
        // A panic in an earlier call cannot leave the library's session half-updated (it
        // would have panicked before or after the call), so a poisoned lock is still usable.
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.calls += 1;
        ffi::convert(&state.session, input)
    }

    fn calls(&self) -> u64 {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .calls
    }
}
