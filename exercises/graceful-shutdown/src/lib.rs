//! Workshop exercise: A shutdown signal that gets lost. Edit `src/worker.rs`, then run `cargo workshop`.

// `cargo workshop verify` builds the reference fix instead of your file through this feature.
#[cfg_attr(feature = "reference", path = "../solution/worker.rs")]
mod worker;

// scaffold: replace this re-export with the exercise's own API.
pub use worker::handle;
