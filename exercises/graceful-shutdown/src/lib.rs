//! Workshop exercise: a shutdown signal that gets lost. Edit `src/worker.rs`, then run `cargo workshop`.

// `cargo workshop verify` builds the reference fix instead of your file through this feature.
pub mod support;
#[cfg_attr(feature = "reference", path = "../solution/worker.rs")]
mod worker;

pub use support::{Config, Ledger, Outcome, Scenario, Shutdown, Signal, drive};
pub use worker::run;
