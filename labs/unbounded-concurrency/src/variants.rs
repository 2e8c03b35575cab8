//! Every variant of the lab, by the name the benches, the demo and the book use.
//!
//! The names and their order come from clap's `ValueEnum` (see `evidence::Variants`); this is
//! the only file that knows every variant module. scaffold: replace the variants with the
//! lab's own (each named for what it is: `anti`, `fixed`, the guides' flawed fix, ...).

use std::fmt;

use evidence::Variants;

use crate::contract::Subject;
use crate::{anti, fixed};

/// Every variant of the lab, the anti-pattern first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Variant {
    /// The anti-pattern.
    Anti,
    /// The reference fix.
    Fixed,
}

impl Variant {
    /// A fresh instance of this variant.
    pub fn build(self) -> Box<dyn Subject> {
        match self {
            Variant::Anti => Box::new(anti::Anti),
            Variant::Fixed => Box::new(fixed::Fixed),
        }
    }
}

impl fmt::Display for Variant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}
