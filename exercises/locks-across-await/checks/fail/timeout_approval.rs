//! Wrong: "a slow risk service must not hold deposits up": waits for the approval at most
//! ten round trips, then applies the deposit anyway. With the quick service of the other
//! tests every answer comes in time; a service that takes longer is simply not asked. Caught
//! by `approval.rs`, whose service answers only when the test says so.

use std::sync::Mutex;

use crate::support::{ROUND_TRIP, Remote};

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

    /// Asks for approval, waits at most ten round trips for it, and adds `amount`.
    pub async fn deposit(&self, account: usize, amount: u64) {
        let balance = self.balances.lock().unwrap()[account];
        let _ = tokio::time::timeout(
            ROUND_TRIP * 10,
            self.remote.authorize(account, balance, amount),
        )
        .await;
        self.balances.lock().unwrap()[account] += amount;
    }

    /// The balance of `account`.
    pub async fn balance(&self, account: usize) -> u64 {
        self.balances.lock().unwrap()[account]
    }
}
