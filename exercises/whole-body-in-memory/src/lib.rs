//! Workshop exercise: A whole body in memory. Edit `src/download.rs`, then run `cargo workshop`.

// `cargo workshop verify` builds the reference fix instead of your file through this feature.
#[cfg_attr(feature = "reference", path = "../solution/download.rs")]
mod download;

// scaffold: replace this re-export with the exercise's own API.
pub use download::handle;
