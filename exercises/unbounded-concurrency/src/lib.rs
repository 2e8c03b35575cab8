//! Workshop exercise: a sync job that spawns a task per input. Edit `src/fan_out.rs`, then run
//! `cargo workshop`.

pub mod api;

// `cargo workshop verify` builds the reference fix instead of your file through this feature.
#[cfg_attr(feature = "reference", path = "../solution/fan_out.rs")]
mod fan_out;

pub use api::{Api, MAX_IN_FLIGHT};
pub use fan_out::fetch_all;
