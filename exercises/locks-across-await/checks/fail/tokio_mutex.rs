//! Wrong: swaps in `tokio::sync::Mutex` and keeps holding it across the round trip. Correct
//! and deadlock-free, but every deposit waits for every other one's round trip.

use tokio::sync::Mutex;

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
        let mut balances = self.balances.lock().await;
        let balance = balances[account];
        self.remote.authorize(account, balance, amount).await;
        balances[account] = balance + amount;
    }

    /// The balance of `account`.
    pub async fn balance(&self, account: usize) -> u64 {
        self.balances.lock().await[account]
    }
}
