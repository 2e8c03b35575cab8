//! Workshop exercise: One task per input, and a concurrency cap called a rate limit. Edit `src/fan_out.rs`, then run `cargo workshop`.

// `cargo workshop verify` builds the reference fix instead of your file through this feature.
#[cfg_attr(feature = "reference", path = "../solution/fan_out.rs")]
mod fan_out;

// scaffold: replace this re-export with the exercise's own API.
pub use fan_out::handle;
