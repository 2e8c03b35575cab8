//! The list of bridges: one enum naming every variant, and the one `match` that builds each.
//!
//! Names and order come from clap's `ValueEnum` (through [`evidence::Variants`]: `all()`,
//! `name()`, `named()`), so the benches, the demo, the probe and the book cannot disagree on
//! them. This is the only module that knows every variant module.

use evidence::Variants;

use crate::anti::RuntimePerCall;
use crate::contract::Bridge;
use crate::fixed::SharedRuntime;
use crate::per_thread::RuntimePerThread;

/// Every bridge in this lab, by the name the benches, demo and book use.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Variant {
    /// A new multi-thread runtime built and dropped on every call.
    Anti,
    /// One shared multi-thread runtime, built once.
    Fixed,
    /// One current-thread runtime per calling thread.
    ThreadLocal,
    /// One multi-thread runtime per calling thread.
    ThreadLocalMulti,
}

impl Variant {
    /// A fresh bridge of this kind, with nothing built yet.
    pub fn bridge(self) -> Box<dyn Bridge> {
        match self {
            Variant::Anti => Box::new(RuntimePerCall::new()),
            Variant::Fixed => Box::new(SharedRuntime::new()),
            Variant::ThreadLocal => Box::new(RuntimePerThread::current_thread()),
            Variant::ThreadLocalMulti => Box::new(RuntimePerThread::multi_thread()),
        }
    }
}

impl std::fmt::Display for Variant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_and_the_command_line_use_the_same_names() {
        for &variant in Variant::all() {
            let json = serde_json::to_string(&variant).expect("a variant serialises");
            assert_eq!(json, format!("\"{}\"", variant.name()));
            assert_eq!(Variant::named(&variant.name()), Ok(variant));
        }
    }
}
