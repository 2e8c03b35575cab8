//! Workshop exercise: What may cross threads: Send, Sync and the guides' table. Edit `src/converter.rs`, then run `cargo workshop`.

// `cargo workshop verify` builds the reference fix instead of your file through this feature.
#[cfg_attr(feature = "reference", path = "../solution/converter.rs")]
mod converter;

// scaffold: replace this re-export with the exercise's own API.
pub use converter::handle;
