//! Wrong: never blocks in `lock()`: tries the `std::sync::Mutex`, and while another task has
//! it, sleeps a round trip and tries again. The deadlock is gone, but the guard still spans
//! the `.await`, so every deposit waits in line for every other one. Caught by
//! `throughput.rs`.

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

    /// Waits politely for the lock, then holds it across the approval.
    #[expect(
        clippy::await_holding_lock,
        reason = "a wrong fix: the lock still spans the await"
    )]
    pub async fn deposit(&self, account: usize, amount: u64) {
        let mut balances = loop {
            match self.balances.try_lock() {
                Ok(guard) => break guard,
                Err(_) => tokio::time::sleep(ROUND_TRIP).await,
            }
        };
        let balance = balances[account];
        self.remote.authorize(account, balance, amount).await;
        balances[account] = balance + amount;
    }

    /// The balance of `account`.
    pub async fn balance(&self, account: usize) -> u64 {
        loop {
            if let Ok(balances) = self.balances.try_lock() {
                return balances[account];
            }
            tokio::time::sleep(ROUND_TRIP).await;
        }
    }
}
