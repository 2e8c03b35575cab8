//! The anti-pattern: a `std::sync::Mutex` guard held across the round trip.
//!
//! [`StdMutexLedger::deposit`] locks the balances, awaits the remote approval with the guard
//! still alive, then writes. It reads naturally, and it is wrong in two ways that do not need
//! any load to show:
//!
//! - **It cannot be spawned.** A `std::sync::MutexGuard` must be released by the thread that
//!   took it, so it is not `Send`. A future that keeps one across an `.await` is therefore not
//!   `Send` either, and `tokio::spawn` rejects it at compile time ("`MutexGuard<..>` cannot
//!   be sent between threads safely"; `tests/compile-fail/spawn_std_guard.stderr` holds the
//!   whole message, and changes whenever the body of `deposit` below does).
//! - **It deadlocks a current-thread runtime.** Run two deposits together on one thread (with
//!   `join!`, a `LocalSet`, or `spawn_local`). The first takes the lock and suspends at the
//!   `.await`, still holding it. The second calls `lock()`, which blocks the thread until the
//!   lock is free. Only the first future can free it, and only this thread can poll it. The
//!   thread sleeps in the kernel, so no Tokio timer fires either: wrapping the deposits in
//!   `tokio::time::timeout` does not help (`tests/std_guard.rs` shows both).
//!
//! `clippy::await_holding_lock` (warn by default) catches the pattern; the `#[expect]` below
//! proves it fires.

use std::sync::Mutex;

use crate::contract::{Ledger, LocalFuture};
use crate::remote::Remote;

/// Balances behind one `std::sync::Mutex`, locked for the whole deposit.
#[derive(Debug)]
pub struct StdMutexLedger {
    balances: Mutex<Vec<u64>>,
    remote: Remote,
}

impl StdMutexLedger {
    /// A ledger of `accounts` empty accounts.
    pub fn new(accounts: usize, remote: Remote) -> Self {
        StdMutexLedger {
            balances: Mutex::new(vec![0; accounts]),
            remote,
        }
    }

    /// Adds `amount` to `account` after the remote approves, holding the lock throughout.
    #[expect(
        clippy::await_holding_lock,
        reason = "the anti-pattern itself: clippy's lint must fire here"
    )]
    pub async fn deposit(&self, account: usize, amount: u64) {
        // `unwrap`: a lock is poisoned only if a holder panicked, and no holder here panics.
        let mut balances = self.balances.lock().unwrap();
        let balance = balances[account];
        // The guard is still alive across this await: the whole problem.
        self.remote.authorize(account, balance, amount).await;
        balances[account] = balance + amount;
    }

    /// Every balance.
    pub async fn balances(&self) -> Vec<u64> {
        self.balances.lock().unwrap().clone()
    }

    /// Whether some task holds the lock right now; lets the tests watch a deadlock from
    /// another thread without joining it.
    pub fn is_locked(&self) -> bool {
        matches!(
            self.balances.try_lock(),
            Err(std::sync::TryLockError::WouldBlock)
        )
    }
}

impl Ledger for StdMutexLedger {
    fn deposit(&self, account: usize, amount: u64) -> LocalFuture<'_, ()> {
        Box::pin(Self::deposit(self, account, amount))
    }

    fn balances(&self) -> LocalFuture<'_, Vec<u64>> {
        Box::pin(Self::balances(self))
    }
}
