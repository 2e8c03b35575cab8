//! # Blocking in async code
//!
//! A service handles many requests at once on a Tokio runtime. One handler has blocking work
//! to do: a pause before a retry, a hash to compute, a file to read, a batch to crunch on
//! rayon. Written the obvious way, inside the `async fn`:
//!
//! ```text
//! async fn handle(job: Job) -> u64 {
//!     std::thread::sleep(job.pause);   // or a long computation, or std::fs::read, ...
//!     answer(job.key)
//! }
//! ```
//!
//! It compiles, it returns the right answer, and it freezes everything that shares the
//! handler's worker thread for as long as the work takes. A Tokio worker switches tasks only
//! when the task it is polling returns `Poll::Pending`, which happens at an `.await` on
//! something not yet ready. Blocking code never returns: the thread is busy inside `poll`, and
//! every other task on that worker (other requests, timers, a heartbeat) waits. On a
//! current-thread runtime that is every task there is; on a multi-thread runtime it is every
//! task once as many handlers block as there are workers.
//!
//! The fix depends on the work:
//!
//! | work | anti-pattern | fix |
//! | --- | --- | --- |
//! | a pause | `std::thread::sleep` ([`anti::sleep`]) | `tokio::time::sleep` ([`fixed::sleep`]) |
//! | CPU-bound | computed inline ([`anti::cpu`]) | `spawn_blocking` ([`fixed::spawn_blocking`]), `block_in_place` ([`fixed::block_in_place`]) |
//! | data-parallel | a rayon iterator inline ([`anti::rayon`]) | `rayon::spawn` and a oneshot ([`fixed::rayon_oneshot`]) |
//! | file I/O | `std::fs` inline ([`anti::file`]) | `tokio::fs` ([`fixed::tokio_fs`]), one `spawn_blocking` ([`fixed::fs_spawn_blocking`]) |
//! | a long loop of ready `.await`s | never yields ([`anti::ready_loop`]) | `yield_now` ([`fixed::yield_now`]), `consume_budget` ([`fixed::consume_budget`]) |
//!
//! and one "fix" that is not: spawning the blocking work as a task and awaiting it at once
//! ([`anti::spawn_await`]), which only moves the blocking to another worker, or to the same
//! one.
//!
//! Every variant has the same signature, `async fn handle(job: Job) -> Result<u64,
//! HandlerError>` (the [`contract`]), and [`Variant::handle`] (in [`variants`]) picks one by
//! name, so the tests, the benches in `benches/blocking-in-async.rs`, the demo and the probe
//! run the same code against all of them. The evidence comes from [`heartbeat`], a task that measures how late it wakes, and
//! [`load`], which runs many requests beside it.

pub mod anti;
pub mod contract;
pub mod experiments;
pub mod fixed;
pub mod heartbeat;
pub mod load;
pub mod runtime;
pub mod variants;
pub mod witness;
pub mod work;

pub use contract::*;
// Re-exported so that the benches and tests can list and name variants without depending on
// `evidence` themselves.
pub use evidence::Variants;
pub use runtime::Flavor;
pub use variants::{Variant, Work};
