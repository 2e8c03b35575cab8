//! Wrong: an `AtomicU64` for the count, the session bare. `Send + Sync`, so it compiles, and
//! it counts right; but two threads can be inside the library at once, which its rule forbids.
//! Caught by `exclusion.rs` (the second caller enters while the first is parked inside) and,
//! when threads collide, by `shared.rs`.

use std::sync::atomic::{AtomicU64, Ordering};

use crate::ffi::{self, RawSession};

/// One library session and the count of its calls.
#[derive(Debug)]
pub struct Converter {
    session: RawSession,
    calls: AtomicU64,
}

impl Converter {
    /// Wraps an open session.
    pub fn open(session: RawSession) -> Converter {
        Converter {
            session,
            calls: AtomicU64::new(0),
        }
    }

    /// Converts `input` through the session.
    pub fn convert(&self, input: &str) -> String {
        self.calls.fetch_add(1, Ordering::Relaxed);
        ffi::convert(&self.session, input)
    }

    /// How many conversions this converter made.
    pub fn calls(&self) -> u64 {
        self.calls.load(Ordering::Relaxed)
    }
}
