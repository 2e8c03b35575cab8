//! Workshop exercise: a timer rebuilt in a loop. Edit `src/ticker.rs`, then run `cargo workshop`.

// `cargo workshop verify` builds the reference fix instead of your file through this feature.
pub mod support;
#[cfg_attr(feature = "reference", path = "../solution/ticker.rs")]
mod ticker;

pub use support::{Actions, Message, Record, Scenario, drive};
pub use ticker::run;
