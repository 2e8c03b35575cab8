//! # A shutdown signal that gets lost
//!
//! A service runs a few workers that sync every `tick` (pull changes, write a cache), and
//! before the process exits each worker must stop and *flush* what it synced. The code people
//! write first gives each worker a `select!` loop with the shutdown signal as one branch:
//!
//! ```text
//! loop {
//!     select! {
//!         _ = shutdown.notified() => break,      // or tokio::signal::ctrl_c()
//!         _ = ticker.tick() => sync().await,
//!     }
//! }
//! flush();
//! ```
//!
//! and a Ctrl-C on an idle service stops it. The mechanism: `notified()` (like `ctrl_c()`)
//! builds a new listener each time the `select!` is entered, and the signal is an *event*,
//! delivered to the listeners that exist when it is raised. While `sync().await` runs in the
//! tick branch, the listener of that turn has been dropped and the next one does not exist
//! yet: a signal raised then is heard by nobody. The worker syncs on, waits for a signal that
//! already came, and never flushes; the process has to be killed. Three more mistakes sit next
//! to it: a sync left inside the branch delays the shutdown by the sync's length even with a
//! token (`select!` polls no branch while a body runs), an `is_cancelled()` check in the tick
//! branch skips the flush whenever the random branch order picks the tick, and a supervisor
//! whose one `select!` branch reads a channel that closes at shutdown panics.
//!
//! The fix turns the event into a *state* that nobody can miss: the supervisor hears the
//! signal once and cancels a `CancellationToken` (or sets a `watch`), each worker races the
//! token against its waiting and its work, flushes after its loop, and a `TaskTracker` waits
//! for every worker.
//!
//! Every service is an `async fn(Config, Signal, Arc<Ledger>)` ([`contract`]), so the tests,
//! the bench in `benches/graceful-shutdown.rs`, the demo and the probe run each the same way:
//!
//! | variant | module | how a worker hears the signal | hangs | slow | skips flush | panics |
//! | --- | --- | --- | --- | --- | --- | --- |
//! | `anti` | [`anti`] | a fresh `notified()` in each turn | yes | no | no | no |
//! | `fixed` | [`fixed`] | a token raced against tick and sync | no | no | no | no |
//! | `watch` | [`watch`] | a `watch<bool>` raced against tick and sync | no | no | no | no |
//! | `pinned-notified` | [`pinned_notified`] | one pinned `notified()` per worker | no | no | no | no |
//! | `long-arm` | [`long_arm`] | a token; the sync inside the branch | no | yes | no | no |
//! | `check-in-tick` | [`check_in_tick`] | a token; `is_cancelled()` in the tick branch | no | yes | yes | no |
//! | `lone-branch` | [`lone_branch`] | right workers; a one-branch supervisor | no | no | no | yes |
//!
//! [`variants`] names them ([`Variant`]); [`scenario`] starts a service, raises the signal at
//! a chosen instant under paused time and judges the shutdown; [`limit`] is the bench's floor,
//! the bare token round trip.

pub mod anti;
pub mod check_in_tick;
pub mod contract;
pub mod fixed;
pub mod limit;
pub mod lone_branch;
pub mod long_arm;
pub mod pinned_notified;
pub mod scenario;
pub mod variants;
pub mod watch;

pub use contract::{Config, Ledger, Signal, WorkerRecord};
/// The trait that lists and names the variants: `Variant::all()`, `.name()`, `Variant::named`.
pub use evidence::Variants;
pub use scenario::{Outcome, Scenario, Shutdown};
pub use variants::Variant;
