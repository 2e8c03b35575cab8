//! Reference fix: never hold the lock across the round trip. Copy out the balance the risk
//! service needs, release the lock, make the call, then lock again and add the amount to the
//! balance as it is *now*: deposits that landed meanwhile are kept.

use std::sync::Mutex;

use crate::support::Remote;

/// Account balances, shared by every depositing task.
pub struct Ledger {
    balances: Mutex<Vec<u64>>,
    remote: Remote,
}

impl Ledger {
    /// A ledger of `accounts` empty accounts that asks `remote` to approve each deposit.
    pub fn new(accounts: usize, remote: Remote) -> Self {
        Ledger {
            balances: Mutex::new(vec![0; accounts]),
            remote,
        }
    }

    /// Adds `amount` to `account` once the risk service has approved it.
    pub async fn deposit(&self, account: usize, amount: u64) {
        let balance = {
            let balances = self.balances.lock().unwrap();
            balances[account]
        }; // the guard is dropped here, before the await
        self.remote.authorize(account, balance, amount).await;
        // Add to the current balance, not to the copy: `balance + amount` would erase every
        // deposit made during the round trip.
        self.balances.lock().unwrap()[account] += amount;
    }

    /// The balance of `account`.
    pub async fn balance(&self, account: usize) -> u64 {
        self.balances.lock().unwrap()[account]
    }
}
