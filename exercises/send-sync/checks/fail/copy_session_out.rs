//! Wrong: the right mutex around the right state, released too early: the session handle is
//! copied out of the guard ("hold locks briefly") and the call made without it. Caught by
//! `exclusion.rs`.

use std::sync::Mutex;

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

    /// Converts `input` through the session.
    pub fn convert(&self, input: &str) -> String {
        let session = {
            let mut state = self.state.lock().unwrap();
            state.calls += 1;
            state.session.clone()
        };
        ffi::convert(&session, input)
    }

    /// How many conversions this converter made.
    pub fn calls(&self) -> u64 {
        self.state.lock().unwrap().calls
    }
}
