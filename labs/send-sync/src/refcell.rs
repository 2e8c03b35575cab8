//! The guide's other "bad" converter: a bare `RefCell`, rejected for the wrong reason.
//!
//! Seed 000 lists it under "mixing Send and non-Send in FFI" with the comment "RefCell not
//! Send". It is `Send`: `RefCell<T>` is `Send` whenever `T` is, because a value that only one
//! thread holds at a time can be borrowed-checked by that thread alone. So this converter can
//! be *moved* to another thread and used there (`tests/auto_traits.rs`). What it is not is
//! `Sync`: the borrow flag is a plain `Cell`, and two threads calling through `&self` at once
//! would race on it. Sharing it (`Arc<Converter>`, a `&'static`, `thread::scope`) fails with
//! "`RefCell<...>` cannot be shared between threads safely" (`tests/std_cases.rs` pins it for
//! the guide's converter, `tests/auto_traits.rs` asserts it for this one). The fix is the same either way; the reason
//! matters when the error message has to be read.

use std::cell::RefCell;

use crate::contract::Converter;
use crate::ffi::{self, RawSession};

/// Session and state behind a run-time borrow check.
#[derive(Debug)]
pub struct RefCellConverter {
    state: RefCell<State>,
}

#[derive(Debug)]
struct State {
    session: RawSession,
    calls: u64,
}

impl Converter for RefCellConverter {
    fn open(session: RawSession) -> Self {
        RefCellConverter {
            state: RefCell::new(State { session, calls: 0 }),
        }
    }

    fn convert(&self, input: &str) -> String {
        let mut state = self.state.borrow_mut();
        state.calls += 1;
        ffi::convert(&state.session, input)
    }

    fn calls(&self) -> u64 {
        self.state.borrow().calls
    }
}
