//! Correct: one `tokio::sync::Mutex` per account, held across that account's round trip.
//! Deposits to one account wait in line; deposits to different accounts do not.

use tokio::sync::Mutex;

use crate::support::Remote;

/// Account balances, shared by every depositing task.
pub struct Ledger {
    balances: Vec<Mutex<u64>>,
    remote: Remote,
}

impl Ledger {
    /// A ledger of `accounts` empty accounts that asks `remote` to approve each deposit.
    pub fn new(accounts: usize, remote: Remote) -> Self {
        Ledger {
            balances: (0..accounts).map(|_| Mutex::new(0)).collect(),
            remote,
        }
    }

    /// Adds `amount` to `account` once the risk service has approved it.
    pub async fn deposit(&self, account: usize, amount: u64) {
        let mut balance = self.balances[account].lock().await;
        self.remote.authorize(account, *balance, amount).await;
        *balance += amount;
    }

    /// The balance of `account`.
    pub async fn balance(&self, account: usize) -> u64 {
        *self.balances[account].lock().await
    }
}
