//! Workshop exercise: A subscriber that quits when it lags. Edit `src/subscriber.rs`, then run `cargo workshop`.

// `cargo workshop verify` builds the reference fix instead of your file through this feature.
#[cfg_attr(feature = "reference", path = "../solution/subscriber.rs")]
mod subscriber;

// scaffold: replace this re-export with the exercise's own API.
pub use subscriber::handle;
