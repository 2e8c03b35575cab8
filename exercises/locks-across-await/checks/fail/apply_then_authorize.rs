//! Wrong: avoids the lock across the round trip by applying the deposit first and asking the
//! risk service afterwards. The balances at the end are right, but every deposit shows in the
//! ledger while its approval is still pending. Caught by `approval.rs`.

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

    /// Adds `amount` to `account`, then has the risk service approve it.
    pub async fn deposit(&self, account: usize, amount: u64) {
        let balance = {
            let mut balances = self.balances.lock().unwrap();
            let before = balances[account];
            balances[account] += amount;
            before
        };
        self.remote.authorize(account, balance, amount).await;
    }

    /// The balance of `account`.
    pub async fn balance(&self, account: usize) -> u64 {
        self.balances.lock().unwrap()[account]
    }
}
