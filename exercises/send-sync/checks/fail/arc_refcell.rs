//! Wrong: the guide's table applied to `Rc` only: `Arc<RefCell<_>>`. `Arc` is `Send + Sync`
//! only when its content is both, and `RefCell` is not `Sync`: the converter is neither `Send`
//! nor `Sync`, and the compiler, asked, says "`RefCell<State>` cannot be shared between threads
//! safely".

use std::cell::RefCell;
use std::sync::Arc;

use crate::ffi::{self, RawSession};

/// One library session and the count of its calls.
#[derive(Debug, Clone)]
pub struct Converter {
    state: Arc<RefCell<State>>,
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
            state: Arc::new(RefCell::new(State { session, calls: 0 })),
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
