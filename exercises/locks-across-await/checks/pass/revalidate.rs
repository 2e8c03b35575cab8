//! Correct: copy out the balance with a version, release, make the call, and commit only if
//! the version is unchanged; otherwise ask again with the new balance.

use std::sync::Mutex;

use crate::support::Remote;

/// Account balances, shared by every depositing task.
pub struct Ledger {
    accounts: Mutex<Vec<(u64, u64)>>,
    remote: Remote,
}

impl Ledger {
    /// A ledger of `accounts` empty accounts that asks `remote` to approve each deposit.
    pub fn new(accounts: usize, remote: Remote) -> Self {
        Ledger {
            accounts: Mutex::new(vec![(0, 0); accounts]),
            remote,
        }
    }

    /// Adds `amount` to `account` once the risk service has approved it.
    pub async fn deposit(&self, account: usize, amount: u64) {
        loop {
            let (balance, version) = self.accounts.lock().unwrap()[account];
            self.remote.authorize(account, balance, amount).await;
            let mut accounts = self.accounts.lock().unwrap();
            if accounts[account].1 == version {
                accounts[account] = (balance + amount, version + 1);
                return;
            }
        }
    }

    /// The balance of `account`.
    pub async fn balance(&self, account: usize) -> u64 {
        self.accounts.lock().unwrap()[account].0
    }
}
