//! Wrong: "the handle is not thread-safe, so give each thread its own": a thread-local
//! converter state, a fresh session per thread. Nothing overlaps, but the calls are split over
//! sessions the caller never opened and counted per thread. Caught by `exclusion.rs` (the
//! calls never reach the caller's session), `shared.rs` and `from_tasks.rs`.

use std::cell::RefCell;

use crate::ffi::{self, RawSession};

thread_local! {
    /// This thread's session and count.
    static STATE: RefCell<Option<(RawSession, u64)>> = const { RefCell::new(None) };
}

/// One library session and the count of its calls.
#[derive(Debug)]
pub struct Converter {
    // Kept only to satisfy the signature: each thread opens its own.
    _session: RawSession,
}

impl Converter {
    /// Wraps an open session.
    pub fn open(session: RawSession) -> Converter {
        Converter { _session: session }
    }

    /// Converts `input` through this thread's session.
    pub fn convert(&self, input: &str) -> String {
        STATE.with(|state| {
            let mut state = state.borrow_mut();
            let (session, calls) = state.get_or_insert_with(|| (ffi::open(), 0));
            *calls += 1;
            ffi::convert(session, input)
        })
    }

    /// How many conversions this thread made.
    pub fn calls(&self) -> u64 {
        STATE.with(|state| state.borrow().as_ref().map_or(0, |(_, calls)| *calls))
    }
}
