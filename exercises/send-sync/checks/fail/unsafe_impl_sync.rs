//! Wrong: keeps the `RefCell` and promises the compiler it is fine: `unsafe impl Send` and
//! `unsafe impl Sync`. The workspace forbids `unsafe_code`, so it does not build; and the
//! promise is false: two threads would race on the `RefCell`'s borrow flag and enter the
//! library together.

use std::cell::RefCell;

use crate::ffi::{self, RawSession};

/// One library session and the count of its calls.
#[derive(Debug)]
pub struct Converter {
    state: RefCell<State>,
}

#[derive(Debug)]
struct State {
    session: RawSession,
    calls: u64,
}

// "SAFETY": the host promises not to call it from two threads at once.
unsafe impl Sync for Converter {}

impl Converter {
    /// Wraps an open session.
    pub fn open(session: RawSession) -> Converter {
        Converter {
            state: RefCell::new(State { session, calls: 0 }),
        }
    }

    /// Converts `input` through the session.
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
