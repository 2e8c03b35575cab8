//! Workshop exercise: A timeout that does not stop the work. Edit `src/handler.rs`, then run `cargo workshop`.

// `cargo workshop verify` builds the reference fix instead of your file through this feature.
#[cfg_attr(feature = "reference", path = "../solution/handler.rs")]
mod handler;

// scaffold: replace this re-export with the exercise's own API.
pub use handler::handle;
