//! # Exercise: a lock held across `.await`
//!
//! A bank keeps its balances in memory, and many tasks deposit at once. Before a deposit is
//! applied, the remote risk service must approve it, and it needs the account's current
//! balance to decide: `self.remote.authorize(account, balance, amount).await` is one network
//! round trip. Right now `deposit` holds a `std::sync::Mutex` guard across that round trip.
//!
//! Make the tests pass (`cargo workshop` runs them):
//! - two deposits at once must not deadlock a current-thread runtime;
//! - no deposit may be lost, however the round trips interleave;
//! - the risk service must be told the account's real balance;
//! - deposits to different accounts must overlap their round trips instead of waiting for
//!   each other, so that throughput grows with the number of tasks.
//!
//! `new` is always called inside a Tokio runtime, so you may spawn tasks there. The tests
//! run your ledger on a paused clock: a round trip takes no real time, and a deadlock is
//! reported instead of hanging the tests.
//!
//! Stuck? `cargo workshop hint locks-across-await`.

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

    /// Adds `amount` to `account` once the risk service has approved it.
    #[expect(
        clippy::await_holding_lock,
        reason = "the starter is the anti-pattern: once fixed, delete this attribute"
    )]
    pub async fn deposit(&self, account: usize, amount: u64) {
        let mut balances = self.balances.lock().unwrap();
        let balance = balances[account];
        self.remote.authorize(account, balance, amount).await;
        balances[account] = balance + amount;
    }

    /// The balance of `account`.
    pub async fn balance(&self, account: usize) -> u64 {
        self.balances.lock().unwrap()[account]
    }
}
