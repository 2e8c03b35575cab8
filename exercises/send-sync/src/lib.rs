//! Workshop exercise: make the converter in `src/converter.rs` shareable across threads, then
//! run `cargo workshop`.

// `cargo workshop verify` builds the reference fix instead of your file through this feature.
#[cfg_attr(feature = "reference", path = "../solution/converter.rs")]
mod converter;

pub use converter::Converter;
/// The C library the converter wraps: a session must never see two calls at once.
pub use send_sync::ffi;
