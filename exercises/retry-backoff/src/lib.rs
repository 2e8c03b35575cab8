//! Workshop exercise: a backoff that does not back off. Edit `src/retry.rs`, then run
//! `cargo workshop`.

// `cargo workshop verify` builds the reference fix instead of your file through this feature.
#[cfg_attr(feature = "reference", path = "../solution/retry.rs")]
mod retry;
pub mod support;

pub use retry::{ceiling, delay, get};
pub use support::{Config, Jitter, Server, client};
