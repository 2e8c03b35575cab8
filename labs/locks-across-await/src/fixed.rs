//! The fix: scope the guard, copy out what the call needs, re-lock and apply a delta.
//!
//! [`ScopedGuardLedger::deposit`] takes the lock twice, briefly, and never across the
//! `.await`:
//!
//! 1. lock, copy the balance the remote needs, unlock (the guard lives in a block that ends
//!    before the call);
//! 2. make the round trip with no lock held, so any number of deposits wait for the remote
//!    at the same time;
//! 3. lock again and add `amount` to the balance as it is *now*, not as it was read.
//!
//! Step 3 is the whole difference from the broken "fix" in [`crate::release_and_write`],
//! which writes `old + amount` and so erases every deposit that landed during the round trip.
//! Adding a delta is right whenever the update commutes with the others (deposits do) and the
//! remote's answer stays valid if the balance moved meanwhile (an approval given for a lower
//! balance still holds). When it does not, re-validate instead ([`crate::revalidate`]).
//!
//! The lock is a plain `std::sync::Mutex`: it is held only for a copy or an addition, never
//! across an `.await`, so it never blocks a thread for long, and it is cheaper than Tokio's
//! (the `uncontended` and `contended` benches measure by how much). The future holds no guard
//! at any `.await`, so it is `Send` and can be spawned anywhere.

use std::sync::Mutex;

use crate::contract::{Ledger, LocalFuture};
use crate::remote::Remote;

/// Balances behind one `std::sync::Mutex`, never held across an `.await`.
#[derive(Debug)]
pub struct ScopedGuardLedger {
    balances: Mutex<Vec<u64>>,
    remote: Remote,
}

impl ScopedGuardLedger {
    /// A ledger of `accounts` empty accounts.
    pub fn new(accounts: usize, remote: Remote) -> Self {
        ScopedGuardLedger {
            balances: Mutex::new(vec![0; accounts]),
            remote,
        }
    }

    /// Adds `amount` to `account` after the remote approves, holding no lock while it waits.
    pub async fn deposit(&self, account: usize, amount: u64) {
        let balance = {
            // `unwrap`: a lock is poisoned only if a holder panicked, and no holder here panics.
            let balances = self.balances.lock().unwrap();
            balances[account]
        }; // the guard is dropped here, before the await
        self.remote.authorize(account, balance, amount).await;
        // A delta on the current balance: deposits made during the round trip are kept.
        self.balances.lock().unwrap()[account] += amount;
    }

    /// Every balance.
    pub async fn balances(&self) -> Vec<u64> {
        self.balances.lock().unwrap().clone()
    }
}

impl Ledger for ScopedGuardLedger {
    fn deposit(&self, account: usize, amount: u64) -> LocalFuture<'_, ()> {
        Box::pin(Self::deposit(self, account, amount))
    }

    fn balances(&self) -> LocalFuture<'_, Vec<u64>> {
        Box::pin(Self::balances(self))
    }
}
