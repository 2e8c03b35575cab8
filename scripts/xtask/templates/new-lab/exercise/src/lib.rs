//! Workshop exercise: {{title}}. Edit `src/{{file}}.rs`, then run `cargo workshop`.

// `cargo workshop verify` builds the reference fix instead of your file through this feature.
#[cfg_attr(feature = "reference", path = "../solution/{{file}}.rs")]
mod {{file}};

pub use {{file}}::handle;
