//! Every variant of the lab, by the name the benches, the demo and the book use, and the one
//! place that runs each.
//!
//! [`Variant`] derives clap's `ValueEnum`, so its names and order are written once, here, and
//! read everywhere through [`evidence::Variants`]: `Variant::all()`, `variant.name()`,
//! `Variant::named("fixed")`. This is the only file that imports every variant module; the
//! variants themselves know only the contract.

use std::fmt;
use std::io;
use std::time::Duration;

use evidence::Variants;

use crate::contract::{Input, Report};
use crate::{anti, fixed, framed, kept_buffer, pinned, reader_task};

/// Every way of reading lines in the `select!` loop, the anti-pattern first, then the
/// reference fix (the order of every table and plot).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Variant {
    /// `read_line` into a fresh `String` as a `select!` branch.
    Anti,
    /// `Lines::next_line` as the branch (cancel safe).
    Fixed,
    /// `read_line` into a `String` kept outside the loop: tears lines all the same.
    KeptBuffer,
    /// `FramedRead` with `LinesCodec`, `StreamExt::next` as the branch (cancel safe).
    Framed,
    /// `read_line` in one pinned future kept across iterations, never dropped half-way.
    Pinned,
    /// `read_line` in a task of its own, whole lines over a bounded channel.
    ReaderTask,
}

impl Variant {
    /// Serves `reader` with this variant, a tick every `tick`, until end of stream.
    pub async fn serve<R: Input>(self, reader: R, tick: Duration) -> io::Result<Report> {
        match self {
            Variant::Anti => anti::serve(reader, tick).await,
            Variant::Fixed => fixed::serve(reader, tick).await,
            Variant::KeptBuffer => kept_buffer::serve(reader, tick).await,
            Variant::Framed => framed::serve(reader, tick).await,
            Variant::Pinned => pinned::serve(reader, tick).await,
            Variant::ReaderTask => reader_task::serve(reader, tick).await,
        }
    }

    /// Whether the lab says this variant never tears a line; the tests hold each to it.
    pub fn keeps_every_line(self) -> bool {
        !matches!(self, Variant::Anti | Variant::KeptBuffer)
    }

    /// The variants that keep every line.
    pub fn fixes() -> impl Iterator<Item = Variant> {
        Variant::all()
            .iter()
            .copied()
            .filter(|v| v.keeps_every_line())
    }
}

impl fmt::Display for Variant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}
