//! Workshop exercise: an API client that builds a `reqwest::Client` for every request. Edit
//! `src/sync_job.rs`, then run `cargo workshop`.

// `cargo workshop verify` builds the reference fix instead of your file through this feature.
#[cfg_attr(feature = "reference", path = "../solution/sync_job.rs")]
mod sync_job;

pub use sync_job::Api;
