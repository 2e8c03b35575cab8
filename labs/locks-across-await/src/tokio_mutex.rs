//! The other anti-pattern: a `tokio::sync::Mutex` guard held across the round trip.
//!
//! This is what the compiler error on [`crate::anti`] and most guides lead to: swap the std
//! mutex for Tokio's, whose `lock()` is itself an `.await`. Waiting for the lock now suspends
//! the task instead of blocking the thread, the guard is `Send`, and nothing deadlocks. It is
//! correct.
//!
//! It is also a queue. The guard is held for the whole round trip, so while one deposit waits
//! for the remote, every other deposit waits for the lock, including deposits to other
//! accounts that have nothing to do with it. `n` tasks take `n` round trips, one after the
//! other, whether there are 2 of them or 64: throughput stays flat as concurrency grows. No
//! lint catches it (holding Tokio's guard across an `.await` is what it is for); it shows up
//! as latency that grows with load, and in tokio-console as a mutex with a queue of waiters.
//!
//! Holding an async lock across a slow call is the right tool only when the call itself must
//! be serialised (one connection that cannot take two requests at once, say), and then the
//! lock should guard that resource, not the whole state.

use tokio::sync::Mutex;

use crate::contract::{Ledger, LocalFuture};
use crate::remote::Remote;

/// Balances behind one `tokio::sync::Mutex`, locked for the whole deposit.
#[derive(Debug)]
pub struct TokioMutexLedger {
    balances: Mutex<Vec<u64>>,
    remote: Remote,
}

impl TokioMutexLedger {
    /// A ledger of `accounts` empty accounts.
    pub fn new(accounts: usize, remote: Remote) -> Self {
        TokioMutexLedger {
            balances: Mutex::new(vec![0; accounts]),
            remote,
        }
    }

    /// Adds `amount` to `account` after the remote approves, holding the lock throughout.
    pub async fn deposit(&self, account: usize, amount: u64) {
        let mut balances = self.balances.lock().await;
        let balance = balances[account];
        // Correct, because no one else can touch the balances until we write; slow, for the
        // same reason.
        self.remote.authorize(account, balance, amount).await;
        balances[account] = balance + amount;
    }

    /// Every balance.
    pub async fn balances(&self) -> Vec<u64> {
        self.balances.lock().await.clone()
    }
}

impl Ledger for TokioMutexLedger {
    fn deposit(&self, account: usize, amount: u64) -> LocalFuture<'_, ()> {
        Box::pin(Self::deposit(self, account, amount))
    }

    fn balances(&self) -> LocalFuture<'_, Vec<u64>> {
        Box::pin(Self::balances(self))
    }
}
