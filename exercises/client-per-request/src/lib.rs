//! Workshop exercise: A new HTTP client per request. Edit `src/sync_job.rs`, then run `cargo workshop`.

// `cargo workshop verify` builds the reference fix instead of your file through this feature.
#[cfg_attr(feature = "reference", path = "../solution/sync_job.rs")]
mod sync_job;

// scaffold: replace this re-export with the exercise's own API.
pub use sync_job::handle;
