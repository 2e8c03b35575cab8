//! Correct, and lock-free: one `AtomicU64` per account; read it for the call, then add the
//! amount with `fetch_add`, which keeps every deposit made meanwhile.

use std::sync::atomic::{AtomicU64, Ordering};

use crate::support::Remote;

/// Account balances, shared by every depositing task.
pub struct Ledger {
    balances: Vec<AtomicU64>,
    remote: Remote,
}

impl Ledger {
    /// A ledger of `accounts` empty accounts that asks `remote` to approve each deposit.
    pub fn new(accounts: usize, remote: Remote) -> Self {
        Ledger {
            balances: (0..accounts).map(|_| AtomicU64::new(0)).collect(),
            remote,
        }
    }

    /// Adds `amount` to `account` once the risk service has approved it.
    pub async fn deposit(&self, account: usize, amount: u64) {
        let balance = self.balances[account].load(Ordering::Acquire);
        self.remote.authorize(account, balance, amount).await;
        self.balances[account].fetch_add(amount, Ordering::AcqRel);
    }

    /// The balance of `account`.
    pub async fn balance(&self, account: usize) -> u64 {
        self.balances[account].load(Ordering::Acquire)
    }
}
