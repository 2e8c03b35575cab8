//! Wrong: opens a fresh session for every call, so no session ever sees two calls; the count
//! is behind a mutex. The one session the caller handed over is never used, and the library's
//! per-session state (its numbering) restarts each call. Caught by `exclusion.rs`,
//! `shared.rs` and `from_tasks.rs`.

use std::sync::Mutex;

use crate::ffi::{self, RawSession};

/// One library session and the count of its calls.
#[derive(Debug)]
pub struct Converter {
    _session: RawSession,
    calls: Mutex<u64>,
}

impl Converter {
    /// Wraps an open session.
    pub fn open(session: RawSession) -> Converter {
        Converter {
            _session: session,
            calls: Mutex::new(0),
        }
    }

    /// Converts `input` through a session of its own.
    pub fn convert(&self, input: &str) -> String {
        *self.calls.lock().unwrap() += 1;
        ffi::convert(&ffi::open(), input)
    }

    /// How many conversions this converter made.
    pub fn calls(&self) -> u64 {
        *self.calls.lock().unwrap()
    }
}
