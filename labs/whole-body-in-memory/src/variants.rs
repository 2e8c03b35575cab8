//! Every variant of the lab, by the name the bench, the probe and the book use.
//!
//! [`Variant`] derives clap's `ValueEnum`, so the names and their order are written once,
//! here, and read everywhere through [`evidence::Variants`]. This is the only file that knows
//! every variant module.

use std::fmt;

use evidence::Variants;

use crate::contract::Download;
use crate::{anti, collected, fixed, stream_copy};

/// Every variant: the two anti-patterns, then the two fixes.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Variant {
    /// `response.bytes().await`, then write: the whole body in one buffer.
    Anti,
    /// `bytes_stream()` collected into a `Vec`, then written: streaming in name only.
    Collected,
    /// `chunk()` in a loop, each chunk written as it arrives.
    Fixed,
    /// `bytes_stream()` as an `AsyncRead`, copied with `tokio::io::copy`.
    StreamCopy,
}

impl Variant {
    /// The variant's download.
    pub fn build(self) -> Box<dyn Download> {
        match self {
            Variant::Anti => Box::new(anti::WholeBody),
            Variant::Collected => Box::new(collected::Collected),
            Variant::Fixed => Box::new(fixed::ChunkByChunk),
            Variant::StreamCopy => Box::new(stream_copy::StreamCopy),
        }
    }

    /// Whether the variant holds the whole body at once (the anti-patterns).
    pub fn holds_whole_body(self) -> bool {
        matches!(self, Variant::Anti | Variant::Collected)
    }
}

impl fmt::Display for Variant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}
