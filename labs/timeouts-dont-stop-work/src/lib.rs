//! # A timeout that does not stop the work
//!
//! A request handler has one expensive step (a thumbnail, an inference), bounds it with
//! `tokio::time::timeout`, and tries again when it times out:
//!
//! ```text
//! for _ in 0..attempts {
//!     match timeout(limit, make_thumbnail(&image)).await {
//!         Ok(thumbnail) => return Ok(thumbnail),
//!         Err(_elapsed) => continue,
//!     }
//! }
//! ```
//!
//! It reads as "at most `limit` per attempt". What `timeout` does is race its future against
//! a timer, and it can only look at the timer when the future's poll returns. Two ways that
//! goes wrong:
//!
//! - the step is CPU work written as async code with no `.await` inside: its first poll runs
//!   the whole job. The deadline passes unseen while the worker computes, the poll returns
//!   `Ready`, and `timeout` returns `Ok`, long after the limit. The worker was blocked
//!   throughout, every other task on it with it;
//! - the step is moved to `spawn_blocking` and the timeout put around its handle: now the
//!   timer fires on time and the caller gets `Elapsed`. But dropping a `JoinHandle` does not
//!   stop a task, and nothing can interrupt a blocking closure: the copy computes on, the
//!   retry starts a second beside it, then a third. The job runs once per attempt, and each
//!   abandoned copy holds a blocking thread until it is done.
//!
//! A timeout stops *waiting*; stopping the *work* is the work's own business. The fix gives
//! the work a way to be stopped and waits for it to stop: on the blocking pool, a
//! `CancellationToken` checked between steps; in async code, a yield between steps (then a
//! dropped future is a stopped one) or an `AbortHandle` on the task that runs it; and never a
//! retry while the last copy still runs.
//!
//! Every handler is an `async fn(&Work, Job, Policy) -> Answer` ([`contract`]), run by the
//! tests, the bench in `benches/timeouts-dont-stop-work.rs`, the demo and the probe on the
//! same simulated job ([`work`]: so many steps of CPU work, each copy counted):
//!
//! | variant | module | what it does | late | runs on | blocks a worker |
//! | --- | --- | --- | --- | --- | --- |
//! | `anti` | [`anti`] | `timeout` around async code that never yields | yes | no | yes |
//! | `fixed` | [`fixed`] | `spawn_blocking`, a token checked per step, the copy awaited | no | no | no |
//! | `yield-now` | [`yield_now`] | inline, `yield_now()` after every step | no | no | no |
//! | `abort-task` | [`abort_task`] | a spawned task that yields, `AbortHandle::abort()` | no | no | no |
//! | `consume-budget` | [`consume_budget`] | inline, `consume_budget()` per step (a yield per 128) | yes | no | yes |
//! | `blocking-retry` | [`blocking_retry`] | `timeout` around `spawn_blocking`, retried | no | yes | no |
//! | `abort-blocking` | [`abort_blocking`] | the same, `abort()` on the blocking handle | no | yes | no |
//!
//! [`variants`] names them ([`Variant`]); [`drive`] runs one on the paused clock, where every
//! instant is exact; [`limit`] is the bench's floor, a timer with no work behind it.

pub mod abort_blocking;
pub mod abort_task;
pub mod anti;
pub mod blocking_retry;
pub mod consume_budget;
pub mod contract;
pub mod drive;
pub mod fixed;
pub mod limit;
pub mod variants;
pub mod work;
pub mod yield_now;

pub use contract::{Answer, Cost, GaveUp, Job, Policy, Tally, Thumbnail, Work};
pub use drive::{Handled, Scenario, drive};
/// The trait that lists and names the variants: `Variant::all()`, `.name()`, `Variant::named`.
pub use evidence::Variants;
pub use variants::Variant;
