//! The anti-pattern: the guide's `Rc<RefCell<State>>` converter.
//!
//! Written for one thread, it works there: `Rc` shares the state between clones without an
//! atomic, `RefCell` checks the borrow at run time. Neither is meant to cross threads, and the
//! compiler says so when the host hands the converter to another one: `Rc` is neither `Send`
//! nor `Sync` (its count is a plain integer two threads would race on), so this converter is
//! neither (`tests/auto_traits.rs` asserts it; `tests/std_cases.rs` pins rustc's message
//! for `Rc`).

use std::cell::RefCell;
use std::rc::Rc;

use crate::contract::Converter;
use crate::ffi::{self, RawSession};

/// Session and state behind a non-atomic reference count.
#[derive(Debug, Clone)]
pub struct Anti {
    state: Rc<RefCell<State>>,
}

#[derive(Debug)]
struct State {
    session: RawSession,
    calls: u64,
}

impl Converter for Anti {
    fn open(session: RawSession) -> Self {
        Anti {
            state: Rc::new(RefCell::new(State { session, calls: 0 })),
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
