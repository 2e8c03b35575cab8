//! What the runtime sees: tokio-console's view of a demo, as data and as markdown.
//!
//! tokio-console is how people look inside a running Tokio program: a live table of tasks
//! (how often each was polled and woken, how long it was busy, scheduled or idle), warnings
//! about suspicious tasks, and the resources tasks wait on. It is interactive only: it can
//! neither replay a run nor print a report. The book needs both, for every lab, from a command.
//!
//! So the work is split in two. `scripts/console-capture` runs a lab's demo under
//! console-subscriber, reads the same gRPC stream tokio-console reads, and saves it as a
//! [`Recording`]. This crate does everything after that, with no runtime and no network, so
//! that a plain `cargo test` checks it on recorded fixtures:
//!
//! 1. [`replay`] folds the recording's updates into tokio-console's state ([`task`] derives
//!    its columns the way tokio-console does) and lints it after every update with
//!    tokio-console's own five rules ([`warnings`]), keeping every warning that was raised at
//!    any point;
//! 2. [`long_poll`] adds the lint tokio-console lacks: a task that held its worker in one
//!    poll for too long, the signature of blocking in async code;
//! 3. [`render`] turns the resulting [`Snapshot`] into the markdown a chapter includes.
//!
//! [`thin`] makes a recording small enough to commit as a test fixture without changing what
//! any rule concludes from it.

pub mod format;
pub mod long_poll;
pub mod recording;
pub mod render;
pub mod replay;
pub mod snapshot;
pub mod task;
pub mod thin;
pub mod warnings;

pub use recording::{Nanos, PollTimes, Recording};
pub use replay::{replay, replay_with};
pub use snapshot::Snapshot;
pub use warnings::Rule;
