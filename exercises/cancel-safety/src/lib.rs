//! Workshop exercise: a read torn by `select!`. Edit `src/reader.rs`, then run `cargo workshop`.

// `cargo workshop verify` builds the reference fix instead of your file through this feature.
#[cfg_attr(feature = "reference", path = "../solution/reader.rs")]
mod reader;
pub mod support;

pub use reader::serve;
pub use support::Served;
