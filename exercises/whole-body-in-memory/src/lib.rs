//! Workshop exercise: a download that holds the whole body before writing it. Edit
//! `src/download.rs`, then run `cargo workshop`.

// `cargo workshop verify` builds the reference fix instead of your file through this feature.
#[cfg_attr(feature = "reference", path = "../solution/download.rs")]
mod download;

pub use download::download;
