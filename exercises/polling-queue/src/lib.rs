//! Workshop exercise: Workers that poll a shared queue. Edit `src/pool.rs`, then run `cargo workshop`.

// `cargo workshop verify` builds the reference fix instead of your file through this feature.
#[cfg_attr(feature = "reference", path = "../solution/pool.rs")]
mod pool;

// scaffold: replace this re-export with the exercise's own API.
pub use pool::handle;
