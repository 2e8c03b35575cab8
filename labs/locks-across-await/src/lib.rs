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
//! Every way of keeping the ledger implements one trait, [`Ledger`] (in [`contract`]), so the
//! tests, the benches in `benches/locks-across-await.rs`, the demo and the probe run the same
//! workload against each of them:
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
//! [`variants`] names them all ([`Variant`]) and builds each. Around them: [`remote`]
//! simulates the round trip with Tokio's timer (virtual time in tests, real time in benches),
//! [`workload`] runs many depositing tasks at once, [`limit`] the same round trips with no
//! ledger at all (the bench's floor), [`watchdog`] runs a workload on a thread of its own and
//! tells a deadlock from a finish without hanging, [`lock_order`] holds the two-lock
//! transfers, and [`no_await`] compares the two mutexes when nothing is held across an
//! `.await`. The lock-order and lost-update protocols are also modelled with loom, on
//! threads, in the `locks-across-await-loom` crate beside this one.

pub mod actor;
pub mod actor_inline;
pub mod anti;
pub mod contract;
pub mod fixed;
pub mod limit;
pub mod lock_order;
pub mod no_await;
pub mod release_and_write;
pub mod remote;
pub mod revalidate;
pub mod sharded;
pub mod tokio_mutex;
pub mod variants;
pub mod watchdog;
pub mod workload;

pub use contract::*;
/// The trait that lists and names the variants: `Variant::all()`, `.name()`, `Variant::named`.
pub use evidence::Variants;
pub use remote::Remote;
pub use variants::Variant;
