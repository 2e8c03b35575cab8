//! Workshop exercise: A read torn by select!. Edit `src/reader.rs`, then run `cargo workshop`.

// `cargo workshop verify` builds the reference fix instead of your file through this feature.
#[cfg_attr(feature = "reference", path = "../solution/reader.rs")]
mod reader;

// scaffold: replace this re-export with the exercise's own API.
pub use reader::handle;
