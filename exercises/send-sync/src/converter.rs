//! A converter exposed to a host language that calls it from any thread.
//!
//! It owns a session of a C library ([`ffi`]) and counts its calls. The library's rule: a
//! session may be used from any thread, but calls on one session must never overlap. The
//! handle (`RawSession`) is a plain value to Rust, shareable like a pointer, so the compiler
//! will not enforce that rule for you.
//!
//! Written for one thread, as the guides write it first: it is neither `Send` nor `Sync`, so
//! the tests, which share it between threads, refuse to run it and say which trait it lacks. Make `Converter` `Send + Sync`
//! with `open`, `convert` and `calls` keeping their signatures, so that any number of threads
//! (and async tasks on a runtime's workers) can call it, every call is counted, and no two
//! calls are ever inside the library at once.

use std::cell::RefCell;
use std::rc::Rc;

use crate::ffi::{self, RawSession};

/// One library session and the count of its calls.
#[derive(Debug, Clone)]
pub struct Converter {
    state: Rc<RefCell<State>>,
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
            state: Rc::new(RefCell::new(State { session, calls: 0 })),
        }
    }

    /// Converts `input` through the session (`"<n>:<INPUT>"`).
    pub fn convert(&self, input: &str) -> String {
        let mut state = self.state.borrow_mut();
        state.calls += 1;
        ffi::convert(&state.session, input)
    }

    /// How many conversions this converter made.
    pub fn calls(&self) -> u64 {
        self.state.borrow().calls
    }
}
