//! Right: the seed's `Arc<Mutex<_>>`, with the mutex around the session alone and the count in
//! an atomic; cheap to clone for the host, and the guard is held for the whole library call.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use crate::ffi::{self, RawSession};

/// One library session and the count of its calls.
#[derive(Debug, Clone)]
pub struct Converter {
    session: Arc<Mutex<RawSession>>,
    calls: Arc<AtomicU64>,
}

impl Converter {
    /// Wraps an open session.
    pub fn open(session: RawSession) -> Converter {
        Converter {
            session: Arc::new(Mutex::new(session)),
            calls: Arc::new(AtomicU64::new(0)),
        }
    }

    /// Converts `input` through the session, the lock held until the call returns.
    pub fn convert(&self, input: &str) -> String {
        let session = self
            .session
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        self.calls.fetch_add(1, Ordering::Relaxed);
        ffi::convert(&session, input)
    }

    /// How many conversions this converter made.
    pub fn calls(&self) -> u64 {
        self.calls.load(Ordering::Relaxed)
    }
}
