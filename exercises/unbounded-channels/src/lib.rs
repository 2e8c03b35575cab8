//! Workshop exercise: unbounded channels. Edit `src/pipeline.rs`, then run `cargo workshop`.

// `cargo workshop verify` builds the reference fix instead of your file through this feature.
#[cfg_attr(feature = "reference", path = "../solution/pipeline.rs")]
mod pipeline;
pub mod support;

pub use pipeline::{Pipeline, start};
pub use support::{Event, Finished, Sink};
