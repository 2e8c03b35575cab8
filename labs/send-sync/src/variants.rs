//! Every variant of the lab, by the name the benches, the demo and the book use.
//!
//! The names and their order come from clap's `ValueEnum` (see `evidence::Variants`); this is
//! the only file that knows every variant module.

use std::fmt;

use evidence::Variants;

use crate::contract::Converter;
use crate::ffi::RawSession;
use crate::refcell::RefCellConverter;
use crate::tokio_mutex::TokioMutex;
use crate::unguarded::Unguarded;
use crate::{anti::Anti, fixed::Fixed};

/// Every variant of the lab, the anti-pattern first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Variant {
    /// `Rc<RefCell<_>>`: neither `Send` nor `Sync`.
    Anti,
    /// A bare `RefCell`: `Send`, not `Sync` (the guide says "not Send").
    Refcell,
    /// `Mutex<_>` around the session and the count: the reference fix.
    Fixed,
    /// `Arc<tokio::sync::Mutex<_>>` with `blocking_lock`: panics on a runtime thread.
    TokioMutex,
    /// An atomic count and the session bare: `Send + Sync`, and lets calls overlap.
    Unguarded,
}

impl Variant {
    /// A converter of this variant over `session`.
    pub fn build(self, session: RawSession) -> Box<dyn Converter> {
        match self {
            Variant::Anti => Box::new(Anti::open(session)),
            Variant::Refcell => Box::new(RefCellConverter::open(session)),
            Variant::Fixed => Box::new(Fixed::open(session)),
            Variant::TokioMutex => Box::new(TokioMutex::open(session)),
            Variant::Unguarded => Box::new(Unguarded::open(session)),
        }
    }
}

impl fmt::Display for Variant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}
