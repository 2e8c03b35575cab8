//! Wrong: the right steps (read, release, ask, add), but in a task of its own, so `deposit`
//! returns at once, before the deposit is approved or applied. A caller that reads its
//! balance straight after depositing does not see its own deposit. Caught by `approval.rs`
//! and, at the end of a run, by `no_lost_updates.rs`.

use std::sync::{Arc, Mutex};

use crate::support::Remote;

/// Account balances, shared by every depositing task.
pub struct Ledger {
    balances: Arc<Mutex<Vec<u64>>>,
    remote: Remote,
}

impl Ledger {
    /// A ledger of `accounts` empty accounts that asks `remote` to approve each deposit.
    pub fn new(accounts: usize, remote: Remote) -> Self {
        Ledger {
            balances: Arc::new(Mutex::new(vec![0; accounts])),
            remote,
        }
    }

    /// Hands the deposit to a background task and returns.
    pub async fn deposit(&self, account: usize, amount: u64) {
        let (balances, remote) = (Arc::clone(&self.balances), self.remote.clone());
        tokio::spawn(async move {
            let balance = balances.lock().unwrap()[account];
            remote.authorize(account, balance, amount).await;
            balances.lock().unwrap()[account] += amount;
        });
    }

    /// The balance of `account`.
    pub async fn balance(&self, account: usize) -> u64 {
        self.balances.lock().unwrap()[account]
    }
}
