//! Workshop exercise: An SQLite pool used like a server's. Edit `src/store.rs`, then run `cargo workshop`.

// `cargo workshop verify` builds the reference fix instead of your file through this feature.
#[cfg_attr(feature = "reference", path = "../solution/store.rs")]
mod store;

// scaffold: replace this re-export with the exercise's own API.
pub use store::handle;
