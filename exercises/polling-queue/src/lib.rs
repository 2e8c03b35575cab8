//! Workshop exercise: workers that poll a shared queue. Edit `src/pool.rs`, then run
//! `cargo workshop`.

// `cargo workshop verify` builds the reference fix instead of your file through this feature.
#[cfg_attr(feature = "reference", path = "../solution/pool.rs")]
mod pool;
pub mod support;

pub use pool::build;
pub use support::{Backlog, BoxFuture, Built, Job, Log, Pool, Queue, Record};
