//! Wrong: sends the approval request from a task of its own and applies the deposit without
//! waiting for the answer ("the service always approves"). No lock across the round trip,
//! nobody waits, the balances add up, and nothing was approved when it was applied. Caught by
//! `approval.rs` (a deposit returned before its approval).

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

    /// Starts the approval, and adds `amount` to `account` at once.
    pub async fn deposit(&self, account: usize, amount: u64) {
        let balance = self.balances.lock().unwrap()[account];
        let remote = self.remote.clone();
        tokio::spawn(async move { remote.authorize(account, balance, amount).await });
        self.balances.lock().unwrap()[account] += amount;
    }

    /// The balance of `account`.
    pub async fn balance(&self, account: usize) -> u64 {
        self.balances.lock().unwrap()[account]
    }
}
