//! Wrong: drops the `Rc<RefCell<_>>` for a `Cell` counter beside the session, believing the
//! guide's table that `Cell` is the problem only for `Send`. `Cell` is not `Sync`: the converter
//! is `Send` but not `Sync` ("`Cell<u64>` cannot be shared between threads safely"). And were
//! it `Sync`, nothing would keep two calls out of the session.

use std::cell::Cell;

use crate::ffi::{self, RawSession};

/// One library session and the count of its calls.
#[derive(Debug)]
pub struct Converter {
    session: RawSession,
    calls: Cell<u64>,
}

impl Converter {
    /// Wraps an open session.
    pub fn open(session: RawSession) -> Converter {
        Converter {
            session,
            calls: Cell::new(0),
        }
    }

    /// Converts `input` through the session.
    pub fn convert(&self, input: &str) -> String {
        self.calls.set(self.calls.get() + 1);
        ffi::convert(&self.session, input)
    }

    /// How many conversions this converter made.
    pub fn calls(&self) -> u64 {
        self.calls.get()
    }
}
