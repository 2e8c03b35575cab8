//! Workshop exercise: locks held across `.await`. Edit `src/ledger.rs`, then run `cargo workshop`.

// `cargo workshop verify` builds the reference fix instead of your file through this feature.
#[cfg_attr(feature = "reference", path = "../solution/ledger.rs")]
mod ledger;
pub mod support;

pub use ledger::Ledger;
pub use support::Remote;
