//! Workshop exercise: {{title}}. Edit `src/{{file}}.rs`, then run `cargo workshop`.

// `cargo workshop verify` builds the reference fix instead of your file through this feature.
#[cfg_attr(feature = "reference", path = "../solution/{{file}}.rs")]
mod {{file}};

// scaffold: replace this re-export with the exercise's own API.
pub use {{file}}::handle;
