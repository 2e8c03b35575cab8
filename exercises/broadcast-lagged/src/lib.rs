//! Workshop exercise: a subscriber that quits when it lags. Edit `src/subscriber.rs`, then run
//! `cargo workshop`.

pub mod support;
// `cargo workshop verify` builds the reference fix instead of your file through this feature.
#[cfg_attr(feature = "reference", path = "../solution/subscriber.rs")]
mod subscriber;

pub use subscriber::run;
pub use support::{End, Inbox, Outcome, Scenario, drive, drive_paused};
