//! The broken fix: release the lock before the `.await`, then write what was computed before.
//!
//! Popular advice for the anti-pattern is "don't hold the lock across the `.await`: copy the
//! data out, drop the guard, then await". For a read that is right. For an update it splits
//! the read-modify-write in two:
//!
//! ```text
//! task A: read 100 ─── round trip ─────────────── write 100 + 5
//! task B:     read 100 ─── round trip ─── write 100 + 7
//! ```
//!
//! Both read 100; B writes 107, then A writes 105 over it. B's deposit is gone, nothing
//! failed, and nothing was logged. It compiles, it is `Send`, clippy is silent, and with one
//! task at a time every test passes: the loss appears only when updates overlap, which is to
//! say under load. `tests/lost_updates.rs` and the loom model in `locks-across-await-loom`
//! make the overlap happen on purpose.
//!
//! The repair is one line: write a delta on the current value ([`crate::fixed`]), or check
//! that the value is still the one read before writing ([`crate::revalidate`]).

use std::sync::Mutex;

use crate::contract::{Ledger, LocalFuture};
use crate::remote::Remote;

/// Balances behind one `std::sync::Mutex`, released during the round trip and then
/// overwritten with a value computed from the stale read.
#[derive(Debug)]
pub struct ReleaseAndWriteLedger {
    balances: Mutex<Vec<u64>>,
    remote: Remote,
}

impl ReleaseAndWriteLedger {
    /// A ledger of `accounts` empty accounts.
    pub fn new(accounts: usize, remote: Remote) -> Self {
        ReleaseAndWriteLedger {
            balances: Mutex::new(vec![0; accounts]),
            remote,
        }
    }

    /// Adds `amount` to `account`, unless another deposit lands during the round trip.
    pub async fn deposit(&self, account: usize, amount: u64) {
        let balance = {
            // `unwrap`: a lock is poisoned only if a holder panicked, and no holder here panics.
            let balances = self.balances.lock().unwrap();
            balances[account]
        };
        self.remote.authorize(account, balance, amount).await;
        // The bug: `balance` may be stale by now, and this overwrites whatever is there.
        self.balances.lock().unwrap()[account] = balance + amount;
    }

    /// Every balance.
    pub async fn balances(&self) -> Vec<u64> {
        self.balances.lock().unwrap().clone()
    }
}

impl Ledger for ReleaseAndWriteLedger {
    fn deposit(&self, account: usize, amount: u64) -> LocalFuture<'_, ()> {
        Box::pin(Self::deposit(self, account, amount))
    }

    fn balances(&self) -> LocalFuture<'_, Vec<u64>> {
        Box::pin(Self::balances(self))
    }
}
