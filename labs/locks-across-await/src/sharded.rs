//! A fix that keeps the lock across the round trip: one lock per account.
//!
//! Sometimes the lock really must span the call: the update has to be computed from exactly
//! the value read, and retrying (as [`crate::revalidate`] does) would cost more round trips
//! than waiting. Then make the lock as narrow as the data the update touches. Here every
//! account has its own `tokio::sync::Mutex` (Tokio's, because it *is* held across the
//! `.await`), so deposits to different accounts proceed together and only deposits to the
//! same account wait in line.
//!
//! How well it scales depends on the keys. Spread over many accounts, `n` tasks finish in
//! about one round trip; all on one hot account, they take `n`, exactly like one global lock.
//! With many more keys than you want locks, hash each key to one of a fixed number of
//! shards; this lab has few accounts, so each gets its own.
//!
//! Narrow locks bring back a problem that one lock cannot have: an operation that needs two
//! of them. A transfer locks two accounts, and two transfers that lock them in opposite
//! orders deadlock. [`crate::lock_order`] shows it, and the fix: one global order.

use tokio::sync::Mutex;

use crate::contract::{Ledger, LocalFuture};
use crate::remote::Remote;

/// One `tokio::sync::Mutex` per account, held across that account's round trip.
#[derive(Debug)]
pub struct PerAccountLedger {
    pub(crate) accounts: Vec<Mutex<u64>>,
    pub(crate) remote: Remote,
}

impl PerAccountLedger {
    /// A ledger of `accounts` empty accounts.
    pub fn new(accounts: usize, remote: Remote) -> Self {
        Self::with_balance(accounts, 0, remote)
    }

    /// A ledger of `accounts` accounts that each start with `balance`.
    pub fn with_balance(accounts: usize, balance: u64, remote: Remote) -> Self {
        PerAccountLedger {
            accounts: (0..accounts).map(|_| Mutex::new(balance)).collect(),
            remote,
        }
    }

    /// Adds `amount` to `account` after the remote approves, holding that account's lock
    /// (and no other) throughout.
    pub async fn deposit(&self, account: usize, amount: u64) {
        let mut balance = self.accounts[account].lock().await;
        self.remote.authorize(account, *balance, amount).await;
        *balance += amount;
    }

    /// Every balance, each read under its own lock.
    pub async fn balances(&self) -> Vec<u64> {
        let mut balances = Vec::with_capacity(self.accounts.len());
        for account in &self.accounts {
            balances.push(*account.lock().await);
        }
        balances
    }
}

impl Ledger for PerAccountLedger {
    fn deposit(&self, account: usize, amount: u64) -> LocalFuture<'_, ()> {
        Box::pin(Self::deposit(self, account, amount))
    }

    fn balances(&self) -> LocalFuture<'_, Vec<u64>> {
        Box::pin(Self::balances(self))
    }
}
