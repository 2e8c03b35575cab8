//! Wrong: an `RwLock`, read-locked for `convert` because the call takes `&RawSession`, with an
//! atomic count. Readers do not exclude each other, so two calls enter the library together.
//! Caught by `exclusion.rs`.

use std::sync::RwLock;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::ffi::{self, RawSession};

/// One library session and the count of its calls.
#[derive(Debug)]
pub struct Converter {
    session: RwLock<RawSession>,
    calls: AtomicU64,
}

impl Converter {
    /// Wraps an open session.
    pub fn open(session: RawSession) -> Converter {
        Converter {
            session: RwLock::new(session),
            calls: AtomicU64::new(0),
        }
    }

    /// Converts `input` through the session.
    pub fn convert(&self, input: &str) -> String {
        let session = self.session.read().unwrap();
        self.calls.fetch_add(1, Ordering::Relaxed);
        ffi::convert(&session, input)
    }

    /// How many conversions this converter made.
    pub fn calls(&self) -> u64 {
        self.calls.load(Ordering::Relaxed)
    }
}
