//! The guide's "proper async type": `Arc<tokio::sync::Mutex<_>>`, used from synchronous code.
//!
//! Seed 000 recommends Tokio's mutex for state shared with async code. It is `Send` and `Sync`
//! like the std one, so this converter compiles and serialises the calls. But an FFI entry
//! point is a plain function: it cannot `.await` the lock, and the only synchronous way in,
//! `blocking_lock`, panics on a thread that runs a Tokio runtime ("Cannot block the current
//! thread from within a runtime"). A host that calls the converter from an async task, the
//! very place the guide had in mind, crashes (`tests/exclusion.rs`). Outside a runtime it
//! works, and costs more per call than the std mutex (`benches/send-sync.rs`).

use std::sync::Arc;

use tokio::sync::Mutex;

use crate::contract::Converter;
use crate::ffi::{self, RawSession};

/// Session and state behind Tokio's mutex, locked synchronously.
#[derive(Debug, Clone)]
pub struct TokioMutex {
    state: Arc<Mutex<State>>,
}

#[derive(Debug)]
struct State {
    session: RawSession,
    calls: u64,
}

impl Converter for TokioMutex {
    fn open(session: RawSession) -> Self {
        TokioMutex {
            state: Arc::new(Mutex::new(State { session, calls: 0 })),
        }
    }

    fn convert(&self, input: &str) -> String {
        let mut state = self.state.blocking_lock();
        state.calls += 1;
        ffi::convert(&state.session, input)
    }

    fn calls(&self) -> u64 {
        self.state.blocking_lock().calls
    }
}
