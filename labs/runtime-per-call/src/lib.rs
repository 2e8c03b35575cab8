//! # A runtime per call
//!
//! A synchronous entry point (what an FFI binding or a blocking library API exposes) has to
//! run async code inside. The tempting way is to build a Tokio runtime right there:
//!
//! ```text
//! fn lookup(key) -> u64 { Runtime::new()?.block_on(async_lookup(key)) }
//! ```
//!
//! It works, and every call pays for it. A multi-thread runtime starts one worker thread per
//! core, an I/O driver (an epoll instance) and a timer wheel, and dropping it joins all of
//! those threads again. The async work itself takes microseconds; the runtime around it takes
//! far longer, and anything the call spawned to finish later is cancelled when the runtime is
//! dropped at the end of the call.
//!
//! This crate puts every way of bridging sync to async behind one trait, [`Bridge`] (in
//! [`contract`]), so the tests, the benches in `benches/runtime-per-call.rs` and the demo
//! binary run the same code against each of them; [`Variant`] (in [`variants`]) names them:
//!
//! | variant | module | what it does |
//! | --- | --- | --- |
//! | `anti` | [`anti`] | builds and drops a multi-thread runtime on every call |
//! | `fixed` | [`fixed`] | one runtime, built on first use, shared by every caller |
//! | `thread-local` | [`per_thread`] | one current-thread runtime per calling thread, as popular guides recommend |
//! | `thread-local-multi` | [`per_thread`] | one *multi-thread* runtime per calling thread: the trap |
//!
//! The [`footprint`] module reads what a variant costs the process (threads and resident
//! memory) from the process itself, and [`host`] keeps a fixed set of long-lived caller
//! threads, the way a host language's thread pool would call in. [`round_trip`] is the limit
//! under the shared runtime (a bare hand-off to another thread and back), and [`hops`] counts
//! the context switches a call costs, so the chapter can say where the shared runtime's time
//! beyond that limit goes. [`paired`] times two bridges in alternation, round by round, for a
//! headline ratio that a drifting machine does not move, and [`placement`] pins a measurement
//! to one core, which separates the programs' costs from the machine's cross-core wake-ups.

pub mod anti;
pub mod contract;
pub mod fixed;
pub mod footprint;
pub mod hops;
pub mod host;
pub mod paired;
pub mod per_thread;
pub mod placement;
pub mod round_trip;
pub mod variants;
pub mod work;

pub use contract::*;
// Re-exported so that the benches and tests can list and name variants without depending on
// `evidence` themselves.
pub use evidence::Variants;
pub use variants::Variant;
