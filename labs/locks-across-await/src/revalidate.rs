//! A fix for updates that must be computed from exactly the value read: re-validate.
//!
//! [`crate::fixed`] adds a delta to whatever the balance is after the round trip. That is
//! right for deposits, but not when the remote's answer is only valid for the value it saw
//! (a price quoted for a quantity, an approval for an exact balance, a cache entry rebuilt
//! from a version), or when the new value is not a delta at all. Then the update must commit
//! only if nothing changed while it was away, and start over otherwise. This is optimistic
//! concurrency, the same idea as a compare-and-swap:
//!
//! 1. lock, copy the account's balance *and its version*, unlock;
//! 2. make the round trip with no lock held;
//! 3. lock again: if the version is the one copied, write and bump it; if not, another update
//!    got there first, so the approval is stale: go back to 1 with the new balance.
//!
//! Deposits to different accounts never conflict, so throughput grows with the number of
//! tasks just as with `fixed`. On one hot account it does not: of `n` tasks that read the
//! same version, one commits and `n - 1` go round again, so the last one finishes after `n`
//! round trips, having made the remote answer `n (n + 1) / 2` calls in all. The probe's
//! virtual-time table shows both.
//!
//! (When the state is a single number, an `AtomicU64` and `compare_exchange` do the same without
//! a lock; the version makes the idea work for state of any shape.)

use std::sync::Mutex;

use crate::contract::{Ledger, LocalFuture};
use crate::remote::Remote;

/// One account: its balance and how many times it has been written.
#[derive(Debug, Clone, Copy, Default)]
struct Account {
    balance: u64,
    version: u64,
}

/// Balances with versions behind one `std::sync::Mutex`; a deposit commits only against the
/// version it read.
#[derive(Debug)]
pub struct RevalidatingLedger {
    accounts: Mutex<Vec<Account>>,
    remote: Remote,
}

impl RevalidatingLedger {
    /// A ledger of `accounts` empty accounts.
    pub fn new(accounts: usize, remote: Remote) -> Self {
        RevalidatingLedger {
            accounts: Mutex::new(vec![Account::default(); accounts]),
            remote,
        }
    }

    /// Adds `amount` to `account` once the remote has approved it for the account's current
    /// balance, asking again as often as another deposit changes that balance first.
    pub async fn deposit(&self, account: usize, amount: u64) {
        loop {
            // `unwrap`: a lock is poisoned only if a holder panicked, and no holder here panics.
            let seen = self.accounts.lock().unwrap()[account];
            self.remote.authorize(account, seen.balance, amount).await;
            let committed = {
                let mut accounts = self.accounts.lock().unwrap();
                let current = &mut accounts[account];
                if current.version == seen.version {
                    // Nothing was written since the read: the approval is for this balance.
                    current.balance = seen.balance + amount;
                    current.version += 1;
                    true
                } else {
                    false
                }
            }; // the guard is dropped here, before the next round trip
            if committed {
                return;
            }
        }
    }

    /// Every balance.
    pub async fn balances(&self) -> Vec<u64> {
        let accounts = self.accounts.lock().unwrap();
        accounts.iter().map(|a| a.balance).collect()
    }
}

impl Ledger for RevalidatingLedger {
    fn deposit(&self, account: usize, amount: u64) -> LocalFuture<'_, ()> {
        Box::pin(Self::deposit(self, account, amount))
    }

    fn balances(&self) -> LocalFuture<'_, Vec<u64>> {
        Box::pin(Self::balances(self))
    }
}
