//! # Exercise: a runtime per call
//!
//! This file is a binding's entry point: a host language (Python, Node, a C program) calls
//! `lookup` from its own threads, many times, and it runs async code inside. Right now every
//! call builds a whole Tokio runtime and throws it away, and a call from async code panics.
//!
//! Make the tests pass (`cargo workshop` runs them):
//! - however many calls, and from however many threads, only one runtime ever does the work;
//! - every answer is right, even when many threads call at once;
//! - called from inside a Tokio runtime, `lookup` must not panic: return
//!   `Err(BridgeError::InsideRuntime)` (or a correct answer).
//!
//! Stuck? `cargo workshop hint runtime-per-call`.

use crate::support::{BridgeError, fetch};

/// Looks `key` up, blocking the calling thread until the answer is ready.
#[expect(
    clippy::disallowed_methods,
    reason = "the starter is the anti-pattern: once fixed, delete this attribute"
)]
pub fn lookup(key: u64) -> Result<u64, BridgeError> {
    let runtime = tokio::runtime::Runtime::new().expect("could not start a Tokio runtime");
    Ok(runtime.block_on(fetch(key)))
}
