//! Wrong: releases the lock before the round trip, as guides advise, then writes the value
//! computed from the copy. Every deposit made during the round trip is erased.

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
        let balance = self.balances.lock().unwrap()[account];
        self.remote.authorize(account, balance, amount).await;
        self.balances.lock().unwrap()[account] = balance + amount;
    }

    /// The balance of `account`.
    pub async fn balance(&self, account: usize) -> u64 {
        self.balances.lock().unwrap()[account]
    }
}
