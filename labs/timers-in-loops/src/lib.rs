//! # A timer rebuilt in a loop
//!
//! A task handles the messages of an inbox, and every `period` it should also do something
//! else: push metrics, poll a server, flush a buffer. The code people write first puts a
//! timer in the same `select!` as the inbox:
//!
//! ```text
//! loop {
//!     select! {
//!         Some(message) = inbox.recv() => handle(message),
//!         _ = sleep(period) => push_metrics().await,
//!     }
//! }
//! ```
//!
//! and on a quiet afternoon it works. The mechanism: `sleep(period)` builds a new timer each
//! time the `select!` is entered, and `select!` drops the branch that lost. A message that
//! arrives after `0.9 × period` throws that timer away, and the next turn starts another full
//! `period`. The branch only wins after a whole period *without a message*: with messages
//! more often than that, the metrics are never pushed, and the busier the service, the less
//! it reports. Two more mistakes sit next to it:
//!
//! - one `interval` built before the loop fixes the starvation, but its default
//!   `MissedTickBehavior::Burst` owes every tick a stall missed (a slow push, a backoff inside
//!   the branch) and pays them back to back as soon as the stall ends;
//! - `action; sleep(period)` in a loop of its own never starves and never bursts, but each
//!   turn lasts the period *plus* the action, so the schedule drifts.
//!
//! The fix is one timer whose deadline outlives the turns of the loop (an `interval`, or a
//! pinned `Sleep` moved with `reset()`), with a deadline that advances by whole periods from
//! the start, and a rule for missed ticks that does not burst (`Skip` or `Delay`).
//!
//! Every loop is an `async fn(inbox, period, &Actions)` ([`contract`]), so the tests, the
//! bench in `benches/timers-in-loops.rs`, the demo and the probe run each on the same inbox:
//!
//! | variant | module | what it does | starves | bursts | drifts |
//! | --- | --- | --- | --- | --- | --- |
//! | `anti` | [`anti`] | `sleep(period)` built in the `select!` | yes | no | yes |
//! | `fixed` | [`fixed`] | one `interval`, `MissedTickBehavior::Skip` | no | no | no |
//! | `delay` | [`delay`] | one `interval`, `MissedTickBehavior::Delay` | no | no | no |
//! | `pinned-sleep` | [`pinned_sleep`] | one pinned `Sleep`, `reset()` to the next deadline | no | no | no |
//! | `deadline` | [`deadline`] | `sleep_until(deadline)` built each turn, the deadline kept | no | no | no |
//! | `reset-each-turn` | [`reset_each_turn`] | one pinned `Sleep`, `reset()` each turn to the kept deadline | no | no | no |
//! | `burst` | [`burst`] | one `interval`, its default `MissedTickBehavior::Burst` | no | yes | no |
//! | `sleep-after-work` | [`sleep_after_work`] | the action, then `sleep(period)`, in a loop of its own | no | no | yes |
//!
//! [`variants`] names them ([`Variant`]) and runs each; [`scenario`] feeds an inbox at a
//! steady rate under paused time, so every instant in the tests and the book is exact;
//! [`limit`] is the bench's floor, the same loop with no timer.

pub mod anti;
pub mod burst;
pub mod contract;
pub mod deadline;
pub mod delay;
pub mod fixed;
pub mod limit;
pub mod pinned_sleep;
pub mod reset_each_turn;
pub mod scenario;
pub mod sleep_after_work;
pub mod variants;

pub use contract::{Actions, Message, Record, Stall, Work};
/// The trait that lists and names the variants: `Variant::all()`, `.name()`, `Variant::named`.
pub use evidence::Variants;
pub use scenario::Scenario;
pub use variants::Variant;
