//! The contract every ledger in this lab keeps: deposits that need a round trip, and a look
//! at the balances afterwards.
//!
//! The anti-pattern, the fixes and the wrong fixes all implement [`Ledger`], so the tests,
//! the benches, the demo and the probe are written once and run against each of them. Each
//! variant's own `deposit` is an inherent `async fn`; the trait boxes it, so that one harness
//! can hold any variant behind a `dyn Ledger`.

use std::future::Future;
use std::pin::Pin;

/// A boxed future borrowed from a ledger. Not `Send`: see [`Ledger`].
pub type LocalFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// What every variant offers: deposits that need a round trip, and a look at the balances.
///
/// The boxed futures are deliberately not `Send`: the anti-pattern's future cannot be (that
/// is its first symptom), so the workloads run every variant on a current-thread runtime with
/// `spawn_local`. The fixes' own futures are `Send`, and `tests/spawn.rs` spawns them onto a
/// multi-thread runtime.
pub trait Ledger {
    /// Adds `amount` to `account` once the remote service has approved it, given the
    /// account's balance. Returns when the deposit is applied.
    fn deposit(&self, account: usize, amount: u64) -> LocalFuture<'_, ()>;

    /// Every account's balance, read once no deposit is in flight.
    fn balances(&self) -> LocalFuture<'_, Vec<u64>>;
}
