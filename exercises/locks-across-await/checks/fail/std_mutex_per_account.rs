//! Wrong: one `std::sync::Mutex` per account, still held across the round trip. Deposits to
//! different accounts no longer meet, so those tests pass; two deposits to the same account
//! deadlock the current-thread runtime exactly as before. Caught by `no_deadlock.rs`
//! (`two_deposits_at_once_finish_on_a_current_thread_runtime`).

use std::sync::Mutex;

use crate::support::Remote;

/// Account balances, one lock each.
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
    #[expect(
        clippy::await_holding_lock,
        reason = "a wrong fix: the lock still spans the await"
    )]
    pub async fn deposit(&self, account: usize, amount: u64) {
        let mut balance = self.balances[account].lock().unwrap();
        self.remote.authorize(account, *balance, amount).await;
        *balance += amount;
    }

    /// The balance of `account`.
    pub async fn balance(&self, account: usize) -> u64 {
        *self.balances[account].lock().unwrap()
    }
}
