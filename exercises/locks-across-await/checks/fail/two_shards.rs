//! Wrong: the accounts split over two `tokio::sync::Mutex` shards, each held across the round
//! trip. No deadlock, no lost deposit, and half the waiting: sixteen deposits to sixteen
//! accounts still take eight round trips in line. Caught by `throughput.rs`.

use tokio::sync::Mutex;

use crate::support::Remote;

const SHARDS: usize = 2;

/// Account balances; account `a` lives in shard `a % SHARDS`.
pub struct Ledger {
    shards: Vec<Mutex<Vec<u64>>>,
    remote: Remote,
}

impl Ledger {
    /// A ledger of `accounts` empty accounts that asks `remote` to approve each deposit.
    pub fn new(accounts: usize, remote: Remote) -> Self {
        Ledger {
            shards: (0..SHARDS).map(|_| Mutex::new(vec![0; accounts])).collect(),
            remote,
        }
    }

    /// Adds `amount` to `account` once the risk service has approved it.
    pub async fn deposit(&self, account: usize, amount: u64) {
        let mut shard = self.shards[account % SHARDS].lock().await;
        self.remote.authorize(account, shard[account], amount).await;
        shard[account] += amount;
    }

    /// The balance of `account`.
    pub async fn balance(&self, account: usize) -> u64 {
        self.shards[account % SHARDS].lock().await[account]
    }
}
