//! The list of ledgers: one name per way of keeping the balances, and the one place that
//! builds each.
//!
//! [`Variant`] derives clap's `ValueEnum`, so its kebab-case names (`tokio-mutex`,
//! `release-and-write`) and its order are written once, here, and read everywhere through
//! [`evidence::Variants`]: `Variant::all()`, `variant.name()`, `Variant::named("fixed")`.
//! This is the only file that imports every variant module; the variants themselves know
//! only the contract.

use evidence::Variants;

use crate::actor::ActorLedger;
use crate::actor_inline::InlineActorLedger;
use crate::anti::StdMutexLedger;
use crate::contract::Ledger;
use crate::fixed::ScopedGuardLedger;
use crate::release_and_write::ReleaseAndWriteLedger;
use crate::remote::Remote;
use crate::revalidate::RevalidatingLedger;
use crate::sharded::PerAccountLedger;
use crate::tokio_mutex::TokioMutexLedger;

/// Every ledger in this lab, by the name the benches, demo and book use; the anti-pattern
/// first, then the reference fix, then the rest (the order of every table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Variant {
    /// A `std::sync::Mutex` guard held across the round trip.
    Anti,
    /// Copy out what the call needs, release, re-lock and add the delta.
    Fixed,
    /// Copy out, release, write the value computed from the stale read: loses updates.
    ReleaseAndWrite,
    /// Copy out with a version, release, commit only if the version is unchanged.
    Revalidate,
    /// One `tokio::sync::Mutex` per account, held across the round trip.
    Sharded,
    /// An actor owns the balances; callers make the round trip between two messages.
    Actor,
    /// An actor that makes the round trip itself, inside its loop.
    ActorInline,
    /// One `tokio::sync::Mutex`, held across the round trip.
    TokioMutex,
}

impl Variant {
    /// Whether this ledger loses no update and never deadlocks. A `match` rather than a list,
    /// so that a new variant cannot be added without deciding.
    pub fn is_correct(self) -> bool {
        match self {
            Variant::Anti | Variant::ReleaseAndWrite => false,
            Variant::Fixed
            | Variant::Revalidate
            | Variant::Sharded
            | Variant::Actor
            | Variant::ActorInline
            | Variant::TokioMutex => true,
        }
    }

    /// The variants that lose no update and never deadlock, in the usual order.
    pub fn correct() -> impl Iterator<Item = Variant> {
        Variant::all().iter().copied().filter(|v| v.is_correct())
    }

    /// A ledger of this kind with `accounts` empty accounts, calling `remote` for approval.
    ///
    /// Must be called inside a Tokio runtime: the actors spawn their task here.
    pub fn ledger(self, accounts: usize, remote: Remote) -> Box<dyn Ledger> {
        match self {
            Variant::Anti => Box::new(StdMutexLedger::new(accounts, remote)),
            Variant::Fixed => Box::new(ScopedGuardLedger::new(accounts, remote)),
            Variant::ReleaseAndWrite => Box::new(ReleaseAndWriteLedger::new(accounts, remote)),
            Variant::Revalidate => Box::new(RevalidatingLedger::new(accounts, remote)),
            Variant::Sharded => Box::new(PerAccountLedger::new(accounts, remote)),
            Variant::Actor => Box::new(ActorLedger::spawn(accounts, remote)),
            Variant::ActorInline => Box::new(InlineActorLedger::spawn(accounts, remote)),
            Variant::TokioMutex => Box::new(TokioMutexLedger::new(accounts, remote)),
        }
    }
}

impl std::fmt::Display for Variant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name())
    }
}
