//! # Locks held across `.await`
//!
//! Many tasks update shared state (here: account balances) and every update needs an I/O
//! round trip between reading and writing: a deposit is only applied once a remote risk
//! service has approved it, and that service needs to see the balance. The code people write
//! first holds the lock for the whole update:
//!
//! ```text
//! let mut balances = state.lock();                 // std or tokio mutex
//! remote.authorize(account, balances[account], amount).await;
//! balances[account] += amount;
//! ```
//!
//! What happens next depends on the lock:
//!
//! - with a `std::sync::Mutex`, the future is not `Send`, so `tokio::spawn` refuses it; on a
//!   current-thread runtime two such futures deadlock the only thread, because the second one
//!   blocks inside `lock()` while the first waits, suspended, to be polled again;
//! - with a `tokio::sync::Mutex` it is correct, but every task waits in line behind one round
//!   trip after another: `n` tasks take `n` round trips;
//! - releasing the lock before the `.await` and writing the value computed from the old read
//!   afterwards loses every deposit that landed in between;
//! - with one lock per account, a transfer takes two, and two transfers that take them in
//!   opposite orders deadlock ([`lock_order`]).
//!
//! Every way of keeping the ledger implements one trait, [`Ledger`], so the tests, the benches
//! in `benches/locks-across-await.rs`, the demo and the probe run the same workload against
//! each of them:
//!
//! | variant | module | what it does | correct? | throughput as tasks grow |
//! | --- | --- | --- | --- | --- |
//! | `anti` | [`anti`] | `std::sync::Mutex` guard held across the round trip | deadlocks; cannot be spawned | — |
//! | `tokio-mutex` | [`tokio_mutex`] | `tokio::sync::Mutex` guard held across the round trip | yes | flat |
//! | `release-and-write` | [`release_and_write`] | copies the balance out, releases, writes `old + amount` | loses updates | grows |
//! | `fixed` | [`fixed`] | copies out what the call needs, releases, re-locks and adds the delta | yes | grows |
//! | `revalidate` | [`revalidate`] | like `fixed`, but commits only if the account is unchanged, else asks again | yes | grows; retries on a hot key |
//! | `sharded` | [`sharded`] | one `tokio::sync::Mutex` per account, held across the round trip | yes | grows across keys |
//! | `actor` | [`actor`] | one task owns the balances; callers read, make the call, then send the delta | yes | grows |
//! | `actor-inline` | [`actor_inline`] | the same actor, but it makes the call itself, inside its loop | yes | flat |
//!
//! Around them: [`remote`] simulates the round trip with Tokio's timer (virtual time in tests,
//! real time in benches), [`workload`] runs many depositing tasks at once, [`watchdog`] runs a
//! workload on a thread of its own and tells a deadlock from a finish without hanging,
//! [`lock_order`] holds the two-lock transfers, and [`no_await`] compares the two mutexes when
//! nothing is held across an `.await`. The lock-order and lost-update protocols are also
//! modelled with loom, on threads, in the `locks-across-await-loom` crate beside this one.

pub mod actor;
pub mod actor_inline;
pub mod anti;
pub mod fixed;
pub mod lock_order;
pub mod no_await;
pub mod release_and_write;
pub mod remote;
pub mod revalidate;
pub mod sharded;
pub mod tokio_mutex;
pub mod watchdog;
pub mod workload;

use std::future::Future;
use std::pin::Pin;

pub use remote::Remote;

/// A boxed future borrowed from a ledger. Not `Send`: see [`Ledger`].
pub type LocalFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// What every variant offers: deposits that need a round trip, and a look at the balances.
///
/// Each variant's own `deposit` is an inherent `async fn`; this trait boxes it so that one
/// harness can drive them all. The boxed futures are deliberately not `Send`: the
/// anti-pattern's future cannot be (that is its first symptom), so the workloads run every
/// variant on a current-thread runtime with `spawn_local`. The fixes' own futures are `Send`,
/// and `tests/spawn.rs` spawns them onto a multi-thread runtime.
pub trait Ledger {
    /// Adds `amount` to `account` once the remote service has approved it, given the
    /// account's balance. Returns when the deposit is applied.
    fn deposit(&self, account: usize, amount: u64) -> LocalFuture<'_, ()>;

    /// Every account's balance, read once no deposit is in flight.
    fn balances(&self) -> LocalFuture<'_, Vec<u64>>;
}

/// Every ledger in this lab, by the name the benches, demo and book use.
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
    /// Every variant: the anti-pattern, the reference fix, then the rest.
    pub const ALL: [Variant; 8] = [
        Variant::Anti,
        Variant::Fixed,
        Variant::ReleaseAndWrite,
        Variant::Revalidate,
        Variant::Sharded,
        Variant::Actor,
        Variant::ActorInline,
        Variant::TokioMutex,
    ];

    /// The variants that lose no update and never deadlock.
    pub const CORRECT: [Variant; 6] = [
        Variant::Fixed,
        Variant::Revalidate,
        Variant::Sharded,
        Variant::Actor,
        Variant::ActorInline,
        Variant::TokioMutex,
    ];

    /// The name used on command lines, in bench ids and in the book.
    pub fn name(self) -> &'static str {
        match self {
            Variant::Anti => "anti",
            Variant::Fixed => "fixed",
            Variant::ReleaseAndWrite => "release-and-write",
            Variant::Revalidate => "revalidate",
            Variant::Sharded => "sharded",
            Variant::Actor => "actor",
            Variant::ActorInline => "actor-inline",
            Variant::TokioMutex => "tokio-mutex",
        }
    }

    /// A ledger of this kind with `accounts` empty accounts, calling `remote` for approval.
    ///
    /// Must be called inside a Tokio runtime: the actors spawn their task here.
    pub fn ledger(self, accounts: usize, remote: Remote) -> Box<dyn Ledger> {
        match self {
            Variant::Anti => Box::new(anti::StdMutexLedger::new(accounts, remote)),
            Variant::Fixed => Box::new(fixed::ScopedGuardLedger::new(accounts, remote)),
            Variant::ReleaseAndWrite => Box::new(release_and_write::ReleaseAndWriteLedger::new(
                accounts, remote,
            )),
            Variant::Revalidate => Box::new(revalidate::RevalidatingLedger::new(accounts, remote)),
            Variant::Sharded => Box::new(sharded::PerAccountLedger::new(accounts, remote)),
            Variant::Actor => Box::new(actor::ActorLedger::spawn(accounts, remote)),
            Variant::ActorInline => {
                Box::new(actor_inline::InlineActorLedger::spawn(accounts, remote))
            }
            Variant::TokioMutex => Box::new(tokio_mutex::TokioMutexLedger::new(accounts, remote)),
        }
    }
}

impl std::fmt::Display for Variant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
