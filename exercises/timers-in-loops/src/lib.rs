//! Workshop exercise: A timer rebuilt in a loop. Edit `src/ticker.rs`, then run `cargo workshop`.

// `cargo workshop verify` builds the reference fix instead of your file through this feature.
#[cfg_attr(feature = "reference", path = "../solution/ticker.rs")]
mod ticker;

// scaffold: replace this re-export with the exercise's own API.
pub use ticker::handle;
