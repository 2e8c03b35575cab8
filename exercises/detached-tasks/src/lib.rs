//! Workshop exercise: tasks nobody watches. Edit `src/service.rs`, then run `cargo workshop`.

pub mod support;
// `cargo workshop verify` builds the reference fix instead of your file through this feature.
#[cfg_attr(feature = "reference", path = "../solution/service.rs")]
mod service;

pub use service::{run_jobs, spawn_store};
pub use support::{
    Abandoned, Command, Job, JobError, Kind, Ledger, Outcome, Rejected, Report, Shelf, Store,
    StoreError, Supervised, abandon, panic_message, supervise,
};
