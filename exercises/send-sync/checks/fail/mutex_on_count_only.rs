//! Wrong: the mutex guards the count, which is what the compiler complained about, and the
//! library call runs after the guard is gone. Caught by `exclusion.rs`: the second caller
//! takes the free lock and enters the library beside the first.

use std::sync::Mutex;

use crate::ffi::{self, RawSession};

/// One library session and the count of its calls.
#[derive(Debug)]
pub struct Converter {
    session: RawSession,
    calls: Mutex<u64>,
}

impl Converter {
    /// Wraps an open session.
    pub fn open(session: RawSession) -> Converter {
        Converter {
            session,
            calls: Mutex::new(0),
        }
    }

    /// Converts `input` through the session.
    pub fn convert(&self, input: &str) -> String {
        *self.calls.lock().unwrap() += 1;
        ffi::convert(&self.session, input)
    }

    /// How many conversions this converter made.
    pub fn calls(&self) -> u64 {
        *self.calls.lock().unwrap()
    }
}
