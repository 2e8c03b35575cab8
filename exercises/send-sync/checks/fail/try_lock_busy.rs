//! Wrong: never blocks: `try_lock`, and a caller that finds the converter busy gets an empty
//! answer instead of waiting. Never overlaps, never panics, and passes on a quiet machine
//! where threads rarely collide; caught every time by `exclusion.rs` (the second caller returns
//! while the first is parked inside) and by `shared.rs` whenever two threads meet.

use std::sync::{Mutex, TryLockError};

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

    /// Converts `input` through the session; an empty answer if another call is inside.
    pub fn convert(&self, input: &str) -> String {
        match self.state.try_lock() {
            Ok(mut state) => {
                state.calls += 1;
                ffi::convert(&state.session, input)
            }
            Err(TryLockError::WouldBlock) => String::new(),
            Err(TryLockError::Poisoned(err)) => panic!("{err}"),
        }
    }

    /// How many conversions this converter made.
    pub fn calls(&self) -> u64 {
        self.state.lock().unwrap().calls
    }
}
